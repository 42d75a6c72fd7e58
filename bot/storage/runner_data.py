"""Every row about a runner, across tables: the /export copy, /delete, and the retention purge.

Like the repositories, these never commit: the caller's unit of work does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Column, Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import models
from dialogs.pain import dialog as pain_dialog

# The coach's own bookkeeping, not information about the runner, so not in /export: which
# process claimed a message and when, retries and their errors, routing keys, button
# versions, Telegram update ids, row ids (except a session's, which its exercises refer to).
INTERNAL_COLUMNS: dict[str, frozenset[str]] = {
    "dialog_states": frozenset({"version", "recent_updates"}),
    "events": frozenset({"id"}),
    "scheduled_messages": frozenset(
        {"id", "occurrence", "payload", "attempts", "claimed_by", "claimed_at", "last_error"}
    ),
    "exercise_logs": frozenset({"id"}),
    "pain_reports": frozenset({"id"}),
    "field_tests": frozenset({"id"}),
}

# A pain dialog left unanswered this long is over: a runner who did not consent to keeping
# pain details must not have their answers kept in it (the daily purge clears it).
PAIN_DIALOG_ABANDONED = timedelta(days=1)

# Runners deleted per statement: keeps every IN list well under the drivers' parameter limits.
DELETE_BATCH = 500


def tables_about_runners() -> list[Table]:
    """Every table with rows about a runner: users itself and all that reference it, parents
    before children."""
    return [
        table
        for table in models.Base.metadata.sorted_tables
        if table.name == "users"
        or any(fk.column.table.name == "users" for fk in table.foreign_keys)
    ]


def owner_column(table: Table) -> Column[Any]:
    """The column naming the runner a row is about."""
    return table.c.id if table.name == "users" else table.c.user_id


async def export_user(session: AsyncSession, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every stored row about the runner, by table, as JSON-ready dicts without the coach's
    internal columns."""
    exported: dict[str, list[dict[str, Any]]] = {}
    for table in tables_about_runners():
        internal = INTERNAL_COLUMNS.get(table.name, frozenset())
        columns = [column for column in table.columns if column.name not in internal]
        rows = await session.execute(select(*columns).where(owner_column(table) == user_id))
        exported[table.name] = [
            {key: _jsonable(value) for key, value in row._mapping.items()} for row in rows
        ]
    return exported


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def delete_runners(session: AsyncSession, user_ids: Sequence[int]) -> None:
    """Remove every row about these runners, children before parents."""
    await session.flush()
    for start in range(0, len(user_ids), DELETE_BATCH):
        batch = list(user_ids[start : start + DELETE_BATCH])
        for table in reversed(tables_about_runners()):
            await session.execute(table.delete().where(owner_column(table).in_(batch)))
    # Objects loaded earlier in this unit of work now describe deleted rows.
    session.expunge_all()


async def purge_silent_runners(session: AsyncSession, cutoff: datetime) -> int:
    """Delete runners not heard from since the cutoff, blocked or not, with every row about
    them; returns how many.

    Every update a runner sends stores their dialog state, so its time is when they were last
    heard from. The coach moves it itself only when a check-in it sends opens a dialog, and
    check-ins follow something the runner did by days. Runners being handled right now are
    locked by that update and skipped: they are anything but silent.
    """
    last_heard = func.coalesce(models.DialogStateRow.updated_at, models.User.created_at)
    silent = list(
        await session.scalars(
            select(models.User.id)
            .outerjoin(models.DialogStateRow, models.DialogStateRow.user_id == models.User.id)
            .where(last_heard < cutoff)
            .order_by(models.User.id)
            .with_for_update(of=models.User, skip_locked=True)
        )
    )
    await delete_runners(session, silent)
    return len(silent)


async def forget_abandoned_pain_dialogs(session: AsyncSession, idle_since: datetime) -> int:
    """Close pain dialogs left unanswered since `idle_since` by runners who did not consent
    to keeping pain details (or have no profile yet), dropping the answers held in them;
    returns how many. The version moves on so the dialog's old buttons expire; the time
    stays, as it is when the runner was last heard from."""
    consented = select(models.Profile.user_id).where(models.Profile.pain_consent.is_(True))
    state = models.DialogStateRow
    result = await session.execute(
        update(state)
        .where(
            state.dialog == pain_dialog.NAME,
            state.updated_at < idle_since,
            state.user_id.not_in(consented),
        )
        .values(dialog=None, step=None, data={}, version=state.version + 1)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def purge_before(session: AsyncSession, cutoff: datetime) -> dict[str, int]:
    """Delete health data and logs older than the retention cutoff; returns rows per table."""
    done = (
        models.OutboxStatus.SENT,
        models.OutboxStatus.MISSED,
        models.OutboxStatus.CANCELLED,
        models.OutboxStatus.FAILED,
    )
    statements = {
        "pain_reports": delete(models.PainReport).where(models.PainReport.reported_at < cutoff),
        # A return-to-run plan is health data too (the places it protects). One not moved on
        # since the cutoff was left; one under way stays, however long ago it began.
        "comeback_plans": delete(models.ComebackPlanRow).where(
            models.ComebackPlanRow.updated_at < cutoff
        ),
        "exercise_logs": delete(models.ExerciseLog).where(models.ExerciseLog.at < cutoff),
        "workout_sessions": delete(models.WorkoutSession).where(
            models.WorkoutSession.started_at < cutoff
        ),
        "field_tests": delete(models.FieldTestRow).where(models.FieldTestRow.at < cutoff),
        "events": delete(models.Event).where(models.Event.at < cutoff),
        "scheduled_messages": delete(models.ScheduledMessage).where(
            models.ScheduledMessage.status.in_(done), models.ScheduledMessage.due_at < cutoff
        ),
    }
    counts = {}
    for table, statement in statements.items():
        result = await session.execute(statement)
        counts[table] = result.rowcount  # type: ignore[attr-defined]
    return counts
