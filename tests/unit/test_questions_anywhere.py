"""Questions typed anywhere (issue 13): answered from the knowledge base outside /learn, the
dialog's question asked again afterwards; a question about pain is education with an offer
to check a pain; a report of pain still goes to triage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs import router
from dialogs.core import ButtonPressed, CommandReceived, DialogState, TextReceived, Transition
from dialogs.learn import asking
from dialogs.learn import dialog as learn
from dialogs.texts import t
from tests.support.builders import context, profile

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEW = context(now=NOW, user_id=1, first_name="Sam")
KNOWN = context(profile(pain_consent=False), now=NOW, user_id=1, first_name="Sam")


def text(transition: Transition) -> str:
    return "\n".join(reply.text for reply in transition.replies)


def values(transition: Transition) -> list[str]:
    return [b.value for reply in transition.replies for row in reply.buttons for b in row]


def onboarding_midway() -> DialogState:
    state = router.route(None, CommandReceived("start"), NEW).state
    assert state is not None
    state = router.route(state, ButtonPressed("goal:faster"), NEW).state
    assert state is not None and state.dialog == "onboarding"
    return state


@pytest.mark.parametrize(
    ("said", "question"),
    [
        ("why do my calves take over?", True),
        ("what is the biggest muscle in the body", True),
        ("should I lift after my run", True),
        ("three", False),
        ("do it later", False),
        ("do i need weights for hip thrusts", True),
        ("Do you think I should run today", True),
        ("did I do the bridge right", True),
        ("dont we need a rest day", True),
        ("do the bridges first", False),
        ("do squats tomorrow", False),
        ("did it yesterday", False),
        ("mon wed fri", False),
        ("my knee hurts", False),
    ],
)
def test_what_counts_as_a_question(said: str, question: bool) -> None:
    assert asking.is_question(said) is question


def test_a_question_mid_onboarding_is_answered_then_the_step_is_asked_again() -> None:
    state = onboarding_midway()
    asked_again = router.expired(state, NEW).replies[-1]
    result = router.route(state, TextReceived("what is the biggest muscle in the body?"), NEW)
    assert result.state == state
    assert "largest muscle in your body" in text(result)
    assert result.replies[-1] == asked_again
    # The runner then answers the step as usual.
    nxt = router.route(result.state, TextReceived("no race"), NEW)
    assert nxt.state is not None and nxt.state.step != state.step


def test_an_answer_to_the_step_is_not_taken_for_a_question() -> None:
    state = onboarding_midway()
    result = router.route(state, TextReceived("half marathon?"), NEW)
    assert result.state is not None and result.state.step != state.step


def test_an_idle_question_is_answered_with_a_way_into_learn() -> None:
    result = router.route(None, TextReceived("should i do strength before or after my run"), KNOWN)
    assert result.state is None
    assert "run first" in text(result)
    assert "go:learn" in values(result)


def test_an_idle_off_topic_question_gets_the_usual_help() -> None:
    result = router.route(None, TextReceived("who won the champions league?"), KNOWN)
    assert result.state is None
    assert "go:learn" not in values(result)
    assert "/learn" in text(result)


def test_a_question_about_pain_is_education_with_an_offer_to_check() -> None:
    result = router.route(None, TextReceived("why do my knees hurt when I run?"), KNOWN)
    assert result.state is None
    assert "knee" in text(result).lower()
    assert "go:pain" in values(result)


@pytest.mark.parametrize(
    "said", ["my knee hurts when I run", "my knee has hurt for 3 days, should I run?"]
)
def test_a_report_of_pain_still_goes_to_triage(said: str) -> None:
    result = router.route(None, TextReceived(said), KNOWN)
    assert result.state is not None and result.state.dialog == "pain"


def test_learn_with_a_question_answers_it() -> None:
    result = router.route(None, CommandReceived("learn", "why do my calves take over"), KNOWN)
    assert result.state is not None and result.state.dialog == learn.NAME
    assert "calves get sore from compensating" in text(result)
    assert "t:weak_glutes" in values(result)


def onboarding_at(step: str) -> DialogState:
    """A new runner's onboarding at the catalogue question `step`, answered as typed."""
    typed = {"goal": "faster", "race": "no race", "experience": "regular", "runs": "3"}
    typed |= {"weekly": "30k", "equipment": "band", "days": "mon wed fri", "time": "18:00"}
    typed |= {"hard_days": "sat", "timezone": "Europe/London"}
    state = router.route(None, CommandReceived("start"), NEW).state
    while state is not None and state.step != step:
        state = router.route(state, TextReceived(typed[state.step]), NEW).state
    assert state is not None and state.dialog == "onboarding"
    return state


@pytest.mark.parametrize(
    ("step", "said"),
    [
        # The help explains the options. Each question names one, and each was saved as the
        # answer: a runner asking about weights owned dumbbells, one asking what "faster"
        # means had chosen it.
        ("goal", "what does the faster option mean?"),
        ("experience", "whats the difference between regular and experienced"),
        ("equipment", "do i need weights?"),
        ("equipment", "should i get a barbell"),
        ("hard_days", "what counts as a hard run? is saturday's parkrun one"),
        ("consent", "what happens if i say no?"),
    ],
)  # fmt: skip
def test_a_question_that_names_an_option_is_answered_and_saves_nothing(
    step: str, said: str
) -> None:
    state = onboarding_at(step)
    asked_again = router.expired(state, NEW).replies[-1]
    result = router.route(state, TextReceived(said), NEW)
    assert result.state == state
    assert not result.effects
    assert t(f"onboarding.help.{step}") in text(result)
    assert result.replies[-1] == asked_again


@pytest.mark.parametrize(
    ("step", "said", "answers"),
    [
        ("goal", "faster?", {"goal": "faster"}),
        ("runs", "can we do 3?", {"runs_per_week": 3}),
        ("equipment", "is a band enough?", {"equipment": ["band"]}),
        ("days", "what about mon wed fri", {"workout_days": ["mon", "wed", "fri"]}),
        ("time", "how about 6pm?", {"workout_time": "18:00"}),
        ("time", "is 7am ok?", {"workout_time": "07:00"}),
    ],
)
def test_an_answer_offered_as_a_question_is_still_the_answer(
    step: str, said: str, answers: dict[str, object]
) -> None:
    state = onboarding_at(step)
    result = router.route(state, TextReceived(said), NEW)
    assert result.state is not None and result.state.step != step
    saved = result.state.data["answers"]
    assert {key: saved[key] for key in answers} == answers


def test_in_settings_a_question_about_the_kit_changes_no_kit() -> None:
    state = router.route(None, CommandReceived("settings"), KNOWN).state
    assert state is not None
    state = router.route(state, TextReceived("equipment"), KNOWN).state
    assert state is not None and state.step == "equipment"
    result = router.route(state, TextReceived("do i need a barbell for hip thrusts?"), KNOWN)
    assert result.state == state
    assert not result.effects
