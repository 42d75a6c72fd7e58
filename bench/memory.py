"""Memory of one `glute-coach run` process with many active runners, beside a bare
python-telegram-bot echo bot that answers the same runners in the same run.

Both run as real processes against the fake Bot API server on loopback, on a scratch SQLite
database. Every runner starts onboarding at once and types the first --messages answers, each
as soon as the bot has replied (the coach's send pacing lifted so its own cost shows). The
process's resident memory (VmRSS) is sampled throughout: after start, the peak, and at the end.
The coach starts on a database already migrated, as a deployment's processes do.

    .venv/bin/python bench/memory.py [--runners 10000] [--messages 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.startup import COACH, RSS_TARGET, environment, memory, verdict
from tests.support.fakebot import Call, FakeTelegram

BUSY_TARGET = 200.0  # MB at 10,000 active runners
SCRIPT = ("/start", "faster 5k", "been running a few years", "three")
FIRST_USER = 900_000

ECHO_BOT = """
import sys
from telegram.ext import ApplicationBuilder, MessageHandler, filters

async def echo(update, context):
    await update.effective_message.reply_text(update.effective_message.text)

app = ApplicationBuilder().token(sys.argv[1]).base_url(sys.argv[2]).concurrent_updates(True)
app = app.build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0, timeout=1)
"""


@dataclass(frozen=True, slots=True)
class Busy:
    started: float  # MB, settled after it first polled
    peak: float  # MB, the largest sample under load
    end: float  # MB, once every runner was answered
    rate: float  # updates/s

    def row(self, name: str) -> str:
        figures = f"{self.started:>9.1f} {self.peak:>8.1f} {self.end:>8.1f} {self.rate:>10.0f}"
        return f"{name:<10} {figures}"


async def sample(pid: int, into: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        into.append(memory(pid))
        await asyncio.sleep(0.25)


async def drive(fake: FakeTelegram, runners: int, messages: int) -> float:
    """Every runner types its next line once the bot has answered the last; seconds taken."""
    replied = {FIRST_USER + i: asyncio.Event() for i in range(runners)}

    def on_call(call: Call) -> None:
        if call.method == "sendMessage":
            event = replied.get(call.params.get("chat_id"))  # type: ignore[arg-type]
            if event is not None:
                event.set()

    fake.on_call = on_call

    async def runner(user_id: int) -> None:
        for line in SCRIPT[:messages]:
            replied[user_id].clear()
            fake.send_text(user_id, line, first_name="Bench")
            await asyncio.wait_for(replied[user_id].wait(), timeout=900)

    start = time.perf_counter()
    await asyncio.gather(*(runner(user_id) for user_id in replied))
    return time.perf_counter() - start


async def busy(args: list[str], env: dict[str, str], runners: int, messages: int) -> Busy:
    """One bot process through the whole load."""
    async with FakeTelegram() as fake:
        args = [a.format(token=fake.token, base_url=fake.base_url) for a in args]
        env = env | {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url}
        proc = await asyncio.create_subprocess_exec(
            *args, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        while not fake.polling:
            if proc.returncode is not None:
                assert proc.stderr is not None
                raise RuntimeError((await proc.stderr.read()).decode()[-2000:])
            await asyncio.sleep(0.01)
        await asyncio.sleep(1)  # settled: the first scheduler tick and the like
        started = memory(proc.pid)
        samples: list[float] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample(proc.pid, samples, stop))
        seconds = await drive(fake, runners, messages)
        await asyncio.sleep(1)
        stop.set()
        await sampler
        end = memory(proc.pid)
        proc.terminate()
        await proc.communicate()
    return Busy(started, max(samples), end, runners * messages / seconds)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=2, choices=range(1, len(SCRIPT) + 1))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coach-memory-"))
    # The coach's send pacing lifted (as in bench/updates.py): the fake server has no limit.
    env = environment(folder, SEND_RATE_PER_SECOND="1000")
    echo_bot = [sys.executable, "-c", ECHO_BOT, "{token}", "{base_url}"]
    echo = await busy(echo_bot, env, args.runners, args.messages)
    # A deployment migrates once, before its processes serve (compose.yaml's one-off
    # `glute-coach db upgrade`), and a process started on a current database never imports
    # alembic: measured on a new one, the process would hold alembic's 8 MB as no server does.
    upgrade = await asyncio.create_subprocess_exec(*COACH, "db", "upgrade", env=env)
    if await upgrade.wait() != 0:
        raise RuntimeError("glute-coach db upgrade failed")
    coach = await busy([*COACH, "run"], env, args.runners, args.messages)
    print(
        f"Memory, {args.runners:,} runners typing {args.messages} messages each "
        "(SQLite, fake Bot API on loopback), RSS MB"
    )
    print(f"{'':<10} {'started':>9} {'peak':>8} {'end':>8} {'updates/s':>10}")
    print(echo.row("echo bot"))
    print(coach.row("coach"))
    print(
        f"coach after start: target {RSS_TARGET:.0f} MB, measured {coach.started:.1f} MB: "
        f"{verdict(coach.started, RSS_TARGET)}"
    )
    print(
        f"coach at {args.runners:,} active runners: target {BUSY_TARGET:.0f} MB "
        f"(at 10,000), measured peak {coach.peak:.1f} MB: {verdict(coach.peak, BUSY_TARGET)}"
    )


if __name__ == "__main__":
    asyncio.run(main())
