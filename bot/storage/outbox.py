"""Scheduled messages: write, claim, settle. Every message the coach sends later is a row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.scheduling.cron import next_occurrence
from bot.storage.models import OutboxStatus, ScheduledMessage
from dialogs.records import Profile
from dialogs.training import nudges


@dataclass(frozen=True, slots=True)
class Due:
    """A claimed row, detached from the session that claimed it."""

    id: int
    user_id: int
    kind: str
    occurrence: str
    due_at: datetime
    payload: dict[str, Any]
    attempts: int


async def schedule_many(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Add many rows in one executemany; an existing (runner, kind, occurrence) is kept."""
    if not rows:
        return
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    # One statement with the rows as parameters: compiled once, unlike a multi-row VALUES. On
    # the table, not the ORM class: the ORM's bulk insert path cost more than the database.
    # (Declarative types __table__ as any FromClause; a mapped class's is its Table.)
    statement = insert(cast(Table, ScheduledMessage.__table__)).on_conflict_do_nothing(
        index_elements=["user_id", "kind", "occurrence"]
    )
    await session.execute(
        statement, [{**row, "status": OutboxStatus.PENDING, "attempts": 0} for row in rows]
    )


async def schedule(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    occurrence: str,
    due: datetime,
    payload: dict[str, Any],
    now: datetime,
    replace: bool = False,
) -> None:
    """Add a row; an existing (runner, kind, occurrence) is kept, or moved when replace."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(ScheduledMessage).values(
        user_id=user_id,
        kind=kind,
        occurrence=occurrence,
        due_at=due,
        payload=payload,
        status=OutboxStatus.PENDING,
        attempts=0,
        created_at=now,
    )
    keys = ["user_id", "kind", "occurrence"]
    if replace:
        statement = statement.on_conflict_do_update(
            index_elements=keys,
            set_={
                "due_at": due,
                "payload": payload,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "claimed_by": None,
                "claimed_at": None,
                "last_error": None,
            },
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    await session.execute(statement)


async def cancel(
    session: AsyncSession,
    user_id: int,
    *,
    kinds: Sequence[str] = (),
    occurrence_prefix: str | None = None,
    reason: str = "",
) -> None:
    """Cancel a runner's pending rows (of these kinds; all kinds when empty)."""
    conditions = [
        ScheduledMessage.user_id == user_id,
        ScheduledMessage.status == OutboxStatus.PENDING,
    ]
    if kinds:
        conditions.append(ScheduledMessage.kind.in_(kinds))
    if occurrence_prefix is not None:
        conditions.append(ScheduledMessage.occurrence.startswith(occurrence_prefix))
    await session.execute(
        update(ScheduledMessage)
        .where(*conditions)
        .values(status=OutboxStatus.CANCELLED, last_error=reason or None)
        .execution_options(synchronize_session=False)
    )


_RETURNED = (
    ScheduledMessage.id,
    ScheduledMessage.user_id,
    ScheduledMessage.kind,
    ScheduledMessage.occurrence,
    ScheduledMessage.due_at,
    ScheduledMessage.payload,
    ScheduledMessage.attempts,
)


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose rows a dispatcher serves: the console serves only its runner, Telegram the rest."""

    only_user: int | None = None
    skip_user: int | None = None

    def conditions(self) -> list[Any]:
        conditions = []
        if self.only_user is not None:
            conditions.append(ScheduledMessage.user_id == self.only_user)
        if self.skip_user is not None:
            conditions.append(ScheduledMessage.user_id != self.skip_user)
        return conditions


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    worker: str,
    limit: int,
    stale_before: datetime,
    scope: Scope = Scope(),
) -> list[Due]:
    """Atomically take up to `limit` due rows, and rows whose claimer died, for this worker.

    On PostgreSQL rows locked by another worker are skipped, so several processes share
    the work and each row is taken once; on SQLite the database's write lock serialises this.
    """
    due = or_(
        and_(ScheduledMessage.status == OutboxStatus.PENDING, ScheduledMessage.due_at <= now),
        and_(
            ScheduledMessage.status == OutboxStatus.SENDING,
            ScheduledMessage.claimed_at < stale_before,
        ),
    )
    chosen = (
        select(ScheduledMessage.id)
        .where(due, *scope.conditions())
        .order_by(ScheduledMessage.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(chosen))
        .values(
            status=OutboxStatus.SENDING,
            claimed_by=worker,
            claimed_at=now,
            attempts=ScheduledMessage.attempts + 1,
        )
        .returning(*_RETURNED)
        .execution_options(synchronize_session=False)
    )
    return [Due(*row) for row in result.all()]


async def expire_overdue(
    session: AsyncSession, *, before: datetime, scope: Scope = Scope()
) -> list[Due]:
    """Mark pending rows that fell due before `before` (past the grace window) as missed."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(
            ScheduledMessage.status == OutboxStatus.PENDING,
            ScheduledMessage.due_at < before,
            *scope.conditions(),
        )
        .values(status=OutboxStatus.MISSED)
        .returning(*_RETURNED)
        .execution_options(synchronize_session=False)
    )
    return [Due(*row) for row in result.all()]


@dataclass(slots=True)
class Claim:
    """Who claimed a batch and when. A row is settled only while both still match, so a worker
    whose claim was taken over (it stalled past the timeout) cannot overwrite the new owner's
    outcome. `at` moves forward when a long batch refreshes its claim."""

    worker: str
    at: datetime

    def held(self) -> list[Any]:
        return [
            ScheduledMessage.status == OutboxStatus.SENDING,
            ScheduledMessage.claimed_by == self.worker,
            ScheduledMessage.claimed_at == self.at,
        ]


