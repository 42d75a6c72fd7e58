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
from dialogs.pain import telling
from dialogs.pain.levels import REFERRALS, URGENT
from dialogs.pain.lexicon import normalise as pain_normalise
from dialogs.pain.reading import mentions_pain, parse_pain_text
from dialogs.pain.rules import assess
from dialogs.pain.scores import worst_score
from dialogs.texts import Html, t

# Words that open a question ("should i run first"), besides a question mark anywhere. Not
# "do": "do it later" is an answer (see _DO).
QUESTION_WORDS = frozenset(
    {
        "what", "whats", "wat", "why", "how", "hows", "when", "where", "which", "who",
        "should", "can", "could", "does", "is", "are", "will", "would", "shall", "isnt",
        "arent", "doesnt", "explain",
    }
)  # fmt: skip
# "Do" opens a question when a subject follows it ("do i need weights", "did you"), and an
# answer when an object does ("do it later", "do the bridges first", "do squats tomorrow").
_DO = frozenset({"do", "did", "dont", "didnt"})
_DO_SUBJECTS = frozenset({"i", "you", "u", "ya", "we", "they", "he", "she", "people", "runners"})
# Dialogs that read every typed word themselves: /learn answers, triage asks its own, and
# /delete wants a clear yes or no ("what gets deleted?" asks again).
ANSWERS_ITSELF = frozenset({"learn", "pain", "delete"})
PAIN_BUTTON = "go:pain"
LEARN_BUTTON = "go:learn"


def is_question(text: str) -> bool:
    """A "?" anywhere, a question word first, or "do" and a subject first."""
    words = normalise(text).split()
    if "?" in text or (bool(words) and words[0] in QUESTION_WORDS):
        return True
    return len(words) > 1 and words[0] in _DO and words[1] in _DO_SUBJECTS


# A question opened by one of these asks for something ("what does faster mean?", "do i need
# weights?"); one opened otherwise ("can you do 6pm?", "5k?") may well be an answer.
_ASKING = frozenset(
    {
        "what", "whats", "wat", "why", "how", "hows", "which", "should", "does", "doesnt",
        "is", "are", "isnt", "arent", "explain",
    }
)  # fmt: skip
# ... except where it offers an answer: "what about 6pm", "how about tuesdays", "is 7am ok".
_OFFERING = frozenset({("what", "about"), ("how", "about"), ("what", "if"), ("hows", "about")})
_FINE = frozenset({"ok", "okay", "k", "fine", "alright", "good", "enough", "possible"})


def asks_for_something(text: str) -> bool:
    """A question that asks for an explanation or advice rather than offering an answer: at a
    step that reads choices, "do i need weights?" must not be read as owning weights."""
    words = normalise(text).split()
    if not is_question(text) or len(words) < 2:
        return False  # a bare "what?" or "why?" says the step was not understood
    if tuple(words[:2]) in _OFFERING or (words[0] in {"is", "are"} and _FINE & set(words)):
        return False
    return words[0] in _ASKING or (words[0] in _DO and words[1] in _DO_SUBJECTS)


def asks_without_pain(text: str) -> bool:
    """A question that asks for something and mentions no pain: a step that reads answers
    logs nothing for it ("how hard should this feel?" is no "too hard"), where a pain said in
    a question is still read, and triaged."""
    return asks_for_something(text) and not mentions_pain(text)


def answer_first(
    state: DialogState, result: Transition, text: str, *, step_help: str | None
) -> Transition | None:
    """A question that asks for something at a step that saves what it reads (result is what
    the step made of it). Had the step read an option in it ("do i need weights?" as owning
    weights), the step's help, which explains the options, else a confident answer from the
    knowledge base; had it not, a confident answer, else the help. None lets the step's
    reading stand (or, for a step with no help, its asking again)."""
    if not asks_without_pain(text):
        return None
    helped = None if step_help is None else Transition(state, (Reply(step_help),))
    read = result.state != state or bool(result.effects)
    if read and helped is not None:
        return helped
    got = answer(text)
    if got.confident:
        return Transition(state, (Reply(t("learn.answer_elsewhere", body=body(got.passages))),))
    return None if read else helped


def asks_about_pain(text: str) -> bool:
    """A general question about pain, not a report of one: put as a question, about nobody's
    own pain (telling.py), with no score given and nothing alarming (a question naming a red
    flag may be the runner's own: triage asks). One about people in general ("which bones
    do runners...", "if a knee hurts 4/10 should you stop") or telling conditions apart
    names scores and signs without saying anyone has them: only an emergency sign in it
    goes to triage."""
    report = parse_pain_text(text)
    if not telling.asks(text) or telling.own_pain(text, report):
        return False
    if telling.general(text) or telling.tells_apart(text):
        return assess(report).level != URGENT
    if worst_score(pain_normalise(text), words=False) is not None:
        return False
    return assess(report).level not in REFERRALS


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
