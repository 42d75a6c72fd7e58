"""/settings and the runner's season: a change that brings in another question asks it, a race
day goes when the race does, a new niggle is checked by the pain dialog."""

from __future__ import annotations

from dialogs.core import LogEvent, SaveProfile
from dialogs.profile import settings as dialog
from dialogs.profile.onboarding import Step as Question
from dialogs.profile.settings import Step
from dialogs.records import Profile
from tests.support.builders import NEW_RUNNER, context
from tests.support.dialog_runner import DialogRunner, press
from tests.unit.test_settings_dialog import assert_from_catalogue

RACING = Profile.model_validate(
    {**NEW_RUNNER.model_dump(), "race_distance": "half", "race_day": "2025-05-11"}
)


def new_runner(profile: Profile = NEW_RUNNER) -> DialogRunner:
    return DialogRunner(
        dialog,
        context(profile),
        check_reply=assert_from_catalogue,
        effects=(SaveProfile, LogEvent),
        hands_over_to=("pain",),
    )


def test_a_race_brings_in_its_day_which_is_asked_next() -> None:
    runner = new_runner()
    runner.start()
    assert "set:race_day" not in runner.shown(), "no race day without a race"
    runner.walk([press("set:race"), press("race:marathon")])
    assert runner.saves == [{"race_distance": "marathon"}]
    assert runner.step == Question.RACE_DAY
    assert runner.text().startswith("✅ Saved. Race: Marathon")
    runner.type("in 10 weeks")
    assert runner.saves[-1] == {"race_day": "2025-05-12"}
    assert runner.step == Step.MENU
    assert "Race day: Mon 12 May 2025" in runner.labels().values()


def test_a_race_typed_with_its_day_says_both_are_saved() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:race"), "marathon in april"])
    assert runner.saves == [{"race_distance": "marathon", "race_day": "2025-04-15"}]
    assert runner.step == Step.MENU
    assert runner.text().startswith("✅ Saved. Race: Marathon\n✅ Saved. Race day: Tue 15 Apr 2025")


def test_no_race_any_more_clears_the_day() -> None:
    runner = new_runner(RACING)
    runner.start()
    assert "Race day: Sun 11 May 2025" in runner.labels().values()
    runner.walk([press("set:race"), "no race"])
    assert runner.saves == [{"race_distance": "none", "race_day": None}]
    assert "set:race_day" not in runner.shown()


def test_another_race_keeps_the_day_and_the_day_can_change_on_its_own() -> None:
    runner = new_runner(RACING)
    runner.start()
    runner.walk([press("set:race"), press("race:marathon")])
    assert runner.saves == [{"race_distance": "marathon"}]
    assert runner.step == Step.MENU
    runner.walk([press("set:race_day"), "21 march"])
    assert runner.saves[-1] == {"race_day": "2025-03-21"}


def test_coming_back_from_a_niggle_asks_which_then_the_pain_dialog_checks_it() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:goal"), press("goal:comeback")])
    assert runner.step == Question.NIGGLE
    runner.type("my achilles")
    assert runner.saves == [{"goal": "comeback"}, {"niggle": "achilles"}]
    assert runner.state is not None and runner.state.dialog == "pain"
    assert runner.state.data == {"source": "niggle", "text": "Achilles"}
    # The event log says that the niggle changed, not where it is.
    assert runner.logged[-1].data == {"niggle": "changed"}


def test_weekly_running_in_miles_then_a_bare_number_stays_in_miles() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:weekly"), "15 miles"])
    assert runner.saves == [{"weekly_distance_km": 24.1, "distance_unit": "mi"}]
    assert "Weekly running: 15 miles" in runner.labels().values()
    runner.walk([press("set:weekly"), "20"])
    # 20 miles after 15 is a third more: the volume jump is noted with the new figure.
    assert runner.saves[-1] == {"weekly_distance_km": 32.2, "volume_jump_on": "2025-03-03"}
    assert "Weekly running: 20 miles" in runner.labels().values()
