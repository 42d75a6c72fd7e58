"""Doses a runner can follow, phase by phase: prescriptions on every main exercise, heavy and
jumping work where it belongs, race week, equipment-bounded chains, and a property test of
the scheduling rules over random runners, race dates and days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.knowledge import Exercise, Kind, knowledge
from dialogs.records import ExerciseResult, Outcome, Profile, SessionRecord
from dialogs.training.phases import Phase, periodisation, season
from dialogs.training.prescription import Region, Role, prescribe, region
from dialogs.training.progression import progression, usable
from dialogs.training.sessions import (
    MAX_SETS,
    Session,
    build_session,
    hard_lower_body,
    item_target,
)
from dialogs.vocabulary import Equipment, Experience, Goal, RaceDistance, Weekday

KB = knowledge()
RACE = date(2027, 3, 21)  # a Sunday
TRAINED = Profile(
    goal=Goal.PREVENT,
    experience=Experience.EXPERIENCED,
    runs_per_week=5,
    equipment=frozenset({Equipment.DUMBBELL, Equipment.BENCH, Equipment.BAND}),
    workout_days=(Weekday.MON, Weekday.WED, Weekday.FRI),
)
GYM = TRAINED.model_copy(update={"equipment": frozenset(Equipment)})
NEW = Profile(goal=Goal.STRONGER, experience=Experience.NEW, runs_per_week=2)


def _build(profile: Profile, day: date, history: list[SessionRecord] | None = None) -> Session:
    return build_session(profile=profile, day=day, user_id=11, history=history or [], pain=None)


def _exercises(session: Session, role: Role | None = Role.MAIN) -> list[Exercise]:
    return [KB.exercises[i.exercise_id] for i in session.items if role is None or i.role is role]


def _log(session: Session, outcome: Outcome = Outcome.DONE) -> SessionRecord:
    day = session.day
    return SessionRecord(
        day=day,
        started_at=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        finished=True,
        results=tuple(
            ExerciseResult(exercise_id=i.exercise_id, outcome=outcome, sets=i.sets, reps=i.reps)
            for i in session.items
        ),
    )


def _race(profile: Profile, distance: RaceDistance = RaceDistance.HALF) -> Profile:
    return profile.model_copy(update={"race_distance": distance, "race_day": RACE})


DAYS = [RACE - timedelta(days=n) for n in range(0, 120, 3)]


# ---------------------------------------------------------------- prescriptions


@pytest.mark.parametrize("profile", [TRAINED, GYM, NEW], ids=["trained", "gym", "new"])
def test_every_main_exercise_has_a_prescription_a_runner_can_follow(profile: Profile) -> None:
    for day in DAYS:
        session = _build(_race(profile), day)
        for item in session.items:
            exercise = KB.exercises[item.exercise_id]
            assert item.sets >= 1 and item.rest_seconds >= 0
            assert (item.reps is None) != (item.seconds is None)
            assert item.effort.startswith("How hard:"), item
            if item.role is Role.MAIN and exercise.tempo is not None:
                assert item.tempo.startswith("Tempo:")
            assert item_target(item).startswith(item.effort)
        # Weighted work says what weight to pick and when to go heavier.
        for item in session.items:
            exercise = KB.exercises[item.exercise_id]
            weighted = any(k & {Equipment.DUMBBELL, Equipment.BARBELL} for k in exercise.equipment)
            if item.role is Role.MAIN and exercise.heavy:
                assert item.load.startswith("Weight:")
            if item.load:
                assert weighted or Equipment.MACHINE in profile.equipment


def test_reps_in_reserve_and_when_to_go_heavier_read_plainly() -> None:
    day = date(2026, 12, 2)  # a build week for a runner with no race
    assert season(GYM, day).phase is Phase.BUILD
    session = _build(GYM, day)
    heavy = [i for i in session.items if KB.exercises[i.exercise_id].heavy]
    assert heavy
    for item in heavy:
        assert "2 reps in the tank" in item.effort
        assert f"lift about {item.reps + 2} times" in item.load
        assert "go up one step" in item.load


def test_heavy_work_is_low_rep_in_build_and_peak_and_moderate_in_base() -> None:
    profile = _race(GYM, RaceDistance.MARATHON)
    reps: dict[Phase, set[int]] = {}
    for n in range(140):
        day = RACE - timedelta(days=n)
        session = _build(profile, day)
        for item in session.items:
            if KB.exercises[item.exercise_id].heavy and item.reps is not None:
                reps.setdefault(season(profile, day).phase, set()).add(item.reps)
    assert max(reps[Phase.BUILD]) <= 6 and max(reps[Phase.PEAK]) <= 6
    assert min(reps[Phase.BUILD]) >= 3
    assert max(reps[Phase.BASE]) > 6
    assert Phase.RACE_WEEK not in reps


def test_the_taper_halves_the_sets_and_keeps_the_weight() -> None:
    profile = _race(GYM)
    taper_day = RACE - timedelta(days=12)
    assert season(profile, taper_day).phase is Phase.TAPER
    plan = periodisation().phase
    for exercise in KB.exercises.values():
        if exercise.kind is not Kind.STRENGTH:
            continue
        build, taper = (
            prescribe(
                exercise, role=Role.MAIN, level=Experience.EXPERIENCED, dose=plan[p], owned=kit
            )
            for p in (Phase.BUILD, Phase.TAPER)
            for kit in [frozenset(Equipment)]
        )
        assert taper.sets <= max(1, round(build.sets * 0.5 + 0.01)), exercise.id
        if exercise.heavy:
            assert taper.reps is not None and build.reps is not None
            assert abs(taper.reps - build.reps) <= 1  # the same weight: about the same reps
    session = _build(profile, taper_day)
    assert all(i.load.startswith("Weight: keep") for i in session.items if i.load)
    assert sum(i.sets for i in session.items if i.role is Role.MAIN) <= 2 * len(session.items)


def test_build_phases_bring_heavy_and_plyometric_work_to_runners_with_a_base() -> None:
    monday = date(2026, 11, 30)
    sessions = [_build(GYM, monday + timedelta(days=2 * n)) for n in range(6)]
    assert all(season(GYM, s.day).phase is Phase.BUILD for s in sessions)
    mains = [e for s in sessions for e in _exercises(s)]
    assert any(e.heavy for e in mains)
    assert any(e.explosive for e in mains)
    # A newcomer gets neither.
    new_mains = [e for s in (_build(NEW, s.day) for s in sessions) for e in _exercises(s)]
    assert not any(e.heavy or e.explosive for e in new_mains)


def test_hip_abduction_isolation_is_a_warm_up_for_a_trained_runner() -> None:
    """An experienced runner doing five runs a week never gets clamshells 3 x 15 as main work."""
    for kit in ({Equipment.BAND}, {Equipment.DUMBBELL, Equipment.BENCH, Equipment.BAND}, set()):
        profile = TRAINED.model_copy(update={"equipment": frozenset(kit)})
        history: list[SessionRecord] = []
        for n in range(20):
            session = _build(profile, date(2026, 11, 30) + timedelta(days=2 * n), history)
            assert not any(e.accessory for e in _exercises(session)), session
            # Clean answers progress every chain, the warm-up's included.
            history.insert(0, _log(session, Outcome.EASY if n % 2 else Outcome.DONE))
    # A newcomer may still have them as main work.
    newcomer = [_build(NEW, date(2026, 11, 30) + timedelta(days=n)) for n in range(14)]
    assert any(e.accessory for s in newcomer for e in _exercises(s))


def test_sessions_cover_calves_knees_and_trunk_over_two_weeks() -> None:
    for profile in (NEW, TRAINED):
        history: list[SessionRecord] = []
        regions: set[Region] = set()
        for n in range(6):
            session = _build(profile, date(2026, 11, 30) + timedelta(days=2 * n + n // 3), history)
            history.insert(0, _log(session))
            regions |= {region(e) for e in _exercises(session)}
        assert regions >= {Region.DRIVE, Region.SIDE, Region.CALVES, Region.KNEE}, profile
        assert Region.TRUNK in regions or profile is TRAINED


def test_the_session_says_the_phase_and_which_days_this_week() -> None:
    profile = _race(TRAINED).model_copy(update={"hard_run_days": (Weekday.SAT,)})
    build = _build(profile, RACE - timedelta(days=33))
    assert build.plan[0].startswith("📅 Build phase")
    assert "4 weeks to race week." in build.plan
    # Monday, Wednesday or Friday; Friday is the day before the long run.
    assert "This week: 2 strength sessions, best on Monday and Wednesday." in build.plan
    taper = _build(profile, RACE - timedelta(days=12))
    assert "This week: one strength session, best on Monday." in taper.plan


# ---------------------------------------------------------------- race week and recovery


def test_race_week_is_activation_and_mobility_and_says_why() -> None:
    for profile in (_race(GYM), _race(NEW), _race(TRAINED, RaceDistance.MARATHON)):
        for offset in range(7):
            session = _build(profile, RACE - timedelta(days=offset))
            exercises = _exercises(session, None)
            assert exercises
            assert all(e.kind is Kind.MOBILITY or e.activation for e in exercises)
            assert not any(e.heavy or e.explosive for e in exercises)
            assert any(e.kind is Kind.MOBILITY for e in exercises)
            assert "Race week" in session.plan[0] and "race day" in session.plan[0]
            assert session.notes == ()  # no hill sprints either
            assert session.minutes <= profile.session_minutes


def test_the_week_after_the_race_is_for_recovering() -> None:
    for offset in range(1, 8):
        session = _build(_race(GYM), RACE + timedelta(days=offset))
        assert "Recovery" in session.plan[0]
        assert not any(e.heavy or e.explosive for e in _exercises(session, None))
    back = _build(_race(GYM), RACE + timedelta(days=9))
    assert "Recovery" not in back.plan[0]


# ---------------------------------------------------------------- chains end with the kit


@pytest.mark.parametrize(
    "kit",
    [set(), {Equipment.BAND}, {Equipment.DUMBBELL}, {Equipment.DUMBBELL, Equipment.BENCH}],
    ids=["none", "band", "dumbbell", "dumbbell+bench"],
)
def test_chains_end_where_the_equipment_ends(kit: set[Equipment]) -> None:
    profile = TRAINED.model_copy(update={"equipment": frozenset(kit)})
    history: list[SessionRecord] = []
    seen: set[str] = set()
    for n in range(16):
        session = _build(profile, date(2026, 11, 30) + timedelta(days=2 * n + n // 3), history)
        history.insert(0, _log(session, Outcome.EASY))
        seen |= {i.exercise_id for i in session.items}
    assert all(KB.exercises[i].fits(kit) for i in seen)
    if Equipment.BARBELL not in kit:
        assert not seen & {"back_squat", "deadlift", "barbell_hip_thrust"}
    if kit == {Equipment.DUMBBELL}:
        # The squat chain ends at the dumbbell step: "too easy" again and again adds sets.
        day = date(2026, 11, 30)
        easy = [
            SessionRecord(
                day=day + timedelta(days=2 * n),
                started_at=datetime(2026, 11, 30, 7, tzinfo=UTC) + timedelta(days=2 * n),
                finished=True,
                results=(ExerciseResult(exercise_id="goblet_squat", outcome=Outcome.EASY, sets=3),),
            )
            for n in range(6)
        ]
        state = progression(easy, available=usable(profile))["squat"]
        assert (state.exercise_id, state.sets) == ("goblet_squat", MAX_SETS)


# ---------------------------------------------------------------- the scheduling rules


runners = st.builds(
    Profile,
    goal=st.sampled_from(Goal),
    experience=st.sampled_from(Experience),
    runs_per_week=st.integers(0, 10),
    equipment=st.frozensets(st.sampled_from(Equipment)),
    workout_days=st.lists(st.sampled_from(Weekday), unique=True, max_size=7).map(tuple),
    hard_run_days=st.lists(st.sampled_from(Weekday), unique=True, max_size=3).map(tuple),
    session_minutes=st.integers(10, 60),
    race_distance=st.none() | st.sampled_from(RaceDistance),
    race_day=st.none() | st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
)


@settings(max_examples=60, deadline=None)
@given(
    profile=runners,
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    user_id=st.integers(1, 10**9),
    trains=st.lists(st.booleans(), min_size=7, max_size=7),
)
def test_no_hard_work_before_hard_runs_near_races_or_on_consecutive_days(
    profile: Profile, start: date, user_id: int, trains: list[bool]
) -> None:
    history: list[SessionRecord] = []
    hard_days: set[date] = set()
    for n, trained in enumerate(trains):
        day = start + timedelta(days=n)
        session = build_session(
            profile=profile, day=day, user_id=user_id, history=history, pain=None
        )
        exercises = _exercises(session, None)
        hard = [e for e in exercises if e.heavy or e.explosive]
        tomorrow = list(Weekday)[(day.weekday() + 1) % 7]
        if tomorrow in profile.hard_run_days:
            assert not hard
        racing = profile.race_day is not None and profile.race_distance is not RaceDistance.NONE
        if racing and profile.race_day is not None and 0 <= (profile.race_day - day).days <= 5:
            assert not hard
        if any(hard_lower_body(e) for e in exercises):
            assert day - timedelta(days=1) not in hard_days
            if trained:
                hard_days.add(day)
        if trained:
            history.insert(0, _log(session))
