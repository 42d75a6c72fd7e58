"""The send budget as python-telegram-bot's rate limiter, so every Bot API call goes through it."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.limits.budget import SendBudget

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]


@dataclass(slots=True)
class _Nudge:
    give_up: asyncio.Event | None
    # Once a part has gone, the rest must follow: handing the row back would send it twice.
    started: bool = False


# Set while the dispatcher sends a scheduled message: its calls yield to replies.
_NUDGE: contextvars.ContextVar[_Nudge | None] = contextvars.ContextVar(
    "sending_nudge", default=None
)


@contextlib.contextmanager
def sending_nudges(give_up: asyncio.Event | None = None) -> Iterator[None]:
    """Bot API calls made inside this block are queued nudges, not replies to a runner. If
    `give_up` is set while the first of them waits for the budget (or a 429's pause), it
    raises Withdrawn instead of waiting on: nothing went out, so the row can be handed back."""
    token = _NUDGE.set(_Nudge(give_up))
    try:
        yield
    finally:
        _NUDGE.reset(token)


def _seconds(wait: int | float | timedelta) -> float:
    # PTB 22 gives seconds as an int, later versions a timedelta.
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def _is_new_message(endpoint: str) -> bool:
    return endpoint.startswith(("send", "copyMessage", "forwardMessage")) and (
        endpoint != "sendChatAction"
    )


class BudgetRateLimiter(BaseRateLimiter[int]):
    """Each call that writes to a chat waits for the shared budget; a 429 pauses every process
    once (through the budget) and the call is made again, up to `max_retries` times.

    Calls without a chat (answering a button press, getMe, setWebhook...) are not counted:
    Telegram's message limits are about chats, and a button's spinner must stop at once."""

    def __init__(self, budget: SendBudget, *, max_retries: int = 3) -> None:
        self.budget = budget
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open: the store connects on first use."""

    async def shutdown(self) -> None:
        await self.budget.close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        counted = "chat_id" in data
        # New messages count towards the chat's own limit; edits and actions only the total.
        chat_id = data["chat_id"] if counted and _is_new_message(endpoint) else None
        nudge = _NUDGE.get()
        attempt = 0
        while True:
            if counted:
                give_up = None if nudge is None or nudge.started else nudge.give_up
                await self.budget.acquire(chat_id, nudge=nudge is not None, give_up=give_up)
            try:
                result = await callback(*args, **kwargs)
                if nudge is not None:
                    nudge.started = True
                return result
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                attempt += 1
                log.info("%s got a 429; waiting with every other sender", endpoint)
                await self.budget.pause(_seconds(exc.retry_after))
