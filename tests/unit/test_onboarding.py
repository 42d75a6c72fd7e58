"""The onboarding dialog, walked end to end by feeding inputs to step()."""

from __future__ import annotations

import re
from datetime import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    LocationShared,
    LogEvent,
    Reply,
    TextReceived,
)
from dialogs.profile import choices, onboarding
from dialogs.profile.base import Answered
from dialogs.profile.onboarding import Step
from dialogs.records import Profile
from dialogs.texts import catalogue, t
from tests.support.builders import NEW_RUNNER, context
from tests.support.dialog_runner import (
    DialogRunner,
    assert_lines_from_catalogue,
    press,
    template_pattern,
)

CTX = context()
KNOWN = context(NEW_RUNNER)

# ---------------------------------------------------------------- catalogue check

_SECTIONS = frozenset({"onboarding", "core"})


@cache
def _catalogue_labels() -> re.Pattern[str]:
    labels = {
        template_pattern(text) for key, text in catalogue().items() if key.startswith("onboarding.")
    }
    return re.compile("|".join(sorted(labels, key=len, reverse=True)))


def assert_from_catalogue(reply: Reply, step: str | None) -> None:
    """Every line of the text and every button label comes from the message catalogue."""
    assert_lines_from_catalogue(reply, _SECTIONS)
    for row in reply.buttons:
        for button in row:
            data = button.label.isdigit() or re.fullmatch(r"\d\d:\d\d", button.label)
            place = step == Step.TIMEZONE_PICK and button.value[3:].isdigit()
            assert data or place or _catalogue_labels().fullmatch(button.label), button.label


# ---------------------------------------------------------------- a runner


def new_runner(ctx: Context = CTX) -> DialogRunner:
    """A runner in onboarding; every reply is checked against the catalogue on the way."""
    return DialogRunner(
        onboarding, ctx, check_reply=assert_from_catalogue, hands_over_to=("pain",)
    )


def saved(runner: DialogRunner) -> dict[str, object]:
    assert len(runner.saves) == 1
    return runner.saves[0]


TYPED = [
    "I want a faster 5k",
    "no race",
    "few years",
    "three",
    "25k",
    "band and a bench",
    "mon wed fri",
    "19:30",
    "sat",
    "London",
    "yes",
]
TYPED_FIELDS = {
    "goal": "faster",
    "niggle": None,
    "race_distance": "none",
    "race_day": None,
    "experience": "regular",
    "runs_per_week": 3,
    "weekly_distance_km": 25.0,
    "weekly_minutes": None,
    "distance_unit": "km",
    "equipment": ["band", "bench"],
    "workout_days": ["mon", "wed", "fri"],
    "workout_time": "19:30",
    "hard_run_days": ["sat"],
    "timezone": "Europe/London",
    "pain_consent": True,
}

# The question each typed answer above answers, in order.
TYPED_STEPS = [
    Step.GOAL,
    Step.RACE,
    Step.EXPERIENCE,
    Step.RUNS,
    Step.WEEKLY,
    Step.EQUIPMENT,
    Step.DAYS,
    Step.TIME,
    Step.HARD_DAYS,
    Step.TIMEZONE,
    Step.CONSENT,
]


def up_to(step: Step) -> list[str]:
    """The typed answers that bring a runner to the question of step."""
    return TYPED[: TYPED_STEPS.index(step)]


# ---------------------------------------------------------------- whole walks


def test_typed_only_walk_saves_the_profile() -> None:
    runner = new_runner()
    greeting, question = runner.start().replies
    assert "Ana" in greeting.text and "diagnose" in greeting.text
    assert question.text == t("onboarding.ask.goal")
    runner.walk(TYPED)
    assert runner.step == Step.SUMMARY
    assert not runner.effects, "nothing is saved before the runner confirms"
    runner.type("looks good")
    assert runner.state is None
    assert saved(runner) == TYPED_FIELDS
    # "All set" first and the button last, so the shell's next-reminder note goes between.
    all_set, closing = runner.last.replies
    assert all_set.text.startswith("✅ You're all set!") and not all_set.buttons
    first_session = Button(t("onboarding.button.first_session"), "go:workout")
    assert closing.buttons == ((first_session,),)
    for command in ("/workout", "/learn", "/pain", "/help"):
        assert command in closing.text
    (logged,) = [e for e in runner.effects if isinstance(e, LogEvent)]
    assert logged.kind == "onboarded"
    assert logged.data["returning"] is False


