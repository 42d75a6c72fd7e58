"""Telegram's side of a webhook, for the fake Bot API server: POST each queued update to the
bot's URL with the secret token header, and deliver it again until the answer is a 2xx.

Like Telegram: up to max_connections requests at once; an update stays pending (it counts in
getWebhookInfo's pending_update_count) until it is acknowledged; a failure is retried with a
growing delay. One chat's updates go one at a time and in order (the next only after the one
before was acknowledged), different chats' concurrently; with one_per_chat False a chat's
updates go concurrently too, for tests of a bot's own ordering. The delays are short (tens of
milliseconds), for tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import aiohttp

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NO_ANSWER = 0  # the status recorded when the connection failed or timed out


@dataclass(frozen=True, slots=True)
class Delivery:
    """One POST of an update to the webhook and the HTTP status it got (0: no answer)."""

    update_id: int
    status: int
    at: float


@dataclass(slots=True)
class WebhookConfig:
    url: str
    secret_token: str | None
    max_connections: int = 40
    # False: a chat's updates may be in flight together, in any order (a harsher Telegram).
    one_per_chat: bool = True


@dataclass(slots=True)
class _Retry:
    attempts: int = 0
    at: float = 0.0


def chat_key(update: dict[str, Any]) -> int:
    """Whose update this is: the chat of a message, the presser of a button."""
    for key, value in update.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        chat = value.get("chat") or value.get("message", {}).get("chat")
        sender = value.get("from")
        if chat is not None and key != "callback_query":
            return int(chat["id"])
        if sender is not None:
            return int(sender["id"])
    return -int(update["update_id"])  # no chat: on its own


@dataclass
class WebhookSender:
    """Delivers the fake server's queue to one webhook until closed."""

    config: WebhookConfig
    queue: deque[dict[str, Any]]
    deliveries: list[Delivery]
    first_retry: float = 0.05
    longest_retry: float = 1.0
    last_error: tuple[int, str] | None = None
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _in_flight: set[int] = field(default_factory=set)
    _retries: dict[int, _Retry] = field(default_factory=dict)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    def wake(self) -> None:
        self._wake.set()

    def close(self) -> None:
        """Stop delivering; requests in flight are abandoned and their updates stay queued."""
        if self._task is not None:
            self._task.cancel()

    async def wait_closed(self) -> None:
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            posts: set[asyncio.Task[None]] = set()
            try:
                while True:
                    self._wake.clear()
                    for update, key in self._ready():
                        self._in_flight.add(key)
                        post = asyncio.create_task(self._post(http, update, key))
                        posts.add(post)
                        post.add_done_callback(posts.discard)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self._next_retry())
            finally:
                for post in posts:
                    post.cancel()

    def _ready(self) -> list[tuple[dict[str, Any], int]]:
        """The first pending update of each chat that is not in flight or waiting to retry."""
        now = time.monotonic()
        pending = {update["update_id"] for update in self.queue}
        for gone in self._retries.keys() - pending:  # dropped with drop_pending_updates
            del self._retries[gone]
        ready: list[tuple[dict[str, Any], int]] = []
        seen: set[int] = set()
        for update in self.queue:
            if len(self._in_flight) + len(ready) >= self.config.max_connections:
                break
            key = chat_key(update) if self.config.one_per_chat else update["update_id"]
            if key in seen:
                continue
            seen.add(key)
            retry = self._retries.get(update["update_id"])
            if key not in self._in_flight and (retry is None or retry.at <= now):
                ready.append((update, key))
        return ready

    def _next_retry(self) -> float | None:
        """How long until a delayed retry falls due; a due one waiting for a free connection
        or for its chat is woken by the post that frees it."""
        now = time.monotonic()
        waiting = [retry.at for retry in self._retries.values() if retry.at > now]
        return min(waiting) - now if waiting else None

    async def _post(self, http: aiohttp.ClientSession, update: dict[str, Any], key: int) -> None:
        headers = {}
        if self.config.secret_token is not None:
            headers[SECRET_HEADER] = self.config.secret_token
        try:
            async with http.post(self.config.url, json=update, headers=headers) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, reason = NO_ANSWER, f"Connection failed: {type(exc).__name__}"
        else:
            reason = f"Wrong response from the webhook: {status}"
        update_id = update["update_id"]
        self.deliveries.append(Delivery(update_id, status, time.monotonic()))
        if 200 <= status < 300:
            self._retries.pop(update_id, None)
            with contextlib.suppress(ValueError):
                self.queue.remove(update)
        else:
            retry = self._retries.setdefault(update_id, _Retry())
            retry.attempts += 1
            delay = min(self.longest_retry, self.first_retry * 2 ** (retry.attempts - 1))
            retry.at = time.monotonic() + delay
            self.last_error = (int(time.time()), reason)
        self._in_flight.discard(key)
        self._wake.set()
