"""The 0-10 score a runner gives a pain: "6/10", "a 4-5 out of 10", "peaked at a 7", or
words like "mild" and "agony" when no number is said."""

from __future__ import annotations

import re

from dialogs.pain.lexicon import get_lexicon, polarity
from dialogs.pain.vocabulary import Answer

_NUMBER_WORDS = {
    word: i
    for i, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
NUMBER = r"(\d{1,2}(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_SCALE = r"\s*(?:/|out of|outta|oo)\s*(?:10|ten)\b"
_RANGE_SCORE = re.compile(rf"\b{NUMBER}\s*(?:-|to|or)\s*{NUMBER}{_SCALE}")
_SCORE = re.compile(rf"\b{NUMBER}{_SCALE}")
# A number with a unit after it is not a score ("10k", "3 days", "like 3+ weeks", "like 10 cm"),
# nor the first end of a range of distances or times ("at around 7 or 8k").
_NOT_A_SCORE = (
    r"(?!\s*(?:(?:\+|plus\b)\s*)?(?:\.\d|k\b|km|mi\b|miles?|days?|d\b|weeks?|wks?|w\b|months?|mins?|minutes?|hours?"
    r"|hrs?|am\b|pm\b|x\b|reps?|sets?|%|kgs?|lbs?|times|th\b|st\b|nd\b|rd\b|s\b|:|years?|yrs?"
    r"|m\b|secs?|seconds|k?m\b|/\s*\d|cms?\b|mm\b|inch(?:es)?\b"
    r"|(?:-|to|or)\s*\d+(?:\.\d)?\s*(?:k\b|km|mi\b|miles?|mins?|minutes?|hours?|hrs?)))"
)
# Nor a count of runs or sessions ("now a 3 run week"): for the looser readings below.
_NOT_A_COUNT = r"(?!\s*(?:runs?|sessions?)\b)"
_LOOSE_SCORE = re.compile(
    r"\b(?:like|about|around|maybe|prob(?:ably)?|roughly|solid|easily|say|id say|i would say|gets"
    r"|rated? it|put it at|pain|severity|level|score|rating|it|its|at least|(?:hit|reach|peak)\w*"
    r"|was|sits|sat|grumbles|aches|aching|throbs|throbbing|twing\w*|niggl\w*)"
    rf"(?: is| was| at| about| around| like| of| to)?(?: a)?\s+{NUMBER}\b{_NOT_A_SCORE}"
)


# "arch is a 6 on every run", "it's been a 6", "goes to a 5", "at a 6": a score said after "is a"
# (a unit after it, "is a 10k", "at a 5k", makes it a distance).
_IS_A_SCORE = re.compile(
    r"\b(?:is|been|now|still|at|up to|(?:goes|went|gets|got|climbs|climbed|creeps|crept)"
    rf"(?: up)? to) a\s+{NUMBER}\b{_NOT_A_SCORE}{_NOT_A_COUNT}"
)


# "grumbles at 3 or 4 on the hill": a loose range is its top.
_LOOSE_RANGE = re.compile(
    rf"\b(?:at|a|about|around|like|maybe|roughly) {NUMBER}\s*(?:-|to|or)\s*{NUMBER}\b"
    rf"{_NOT_A_SCORE}{_NOT_A_COUNT}"
)


# Once one score is said out of 10, the others of a week-by-week story are bare numbers:
# "first week it was 3/10 ..., second week 5-6 ..., this week 7 on the tempo".
_PERIOD_SCORE = re.compile(
    r"\b(?:(?:first|second|third|fourth|this|last|next|that) (?:week|run|day|session|time)"
    r"|(?:week|run|day) (?:one|two|three|four|\d))\b,? (?:(?:it was|its|it is|was|is|at|a) )*"
    rf"{NUMBER}(?:\s*(?:-|to|or)\s*{NUMBER})?\b{_NOT_A_SCORE}{_NOT_A_COUNT}"
)


def number_value(word: str) -> float:
    return float(_NUMBER_WORDS.get(word, word))


def worst_score(text: str, *, words: bool = True) -> int | None:
    """The worst 0-10 said: a number, else (with words) a word like "mild" or "agony"."""
    scores = [max(number_value(a), number_value(b)) for a, b in _RANGE_SCORE.findall(text)]
    scores += [number_value(a) for a in _SCORE.findall(_RANGE_SCORE.sub(" ", text))]
    if scores:
        scores += [
            max(number_value(a), number_value(b or a)) for a, b in _PERIOD_SCORE.findall(text)
        ]
    if not scores:
        loose = [*_LOOSE_SCORE.findall(text), *_IS_A_SCORE.findall(text)]
        scores = [number_value(a) for a in loose]
        scores += [max(number_value(a), number_value(b)) for a, b in _LOOSE_RANGE.findall(text)]
    scores = [s for s in scores if 0 <= s <= 10]
    if scores:
        return round(max(scores))
    if not words:
        return None
    said = [
        value
        for value, patterns in get_lexicon().severity.items()
        for pattern in patterns
        for m in pattern.finditer(text)
        if polarity(text, *m.span()) != Answer.NO
    ]
    return max(said, default=None)
