"""Update handling speed: many runners onboarding at once through the real PTB Application.

The coach runs against the fake Telegram Bot API over loopback HTTP, exactly as in the e2e
tests, and so does a bare python-telegram-bot echo bot on the same harness in the same run.
Each simulated runner answers as soon as the bot has replied (a closed loop), typing sloppy
answers. Printed: updates/s, and p50/p99 of the time PTB spent handling one update.

    .venv/bin/python bench/updates.py [--runners 20 100 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackContext,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.coach import Coach
from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import Profile
from bot.telegram.app import PerUserUpdateProcessor, build_application, running
from dialogs.timezones import warm_up
from tests.support.fakebot import Call, FakeTelegram

SCRIPT = (
    "/start",
    "faster 5k",
    "been running a few years",
    "three",
    "band and a bench",
    "mon wed fri",
    "7:30am",
    "none",
    "london",
    "yes",
    "looks good",
)
FIRST_USER = 700_000


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    handling: list[float]

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def row(self, runners: int) -> str:
        p50 = statistics.median(self.handling) * 1000
        p99 = statistics.quantiles(self.handling, n=100)[98] * 1000
        return f"{self.name:<12} {runners:>8} {self.rate:>10.0f} {p50:>9.1f} {p99:>9.1f}"


def timed(application: Application[Any, Any, Any, Any, Any, Any]) -> list[float]:
    """Measure each update from before the first handler group to after the last."""
    started: dict[int, float] = {}
    durations: list[float] = []

    async def begin(update: Update, _context: CallbackContext[Any, Any, Any, Any]) -> None:
        started[update.update_id] = time.perf_counter()

    async def end(update: Update, _context: CallbackContext[Any, Any, Any, Any]) -> None:
        durations.append(time.perf_counter() - started.pop(update.update_id))

    application.add_handler(TypeHandler(Update, begin), group=-100)
    application.add_handler(TypeHandler(Update, end), group=100)
    return durations


async def drive(fake: FakeTelegram, runners: int, first_user: int) -> tuple[int, float]:
    """Every runner answers its next line as soon as the bot has answered the last one."""
    replied = {first_user + i: asyncio.Event() for i in range(runners)}

    def on_call(call: Call) -> None:
        if call.method in ("sendMessage", "editMessageText"):
            event = replied.get(call.params.get("chat_id"))  # type: ignore[arg-type]
            if event is not None:
                event.set()

    fake.on_call = on_call

    async def runner(user_id: int) -> None:
        for line in SCRIPT:
            replied[user_id].clear()
            fake.send_text(user_id, line, first_name="Bench")
            await asyncio.wait_for(replied[user_id].wait(), timeout=60)

    start = time.perf_counter()
    await asyncio.gather(*(runner(user_id) for user_id in replied))
    await fake.wait_idle(timeout=60)
    return runners * len(SCRIPT), time.perf_counter() - start


async def bench(
    name: str, make: Callable[[FakeTelegram], Any], runners: int, first_user: int
) -> Result:
    async with FakeTelegram() as fake:
        application = await make(fake)
        durations = timed(application)
        async with running(application, polling=True, poll_timeout=1):
            fake.handled = application.update_queue.join
            updates, seconds = await drive(fake, runners, first_user)
        assert not fake.errors, fake.errors[:3]
    return Result(name, updates, seconds, durations)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, nargs="+", default=[20, 100, 200])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    warm_up()
    folder = tempfile.mkdtemp(prefix="coach-bench-")
    url = args.database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
    engine = await prepare(url)
    sessions = make_sessionmaker(engine)

    async def coach_app(fake: FakeTelegram) -> Application[Any, Any, Any, Any, Any, Any]:
        return build_application(
            token=fake.token,
            base_url=fake.base_url,
            coach=Coach(sessions),
            rate_per_second=100_000,  # the fake server has no flood limit here
        )

    async def echo_app(fake: FakeTelegram) -> Application[Any, Any, Any, Any, Any, Any]:
        async def echo(update: Update, _context: CallbackContext[Any, Any, Any, Any]) -> None:
            assert update.effective_message is not None
            await update.effective_message.reply_text(update.effective_message.text or "")

        application = (
            ApplicationBuilder()
            .token(fake.token)
            .base_url(fake.base_url)
            .concurrent_updates(PerUserUpdateProcessor())
            .build()
        )
        application.add_handler(MessageHandler(filters.TEXT, echo))
        return application

    backend = url.split(":", 1)[0]
    print(f"Onboarding: {len(SCRIPT)} typed answers per runner, {backend}, same harness")
    print(f"{'':<12} {'runners':>8} {'updates/s':>10} {'p50 ms':>9} {'p99 ms':>9}")
    first_user = FIRST_USER
    for runners in args.runners:
        echo = await bench("echo bot", echo_app, runners, first_user)
        first_user += runners
        before = await _profiles(sessions)
        coach = await bench("coach", coach_app, runners, first_user)
        first_user += runners
        onboarded = await _profiles(sessions) - before
        assert onboarded == runners, f"only {onboarded} of {runners} runners onboarded"
        print(echo.row(runners))
        print(coach.row(runners))
        ratio = coach.rate / echo.rate
        print(f"{'':<12} coach = {ratio:.0%} of the echo bot's throughput (goal: at least 50%)")
    await engine.dispose()


async def _profiles(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(Profile)) or 0


if __name__ == "__main__":
    asyncio.run(main())
