"""The repositories against a real database (SQLite, and PostgreSQL when configured), in the
cosmicpython manner: write through a repository function, commit the caller's unit of work,
read back in a fresh session. The unit of work commits once, and an error inside it leaves
nothing half-written, because no repository function commits on its own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import effects
from bot.coach import Coach, Sender
from bot.storage import models, pain_records, repositories
from dialogs.core import CommandReceived, DialogState, SaveProfile
from dialogs.records import ExerciseResult, Outcome, PainRecord, PainStatus
from tests.conftest import FakeClock
from tests.support.builders import RUNNER, profile, runner_fields

OTHER = 202
MONDAY = date(2026, 3, 2)  # the clock fixture's day


@asynccontextmanager
async def unit_of_work(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One transaction, as the coach and the dispatcher open it: committed when the block ends,
    rolled back when it raises."""
    async with sessions() as session, session.begin():
        yield session


async def add_runner(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, user_id: int = RUNNER
) -> None:
    async with unit_of_work(sessions) as session:
        await repositories.ensure_user(
            session, user_id=user_id, chat_id=user_id, first_name="Sam", now=clock.now
        )


@contextmanager
def commits(engine: AsyncEngine) -> Iterator[list[object]]:
    """The commits the database sees while the block runs (a list of them, to count)."""
    seen: list[object] = []

    def on_commit(connection: object) -> None:
        seen.append(connection)

    event.listen(engine.sync_engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "commit", on_commit)


