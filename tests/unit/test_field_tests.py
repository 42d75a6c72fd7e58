"""/tests, walked purely: the offer, each test per side, reading results, the saved day with
its retest nudge, and the starting level the results point to."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CancelMessages,
    CommandReceived,
    Context,
    DialogState,
    Reply,
    ScheduleMessage,
    TextReceived,
    Transition,
)
from dialogs.pain import walk_run
from dialogs.records import FieldTest, FieldTestResult, PainRecord, PainStatus, Profile, Side
from dialogs.texts import t
from dialogs.training import baseline, workout
from dialogs.training import field_tests as ft
from dialogs.training.sessions import Session, build_session
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal

NOW = datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)
PROFILE = Profile(
    goal=Goal.PREVENT,
    experience=Experience.REGULAR,
    runs_per_week=3,
    equipment=frozenset({Equipment.BAND}),
    workout_time=time(18, 0),
    timezone="Europe/London",
)
# What a runner types for each question, in the order asked, and what is stored.
ANSWERS = [
    ("18", 18),  # bridge, left
    ("about 12 reps", 12),  # bridge, right: a third weaker
    ("45s", 45),  # side plank, left
    ("1:05", 65),  # side plank, right
    ("twenty two", 22),  # calf raises, left
    ("25", 25),  # calf raises, right
    ("bit wobbly", 2),  # squat, left
    ("3", 3),  # squat, right
]


def _ctx(**changes: object) -> Context:
    base: dict[str, object] = {"now": NOW, "user_id": 7, "profile": PROFILE}
    return Context(**{**base, **changes})  # type: ignore[arg-type]


def _roundtrip(state: DialogState | None) -> DialogState:
    assert state is not None
    return DialogState(state.dialog, state.step, json.loads(json.dumps(state.data)))


def _buttons(reply: Reply) -> list[str]:
    return [b.value for row in reply.buttons for b in row]


def _begin(ctx: Context) -> Transition:
    offer = router.route(None, CommandReceived("tests"), ctx)
    assert offer.state is not None and offer.state.step == ft.Step.OFFER
    return router.route(_roundtrip(offer.state), ButtonPressed("start"), ctx)


def _walk(ctx: Context, answers: list[str]) -> Transition:
    tr = _begin(ctx)
    for answer in answers:
        tr = ft.step(_roundtrip(tr.state), TextReceived(answer), ctx)
    return tr


def test_the_offer_says_what_the_tests_are() -> None:
    tr = router.route(None, CommandReceived("tests"), _ctx())
    (offer,) = tr.replies
    for name in ("single-leg bridge", "side plank", "calf raises", "single-leg squat"):
        assert name in offer.text
    assert _buttons(offer) == ["start", "later"]
    later = ft.step(_roundtrip(tr.state), TextReceived("not now"), _ctx())
    assert later.state is None and later.effects == () and "/tests" in later.replies[0].text


def test_each_test_is_asked_per_side_and_the_day_is_saved_with_a_retest_nudge() -> None:
    ctx = _ctx()
    tr = _begin(ctx)
    asked = []
    for typed, _value in ANSWERS:
        assert tr.state is not None and tr.state.step == ft.Step.TEST
        asked.append(tr.replies[-1].text.split("\n", 1)[0])
        tr = ft.step(_roundtrip(tr.state), TextReceived(typed), ctx)
    assert asked[0] == "<b>1 of 8 · Single-leg bridge, left</b>"
    assert asked[1] == "<b>2 of 8 · Single-leg bridge, right</b>"
    assert asked[-1] == "<b>8 of 8 · Single-leg squat, right</b>"
    assert tr.state is None
    save, cancel, nudge = tr.effects
    assert isinstance(save, ft.SaveFieldTests) and save.day == TODAY
    assert [(r.test, r.side, r.value) for r in save.results] == [
        (test, side, value)
        for (test, side), (_typed, value) in zip(baseline.BATTERY, ANSWERS, strict=True)
    ]
    assert cancel == CancelMessages(kinds=(ft.RETEST_DUE,), reason="tested again")
    assert isinstance(nudge, ScheduleMessage) and nudge.kind == ft.RETEST_DUE
    # Five weeks on, at the runner's workout time, opening this dialog as a retest.
    local = datetime.combine(TODAY + timedelta(weeks=5), time(18, 0), ZoneInfo("Europe/London"))
    assert nudge.due == local
    assert nudge.payload == {"dialog": ft.NAME, "args": {"retest": True}}
    text = tr.replies[0].text
    assert "Baseline saved" in text
    assert "• Single-leg bridge: L 18 reps · R 12 reps" in text
    assert "• Side plank: L 45 s · R 65 s" in text
    assert "• Single-leg squat: L 2/3 · R 3/3" in text
    assert "noticeably weaker on: Single-leg bridge, Side plank" in text
    assert "retest around Mon 07 Apr" in text


def test_a_retest_shows_the_change_since_last_time() -> None:
    earlier = tuple(
        FieldTestResult(day=TODAY - timedelta(weeks=5), test=test, side=side, value=10)
        for test, side in baseline.BATTERY
    )
    tr = _walk(_ctx(field_tests=earlier), [typed for typed, _ in ANSWERS])
    text = tr.replies[0].text
    assert "Retest saved" in text
    assert "• Single-leg bridge: L 10 reps → 18 reps · R 10 reps → 12 reps" in text


def test_skips_and_unreadable_answers() -> None:
    ctx = _ctx()
    tr = _begin(ctx)
    again = ft.step(_roundtrip(tr.state), TextReceived("dunno, quite a few"), ctx)
    assert again.state == tr.state and again.effects == ()
    assert "I need a number of reps, like 18" in again.replies[0].text
    assert again.replies[-1] == tr.replies[-1]
    stale = ft.step(_roundtrip(tr.state), ButtonPressed("skip:5"), ctx)
    assert stale.state == tr.state and "earlier message" in stale.replies[0].text
    # "no" is a skip, not 0 reps; the skip button too.
    tr = ft.step(_roundtrip(tr.state), TextReceived("no"), ctx)
    tr = ft.step(_roundtrip(tr.state), ButtonPressed("skip:1"), ctx)
    assert tr.state is not None and tr.state.data["index"] == 2
    for index in range(2, 7):
        tr = ft.step(_roundtrip(tr.state), ButtonPressed(f"skip:{index}"), ctx)
    assert _buttons(tr.replies[-1]) == ["q:7:1", "q:7:2", "q:7:3", "skip:7"]
    tr = ft.step(_roundtrip(tr.state), ButtonPressed("q:7:3"), ctx)
    (save, *_rest) = tr.effects
    assert isinstance(save, ft.SaveFieldTests)
    assert save.results == (FieldTestResult(day=TODAY, test="squat", side="right", value=3),)


@pytest.mark.parametrize(
    ("index", "said"),
    [
        # Each was saved as a result: 20 reps, 30 s held, a squat rated 3.
        (0, "how many should i do, like 20?"),
        (2, "how long should i hold it, 30 seconds?"),
        (6, "what counts as good?"),
    ],
)
def test_a_question_saves_no_result(index: int, said: str) -> None:
    ctx = _ctx()
    tr = _walk(ctx, ["skip"] * index)
    assert tr.state is not None and tr.state.data["index"] == index
    again = ft.step(_roundtrip(tr.state), TextReceived(said), ctx)
    assert again.state == tr.state and again.effects == ()
    assert again.replies[0].text == t("field_tests.asked")
    assert again.replies[-1] == tr.replies[-1]


def test_cant_is_a_skip_and_none_done_is_a_result_of_zero() -> None:
    tr = _walk(_ctx(), ["cant do it", "couldn't do any", "im tired, skip?", *["skip"] * 5])
    (save, *_rest) = tr.effects
    assert isinstance(save, ft.SaveFieldTests)
    assert save.results == (FieldTestResult(day=TODAY, test="bridge", side="right", value=0),)


def test_all_skipped_saves_nothing() -> None:
    tr = _walk(_ctx(), ["skip"] * 8)
    assert tr.state is None and tr.effects == ()
    assert "Nothing recorded" in tr.replies[0].text


def _held(level: str, advice: str | None = None) -> PainStatus:
    record = PainRecord(
        key="pain-calf", locations=(BodyLocation.CALF,), level=level, advice=advice,
        first_reported=TODAY - timedelta(days=3),
    )  # fmt: skip
    return walk_run.status((record,), None)


@pytest.mark.parametrize(
    ("pain", "why"),
    [(_held("urgent"), "needs care"), (_held("physio", advice="rest"), "rests")],
    ids=["urgent", "told to rest"],
)
def test_a_pain_that_holds_training_stops_the_tests_and_follows_that_pain_up(
    pain: PainStatus, why: str
) -> None:
    tr = router.route(None, CommandReceived("tests"), _ctx(pain=pain))
    assert tr.state is not None and (tr.state.dialog, tr.state.step) == ("pain", "checkin")
    assert why in tr.replies[0].text and "ci:seen" in _buttons(tr.replies[0])


def test_a_sore_spot_that_holds_nothing_is_mentioned_in_the_offer() -> None:
    sore = _held("physio")  # see a physio, sessions stay gentle: testing may go ahead
    tr = router.route(None, CommandReceived("tests"), _ctx(pain=sore))
    assert tr.state is not None and tr.state.dialog == ft.NAME
    assert "skip any test that loads it" in tr.replies[0].text


def test_the_retest_nudge_opens_the_retest_offer() -> None:
    payload = {"dialog": ft.NAME, "args": {"retest": True}}
    tr = router.deliver(ft.RETEST_DUE, payload, None, _ctx())
    assert tr.state is not None and tr.state.dialog == ft.NAME
    assert "Time for a retest" in tr.replies[0].text


@pytest.mark.parametrize(
    ("test", "text", "value"),
    [
        (FieldTest.BRIDGE, "18", 18),
        (FieldTest.BRIDGE, "eighteen", 18),
        (FieldTest.BRIDGE, "about 20 reps", 20),
        (FieldTest.BRIDGE, "banana", None),
        (FieldTest.CALF_RAISE, "22 on the left", 22),
        (FieldTest.CALF_RAISE, "999", None),
        # None done is a result too: zero.
        (FieldTest.CALF_RAISE, "couldn't do any", 0),
        (FieldTest.BRIDGE, "not even one", 0),
        (FieldTest.SIDE_PLANK, "couldnt hold it", 0),
        (FieldTest.SIDE_PLANK, "45", 45),
        (FieldTest.SIDE_PLANK, "45 seconds", 45),
        (FieldTest.SIDE_PLANK, "1:30", 90),
        (FieldTest.SIDE_PLANK, "1 min 20", 80),
        (FieldTest.SIDE_PLANK, "1m10s", 70),
        (FieldTest.SIDE_PLANK, "a minute", 60),
        (FieldTest.SIDE_PLANK, "2 minutes", 120),
        (FieldTest.SIDE_PLANK, "forty", 40),
        (FieldTest.SQUAT, "2", 2),
        (FieldTest.SQUAT, "steady", 3),
        (FieldTest.SQUAT, "bit wobbly", 2),
        (FieldTest.SQUAT, "my knee caved in", 1),
        (FieldTest.SQUAT, "18", None),
    ],
)
def test_reading_results(test: FieldTest, text: str, value: int | None) -> None:
    assert baseline.read_value(test, text) == value


def _day(values: dict[FieldTest, tuple[int, int]], day: date = TODAY) -> list[FieldTestResult]:
    return [
        FieldTestResult(day=day, test=test, side=side, value=pair[index])
        for test, pair in values.items()
        for index, side in enumerate(Side)
    ]


STRONG = {
    FieldTest.BRIDGE: (30, 28),
    FieldTest.SIDE_PLANK: (70, 65),
    FieldTest.CALF_RAISE: (30, 27),
    FieldTest.SQUAT: (3, 3),
}
WEAK = {
    FieldTest.BRIDGE: (8, 10),
    FieldTest.SIDE_PLANK: (20, 15),
    FieldTest.CALF_RAISE: (10, 12),
    FieldTest.SQUAT: (1, 2),
}


def test_the_starting_level_the_tests_point_to() -> None:
    assert baseline.starting_level([], Experience.REGULAR) is Experience.REGULAR
    assert baseline.starting_level(_day(STRONG), Experience.REGULAR) is Experience.EXPERIENCED
    # At most one step above what the runner said.
    assert baseline.starting_level(_day(STRONG), Experience.NEW) is Experience.REGULAR
    assert baseline.starting_level(_day(WEAK), Experience.EXPERIENCED) is Experience.NEW
    # The weaker side decides: a strong left bridge does not hide a weak right one.
    lopsided = _day({FieldTest.BRIDGE: (30, 12)})
    assert baseline.tested_levels(lopsided) == {FieldTest.BRIDGE: Experience.NEW}
    # The latest test day counts, not the first.
    later = _day(STRONG, TODAY + timedelta(weeks=5))
    assert baseline.starting_level(_day(WEAK) + later, Experience.REGULAR) is Experience.EXPERIENCED


def test_a_retest_is_due_after_five_weeks() -> None:
    results = _day(WEAK)
    assert not baseline.retest_due([], TODAY)
    assert not baseline.retest_due(results, TODAY + timedelta(weeks=4))
    assert baseline.retest_due(results, TODAY + timedelta(weeks=5))


def test_the_tests_set_where_workouts_start() -> None:
    new = PROFILE.model_copy(update={"experience": Experience.NEW})
    tested = _ctx(profile=new, field_tests=tuple(_day(STRONG)))
    offer = workout.step(None, CommandReceived("workout"), tested)
    assert offer.state is not None
    session = Session.model_validate(offer.state.data["session"])
    regular = new.model_copy(update={"experience": Experience.REGULAR})
    expected = build_session(profile=regular, day=TODAY, user_id=7, history=(), pain=None)
    untested = build_session(profile=new, day=TODAY, user_id=7, history=(), pain=None)
    assert session.items == expected.items != untested.items
    # A baseline no longer asked for; a retest offered once it is due.
    assert "/tests" not in offer.replies[0].text
    first = workout.step(None, CommandReceived("workout"), _ctx(profile=new))
    assert "New here? /tests" in first.replies[0].text
    due = _ctx(now=NOW + timedelta(weeks=6), profile=new, field_tests=tuple(_day(STRONG)))
    assert "A retest is due" in workout.step(None, CommandReceived("workout"), due).replies[0].text
