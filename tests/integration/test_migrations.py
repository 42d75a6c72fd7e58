"""Migrations: upgrade from empty, downgrade to base, and the models agree with them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, insert, inspect, select
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage import repositories
from bot.storage.database import alembic_config, make_engine, make_sessionmaker
from bot.storage.models import Base
from bot.storage.schema import SCHEMA_HEAD, applied_revision
from dialogs.records import Profile
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


def test_the_head_the_code_needs_is_alembics_and_is_read_as_alembic_reads_it(
    empty_url: str,
) -> None:
    config = alembic_config(empty_url)
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD

    def both(connection: Connection) -> tuple[str | None, str | None]:
        alembics = MigrationContext.configure(connection).get_current_revision()
        return applied_revision(connection), alembics

    assert _run(empty_url, both) == (None, None)
    steps = (
        (command.upgrade, "0001", "0001"),
        (command.upgrade, "0005", "0005"),
        (command.upgrade, "head", SCHEMA_HEAD),
        (command.downgrade, "0009_pain_followup", "0009_pain_followup"),
    )
    for move, target, expected in steps:
        move(config, target)
        assert _run(empty_url, both) == (expected, expected)


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


def test_the_season_columns_come_empty_for_runners_there_before_and_go_back_down(
    empty_url: str,
) -> None:
    config = alembic_config(empty_url)
    command.upgrade(config, "0006")
    created = datetime(2026, 3, 2, tzinfo=UTC)
    before = {
        "user_id": 41,
        "goal": "prevent",
        "experience": "regular",
        "runs_per_week": 3,
        "equipment": ["band"],
        "workout_days": ["mon"],
        "workout_time": "07:30",
        "timezone": "Europe/London",
        "hard_run_days": [],
        "session_minutes": 25,
        "pain_consent": True,
        "updated_at": created,
        "nudges_off": [],
    }

    def seed(connection: Connection) -> None:
        users = Base.metadata.tables["users"]
        connection.execute(users.insert(), {"id": 41, "chat_id": 41, "created_at": created})
        # The table as 0006 left it, not as the models describe it now.
        schema = MetaData()
        schema.reflect(connection)
        connection.execute(insert(schema.tables["profiles"]).values(**before))

    _run(empty_url, seed)
    # Up to the head, not just 0007: the repositories read the profile as the models are now.
    command.upgrade(config, "head")

    async def read_then_save() -> tuple[Profile | None, Profile | None]:
        engine = make_engine(empty_url)
        async with make_sessionmaker(engine)() as session, session.begin():
            old = await repositories.get_profile(session, 41)
            season = {
                "race_distance": "half",
                "race_day": "2026-04-15",
                "niggle": "achilles",
                "weekly_distance_km": 24.1,
                "weekly_minutes": None,
                "distance_unit": "mi",
            }
            await repositories.save_profile(session, 41, season, created)
        async with make_sessionmaker(engine)() as session:
            new = await repositories.get_profile(session, 41)
        await engine.dispose()
        return old, new

    old, new = asyncio.run(read_then_save())
    assert old is not None and old.distance_unit == "km"
    assert (old.race_distance, old.race_day, old.niggle, old.weekly_distance_km) == (None,) * 4
    assert new is not None and new.race_distance == "half" and new.race_day == date(2026, 4, 15)
    assert (new.niggle, new.weekly_distance_km, new.distance_unit) == ("achilles", 24.1, "mi")
    assert new.runs_per_week == 3 and new.timezone == "Europe/London"

    command.downgrade(config, "0006")

    def profile_row(connection: Connection) -> dict[str, Any]:
        schema = MetaData()
        schema.reflect(connection)
        return dict(connection.execute(select(schema.tables["profiles"])).one()._mapping)

    row = _run(empty_url, profile_row)
    assert "race_distance" not in row and "distance_unit" not in row
    assert {k: row[k] for k in before if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
