"""A scratch PostgreSQL database beside a server's, for one benchmark run."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine


async def create_scratch(server_url: str) -> str:
    """A new empty PostgreSQL database beside server_url's; returns its URL."""
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"coach_bench_{uuid.uuid4().hex[:10]}"
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def drop_scratch(server_url: str, url: str) -> None:
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@asynccontextmanager
async def scratch_database(server_url: str) -> AsyncIterator[str]:
    """The URL of a scratch database that is dropped on exit."""
    url = await create_scratch(server_url)
    try:
        yield url
    finally:
        await drop_scratch(server_url, url)
