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
    CancelMessages,
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
from dialogs.learn.asking import asks_without_pain
from dialogs.pain import holds
from dialogs.pain.levels import PHYSIO
from dialogs.records import ExerciseResult, Outcome
from dialogs.texts import Html, t
from dialogs.training import baseline, nudges, session_summary, today
from dialogs.training.sessions import (
    Role,
    Session,
    SessionItem,
    build_session,
    item_dose,
    item_target,
)

NAME = "workout"
PAIN_DIALOG = "pain"


class Step(StrEnum):
    START = "start"
    OFFER = "offer"  # the session is shown; Start or Not now
    EXERCISE = "exercise"  # guided mode, one exercise at a time
    DONE_TODAY = "done_today"  # today's session is done; a short routine or nothing
    RESUME = "resume"  # today's session was stopped part way; carry on or leave it


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


_OUTCOME_ORDER = session_summary.OUTCOME_ORDER

# Typed answers; the first pattern that matches wins, so pain is checked first.
_TYPED: tuple[tuple[Outcome, re.Pattern[str]], ...] = (
    (Outcome.HURT, re.compile(r"\b(hurts?|hurting|pain\w*|ouch|injur\w*)\b|🤕")),
    (Outcome.HARD, re.compile(r"\b(too hard|hard|tough|difficult|couldn'?t|can'?t)\b|😅")),
    (Outcome.EASY, re.compile(r"\b(too easy|easy|simple)\b|😴")),
    (Outcome.SKIPPED, re.compile(r"\b(skip\w*|pass|next|no)\b|⏭")),
    (
        Outcome.DONE,
        re.compile(
            r"\b(done|did it|did|finished|complete\w*|ok|okay|yes|yep|y|nailed it|smashed it"
            r"|crushed it|got through it|all good|sorted)\b|[✅👍👌💪✔☑]"
        ),
    ),
)
# "no pain" and the like must not read as pain.
_NO_PAIN = re.compile(r"\b(no|not|without|zero) (pain|hurt\w*|problems?)\b")
_START = re.compile(
    r"\b(start|go|yes|yep|yeah|yup|yea|ya|aye|y|ok|okay|k|ready|sure|let'?s|carry on|continue)\b"
    r"|[▶👍👌]"
)
_LATER = re.compile(r"\b(not now|later|no|nope|tomorrow|skip|cancel|stop)\b")
_ROUTINE = re.compile(
    r"\b(routine|mobility|activation|stretch\w*|yes|yep|yeah|yup|sure|ok|okay|go)\b|[🧘👍]"
)
# The router resumes a dialog stashed under this key once the one handed over to ends
# (dialogs/router.py RESUME_KEY; the router imports this module, so it is not imported here).
RESUME_KEY = "_resume"


def _session(state: DialogState) -> Session:
    return Session.model_validate(state.data["session"])


# ---------------------------------------------------------------- replies


def _overview(session: Session, ctx: Context) -> Reply:
    lines = []
    for n, item in enumerate(session.items, start=1):
        key = "workout.overview_warmup" if item.role is Role.ACTIVATION else "workout.overview_item"
        lines.append(t(key, n=n, name=item.name, dose=item_dose(item)))
    extras = [*session.plan, *session.changes, *session.notes]
    # The field tests: offered until there is a baseline, and again when a retest is due.
    if not ctx.field_tests:
        extras.append(t("workout.tests_first"))
    elif baseline.retest_due(ctx.field_tests, ctx.today):
        extras.append(t("workout.tests_retest"))
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
        target=Html(f"{item_target(item)}\n" if item_target(item) else ""),
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
    if state.step == Step.DONE_TODAY:
        return (_done_today_offer(),)
    if state.step == Step.RESUME:
        return (_resume_offer(ctx),)
    return ()


def _done_today_offer() -> Reply:
    buttons = (
        (
            Button(t("workout.button.routine"), "routine"),
            Button(t("workout.button.no_thanks"), "later"),
        ),
    )
    return Reply(t("workout.done_today"), buttons)


def _resume_offer(ctx: Context) -> Reply:
    partial = today.partly_done_today(ctx)
    done = len(partial.results) if partial is not None else 0
    text = t("workout.resume", done=done)
    if ctx.pain is not None and ctx.pain.locations:
        text += "\n\n" + t("workout.resume_sore")
    buttons = (
        (
            Button(t("workout.button.resume"), "resume"),
            Button(t("workout.button.stop"), "later"),
        ),
    )
    return Reply(text, buttons)


def _again(state: DialogState, ctx: Context, key: str) -> Transition:
    return Transition(state, (Reply(t(key)), *prompt(state, ctx)))


# ---------------------------------------------------------------- steps


