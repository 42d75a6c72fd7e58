"""One send budget for the bot token, shared by every process that sends with it.

Telegram's limits are per bot: about 30 messages a second overall and about one a second in a
chat. Time is cut into slots of a little more than 1/rate seconds; a message may go only in a
slot it took, and each slot can be taken once, by whichever process asks first (a key in a
shared store that only its first taker gets). Per chat, each of CHAT_LIMITS caps the new
messages in windows of so many seconds (edits and chat actions count only towards the total): a
reply of two or three messages goes at once, a fourth waits for the next second.

Replies to a runner who is chatting go before queued nudges: nudges take every REPLY_EVERY-th
slot only when it is about to start and no reply took it (so they still use the whole budget
when nobody is chatting), and however many nudges are waiting in any process, a reply finds a
slot within about REPLY_EVERY slots; within a process, replies also look for their slot first.

A 429's retry_after pauses every process once: the first process told to wait starts a shared
pause; a process about to send checks for one and waits it out with the slot it held dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import Protocol

log = logging.getLogger(__name__)

# (window seconds, messages) per chat. A runner's own pace drives replies (an answer brings one
# to three messages) and nudges come one at a time, so a burst cap is all it takes in a private
# chat; more windows (e.g. (20.0, 20)) cap the sustained rate too, at one lock or key each.
CHAT_LIMITS: tuple[tuple[float, int], ...] = ((1.0, 3),)
REPLY_EVERY = 2
# A sender woken later than this after its slot's start (a busy event loop) takes another
# slot; and this much more is left for the way to Telegram, whose clock counts the second.
LATE = 0.03
JITTER = 0.02
# How many slots one round trip to the store tries at most; more waiting senders than this in
# front of us just means another round trip.
SLOTS_PER_TRY = 16
# Keys outlive their slot by this much, so a process whose clock is a little behind never
# takes a slot another one already used.
CLOCK_SLACK = 2.0


class Withdrawn(Exception):  # noqa: N818 (an outcome, not a fault)
    """The sender gave up waiting for the budget (its `give_up` event was set)."""


async def _wait(seconds: float, give_up: asyncio.Event | None) -> None:
    """Sleep, unless `give_up` is set first. Only sleeps are cut short, never a call to the
    store, so a slot or lock is never left half taken."""
    if give_up is None:
        await asyncio.sleep(seconds)
        return
    if not give_up.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(give_up.wait(), seconds)
    if give_up.is_set():
        raise Withdrawn


class SlotStore(Protocol):
    """Where the taken slots and the pause live: this process, Redis or PostgreSQL."""

    async def take_first(self, keys: Sequence[tuple[str, float]], *, capacity: int) -> int | None:
        """Take the first of `keys` that has fewer than `capacity` takers (across processes and
        within this one), each given with the time (epoch seconds) until which it must stay
        taken; its index in `keys`, or None if all are full."""
        ...

    async def start_pause(self, seconds: float) -> bool:
        """Pause every sender for `seconds`, unless a pause is already on; whether this did."""
        ...

    async def paused_for(self) -> float:
        """Seconds left of the pause in force (an estimate when another process set it)."""
        ...

    async def close(self) -> None: ...


class SendBudget:
    """Waits until a message may go, given every other process sending with the same token.

    If the shared store fails (Redis or PostgreSQL gone), the process paces itself alone with
    `fallback` until the store answers again: sending must never wedge on the limiter."""

    def __init__(
        self,
        store: SlotStore,
        *,
        rate_per_second: float,
        chat_limits: Sequence[tuple[float, int]] = CHAT_LIMITS,
        fallback: SlotStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        # The longest window first: a shorter one is then looked for from where it allows.
        self._chat_limits = sorted(chat_limits, reverse=True)
        self._fallback = fallback
        # Sends go out within LATE of their slot's start, so any second holds the slots of
        # 1 + LATE seconds; with JITTER on top that is still at most the rate.
        self._width = (1 + LATE + JITTER) / rate_per_second
        self._clock = clock
        # This process looks for one slot at a time, replies before nudges, and skips the slots
        # it took itself: its own senders never race each other through the same taken slots.
        self._turn = asyncio.Condition()
        self._searching = False
        self._replies_waiting = 0
        self._mine: set[int] = set()
        self._failing = False

    @property
    def store(self) -> SlotStore:
        return self._store

    async def acquire(
        self, chat_id: int | str | None, *, nudge: bool, give_up: asyncio.Event | None = None
    ) -> None:
        """Return when one message to `chat_id` may be sent now; raise Withdrawn if `give_up`
        is set while waiting (a stopping dispatcher hands its claim back rather than wait)."""
        try:
            await self._acquire(self._store, chat_id, nudge=nudge, give_up=give_up)
            self._failing = False
        except Withdrawn:
            raise
        except Exception as exc:
            if self._fallback is None:
                raise
            self._store_failed(exc)
            await self._acquire(self._fallback, chat_id, nudge=nudge, give_up=give_up)

    async def pause(self, seconds: float) -> None:
        """Telegram said to wait: every process holds its sends for `seconds`, once."""
        try:
            started = await self._store.start_pause(seconds)
        except Exception as exc:
            if self._fallback is None:
                raise
            self._store_failed(exc)
            started = await self._fallback.start_pause(seconds)
        if started:
            log.warning("Telegram asked to slow down: every sender pauses for %.1f s", seconds)

    def _store_failed(self, error: Exception) -> None:
        if not self._failing:  # once per outage, not once per message
            log.warning("send budget store failed (%s): pacing this process alone", error)
        self._failing = True

    async def close(self) -> None:
        await self._store.close()
        if self._fallback is not None:
            await self._fallback.close()

    async def _acquire(
        self,
        store: SlotStore,
        chat_id: int | str | None,
        *,
        nudge: bool,
        give_up: asyncio.Event | None,
    ) -> None:
        start = self._clock()
        if chat_id is not None:
            for seconds, messages in self._chat_limits:
                key = f"chat:{chat_id}:{seconds:g}"
                start = await self._window(store, key, seconds, messages, start)
        while True:
            slot = await self._slot(store, start, nudge=nudge)
            await _wait(max(0.0, slot * self._width - self._clock()), give_up)
            paused = await store.paused_for()
            if paused > 0:
                # A 429 arrived while we waited: the slot is lost with the pause; take a new
                # one after it.
                await _wait(paused, give_up)
            elif self._clock() - slot * self._width <= LATE:
                return
            # else woken too late (a busy loop): this slot would crowd the next second

    async def _window(
        self, store: SlotStore, key: str, seconds: float, messages: int, start: float
    ) -> float:
        """Take room for one message in the first window of `seconds` from `start` on that
        has fewer than `messages`; when it may go (`start`, or that window's start)."""
        window = math.floor(start / seconds)
        while True:
            keys = [
                (f"{key}:{w}", (w + 1) * seconds + CLOCK_SLACK) for w in range(window, window + 4)
            ]
            index = await store.take_first(keys, capacity=messages)
            if index is not None:
                return max(start, (window + index) * seconds)
            window += len(keys)

    async def _slot(self, store: SlotStore, start: float, *, nudge: bool) -> int:
        """Take the first free slot from `start` (or now, if later) on; a nudge skips the
        replies' slots."""
        async with self._turn:
            self._replies_waiting += not nudge
            try:
                await self._turn.wait_for(
                    lambda: not self._searching and not (nudge and self._replies_waiting)
                )
            finally:
                self._replies_waiting -= not nudge
            self._searching = True
        try:
            # The first slot that starts from now on (its turn may have taken a while): one
            # already begun would let this send and the one a second after its start fall in
            # the same second.
            first = math.ceil(max(start, self._clock()) / self._width)
            if len(self._mine) > 4 * SLOTS_PER_TRY:
                self._mine = {s for s in self._mine if s >= first}
            slot = await self._search(store, first, nudge=nudge)
            self._mine.add(slot)
            return slot
        finally:
            async with self._turn:
                self._searching = False
                self._turn.notify_all()

    async def _search(self, store: SlotStore, first: int, *, nudge: bool) -> int:
        # A replies' slot about to start that no reply took is not left unused.
        last_minute = first + 1
        while True:
            slots = [
                s
                for s in range(first, first + SLOTS_PER_TRY)
                if (not nudge or s % REPLY_EVERY or s <= last_minute) and s not in self._mine
            ]
            # A key lives until its slot is past on every clock, so it is never taken twice.
            keys = [(f"slot:{s}", (s + 1) * self._width + CLOCK_SLACK) for s in slots]
            index = await store.take_first(keys, capacity=1)
            if index is not None:
                return slots[index]
            first += SLOTS_PER_TRY
