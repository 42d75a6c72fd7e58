"""/workout: today's session as one message, then a guided walk through it, one exercise at a time.

The whole plan lives in DialogState.data, so a restart mid-session carries on where it was.
Each answer is logged as it comes (LogExercise), so nothing is lost if the runner stops.
See workout.mmd for the transitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    Effect,
    Reply,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.knowledge import knowledge
from dialogs.pain.levels import PHYSIO, URGENT
from dialogs.records import ExerciseResult, Outcome, SessionRecord
from dialogs.texts import Html, t
from dialogs.training.sessions import (
    Role,
    Session,
    SessionItem,
    build_session,
    item_dose,
    next_changes,
)

NAME = "workout"
PAIN_DIALOG = "pain"


class Step(StrEnum):
    START = "start"
    OFFER = "offer"  # the session is shown; Start or Not now
    EXERCISE = "exercise"  # guided mode, one exercise at a time


@dataclass(frozen=True, slots=True)
class StartSession(Effect):
    """Open today's session log with its plan (exercise ids in order)."""

    day: date
    started_at: datetime
    focus: str
    plan: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LogExercise(Effect):
    """Add how one exercise went to the day's session log."""

    day: date
    result: ExerciseResult


@dataclass(frozen=True, slots=True)
class FinishSession(Effect):
    """Mark the day's session as finished."""

    day: date
    finished_at: datetime


_OUTCOME_ORDER = (Outcome.DONE, Outcome.EASY, Outcome.HARD, Outcome.SKIPPED, Outcome.HURT)

# Typed answers; the first pattern that matches wins, so pain is checked first.
_TYPED: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (Outcome.HURT, re.compile(r"\b(hurts?|hurting|pain\w*|ouch|injur\w*)\b|🤕")),
    (Outcome.HARD, re.compile(r"\b(too hard|hard|tough|difficult|couldn'?t|can'?t)\b|😅")),
    (Outcome.EASY, re.compile(r"\b(too easy|easy|simple)\b|😴")),
    (Outcome.SKIPPED, re.compile(r"\b(skip\w*|pass|next|no)\b|⏭")),
    (Outcome.DONE, re.compile(r"\b(done|did it|did|finished|complete\w*|ok|okay|yes|y)\b|✅")),
)
# "no pain" and the like must not read as pain.
_NO_PAIN = re.compile(r"\b(no|not|without|zero) (pain|hurt\w*|problems?)\b")
_START = re.compile(r"\b(start|go|yes|y|ok|okay|ready|sure|let'?s)\b|▶")
_LATER = re.compile(r"\b(not now|later|no|nope|tomorrow|skip|cancel)\b")


def _session(state: DialogState) -> Session:
    return Session.model_validate(state.data["session"])


# ---------------------------------------------------------------- replies


def _overview(session: Session, ctx: Context) -> Reply:
    lines = []
    for n, item in enumerate(session.items, start=1):
        key = "workout.overview_warmup" if item.role is Role.ACTIVATION else "workout.overview_item"
        lines.append(t(key, n=n, name=item.name, dose=item_dose(item)))
    extras = [*session.changes, *session.notes]
    if ctx.pain is not None and ctx.pain.locations and ctx.pain.level == PHYSIO:
        extras.insert(0, t("workout.pain_gentle"))
    text = t(
        "workout.overview",
        focus=session.focus,
        minutes=session.minutes,
        items=Html("\n".join(lines)),
        extras=Html("".join(f"\n\n{line}" for line in extras)),
    )
    buttons = (
        (Button(t("workout.button.start"), "start"), Button(t("workout.button.later"), "later")),
    )
    return Reply(text, buttons)


