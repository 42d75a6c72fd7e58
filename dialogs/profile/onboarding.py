"""/start: the greeting, the catalogue's questions in order, a summary where any answer can be
changed, and the review a known runner gets when they send /start again.

The questions themselves (wording, buttons, reading typed answers, a shared location) are in
dialogs.profile.questions. Nothing is saved until the runner confirms the summary. See
onboarding.mmd beside this file for the transitions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, cast

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    LogEvent,
    Reply,
    SaveProfile,
    Started,
    Transition,
    UserInput,
)
from dialogs.parsing import parse_choice
from dialogs.profile.base import (
    Answered,
    Asked,
    FollowUp,
    answers_in,
    choice,
    day_list,
    rows,
    typed,
)
from dialogs.profile.questions import (
    ALL_WORKING_KEYS,
    ANSWER_STEPS,
    CATALOGUE,
    FIELDS,
    STEPS,
    answers_from_profile,
    applies,
    describe,
    missing,
    profile_fields,
    read,
    without_unasked,
    working,
    working_keys,
)
from dialogs.profile.questions import question as ask_question
from dialogs.profile.season import niggle_words
from dialogs.texts import Html, t
from dialogs.vocabulary import vocabulary

NAME = "onboarding"
FIRST_SESSION = "go:workout"
PAIN = "pain"  # the pain dialog's name (it is not imported: the router joins the dialogs)

START, SUMMARY, KNOWN = "start", "summary", "known"
# The questions in the order a new runner meets them; each one can be changed from the summary.
QUESTIONS = tuple(q.step for q in CATALOGUE)
# Every step: onboarding's own, and between them the catalogue's questions and follow-ups, so a
# new question needs no step here. (Built at import, so mypy cannot see the members; the code
# below uses the names as strings.)
Step = cast(
    "type[StrEnum]",
    StrEnum("Step", [(name.upper(), name) for name in (START, *STEPS, SUMMARY, KNOWN)]),
)
# Typed at the summary: confirm, or the name of an answer to change.
SUMMARY_WORDS = vocabulary().summary
KNOWN_WORDS = vocabulary().known


# ---------------------------------------------------------------- entry points


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """The next transition of onboarding for one input."""
    if state is None or isinstance(event, Started) or state.step not in HANDLERS:
        return _start(ctx)
    at = state.step
    if isinstance(event, ButtonPressed) and event.value not in _button_values(at, state.data):
        return Transition(state, (Reply(t("core.expired")), *prompt(state, ctx)))
    handled = HANDLERS[at](state, event, ctx)
    if handled is not None:
        return handled
    # Unreadable: the same question again, with an example answer.
    example = t(f"onboarding.example.{at}")
    return Transition(
        state, (question(at, state.data, lead=[t("onboarding.retry", example=example)]),)
    )


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, as first asked."""
    if state.step not in HANDLERS:
        return (question(QUESTIONS[0], {"answers": {}}),)
    return (question(state.step, state.data),)


def _start(ctx: Context) -> Transition:
    if ctx.profile is not None:
        # A known runner: show what we have, and change nothing unless they confirm.
        known = DialogState(NAME, KNOWN, {"answers": answers_from_profile(ctx.profile)})
        return Transition(known, (question(KNOWN, known.data),))
    first = DialogState(NAME, QUESTIONS[0], {"answers": {}})
    greeting = (
        t("onboarding.greeting", name=ctx.first_name)
        if ctx.first_name
        else t("onboarding.greeting_anonymous")
    )
    return Transition(first, (Reply(greeting), question(QUESTIONS[0], first.data)))


# ---------------------------------------------------------------- moving between steps


def _go(state: DialogState, to: str, *, lead: Sequence[str] = (), **data: Any) -> Transition:
    """Ask the question of step to, after the lead lines."""
    merged = {**state.data, **data}
    # Working values belong to one step; leaving it drops them.
    for key in ALL_WORKING_KEYS - working_keys(to):
        merged.pop(key, None)
    if "picked" not in data:
        merged.update(working(to, merged.get("answers", {})))
    moved = DialogState(NAME, to, merged)
    return Transition(moved, (question(to, merged, lead=lead),))


def _answered(state: DialogState, *, lead: Sequence[str] = (), **answer: Any) -> Transition:
    """Store the answer, then ask the first question still unanswered (the next one, or one
    the answer brought in, such as the race day), or show the summary."""
    answers = without_unasked({**answers_in(state.data), **answer})
    data = {**state.data, "answers": answers}
    data.pop("picked", None)  # the next multi-select starts from its own answer
    after = DialogState(NAME, state.step, data)
    return _go(after, missing(answers) or SUMMARY, lead=lead)


# ---------------------------------------------------------------- step handlers


def _on_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    match read(state.step, state.data, event, ctx):
        case Answered(answers=answers, lead=lead):
            return _answered(state, lead=lead, **answers)
        case FollowUp(step=str(to), working=values, lead=lead):
            return _go(state, to, lead=lead, **values)
    return None


