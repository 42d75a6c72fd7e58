"""Domain-named reads and writes. They never commit: the caller's unit of work does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.scheduling.cron import Schedule
from bot.storage import field_tests, models, pain_records
from dialogs.core import Context, DialogState
from dialogs.records import (
    ExerciseResult,
    Profile,
    SessionRecord,
)

# How far back a dialog sees the runner's sessions: enough for progression and the week.
HISTORY_DAYS = 42


@dataclass(slots=True)
class Runner:
    """One runner's rows for a unit of work, locked against concurrent updates."""

    user: models.User
    state_row: models.DialogStateRow
    profile: Profile | None
    # They had blocked the bot and have now written again.
    returning: bool


# Built once: constructing the statement (joins, coercions) cost more than running it.
_RUNNER = (
    select(models.User, models.DialogStateRow, models.Profile)
    .outerjoin(models.DialogStateRow, models.DialogStateRow.user_id == models.User.id)
    .outerjoin(models.Profile, models.Profile.user_id == models.User.id)
    .where(models.User.id == bindparam("user_id"))
    .with_for_update(of=models.User)
)


async def lock_runner(
    session: AsyncSession, *, user_id: int, chat_id: int, first_name: str, now: datetime
) -> Runner:
    """The runner, their dialog state and profile in one query, created on first contact.

    The user row is locked (FOR UPDATE on PostgreSQL) so one runner's updates, from any
    process, are applied one after another.
    """
    found = (await session.execute(_RUNNER, {"user_id": user_id})).first()
    user, state_row, profile = found if found is not None else (None, None, None)
    returning = user is not None and not user.active
    if user is None:
        user = models.User(
            id=user_id, chat_id=chat_id, first_name=first_name, created_at=now, active=True
        )
        session.add(user)
        await session.flush()  # no ORM relationships, so the referencing rows must wait
    else:
        user.chat_id, user.active = chat_id, True
        user.first_name = first_name or user.first_name
    if state_row is None:
        state_row = _new_state_row(user_id, now)
        session.add(state_row)
    return Runner(user, state_row, None if profile is None else _profile(profile), returning)


def _new_state_row(user_id: int, now: datetime) -> models.DialogStateRow:
    """A runner's dialog row before their first dialog."""
    return models.DialogStateRow(
        user_id=user_id,
        dialog=None,
        step=None,
        data={},
        version=0,
        updated_at=now,
        recent_updates=[],
    )


async def ensure_user(
    session: AsyncSession, *, user_id: int, chat_id: int, first_name: str, now: datetime
) -> models.User:
    """The runner, created on first contact; a runner who writes again is active again."""
    runner = await lock_runner(
        session, user_id=user_id, chat_id=chat_id, first_name=first_name, now=now
    )
    return runner.user


def dialog_state(row: models.DialogStateRow) -> DialogState | None:
    """The stored state as the core sees it."""
    if row.dialog is None or row.step is None:
        return None
    return DialogState(row.dialog, row.step, dict(row.data))


def store_dialog_state(
    row: models.DialogStateRow, state: DialogState | None, now: datetime
) -> None:
    """Write the new state and bump the version, so buttons sent before now expire."""
    row.dialog = state.dialog if state else None
    row.step = state.step if state else None
    row.data = dict(state.data) if state else {}
    row.version += 1
    row.updated_at = now


async def dialog_rows(
    session: AsyncSession, user_ids: Sequence[int]
) -> dict[int, models.DialogStateRow]:
    """Several runners' dialog rows in one query, locked for this unit of work."""
    rows = await session.execute(
        select(models.DialogStateRow)
        .where(models.DialogStateRow.user_id.in_(set(user_ids)))
        # Always lock in the same order, so two dispatchers can never deadlock on PostgreSQL.
        .order_by(models.DialogStateRow.user_id)
        .with_for_update()
    )
    return {row.user_id: row for row in rows.scalars()}


def new_dialog_row(session: AsyncSession, user_id: int, now: datetime) -> models.DialogStateRow:
    """Add a dialog row for a runner who has none yet."""
    row = _new_state_row(user_id, now)
    session.add(row)
    return row


RECENT_UPDATES = 16


def seen_before(row: models.DialogStateRow, update_id: int) -> bool:
    """Whether this update was already handled; otherwise remember it."""
    if update_id in row.recent_updates:
        return True
    row.recent_updates = [*row.recent_updates[-(RECENT_UPDATES - 1) :], update_id]
    return False


