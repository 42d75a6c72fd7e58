"""When typed words leave the current dialog for the pain dialog: the router's one question
about pain, and what it needs to hand over and to resume afterwards."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dialogs.core import DialogState, TextReceived, Transition, UserInput
from dialogs.pain.levels import CONTINUE, REFERRALS
from dialogs.pain.reading import mentions_pain, parse_pain_text
from dialogs.pain.rules import assess
from dialogs.pain.steps import NAME, SavePainReport

# Dialogs whose own words overlap with pain talk ("pain check-ins off", "IT band pain" as a
# /learn search), or that triage what they are told, are interrupted only by alarming words.
NOT_INTERRUPTED = frozenset({NAME, "settings", "learn"})


def interrupts(
    state: DialogState | None, result: Transition | None, event: UserInput
) -> dict[str, Any] | None:
    """The pain dialog's entry args when this input should start it, else None.

    state is the runner's dialog (None when idle) and result what that dialog made of the
    input. Idle, any pain talk starts it. In a dialog, words alarming on their own (physio
    or urgent) always do; other pain talk only where the dialog could not read the answer
    itself: one that moved on understood it (the goal "prevent injuries"), and one that
    handed over to the pain dialog already has the words.
    """
    if not isinstance(event, TextReceived) or not mentions_pain(event.text):
        return None
    entry = {"text": event.text}
    if state is None or result is None:
        return entry
    if state.dialog != NAME and _alarming(event.text):
        return entry
    if state.dialog in NOT_INTERRUPTED or _handed_over(result):
        return None
    stuck = result.state is not None and result.state.step == state.step
    return entry if stuck else None


def with_words(result: Transition, text: str) -> Transition:
    """A dialog's hand-over to the pain dialog carries what the runner typed, red flags and
    all."""
    after = result.state
    if not _handed_over(result) or after is None:
        return result
    if after.step != "start" or "text" in after.data:
        return result
    return replace(result, state=replace(after, data={**after.data, "text": text}))


def stops_resuming(result: Transition) -> bool:
    """A pain verdict above "carry on": the interrupted dialog (a workout) must not resume."""
    return any(
        isinstance(effect, SavePainReport) and effect.level != CONTINUE
        for effect in result.effects
    )


def _alarming(text: str) -> bool:
    return assess(parse_pain_text(text)).level in REFERRALS


def _handed_over(result: Transition) -> bool:
    return result.state is not None and result.state.dialog == NAME