def _start(ctx: Context) -> Transition:
    profile = ctx.profile
    if profile is None:
        button = Button(t("workout.button.setup"), "go:onboarding")
        return Transition(None, (Reply(t("workout.need_profile"), ((button,),)),))
    if holds.holding(ctx.pain) is not None:
        # Held by a pain: the pain dialog follows that report up (seen, better, a new pain).
        return Transition(DialogState(PAIN_DIALOG, "start", {"source": "workout"}))
    # One session a day: a second /workout offers a light routine, or the rest of a session
    # stopped part way (/cancel, a restart, a pain check that said carry on).
    if today.finished_today(ctx) is not None:
        state = DialogState(NAME, Step.DONE_TODAY)
        return Transition(state, (_done_today_offer(),))
    if today.partly_done_today(ctx) is not None:
        state = DialogState(NAME, Step.RESUME)
        return Transition(state, (_resume_offer(ctx),))
    session = build_session(
        profile=baseline.training_profile(profile, ctx.field_tests),
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
    # "How did it go?" follows a started session unless it is finished first (below).
    checkin = nudges.session_checkin(session.day, ctx.now)
    return Transition(
        DialogState(NAME, Step.EXERCISE, data), (_item_reply(session, 0),), (effect, checkin)
    )


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
        # "how hard should this feel?" is no "too hard", nor "did i do it right?" a "did it";
        # the router answers it if the knowledge base can. A pain mentioned is still "it hurts".
        if asks_without_pain(event.text):
            return _again(state, ctx, "workout.item_question")
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
        return _hurt(session, index, log)
    if index + 1 < len(session.items):
        data = {**state.data, "index": index + 1, "results": results}
        ack = t(f"workout.ack.{outcome.value}")
        reply = _item_reply(session, index + 1, ack)
        return Transition(DialogState(NAME, Step.EXERCISE, data), (reply,), (log,))
    started_raw = state.data.get("started_at")
    started_at = datetime.fromisoformat(started_raw) if started_raw else ctx.now
    logged = [ExerciseResult.model_validate(r) for r in results]
    summary = session_summary.summary(session, logged, started_at, ctx)
    return Transition(None, (summary,), (log, *_finish_effects(session.day, ctx)))


def _finish_effects(day: date, ctx: Context) -> tuple[Effect, ...]:
    """The day's session is finished: it needs no "how did it go?", but gets next
    morning's soreness check."""
    done = FinishSession(day=day, finished_at=ctx.now)
    no_checkin = CancelMessages(
        kinds=(nudges.SESSION_CHECKIN,),
        key_prefix=day.isoformat(),
        reason="session finished",
    )
    return (done, no_checkin, nudges.soreness_checkin(day, str(ctx.zone)))


def _hurt(session: Session, index: int, log: LogExercise) -> Transition:
    """It hurts: say what happens to the rest, then the pain questions. A verdict to carry
    on brings the runner back here (stashed for the router) to go on with moves that spare
    the sore spot; any other verdict ends today's session as partly done, the answers kept."""
    item = session.items[index]
    left = len(session.items) - index - 1
    text = t("workout.hurt", name=item.name, left=left) if left else t("workout.hurt_last")
    back = {"dialog": NAME, "step": Step.RESUME.value, "data": {}}
    args = {"source": NAME, "exercise": item.exercise_id, RESUME_KEY: back}
    return Transition(DialogState(PAIN_DIALOG, "start", args), (Reply(text),), (log,))


def _choice(event: UserInput, yes: re.Pattern[str], values: dict[str, str]) -> str | None:
    """'yes' or 'later' from a button or typed words; None when unreadable or expired."""
    if isinstance(event, ButtonPressed):
        return values.get(event.value)
    if isinstance(event, TextReceived):
        text = event.text.lower()
        return "later" if _LATER.search(text) else "yes" if yes.search(text) else None
    return None


def _done_today(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    choice = _choice(event, _ROUTINE, {"routine": "yes", "later": "later"})
    if choice is None:
        return _again(state, ctx, "workout.done_today_reask")
    if choice == "later" or ctx.profile is None:
        return Transition(None, (Reply(t("workout.rest_well")),))
    drills = today.routine(ctx.profile, ctx, ctx.today)
    lines = "\n".join(
        t("workout.overview_item", n=n, name=name, dose=dose)
        for n, (name, dose) in enumerate(today.routine_lines(drills), start=1)
    )
    return Transition(None, (Reply(t("workout.routine", items=Html(lines))),))


def _resume(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    choice = _choice(event, _START, {"resume": "yes", "later": "later"})
    if choice is None:
        return _again(state, ctx, "workout.resume_reask")
    partial = today.partly_done_today(ctx)
    if partial is None or ctx.profile is None:
        return _start(ctx)  # finished or gone meanwhile: whatever today holds now
    if choice == "later":
        return Transition(None, (Reply(t("workout.partly_done")),))
    rest = today.rest_of_session(ctx, ctx.profile, partial)
    if not rest.items:
        reply = Reply(t("workout.nothing_left"))
        return Transition(None, (reply,), _finish_effects(partial.day, ctx))
    data = {
        "session": rest.model_dump(mode="json"),
        "index": 0,
        "results": [r.model_dump(mode="json") for r in partial.results],
        "started_at": partial.started_at.isoformat(),
    }
    reply = _item_reply(rest, 0, t("workout.resumed", left=len(rest.items)))
    return Transition(DialogState(NAME, Step.EXERCISE, data), (reply,))


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance /workout by one input."""
    if state is None or isinstance(event, Started) or state.step == Step.START:
        return _start(ctx)
    if state.step == Step.OFFER:
        return _offer(state, event, ctx)
    if state.step == Step.EXERCISE:
        return _exercise(state, event, ctx)
    if state.step == Step.DONE_TODAY:
        return _done_today(state, event, ctx)
    if state.step == Step.RESUME:
        return _resume(state, event, ctx)
    return _start(ctx)
