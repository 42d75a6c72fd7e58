"""Check-ins the scheduler starts: "how did it go?" and the morning-after soreness question."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    LogEvent,
    Reply,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.learn.asking import asks_without_pain
from dialogs.pain.typed_answers import read_severity
from dialogs.parsing import count_range, parse_choice, parse_count
from dialogs.texts import t

NAME = "checkin"
SESSION = "session"
SORENESS = "soreness"
# The pain-monitoring model: soreness above 5/10 is too much to train through.
TOO_MUCH = 6
NOTICEABLE = 4


class Step(StrEnum):
    SESSION = "session"
    SORENESS = "soreness"


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance the check-in."""
    if isinstance(event, Started) or state is None or state.step == "start":
        args: dict[str, Any] = event.args if isinstance(event, Started) else {}
        step_name = Step.SORENESS if args.get("kind") == SORENESS else Step.SESSION
        started = DialogState(NAME, step_name, {"day": args.get("day", "")})
        return Transition(started, prompt(started, ctx))
    # "what counts as finished?" is no "finished", nor "what does 7 mean?" a 7; the router
    # answers it if the knowledge base can. A pain mentioned is still read (and triaged).
    if isinstance(event, TextReceived) and asks_without_pain(event.text):
        return Transition(state, (Reply(t("checkin.asked")), *prompt(state, ctx)))
    if state.step == Step.SESSION:
        return _session_answer(state, event, ctx)
    return _soreness_answer(state, event, ctx)


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current check-in question."""
    if state.step == Step.SORENESS:
        scale = tuple(Button(str(n), f"s:{n}") for n in range(11))
        return (Reply(t("checkin.soreness_ask"), (scale[:6], scale[6:])),)
    return (
        Reply(
            t("checkin.session_ask"),
            (
                (
                    Button(t("checkin.button_finished"), "done"),
                    Button(t("checkin.button_missed"), "missed"),
                ),
                (Button(t("checkin.button_hurts"), "hurts"),),
            ),
        ),
    )


def _session_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    answer = _session_choice(event)
    day = state.data.get("day", "")
    if answer == "hurts":
        return Transition(DialogState("pain", "start", {"source": "checkin"}))
    if answer is None:
        lead = "core.expired" if isinstance(event, ButtonPressed) else "checkin.session_reask"
        return Transition(state, (Reply(t(lead)), *prompt(state, ctx)))
    text = t("checkin.session_finished") if answer == "done" else t("checkin.session_missed")
    logged = LogEvent("session_checkin", {"day": day, "answer": answer})
    return Transition(None, (Reply(text),), (logged,))


SESSION_ANSWERS = {
    "done": (
        "done", "finished", "finished it", "yes", "yep", "did it", "all done", "went well",
        "nailed it", "smashed it", "all good",
    ),
    "missed": (
        "no", "nope", "didn't", "did not", "missed", "skipped", "not today", "no time",
        "ran out of time", "too busy", "didn't get to it", "didnt get to it",
    ),
    "hurts": ("hurts", "something hurts", "pain", "injured"),
}


def _session_choice(event: UserInput) -> str | None:
    if isinstance(event, ButtonPressed):
        return event.value if event.value in SESSION_ANSWERS else None
    if isinstance(event, TextReceived):
        return parse_choice(event.text, SESSION_ANSWERS)
    return None


def _soreness_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    score: int | None = None
    if isinstance(event, ButtonPressed) and event.value.startswith("s:"):
        score = parse_count(event.value[2:], low=0, high=10)
    elif isinstance(event, TextReceived):
        score = _soreness(event.text)
    if score is None:
        return Transition(state, (Reply(t("checkin.soreness_reask")), *prompt(state, ctx)))
    logged = LogEvent("soreness", {"day": state.data.get("day", ""), "score": score})
    if score >= TOO_MUCH:
        # The score goes with the runner's own words, so the pain dialog knows it without asking
        # again (a bare "8" reads as no score on its own).
        said = f"soreness {score}/10"
        text = f"{event.text.strip()} ({said})" if isinstance(event, TextReceived) else said
        handover = DialogState("pain", "start", {"source": "checkin", "text": text})
        return Transition(handover, (Reply(t("checkin.soreness_high")),), (logged,))
    key = "checkin.soreness_mid" if score >= NOTICEABLE else "checkin.soreness_low"
    return Transition(None, (Reply(t(key)),), (logged,))


# A score out of 10 ("3/10"), and a figure said among words ("a bit sore, maybe 3").
_OUT_OF_TEN = re.compile(r"\b(10|\d)\s*(?:/|out of)\s*10\b")
_FIGURE = re.compile(r"(?<![\w:/.-])(10|\d)(?![\w:/.])")
_NOT_SORE = re.compile(r"\b(?:not (?:sore|at all)|no soreness|none|fine|all good)\b")


def _soreness(text: str) -> int | None:
    """A typed soreness score: a figure wins, the higher of two ("7 or 8": the safe side, as a
    high score hands over to the pain dialog); else "not sore" is 0, and words the pain dialog
    reads as a score ("pretty sore") are that score."""
    if scored := _OUT_OF_TEN.search(text):
        return int(scored[1])
    if (given := count_range(text, low=0, high=10)) is not None:
        return given[1]
    if figures := _FIGURE.findall(text):
        return max(int(f) for f in figures)
    if _NOT_SORE.search(text.lower()):
        return 0
    return read_severity(text)
