"""The session builder and progression: properties over random runners, and worked examples."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.knowledge import Kind, Muscle, knowledge, level_rank
from dialogs.pain.loading import rested_places
from dialogs.records import ExerciseResult, Outcome, PainStatus, Profile, SessionRecord
from dialogs.texts import t
from dialogs.training import sessions as session_builder
from dialogs.training.sessions import (
    MAX_SETS,
    Move,
    Role,
    Session,
    build_session,
    estimate_minutes,
    next_changes,
    progression,
    session_outline,
)
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal, RaceDistance, Weekday

KB = knowledge()
MONDAY = date(2025, 3, 3)
SIDE = {Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS}

# ---------------------------------------------------------------- strategies

profiles = st.builds(
    Profile,
    goal=st.sampled_from(Goal),
    experience=st.sampled_from(Experience),
    runs_per_week=st.integers(0, 14),
    equipment=st.frozensets(st.sampled_from(Equipment)),
    hard_run_days=st.lists(st.sampled_from(Weekday), unique=True, max_size=3).map(tuple),
    session_minutes=st.integers(10, 60),
)
pains = st.none() | st.builds(
    PainStatus,
    level=st.sampled_from(["continue", "modify", "physio"]),
    locations=st.frozensets(st.sampled_from(BodyLocation), max_size=2),
)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
results = st.builds(
    ExerciseResult,
    exercise_id=st.sampled_from(sorted(KB.exercises)),
    outcome=st.sampled_from(Outcome),
    sets=st.integers(0, 5),
)


@st.composite
def histories(draw: st.DrawFn) -> list[SessionRecord]:
    count = draw(st.integers(0, 6))
    start = draw(days)
    records = []
    for n in range(count):
        day = start + timedelta(days=2 * n)
        records.append(
            SessionRecord(
                day=day,
                started_at=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
                finished=draw(st.booleans()),
                results=tuple(draw(st.lists(results, max_size=6))),
            )
        )
    return records[::-1]


@st.composite
def runners_on_a_day(draw: st.DrawFn) -> tuple[Profile, date]:
    """A runner and a day, half of them with a race from ten days before to four months after
    it, so every phase comes up, race week too."""
    profile, day = draw(profiles), draw(days)
    if draw(st.booleans()):
        race = {
            "race_day": day + timedelta(days=draw(st.integers(-10, 120))),
            "race_distance": draw(st.sampled_from(RaceDistance)),
        }
        profile = Profile.model_validate({**profile.model_dump(), **race})
    return profile, day


def _record(session: Session, outcome: Outcome, *, finished: bool = True) -> SessionRecord:
    day = session.day
    return SessionRecord(
        day=day,
        started_at=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        finished=finished,
        results=tuple(
            ExerciseResult(
                exercise_id=i.exercise_id,
                outcome=outcome,
                sets=0 if outcome is Outcome.SKIPPED else i.sets,
                reps=i.reps,
                seconds=i.seconds,
            )
            for i in session.items
        ),
    )


def _one(day: date, *answers: tuple[str, Outcome, int], finished: bool = True) -> SessionRecord:
    return SessionRecord(
        day=day,
        started_at=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        finished=finished,
        results=tuple(
            ExerciseResult(exercise_id=i, outcome=o, sets=s, reps=10) for i, o, s in answers
        ),
    )


def _newest_first(records: Sequence[SessionRecord]) -> list[SessionRecord]:
    return sorted(records, key=lambda r: r.day, reverse=True)


# ---------------------------------------------------------------- properties of every session


@settings(max_examples=200, deadline=None)
@given(profile=profiles, day=days, user_id=st.integers(1, 10**12), history=histories(), pain=pains)
def test_every_session_keeps_the_rules(
    profile: Profile,
    day: date,
    user_id: int,
    history: list[SessionRecord],
    pain: PainStatus | None,
) -> None:
    session = build_session(profile=profile, day=day, user_id=user_id, history=history, pain=pain)
    exercises = [KB.exercises[i.exercise_id] for i in session.items]
    mains = [KB.exercises[i.exercise_id] for i in session.items if i.role is Role.MAIN]
    active = pain.locations if pain is not None else frozenset()
    tomorrow = list(Weekday)[(day.weekday() + 1) % 7]

    # Shape: one activation drill first, then 3-5 main exercises, no repeats.
    assert session.items[0].role is Role.ACTIVATION
    assert [i.role for i in session.items[1:]] == [Role.MAIN] * len(mains)
    assert 3 <= len(mains) <= 5
    assert len({e.id for e in exercises}) == len(exercises)
    # Equipment, pain (a tendon at the modify level keeps its exercises), strength only.
    assert all(e.fits(profile.equipment) for e in exercises)
    assert all(not (e.avoid_with & rested_places(pain)) for e in exercises)
    assert all(e.kind is Kind.STRENGTH for e in exercises)
    # Both glute groups.
    assert any(e.muscles[0] is Muscle.GLUTEUS_MAXIMUS for e in mains)
    assert any(e.muscles[0] in SIDE for e in mains)
    # Time.
    assert session.minutes <= profile.session_minutes
    assert session.minutes == estimate_minutes(session.items)
    # Level: at most one step above the runner, and only through progression.
    rank = level_rank(profile.experience)
    assert all(level_rank(e.level) <= rank + 1 for e in exercises)
    if not history:
        assert all(level_rank(e.level) <= rank for e in exercises)
    # No heavy or explosive work before a hard run, with pain, or on a comeback.
    if tomorrow in profile.hard_run_days or active or profile.goal is Goal.COMEBACK:
        assert not any(e.heavy or e.explosive for e in exercises)
    # Doses come from the catalogue and stay sane.
    for item in session.items:
        assert 1 <= item.sets <= MAX_SETS
        assert (item.reps is None) != (item.seconds is None)
        assert item.cue and item.why
    assert session.focus
    # Deterministic, and safe to keep as JSON in the dialog state.
    again = build_session(profile=profile, day=day, user_id=user_id, history=history, pain=pain)
    assert again == session
    assert Session.model_validate(session.model_dump(mode="json")) == session


# ---------------------------------------------------------------- progression properties


@settings(max_examples=200, deadline=None)
@given(
    runner=runners_on_a_day(), user_id=st.integers(1, 10**12), history=histories(), pain=pains
)
def test_the_outline_a_reminder_names_is_the_session_workout_builds(
    runner: tuple[Profile, date],
    user_id: int,
    history: list[SessionRecord],
    pain: PainStatus | None,
) -> None:
    # The reminder must never promise another focus or length than /workout then shows.
    profile, day = runner
    args = {"profile": profile, "day": day, "user_id": user_id, "history": history, "pain": pain}
    session = build_session(**args)
    assert session_outline(**args) == (session.focus, session.minutes)


@settings(max_examples=200, deadline=None)
@given(history=histories(), kit=st.frozensets(st.sampled_from(Equipment)))
def test_progression_moves_at_most_one_step_along_the_chain(
    history: list[SessionRecord], kit: frozenset[Equipment]
) -> None:
    available = {e.id for e in KB.exercises.values() if e.fits(kit)}
    for chain_id, state in progression(history, available=available).items():
        ids = [e.id for e in KB.chain(chain_id) if e.id in available or e.id == state.previous_id]
        assert state.exercise_id in ids
        assert abs(ids.index(state.exercise_id) - ids.index(state.previous_id)) <= 1
        if state.exercise_id != state.previous_id:
            assert state.move in (Move.UP_VARIANT, Move.DOWN_VARIANT, Move.EASE)
            assert state.sets is None


@settings(max_examples=200, deadline=None)
@given(history=histories(), outcome=st.sampled_from([Outcome.HARD, Outcome.HURT]))
def test_after_hard_or_hurt_the_easier_variant_comes_next(
    history: list[SessionRecord], outcome: Outcome
) -> None:
    last_day = max((r.day for r in history), default=MONDAY) + timedelta(days=2)
    candidates = [e for e in KB.exercises.values() if e.easier is not None]
    exercise = candidates[last_day.toordinal() % len(candidates)]
    latest = _one(last_day, (exercise.id, outcome, 3))
    state = progression([latest, *history])[KB.chain_id(exercise.id)]
    assert state.exercise_id == exercise.easier
    assert state.move is (Move.EASE if outcome is Outcome.HURT else Move.DOWN_VARIANT)


@pytest.mark.parametrize(
    "exercise_id", [e.id for e in KB.exercises.values() if e.harder is not None]
)
def test_two_easy_finished_sessions_move_to_the_harder_variant(exercise_id: str) -> None:
    history = [
        _one(MONDAY + timedelta(days=2), (exercise_id, Outcome.EASY, 2)),
        _one(MONDAY, (exercise_id, Outcome.EASY, 2)),
    ]
    state = progression(history)[KB.chain_id(exercise_id)]
    assert state.exercise_id == KB.exercises[exercise_id].harder
    assert state.move is Move.UP_VARIANT


PROGRESSION_CASES = [
    # (answers over sessions, finished?, expected exercise, expected sets, expected move)
    ([Outcome.EASY], True, "clamshell", None, Move.NONE),
    ([Outcome.DONE, Outcome.DONE], True, "clamshell", 3, Move.UP_SET),
    ([Outcome.DONE, Outcome.EASY], True, "clamshell", 3, Move.UP_SET),
    ([Outcome.EASY, Outcome.EASY], True, "banded_clamshell", None, Move.UP_VARIANT),
    ([Outcome.EASY, Outcome.EASY], False, "clamshell", None, None),
    ([Outcome.EASY, Outcome.SKIPPED, Outcome.EASY], True, "banded_clamshell", None,
     Move.UP_VARIANT),
    ([Outcome.EASY, Outcome.HARD, Outcome.EASY], True, "clamshell", 1, Move.NONE),
    ([Outcome.HARD], True, "clamshell", 1, Move.DOWN_SET),
    ([Outcome.HURT], True, "clamshell", None, Move.SWAP),
    ([Outcome.HURT], False, "clamshell", None, Move.SWAP),
]


@pytest.mark.parametrize(("answers", "finished", "target", "sets", "move"), PROGRESSION_CASES)
def test_progression_table(
    answers: list[Outcome], finished: bool, target: str, sets: int | None, move: Move | None
) -> None:
    history = [
        _one(MONDAY + timedelta(days=2 * n), ("clamshell", answer, 2), finished=finished)
        for n, answer in enumerate(answers)
    ]
    state = progression(history).get("clamshell")
    if move is None:
        assert state is None
        return
    assert state is not None
    assert (state.exercise_id, state.sets, state.move) == (target, sets, move)


def test_extra_sets_stop_at_the_limit_then_the_variant_moves_up() -> None:
    history = [
        _one(MONDAY + timedelta(days=2 * n), ("clamshell", Outcome.DONE, 4)) for n in range(2)
    ]
    state = progression(history)["clamshell"]
    assert (state.exercise_id, state.move) == ("banded_clamshell", Move.UP_VARIANT)


def test_progression_skips_variants_the_runner_cannot_do() -> None:
    no_kit = {e.id for e in KB.exercises.values() if e.fits(())}
    history = [
        _one(MONDAY + timedelta(days=2 * n), ("glute_bridge", Outcome.EASY, 2)) for n in range(2)
    ]
    state = progression(history, available=no_kit)["glute_bridge"]
    assert state.exercise_id == "single_leg_bridge"  # the banded bridge needs a band


# ---------------------------------------------------------------- worked examples

NEW_BAND = Profile(
    goal=Goal.PREVENT, experience=Experience.NEW, runs_per_week=3,
    equipment=frozenset({Equipment.BAND}),
)
FULL_GYM = Profile(
    goal=Goal.FASTER, experience=Experience.EXPERIENCED, runs_per_week=5,
    equipment=frozenset(Equipment),
)
NO_KIT = Profile(goal=Goal.STRONGER, experience=Experience.NEW, runs_per_week=2)


def _build(
    profile: Profile,
    day: date,
    history: Sequence[SessionRecord] = (),
    pain: PainStatus | None = None,
) -> Session:
    return build_session(profile=profile, day=day, user_id=42, history=history, pain=pain)


def test_the_next_session_differs_from_the_last() -> None:
    for profile in (NEW_BAND, FULL_GYM, NO_KIT):
        first = _build(profile, MONDAY)
        second = _build(profile, MONDAY + timedelta(days=2), [_record(first, Outcome.DONE)])
        mains = [{i.exercise_id for i in s.items if i.role is Role.MAIN} for s in (first, second)]
        assert mains[0] != mains[1]


def test_easy_twice_shows_up_as_the_harder_variant_with_a_change_line() -> None:
    history = _newest_first(
        [_one(MONDAY + timedelta(days=2 * n), ("glute_bridge", Outcome.EASY, 2)) for n in range(2)]
    )
    session = _build(NO_KIT, MONDAY + timedelta(days=4), history)
    ids = [i.exercise_id for i in session.items]
    assert "single_leg_bridge" in ids
    assert "glute_bridge" not in [i.exercise_id for i in session.items if i.role is Role.MAIN]
    assert any("Single-leg glute bridge" in line for line in session.changes)


def test_too_hard_brings_the_easier_variant() -> None:
    history = [_one(MONDAY, ("single_leg_bridge", Outcome.HARD, 3))]
    session = _build(NO_KIT, MONDAY + timedelta(days=2), history)
    ids = [i.exercise_id for i in session.items]
    assert "single_leg_bridge" not in ids
    assert "glute_bridge" in ids
    assert any("⬇️" in line for line in session.changes)


def test_it_hurts_swaps_the_exercise_out_next_time() -> None:
    history = [_one(MONDAY, ("wall_press", Outcome.HURT, 2))]
    session = _build(NO_KIT, MONDAY + timedelta(days=2), history)
    assert "wall_press" not in [i.exercise_id for i in session.items]
    assert any("Standing wall press" in line for line in session.changes)


def test_no_heavy_or_explosive_work_the_day_before_a_hard_run() -> None:
    tuesday_long_run = FULL_GYM.model_copy(update={"hard_run_days": (Weekday.TUE,)})
    for offset in range(14):
        day = MONDAY + timedelta(days=offset)
        session = _build(tuesday_long_run, day)
        heavy = [
            i.exercise_id
            for i in session.items
            if KB.exercises[i.exercise_id].heavy or KB.exercises[i.exercise_id].explosive
        ]
        if day.weekday() == 0:
            assert heavy == []
    assert any(
        KB.exercises[i.exercise_id].explosive
        for i in _build(FULL_GYM, MONDAY).items
    )


def test_pain_rules_out_what_it_must() -> None:
    pain = PainStatus(level="modify", locations=frozenset({BodyLocation.KNEE_FRONT}))
    for offset in range(7):
        session = _build(FULL_GYM, MONDAY + timedelta(days=offset), pain=pain)
        ids = {i.exercise_id for i in session.items}
        assert not ids & {"squat", "lunge", "bulgarian_split_squat", "box_jump", "back_squat"}
        assert session.notes == ()


@pytest.mark.parametrize("minutes", [10, 15, 25, 40, 60])
def test_sessions_fit_the_time_budget(minutes: int) -> None:
    for profile in (NEW_BAND, FULL_GYM, NO_KIT):
        fitted = profile.model_copy(update={"session_minutes": minutes})
        for offset in range(5):
            session = _build(fitted, MONDAY + timedelta(days=offset))
            assert session.minutes <= minutes
            if minutes == 25:
                assert session.minutes >= 15


def _two_weeks(profile: Profile, answer: Outcome) -> list[Session]:
    sessions: list[Session] = []
    history: list[SessionRecord] = []
    for n in range(6):  # three sessions a week
        session = _build(profile, MONDAY + timedelta(days=2 * n + n // 3), history)
        sessions.append(session)
        history.insert(0, _record(session, answer))
    return sessions


def _chain_positions(session: Session) -> dict[str, int]:
    positions = {}
    for item in session.items:
        chain = KB.chain(item.exercise_id)
        positions[chain[0].id] = [e.id for e in chain].index(item.exercise_id)
    return positions


@pytest.mark.parametrize("answer", [Outcome.EASY, Outcome.DONE])
def test_two_weeks_for_a_band_runner_and_a_gym_runner(answer: Outcome) -> None:
    band = _two_weeks(NEW_BAND, answer)
    gym = _two_weeks(FULL_GYM, answer)

    band_ids = {i.exercise_id for s in band for i in s.items}
    gym_ids = {i.exercise_id for s in gym for i in s.items}
    assert band_ids != gym_ids
    assert all(KB.exercises[i].fits({Equipment.BAND}) for i in band_ids)
    assert any(not KB.exercises[i].fits({Equipment.BAND}) for i in gym_ids)
    assert any(KB.exercises[i].heavy for i in gym_ids)
    assert not any(KB.exercises[i].heavy or KB.exercises[i].explosive for i in band_ids)

    for sessions in (band, gym):
        # Each session explains what changed; later ones build on the answers.
        later_changes = [line for s in sessions[2:] for line in s.changes]
        assert later_changes
        assert all(line.startswith("⬆️") for line in later_changes)
        first = _chain_positions(sessions[0])
        sets_first = {i.exercise_id: i.sets for i in sessions[0].items}
        moved = False
        for session in sessions[1:]:
            for chain, position in _chain_positions(session).items():
                moved |= position > first.get(chain, position)
            moved |= any(
                i.sets > sets_first.get(i.exercise_id, i.sets)
                for i in session.items
                if i.role is Role.MAIN
            )
        assert moved
    assert [s.focus for s in gym] != [s.focus for s in band]


def test_next_changes_describes_what_this_session_changes() -> None:
    first = _build(NO_KIT, MONDAY)
    second = _build(NO_KIT, MONDAY + timedelta(days=2), [_record(first, Outcome.EASY)])
    repeated = {i.exercise_id for i in first.items} & {i.exercise_id for i in second.items}
    record = _record(second, Outcome.EASY)
    lines = next_changes(profile=NO_KIT, record=record, history=[_record(first, Outcome.EASY)])
    assert len(lines) == len(repeated)
    assert all(line.startswith("⬆️") for line in lines)
    hard = _record(second, Outcome.HARD)
    lines = next_changes(profile=NO_KIT, record=hard, history=[])
    assert lines and all(line.startswith("⬇️") for line in lines)


def test_comeback_sessions_lean_on_the_side_of_the_hip() -> None:
    comeback = NO_KIT.model_copy(update={"goal": Goal.COMEBACK})
    session = _build(comeback, MONDAY)
    mains = [KB.exercises[i.exercise_id] for i in session.items if i.role is Role.MAIN]
    assert sum(e.targets_side for e in mains) > len(mains) / 2


@pytest.mark.parametrize(
    ("mains", "focus"),
    [
        # One hip-drive move among calves and side-hip work was named "hip drive".
        (["lunge", "single_leg_calf_raise", "side_plank"], "balance"),
        (["standing_kickback", "calf_raise", "clamshell"], "balance"),
        (["hip_thrust", "glute_bridge", "side_plank"], "drive"),
        (["side_plank", "clamshell", "glute_bridge"], "side"),
    ],
)
def test_a_session_is_named_by_what_most_of_it_trains(mains: list[str], focus: str) -> None:
    kb = knowledge()
    named = session_builder._focus([kb.exercises[i] for i in mains])
    assert named == t(f"workout.focus.{focus}")
