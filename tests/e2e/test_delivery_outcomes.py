"""What a scheduled row becomes when Telegram refuses it or its runner has gone: a 429 the rate
limiter gave up on, a malformed message (400), a runner made inactive before rendering."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import ApplicationBuilder

from bot.coach import Coach
from bot.scheduling.dispatcher import Dispatcher, Timing
from bot.storage.models import OutboxStatus, ScheduledMessage, User
from bot.telegram.app import TelegramFrontEnd
from bot.telegram.callbacks import CallbackCodec
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot
from tests.support.builders import onboard
from tests.support.fakebot import FakeTelegram

SLOWED, MALFORMED, LEFT = 8101, 8102, 8103


async def one_due_now(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, user_id: int
) -> int:
    """Onboard a runner and make their first workout reminder due; returns its row id."""
    await onboard(sessions, clock, user_id=user_id, nudges_off=["weekly_summary", "reengage"])
    async with sessions() as session, session.begin():
        row_id = await session.scalar(
            select(ScheduledMessage.id)
            .where(ScheduledMessage.user_id == user_id)
            .order_by(ScheduledMessage.due_at)
            .limit(1)
        )
        assert row_id is not None
        await session.execute(
            update(ScheduledMessage)
            .where(ScheduledMessage.id == row_id)
            .values(due_at=clock.now - timedelta(seconds=30))
        )
    return row_id


async def row(sessions: async_sessionmaker[AsyncSession], row_id: int) -> ScheduledMessage:
    async with sessions() as session:
        found = await session.get(ScheduledMessage, row_id)
    assert found is not None
    return found


@pytest.fixture
async def unpaced(
    telegram: FakeTelegram, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> AsyncIterator[Dispatcher]:
    """The dispatcher over the real front end, on a PTB application without the rate limiter,
    so Telegram's 429 reaches `deliver` as it does once the limiter has used up its retries."""
    application = ApplicationBuilder().token(telegram.token).base_url(telegram.base_url).build()
    front = TelegramFrontEnd(Coach(sessions, clock=clock), CallbackCodec.for_token(telegram.token))
    front.attach(application)
    async with application:
        yield Dispatcher(sessions, front, clock=clock, timing=Timing())
    assert telegram.errors == []


async def test_a_429_becomes_a_retry_at_the_time_telegram_asked_for(
    telegram: FakeTelegram,
    unpaced: Dispatcher,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    row_id = await one_due_now(sessions, clock, SLOWED)
    telegram.fail_next("sendMessage", status=429, retry_after=42)
    report = await unpaced.tick()
    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    retried = await row(sessions, row_id)
    assert retried.status == OutboxStatus.PENDING
    # Telegram's retry_after, not the dispatcher's own backoff (15 s, 30 s, ...)
    assert retried.due_at == clock.now + timedelta(seconds=42)
    assert retried.last_error == "Flood control exceeded. Retry in 42 seconds"
    assert telegram.sent(SLOWED) == []

    clock.advance(seconds=41)
    assert (await unpaced.tick()).sent == 0
    clock.advance(seconds=1)
    assert (await unpaced.tick()).sent == 1
    assert len(telegram.sent(SLOWED)) == 1


async def test_a_bad_request_fails_the_row_for_good_without_retrying(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    row_id = await one_due_now(sessions, clock, MALFORMED)
    telegram.fail_next("sendMessage", status=400, description="Bad Request: message is too long")
    report = await coach_bot.dispatcher.tick()
    assert (report.sent, report.retried, report.failed) == (0, 0, 1)
    failed = await row(sessions, row_id)
    assert failed.status == OutboxStatus.FAILED
    assert failed.last_error == "BadRequest('Message is too long')"
    clock.advance(hours=1)
    await coach_bot.dispatcher.tick()
    assert (await row(sessions, row_id)).status == OutboxStatus.FAILED
    assert telegram.sent(MALFORMED) == []


async def test_a_runner_inactive_at_render_time_gets_nothing_and_the_row_is_cancelled(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    row_id = await one_due_now(sessions, clock, LEFT)
    async with sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == LEFT).values(active=False))
    report = await coach_bot.dispatcher.tick()
    assert (report.sent, report.dropped) == (0, 1)
    dropped = await row(sessions, row_id)
    assert (dropped.status, dropped.last_error) == (OutboxStatus.CANCELLED, "inactive")
    assert [c for c in telegram.calls if c.params.get("chat_id") == LEFT] == []
