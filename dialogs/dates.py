"""Readers for the dates runners type: a race day ("21 march", "in 10 weeks", "april", "next
spring") and how long to pause ("a month", "until christmas", "forever").

Pure: every reader takes the runner's today (Context.today) instead of reading a clock.
dateparser reads the dates; this module adds what it does not: months and seasons on their
own, holidays, and "forever".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from dateutil.easter import easter

from dialogs.parsing import HEDGES, fold, parse_count

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# A race further off than this is not planned for yet: the runner is asked for a nearer one.
FURTHEST_RACE = timedelta(days=548)  # about 18 months
# A month named on its own ("april", "next spring" then a month) is stored as its middle day:
# the runner did not give a day, and the 15th is never more than about two weeks out.
MIDDLE_DAY = 15
_LONGEST_TEXT = 60  # a date is a few words; longer text is not read as one


@dataclass(frozen=True, slots=True)
class NeedMonth:
    """A season ("next spring"): the runner is asked which month; these are the candidates,
    each the first of its month, soonest first."""

    months: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class NotADate:
    """Words that say the runner has no date yet ("not sure", "tbc")."""


NO_DATE: Final = NotADate()
DayAnswer = date | NeedMonth | NotADate

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {abbr.lower(): number for number, abbr in enumerate(calendar.month_abbr) if abbr}
_MONTHS["sept"] = 9
_MONTH_ONLY = re.compile(
    r"^(?:(?:in|around|about|early|mid|late|next|the (?:start|end|middle) of|end of|start of)"
    r"\s+)*(?:mid-?)?(?P<month>[a-z]+)(?:\s+(?P<year>\d{4}|next year))?$"
)
# Northern-hemisphere seasons: a runner south of the equator picks the month from the list.
_SEASONS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "fall": (9, 10, 11),
    "winter": (12, 1, 2),
}
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b")
_UNSURE = re.compile(
    r"^(?:not sure(?: yet)?|unsure|no idea|dont know(?: yet)?|do not know|idk|tbc|tba|tbd"
    r"|no date(?: yet)?|not (?:booked|decided|set)(?: yet)?|undecided|no clue|dunno|skip)$"
)
# Words around a date that change nothing about it, hedges included ("in march i think",
# "march-ish", "sometime in may": parsing.HEDGES).
_DATE_FILLER = re.compile(
    rf"\b(?:it'?s|its|is|on|the|race|day|about|around|{HEDGES})\b|-?\bish\b|[~?!,]"
)
# A time of day ("18:00", "7:30am") answers another question: dateparser would read it as today.
_TIME_OF_DAY = re.compile(r"^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)$|^\d{1,2}:\d{2}$")
# Day and month in figures with a "month" over 12 ("3/21") is month first, as written in the US.
_MONTH_FIRST = re.compile(r"^(?:[1-9]|1[0-2])[/.-](?:1[3-9]|2\d|3[01])(?:[/.-]\d{2,4})?$")


def _clean(text: str) -> str:
    folded = fold(text).replace("'", "")
    return " ".join(_DATE_FILLER.sub(" ", folded).split())


_DAY_WORDS = re.compile(
    r"\b(?:day|days|week|weeks|weekend|fortnight|month|months|year|today|tomorrow|tonight|next"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|\w+day)\b"
    r"|\d{1,4}[/.-]\d{1,2}|\d(?:st|nd|rd|th)\b"
)


def names_a_day(text: str) -> bool:
    """Whether words said beside something else name a day at all: a month, a weekday, "in 10
    weeks", "21/3", "the 21st"; a bare figure ("sub 3 marathon") does not."""
    cleaned = _clean(text)
    return bool(
        _DAY_WORDS.search(cleaned)
        or _SEASON.search(cleaned)
        or any(word in _MONTHS for word in re.findall(r"[a-z]+", cleaned))
    )


def is_unsure(text: str) -> bool:
    """Words that say the runner does not know ("not sure", "no idea", "tbc")."""
    return bool(_UNSURE.match(_clean(text)))


def _next_month_start(month: int, today: date, year: int | None = None) -> date:
    """The first of the month, this year or next, so that the month has not ended yet."""
    if year is not None:
        return date(year, month, 1)
    first = date(today.year, month, 1)
    return first if month >= today.month else date(today.year + 1, month, 1)


def middle_of(month_start: date) -> date:
    return month_start.replace(day=MIDDLE_DAY)


@lru_cache(maxsize=4)
def _parser(today: date, order: str = "DMY") -> DateDataParser:
    """dateparser set up for one runner's today: English, dates in the future when open
    (imported on the first date read: start-up does not need it)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
            "DATE_ORDER": order,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _parsed(text: str, today: date) -> date | None:
    if not re.search(r"\d|[a-z]{3}", text) or len(text) > _LONGEST_TEXT:
        return None
    if _TIME_OF_DAY.match(text):
        return None
    order = "MDY" if _MONTH_FIRST.match(text) else "DMY"
    found = _parser(today, order).get_date_data(text).date_obj
    return None if found is None else found.date()


def parse_day(text: str, today: date) -> DayAnswer | None:
    """A race day from "21 march", "in 10 weeks", "2027-03-21"; a month alone ("april") is its
    middle day; a season asks for a month; "not sure" is no date. None if unreadable.

    The day is returned as read, past or far off: the caller says what it thinks of that.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    if is_unsure(cleaned):
        return NO_DATE
    if season := _SEASON.search(cleaned):
        starts = sorted(_next_month_start(m, today) for m in _SEASONS[season[1]])
        if "next" in cleaned.split() and starts[0].year == today.year and today.month > 2:
            # "next spring" said in spring or after means the one next year.
            starts = [s if s.year > today.year else s.replace(year=s.year + 1) for s in starts]
            starts.sort()
        return NeedMonth(tuple(starts))
    if (alone := _MONTH_ONLY.match(cleaned)) and alone["month"] in _MONTHS:
        return middle_of(_month_start(alone, cleaned, today))
    return _parsed(cleaned, today)


