"""Reminder throughput: many runners whose workout reminders fall due in the same minute.

For each backend (SQLite in a temp file; PostgreSQL in a scratch database when a server URL is
given) the runners are seeded in bulk (users, profiles, dialog states and one pending
workout_reminder each, due now at their own local time), then one table is printed:

- baselines: the bare claim (outbox.claim_due, UPDATE ... RETURNING in batches of
  Timing.batch) with no rendering, then claim + settle, over every due row;
- (a1) Dispatcher.tick with an in-process transport that only counts: claim, load, render
  through the core, write the next occurrence, settle. The coach's own cost, with start-up's
  objects frozen out of the garbage collector as in the running application;
- (a2) (a1) through the real TelegramFrontEnd over HTTP to the fake Bot API server, which
  runs in its own process; beside it a bare PTB bot sending one prepared reminder as often;
- (a3) on PostgreSQL only (on SQLite one process schedules): two dispatcher processes, each
  as (a1), sharing the due rows as production mode's `glute-coach dispatch` processes do
  (bench/dispatchers.py); the clock runs from the go to the last one's report;
- (b) the live send rate: the real Application (JobQueue tick, AIORateLimiter at 30/s) to an
  in-process fake server that answers 429 past 30 sends in any 1-second window; beside it a
  bare PTB bot sending as many messages through the same limiter.

(a1), (a2) and (a3) dispatch the first --sample reminders (0: all of them); the other runners'
reminders stay pending for tomorrow, so the table is full size. "CPU ms" is this process's CPU
time per message (the database server and the fake server's process not included): steadier
than the wall clock on a busy machine. Peak memory is this process's peak RSS during each run,
reset before it (Linux /proc/self/clear_refs), with the growth over the RSS it started at.

    .venv/bin/python bench/reminders.py [--runners 100000] [--sample 5000] [--live 600]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test] [--only sqlite]

--live 1500 spans three claim batches of 500, so it also shows the pause between batches that a
long burst has. PostgreSQL runs when --database-url or TEST_DATABASE_URL names a server: a
scratch database is created beside that one and dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx
from sqlalchemy import case, delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, ApplicationBuilder

from bench.dispatchers import FIRST_USER, Counting, run_processes, sample_reminder
from bench.scratch import scratch_database
from bot.coach import Coach
from bot.scheduling.dispatcher import Dispatcher, TickReport, Timing
from bot.storage import outbox
from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import DialogStateRow, OutboxStatus, Profile, ScheduledMessage, User
from bot.telegram.app import TelegramFrontEnd, build_application, running
from bot.telegram.callbacks import CallbackCodec
from dialogs.core import Reply
from dialogs.timezones import warm_up
from dialogs.training.nudges import WORKOUT_REMINDER
from dialogs.vocabulary import Experience, Goal, Weekday
from tests.support.fakebot import FakeTelegram

ZONES = (
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Europe/Berlin",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
    "Pacific/Auckland",
    "Asia/Kathmandu",
    "UTC",
)
EQUIPMENT = (
    ["none"],
    ["band", "none"],
    ["bench", "dumbbell", "none"],
    ["band", "barbell", "bench", "dumbbell", "machine", "none"],
)
SEED_CHUNK = 5_000
GOAL_PER_SECOND = 5_000  # the target; the goal beyond it is 10,000
DISPATCHERS = 2  # processes in (a3), one per core of the 2-core machine
LIVE_RATE = 30.0
NO_FLOOD_LIMIT = 100_000  # the rate given to the limiter when the fake server has no limit

Measurement = tuple[int, float, str]  # messages, seconds, note


# ---------------------------------------------------------------- measuring


def _status_kb(field: str, pid: int | str = "self") -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(found.group(1)) if found else 0


def _peak_kb() -> int:
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    """Start a new peak-RSS measurement (Linux); elsewhere the peak stays process-wide."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


