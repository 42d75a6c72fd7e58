"""The walk-run stages of a return to running and the limits of the check after each run,
and what an active plan shapes elsewhere: the reminder's line and the pain status the
session builder reads. The dialog that checks each run is return_to_run.py."""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from dialogs.pain.levels import highest
from dialogs.records import ComebackPlan, PainRecord, PainStatus
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation


class Stage(NamedTuple):
    run: int  # minutes running
    walk: int  # minutes walking between
    repeats: int


STAGES: tuple[Stage, ...] = (
    Stage(1, 2, 6),
    Stage(2, 2, 5),
    Stage(3, 1, 5),
    Stage(5, 1, 4),
    Stage(8, 1, 3),
    Stage(20, 0, 1),
)
RUNS_PER_STAGE = 2
CHECK_EVERY = timedelta(days=2)
ASK_AGAIN = timedelta(days=1)


def describe(stage: int) -> str:
    """A stage in words: "5 × (3 min run, 1 min walk)" or "20 min easy running"."""
    s = STAGES[stage]
    if s.walk == 0:
        return f"{s.run} min easy running"
    return f"{s.repeats} × ({s.run} min run, {s.walk} min walk)"


def knee_front(plan: ComebackPlan) -> bool:
    return BodyLocation.KNEE_FRONT in plan.locations


def limit(plan: ComebackPlan) -> int:
    """The most pain a run may bring and still count: 2/10 for the front of the knee."""
    return 2 if knee_front(plan) else 3


def reminder_line(pain: PainStatus | None) -> str | None:
    """The line a workout reminder carries while the plan runs: today's stage and limit."""
    plan = pain.comeback if pain is not None else None
    if plan is None:
        return None
    return t(
        "pain_followup.hold.reminder_plan",
        stage=plan.stage + 1,
        stages=len(STAGES),
        run=describe(plan.stage),
        limit=limit(plan),
    )


def status(
    records: tuple[PainRecord, ...],
    plan: ComebackPlan | None,
    keys_this_second: frozenset[str] = frozenset(),
) -> PainStatus:
    """The runner's pain as the core sees it: open reports, and the places a return-to-run
    plan still protects (so sessions leave out heavy, explosive and loading work there)."""
    places = {place for record in records for place in record.locations}
    if plan is not None:
        places |= set(plan.locations)
    return PainStatus(
        level=highest(record.level for record in records),
        locations=frozenset(places),
        reports=records,
        comeback=plan,
        keys_this_second=keys_this_second,
    )
