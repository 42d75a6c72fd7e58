"""Readers for what runners type on a phone: counts, days, times and choices.

Each reader is a pure function that returns None when it cannot read the text, so the dialog
can re-ask. The libraries do the heavy lifting (dateparser for clock times, word2number for
number words, rapidfuzz for typos, calendar for day names); this module only adds the forms
they do not read, such as "half past six", "twice", "mon-fri" or "tu/th".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache, lru_cache
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz, process
from word2number import w2n

from dialogs.vocabulary import Weekday, vocabulary

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# ---------------------------------------------------------------- text folding

_QUOTES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‐": "-"})


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of text, used for matching."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _number(words: str) -> int | None:
    """An integer written in digits or English words, or None."""
    words = words.strip()
    if words.isdecimal():
        return int(words)
    if not words or not all(w in _NUMBER_WORDS for w in words.replace("-", " ").split()):
        # word2number skips words it does not know ("three apples" is 3), so check first.
        return None
    try:
        number: int = w2n.word_to_num(words)  # word2number is untyped
        return number
    except ValueError:
        return None


_NUMBER_WORDS = frozenset(w2n.american_number_system) | {"and"}

# ---------------------------------------------------------------- counts

# Words around an answer that change nothing in it, hedges and courtesies ("7am pls", "in
# march i think"), as a regex alternation for the readers' filler patterns.
HEDGES = (
    r"maybe|probably|prob|hopefully|sometime|i think|i reckon|i guess|i believe|or so"
    r"|roughly|please|pls|plz|thanks|thx|ta|cheers"
    # offered rather than stated: "how about 6pm?", "can we do 3?", "is 7am ok?"
    r"|how about|hows about|what about|lets say|can (?:you|u|we) do|could (?:you|we) do"
    r"|is (?=[^?]{1,12}\b(?:ok|okay|alright|fine)\b)|ok|okay|alright"
)
_COUNT_FILLER = re.compile(
    r"/\s*w(?:ee)?k\b"
    rf"|\b(?:{HEDGES}|about|around|approx(?:imately)?|usually|normally|like|currently"
    r"|i run|i do|runs?|times?|sessions?|a|per|each|every|week|weekly|wk|w|of|at the moment"
    r"|right now|now|these days|at present|for now|lately|just|only|mostly|most weeks"
    r"|sometimes|occasionally|some weeks|on a good week|at most|max|tops"
    r"|depend(?:s|ing)(?: on(?: the| my)? \w+)?)\b"
    r"|-?ish\b|[~?!.,]"
)
_RANGE = re.compile(r"^(?P<low>.+?)\s*(?:-|to|or|/)\s*(?P<high>.+)$")
# Two figures said as alternatives: "2, sometimes 3", "usually 2 maybe 3". Only a comma or a
# word of doubt between them: "3 runs of 5k" is no range of 3 to 5, nor "3.5" one.
_EITHER = re.compile(
    r"^[^\d]*?(\d+)(?:\s*,\s*|\s+)(?:(?:sometimes|occasionally|maybe|probably|or maybe)\s+)?"
    r"(\d+)(?![\d.,])[^\d]*$"
)


def parse_count(text: str, *, low: int, high: int) -> int | None:
    """A whole number of times from "3", "three", "3x", "twice", "3ish", "3-4"; None if
    unreadable. A range gives its lower end (see count_range)."""
    found = count_range(text, low=low, high=high)
    return None if found is None else found[0]


def count_range(text: str, *, low: int, high: int) -> tuple[int, int] | None:
    """The count as the runner gave it: (3, 3) from "3", (3, 4) from "3-4"; None if unreadable
    or out of [low, high]."""
    folded = fold(text).replace("'", "")
    # Word counts that word2number does not read ("twice", "daily", "couldn't do any"), from
    # the vocabulary file.
    for phrase, times in vocabulary().counts.items():
        if re.search(rf"\b{phrase}\b", folded):
            return (times, times) if low <= times <= high else None
    # "3x", "4/wk": keep the number, drop the unit.
    core = re.sub(r"(\d)\s*x\b", r"\1", folded)
    core = " ".join(_COUNT_FILLER.sub(" ", core).split())
    value = _number(core)
    if value is not None:
        return (value, value) if low <= value <= high else None
    match = _RANGE.match(core)
    first, last = (_number(match["low"]), _number(match["high"])) if match else (None, None)
    if (first is None or last is None) and (either := _EITHER.match(folded)):
        first, last = int(either[1]), int(either[2])
    if first is None or last is None:
        return None
    pair = (min(first, last), max(first, last))
    return pair if low <= pair[0] and pair[1] <= high else None


# ---------------------------------------------------------------- days


@cache
def _day_names() -> dict[str, Weekday]:
    """Every spelling of a weekday that is read exactly, built once.

    calendar names days in the process locale; the coach never changes it from the default,
    which is English.
    """
    names: dict[str, Weekday] = {}
    for day, full, abbr in zip(Weekday, calendar.day_name, calendar.day_abbr, strict=True):
        full, abbr = full.lower(), abbr.lower()
        for spelling in (full, full + "s", abbr, abbr + "s", full[:2]):
            names[spelling] = day
    del names["we"]  # the word, far more often than Wednesday
    # "tues", "weds", and single letters that name one day only ("m w f").
    return names | vocabulary().day_spellings


@cache
def _full_day_names() -> dict[str, Weekday]:
    return {name.lower(): day for name, day in zip(calendar.day_name, Weekday, strict=True)}


def _weekday(token: str) -> Weekday | None:
    if day := _day_names().get(token):
        return day
    if len(token) < 4:
        return None
    match = process.extractOne(
        token.removesuffix("s"), _full_day_names().keys(), scorer=fuzz.ratio, score_cutoff=75
    )
    return _full_day_names()[match[0]] if match else None


_ALL_DAYS = tuple(Weekday)
_EVERY_DAY = re.compile(r"\b(?:every ?day|daily|all (?:days|week)|any ?day|(?:7|seven) days)\b")
_DAY_GROUPS = (
    (_EVERY_DAY, _ALL_DAYS),
    # Singular too: "every weekday" is not a slip for Wednesday.
    (re.compile(r"\b(?:week ?days?|work ?days?|working days?)\b"), _ALL_DAYS[:5]),
    (re.compile(r"\bweek ?ends?\b"), _ALL_DAYS[5:]),
)
_DAY_RANGE = re.compile(r"\b([a-z]+)\s*(?:-|to|through|thru|till|until)\s*([a-z]+)\b")
_EXCEPT = re.compile(r"\b(?:except(?: for)?|but not|apart from|besides|excluding|other than|not)\b")


def _days_in(segment: str) -> set[Weekday]:
    days: set[Weekday] = set()
    for pattern, group in _DAY_GROUPS:
        if pattern.search(segment):
            days.update(group)
            segment = pattern.sub(" ", segment)
    for match in _DAY_RANGE.finditer(segment):
        first, last = _weekday(match[1]), _weekday(match[2])
        if first and last:
            span = (last.number - first.number) % 7
            days.update(_ALL_DAYS[(first.number + i) % 7] for i in range(span + 1))
    # Each distinct word once: a day named twice is one day, and a paste costs no more.
    days.update(d for token in set(re.findall(r"[a-z]+", segment)) if (d := _weekday(token)))
    return days


def parse_days(text: str) -> tuple[Weekday, ...] | None:
    """Weekdays in week order from "mon wed fri", "weekdays", "tu/th", "wendsday"; else None."""
    wanted, *rest = _EXCEPT.split(fold(text), maxsplit=1)
    unwanted = _days_in(rest[0]) if rest else set()
    # "not sunday" alone means every other day; "not sure" alone means nothing.
    included = _days_in(wanted) if wanted.strip() or not unwanted else set(_ALL_DAYS)
    days = included - unwanted
    return tuple(d for d in _ALL_DAYS if d in days) or None


# ---------------------------------------------------------------- times


@dataclass(frozen=True, slots=True)
class AmbiguousTime:
    """A bare hour such as "7" or "half past six": morning or evening, the runner must say."""

    morning: time
    evening: time


TimeAnswer = time | AmbiguousTime

# (?<![a-z]) rather than \b so "730pm" and "7am" are read too.
_AM = re.compile(r"(?<![a-z])(?:a\.?m\.?|in the morning|mornings?)(?=\W|$)")
_PM = re.compile(
    r"(?<![a-z])(?:p\.?m\.?|in the (?:evening|afternoon)|evenings?|afternoon|tonight|at night)"
    r"(?=\W|$)"
)
_TIME_FILLER = re.compile(
    rf"\b(?:at|around|about|approx|{HEDGES}|o ?'? ?clock|oclock|sharp)\b|ish\b|[~?!,]"
)
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?:\s*[:.h ]\s*(?P<m>\d{2})|h)?$")
_HHMM = re.compile(r"^(?P<h>\d{1,2})(?P<m>\d{2})$")
_PAST_TO = re.compile(r"^(?P<m>.+?)\s+(?P<rel>past|after|to|before|til)\s+(?P<h>.+)$")
_MINUTE_WORDS = {"half": 30, "quarter": 15, "a quarter": 15}
_NOON = re.compile(r"\b(?:mid ?day|lunch ?time|lunch)\b")
_BASE = datetime(2024, 1, 1)  # a fixed base keeps dateparser deterministic
_MAX_TIME_WORDS = 6
_MAX_TIME_CHARS = 40


@cache
def _clock_parser() -> DateDataParser:
    """dateparser set up once: English, clock times only, no clock reading of its own.
    Imported on the first time read, not when the core loads: start-up does not need it."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PARSERS": ["absolute-time"],
            "RELATIVE_BASE": _BASE,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _spoken(core: str) -> tuple[int, int] | None:
    """Hour and minute from words: "half past six", "quarter to 8", "seven thirty", "seven"."""
    if match := _PAST_TO.match(core):
        minute = _MINUTE_WORDS.get(match["m"]) or _number(match["m"].removesuffix(" minutes"))
        hour = _number(match["h"])
        if minute is None or hour is None or not 0 < minute < 60 or not 1 <= hour <= 24:
            return None
        if match["rel"] in {"past", "after"}:
            return hour % 24, minute
        return (hour - 1 if hour > 1 else 12), 60 - minute
    if core.startswith("half ") and (hour := _number(core[5:])) is not None and hour <= 12:
        return hour, 30  # British "half six" is 6:30
    words = core.split()
    if any(ch.isdigit() for ch in core):
        return None
    for cut in range(1, len(words) + 1):
        hour = _number(" ".join(words[:cut]))
        rest = words[cut:]
        if hour is None or hour > 23:
            continue
        if not rest:
            return hour, 0
        if rest[0] in {"oh", "o"}:  # "seven oh five"
            minute = _number(" ".join(rest[1:]))
            if minute is not None and minute < 10:
                return hour, minute
        elif (minute := _number(" ".join(rest))) is not None and 10 <= minute <= 59:
            return hour, minute
    return None


