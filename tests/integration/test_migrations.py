"""Migrations: upgrade from empty, downgrade to base, and the models agree with them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, select
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.database import alembic_config
from bot.storage.models import Base
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
        return
    url = asyncio.run(create_pg_database("coach_migrations"))
    yield url
    asyncio.run(drop_pg_database(url))


def _run(url: str, check: Any) -> Any:
    """Run check on a connection to url, in a transaction committed at the end."""

    async def run() -> Any:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            result = await connection.run_sync(check)
        await engine.dispose()
        return result

    return asyncio.run(run())


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _diff(connection: Connection) -> list[Any]:
    return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_upgrade_from_empty_then_downgrade_to_base(empty_url: str) -> None:
    config = alembic_config(empty_url)
    command.upgrade(config, "head")
    assert _run(empty_url, _tables) == set(Base.metadata.tables)
    command.downgrade(config, "base")
    assert _run(empty_url, _tables) == set()
    command.upgrade(config, "head")
    assert _run(empty_url, _tables) == set(Base.metadata.tables)


def test_models_and_migrations_agree(empty_url: str) -> None:
    command.upgrade(alembic_config(empty_url), "head")
    assert _run(empty_url, _diff) == []


def test_a_group_stored_as_a_runners_chat_goes_back_to_their_private_chat(empty_url: str) -> None:
    config = alembic_config(empty_url)
    command.upgrade(config, "0005")

    def seed(connection: Connection) -> None:
        users = Base.metadata.tables["users"]
        created = datetime(2026, 3, 2, tzinfo=UTC)
        connection.execute(
            users.insert(),
            [
                {"id": 41, "chat_id": -1001234, "first_name": "Ana", "created_at": created},
                {"id": 42, "chat_id": 42, "first_name": "Ben", "created_at": created},
            ],
        )

    _run(empty_url, seed)
    command.upgrade(config, "head")

    def chats(connection: Connection) -> list[tuple[int, int]]:
        users = Base.metadata.tables["users"]
        rows = connection.execute(select(users.c.id, users.c.chat_id).order_by(users.c.id))
        return [tuple(row) for row in rows]

    assert _run(empty_url, chats) == [(41, 41), (42, 42)]
