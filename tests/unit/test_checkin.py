"""The check-ins the scheduler starts ("how did it go?" and the next morning's soreness),
walked purely: every step, typed and tapped answers, re-asks, stale buttons, and the
hand-over to the pain dialog."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import router
from dialogs.core import (
    Button,
    ButtonPressed,
    CommandReceived,
    DialogState,
    LocationShared,
    LogEvent,
    Reply,
    Started,
    TextReceived,
    UserInput,
)
from dialogs.pain.reading import parse_pain_text
from dialogs.profile import onboarding
from dialogs.texts import t
from dialogs.training import checkin, nudges
from tests.support.builders import context, profile
from tests.support.dialog_runner import DialogRunner, assert_lines_from_catalogue, press

DAY = date(2025, 3, 3)
CTX = context(profile())
SESSION = Started({"kind": "session", "day": DAY.isoformat()})
SORENESS = Started({"kind": "soreness", "day": DAY.isoformat()})

SESSION_QUESTION = Reply(
    t("checkin.session_ask"),
    (
        (
            Button(t("checkin.button_finished"), "done"),
            Button(t("checkin.button_missed"), "missed"),
        ),
        (Button(t("checkin.button_hurts"), "hurts"),),
    ),
)
_SCALE = tuple(Button(str(n), f"s:{n}") for n in range(11))
SORENESS_QUESTION = Reply(t("checkin.soreness_ask"), (_SCALE[:6], _SCALE[6:]))


def _from_catalogue(reply: Reply, _step: str | None) -> None:
    assert_lines_from_catalogue(reply, frozenset({"checkin", "core"}))


def runner_at(started: Started) -> DialogRunner:
    """A runner who has just been asked this check-in's question."""
    runner = DialogRunner(
        checkin,
        CTX,
        check_reply=_from_catalogue,
        effects=(LogEvent,),
        hands_over_to=("pain",),
    )
    runner.start(started)
    return runner


# ---------------------------------------------------------------- the questions


def test_the_session_check_in_asks_how_it_went_with_three_buttons() -> None:
    runner = runner_at(SESSION)
    assert runner.last.replies == (SESSION_QUESTION,)
    assert runner.state == DialogState("checkin", "session", {"day": "2025-03-03"})
    assert checkin.prompt(runner.state, CTX) == (SESSION_QUESTION,)
    assert runner.effects == []


def test_the_soreness_check_in_shows_the_0_to_10_scale() -> None:
    runner = runner_at(SORENESS)
    assert runner.last.replies == (SORENESS_QUESTION,)
    assert runner.state == DialogState("checkin", "soreness", {"day": "2025-03-03"})
    assert checkin.prompt(runner.state, CTX) == (SORENESS_QUESTION,)


def test_a_check_in_without_a_kind_asks_about_the_session() -> None:
    result = checkin.step(None, Started(), CTX)
    assert result.state == DialogState("checkin", "session", {"day": ""})
    assert result.replies == (SESSION_QUESTION,)


# ---------------------------------------------------------------- "how did it go?"


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (press("done"), "done"),
        ("done", "done"),
        ("finished it", "done"),
        ("yes", "done"),
        ("finsihed", "done"),  # a near typo
        (press("missed"), "missed"),
        ("missed", "missed"),
        ("nope", "missed"),
        ("no time", "missed"),
        ("smashed it", "done"),
        ("ran out of time tbh", "missed"),
        ("too busy today", "missed"),
    ],
)
def test_the_session_answer_is_logged_and_ends_the_check_in(
    answer: str | ButtonPressed, outcome: str
) -> None:
    runner = runner_at(SESSION)
    runner.walk([answer])
    assert runner.state is None
    text = t("checkin.session_finished" if outcome == "done" else "checkin.session_missed")
    assert runner.last.replies == (Reply(text),)
    assert runner.effects == [LogEvent("session_checkin", {"day": "2025-03-03", "answer": outcome})]


@pytest.mark.parametrize("answer", [press("hurts"), "hurts", "my knee hurts", "pain"])
def test_something_hurts_hands_over_to_the_pain_dialog(answer: str | ButtonPressed) -> None:
    runner = runner_at(SESSION)
    runner.walk([answer])
    assert runner.state == DialogState("pain", "start", {"source": "checkin"})
    assert runner.last.replies == ()  # the pain dialog's first question follows (the router)
    assert runner.effects == []


@pytest.mark.parametrize("event", [ButtonPressed("s:3"), ButtonPressed("goal:faster")])
def test_a_stale_button_at_the_session_question_has_expired(event: ButtonPressed) -> None:
    runner = runner_at(SESSION)
    before = runner.state
    runner.send(event)
    assert runner.last.replies == (Reply(t("core.expired")), SESSION_QUESTION)
    assert runner.state == before
    assert runner.effects == []


@pytest.mark.parametrize("event", [TextReceived("blorp"), LocationShared(51.5, -0.12)])
def test_an_unreadable_session_answer_re_asks(event: UserInput) -> None:
    runner = runner_at(SESSION)
    before = runner.state
    runner.send(event)
    assert runner.last.replies == (Reply(t("checkin.session_reask")), SESSION_QUESTION)
    assert runner.state == before
    assert runner.effects == []


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        # Logged as done, and as a soreness of 7 that opened pain triage.
        (SESSION, "what counts as finished?"),
        (SORENESS, "what does 7 mean?"),
        (SORENESS, "what does the scale mean?"),
        (SORENESS, "which number should i pick?"),  # "number" was read as numbness
    ],
)
def test_a_question_logs_nothing_and_asks_again(kind: Started, said: str) -> None:
    runner = runner_at(kind)
    before = runner.state
    runner.type(said)
    assert runner.last.replies[0] == Reply(t("checkin.asked"))
    assert runner.state == before
    assert runner.effects == []


