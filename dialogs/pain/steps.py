"""The pain dialog's steps, the effects it asks the shell to carry out, and the small
helpers its parts share (check-in messages, consent, the runner's region and day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from dialogs.core import CancelMessages, Context, Effect, ScheduleMessage
from dialogs.pain import emergency
from dialogs.pain.levels import PainLevel
from dialogs.training import nudges

NAME = "pain"
CHECKIN_KIND = nudges.PAIN_CHECKIN
MODIFY_CHECKIN = timedelta(hours=48)
PHYSIO_CHECKIN = timedelta(days=3)
SEEN_CHECKIN = timedelta(days=7)
# One-off nudges that must not go out after an urgent report. Recurring workout reminders
# are held back by nudges.drop_reason while the level is urgent, which keeps their chain.
URGENT_CANCELS = (nudges.SESSION_CHECKIN, nudges.SORENESS_CHECKIN, nudges.REENGAGE)
# Set in the dialog's data once "not sure" about walking four steps was asked to try them now.
WALK_TRIED = "walk_tried"


class Step(StrEnum):
    START = "start"
    SORENESS = "soreness"  # normal training soreness? one confirming question
    LOCATION = "location"
    KNEE = "knee"
    HIP = "hip"
    WALK = "walk"
    FLAG = "flag"  # one red flag; which one is in data["flag"]
    SEVERITY = "severity"
    DURATION = "duration"
    BEHAVIOUR = "behaviour"
    MORNING = "morning"
    SCREEN = "screen"  # several red flags at once, a button each; "not sure" asks each
    SETTLES = "settles"  # within the continue level's limits? asked only when it decides
    CHECKIN = "checkin"
    CHECKIN_SEVERITY = "checkin_sev"
    ADVICE = "advice"  # seen: what did the professional say about training?
    RUN_CHECK = "run_check"  # a return-to-run plan's check after a run


@dataclass(frozen=True, slots=True)
class SavePainReport(Effect):
    """Store a pain report with its triage; with store False keep only the level."""

    key: str
    level: PainLevel
    reasons: tuple[str, ...]
    report: dict[str, Any]
    summary: str
    locations: tuple[str, ...] = ()
    source: str = "command"
    store: bool = True


@dataclass(frozen=True, slots=True)
class UpdatePainReport(Effect):
    """Record a check-in on a stored report: trend, severity, new level, resolved or not."""

    key: str
    level: PainLevel
    reasons: tuple[str, ...]
    trend: str  # better | same | worse | seen
    severity: int | None = None
    resolved: bool = False
    # Seen by a professional: what they said (cleared | modified | rest) and the runner's note.
    advice: str | None = None
    note: str | None = None
    # Places a new report for the same pain added to it.
    locations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SaveComeback(Effect):
    """Start, move on or end the runner's return-to-run plan (at most one at a time)."""

    report_key: str
    locations: tuple[str, ...]
    stage: int
    good_runs: int = 0
    step_backs: int = 0
    finished: bool = False


def new_key(ctx: Context) -> str:
    """A new report's key, unique per runner as the database requires: the instant it was
    made, numbered when a report from the same second is known (ctx.pain). To the microsecond
    because runners who have not onboarded come with no ctx.pain at all."""
    base = f"pain-{ctx.now:%Y%m%d%H%M%S%f}"
    pain = ctx.pain
    taken = ({r.key for r in pain.reports} | pain.keys_this_second) if pain is not None else set()
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def checkin_message(
    key: str, number: int, due: datetime, *, replace: bool = False
) -> ScheduleMessage:
    """The check-in on report `key`; replace moves one already booked under this number."""
    return ScheduleMessage(
        kind=CHECKIN_KIND,
        due=due,
        key=f"{key}/{number}",
        payload={"dialog": NAME, "args": {"checkin": key}},
        replace=replace,
    )


def rebook_checkin(key: str, number: int, due: datetime) -> tuple[Effect, ...]:
    """The report's pending check-ins cancelled and one booked: one check-in per report."""
    return (
        CancelMessages(kinds=(CHECKIN_KIND,), key_prefix=f"{key}/", reason="check-in rebooked"),
        checkin_message(key, number, due, replace=True),
    )


def consented(ctx: Context) -> bool:
    return bool(ctx.profile is not None and ctx.profile.pain_consent)


def emergency_region(ctx: Context) -> str:
    return emergency.region(ctx.profile.timezone) if ctx.profile is not None else emergency.OTHER
