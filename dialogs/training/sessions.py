"""The session builder: picks, doses and progresses today's glute session.

Pure and deterministic: the same profile, day, user, history and pain give the same session.
Progression is not stored anywhere; it is replayed from the session history each time.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from dialogs.knowledge import Exercise, Kind, knowledge, level_rank
from dialogs.records import Outcome, PainStatus, Profile, SessionRecord
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation, Experience, Goal, Weekday

SECONDS_PER_REP = 3
TRANSITION_SECONDS = 15  # setting up the next exercise
MAX_SETS = 4
# Clean sessions add sets up to this many; beyond it they move to the harder variant.
SET_STEP_LIMIT = 4
ACTIVATION_MAX_SETS = 2
ACTIVATION_MAX_REST = 20
MIN_REST = 30
MIN_MAINS = 3
MAX_MAINS = 5
# Sessions shorter than this share of the time budget get another exercise or set.
FILL_SHARE = 0.8


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


class Move(StrEnum):
    NONE = "none"
    UP_VARIANT = "up_variant"
    UP_SET = "up_set"
    DOWN_VARIANT = "down_variant"
    DOWN_SET = "down_set"
    EASE = "ease"  # it hurt: the easier variant
    SWAP = "swap"  # it hurt and there is no easier variant: leave the chain out next time


@dataclass(frozen=True, slots=True)
class Progress:
    """Where one progression chain stands after replaying the history."""

    exercise_id: str  # what to do next time
    sets: int | None  # None: the prescription for the runner's level
    move: Move  # what the last answer changed
    previous_id: str  # the exercise last logged in this chain
    day: date  # when it was last logged


# ---------------------------------------------------------------- progression


def _neighbour(exercise_id: str, step: int, available: Collection[str] | None) -> str | None:
    chain = [
        e.id
        for e in knowledge().chain(exercise_id)
        if available is None or e.id in available or e.id == exercise_id
    ]
    index = chain.index(exercise_id) + step
    return chain[index] if 0 <= index < len(chain) else None


def _after_clean(
    exercise_id: str, sets: int, outcomes: list[Outcome], available: Collection[str] | None
) -> tuple[str, int | None, Move]:
    harder = _neighbour(exercise_id, +1, available)
    if all(o is Outcome.EASY for o in outcomes):
        if harder is not None:
            return harder, None, Move.UP_VARIANT
        if sets < MAX_SETS:
            return exercise_id, sets + 1, Move.UP_SET
        return exercise_id, sets, Move.NONE
    if sets < SET_STEP_LIMIT:
        return exercise_id, sets + 1, Move.UP_SET
    if harder is not None:
        return harder, None, Move.UP_VARIANT
    return exercise_id, sets, Move.NONE


def _after_trouble(
    exercise_id: str,
    outcome: Outcome,
    sets: int | None,
    adjusted: int | None,
    available: Collection[str] | None,
) -> tuple[str, int | None, Move]:
    easier = _neighbour(exercise_id, -1, available)
    if easier is not None:
        return easier, None, Move.EASE if outcome is Outcome.HURT else Move.DOWN_VARIANT
    if outcome is Outcome.HURT:
        return exercise_id, adjusted, Move.SWAP
    if sets is not None and sets > 1:
        return exercise_id, sets - 1, Move.DOWN_SET
    return exercise_id, adjusted, Move.NONE


def progression(
    history: Sequence[SessionRecord], *, available: Collection[str] | None = None
) -> dict[str, Progress]:
    """Replay the history into where each chain stands, keyed by chain id.

    Two finished sessions in a row where an exercise went cleanly (done or too easy) move it
    up: both "too easy" means the next harder variant, otherwise an extra set (up to
    SET_STEP_LIMIT sets, then the harder variant). "Too hard" means the easier variant, or
    one set fewer at the bottom of a chain. "It hurts" means the easier variant, or leaving
    the chain out next time. Steps skip variants not in `available`. Skipped exercises and
    clean answers in unfinished sessions change nothing.
    """
    kb = knowledge()
    state: dict[str, Progress] = {}
    streaks: dict[str, list[Outcome]] = {}
    for record in sorted(history, key=lambda r: (r.day, r.started_at)):
        for result in record.results:
            current = result.exercise_id
            if current not in kb.exercises or result.outcome is Outcome.SKIPPED:
                continue
            chain = kb.chain_id(current)
            before = state.get(chain)
            # Sets set by an earlier step carry on while the exercise stays the same; the
            # logged count may have been cut to fit a short session.
            adjusted = before.sets if before is not None and before.exercise_id == current else None
            if before is None or before.exercise_id != current:
                streaks.pop(chain, None)
            sets = max(adjusted or 0, result.sets) or None

            if result.outcome in (Outcome.HURT, Outcome.HARD):
                streaks.pop(chain, None)
                target = _after_trouble(current, result.outcome, sets, adjusted, available)
            elif not record.finished or sets is None:
                continue
            else:
                outcomes = [*streaks.pop(chain, []), result.outcome]
                if len(outcomes) < 2:
                    streaks[chain] = outcomes
                    target = (current, adjusted, Move.NONE)
                else:
                    target = _after_clean(current, sets, outcomes, available)
            state[chain] = Progress(*target, previous_id=current, day=record.day)
    return state


# ---------------------------------------------------------------- doses and time


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


def item_seconds(item: SessionItem) -> int:
    """Estimated time for one item: the work, the rests and setting up."""
    work = item.reps * SECONDS_PER_REP if item.reps is not None else item.seconds or 0
    if item.each_side:
        work *= 2
    return item.sets * (work + item.rest_seconds) + TRANSITION_SECONDS


def estimate_minutes(items: Sequence[SessionItem]) -> int:
    """Estimated whole minutes for a list of items."""
    return math.ceil(sum(item_seconds(i) for i in items) / 60)


# ---------------------------------------------------------------- building


def usable(profile: Profile) -> set[str]:
    """Exercises the runner's kit allows, up to one level above theirs (reached by progressing)."""
    rank = level_rank(profile.experience)
    return {
        e.id
        for e in knowledge().exercises.values()
        if e.fits(profile.equipment) and level_rank(e.level) <= rank + 1
    }


