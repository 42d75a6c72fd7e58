"""Short typed answers to the pain dialog's questions: "yeah", "idk", "6/10", "outside"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dialogs.pain.lexicon import first_match, get_lexicon, normalise
from dialogs.pain.reading import parse_pain_text
from dialogs.pain.scores import NUMBER, number_value, worst_score
from dialogs.pain.vocabulary import Answer, Behaviour, Trend
from dialogs.vocabulary import BodyLocation


def read_yes_no(text: str) -> Answer:
    """A typed answer to a yes / no / not sure question ("yeah", "nope", "idk")."""
    norm = normalise(text)
    answers = get_lexicon().answer
    if answers.unsure.match(norm):
        return Answer.UNSURE
    if answers.no.match(norm):
        return Answer.NO
    if answers.yes.match(norm):
        return Answer.YES
    return Answer.UNKNOWN


def read_walk(text: str) -> str | None:
    """A typed answer to "can you put weight on it and walk four steps?".

    "ok", "limp", "no" (cannot) or "u" (not sure), or None when it is not an answer.
    """
    norm = normalise(text)
    answers = get_lexicon().answer
    if answers.limp.search(norm):
        return "limp"
    if answers.walk_ok.match(norm):
        return "ok"
    return {Answer.YES: "ok", Answer.NO: "no", Answer.UNSURE: "u"}.get(read_yes_no(text))


def read_not_run(text: str) -> bool:
    """Whether a typed answer says the runner has not run on it since."""
    return bool(get_lexicon().answer.not_run.search(normalise(text)))


def read_behaviour(text: str) -> Behaviour | None:
    """A typed answer to "how does it behave while you run?"."""
    norm = normalise(text)
    found = first_match(
        norm, get_lexicon().behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
    )
    return found or first_match(
        norm, get_lexicon().answer.behaviour, (Behaviour.BUILDS, Behaviour.SAME, Behaviour.SETTLES)
    )


_BARE_NUMBER = re.compile(
    rf"^\s*(?:a |about |around |like |maybe |prob |probably )?{NUMBER}\s*\.?$"
)


# A lone figure among words ("super sore 8"), not a count of something ("8 days", "5k").
_FIGURE = re.compile(
    r"(?<![\w:/.-])(10|\d)(?![\w:/.])(?!\s*(?:days?|weeks?|months?|years?|hours?|hrs?|mins?"
    r"|minutes?|km|k|miles?|mi|x|times|reps|sets|am|pm)\b)"
)


def read_severity(text: str) -> int | None:
    """A typed 0-10 answer: "6", "6/10", "like a 7", "mild", "agony"; a lone figure among
    words is the score said ("super sore 8" is 8, where the words alone read as 7)."""
    norm = normalise(text)
    bare = _BARE_NUMBER.match(norm)
    if bare:
        value = number_value(bare.group(1))
        return round(value) if 0 <= value <= 10 else None
    scored = worst_score(norm, words=False)
    if scored is None and len(figures := _FIGURE.findall(norm)) == 1:
        return int(figures[0])
    return worst_score(norm)


def read_part(text: str, choices: Iterable[BodyLocation]) -> BodyLocation | None:
    """A typed answer to "which part of the knee / hip?" ("outside", "under the kneecap")."""
    norm = normalise(text)
    allowed = tuple(choices)
    named = [place for place in parse_pain_text(text).locations if place in allowed]
    if named:
        return named[0]
    return first_match(norm, get_lexicon().answer.part, allowed)


def read_checkin(text: str) -> str | None:
    """A typed answer to "how is it now?": better, same, worse or seen (a physio)."""
    return first_match(normalise(text), get_lexicon().answer.checkin, ("seen", *reversed(Trend)))
