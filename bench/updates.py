"""Update handling speed: many runners onboarding at once through the real PTB Application.

The coach runs against the fake Telegram Bot API over loopback HTTP, exactly as in the e2e
tests, and so does a bare python-telegram-bot echo bot on the same harness in the same run.
Each simulated runner answers as soon as the bot has replied (a closed loop), typing sloppy
answers. Printed per run: updates/s; p50/p99 of the reply latency (from the runner's message
reaching the fake server to the bot's first reply to it) and of the time PTB spent handling one
update; and the target (the coach at least 0.8x the echo bot's updates/s) beside the figure.
A second baseline, "echo + db", is the echo bot doing the least a stateful bot does per update
(one read and one write of the runner's dialog row, one transaction, the coach's SQLAlchemy
sessions): what the database path costs before any of the coach's own work. The coach's rows
come after one runner has been onboarded untimed, so what it loads on first use is not in them.
The coach's send pacing is lifted (no flood limit on the fake server, and no per-chat limit:
these runners answer faster than Telegram lets a bot write to one chat), so its own cost shows.

    .venv/bin/python bench/updates.py [--runners 20 100 200] [--only sqlite|postgresql]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test] [--profile FILE]

PostgreSQL runs when --database-url or TEST_DATABASE_URL names a server: a scratch database is
created beside that one and dropped at the end. --profile writes a cProfile of the coach's runs
(this process only: aiosqlite's thread and the database server are not in it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
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

from bench.scratch import scratch_database
from bot.coach import Coach
from bot.limits import SendBudget
from bot.limits.limits_store import LimitsSlots
from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import DialogStateRow, Profile, User
from bot.telegram.app import PerUserUpdateProcessor, build_application, running
from dialogs.texts import t
from dialogs.timezones import warm_up
from tests.support.fakebot import Call, FakeTelegram

# Onboarding typed end to end, sloppily, without a button.
SCRIPT = (
    "/start",
    "faster 5k",
    "no race",
    "been running a few years",
    "three",
    "about 15 miles",
    "band and a bench",
    "mon wed fri",
    "7:30am",
    "sat",
    "london",
    "yes",
    "looks good",
)
FIRST_USER = 700_000
TARGET = 0.8  # the coach's updates/s as a share of the echo bot's


def _p(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100)[percentile - 1] * 1000


@dataclass
class Result:
    name: str
    updates: int
    seconds: float
    handling: list[float]
    latency: list[float]
    cpu: float  # this process's CPU seconds (the fake server's included)
    # Updates answered "the database is unreachable" or "something went wrong".
    failed: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    def row(self, runners: int, note: str = "") -> str:
        return (
            f"{self.name:<10} {runners:>7} {self.rate:>9.0f}"
            f" {_p(self.latency, 50):>8.1f} {_p(self.latency, 99):>8.1f}"
            f" {_p(self.handling, 50):>8.1f} {_p(self.handling, 99):>8.1f}"
            f" {self.cpu / self.updates * 1000:>6.2f}  {note}"
        )


HEADER = (
    f"{'':<10} {'runners':>7} {'updates/s':>9} {'reply p50':>8} {'reply p99':>8}"
    f" {'handle p50':>8} {'handle p99':>8} {'CPU ms':>6}  (ms; CPU per update)"
)


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


async def drive(
    fake: FakeTelegram, runners: int, first_user: int, failed: list[str]
) -> tuple[int, float, list[float]]:
    """Every runner answers its next line as soon as the bot has answered the last one."""
    replied = {first_user + i: asyncio.Event() for i in range(runners)}
    sent_at: dict[int, float] = {}
    latency: list[float] = []
    failures = (t("core.database_down"), t("core.error"))

    def on_call(call: Call) -> None:
        if call.method == "sendMessage" and call.params.get("text") in failures:
            failed.append(call.params["text"])  # type: ignore[arg-type]
        if call.method in ("sendMessage", "editMessageText"):
            chat_id = call.params.get("chat_id")
            event = replied.get(chat_id)  # type: ignore[arg-type]
            if event is not None and not event.is_set():
                latency.append(time.perf_counter() - sent_at[chat_id])  # type: ignore[index]
                event.set()

    fake.on_call = on_call

    async def runner(user_id: int) -> None:
        for line in SCRIPT:
            replied[user_id].clear()
            sent_at[user_id] = time.perf_counter()
            fake.send_text(user_id, line, first_name="Bench")
            await asyncio.wait_for(replied[user_id].wait(), timeout=120)

    start = time.perf_counter()
    await asyncio.gather(*(runner(user_id) for user_id in replied))
    await fake.wait_idle(timeout=120)
    return runners * len(SCRIPT), time.perf_counter() - start, latency


Maker = Callable[[FakeTelegram], Any]


async def bench(
    name: str, make: Maker, runners: int, first_user: int, profiler: cProfile.Profile | None
) -> Result:
    failed: list[str] = []
    async with FakeTelegram() as fake:
        application = await make(fake)
        durations = timed(application)
        async with running(application, polling=True, poll_timeout=1):
            fake.handled = application.update_queue.join
            cpu = time.process_time()
            with _profiling(profiler):
                updates, seconds, latency = await drive(fake, runners, first_user, failed)
            cpu = time.process_time() - cpu
        assert not fake.errors, fake.errors[:3]
    return Result(name, updates, seconds, durations, latency, cpu, len(failed))


@contextlib.contextmanager
def _profiling(profiler: cProfile.Profile | None) -> Iterator[None]:
    if profiler is None:
        yield
        return
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()


Handler = Callable[[Update, CallbackContext[Any, Any, Any, Any]], Awaitable[None]]


def bare_bot(fake: FakeTelegram, handler: Handler) -> Application[Any, Any, Any, Any, Any, Any]:
    """A PTB bot with one text handler, the coach's update processor and nothing else."""
    application = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .concurrent_updates(PerUserUpdateProcessor())
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, handler))
    return application