async def get_profile(session: AsyncSession, user_id: int) -> Profile | None:
    """The runner's profile as the core's read model."""
    row = await session.get(models.Profile, user_id)
    return None if row is None else _profile(row)


# Batch reads take columns, not ORM objects: nothing here is written back, and building and
# tracking an object per row cost more than the query.
_PROFILE_FIELDS = tuple(Profile.model_fields)
_PROFILES = select(
    models.Profile.user_id, *(getattr(models.Profile, name) for name in _PROFILE_FIELDS)
).where(models.Profile.user_id.in_(bindparam("user_ids", expanding=True)))


async def get_profiles(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, Profile]:
    """Profiles of several runners, by runner."""
    rows = await session.execute(_PROFILES, {"user_ids": sorted(set(user_ids))})
    # By position: a row's attributes by name cost more than validating the profile.
    return {
        user_id: Profile.model_validate(dict(zip(_PROFILE_FIELDS, values, strict=True)))
        for user_id, *values in rows
    }


_SCHEDULES = select(
    models.Profile.user_id,
    models.Profile.workout_days,
    models.Profile.workout_time,
    models.Profile.timezone,
    models.Profile.nudges_off,
).where(models.Profile.user_id.in_(bindparam("user_ids", expanding=True)))


async def get_schedules(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, Schedule]:
    """What several runners' recurring nudges are timed by, by runner: the profile columns
    only, read as stored (the profile was validated when it was saved)."""
    rows = await session.execute(_SCHEDULES, {"user_ids": sorted(set(user_ids))})
    return {
        row.user_id: Schedule(
            tuple(row.workout_days),
            time.fromisoformat(row.workout_time),
            row.timezone,
            frozenset(row.nudges_off),
        )
        for row in rows
    }


async def get_users(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, models.User]:
    """Several runners, by id."""
    rows = await session.execute(select(models.User).where(models.User.id.in_(set(user_ids))))
    return {user.id: user for user in rows.scalars()}


def _profile(row: models.Profile) -> Profile:
    # The columns are named as the Profile's fields, so a new field needs no code here.
    return Profile.model_validate({name: getattr(row, name) for name in Profile.model_fields})


def _columns(profile: Profile) -> dict[str, Any]:
    """The profile as its row's columns: JSON values, but dates and datetimes stay as they are
    (their columns take them), times are HH:MM and sets are sorted, for a stable JSON list."""
    values = profile.model_dump(mode="json")
    for name, value in values.items():
        python = getattr(profile, name)
        if isinstance(python, date):  # datetime is a date too
            values[name] = python
        elif isinstance(python, time):
            values[name] = python.strftime("%H:%M")
        elif isinstance(python, frozenset):
            values[name] = sorted(value)
    return values


