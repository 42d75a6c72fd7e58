"""`glute-coach` stops soon on SIGTERM with a large backlog due, and `dispatch` refuses SQLite."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import Profile, ScheduledMessage, User
from dialogs.training.nudges import REENGAGE, WEEKLY_SUMMARY, WORKOUT_REMINDER
from tests.conftest import create_pg_database, drop_pg_database
from tests.e2e.test_processes import COACH, Process, coach_env, wait_until
from tests.support.fakebot import FakeTelegram
from tests.support.production import copy_runner

FIRST = 10_000_000
BACKLOG = 100_000
STOP_WITHIN_SECONDS = 10


def _runner(index: int, due: datetime) -> tuple[dict[str, Any], ...]:
    """A runner whose workout reminder fell due a minute ago."""
    user_id = FIRST + index
    user = {"id": user_id, "chat_id": user_id, "first_name": "Sam", "created_at": due}
    profile = {
        "user_id": user_id,
        "goal": "prevent",
        "experience": "regular",
        "runs_per_week": 3,
        "equipment": ["none"],
        "workout_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "workout_time": due.strftime("%H:%M"),
        "timezone": "UTC",
        "hard_run_days": [],
        "updated_at": due,
        "nudges_off": [WEEKLY_SUMMARY, REENGAGE],
    }
    reminder = {
        "user_id": user_id,
        "kind": WORKOUT_REMINDER,
        "occurrence": due.date().isoformat(),
        "due_at": due,
        "payload": {"n": 0},
        "status": "pending",
        "attempts": 0,
        "created_at": due,
    }
    return user, profile, reminder


async def seed_backlog(url: str) -> None:
    """BACKLOG due reminders: one runner written, copied in the database for the others
    (onboarding each runner would take minutes)."""
    engine = await prepare(url)
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    async with make_sessionmaker(engine)() as session, session.begin():
        for model, row in zip((User, Profile, ScheduledMessage), _runner(0, due), strict=True):
            await session.execute(insert(model), [row])
        await copy_runner(session, FIRST, BACKLOG)
    await engine.dispose()


async def statuses(url: str) -> Counter[str]:
    """The seeded reminders by status (not the next occurrences written for those sent)."""
    engine = await prepare(url)
    sessions: async_sessionmaker[AsyncSession] = make_sessionmaker(engine)
    async with sessions() as session:
        query = (
            select(ScheduledMessage.status, func.count())
            .where(ScheduledMessage.due_at <= datetime.now(UTC))
            .group_by(ScheduledMessage.status)
        )
        found = Counter(dict((await session.execute(query)).all()))
    await engine.dispose()
    return found


def reminded(telegram: FakeTelegram) -> Counter[int]:
    return Counter(
        call.params["chat_id"]
        for call in telegram.calls
        if call.method == "sendMessage" and call.params.get("chat_id", 0) >= FIRST
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    ["run", pytest.param("dispatch", marks=pytest.mark.postgresql)],
)
async def test_sigterm_with_100000_due_stops_within_10_seconds_and_hands_back_the_rest(
    command: str, tmp_path: Path
) -> None:
    postgres = command == "dispatch"
    url = (
        await create_pg_database("coach_stop")
        if postgres
        else f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    )
    try:
        await seed_backlog(url)
        async with FakeTelegram() as telegram:
            env = coach_env(telegram, url, SEND_RATE_PER_SECOND="50")
            coach = Process([command], env, tmp_path / f"{command}.log")
            await coach.start()
            assert coach.proc is not None
            await wait_until(
                lambda: sum(reminded(telegram).values()) >= 20,
                seconds=60,
                what="the first reminders",
                log=coach.log,
            )
            coach.proc.send_signal(signal.SIGTERM)
            started = time.monotonic()
            try:
                code = await asyncio.wait_for(coach.proc.wait(), timeout=STOP_WITHIN_SECONDS)
            except TimeoutError:
                await coach.kill()
                raise AssertionError(
                    f"still running {STOP_WITHIN_SECONDS} s after SIGTERM:\n"
                    + coach.log.read_text()[-2000:]
                ) from None
            stopped_in = time.monotonic() - started
            sent = reminded(telegram)
        log = coach.log.read_text()
        assert code == 0 and "Traceback" not in log, log[-2000:]
        found = await statuses(url)
        assert found["sending"] == 0, f"claimed rows were left behind: {found}"
        assert set(sent.values()) == {1}, sent.most_common(3)
        assert found["sent"] == len(sent), "every message that went out is recorded as sent"
        assert found["pending"] == BACKLOG - len(sent), found
        print(f"{command}: stopped {stopped_in:.2f} s after SIGTERM, {len(sent)} sent")
    finally:
        if postgres:
            await drop_pg_database(url)


@pytest.mark.slow
def test_dispatch_refuses_sqlite_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [COACH, "dispatch"],
        env={
            "PATH": "/usr/bin:/bin",
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",  # nothing listens: no traffic
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}",
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DATABASE_URL" in lines[0] and "PostgreSQL" in lines[0], lines
    assert not (tmp_path / "coach.db").exists(), "nothing is created on a refused start"