def _item_reply(session: Session, index: int, ack: str = "") -> Reply:
    item = session.items[index]
    exercise = knowledge().exercises[item.exercise_id]
    header_key = (
        "workout.item_header_warmup" if item.role is Role.ACTIVATION else "workout.item_header"
    )
    header = t(
        header_key,
        n=index + 1,
        total=len(session.items),
        name=item.name,
        dose=item_dose(item),
        rest=item.rest_seconds,
    )
    steps = "\n".join(
        t("workout.step", n=n, text=text) for n, text in enumerate(exercise.how_to, start=1)
    )
    text = t(
        "workout.item",
        header=Html(header),
        steps=Html(steps),
        cue=item.cue,
        why=item.why,
    )
    if ack:
        text = f"{ack}\n\n{text}"
    labels = {o: t(f"workout.button.{o.value}") for o in _OUTCOME_ORDER}
    row = [Button(labels[o], f"{o.value}:{index}") for o in _OUTCOME_ORDER]
    return Reply(text, (tuple(row[:3]), tuple(row[3:])))


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, exactly as first asked."""
    if state.step == Step.OFFER:
        return (_overview(_session(state), ctx),)
    if state.step == Step.EXERCISE:
        return (_item_reply(_session(state), int(state.data["index"])),)
    return ()


def _again(state: DialogState, ctx: Context, key: str) -> Transition:
    return Transition(state, (Reply(t(key)), *prompt(state, ctx)))


# ---------------------------------------------------------------- steps


def _start(ctx: Context) -> Transition:
    profile = ctx.profile
    if profile is None:
        button = Button(t("workout.button.setup"), "go:onboarding")
        return Transition(None, (Reply(t("workout.need_profile"), ((button,),)),))
    if ctx.pain is not None and ctx.pain.locations and ctx.pain.level == URGENT:
        button = Button(t("workout.button.pain"), "go:pain")
        return Transition(None, (Reply(t("workout.pain_urgent"), ((button,),)),))
    session = build_session(
        profile=profile,
        day=ctx.today,
        user_id=ctx.user_id,
        history=ctx.history,
        pain=ctx.pain,
    )
    data = {"session": session.model_dump(mode="json"), "index": 0, "results": []}
    return Transition(DialogState(NAME, Step.OFFER, data), (_overview(session, ctx),))


def _offer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    if isinstance(event, ButtonPressed):
        choice = {"start": "start", "later": "later"}.get(event.value)
        if choice is None:
            return _again(state, ctx, "workout.expired")
    elif isinstance(event, TextReceived):
        text = event.text.lower()
        choice = "later" if _LATER.search(text) else "start" if _START.search(text) else None
        if choice is None:
            return _again(state, ctx, "workout.offer_reask")
    else:
        return _again(state, ctx, "workout.offer_reask")
    if choice == "later":
        return Transition(None, (Reply(t("workout.later")),))
    session = _session(state)
    effect = StartSession(
        day=session.day,
        started_at=ctx.now,
        focus=session.focus,
        plan=tuple(item.exercise_id for item in session.items),
    )
    data = {**state.data, "index": 0, "results": [], "started_at": ctx.now.isoformat()}
    return Transition(DialogState(NAME, Step.EXERCISE, data), (_item_reply(session, 0),), (effect,))


def _typed_outcome(text: str) -> Outcome | None:
    lowered = _NO_PAIN.sub(" ", text.lower())
    for outcome, pattern in _TYPED:
        if pattern.search(lowered):
            return outcome
    return None


def _exercise(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    index = int(state.data["index"])
    outcome: Outcome | None = None
    if isinstance(event, ButtonPressed):
        value, _, at = event.value.partition(":")
        if at == str(index) and value in set(Outcome):
            outcome = Outcome(value)
        else:
            return _again(state, ctx, "workout.expired")
    elif isinstance(event, TextReceived):
        outcome = _typed_outcome(event.text)
    if outcome is None:
        return _again(state, ctx, "workout.item_reask")
    return _answer(state, outcome, ctx)


def _answer(state: DialogState, outcome: Outcome, ctx: Context) -> Transition:
    session = _session(state)
    index = int(state.data["index"])
    item: SessionItem = session.items[index]
    result = ExerciseResult(
        exercise_id=item.exercise_id,
        outcome=outcome,
        sets=0 if outcome is Outcome.SKIPPED else item.sets,
        reps=item.reps,
        seconds=item.seconds,
    )
    log = LogExercise(day=session.day, result=result)
    results = [*state.data.get("results", []), result.model_dump(mode="json")]
    if outcome is Outcome.HURT:
        handover = DialogState(PAIN_DIALOG, "start", {"source": NAME, "exercise": item.exercise_id})
        return Transition(handover, (Reply(t("workout.hurt", name=item.name)),), (log,))
    if index + 1 < len(session.items):
        data = {**state.data, "index": index + 1, "results": results}
        ack = t(f"workout.ack.{outcome.value}")
        reply = _item_reply(session, index + 1, ack)
        return Transition(DialogState(NAME, Step.EXERCISE, data), (reply,), (log,))
    done = FinishSession(day=session.day, finished_at=ctx.now)
    summary = _summary(session, [ExerciseResult.model_validate(r) for r in results], state, ctx)
    return Transition(None, (summary,), (log, done))


def _summary(
    session: Session, results: list[ExerciseResult], state: DialogState, ctx: Context
) -> Reply:
    started_raw = state.data.get("started_at")
    started_at = datetime.fromisoformat(started_raw) if started_raw else ctx.now
    record = SessionRecord(
        day=session.day, started_at=started_at, finished=True, results=tuple(results)
    )
    # The shell may already hold this session's partial log; count it once.
    history = [
        r
        for r in ctx.history
        if r.started_at != started_at and not (r.day == session.day and not r.finished)
    ]
    tally = " · ".join(
        t(f"workout.tally.{o.value}", count=count)
        for o in _OUTCOME_ORDER
        if (count := sum(r.outcome is o for r in results))
    )
    lines: tuple[str, ...] = ()
    if ctx.profile is not None:
        lines = next_changes(profile=ctx.profile, record=record, history=history)
    upcoming = (
        t("workout.next_title") + "\n" + "\n".join(lines) if lines else t("workout.next_same")
    )
    text = t(
        "workout.summary",
        minutes=session.minutes,
        tally=Html(tally),
        next=Html(upcoming),
    )
    return Reply(text)


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance /workout by one input."""
    if state is None or isinstance(event, Started) or state.step == Step.START:
        return _start(ctx)
    if state.step == Step.OFFER:
        return _offer(state, event, ctx)
    if state.step == Step.EXERCISE:
        return _exercise(state, event, ctx)
    return _start(ctx)
