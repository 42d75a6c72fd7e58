"""Choosing today's exercises: which chain fills which place in the session, the warm-up,
and what changed since last time.

The regions (side of the hip, hip drive, calves, knee, trunk) rotate across sessions; both
glute groups are always there. A trained runner gets heavy and explosive work first in the
phases that want it, and isolated hip-abduction work only as a warm-up or an extra.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dialogs.knowledge import Exercise, Kind, knowledge, level_rank
from dialogs.records import Profile, SessionRecord
from dialogs.training.phases import Phase, Season, has_base
from dialogs.training.prescription import (
    FILL_SHARE,
    MAX_SETS,
    MIN_MAINS,
    Region,
    Role,
    SessionItem,
    fill,
    item_seconds,
    prescribe,
    region,
    trim,
)
from dialogs.training.progression import Move, Progress, change_lines, progression, usable
from dialogs.vocabulary import BodyLocation, Goal

MAX_MAINS = 5
# Where the main exercises beyond the side of the hip go, in order, by goal. Each place takes
# one of its regions, whichever ranks first (what was done last time ranks last, so they
# alternate); an empty place is for a jump or hop, in the phases where a trained runner wants
# one.
Slot = tuple[Region, ...]
BACK_SLOTS: Mapping[Goal | None, tuple[Slot, ...]] = {
    Goal.FASTER: (
        (Region.DRIVE,),
        (Region.CALVES, Region.KNEE),
        (Region.DRIVE,),
        (Region.KNEE, Region.CALVES),
        (Region.TRUNK,),
    ),
    None: (
        (Region.DRIVE,),
        (Region.KNEE,),
        (Region.CALVES,),
        (Region.TRUNK,),
        (Region.DRIVE,),
    ),
}
POWER_SLOTS: tuple[Slot, ...] = (
    (),
    (Region.DRIVE,),
    (Region.CALVES, Region.KNEE),
    (Region.KNEE, Region.CALVES, Region.TRUNK),
    (Region.DRIVE,),
)
# Both glute groups are in every session; the rest rotate.
NEEDED = (Region.SIDE, Region.DRIVE)
POWER_PHASES = frozenset({Phase.BUILD, Phase.PEAK, Phase.TAPER})


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
        standing = knowledge().position(target)
        easier = [e for e in pool if knowledge().position(e) < standing]
        if easier:
            return _Pick(easier[-1], None, None, resting)
    entry = [e for e in pool if level_rank(e.level) <= rank]
    return _Pick(entry[-1], None, None) if entry else None


def _past_accessories(
    chain: tuple[Exercise, ...], pick: _Pick, allowed: Callable[[Exercise], bool], rank: int
) -> _Pick:
    """For a trained runner, main work starts at the chain's first variant past isolated
    hip abduction (a warm-up logged in the chain must not pull the side plank back down)."""
    later = chain[knowledge().position(pick.exercise) + 1 :]
    for exercise in later:
        if not exercise.accessory and allowed(exercise) and level_rank(exercise.level) <= rank:
            return _Pick(exercise, None, None, pick.resting)
    return pick


def _mains_wanted(minutes: int) -> int:
    if minutes < 18:
        return 3
    return 4 if minutes < 28 else 5


def _side_share(goal: Goal, count: int, *, trained: bool) -> int:
    # How many of the main exercises train the side of the hip; the rest drive the hip.
    # A trained runner's side-hip place is mostly taken by their warm-up drill.
    if goal is Goal.STRONGER or (trained and goal is not Goal.COMEBACK):
        return max(1, count // 3)
    if goal is Goal.FASTER:
        return max(1, count // 2)
    if goal is Goal.COMEBACK:
        return count - max(1, count // 3)
    return (count + 1) // 2


class Picker:
    """Builds one session of main exercises around where each chain stands."""

    def __init__(
        self,
        profile: Profile,
        history: Sequence[SessionRecord],
        current: Season,
        allowed: Callable[[Exercise], bool],
        *,
        active: frozenset[BodyLocation],
        rank: int,
        rng: random.Random,
    ) -> None:
        kb = knowledge()
        self.profile, self.current = profile, current
        self.allowed, self.rank, self.rng = allowed, rank, rng
        self.progress = progression(history, available=usable(profile))
        # A day skipped on purpose or a session abandoned before any answer says nothing.
        answered = [r for r in history if r.results]
        self.latest = max(answered, key=lambda r: (r.day, r.started_at), default=None)
        self.last_ids = (
            {r.exercise_id for r in self.latest.results} if self.latest is not None else set()
        )
        last_chains = {kb.chain_id(i) for i in self.last_ids if i in kb.exercises}
        # Sessions alternate: what was done two sessions ago comes back, so each exercise
        # repeats often enough to progress.
        newest = sorted(answered, key=lambda r: (r.day, r.started_at), reverse=True)
        earlier = {
            kb.chain_id(r.exercise_id)
            for r in (newest[1].results if len(newest) > 1 else ())
            if r.exercise_id in kb.exercises
        }
        trained = self.trained = has_base(profile)
        wants_power = profile.goal is Goal.FASTER or (trained and current.phase in POWER_PHASES)
        self.wants_power = wants_power
        wants_heavy = trained and current.phase in POWER_PHASES
        self.picks: dict[str, _Pick] = {}
        order: dict[str, tuple[bool, bool, bool, bool, bool, bool, bool, float]] = {}
        latest_day = self.latest.day if self.latest is not None else None
        for chain in kb.chains():
            if chain[0].kind is not Kind.STRENGTH:
                continue
            chain_id = chain[0].id
            pick = _pick(chain, self.progress.get(chain_id), allowed, rank, latest_day)
            # One draw per chain in file order keeps the randomness reproducible.
            draw = rng.random()
            if pick is None:
                continue
            if trained and pick.exercise.accessory:
                pick = _past_accessories(chain, pick, allowed, rank)
            self.picks[chain_id] = pick
            e = pick.exercise
            moved = pick.progress is not None and pick.progress.move not in (Move.NONE, Move.SWAP)
            favoured = moved or (e.explosive and wants_power) or (e.heavy and wants_heavy)
            order[chain_id] = (
                pick.resting,
                # Isolated hip-abduction work is a warm-up or an extra for a trained runner,
                # however far it has progressed.
                e.accessory and trained,
                not favoured,
                e.explosive and not wants_power,
                chain_id in last_chains,
                not active <= e.safe_with,
                chain_id not in earlier,
                draw,
            )
        ranked = sorted(self.picks, key=order.__getitem__)
        # One explosive exercise a session is plenty.
        explosive = [c for c in ranked if self.picks[c].exercise.explosive]
        self.ranked = [c for c in ranked if c not in explosive[1:]]
        self.areas = {c: region(pick.exercise) for c, pick in self.picks.items()}

    def area(self, chain_id: str) -> Region:
        return self.areas[chain_id]

    def fits_slot(self, chain_id: str, slot: Slot) -> bool:
        exercise = self.picks[chain_id].exercise
        if not slot:
            return exercise.explosive
        return region(exercise) in slot and not exercise.explosive

    def choose(self, count: int) -> list[str]:
        fresh = [c for c in self.ranked if not self.picks[c].resting]
        side_count = _side_share(self.profile.goal, count, trained=self.trained)
        chosen = [c for c in fresh if self.area(c) is Region.SIDE][:side_count]
        slots = (
            POWER_SLOTS
            if self.wants_power and self.trained
            else BACK_SLOTS.get(self.profile.goal, BACK_SLOTS[None])
        )
        for want in slots[: max(0, count - side_count)]:
            spare = [c for c in fresh if c not in chosen and self.area(c) is not Region.SIDE]
            chosen += ([c for c in spare if self.fits_slot(c, want)] or spare)[:1]
        # What hurt last time comes back only when nothing else covers its muscles.
        for need in NEEDED:
            if not any(self.area(c) is need for c in chosen):
                chosen += [c for c in self.ranked if self.area(c) is need][:1]
        chosen += [c for c in fresh if c not in chosen][: max(0, count - len(chosen))]
        chosen += [c for c in self.ranked if c not in chosen][: max(0, MIN_MAINS - len(chosen))]
        return self.arrange(chosen)

    def arrange(self, chosen: list[str]) -> list[str]:
        # Fast and heavy work first, while fresh; the side-hip and trunk work last.
        return sorted(
            chosen,
            key=lambda c: (
                not self.picks[c].exercise.explosive,
                not self.picks[c].exercise.heavy,
                self.area(c) in (Region.SIDE, Region.TRUNK),
                self.ranked.index(c),
            ),
        )

    def dosed(self, chosen: Sequence[str], role: Role = Role.MAIN) -> list[SessionItem]:
        return [
            prescribe(
                self.picks[c].exercise,
                role=role,
                level=self.profile.experience,
                dose=self.current.dose,
                owned=self.profile.equipment,
                sets=self.picks[c].sets,
            )
            for c in chosen
        ]

    def warmup_left(self, chains: list[str]) -> bool:
        return bool(_warmups(picks=self.picks, chosen=chains, allowed=self.allowed, rank=self.rank))

    def build(self) -> tuple[list[SessionItem], tuple[str, ...]]:
        """The session's items (warm-up first) and the lines on what changed since last time."""
        profile, phase_dose = self.profile, self.current.dose
        budget = profile.session_minutes * 60
        count = _mains_wanted(profile.session_minutes)
        while count > MIN_MAINS and not self.warmup_left(self.choose(count)):
            count -= 1
        chosen = self.choose(count)
        # A short list of quick exercises leaves time over: add another exercise first, except
        # in the lighter weeks, which are meant to be shorter.
        while (
            phase_dose.volume == 1
            and count < MAX_MAINS
            and sum(map(item_seconds, self.dosed(chosen))) < FILL_SHARE * budget
        ):
            count += 1
            more = self.choose(count)
            if len(more) == len(chosen) or not self.warmup_left(more):
                break
            chosen = more
        activation = _activation(
            picks=self.picks,
            chosen=chosen,
            allowed=self.allowed,
            rank=self.rank,
            last_ids=self.last_ids,
            rng=self.rng,
        )
        if activation is None:
            swapped = _demote_for_warmup(
                picks=self.picks, chosen=chosen, ranked=self.ranked, rank=self.rank
            )
            if swapped is not None:
                activation, trial = swapped
                chosen = self.arrange(trial)
        items: list[SessionItem] = []
        if activation is not None:
            items.append(
                prescribe(
                    activation,
                    role=Role.ACTIVATION,
                    level=profile.experience,
                    dose=phase_dose,
                    owned=profile.equipment,
                )
            )
        items += self.dosed(chosen)
        # Sets that progression chose stay as they are; the others may grow by one, except in
        # the phases that cut volume.
        picked = [self.picks[c] for c in chosen]
        caps = {
            item.exercise_id: item.sets
            if phase_dose.volume < 1 or pick.sets
            else min(MAX_SETS, pick.exercise.prescription[profile.experience].sets + 1)
            for pick, item in zip(picked, items[-len(chosen) :], strict=True)
        }
        raised = {
            pick.exercise.id
            for pick in (self.picks[c] for c in chosen)
            if pick.progress is not None and pick.progress.move is Move.UP_SET
        }
        priority = [self.picks[c].exercise.id for c in self.ranked]
        items = trim(
            fill(items, budget, caps), budget, priority=priority, needed=NEEDED, keep=raised
        )
        latest_day = self.latest.day if self.latest is not None else None
        return items, change_lines(self.progress, items, latest_day)


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
            if set(NEEDED) <= {region(picks[c].exercise) for c in trial}:
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
            standing = knowledge().position(pick.exercise)
            flagged = [e for e in flagged if knowledge().position(e) <= standing]
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
