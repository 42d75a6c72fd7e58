"""The dispatcher: claims due rows, renders them through the core, sends, settles.

A frequent tick (PTB's JobQueue, on APScheduler) calls `Dispatcher.tick`. Each row is
claimed by one worker at a time; a claim whose worker died is taken over after a timeout.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects, outbox, repositories
from bot.coach import utcnow
from bot.models import User
from bot.schedule import next_occurrence
from dialogs import nudges, router
from dialogs.core import Reply

log = logging.getLogger(__name__)


# Outcomes are written at least this often while a batch is being sent.
SETTLE_EVERY_ROWS = 200
SETTLE_EVERY_SECONDS = 0.05


class RunnerBlockedError(Exception):
    """The runner blocked the bot: stop writing to them until they /start again."""


class RetryLaterError(Exception):
    """Telegram asked us to slow down, or the network failed: try this row again later."""

    def __init__(self, reason: str, *, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class Transport(Protocol):
    """Where due messages go: Telegram, or the console."""

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None: ...


@dataclass(frozen=True, slots=True)
class Timing:
    """The dispatcher's time settings."""

    grace: timedelta = timedelta(hours=2)
    claim_timeout: timedelta = timedelta(minutes=5)
    max_attempts: int = 5
    batch: int = 500
    # The rate limiter paces sends anyway; a small pool keeps httpx's connection scans cheap.
    concurrency: int = 8


@dataclass(slots=True)
class TickReport:
    """What one tick did, for logs, tests and benchmarks."""

    sent: int = 0
    dropped: int = 0
    missed: int = 0
    retried: int = 0
    failed: int = 0


@dataclass(slots=True)
class _Outgoing:
    due: outbox.Due
    chat_id: int
    replies: tuple[Reply, ...]
    version: int


def worker_name() -> str:
    """Who claimed a row, for operators reading the table."""
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


