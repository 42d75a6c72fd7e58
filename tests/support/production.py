"""What a production layout needs around the coach's processes in tests and benchmarks: a
round-robin proxy in front of webhook processes, many due reminders seeded at once, and the
send rate the fake Bot API server saw."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Self

import aiohttp
from aiohttp import web
from sqlalchemy import Integer, Table, insert, literal, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import models
from bot.storage.database import make_sessionmaker, prepare
from tests.conftest import FakeClock
from tests.support.builders import onboard
from tests.support.fakebot import Call

SEND_METHODS = ("send", "edit", "copy", "forward")


class RoundRobinProxy:
    """A load balancer in front of webhook processes: each POST goes to the next backend; one
    that does not answer gets the client a 502, which Telegram (the fake) delivers again."""

    def __init__(self, backends: Sequence[str]) -> None:
        self._backends = itertools.cycle(backends)
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.url = ""
        self.forwarded: dict[str, int] = dict.fromkeys(backends, 0)

    async def __aenter__(self) -> Self:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._runner is not None and self._http is not None
        await self._runner.cleanup()
        await self._http.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._http is not None
        backend = next(self._backends)
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-")}
        headers["Content-Type"] = request.headers.get("Content-Type", "application/json")
        try:
            async with self._http.request(
                request.method,
                backend + request.path_qs,
                data=await request.read(),
                headers=headers,
            ) as response:
                body = await response.read()
                self.forwarded[backend] += 1
                return web.Response(status=response.status, body=body)
        except (aiohttp.ClientError, TimeoutError):
            return web.Response(status=502)


async def seed_due_reminders(url: str, first: int, count: int) -> range:
    """`count` onboarded runners from id `first` whose workout reminder fell due a minute ago
    (real clock: the processes' own). One runner is onboarded through the shell; the others are
    copies of its rows, so seeding thousands takes a second."""
    engine = await prepare(url)
    sessions: async_sessionmaker[AsyncSession] = make_sessionmaker(engine)
    clock = FakeClock(datetime.now(UTC))
    # Every day a session day, so the reminder is for today whatever today is.
    week = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    await onboard(sessions, clock, user_id=first, days=week, nudges_off=["weekly_summary"])
    async with sessions() as session, session.begin():
        await copy_runner(session, first, count)
        await session.execute(
            update(models.ScheduledMessage).values(due_at=clock.now - timedelta(minutes=1))
        )
    await engine.dispose()
    return range(first, first + count)


async def copy_runner(session: AsyncSession, first: int, count: int) -> None:
    """Copies of runner `first`'s user, profile, dialog and scheduled rows for the runners
    `first + 1` to `first + count - 1`, each table in one INSERT ... SELECT in the database."""
    numbers = select(literal(1, Integer).label("n")).cte("numbers", recursive=True)
    numbers = numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < count - 1))
    for model, key in (
        (models.User, "id"),
        (models.Profile, "user_id"),
        (models.DialogStateRow, "user_id"),
        (models.ScheduledMessage, "user_id"),
    ):
        table: Table = model.__table__  # type: ignore[assignment]
        # A row's own id (scheduled messages) is the database's to give.
        columns = [c for c in table.c if c.name != "id" or c.name == key]
        values = [c + numbers.c.n if c.name in (key, "chat_id") else c for c in columns]
        every = table.join(numbers, true())  # each of runner `first`'s rows with each number
        copies = (
            select(*values).select_from(every).where(table.c[key] == first, numbers.c.n < count)
        )
        await session.execute(insert(table).from_select([c.name for c in columns], copies))


def most_in_one_second(calls: Sequence[Call]) -> int:
    """The most accepted message calls in any one-second window, as the server saw them."""
    times = sorted(c.at for c in calls if c.ok and c.method.startswith(SEND_METHODS))
    best, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best