def test_buttons_only_walk() -> None:
    runner = new_runner(context(user_id=1, first_name=""))  # no first name
    runner.start()
    runner.walk(
        [
            press("goal:stronger"),
            press("race:half"),
            press("raceday:unsure"),
            press("exp:experienced"),
            press("runs:5"),
            press("weekly:skip"),
            press("kit:dumbbell"),
            press("kit:barbell"),
            press("kit:done"),
            press("day:tue"),
            press("day:sat"),
            press("day:done"),
            press("time:0630"),
            press("hard:sun"),
            press("hard:done"),
            press("tz:utc"),
            press("consent:no"),
            press("confirm"),
        ]
    )
    assert runner.state is None
    assert saved(runner) == {
        "goal": "stronger",
        "niggle": None,
        "race_distance": "half",
        "race_day": None,
        "experience": "experienced",
        "runs_per_week": 5,
        "weekly_distance_km": None,
        "weekly_minutes": None,
        "distance_unit": "km",
        "equipment": ["dumbbell", "barbell"],
        "workout_days": ["tue", "sat"],
        "workout_time": "06:30",
        "hard_run_days": ["sun"],
        "timezone": "UTC",
        "pain_consent": False,  # no is respected, not a blocker
    }


def test_saved_fields_are_the_profile_fields_plus_consent() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*TYPED, "ok"])
    fields = saved(runner)
    assert set(fields) == set(TYPED_FIELDS)
    profile = Profile.model_validate(fields)
    assert profile.workout_time == time(19, 30)
    assert profile.pain_consent is True


# ---------------------------------------------------------------- every question


def test_each_question_comes_back_the_same_from_prompt() -> None:
    runner = new_runner()
    runner.start()
    for answer in up_to(Step.DAYS):
        assert runner.state is not None
        (again,) = onboarding.prompt(runner.state, CTX)
        asked = runner.last.replies[-1]
        # As asked, after the acknowledgement of the answer before.
        assert asked.text.endswith(again.text) and asked.buttons == again.buttons
        runner.type(answer)


@pytest.mark.parametrize(
    ("inputs", "example"),
    [
        ([], "faster 5k"),
        (up_to(Step.RACE), "half marathon, or no race"),
        (up_to(Step.EXPERIENCE), "a few years"),
        (up_to(Step.RUNS), "three"),
        (up_to(Step.WEEKLY), "25k, 15 miles or about 3 hours"),
        (up_to(Step.EQUIPMENT), "band and dumbbells"),
        (up_to(Step.DAYS), "mon wed fri"),
        (up_to(Step.TIME), "7:30"),
        (up_to(Step.HARD_DAYS), "sat, or none"),
        # Consent re-asks for a clear yes or no instead (tests/unit/test_confirmations.py).
        (TYPED, "looks good"),
    ],
)
def test_unreadable_text_re_asks_with_an_example(inputs: list[str], example: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk(inputs)
    before = runner.state
    question = onboarding.prompt(before, CTX)[0]  # type: ignore[arg-type]
    (reply,) = runner.type("blorp zzzz").replies
    assert runner.state == before
    first, *rest = reply.text.split("\n")
    assert first.startswith(t("onboarding.retry", example="").strip()) and example in first
    assert "\n".join(rest) == question.text
    assert reply.buttons == question.buttons


def test_runs_out_of_range_is_unreadable() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.RUNS))
    runner.type("20")
    assert runner.step == Step.RUNS
    runner.type("3x")
    assert runner.answers["runs_per_week"] == 3


def test_an_expired_button_says_so_and_asks_again() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.DAYS))
    before = runner.state
    expired, again = runner.send(ButtonPressed("goal:faster")).replies
    assert expired.text == t("core.expired")
    assert (again,) == onboarding.prompt(before, CTX)  # type: ignore[arg-type]
    assert runner.state == before


@pytest.mark.parametrize("value", ["confirm", "tz:0", "known:ok", "nonsense", "day:funday"])
def test_stray_buttons_never_raise(value: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.DAYS))
    runner.send(ButtonPressed(value))
    assert runner.step == Step.DAYS


