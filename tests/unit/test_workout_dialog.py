"""/workout, walked purely: the offer, the guided session, typed answers, hand-over and resume."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CancelMessages,
    Context,
    DialogState,
    LocationShared,
    Reply,
    Started,
    TextReceived,
    Transition,
)
from dialogs.knowledge import knowledge
from dialogs.records import (
    ExerciseResult,
    Outcome,
    PainRecord,
    PainStatus,
    Profile,
    SessionRecord,
)
from dialogs.texts import t
from dialogs.training import nudges
from dialogs.training import workout as wd
from dialogs.training.sessions import Session, build_session
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal

NOW = datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
PROFILE = Profile(
    goal=Goal.PREVENT,
    experience=Experience.NEW,
    runs_per_week=3,
    equipment=frozenset({Equipment.BAND}),
    timezone="Europe/London",
)


def _ctx(**changes: object) -> Context:
    base: dict[str, object] = {"now": NOW, "user_id": 7, "profile": PROFILE}
    return Context(**{**base, **changes})  # type: ignore[arg-type]


def _start(ctx: Context | None = None) -> Transition:
    return wd.step(DialogState(wd.NAME, "start"), Started(), ctx or _ctx())


def _session(tr: Transition) -> Session:
    assert tr.state is not None
    return Session.model_validate(tr.state.data["session"])


def _buttons(reply: Reply) -> list[str]:
    return [b.value for row in reply.buttons for b in row]


def _roundtrip(state: DialogState | None) -> DialogState | None:
    """What the shell stores and loads back between messages."""
    if state is None:
        return None
    return DialogState(state.dialog, state.step, json.loads(json.dumps(state.data)))


def _check_replies(tr: Transition) -> None:
    for reply in tr.replies:
        assert len(reply.text) < 4096
        assert set(re.findall(r"</?(\w+)", reply.text)) <= {"b", "i"}
        for value in _buttons(reply):
            assert value.isascii() and len(value.encode()) <= 24


# ---------------------------------------------------------------- starting


def test_without_a_profile_it_offers_onboarding() -> None:
    tr = _start(_ctx(profile=None))
    assert tr.state is None
    assert _buttons(tr.replies[0]) == ["go:onboarding"]


def test_urgent_pain_comes_first() -> None:
    report = PainRecord(key="pain-1", locations=(BodyLocation.CALF,), level="urgent",
                        first_reported=date(2026, 1, 5))  # fmt: skip
    pain = PainStatus(level="urgent", locations=frozenset({BodyLocation.CALF}), reports=(report,))
    tr = _start(_ctx(pain=pain))
    # Held: the pain dialog follows the held report up instead of a session.
    assert tr.state is not None and (tr.state.dialog, tr.state.step) == ("pain", "start")
    assert not tr.replies


def test_the_offer_shows_the_whole_session() -> None:
    tr = _start()
    session = _session(tr)
    assert tr.state is not None and tr.state.step == wd.Step.OFFER
    (offer,) = tr.replies
    assert session.focus in offer.text
    assert f"about {session.minutes} min" in offer.text
    for item in session.items:
        assert item.name in offer.text
    assert _buttons(offer) == ["start", "later"]
    assert tr.effects == ()
    _check_replies(tr)


def test_physio_level_pain_is_mentioned_and_respected() -> None:
    pain = PainStatus(level="physio", locations=frozenset({BodyLocation.KNEE_FRONT}))
    tr = _start(_ctx(pain=pain))
    assert "🟠" in tr.replies[0].text
    exercises = knowledge().exercises.values()
    avoided = {e.id for e in exercises if BodyLocation.KNEE_FRONT in e.avoid_with}
    assert not {i.exercise_id for i in _session(tr).items} & avoided


def test_the_day_is_the_runners_local_day() -> None:
    late = datetime(2025, 3, 3, 23, 30, tzinfo=UTC)
    tokyo = PROFILE.model_copy(update={"timezone": "Asia/Tokyo"})
    assert _session(_start(_ctx(now=late, profile=tokyo))).day == date(2025, 3, 4)
    assert _session(_start(_ctx(now=late))).day == date(2025, 3, 3)


@pytest.mark.parametrize("text", ["not now", "later", "no thanks", "Nope"])
def test_not_now_ends_kindly(text: str) -> None:
    offer = _start()
    tr = wd.step(offer.state, TextReceived(text), _ctx())
    assert tr.state is None and tr.effects == ()
    assert "/workout" in tr.replies[0].text
    tr = wd.step(offer.state, ButtonPressed("later"), _ctx())
    assert tr.state is None


@pytest.mark.parametrize(
    "event", [TextReceived("hmm?"), ButtonPressed("done:0"), LocationShared(51.5, 0.1)]
)
def test_the_offer_re_asks_on_anything_else(event: object) -> None:
    offer = _start()
    tr = wd.step(offer.state, event, _ctx())  # type: ignore[arg-type]
    assert tr.state == offer.state
    assert tr.replies[-1] == offer.replies[0]
    assert len(tr.replies) == 2


# ---------------------------------------------------------------- the guided session


def _begin(ctx: Context | None = None) -> tuple[Transition, Session]:
    offer = _start(ctx)
    session = _session(offer)
    tr = wd.step(_roundtrip(offer.state), ButtonPressed("start"), ctx or _ctx())
    return tr, session


@pytest.mark.parametrize("text", ["yep", "yeah", "yup go", "lets go", "ok", "ready"])
def test_a_typed_yes_starts_the_session(text: str) -> None:
    offer = _start()
    tr = wd.step(_roundtrip(offer.state), TextReceived(text), _ctx())
    assert isinstance(tr.effects[0], wd.StartSession)


def test_start_opens_the_log_and_shows_the_first_exercise() -> None:
    tr, session = _begin()
    effect, checkin = tr.effects
    assert effect == wd.StartSession(
        day=session.day,
        started_at=NOW,
        focus=session.focus,
        plan=tuple(i.exercise_id for i in session.items),
    )
    # The core, not the shell, decides that a started session gets "how did it go?" later.
    assert checkin == nudges.session_checkin(session.day, NOW)
    first = session.items[0]
    text = tr.replies[0].text
    assert f"1 of {len(session.items)} · Warm-up · {first.name}" in text
    assert f"rest {first.rest_seconds} s" in text
    assert "Cue:" in text and "Why:" in text
    assert knowledge().exercises[first.exercise_id].how_to[0] in text
    assert _buttons(tr.replies[0]) == ["done:0", "easy:0", "hard:0", "skipped:0", "hurt:0"]


def test_a_whole_session_by_buttons() -> None:
    tr, session = _begin()
    answers = [Outcome.DONE, Outcome.EASY, Outcome.HARD, Outcome.SKIPPED, Outcome.DONE]
    logged: list[ExerciseResult] = []
    for index, item in enumerate(session.items):
        outcome = answers[index % len(answers)]
        state = _roundtrip(tr.state)
        assert state is not None and state.data["index"] == index
        tr = wd.step(state, ButtonPressed(f"{outcome.value}:{index}"), _ctx())
        _check_replies(tr)
        log = tr.effects[0]
        assert isinstance(log, wd.LogExercise)
        assert log.result.exercise_id == item.exercise_id
        assert log.result.outcome is outcome
        assert log.result.sets == (0 if outcome is Outcome.SKIPPED else item.sets)
        logged.append(log.result)
        if index + 1 < len(session.items):
            assert tr.state is not None
            assert f"{index + 2} of {len(session.items)}" in tr.replies[0].text
    assert tr.state is None
    *_, done, no_checkin, soreness = tr.effects
    assert done == wd.FinishSession(day=session.day, finished_at=NOW)
    assert no_checkin == CancelMessages(
        kinds=(nudges.SESSION_CHECKIN,),
        key_prefix=session.day.isoformat(),
        reason="session finished",
    )
    assert soreness == nudges.soreness_checkin(session.day, "Europe/London")
    summary = tr.replies[0].text
    assert "Session done" in summary
    assert "too easy" in summary and "too hard" in summary and "skipped" in summary
    assert len(logged) == len(session.items)


TYPED = [
    ("done", Outcome.DONE),
    ("Done!", Outcome.DONE),
    ("ok", Outcome.DONE),
    ("✅", Outcome.DONE),
    ("👍", Outcome.DONE),
    ("👍🏽", Outcome.DONE),
    ("👌", Outcome.DONE),
    ("did it", Outcome.DONE),
    ("yep", Outcome.DONE),
    ("nailed it", Outcome.DONE),
    ("smashed it", Outcome.DONE),
    ("all good", Outcome.DONE),
    ("easy", Outcome.EASY),
    ("too easy", Outcome.EASY),
    ("too hard", Outcome.HARD),
    ("that was hard", Outcome.HARD),
    ("skip", Outcome.SKIPPED),
    ("next please", Outcome.SKIPPED),
    ("hurts", Outcome.HURT),
    ("it hurts", Outcome.HURT),
    ("my knee is in pain", Outcome.HURT),
    ("no pain, done", Outcome.DONE),
    ("no pain but too hard", Outcome.HARD),
]


@pytest.mark.parametrize(("text", "outcome"), TYPED)
def test_typed_answers(text: str, outcome: Outcome) -> None:
    tr, _ = _begin()
    tr = wd.step(tr.state, TextReceived(text), _ctx())
    log = tr.effects[0]
    assert isinstance(log, wd.LogExercise)
    assert log.result.outcome is outcome


@pytest.mark.parametrize(
    "text",
    [
        # Each was logged: too hard, done, done.
        "how hard should this feel?",
        "did i do it right?",
        "is this done with straight legs?",
        "how do i do this one",
    ],
)
def test_a_question_logs_nothing_and_shows_the_exercise_again(text: str) -> None:
    tr, _ = _begin()
    again = wd.step(tr.state, TextReceived(text), _ctx())
    assert again.state == tr.state and again.effects == ()
    assert again.replies[0].text == t("workout.item_question")
    assert again.replies[1:] == wd.prompt(tr.state, _ctx())


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("done?", Outcome.DONE),
        ("is it ok if i skip this one?", Outcome.SKIPPED),
        ("is it normal that my knee hurts doing this?", Outcome.HURT),
    ],
)
def test_an_answer_or_a_pain_put_as_a_question_is_still_logged(
    text: str, outcome: Outcome
) -> None:
    tr, _ = _begin()
    log = wd.step(tr.state, TextReceived(text), _ctx()).effects[0]
    assert isinstance(log, wd.LogExercise)
    assert log.result.outcome is outcome


def test_unreadable_text_re_asks_the_same_exercise() -> None:
    tr, _ = _begin()
    again = wd.step(tr.state, TextReceived("what?"), _ctx())
    assert again.state == tr.state and again.effects == ()
    assert "done, easy, too hard, skip or hurts" in again.replies[0].text
    assert again.replies[-1] == tr.replies[0]


def test_an_old_button_is_expired_not_applied() -> None:
    tr, _ = _begin()
    tr = wd.step(tr.state, ButtonPressed("done:0"), _ctx())
    for stale in ("done:0", "start", "later", "bogus", "easy:9"):
        again = wd.step(tr.state, ButtonPressed(stale), _ctx())
        assert again.state == tr.state and again.effects == ()
        assert "earlier message" in again.replies[0].text
        assert again.replies[-1].text == tr.replies[0].text.split("\n\n", 1)[1]


def test_it_hurts_logs_and_hands_over_to_the_pain_dialog() -> None:
    tr, session = _begin()
    tr = wd.step(tr.state, ButtonPressed("done:0"), _ctx())
    second = session.items[1]
    tr = wd.step(tr.state, ButtonPressed("hurt:1"), _ctx())
    assert tr.state is not None and (tr.state.dialog, tr.state.step) == ("pain", "start")
    assert tr.state.data["source"] == "workout"
    assert tr.state.data["exercise"] == second.exercise_id
    # The router brings the runner back to the rest of the session after a carry-on verdict.
    assert tr.state.data[router.RESUME_KEY] == {"dialog": "workout", "step": "resume", "data": {}}
    (log,) = tr.effects
    assert isinstance(log, wd.LogExercise)
    assert log.result.outcome is Outcome.HURT
    said = tr.replies[0].text
    assert second.name in said
    left = len(session.items) - 2
    assert f"the other {left} exercise(s) go on with moves that spare that spot" in said
    assert "we stop here and today counts as partly done" in said


def test_a_restart_mid_session_carries_on_where_it_was() -> None:
    tr, session = _begin()
    tr = wd.step(tr.state, ButtonPressed("done:0"), _ctx())
    stored = _roundtrip(tr.state)
    assert stored is not None
    # The prompt is the question exactly as asked (without the "logged" line).
    (prompt,) = wd.prompt(stored, _ctx())
    assert prompt.text in tr.replies[0].text
    assert prompt.buttons == tr.replies[0].buttons
    tr = wd.step(stored, TextReceived("done"), _ctx())
    assert tr.state is not None and tr.state.data["index"] == 2
    assert isinstance(tr.effects[0], wd.LogExercise)
    assert tr.effects[0].result.exercise_id == session.items[1].exercise_id


def test_prompt_for_the_offer_is_the_offer() -> None:
    offer = _start()
    assert offer.state is not None
    assert wd.prompt(offer.state, _ctx()) == offer.replies


def _finish(
    ctx: Context, outcome: Outcome, answering: Context | None = None
) -> tuple[Transition, Session]:
    tr, session = _begin(ctx)
    for index in range(len(session.items)):
        tr = wd.step(tr.state, ButtonPressed(f"{outcome.value}:{index}"), answering or ctx)
    return tr, session


def _record(session: Session, outcome: Outcome, *, finished: bool = True) -> SessionRecord:
    return SessionRecord(
        day=session.day,
        started_at=datetime(session.day.year, session.day.month, session.day.day, 6, tzinfo=UTC),
        finished=finished,
        results=tuple(
            ExerciseResult(exercise_id=i.exercise_id, outcome=outcome, sets=i.sets)
            for i in session.items
        ),
    )


def test_the_summary_says_what_changes_next_time() -> None:
    earlier = build_session(
        profile=PROFILE, day=date(2025, 3, 1), user_id=7, history=(), pain=None
    )
    ctx = _ctx(history=(_record(earlier, Outcome.EASY),))
    tr, session = _finish(ctx, Outcome.EASY)
    summary = tr.replies[0].text
    repeated = {i.exercise_id for i in earlier.items} & {i.exercise_id for i in session.items}
    if repeated:
        assert "Next time" in summary and "⬆️" in summary
    tr, _ = _finish(_ctx(), Outcome.HARD)
    assert "⬇️" in tr.replies[0].text


def test_a_partial_log_of_this_session_in_the_history_is_not_counted_twice() -> None:
    tr, session = _finish(_ctx(), Outcome.HARD)
    plain = tr.replies[0].text
    # Mid-session the shell's history already holds the answers logged so far.
    partial = _record(session, Outcome.HARD, finished=False).model_copy(update={"started_at": NOW})
    tr, _ = _finish(_ctx(), Outcome.HARD, answering=_ctx(history=(partial,)))
    assert tr.replies[0].text == plain


def test_the_next_session_reflects_the_answers() -> None:
    _, first = _finish(_ctx(), Outcome.HARD)
    history = (_record(first, Outcome.HARD),)
    later = _ctx(now=datetime(2025, 3, 5, 7, tzinfo=UTC), history=history)
    offer = _start(later)
    assert "⬇️" in offer.replies[0].text