@dataclass
class Row:
    """One printed line."""

    name: str
    messages: int
    seconds: float
    rate: float
    cpu_ms: float
    peak_mb: float
    grew_mb: float
    note: str = ""
    goal: str = ""
    met: bool | None = None
    received_429: int | None = None

    def line(self) -> str:
        verdict = "" if self.met is None else ("ok" if self.met else "MISSED")
        r429 = "-" if self.received_429 is None else str(self.received_429)
        memory = f"{self.peak_mb:,.0f} (+{self.grew_mb:,.0f})"
        return (
            f"{self.name:<46} {self.messages:>8,} {self.seconds:>8.2f} {self.rate:>10,.1f}"
            f" {self.goal:>13} {verdict:>6} {r429:>4} {self.cpu_ms:>7.2f} {memory:>12}  {self.note}"
        )


HEADER = (
    f"{'run':<46} {'messages':>8} {'seconds':>8} {'per second':>10}"
    f" {'goal':>13} {'':>6} {'429s':>4} {'CPU ms':>7} {'peak RSS MB':>12}"
)


async def measured(name: str, body: Callable[[], Awaitable[Measurement]]) -> Row:
    """Run one measurement with a fresh peak-RSS counter."""
    _reset_peak()
    before = _status_kb("VmRSS")
    cpu = time.process_time()
    messages, seconds, note = await body()
    cpu_ms = (time.process_time() - cpu) * 1000 / max(1, messages)
    peak = _peak_kb()
    rate = messages / seconds if seconds else 0.0
    grew = max(0, peak - before) / 1024
    return Row(name, messages, seconds, rate, cpu_ms, peak / 1024, grew, note)


def with_goal(row: Row) -> Row:
    row.goal, row.met = f">= {GOAL_PER_SECOND:,}", row.rate >= GOAL_PER_SECOND
    return row


# ---------------------------------------------------------------- the database


@dataclass(frozen=True)
class Seeded:
    """What was written: the reminder rows are first_id .. first_id + runners - 1."""

    runners: int
    due: datetime
    first_id: int
    seconds: float


def _runner_rows(index: int, due: datetime) -> tuple[dict[str, Any], ...]:
    """One runner whose reminder is due now at their own local time, on one of their days."""
    user_id = FIRST_USER + index
    zone = ZoneInfo(ZONES[index % len(ZONES)])
    local = due.astimezone(zone)
    weekdays = list(Weekday)
    days = [weekdays[(local.weekday() + step) % 7] for step in (0, 2, 4)]
    user = {
        "id": user_id,
        "chat_id": user_id,
        "first_name": f"Runner {index}",
        "created_at": due,
        "active": True,
    }
    profile = {
        "user_id": user_id,
        "goal": list(Goal)[index % len(Goal)].value,
        "experience": list(Experience)[index % len(Experience)].value,
        "runs_per_week": 3,
        "equipment": EQUIPMENT[index % len(EQUIPMENT)],
        "workout_days": [day.value for day in sorted(days, key=weekdays.index)],
        "workout_time": local.strftime("%H:%M"),
        "timezone": zone.key,
        "hard_run_days": [days[1].value] if index % 3 == 0 else [],
        "session_minutes": 20 + 5 * (index % 3),
        "pain_consent": index % 2 == 0,
        "updated_at": due,
        "nudges_off": [],
        "paused_until": None,
    }
    state = {
        "user_id": user_id,
        "dialog": None,
        "step": None,
        "data": {},
        "version": 3,
        "updated_at": due,
    }
    reminder = {
        "user_id": user_id,
        "kind": WORKOUT_REMINDER,
        "occurrence": local.date().isoformat(),
        "due_at": due,
        # n picks the wording; 0 and 1 keep the re-engagement check-in out of the picture
        "payload": {"n": index % 2},
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "created_at": due,
    }
    return user, profile, state, reminder