class Dispatcher:
    """Sends every due scheduled message once, through a transport."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        transport: Transport,
        *,
        timing: Timing | None = None,
        clock: Callable[[], datetime] = utcnow,
        worker: str | None = None,
        scope: outbox.Scope | None = None,
    ) -> None:
        self._sessions = sessions
        self._transport = transport
        self._timing = timing or Timing()
        self._clock = clock
        self._worker = worker or worker_name()
        self._scope = scope or outbox.Scope()
        self._running = asyncio.Lock()

    async def tick(self) -> TickReport:
        """Handle everything due now; overlapping calls wait rather than double up."""
        report = TickReport()
        async with self._running:
            now = self._clock()
            report.missed = await self._expire(now)
            while True:
                claimed = await self._claim(now)
                if not claimed:
                    break
                outgoing = await self._render(claimed, now, report)
                await self._send_all(outgoing, report)
                if len(claimed) < self._timing.batch:
                    break
        return report

    async def _expire(self, now: datetime) -> int:
        async with self._sessions() as session, session.begin():
            missed = await outbox.expire_overdue(
                session, before=now - self._timing.grace, scope=self._scope
            )
            await self._chain(session, missed, now)
        if missed:
            log.info("%d scheduled messages were past the grace window: marked missed", len(missed))
        return len(missed)

    async def _claim(self, now: datetime) -> list[outbox.Due]:
        async with self._sessions() as session, session.begin():
            return await outbox.claim_due(
                session,
                now=now,
                worker=self._worker,
                limit=self._timing.batch,
                stale_before=now - self._timing.claim_timeout,
                scope=self._scope,
            )

    async def _render(
        self, claimed: Sequence[outbox.Due], now: datetime, report: TickReport
    ) -> list[_Outgoing]:
        """Run the core for each due row in one transaction; drop what should not go."""
        outgoing: list[_Outgoing] = []
        dropped: list[tuple[int, str]] = []
        async with self._sessions() as session, session.begin():
            user_ids = sorted({due.user_id for due in claimed})
            users = await repositories.get_users(session, user_ids)
            profiles = await repositories.get_profiles(session, user_ids)
            runners = {uid: (users[uid].first_name, profiles.get(uid)) for uid in users}
            contexts = await repositories.load_contexts(session, runners, now)
            states = await repositories.dialog_rows(session, user_ids)
            for due in claimed:
                user, ctx = users.get(due.user_id), contexts.get(due.user_id)
                if user is None or ctx is None or not user.active:
                    dropped.append((due.id, "inactive"))
                    continue
                reason = nudges.drop_reason(due.kind, due.payload, ctx)
                if reason is not None:
                    dropped.append((due.id, reason))
                    continue
                row = states.get(due.user_id)
                state = None if row is None else repositories.dialog_state(row)
                transition = router.deliver(due.kind, due.payload, state, ctx)
                if transition.state != state:
                    if row is None:
                        row = states[due.user_id] = repositories.new_dialog_row(
                            session, due.user_id, now
                        )
                    repositories.store_dialog_state(row, transition.state, now)
                uow = effects.UnitOfWork(session, due.user_id, now)
                follow_ups: list[Reply] = []
                for effect in transition.effects:
                    follow_ups.extend(await effects.apply(effect, uow))
                replies = (*transition.replies, *follow_ups)
                version = 0 if row is None else row.version
                outgoing.append(_Outgoing(due, user.chat_id, replies, version))
            for row_id, reason in dropped:
                await outbox.settle(
                    session, [row_id], status=outbox.CANCELLED, now=now, error=reason
                )
            dropped_ids = {row_id for row_id, _ in dropped}
            await self._chain(session, [due for due in claimed if due.id in dropped_ids], now)
        report.dropped += len(dropped)
        return outgoing

    async def _send_all(self, outgoing: Sequence[_Outgoing], report: TickReport) -> None:
        """Send concurrently (the rate limiter paces us) and record each outcome promptly, so a
        crash can only resend what was in flight in the last few milliseconds."""
        limit = asyncio.Semaphore(self._timing.concurrency)
        results: list[tuple[_Outgoing, BaseException | None]] = []
        flushing = asyncio.Lock()
        last_flush = asyncio.get_running_loop().time()

        async def flush() -> None:
            nonlocal last_flush
            async with flushing:
                batch = results[:]
                del results[:]
                last_flush = asyncio.get_running_loop().time()
                if batch:
                    await self._settle(batch, report)

        async def send(item: _Outgoing) -> None:
            async with limit:
                results.append((item, await self._deliver(item)))
            now = asyncio.get_running_loop().time()
            if len(results) >= SETTLE_EVERY_ROWS or now - last_flush >= SETTLE_EVERY_SECONDS:
                await flush()

        await asyncio.gather(*(send(item) for item in outgoing))
        await flush()

    async def _deliver(self, item: _Outgoing) -> BaseException | None:
        try:
            await self._transport.deliver(item.chat_id, item.replies, version=item.version)
        except (RunnerBlockedError, RetryLaterError) as exc:
            return exc
        except Exception as exc:  # one broken message must not stop the others
            log.exception("sending scheduled message %s failed", item.due.id)
            return exc
        return None

    async def _settle(
        self, batch: Sequence[tuple[_Outgoing, BaseException | None]], report: TickReport
    ) -> None:
        now = self._clock()
        async with self._sessions() as session, session.begin():
            sent = [item.due for item, error in batch if error is None]
            await outbox.settle(session, [due.id for due in sent], status=outbox.SENT, now=now)
            await self._chain(session, sent, now)
            report.sent += len(sent)
            for item, error in batch:
                if error is not None:
                    await self._failed(session, item, error, now, report)

    async def _failed(
        self,
        session: AsyncSession,
        item: _Outgoing,
        error: BaseException,
        now: datetime,
        report: TickReport,
    ) -> None:
        due = item.due
        if isinstance(error, RunnerBlockedError):
            user = await session.get(User, due.user_id)
            if user is not None:
                user.active = False
            await outbox.settle(
                session, [due.id], status=outbox.CANCELLED, now=now, error="blocked"
            )
            await outbox.cancel(session, due.user_id, reason="blocked")
            report.dropped += 1
            log.info("runner %s blocked the bot: their nudges are cancelled", due.user_id)
            return
        if isinstance(error, RetryLaterError) and due.attempts < self._timing.max_attempts:
            backoff = error.after if error.after is not None else 2 ** due.attempts * 15
            await outbox.retry_later(
                session, due.id, due=now + timedelta(seconds=backoff), error=str(error)
            )
            report.retried += 1
            return
        await outbox.settle(session, [due.id], status=outbox.FAILED, now=now, error=repr(error))
        await self._chain(session, [due], now)
        report.failed += 1
        log.warning("scheduled message %s failed for good: %r", due.id, error)

    async def _chain(
        self, session: AsyncSession, done: Sequence[outbox.Due], now: datetime
    ) -> None:
        """After a recurring row is settled, write its next occurrence."""
        recurring = [
            due
            for due in done
            if due.kind in nudges.RECURRING and not due.payload.get("snooze")
        ]
        if not recurring:
            return
        profiles = await repositories.get_profiles(session, [due.user_id for due in recurring])
        following: list[dict[str, Any]] = []
        for due in recurring:
            profile = profiles.get(due.user_id)
            if profile is None or due.kind in profile.nudges_off:
                continue
            occurrence = next_occurrence(due.kind, profile, max(due.due_at, now))
            if occurrence is None:
                continue
            when, key = occurrence
            following.append(
                {
                    "user_id": due.user_id,
                    "kind": due.kind,
                    "occurrence": key,
                    "due_at": when,
                    "payload": {"n": int(due.payload.get("n", 0)) + 1},
                    "created_at": now,
                }
            )
        await outbox.schedule_many(session, following)

