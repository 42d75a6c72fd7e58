"""Migrations one step at a time with rows present: what a live database goes through.

Each revision is applied to a database that already holds rows in every table of the revision
before, so a NOT NULL column added to an existing table must give those rows a value, and a
downgrade must keep the rows of the tables that stay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, func, insert, select
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage import repositories
from bot.storage.database import alembic_config, make_engine, make_sessionmaker, upgrade
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database

AT = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
USER = 5150

# One row per table, written as soon as the revision that creates the table is applied.
ROWS: dict[str, dict[str, Any]] = {
    "users": {"id": USER, "chat_id": USER, "first_name": "Ana", "created_at": AT, "active": True},
    "dialog_states": {
        "user_id": USER,
        "dialog": "onboarding",
        "step": "goal",
        "data": {"answers": {}},
        "version": 3,
        "updated_at": AT,
    },
    "events": {"user_id": USER, "kind": "started", "data": {}, "at": AT},
    "profiles": {
        "user_id": USER,
        "goal": "prevent",
        "experience": "regular",
        "runs_per_week": 3,
        "equipment": ["band"],
        "workout_days": ["mon", "wed", "fri"],
        "workout_time": "07:30",
        "timezone": "Europe/London",
        "hard_run_days": [],
        "session_minutes": 25,
        "pain_consent": True,
        "updated_at": AT,
    },
    "scheduled_messages": {
        "user_id": USER,
        "kind": "workout_reminder",
        "occurrence": "2025-03-03",
        "due_at": AT,
        "payload": {},
        "status": "pending",
        "attempts": 0,
        "created_at": AT,
    },
    "workout_sessions": {
        "user_id": USER,
        "day": date(2025, 3, 3),
        "status": "done",
        "focus": "hips",
        "plan": {"exercises": []},
        "started_at": AT,
    },
    "pain_reports": {
        "user_id": USER,
        "key": "knee-left",
        "level": "adjust",
        "status": "open",
        "locations": ["knee"],
        "severities": [4],
        "source": "pain",
        "detailed": False,
        "reported_at": AT,
        "updated_at": AT,
    },
    "field_tests": {
        "user_id": USER,
        "day": date(2025, 3, 3),
        "test": "bridge",
        "side": "left",
        "value": 14,
        "at": AT,
    },
    "comeback_plans": {
        "user_id": USER,
        "report_key": "knee-left",
        "locations": ["knee"],
        "stage": 2,
        "good_runs": 1,
        "step_backs": 0,
        "started_at": AT,
        "updated_at": AT,
    },
}
# Rows that need another row's generated id.
DEPENDENT = {"exercise_logs": "workout_sessions"}
# Columns a step adds to an existing table that may stay empty for the rows already there.
NULLABLE_ADDED = {
    "paused_until",
    "race_distance",
    "race_day",
    "niggle",
    "weekly_distance_km",
    "weekly_minutes",
    "volume_jump_on",
    "advice",
    "note",
}


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'steps.db'}"
        return
    url = asyncio.run(create_pg_database("coach_steps"))
    yield url
    asyncio.run(drop_pg_database(url))


def _on(url: str, work: Callable[[Connection], Any]) -> Any:
    """Run `work` on a connection to `url`, committed."""

    async def run() -> Any:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            result = await connection.run_sync(work)
        await engine.dispose()
        return result

    return asyncio.run(run())


def _seed_new_tables(connection: Connection) -> None:
    """Give every table that has no row yet its row, as the schema stands now."""
    schema = MetaData()
    schema.reflect(connection)
    for table in schema.sorted_tables:  # parents first
        name = table.name
        if name == "alembic_version" or connection.scalar(select(func.count()).select_from(table)):
            continue
        if name in DEPENDENT:
            parent = schema.tables[DEPENDENT[name]]
            session_id = connection.scalar(select(parent.c.id))
            row = {
                "user_id": USER,
                "session_id": session_id,
                "exercise_id": "glute_bridge",
                "outcome": "done",
                "sets": 3,
                "at": AT,
            }
        else:
            row = ROWS[name]
        connection.execute(insert(table).values(**row))


def _contents(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows (but alembic's), each as a column -> value mapping."""
    schema = MetaData()
    schema.reflect(connection)
    return {
        name: [dict(row._mapping) for row in connection.execute(select(table))]
        for name, table in schema.tables.items()
        if name != "alembic_version"
    }


def test_each_step_up_and_down_keeps_the_rows_and_fills_new_not_null_columns(
    empty_url: str,
) -> None:
    config = alembic_config(empty_url)
    steps = revisions()
    assert len(steps) >= 5
    snapshots: dict[str, dict[str, list[dict[str, Any]]]] = {}
    previous: dict[str, list[dict[str, Any]]] = {}
    for revision in steps:
        command.upgrade(config, revision)
        contents = _on(empty_url, _contents)
        for name, rows in previous.items():
            assert len(contents[name]) == len(rows) == 1, (revision, name)
            old, new = rows[0], contents[name][0]
            # the old columns keep their values; a column this step added has a value
            assert {k: new[k] for k in old} == old, (revision, name)
            for added in new.keys() - old.keys():
                assert new[added] is not None or added in NULLABLE_ADDED, (revision, name, added)
        _on(empty_url, _seed_new_tables)
        previous = snapshots[revision] = _on(empty_url, _contents)

    # the columns later steps added to existing tables, as the coach reads them
    async def read_back() -> tuple[Any, Any]:
        engine = make_engine(empty_url)
        async with make_sessionmaker(engine)() as session:
            profile = await repositories.get_profile(session, USER)
            state = (await repositories.dialog_rows(session, [USER]))[USER]
        await engine.dispose()
        return profile, state

    profile, state = asyncio.run(read_back())
    assert profile is not None and profile.nudges_off == frozenset()
    assert state.recent_updates == []

    for revision in reversed(steps[:-1]):
        command.downgrade(config, revision)
        assert _on(empty_url, _contents) == snapshots[revision], f"down to {revision}"
    command.downgrade(config, "base")
    assert _on(empty_url, _contents) == {}


def test_upgrading_a_current_schema_changes_nothing_and_says_so(
    empty_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    head = revisions()[-1]

    async def upgrade_twice() -> None:
        engine = make_engine(empty_url)
        try:
            await upgrade(engine, empty_url)
            async with engine.begin() as connection:
                await connection.run_sync(_seed_new_tables)
            caplog.clear()
            await upgrade(engine, empty_url)
        finally:
            await engine.dispose()

    with caplog.at_level(logging.INFO, logger="bot.storage.database"):
        asyncio.run(upgrade_twice())
    assert [r.getMessage() for r in caplog.records if r.name == "bot.storage.database"] == [
        f"database schema is up to date ({head})"
    ]
    contents = _on(empty_url, _contents)
    counts = {name: len(rows) for name, rows in contents.items()}
    assert counts == dict.fromkeys((*ROWS, *DEPENDENT), 1)
