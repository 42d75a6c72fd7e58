"""Which emergency numbers to give a runner, from the country of their time zone.

The country of each IANA zone comes from tzdata's zone.tab (the IANA database's own table),
the countries of each region from emergency_numbers.toml; the texts are in
messages/pain.toml under [emergency] and [same_day].
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

REGIONS_FILE = "emergency_numbers.toml"
OTHER = "other"


@cache
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country code, from zone.tab (tab-separated: code, coordinates, zone)."""
    table = resources.files("tzdata") / "zoneinfo" / "zone.tab"
    countries: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_comment = line.split("\t")
            countries[zone] = code
    return countries


@cache
def _regions() -> dict[str, str]:
    """ISO country code -> region name."""
    path = resources.files("dialogs") / "data" / REGIONS_FILE
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {code: region for region, codes in raw.items() for code in codes}


def warm_up() -> None:
    """Load both tables now (at start-up), so a broken file stops the coach early."""
    _zone_countries()
    _regions()


def region(timezone: str) -> str:
    """The region whose numbers a runner in this zone is told ("other" when unknown)."""
    country = _zone_countries().get(timezone)
    return _regions().get(country, OTHER) if country else OTHER