def _month_start(alone: re.Match[str], cleaned: str, today: date) -> date:
    """The first of a month named on its own: "march 2028", "march next year", and "next
    march", which in March means next year's."""
    month, year = _MONTHS[alone["month"]], alone["year"]
    if year == "next year":
        return date(today.year + 1, month, 1)
    start = _next_month_start(month, today, int(year) if year else None)
    if "next" in cleaned.split()[:-1] and start.year == today.year and month == today.month:
        return start.replace(year=today.year + 1)
    return start


def parse_month(text: str, today: date) -> date | None:
    """A month named on its own ("may", "may 2027"), as the first of its next occurrence."""
    cleaned = _clean(text)
    alone = _MONTH_ONLY.match(cleaned)
    if alone is None or alone["month"] not in _MONTHS:
        return None
    return _month_start(alone, cleaned, today)


# ---------------------------------------------------------------- /pause


@dataclass(frozen=True, slots=True)
class Forever:
    """/pause forever: until the runner sends /resume."""


FOREVER: Final = Forever()
PauseAnswer = date | Forever

_FOREVER = re.compile(
    r"^(?:forever|for ever|for good|indefinitely|until (?:i say|further notice|i resume)"
    r"|till i say|no end|always|until resume|until /resume)$"
)
# "until the 12th", and said after a reason: "im on holiday until the 12th".
_UNTIL = re.compile(r"(?:^|\s)(?:until|till|til|up to|through)\s+(?P<when>.+)$|^to\s+(?P<to>.+)$")
_SPAN = re.compile(
    r"^(?:for\s+)?(?:(?:the\s+)?next\s+)?(?P<count>.*?)\s*(?<![a-z])"
    r"(?P<unit>days?|d|weeks?|wks?|w|fortnights?|months?|mths?|mos?|years?|yrs?)$"
)
_SPAN_DAYS = {
    **dict.fromkeys(("day", "days", "d"), 1),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "w"), 7),
    **dict.fromkeys(("fortnight", "fortnights"), 14),
    **dict.fromkeys(("month", "months", "mth", "mths", "mo", "mos"), 30),
    **dict.fromkeys(("year", "years", "yr", "yrs"), 365),
}
_LONGEST_PAUSE = 365
_PAUSE_HEDGES = re.compile(rf"\b(?:{HEDGES}|about|around|approx|or so)\b|\bish\b|[~?!.,]")
# The runner's own race, when /pause names it ("til after my race", "until the marathon").
_RACE = re.compile(
    r"^(?:my |the )?(?:race|marathon|half(?: marathon)?|10k|5k|ultra|trail race|big race)"
    r"(?: day)?$"
)


def _holiday(words: str, today: date) -> date | None:
    """The next Christmas, New Year or Easter, named in words."""
    for year in (today.year, today.year + 1):
        days = {"christmas": date(year, 12, 25), "xmas": date(year, 12, 25)}
        days["new year"] = days["next year"] = date(year + 1, 1, 1)
        days["easter"] = easter(year)
        for name, day in days.items():
            if name in words and day > today:
                return day
    return None


def _pause_day(when: str, today: date, race_day: date | None) -> date | None:
    """The day a pause runs to: a holiday, the runner's race, a month alone (its first day:
    "till jan" is until January starts), or a date."""
    if _RACE.match(when):
        return race_day
    if (month := parse_month(when, today)) is not None:
        return month
    if ordinal := _ORDINAL.match(_clean(when)):
        return _next_day_of_month(int(ordinal[1]), today)
    return _holiday(when, today) or _parsed(_clean(when), today)


# A day of the month alone ("the 12th"), which dateparser reads in this month even when past.
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")


def _next_day_of_month(day: int, today: date) -> date | None:
    """The next 12th (say) after today: this month's, else the next month that has one."""
    year, month = today.year, today.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def parse_pause(
    text: str, today: date, race_day: date | None = None
) -> PauseAnswer | int | None:
    """How long /pause holds reminders: a number of days ("7", "2 wks", "a week or so"), a
    day ("until christmas", "till monday", "till jan", "til after my race", the runner's
    race_day) or FOREVER; None if unreadable."""
    folded = fold(text).replace("'", "").replace("-", " ")
    words = " ".join(_PAUSE_HEDGES.sub(" ", folded).split())
    if _FOREVER.match(words):
        return FOREVER
    if span := _SPAN.match(words):
        count_text = span["count"] or "1"
        count = 1 if count_text in {"a", "an", "one"} else parse_count(count_text, low=1, high=365)
        if count is not None:
            days = count * _SPAN_DAYS[span["unit"]]
            return days if days <= _LONGEST_PAUSE else None
    if (count := parse_count(words, low=1, high=_LONGEST_PAUSE)) is not None:
        return count
    until = _UNTIL.search(words)
    when = (until["when"] or until["to"]) if until else words
    # "till after christmas": the day after it.
    days_after = 1 if when.startswith("after ") else 0
    when = when.removeprefix("after ")
    day = _pause_day(when, today, race_day)
    if day is None:
        return None
    day += timedelta(days=days_after)
    if day <= today or day > today + timedelta(days=_LONGEST_PAUSE):
        return None
    return day
