"""Read models the shell loads from storage and hands to the core in a Context."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from dialogs.pain.levels import CONTINUE, MODIFY, PainLevel
from dialogs.vocabulary import (
    BodyLocation,
    DistanceUnit,
    Equipment,
    Experience,
    Goal,
    RaceDistance,
    Weekday,
)


def _known_zone(name: str) -> str:
    # Checked once here, so every later ZoneInfo(profile.timezone) loads.
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error
    return name


# An IANA time-zone name that zoneinfo can load ("Europe/London", "Etc/GMT-2", "UTC").
TimeZoneName = Annotated[str, AfterValidator(_known_zone)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Profile(_Frozen):
    """What onboarding learned about a runner."""

    goal: Goal
    # The race the runner trains for (RaceDistance.NONE: no race, just running; None: not asked).
    race_distance: RaceDistance | None = None
    # The race day the runner gave; "next spring" asks for a month and stores the 15th of it.
    race_day: date | None = None
    # The niggle a runner coming back from one named; it feeds the pain status.
    niggle: BodyLocation | None = None
    experience: Experience
    runs_per_week: int = Field(ge=0, le=14)
    # Rough weekly running, as distance or as time (either, both or neither).
    weekly_distance_km: float | None = Field(default=None, ge=0, le=1000)
    weekly_minutes: int | None = Field(default=None, ge=0, le=10080)
    distance_unit: DistanceUnit = DistanceUnit.KM
    # The day the runner raised their weekly running by more than about 30 % in /settings:
    # strength work drops to one session a week for a while after (dialogs.training.phases).
    volume_jump_on: date | None = None
    equipment: frozenset[Equipment] = frozenset({Equipment.NONE})
    workout_days: tuple[Weekday, ...] = ()
    workout_time: time = time(7, 30)
    timezone: TimeZoneName = "UTC"
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
    # What a professional said once the runner was seen: cleared / modified / rest.
    advice: str | None = None
    # When the report was last reported or checked in on (one check-in a day is enough).
    updated_at: datetime | None = None


class ComebackPlan(_Frozen):
    """A graded return to running after a pain a professional cleared (return_to_run.py)."""

    report_key: str
    locations: tuple[BodyLocation, ...] = ()
    stage: int = Field(default=0, ge=0)  # index into return_to_run.STAGES
    good_runs: int = Field(default=0, ge=0)  # runs within the limits at this stage
    step_backs: int = Field(default=0, ge=0)  # step-backs in a row
    started_on: date


class PainStatus(_Frozen):
    """The runner's active pain, as the triage keeps it; empty locations means none."""

    level: PainLevel = CONTINUE
    locations: frozenset[BodyLocation] = frozenset()
    # The open reports behind it, newest first.
    reports: tuple[PainRecord, ...] = ()
    # The return-to-run plan under way, if any.
    comeback: ComebackPlan | None = None
    # Keys of the reports made in this very second, resolved ones too: a new report's key
    # names its second, and must not repeat one of these (pain/steps.py new_key).
    keys_this_second: frozenset[str] = frozenset()


class FieldTest(StrEnum):
    """The baseline and retest field tests (dialogs/training/field_tests.py), each per side."""

    BRIDGE = "bridge"  # single-leg glute bridge: clean reps to fatigue
    SIDE_PLANK = "side_plank"  # side plank hold: seconds
    CALF_RAISE = "calf_raise"  # single-leg calf raises to fatigue: reps
    SQUAT = "squat"  # single-leg squat quality, self-rated from a description: 1-3


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class FieldTestResult(_Frozen):
    """One field test on one side on one day."""

    day: date
    test: FieldTest
    side: Side
    value: int = Field(ge=0, le=600)
