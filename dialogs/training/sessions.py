"""The session builder: picks today's exercises for this runner, phase and day.

Pure and deterministic: the same profile, day, user, history and pain give the same session.
The phase comes from dialogs.training.phases, each dose from dialogs.training.prescription
and where each chain stands from dialogs.training.progression.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from dialogs.knowledge import Exercise, Kind, knowledge, level_rank
from dialogs.pain.loading import rested_places
from dialogs.profile.base import day_list
from dialogs.records import Outcome, PainStatus, Profile, SessionRecord
from dialogs.texts import t
from dialogs.training.chains import runnable, strength_today
from dialogs.training.phases import WEEKDAYS, Phase, periodisation, season, week_plan
from dialogs.training.prescription import (
    MAX_SETS,
    Region,
    Role,
    SessionItem,
    dose,
    estimate_minutes,
    item_dose,
    item_target,
    prescribe,
    region,
)
from dialogs.training.progression import Move, next_changes, progression, usable
from dialogs.training.selection import Picker
from dialogs.vocabulary import BodyLocation, Goal

# What other modules use from here, kept in one place.
__all__ = [
    "MAX_SETS",
    "Move",
    "Role",
    "Session",
    "SessionItem",
    "build_session",
    "dose",
    "estimate_minutes",
    "item_dose",
    "item_target",
    "next_changes",
    "progression",
    "session_outline",
    "usable",
]

# Race week: two mobility moves and two activation drills after the warm-up.
RACE_WEEK_MOBILITY = 2
RACE_WEEK_ACTIVATION = 2
# Phases that may carry a running suggestion (hills, drills) with the session.
RUNNING_NOTE_PHASES = frozenset({Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.LIGHT})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Session(_Frozen):
    """Today's session: an activation drill, then the main exercises."""

    day: date
    focus: str
    items: tuple[SessionItem, ...]
    minutes: int
    # Human lines: what moved up or down since last time.
    changes: tuple[str, ...] = ()
    # Running suggestions (hills, drills) that are not part of the session itself.
    notes: tuple[str, ...] = ()
    # Where the runner is in their season and what that means for today.
    plan: tuple[str, ...] = ()