# ---------------------------------------------------------------- the morning-after soreness


@pytest.mark.parametrize(
    ("answer", "score", "key"),
    [
        ("0", 0, "checkin.soreness_low"),
        (press("s:3"), 3, "checkin.soreness_low"),
        ("three", 3, "checkin.soreness_low"),
        ("4", 4, "checkin.soreness_mid"),
        ("about 4", 4, "checkin.soreness_mid"),
        # Said among words, as runners type it.
        ("a bit sore, maybe 3", 3, "checkin.soreness_low"),
        ("not sore at all", 0, "checkin.soreness_low"),
        ("pretty sore tbh", 5, "checkin.soreness_mid"),
        (press("s:5"), 5, "checkin.soreness_mid"),
    ],
)
def test_soreness_up_to_5_is_logged_with_advice_and_ends(
    answer: str | ButtonPressed, score: int, key: str
) -> None:
    runner = runner_at(SORENESS)
    runner.walk([answer])
    assert runner.state is None
    assert runner.last.replies == (Reply(t(key)),)
    assert runner.effects == [LogEvent("soreness", {"day": "2025-03-03", "score": score})]


@pytest.mark.parametrize(
    ("answer", "score", "passed_on"),
    [
        (press("s:6"), 6, "soreness 6/10"),
        ("6", 6, "6 (soreness 6/10)"),
        ("7/10", 7, "7/10 (soreness 7/10)"),
        ("super sore 8", 8, "super sore 8 (soreness 8/10)"),
        ("7 or 8", 8, "7 or 8 (soreness 8/10)"),  # the higher: the safe side
        (press("s:10"), 10, "soreness 10/10"),
    ],
)
def test_soreness_of_6_or_more_hands_over_to_the_pain_dialog(
    answer: str | ButtonPressed, score: int, passed_on: str
) -> None:
    runner = runner_at(SORENESS)
    runner.walk([answer])
    assert runner.state == DialogState("pain", "start", {"source": "checkin", "text": passed_on})
    assert runner.last.replies == (Reply(t("checkin.soreness_high")),)
    assert runner.effects == [LogEvent("soreness", {"day": "2025-03-03", "score": score})]


@pytest.mark.parametrize(
    "event",
    [
        TextReceived("11"),
        TextReceived("-1"),
        TextReceived("sore"),
        TextReceived("s:7"),
        ButtonPressed("s:11"),
        ButtonPressed("s:x"),
        ButtonPressed("done"),  # the session question's button, tapped the next morning
        LocationShared(51.5, -0.12),
    ],
)
def test_no_number_from_0_to_10_re_asks_the_soreness(event: UserInput) -> None:
    runner = runner_at(SORENESS)
    before = runner.state
    runner.send(event)
    assert runner.last.replies == (Reply(t("checkin.soreness_reask")), SORENESS_QUESTION)
    assert runner.state == before
    assert runner.effects == []


# ---------------------------------------------------------------- through the router


def test_a_scheduled_soreness_check_in_of_7_opens_pain_triage_with_the_score() -> None:
    due = nudges.soreness_checkin(DAY, "Europe/London")
    asked = router.deliver(due.kind, due.payload, None, CTX)
    assert asked.replies == (SORENESS_QUESTION,)
    result = router.route(asked.state, ButtonPressed("s:7"), CTX)
    assert result.state is not None and result.state.dialog == "pain"
    assert result.state.data["source"] == "checkin"
    assert result.state.data["report"] == {"worst": 7}  # read from "soreness 7/10"
    high, intro, *_question = result.replies
    assert high == Reply(t("checkin.soreness_high"))
    assert intro.text.startswith(t("pain.intro.checkin"))
    assert result.effects == (LogEvent("soreness", {"day": "2025-03-03", "score": 7}),)


def test_a_check_in_mid_onboarding_resumes_onboarding_afterwards() -> None:
    new = context()
    state = router.route(None, CommandReceived("start"), new).state
    state = router.route(state, ButtonPressed("goal:faster"), new).state
    assert state is not None and state.step == onboarding.Step.RACE
    due = nudges.soreness_checkin(DAY, "Europe/London")
    asked = router.deliver(due.kind, due.payload, state, new)
    assert asked.state is not None and asked.state.dialog == "checkin"
    result = router.route(asked.state, ButtonPressed("s:2"), new)
    assert result.state == state
    low, back, question = result.replies
    assert low == Reply(t("checkin.soreness_low"))
    assert back == Reply(t("core.resuming"))
    assert (question,) == onboarding.prompt(state, new)


@pytest.mark.parametrize("typed", ["8", "eight", "about 8"])
def test_a_typed_score_reaches_the_pain_dialog(typed: str) -> None:
    """The pain dialog reads the score handed over with the runner's words: a bare "8" alone
    reads as no score, and the runner would be asked how bad it is again."""
    runner = runner_at(SORENESS)
    runner.walk([typed])
    assert parse_pain_text(runner.state.data["text"]).worst == 8
