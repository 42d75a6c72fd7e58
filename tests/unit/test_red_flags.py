"""Red flags in any words: the frozen unseen tables, concept pairs, negation, plain questions.

The unseen tables (tests/unit/unseen/) were written from the clinical criteria by people who
had not read the lexicon, and are never edited; red_flags_final.toml is only measured, in
bench/triage_accuracy.py, because it was read once after the rules were final.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.core import ButtonPressed, Context, Started
from dialogs.pain import dialog as pain_dialog
from dialogs.pain import emergency, red_flags
from dialogs.pain.levels import PHYSIO, URGENT, rank
from dialogs.pain.red_flags import ConceptsError
from dialogs.pain.vocabulary import Answer, Flag
from dialogs.records import Profile
from dialogs.texts import catalogue
from dialogs.triage import assess, parse_pain_text
from dialogs.vocabulary import Experience, Goal
from tests.support.unseen import Case, load, through_dialog

TUNED = load("red_flags")
HOLDOUT = load("red_flags_holdout")


def _level(text: str) -> str:
    return assess(parse_pain_text(text)).level


# ---------------------------------------------------------------- the unseen tables


@pytest.mark.parametrize(
    "case",
    [c for c in (*TUNED, *HOLDOUT) if c.level == URGENT],
    ids=lambda c: f"{c.criterion}:{c.text[:40]}",
)
def test_every_unseen_emergency_is_urgent_within_two_questions(case: Case) -> None:
    level, asked = through_dialog(case)
    assert (level, asked <= 2) == (URGENT, True), (level, asked)


@pytest.mark.parametrize(
    "case",
    [c for c in (*TUNED, *HOLDOUT) if c.level != URGENT],
    ids=lambda c: f"{c.criterion}:{c.text[:40]}",
)
def test_no_unseen_non_emergency_is_sent_to_urgent_care(case: Case) -> None:
    assert through_dialog(case)[0] != URGENT
    assert _level(case.text) != URGENT


def test_the_tables_cover_every_urgent_criterion() -> None:
    for table in (TUNED, HOLDOUT, load("red_flags_final")):
        criteria = {c.criterion for c in table if c.level == URGENT}
        assert len(criteria) == 16, criteria
        assert sum(c.level == URGENT for c in table) >= 50


# ---------------------------------------------------------------- concepts, in pairs

BACKS = ("my back is killing me", "lower back agony since deadlifts", "back went yesterday")
REGIONS = (
    "bum", "backside", "bits", "privates", "groin", "genitals", "inner thighs", "down there",
    "bum cheeks", "crotch",
)  # fmt: skip
SENSATIONS = (
    "numb", "tingly", "dead", "weird", "different", "like pins and needles", "fizzy", "asleep",
)
TOILET = (
    "i cant go to the loo even though i need to",
    "nothing comes out when i try to pee",
    "i keep dribbling",
    "i wet myself on the sofa",
    "i had an accident in my shorts and didnt feel it",
    "i cant hold my wee",
    "i have no control when i need a poo",
    "it takes ages to get my pee started",
)
LEGS = (
    "both legs feel weak",
    "both my feet are numb",
    "my legs keep giving out",
    "both legs are floppy and heavy",
    "my legs are going numb from the knees down",
    "im dragging my feet and tripping",
)
URINE = (
    "my pee is dark brown",
    "my wee looks like cola",
    "urine the colour of strong tea",
    "there is blood in my pee",
    "i have barely peed since",
    "hardly any wee today",
)
EXERTION = (
    "after the ultra",
    "since the 24 hour race",
    "after a brutal session in the heat",
    "after the marathon",
)


@settings(max_examples=150, deadline=None)
@given(
    back=st.sampled_from(BACKS),
    region=st.sampled_from(REGIONS),
    sensation=st.sampled_from(SENSATIONS),
)
def test_back_pain_with_a_changed_feeling_in_the_saddle_area_is_urgent(
    back: str, region: str, sensation: str
) -> None:
    report = parse_pain_text(f"{back} and my {region} feels {sensation}")
    assert report.answer(Flag.SADDLE) == Answer.YES
    assert assess(report).level == URGENT


@settings(max_examples=100, deadline=None)
@given(back=st.sampled_from(BACKS), toilet=st.sampled_from(TOILET))
def test_back_pain_with_toilet_trouble_is_urgent(back: str, toilet: str) -> None:
    report = parse_pain_text(f"{back}. also {toilet}")
    assert report.answer(Flag.BLADDER) == Answer.YES
    assert assess(report).level == URGENT


@settings(max_examples=100, deadline=None)
@given(back=st.sampled_from(BACKS), legs=st.sampled_from(LEGS))
def test_back_pain_with_legs_failing_is_urgent(back: str, legs: str) -> None:
    assert _level(f"{back} and {legs}") == URGENT


@settings(max_examples=100, deadline=None)
@given(urine=st.sampled_from(URINE), exertion=st.sampled_from(EXERTION))
def test_dark_or_scant_urine_after_hard_effort_is_urgent(urine: str, exertion: str) -> None:
    report = parse_pain_text(f"legs are wrecked {exertion} and {urine}")
    assert report.answer(Flag.DARK_URINE) == Answer.YES
    assert assess(report).level == URGENT


RED_FLAG_PHRASES = (
    *(f"my {r} feels {s}" for r in REGIONS[:4] for s in SENSATIONS[:4]),
    *TOILET,
    *LEGS,
    *URINE,
    "chest felt tight and heavy on the hill",
    "i blacked out at the finish",
)
BASES = (
    "glutes sore after yesterday's session",
    "outer knee aches after 8k, 3/10",
    "lower back a bit stiff in the mornings",
    "calf tight since the long run, eases as i warm up",
    "shins ache after running on the road",
    "hamstring twinge 2/10 that settles by the next day",
)


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(BASES), flag=st.sampled_from(RED_FLAG_PHRASES), first=st.booleans())
def test_adding_a_red_flag_concept_never_lowers_the_level(
    base: str, flag: str, first: bool
) -> None:
    combined = f"{flag}. {base}" if first else f"{base}. {flag}"
    assert rank(_level(combined)) >= rank(_level(base))
    if flag not in LEGS:  # legs failing is a red flag with back pain (tested above)
        assert rank(_level(combined)) >= rank(PHYSIO)


# ---------------------------------------------------------------- negation and the knee


@pytest.mark.parametrize(
    "text",
    [
        "back's sore but peeing fine and no numbness anywhere",
        "lower back ache, no numbness down there, bladder and bowels normal, legs strong",
        "back tight after deadlifts. toilet all normal, nothing odd down below",
        "pain from my left bum cheek down the back of my leg with pins and needles to the calf",
        "wee was dark this morning after the long run but it cleared up after two glasses of water",
    ],
)
def test_denied_or_explained_red_flags_are_not_urgent(text: str) -> None:
    assert _level(text) != URGENT


@pytest.mark.parametrize(
    "text",
    [
        "my knee gets stuck for a sec then clunks and frees up",
        "knee locked for a second when i stood up, then i wiggled it and it straightened fine",
        "knee catches on the stairs and then pops free",
        "felt my knee give way on a turn, caught myself and carried on",
    ],
)
def test_a_knee_that_catches_or_gives_way_and_frees_itself_is_physio(text: str) -> None:
    report = parse_pain_text(text)
    assert report.answer(Flag.GIVING_WAY) == Answer.YES
    assert report.answer(Flag.LOCKED) != Answer.YES
    assert _level(text) == PHYSIO


@pytest.mark.parametrize(
    "text",
    [
        "knee is locked and i cant straighten it",
        "knee locked up an hour ago and is still stuck bent",
    ],
)
def test_a_knee_locked_that_will_not_straighten_is_urgent(text: str) -> None:
    assert _level(text) == URGENT


# ---------------------------------------------------------------- asking when unsure

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


def _ctx(timezone: str = "UTC") -> Context:
    profile = Profile(
        goal=Goal.PREVENT, experience=Experience.REGULAR, runs_per_week=3, timezone=timezone
    )
    return Context(now=NOW, user_id=7, profile=profile)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("back pain since monday and peeing feels different", Flag.BLADDER),
        ("finished the 100k yesterday, legs destroyed and my pee looks weird", Flag.DARK_URINE),
    ],
)
@pytest.mark.parametrize("answer", ["y", "u"])
def test_an_unsettled_red_flag_is_asked_first_and_not_sure_counts_as_yes(
    text: str, flag: Flag, answer: str
) -> None:
    assert _level(text) != URGENT
    assert parse_pain_text(text).ask_first == (flag,)
    first = pain_dialog.step(None, Started({"text": text}), _ctx())
    assert first.state is not None
    assert (first.state.step, first.state.data["flag"]) == ("flag", str(flag))
    verdict = pain_dialog.step(first.state, ButtonPressed(f"f:{flag}:{answer}"), _ctx())
    assert verdict.state is None
    assert verdict.replies[-1].text.startswith("🔴 <b>Get help now</b>")


JARGON = re.compile(
    r"saddle|bilateral|an(?:a)?esthesia|incontinen|retention|cauda|urinary|perine|rhabdo"
    r"|compartment|DVT|thrombo",
    re.IGNORECASE,
)


def test_every_red_flag_question_is_in_plain_words() -> None:
    texts = {
        key: text
        for key, text in catalogue().items()
        if key.startswith(("pain.ask.", "pain.screen_item.", "pain.reason.", "pain.summary.flag."))
    }
    assert len(texts) > 30
    assert {key: text for key, text in texts.items() if JARGON.search(text)} == {}


# ---------------------------------------------------------------- who to call


@pytest.mark.parametrize(
    ("timezone", "number"),
    [
        ("Europe/London", "call 999, or go to A&amp;E"),
        ("Europe/Berlin", "call 112"),
        ("Europe/Dublin", "call 112"),
        ("America/New_York", "call 911"),
        ("America/Toronto", "call 911"),
        ("Australia/Sydney", "call 000"),
        ("Pacific/Auckland", "call 111"),
        ("UTC", "call 999 (UK), 112 (EU) or 911 (US)"),
        ("Asia/Tokyo", "call 999 (UK), 112 (EU) or 911 (US)"),
    ],
)
def test_the_emergency_number_follows_the_runners_time_zone(timezone: str, number: str) -> None:
    text = "back agony and i cant feel anything when i wipe"
    verdict = pain_dialog.step(None, Started({"text": text}), _ctx(timezone)).replies[-1].text
    assert verdict.splitlines()[1].startswith(f"Stop now and {number}")


def test_same_day_care_in_the_uk_names_nhs_111() -> None:
    text = "heard a pop in my calf and cant put weight on it"
    verdict = pain_dialog.step(None, Started({"text": text}), _ctx("Europe/London"))
    line = verdict.replies[-1].text.splitlines()[1]
    assert "NHS 111" in line and "999" in line
    assert emergency.region("Europe/London") == "uk"


def test_a_broken_concepts_file_names_itself() -> None:
    bad = '[concept]\nback = ["(unclosed"]\nplain = []\nflag = []\n'
    with pytest.raises(ConceptsError, match=r"red_flag_concepts\.toml"):
        red_flags.read_concepts(bad, flags=frozenset(Flag))
    unknown = 'plain = []\n[concept]\nback = ["back"]\n[[flag]]\nflag = "saddle"\nall = ["bum"]\n'
    with pytest.raises(ConceptsError, match="unknown concepts"):
        red_flags.read_concepts(unknown, flags=frozenset(Flag))
