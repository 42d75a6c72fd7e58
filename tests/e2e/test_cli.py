"""The `glute-coach` command as a person meets it: the console coach, --help, bad settings.

One real console process (started, answered and ended with Ctrl-C); everything else calls the
same entry point, bot.cli.main, in this process, which is quicker by a process start each.
"""

from __future__ import annotations

import io
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import QUIET_LOGGERS, main
from dialogs.texts import t
from tests.support.children import die_with_parent

COACH = str(Path(sys.executable).parent / "glute-coach")
ANSWERS = [
    "stronger glutes",
    "no race",
    "newbie",
    "twice",
    "10k",
    "nothing",
    "tue thu",
    "18:00",
    "none",
    "new york",
    "no thanks",
    "looks good",
]
# The first question as the console shows it: the buttons as numbered choices, then the prompt.
GOAL_PROMPT = """What's your main goal?
Training for a race? Just say which, e.g. "my first half marathon".
  1) 🏃 Faster 5k/10k
  2) 🛡 Prevent injuries
  3) 🍑 Stronger glutes
  4) 🩹 Back from a niggle
> """


def env_for(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    env.update(settings)
    return env


@dataclass(frozen=True, slots=True)
class Exit:
    code: int
    out: str
    err: str


Command = Callable[..., Exit]


@pytest.fixture
def glute_coach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Command]:
    """`glute-coach *argv` in this process, with these settings and these lines typed."""
    monkeypatch.chdir(tmp_path)  # no developer's .env
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}

    def run(*argv: str, lines: tuple[str, ...] = (), **settings: str) -> Exit:
        with monkeypatch.context() as patch:
            for name in os.environ:
                if name.startswith(("TELEGRAM_", "DATABASE_")):
                    patch.delenv(name)
            for name, value in env_for(tmp_path, **settings).items():
                patch.setenv(name, value)
            patch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
            try:
                main(list(argv))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0
        out, err = capsys.readouterr()
        return Exit(code, out, err)

    yield run
    # main() holds the noisy libraries' loggers down, as at start-up; give them back
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


class Output:
    """What a process writes to stdout, read on a thread so every wait has a deadline."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.text = ""
        self._chunks: queue.Queue[str] = queue.Queue()
        fd = stream.fileno()

        def pump() -> None:
            while chunk := os.read(fd, 65536):
                self._chunks.put(chunk.decode())

        self._pump = threading.Thread(target=pump, daemon=True)
        self._pump.start()

    def wait_until(self, done: Callable[[str], bool], *, seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while not done(self.text):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {what} within {seconds} s; output so far:\n{self.text}")
            try:
                self.text += self._chunks.get(timeout=left)
            except queue.Empty:
                continue

    def to_the_end(self, *, seconds: float) -> str:
        """Everything, once the process has closed its stdout."""
        self._pump.join(seconds)
        assert not self._pump.is_alive(), f"stdout still open after {seconds} s"
        while not self._chunks.empty():
            self.text += self._chunks.get_nowait()
        return self.text


@pytest.mark.slow
def test_the_console_coach_as_a_process_onboards_starts_a_session_and_ends_on_ctrl_c(
    tmp_path: Path, glute_coach: Command
) -> None:
    proc = subprocess.Popen(
        [COACH, "chat"],
        env=env_for(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=die_with_parent,
    )
    assert proc.stdin is not None and proc.stdout is not None
    output = Output(proc.stdout)
    try:
        output.wait_until(lambda out: out.endswith(GOAL_PROMPT), seconds=60, what="first question")
        # the whole onboarding, then 1 for the first session and 1 to start it
        proc.stdin.write("".join(f"{line}\n" for line in [*ANSWERS, "1", "1"]))
        proc.stdin.flush()
        output.wait_until(
            lambda out: "\n1 of " in out and out.endswith("> "), seconds=60, what="first exercise"
        )
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    out = output.to_the_end(seconds=5)
    err = proc.stderr.read() if proc.stderr is not None else ""
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "America/New_York" in out and "New York" in out
    assert "You're all set" in out
    assert "Next reminder: Tue" in out
    assert out.endswith(f"> \n{t('core.bye')}\n"), out[-200:]

    # Started again, the coach knows the runner: no second onboarding.
    again = glute_coach("chat", lines=("/settings",))
    assert again.code == 0, again.err
    assert "What's your main goal?" not in again.out
    assert "/workout" in again.out


def test_console_reasks_unreadable_answers(glute_coach: Command) -> None:
    done = glute_coach("chat", lines=("stronger glutes", "no race", "🤷", "asdf qwer", "regular"))
    assert done.code == 0, done.err
    retry = t("onboarding.retry", example=t("onboarding.example.experience"))
    question = t("onboarding.ask.experience")
    # asked, then twice more, each time after saying what to type
    assert done.out.count(question) == 3
    assert done.out.count(f"{retry}\n{question}") == 2, done.out


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
    tmp_path: Path, glute_coach: Command, settings: dict[str, str], named: str
) -> None:
    done = glute_coach("run", **settings)
    assert done.code == 2
    lines = done.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Invalid setting {named}:"), done.err
    assert not (tmp_path / "coach.db").exists(), "nothing is created on a refused start"


@pytest.mark.parametrize(
    "command", [[], ["start"], ["run"], ["chat"], ["dispatch"], ["db"], ["db", "upgrade"]]
)
def test_help_on_each_command(glute_coach: Command, command: list[str]) -> None:
    done = glute_coach(*command, "--help")
    assert done.code == 0
    assert done.out.startswith(" ".join(["usage: glute-coach", *command])), done.out


def test_db_upgrade_migrates_an_empty_database(
    tmp_path: Path, glute_coach: Command, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.storage.database")
    done = glute_coach("db", "upgrade")
    assert done.code == 0, done.err
    assert (tmp_path / "coach.db").exists()
    [migrated] = [record.getMessage() for record in caplog.records]
    assert migrated.startswith("database migrated from empty to "), migrated
