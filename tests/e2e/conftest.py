"""End-to-end: the real PTB Application against the fake Telegram Bot API on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.coach import Coach
from bot.scheduler import Dispatcher, Timing
from bot.telegram_bot import build_application, running
from dialogs.timezones import warm_up
from tests.conftest import FakeClock
from tests.support.fakebot import FakeTelegram, SentMessage


@pytest.fixture(scope="session", autouse=True)
def place_index() -> None:
    """Built once, as `glute-coach` does at start-up, so no handler waits for it."""
    warm_up()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@dataclass
class Bot:
    """The running coach: its application and the dispatcher ticking on its JobQueue."""

    application: Application[Any, Any, Any, Any, Any, Any]
    dispatcher: Dispatcher


@pytest.fixture
async def coach_bot(
    telegram: FakeTelegram, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> AsyncIterator[Bot]:
    made: list[Dispatcher] = []

    def dispatcher(front: Any) -> Dispatcher:
        made.append(Dispatcher(sessions, front, clock=clock, timing=Timing()))
        return made[-1]

    application = build_application(
        token=telegram.token,
        base_url=telegram.base_url,
        coach=Coach(sessions, clock=clock),
        dispatcher=dispatcher,
        rate_per_second=1000,
        tick_seconds=3600,  # tests tick by hand
    )
    async with running(application, polling=True, poll_timeout=1):
        yield Bot(application, made[0])
    assert telegram.errors == [], f"the coach made calls Telegram would refuse: {telegram.errors}"


class Runner:
    """Plays one runner in a private chat with the coach."""

    def __init__(
        self,
        telegram: FakeTelegram,
        user_id: int,
        first_name: str = "Sam",
        *,
        quiet: float = 0.2,
    ) -> None:
        self.telegram = telegram
        self.user_id = user_id
        self.first_name = first_name
        # How long the coach must stay silent before an answer counts as complete.
        self.quiet = quiet

    @property
    def messages(self) -> list[SentMessage]:
        return self.telegram.sent(self.user_id)

    def _activity(self) -> int:
        return sum(1 for call in self.telegram.calls if call.params.get("chat_id") == self.user_id)

    async def _answered(self, before: int) -> None:
        """Wait for the coach to say something in this chat, then for it to finish."""
        await self.telegram.wait_for(lambda _fake: self._activity() > before, timeout=10)
        await self.telegram.wait_idle(quiet=self.quiet)

    async def say(self, text: str) -> list[SentMessage]:
        """Send a message and return what the coach sent back."""
        before, activity = len(self.messages), self._activity()
        self.telegram.send_text(self.user_id, text, first_name=self.first_name)
        await self._answered(activity)
        return self.messages[before:]

    async def tap(self, label: str) -> list[SentMessage]:
        """Tap the button whose label contains `label` on the latest message with buttons."""
        with_buttons = [m for m in self.messages if m.reply_markup]
        assert with_buttons, "no message with buttons"
        message = with_buttons[-1]
        for row in message.reply_markup["inline_keyboard"]:
            for button in row:
                if label.casefold() in button["text"].casefold():
                    return await self.press(message.message_id, button["callback_data"])
        labels = [b["text"] for row in message.reply_markup["inline_keyboard"] for b in row]
        raise AssertionError(f"no button {label!r} in {labels}")

    async def press(self, message_id: int, data: str) -> list[SentMessage]:
        before, activity = len(self.messages), self._activity()
        self.telegram.press_button(self.user_id, message_id, data)
        await self._answered(activity)
        return self.messages[before:]

    @property
    def last_text(self) -> str:
        return self.messages[-1].text or self.messages[-1].caption or ""

    def texts(self) -> str:
        return "\n---\n".join((m.text or m.caption or "") for m in self.messages)
