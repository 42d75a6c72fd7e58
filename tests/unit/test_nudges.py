"""Which scheduled nudges are held back, read from the payloads the core itself schedules."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from dialogs.core import Context, ScheduleMessage, Started
from dialogs.pain import holds
from dialogs.pain.levels import URGENT
from dialogs.records import (
    FieldTest,
    FieldTestResult,
    PainRecord,
    PainStatus,
    Profile,
    SessionRecord,
    Side,
)
from dialogs.texts import t
from dialogs.training import baseline, nudges, sessions, workout
from dialogs.vocabulary import BodyLocation, Equipment, Experience, Goal, Weekday

DAY = date(2026, 3, 2)
STARTED = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
PROFILE = Profile(goal=Goal.STRONGER, experience=Experience.REGULAR, runs_per_week=3)


def _ctx(*history: SessionRecord) -> Context:
    return Context(
        now=datetime(2026, 3, 2, 9, 31, tzinfo=UTC), user_id=7, profile=PROFILE, history=history
    )


def test_a_session_check_in_goes_for_a_session_left_unfinished() -> None:
    checkin = nudges.session_checkin(DAY, STARTED)
    unfinished = SessionRecord(day=DAY, started_at=STARTED, finished=False)
    assert nudges.drop_reason(checkin.kind, checkin.payload, _ctx(unfinished)) is None


def test_a_session_check_in_is_dropped_once_the_session_is_finished() -> None:
    checkin = nudges.session_checkin(DAY, STARTED)
    finished = SessionRecord(day=DAY, started_at=STARTED, finished=True)
    assert nudges.drop_reason(checkin.kind, checkin.payload, _ctx(finished)) == "finished"


FIVE_DAYS = PROFILE.model_copy(
    update={"workout_days": (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)}
)


def _reminder_ctx(profile: Profile, now: datetime, *history: SessionRecord) -> Context:
    return Context(now=now, user_id=7, profile=profile, history=history)


def test_the_reminder_names_the_focus_workout_shows_at_the_tested_level() -> None:
    # Field tests well above the stated level: /workout builds from the tested level.
    kit = frozenset({Equipment.DUMBBELL, Equipment.BENCH, Equipment.BARBELL})
    profile = PROFILE.model_copy(update={"goal": Goal.STRONGER, "equipment": kit})
    best = {FieldTest.BRIDGE: 40, FieldTest.SIDE_PLANK: 120, FieldTest.CALF_RAISE: 40}
    tests = tuple(
        FieldTestResult(day=date(2026, 2, 20), test=test, side=side, value=best.get(test, 3))
        for test in FieldTest
        for side in Side
    )
    ctx = Context(
        now=datetime(2026, 3, 2, 7, 30, tzinfo=UTC), user_id=3, profile=profile, field_tests=tests
    )
    shown = workout.step(None, Started(), ctx).replies[0].text
    focus = re.search(r"Today: ([^<]+)</b>", shown)
    assert focus is not None
    (reminder,), _ = nudges.render(nudges.WORKOUT_REMINDER, {"n": 0}, ctx)
    assert f"<b>{focus.group(1)}</b>" in reminder.text


def _varied_runners() -> list[Context]:
    """Runners of every goal, level and kit, some sore, some with a session behind them."""
    kits = [frozenset(), frozenset({Equipment.BAND}), frozenset(Equipment)]
    sore = PainStatus(level="modify", locations=frozenset({BodyLocation.KNEE_FRONT}))
    runners = []
    for n in range(120):
        profile = PROFILE.model_copy(
            update={
                "goal": list(Goal)[n % len(Goal)],
                "experience": list(Experience)[n % len(Experience)],
                "equipment": kits[n % len(kits)] | {Equipment.NONE},
                "session_minutes": (10, 15, 20, 25, 30, 45, 60)[n % 7],
                "hard_run_days": (Weekday.TUE,) if n % 4 == 0 else (),
            }
        )
        now = datetime(2026, 3, 2 + n % 20, 7, 30, tzinfo=UTC)
        done = now.date().replace(day=1)
        history = (
            (SessionRecord(day=done, started_at=STARTED, finished=True),) if n % 3 == 0 else ()
        )
        pain = sore if n % 5 == 0 else None
        runners.append(
            Context(now=now, user_id=1000 + n, profile=profile, history=history, pain=pain)
        )
    return runners


def test_the_reminder_names_the_focus_and_minutes_of_the_session_workout_builds() -> None:
    for ctx in _varied_runners():
        assert ctx.profile is not None
        session = sessions.build_session(
            profile=baseline.training_profile(ctx.profile, ctx.field_tests),
            day=ctx.today,
            user_id=ctx.user_id,
            history=ctx.history,
            pain=ctx.pain,
        )
        n = ctx.user_id % 5
        (reminder,), _ = nudges.render(nudges.WORKOUT_REMINDER, {"n": n}, ctx)
        said = t(f"nudges.reminder_{n}", focus=session.focus, minutes=session.minutes, name="there")
        assert reminder.text.startswith(said), ctx.user_id


def test_re_engagement_counts_the_planned_sessions_not_every_chosen_day() -> None:
    monday = SessionRecord(day=DAY, started_at=STARTED, finished=True)
    # Five days offered, two planned (Monday and Thursday): Tuesday and Wednesday were free.
    thursday = datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    _, effects = nudges.render(
        nudges.WORKOUT_REMINDER, {"n": 2}, _reminder_ctx(FIVE_DAYS, thursday, monday)
    )
    assert effects == ()
    # Thursday 5 and Monday 9 were planned and missed: a gentle nudge goes.
    next_thursday = datetime(2026, 3, 12, 7, 30, tzinfo=UTC)
    _, effects = nudges.render(
        nudges.WORKOUT_REMINDER, {"n": 2}, _reminder_ctx(FIVE_DAYS, next_thursday, monday)
    )
    assert [e.kind for e in effects if isinstance(e, ScheduleMessage)] == [nudges.REENGAGE]


def test_what_a_profile_change_says_about_the_next_reminder() -> None:
    # The core words it; the shell only says when the next reminder is (from the outbox).
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    due = datetime(2026, 3, 3, 5, 30, tzinfo=UTC)
    cairo = PROFILE.model_copy(update={"timezone": "Etc/GMT-2"})
    [note] = nudges.next_reminder_note(cairo, None, due, now)
    assert note.text == t("core.next_reminder", when="Tue 03 Mar, 07:30", timezone="UTC+2")
    [none] = nudges.next_reminder_note(cairo, None, None, now)
    assert none.text == t("core.no_reminders")
    paused = cairo.model_copy(update={"paused_until": datetime(2026, 4, 1, tzinfo=UTC)})
    assert nudges.next_reminder_note(paused, None, due, now) == ()
    urgent = PainRecord(
        key="k", locations=(BodyLocation.CALF,), level=URGENT, first_reported=date(2026, 3, 1)
    )
    held = PainStatus(level=URGENT, locations=frozenset({BodyLocation.CALF}), reports=(urgent,))
    [line] = nudges.next_reminder_note(cairo, held, due, now)
    assert line.text == holds.hold_line(held)
    assert "Next reminder" not in line.text
