"""A busy PostgreSQL pool is queued for, not reported as a database that cannot be reached."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bot.storage.database import make_engine

pytestmark = pytest.mark.postgresql


async def test_a_unit_of_work_waits_for_a_pooled_connection_longer_than_the_connect_timeout(
    pg_database: str,
) -> None:
    # A connect timeout of 0.2 s; every pooled connection (10 + 10 overflow) busy for 1 s.
    engine = make_engine(pg_database, timeout_seconds=0.2)
    held = [await engine.connect() for _ in range(20)]
    try:

        async def release_later() -> None:
            await asyncio.sleep(1)
            await held.pop().close()

        releasing = asyncio.create_task(release_later())
        async with engine.connect() as connection:  # queues until one is given back
            assert await connection.scalar(text("SELECT 1")) == 1
        await releasing
    finally:
        for connection in held:
            await connection.close()
        await engine.dispose()
