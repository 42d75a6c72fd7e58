"""The `glute-coach` command as a person meets it: the console coach, --help, bad settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

COACH = str(Path(sys.executable).parent / "glute-coach")
ANSWERS = [
    "stronger glutes",
    "newbie",
    "twice",
    "nothing",
    "tue thu",
    "18:00",
    "none",
    "new york",
    "no thanks",
    "looks good",
]


def env_for(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    env.update(settings)
    return env


def chat(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COACH, "chat"],
        input="\n".join(lines) + "\n",
        env=env_for(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_console_onboarding_with_typed_answers_then_a_session(tmp_path: Path) -> None:
    done = chat(tmp_path, [*ANSWERS, "1", "1"])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = done.stdout
    assert "TELEGRAM_BOT_TOKEN" in out  # one line on how to connect Telegram
    assert "What's your main goal?" in out and "  1) " in out  # buttons as numbered choices
    assert "New York" in out and "America/New_York" in out
    assert "You're all set" in out
    assert "Next reminder: Tue" in out
    assert "1 of " in out, "choosing 1 starts the first session, one exercise at a time"
    assert out.rstrip().endswith("Your answers are saved.")

    # Restarted, the coach knows the runner: no second onboarding.
    again = chat(tmp_path, ["/settings"])
    assert again.returncode == 0, again.stderr
    assert "What's your main goal?" not in again.stdout
    assert "/workout" in again.stdout


def test_console_reasks_unreadable_answers(tmp_path: Path) -> None:
    done = chat(tmp_path, ["stronger glutes", "🤷", "asdf qwer", "regular"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("How long have you been running?") >= 3
    assert "Try" in done.stdout or "e.g." in done.stdout


def test_ctrl_c_ends_the_console_cleanly(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [COACH, "chat"],
        env=env_for(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    seen = ""
    while "main goal" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "Your answers are saved." in out


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"DATABASE_URL": "mysql://u@h/db"}, "DATABASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": "oops"}, "TELEGRAM_BOT_TOKEN"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
        ({"SEND_RATE_PER_SECOND": "-1"}, "SEND_RATE_PER_SECOND"),
        ({}, "TELEGRAM_BOT_TOKEN"),  # `run` needs a token
    ],
)
def test_misconfiguration_exits_with_one_line_naming_the_setting(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    done = subprocess.run(
        [COACH, "run"],
        env=env_for(tmp_path, **settings),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Invalid setting {named}:"), done.stderr


@pytest.mark.parametrize(
    "command", [[], ["start"], ["run"], ["chat"], ["dispatch"], ["db"], ["db", "upgrade"]]
)
def test_help_on_each_command(command: list[str]) -> None:
    done = subprocess.run(
        [COACH, *command, "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and "usage: glute-coach" in done.stdout


def test_db_upgrade_migrates_an_empty_database(tmp_path: Path) -> None:
    done = subprocess.run(
        [COACH, "db", "upgrade"],
        env=env_for(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "migrated from empty" in done.stderr
    assert (tmp_path / "coach.db").exists()
