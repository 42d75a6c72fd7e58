"""Data rights: /export holds every row about the runner, /delete leaves none, retention purges."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import purge_old_data
from bot.coach import Coach, Sender
from bot.storage import field_tests, pain_records, repositories
from bot.storage.models import DialogStateRow, User
from bot.storage.runner_data import tables_about_runners
from dialogs.core import ButtonPressed, CommandReceived, TextReceived
from dialogs.records import ExerciseResult, FieldTestResult, Outcome
from tests.conftest import FakeClock
from tests.support.builders import onboard

RUNNER, OTHER = 301, 302
BLOCKED, SILENT, BACK, JUST_BLOCKED = 311, 312, 313, 314


async def fill(sessions: async_sessionmaker[AsyncSession], clock: FakeClock, user_id: int) -> None:
    """A runner with a row in every table that can hold one."""
    await onboard(sessions, clock, user_id=user_id)
    async with sessions() as session, session.begin():
        day = clock.now.date()
        repositories.start_session(
            session, user_id, day=day, started_at=clock.now, focus="hip drive", plan=["bridge"]
        )
        await session.flush()
        result = ExerciseResult(exercise_id="glute_bridge", outcome=Outcome.DONE, sets=2, reps=10)
        await repositories.log_exercise(session, user_id, day, result, clock.now)
        await repositories.finish_session(session, user_id, day, clock.now)
        pain_records.add_pain_report(
            session,
            user_id,
            key="pain-1",
            level="modify",
            reasons=["3/10 and settling"],
            report={"worst": 3},
            summary="Calf, 3 days, 3/10",
            locations=["calf"],
            source="command",
            detailed=True,
            now=clock.now,
        )
        repositories.add_event(session, user_id, "hello", {}, clock.now)
        bridge = FieldTestResult(day=day, test="bridge", side="left", value=18)
        await field_tests.save_field_tests(session, user_id, day, [bridge], clock.now)
        await pain_records.save_comeback(
            session, user_id, report_key="pain-1", locations=["calf"], stage=1, good_runs=1,
            step_backs=0, finished=False, now=clock.now,
        )  # fmt: skip
    await Coach(sessions, clock=clock).handle(Sender(user_id, user_id, "Sam"), TextReceived("hi"))


async def counts(sessions: async_sessionmaker[AsyncSession], user_id: int) -> dict[str, int]:
    async with sessions() as session:
        found = {}
        for table in tables_about_runners():
            owner = table.c.id if table.name == "users" else table.c.user_id
            found[table.name] = await session.scalar(
                select(func.count()).select_from(table).where(owner == user_id)
            )
        return found


async def test_every_table_that_references_a_runner_is_covered() -> None:
    names = {table.name for table in tables_about_runners()}
    assert names >= {
        "users",
        "profiles",
        "dialog_states",
        "events",
        "scheduled_messages",
        "workout_sessions",
        "exercise_logs",
        "pain_reports",
    }


async def test_export_contains_every_table_row_for_the_runner(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await fill(sessions, clock, RUNNER)
    await fill(sessions, clock, OTHER)
    stored = await counts(sessions, RUNNER)
    assert all(stored.values()), f"the fixture should fill every table: {stored}"
    handled = await Coach(sessions, clock=clock).handle(
        Sender(RUNNER, RUNNER, "Sam"), CommandReceived("export")
    )
    files = [reply.attachment for reply in handled.replies if reply.attachment]
    assert len(files) == 1 and files[0].kind == "document"
    exported = json.loads(files[0].content)
    assert exported["user_id"] == RUNNER
    # /export itself adds nothing; the counts are those stored before it.
    assert {name: len(rows) for name, rows in exported["tables"].items()} == stored
    for rows in exported["tables"].values():
        assert all(row.get("user_id", row.get("id")) == RUNNER for row in rows)
    assert exported["tables"]["pain_reports"][0]["summary"] == "Calf, 3 days, 3/10"


async def test_delete_asks_then_removes_every_row_about_the_runner_only(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await fill(sessions, clock, RUNNER)
    await fill(sessions, clock, OTHER)
    coach = Coach(sessions, clock=clock)
    runner = Sender(RUNNER, RUNNER, "Sam")
    asked = await coach.handle(runner, CommandReceived("delete"))
    assert "Delete everything?" in asked.replies[-1].text
    kept = await coach.handle(runner, TextReceived("no, keep it"))
    assert "Nothing was deleted" in kept.replies[0].text
    assert all((await counts(sessions, RUNNER)).values())

    await coach.handle(runner, CommandReceived("delete"))
    done = await coach.handle(runner, ButtonPressed("yes"), button_version=None)
    assert "everything about you is deleted" in done.replies[0].text
    assert await counts(sessions, RUNNER) == {t.name: 0 for t in tables_about_runners()}
    assert all((await counts(sessions, OTHER)).values()), "another runner's data must stay"


async def test_retention_purges_old_health_data_and_logs_only(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    await fill(sessions, clock, RUNNER)
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    # They still talk to the coach, so only their old data goes, not the runner.
    await Coach(sessions, clock=clock).handle(Sender(RUNNER, RUNNER, "Sam"), TextReceived("hi"))
    async with sessions() as session, session.begin():
        repositories.add_event(session, RUNNER, "recent", {}, clock.now)
        repositories.start_session(
            session, RUNNER, day=date(2026, 3, 2), started_at=clock.now, focus="", plan=[]
        )
    deleted = await purge_old_data(sessions, months=12, now=clock.now)
    assert deleted["pain_reports"] == 1 and deleted["exercise_logs"] == 1
    assert deleted["workout_sessions"] == 1 and deleted["events"] >= 1
    assert deleted["field_tests"] == 1
    left = await counts(sessions, RUNNER)
    assert left["pain_reports"] == 0 and left["exercise_logs"] == 0
    assert left["field_tests"] == 0
    assert left["workout_sessions"] == 1 and left["events"] >= 1
    assert left["profiles"] == 1 and left["users"] == 1


async def test_retention_purges_a_left_return_to_run_plan_but_not_one_under_way(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    for user_id in (RUNNER, OTHER):
        await fill(sessions, clock, user_id)
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    coach = Coach(sessions, clock=clock)
    for user_id in (RUNNER, OTHER):  # both still talk to the coach
        await coach.handle(Sender(user_id, user_id, "Sam"), TextReceived("hi"))
    async with sessions() as session, session.begin():
        # OTHER's plan, begun as long ago, moved on a stage today: it is under way.
        await pain_records.save_comeback(
            session, OTHER, report_key="pain-1", locations=["calf"], stage=2, good_runs=0,
            step_backs=0, finished=False, now=clock.now,
        )  # fmt: skip
    deleted = await purge_old_data(sessions, months=12, now=clock.now)
    assert deleted["comeback_plans"] == 1
    assert (await counts(sessions, RUNNER))["comeback_plans"] == 0
    assert (await counts(sessions, OTHER))["comeback_plans"] == 1


async def test_export_leaves_out_the_coachs_internal_fields(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await fill(sessions, clock, RUNNER)
    handled = await Coach(sessions, clock=clock).handle(
        Sender(RUNNER, RUNNER, "Sam"), CommandReceived("export")
    )
    [document] = [reply.attachment for reply in handled.replies if reply.attachment]
    exported = json.loads(document.content)
    assert set(exported) == {"exported_at", "user_id", "tables"}
    keys = {name: set(rows[0]) for name, rows in exported["tables"].items()}
    assert keys == {
        "users": {"id", "chat_id", "first_name", "created_at", "active"},
        "profiles": {
            "user_id",
            "goal",
            "race_distance",
            "race_day",
            "niggle",
            "experience",
            "runs_per_week",
            "weekly_distance_km",
            "weekly_minutes",
            "distance_unit",
            "volume_jump_on",
            "equipment",
            "workout_days",
            "workout_time",
            "timezone",
            "hard_run_days",
            "session_minutes",
            "pain_consent",
            "nudges_off",
            "paused_until",
            "updated_at",
        },
        "dialog_states": {"user_id", "dialog", "step", "data", "updated_at"},
        "events": {"user_id", "kind", "data", "at"},
        # No claim owner (host and process), claim time, attempts, errors or routing payload.
        "scheduled_messages": {"user_id", "kind", "due_at", "status", "sent_at", "created_at"},
        "workout_sessions": {
            "id",
            "user_id",
            "day",
            "status",
            "focus",
            "plan",
            "started_at",
            "finished_at",
        },
        "field_tests": {"user_id", "day", "test", "side", "value", "at"},
        "exercise_logs": {
            "user_id",
            "session_id",
            "exercise_id",
            "outcome",
            "sets",
            "reps",
            "seconds",
            "at",
        },
        "pain_reports": {
            "user_id",
            "key",
            "level",
            "status",
            "locations",
            "worst",
            "severities",
            "reasons",
            "report",
            "summary",
            "source",
            "detailed",
            "reported_at",
            "updated_at",
            "advice",
            "note",
        },
        "comeback_plans": {
            "user_id",
            "report_key",
            "locations",
            "stage",
            "good_runs",
            "step_backs",
            "started_at",
            "updated_at",
        },
    }


async def block(sessions: async_sessionmaker[AsyncSession], user_id: int) -> None:
    """What the dispatcher records when Telegram says the runner blocked the bot."""
    async with sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == user_id).values(active=False))


async def test_retention_removes_runners_not_heard_from_since_the_cutoff_with_all_their_rows(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    for user_id in (BLOCKED, SILENT, BACK):
        await fill(sessions, clock, user_id)
    await block(sessions, BLOCKED)
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    await Coach(sessions, clock=clock).handle(Sender(BACK, BACK, "Sam"), TextReceived("hello"))
    await fill(sessions, clock, JUST_BLOCKED)
    await block(sessions, JUST_BLOCKED)

    deleted = await purge_old_data(sessions, months=12, now=clock.now)

    nothing = {table.name: 0 for table in tables_about_runners()}
    assert await counts(sessions, BLOCKED) == nothing
    assert await counts(sessions, SILENT) == nothing
    for kept in (BACK, JUST_BLOCKED):
        left = await counts(sessions, kept)
        assert left["users"] == left["profiles"] == left["dialog_states"] == 1, kept
    assert deleted["runners"] == 2


async def pain_state(sessions: async_sessionmaker[AsyncSession], user_id: int) -> DialogStateRow:
    async with sessions() as session:
        row = await session.get(DialogStateRow, user_id)
    assert row is not None
    return row


async def test_unfinished_pain_dialog_without_consent_keeps_no_report_past_a_day(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    declined, consented, newcomer, recent = 321, 322, 323, 324
    await onboard(sessions, clock, user_id=declined, pain_consent=False)
    await onboard(sessions, clock, user_id=consented, pain_consent=True)
    await onboard(sessions, clock, user_id=recent, pain_consent=False)
    coach = Coach(sessions, clock=clock)
    told = "my left calf hurts, about 6/10, since tuesday"
    # Each stops answering after the first question; `newcomer` never set up a profile.
    for user_id in (declined, consented, newcomer):
        await coach.handle(Sender(user_id, user_id, "Sam"), TextReceived(told))
        row = await pain_state(sessions, user_id)
        assert row.dialog == "pain" and "calf" in json.dumps(row.data), row.data
    abandoned_at = clock.now
    clock.advance(hours=23)
    await coach.handle(Sender(recent, recent, "Sam"), TextReceived(told))
    clock.advance(hours=2)
    version = (await pain_state(sessions, declined)).version

    deleted = await purge_old_data(sessions, months=24, now=clock.now)

    for forgotten in (declined, newcomer):
        row = await pain_state(sessions, forgotten)
        assert (row.dialog, row.step, row.data) == (None, None, {}), forgotten
        # Its old buttons expire; the last time the runner wrote is kept for retention.
        assert row.updated_at == abandoned_at
    assert (await pain_state(sessions, declined)).version == version + 1
    # Consent covers keeping the details; a dialog left an hour ago is not abandoned yet.
    for kept in (consented, recent):
        row = await pain_state(sessions, kept)
        assert row.dialog == "pain" and "calf" in json.dumps(row.data), kept
    assert deleted["pain_dialogs"] == 2