async def seed(engine: AsyncEngine, runners: int) -> Seeded:
    """Bulk-insert the runners: one executemany per table and chunk, no ORM round trips."""
    started = time.perf_counter()
    due = datetime.now(UTC).replace(second=0, microsecond=0)
    async with engine.begin() as connection:
        for start in range(0, runners, SEED_CHUNK):
            chunk = [_runner_rows(i, due) for i in range(start, min(runners, start + SEED_CHUNK))]
            for position, model in enumerate((User, Profile, DialogStateRow, ScheduledMessage)):
                await connection.execute(insert(model), [rows[position] for rows in chunk])
        first_id = await connection.scalar(select(func.min(ScheduledMessage.id)))
    await _analyze(engine)
    return Seeded(runners, due, int(first_id or 0), time.perf_counter() - started)


async def _analyze(engine: AsyncEngine) -> None:
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
    else:
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))


async def reset(engine: AsyncEngine, seeded: Seeded, due_now: int) -> None:
    """Every seeded reminder pending again: the first `due_now` due now, the rest tomorrow.
    The next occurrences an earlier run wrote are removed."""
    table = ScheduledMessage
    async with engine.begin() as connection:
        await connection.execute(delete(table).where(table.id >= seeded.first_id + seeded.runners))
        await connection.execute(
            update(table).values(
                status=OutboxStatus.PENDING,
                due_at=case(
                    (table.id < seeded.first_id + due_now, seeded.due),
                    else_=seeded.due + timedelta(days=1),
                ),
                attempts=0,
                claimed_by=None,
                claimed_at=None,
                sent_at=None,
                last_error=None,
            )
        )
    await _analyze(engine)


async def count_rows(sessions: async_sessionmaker[AsyncSession], *conditions: Any) -> int:
    async with sessions() as session:
        found = await session.scalar(select(func.count()).where(*conditions))
    return int(found or 0)


# ---------------------------------------------------------------- baselines for (a)


async def bare_claims(sessions: async_sessionmaker[AsyncSession], *, settle: bool) -> Measurement:
    """The claim statement alone (and the settle statement), batch after batch."""
    timing = Timing()
    now = datetime.now(UTC)
    claimed = 0
    started = time.perf_counter()
    while True:
        async with sessions() as session, session.begin():
            batch = await outbox.claim_due(
                session,
                now=now,
                worker="bench",
                limit=timing.batch,
                stale_before=now - timing.claim_timeout,
            )
        if settle and batch:
            async with sessions() as session, session.begin():
                ids = [due.id for due in batch]
                await outbox.settle(session, ids, status=OutboxStatus.SENT, now=now)
        claimed += len(batch)
        if len(batch) < timing.batch:
            break
    return claimed, time.perf_counter() - started, f"batches of {timing.batch}"


async def bare_http(reply: Reply, messages: int) -> Measurement:
    """PTB alone, the same concurrency, limiter and fake-server process as (a2)."""
    process, base_url, token = await start_fake_process()
    try:
        application = (
            ApplicationBuilder()
            .token(token)
            .base_url(base_url)
            .rate_limiter(_limiter(NO_FLOOD_LIMIT))
            .build()
        )
        codec = CallbackCodec.for_token(token)
        limit = asyncio.Semaphore(Timing().concurrency)

        async def send(chat_id: int) -> None:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            b.label,
                            callback_data=codec.encode(chat_id=chat_id, value=b.value, version=3),
                        )
                        for b in row
                    ]
                    for row in reply.buttons
                ]
            )
            async with limit:
                await application.bot.send_message(
                    chat_id, reply.text, parse_mode=ParseMode.HTML, reply_markup=markup
                )

        async with application:
            started = time.perf_counter()
            await asyncio.gather(*(send(FIRST_USER + i) for i in range(messages)))
            seconds = time.perf_counter() - started
        state = await fake_state(base_url)
    finally:
        process.terminate()
        await process.wait()
    assert not state["errors"], state["errors"][:3]
    return messages, seconds, "one prepared reminder; no database, no core"


