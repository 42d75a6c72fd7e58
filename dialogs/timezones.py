"""Which IANA timezone a runner means, from a city, country, zone name, offset or location.

Place data comes from dialogs.places (cities of 15,000 people or more, each with its IANA zone,
in a file built once) and timezonefinder (offline point-in-zone lookup, loaded on the first
shared location).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process

from dialogs import places
from dialogs.parsing import fold
from dialogs.places import City

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder


@dataclass(frozen=True, slots=True)
class Resolved:
    """One timezone, with a label to show the runner ("London, United Kingdom")."""

    tz: str
    label: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Several places fit; candidates are (label, tz), largest place first."""

    candidates: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class NotFound:
    """Nothing fits; suggestions are (label, tz) of near spellings, best first.

    offset is set ("UTC+05:15") when the text was a readable UTC offset that no place uses.
    """

    suggestions: tuple[tuple[str, str], ...] = ()
    offset: str | None = None


Resolution = Resolved | Ambiguous | NotFound

# A runner-up place smaller than this share of the largest one is not worth a question.
# A city this large is meant by a name it shares with a US state (Washington, DC).
_STATE_RIVAL = 500_000
_RUNNER_UP_SHARE = 0.05
_MAX_CANDIDATES = 5
_MAX_SUGGESTIONS = 3
_FUZZY_CUTOFF = 80
_SUGGESTION_CUTOFF = 60
_FUZZY_ALT_POPULATION = 500_000
_MAX_ANSWER = 100  # characters
# Two zones whose offsets agree on these instants keep the same clock for practical purposes
# (America/Argentina/Cordoba and .../Buenos_Aires), so choosing between them is pointless.
_SEASONS = (datetime(2025, 1, 15, tzinfo=UTC), datetime(2025, 7, 15, tzinfo=UTC))

# What geonames has no record of: everyday names for a few countries and zones.
_COUNTRY_ALIASES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "holland": "NL",
    "uae": "AE",
}
_ZONE_ALIASES = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mountain": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
}
_CITY_ALIASES = {"la": "los angeles", "sf": "san francisco", "dc": "washington"}

_OFFSET = re.compile(
    r"^(?:utc|gmt|z)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?:\s*[:.h]?\s*(?P<m>\d{2}))?$"
)
_SUFFIX = re.compile(r"\s*\b(?:time ?zone|time|tz|zone|area)$")
# Words before a place that are not part of it ("i'm in berlin", "near leeds", "based in oslo").
_PREFIX = re.compile(
    r"^(?:(?:i'?m|i am|we'?re|currently|living|i live|live|based|staying|just|right)\s+)*"
    r"(?:in|near|outside|around|from)\s+(?=\S)"
)


class _Names(NamedTuple):
    countries: dict[str, str]  # folded name or alias -> ISO code
    states: dict[str, str]  # folded US state name or code -> code
    zones: dict[str, str]  # folded IANA name -> IANA name


@cache
def _names() -> _Names:
    """The small lookup tables, kept in memory; the cities stay in the place index's file."""
    countries = {fold(name): code for code, name in places.country_names().items()}
    states = {fold(name): code for code, name in places.state_names().items()}
    states |= {code.lower(): code for code in places.state_names()}
    zones = {fold(name).replace(" ", "_"): name for name in available_timezones()}
    return _Names(countries | _COUNTRY_ALIASES, states, zones)


@cache
def _clock_signature(tz: str) -> tuple[timedelta | None, ...]:
    zone = ZoneInfo(tz)
    return tuple(moment.astimezone(zone).utcoffset() for moment in _SEASONS)


def _decide(cities: Sequence[City]) -> Resolved | Ambiguous:
    """One place, or a question when a sizeable place keeps a different clock."""
    largest = cities[0]
    floor = largest.population * _RUNNER_UP_SHARE
    big = [c for c in cities if c.population >= floor]
    if len({_clock_signature(c.tz) for c in big}) == 1:
        return Resolved(largest.tz, largest.label)
    candidates: dict[str, str] = {}
    for city in big:
        label = city.label if city.label not in candidates else f"{city.label} ({city.tz})"
        candidates.setdefault(label, city.tz)
    return Ambiguous(tuple(candidates.items())[:_MAX_CANDIDATES])


@cache
def _country(code: str, state: str | None = None) -> Resolved | Ambiguous:
    """A whole country, or a US state: one zone if its people all keep one clock, else its
    main clocks."""
    groups: dict[tuple[timedelta | None, ...], list[City]] = defaultdict(list)
    for city in places.cities_in(code):
        if state is None or city.admin1 == state:
            groups[_clock_signature(city.tz)].append(city)
    ranked = sorted(groups.values(), key=lambda cs: -sum(c.population for c in cs))
    totals = [sum(c.population for c in cs) for cs in ranked]
    if len(ranked) == 1 or totals[1] < totals[0] * _RUNNER_UP_SHARE:
        name = places.country_names()[code]
        label = name if state is None else f"{places.state_names()[state]}, {name}"
        return Resolved(ranked[0][0].tz, label)
    return Ambiguous(tuple((cs[0].label, cs[0].tz) for cs in ranked[:_MAX_CANDIDATES]))


