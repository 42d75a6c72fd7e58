"""Reading the runner's season as typed on a phone: races, race days, runs and running a week,
and how long to pause. Every reader takes the runner's today; none reads a clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.core import SaveProfile
from dialogs.dates import FOREVER, NO_DATE, NeedMonth, parse_day, parse_month, parse_pause
from dialogs.parsing import count_range
from dialogs.profile import season
from dialogs.profile.zones import zone_name
from dialogs.texts import t
from dialogs.training import nudges
from dialogs.training.nudges import PAUSED_FOR_GOOD
from dialogs.vocabulary import BodyLocation, DistanceUnit, RaceDistance
from dialogs.weekly import Weekly, parse_weekly
from tests.support.builders import NEW_RUNNER, context

# A Sunday late in November: "21 march" is next year, "next spring" too.
TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 march", date(2027, 3, 21)),
        ("March 21", date(2027, 3, 21)),
        ("the 21st of march", date(2027, 3, 21)),
        ("21/3", date(2027, 3, 21)),
        ("2027-03-21", date(2027, 3, 21)),
        ("in 10 weeks", date(2027, 2, 7)),
        ("10 weeks", date(2027, 2, 7)),
        ("in two weeks", date(2026, 12, 13)),
        ("next saturday", date(2026, 12, 5)),
        # A month alone is its middle day, this year's if it has not ended yet.
        ("april", date(2027, 4, 15)),
        ("in april", date(2027, 4, 15)),
        ("mid april", date(2027, 4, 15)),
        ("november", date(2026, 11, 15)),
        ("march 2029", date(2029, 3, 15)),
        # Read as given: the dialog refuses a past or far-off day kindly.
        ("yesterday", date(2026, 11, 28)),
        ("1 march 2026", date(2026, 3, 1)),
        # A season asks which month.
        ("next spring", NeedMonth((date(2027, 3, 1), date(2027, 4, 1), date(2027, 5, 1)))),
        ("summer", NeedMonth((date(2027, 6, 1), date(2027, 7, 1), date(2027, 8, 1)))),
        # Hedges typed around a date change nothing about it.
        ("in march i think", date(2027, 3, 15)),
        ("probably late march", date(2027, 3, 15)),
        ("march-ish", date(2027, 3, 15)),
        ("sometime in march", date(2027, 3, 15)),
        ("in 10 weeks or so", date(2027, 2, 7)),
        ("21 march pls", date(2027, 3, 21)),
        # "next" with a month: in the month itself, next year's.
        ("next march", date(2027, 3, 15)),
        ("march next year", date(2027, 3, 15)),
        ("next november", date(2027, 11, 15)),
        # Figures with a "month" over 12 are month first, as written in the US.
        ("3/21", date(2027, 3, 21)),
        ("3/21/27", date(2027, 3, 21)),
        # A time of day answers another question, not "today".
        ("18:00", None),
        ("7:30am", None),
        ("not sure", NO_DATE),
        ("TBC", NO_DATE),
        ("don't know yet", NO_DATE),
        ("blorp zzzz", None),
        ("", None),
    ],
)
def test_parse_day(text: str, expected: object) -> None:
    assert parse_day(text, TODAY) == expected


def test_parse_month_is_the_first_of_the_next_such_month() -> None:
    assert parse_month("May", TODAY) == date(2027, 5, 1)
    assert parse_month("feb 2028", TODAY) == date(2028, 2, 1)
    assert parse_month("21 may", TODAY) is None
    assert parse_month("next may", TODAY) == date(2027, 5, 1)
    assert parse_month("next november", TODAY) == date(2027, 11, 1)
    assert parse_month("may next year", TODAY) == date(2027, 5, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("half marathon", RaceDistance.HALF),
        ("HM", RaceDistance.HALF),
        ("21k", RaceDistance.HALF),
        ("my first half marathon", RaceDistance.HALF),
        ("marathon in april", RaceDistance.MARATHON),
        ("5k", RaceDistance.FIVE_K),
        ("parkrun", RaceDistance.FIVE_K),
        ("10k", RaceDistance.TEN_K),
        ("50k ultra", RaceDistance.ULTRA),
        ("a trail race", RaceDistance.TRAIL),
        ("no race", RaceDistance.NONE),
        ("no race, just running", RaceDistance.NONE),
        ("just for fun", RaceDistance.NONE),
        # A slip is forgiven in letters, never in figures: a 15k is not a 5k.
        ("15k", None),
        ("25k", None),
        ("half marthon", RaceDistance.HALF),
        ("blorp", None),
    ],
)
def test_the_race_named(text: str, expected: RaceDistance | None) -> None:
    named = season.named_race(text, context())
    assert (named or {}).get("race_distance") == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # The builders' context is Mon 3 March 2025.
        ("marathon in april", "2025-04-15"),
        ("half on 21 march", "2025-03-21"),
        ("10k 21/3", "2025-03-21"),
        ("half marathon", None),
        # A goal time is no day ("sub 3" was read as the 3rd, a race today).
        ("sub 3 marathon", None),
        ("half marathon sub 1:45", None),
        # A day gone by, or too far off, is left for the race-day question to ask again.
        ("half marathon on 1 march 2025", None),
        ("marathon 2030", None),
    ],
)
def test_a_race_named_with_its_day(text: str, day: str | None) -> None:
    named = season.named_race(text, context())
    assert named is not None and named.get("race_day") == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", (3, 3)),
        ("3ish", (3, 3)),
        ("three-ish", (3, 3)),
        ("2 at the moment", (2, 2)),
        ("2 right now", (2, 2)),
        ("3-4", (3, 4)),
        ("3 or 4", (3, 4)),
        ("four to three", (3, 4)),
        ("twice", (2, 2)),
        # Hedges and what it depends on change nothing (parsing.HEDGES).
        ("5 or 6 depending", (5, 6)),
        ("3 to 4 depending on work", (3, 4)),
        ("depends, 3 or 4", (3, 4)),
        ("3 most weeks", (3, 3)),
        ("4 i think", (4, 4)),
        ("can we do 3?", (3, 3)),
        # Two figures with a word between are a range (unread before).
        ("2, sometimes 3", (2, 3)),
        ("usually 2 maybe 3", (2, 3)),
        ("4 max", (4, 4)),
        ("3 4 5", None),
        ("3 runs of 5", None),  # a distance of each run, not 3 to 5 runs
        ("how about 2", (2, 2)),
        ("20", None),
        ("3-20", None),
    ],
)
def test_count_range(text: str, expected: tuple[int, int] | None) -> None:
    assert count_range(text, low=0, high=14) == expected


KM, MI = DistanceUnit.KM, DistanceUnit.MI


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("25k", KM, Weekly(km=25.0)),
        ("25 km", KM, Weekly(km=25.0)),
        ("about 25km a week", KM, Weekly(km=25.0)),
        ("30 kilometres", KM, Weekly(km=30.0)),
        ("15 miles", KM, Weekly(km=24.1, unit=MI)),
        ("10mi", KM, Weekly(km=16.1, unit=MI)),
        ("about 3 hours", KM, Weekly(minutes=180)),
        ("2.5 hours", KM, Weekly(minutes=150)),
        ("2h30", KM, Weekly(minutes=150)),
        ("90 min", MI, Weekly(minutes=90, unit=MI)),
        ("20-30k", KM, Weekly(km=20.0, ranged=True)),
        ("40k pls", KM, Weekly(km=40.0)),
        # Runs times their distance (unread before; "3 runs of 5k" was then read as 3 km).
        ("3 runs of 5k", KM, Weekly(km=15.0)),
        ("3x10 miles", KM, Weekly(km=48.3, unit=MI)),
        ("3 hours i think", KM, Weekly(minutes=180)),
        # A bare number is in the unit the runner used before.
        ("25", KM, Weekly(km=25.0)),
        ("15", MI, Weekly(km=24.1, unit=MI)),
        ("5000k", KM, None),
        ("blorp", KM, None),
    ],
)
def test_parse_weekly(text: str, unit: DistanceUnit, expected: Weekly | None) -> None:
    assert parse_weekly(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        ("for 2 weeks", 14),
        ("a week", 7),
        ("a fortnight", 14),
        ("a month", 30),
        ("3 months", 90),
        ("a year", 365),
        ("until christmas", date(2026, 12, 25)),
        ("till xmas", date(2026, 12, 25)),
        ("til after xmas", date(2026, 12, 26)),
        ("until after new year", date(2027, 1, 2)),
        ("until easter", date(2027, 3, 28)),
        ("until next year", date(2027, 1, 1)),
        ("until monday", date(2026, 11, 30)),
        ("till 5 jan", date(2027, 1, 5)),
        ("forever", FOREVER),
        ("for good", FOREVER),
        ("indefinitely", FOREVER),
        ("until yesterday", None),
        ("400 days", None),
        ("a while", None),
        # Each was asked again (found in the console).
        ("2 wks", 14),
        ("for a week or so", 7),
        ("next 3 days", 3),
        ("for the next 2 weeks", 14),
        ("im on holiday until the 12th", date(2026, 12, 12)),
        ("until the 1st", date(2026, 12, 1)),
        # A month alone is until it starts (30 January before: today's day of that month).
        ("till jan", date(2027, 1, 1)),
    ],
)
def test_parse_pause(text: str, expected: object) -> None:
    assert parse_pause(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("til after my race", date(2027, 3, 16)),
        ("until the marathon", date(2027, 3, 15)),
        ("until race day", date(2027, 3, 15)),
    ],
)
def test_a_pause_runs_to_the_runners_race(text: str, expected: date) -> None:
    assert parse_pause(text, TODAY, race_day=date(2027, 3, 15)) == expected
    assert parse_pause(text, TODAY) is None  # no race day known: asked again


@pytest.mark.parametrize(
    ("tz", "shown"),
    [
        ("Etc/GMT-2", "UTC+2"),
        ("Etc/GMT+5", "UTC-5"),
        ("Etc/GMT-0", "UTC"),
        ("Europe/London", "Europe/London"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_named_as_the_runner_typed_it(tz: str, shown: str) -> None:
    assert zone_name(tz) == shown


def test_every_niggle_place_reads_back_to_itself_in_the_pain_dialog() -> None:
    """The words a niggle hands to the pain dialog name the same place there."""
    from dialogs.triage import parse_pain_text

    for place in season.NIGGLE_PLACES:
        words = season.niggle_words(place)
        assert parse_pain_text(words).locations[:1] == (place,), (place, words)
    assert season.niggle_words(BodyLocation.OTHER) == ""


@pytest.mark.parametrize(
    ("args", "until"),
    [
        ("a month", datetime(2025, 4, 2, 8, 0, tzinfo=UTC)),
        # The start of the runner's own day: London is on UTC in winter.
        ("until christmas", datetime(2025, 12, 25, tzinfo=UTC)),
        ("forever", PAUSED_FOR_GOOD),
        ("", PAUSED_FOR_GOOD),
    ],
)
def test_pause_holds_reminders_for_what_the_runner_said(args: str, until: datetime) -> None:
    result = nudges.pause(args, context(NEW_RUNNER))
    assert result.effects == (SaveProfile({"paused_until": until}),)


def test_a_pause_it_cannot_read_asks_again_with_examples() -> None:
    (reply,) = nudges.pause("until whenever", context(NEW_RUNNER)).replies
    assert reply.text == t("nudges.pause_reask") and "/pause a month" in reply.text
