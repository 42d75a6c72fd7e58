"""Onboarding's questions about the runner's season (race, race day, niggle, runs and running
a week) and the answers a runner tripped over, walked by feeding inputs to step()."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs import router
from dialogs.core import CommandReceived, SaveProfile, TextReceived
from dialogs.profile.onboarding import Step
from dialogs.records import Profile
from dialogs.texts import t
from tests.support.builders import context
from tests.support.dialog_runner import DialogRunner, press
from tests.unit.test_onboarding import TYPED, TYPED_FIELDS, TYPED_STEPS, new_runner, saved, up_to

# The builders' context: Monday 3 March 2025, UTC.


def after(step: Step) -> list[str]:
    """The typed answers from the question after step to the end."""
    return TYPED[TYPED_STEPS.index(step) + 1 :]


def at_race() -> DialogRunner:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.RACE))
    assert runner.step == Step.RACE
    return runner


# ---------------------------------------------------------------- the race


@pytest.mark.parametrize(
    ("goal", "race", "then"),
    [
        ("I want to run my first half marathon", "half", Step.RACE_DAY),
        ("HM", "half", Step.RACE_DAY),
        ("21k", "half", Step.RACE_DAY),
        ("marathon in april", "marathon", Step.EXPERIENCE),
    ],
)
def test_a_race_typed_as_the_goal_answers_the_race_question_too(
    goal: str, race: str, then: Step
) -> None:
    runner = new_runner()
    runner.start()
    runner.type(goal)
    assert runner.answers["goal"] == "faster"
    assert runner.answers["race_distance"] == race
    assert runner.step == then


@pytest.mark.parametrize(
    ("goal", "answers", "then"),
    [
        # The goal was read and the race asked for again.
        (
            "i wanna get faster for a 10k in march",
            {"goal": "faster", "race_distance": "ten_k", "race_day": "2025-03-15"},
            Step.EXPERIENCE,
        ),
        (
            "stay injury free for my first marathon",
            {"goal": "prevent", "race_distance": "marathon"},
            Step.RACE_DAY,
        ),
        # The goal's own words name a distance, not a race.
        ("I want a faster 5k", {"goal": "faster"}, Step.RACE),
    ],
)
def test_a_race_named_with_a_goal_answers_both(
    goal: str, answers: dict[str, str], then: Step
) -> None:
    runner = new_runner()
    runner.start()
    runner.type(goal)
    assert {key: runner.answers.get(key) for key in answers} == answers
    assert runner.step == then


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        # "a" or "one" before the race was read as the 1st of the month (2121 for the 21st).
        ("a marathon in april", "2025-04-15"),
        ("running a half in june", "2025-06-15"),
        ("a half on the 21st of march", "2025-03-21"),
        ("one marathon in may", "2025-05-15"),
        ("half marathon in a month", "2025-04-03"),
    ],
)
def test_the_race_day_said_with_the_race(typed: str, day: str) -> None:
    runner = at_race()
    runner.type(typed)
    assert runner.answers["race_day"] == day


def test_a_race_and_its_day_in_one_answer_are_said_back() -> None:
    runner = at_race()
    runner.type("marathon in april")
    assert runner.answers["race_day"] == "2025-04-15"
    assert "Marathon: great, I'll plan around it." in runner.text()
    assert "Race day: Tue 15 Apr 2025." in runner.text()
    assert runner.step == Step.EXPERIENCE


@pytest.mark.parametrize(
    ("typed", "day", "line"),
    [
        ("21 march", "2025-03-21", "Race day: Fri 21 Mar 2025, 2 weeks away."),
        ("in 10 weeks", "2025-05-12", "Race day: Mon 12 May 2025, 10 weeks away."),
        ("june", "2025-06-15", "Race day: Sun 15 Jun 2025, 14 weeks away."),
        ("not sure", None, t("onboarding.ack.no_race_day")),
        (press("raceday:unsure"), None, t("onboarding.ack.no_race_day")),
    ],
)
def test_the_race_day(typed: Any, day: str | None, line: str) -> None:
    runner = at_race()
    runner.press("race:half")
    assert runner.step == Step.RACE_DAY
    assert "When is your half marathon?" in runner.text()
    runner.walk([typed])
    assert runner.step == Step.EXPERIENCE
    assert runner.answers["race_day"] == day
    assert line in runner.text()


@pytest.mark.parametrize(
    ("typed", "kindly"),
    [
        ("1 march 2025", t("onboarding.race_day.past")),
        ("yesterday", t("onboarding.race_day.past")),
        ("21 march 2027", t("onboarding.race_day.too_far")),
    ],
)
def test_a_past_or_far_off_race_day_is_asked_again_kindly(typed: str, kindly: str) -> None:
    runner = at_race()
    runner.walk([press("race:ten_k"), typed])
    assert runner.step == Step.RACE_DAY
    assert runner.text().startswith(kindly)
    assert "race_day" not in runner.answers
    runner.type("21 march")
    assert runner.answers["race_day"] == "2025-03-21"


def test_next_spring_asks_for_the_month_and_keeps_its_middle() -> None:
    runner = at_race()
    runner.walk([press("race:marathon"), "next spring"])
    assert runner.step == Step.RACE_MONTH
    assert runner.labels() == {
        "month:2026-03": "March 2026",
        "month:2026-04": "April 2026",
        "month:2026-05": "May 2026",
        "raceday:unsure": t("onboarding.button.no_date"),
    }
    runner.press("month:2026-04")
    assert runner.answers["race_day"] == "2026-04-15"
    assert runner.step == Step.EXPERIENCE
    assert "months" not in runner.state.data  # type: ignore[union-attr]


def test_the_month_can_be_typed() -> None:
    runner = at_race()
    runner.walk([press("race:marathon"), "spring", "may"])
    assert runner.answers["race_day"] == "2025-05-15"


def test_no_race_skips_the_race_day_and_changing_to_a_race_asks_it() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(TYPED)
    assert runner.step == Step.SUMMARY
    assert "• Race: No race, just running" in runner.text()
    assert "Race day" not in runner.text()
    runner.walk([press("edit:race"), "half marathon"])
    assert runner.step == Step.RACE_DAY
    runner.type("in 10 weeks")
    assert runner.step == Step.SUMMARY
    assert "• Race day: Mon 12 May 2025" in runner.text()
    # Back to no race: the day goes with it.
    runner.walk([press("edit:race"), press("race:none")])
    assert "race_day" not in runner.answers
    runner.press("confirm")
    assert saved(runner) == TYPED_FIELDS


# ---------------------------------------------------------------- the niggle


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        (press("niggle:achilles"), "achilles"),
        ("my achilles", "achilles"),
        ("runner's knee", "knee_front"),
        ("shin splints", "shin"),
        ("outside of my knee", "knee_outside"),
    ],
)
def test_back_from_a_niggle_asks_which(typed: Any, place: str) -> None:
    runner = new_runner()
    runner.start()
    runner.press("goal:comeback")
    assert runner.step == Step.NIGGLE
    runner.walk([typed])
    assert runner.answers["niggle"] == place
    assert runner.step == Step.RACE


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        # The goal was read, and the niggle asked for again.
        ("coming back from a sore achilles", "achilles"),
        ("back from a niggle, outside of my knee", "knee_outside"),
    ],
)
def test_a_niggle_named_with_the_goal_answers_both(typed: str, place: str) -> None:
    runner = new_runner()
    runner.start()
    runner.type(typed)
    assert runner.answers["goal"] == "comeback"
    assert runner.answers["niggle"] == place
    assert runner.step == Step.RACE


def test_a_knee_alone_asks_which_part() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("goal:comeback"), "knee"])
    assert runner.step == Step.NIGGLE
    assert runner.text().startswith(t("onboarding.niggle_which.knee"))
    runner.press("niggle:knee_inside")
    assert runner.answers["niggle"] == "knee_inside"


def test_a_niggle_hands_over_to_the_pain_dialog_once_saved() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("goal:comeback"), press("niggle:achilles"), *after(Step.GOAL), "ok"])
    assert saved(runner) == {**TYPED_FIELDS, "goal": "comeback", "niggle": "achilles"}
    assert runner.state is not None and runner.state.dialog == "pain"
    assert runner.state.data == {"source": "niggle", "text": "Achilles"}
    (all_set,) = runner.last.replies
    assert all_set.text.startswith("✅ You're all set!")
    # The niggle is health data: it stays out of the event log.
    assert "niggle" not in str(runner.logged)


def test_through_the_router_the_niggle_is_checked_like_pain_told_mid_way() -> None:
    ctx = context()
    state = router.route(None, CommandReceived("start"), ctx).state
    answers = ["come back from a niggle", "achilles", *after(Step.GOAL), "looks good"]
    for answer in answers:
        result = router.route(state, TextReceived(answer), ctx)
        state = result.state
    assert state is not None and state.dialog == "pain"
    said = "\n".join(reply.text for reply in result.replies)
    assert "You're all set" in said
    assert t("pain.intro.niggle") in said
    assert "So far: Achilles" in said  # the pain dialog read the place, and asks the rest
    assert any(isinstance(e, SaveProfile) for e in result.effects)


def test_a_known_niggle_is_not_checked_again() -> None:
    known = Profile.model_validate({**TYPED_FIELDS, "goal": "comeback", "niggle": "achilles"})
    runner = new_runner(context(known))
    runner.start()
    runner.walk([press("known:edit"), press("confirm")])
    assert runner.state is None
    assert runner.last.replies[-1].buttons[0][0].value == "go:workout"


# ---------------------------------------------------------------- runs and running a week


def test_a_range_of_runs_takes_the_lower_end_and_says_so() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.RUNS), "3-4"])
    assert runner.answers["runs_per_week"] == 3
    assert "3 to 4 runs: I'll plan on 3" in runner.text()


@pytest.mark.parametrize(("typed", "runs"), [("3ish", 3), ("2 at the moment", 2), ("3", 3)])
def test_a_typed_number_of_runs_is_the_value(typed: str, runs: int) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.RUNS), typed])
    assert runner.answers["runs_per_week"] == runs


@pytest.mark.parametrize(
    ("typed", "fields", "line"),
    [
        ("25k", {"weekly_distance_km": 25.0, "distance_unit": "km"}, "25 km"),
        ("15 miles", {"weekly_distance_km": 24.1, "distance_unit": "mi"}, "15 miles"),
        ("about 3 hours", {"weekly_distance_km": None, "weekly_minutes": 180}, "3 h"),
        (press("weekly:skip"), {"weekly_distance_km": None, "weekly_minutes": None}, "not sure"),
        ("no idea", {"weekly_distance_km": None, "weekly_minutes": None}, "not sure"),
    ],
)
def test_running_a_week_in_the_runners_unit(typed: Any, fields: dict[str, Any], line: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.WEEKLY), typed, *after(Step.WEEKLY)])
    assert runner.answers.items() >= fields.items()
    assert f"• Weekly running: {line}" in runner.text()


def test_miles_are_remembered_for_a_bare_number() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.WEEKLY), "15 miles", *after(Step.WEEKLY)])
    runner.walk([press("edit:weekly"), "20"])
    assert runner.answers["distance_unit"] == "mi"
    assert "• Weekly running: 20 miles" in runner.text()


# ---------------------------------------------------------------- what a runner tripped over


@pytest.mark.parametrize(
    ("typed", "clock"), [("7:30", "07:30"), ("07:30", "07:30"), ("6:30", "06:30")]
)
def test_a_time_typed_as_its_button_shows_it_needs_no_morning_or_evening(
    typed: str, clock: str
) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIME), typed])
    assert runner.step == Step.HARD_DAYS
    assert runner.answers["workout_time"] == clock


def test_a_time_no_button_shows_still_asks_morning_or_evening() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIME), "8:15"])
    assert runner.step == Step.TIME_HALF
