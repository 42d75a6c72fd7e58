"""Scheduled sends through the real Telegram transport when Telegram says no: 429, 500, 403."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import outbox
from bot.storage.models import ScheduledMessage, User
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot
from tests.support.builders import onboard
from tests.support.fakebot import FakeTelegram

FLOOD, FLAKY, GONE = 8001, 8002, 8003


async def due_now(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, user_id: int
) -> None:
    await onboard(sessions, clock, user_id=user_id, nudges_off=["weekly_summary", "reengage"])
    async with sessions() as session, session.begin():
        await session.execute(
            update(ScheduledMessage)
            .where(ScheduledMessage.user_id == user_id)
            .values(due_at=clock.now - timedelta(seconds=30))
        )


async def test_429_is_waited_out_and_sent_once(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await due_now(sessions, clock, FLOOD)
    telegram.fail_next(
        "sendMessage", status=429, description="Too Many Requests: retry after 1", retry_after=1
    )
    report = await coach_bot.dispatcher.tick()
    assert report.sent == 1 and telegram.received_429 == 1
    assert len(telegram.sent(FLOOD)) == 1


async def test_500_is_retried_with_backoff_then_sent_once(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await due_now(sessions, clock, FLAKY)
    telegram.fail_next("sendMessage", status=500, description="Internal Server Error")
    report = await coach_bot.dispatcher.tick()
    assert (report.sent, report.retried) == (0, 1)
    assert telegram.sent(FLAKY) == []
    async with sessions() as session:
        row = (
            (
                await session.execute(
                    select(ScheduledMessage)
                    .where(ScheduledMessage.user_id == FLAKY, ScheduledMessage.status == "pending")
                    .order_by(ScheduledMessage.due_at)
                )
            )
            .scalars()
            .first()
        )
        assert (
            row is not None
            and row.due_at > clock.now
            and "Internal Server Error" in (row.last_error or "")
        )
    assert (await coach_bot.dispatcher.tick()).sent == 0  # not before the backoff
    clock.advance(minutes=2)
    assert (await coach_bot.dispatcher.tick()).sent == 1
    assert len(telegram.sent(FLAKY)) == 1


async def test_403_deactivates_the_runner_and_cancels_their_rows(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    await due_now(sessions, clock, GONE)
    telegram.block_chat(GONE)
    report = await coach_bot.dispatcher.tick()
    assert report.sent == 0 and report.dropped == 1
    async with sessions() as session:
        user = await session.get(User, GONE)
        assert user is not None and not user.active
        assert await outbox.pending(session, GONE) == []
