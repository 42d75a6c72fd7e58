"""The dispatcher: claims due rows, renders them through the core, sends, settles.

A frequent tick (PTB's JobQueue, on APScheduler) calls `Dispatcher.tick`. Each row is
claimed by one worker at a time; a claim whose worker died is taken over after a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import utcnow
from bot.scheduling.claims import HeldBatch
from bot.scheduling.cron import next_scheduled
from bot.scheduling.delivery import RetryLaterError, RunnerBlockedError, Transport
from bot.storage import outbox, repositories
from bot.storage.locks import lock_runners
from bot.storage.models import OutboxStatus, User
from dialogs import router
from dialogs.core import Reply
from dialogs.training import nudges

log = logging.getLogger(__name__)


# Outcomes are written at least this often while a batch is being sent.
SETTLE_EVERY_ROWS = 200
SETTLE_EVERY_SECONDS = 0.05


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
    released: int = 0


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
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Shutting down: claim nothing more, let sends in flight finish, hand back the rest."""
        self._stopping.set()

    async def tick(self) -> TickReport:
        """Handle everything due now; overlapping calls wait rather than double up."""
        report = TickReport()
        async with self._running:
            if self._stopping.is_set():
                return report
            report.missed = await self._expire(self._clock())
            while not self._stopping.is_set():
                # A fresh time for each batch: claimed with the tick's start time, a batch late
                # in a long tick would look abandoned to other dispatchers at once.
                now = self._clock()
                claimed = await self._claim(now, report)
                if not claimed:
                    break
                async with HeldBatch(
                    self._sessions,
                    outbox.Claim(self._worker, now),
                    [due.id for due in claimed],
                    clock=self._clock,
                    every=self._timing.claim_timeout.total_seconds() / 3,
                ) as held:
                    outgoing = await self._render(claimed, held, now, report)
                    await self._send_all(outgoing, held, report)
                    report.released += await held.release_rest()
                if len(claimed) < self._timing.batch:
                    break
        if report.released:
            log.info("stopping: %d claimed scheduled messages handed back", report.released)
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

    async def _claim(self, now: datetime, report: TickReport) -> list[outbox.Due]:
        stale_before = now - self._timing.claim_timeout
        async with self._sessions() as session, session.begin():
            exhausted = await outbox.fail_exhausted(
                session,
                stale_before=stale_before,
                max_attempts=self._timing.max_attempts,
                scope=self._scope,
            )
            await self._chain(session, exhausted, now)
            claimed = await outbox.claim_due(
                session,
                now=now,
                worker=self._worker,
                limit=self._timing.batch,
                stale_before=stale_before,
                scope=self._scope,
            )
        if exhausted:
            log.warning(
                "%d scheduled messages failed: every claim on them went stale", len(exhausted)
            )
        report.failed += len(exhausted)
        return claimed

    async def _render(
        self, claimed: Sequence[outbox.Due], held: HeldBatch, now: datetime, report: TickReport
    ) -> list[_Outgoing]:
        """Render the batch in one transaction; if a row breaks it, redo the batch a row at a
        time, so that row is failed with its error and the others still go."""
        try:
            return await self._render_rows(claimed, held, now, report)
        except Exception as exc:
            log.warning(
                "rendering %d scheduled messages failed (%s): one row at a time",
                len(claimed),
                type(exc).__name__,
            )
        outgoing: list[_Outgoing] = []
        for due in claimed:
            if self._stopping.is_set():
                break  # the rows left are handed back with the unsent ones
            try:
                outgoing.extend(await self._render_rows([due], held, now, report))
            except Exception as exc:
                # The type only: the message may quote the runner's data (it is in last_error).
                log.warning(
                    "scheduled message %s (%s) could not be rendered: %s",
                    due.id,
                    due.kind,
                    type(exc).__name__,
                )
                async with held.writing() as work:
                    await self._fail(work.session, held, due, repr(exc), now, report)
        return outgoing

    async def _render_rows(
        self, claimed: Sequence[outbox.Due], held: HeldBatch, now: datetime, report: TickReport
    ) -> list[_Outgoing]:
        """Run the core for each due row in one transaction; drop what should not go."""
        outgoing: list[_Outgoing] = []
        dropped: list[tuple[int, str]] = []
        async with held.writing() as work:
            session = work.session
            user_ids = sorted({due.user_id for due in claimed})
            # A delivery moves a runner's dialog: never while a reply to them is being decided.
            await lock_runners(session, user_ids)
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
                # A delivery that leaves the dialog where it was keeps its row (and buttons) as is.
                moved = transition.state != state
                if moved and row is None:
                    row = states[due.user_id] = repositories.new_dialog_row(
                        session, due.user_id, now
                    )
                replies = await work.carry_out(due.user_id, transition, row if moved else None, now)
                version = 0 if row is None else row.version
                outgoing.append(_Outgoing(due, user.chat_id, replies, version))
            done: set[int] = set()
            for row_id, reason in dropped:
                done |= await held.settle(
                    session, [row_id], status=OutboxStatus.CANCELLED, now=now, error=reason
                )
            await self._chain(session, [due for due in claimed if due.id in done], now)
        report.dropped += len(done)
        return outgoing

    async def _send_all(
        self, outgoing: Sequence[_Outgoing], held: HeldBatch, report: TickReport
    ) -> None:
        """Send concurrently (the rate limiter paces us) and record each outcome promptly, so a
        crash can only resend what was in flight in the last few milliseconds. After a stop,
        or for rows another worker took over, nothing more is sent."""
        from bot.limits.budget import Withdrawn  # imported here: see _deliver

        limit = asyncio.Semaphore(self._timing.concurrency)
        results: list[tuple[_Outgoing, BaseException | None]] = []
        sent_all = asyncio.Event()

        async def flush() -> None:
            batch = results[:]
            del results[:]
            if batch:
                await self._settle(batch, held, report)

        async def flush_every_moment() -> None:
            # On a clock, not when the next send ends: when Telegram stalls, that may be a read
            # timeout away, and a crash meanwhile would send what it took again.
            while not sent_all.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(sent_all.wait(), SETTLE_EVERY_SECONDS)
                await flush()

        async def send(item: _Outgoing) -> None:
            async with limit:
                if self._stopping.is_set() or item.due.id in held.lost:
                    return
                error = await self._deliver(item)
                if isinstance(error, Withdrawn):
                    return  # stopping, and nothing of it went: handed back with the rest
                results.append((item, error))
            if len(results) >= SETTLE_EVERY_ROWS:
                await flush()

        # Never cancelled mid-write: told to stop, it ends its write and returns.
        flusher = asyncio.create_task(flush_every_moment(), name="record-sends")
        try:
            await asyncio.gather(*(send(item) for item in outgoing))
        finally:
            sent_all.set()
            await flusher
        await flush()

    async def _deliver(self, item: _Outgoing) -> BaseException | None:
        # Imported here: the console's dispatcher must not load python-telegram-bot, which
        # would slow every `glute-coach chat` start.
        from bot.limits.budget import Withdrawn
        from bot.limits.telegram import sending_nudges

        try:
            # Queued nudges give way to replies to runners who are chatting. On a stop, one
            # still waiting for the budget (or out a 429's pause, which may be long) is
            # withdrawn rather than waited for: stopping must take seconds, and another worker
            # sends it once the claim is handed back.
            with sending_nudges(give_up=self._stopping):
                await self._transport.deliver(item.chat_id, item.replies, version=item.version)
        except (RunnerBlockedError, RetryLaterError, Withdrawn) as exc:
            return exc
        except Exception as exc:  # one broken message must not stop the others
            log.exception("sending scheduled message %s failed", item.due.id)
            return exc
        return None

    async def _settle(
        self,
        batch: Sequence[tuple[_Outgoing, BaseException | None]],
        held: HeldBatch,
        report: TickReport,
    ) -> None:
        now = self._clock()
        async with held.writing() as work:
            session = work.session
            ok = [item.due for item, error in batch if error is None]
            done = await held.settle(
                session, [due.id for due in ok], status=OutboxStatus.SENT, now=now
            )
            sent = [due for due in ok if due.id in done]
            await self._chain(session, sent, now)
            report.sent += len(sent)
            for item, error in batch:
                if error is not None:
                    await self._failed(session, held, item.due, error, now, report)

    async def _failed(
        self,
        session: AsyncSession,
        held: HeldBatch,
        due: outbox.Due,
        error: BaseException,
        now: datetime,
        report: TickReport,
    ) -> None:
        if isinstance(error, RunnerBlockedError):
            user = await session.get(User, due.user_id)
            if user is not None:
                user.active = False
            await held.settle(
                session, [due.id], status=OutboxStatus.CANCELLED, now=now, error="blocked"
            )
            await outbox.cancel(session, due.user_id, reason="blocked")
            report.dropped += 1
            log.info("runner %s blocked the bot: their nudges are cancelled", due.user_id)
            return
        if isinstance(error, RetryLaterError) and due.attempts < self._timing.max_attempts:
            backoff = error.after if error.after is not None else 2 ** due.attempts * 15
            if await held.retry_later(
                session, due.id, due=now + timedelta(seconds=backoff), error=str(error)
            ):
                report.retried += 1
            return
        await self._fail(session, held, due, repr(error), now, report)
        log.warning("scheduled message %s failed for good: %r", due.id, error)

    async def _fail(
        self,
        session: AsyncSession,
        held: HeldBatch,
        due: outbox.Due,
        error: str,
        now: datetime,
        report: TickReport,
    ) -> None:
        """Mark a row failed for good (if still held); a recurring one gets its next occurrence."""
        if await held.settle(session, [due.id], status=OutboxStatus.FAILED, now=now, error=error):
            await self._chain(session, [due], now)
            report.failed += 1

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
        # Read again, not kept from rendering: the runner may have changed their days since.
        schedules = await repositories.get_schedules(session, [due.user_id for due in recurring])
        following: list[dict[str, Any]] = []
        for due in recurring:
            schedule = schedules.get(due.user_id)
            if schedule is None or due.kind in schedule.nudges_off:
                continue
            occurrence = next_scheduled(due.kind, schedule, max(due.due_at, now))
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

