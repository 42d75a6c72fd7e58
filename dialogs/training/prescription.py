"""Doses a runner can follow: sets, reps or time, rest, tempo and how hard (reps in reserve or
effort out of 10), with what weight to pick and when to go heavier; and fitting them into the
runner's time budget.

The phase of the season (dialogs.training.phases) shapes every dose: heavy work drops to a
few reps in build and peak, volume halves in the taper, everything stays easy in race week.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from dialogs.knowledge import Exercise, Kind, Muscle, knowledge
from dialogs.texts import t
from dialogs.training.phases import PhaseDose
from dialogs.vocabulary import Equipment, Experience

SECONDS_PER_REP = 3
TRANSITION_SECONDS = 15  # setting up the next exercise
MAX_SETS = 4
ACTIVATION_MAX_SETS = 2
ACTIVATION_MAX_REST = 20
MIN_REST = 30
MIN_MAINS = 3
# Plyometric contacts need near-full recovery to stay fast (spurrs2003).
EXPLOSIVE_MIN_REST = 60
# Sessions shorter than this share of the time budget get another exercise or set.
FILL_SHARE = 0.8
WEIGHTS = frozenset({Equipment.DUMBBELL, Equipment.BARBELL, Equipment.MACHINE})
# NSCA's 2-for-2 rule: two reps more than asked, two sessions running, means go heavier.
HEAVIER_AFTER = 2
# From this many reps in reserve a week is for recovering: lighter weights, not just fewer sets.
EASY_RIR = 4


class Role(StrEnum):
    ACTIVATION = "activation"
    MAIN = "main"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionItem(_Frozen):
    """One exercise of a session, dosed for this runner today."""

    exercise_id: str
    name: str
    role: Role
    sets: int = Field(ge=1)
    reps: int | None = None
    seconds: int | None = None
    each_side: bool = False
    rest_seconds: int = Field(ge=0)
    cue: str
    why: str
    # How hard, as a runner reads it ("stop with 2 reps in the tank"). Defaults keep sessions
    # stored before these fields readable.
    effort: str = ""
    tempo: str = ""
    # What weight to pick and when to go heavier; empty for body-weight work.
    load: str = ""


def uses_weight(exercise: Exercise, owned: Iterable[Equipment]) -> bool:
    """Whether the runner will hold or load a weight for it with their kit."""
    kit = {Equipment.NONE, *owned}
    return any(need <= kit and need & WEIGHTS for need in exercise.equipment)


def _effort(exercise: Exercise, role: Role, rir: int, *, weighted: bool, timed: bool) -> str:
    if role is Role.ACTIVATION:
        return t("plan.effort.activation")
    if exercise.kind is Kind.MOBILITY:
        return t("plan.effort.mobility")
    if exercise.explosive:
        return t("plan.effort.explosive")
    if timed:
        return t("plan.effort.hold", rpe=10 - rir)
    if weighted or exercise.heavy:
        return t("plan.effort.reserve", rir=rir)
    return t("plan.effort.bodyweight", rpe=10 - rir)


def _load(reps: int, dose: PhaseDose, rir: int) -> str:
    if rir >= EASY_RIR:
        return t("plan.load.easy", most=reps + rir, reps=reps)
    if dose.volume < 1:
        return t("plan.load.keep")
    pick = t("plan.load.pick", most=reps + rir, reps=reps)
    return f"{pick} {t('plan.load.heavier', more=rir + HEAVIER_AFTER)}"


def prescribe(
    exercise: Exercise,
    *,
    role: Role,
    level: Experience,
    dose: PhaseDose,
    owned: Iterable[Equipment],
    sets: int | None = None,
) -> SessionItem:
    """The dose of one exercise today; `sets` is what progression set, if anything."""
    # Runners share a few kits, levels and phases, and the items are frozen: each dose of a
    # knowledge-base exercise is worked out once per process (keyed by its id, cheaper to hash).
    if knowledge().exercises.get(exercise.id) is exercise:
        kit = owned if isinstance(owned, frozenset) else frozenset(owned)
        return _known_dose(exercise.id, role, level, dose, kit, sets)
    return _prescribe(exercise, role, level, dose, owned, sets)


@lru_cache(maxsize=16384)
def _known_dose(
    exercise_id: str,
    role: Role,
    level: Experience,
    dose: PhaseDose,
    owned: frozenset[Equipment],
    sets: int | None,
) -> SessionItem:
    return _prescribe(knowledge().exercises[exercise_id], role, level, dose, owned, sets)


def _prescribe(
    exercise: Exercise,
    role: Role,
    level: Experience,
    dose: PhaseDose,
    owned: Iterable[Equipment],
    sets: int | None,
) -> SessionItem:
    base = exercise.prescription[level]
    count = sets if sets is not None else base.sets
    reps, rest = base.reps, base.rest
    weighted = role is Role.MAIN and uses_weight(exercise, owned)
    if role is Role.ACTIVATION:
        count, rest = min(count, ACTIVATION_MAX_SETS), min(rest, ACTIVATION_MAX_REST)
    else:
        count = max(1, round(count * dose.volume))
        if exercise.explosive:
            rest = max(rest, EXPLOSIVE_MIN_REST)
        elif reps is not None and exercise.heavy:
            reps, rest = min(reps, dose.heavy_reps), max(rest, dose.rest_heavy)
        elif reps is not None and weighted:
            reps = min(reps, dose.loaded_reps)
    tempo = exercise.tempo if role is Role.MAIN else None
    # Newcomers misjudge how close to failure they are, so they stop a rep earlier (helms2016).
    rir = dose.rir + (level is Experience.NEW)
    return SessionItem(
        exercise_id=exercise.id,
        name=exercise.name,
        role=role,
        sets=max(1, min(count, MAX_SETS)),
        reps=reps,
        seconds=base.seconds,
        each_side=base.each_side,
        rest_seconds=rest,
        cue=exercise.cues[0],
        why=exercise.why,
        effort=_effort(exercise, role, rir, weighted=weighted, timed=reps is None),
        tempo=t("plan.tempo", down=tempo[0], hold=tempo[1], up=tempo[2]) if tempo else "",
        load=_load(reps, dose, rir) if weighted and reps is not None else "",
    )


class Region(StrEnum):
    """What part of the runner an exercise mainly trains."""

    DRIVE = "drive"  # the back of the hip: gluteus maximus (and hamstrings)
    SIDE = "side"  # the side of the hip: gluteus medius and minimus
    CALVES = "calves"  # calves and soleus
    KNEE = "knee"  # quadriceps: single-leg knee control
    TRUNK = "trunk"


_REGIONS = {Muscle.CALVES: Region.CALVES, Muscle.QUADS: Region.KNEE, Muscle.CORE: Region.TRUNK}


def region(exercise: Exercise) -> Region:
    """The region of an exercise, from its focus muscle."""
    if exercise.targets_side:
        return Region.SIDE
    return _REGIONS.get(exercise.focus, Region.DRIVE)


# ---------------------------------------------------------------- texts and time


def dose(*, sets: int, reps: int | None, seconds: int | None, each_side: bool) -> str:
    """'2 × 15 each side', '3 × 30 s' or '20 min' for a long single effort."""
    if reps is not None:
        text = t("workout.dose.reps", sets=sets, reps=reps)
    elif seconds is not None and sets == 1 and seconds >= 120:
        text = t("workout.dose.minutes", minutes=round(seconds / 60))
    else:
        text = t("workout.dose.seconds", sets=sets, seconds=seconds)
    return t("workout.dose.each_side", dose=text) if each_side else text


def item_dose(item: SessionItem) -> str:
    """The dose of one session item, as the runner reads it."""
    return dose(sets=item.sets, reps=item.reps, seconds=item.seconds, each_side=item.each_side)


def item_target(item: SessionItem) -> str:
    """How hard, at what speed and with what weight, one line each (what is known)."""
    return "\n".join(line for line in (item.effort, item.tempo, item.load) if line)


def item_seconds(item: SessionItem) -> int:
    """Estimated time for one item: the work, the rests and setting up."""
    work = item.reps * SECONDS_PER_REP if item.reps is not None else item.seconds or 0
    if item.each_side:
        work *= 2
    return item.sets * (work + item.rest_seconds) + TRANSITION_SECONDS


def estimate_minutes(items: Sequence[SessionItem]) -> int:
    """Estimated whole minutes for a list of items."""
    return math.ceil(sum(item_seconds(i) for i in items) / 60)


def fill(
    items: list[SessionItem], budget_seconds: int, caps: Mapping[str, int]
) -> list[SessionItem]:
    """Add a set at a time to the main exercises with fewest sets while time is left over."""
    while (total := sum(item_seconds(i) for i in items)) < FILL_SHARE * budget_seconds:
        options = [
            n
            for n, i in enumerate(items)
            if i.role is Role.MAIN and i.sets < caps.get(i.exercise_id, i.sets)
        ]
        if not options:
            break
        n = min(options, key=lambda k: (items[k].sets, k))
        bigger = items[n].model_copy(update={"sets": items[n].sets + 1})
        if total - item_seconds(items[n]) + item_seconds(bigger) > budget_seconds:
            break
        items[n] = bigger
    return items


def trim(
    items: list[SessionItem],
    budget_seconds: int,
    *,
    priority: Sequence[str],
    needed: Collection[str],
    keep: Collection[str] = (),
) -> list[SessionItem]:
    """Drop extra exercises, then cut sets, then rests until the session fits the budget.

    `priority` lists exercise ids, most wanted first; an exercise is dropped only while
    another covers its region or its region is not `needed`; sets just earned by
    progression (`keep`) are the last to be cut.
    """
    kb = knowledge()
    # Kept beside the items, so each step looks up no exercise and sums no list again.
    areas = [region(kb.exercises[i.exercise_id]) for i in items]
    seconds = [item_seconds(i) for i in items]
    total = sum(seconds)

    def replace(index: int, **update: int) -> None:
        nonlocal total
        items[index] = items[index].model_copy(update=update)
        total += item_seconds(items[index]) - seconds[index]
        seconds[index] = item_seconds(items[index])

    def fewer_sets(candidates: list[int]) -> None:
        n = max(candidates, key=lambda k: (items[k].exercise_id not in keep, items[k].sets, k))
        replace(n, sets=items[n].sets - 1)

    while total > budget_seconds:
        mains = [n for n, i in enumerate(items) if i.role is Role.MAIN]
        # How many main exercises train each region: a region trained twice can lose one.
        trained = Counter(areas[n] for n in mains)
        droppable = (
            [n for n in mains if areas[n] not in needed or trained[areas[n]] > 1]
            if len(mains) > MIN_MAINS
            else []
        )
        bulky = [n for n in mains if items[n].sets > 2]
        multi = [n for n, i in enumerate(items) if i.sets > 1]
        rested = [n for n, i in enumerate(items) if i.rest_seconds > MIN_REST]
        if droppable:
            # A region trained twice gives way first, so the session covers more of the runner.
            drop = max(
                droppable,
                key=lambda k: (trained[areas[k]] > 1, priority.index(items[k].exercise_id)),
            )
            del items[drop], areas[drop]
            total -= seconds.pop(drop)
        elif bulky:
            fewer_sets(bulky)
        elif multi:
            fewer_sets(multi)
        elif rested:
            for n in rested:
                replace(n, rest_seconds=MIN_REST)
        else:
            break
    return items
