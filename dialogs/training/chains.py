"""Where each exercise chain stands today, before a session is chosen from them: what the
day's limits (kit, pain, no heavy or explosive work) leave of each chain, and how each chain's
pick ranks. Most of it is the same for every runner under the same limits, and worked out once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from dialogs.knowledge import Exercise, Kind, knowledge, level_rank
from dialogs.training.prescription import Region, region
from dialogs.training.progression import Move, Progress
from dialogs.vocabulary import BodyLocation


@dataclass(frozen=True, slots=True)
class Pick:
    """The exercise a chain offers today, and the sets progression set for it."""

    exercise: Exercise
    sets: int | None
    progress: Progress | None  # set when the pick follows the chain's progression
    # It hurt last session and has no easier variant: only a last resort today.
    resting: bool = False


def pick_for(
    chain_id: str, allowed: Allowed, progress: Progress | None, latest: date | None
) -> Pick | None:
    """Where a chain stands today: where progression left it, if today's limits allow it."""
    if progress is None:
        return allowed.entries.get(chain_id)
    pool = allowed.chains[chain_id]
    resting = progress.move is Move.SWAP and progress.day == latest
    target = knowledge().exercises[progress.exercise_id]
    if target in pool:
        return Pick(target, progress.sets, progress, resting)
    # Not allowed today (pain, a hard run tomorrow): the nearest easier variant instead.
    standing = knowledge().position(target)
    easier = [e for e in pool if knowledge().position(e) < standing]
    if easier:
        return Pick(easier[-1], None, None, resting)
    return allowed.entries.get(chain_id)


# Compared and hashed by identity: each is made once per set of limits (and cached there).
@dataclass(frozen=True, slots=True, eq=False)
class Allowed:
    """What today's limits (kit, pain, no heavy or explosive work) leave of each chain's
    strength exercises. Runners share a few of these, so each is sorted out once."""

    ids: frozenset[str]
    chains: Mapping[str, tuple[Exercise, ...]]  # by chain id, easiest first
    strength: tuple[tuple[Exercise, ...], ...]  # the strength chains, in file order
    # Where a chain starts without progression: its hardest up to the runner's level.
    entries: Mapping[str, Pick]
    # The activation drills up to the runner's level with their place in the chain, by chain
    # id (chains with none left out): warm-up candidates.
    drills: Mapping[str, tuple[tuple[int, Exercise], ...]]
    areas: Mapping[str, Region]  # by exercise id

    @staticmethod
    def of(allowed: Callable[[Exercise], bool], rank: int) -> Allowed:
        kb = knowledge()
        chains = {chain[0].id: tuple(filter(allowed, chain)) for chain in kb.chains()}
        fitting = {
            chain_id: [e for e in pool if level_rank(e.level) <= rank]
            for chain_id, pool in chains.items()
        }
        return Allowed(
            ids=frozenset(e.id for pool in chains.values() for e in pool),
            chains=MappingProxyType(chains),
            strength=tuple(chain for chain in kb.chains() if chain[0].kind is Kind.STRENGTH),
            entries=MappingProxyType(
                {c: Pick(pool[-1], None, None) for c, pool in fitting.items() if pool}
            ),
            drills=MappingProxyType(
                {
                    chain_id: tuple((kb.position(e), e) for e in pool if e.activation)
                    for chain_id, pool in fitting.items()
                    if any(e.activation for e in pool)
                }
            ),
            areas=MappingProxyType({e.id: region(e) for pool in chains.values() for e in pool}),
        )


def past_accessories(chain: tuple[Exercise, ...], pick: Pick, allowed: Allowed, rank: int) -> Pick:
    """For a trained runner, main work starts at the chain's first variant past isolated
    hip abduction (a warm-up logged in the chain must not pull the side plank back down)."""
    if not pick.exercise.accessory:
        return pick
    later = chain[knowledge().position(pick.exercise) + 1 :]
    for exercise in later:
        fits = exercise.id in allowed.ids and level_rank(exercise.level) <= rank
        if fits and not exercise.accessory:
            return Pick(exercise, None, None, pick.resting)
    return pick


@dataclass(frozen=True, slots=True)
class Wants:
    """What the runner's base and phase ask of the main work."""

    trained: bool  # the base for heavy and explosive work
    power: bool
    heavy: bool


def head(pick: Pick, wants: Wants) -> tuple[bool, bool, bool, bool]:
    """How a chain's pick ranks, before what was done last time and the pain."""
    e = pick.exercise
    moved = pick.progress is not None and pick.progress.move not in (Move.NONE, Move.SWAP)
    favoured = moved or (e.explosive and wants.power) or (e.heavy and wants.heavy)
    return (
        pick.resting,
        # Isolated hip-abduction work is a warm-up or an extra for a trained runner, however
        # far it has progressed.
        e.accessory and wants.trained,
        not favoured,
        e.explosive and not wants.power,
    )


@lru_cache(maxsize=1024)
def entry_order(
    allowed: Allowed, rank: int, wants: Wants, active: frozenset[BodyLocation]
) -> Mapping[str, tuple[Pick, tuple[bool, bool, bool, bool], bool]]:
    """Each chain's pick where progression has nothing to say, with how it ranks and whether
    it loads a sore spot: the same for every runner under these limits, so worked out once."""
    found = {}
    for chain in allowed.strength:
        pick = allowed.entries.get(chain[0].id)
        if pick is None:
            continue
        if wants.trained:
            pick = past_accessories(chain, pick, allowed, rank)
        found[chain[0].id] = (pick, head(pick, wants), not active <= pick.exercise.safe_with)
    return MappingProxyType(found)


def runnable(
    e: Exercise, kit: frozenset[str], rested: frozenset[BodyLocation], *, no_explosive: bool
) -> bool:
    """Whether today's limits allow an exercise or a running drill."""
    return e.id in kit and not (e.avoid_with & rested) and not (no_explosive and e.explosive)


@lru_cache(maxsize=1024)
def strength_today(
    kit: frozenset[str],
    rested: frozenset[BodyLocation],
    no_explosive: bool,
    no_heavy: bool,
    rank: int,
) -> Allowed:
    """What today's limits leave of each chain's strength exercises; runners share a few kits
    and pains, so each is worked out once."""

    def allowed(e: Exercise) -> bool:
        return (
            e.kind is Kind.STRENGTH
            and runnable(e, kit, rested, no_explosive=no_explosive)
            and not (no_heavy and e.heavy)
        )

    return Allowed.of(allowed, rank)
