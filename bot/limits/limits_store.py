"""Slots and the pause in the `limits` library's storage: in this process, or in Redis.

A slot key is a counter (the storage's atomic increment with expiry, which its fixed-window
limiter is built on) that expires after its slot has passed: the first `capacity` increments
take it, the rest find it full. The pause is a counter too: only the first
429 creates it (its hit returns 1), and its expiry is when sending may start again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from limits.aio.storage import MemoryStorage, RedisStorage, Storage

PAUSE_KEY = "glute-coach/send-budget/pause"
# How often a sender looks again while Redis says a pause is on (its expiry is in seconds).
PAUSE_POLL = 0.05


class LimitsSlots:
    """A SlotStore on a `limits` storage."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    @classmethod
    def in_memory(cls) -> LimitsSlots:
        """For one process (SQLite, or while the shared store is down)."""
        return cls(MemoryStorage())

    @classmethod
    def redis(cls, url: str, *, prefix: str = "glute-coach") -> LimitsSlots:
        """Shared through Redis at `url` (redis://host:port/db); every key starts `prefix`."""
        return cls(RedisStorage(f"async+{url}", key_prefix=prefix))

    async def take_first(self, keys: Sequence[tuple[str, float]], *, capacity: int) -> int | None:
        for index, (key, until) in enumerate(keys):
            # The counter expires from its first hit on, so a later hit never stretches it.
            life = max(1, math.ceil(until - time.time()))
            if await self._storage.incr(f"send-budget/{key}", life) <= capacity:
                return index
        return None

    async def start_pause(self, seconds: float) -> bool:
        return await self._storage.incr(PAUSE_KEY, max(1, math.ceil(seconds))) == 1

    async def paused_for(self) -> float:
        if await self._storage.get(PAUSE_KEY) <= 0:
            return 0.0
        left = await self._storage.get_expiry(PAUSE_KEY) - time.time()
        return max(left, PAUSE_POLL)

    async def check(self) -> bool:
        """Whether the storage answers."""
        return await self._storage.check()

    async def close(self) -> None:
        # The in-memory storage expires keys from a task of its own; Redis needs nothing.
        timer = getattr(self._storage, "timer", None)
        if timer is not None:
            timer.cancel()