def _on_the_clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    if not 0 <= minute <= 59:
        return None
    if meridiem and 1 <= hour <= 12:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return time(hour, minute) if 0 <= hour <= 23 else None


def parse_time(text: str) -> TimeAnswer | None:
    """A clock time from "19:30", "7am", "6.30pm", "noon", "0730"; a bare "7" is ambiguous."""
    folded = fold(text)
    meridiem = "am" if _AM.search(folded) else "pm" if _PM.search(folded) else None
    core = " ".join(_TIME_FILLER.sub(" ", _PM.sub(" ", _AM.sub(" ", folded))).split())
    if not core or len(core) > _MAX_TIME_CHARS or core.count(" ") >= _MAX_TIME_WORDS:
        # A clock time is a few words ("twenty five past seven"); reading a long text as one
        # would only cost time (dateparser and the spoken forms grow with its length).
        return None
    if spoken := _spoken(core):
        # Said in words, an hour is as open as a bare "7": only am/pm settles it.
        hour, minute = spoken
        if meridiem or not 1 <= hour <= 11:
            return _on_the_clock(hour, minute, meridiem)
        return AmbiguousTime(time(hour, minute), time(hour + 12, minute))
    if clock := _CLOCK.match(core) or _HHMM.match(core):
        hour, minute = int(clock["h"]), int(clock["m"] or 0)
        if meridiem is None and 1 <= hour <= 11 and not clock["h"].startswith("0"):
            if minute > 59:
                return None
            return AmbiguousTime(time(hour, minute), time(hour + 12, minute))
        if hour > 12:
            meridiem = None  # "19:30pm" says the same thing twice
        # Hand dateparser a spelling it reads: "730pm" -> "7:30 pm", "0730" -> "07:30".
        core = f"{hour:02d}:{minute:02d} {meridiem or ''}"
    elif meridiem:
        core = f"{core} {meridiem}"
    if not re.search(r"\d|noon|midnight", core := _NOON.sub("noon", core)):
        # Anything else dateparser reads without digits would be a date, not a clock time.
        return None
    parsed = _clock_parser().get_date_data(core.strip()).date_obj
    if parsed is None or parsed.date() != _BASE.date():
        return None
    return parsed.time().replace(second=0, microsecond=0)


