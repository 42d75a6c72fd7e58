"""Slots and the pause as PostgreSQL advisory locks: shared by every process on the database,
with no table, and nothing left behind by a process that dies (its locks go with its session).

A slot is a session-level advisory lock on a 64-bit hash of its key; taking it is
`pg_try_advisory_lock`, so only one session gets it. A key with room for `capacity` takers
is `capacity` locks. Each lock is released once its slot has passed. The pause is one more
lock, held by the process that met the 429 for as long as Telegram asked; the others see it
held (a shared try fails) and look again shortly.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

PAUSE_POLL = 0.05

# Stops at the first lock it gets: the filter runs row by row under LIMIT, never for the
# rows after the one returned (no ORDER BY, which would evaluate them all first).
_TAKE_FIRST = text(
    "SELECT i FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS u(k, i) "
    "WHERE pg_try_advisory_lock(k) LIMIT 1"
)
_RELEASE = text(
    "SELECT count(*) FROM unnest(CAST(:keys AS bigint[])) AS u(k) WHERE pg_advisory_unlock(k)"
)
_TRY_PAUSE = text("SELECT pg_try_advisory_lock(:key)")
_PAUSED = text(
    "SELECT CASE WHEN pg_try_advisory_lock_shared(:key) "
    "THEN NOT pg_advisory_unlock_shared(:key) ELSE true END"
)


def lock_key(name: str) -> int:
    """A signed 64-bit advisory lock key for a budget key: a hash of it under our own prefix
    (the runner locks use the two-integer form, a key space of its own)."""
    digest = hashlib.blake2b(f"glute-coach/send-budget/{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


PAUSE_KEY = lock_key("pause")


class AdvisorySlots:
    """A SlotStore on one dedicated PostgreSQL connection of this process."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._turn = asyncio.Lock()  # one statement at a time on the connection
        self._held: list[tuple[float, int]] = []  # (release after, key)
        self._pause_until = 0.0
        self._clock = time.time
        self._releasing: set[asyncio.Future[None]] = set()

    async def take_first(self, keys: Sequence[tuple[str, float]], *, capacity: int) -> int | None:
        candidates = [
            (index, lock_key(f"{key}#{n}"), until)
            for index, (key, until) in enumerate(keys)
            for n in range(capacity)
        ]
        async with self._turn:
            # A session gets again any lock it holds: this process skips its own.
            held = {key for _until, key in self._held}
            free = [c for c in candidates if c[1] not in held]
            row = await self._run(_TAKE_FIRST, keys=[c[1] for c in free])
            if row is None:
                return None
            index, key, until = free[int(row[0]) - 1]
            self._held.append((until, key))
            return index

    async def start_pause(self, seconds: float) -> bool:
        now = self._clock()
        if self._pause_until > now:
            return False  # this process's pause is already on: once, not once per sender
        async with self._turn:
            row = await self._run(_TRY_PAUSE, key=PAUSE_KEY)
            if row is None or not row[0]:
                return False  # another process paused first
            self._pause_until = now + seconds
            self._held.append((self._pause_until, PAUSE_KEY))
        # Released on time even if this process sends nothing more meanwhile.
        asyncio.get_running_loop().call_later(seconds, self._release_soon)
        return True

    def _release_soon(self) -> None:
        task = asyncio.ensure_future(self._release_due())
        self._releasing.add(task)
        task.add_done_callback(self._releasing.discard)

    async def _release_due(self) -> None:
        with contextlib.suppress(Exception):  # a lost connection released everything anyway
            async with self._turn:
                await self._run(None)

    async def paused_for(self) -> float:
        left = self._pause_until - self._clock()
        if left > 0:
            return left
        async with self._turn:
            row = await self._run(_PAUSED, key=PAUSE_KEY)
        return PAUSE_POLL if row is not None and row[0] else 0.0

    async def close(self) -> None:
        async with self._turn:
            if self._connection is not None:
                # Back to the pool, which would keep a session's locks: let them all go first.
                with contextlib.suppress(Exception):
                    await self._connection.execute(text("SELECT pg_advisory_unlock_all()"))
                await self._connection.close()
                self._connection = None
            self._held = []

    async def _run(self, statement: TextClause | None, **params: Any) -> tuple[Any, ...] | None:
        """Release the locks whose time has passed, then run `statement` (if any); the caller
        holds `_turn`."""
        try:
            connection = await self._connect()
            now = self._clock()
            due = [key for until, key in self._held if until <= now]
            if due:
                self._held = [(until, key) for until, key in self._held if until > now]
                await connection.execute(_RELEASE, {"keys": due})
            if statement is None:
                return None
            row = (await connection.execute(statement, params)).first()
            return None if row is None else tuple(row)
        except Exception:
            await self._drop()
            raise

    async def _connect(self) -> AsyncConnection:
        if self._connection is None:
            connection = await self._engine.connect()
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            self._connection = connection
        return self._connection

    async def _drop(self) -> None:
        """A failed connection takes its locks with it; start afresh next time."""
        connection, self._connection, self._held = self._connection, None, []
        if connection is not None:
            with contextlib.suppress(Exception):  # already gone: nothing more to clean
                await connection.invalidate()
