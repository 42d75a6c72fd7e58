"""The console front end: due reminders are printed while it runs; numbers pick buttons."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.console import CONSOLE_SENDER, ConsoleTransport, to_input
from bot.scheduling.dispatcher import Dispatcher
from bot.storage.models import ScheduledMessage
from bot.storage.outbox import Scope
from dialogs.core import Button, ButtonPressed, CommandReceived, TextReceived
from tests.conftest import FakeClock
from tests.support.builders import onboard


async def test_due_reminders_are_printed_in_the_console_and_only_the_console_runners(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    await onboard(sessions, clock, user_id=CONSOLE_SENDER.user_id)
    await onboard(sessions, clock, user_id=555)  # a Telegram runner in the same database
    async with sessions() as session, session.begin():
        await session.execute(update(ScheduledMessage).values(due_at=clock.now))
    clock.advance(minutes=1)
    out = io.StringIO()
    transport = ConsoleTransport(out)
    dispatcher = Dispatcher(
        sessions, transport, clock=clock, scope=Scope(only_user=CONSOLE_SENDER.user_id)
    )
    report = await dispatcher.tick()
    assert report.sent == 2  # the console runner's reminder and weekly summary, not runner 555's
    printed = out.getvalue()
    assert "1) ▶️ Start workout" in printed
    assert any(b.value == "go:workout" for b in transport.buttons)
    clock.advance(minutes=1)
    assert (await dispatcher.tick()).sent == 0


def test_typed_lines_become_inputs() -> None:
    buttons = [Button("Loop band", "kit:band"), Button("Done", "kit:done")]
    assert to_input("/pause for 7 days", buttons) == CommandReceived("pause", "for 7 days")
    assert to_input("2", buttons) == ButtonPressed("kit:done")
    assert to_input("loop band", buttons) == TextReceived("loop band")
    assert to_input("9", buttons) == TextReceived("9")
    numeric = [Button("1", "runs:1"), Button("2", "runs:2"), Button("3", "runs:3")]
    assert to_input("3", numeric) == TextReceived("3"), "numbers mean themselves on number buttons"