def _seed(user_id: int, day: date) -> int:
    # hash() is salted per process; a digest keeps sessions stable across restarts.
    digest = hashlib.sha256(f"{user_id}:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _item(exercise: Exercise, role: Role, level: Experience, sets: int | None) -> SessionItem:
    base = exercise.prescription[level]
    count = sets if sets is not None else base.sets
    rest = base.rest
    if role is Role.ACTIVATION:
        count, rest = min(count, ACTIVATION_MAX_SETS), min(rest, ACTIVATION_MAX_REST)
    return SessionItem(
        exercise_id=exercise.id,
        name=exercise.name,
        role=role,
        sets=max(1, min(count, MAX_SETS)),
        reps=base.reps,
        seconds=base.seconds,
        each_side=base.each_side,
        rest_seconds=rest,
        cue=exercise.cues[0],
        why=exercise.why,
    )


@dataclass(frozen=True, slots=True)
class _Pick:
    exercise: Exercise
    sets: int | None
    progress: Progress | None  # set when the pick follows the chain's progression
    # It hurt last session and has no easier variant: only a last resort today.
    resting: bool = False


def _pick(
    chain: tuple[Exercise, ...],
    progress: Progress | None,
    allowed: Callable[[Exercise], bool],
    rank: int,
    latest: date | None,
) -> _Pick | None:
    resting = progress is not None and progress.move is Move.SWAP and progress.day == latest
    pool = [e for e in chain if allowed(e)]
    if progress is not None:
        target = knowledge().exercises[progress.exercise_id]
        if target in pool:
            return _Pick(target, progress.sets, progress, resting)
        # Not allowed today (pain, a hard run tomorrow): the nearest easier variant instead.
        easier = [e for e in pool if chain.index(e) < chain.index(target)]
        if easier:
            return _Pick(easier[-1], None, None, resting)
    entry = [e for e in pool if level_rank(e.level) <= rank]
    return _Pick(entry[-1], None, None) if entry else None


def _mains_wanted(minutes: int) -> int:
    if minutes < 18:
        return 3
    return 4 if minutes < 28 else 5


def _side_share(goal: Goal, count: int) -> int:
    # How many of the main exercises train the side of the hip; the rest drive the hip.
    if goal is Goal.STRONGER:
        return max(1, count // 3)
    if goal is Goal.FASTER:
        return max(1, count // 2)
    if goal is Goal.COMEBACK:
        return count - max(1, count // 3)
    return (count + 1) // 2


def _fill(
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


def _trim(
    items: list[SessionItem],
    budget_seconds: int,
    *,
    priority: Sequence[str],
    keep: Collection[str] = (),
) -> list[SessionItem]:
    """Drop extra exercises, then cut sets, then rests until the session fits the budget.

    `priority` lists exercise ids, most wanted first; sets just earned by progression
    (`keep`) are the last to be cut.
    """
    kb = knowledge()

    def total() -> int:
        return sum(item_seconds(i) for i in items)

    def mains() -> list[int]:
        return [n for n, i in enumerate(items) if i.role is Role.MAIN]

    def can_drop(index: int) -> bool:
        side = kb.exercises[items[index].exercise_id].targets_side
        others = [kb.exercises[items[n].exercise_id] for n in mains() if n != index]
        return any(e.targets_side == side for e in others)

    def fewer_sets(candidates: list[int]) -> None:
        n = max(candidates, key=lambda k: (items[k].exercise_id not in keep, items[k].sets, k))
        items[n] = items[n].model_copy(update={"sets": items[n].sets - 1})

    while total() > budget_seconds:
        droppable = [n for n in mains() if can_drop(n)] if len(mains()) > MIN_MAINS else []
        bulky = [n for n in mains() if items[n].sets > 2]
        multi = [n for n, i in enumerate(items) if i.sets > 1]
        rested = [n for n, i in enumerate(items) if i.rest_seconds > MIN_REST]
        if droppable:
            del items[max(droppable, key=lambda k: priority.index(items[k].exercise_id))]
        elif bulky:
            fewer_sets(bulky)
        elif multi:
            fewer_sets(multi)
        elif rested:
            for n in rested:
                items[n] = items[n].model_copy(update={"rest_seconds": MIN_REST})
        else:
            break
    return items


def _focus(mains: Sequence[Exercise]) -> str:
    side = sum(e.targets_side for e in mains)
    if any(e.explosive for e in mains):
        return t("workout.focus.power")
    if side > len(mains) - side:
        return t("workout.focus.side")
    if any(e.heavy for e in mains):
        return t("workout.focus.strength")
    if side < len(mains) - side:
        return t("workout.focus.drive")
    return t("workout.focus.balance")


def _change_line(progress: Progress, item: SessionItem) -> str | None:
    old = knowledge().exercises[progress.previous_id].name
    values = {"old": old, "new": item.name, "name": item.name, "sets": item.sets}
    if progress.move in (Move.UP_SET, Move.DOWN_SET) and (
        item.role is not Role.MAIN or item.sets != progress.sets
    ):
        return None
    if progress.move in (Move.NONE, Move.SWAP):
        return None
    return t(f"workout.change.{progress.move.value}", **values)


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


def build_session(
    *,
    profile: Profile,
    day: date,
    user_id: int,
    history: Sequence[SessionRecord],
    pain: PainStatus | None,
) -> Session:
    """Today's session for this runner: one activation drill, then 3-5 main exercises."""
    kb = knowledge()
    rng = random.Random(_seed(user_id, day))
    rank = level_rank(profile.experience)
    active: frozenset[BodyLocation] = pain.locations if pain is not None else frozenset()
    tomorrow = list(Weekday)[(day.weekday() + 1) % 7]
    # Heavy or explosive work stays off before a hard run, with any pain, and on a comeback.
    no_power = bool(active) or profile.goal is Goal.COMEBACK or tomorrow in profile.hard_run_days
    kit = usable(profile)

    def allowed_run(e: Exercise) -> bool:
        return e.id in kit and not (e.avoid_with & active) and not (no_power and e.explosive)

    def allowed(e: Exercise) -> bool:
        return e.kind is Kind.STRENGTH and allowed_run(e) and not (no_power and e.heavy)

    progress = progression(history, available=kit)
    # A day skipped on purpose or a session abandoned before any answer says nothing.
    answered = [r for r in history if r.results]
    latest = max(answered, key=lambda r: (r.day, r.started_at), default=None)
    last_ids = {r.exercise_id for r in latest.results} if latest is not None else set()
    last_chains = {kb.chain_id(i) for i in last_ids if i in kb.exercises}

    picks: dict[str, _Pick] = {}
    order: dict[str, tuple[bool, bool, bool, bool, bool, float]] = {}
    for chain in kb.chains():
        if chain[0].kind is not Kind.STRENGTH:
            continue
        chain_id = chain[0].id
        latest_day = latest.day if latest is not None else None
        pick = _pick(chain, progress.get(chain_id), allowed, rank, latest_day)
        # One draw per chain in file order keeps the randomness reproducible.
        draw = rng.random()
        if pick is None:
            continue
        picks[chain_id] = pick
        moved = pick.progress is not None and pick.progress.move not in (Move.NONE, Move.SWAP)
        unwanted = pick.exercise.explosive and profile.goal is not Goal.FASTER
        order[chain_id] = (
            pick.resting,
            not (moved or (pick.exercise.explosive and not unwanted)),
            unwanted,
            chain_id in last_chains,
            not active <= pick.exercise.safe_with,
            draw,
        )

    ranked = sorted(picks, key=order.__getitem__)
    # One explosive exercise a session is plenty.
    explosive = [c for c in ranked if picks[c].exercise.explosive]
    ranked = [c for c in ranked if c not in explosive[1:]]
    budget = profile.session_minutes * 60

    def choose(count: int) -> list[str]:
        fresh = [c for c in ranked if not picks[c].resting]
        side_count = _side_share(profile.goal, count)
        sides = [c for c in fresh if picks[c].exercise.targets_side][:side_count]
        backs = [c for c in fresh if not picks[c].exercise.targets_side][: count - side_count]
        chosen = sides + backs
        # What hurt last time comes back only when nothing else covers its muscles.
        for side in (True, False):
            if not any(picks[c].exercise.targets_side is side for c in chosen):
                chosen += [c for c in ranked if picks[c].exercise.targets_side is side][:1]
        chosen += [c for c in fresh if c not in chosen][: max(0, count - len(chosen))]
        chosen += [c for c in ranked if c not in chosen][: max(0, MIN_MAINS - len(chosen))]
        return arrange(chosen)

    def arrange(chosen: list[str]) -> list[str]:
        # Fast and heavy work first, while fresh; the side-hip work last.
        return sorted(
            chosen,
            key=lambda c: (
                not picks[c].exercise.explosive,
                not picks[c].exercise.heavy,
                picks[c].exercise.targets_side,
                ranked.index(c),
            ),
        )

    def dosed(chosen: Sequence[str]) -> list[SessionItem]:
        return [
            _item(picks[c].exercise, Role.MAIN, profile.experience, picks[c].sets) for c in chosen
        ]

    def warmup_left(chains: list[str]) -> bool:
        return bool(_warmups(picks=picks, chosen=chains, allowed=allowed, rank=rank))

    count = _mains_wanted(profile.session_minutes)
    while count > MIN_MAINS and not warmup_left(choose(count)):
        count -= 1
    chosen = choose(count)
    # A short list of quick exercises leaves time over: add another exercise first.
    while count < MAX_MAINS and sum(map(item_seconds, dosed(chosen))) < FILL_SHARE * budget:
        count += 1
        more = choose(count)
        if len(more) == len(chosen) or not warmup_left(more):
            break
        chosen = more
    activation = _activation(
        picks=picks,
        chosen=chosen,
        allowed=allowed,
        rank=rank,
        last_ids=last_ids,
        rng=rng,
    )
    if activation is None:
        swapped = _demote_for_warmup(picks=picks, chosen=chosen, ranked=ranked, rank=rank)
        if swapped is not None:
            activation, trial = swapped
            chosen = arrange(trial)
    items: list[SessionItem] = []
    if activation is not None:
        items.append(_item(activation, Role.ACTIVATION, profile.experience, None))
    items += dosed(chosen)
    # Sets that progression chose stay as they are; the others may grow by one.
    caps = {
        pick.exercise.id: min(
            MAX_SETS, pick.sets or pick.exercise.prescription[profile.experience].sets + 1
        )
        for pick in (picks[c] for c in chosen)
    }
    raised = {
        pick.exercise.id
        for pick in (picks[c] for c in chosen)
        if pick.progress is not None and pick.progress.move is Move.UP_SET
    }
    priority = [picks[c].exercise.id for c in ranked]
    items = _trim(_fill(items, budget, caps), budget, priority=priority, keep=raised)

    changes: list[str] = []
    today = {item.exercise_id for item in items}
    for item in items:
        chain_progress = progress.get(kb.chain_id(item.exercise_id))
        if chain_progress is not None and chain_progress.exercise_id == item.exercise_id:
            line = _change_line(chain_progress, item)
            if line is not None:
                changes.append(line)
    for chain_progress in progress.values():
        resting = chain_progress.move is Move.SWAP and latest and chain_progress.day == latest.day
        if resting and chain_progress.previous_id not in today:
            old = kb.exercises[chain_progress.previous_id].name
            changes.append(t("workout.change.swap", name=old))

    mains = [kb.exercises[i.exercise_id] for i in items if i.role is Role.MAIN]
    return Session(
        day=day,
        focus=_focus(mains),
        items=tuple(items),
        minutes=estimate_minutes(items),
        changes=tuple(changes),
        notes=() if active else _note(profile, allowed_run, rank),
    )


def _demote_for_warmup(
    *, picks: Mapping[str, _Pick], chosen: Sequence[str], ranked: Sequence[str], rank: int
) -> tuple[Exercise, list[str]] | None:
    """With few options left (pain, no kit), a gentle main exercise becomes the warm-up and
    a spare one takes its place, as long as both glute groups stay covered."""
    for demoted in reversed(chosen):
        exercise = picks[demoted].exercise
        if not exercise.activation or level_rank(exercise.level) > rank:
            continue
        for extra in (c for c in ranked if c not in chosen):
            trial = [*(c for c in chosen if c != demoted), extra]
            if {picks[c].exercise.targets_side for c in trial} == {True, False}:
                return exercise, trial
    return None


def _warmups(
    *,
    picks: Mapping[str, _Pick],
    chosen: Collection[str],
    allowed: Callable[[Exercise], bool],
    rank: int,
) -> dict[str, Exercise]:
    """The warm-up each chain can offer next to these main exercises, by chain id."""
    main_ids = {picks[c].exercise.id for c in chosen}
    offers: dict[str, Exercise] = {}
    for chain in knowledge().chains():
        flagged = [
            e
            for e in chain
            if e.activation and allowed(e) and level_rank(e.level) <= rank and e.id not in main_ids
        ]
        pick = picks.get(chain[0].id)
        if pick is not None:
            # Never harder than where the chain stands in the main work.
            flagged = [e for e in flagged if chain.index(e) <= chain.index(pick.exercise)]
        if flagged:
            offers[chain[0].id] = flagged[-1]
    return offers


def _activation(
    *,
    picks: Mapping[str, _Pick],
    chosen: Sequence[str],
    allowed: Callable[[Exercise], bool],
    rank: int,
    last_ids: Collection[str],
    rng: random.Random,
) -> Exercise | None:
    offers = _warmups(picks=picks, chosen=chosen, allowed=allowed, rank=rank)
    options: list[tuple[tuple[bool, bool, bool, bool, float], Exercise]] = []
    for chain in knowledge().chains():
        chain_id = chain[0].id
        draw = rng.random()
        if chain_id not in offers:
            continue
        choice = offers[chain_id]
        resting = chain_id in picks and picks[chain_id].resting
        key = (resting, chain_id in chosen, not choice.targets_side, choice.id in last_ids, draw)
        options.append((key, choice))
    return min(options, key=lambda o: o[0])[1] if options else None


def next_changes(
    *, profile: Profile, record: SessionRecord, history: Sequence[SessionRecord]
) -> tuple[str, ...]:
    """What this session's answers change next time, as human lines."""
    kb = knowledge()
    progress = progression([*history, record], available=usable(profile))
    lines: list[str] = []
    seen: set[str] = set()
    for result in record.results:
        if result.exercise_id not in kb.exercises:
            continue
        chain = kb.chain_id(result.exercise_id)
        state = progress.get(chain)
        if result.outcome is Outcome.SKIPPED or chain in seen or state is None:
            continue
        if state.previous_id != result.exercise_id or state.day != record.day:
            continue
        seen.add(chain)
        values = {
            "old": kb.exercises[state.previous_id].name,
            "new": kb.exercises[state.exercise_id].name,
            "name": kb.exercises[state.exercise_id].name,
            "sets": state.sets or "",
        }
        if state.move is not Move.NONE:
            lines.append(t(f"workout.next.{state.move.value}", **values))
    return tuple(lines)