def test_a_location_where_none_is_asked_re_asks() -> None:
    runner = new_runner()
    runner.start()
    runner.send(LocationShared(51.5, -0.12))
    assert runner.step == Step.GOAL


# ---------------------------------------------------------------- multi-select


def test_equipment_ticks_toggle_and_none_stands_alone() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.EQUIPMENT))
    (reply,) = runner.press("kit:band").replies
    assert reply.text == t("onboarding.ask.equipment")
    labels = {b.value: b.label for row in reply.buttons for b in row}
    assert labels["kit:band"] == t("onboarding.ticked", label=t("onboarding.kit.band"))
    runner.press("kit:none")
    assert runner.state.data["picked"] == ["none"]  # type: ignore[union-attr]
    runner.press("kit:bench")
    runner.press("kit:dumbbell")
    runner.press("kit:dumbbell")
    assert runner.state.data["picked"] == ["bench"]  # type: ignore[union-attr]
    runner.press("kit:done")
    assert runner.answers["equipment"] == ["bench"]


def test_equipment_done_with_nothing_ticked_is_body_weight() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.EQUIPMENT), press("kit:done")])
    assert runner.answers["equipment"] == ["none"]


def test_full_gym_ticks_everything_but_none() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.EQUIPMENT), "full gym"])
    assert runner.answers["equipment"] == ["band", "dumbbell", "barbell", "machine", "bench"]


def test_days_need_at_least_one() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.DAYS))
    (reply,) = runner.press("day:done").replies
    assert reply.text.startswith(t("onboarding.summary.need_day"))
    assert runner.step == Step.DAYS
    runner.walk([press("day:mon"), "done"])
    assert runner.answers["workout_days"] == ["mon"]
    assert runner.text().startswith("Monday it is.")


@pytest.mark.parametrize(
    ("runs", "line"),
    [("0", "No runs right now?"), ("one", "One run a week"), ("6", "6 runs a week is a solid")],
)
def test_the_runs_answer_is_acknowledged_at_once(runs: str, line: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.RUNS), runs])
    assert line in runner.text() and runner.step == Step.WEEKLY
    # ...and not again a step late, after the next answer.
    runner.type("25k")
    assert line not in runner.text()


@pytest.mark.parametrize(
    ("answer", "days"),
    [(press("hard:none"), []), ("none", []), ("skip", []), ("sat and sun", ["sat", "sun"])],
)
def test_hard_run_days_are_optional(answer: str | ButtonPressed, days: list[str]) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.HARD_DAYS), answer])
    assert runner.step == Step.TIMEZONE
    assert runner.answers["hard_run_days"] == days


# ---------------------------------------------------------------- ambiguous answers


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (press("half:am"), "07:00"),
        (press("half:pm"), "19:00"),
        ("evening", "19:00"),
        ("morning", "07:00"),
        ("6:45am", "06:45"),
    ],
)
def test_a_bare_hour_asks_morning_or_evening(answer: str | ButtonPressed, expected: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIME), "7"])
    assert runner.step == Step.TIME_HALF
    assert "7:00 in the morning or in the evening?" in runner.text()
    runner.walk([answer])
    assert runner.answers["workout_time"] == expected
    assert runner.step == Step.HARD_DAYS


def test_half_past_six_is_ambiguous_too() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIME), "half past six"])
    assert runner.state.data["half"] == ["06:30", "18:30"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("typed", "part"),
    [("after work", "pm"), ("evening", "pm"), ("first thing", "am"), ("before work", "am")],
)
def test_a_part_of_the_day_asks_for_the_time_in_it(typed: str, part: str) -> None:
    # Each got "Sorry, I couldn't read that".
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIME), typed])
    assert runner.step == Step.TIME
    assert runner.text().startswith(t(f"onboarding.time_part.{part}"))
    runner.walk(["6:45am" if part == "am" else "6:30pm"])
    assert runner.answers["workout_time"] == ("06:45" if part == "am" else "18:30")


