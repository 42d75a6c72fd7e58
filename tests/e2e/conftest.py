"""End-to-end: the real PTB Application against the fake Telegram Bot API on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.coach import Coach
from bot.limits import LimitsSlots, SendBudget
from bot.scheduling.dispatcher import Dispatcher, Timing
from bot.telegram.app import build_application, running
from dialogs import router
from dialogs.timezones import warm_up
from tests.conftest import FakeClock
from tests.support.fakebot import FakeTelegram, SentMessage


@pytest.fixture(scope="session", autouse=True)
def start_up_work() -> None:
    """The place index and the message readers, built once as `glute-coach run` does at
    start-up, so no handler waits for them (and no test's timing depends on going first)."""
    warm_up()
    router.warm_up()


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
        # Pacing lifted, per chat too: these tests check what the coach says, and waiting a
        # second per three messages would only slow them; tests/integration/test_send_budget.py
        # checks the pacing itself.
        budget=SendBudget(
            LimitsSlots.in_memory(), rate_per_second=1000, chat_limits=((1.0, 1000),)
        ),
        tick_seconds=3600,  # tests tick by hand
    )
    async with running(application, polling=True, poll_timeout=1):
        telegram.handled = application.update_queue.join
        yield Bot(application, made[0])
    assert telegram.errors == [], f"the coach made calls Telegram would refuse: {telegram.errors}"


class Runner:
    """Plays one runner in a private chat with the coach.

    Each step returns once the coach has handled it: for a coach in this process, when it has
    taken the update and its update queue is done (FakeTelegram.wait_idle); for a coach in
    another process, which cannot be watched, when the `replies` the step names have arrived.
    """

    def __init__(self, telegram: FakeTelegram, user_id: int, first_name: str = "Sam") -> None:
        self.telegram = telegram
        self.user_id = user_id
        self.first_name = first_name

    @property
    def messages(self) -> list[SentMessage]:
        return self.telegram.sent(self.user_id)

    async def _answered(self, before: int, replies: int | None) -> list[SentMessage]:
        if replies is None:
            await self.telegram.wait_idle()
        else:
            # generous: a coach process that was just started is still loading its data
            await self.telegram.wait_for(
                lambda _fake: len(self.messages) >= before + replies, timeout=30
            )
        return self.messages[before:]

    async def say(self, text: str, *, replies: int | None = None) -> list[SentMessage]:
        """Send a message and return what the coach sent back."""
        before = len(self.messages)
        self.telegram.send_text(self.user_id, text, first_name=self.first_name)
        return await self._answered(before, replies)

    async def tap(self, label: str, *, replies: int | None = None) -> list[SentMessage]:
        """Tap the button whose label contains `label` on the latest message with buttons."""
        with_buttons = [m for m in self.messages if m.reply_markup]
        assert with_buttons, "no message with buttons"
        message = with_buttons[-1]
        for row in message.reply_markup["inline_keyboard"]:
            for button in row:
                if label.casefold() in button["text"].casefold():
                    return await self.press(
                        message.message_id, button["callback_data"], replies=replies
                    )
        labels = [b["text"] for row in message.reply_markup["inline_keyboard"] for b in row]
        raise AssertionError(f"no button {label!r} in {labels}")

    async def press(
        self, message_id: int, data: str, *, replies: int | None = None
    ) -> list[SentMessage]:
        before = len(self.messages)
        self.telegram.press_button(self.user_id, message_id, data)
        return await self._answered(before, replies)

    @property
    def last_text(self) -> str:
        return self.messages[-1].text or self.messages[-1].caption or ""

    def texts(self) -> str:
        return "\n---\n".join((m.text or m.caption or "") for m in self.messages)