def zone_label(tz: str) -> str:
    """A human label for an IANA zone: its largest city, its UTC offset, or its name."""
    if match := re.fullmatch(r"Etc/GMT(?P<hours>[+-]\d{1,2})", tz):
        return _offset_label(-60 * int(match["hours"]))  # Etc signs are inverted
    if tz in {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}:
        return "UTC"
    city = places.largest_by_zone().get(tz)
    return city.label if city else tz.replace("_", " ")


def _offset_label(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _from_offset(minutes: int, now: datetime | None) -> Resolved | NotFound:
    label = _offset_label(minutes)
    if minutes == 0:
        return Resolved("UTC", "UTC")
    if minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60:
        # IANA's Etc zones count the other way: UTC+2 is Etc/GMT-2.
        return Resolved(f"Etc/GMT{-minutes // 60:+d}", label)
    # No Etc zone for half hours: take the largest place that keeps this offset.
    offset = timedelta(minutes=minutes)
    keeping = [
        city
        for city in _zones_by_offset().get(offset, ())
        if now is None or now.astimezone(ZoneInfo(city.tz)).utcoffset() == offset
    ]
    if not keeping:
        return NotFound(offset=label)
    return Resolved(keeping[0].tz, f"{label} ({keeping[0].label})")


@cache
def _zones_by_offset() -> dict[timedelta, list[City]]:
    """Each zone's largest city under the offsets it keeps in winter and summer."""
    by_offset: dict[timedelta, list[City]] = defaultdict(list)
    for tz, city in places.largest_by_zone().items():
        for offset in set(_clock_signature(tz)):
            if offset is not None:
                by_offset[offset].append(city)
    for cities in by_offset.values():
        cities.sort(key=lambda c: -c.population)
    return dict(by_offset)


Place = tuple[str, str | None]  # (ISO country code, US state code or None)


def _places(text: str) -> list[Place]:
    """Places the part after "City, ..." may name; "CA" is both California and Canada."""
    names = _names()
    found: list[Place] = []
    if text in names.states:
        found.append(("US", names.states[text]))
    if text in names.countries:
        found.append((names.countries[text], None))
    elif len(text) == 2 and text.upper() in places.countries_with_cities():
        found.append((text.upper(), None))
    if found or len(text) <= 3:
        return found
    if match := process.extractOne(text, _place_pool(), scorer=fuzz.ratio, score_cutoff=85):
        return _places(match[0])
    return []


@cache
def _place_pool() -> tuple[str, ...]:
    names = _names()
    return tuple(name for name in [*names.states, *names.countries] if len(name) > 3)


def _inside(city: City, where: Place | None) -> bool:
    return where is None or (city.country == where[0] and where[1] in {None, city.admin1})


def _fuzzy(name: str, where: Place | None, cutoff: int) -> list[tuple[int, list[City]]]:
    """(score, same-named cities) near in spelling, best match first."""
    country = where[0] if where else None
    keys = places.spelling_keys(country)
    hits = process.extract(name, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
    scored = [
        (round(score), group)
        for hit, score, _ in hits
        if (group := [c for c in places.spelled(country, hit) if _inside(c, where)])
    ]
    scored.sort(key=lambda sg: (-sg[0], -sg[1][0].population))
    return scored


def _in_places(name: str, where: Sequence[Place]) -> list[City]:
    """Cities called name (exactly, else nearly) in any of the places."""
    for alternate in (False, True):
        named = places.cities_named(name, alternate=alternate)
        if cities := [c for c in named for p in where if _inside(c, p)]:
            return cities
    near = [hit for place in where for hit in _fuzzy(name, place, _FUZZY_CUTOFF)]
    return max(near, key=lambda sg: (sg[0], sg[1][0].population))[1] if near else []


def _trailing_place(text: str) -> Iterable[tuple[str, list[Place]]]:
    """Ways to read "portland oregon" or "london uk" as a city followed by a place."""
    words = text.split()
    for cut in (1, 2):
        if len(words) > cut and (found := _places(" ".join(words[-cut:]))):
            yield " ".join(words[:-cut]), found


def _zone_named(key: str) -> Resolved | NotFound:
    """An IANA name typed in any case, or with a small typo ("europe/berln")."""
    zones = _names().zones
    if key not in zones:
        hit = process.extractOne(key, zones.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if hit is None:
            return NotFound()
        key = hit[0]
    return Resolved(zones[key], zone_label(zones[key]))


def _exactly(name: str) -> Resolved | Ambiguous | None:
    """A city, country, US state or old zone name spelled exactly (any case, any accents)."""
    names = _names()
    cities = places.cities_named(_CITY_ALIASES.get(name, name))
    # Its two letters alone ("in", "or") are too often words, and a name that is a country's
    # too ("georgia") stays the country's.
    if len(name) > 2 and name not in names.countries and (state := names.states.get(name)):
        return _state(state, [*cities, *places.cities_named(name, alternate=True)])
    if cities:
        return _decide(cities)
    if (code := names.countries.get(name)) and code in places.countries_with_cities():
        return _country(code)
    if cities := places.cities_named(name, alternate=True):
        return _decide(cities)
    if tz := names.zones.get(name.replace(" ", "_")):
        return Resolved(tz, zone_label(tz))  # old single-word zones such as "CET" or "EST5EDT"
    return None


def _state(state: str, namesakes: Sequence[City]) -> Resolved | Ambiguous:
    """A US state named by a runner: the state, not the towns elsewhere that share its name
    ("oregon" is not Oregon, Ohio; "indiana" is not a Brazilian town's other name), unless a
    city in it has the name (New York City); a big city elsewhere (Washington, DC) is offered
    beside it."""
    if inside := [c for c in namesakes if c.country == "US" and c.admin1 == state]:
        return _decide(inside)
    whole = _country("US", state)
    big = [c for c in namesakes if c.population >= _STATE_RIVAL]
    if not big:
        return whole
    offered = whole.candidates if isinstance(whole, Ambiguous) else ((whole.label, whole.tz),)
    return Ambiguous((*offered, *((c.label, c.tz) for c in big))[:_MAX_CANDIDATES])


def _nearly(name: str) -> Resolution:
    """The closest city or country to a misspelt name, or suggestions."""
    near = _fuzzy(name, None, _SUGGESTION_CUTOFF)
    city = near[0] if near and near[0][0] >= _FUZZY_CUTOFF else None
    country = process.extractOne(
        name, _country_pool(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
    )
    if country and (city is None or country[1] > city[0]):
        return _country(_names().countries[country[0]])
    if city:
        return _decide(city[1])
    suggestions: dict[str, str] = {}
    for _, cities in near:
        suggestions.setdefault(cities[0].label, cities[0].tz)
    return NotFound(tuple(suggestions.items())[:_MAX_SUGGESTIONS])


def resolve_timezone(text: str, *, now: datetime | None = None) -> Resolution:
    """The timezone meant by a city, country, IANA name or UTC offset typed by a runner.

    now (aware) picks the place for a half-hour offset by today's clocks; without it, any
    place keeping that offset in winter or summer will do.
    """
    folded = _PREFIX.sub("", _SUFFIX.sub("", fold(text)).strip(" .!?"))
    if not folded or len(folded) > _MAX_ANSWER:
        # Longer than any place with its region and country: no place, and not worth the
        # typo search over every city.
        return NotFound()
    if folded in {"utc", "gmt", "z", "zulu", "utc+0", "gmt+0"}:
        return Resolved("UTC", "UTC")
    if match := _OFFSET.match(folded):
        minutes = int(match["h"]) * 60 + int(match["m"] or 0)
        return _from_offset(-minutes if match["sign"] == "-" else minutes, now)
    if tz := _ZONE_ALIASES.get(folded):
        return Resolved(tz, zone_label(tz))
    if "/" in folded:
        return _zone_named(folded.replace(" ", "_"))
    name, *parts = (part.strip() for part in folded.split(","))
    # "Portland, Oregon, USA": the first place we know is the most specific one.
    where = next((known for part in parts if (known := _places(part))), [])
    if where and (cities := _in_places(name, where)):
        return _decide(cities)
    if found := _exactly(name):
        return found
    for city, where in _trailing_place(name):
        if cities := _in_places(city, where):
            return _decide(cities)
    return _nearly(name)


@cache
def _country_pool() -> tuple[str, ...]:
    """Country names worth a fuzzy match: codes and short aliases only match exactly."""
    return tuple(
        name
        for name, code in _names().countries.items()
        if len(name) > 4 and code in places.countries_with_cities()
    )


@cache
def _finder() -> TimezoneFinder:
    from timezonefinder import TimezoneFinder  # only for shared locations

    return TimezoneFinder()


def warm_up() -> None:
    """Open the place index (building its file the first time ever, a few seconds) and load
    the names typos are matched against, so the first runner to name a place does not wait."""
    _names()
    places.spelling_keys(None)


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a shared location, found offline; None off the map."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return _finder().timezone_at(lat=latitude, lng=longitude)
