"""Deploys without loss: a stopping process neither loses a reply it owes nor makes anyone wait
for what it can hand back.

A webhook update whose transaction has committed is applied (its redelivery is ignored as a
duplicate), so its replies must go out before the process exits; an update not yet begun is
refused, for Telegram to deliver again. A nudge still waiting for the send budget, even out a
long 429 pause, is handed back rather than waited for."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.database import make_engine, make_sessionmaker
from bot.storage.models import DialogStateRow, OutboxStatus, ScheduledMessage
from dialogs.texts import t
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot
from tests.e2e.test_delivery_outcomes import one_due_now
from tests.e2e.test_processes import Process, coach_env, tail
from tests.e2e.test_webhook import free_port
from tests.support.fakebot import FakeTelegram

SECRET = "deploy_secret"
RUNNERS = range(7401, 7406)
SAYS = 12  # each runner's "hi"s, all in flight at once
# Slow enough that the replies to the whole burst take about 10 s, twice the old grace.
RATE = 6
PAUSED = (7501, 7502, 7503)


async def applied_updates(url: str) -> dict[int, list[int]]:
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            rows = await session.execute(
                select(DialogStateRow).where(DialogStateRow.user_id.in_(RUNNERS))
            )
            return {row.user_id: list(row.recent_updates) for row in rows.scalars()}
    finally:
        await engine.dispose()


@pytest.mark.slow
async def test_sigterm_mid_burst_loses_no_reply_and_doubles_none(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Each runner's updates arrive together (a harsher Telegram than the real one), so most
    wait for their runner's turn while the replies trickle out at RATE a second. SIGTERM: the
    replies already owed go out, the updates not begun get a 503, and the next process answers
    those; every runner hears exactly one greeting per "hi", and every update is applied once."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    port = free_port()
    env = coach_env(
        telegram,
        url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        WEBHOOK_SECRET_TOKEN=SECRET,
        WEBHOOK_PORT=str(port),
        WEBHOOK_MAX_CONNECTIONS=str(len(RUNNERS) * SAYS),
        SEND_RATE_PER_SECOND=str(RATE),
    )
    telegram.webhook_one_per_chat = False
    log = tmp_path / "webhook.log"
    process = Process(["run", "--webhook"], env, log)
    sent: dict[int, list[int]] = {user_id: [] for user_id in RUNNERS}
    for user_id in RUNNERS:
        for _ in range(SAYS):
            sent[user_id].append(telegram.send_text(user_id, "hi", first_name="Sam")["update_id"])
    greeting = t("core.greeting", name="Sam")

    def greeted() -> int:
        return sum(m.text == greeting for user_id in RUNNERS for m in telegram.sent(user_id))

    await process.start()
    try:
        await telegram.wait_for(lambda _: greeted() >= len(RUNNERS), timeout=30)
        started = time.monotonic()
        assert await process.stop() == 0, tail(log)
        assert time.monotonic() - started < 10
        assert greeted() < len(RUNNERS) * SAYS, "stopped mid-burst"
        assert 503 in {d.status for d in telegram.deliveries}, "updates not begun were refused"

        # The next process answers the refused updates; only the stopping one had to be slow.
        process.env = {**env, "SEND_RATE_PER_SECOND": str(RATE * 10)}
        await process.start()
        await telegram.wait_for(lambda fake: not fake._queue, timeout=60)
        await telegram.wait_for(lambda _: greeted() >= len(RUNNERS) * SAYS, timeout=30)
        await asyncio.sleep(0.5)  # a reply sent twice would show by now
        assert await process.stop() == 0, tail(log)
    finally:
        if process.proc is not None and process.proc.returncode is None:
            await process.kill()
    heard = {user_id: [m.text for m in telegram.sent(user_id)] for user_id in RUNNERS}
    assert heard == {user_id: [greeting] * SAYS for user_id in RUNNERS}, tail(log)
    applied = await applied_updates(url)
    for user_id in RUNNERS:
        assert Counter(applied[user_id]) == Counter(sent[user_id]), user_id
    assert telegram.errors == []


async def test_a_stop_during_a_long_429_pause_hands_the_nudges_back_at_once(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    """Telegram asked for 30 s of quiet while reminders were going out: a stop does not wait
    it out, and none of them went, so each is handed back for the next worker, not failed."""
    rows = [await one_due_now(sessions, clock, user_id) for user_id in PAUSED]
    # Each send refused until the pause has begun: none can slip out before it.
    telegram.fail_next("sendMessage", status=429, retry_after=30, times=len(rows))
    tick = asyncio.create_task(coach_bot.dispatcher.tick())
    await telegram.wait_for(lambda fake: fake.received_429 >= 1, timeout=10)
    await asyncio.sleep(0.3)  # every nudge is waiting out the pause by now
    started = time.monotonic()
    coach_bot.dispatcher.stop()
    report = await asyncio.wait_for(tick, timeout=5)
    assert time.monotonic() - started < 1
    assert (report.sent, report.retried, report.failed, report.released) == (0, 0, 0, 3)
    async with sessions() as session:
        found = (
            await session.scalars(select(ScheduledMessage).where(ScheduledMessage.id.in_(rows)))
        ).all()
    assert [(r.status, r.claimed_by, r.attempts) for r in found] == [
        (OutboxStatus.PENDING, None, 0)
    ] * len(rows)
    assert [c for c in telegram.calls if c.ok and c.params.get("chat_id") in PAUSED] == []
