"""The router: commands, global buttons, pain talk from any dialog, hand-overs and resumes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    Context,
    DialogState,
    ScheduleMessage,
    TextReceived,
    Transition,
)
from dialogs.pain.steps import SavePainReport
from dialogs.texts import t
from dialogs.training import nudges
from tests.support.builders import context, profile

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PROFILE = profile(pain_consent=False)
NEW = context(now=NOW, user_id=1, first_name="Sam")
KNOWN = context(PROFILE, now=NOW, user_id=1, first_name="Sam")


def text(transition: Transition) -> str:
    return "\n".join(reply.text for reply in transition.replies)


def onboarding_midway() -> DialogState:
    state = router.route(None, CommandReceived("start"), NEW).state
    assert state is not None
    state = router.route(state, ButtonPressed("goal:faster"), NEW).state
    assert state is not None and state.dialog == "onboarding"
    return state


@pytest.mark.parametrize(
    ("command", "dialog"),
    [
        ("start", "onboarding"),
        ("workout", "workout"),
        ("learn", "learn"),
        ("pain", "pain"),
        ("settings", "settings"),
        ("schedule", "settings"),
        ("delete", "delete"),
    ],
)
def test_commands_open_their_dialog(command: str, dialog: str) -> None:
    result = router.route(None, CommandReceived(command), KNOWN)
    assert result.replies
    assert result.state is not None and result.state.dialog == dialog


def test_every_command_has_a_handler_and_a_menu_entry() -> None:
    names = [name for name, _ in router.commands()]
    assert len(names) == len(set(names))
    for name, description in router.commands():
        assert 3 <= len(description) <= 256 and name.islower()
        result = router.route(None, CommandReceived(name), KNOWN)
        assert result.replies or result.effects, name


def test_schedule_opens_the_short_menu() -> None:
    result = router.route(None, CommandReceived("schedule"), KNOWN)
    assert result.state is not None and result.state.data.get("scope") == "schedule"


def test_help_mid_dialog_lists_commands_then_asks_again() -> None:
    state = onboarding_midway()
    result = router.route(state, CommandReceived("help"), NEW)
    assert result.state == state
    assert "/workout" in result.replies[0].text and len(result.replies) >= 2


def test_cancel_leaves_any_dialog() -> None:
    result = router.route(onboarding_midway(), CommandReceived("cancel"), NEW)
    assert result.state is None and "stopped" in text(result).lower()
    idle = router.route(None, CommandReceived("cancel"), NEW)
    assert "nothing to cancel" in text(idle).lower()


def test_unknown_command_and_idle_text_get_help() -> None:
    assert "/workout" in text(router.route(None, CommandReceived("frobnicate"), NEW))
    assert "/workout" in text(router.route(None, TextReceived("what is this"), NEW))
    assert "Hi Sam" in text(router.route(None, TextReceived("hey"), NEW))


def test_pain_talk_mid_onboarding_triages_then_resumes_onboarding() -> None:
    state = onboarding_midway()
    interrupted = router.route(state, TextReceived("my knee hurts"), NEW)
    assert interrupted.state is not None and interrupted.state.dialog == "pain"
    assert interrupted.state.data[router.RESUME_KEY]["dialog"] == "onboarding"


def test_settings_words_about_pain_do_not_interrupt_settings() -> None:
    state = router.route(None, CommandReceived("settings"), KNOWN).state
    assert state is not None
    result = router.route(state, TextReceived("turn pain check-ins off"), KNOWN)
    assert result.state is None or result.state.dialog == "settings"


def test_a_serious_verdict_does_not_resume_the_interrupted_dialog() -> None:
    stash = {"dialog": "onboarding", "step": "experience", "data": {}}
    before = DialogState("pain", "verdict", {router.RESUME_KEY: stash})
    serious = Transition(
        None,
        (),
        (SavePainReport(key="k", level="physio", reasons=(), report={}, summary=""),),
    )
    assert router._continue(before, serious, NEW).state is None
    fine = Transition(
        None,
        (),
        (SavePainReport(key="k", level="continue", reasons=(), report={}, summary=""),),
    )
    resumed = router._continue(before, fine, NEW)
    assert resumed.state is not None and resumed.state.dialog == "onboarding"


def test_expired_button_says_so_and_asks_the_current_question() -> None:
    state = onboarding_midway()
    result = router.expired(state, NEW)
    assert "expired" in result.replies[0].text and result.state == state
    assert len(result.replies) >= 2 and result.replies[-1].buttons
    assert "expired" in text(router.expired(None, NEW))


def test_a_button_from_another_step_is_treated_as_expired() -> None:
    state = onboarding_midway()
    result = router.route(state, ButtonPressed("goal:faster"), NEW)
    assert "expired" in text(result).lower()


def test_global_buttons_work_from_any_dialog() -> None:
    state = onboarding_midway()
    assert router.is_global("go:workout") and router.is_global("n:skip:2026-03-02")
    assert not router.is_global("goal:faster")
    result = router.route(state, ButtonPressed("go:learn"), KNOWN)
    assert result.state is not None and result.state.dialog == "learn"


def test_a_due_check_in_enters_its_dialog_and_keeps_the_current_one_for_later() -> None:
    state = onboarding_midway()
    payload = {"dialog": "checkin", "args": {"kind": "soreness", "day": "2026-03-01"}}
    result = router.deliver("soreness_checkin", payload, state, KNOWN)
    assert result.state is not None and result.state.dialog == "checkin"
    assert result.state.data[router.RESUME_KEY]["dialog"] == "onboarding"
    answered = router.route(result.state, ButtonPressed("s:2"), KNOWN)
    assert answered.state is not None and answered.state.dialog == "onboarding"


def test_a_due_reminder_leaves_the_dialog_alone() -> None:
    state = onboarding_midway()
    result = router.deliver("workout_reminder", {"n": 0}, state, KNOWN)
    assert result.state == state
    assert any(b.value == "go:workout" for row in result.replies[0].buttons for b in row)


def test_a_goal_that_mentions_injuries_is_an_answer_not_a_pain_report() -> None:
    state = router.route(None, CommandReceived("start"), NEW).state
    assert state is not None
    result = router.route(state, TextReceived("prevent injuries"), NEW)
    assert result.state is not None and result.state.dialog == "onboarding"
    assert result.state.step != state.step


def test_a_learn_search_about_pain_stays_a_search_but_alarming_words_do_not() -> None:
    state = router.route(None, CommandReceived("learn"), KNOWN).state
    assert state is not None
    search = router.route(state, TextReceived("why do my hamstrings cramp"), KNOWN)
    assert search.state is not None and search.state.dialog == "learn"
    alarm = router.route(state, TextReceived("chest pain when running and dizzy"), KNOWN)
    assert "Get help now" in text(alarm)


def test_pain_words_a_dialog_cannot_read_start_the_pain_dialog() -> None:
    state = onboarding_midway()  # asking about running experience
    result = router.route(state, TextReceived("tweaked my hammy yesterday"), NEW)
    assert result.state is not None and result.state.dialog == "pain"


def test_a_hand_over_to_the_pain_dialog_carries_the_typed_words() -> None:
    handed = Transition(DialogState("pain", "start", {"source": "workout"}))
    result = router._with_words(handed, "back pain and numb around my bum")
    assert result.state is not None
    assert result.state.data == {"source": "workout", "text": "back pain and numb around my bum"}


def _session_checkin_due(now: datetime) -> datetime:
    ctx = context(PROFILE, now=now, user_id=1, first_name="Sam")
    offer = router.route(None, CommandReceived("workout"), ctx)
    assert offer.state is not None and offer.state.step == "offer"
    started = router.route(offer.state, ButtonPressed("start"), ctx)
    (checkin,) = [e for e in started.effects if isinstance(e, ScheduleMessage)]
    assert checkin.kind == nudges.SESSION_CHECKIN
    return checkin.due


def test_the_core_moves_what_it_schedules_out_of_the_quiet_hours() -> None:
    # A session started at 22:30 London time would ask "how did it go?" at 00:30; the router
    # moves it to 07:00 the next morning, so the shell stores the due time as it is.
    late = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    london = ZoneInfo("Europe/London")
    assert _session_checkin_due(late) == datetime(2026, 3, 3, 7, 0, tzinfo=london)
    # In waking hours it is left two hours after the start.
    assert _session_checkin_due(NOW) == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


# ---------------------------------------------------------------- typed answers to a reminder


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("remind me later", datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))),
        ("tonight pls", datetime(2026, 3, 2, 18, 30, tzinfo=ZoneInfo("Europe/London"))),
        ("tomorrow", datetime(2026, 3, 3, 7, 30, tzinfo=ZoneInfo("Europe/London"))),
    ],
)
def test_a_typed_later_on_a_session_day_snoozes_the_reminder(typed: str, due: datetime) -> None:
    result = router.route(None, TextReceived(typed), KNOWN)
    (snooze,) = result.effects
    assert isinstance(snooze, ScheduleMessage) and snooze.due == due
    assert result.state is None


def test_a_typed_not_today_on_a_session_day_skips_it() -> None:
    result = router.route(None, TextReceived("not today, too tired"), KNOWN)
    assert result.effects == (nudges.SkipDay(NOW.date()),)
    assert text(result) == t("nudges.skipped")


@pytest.mark.parametrize(
    ("typed", "ctx"),
    [
        ("is tomorrow a rest day?", KNOWN),  # a question
        ("skip today and do it tomorrow", KNOWN),  # two answers at once
        ("not today", context(PROFILE, now=datetime(2026, 3, 3, 9, 0, tzinfo=UTC))),  # a Tuesday
        ("not today", NEW),  # no profile
    ],
)
def test_other_messages_are_not_read_as_answers_to_a_reminder(typed: str, ctx: Context) -> None:
    result = router.route(None, TextReceived(typed), ctx)
    assert not any(isinstance(e, ScheduleMessage | nudges.SkipDay) for e in result.effects)
