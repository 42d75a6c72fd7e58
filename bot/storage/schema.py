"""Which migration a database is at, and which one this code needs, without importing alembic.

Alembic (with mako, pygments and every dialect's DDL) costs a process about 11 MB and a third
of a second to import, and nearly every start finds the schema current. So the revision is read
from alembic's own version table, and alembic is imported only to migrate; a test checks that
SCHEMA_HEAD is the head of alembic/versions.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

# The newest migration in alembic/versions (tests/integration/test_migrations.py checks).
SCHEMA_HEAD = "0010_volume_jump"
# Where alembic records the revision applied (its default name; alembic/env.py keeps it).
VERSION_TABLE = "alembic_version"


def applied_revision(connection: Connection) -> str | None:
    """The migration the database is at; None for an empty database."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    # One line on a linear history; anything else is not this code's head, and alembic sorts it.
    return rows[0] if len(rows) == 1 else None
