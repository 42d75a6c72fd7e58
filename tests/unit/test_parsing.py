"""Readers for sloppy phone typing: counts, days, times and choices."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.parsing import (
    AmbiguousTime,
    fold,
    parse_choice,
    parse_count,
    parse_days,
    parse_multi_choice,
    parse_time,
)
from dialogs.profile.choices import ALL_KIT_WORDS, EXPERIENCE_WORDS, GOAL_WORDS, KIT_WORDS
from dialogs.vocabulary import Weekday

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday
WEEK = (MON, TUE, WED, THU, FRI, SAT, SUN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        (" 3 ", 3),
        ("three", 3),
        ("Three", 3),
        ("3x", 3),
        ("3 x", 3),
        ("3 times", 3),
        ("3 times a week", 3),
        ("about 3 runs a week", 3),
        ("4/wk", 4),
        ("twice", 2),
        ("twice a week", 2),
        ("once a week", 1),
        ("thrice", 3),
        ("3-4", 3),  # a range takes the lower end
        ("3 - 4", 3),
        ("three or four", 3),
        ("2 to 3 times per week", 2),
        ("0", 0),
        ("zero", 0),
        ("none", 0),
        ("every day", 7),
        ("fourteen", 14),
        ("I run 5 times a week", 5),
        ("15", None),  # out of range
        ("twenty one", None),
        ("-2", None),
        ("3.5", None),
        ("lots", None),
        ("a few", None),
        ("three apples", None),
        ("", None),
        ("???", None),
    ],
)
def test_parse_count(text: str, expected: int | None) -> None:
    assert parse_count(text, low=0, high=14) == expected


def test_parse_count_respects_the_range() -> None:
    assert parse_count("2", low=3, high=5) is None
    assert parse_count("twice", low=3, high=5) is None
    assert parse_count("4", low=3, high=5) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon wed fri", (MON, WED, FRI)),
        ("fri wed mon mon", (MON, WED, FRI)),
        ("Monday, Wednesday and Friday", (MON, WED, FRI)),
        ("mondays and fridays", (MON, FRI)),
        ("m w f", (MON, WED, FRI)),
        ("weekdays", (MON, TUE, WED, THU, FRI)),
        ("every weekday", (MON, TUE, WED, THU, FRI)),  # was Wednesday, by spelling
        ("each working day", (MON, TUE, WED, THU, FRI)),
        ("week days", (MON, TUE, WED, THU, FRI)),
        ("weekends", (SAT, SUN)),
        ("weekend", (SAT, SUN)),
        ("every day", WEEK),
        ("everyday", WEEK),
        ("daily", WEEK),
        ("mon-fri", (MON, TUE, WED, THU, FRI)),
        ("Monday to Thursday", (MON, TUE, WED, THU)),
        ("fri-mon", (MON, FRI, SAT, SUN)),  # wraps round the weekend
        ("tu/th", (TUE, THU)),
        ("tue/thu", (TUE, THU)),
        ("Tues & Thurs", (TUE, THU)),
        ("weds", (WED,)),
        ("wendsday", (WED,)),
        ("thrusday and sat", (THU, SAT)),
        ("SATURDAY", (SAT,)),
        ("every day except sunday", (MON, TUE, WED, THU, FRI, SAT)),
        ("weekdays but not wed", (MON, TUE, THU, FRI)),
        ("not sunday", (MON, TUE, WED, THU, FRI, SAT)),
        ("we run long on sat", (SAT,)),  # "we" is not Wednesday
        ("garbage", None),
        ("not sure", None),
        ("t", None),  # Tuesday or Thursday: too unsure
        ("", None),
        ("123", None),
    ],
)
def test_parse_days(text: str, expected: tuple[Weekday, ...] | None) -> None:
    assert parse_days(text) == expected


def both(hour: int, minute: int = 0) -> AmbiguousTime:
    return AmbiguousTime(time(hour, minute), time(hour + 12, minute))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:30", time(19, 30)),
        ("19.30", time(19, 30)),
        ("7am", time(7, 0)),
        ("7 am", time(7, 0)),
        ("7 pm", time(19, 0)),
        ("7PM", time(19, 0)),
        ("6.30pm", time(18, 30)),
        ("6:30 p.m.", time(18, 30)),
        ("6 30 pm", time(18, 30)),
        ("730pm", time(19, 30)),
        ("0730", time(7, 30)),
        ("07:30", time(7, 30)),
        ("1930", time(19, 30)),
        ("18h", time(18, 0)),
        ("18h30", time(18, 30)),
        ("noon", time(12, 0)),
        ("midday", time(12, 0)),
        ("lunchtime", time(12, 0)),
        ("midnight", time(0, 0)),
        ("12", time(12, 0)),
        ("12am", time(0, 0)),
        ("at 7 tonight", time(19, 0)),
        ("7 in the evening", time(19, 0)),
        ("7 in the morning", time(7, 0)),
        ("quarter past seven pm", time(19, 15)),
        ("twenty one", time(21, 0)),
        ("7", both(7)),
        ("7ish", both(7)),
        ("7:30", both(7, 30)),
        ("730", both(7, 30)),
        ("seven", both(7)),
        ("seven thirty", both(7, 30)),
        ("half past six", both(6, 30)),
        ("half six", both(6, 30)),
        ("quarter to 8", both(7, 45)),
        ("ten to seven", both(6, 50)),
        # Hedges and courtesies change nothing (parsing.HEDGES).
        ("7am pls", time(7, 0)),
        ("7am thanks", time(7, 0)),
        ("about 6pm i guess", time(18, 0)),
        ("half 6 in the morning probably", time(6, 30)),
        # ... and so does offering it as a question.
        ("how about 6pm?", time(18, 0)),
        ("is 7am ok?", time(7, 0)),
        ("can you do 18:00", time(18, 0)),
        ("what about 7", both(7)),
        ("24:00", None),
        ("25:00", None),
        ("6:75", None),
        ("tomorrow", None),
        ("monday", None),
        ("banana", None),
        ("morning", None),
        ("", None),
    ],
)
def test_parse_time(text: str, expected: time | AmbiguousTime | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("faster 5k", "faster"),
        ("I want a faster 10K!", "faster"),
        ("pb", "faster"),
        ("new PB", "faster"),
        ("injury", "prevent"),
        ("prevent injuries", "prevent"),
        ("stop getting hurt", "prevent"),
        ("i keep getting hurt", "prevent"),
        ("toned", "stronger"),
        ("stronger glutes pls", "stronger"),
        ("come back", "comeback"),
        ("coming back from injury", "comeback"),
        ("niggel", "comeback"),  # typo
        ("xyz", None),
        ("", None),
    ],
)
def test_parse_choice_goals(text: str, expected: str | None) -> None:
    assert parse_choice(text, GOAL_WORDS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("beginner", "new"),
        ("begginer", "new"),
        ("newbie", "new"),
        ("few years", "regular"),
        ("a few years", "regular"),
        ("marathoner", "experienced"),
        ("maratoner", "experienced"),
        ("many years", "experienced"),
        ("purple", None),
    ],
)
def test_parse_choice_experience(text: str, expected: str | None) -> None:
    assert parse_choice(text, EXPERIENCE_WORDS) == expected


def test_parse_choice_refuses_a_tie() -> None:
    assert parse_choice("red or blue", {"red": ["red"], "blue": ["blue"]}) is None


# The words for every piece of kit, as onboarding reads them.
ALL = ALL_KIT_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("band and dumbbells", {"band", "dumbbell"}),
        ("band, dumbells", {"band", "dumbbell"}),
        ("kb", {"dumbbell"}),
        ("a kettlebell + a box", {"dumbbell", "bench"}),
        ("nothing", {"none"}),
        ("no equipment", {"none"}),
        ("nothing but a band", {"band"}),  # none stands alone only
        ("full gym", {"band", "dumbbell", "barbell", "machine", "bench"}),
        ("resistance band & a bench", {"band", "bench"}),
        ("barbel", {"barbell"}),
        # A mat or a pull-up bar is body-weight work; a gym of one's own is all of it.
        ("yoga mat only", {"none"}),
        ("a pull-up bar", {"none"}),
        ("i have a gym at work", {"band", "dumbbell", "barbell", "machine", "bench"}),
        ("gym membership", {"band", "dumbbell", "barbell", "machine", "bench"}),
        ("a unicorn", None),
        ("", None),
    ],
)
def test_parse_multi_choice(text: str, expected: set[str] | None) -> None:
    found = parse_multi_choice(text, KIT_WORDS, everything=ALL, exclusive="none")
    assert found == (frozenset(expected) if expected is not None else None)


def test_fold_drops_case_accents_and_spaces() -> None:
    assert fold("  Zürich   São  Paulo ") == "zurich sao paulo"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_parsers_never_raise(text: str) -> None:
    count = parse_count(text, low=0, high=14)
    assert count is None or 0 <= count <= 14
    days = parse_days(text)
    assert days is None or (days and list(days) == sorted(set(days), key=WEEK.index))
    assert parse_time(text) is None or isinstance(parse_time(text), time | AmbiguousTime)
    assert parse_choice(text, GOAL_WORDS) in {None, *GOAL_WORDS}
    kit = parse_multi_choice(text, KIT_WORDS, everything=ALL, exclusive="none")
    assert kit is None or (kit and kit <= set(KIT_WORDS))
