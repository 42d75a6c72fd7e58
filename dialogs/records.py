"""Read models the shell loads from storage and hands to the core in a Context."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from dialogs.pain.levels import CONTINUE, MODIFY, PainLevel
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal, Weekday


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Profile(_Frozen):
    """What onboarding learned about a runner."""

    goal: Goal
    experience: Experience
    runs_per_week: int = Field(ge=0, le=14)
    equipment: frozenset[Equipment] = frozenset({Equipment.NONE})
    workout_days: tuple[Weekday, ...] = ()
    workout_time: time = time(7, 30)
    timezone: str = "UTC"
    # Days of the long or hard runs, if the runner told us; heavy work stays off the day before.
    hard_run_days: tuple[Weekday, ...] = ()
    session_minutes: int = Field(default=25, ge=10, le=60)
    # Whether the runner agreed that pain details may be stored (asked in onboarding).
    pain_consent: bool = False
    # Nudge kinds the runner switched off in /schedule or /settings.
    nudges_off: frozenset[str] = frozenset()
    # Nudges are held until then (None: not paused).
    paused_until: datetime | None = None


class Outcome(StrEnum):
    """How one exercise went, from the guided-session buttons."""

    DONE = "done"
    EASY = "easy"  # "too easy"
    HARD = "hard"  # "too hard"
    SKIPPED = "skipped"
    HURT = "hurt"


class ExerciseResult(_Frozen):
    exercise_id: str
    outcome: Outcome
    sets: int = Field(ge=0)
    reps: int | None = None
    seconds: int | None = None


class SessionRecord(_Frozen):
    """One workout session and how each exercise went."""

    day: date
    started_at: datetime
    finished: bool
    results: tuple[ExerciseResult, ...] = ()
    # The runner pressed "Skip today" on a reminder: no session, on purpose.
    skipped: bool = False


class PainRecord(_Frozen):
    """One open (not yet resolved) pain report, as the check-ins and over-time rules need it."""

    key: str  # the report's key, as in SavePainReport and the check-in payload
    locations: tuple[BodyLocation, ...] = ()
    level: PainLevel = MODIFY  # after the latest check-in
    worst: int | None = Field(default=None, ge=0, le=10)  # worst 0-10 when first reported
    first_reported: date
    # Worst 0-10 given at each check-in since, oldest first.
    severities: tuple[int, ...] = ()


class PainStatus(_Frozen):
    """The runner's active pain, as the triage keeps it; empty locations means none."""

    level: PainLevel = CONTINUE
    locations: frozenset[BodyLocation] = frozenset()
    # The open reports behind it, newest first.
    reports: tuple[PainRecord, ...] = ()
