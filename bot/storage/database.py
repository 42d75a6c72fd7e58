"""Engine, sessions and migrations. Built where the app is assembled, never at import."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.settings import DEFAULT_DATABASE_TIMEOUT_SECONDS
from bot.storage.schema import SCHEMA_HEAD, applied_revision

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
# The advisory lock held while the schema is checked and migrated (any constant of our own).
MIGRATING = 0x676C7574_65000001
# How long a unit of work may queue for one of the pooled PostgreSQL connections. A busy pool
# is a database that answers, only not yet: with 200 updates in flight the wait can pass the
# few seconds that mean "down" (the connect timeout), and those runners were told their notes
# could not be reached. A late reply is better than a false alarm.
POOL_WAIT_SECONDS = 60.0


def make_engine(
    url: str, *, timeout_seconds: float = DEFAULT_DATABASE_TIMEOUT_SECONDS
) -> AsyncEngine:
    """An async engine. SQLite has one writer at a time, so it gets one connection: units of
    work then queue for it in order instead of sleeping in SQLite's busy handler.

    `timeout_seconds` bounds the wait for a database that is down or locked (asyncpg would try to
    connect for 60 s), so the runner soon hears that their notes cannot be reached; queueing
    for a pooled connection of a database that answers is not that, and waits longer.

    `hide_parameters`: a failed statement's error (which we log) never shows the values bound
    to it, such as a runner's pain report."""
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url,
            # SQLite's busy timeout: only another process holding the file's lock makes us wait.
            connect_args={"timeout": timeout_seconds},
            pool_size=1,
            max_overflow=0,
            pool_timeout=120,
            pool_reset_on_return=None,
            hide_parameters=True,
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_async_engine(
        url,
        connect_args={"timeout": timeout_seconds},
        pool_size=10,
        max_overflow=10,
        pool_timeout=max(POOL_WAIT_SECONDS, timeout_seconds),
        pool_pre_ping=True,
        hide_parameters=True,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for one unit of work each; objects stay usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    """Alembic configured for this project's scripts and the given URL."""
    # Imported here: only a migration needs alembic (see bot/storage/schema.py).
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["database_url"] = url
    return config


def _migrate(connection: Connection, url: str) -> None:
    from alembic import command

    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade(engine: AsyncEngine, url: str) -> None:
    """Apply pending migrations, logging one line about what was done."""
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Processes started together on a new database would all create the schema: one
            # migrates, the others wait here and find it done.
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATING})
        current = await connection.run_sync(applied_revision)
        if current == SCHEMA_HEAD:
            log.info("database schema is up to date (%s)", current)
            return
        await connection.run_sync(_migrate, url)
    log.info("database migrated from %s to %s", current or "empty", SCHEMA_HEAD)


async def prepare(
    url: str, *, timeout_seconds: float = DEFAULT_DATABASE_TIMEOUT_SECONDS
) -> AsyncEngine:
    """Create the SQLite folder if needed, build the engine and migrate it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, timeout_seconds=timeout_seconds)
    await upgrade(engine, url)
    return engine

