"""/workout and what today already holds: one session a day, resuming a stopped session,
and the rest of a session after "it hurts"."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    Context,
    DialogState,
    Reply,
    Started,
    TextReceived,
    Transition,
)
from dialogs.knowledge import knowledge
from dialogs.records import ExerciseResult, Outcome, PainStatus, Profile, SessionRecord
from dialogs.training import today
from dialogs.training import workout as wd
from dialogs.training.sessions import Role, Session
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal

NOW = datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
PROFILE = Profile(
    goal=Goal.PREVENT,
    experience=Experience.REGULAR,
    runs_per_week=3,
    equipment=frozenset({Equipment.BAND}),
    timezone="Europe/London",
)


def _ctx(**changes: object) -> Context:
    base: dict[str, object] = {"now": NOW, "user_id": 7, "profile": PROFILE}
    return Context(**{**base, **changes})  # type: ignore[arg-type]


def _roundtrip(state: DialogState | None) -> DialogState:
    assert state is not None
    return DialogState(state.dialog, state.step, json.loads(json.dumps(state.data)))


def _buttons(reply: Reply) -> list[str]:
    return [b.value for row in reply.buttons for b in row]


def _workout(ctx: Context) -> Transition:
    return wd.step(DialogState(wd.NAME, "start"), Started(), ctx)


def _morning(answers: int) -> tuple[Session, SessionRecord]:
    """This morning's session, started at NOW and answered "done" for the first `answers`."""
    offer = _workout(_ctx())
    assert offer.state is not None
    session = Session.model_validate(offer.state.data["session"])
    results = tuple(
        ExerciseResult(exercise_id=item.exercise_id, outcome=Outcome.DONE, sets=item.sets)
        for item in session.items[:answers]
    )
    finished = answers >= len(session.items)
    record = SessionRecord(day=session.day, started_at=NOW, finished=finished, results=results)
    return session, record


# ---------------------------------------------------------------- one session a day


def test_a_second_workout_the_same_day_is_done_for_today_with_a_short_routine() -> None:
    session, record = _morning(answers=99)
    ctx = _ctx(now=LATER, history=(record,))
    tr = _workout(ctx)
    assert tr.state is not None and tr.state.step == wd.Step.DONE_TODAY
    (reply,) = tr.replies
    assert "You've done today's session" in reply.text
    assert "Today:" not in reply.text and tr.effects == ()
    assert _buttons(reply) == ["routine", "later"]

    routine = wd.step(_roundtrip(tr.state), ButtonPressed("routine"), ctx)
    assert routine.state is None and routine.effects == ()
    text = routine.replies[0].text
    assert "activation routine" in text
    drills = today.routine(PROFILE, ctx, session.day)
    assert 1 <= len(drills) <= today.ROUTINE_MOST
    for drill in drills:
        exercise = knowledge().exercises[drill.exercise_id]
        assert exercise.activation and drill.sets == 1
        assert f"{drill.name} · 1 × " in text

    no = wd.step(_roundtrip(tr.state), TextReceived("no thanks"), ctx)
    assert no.state is None and "Rest well" in no.replies[0].text
    unclear = wd.step(_roundtrip(tr.state), TextReceived("banana"), ctx)
    assert unclear.state == tr.state and unclear.replies[-1] == reply


def test_the_routine_spares_a_sore_spot() -> None:
    _session, record = _morning(answers=99)
    sore = PainStatus(level="modify", locations=frozenset({BodyLocation.HIP_OUTSIDE}))
    drills = today.routine(PROFILE, _ctx(history=(record,), pain=sore), record.day)
    assert drills
    for drill in drills:
        assert BodyLocation.HIP_OUTSIDE not in knowledge().exercises[drill.exercise_id].avoid_with


def test_yesterdays_session_does_not_stop_todays() -> None:
    _session, record = _morning(answers=99)
    tomorrow = _ctx(now=NOW + timedelta(days=1), history=(record,))
    assert _workout(tomorrow).state.step == wd.Step.OFFER  # type: ignore[union-attr]


# ---------------------------------------------------------------- resuming