async def _update_ids(session: AsyncSession, statement: Any) -> set[int]:
    result = await session.execute(
        statement.returning(ScheduledMessage.id).execution_options(synchronize_session=False)
    )
    return set(result.scalars())


async def settle(
    session: AsyncSession,
    ids: Sequence[int],
    *,
    status: OutboxStatus,
    now: datetime,
    error: str | None = None,
    claim: Claim | None = None,
) -> set[int]:
    """Record how claimed rows ended: sent, cancelled, missed or failed. With a claim, only
    rows it still holds are touched; returns the ids that were."""
    if not ids:
        return set()
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(ids), *(claim.held() if claim else ()))
        .values(
            status=status,
            sent_at=now if status == OutboxStatus.SENT else None,
            last_error=error[:500] if error else None,
        )
        .returning(ScheduledMessage.id, ScheduledMessage.due_at)
        .execution_options(synchronize_session=False)
    )
    settled = result.tuples().all()
    if status == OutboxStatus.SENT:
        metrics.reminders_sent((due for _, due in settled), now)
    return {row_id for row_id, _ in settled}


async def retry_later(
    session: AsyncSession, row_id: int, *, due: datetime, error: str, claim: Claim
) -> bool:
    """Put a row back for another try after a transient failure, if the claim still holds it."""
    return bool(
        await _update_ids(
            session,
            update(ScheduledMessage)
            .where(ScheduledMessage.id == row_id, *claim.held())
            .values(
                status=OutboxStatus.PENDING, due_at=due, claimed_by=None, last_error=error[:500]
            ),
        )
    )


async def refresh(
    session: AsyncSession, ids: Sequence[int], *, claim: Claim, now: datetime
) -> set[int]:
    """Renew the claim on rows still being worked on; returns those it still held (the rest
    were taken over). The caller moves `claim.at` to `now` once this commits."""
    if not ids:
        return set()
    return await _update_ids(
        session,
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(ids), *claim.held())
        .values(claimed_at=now),
    )


async def release(session: AsyncSession, ids: Sequence[int], *, claim: Claim) -> set[int]:
    """Hand claimed rows that were never sent back to pending (shutting down); the claim
    that is given back does not count as an attempt."""
    if not ids:
        return set()
    return await _update_ids(
        session,
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(ids), *claim.held())
        .values(
            status=OutboxStatus.PENDING,
            claimed_by=None,
            claimed_at=None,
            attempts=ScheduledMessage.attempts - 1,
        ),
    )


async def fail_exhausted(
    session: AsyncSession,
    *,
    stale_before: datetime,
    max_attempts: int,
    scope: Scope = Scope(),
) -> list[Due]:
    """Fail rows whose claim went stale on their last attempt: whatever keeps killing their
    worker would kill the next one too. Run before `claim_due`, in the same transaction."""
    chosen = (
        select(ScheduledMessage.id)
        .where(
            ScheduledMessage.status == OutboxStatus.SENDING,
            ScheduledMessage.claimed_at < stale_before,
            ScheduledMessage.attempts >= max_attempts,
            *scope.conditions(),
        )
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id.in_(chosen))
        .values(
            status=OutboxStatus.FAILED,
            last_error=f"no outcome after {max_attempts} claims: the worker stopped each time",
        )
        .returning(*_RETURNED)
        .execution_options(synchronize_session=False)
    )
    return [Due(*row) for row in result.all()]


async def pending(session: AsyncSession, user_id: int) -> list[ScheduledMessage]:
    """A runner's pending rows, soonest first."""
    result = await session.execute(
        select(ScheduledMessage)
        .where(ScheduledMessage.user_id == user_id, ScheduledMessage.status == OutboxStatus.PENDING)
        .order_by(ScheduledMessage.due_at)
    )
    return list(result.scalars())


async def recent(session: AsyncSession, user_id: int, *, kind: str) -> list[ScheduledMessage]:
    """A runner's latest rows of one kind, newest first."""
    result = await session.execute(
        select(ScheduledMessage)
        .where(ScheduledMessage.user_id == user_id, ScheduledMessage.kind == kind)
        .order_by(ScheduledMessage.due_at.desc())
        .limit(16)
    )
    return list(result.scalars())


async def reschedule(
    session: AsyncSession, user_id: int, profile: Profile, now: datetime
) -> datetime | None:
    """Replace the runner's recurring nudges after a profile change; returns the next reminder."""
    await cancel(session, user_id, kinds=nudges.RECURRING, reason="rescheduled")
    next_reminder: datetime | None = None
    for kind in nudges.RECURRING:
        if kind in profile.nudges_off:
            continue
        occurrence = await _first_unsent(session, user_id, kind, profile, now)
        if occurrence is None:
            continue
        due, key = occurrence
        await schedule(
            session,
            user_id=user_id,
            kind=kind,
            occurrence=key,
            due=due,
            payload={"n": 0},
            now=now,
            replace=True,
        )
        if kind == nudges.WORKOUT_REMINDER:
            next_reminder = due
    return next_reminder


async def _first_unsent(
    session: AsyncSession, user_id: int, kind: str, profile: Profile, after: datetime
) -> tuple[datetime, str] | None:
    """The next occurrence that was not already sent: a time change never repeats a day."""
    sent = {
        row.occurrence
        for row in await recent(session, user_id, kind=kind)
        if row.status in (OutboxStatus.SENT, OutboxStatus.SENDING)
    }
    for _ in range(8):
        occurrence = next_occurrence(kind, profile, after)
        if occurrence is None or occurrence[1] not in sent:
            return occurrence
        after = occurrence[0]
    return None
