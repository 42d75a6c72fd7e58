"""Characters that str.isdigit() accepts but int() refuses ("²", "³") are read as the digits
they look like, never a ValueError (hypothesis found one in the time-zone pick)."""

from __future__ import annotations

import pytest

from dialogs.core import TextReceived
from dialogs.parsing import parse_count
from dialogs.profile.base import Answered
from dialogs.profile.zones import read_timezone_pick
from tests.support.builders import context

PLACES = {
    "places": [["Portland, Oregon", "America/Los_Angeles"], ["Portland, Maine", "America/New_York"]]
}


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("¹", "America/Los_Angeles"),
        ("²", "America/New_York"),
        (" 2 ", "America/New_York"),
        ("1.", "America/Los_Angeles"),
        ("maine", "America/New_York"),
    ],
)
def test_a_place_is_picked_by_the_number_it_looks_like(text: str, zone: str) -> None:
    picked = read_timezone_pick(PLACES, TextReceived(text), context())
    assert isinstance(picked, Answered) and picked.answers["timezone"] == zone


@pytest.mark.parametrize("text", ["³", "⁴²", "0"])
def test_a_number_past_the_list_is_not_a_pick(text: str) -> None:
    assert not isinstance(read_timezone_pick(PLACES, TextReceived(text), context()), Answered)


def test_counts_read_superscript_and_other_scripts_digits() -> None:
    assert [parse_count(t, low=0, high=14) for t in ("²", "٣", "7")] == [2, 3, 7]
