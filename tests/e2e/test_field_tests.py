"""/tests over the fake Telegram server: the baseline stored per side, the retest nudge five
weeks on, the results in /progress (a chart of their own) and in /export."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import FieldTestRow
from dialogs.training.field_tests import RETEST_DUE
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import onboard, scheduled
from tests.support.fakebot import FakeTelegram

TESTER = 5301
BASELINE = ["15", "12", "40", "35", "20", "18", "2", "3"]
RETEST = ["20", "19", "1:00", "50 seconds", "25", "24", "3", "3"]


async def stored(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, str, int]]:
    async with sessions() as session:
        rows = await session.scalars(
            select(FieldTestRow).where(FieldTestRow.user_id == TESTER).order_by(FieldTestRow.id)
        )
        return [(row.day.isoformat(), row.test, row.side, row.value) for row in rows]


async def take_tests(runner: Runner, answers: list[str], offer: str) -> None:
    """Start from the message saying `offer` (other nudges may have come after it)."""
    [message] = [m for m in runner.messages if offer in (m.text or "")]
    assert message.reply_markup is not None
    [start] = [
        button["callback_data"]
        for row in message.reply_markup["inline_keyboard"]
        for button in row
        if "Start" in button["text"]
    ]
    await runner.press(message.message_id, start)
    for answer in answers[:-1]:
        await runner.say(answer)
    await runner.tap(answers[-1])  # the squat is rated with a button


async def test_baseline_retest_nudge_progress_and_export(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, TESTER)
    await onboard(runner)
    # Onboarding's last message offers the tests, and so does the first /workout.
    assert "/tests · 8-minute field tests that set where your sessions start" in runner.texts()
    await runner.say("/workout")
    assert "New here? /tests" in runner.last_text
    await runner.say("not now")

    await runner.say("/tests")
    assert "Field tests: your baseline" in runner.last_text
    assert [label for label, _ in telegram.last_buttons(TESTER)] == ["▶️ Start", "Not now"]
    await take_tests(runner, BASELINE, "Field tests: your baseline")
    assert "Baseline saved" in runner.last_text
    assert "Single-leg bridge: L 15 reps · R 12 reps" in runner.last_text
    day = clock.now.date().isoformat()
    tests = ("bridge", "side_plank", "calf_raise", "squat")
    sides = [(test, side) for test in tests for side in ("left", "right")]
    values = [15, 12, 40, 35, 20, 18, 2, 3]
    assert await stored(sessions) == [
        (day, test, side, value) for (test, side), value in zip(sides, values, strict=True)
    ]
    [nudge] = await scheduled(sessions, TESTER, kinds=[RETEST_DUE])
    assert nudge.status == "pending"
    assert nudge.due_at.date() == clock.now.date() + timedelta(weeks=5)

    # Five weeks on, the nudge offers the retest.
    clock.now = nudge.due_at + timedelta(minutes=1)
    await coach_bot.dispatcher.tick()
    await telegram.wait_idle()
    await take_tests(runner, RETEST, "Time for a retest")
    assert "Retest saved" in runner.last_text
    assert "Single-leg bridge: L 15 reps → 20 reps · R 12 reps → 19 reps" in runner.last_text
    assert "Side plank: L 40 s → 60 s · R 35 s → 50 s" in runner.last_text
    nudges = await scheduled(sessions, TESTER, kinds=[RETEST_DUE])
    assert [n.status for n in nudges] == ["sent", "pending"]
    assert len(await stored(sessions)) == 16

    # /progress: the summary says how the tests moved, and a second photo charts them.
    await runner.say("/progress")
    photos = [m for m in runner.messages if m.kind == "photo"]
    assert [p.file_name for p in photos[-2:]] == ["progress.png", "field_tests.png"]
    assert photos[-1].file_bytes is not None and photos[-1].file_bytes.startswith(b"\x89PNG")
    said = runner.texts()
    assert "Field tests" in said and "first → latest of 2 test days" in said

    # /export carries every result.
    await runner.say("/export")
    [document] = [m for m in runner.messages if m.kind == "document"]
    assert document.file_bytes is not None
    exported = json.loads(document.file_bytes)
    assert len(exported["tables"]["field_tests"]) == 16
    assert exported["tables"]["field_tests"][0]["test"] == "bridge"