async def count(sessions: async_sessionmaker[AsyncSession], table: type[models.Base]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


# ---------------------------------------------------------------- runners and dialog state


async def test_a_runner_is_created_once_and_seen_again(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with unit_of_work(sessions) as session:
        first = await repositories.lock_runner(
            session, user_id=RUNNER, chat_id=5, first_name="Sam", now=clock.now
        )
        assert (first.profile, first.returning) == (None, False)
    async with unit_of_work(sessions) as session:
        again = await repositories.lock_runner(
            session, user_id=RUNNER, chat_id=6, first_name="", now=clock.now
        )
        # A new chat id is kept; an empty first name does not erase the one we know.
        assert (again.user.chat_id, again.user.first_name, again.user.active) == (6, "Sam", True)
        assert repositories.dialog_state(again.state_row) is None
        assert (again.state_row.version, again.state_row.recent_updates) == (0, [])
    assert await count(sessions, models.User) == 1
    assert await count(sessions, models.DialogStateRow) == 1


async def test_a_runner_who_blocked_the_bot_is_returning_and_active_again(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    async with unit_of_work(sessions) as session:
        users = await repositories.get_users(session, [RUNNER, OTHER])
        assert list(users) == [RUNNER]
        users[RUNNER].active = False
    async with unit_of_work(sessions) as session:
        runner = await repositories.lock_runner(
            session, user_id=RUNNER, chat_id=RUNNER, first_name="Sam", now=clock.now
        )
        assert runner.returning is True
    async with sessions() as session:
        assert (await repositories.get_users(session, [RUNNER]))[RUNNER].active is True


async def test_the_dialog_state_is_stored_with_a_new_version(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    state = DialogState("onboarding", "goal", {"answers": {"goal": "faster"}})
    async with unit_of_work(sessions) as session:
        row = (await repositories.dialog_rows(session, [RUNNER, OTHER]))[RUNNER]
        repositories.store_dialog_state(row, state, clock.now)
        session.add(models.User(id=OTHER, chat_id=OTHER, created_at=clock.now))
        await session.flush()  # no ORM relationships: the user row goes first
        repositories.new_dialog_row(session, OTHER, clock.now)
    async with unit_of_work(sessions) as session:
        rows = await repositories.dialog_rows(session, [RUNNER, OTHER])
        assert repositories.dialog_state(rows[RUNNER]) == state
        assert rows[RUNNER].version == 1
        assert (repositories.dialog_state(rows[OTHER]), rows[OTHER].version) == (None, 0)
        repositories.store_dialog_state(rows[RUNNER], None, clock.now)
    async with sessions() as session:
        row = (await repositories.dialog_rows(session, [RUNNER]))[RUNNER]
        assert (repositories.dialog_state(row), row.data, row.version) == (None, {}, 2)


async def test_an_update_is_remembered_among_the_last_16(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    async with unit_of_work(sessions) as session:
        row = (await repositories.dialog_rows(session, [RUNNER]))[RUNNER]
        assert [repositories.seen_before(row, n) for n in range(1, 18)] == [False] * 17
    async with sessions() as session:
        row = (await repositories.dialog_rows(session, [RUNNER]))[RUNNER]
        assert row.recent_updates == list(range(2, 18))
        assert repositories.seen_before(row, 17) is True
        assert repositories.seen_before(row, 1) is False  # forgotten, the oldest of 17


# ---------------------------------------------------------------- profiles and events


async def test_a_saved_profile_reads_back_and_a_change_merges_into_it(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    await add_runner(sessions, clock, OTHER)
    async with unit_of_work(sessions) as session:
        saved = await repositories.save_profile(session, RUNNER, runner_fields(), clock.now)
        assert saved == profile()
    async with unit_of_work(sessions) as session:
        assert await repositories.get_profile(session, RUNNER) == profile()
        assert await repositories.get_profile(session, OTHER) is None
        await repositories.save_profile(session, RUNNER, {"workout_time": "18:15"}, clock.now)
    async with sessions() as session:
        assert await repositories.get_profiles(session, [RUNNER, OTHER]) == {
            RUNNER: profile(workout_time="18:15")
        }


async def test_an_event_is_appended(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    async with unit_of_work(sessions) as session:
        repositories.add_event(session, RUNNER, "soreness", {"score": 3}, clock.now)
    async with sessions() as session:
        (row,) = (await session.scalars(select(models.Event))).all()
        assert (row.user_id, row.kind, row.data, row.at) == (
            RUNNER,
            "soreness",
            {"score": 3},
            clock.now,
        )


# ---------------------------------------------------------------- workout sessions


async def test_a_session_is_started_logged_finished_and_loaded_as_history(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    squat = ExerciseResult(exercise_id="squat", outcome=Outcome.DONE, sets=3, reps=10)
    bridge = ExerciseResult(exercise_id="bridge", outcome=Outcome.HARD, sets=2, seconds=30)
    async with unit_of_work(sessions) as session:
        repositories.start_session(
            session, RUNNER, day=MONDAY, started_at=clock.now, focus="hips", plan=["squat"]
        )
    async with unit_of_work(sessions) as session:
        await repositories.log_exercise(session, RUNNER, MONDAY, squat, clock.now)
        await repositories.log_exercise(session, RUNNER, MONDAY, bridge, clock.now)
        await repositories.finish_session(session, RUNNER, MONDAY, clock.now)
    tuesday = MONDAY + timedelta(days=1)
    later = clock.now + timedelta(days=1)
    async with unit_of_work(sessions) as session:
        # Logging on a day with no session opens one: the result is never lost.
        await repositories.log_exercise(session, RUNNER, tuesday, squat, later)
    async with sessions() as session:
        history = await repositories.load_history(session, [RUNNER, OTHER], since=MONDAY)
        since_tuesday = await repositories.load_history(session, [RUNNER], since=tuesday)
        latest = await repositories.latest_session(session, RUNNER, MONDAY)
    assert latest is not None and (latest.status, latest.plan) == ("finished", ["squat"])
    assert [(r.day, r.finished, r.results) for r in history[RUNNER]] == [
        (tuesday, False, (squat,)),
        (MONDAY, True, (squat, bridge)),
    ]
    assert list(history) == [RUNNER]
    assert [r.day for r in since_tuesday[RUNNER]] == [tuesday]


# ---------------------------------------------------------------- pain reports


async def _report(
    session: AsyncSession, key: str, level: str, *, detailed: bool, now: datetime
) -> None:
    """A triaged report whose key is also its one place."""
    pain_records.add_pain_report(
        session,
        RUNNER,
        key=key,
        level=level,
        reasons=["load"],
        report={"worst": 6},
        summary="front of the knee, 6/10",
        locations=[key],
        source="command",
        detailed=detailed,
        now=now,
    )


async def test_pain_reports_are_kept_as_consent_allows_and_summed_up_as_open_pain(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    async with unit_of_work(sessions) as session:
        later = clock.now + timedelta(hours=1)
        await _report(session, "knee_front", "modify", detailed=True, now=clock.now)
        await _report(session, "hip_outside", "physio", detailed=False, now=later)
        await _report(session, "calf", "continue", detailed=True, now=clock.now)  # resolved
    async with unit_of_work(sessions) as session:
        await pain_records.update_pain_report(
            session,
            RUNNER,
            key="knee_front",
            level="modify",
            severity=4,
            resolved=False,
            now=clock.now,
        )
        await pain_records.update_pain_report(
            session, RUNNER, key="gone", level="modify", severity=4, resolved=False, now=clock.now
        )
    async with sessions() as session:
        pain = await pain_records.load_pain(session, [RUNNER, OTHER])
        hip = await session.scalar(
            select(models.PainReport).where(models.PainReport.key == "hip_outside")
        )
    assert hip is not None and (hip.worst, hip.summary, hip.report) == (None, None, None)
    assert pain == {
        RUNNER: PainStatus(
            level="physio",
            locations=frozenset({"knee_front", "hip_outside"}),
            # Most recent first.
            reports=(
                PainRecord(
                    key="hip_outside",
                    locations=("hip_outside",),
                    level="physio",
                    worst=None,
                    first_reported=MONDAY,
                    severities=(),
                    updated_at=later,
                ),
                PainRecord(
                    key="knee_front",
                    locations=("knee_front",),
                    level="modify",
                    worst=6,
                    first_reported=MONDAY,
                    severities=(4,),
                    updated_at=clock.now,
                ),
            ),
        )
    }


async def test_a_resolved_report_without_consent_is_forgotten(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    async with unit_of_work(sessions) as session:
        await _report(session, "hip_outside", "modify", detailed=False, now=clock.now)
        await _report(session, "knee_front", "modify", detailed=True, now=clock.now)
    async with unit_of_work(sessions) as session:
        for key in ("hip_outside", "knee_front"):
            await pain_records.update_pain_report(
                session, RUNNER, key=key, level="continue", severity=1, resolved=True, now=clock.now
            )
    async with sessions() as session:
        rows = (await session.scalars(select(models.PainReport))).all()
        assert [(r.key, r.status, r.severities) for r in rows] == [("knee_front", "resolved", [1])]
        assert await pain_records.load_pain(session, [RUNNER]) == {}


# ---------------------------------------------------------------- contexts


async def test_contexts_load_history_and_pain_only_for_onboarded_runners(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await add_runner(sessions, clock)
    await add_runner(sessions, clock, OTHER)
    async with unit_of_work(sessions) as session:
        for user_id in (RUNNER, OTHER):
            repositories.start_session(
                session, user_id, day=MONDAY, started_at=clock.now, focus="", plan=[]
            )
    async with sessions() as session:
        contexts = await repositories.load_contexts(
            session, {RUNNER: ("Sam", profile()), OTHER: ("Ana", None)}, clock.now
        )
    assert [r.day for r in contexts[RUNNER].history] == [MONDAY]
    assert (contexts[RUNNER].first_name, contexts[RUNNER].profile) == ("Sam", profile())
    assert (contexts[OTHER].history, contexts[OTHER].pain, contexts[OTHER].now) == (
        (),
        None,
        clock.now,
    )


# ---------------------------------------------------------------- the unit of work


async def test_the_coach_commits_each_update_once(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    coach = Coach(sessions, clock=clock)
    with commits(engine) as seen:
        await coach.handle(Sender(RUNNER, RUNNER, "Sam"), CommandReceived("start"))
    assert len(seen) == 1
    async with sessions() as session:
        row = (await repositories.dialog_rows(session, [RUNNER]))[RUNNER]
        assert (row.dialog, row.version) == ("onboarding", 1)


# What _write_everything adds to each table.
WRITES: dict[type[models.Base], int] = {
    models.User: 1,
    models.DialogStateRow: 1,
    models.Profile: 1,
    models.ScheduledMessage: 2,  # the recurring nudges: workout reminder, weekly summary
    models.Event: 1,
    models.WorkoutSession: 1,
    models.ExerciseLog: 1,
    models.PainReport: 1,
}


async def test_every_write_in_a_unit_of_work_is_committed_together(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    with commits(engine) as seen:
        async with unit_of_work(sessions) as session:
            await _write_everything(session, clock)
    assert len(seen) == 1  # none of the repository functions committed on its own
    assert {table: await count(sessions, table) for table in WRITES} == WRITES


async def test_an_error_in_a_unit_of_work_leaves_nothing_written(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    with commits(engine) as seen, pytest.raises(RuntimeError, match="half-way"):
        async with unit_of_work(sessions) as session:
            await _write_everything(session, clock)
            raise RuntimeError("half-way")
    assert seen == []
    assert {table: await count(sessions, table) for table in WRITES} == dict.fromkeys(WRITES, 0)


async def _write_everything(session: AsyncSession, clock: FakeClock) -> None:
    """One of each write, through the repositories and the shell's own effect."""
    await repositories.ensure_user(
        session, user_id=RUNNER, chat_id=RUNNER, first_name="Sam", now=clock.now
    )
    uow = effects.UnitOfWork(session, RUNNER, clock.now)
    await effects.apply(SaveProfile(runner_fields()), uow)  # schedules the recurring nudges
    repositories.add_event(session, RUNNER, "onboarded", {}, clock.now)
    squat = ExerciseResult(exercise_id="squat", outcome=Outcome.DONE, sets=3, reps=10)
    await repositories.log_exercise(session, RUNNER, MONDAY, squat, clock.now)
    await _report(session, "knee_front", "modify", detailed=True, now=clock.now)
