"""One runner's updates, landing on different processes at once, are applied one at a time
and once each (PostgreSQL: each "process" is a Coach on an engine of its own)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import Coach, Sender
from bot.storage import models
from bot.storage.database import make_engine, make_sessionmaker, prepare
from dialogs.core import CommandReceived, TextReceived
from tests.conftest import FakeClock, _truncate, create_pg_database, drop_pg_database

pytestmark = pytest.mark.postgresql

NEW_RUNNER = Sender(user_id=8_123_456_789, chat_id=8_123_456_789, first_name="Sam")


@pytest.fixture
async def two_processes(
    pg_database: str,
) -> AsyncIterator[tuple[list[Coach], async_sessionmaker[AsyncSession]]]:
    engines = [make_engine(pg_database) for _ in range(2)]
    clock = FakeClock(datetime(2026, 3, 2, 8, tzinfo=UTC))
    coaches = [Coach(make_sessionmaker(engine), clock=clock) for engine in engines]
    yield coaches, make_sessionmaker(engines[0])
    await _truncate(engines[0])
    for engine in engines:
        await engine.dispose()


async def dialog_row(sessions: async_sessionmaker[AsyncSession]) -> models.DialogStateRow:
    async with sessions() as session:
        return (
            await session.execute(
                select(models.DialogStateRow).where(
                    models.DialogStateRow.user_id == NEW_RUNNER.user_id
                )
            )
        ).scalar_one()


async def test_a_first_contact_on_two_processes_at_once_is_applied_once(
    two_processes: tuple[list[Coach], async_sessionmaker[AsyncSession]],
) -> None:
    coaches, sessions = two_processes
    # Telegram redelivered /start (the first answer was lost) and each copy reached a process.
    handled = await asyncio.gather(
        *(coach.handle(NEW_RUNNER, CommandReceived("start"), update_id=500) for coach in coaches)
    )
    assert sorted(bool(h.replies) for h in handled) == [False, True], "applied once"
    row = await dialog_row(sessions)
    assert row.recent_updates == [500]
    assert row.version == 1


async def test_one_runners_updates_on_two_processes_are_applied_one_at_a_time(
    two_processes: tuple[list[Coach], async_sessionmaker[AsyncSession]],
) -> None:
    coaches, sessions = two_processes
    # The runner's first messages, spread over both processes as a load balancer would.
    inputs = [CommandReceived("start"), *(TextReceived(f"hello {n}") for n in range(11))]
    await asyncio.gather(
        *(
            coaches[n % 2].handle(NEW_RUNNER, event, update_id=1000 + n)
            for n, event in enumerate(inputs)
        )
    )
    row = await dialog_row(sessions)
    # Each one read the state the one before it wrote: none was lost or applied twice.
    assert sorted(row.recent_updates) == list(range(1000, 1012))
    assert row.version == len(inputs)


async def test_processes_started_together_on_a_new_database_migrate_it_once() -> None:
    url = await create_pg_database("coach_together")
    try:
        engines = await asyncio.gather(*(prepare(url) for _ in range(3)))
        for engine in engines:
            await engine.dispose()
    finally:
        await drop_pg_database(url)
