"""Shared fixtures: real databases (SQLite always, PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.storage.database import make_sessionmaker, prepare
from bot.storage.models import Base
from tests.support.fakebot import FakeTelegram

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


# `make test` runs these alone, after the rest, collecting only tests/e2e (collecting the whole
# suite to pick them out took 6 s): a test with either mark anywhere else would never run.
ALONE = ("slow", "deadline")
E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    misplaced = [
        item.nodeid
        for item in items
        if any(mark in item.keywords for mark in ALONE) and E2E not in item.path.parents
    ]
    if misplaced:
        raise pytest.UsageError(f"tests marked slow or deadline belong in tests/e2e: {misplaced}")
    if PG_URL:
        return
    skip = pytest.mark.skip(reason="TEST_DATABASE_URL is not set")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API server on a loopback port (tests/support/fakebot.py)."""
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


async def create_pg_database(prefix: str) -> str:
    """A new empty PostgreSQL database next to TEST_DATABASE_URL's; returns its URL."""
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


async def drop_pg_database(url: str) -> None:
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """One migrated PostgreSQL database for the session; tests truncate it after use."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    url = asyncio.run(create_pg_database("coach_test"))

    async def migrate() -> None:
        engine = await prepare(url)
        await engine.dispose()

    asyncio.run(migrate())
    yield url
    asyncio.run(drop_pg_database(url))


async def _truncate(engine: AsyncEngine) -> None:
    """Empty every table and restart every id, as TRUNCATE ... RESTART IDENTITY would, in a
    tenth of its time: TRUNCATE makes new files for each table, a test leaves a few rows."""
    async with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):  # rows that refer to others first
            await connection.execute(table.delete())
        await connection.execute(
            text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'")
        )


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty, not yet migrated or already migrated test database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    return request.getfixturevalue("pg_database")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once per worker: each test copies it rather than running
    every migration again (tests/integration/test_migrations*.py run them on empty files)."""
    path = tmp_path_factory.mktemp("template") / "coach.db"

    async def migrate() -> None:
        engine = await prepare(f"sqlite+aiosqlite:///{path}")
        await engine.dispose()  # checkpoints the WAL into the file, so copying it is enough

    asyncio.run(migrate())
    return path


@pytest.fixture
async def engine(database_url: str, sqlite_template: Path) -> AsyncIterator[AsyncEngine]:
    """A migrated engine on a clean database."""
    if database_url.startswith("sqlite"):
        shutil.copyfile(sqlite_template, str(make_url(database_url).database))
    engine = await prepare(database_url)  # finds the copy at the head revision
    yield engine
    if engine.dialect.name == "postgresql":
        await _truncate(engine)
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)
