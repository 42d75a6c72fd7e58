"""The shared send budget on its real stores: two budget instances stand for two processes
(PostgreSQL: two engines, so two sessions; Redis: two clients), and neither may let the pair
exceed the budget in any one-second window."""

from __future__ import annotations

import asyncio
import math
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ExtBot

from bot.limits import BudgetRateLimiter, SendBudget
from bot.limits.budget import CLOCK_SLACK, REPLY_EVERY
from bot.limits.limits_store import LimitsSlots
from bot.limits.postgres_store import AdvisorySlots
from bot.storage.database import make_engine
from tests.conftest import PG_URL, create_pg_database, drop_pg_database
from tests.support.fakebot import FakeTelegram
from tests.support.production import most_in_one_second as most_sends_in_one_second

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
RATE = 40.0

Pair = tuple[SendBudget, SendBudget]


@pytest.fixture(params=["postgresql", "redis"])
async def pair(request: pytest.FixtureRequest) -> AsyncIterator[Pair]:
    """Two budgets sharing one store, as two processes would."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set")
        # Advisory locks need no table, but they are per database: a database of its own, so a
        # test on another pytest worker cannot take this test's slots.
        url = await create_pg_database("coach_budget")
        engines = [make_engine(url), make_engine(url)]
        budgets = tuple(SendBudget(AdvisorySlots(e), rate_per_second=RATE) for e in engines)
        yield budgets  # type: ignore[misc]
        for budget in budgets:
            await budget.close()
        for engine in engines:
            await engine.dispose()
        await drop_pg_database(url)
        return
    if not REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set")
    prefix = f"test-{uuid.uuid4().hex[:8]}"  # each test its own keys
    budgets = tuple(
        SendBudget(LimitsSlots.redis(REDIS_URL, prefix=prefix), rate_per_second=RATE)
        for _ in range(2)
    )
    yield budgets  # type: ignore[misc]
    for budget in budgets:
        await budget.close()


def most_in_one_second(times: list[float]) -> int:
    """The most events in any window of one second (open at its start)."""
    times = sorted(times)
    best, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def timed(acquire: Awaitable[None]) -> float:
    await acquire
    return time.time()


async def test_two_processes_never_exceed_the_budget_together(pair: Pair) -> None:
    times: list[float] = []

    async def nudges(budget: SendBudget, chats: range) -> None:
        for chat_id in chats:  # one of a dispatcher's pool of senders
            times.append(await timed(budget.acquire(chat_id, nudge=True)))

    async def reply(budget: SendBudget, chat_id: int) -> None:
        times.append(await timed(budget.acquire(chat_id, nudge=False)))

    started = time.time()
    await asyncio.gather(
        *(nudges(budget, range(1000 + 10 * n, 1010 + 10 * n)) for n, budget in enumerate(pair * 4)),
        *(reply(budget, 2000 + n) for n in range(20) for budget in pair),
    )
    assert len(times) == 120
    assert most_in_one_second(times) <= RATE, most_in_one_second(times)
    # and the budget is used, not wasted: 120 sends at 40/s take about 3 s
    assert time.time() - started < 120 / RATE * 1.3


async def test_a_429_pauses_both_processes_once(pair: Pair) -> None:
    first, second = pair
    await first.acquire(1, nudge=False)
    paused_at = time.time()
    assert await first.store.start_pause(1.0)
    assert not await first.store.start_pause(1.0), "a second 429 in the pause starts no pause"
    assert not await second.store.start_pause(1.0), "nor one in the other process"
    times = await asyncio.gather(
        *(timed(budget.acquire(10 + n, nudge=False)) for n in range(5) for budget in pair)
    )
    assert min(times) >= paused_at + 0.9, "nobody sends during the pause"
    assert max(times) < paused_at + 2.5, "everybody sends again after it"
    await asyncio.sleep(0.1)
    assert await second.store.paused_for() == 0
    assert await second.store.start_pause(0.5), "a new 429 after the pause pauses again"


async def test_a_reply_goes_before_queued_nudges(pair: Pair) -> None:
    first, second = pair
    # Nudges take every other slot (the rest wait for replies): these 40 take 2 s.
    nudges = [asyncio.ensure_future(first.acquire(5000 + n, nudge=True)) for n in range(40)]
    await asyncio.sleep(0.3)  # the nudges have taken the slots ahead
    started = time.time()
    await second.acquire(42, nudge=False)
    waited = time.time() - started
    queued = sum(not nudge.done() for nudge in nudges)
    assert queued > 20, "the nudges were still queued"
    assert waited < REPLY_EVERY / RATE + 0.15, waited
    await asyncio.gather(*nudges)


async def test_one_chat_gets_a_short_burst_then_one_a_second(pair: Pair) -> None:
    # The coach's one-second window and a longer one, both at half length so the test is
    # quick: 3 a half second, 5 in 2 seconds.
    second = 0.5
    limits = ((second, 3), (4 * second, 5))
    budgets = [SendBudget(b.store, rate_per_second=RATE, chat_limits=limits) for b in pair]
    # at the start of a long window
    await asyncio.sleep(4 * second - time.time() % (4 * second) + 0.05)
    start = math.floor(time.time() / second) * second
    times = sorted(
        await asyncio.gather(
            *(timed(budget.acquire(77, nudge=False)) for _ in range(3) for budget in budgets)
        )
    )
    assert times[2] < start + second, "a reply of three messages goes at once"
    assert start + second <= times[3] + 0.01, "the fourth waits for the next short window"
    assert times[4] < start + 2 * second, "with the fifth"
    assert start + 4 * second <= times[5] + 0.01, "the sixth waits for the next long window"


class CountedSlots(AdvisorySlots):
    """The real store, counting the locks it says it took."""

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        self.taken = 0

    async def take_first(self, keys: Any, *, capacity: int) -> int | None:
        index = await super().take_first(keys, capacity=capacity)
        self.taken += index is not None
        return index


@pytest.mark.postgresql
async def test_postgresql_slots_hold_only_the_locks_they_took() -> None:
    url = await create_pg_database("coach_locks")  # its own: other workers' locks not counted
    engine: AsyncEngine = make_engine(url)
    store = CountedSlots(engine)
    budget = SendBudget(store, rate_per_second=RATE, chat_limits=((1.0, 3),))
    other = make_engine(url)
    try:
        for n in range(10):
            await budget.acquire(n, nudge=False)

        async def held() -> int:
            async with other.connect() as connection:
                query = (
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                )
                return int((await connection.execute(text(query))).scalar_one())

        # One lock for each one taken: a chat lock and a slot per send, none of the other
        # candidates each try saw. (A send woken too late on a busy machine takes a second
        # slot, and the first stays locked until its time has passed on every clock: counted
        # as taken, not assumed away.)
        assert store.taken >= 20
        assert await held() == store.taken
        await asyncio.sleep(1.0 + CLOCK_SLACK + 0.5)
        before = store.taken
        await budget.acquire(99, nudge=False)  # releases what has passed
        assert await held() == store.taken - before >= 2
        await budget.close()
        assert await held() == 0, "a closed session leaves no lock behind"
    finally:
        await engine.dispose()
        await other.dispose()
        await drop_pg_database(url)


class BrokenStore:
    """A store whose server is gone."""

    def __getattr__(self, _name: str) -> Callable[..., Any]:
        async def fail(*_args: object, **_kwargs: object) -> Any:
            raise ConnectionError("store unreachable")

        return fail


async def test_a_store_that_fails_leaves_the_process_pacing_itself() -> None:
    budget = SendBudget(
        BrokenStore(),  # type: ignore[arg-type]
        rate_per_second=RATE,
        fallback=LimitsSlots.in_memory(),
    )
    times = [await timed(budget.acquire(n, nudge=False)) for n in range(int(RATE) + 10)]
    assert most_in_one_second(times) <= RATE
    await budget.pause(0.3)
    started = time.time()
    await budget.acquire(1, nudge=False)
    assert time.time() - started >= 0.25


async def test_through_ptb_one_429_is_met_once_by_two_processes(pair: Pair) -> None:
    """The budget as PTB's rate limiter: two bots (two processes) sending 8 at a time to a
    server that allows the budget; one injected 429 pauses both, and nothing is lost."""
    async with FakeTelegram(rate_limit_per_second=RATE) as telegram:
        bots = [
            ExtBot(telegram.token, base_url=telegram.base_url, rate_limiter=BudgetRateLimiter(b))
            for b in pair
        ]
        for bot in bots:
            await bot.initialize()
        chats = iter(range(1, 81))

        async def sender(bot: ExtBot[None]) -> None:
            for chat_id in chats:
                if chat_id == 20:
                    telegram.fail_next("sendMessage", status=429, retry_after=1)
                await bot.send_message(chat_id, "time for your session")

        await asyncio.gather(*(sender(bot) for bot in bots for _ in range(8)))
        for bot in bots:
            await bot.shutdown()
        sent = [c.params["chat_id"] for c in telegram.calls if c.ok and c.method == "sendMessage"]
        assert sorted(sent) == list(range(1, 81)), "each message went once"
        assert telegram.received_429 == 1, "the one 429 paused everybody: no other followed"
        assert most_sends_in_one_second(telegram.calls) <= RATE
