"""Shortcuts for end-to-end tests: onboarding by typed answers, and reading the database."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.storage import repositories
from bot.storage.models import ExerciseLog, PainReport, ScheduledMessage, WorkoutSession
from dialogs.core import SaveProfile
from dialogs.records import Profile
from tests.conftest import FakeClock
from tests.e2e.conftest import Runner

# The `clock` fixture starts on a Monday morning; London is on UTC until late March.
TIMEZONE = "Europe/London"


async def onboard(
    runner: Runner,
    *,
    goal: str = "stronger glutes",
    kit: str = "band",
    experience: str = "a few years",
    days: str = "mon wed fri",
    at: str = "18:00",
    consent: bool = True,
) -> None:
    """Walk /start with typed answers, as a runner in a hurry would, and confirm."""
    await runner.say("/start")
    answers = (
        goal,
        "no race",
        experience,
        "3",
        "25k",
        kit,
        days,
        at,
        "none",
        TIMEZONE,
        "yes" if consent else "no",
    )
    for answer in answers:
        await runner.say(answer)
    assert "Here's what I have" in runner.last_text, runner.last_text
    await runner.say("looks good")
    assert "You're all set" in runner.texts(), runner.last_text


async def profile_of(sessions: async_sessionmaker[AsyncSession], user_id: int) -> Profile:
    """The saved profile (the test fails when there is none)."""
    async with sessions() as session:
        profile = await repositories.get_profile(session, user_id)
    assert profile is not None, f"runner {user_id} has no profile"
    return profile


async def workout_sessions(
    sessions: async_sessionmaker[AsyncSession], user_id: int
) -> list[tuple[WorkoutSession, list[ExerciseLog]]]:
    """The runner's session logs, oldest first, each with its exercise rows in order."""
    async with sessions() as session:
        rows = (
            await session.scalars(
                select(WorkoutSession)
                .where(WorkoutSession.user_id == user_id)
                .order_by(WorkoutSession.id)
            )
        ).all()
        logs = (
            await session.scalars(
                select(ExerciseLog).where(ExerciseLog.user_id == user_id).order_by(ExerciseLog.id)
            )
        ).all()
    return [(row, [log for log in logs if log.session_id == row.id]) for row in rows]


async def scheduled(
    sessions: async_sessionmaker[AsyncSession],
    user_id: int,
    *,
    kinds: Sequence[str] = (),
) -> list[ScheduledMessage]:
    """The runner's scheduled-message rows (of these kinds), soonest first."""
    query = select(ScheduledMessage).where(ScheduledMessage.user_id == user_id)
    if kinds:
        query = query.where(ScheduledMessage.kind.in_(kinds))
    async with sessions() as session:
        return list(
            (
                await session.scalars(query.order_by(ScheduledMessage.due_at, ScheduledMessage.id))
            ).all()
        )


async def pain_reports(
    sessions: async_sessionmaker[AsyncSession], user_id: int
) -> list[PainReport]:
    """The runner's stored pain reports, oldest first."""
    async with sessions() as session:
        return list(
            (
                await session.scalars(
                    select(PainReport).where(PainReport.user_id == user_id).order_by(PainReport.id)
                )
            ).all()
        )


async def seed_profile(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    user_id: int,
    *,
    equipment: Sequence[str] = ("band",),
    experience: str = "regular",
    days: Sequence[str] = ("mon", "wed", "fri"),
    at: str = "18:00",
    consent: bool = True,
    timezone: str = TIMEZONE,
) -> None:
    """A runner who onboarded earlier, saved as onboarding saves it (reminders included)."""
    fields = {
        "goal": "stronger",
        "experience": experience,
        "runs_per_week": 3,
        "equipment": list(equipment),
        "workout_days": list(days),
        "workout_time": at,
        "timezone": timezone,
        "hard_run_days": [],
        "pain_consent": consent,
    }
    async with sessions() as session, session.begin():
        await repositories.ensure_user(
            session, user_id=user_id, chat_id=user_id, first_name="Sam", now=clock.now
        )
        await effects.apply(SaveProfile(fields), effects.UnitOfWork(session, user_id, clock.now))
