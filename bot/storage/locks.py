"""Per-runner locks across processes: PostgreSQL advisory locks held to the end of the
transaction. One runner's updates and deliveries are then applied one at a time whichever
process they land on, including the very first one, before the runner has a row to lock.

SQLite has one process and one connection, whose transactions already run one at a time."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# The first of the two 32-bit halves of a runner's key: this prefix plus the high bits of the
# Telegram user id (under 2^52), so the keys never meet the send budget's (64-bit keys).
_PREFIX = 0x40000000

_LOCK = text(
    "SELECT count(pg_advisory_xact_lock(high, low)) "
    "FROM unnest(CAST(:highs AS int[]), CAST(:lows AS int[])) AS k(high, low)"
)


def _halves(user_id: int) -> tuple[int, int]:
    low = user_id & 0xFFFFFFFF
    return _PREFIX + (user_id >> 32), low - (1 << 32) if low >= 1 << 31 else low


async def lock_runners(session: AsyncSession, user_ids: Iterable[int]) -> None:
    """Wait for, and hold until commit, the lock of each runner; always in ascending order, so
    two transactions locking several runners never deadlock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = [_halves(user_id) for user_id in sorted(set(user_ids))]
    if keys:
        await session.execute(
            _LOCK, {"highs": [high for high, _ in keys], "lows": [low for _, low in keys]}
        )