def _limiter(rate: float) -> AIORateLimiter:
    """The limiter build_application configures."""
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / rate, max_retries=3)


# ---------------------------------------------------------------- (a) claim and render


async def processes(
    url: str, sessions: async_sessionmaker[AsyncSession], seeded: Seeded, expected: int, count: int
) -> Row:
    """(a3): `count` dispatcher processes share the due rows, as production mode runs them."""
    outcome = await run_processes(url, count, seeded.due)
    assert outcome.sent == expected, outcome
    chained = await count_rows(sessions, ScheduledMessage.id >= seeded.first_id + seeded.runners)
    return Row(
        f"(a3) {count} dispatch processes, in-process transport",
        outcome.sent,
        outcome.seconds,
        outcome.sent / outcome.seconds,
        outcome.cpu_seconds * 1000 / max(1, outcome.sent),
        outcome.peak_mb,
        0.0,
        f"sent {outcome.sent:,}, next occurrences written {chained:,}; CPU and peak RSS:"
        " the processes', summed and largest",
    )


async def in_process(
    sessions: async_sessionmaker[AsyncSession], seeded: Seeded, expected: int
) -> Measurement:
    transport = Counting()
    dispatcher = Dispatcher(sessions, transport)
    # As the application does once it has started (bot/telegram/update_processor.py): what
    # start-up loaded stays out of the collector's full passes, which would otherwise walk it
    # a few times a second here.
    gc.freeze()
    try:
        started = time.perf_counter()
        report = await dispatcher.tick()
        seconds = time.perf_counter() - started
    finally:
        gc.unfreeze()
    assert report.sent == transport.messages == expected, report
    chained = await count_rows(sessions, ScheduledMessage.id >= seeded.first_id + seeded.runners)
    note = f"sent {report.sent:,}, next occurrences written {chained:,}"
    return report.sent, seconds, note


async def start_fake_process() -> tuple[asyncio.subprocess.Process, str, str]:
    """The fake Bot API server in its own process; returns it, its base URL and token."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.fakebot",
        "--port",
        "0",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), timeout=60)).decode()
    fields = dict(part.split("=", 1) for part in line.split())
    await process.stdout.readline()
    return process, fields["base_url"], fields["token"]


async def fake_state(base_url: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.get(base_url.rsplit("/", 1)[0] + "/fake/state")
    state: dict[str, Any] = response.json()
    return state


async def over_http(sessions: async_sessionmaker[AsyncSession], expected: int) -> Measurement:
    process, base_url, token = await start_fake_process()
    try:
        dispatchers: list[Dispatcher] = []

        def wire(front: TelegramFrontEnd) -> Dispatcher:
            dispatchers.append(Dispatcher(sessions, front))
            return dispatchers[0]

        application = build_application(
            token=token,
            base_url=base_url,
            coach=Coach(sessions),
            dispatcher=wire,
            rate_per_second=NO_FLOOD_LIMIT,
            tick_seconds=3600,  # ticked by hand below; the JobQueue is not started
        )
        async with application:
            started = time.perf_counter()
            report = await dispatchers[0].tick()
            seconds = time.perf_counter() - started
        state = await fake_state(base_url)
        server_mb = _status_kb("VmHWM", process.pid) / 1024
    finally:
        process.terminate()
        await process.wait()
    assert not state["errors"], state["errors"][:3]
    assert report.sent == expected, report
    note = f"{state['calls']:,} API calls; fake server process peak RSS {server_mb:,.0f} MB"
    return report.sent, seconds, note


# ---------------------------------------------------------------- (b) live send rate


@dataclass
class Live:
    """Accepted sends as the fake server saw them."""

    sends: list[float]
    chats: int
    received_429: int
    started: float

    @property
    def rate(self) -> float:
        """The rate between the first and the last accepted send."""
        if len(self.sends) < 2:
            return 0.0
        return (len(self.sends) - 1) / (self.sends[-1] - self.sends[0])

    @staticmethod
    def of(fake: FakeTelegram, started: float) -> Live:
        accepted = [c for c in fake.calls if c.method == "sendMessage" and c.ok]
        assert not fake.errors, fake.errors[:3]
        return Live(
            [c.at for c in accepted],
            len({c.params["chat_id"] for c in accepted}),
            fake.received_429,
            started,
        )


class WatchedDispatcher(Dispatcher):
    """The dispatcher, telling the benchmark when it has sent and settled enough."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], front: TelegramFrontEnd, *, expected: int
    ) -> None:
        super().__init__(sessions, front)
        self.expected = expected
        self.sent = 0
        self.done = asyncio.Event()

    async def tick(self) -> TickReport:
        report = await super().tick()
        self.sent += report.sent
        if self.sent >= self.expected:
            self.done.set()
        return report


