"""How long a pain has lasted, from a message: "3 weeks", "a couple of days", "since monday"
(counted back from today's weekday, or from the day the runner says it is)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from dialogs.pain.lexicon import Pattern, get_lexicon, probe
from dialogs.vocabulary import Weekday


@cache
def _duration_patterns() -> tuple[tuple[Pattern, int], ...]:
    duration = get_lexicon().duration
    amounts = sorted(duration.amounts, key=len, reverse=True)
    # Digits may touch the unit ("3wks"); words may not ("and" is not "an d").
    words = "|".join(re.escape(a) for a in amounts)
    # "2 and a half weeks": 2; "3+ weeks", "10 plus years": at least 3, at least 10.
    amount = rf"(?:(\d+(?:\.\d+)?)\s*(?:(?:\+|plus\b)\s*)?|({words})\s+)(?:and a half\s+)?"
    filler = r"(?:more |full |whole |solid |odd |or so |straight )?"
    # "3 days a week" is how often, not how long.
    before = "".join(rf"(?<!\b{re.escape(word)} )" for word in duration.not_before)
    # The word boundary and an amount's first character first: the many look-behinds are then
    # tried only where an amount may start (a digit or an amount word's first letter).
    starts = "".join(sorted({re.escape(a[0]) for a in amounts} | {r"\d"}))
    return tuple(
        (
            re.compile(
                rf"\b(?=[{starts}]){before}{amount}{filler}(?:{unit})\b(?!{duration.not_after})"
            ),
            days,
        )
        for unit, days in duration.units.items()
    )


@cache
def _weekday_names() -> tuple[dict[str, Weekday], str]:
    names = {name: day for day, words in get_lexicon().weekdays.items() for name in words}
    return names, "|".join(sorted(names, key=len, reverse=True))


@cache
def _weekday_pattern() -> Pattern:
    return re.compile(rf"\b(?:since|on|from) (last )?({_weekday_names()[1]})\b")


@cache
def _stated_today() -> Pattern:
    """ "now its wednesday", "today is wed", "on monday, its wednesday": the runner says
    which day it is (not "its monday's run that hurt")."""
    day = _weekday_names()[1]
    return re.compile(
        rf"\b(?:now|today)(?: its| is| it is)? \(?({day})\b|\b(?:its|it is) ({day}) (?:now|today)\b"
        rf"|(?:^|[,;] |\band )(?:its|it is) ({day})\b(?! (?:run|session|race|workout|class))"
    )


def days_hurting(text: str, today: date | None) -> tuple[int | None, bool]:
    """How many days it has hurt, and whether today's weekday changes that (a weekday is
    named, "since monday", and the runner does not say which day it is now)."""
    duration = get_lexicon().duration
    found: list[float] = []
    for pattern, per_unit in _duration_patterns():
        for digits, word in pattern.findall(text):
            found.append((float(digits) if digits else duration.amounts[word]) * per_unit)
    names = _weekday_names()[0]
    stated = _stated_today().search(text)
    weekday = names[next(g for g in stated.groups() if g)].number if stated else None
    named = _weekday_pattern().findall(text)
    from_today = weekday is None and bool(named)
    if weekday is None and today is not None:
        weekday = today.weekday()
    if weekday is not None:
        for last, name in named:
            # "on sunday" said on a Sunday is today; "since last sunday" is a week.
            found.append((weekday - names[name].number) % 7 or (7 if last else 0))
    if not found:
        found = [phrase.days for phrase in duration.phrase if probe(phrase.patterns).search(text)]
    return (round(max(found)) if found else None), from_today
