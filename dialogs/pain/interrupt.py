"""When typed words leave the current dialog for the pain dialog: the router's one question
about pain, and what it needs to hand over and to resume afterwards."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dialogs.core import Context, DialogState, TextReceived, Transition, UserInput
from dialogs.learn.asking import asks_about_pain, is_question
from dialogs.pain import holds, telling
from dialogs.pain.levels import CONTINUE, REFERRALS
from dialogs.pain.reading import mentions_pain, parse_pain_text
from dialogs.pain.rules import assess
from dialogs.pain.steps import NAME, SavePainReport

# Dialogs whose own words overlap with pain talk ("pain check-ins off", "IT band pain" as a
# /learn search): only alarming words, or a report of a place in the runner's own body.
OWN_WORDS_ONLY = frozenset({"settings", "learn"})
# Where pain words are the answer itself: the workout's "it hurts", the check-ins, and
# onboarding's niggle question; a report there is theirs to read, whatever it says.
READS_PAIN = frozenset({"workout", "checkin", "onboarding:niggle"})


def interrupts(
    state: DialogState | None,
    result: Transition | None,
    event: UserInput,
    ctx: Context | None = None,
) -> dict[str, Any] | None:
    """The pain dialog's entry args when this input should start it, else None.

    state is the runner's dialog (None when idle) and result what that dialog made of the
    input. A general question about pain ("why do knees hurt when running?") never starts
    it, anywhere: it is answered as education. Idle, any other pain talk starts it, and so
    do words following up a held report ("saw the physio, cleared"; needs ctx). In a dialog,
    words alarming on their own (physio or urgent) always do; other pain talk only where the
    dialog could not read the answer itself, or a report of the runner's own pain that a
    dialog which moved on read words of (a race "tonight"); one that handed over to the pain
    dialog already has the words, and pain words are the answer where READS_PAIN says.
    In /learn, which reads every word, a report about the runner's own body does, even put
    as a question ("is it normal that my calves still ache?").
    """
    if not isinstance(event, TextReceived) or (state is not None and state.dialog == NAME):
        return None
    text = event.text
    follow_up = ctx is not None and not is_question(text) and holds.follows_up(text, ctx)
    if not follow_up and not mentions_pain(text):
        return None
    entry = {"text": text}
    if asks_about_pain(text):
        # A general question is answered as education (asking.answer_anywhere), not triaged;
        # one naming an alarming sign is not a general question (asks_about_pain).
        return None
    if _alarming(text):
        return entry
    if state is None or result is None:
        return entry
    if _handed_over(result):
        return None
    if state.dialog in OWN_WORDS_ONLY:
        # Their readers are loose ("when I run" reads as a time): a report wins over them.
        return entry if _own_report(text) else None
    stuck = result.state is not None and result.state.step == state.step
    if stuck:
        return entry
    # One that moved on may have read words of the report as its answer ("10k", "tonight"
    # as a race): the runner's own pain still wins, except where pain is the answer.
    reads_pain = {state.dialog, f"{state.dialog}:{state.step}"} & READS_PAIN
    return entry if not reads_pain and _own_report(text) else None


def _own_report(text: str) -> bool:
    """About a pain in a place of the runner's own body, even put as a question ("is it
    normal that my calves still ache?")."""
    report = parse_pain_text(text)
    return telling.own_pain(text, report) and bool(report.locations or report.unspecified)


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
        isinstance(effect, SavePainReport) and effect.level != CONTINUE for effect in result.effects
    )


def _alarming(text: str) -> bool:
    return assess(parse_pain_text(text)).level in REFERRALS


def _handed_over(result: Transition) -> bool:
    return result.state is not None and result.state.dialog == NAME