def test_an_ambiguous_city_asks_which_one() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "Portland"])
    assert runner.step == Step.TIMEZONE_PICK
    labels = [b.label for row in runner.last.replies[-1].buttons for b in row]
    assert labels[:2] == ["Portland, Oregon", "Portland, Maine"]
    runner.press("tz:1")
    assert runner.answers["timezone"] == "America/New_York"
    assert "Got it: Portland, Maine (America/New_York)." in runner.text()
    assert runner.step == Step.CONSENT


def test_an_ambiguous_city_can_be_settled_by_typing() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "Portland", "oregon"])
    assert runner.answers["timezone"] == "America/Los_Angeles"


def test_somewhere_else_goes_back_to_the_question() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "Portland", press("tz:other")])
    assert runner.step == Step.TIMEZONE
    runner.type("Berlin")
    assert runner.answers["timezone"] == "Europe/Berlin"


def test_a_near_miss_offers_suggestions() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "xxlondonqq"])
    assert runner.step == Step.TIMEZONE_PICK
    assert runner.text().startswith(t("onboarding.timezone.did_you_mean"))
    runner.press("tz:0")
    assert runner.answers["timezone"] == "Europe/London"


def test_an_unknown_place_re_asks_with_an_example() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "qqqqqqqqqq"])
    assert runner.step == Step.TIMEZONE
    assert t("onboarding.timezone.not_found") in runner.text()
    assert t("onboarding.example.timezone") in runner.text()


def test_an_offset_nobody_keeps_says_so() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "UTC+05:15"])
    assert runner.step == Step.TIMEZONE
    assert "No place keeps UTC+05:15" in runner.text()
    runner.type("UTC+2")
    assert runner.answers["timezone"] == "Etc/GMT-2"
    assert "Got it: UTC+02:00." in runner.text()


def test_a_shared_location_sets_the_timezone() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.TIMEZONE))
    runner.send(LocationShared(51.5, -0.12))
    assert runner.answers["timezone"] == "Europe/London"
    assert runner.step == Step.CONSENT


# ---------------------------------------------------------------- the summary


def test_changing_one_answer_asks_only_that_question() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(TYPED)
    before = dict(runner.answers)
    runner.press("edit:goal")
    assert runner.step == Step.GOAL
    runner.press("goal:comeback")
    # Coming back from a niggle brings in its question, then back to the summary.
    assert runner.step == Step.NIGGLE
    runner.press("niggle:achilles")
    assert runner.step == Step.SUMMARY
    assert runner.answers == {**before, "goal": "comeback", "niggle": "achilles"}
    assert "• Goal: Come back from a niggle" in runner.text()
    assert "• Niggle: Achilles" in runner.text()
    runner.type("change days")
    assert runner.step == Step.DAYS
    ticked = {b.value for row in runner.last.replies[-1].buttons for b in row if "✅" in b.label}
    assert ticked == {"day:mon", "day:wed", "day:fri"}
    runner.walk([press("day:fri"), press("day:done")])
    assert runner.step == Step.SUMMARY
    runner.walk([press("edit:time"), "7", "pm"])
    assert runner.step == Step.SUMMARY
    runner.press("confirm")
    assert saved(runner) == {
        **TYPED_FIELDS,
        "goal": "comeback",
        "niggle": "achilles",
        "workout_days": ["mon", "wed"],
        "workout_time": "19:00",
    }


def test_every_answer_has_a_change_button() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(TYPED)
    values = {b.value for row in runner.last.replies[-1].buttons for b in row}
    # No niggle without coming back from one, no race day without a race.
    asked = [q for q in onboarding.QUESTIONS if q not in (Step.NIGGLE, Step.RACE_DAY)]
    assert values == {"confirm"} | {f"edit:{q}" for q in asked}
    for question in asked:
        changing = new_runner()
        changing.state, changing.last = runner.state, runner.last
        changing.press(f"edit:{question}")
        assert changing.step == question


# ---------------------------------------------------------------- a known runner


def test_a_known_runner_sees_their_profile() -> None:
    runner = new_runner(KNOWN)
    (reply,) = runner.start().replies
    assert runner.step == Step.KNOWN
    assert "• Workout days: Tue, Thu" in reply.text
    assert "• Time zone: London, United Kingdom (Europe/London)" in reply.text
    runner.press("known:ok")
    assert runner.state is None
    assert runner.effects == []


