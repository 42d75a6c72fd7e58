"""The PTB application and HTTP client, counted for /metrics, and told how each update ended.

PTB's process_update never raises: a handler's exception goes to the error handlers. The
webhook must know it all the same (a failed update gets a non-200, so Telegram delivers it
again), so an error handler notes the failure for the update being processed.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes
from telegram.request import HTTPXRequest

from bot import metrics
from bot.coach import DatabaseUnavailableError

HANDLED = "handled"
FAILED = "failed"
DATABASE_DOWN = "database_down"
# A flooding runner's update, dropped before it was handled (counted by the update processor,
# which drops it, in polling and webhook mode alike).
DROPPED = "dropped"
# Webhook mode, stopping: an update whose handling had not started when the process was told
# to stop, left for Telegram to deliver again (to a process that is not stopping).
REFUSED = "refused"


@dataclass(slots=True)
class _Outcome:
    value: str = HANDLED


# Set for the task processing one update; error handlers run in that same task.
_current: ContextVar[_Outcome | None] = ContextVar("update_outcome", default=None)


def update_kind(update: object) -> str:
    """Which field of the update is set ('message', 'callback_query'...)."""
    if not isinstance(update, Update):
        return "other"
    return next((kind for kind in Update.ALL_TYPES if getattr(update, kind, None)), "other")


async def note_failure(_update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An error handler: the update being processed failed."""
    outcome = _current.get()
    if outcome is not None:
        unreachable = isinstance(context.error, DatabaseUnavailableError)
        outcome.value = DATABASE_DOWN if unreachable else FAILED


class ObservedApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Counts every update by kind and outcome and times its handling."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._watched: dict[int, str] = {}
        self._refusing = False
        self.add_error_handler(note_failure)

    def stop_taking_updates(self) -> None:
        """Stopping: updates whose turn has not come yet are refused, not started; those
        already being handled go on (their replies are sent before the process exits)."""
        self._refusing = True

    async def process_update(self, update: object) -> None:
        outcome = _Outcome()
        token = _current.set(outcome)
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            _current.reset(token)
            kind = update_kind(update)
            metrics.HANDLING.labels(kind=kind).observe(time.perf_counter() - started)
            metrics.UPDATES.labels(kind=kind, outcome=outcome.value).inc()
            if id(update) in self._watched:
                self._watched[id(update)] = outcome.value

    async def handle_now(self, update: Update) -> str:
        """Process one update through the update processor (so per-runner order and flood
        limits hold as for polling) and return how it ended."""
        key = id(update)
        self._watched[key] = DROPPED  # the processor may drop it without processing it

        async def in_its_turn() -> None:
            # Checked once the runner's turn and a slot are ours: a stop while this update
            # waited leaves it for another process, as its transaction has not begun.
            if self._refusing:
                self._watched[key] = REFUSED
                metrics.UPDATES.labels(kind=update_kind(update), outcome=REFUSED).inc()
                return
            await self.process_update(update)

        turn = in_its_turn()
        try:
            await self.update_processor.process_update(update, turn)
            return self._watched[key]
        finally:
            del self._watched[key]
            turn.close()  # cancelled before its turn came: never started, nothing to warn of


class CountedRequest(HTTPXRequest):
    """PTB's HTTP client, counting each Bot API request by method and status."""

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        try:
            status, body = await super().do_request(url, *args, **kwargs)
        except Exception:
            metrics.bot_api_call(url, "error")
            raise
        metrics.bot_api_call(url, status)
        return status, body
