"""Pain reports made in the same instant by one runner are each stored under a key of its
own: the key names the second it was made in, numbered after the first, and the database
holds (runner, key) unique."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import Coach, Sender
from bot.storage import models
from dialogs.core import TextReceived
from tests.conftest import FakeClock
from tests.support.builders import onboard

RUNNER = 401


async def _reports(sessions: async_sessionmaker[AsyncSession]) -> list[models.PainReport]:
    async with sessions() as session:
        rows = await session.scalars(
            select(models.PainReport)
            .where(models.PainReport.user_id == RUNNER)
            .order_by(models.PainReport.id)
        )
        return list(rows)


async def test_reports_at_the_same_instant_are_all_stored(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await onboard(sessions, clock, user_id=RUNNER)
    coach = Coach(sessions, clock=clock)  # the clock does not move: one instant throughout
    runner = Sender(RUNNER, RUNNER, "Sam")
    # Normal soreness first: stored resolved at once, so it is no longer an open report.
    await coach.handle(runner, TextReceived("bit of DOMS in my glutes after yesterday"))
    green = await coach.handle(runner, TextReceived("yes"))
    assert "🟢" in green.replies[0].text
    # Then two urgent ones for different places, each with its verdict at once: the second
    # while the first is open.
    for words in (
        "felt a pop in my achilles and now I can't walk",
        "chest pain and dizzy on the hill just now",
    ):
        handled = await coach.handle(runner, TextReceived(words))
        assert "🔴" in handled.replies[0].text, words
    rows = await _reports(sessions)
    assert [row.level for row in rows] == ["continue", "urgent", "urgent"]
    assert len({row.key for row in rows}) == 3
    # Each urgent report has its own check-in, pointing at it.
    async with sessions() as session:
        checkins = await session.scalars(
            select(models.ScheduledMessage.payload).where(
                models.ScheduledMessage.user_id == RUNNER,
                models.ScheduledMessage.kind == "pain_checkin",
            )
        )
        keys = sorted(payload["args"]["checkin"] for payload in checkins)
    assert keys == sorted(row.key for row in rows[1:])