async def live_coach(sessions: async_sessionmaker[AsyncSession], messages: int) -> Live:
    """The real Application, JobQueue tick included, to a server limiting at 30/s."""
    async with FakeTelegram(rate_limit_per_second=LIVE_RATE) as fake:
        dispatchers: list[WatchedDispatcher] = []

        def wire(front: TelegramFrontEnd) -> Dispatcher:
            dispatchers.append(WatchedDispatcher(sessions, front, expected=messages))
            return dispatchers[0]

        application = build_application(
            token=fake.token,
            base_url=fake.base_url,
            coach=Coach(sessions),
            dispatcher=wire,
            rate_per_second=LIVE_RATE,
            tick_seconds=1,
        )
        started = time.monotonic()
        async with running(application, polling=False):
            await asyncio.wait_for(
                dispatchers[0].done.wait(), timeout=messages / LIVE_RATE * 2 + 30
            )
        return Live.of(fake, started)


async def live_bare(messages: int) -> Live:
    """A bare PTB bot with the same limiter sending as many plain messages."""
    async with FakeTelegram(rate_limit_per_second=LIVE_RATE) as fake:
        application = (
            ApplicationBuilder()
            .token(fake.token)
            .base_url(fake.base_url)
            .rate_limiter(_limiter(LIVE_RATE))
            .build()
        )
        limit = asyncio.Semaphore(Timing().concurrency)

        async def send(chat_id: int) -> None:
            async with limit:
                await application.bot.send_message(chat_id, "Time for your glute session")

        started = time.monotonic()
        async with application:
            await asyncio.gather(*(send(FIRST_USER + i) for i in range(messages)))
        return Live.of(fake, started)


async def live_row(name: str, messages: int, body: Callable[[], Awaitable[Live]]) -> Row:
    found: list[Live] = []

    async def run() -> Measurement:
        live = await body()
        found.append(live)
        first = live.sends[0] - live.started if live.sends else float("nan")
        note = f"first message after {first:.2f} s; {live.chats:,} chats"
        return len(live.sends), live.sends[-1] - live.sends[0] if live.sends else 0.0, note

    row = await measured(name, run)
    live = found[0]
    share = live.rate / LIVE_RATE
    row.rate, row.received_429 = live.rate, live.received_429
    row.goal = "95-100% of 30"
    row.met = 0.95 <= share <= 1.0 and live.received_429 == 0 and live.chats == messages
    row.note = f"{share:.1%} of {LIVE_RATE:.0f}/s; {row.note}"
    return row


# ---------------------------------------------------------------- one backend


@dataclass(frozen=True)
class Options:
    runners: int
    sample: int
    live: int


