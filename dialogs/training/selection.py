"""Choosing today's exercises: which chain fills which place in the session, the warm-up,
and what changed since last time.

The regions (side of the hip, hip drive, calves, knee, trunk) rotate across sessions; both
glute groups are always there. A trained runner gets heavy and explosive work first in the
phases that want it, and isolated hip-abduction work only as a warm-up or an extra.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence

from dialogs.knowledge import Exercise, knowledge, level_rank
from dialogs.records import Profile, SessionRecord
from dialogs.training.chains import (
    Allowed,
    Pick,
    Wants,
    entry_order,
    head,
    past_accessories,
    pick_for,
)
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
from dialogs.training.progression import Move, change_lines, progression, usable
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
        allowed: Allowed,
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
        wants_heavy = trained and current.phase in POWER_PHASES
        self.picks: dict[str, Pick] = {}
        order: dict[str, tuple[bool, bool, bool, bool, bool, bool, bool, float]] = {}
        latest_day = self.latest.day if self.latest is not None else None
        wants = Wants(trained, wants_power, wants_heavy)
        entries = entry_order(allowed, rank, wants, active)
        for chain in allowed.strength:
            chain_id = chain[0].id
            progress = self.progress.get(chain_id)
            # One draw per chain in file order keeps the randomness reproducible.
            draw = rng.random()
            if progress is None:  # most chains, for most runners
                known = entries.get(chain_id)
                if known is None:
                    continue
                pick, first, sore = known
            else:
                found = pick_for(chain_id, allowed, progress, latest_day)
                if found is None:
                    continue
                pick = past_accessories(chain, found, allowed, rank) if trained else found
                first, sore = head(pick, wants), not active <= pick.exercise.safe_with
            self.picks[chain_id] = pick
            order[chain_id] = (*first, chain_id in last_chains, sore, chain_id not in earlier, draw)
        ranked = sorted(self.picks, key=order.__getitem__)
        # One explosive exercise a session is plenty.
        explosive = [c for c in ranked if self.picks[c].exercise.explosive]
        self.ranked = [c for c in ranked if c not in explosive[1:]]
        self.areas = {c: allowed.areas[pick.exercise.id] for c, pick in self.picks.items()}
        self.standing = {c: kb.position(pick.exercise) for c, pick in self.picks.items()}
        # Sorted out once for `choose`, which a session asks for several counts.
        self.fresh = [c for c in self.ranked if not self.picks[c].resting]
        self.fresh_side = [c for c in self.fresh if self.areas[c] is Region.SIDE]
        self.fresh_back = [c for c in self.fresh if self.areas[c] is not Region.SIDE]
        self.first_in = {
            need: next((c for c in self.ranked if self.areas[c] is need), None) for need in NEEDED
        }
        self.slots = (
            POWER_SLOTS
            if wants_power and trained
            else BACK_SLOTS.get(profile.goal, BACK_SLOTS[None])
        )
        self.place = {c: index for index, c in enumerate(self.ranked)}
        self.chosen: dict[int, list[str]] = {}

    def fits_slot(self, chain_id: str, slot: Slot) -> bool:
        exercise = self.picks[chain_id].exercise
        if not slot:
            return exercise.explosive
        return self.areas[chain_id] in slot and not exercise.explosive

    def choose(self, count: int) -> list[str]:
        """The chains of `count` main exercises (fewer if too few are left), in session order."""
        if count not in self.chosen:
            self.chosen[count] = self._choose(count)
        return list(self.chosen[count])

    def _choose(self, count: int) -> list[str]:
        side_count = _side_share(self.profile.goal, count, trained=self.trained)
        chosen = self.fresh_side[:side_count]
        for want in self.slots[: max(0, count - side_count)]:
            # The first spare chain that fits the place, else the first spare one.
            spare = (c for c in self.fresh_back if c not in chosen)
            first = next(spare, None)
            if first is not None and not self.fits_slot(first, want):
                first = next((c for c in spare if self.fits_slot(c, want)), first)
            if first is not None:
                chosen.append(first)
        # What hurt last time comes back only when nothing else covers its muscles.
        for need in NEEDED:
            if not any(self.areas[c] is need for c in chosen):
                chosen += [c for c in (self.first_in[need],) if c is not None]
        chosen += [c for c in self.fresh if c not in chosen][: max(0, count - len(chosen))]
        chosen += [c for c in self.ranked if c not in chosen][: max(0, MIN_MAINS - len(chosen))]
        return self.arrange(chosen)

    def arrange(self, chosen: list[str]) -> list[str]:
        # Fast and heavy work first, while fresh; the side-hip and trunk work last.
        return sorted(
            chosen,
            key=lambda c: (
                not self.picks[c].exercise.explosive,
                not self.picks[c].exercise.heavy,
                self.areas[c] in (Region.SIDE, Region.TRUNK),
                self.place[c],
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
        return bool(self.warmups(chains))

    def warmups(self, chosen: Collection[str]) -> dict[str, Exercise]:
        """The warm-up each chain can offer next to these main exercises, by chain id."""
        main_ids = {self.picks[c].exercise.id for c in chosen}
        offers: dict[str, Exercise] = {}
        for chain_id, candidates in self.allowed.drills.items():
            # Never harder than where the chain stands in the main work.
            standing = self.standing.get(chain_id)
            for position, e in reversed(candidates):  # the hardest that fits
                if e.id not in main_ids and (standing is None or position <= standing):
                    offers[chain_id] = e
                    break
        return offers

    def build(self) -> list[SessionItem]:
        """The session's items, warm-up first."""
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
            offers=self.warmups(chosen),
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
        return trim(
            fill(items, budget, caps), budget, priority=priority, needed=NEEDED, keep=raised
        )

    def changes(self, items: Sequence[SessionItem]) -> tuple[str, ...]:
        """The lines on what changed since last time, for the items build gave."""
        latest_day = self.latest.day if self.latest is not None else None
        return change_lines(self.progress, items, latest_day)


def _demote_for_warmup(
    *, picks: Mapping[str, Pick], chosen: Sequence[str], ranked: Sequence[str], rank: int
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


def _activation(
    *,
    picks: Mapping[str, Pick],
    chosen: Sequence[str],
    offers: Mapping[str, Exercise],
    last_ids: Collection[str],
    rng: random.Random,
) -> Exercise | None:
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