def _seed(user_id: int, day: date) -> int:
    # hash() is salted per process; a digest keeps sessions stable across restarts.
    digest = hashlib.sha256(f"{user_id}:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def hard_lower_body(exercise: Exercise) -> bool:
    """Heavy or explosive leg and hip work, which wants a day between sessions."""
    return (exercise.heavy or exercise.explosive) and region(exercise) is not Region.TRUNK


def trained_hard_on(history: Sequence[SessionRecord], day: date) -> bool:
    """Whether a session that day held heavy or explosive lower-body work (finished or not)."""
    kb = knowledge()
    return any(
        record.day == day
        and not record.skipped
        and any(
            r.outcome is not Outcome.SKIPPED
            and r.exercise_id in kb.exercises
            and hard_lower_body(kb.exercises[r.exercise_id])
            for r in record.results
        )
        for record in history
    )


def _focus(mains: Sequence[Exercise]) -> str:
    side = sum(e.targets_side for e in mains)
    # Hip drive names a session most of whose moves drive the hip, not one of calves, a lunge
    # and a side plank, which is all-round.
    drive = sum(region(e) is Region.DRIVE for e in mains)
    if any(e.explosive for e in mains):
        return t("workout.focus.power")
    if side > len(mains) - side:
        return t("workout.focus.side")
    if any(e.heavy for e in mains):
        return t("workout.focus.strength")
    if drive > len(mains) - drive:
        return t("workout.focus.drive")
    return t("workout.focus.balance")


def _note(profile: Profile, allowed_run: Callable[[Exercise], bool], rank: int) -> tuple[str, ...]:
    kb = knowledge()
    wish = {
        Goal.FASTER: ("hill_sprints", "hill_running", "pre_run_drills"),
        Goal.STRONGER: ("hill_running", "pre_run_drills"),
    }.get(profile.goal, ("pre_run_drills", "hill_running"))
    for exercise_id in wish:
        exercise = kb.exercises[exercise_id]
        if level_rank(exercise.level) <= rank and allowed_run(exercise):
            base = exercise.prescription[profile.experience]
            text = dose(
                sets=base.sets, reps=base.reps, seconds=base.seconds, each_side=base.each_side
            )
            return (t(f"workout.note.{exercise_id}", dose=text),)
    return ()


def plan_lines(profile: Profile, day: date, *, eased: bool) -> tuple[str, ...]:
    """The lines shown above a session: the phase, the weeks to race week, this week's
    sessions and on which days, and why today is lighter if it is."""
    week = week_plan(profile, day)
    lines = [t(f"plan.phase.{week.season.phase.value}")]
    weeks = week.season.weeks_to_race
    if weeks:
        lines.append(t("plan.to_race_one") if weeks == 1 else t("plan.to_race", weeks=weeks))
    days = day_list([d.value for d in week.days])
    if week.sessions == 1:
        lines.append(t("plan.week_one", days=days))
    else:
        lines.append(t("plan.week_many", count=week.sessions, days=days))
    if week.volume_jump:
        lines.append(t("plan.volume_jump"))
    if eased:
        lines.append(t("plan.after_hard_day"))
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class _Chosen:
    """Today's items, and what the lines around them are worked out from."""

    items: list[SessionItem]
    picker: Picker | None  # None in race week, which has no progression
    eased: bool  # lighter today after a hard day
    allowed_run: Callable[[Exercise], bool]
    rank: int
    running: bool  # a running suggestion may come with it


def _choose(
    profile: Profile,
    day: date,
    user_id: int,
    history: Sequence[SessionRecord],
    pain: PainStatus | None,
) -> _Chosen:
    rng = random.Random(_seed(user_id, day))
    rank = level_rank(profile.experience)
    active: frozenset[BodyLocation] = pain.locations if pain is not None else frozenset()
    current = season(profile, day)
    phase_dose = current.dose
    tomorrow = WEEKDAYS[(day.weekday() + 1) % 7]
    # Heavy or explosive work stays off before a hard run, with any pain, on a comeback, the
    # day after heavy leg work, and in the phases that rest from it.
    apart = periodisation().plan.hard_days_apart
    hard_recently = any(
        trained_hard_on(history, day - timedelta(days=back)) for back in range(1, apart)
    )
    no_power = (
        bool(active)
        or profile.goal is Goal.COMEBACK
        or tomorrow in profile.hard_run_days
        or hard_recently
    )
    no_heavy = no_power or not phase_dose.heavy
    no_explosive = no_power or not phase_dose.explosive
    kit = usable(profile)

    # A tendon pain at the modify level keeps its exercises, held light by no_power.
    rested = rested_places(pain)

    def allowed_run(e: Exercise) -> bool:
        return runnable(e, kit, rested, no_explosive=no_explosive)

    eased = hard_recently and phase_dose.heavy
    if phase_dose.mobility_only:
        items = _race_week(profile, allowed_run, rank=rank, rng=rng)
        return _Chosen(items, None, eased, allowed_run, rank, running=False)
    allowed = strength_today(kit, rested, no_explosive, no_heavy, rank)
    picker = Picker(profile, history, current, allowed, active=rested, rank=rank, rng=rng)
    running = not active and current.phase in RUNNING_NOTE_PHASES
    return _Chosen(picker.build(), picker, eased, allowed_run, rank, running)


def build_session(
    *,
    profile: Profile,
    day: date,
    user_id: int,
    history: Sequence[SessionRecord],
    pain: PainStatus | None,
) -> Session:
    """Today's session for this runner: one activation drill, then 3-5 main exercises (race
    week: activation and mobility moves only)."""
    chosen = _choose(profile, day, user_id, history, pain)
    plan = plan_lines(profile, day, eased=chosen.eased)
    if chosen.picker is None:
        return _session(day, chosen.items, plan=plan, focus=t("plan.focus.race_week"))
    return _session(
        day,
        chosen.items,
        changes=chosen.picker.changes(chosen.items),
        notes=_note(profile, chosen.allowed_run, chosen.rank) if chosen.running else (),
        plan=plan,
    )


def session_outline(
    *,
    profile: Profile,
    day: date,
    user_id: int,
    history: Sequence[SessionRecord],
    pain: PainStatus | None,
) -> tuple[str, int]:
    """The focus and minutes of the session build_session gives, for a reminder to name,
    without the lines around it (plan, changes, running suggestion) that it does not show."""
    chosen = _choose(profile, day, user_id, history, pain)
    if chosen.picker is None:
        return t("plan.focus.race_week"), estimate_minutes(chosen.items)
    return _focus(_mains(chosen.items)), estimate_minutes(chosen.items)


def _session(
    day: date,
    items: Sequence[SessionItem],
    *,
    changes: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
    plan: tuple[str, ...],
    focus: str | None = None,
) -> Session:
    return Session(
        day=day,
        focus=focus or _focus(_mains(items)),
        items=tuple(items),
        minutes=estimate_minutes(items),
        changes=changes,
        notes=notes,
        plan=plan,
    )


def _mains(items: Sequence[SessionItem]) -> list[Exercise]:
    kb = knowledge()
    return [kb.exercises[i.exercise_id] for i in items if i.role is Role.MAIN]


def _race_week(
    profile: Profile,
    allowed_run: Callable[[Exercise], bool],
    *,
    rank: int,
    rng: random.Random,
) -> list[SessionItem]:
    """Race week: a warm-up drill, then mobility moves and activation drills, all easy."""
    kb = knowledge()
    fitting = [e for e in kb.exercises.values() if allowed_run(e) and level_rank(e.level) <= rank]
    drills = [e for e in fitting if e.kind is Kind.STRENGTH and e.activation and not e.heavy]
    mobility = [e for e in fitting if e.kind is Kind.MOBILITY]
    rng.shuffle(drills)
    rng.shuffle(mobility)
    # A side-of-the-hip drill to warm up, then one for the hip drive and one more.
    drills.sort(key=lambda e: not e.targets_side)
    warmup, others = drills[:1], drills[1:]
    others.sort(key=lambda e: e.targets_side)
    chosen = [
        *((e, Role.ACTIVATION) for e in warmup),
        *((e, Role.MAIN) for e in mobility[:RACE_WEEK_MOBILITY]),
        *((e, Role.MAIN) for e in others[:RACE_WEEK_ACTIVATION]),
    ]
    race_dose = periodisation().phase[Phase.RACE_WEEK]
    return [
        prescribe(e, role=role, level=profile.experience, dose=race_dose, owned=profile.equipment)
        for e, role in chosen
    ]