# ---------------------------------------------------------------- choices


def _plain(text: str) -> str:
    """Folded, with punctuation as spaces, so "that's it" and "thats it" meet half way."""
    return " ".join(re.sub(r"[^\w/+]", " ", fold(text).replace("'", "")).split())


# An option value: a plain string or a StrEnum, which parse_choice hands back as it came.
_Option = TypeVar("_Option", bound=str)


@lru_cache(maxsize=8192)
def _plain_alias(spelling: str) -> str:
    """_plain for an option's spelling: the same few hundred are folded on every answer, so
    they are folded once (typed answers are not cached)."""
    return _plain(spelling)


@lru_cache(maxsize=8192)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """An alias as a whole word or phrase; more aliases than `re`'s own cache holds."""
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")


def _aliases(options: Mapping[_Option, Sequence[str]]) -> dict[str, _Option]:
    aliases: dict[str, _Option] = {}
    for value, spellings in options.items():
        every: tuple[str, ...] = (value, *spellings)
        for spelling in every:
            aliases.setdefault(_plain_alias(spelling), value)
    return aliases


def parse_choice(text: str, options: Mapping[_Option, Sequence[str]]) -> _Option | None:
    """The option value whose aliases best match text (exact, contained, or a near typo)."""
    folded = _plain(text)
    if not folded:
        return None
    aliases = _aliases(options)
    if folded in aliases:
        return aliases[folded]
    # Whole aliases inside a longer answer ("i want a faster 5k"). An alias inside a longer
    # one that also matched ("injury" in "back from injury") does not count; two options
    # named side by side ("new, or a few years") are too unsure to pick.
    spans = [
        (found.start(), found.end(), value)
        for alias, value in aliases.items()
        for found in _alias_pattern(alias).finditer(folded)
    ]
    if spans:
        outer = {
            value
            for start, end, value in spans
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
        }
        return outer.pop() if len(outer) == 1 else None
    # A typo is forgiven in letters, never in figures: "15k" is not a slip for "5k".
    typed = [alias for alias in aliases if _figures(alias) == _figures(folded)]
    match = process.extractOne(folded, typed, scorer=fuzz.ratio, score_cutoff=80)
    if match:
        return aliases[match[0]]
    # A typo in one word of a longer answer ("definately begginer").
    long_words = [alias for alias in aliases if len(alias) >= 4 and " " not in alias]
    found = {
        aliases[hit[0]]
        for word in set(folded.split())
        if len(word) >= 4
        and (
            hit := process.extractOne(
                word,
                [alias for alias in long_words if _figures(alias) == _figures(word)],
                scorer=fuzz.ratio,
                score_cutoff=80,
            )
        )
    }
    return found.pop() if len(found) == 1 else None


def _figures(text: str) -> list[str]:
    return re.findall(r"\d+", text)


_MAX_PARTS = 12
_SEPARATORS = re.compile(r",|;|\+|&|/|\b(?:and|plus|with|or|also|but)\b")


def parse_multi_choice(
    text: str,
    options: Mapping[_Option, Sequence[str]],
    *,
    everything: Collection[str] = (),
    exclusive: _Option | None = None,
) -> frozenset[_Option] | None:
    """Every option named in text ("band and dumbbells"); everything means all but exclusive."""
    folded = fold(text)
    if any(re.search(rf"\b{re.escape(fold(phrase))}\b", folded) for phrase in everything):
        return frozenset(value for value in options if value != exclusive)
    # A list names a handful of things: read its first few distinct parts, each once.
    parts = list(dict.fromkeys(p.strip() for p in _SEPARATORS.split(folded) if p.strip()))
    picked = {value for part in parts[:_MAX_PARTS] if (value := parse_choice(part, options))}
    if not picked:
        return None
    if exclusive in picked and len(picked) > 1:
        # "nothing but a band" names the band; the exclusive option only stands alone.
        picked.discard(exclusive)
    return frozenset(picked)
