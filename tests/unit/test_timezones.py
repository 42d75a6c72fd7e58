"""Timezone resolution from what runners type, and from a shared location."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.timezones import (
    Ambiguous,
    NotFound,
    Resolved,
    resolve_timezone,
    timezone_at,
    zone_label,
)

WINTER = datetime(2025, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2025, 7, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tz", "label"),
    [
        ("europe/berlin", "Europe/Berlin", "Berlin, Germany"),
        ("Europe/Berlin", "Europe/Berlin", "Berlin, Germany"),
        ("america/new york", "America/New_York", "New York City, New York"),
        ("europe/berln", "Europe/Berlin", "Berlin, Germany"),
        ("UTC", "UTC", "UTC"),
        ("gmt", "UTC", "UTC"),
        ("UTC+2", "Etc/GMT-2", "UTC+02:00"),  # Etc signs are inverted
        ("GMT-5", "Etc/GMT+5", "UTC-05:00"),
        ("utc +10", "Etc/GMT-10", "UTC+10:00"),
        ("+05:30", "Asia/Kolkata", "UTC+05:30 (Mumbai, India)"),
        ("UTC+5:45", "Asia/Kathmandu", "UTC+05:45 (Kathmandu, Nepal)"),
        ("London", "Europe/London", "London, United Kingdom"),
        ("london", "Europe/London", "London, United Kingdom"),
        ("londn", "Europe/London", "London, United Kingdom"),
        ("London time", "Europe/London", "London, United Kingdom"),
        ("london uk", "Europe/London", "London, United Kingdom"),
        ("London, Canada", "America/Toronto", "London, Canada"),
        ("new york", "America/New_York", "New York City, New York"),
        ("NYC", "America/New_York", "New York City, New York"),
        ("sao paulo", "America/Sao_Paulo", "São Paulo, Brazil"),
        ("Zürich", "Europe/Zurich", "Zürich, Switzerland"),
        ("zurich", "Europe/Zurich", "Zürich, Switzerland"),
        ("Sydney", "Australia/Sydney", "Sydney, Australia"),
        ("Portland, Oregon", "America/Los_Angeles", "Portland, Oregon"),
        ("portland, OR", "America/Los_Angeles", "Portland, Oregon"),
        ("Portland Maine", "America/New_York", "Portland, Maine"),
        ("Portland, Oregon, USA", "America/Los_Angeles", "Portland, Oregon"),
        ("Paris, Texas", "America/Chicago", "Paris, Texas"),
        ("paris", "Europe/Paris", "Paris, France"),
        ("Hamburg, DE", "Europe/Berlin", "Hamburg, Germany"),
        ("Cologne", "Europe/Berlin", "Köln, Germany"),
        ("frankfrt", "Europe/Berlin", "Frankfurt am Main, Germany"),
        ("Germany", "Europe/Berlin", "Germany"),
        ("germny", "Europe/Berlin", "Germany"),
        ("Argentina", "America/Argentina/Buenos_Aires", "Argentina"),  # one clock, many zones
        ("Singapore", "Asia/Singapore", "Singapore"),
        ("EST", "America/New_York", "New York City, New York"),
        # The words before a place are not part of it.
        ("im in berlin", "Europe/Berlin", "Berlin, Germany"),
        ("near leeds", "Europe/London", "Leeds, United Kingdom"),
        ("i live in cape town", "Africa/Johannesburg", "Cape Town, South Africa"),
        # A US state by its name ("ohio" was Oyo, Nigeria; "texas" was not found).
        ("ohio", "America/New_York", "Ohio, United States"),
        ("texas", "America/Chicago", "Texas, United States"),
        ("California", "America/Los_Angeles", "California, United States"),
        # ... not a town elsewhere that shares its name (Oregon, Ohio; Colorado, Brazil).
        ("oregon", "America/Los_Angeles", "Oregon, United States"),
        ("colorado", "America/Denver", "Colorado, United States"),
    ],
)
def test_resolves(text: str, tz: str, label: str) -> None:
    assert resolve_timezone(text, now=WINTER) == Resolved(tz, label)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Portland", [("Portland, Oregon", "America/Los_Angeles"),
                      ("Portland, Maine", "America/New_York")]),
        ("Springfield", [("Springfield, Missouri", "America/Chicago"),
                         ("Springfield, Massachusetts", "America/New_York"),
                         ("Springfield, Illinois", "America/Chicago"),
                         ("Springfield, Oregon", "America/Los_Angeles"),
                         ("Springfield, Ohio", "America/New_York")]),
        ("Cambridge", [("Cambridge, United Kingdom", "Europe/London"),
                       ("Cambridge, Canada", "America/Toronto"),
                       ("Cambridge, Massachusetts", "America/New_York"),
                       ("Cambridge, New Zealand", "Pacific/Auckland")]),
        ("Australia", [("Sydney, Australia", "Australia/Sydney"),
                       ("Brisbane, Australia", "Australia/Brisbane"),
                       ("Perth, Australia", "Australia/Perth"),
                       ("Adelaide, Australia", "Australia/Adelaide"),
                       ("Darwin, Australia", "Australia/Darwin")]),
        ("United States", [("New York City, New York", "America/New_York"),
                           ("Chicago, Illinois", "America/Chicago"),
                           ("Los Angeles, California", "America/Los_Angeles"),
                           ("Denver, Colorado", "America/Denver"),
                           ("Phoenix, Arizona", "America/Phoenix")]),
        # A state, and a big city elsewhere with its name.
        ("washington", [("Washington, United States", "America/Los_Angeles"),
                        ("Washington, District of Columbia", "America/New_York")]),
    ],
)  # fmt: skip
def test_ambiguous_names_ask(text: str, candidates: list[tuple[str, str]]) -> None:
    """The largest places first, at most five."""
    assert resolve_timezone(text) == Ambiguous(tuple(candidates))


def test_small_namesakes_do_not_make_a_name_ambiguous() -> None:
    # London, Ontario and Sydney, Nova Scotia are under 5% of the big ones.
    assert resolve_timezone("London") == Resolved("Europe/London", "London, United Kingdom")
    assert resolve_timezone("Sydney") == Resolved("Australia/Sydney", "Sydney, Australia")
    # Portland, Texas is under 5% of Portland, Oregon: not offered.
    assert resolve_timezone("Portland") == Ambiguous(
        (("Portland, Oregon", "America/Los_Angeles"), ("Portland, Maine", "America/New_York"))
    )


@pytest.mark.parametrize("text", ["", "   ", "qqqqqqqqqq"])
def test_nothing_like_a_place_is_not_found_with_nothing_to_suggest(text: str) -> None:
    assert resolve_timezone(text) == NotFound()


@pytest.mark.parametrize("text", ["xyzzy", "asdfgh"])
def test_not_found_offers_at_most_three_near_spellings(text: str) -> None:
    found = resolve_timezone(text)
    assert found == NotFound(suggestions=found.suggestions)  # only suggestions, no offset
    assert 1 <= len(found.suggestions) <= 3


def test_not_found_suggests_near_spellings() -> None:
    assert resolve_timezone("xxlondonqq") == NotFound(
        suggestions=(("London, United Kingdom", "Europe/London"),)
    )


def test_an_offset_no_place_keeps_says_so() -> None:
    assert resolve_timezone("+05:15") == NotFound(offset="UTC+05:15")
    assert resolve_timezone("UTC+15") == NotFound(offset="UTC+15:00")


def test_half_hour_offsets_follow_todays_clocks() -> None:
    # Newfoundland is 3:30 behind UTC in winter and 2:30 behind in summer.
    assert resolve_timezone("-03:30", now=WINTER).tz == "America/St_Johns"  # type: ignore[union-attr]
    assert resolve_timezone("-02:30", now=SUMMER).tz == "America/St_Johns"  # type: ignore[union-attr]
    assert resolve_timezone("-02:30", now=WINTER) == NotFound(offset="UTC-02:30")


@pytest.mark.parametrize(
    ("latitude", "longitude", "tz"),
    [
        (51.5, -0.12, "Europe/London"),
        (52.52, 13.40, "Europe/Berlin"),
        (40.71, -74.0, "America/New_York"),
        (45.52, -122.68, "America/Los_Angeles"),
        (-33.87, 151.21, "Australia/Sydney"),
        (35.68, 139.69, "Asia/Tokyo"),
        (0.0, -30.0, "Etc/GMT+2"),  # mid-Atlantic: a nautical zone
        (100.0, 0.0, None),  # off the map
        (0.0, 200.0, None),
    ],
)
def test_timezone_at(latitude: float, longitude: float, tz: str | None) -> None:
    assert timezone_at(latitude, longitude) == tz


@pytest.mark.parametrize(
    ("tz", "label"),
    [
        ("Europe/London", "London, United Kingdom"),
        ("Etc/GMT-2", "UTC+02:00"),
        ("Etc/GMT+5", "UTC-05:00"),
        ("UTC", "UTC"),
        ("Antarctica/Troll", "Antarctica/Troll"),
    ],
)
def test_zone_label(tz: str, label: str) -> None:
    assert zone_label(tz) == label
