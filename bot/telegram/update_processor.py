"""Telegram updates in order per runner, concurrently across runners, and floods contained."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from bot import metrics
from bot.telegram.observed import DROPPED, update_kind
from dialogs.texts import t

log = logging.getLogger(__name__)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Updates from one runner are handled in order; different runners concurrently.

    One runner's flood must not delay anyone else: an update waits for its runner's turn
    before it takes one of PTB's concurrency slots (so waiting updates hold no slot), and a
    runner has at most MAX_WAITING updates waiting; the rest of a burst is dropped, with one
    "slow down" reply per burst.
    """

    MAX_WAITING = 20

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}  # running or waiting, per runner
        self._warned: set[int] = set()  # runners told to slow down in their current burst

    # PTB's process_update takes the slot first and then calls do_process_update; the order
    # must be the other way round here, so this replaces it (PTB marks it final for typing).
    async def process_update(  # type: ignore[misc]
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        # PTB's update queue takes any object, and an Update need not have a user (a channel
        # post): neither has a runner's order to keep.
        if not isinstance(update, Update) or update.effective_user is None:
            async with self._semaphore:
                await self.do_process_update(update, coroutine)
            return
        key = update.effective_user.id
        if self._waiting.get(key, 0) > self.MAX_WAITING:
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # dropped: PTB's handling of it never starts
            # Counted here, the one place that sees drops in polling and webhook mode alike.
            metrics.UPDATES.labels(kind=update_kind(update), outcome=DROPPED).inc()
            await self._slow_down(key, update)
            if update.callback_query is not None:
                # A dropped tap still gets its answer, or the runner's button spins for a while.
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._semaphore:
                await self.do_process_update(update, coroutine)
        finally:
            # Forget idle runners so the maps do not grow with every runner ever seen; an
            # emptied queue also ends the burst.
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]
                self._warned.discard(key)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def _slow_down(self, key: int, update: Update) -> None:
        if key in self._warned or update.effective_chat is None:
            return
        self._warned.add(key)
        log.warning("dropping updates from a runner with %d waiting", self.MAX_WAITING)
        try:
            await update.effective_chat.send_message(t("core.slow_down"))
        except TelegramError:
            log.warning("could not ask a flooding runner to slow down", exc_info=True)

    async def initialize(self) -> None:
        """Keep what start-up loaded out of the garbage collector's full passes.

        The data files and place indexes (a few hundred thousand objects) live as long as the
        process, yet each full collection walks them all with the event loop stopped, about a
        quarter of a second; a burst of updates allocates enough to set one off.
        """
        gc.freeze()

    async def shutdown(self) -> None:
        """Hand the objects frozen at start back to the collector."""
        gc.unfreeze()
