"""The runner's season: phases from race day, blocks without a race, sessions a week, which
days, and reminders only on session days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dialogs.core import Context
from dialogs.knowledge import REFERENCES
from dialogs.records import ExerciseResult, Outcome, Profile, SessionRecord
from dialogs.texts import t
from dialogs.training import nudges
from dialogs.training.phases import (
    PeriodisationError,
    Phase,
    choose_days,
    is_session_day,
    periodisation,
    read_periodisation,
    season,
    sessions_a_week,
    week_plan,
)
from dialogs.training.sessions import plan_lines
from dialogs.vocabulary import Experience, Goal, RaceDistance, Weekday

RACE = date(2027, 3, 21)  # a Sunday
MON, TUE, WED, THU, FRI, SAT, SUN = Weekday
RUNNER = Profile(
    goal=Goal.PREVENT,
    experience=Experience.REGULAR,
    runs_per_week=4,
    workout_days=(MON, WED, FRI),
    hard_run_days=(SUN,),
)


def _racing(distance: RaceDistance, race: date = RACE) -> Profile:
    return RUNNER.model_copy(update={"race_distance": distance, "race_day": race})


def _done(day: date, *, finished: bool = True, exercise: str = "glute_bridge") -> SessionRecord:
    return SessionRecord(
        day=day,
        started_at=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        finished=finished,
        results=(ExerciseResult(exercise_id=exercise, outcome=Outcome.DONE, sets=3),),
    )


# ---------------------------------------------------------------- phases


def test_a_sixteen_week_marathon_plan_builds_peaks_and_tapers() -> None:
    profile = _racing(RaceDistance.MARATHON)
    # Wednesday of each of the 16 weeks before race day, first week first.
    weeks = [season(profile, RACE - timedelta(days=4 + 7 * n)) for n in range(15, -1, -1)]
    phases = [w.phase for w in weeks]
    assert phases == [
        Phase.BASE, Phase.BASE, Phase.BASE, Phase.LIGHT, Phase.BASE,
        Phase.BUILD, Phase.BUILD, Phase.LIGHT, Phase.BUILD, Phase.BUILD, Phase.BUILD,
        Phase.PEAK, Phase.PEAK,
        Phase.TAPER, Phase.TAPER,
        Phase.RACE_WEEK,
    ]  # fmt: skip
    assert [w.weeks_to_race for w in weeks] == list(range(15, -1, -1))


def test_shorter_races_taper_for_one_week() -> None:
    profile = _racing(RaceDistance.TEN_K)
    phases = [season(profile, RACE - timedelta(days=4 + 7 * n)).phase for n in range(4, -1, -1)]
    assert phases == [Phase.BUILD, Phase.PEAK, Phase.PEAK, Phase.TAPER, Phase.RACE_WEEK]


def test_race_week_is_the_last_seven_days_and_recovery_the_seven_after() -> None:
    profile = _racing(RaceDistance.HALF)
    assert season(profile, RACE - timedelta(days=7)).phase is Phase.TAPER
    for offset in range(7):
        assert season(profile, RACE - timedelta(days=offset)).phase is Phase.RACE_WEEK
    for offset in range(1, 8):
        assert season(profile, RACE + timedelta(days=offset)).phase is Phase.RECOVERY
    after = season(profile, RACE + timedelta(days=8))
    assert after.phase not in (Phase.RECOVERY, Phase.RACE_WEEK)
    assert after.weeks_to_race is None


def test_without_a_race_four_week_blocks_end_with_a_lighter_week() -> None:
    start = date(2026, 1, 5)  # a Monday
    for profile, loading in (
        (RUNNER, Phase.BUILD),
        (RUNNER.model_copy(update={"experience": Experience.NEW}), Phase.BASE),
        (_racing(RaceDistance.NONE), Phase.BUILD),  # "no race, just running"
        (_racing(RaceDistance.HALF, RACE + timedelta(weeks=60)), Phase.BUILD),  # too far yet
    ):
        phases = [season(profile, start + timedelta(weeks=n)).phase for n in range(12)]
        light = [n for n, p in enumerate(phases) if p is Phase.LIGHT]
        assert len(light) == 3
        assert light[1] - light[0] == light[2] - light[1] == 4
        assert {p for p in phases if p is not Phase.LIGHT} == {loading}


# ---------------------------------------------------------------- sessions a week


def test_two_sessions_a_week_by_default_one_in_taper_and_race_week() -> None:
    assert week_plan(RUNNER, date(2026, 3, 2)).sessions == 2
    profile = _racing(RaceDistance.MARATHON)
    counts = {
        season(profile, RACE - timedelta(days=4 + 7 * n)).phase: sessions_a_week(
            profile, season(profile, RACE - timedelta(days=4 + 7 * n))
        )
        for n in range(16)
    }
    assert counts == {
        Phase.BASE: 2,
        Phase.LIGHT: 2,
        Phase.BUILD: 2,
        Phase.PEAK: 2,
        Phase.TAPER: 1,
        Phase.RACE_WEEK: 1,
    }
    assert sessions_a_week(profile, season(profile, RACE + timedelta(days=2))) == 1


def test_three_sessions_only_for_a_runner_who_asks_and_runs_little() -> None:
    day = date(2026, 3, 2)
    asks_runs_little = RUNNER.model_copy(update={"runs_per_week": 2})
    assert week_plan(asks_runs_little, day).sessions == 3
    assert week_plan(RUNNER, day).sessions == 2  # runs four times a week
    two_days = asks_runs_little.model_copy(update={"workout_days": (MON, THU)})
    assert week_plan(two_days, day).sessions == 2
    one_day = RUNNER.model_copy(update={"workout_days": (SAT,)})
    assert (week_plan(one_day, day).sessions, week_plan(one_day, day).days) == (1, (SAT,))


@pytest.mark.parametrize(
    ("days", "hard", "count", "expected"),
    [
        ((MON, TUE, WED, THU), (SAT,), 2, (MON, THU)),  # the widest spacing
        ((THU, FRI, SUN), (SAT,), 2, (THU, SUN)),  # not Friday, the day before the long run
        ((MON, TUE), (), 2, (MON, TUE)),  # only two days chosen: both, back to back
        ((MON, TUE, SAT, SUN), (), 2, (TUE, SAT)),  # Sunday to Monday is back to back too
        ((), (SUN,), 2, (MON, THU)),  # no days chosen: any
        ((MON, WED, FRI), (), 3, (MON, WED, FRI)),
    ],
)
def test_recommended_days(
    days: tuple[Weekday, ...], hard: tuple[Weekday, ...], count: int, expected: tuple[Weekday, ...]
) -> None:
    profile = RUNNER.model_copy(update={"workout_days": days, "hard_run_days": hard})
    assert choose_days(profile, count) == expected


def test_session_days_follow_the_plan_and_catch_up_after_a_miss() -> None:
    profile = RUNNER.model_copy(update={"workout_days": (MON, TUE, THU, FRI)})
    monday = date(2026, 3, 2)
    assert week_plan(profile, monday).days == (MON, THU)
    week = [monday + timedelta(days=n) for n in range(7)]

    # Trained as planned: Monday and Thursday only.
    history = [_done(monday), _done(monday + timedelta(days=3))]
    planned = [d for d in week if is_session_day(profile, d, [r for r in history if r.day < d])]
    assert planned == [monday, monday + timedelta(days=3)]

    # Missed Monday: Tuesday, a chosen day, catches up; with both done, Friday is free.
    history = [_done(monday + timedelta(days=1)), _done(monday + timedelta(days=3))]
    planned = [d for d in week if is_session_day(profile, d, [r for r in history if r.day < d])]
    assert planned == [monday, monday + timedelta(days=1), monday + timedelta(days=3)]

    # A session started and left half done counts as done for the week's plan.
    partial = [_done(monday, finished=False), _done(monday + timedelta(days=3))]
    friday = monday + timedelta(days=4)
    assert not is_session_day(profile, friday, partial)


def test_a_catch_up_never_follows_a_training_day() -> None:
    profile = RUNNER.model_copy(
        update={"workout_days": (MON, TUE, WED, THU, FRI, SAT), "runs_per_week": 2}
    )
    monday = date(2026, 3, 2)
    assert week_plan(profile, monday).days == (MON, WED, FRI)
    # Monday missed: Tuesday catches up.
    assert is_session_day(profile, monday + timedelta(days=1), [])
    # Monday missed, Wednesday done: Thursday would be the day after, so no catch-up.
    assert not is_session_day(profile, monday + timedelta(days=3), [_done(monday + timedelta(2))])
    assert is_session_day(profile, monday + timedelta(days=4), [_done(monday + timedelta(2))])


# ---------------------------------------------------------------- reminders


def _reminder_ctx(day: date, history: tuple[SessionRecord, ...] = ()) -> Context:
    profile = RUNNER.model_copy(update={"workout_days": (MON, TUE, THU, FRI)})
    now = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
    return Context(now=now, user_id=7, profile=profile, history=history)


def test_the_workout_reminder_goes_only_on_session_days() -> None:
    monday = date(2026, 3, 2)
    kind = nudges.WORKOUT_REMINDER
    regular = {"n": 0}
    assert nudges.drop_reason(kind, regular, _reminder_ctx(monday)) is None
    tuesday = monday + timedelta(days=1)
    history = (_done(monday),)
    assert nudges.drop_reason(kind, regular, _reminder_ctx(tuesday, history)) == (
        "not a session day"
    )
    # A snooze the runner asked for still arrives.
    snoozed = {"snooze": True, "n": 0}
    assert nudges.drop_reason(kind, snoozed, _reminder_ctx(tuesday, history)) is None


# ---------------------------------------------------------------- the data file


def test_every_number_names_a_known_source() -> None:
    data = periodisation()
    assert set(data.phase) == set(Phase)
    for dose in data.phase.values():
        assert dose.sources
        assert all(s == "general" or s in REFERENCES for s in dose.sources)
    assert data.phase[Phase.RACE_WEEK].mobility_only
    assert not data.phase[Phase.RACE_WEEK].heavy and not data.phase[Phase.RACE_WEEK].explosive


def test_a_broken_periodisation_file_names_the_entry() -> None:
    folder = Path(__file__).parents[2] / "dialogs" / "data" / "periodisation.toml"
    text = folder.read_text(encoding="utf-8")
    broken = text.replace('sources = ["general"]', 'sources = ["my_blog"]', 1)
    with pytest.raises(PeriodisationError, match=r"(?s)periodisation\.toml.*recovery.*my_blog"):
        read_periodisation(broken)
    with pytest.raises(PeriodisationError, match="no dose for light"):
        read_periodisation(text.split("[phase.light]")[0])


def test_a_jump_in_weekly_running_plans_one_session_for_two_weeks_and_says_why() -> None:
    jumped = RUNNER.model_copy(update={"volume_jump_on": date(2026, 3, 4)})
    assert week_plan(jumped, date(2026, 3, 3)).sessions == 2  # the day before the jump
    for day in (date(2026, 3, 4), date(2026, 3, 10), date(2026, 3, 17)):
        plan = week_plan(jumped, day)
        assert (plan.sessions, plan.volume_jump) == (1, True), day
        assert t("plan.volume_jump") in plan_lines(jumped, day, eased=False)
    after = week_plan(jumped, date(2026, 3, 18))
    assert (after.sessions, after.volume_jump) == (2, False)
    assert t("plan.volume_jump") not in plan_lines(jumped, date(2026, 3, 18), eased=False)
    # A week the phase already holds to one session says nothing about the jump.
    jump_day = RACE - timedelta(days=12)
    tapering = _racing(RaceDistance.HALF).model_copy(update={"volume_jump_on": jump_day})
    taper = week_plan(tapering, RACE - timedelta(days=10))
    assert taper.season.phase is Phase.TAPER
    assert (taper.sessions, taper.volume_jump) == (1, False)