async def echo_app(fake: FakeTelegram) -> Application[Any, Any, Any, Any, Any, Any]:
    async def echo(update: Update, _context: CallbackContext[Any, Any, Any, Any]) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    return bare_bot(fake, echo)


def echo_database_app(sessions: async_sessionmaker[AsyncSession]) -> Maker:
    """The echo bot with the least a stateful bot does per update, and no more: one read of
    the runner's dialog row and one write of it, in one transaction (the path the issue asks
    the coach for), through the same SQLAlchemy sessions as the coach. What it costs over the
    echo bot is the database's share, which no change to the coach's own code removes."""

    async def echo(update: Update, _context: CallbackContext[Any, Any, Any, Any]) -> None:
        message = update.effective_message
        assert message is not None and message.from_user is not None
        user_id, now = message.from_user.id, datetime.now(UTC)
        async with sessions() as session, session.begin():
            row = await session.get(DialogStateRow, user_id)
            if row is None:
                session.add(User(id=user_id, chat_id=message.chat_id, created_at=now))
                await session.flush()  # the runner first: the dialog row refers to it
                row = DialogStateRow(user_id=user_id, data={}, version=0, updated_at=now)
                session.add(row)
            row.data, row.version, row.updated_at = {"last": message.text}, row.version + 1, now
        await message.reply_text(message.text or "")

    async def make(fake: FakeTelegram) -> Application[Any, Any, Any, Any, Any, Any]:
        return bare_bot(fake, echo)

    return make


async def bench_backend(
    url: str, runner_counts: list[int], profiler: cProfile.Profile | None
) -> None:
    engine = await prepare(url)
    sessions = make_sessionmaker(engine)

    async def coach_app(fake: FakeTelegram) -> Application[Any, Any, Any, Any, Any, Any]:
        return build_application(
            token=fake.token,
            base_url=fake.base_url,
            coach=Coach(sessions),
            # Send pacing lifted, the per-chat limits too (a runner here answers faster than
            # Telegram lets a bot write to one chat), so the coach's own cost shows; the
            # limiter itself still runs.
            budget=SendBudget(LimitsSlots.in_memory(), rate_per_second=100_000, chat_limits=()),
        )

    print(f"\n{engine.dialect.name}: onboarding, {len(SCRIPT)} typed answers per runner")
    print(HEADER)
    first_user = FIRST_USER
    try:
        # One runner onboarded first, untimed: what the coach loads on first use (the pain
        # lexicon, the time parser) is a start-up cost, measured by bench/startup.py and the
        # memory bench, and would otherwise land in the first row alone.
        await bench("warm-up", coach_app, 1, first_user, None)
        first_user += 1
        for runners in runner_counts:
            echo = await bench("echo bot", echo_app, runners, first_user, None)
            first_user += runners
            floor = await bench("echo + db", echo_database_app(sessions), runners, first_user, None)
            first_user += runners
            before = await _profiles(sessions)
            coach = await bench("coach", coach_app, runners, first_user, profiler)
            first_user += runners
            onboarded = await _profiles(sessions) - before
            ratio = coach.rate / echo.rate
            met = ratio >= TARGET and onboarded == runners
            print(echo.row(runners, "baseline"))
            print(floor.row(runners, f"{floor.rate / echo.rate:.2f}x: one read, one write"))
            verdict = "met" if met else "NOT MET"
            note = f"{ratio:.2f}x the echo bot; target >= {TARGET}x: {verdict}"
            if onboarded != runners or coach.failed:
                note += f"; {coach.failed} updates failed, {onboarded}/{runners} onboarded"
            print(coach.row(runners, note))
            sys.stdout.flush()
    finally:
        await engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, nargs="+", default=[20, 100, 200])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="a PostgreSQL server to make a scratch database on (default: TEST_DATABASE_URL)",
    )
    parser.add_argument("--only", choices=("sqlite", "postgresql"), default=None)
    parser.add_argument("--profile", default="", help="write a cProfile of the coach's runs")
    args = parser.parse_args()
    warm_up()
    profiler = cProfile.Profile() if args.profile else None
    print(f"bench/updates.py: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    if args.only in (None, "sqlite"):
        folder = tempfile.mkdtemp(prefix="coach-bench-")
        await bench_backend(f"sqlite+aiosqlite:///{folder}/bench.db", args.runners, profiler)
    if args.only in (None, "postgresql"):
        if not args.database_url.startswith("postgresql"):
            print("\nPostgreSQL skipped: give --database-url or set TEST_DATABASE_URL")
        else:
            async with scratch_database(args.database_url) as url:
                await bench_backend(url, args.runners, profiler)
    if profiler is not None:
        profiler.dump_stats(args.profile)


async def _profiles(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(Profile)) or 0


if __name__ == "__main__":
    asyncio.run(main())
