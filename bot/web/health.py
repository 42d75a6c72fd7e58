"""Readiness: the database answers and its schema is at this code's migration head."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.schema import SCHEMA_HEAD, applied_revision


class Readiness:
    """Checks one engine against the migration head of the scripts this process runs."""

    def __init__(self, engine: AsyncEngine, *, timeout_seconds: float) -> None:
        self._engine = engine
        self._timeout = timeout_seconds

    async def problem(self) -> str | None:
        """None when ready, else why not, in words safe to show anyone (no URL, no password)."""
        try:
            async with asyncio.timeout(self._timeout), self._engine.connect() as connection:
                current = await connection.run_sync(applied_revision)
        except Exception as exc:  # whatever the driver raises, the answer is "not ready"
            return f"database unreachable ({type(exc).__name__})"
        if current != SCHEMA_HEAD:
            return f"database schema at {current or 'nothing'}, this code needs {SCHEMA_HEAD}"
        return None
