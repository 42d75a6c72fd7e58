"""What the dispatcher asks of a transport (Telegram, or the console), and the two ways a
delivery can fail that it handles on purpose."""

from __future__ import annotations

from typing import Protocol

from dialogs.core import Reply


class Transport(Protocol):
    """Where due messages go: Telegram, or the console."""

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None: ...


class RunnerBlockedError(Exception):
    """The runner blocked the bot: stop writing to them until they /start again."""


class RetryLaterError(Exception):
    """Telegram asked us to slow down, or the network failed: try this row again later."""

    def __init__(self, reason: str, *, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after
