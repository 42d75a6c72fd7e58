"""Questions typed anywhere: what counts as a question, the answer's reply, and the router's
one hook that answers a question the current dialog could not take as an answer.

A question about pain ("why do my knees hurt when I run?") is answered as education with an
offer to check a pain of the runner's own; a report of pain is left to triage.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogs.core import Button, DialogState, Reply, TextReceived, Transition, UserInput
from dialogs.learn.answers import Answer, Passage, answer
from dialogs.learn.synonyms import normalise
from dialogs.pain.levels import REFERRALS
from dialogs.pain.reading import mentions_pain, parse_pain_text
from dialogs.pain.rules import assess
from dialogs.pain.vocabulary import Answer as Said
from dialogs.texts import Html, t

# Words that open a question ("should i run first"), besides a question mark anywhere. Not
# "do": "do it later" is an answer.
QUESTION_WORDS = frozenset(
    {
        "what", "whats", "wat", "why", "how", "hows", "when", "where", "which", "who",
        "should", "can", "could", "does", "is", "are", "will", "would", "shall", "isnt",
        "arent", "doesnt", "explain",
    }
)  # fmt: skip
# Dialogs that read every typed word themselves: /learn answers, triage asks its own, and
# /delete wants a clear yes or no ("what gets deleted?" asks again).
ANSWERS_ITSELF = frozenset({"learn", "pain", "delete"})
PAIN_BUTTON = "go:pain"
LEARN_BUTTON = "go:learn"


def is_question(text: str) -> bool:
    """A "?" anywhere, or a question word first."""
    words = normalise(text).split()
    return "?" in text or (bool(words) and words[0] in QUESTION_WORDS)


def asks_about_pain(text: str) -> bool:
    """A general question about pain, not a report of one: asked with a question word, and
    saying nothing alarming, no score, no duration and no sign about a pain of the runner's."""
    words = normalise(text).split()
    if not words or words[0] not in QUESTION_WORDS:
        return False
    report = parse_pain_text(text)
    if assess(report).level in REFERRALS:
        return False
    signs = any(said == Said.YES for said in report.flags.values())
    return report.worst is None and report.days is None and not signs


def body(passages: Sequence[Passage]) -> Html:
    """The passages as safe HTML, one paragraph each."""
    return Html("\n\n".join(t("learn.passage", text=p.text) for p in passages))


def pain_offer() -> tuple[str, Button]:
    return t("learn.pain_offer"), Button(t("learn.button.check_pain"), PAIN_BUTTON)


def answer_anywhere(
    state: DialogState | None, result: Transition | None, event: UserInput
) -> Transition | None:
    """The answer to a typed question outside /learn, or None to let the dialog (or triage)
    have it. state is the runner's dialog (None when idle) and result what it made of the
    text: only a question it could not take as an answer (it asked the same step again) is
    answered; the router then asks that step again."""
    if not isinstance(event, TextReceived) or not is_question(event.text):
        return None
    if state is not None:
        if state.dialog in ANSWERS_ITSELF or result is None or result.effects:
            return None
        after = result.state
        if after is None or (after.dialog, after.step) != (state.dialog, state.step):
            return None
    about_pain = mentions_pain(event.text)
    if about_pain and not asks_about_pain(event.text):
        return None
    got: Answer = answer(event.text)
    if not got.confident:
        return None
    text = t("learn.answer_elsewhere", body=body(got.passages))
    buttons: list[Button] = []
    if about_pain:
        offer, button = pain_offer()
        text += "\n\n" + offer
        buttons.append(button)
    if state is None:
        # Mid-dialog, a button into /learn would leave the question being asked.
        buttons.append(Button(t("learn.button.more_in_learn"), LEARN_BUTTON))
    return Transition(state, (Reply(text, tuple((b,) for b in buttons)),))
