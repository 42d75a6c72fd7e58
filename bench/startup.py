"""Start-up time and memory: `glute-coach chat` until its first question, `glute-coach run` until
it polls Telegram (the fake Bot API server on loopback), each beside baselines from the same run:
an empty Python process and a bare python-telegram-bot Application that starts polling.

Each figure is the median of --runs processes, after one run not counted (it migrates the
scratch database and warms the file cache). Wall seconds depend on what else the machine is
doing; the CPU seconds the process had used by then do much less.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fakebot import FakeTelegram

COACH = [sys.executable, "-c", "from bot.cli import main; main()"]
TICKS = os.sysconf("SC_CLK_TCK")
FIRST_QUESTION_TARGET = 1.5  # seconds, `glute-coach chat` on a warm machine
RSS_TARGET = 120.0  # MB, each process after start

EMPTY = "print('\\n> ', flush=True); import sys; sys.stdin.read()"
# The bare baseline: build an Application as the coach does (token, base URL) and poll.
BARE_PTB = """
import sys
from telegram.ext import ApplicationBuilder
app = ApplicationBuilder().token(sys.argv[1]).base_url(sys.argv[2]).build()
app.run_polling(poll_interval=0, timeout=1)
"""


@dataclass(frozen=True, slots=True)
class Started:
    seconds: float  # wall, from spawning the process
    cpu: float  # seconds of CPU the process had used by then
    rss: float  # MB resident then


def memory(pid: int) -> float:
    """Resident MB of a running process (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a running process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def environment(folder: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{folder}/coach.db", LOG_LEVEL="WARNING")
    env.update(extra)
    return env


async def prompting(args: list[str], env: dict[str, str], cwd: Path) -> Started:
    """A process until it prompts for a line ("> " on a line of its own); then EOF on stdin."""
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *args,
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    seen = b""
    while b"\n> " not in seen:
        chunk = await proc.stdout.read(4096)
        if not chunk:
            raise RuntimeError(f"{args} ended before prompting:\n{seen.decode()}")
        seen += chunk
    started = Started(time.perf_counter() - start, cpu_seconds(proc.pid), memory(proc.pid))
    proc.stdin.close()  # EOF: the console coach says goodbye and exits
    await proc.stdout.read()
    await proc.wait()
    return started


async def polling(fake: FakeTelegram, args: list[str], env: dict[str, str], cwd: Path) -> Started:
    """A process until its first getUpdates waits at the fake server; then SIGTERM."""
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *args, cwd=cwd, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    while not fake.polling:
        if proc.returncode is not None:
            assert proc.stderr is not None
            raise RuntimeError((await proc.stderr.read()).decode()[-2000:])
        await asyncio.sleep(0.005)
    started = Started(time.perf_counter() - start, cpu_seconds(proc.pid), memory(proc.pid))
    proc.terminate()
    await proc.communicate()
    await fake.wait_for(lambda f: not f.polling, timeout=10)  # its long poll was answered
    return started


def median(runs: list[Started]) -> Started:
    return Started(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.rss for r in runs),
    )


def verdict(measured: float, target: float) -> str:
    return "met" if measured <= target else "NOT met"


async def measure(make: Callable[[], Awaitable[Started]], runs: int) -> Started:
    await make()  # not counted: migrates the scratch database, warms the file cache
    return median([await make() for _ in range(runs)])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coach-startup-"))
    async with FakeTelegram() as fake:
        token = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url}
        env = environment(folder)
        rows = {
            "empty Python, until it prompts": await measure(
                lambda: prompting([sys.executable, "-c", EMPTY], env, folder), args.runs
            ),
            "bare PTB Application, until it polls": await measure(
                lambda: polling(
                    fake,
                    [sys.executable, "-c", BARE_PTB, fake.token, fake.base_url],
                    env,
                    folder,
                ),
                args.runs,
            ),
            # cwd: no .env there, so the console coach on the scratch database
            "glute-coach chat, until its first question": await measure(
                lambda: prompting([*COACH, "chat"], env, folder), args.runs
            ),
            "glute-coach run, until it polls": await measure(
                lambda: polling(fake, [*COACH, "run"], environment(folder, **token), folder),
                args.runs,
            ),
        }
    print(f"Start-up, median of {args.runs} processes (SQLite, fake Bot API on loopback)")
    print(f"{'':<44} {'wall s':>7} {'CPU s':>7} {'RSS MB':>7}")
    for name, row in rows.items():
        print(f"{name:<44} {row.seconds:>7.2f} {row.cpu:>7.2f} {row.rss:>7.1f}")
    chat_row = rows["glute-coach chat, until its first question"]
    run_row = rows["glute-coach run, until it polls"]
    print(
        f"first question: target {FIRST_QUESTION_TARGET} s, measured {chat_row.seconds:.2f} s "
        f"wall ({chat_row.cpu:.2f} s CPU): {verdict(chat_row.seconds, FIRST_QUESTION_TARGET)}"
    )
    for name, row in (("chat", chat_row), ("run", run_row)):
        print(
            f"{name} RSS after start: target {RSS_TARGET:.0f} MB, measured {row.rss:.1f} MB: "
            f"{verdict(row.rss, RSS_TARGET)}"
        )


if __name__ == "__main__":
    asyncio.run(main())