async def save_profile(
    session: AsyncSession, user_id: int, fields: dict[str, Any], now: datetime
) -> Profile:
    """Create or update the profile; the fields are validated by the core's Profile model."""
    row = await session.get(models.Profile, user_id)
    merged = {**(_profile(row).model_dump() if row is not None else {}), **fields}
    profile = Profile.model_validate(merged)
    values = _columns(profile)
    if row is None:
        session.add(models.Profile(user_id=user_id, updated_at=now, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now
    return profile


def add_event(
    session: AsyncSession, user_id: int, kind: str, data: dict[str, Any], now: datetime
) -> None:
    """Append to the event log."""
    session.add(models.Event(user_id=user_id, kind=kind, data=data, at=now))


# Sessions with their exercise logs in one round trip, columns only (no ORM objects to track).
_HISTORY = (
    select(
        models.WorkoutSession.id,
        models.WorkoutSession.user_id,
        models.WorkoutSession.day,
        models.WorkoutSession.status,
        models.WorkoutSession.started_at,
        models.ExerciseLog.exercise_id,
        models.ExerciseLog.outcome,
        models.ExerciseLog.sets,
        models.ExerciseLog.reps,
        models.ExerciseLog.seconds,
    )
    .outerjoin(models.ExerciseLog, models.ExerciseLog.session_id == models.WorkoutSession.id)
    .where(
        models.WorkoutSession.user_id.in_(bindparam("user_ids", expanding=True)),
        models.WorkoutSession.day >= bindparam("since"),
    )
    .order_by(
        models.WorkoutSession.started_at.desc(),
        models.WorkoutSession.id.desc(),
        models.ExerciseLog.id,
    )
)


async def load_history(
    session: AsyncSession, user_ids: Sequence[int], *, since: date
) -> dict[int, tuple[SessionRecord, ...]]:
    """Sessions since a day for several runners, most recent first, in one query."""
    rows = await session.execute(_HISTORY, {"user_ids": list(user_ids), "since": since})
    sessions: dict[int, tuple[Any, list[ExerciseResult]]] = {}  # in order, by session id
    for row in rows:
        _row, results = sessions.setdefault(row.id, (row, []))
        if row.exercise_id is not None:  # a session with no exercise logged yet
            results.append(
                ExerciseResult(
                    exercise_id=row.exercise_id,
                    outcome=row.outcome,
                    sets=row.sets,
                    reps=row.reps,
                    seconds=row.seconds,
                )
            )
    history: dict[int, list[SessionRecord]] = {}
    for row, results in sessions.values():
        history.setdefault(row.user_id, []).append(
            SessionRecord(
                day=row.day,
                started_at=row.started_at,
                finished=row.status == "finished",
                skipped=row.status == "skipped",
                results=tuple(results),
            )
        )
    return {user_id: tuple(records) for user_id, records in history.items()}


async def load_contexts(
    session: AsyncSession, runners: Mapping[int, tuple[str, Profile | None]], now: datetime
) -> dict[int, Context]:
    """What the core may know about each runner (by id: first name and profile), in two
    queries. Sessions and pain reports only come after onboarding, so runners without a
    profile are not looked up, which keeps onboarding fast."""
    onboarded = [user_id for user_id, (_name, profile) in runners.items() if profile is not None]
    since = (now - timedelta(days=HISTORY_DAYS)).date()
    history = await load_history(session, onboarded, since=since) if onboarded else {}
    pain = await pain_records.load_pain(session, onboarded, now) if onboarded else {}
    tests = await field_tests.load_field_tests(session, onboarded) if onboarded else {}
    return {
        user_id: Context(
            now=now,
            user_id=user_id,
            first_name=name,
            profile=profile,
            history=history.get(user_id, ()),
            pain=pain.get(user_id),
            field_tests=tests.get(user_id, ()),
        )
        for user_id, (name, profile) in runners.items()
    }


async def latest_session(
    session: AsyncSession, user_id: int, day: date
) -> models.WorkoutSession | None:
    """The runner's most recent session log for a day, skipped days aside."""
    # scalars().first() rather than scalar(): the same row, but returned directly from
    # scalar() mypy infers its overload that returns Any.
    rows = await session.scalars(
        select(models.WorkoutSession)
        .where(
            models.WorkoutSession.user_id == user_id,
            models.WorkoutSession.day == day,
            models.WorkoutSession.status != "skipped",
        )
        .order_by(models.WorkoutSession.id.desc())
        .limit(1)
    )
    return rows.first()


def start_session(
    session: AsyncSession,
    user_id: int,
    *,
    day: date,
    started_at: datetime,
    focus: str,
    plan: Sequence[str],
) -> None:
    """Open a session log."""
    session.add(
        models.WorkoutSession(
            user_id=user_id,
            day=day,
            status="started",
            focus=focus[:64],
            plan=list(plan),
            started_at=started_at,
            finished_at=None,
        )
    )


def skip_day(session: AsyncSession, user_id: int, day: date, now: datetime) -> None:
    """Record that the runner chose to skip this day's session (no session, on purpose)."""
    session.add(
        models.WorkoutSession(
            user_id=user_id,
            day=day,
            status="skipped",
            focus="",
            plan=[],
            started_at=now,
            finished_at=None,
        )
    )


async def log_exercise(
    session: AsyncSession, user_id: int, day: date, result: ExerciseResult, now: datetime
) -> None:
    """Add one exercise's outcome to the day's latest session (opened if missing)."""
    log = await latest_session(session, user_id, day)
    if log is None:
        start_session(session, user_id, day=day, started_at=now, focus="", plan=[])
        await session.flush()
        log = await latest_session(session, user_id, day)
        assert log is not None
    session.add(
        models.ExerciseLog(
            user_id=user_id,
            session_id=log.id,
            exercise_id=result.exercise_id,
            outcome=result.outcome.value,
            sets=result.sets,
            reps=result.reps,
            seconds=result.seconds,
            at=now,
        )
    )


async def finish_session(
    session: AsyncSession, user_id: int, day: date, finished_at: datetime
) -> None:
    """Mark the day's latest session finished."""
    log = await latest_session(session, user_id, day)
    if log is not None:
        log.status = "finished"
        log.finished_at = finished_at