async def bench_backend(url: str, options: Options, bare_live: Row | None) -> None:
    engine = await prepare(url)
    sessions = make_sessionmaker(engine)
    try:
        seeded = await seed(engine, options.runners)
        sample = min(options.sample or options.runners, options.runners)
        rows = [
            await measured(
                "baseline: claim only (UPDATE...RETURNING)",
                lambda: bare_claims(sessions, settle=False),
            )
        ]
        await reset(engine, seeded, options.runners)
        rows.append(
            await measured(
                "baseline: claim + settle, no render", lambda: bare_claims(sessions, settle=True)
            )
        )
        await reset(engine, seeded, sample)
        rows.append(
            with_goal(
                await measured(
                    "(a1) Dispatcher.tick, in-process transport",
                    lambda: in_process(sessions, seeded, sample),
                )
            )
        )
        if engine.dialect.name == "postgresql":  # on SQLite one process schedules
            await reset(engine, seeded, sample)
            rows.append(with_goal(await processes(url, sessions, seeded, sample, DISPATCHERS)))
        reply = await sample_reminder(sessions, seeded.due)
        rows.append(
            await measured(
                "baseline: bare PTB over HTTP, no coach", lambda: bare_http(reply, sample)
            )
        )
        await reset(engine, seeded, sample)
        rows.append(
            with_goal(
                await measured(
                    "(a2) Dispatcher.tick, TelegramFrontEnd, HTTP",
                    lambda: over_http(sessions, sample),
                )
            )
        )
        if options.live:
            await reset(engine, seeded, options.live)
            if bare_live is not None:
                rows.append(bare_live)
            rows.append(
                await live_row(
                    "(b) live: Application + limiter, fake 30/s",
                    options.live,
                    lambda: live_coach(sessions, options.live),
                )
            )
        await _print(engine, seeded, sample, rows)
    finally:
        await engine.dispose()


async def _print(engine: AsyncEngine, seeded: Seeded, sample: int, rows: list[Row]) -> None:
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            version = await connection.scalar(text("SHOW server_version"))
            backend = f"PostgreSQL {str(version).split()[0]}"
        else:
            version = await connection.scalar(text("SELECT sqlite_version()"))
            backend = f"SQLite {version} (temp file, WAL)"
    print()
    print(
        f"{backend}: {seeded.runners:,} runners with a reminder due"
        f" {seeded.due:%Y-%m-%d %H:%M} UTC, seeded in {seeded.seconds:.1f} s;"
        f" (a) dispatches {sample:,} of them"
    )
    print(HEADER)
    for row in rows:
        print(row.line())
    sys.stdout.flush()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=100_000)
    parser.add_argument(
        "--sample", type=int, default=5_000, help="reminders (a1) and (a2) dispatch; 0: all"
    )
    parser.add_argument("--live", type=int, default=600, help="messages in (b); 0 skips it")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="a PostgreSQL server to make a scratch database on (default: TEST_DATABASE_URL)",
    )
    parser.add_argument("--only", choices=("sqlite", "postgresql"), default=None)
    args = parser.parse_args()
    options = Options(args.runners, args.sample, args.live)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # A tick that outlasts the 1 s interval makes APScheduler skip the next one, on purpose.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    warm_up()
    print(
        f"bench/reminders.py --runners {args.runners} --sample {args.sample} --live {args.live}:"
        f" {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    bare_live = None
    if args.live:
        bare_live = await live_row(
            "baseline: bare PTB, same limiter, fake 30/s", args.live, lambda: live_bare(args.live)
        )
    if args.only in (None, "sqlite"):
        folder = tempfile.mkdtemp(prefix="coach-bench-")
        await bench_backend(f"sqlite+aiosqlite:///{folder}/bench.db", options, bare_live)
    if args.only in (None, "postgresql"):
        if not args.database_url.startswith("postgresql"):
            print("\nPostgreSQL skipped: give --database-url or set TEST_DATABASE_URL")
            return
        async with scratch_database(args.database_url) as url:
            await bench_backend(url, options, bare_live)


if __name__ == "__main__":
    asyncio.run(main())
