"""Test data in one place: runner profiles, the fields onboarding saves, dialog contexts, and
a runner saved straight into a database as onboarding would have saved them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.storage import repositories
from dialogs.core import Context, SaveProfile
from dialogs.records import Profile
from tests.conftest import FakeClock

# A Monday morning, before any daylight-saving change.
NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
USER_ID = 42
FIRST_NAME = "Ana"
# The runner the database tests onboard unless told otherwise.
RUNNER = 101


def runner_fields(**changes: Any) -> dict[str, Any]:
    """The profile fields onboarding saves (as JSON, the way SaveProfile carries them) for a
    regular runner who trains Mon, Wed, Fri at 07:30 London time and agreed to pain reports."""
    return {
        "goal": "prevent",
        "experience": "regular",
        "runs_per_week": 3,
        "equipment": ["none", "band"],
        "workout_days": ["mon", "wed", "fri"],
        "workout_time": "07:30",
        "timezone": "Europe/London",
        "hard_run_days": [],
        "pain_consent": True,
        **changes,
    }


def profile(**changes: Any) -> Profile:
    """The core's Profile for runner_fields(**changes)."""
    return Profile.model_validate(runner_fields(**changes))


# A newer runner: twice a week, a band, Tue and Thu at 18:00, long run on Sunday, no consent.
NEW_RUNNER = profile(
    experience="new",
    runs_per_week=2,
    equipment=["band"],
    workout_days=["tue", "thu"],
    workout_time="18:00",
    hard_run_days=["sun"],
    pain_consent=False,
)


def context(
    profile: Profile | None = None,
    *,
    now: datetime = NOW,
    user_id: int = USER_ID,
    first_name: str = FIRST_NAME,
) -> Context:
    """What a dialog step may read: the clock, who the runner is and their profile."""
    return Context(now=now, user_id=user_id, first_name=first_name, profile=profile)


async def onboard(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    *,
    user_id: int = RUNNER,
    days: tuple[str, ...] = ("mon", "wed", "fri"),
    at: str = "07:30",
    timezone: str = "Europe/London",
    **extra: Any,
) -> None:
    """A runner who onboarded earlier, saved through the shell's own effect (so reminders are
    scheduled), in one committed transaction."""
    async with sessions() as session, session.begin():
        await repositories.ensure_user(
            session, user_id=user_id, chat_id=user_id, first_name="Sam", now=clock.now
        )
        fields = runner_fields(workout_days=list(days), workout_time=at, timezone=timezone, **extra)
        await effects.apply(SaveProfile(fields), effects.UnitOfWork(session, user_id, clock.now))
