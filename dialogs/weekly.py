"""Reading a runner's rough weekly running: "25k", "15 miles", "about 3 hours", "90 min".

A distance is kept in kilometres with the unit the runner used, so it is shown back in their
unit; a bare number is read in the unit they used before (kilometres until they say miles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.parsing import HEDGES, count_range, fold
from dialogs.vocabulary import DistanceUnit

KM_PER_MILE = 1.609344
MOST_KM = 400.0  # a week's running beyond this is a typo, not a runner
MOST_MINUTES = 40 * 60

_FILLER = re.compile(
    rf"\b(?:{HEDGES}|about|around|approx(?:imately)?|usually|normally|currently"
    r"|i run|i do|at the moment|right now|now|these days|a|per|each|every|week|weekly"
    r"|wk|total|in total|of running|running)\b|/\s*w(?:ee)?k\b|-?ish\b|[~?!]"
)
_AMOUNT = re.compile(
    r"^(?P<number>.+?)\s*(?<![a-z])(?P<unit>km|kms|k|kilomet(?:er|re)s?|mi|miles?|h|hrs?|hours?"
    r"|m|mins?|minutes?)$"
)
_RUNS_OF = re.compile(
    r"^(?P<runs>\d{1,2})\s*(?:runs?\s+(?:of\s+)?|x\s*)(?P<each>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>km|k|mi|miles?)$"
)
_HOURS_AND_MINUTES = re.compile(
    r"^(?P<h>\d{1,2})\s*h(?:rs?|ours?)?\s*(?P<m>\d{1,2})\s*(?:m|mins?)?$"
)
_UNITS = {
    "km": "km", "kms": "km", "k": "km", "mi": "mi", "h": "h", "hr": "h", "hrs": "h",
    "m": "min", "min": "min", "mins": "min",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Weekly:
    """A week's running as given: a distance (kilometres, in the unit said) or a time."""

    km: float | None = None
    minutes: int | None = None
    unit: DistanceUnit = DistanceUnit.KM
    # The runner gave a range ("20-30k"): the lower end was taken.
    ranged: bool = False


def _unit(said: str) -> str:
    if said.startswith("kilomet"):
        return "km"
    if said.startswith("mile"):
        return "mi"
    if said.startswith("hour"):
        return "h"
    if said.startswith("minute"):
        return "min"
    return _UNITS[said]


def _amount(text: str) -> tuple[float, bool] | None:
    """A number in digits or words, a decimal ("2.5") or a range ("20-30": its lower end)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text), False
    found = count_range(text, low=0, high=1000)
    if found is None:
        return None
    return float(found[0]), found[0] != found[1]


def parse_weekly(text: str, unit: DistanceUnit = DistanceUnit.KM) -> Weekly | None:
    """The week's running from "25k", "15 miles", "about 3 hours", "2h30", "20-30k"; a bare
    number is a distance in unit. None if unreadable or beyond any runner's week."""
    folded = fold(text).replace(",", ".")
    core = " ".join(_FILLER.sub(" ", folded).split())
    if both := _HOURS_AND_MINUTES.match(core):
        minutes = int(both["h"]) * 60 + int(both["m"])
        return Weekly(minutes=minutes, unit=unit) if 0 < minutes <= MOST_MINUTES else None
    if runs := _RUNS_OF.match(core):  # "3 runs of 5k": 15 km
        core = f"{int(runs['runs']) * float(runs['each']):g} {runs['unit']}"
    said = _AMOUNT.match(core)
    amount = _amount(said["number"] if said else core)
    if amount is None:
        return None
    value, ranged = amount
    kind = _unit(said["unit"]) if said else str(unit)
    if kind in {"h", "min"}:
        minutes = round(value * 60) if kind == "h" else round(value)
        ok = 0 <= minutes <= MOST_MINUTES
        return Weekly(minutes=minutes, unit=unit, ranged=ranged) if ok else None
    given = DistanceUnit(kind)
    km = round(value * KM_PER_MILE if given is DistanceUnit.MI else value, 1)
    return Weekly(km=km, unit=given, ranged=ranged) if 0 <= km <= MOST_KM else None


def in_unit(km: float, unit: DistanceUnit) -> float:
    """A distance in kilometres as the runner counts it, to a whole number or a half."""
    value = km / KM_PER_MILE if unit is DistanceUnit.MI else km
    return round(value * 2) / 2
