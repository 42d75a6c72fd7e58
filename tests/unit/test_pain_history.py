"""A past injury told beside today's pain is the runner's history (dialogs/pain/history.py)."""

from __future__ import annotations

import pytest

from dialogs.pain.history import without_history, without_others
from dialogs.pain.lexicon import normalise
from dialogs.pain.vocabulary import Answer, Flag
from dialogs.triage import parse_pain_text
from dialogs.vocabulary import BodyLocation


@pytest.mark.parametrize(
    ("text", "left"),
    [
        # A year or "years ago" with an injury, and nothing bringing it to now: left out.
        ("tore my hamstring in 2019, long healed. now my calf aches", ",. now my calf aches"),
        ("stress fracture 2 years ago so im careful. shins sore", "so im careful. shins sore"),
        # "since", a symptom felt, or no injury word: kept.
        ("my knee has ached since 2023", "my knee has ached since 2023"),
        ("the calf i tore in 2022 is tight on hills", "the calf i tore in 2022 is tight on hills"),
        ("ran london in 2019, knee sore now", "ran london in 2019, knee sore now"),
        # The rest pointing back to it ("the same place"), or nothing else said: all kept.
        (
            "had a stress fracture in my foot in 2023. the same place aches today",
            "had a stress fracture in my foot in 2023. the same place aches today",
        ),
        ("broke my ankle in 2015", "broken my ankle in 2015"),  # the typo reader's "broken"
    ],
)
def test_a_clause_of_past_injury_is_left_out(text: str, left: str) -> None:
    assert without_history(normalise(text)) == left


def test_the_place_of_a_past_injury_is_not_todays() -> None:
    report = parse_pain_text("stress fracture in my left shin in 2023. right hamstring 2/10 today")
    assert report.locations == (BodyLocation.HAMSTRING,)


def test_a_previous_stress_fracture_still_counts() -> None:
    report = parse_pain_text("had a stress fracture in 2021. foot aches on one spot now")
    assert report.answer(Flag.PRIOR_FRACTURE) == Answer.YES


@pytest.mark.parametrize(
    ("text", "left"),
    [
        # Someone else's injury beside a place of the runner's own: an aside, left out.
        (
            "my partner tore her calf at netball. my right hip aches on runs",
            ". my right hip aches on runs",
        ),
        # Only someone else's body (a mate in the heat, a parent writing for a child): kept.
        (
            "my mate is making no sense in the heat, holding her calf",
            "my mate is making no sense in the heat, holding her calf",
        ),
        (
            "my husband hurt his back. i can see both his legs have gone feeble",
            "my husband hurt his back. i can see both his legs have gone feeble",
        ),
    ],
)
def test_someone_elses_injury_is_an_aside_only_beside_the_runners_own(text: str, left: str) -> None:
    assert without_others(normalise(text)) == left