def test_a_stopped_session_is_partly_done_and_resumes_where_it_stopped() -> None:
    session, record = _morning(answers=2)
    ctx = _ctx(now=LATER, history=(record,))
    tr = _workout(ctx)
    assert tr.state is not None and tr.state.step == wd.Step.RESUME
    (offer,) = tr.replies
    assert "after 2 exercise(s), so it counts as partly done" in offer.text
    assert _buttons(offer) == ["resume", "later"]

    go = wd.step(_roundtrip(tr.state), TextReceived("carry on 👍"), ctx)
    assert go.state is not None and go.state.step == wd.Step.EXERCISE
    # The same session log goes on: no new one is opened.
    assert go.effects == ()
    rest = Session.model_validate(go.state.data["session"])
    expected = [i.exercise_id for i in session.items[2:] if i.role is Role.MAIN]
    assert [i.exercise_id for i in rest.items] == expected
    assert go.replies[0].text.startswith(f"▶️ Picking up where you stopped: {len(expected)} to go.")
    assert f"1 of {len(expected)} · {rest.items[0].name}" in go.replies[0].text

    # Answering the rest finishes the day's session, the tally counting all of it.
    state = go.state
    done = wd.step(state, ButtonPressed("done:0"), ctx)
    for index in range(1, len(rest.items)):
        done = wd.step(done.state, ButtonPressed(f"done:{index}"), ctx)
    assert done.state is None
    assert isinstance(done.effects[1], wd.FinishSession)
    assert f"✅ {2 + len(rest.items)} done" in done.replies[0].text


def test_stopping_again_keeps_it_partly_done() -> None:
    _session, record = _morning(answers=1)
    ctx = _ctx(now=LATER, history=(record,))
    tr = wd.step(_roundtrip(_workout(ctx).state), ButtonPressed("later"), ctx)
    assert tr.state is None and tr.effects == ()
    assert "today stays partly done" in tr.replies[0].text


def test_cancel_mid_workout_then_workout_offers_to_resume() -> None:
    """Through the router, as the runner types it: /cancel loses no place."""
    _session, record = _morning(answers=0)
    ctx = _ctx()
    tr = router.route(None, CommandReceived("workout"), ctx)
    tr = router.route(_roundtrip(tr.state), ButtonPressed("start"), ctx)
    tr = router.route(_roundtrip(tr.state), TextReceived("done"), ctx)
    (log,) = [e for e in tr.effects if isinstance(e, wd.LogExercise)]
    cancelled = router.route(_roundtrip(tr.state), CommandReceived("cancel"), ctx)
    assert cancelled.state is None
    # The shell has logged the first answer under this morning's session.
    partial = record.model_copy(update={"results": (log.result,)})
    again = router.route(None, CommandReceived("workout"), _ctx(now=LATER, history=(partial,)))
    assert again.state is not None and again.state.step == wd.Step.RESUME
    assert "after 1 exercise(s)" in again.replies[-1].text


def test_resuming_with_a_new_sore_spot_swaps_the_moves_that_load_it() -> None:
    session, record = _morning(answers=1)
    loaded = {
        e.id for e in knowledge().exercises.values() if BodyLocation.KNEE_FRONT in e.avoid_with
    }
    sore = PainStatus(level="modify", locations=frozenset({BodyLocation.KNEE_FRONT}))
    rest = today.rest_of_session(_ctx(now=LATER, history=(record,), pain=sore), PROFILE, record)
    assert rest.items
    assert not {i.exercise_id for i in rest.items} & loaded
    # The morning's plan did have such a move, so this is a real swap.
    assert {i.exercise_id for i in session.items[1:]} & loaded
    offer = _workout(_ctx(now=LATER, history=(record,), pain=sore))
    assert "swapped for ones that spare it" in offer.replies[0].text


def test_a_pain_check_that_says_carry_on_brings_back_the_rest_of_the_session() -> None:
    """The router's half of "it hurts": the stash the workout leaves is resumed."""
    ctx = _ctx()
    tr = router.route(None, CommandReceived("workout"), ctx)
    tr = router.route(_roundtrip(tr.state), ButtonPressed("start"), ctx)
    tr = router.route(_roundtrip(tr.state), ButtonPressed("hurt:0"), ctx)
    assert tr.state is not None and tr.state.dialog == "pain"
    # The pain dialog ends with a verdict to carry on (no report to save above that level).
    ended = router._continue(_roundtrip(tr.state), Transition(None, (Reply("🟢"),)), ctx)
    assert ended.state is not None and ended.state.dialog == wd.NAME
    assert ended.state.step == wd.Step.RESUME


def test_resuming_with_nothing_left_marks_the_day_done() -> None:
    session, record = _morning(answers=99)
    stopped = record.model_copy(update={"finished": False})
    ctx = _ctx(now=LATER, history=(stopped,))
    tr = wd.step(_roundtrip(_workout(ctx).state), ButtonPressed("resume"), ctx)
    assert tr.state is None
    assert "That was all of today's session" in tr.replies[0].text
    assert wd.FinishSession(day=session.day, finished_at=LATER) in tr.effects
