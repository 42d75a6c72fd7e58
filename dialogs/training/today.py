"""What today already holds for /workout: a finished session, a partly done one to resume,
and the short activation routine offered once the day's session is done.

One strength session a day is the rule: the work is done in the session and the gains come in
the recovery after it, so a second /workout the same day gets a light routine, not a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dialogs.core import Context
from dialogs.knowledge import Exercise, knowledge, level_rank
from dialogs.records import Profile, SessionRecord
from dialogs.training import baseline
from dialogs.training.sessions import (
    Role,
    Session,
    SessionItem,
    build_session,
    dose,
    estimate_minutes,
    usable,
)

# The routine after a finished session: a few gentle drills, one set each.
ROUTINE_MOST = 3


def finished_today(ctx: Context) -> SessionRecord | None:
    """Today's finished session, if there is one."""
    return next((r for r in ctx.history if r.day == ctx.today and r.finished), None)


def partly_done_today(ctx: Context) -> SessionRecord | None:
    """Today's session that was started, answered in part and not finished (the latest)."""
    started = [r for r in ctx.history if r.day == ctx.today and not r.finished and not r.skipped]
    answered = [r for r in started if r.results]
    return max(answered, key=lambda r: r.started_at, default=None)


def rest_of_session(ctx: Context, profile: Profile, partial: SessionRecord) -> Session:
    """What is left of today's session after the exercises already answered.

    The session is built again as it was this morning (today's logs left out of the history,
    so progression is the same), with the pain status as it is now: a move that now hurts is
    swapped for one that spares the sore spot. A chain already worked today is not repeated,
    and the warm-up is dropped, since the runner has warmed up already.
    """
    kb = knowledge()
    earlier = [r for r in ctx.history if r.day != partial.day]
    whole = build_session(
        profile=baseline.training_profile(profile, ctx.field_tests),
        day=partial.day,
        user_id=ctx.user_id,
        history=earlier,
        pain=ctx.pain,
    )
    worked = {kb.chain_id(r.exercise_id) for r in partial.results if r.exercise_id in kb.exercises}
    items = tuple(
        item
        for item in whole.items
        if item.role is Role.MAIN and kb.chain_id(item.exercise_id) not in worked
    )
    return whole.model_copy(
        update={"items": items, "minutes": estimate_minutes(items), "changes": (), "notes": ()}
    )


def routine(profile: Profile, ctx: Context, day: date) -> tuple[SessionItem, ...]:
    """A short activation routine: gentle drills the runner's kit allows, sparing any sore
    spot, one per chain, not the ones done today."""
    kb = knowledge()
    rank = level_rank(profile.experience)
    sore = ctx.pain.locations if ctx.pain is not None else frozenset()
    done_today = {r.exercise_id for rec in ctx.history if rec.day == day for r in rec.results}
    kit = usable(profile)
    picks: list[Exercise] = []
    for chain in kb.chains():
        fits = [
            e
            for e in chain
            if e.activation and e.id in kit and level_rank(e.level) <= rank
            if not e.avoid_with & sore
        ]
        if fits:
            picks.append(fits[-1])
    # Fresh drills first, then the order of the knowledge base.
    picks.sort(key=lambda e: e.id in done_today)
    return tuple(_one_set(e, profile) for e in picks[:ROUTINE_MOST])


def _one_set(exercise: Exercise, profile: Profile) -> SessionItem:
    base = exercise.prescription[profile.experience]
    return SessionItem(
        exercise_id=exercise.id,
        name=exercise.name,
        role=Role.ACTIVATION,
        sets=1,
        reps=base.reps,
        seconds=base.seconds,
        each_side=base.each_side,
        rest_seconds=0,
        cue=exercise.cues[0],
        why=exercise.why,
    )


def routine_lines(items: Sequence[SessionItem]) -> list[tuple[str, str]]:
    """Each drill of the routine as (name, dose)."""
    return [
        (i.name, dose(sets=i.sets, reps=i.reps, seconds=i.seconds, each_side=i.each_side))
        for i in items
    ]
