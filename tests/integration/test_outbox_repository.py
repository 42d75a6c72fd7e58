"""The outbox's scheduling and cancelling functions against a real database (SQLite, and
PostgreSQL when configured): write in one unit of work, read back in a fresh session. Claiming
and settling are covered by test_reminders.py and test_dispatch_safety.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import models, outbox, repositories
from dialogs.training.nudges import REENGAGE, WEEKLY_SUMMARY, WORKOUT_REMINDER
from tests.conftest import FakeClock
from tests.support.builders import RUNNER, profile

OTHER = 202


async def add_runners(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> None:
    async with sessions() as session, session.begin():
        for user_id in (RUNNER, OTHER):
            await repositories.ensure_user(
                session, user_id=user_id, chat_id=user_id, first_name="Sam", now=clock.now
            )


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[Any, ...]]:
    """Every row as (runner, kind, occurrence, status, due, payload, attempts, last error)."""
    async with sessions() as session:
        found = await session.scalars(
            select(models.ScheduledMessage).order_by(models.ScheduledMessage.id)
        )
        return [
            (
                r.user_id,
                r.kind,
                r.occurrence,
                r.status,
                r.due_at,
                r.payload,
                r.attempts,
                r.last_error,
            )
            for r in found
        ]


async def schedule(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    *,
    user_id: int = RUNNER,
    kind: str = REENGAGE,
    occurrence: str = "2026-03-09",
    due: datetime,
    payload: dict[str, Any] | None = None,
    replace: bool = False,
) -> None:
    async with sessions() as session, session.begin():
        await outbox.schedule(
            session,
            user_id=user_id,
            kind=kind,
            occurrence=occurrence,
            due=due,
            payload=payload or {},
            now=clock.now,
            replace=replace,
        )


async def test_a_scheduled_row_is_pending_and_kept_when_scheduled_again(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    due = clock.now + timedelta(days=7)
    await schedule(sessions, clock, due=due, payload={"n": 1})
    await schedule(sessions, clock, due=due + timedelta(hours=1), payload={"n": 2})
    assert await rows(sessions) == [
        (RUNNER, REENGAGE, "2026-03-09", "pending", due, {"n": 1}, 0, None)
    ]
    async with sessions() as session:
        assert [r.due_at for r in await outbox.pending(session, RUNNER)] == [due]
        assert await outbox.pending(session, OTHER) == []


async def test_replace_moves_the_row_and_makes_it_pending_again(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    due = clock.now + timedelta(days=7)
    await schedule(sessions, clock, due=due, payload={"n": 1})
    async with sessions() as session, session.begin():
        await session.execute(
            update(models.ScheduledMessage).values(
                status="failed", attempts=3, claimed_by="p1", last_error="boom"
            )
        )
    later = due + timedelta(hours=2)
    await schedule(sessions, clock, due=later, payload={"n": 2}, replace=True)
    assert await rows(sessions) == [
        (RUNNER, REENGAGE, "2026-03-09", "pending", later, {"n": 2}, 0, None)
    ]
    async with sessions() as session:
        (row,) = await outbox.pending(session, RUNNER)
        assert (row.claimed_by, row.claimed_at) == (None, None)


async def test_schedule_many_adds_new_rows_and_keeps_existing_ones(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    due = clock.now + timedelta(days=1)
    await schedule(sessions, clock, occurrence="a", due=due, payload={"n": 1})

    def row(occurrence: str, n: int) -> dict[str, Any]:
        return {
            "user_id": RUNNER,
            "kind": REENGAGE,
            "occurrence": occurrence,
            "due_at": due,
            "payload": {"n": n},
            "created_at": clock.now,
        }

    async with sessions() as session, session.begin():
        await outbox.schedule_many(session, [])
        await outbox.schedule_many(session, [row("a", 2), row("b", 2)])
    assert [(r[2], r[5]) for r in await rows(sessions)] == [("a", {"n": 1}), ("b", {"n": 2})]


async def test_cancel_takes_only_this_runners_pending_rows_of_the_kinds_asked(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    due = clock.now + timedelta(days=1)
    for user_id, kind, occurrence in [
        (RUNNER, WORKOUT_REMINDER, "2026-03-04"),
        (RUNNER, WORKOUT_REMINDER, "2026-03-06"),
        (RUNNER, WEEKLY_SUMMARY, "2026-03-08"),
        (RUNNER, REENGAGE, "2026-03-09"),
        (OTHER, WORKOUT_REMINDER, "2026-03-04"),
    ]:
        await schedule(sessions, clock, user_id=user_id, kind=kind, occurrence=occurrence, due=due)
    async with sessions() as session, session.begin():
        await session.execute(
            update(models.ScheduledMessage)
            .where(models.ScheduledMessage.kind == REENGAGE)
            .values(status="sent")
        )
    async with sessions() as session, session.begin():
        await outbox.cancel(
            session, RUNNER, kinds=[WORKOUT_REMINDER], occurrence_prefix="2026-03-04", reason="skip"
        )
    async with sessions() as session, session.begin():
        await outbox.cancel(session, RUNNER)  # every kind, no reason
    assert [(r[0], r[1], r[2], r[3], r[7]) for r in await rows(sessions)] == [
        (RUNNER, WORKOUT_REMINDER, "2026-03-04", "cancelled", "skip"),
        (RUNNER, WORKOUT_REMINDER, "2026-03-06", "cancelled", None),
        (RUNNER, WEEKLY_SUMMARY, "2026-03-08", "cancelled", None),
        (RUNNER, REENGAGE, "2026-03-09", "sent", None),  # already sent: not touched
        (OTHER, WORKOUT_REMINDER, "2026-03-04", "pending", None),
    ]


async def test_recent_lists_one_kind_newest_first(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    for day in range(20):
        due = clock.now + timedelta(days=day)
        await schedule(sessions, clock, kind=WORKOUT_REMINDER, occurrence=f"d{day}", due=due)
    await schedule(sessions, clock, kind=REENGAGE, due=clock.now + timedelta(days=30))
    async with sessions() as session:
        recent = await outbox.recent(session, RUNNER, kind=WORKOUT_REMINDER)
    assert [r.occurrence for r in recent] == [f"d{day}" for day in range(19, 3, -1)]


async def test_reschedule_replaces_the_recurring_nudges_and_skips_a_sent_day(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runners(sessions, clock)
    # Monday 2 March 08:00 UTC: today's 07:30 reminder was already sent.
    today = datetime(2026, 3, 2, 7, 30, tzinfo=clock.now.tzinfo)
    await schedule(sessions, clock, kind=WORKOUT_REMINDER, occurrence="2026-03-02", due=today)
    await schedule(sessions, clock, kind=WEEKLY_SUMMARY, occurrence="old", due=today)
    async with sessions() as session, session.begin():
        await session.execute(
            update(models.ScheduledMessage)
            .where(models.ScheduledMessage.occurrence == "2026-03-02")
            .values(status="sent")
        )
    runner = profile(workout_time="07:00", nudges_off=[WEEKLY_SUMMARY])
    async with sessions() as session, session.begin():
        first = await outbox.reschedule(session, RUNNER, runner, clock.now - timedelta(hours=2))
    wednesday = datetime(2026, 3, 4, 7, 0, tzinfo=clock.now.tzinfo)
    assert first == wednesday  # not today again, though 07:00 was after "now"
    assert [(r[1], r[2], r[3], r[4], r[5], r[7]) for r in await rows(sessions)] == [
        (WORKOUT_REMINDER, "2026-03-02", "sent", today, {}, None),
        (WEEKLY_SUMMARY, "old", "cancelled", today, {}, "rescheduled"),
        (WORKOUT_REMINDER, "2026-03-04", "pending", wednesday, {"n": 0}, None),
    ]
