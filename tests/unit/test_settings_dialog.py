"""The /settings and /schedule dialog, walked by feeding inputs to step() with a shell stand-in
that merges every SaveProfile into the profile, as the real shell does."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.core import (
    ButtonPressed,
    Context,
    DialogState,
    LocationShared,
    LogEvent,
    Reply,
    SaveProfile,
    Started,
    TextReceived,
)
from dialogs.profile import settings as dialog
from dialogs.profile.onboarding import Step as Question
from dialogs.profile.settings import Step
from dialogs.records import Profile
from dialogs.texts import t
from dialogs.training.nudges import OPTIONAL, PAUSED_FOR_GOOD
from tests.support.builders import NEW_RUNNER, NOW, context
from tests.support.dialog_runner import DialogRunner, assert_lines_from_catalogue, press

BASE = NEW_RUNNER
SETTINGS = Started({})
SCHEDULE = Started({"args": "", "scope": "schedule"})


def ctx(profile: Profile | None = BASE) -> Context:
    return context(profile)


# ---------------------------------------------------------------- catalogue check

_SECTIONS = frozenset({"onboarding", "settings", "core"})


def assert_from_catalogue(reply: Reply, _step: str | None = None) -> None:
    """Every line of the text comes from the message catalogue."""
    assert_lines_from_catalogue(reply, _SECTIONS)


# ---------------------------------------------------------------- a runner and a shell


def new_runner(profile: Profile | None = BASE) -> DialogRunner:
    """A runner in /settings or /schedule; saves are merged into the profile as the shell does."""
    return DialogRunner(
        dialog, ctx(profile), check_reply=assert_from_catalogue, effects=(SaveProfile, LogEvent)
    )


# ---------------------------------------------------------------- no profile


@pytest.mark.parametrize("event", [SETTINGS, SCHEDULE, Started({"scope": "schedule"})])
def test_no_profile_offers_onboarding_and_ends(event: Started) -> None:
    runner = new_runner(profile=None)
    (reply,) = runner.start(event).replies
    assert runner.state is None
    assert reply.text == t("settings.needs_profile")
    assert runner.shown() == {"go:onboarding"}


def test_a_profile_gone_mid_way_ends_the_same_way() -> None:
    runner = new_runner()
    runner.start()
    runner.profile = None  # e.g. deleted from another device
    runner.type("days")
    assert runner.state is None
    assert runner.shown() == {"go:onboarding"}
    assert dialog.prompt(DialogState(dialog.NAME, Step.MENU), ctx(None))[0].text == t(
        "settings.needs_profile"
    )


# ---------------------------------------------------------------- the menus


def test_the_settings_menu_shows_every_setting_and_its_value() -> None:
    runner = new_runner()
    (reply,) = runner.start().replies
    assert runner.step == Step.MENU
    assert reply.text.startswith(t("settings.menu.settings"))
    # The catalogue's questions in its order (no niggle without coming back from one, no race
    # day without a race), with the nudges before consent.
    assert [b.value for row in reply.buttons for b in row] == [
        "set:goal",
        "set:race",
        "set:experience",
        "set:runs",
        "set:weekly",
        "set:equipment",
        "set:days",
        "set:time",
        "set:hard_days",
        "set:timezone",
        "set:nudges",
        "set:consent",
        "set:done",
    ]
    assert set(runner.labels().values()) == {
        "Goal: Prevent injuries",
        "Race: not set yet",
        "Experience: New to running",
        "Runs a week: 2",
        "Weekly running: not sure",
        "Equipment: band",
        "Days: Tue, Thu",
        "Time: 18:00",
        "Time zone: London, United Kingdom",
        "Long runs: Sun",
        "Reminders & check-ins: all on",
        "Keep pain reports: no",
        "✅ Done",
    }


def test_the_schedule_menu_is_short_and_says_when_reminders_come() -> None:
    runner = new_runner()
    (reply,) = runner.start(SCHEDULE).replies
    assert runner.shown() == {"set:days", "set:time", "set:timezone", "set:nudges", "set:done"}
    assert reply.text.startswith(t("settings.menu.schedule"))
    assert "Tue, Thu at 18:00" in reply.text
    assert "London, United Kingdom (Europe/London)" in reply.text
    assert "/pause" in reply.text and "Not paused" in reply.text
    # The status is for the first message; the menu comes back without it.
    assert dialog.prompt(runner.state, runner.ctx)[0].text.count("\n") == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"paused_until": NOW + timedelta(days=7)}, "⏸ Paused until Mon 10 Mar."),
        ({"paused_until": PAUSED_FOR_GOOD}, "⏸ Paused until you send /resume."),
        ({"paused_until": NOW - timedelta(days=1)}, "Not paused."),
        ({"nudges_off": frozenset({"workout_reminder"})}, "Workout reminders are switched off"),
        ({"workout_days": ()}, "No workout days are set"),
    ],
)
def test_the_schedule_status(changes: dict[str, Any], line: str) -> None:
    runner = new_runner(BASE.model_copy(update=changes))
    runner.start(Started({"scope": "schedule"}))
    assert line in runner.text()


def test_done_ends_the_dialog() -> None:
    for done in (press("set:done"), "done", "that's all"):
        runner = new_runner()
        runner.start()
        runner.walk([done])
        assert runner.state is None
        assert runner.text() == t("settings.closing")
        assert runner.saves == []


def test_settings_args_open_a_question_straight_away() -> None:
    runner = new_runner()
    runner.start(Started({"args": "time zone"}))
    assert runner.step == Question.TIMEZONE
    runner.type("Berlin")
    assert runner.saves == [{"timezone": "Europe/Berlin"}]
    runner.start(Started({"args": "blorp"}))
    assert runner.step == Step.MENU


# ---------------------------------------------------------------- changing one setting

CHANGES = [
    # item to open, inputs, the one field saved
    ("goal", [press("goal:faster")], {"goal": "faster"}),
    ("goal", ["I want a PB"], {"goal": "faster"}),
    ("experience", [press("exp:experienced")], {"experience": "experienced"}),
    ("experience", ["a few years"], {"experience": "regular"}),
    ("runs", [press("runs:5")], {"runs_per_week": 5}),
    ("runs", ["four"], {"runs_per_week": 4}),
    ("equipment", [press("kit:dumbbell"), press("kit:done")], {"equipment": ["band", "dumbbell"]}),
    ("equipment", [press("kit:band"), press("kit:done")], {"equipment": ["none"]}),
    ("equipment", ["full gym"], {"equipment": ["band", "dumbbell", "barbell", "machine", "bench"]}),
    (
        "days",
        [press("day:tue"), press("day:sat"), press("day:done")],
        {"workout_days": ["thu", "sat"]},
    ),
    ("days", ["mon wed fri"], {"workout_days": ["mon", "wed", "fri"]}),
    ("time", [press("time:0630")], {"workout_time": "06:30"}),
    ("time", ["7", press("half:pm")], {"workout_time": "19:00"}),
    ("time", ["half past six", "morning"], {"workout_time": "06:30"}),
    ("time", ["6.45pm"], {"workout_time": "18:45"}),
    ("timezone", [press("tz:utc")], {"timezone": "UTC"}),
    ("timezone", ["Berlin"], {"timezone": "Europe/Berlin"}),
    ("timezone", ["Portland", press("tz:1")], {"timezone": "America/New_York"}),
    ("timezone", ["Portland", "oregon"], {"timezone": "America/Los_Angeles"}),
    ("timezone", [LocationShared(52.52, 13.40)], {"timezone": "Europe/Berlin"}),
    ("timezone", ["UTC+2"], {"timezone": "Etc/GMT-2"}),
    ("hard_days", [press("hard:none")], {"hard_run_days": []}),
    ("hard_days", ["sat and sun"], {"hard_run_days": ["sat", "sun"]}),
    ("consent", [press("consent:yes")], {"pain_consent": True}),
    ("consent", ["sure"], {"pain_consent": True}),
]


@pytest.mark.parametrize("how", ["button", "typed"])
@pytest.mark.parametrize(("item", "inputs", "fields"), CHANGES)
def test_one_change_saves_only_that_field(
    how: str, item: str, inputs: list[Any], fields: dict[str, Any]
) -> None:
    runner = new_runner()
    runner.start()
    if how == "button":
        runner.press(f"set:{item}")
    else:
        runner.type(t(f"onboarding.name.{item}"))
    assert runner.step == item
    runner.walk(inputs)
    assert runner.saves == [fields]  # Runner merged it into the profile and validated it
    assert runner.step == Step.MENU
    (reply,) = runner.last.replies
    assert reply.text.startswith("✅ Saved. " + t(f"onboarding.name.{item}") + ": ")
    assert runner.shown() >= {f"set:{item}", "set:done"}
    assert [e.data for e in runner.logged] == [fields]


@pytest.mark.parametrize(
    ("scope", "typed", "fields"),
    [
        # Each opened the question and dropped the new value (found in the console).
        (SCHEDULE, "change time to 6am", {"workout_time": "06:00"}),
        (SCHEDULE, "change my days to mon wed", {"workout_days": ["mon", "wed"]}),
        (SETTINGS, "time zone: berlin", {"timezone": "Europe/Berlin"}),
        (SETTINGS, "runs 4 please", {"runs_per_week": 4}),
        (SETTINGS, "set my long runs to sat and sun", {"hard_run_days": ["sat", "sun"]}),
        (SETTINGS, "kit: a pair of dumbbells", {"equipment": ["dumbbell"]}),
        # An item word further on is part of the value: "miles" is its unit ("weekly 35
        # miles" was saved as 35 km).
        (SETTINGS, "weekly 35 miles", {"weekly_distance_km": 56.3, "distance_unit": "mi"}),
        (
            SETTINGS,
            "weekly running is more like 35 miles now",
            {"weekly_distance_km": 56.3, "distance_unit": "mi"},
        ),
        (SETTINGS, "turn off the weekly summary", {"nudges_off": ["weekly_summary"]}),
        (Started({"args": "time 18:30"}), None, {"workout_time": "18:30"}),
    ],
)  # fmt: skip
def test_a_change_typed_with_its_value_is_saved_at_once(
    scope: Started, typed: str | None, fields: dict[str, Any]
) -> None:
    runner = new_runner()
    runner.start(scope)
    if typed is not None:
        runner.type(typed)
    assert runner.saves == [fields]
    # A switch is saved on the screen of switches, where the next one can be changed.
    assert runner.step == (Step.NUDGES if "nudges_off" in fields else Step.MENU)


@pytest.mark.parametrize(
    ("typed", "step"),
    [
        ("race", "race"),  # the item alone must not save a race
        ("change race", "race"),
        ("change the time please", "time"),
        ("days?", "days"),
        ("days, not sure yet", "days"),  # words that read as no answer
        ("time 7", "time_half"),  # an answer that needs its follow-up gets it
    ],
)
def test_a_menu_item_with_no_value_read_opens_its_question(typed: str, step: str) -> None:
    runner = new_runner()
    runner.start()
    runner.type(typed)
    assert runner.step == step
    assert runner.saves == []


def test_the_menu_after_a_change_shows_the_new_value() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:days"), "mon wed fri", press("set:time"), "7am"])
    labels = set(runner.labels().values())
    assert {"Days: Mon, Wed, Fri", "Time: 07:00"} <= labels
    assert runner.profile is not None and runner.profile.workout_time == time(7, 0)
    assert runner.saves == [{"workout_days": ["mon", "wed", "fri"]}, {"workout_time": "07:00"}]


def test_a_multi_select_starts_from_the_saved_ticks_and_re_renders() -> None:
    runner = new_runner()
    runner.start()
    (question,) = runner.press("set:days").replies
    assert t("onboarding.ask.days") in question.text
    ticked = {v for v, label in runner.labels().items() if label.startswith("✅")}
    assert ticked == {"day:tue", "day:thu"}
    (again,) = runner.press("day:fri").replies
    assert again.text == question.text
    ticked = {v for v, label in runner.labels().items() if label.startswith("✅")}
    assert ticked == {"day:tue", "day:thu", "day:fri"}
    assert runner.saves == [], "nothing is saved until Done"


def test_days_need_at_least_one() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:days"), press("day:tue"), press("day:thu"), press("day:done")])
    assert runner.step == Question.DAYS
    assert runner.text().startswith(t("onboarding.summary.need_day"))
    assert runner.saves == []


def test_the_same_value_again_saves_nothing() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:timezone"), press("tz:keep")])
    assert runner.step == Step.MENU
    assert runner.text().startswith("No change. Time zone: London, United Kingdom")
    assert runner.saves == []


def test_withdrawing_pain_consent_says_what_happens_to_old_reports() -> None:
    runner = new_runner(BASE.model_copy(update={"pain_consent": True}))
    runner.start()
    runner.walk([press("set:consent"), press("consent:no")])
    assert runner.saves == [{"pain_consent": False}]
    assert t("settings.consent_withdrawn") in runner.text()


@pytest.mark.parametrize(
    ("before", "typed", "jump"),
    [
        ({"weekly_distance_km": 20.0}, "30 km", True),
        ({"weekly_distance_km": 20.0}, "25 km", False),
        ({"weekly_minutes": 120, "weekly_distance_km": None}, "about 3 hours", True),
        ({"weekly_distance_km": None}, "40 km", False),  # nothing to compare with
    ],
)
def test_raising_weekly_running_sharply_plans_a_lighter_fortnight(
    before: dict[str, Any], typed: str, jump: bool
) -> None:
    runner = new_runner(BASE.model_copy(update=before))
    runner.start()
    runner.walk([press("set:weekly"), typed])
    assert runner.profile is not None
    assert runner.profile.volume_jump_on == (NOW.date() if jump else None)
    assert (t("settings.volume_jump") in runner.text()) is jump


@pytest.mark.parametrize("leave", ["back", "never mind", "Menu"])
def test_leaving_a_question_changes_nothing(leave: str) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:timezone"), leave])
    assert runner.step == Step.MENU
    assert runner.saves == []


def test_an_ambiguous_hour_and_city_keep_the_scope() -> None:
    runner = new_runner()
    runner.start(SCHEDULE)
    runner.walk([press("set:time"), "7"])
    assert runner.step == Question.TIME_HALF
    assert runner.state is not None and runner.state.data == {
        "scope": "schedule",
        "half": ["07:00", "19:00"],
    }
    runner.walk([press("half:am"), press("set:timezone"), "Portland"])
    assert runner.step == Question.TIMEZONE_PICK
    runner.press("tz:other")
    assert runner.step == Question.TIMEZONE
    runner.type("Berlin")
    assert runner.shown() == {"set:days", "set:time", "set:timezone", "set:nudges", "set:done"}


# ---------------------------------------------------------------- reminders and check-ins


def test_the_nudges_screen_has_one_toggle_per_optional_kind() -> None:
    runner = new_runner(BASE.model_copy(update={"nudges_off": frozenset({"reengage"})}))
    runner.start()
    (reply,) = runner.press("set:nudges").replies
    assert runner.step == Step.NUDGES
    assert t("settings.nudges.pain_fixed") in reply.text
    labels = runner.labels()
    assert set(labels) == {f"nudge:{kind}" for kind in OPTIONAL} | {"nudge:back"}
    assert labels["nudge:reengage"].startswith("❌")
    assert labels["nudge:weekly_summary"] == "✅ Weekly summary, Sunday evening"


def test_each_toggle_saves_the_sorted_list() -> None:
    runner = new_runner()
    runner.start()
    runner.press("set:nudges")
    for kind in reversed(OPTIONAL):
        runner.press(f"nudge:{kind}")
        assert runner.labels()[f"nudge:{kind}"].startswith("❌")
    assert runner.saves[-1] == {"nudges_off": sorted(OPTIONAL)}
    runner.press("nudge:session_checkin")
    assert runner.saves[-1] == {"nudges_off": sorted(set(OPTIONAL) - {"session_checkin"})}
    assert runner.text().startswith("✅ Saved. “How did it go?” check-ins: on")
    assert runner.profile is not None and "session_checkin" not in runner.profile.nudges_off
    runner.press("nudge:back")
    assert runner.step == Step.MENU
    assert "Reminders & check-ins: 1 of 5 on" in runner.labels().values()


@pytest.mark.parametrize(
    ("typed", "off"),
    [
        ("weekly summary off", ["weekly_summary"]),
        ("turn off the reminders", ["workout_reminder"]),
        ("soreness", ["soreness_checkin"]),
        ("turn on missed sessions", []),  # already on: nothing to save
        ("Weekly Summry", ["weekly_summary"]),
    ],
)
def test_nudges_can_be_switched_by_typing(typed: str, off: list[str]) -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:nudges"), typed])
    assert runner.step == Step.NUDGES
    assert runner.saves == ([{"nudges_off": off}] if off else [])
    if not off:
        assert runner.text().startswith("No change.")


def test_pain_check_ins_cannot_be_switched_off() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:nudges"), "pain check-ins off"])
    assert runner.step == Step.NUDGES
    assert t("settings.nudges.pain_fixed") in runner.text()
    assert runner.saves == []


def test_kinds_we_do_not_offer_are_kept() -> None:
    runner = new_runner(BASE.model_copy(update={"nudges_off": frozenset({"future_kind"})}))
    runner.start()
    runner.walk([press("set:nudges"), press("nudge:reengage")])
    assert runner.saves == [{"nudges_off": ["future_kind", "reengage"]}]


# ---------------------------------------------------------------- expired, unreadable, prompt

# Inputs that put the dialog at each kind of step.
_PLACES: dict[str, tuple[Started, list[Any]]] = {
    "menu": (SETTINGS, []),
    "schedule": (SCHEDULE, []),
    "nudges": (SETTINGS, [press("set:nudges")]),
    "goal": (SETTINGS, [press("set:goal")]),
    "equipment": (SETTINGS, [press("set:equipment"), press("kit:bench")]),
    "days": (SCHEDULE, [press("set:days")]),
    "time_half": (SCHEDULE, [press("set:time"), "7"]),
    "timezone_pick": (SETTINGS, [press("set:timezone"), "Portland"]),
    "consent": (SETTINGS, [press("set:consent")]),
}


def _at(place: str) -> DialogRunner:
    runner = new_runner()
    started, inputs = _PLACES[place]
    runner.start(started)
    runner.walk(inputs)
    return runner


@pytest.mark.parametrize("place", sorted(_PLACES))
def test_prompt_repeats_the_current_question(place: str) -> None:
    runner = _at(place)
    assert runner.state is not None
    (again,) = dialog.prompt(runner.state, runner.ctx)
    last = runner.last.replies[-1]
    assert again.buttons == last.buttons
    # Lead lines (and /schedule's status, which may be stale right after /pause) are not repeated.
    lines = last.text.split("\n")
    assert again.text.split("\n") == [line for line in lines if line in again.text.split("\n")]
    assert last.text.endswith(again.text.split("\n")[-1])


@pytest.mark.parametrize("place", sorted(_PLACES))
@pytest.mark.parametrize("value", ["set:goal", "nudge:back", "goal:faster", "tz:0", "x"])
def test_a_button_from_another_step_has_expired(place: str, value: str) -> None:
    runner = _at(place)
    before = runner.state
    assert before is not None
    if value in runner.shown():
        return  # it belongs here
    expired, again = runner.send(ButtonPressed(value)).replies
    assert expired.text == t("core.expired")
    assert (again,) == dialog.prompt(before, runner.ctx)
    assert runner.state == before
    assert runner.saves == []


@pytest.mark.parametrize(
    ("place", "example"),
    [
        ("menu", "days, time, or done"),
        ("nudges", "weekly summary off, or back"),
        ("goal", "faster 5k, or half marathon"),
        ("equipment", "band and dumbbells"),
        ("days", "mon wed fri"),
        ("time_half", "morning"),
        # Consent re-asks for a clear yes or no instead (tests/unit/test_confirmations.py).
    ],
)
def test_unreadable_text_re_asks_with_an_example(place: str, example: str) -> None:
    runner = _at(place)
    before = runner.state
    assert before is not None
    (question,) = dialog.prompt(before, runner.ctx)
    (reply,) = runner.type("blorp zzzz").replies
    assert runner.state == before
    first, *rest = reply.text.split("\n")
    assert first == t("onboarding.retry", example=example)
    assert "\n".join(rest) == question.text
    assert reply.buttons == question.buttons


def test_an_unknown_place_re_asks_the_timezone() -> None:
    runner = new_runner()
    runner.start()
    runner.walk([press("set:timezone"), "qqqqqqqqqq"])
    assert runner.step == Question.TIMEZONE
    assert t("onboarding.timezone.not_found") in runner.text()
    assert runner.saves == []


def test_a_broken_step_starts_afresh() -> None:
    result = dialog.step(DialogState(dialog.NAME, "nowhere"), TextReceived("hi"), ctx())
    assert result.state is not None and result.state.step == Step.MENU


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(sorted(_PLACES)), text=st.text(max_size=25))
def test_any_text_anywhere_gets_an_answer(place: str, text: str) -> None:
    runner = _at(place)
    runner.type(text)  # Runner.send checks the replies, the buttons, the state and any save
