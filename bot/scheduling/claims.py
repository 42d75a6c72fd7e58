"""A claimed batch while the dispatcher works on it: the claim is renewed in the background,
outcomes are recorded only for rows it still holds, and rows never sent are handed back."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import outbox
from bot.storage.models import OutboxStatus
from bot.transaction import Transaction

log = logging.getLogger(__name__)


class HeldBatch:
    """The rows one claim took. Use `async with`: the claim is renewed every `every` seconds
    until the block ends, so a second dispatcher never takes rows this one is still sending."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        claim: outbox.Claim,
        ids: Iterable[int],
        *,
        clock: Callable[[], datetime],
        every: float,
    ) -> None:
        self.claim = claim
        # Claimed and without a recorded outcome yet.
        self.open: set[int] = set(ids)
        # Taken over by another worker (this one stalled past the timeout): not to be sent.
        self.lost: set[int] = set()
        self._sessions = sessions
        self._clock = clock
        self._every = every
        # Renewing changes `claim.at`, which every outcome is matched on: they take turns.
        self._lock = asyncio.Lock()
        self._closing: set[int] = set()
        self._keeper: asyncio.Task[None] | None = None

    async def __aenter__(self) -> HeldBatch:
        self._keeper = asyncio.create_task(self._keep(), name="renew-claim")
        return self

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        assert self._keeper is not None
        self._keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._keeper

    @contextlib.asynccontextmanager
    async def writing(self) -> AsyncIterator[Transaction]:
        """A transaction that records outcomes for this batch (through `settle`/`retry_later`);
        the rows leave `open` once it commits."""
        async with self._lock:
            self._closing = set()
            async with Transaction(self._sessions) as work:
                yield work
            self.open -= self._closing

    async def settle(
        self,
        session: AsyncSession,
        ids: list[int],
        *,
        status: OutboxStatus,
        now: datetime,
        error: str | None = None,
    ) -> set[int]:
        """Record an outcome for the rows still held; returns their ids."""
        done = await outbox.settle(
            session, ids, status=status, now=now, error=error, claim=self.claim
        )
        self._note(ids, done)
        return done

    async def retry_later(
        self, session: AsyncSession, row_id: int, *, due: datetime, error: str
    ) -> bool:
        """Put a row back for another try, if it is still held."""
        done = await outbox.retry_later(session, row_id, due=due, error=error, claim=self.claim)
        self._note([row_id], {row_id} if done else set())
        return done

    async def release_rest(self) -> int:
        """Hand every row still open back to pending (after a stop); returns how many."""
        rest = sorted(self.open - self.lost)
        if not rest:
            return 0
        async with self.writing() as work:
            released = await outbox.release(work.session, rest, claim=self.claim)
            self._closing.update(rest)
        return len(released)

    async def renew(self) -> None:
        """Move the claim time of the open rows to now; rows no longer held are lost."""
        async with self._lock:
            ids = sorted(self.open - self.lost)
            if not ids:
                return
            now = self._clock()
            async with self._sessions() as session, session.begin():
                held = await outbox.refresh(session, ids, claim=self.claim, now=now)
            self.claim.at = now
            gone = set(ids) - held
            if gone:
                self.lost |= gone
                log.warning(
                    "%d claimed scheduled messages were taken over by another worker: "
                    "not sending them here",
                    len(gone),
                )

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                await self.renew()
            except Exception:  # the next beat tries again; the timeout leaves room for two
                log.warning("renewing a claim failed", exc_info=True)

    def _note(self, ids: list[int], done: set[int]) -> None:
        self._closing.update(ids)
        if len(done) < len(ids):
            log.warning(
                "%d scheduled messages were taken over by another worker before their outcome "
                "was recorded here: theirs stands",
                len(ids) - len(done),
            )
