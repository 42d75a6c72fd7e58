"""The database down, gone or locked: the runner hears so at once, buttons stop spinning, and
nothing of what they sent is half-written."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.coach import Coach
from bot.storage.database import make_engine, make_sessionmaker, prepare
from bot.storage.models import DialogStateRow, User
from bot.telegram.app import build_application, running
from bot.telegram.callbacks import CallbackCodec
from dialogs.texts import t
from tests.conftest import PG_URL, create_pg_database, drop_pg_database
from tests.e2e.conftest import Runner
from tests.support.fakebot import FakeTelegram

RUNNER = 9101
# Short enough to keep the tests quick (each runner's update waits it out); the setting's
# default is 5 s.
TIMEOUT = 0.3
# How long the runner may wait for "I can't reach my notes": the timeout plus PTB's round trips.
PROMPT = TIMEOUT + 2.5


@asynccontextmanager
async def coach_on(telegram: FakeTelegram, url: str) -> AsyncIterator[None]:
    """The real Telegram application, its coach on the database at `url`."""
    engine = make_engine(url, timeout_seconds=TIMEOUT)
    application = build_application(
        token=telegram.token, base_url=telegram.base_url, coach=Coach(make_sessionmaker(engine))
    )
    try:
        async with running(application, polling=True, poll_timeout=1):
            telegram.handled = application.update_queue.join
            yield
    finally:
        await engine.dispose()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """A port that accepts connections and never says a word, like a hung database server;
    asyncpg alone would wait 60 s for it."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


def answered_queries(telegram: FakeTelegram) -> int:
    return sum(1 for call in telegram.calls if call.method == "answerCallbackQuery" and call.ok)


async def replied_within(telegram: FakeTelegram, before: int) -> float:
    """Seconds until the coach said something new to the runner, once it has finished."""
    started = time.monotonic()
    await telegram.wait_for(lambda fake: len(fake.sent(RUNNER)) > before, timeout=10)
    took = time.monotonic() - started
    await telegram.wait_idle()
    return took


async def check_told_and_answered(telegram: FakeTelegram) -> None:
    """A message and two button presses (a valid one and one that cannot be trusted) each get
    the one "can't reach my notes" reply promptly, and both spinners are answered."""
    down = t("core.database_down")
    telegram.send_text(RUNNER, "hi", first_name="Sam")
    assert await replied_within(telegram, 0) < PROMPT
    assert [m.text for m in telegram.sent(RUNNER)] == [down]

    codec = CallbackCodec.for_token(telegram.token)
    message_id = telegram.sent(RUNNER)[-1].message_id
    for data in (codec.encode(chat_id=RUNNER, value="go:workout", version=None), "forged|x|y"):
        before = len(telegram.sent(RUNNER))
        answered = answered_queries(telegram)
        telegram.press_button(RUNNER, message_id, data)
        assert await replied_within(telegram, before) < PROMPT
        assert [m.text for m in telegram.sent(RUNNER)[before:]] == [down]
        assert answered_queries(telegram) == answered + 1, "the button would spin on"
    assert telegram.errors == []


async def test_postgresql_refusing_connections(telegram: FakeTelegram) -> None:
    url = f"postgresql+asyncpg://coach@127.0.0.1:{free_port()}/coach"
    async with coach_on(telegram, url):
        await check_told_and_answered(telegram)


async def test_postgresql_server_that_never_answers(telegram: FakeTelegram) -> None:
    async with (
        silent_server() as port,
        coach_on(telegram, f"postgresql+asyncpg://coach@127.0.0.1:{port}/coach"),
    ):
        await check_told_and_answered(telegram)


@pytest.mark.postgresql
async def test_postgresql_database_dropped_under_the_running_coach(telegram: FakeTelegram) -> None:
    assert PG_URL
    url = await create_pg_database("coach_dropped")
    try:
        await (await prepare(url)).dispose()
        async with coach_on(telegram, url):
            await drop_pg_database(url)
            await check_told_and_answered(telegram)
    finally:
        await drop_pg_database(url)


async def test_sqlite_file_locked_by_another_process(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    path = tmp_path / "coach.db"
    url = f"sqlite+aiosqlite:///{path}"
    await (await prepare(url)).dispose()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing, e.g. a backup or a migration
    try:
        async with coach_on(telegram, url):
            await check_told_and_answered(telegram)
            other.execute("ROLLBACK")
            # Nothing of the runner's three updates was written...
            engine = make_engine(url)
            async with make_sessionmaker(engine)() as session:
                for table in (User, DialogStateRow):
                    count = select(func.count()).select_from(table)
                    assert await session.scalar(count) == 0, table.__tablename__
            await engine.dispose()
            # ...and once the file is free, the same coach answers normally.
            runner = Runner(telegram, RUNNER)
            greeting = await runner.say("hi")
            assert [m.text for m in greeting] == [t("core.greeting", name="Sam")]
    finally:
        other.close()