def test_a_known_runner_changes_one_answer() -> None:
    runner = new_runner(KNOWN)
    runner.start()
    runner.walk([press("known:edit"), press("edit:runs"), "4"])
    # Onboarded before the race question: it is asked before the summary comes back.
    assert runner.step == Step.RACE
    runner.type("10k on 21 march")
    assert "Race day: Fri 21 Mar 2025." in runner.text()
    runner.press("confirm")
    assert saved(runner) == {
        "goal": "prevent",
        "niggle": None,
        "race_distance": "ten_k",
        "race_day": "2025-03-21",
        "experience": "new",
        "runs_per_week": 4,
        "weekly_distance_km": None,
        "weekly_minutes": None,
        "distance_unit": "km",
        "equipment": ["band"],
        "workout_days": ["tue", "thu"],
        "workout_time": "18:00",
        "hard_run_days": ["sun"],
        "timezone": "Europe/London",
        "pain_consent": False,
    }
    (logged,) = [e for e in runner.effects if isinstance(e, LogEvent)]
    assert logged.data["returning"] is True


def test_a_known_runner_keeps_their_timezone_with_one_tap() -> None:
    runner = new_runner(KNOWN)
    runner.start()
    runner.walk([press("known:edit"), press("edit:timezone"), press("tz:keep")])
    assert runner.answers["timezone"] == "Europe/London"


def test_start_over_keeps_the_profile_until_confirmed() -> None:
    runner = new_runner(KNOWN)
    runner.start()
    runner.type("start over")
    assert runner.step == Step.GOAL
    assert runner.answers == {}
    runner.walk(TYPED)
    assert runner.effects == []
    runner.press("confirm")
    assert saved(runner) == TYPED_FIELDS


def test_started_again_mid_way_starts_afresh() -> None:
    runner = new_runner()
    runner.start()
    runner.walk(up_to(Step.EQUIPMENT))
    runner.start()
    assert runner.step == Step.GOAL
    assert runner.answers == {}


def test_a_broken_step_restarts_instead_of_raising() -> None:
    result = onboarding.step(DialogState("onboarding", "nowhere"), TextReceived("hi"), CTX)
    assert result.state is not None and result.state.step == Step.GOAL


def test_the_catalogue_check_catches_stray_text() -> None:
    with pytest.raises(AssertionError):
        assert_from_catalogue(Reply("Typed straight into the code"), None)
    with pytest.raises(AssertionError):
        assert_from_catalogue(Reply(t("onboarding.ask.goal"), ((Button("Stray", "x"),),)), None)


# Inputs that put the dialog at each kind of step, to throw random text at.
_PLACES = {
    "goal": [],
    "equipment": up_to(Step.EQUIPMENT),
    "days": up_to(Step.DAYS),
    "time_half": [*up_to(Step.TIME), "7"],
    "hard_days": up_to(Step.HARD_DAYS),
    "timezone_pick": [*up_to(Step.TIMEZONE), "Portland"],
    "summary": TYPED,
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(sorted(_PLACES)), text=st.text(max_size=25))
def test_any_text_anywhere_gets_an_answer(place: str, text: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk(_PLACES[place])
    runner.type(text)  # Runner.send checks the reply, its buttons and the stored state


@pytest.mark.parametrize(
    ("typed", "tz"),
    [("2", "America/New_York"), ("Maine", "America/New_York"), ("UTC+2", "Etc/GMT-2")],
)
def test_a_place_can_be_picked_by_number_region_or_anything_else(typed: str, tz: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([*up_to(Step.TIMEZONE), "Portland", typed])
    assert runner.answers["timezone"] == tz


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        # A figure gives the level: under a year new, from five years experienced.
        ("6 months", "new"),
        ("18 months", "regular"),
        ("2 years", "regular"),
        ("3 yrs", "regular"),
        ("10+ years", "experienced"),
        # With or without its "a", a couple of years is a regular runner.
        ("couple of years", "regular"),
        ("a couple of years", "regular"),
        # A year they started in counts back from this one (2025 here); each was asked again.
        ("since 2019", "experienced"),
        ("running since 2023", "regular"),
        ("started in 2025", "new"),
    ],
)
def test_how_long_someone_has_run_gives_their_level(typed: str, level: str) -> None:
    read = choices.read_experience({}, TextReceived(typed), CTX)
    assert read == Answered({"experience": level})
