"""Progression: where each exercise chain stands, replayed from the session history.

Progression is not stored anywhere; it is replayed from the history each time. Chains end
where the runner's kit ends: a step that needs equipment they do not have is skipped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from dialogs.knowledge import Exercise, knowledge, level_rank
from dialogs.records import Outcome, Profile, SessionRecord
from dialogs.texts import t
from dialogs.training.prescription import MAX_SETS, Role, SessionItem

# Clean sessions add sets up to this many; beyond it they move to the harder variant.
SET_STEP_LIMIT = 4


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


# Asked for each answer of each session replayed: kits are few (`usable` gives one frozenset for
# each), so each step along a chain is worked out once.
@lru_cache(maxsize=8192)
def _neighbour(exercise_id: str, step: int, available: frozenset[str] | None) -> str | None:
    chain = [
        e.id
        for e in knowledge().chain(exercise_id)
        if available is None or e.id in available or e.id == exercise_id
    ]
    index = chain.index(exercise_id) + step
    return chain[index] if 0 <= index < len(chain) else None


def _after_clean(
    exercise_id: str, sets: int, outcomes: list[Outcome], available: frozenset[str] | None
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
    available: frozenset[str] | None,
) -> tuple[str, int | None, Move]:
    easier = _neighbour(exercise_id, -1, available)
    if easier is not None:
        return easier, None, Move.EASE if outcome is Outcome.HURT else Move.DOWN_VARIANT
    if outcome is Outcome.HURT:
        return exercise_id, adjusted, Move.SWAP
    if sets is not None and sets > 1:
        return exercise_id, sets - 1, Move.DOWN_SET
    return exercise_id, adjusted, Move.NONE


def _below(exercise: Exercise, other_id: str) -> bool:
    kb = knowledge()
    return kb.position(exercise) < kb.position(kb.exercises[other_id])


def progression(
    history: Sequence[SessionRecord], *, available: Collection[str] | None = None
) -> dict[str, Progress]:
    """Replay the history into where each chain stands, keyed by chain id.

    Two finished sessions in a row where an exercise went cleanly (done or too easy) move it
    up: both "too easy" means the next harder variant, otherwise an extra set (up to
    SET_STEP_LIMIT sets, then the harder variant). "Too hard" means the easier variant, or
    one set fewer at the bottom of a chain. "It hurts" means the easier variant, or leaving
    the chain out next time. Steps skip variants not in `available`. Skipped exercises,
    clean answers in unfinished sessions and clean answers on a variant below where the
    chain stands (a warm-up drill) change nothing.
    """
    kb = knowledge()
    kit = None if available is None else frozenset(available)  # the same set, if it is one
    state: dict[str, Progress] = {}
    streaks: dict[str, list[Outcome]] = {}
    for record in sorted(history, key=lambda r: (r.day, r.started_at)):
        for result in record.results:
            current, outcome = result.exercise_id, result.outcome
            exercise = kb.exercises.get(current)
            if exercise is None or outcome is Outcome.SKIPPED:
                continue
            chain = kb.chain_id(current)
            before = state.get(chain)
            moved = before is not None and before.exercise_id != current
            clean = outcome is Outcome.DONE or outcome is Outcome.EASY
            # Most answers are on the exercise where the chain stands: nothing to compare.
            if clean and moved and before is not None and _below(exercise, before.exercise_id):
                # A warm-up drill from the chain, or a pain day's gentler variant, done cleanly
                # leaves the chain where it stands.
                continue
            # Sets set by an earlier step carry on while the exercise stays the same; the
            # logged count may have been cut to fit a short session.
            adjusted = before.sets if before is not None and not moved else None
            if before is None or moved:
                streaks.pop(chain, None)
            sets = max(adjusted or 0, result.sets) or None

            if outcome is Outcome.HURT or outcome is Outcome.HARD:
                streaks.pop(chain, None)
                target = _after_trouble(current, outcome, sets, adjusted, kit)
            elif not record.finished or sets is None:
                continue
            else:
                outcomes = [*streaks.pop(chain, []), outcome]
                if len(outcomes) < 2:
                    streaks[chain] = outcomes
                    target = (current, adjusted, Move.NONE)
                else:
                    target = _after_clean(current, sets, outcomes, kit)
            state[chain] = Progress(*target, previous_id=current, day=record.day)
    return state


def usable(profile: Profile) -> frozenset[str]:
    """Exercises the runner's kit allows, up to one level above theirs (reached by progressing)."""
    return knowledge().usable(profile.equipment, level_rank(profile.experience) + 1)


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


def change_lines(
    progress: Mapping[str, Progress], items: Sequence[SessionItem], latest: date | None
) -> tuple[str, ...]:
    """What moved since last time for today's items, and what takes a break, as human lines."""
    kb = knowledge()
    lines: list[str] = []
    today = {item.exercise_id for item in items}
    for item in items:
        chain_progress = progress.get(kb.chain_id(item.exercise_id))
        if chain_progress is not None and chain_progress.exercise_id == item.exercise_id:
            line = _change_line(chain_progress, item)
            if line is not None:
                lines.append(line)
    chains_today = {kb.chain_id(exercise_id) for exercise_id in today}
    for chain, chain_progress in progress.items():
        # Whatever hurt last session and is not in today's (for any reason) is said to rest.
        hurt = chain_progress.move in (Move.SWAP, Move.EASE) and chain_progress.day == latest
        if hurt and chain not in chains_today:
            old = kb.exercises[chain_progress.previous_id].name
            lines.append(t("workout.change.swap", name=old))
    return tuple(lines)