def _on_summary(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    if isinstance(event, ButtonPressed):
        said: str | None = event.value.removeprefix("edit:")
    elif (text := typed(event)) is not None:
        said = parse_choice(text, SUMMARY_WORDS)
    else:
        return None
    if said is None:
        return None
    if said == "confirm":
        return _finish(state, ctx)
    if not applies(said, answers_in(state.data)):
        return None  # "race day" with no race: nothing to change
    return _go(state, said, editing=True)


def _on_known(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    said = choice(event, "known:", KNOWN_WORDS)
    if said == "ok":
        return Transition(None, (Reply(t("onboarding.closing.kept"), _first_session()),))
    if said == "edit":
        return _go(state, SUMMARY, editing=True)
    if said == "restart":
        # The saved profile stays until the new answers are confirmed.
        return _go(state, QUESTIONS[0], answers={}, editing=False)
    return None


def _finish(state: DialogState, ctx: Context) -> Transition:
    answers = answers_in(state.data)
    unanswered = missing(answers)
    if unanswered is not None:
        return _go(state, unanswered, editing=False)
    fields = profile_fields(answers)
    # Counts and choices only: the niggle is health data and stays out of the event log.
    logged = {
        "goal": answers["goal"],
        "race_distance": answers["race_distance"],
        "experience": answers["experience"],
        "runs_per_week": answers["runs_per_week"],
        "workout_days": len(answers["workout_days"]),
        "pain_consent": answers["pain_consent"],
        "returning": ctx.profile is not None,
    }
    # Two messages, so the shell's "next reminder" note comes after "You're all set" and
    # before the first-session button.
    saved = Reply(
        t(
            "onboarding.closing.saved",
            days=day_list(answers["workout_days"]),
            time=answers["workout_time"],
        )
    )
    effects = (SaveProfile(fields), LogEvent("onboarded", logged))
    niggle = fields["niggle"]
    if niggle is not None and (ctx.profile is None or ctx.profile.niggle != niggle):
        # A new niggle is checked the way pain told mid-way is: the pain dialog asks what it
        # needs, and its verdict goes into the pain status the sessions work around.
        return Transition(niggle_check(niggle), (saved,), effects)
    return Transition(None, (saved, Reply(t("onboarding.closing.next"), _first_session())), effects)


def niggle_check(niggle: str) -> DialogState:
    """The hand-over to the pain dialog about a niggle just named."""
    return DialogState(PAIN, "start", {"source": "niggle", "text": niggle_words(niggle)})


def _first_session() -> tuple[tuple[Button, ...], ...]:
    return ((Button(t("onboarding.button.first_session"), FIRST_SESSION),),)


Handler = Callable[[DialogState, UserInput, Context], Transition | None]
# The transition table: the handler of each step (onboarding.mmd draws the same steps).
HANDLERS: Mapping[str, Handler] = {
    **dict.fromkeys(ANSWER_STEPS, _on_answer),
    SUMMARY: _on_summary,
    KNOWN: _on_known,
}

# ---------------------------------------------------------------- summary and review


def question(step: str, data: Mapping[str, Any], *, lead: Sequence[str] = ()) -> Reply:
    """The question of step, or the summary or review, after any lead lines."""
    if step in ANSWER_STEPS:
        return ask_question(step, data, lead=lead)
    text, buttons = _ask_summary(data) if step == SUMMARY else _ask_known(data)
    return Reply("\n".join([*lead, text]), buttons)


def _button_values(step: str, data: Mapping[str, Any]) -> set[str]:
    """The values of the buttons step shows, to tell expired presses apart."""
    return {button.value for row in question(step, data).buttons for button in row}


def _asked(answers: Mapping[str, Any]) -> list[str]:
    """The questions these answers ask, in order (no race day without a race)."""
    return [q for q in QUESTIONS if applies(q, answers)]


def _summary_lines(answers: Mapping[str, Any]) -> list[str]:
    # A question with no answer yet (added since the runner onboarded) is left out here;
    # confirming asks it.
    return [
        t(
            "onboarding.summary.line",
            name=Html(t(f"onboarding.name.{q}")),
            value=describe(q, answers),
        )
        for q in _asked(answers)
        if FIELDS[q] in answers
    ]


def _ask_summary(data: Mapping[str, Any]) -> Asked:
    answers = answers_in(data)
    text = "\n".join(
        [t("onboarding.summary.title"), *_summary_lines(answers), t("onboarding.summary.confirm")]
    )
    edits = [Button(t(f"onboarding.edit.{q}"), f"edit:{q}") for q in _asked(answers)]
    return text, ((Button(t("onboarding.button.looks_good"), "confirm"),), *rows(edits, 2))


def _ask_known(data: Mapping[str, Any]) -> Asked:
    answers = answers_in(data)
    text = "\n".join(
        [
            t("onboarding.summary.known_title"),
            *_summary_lines(answers),
            t("onboarding.summary.known_confirm"),
        ]
    )
    buttons = (
        (Button(t("onboarding.button.looks_good"), "known:ok"),),
        (
            Button(t("onboarding.button.change_answer"), "known:edit"),
            Button(t("onboarding.button.start_over"), "known:restart"),
        ),
    )
    return text, buttons
