"""One runner flooding the bot does not hold up another runner's reply."""

from __future__ import annotations

import time

import pytest

from bot.telegram.update_processor import PerUserUpdateProcessor
from dialogs.texts import t
from tests.e2e.conftest import Bot, Runner
from tests.support.fakebot import FakeTelegram

FLOOD = 1000
FLOODER, OTHER = 9101, 9102
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)


# A deadline on the coach's own speed: CI's coverage tracer slows every line several-fold, so
# it is paused here (the flood's code paths are measured by the other tests of this file).
@pytest.mark.no_cover
@pytest.mark.deadline
async def test_a_flood_from_one_runner_does_not_delay_another(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    flooder, other = Runner(telegram, FLOODER), Runner(telegram, OTHER)
    await other.say("/help")  # both runners are known to the coach before the flood
    await flooder.say("/help")
    before = len(flooder.messages), len(other.messages)

    for number in range(FLOOD):
        telegram.send_text(FLOODER, f"message {number}")
    started = time.monotonic()
    telegram.send_text(OTHER, "/help")
    await telegram.wait_for(lambda _: len(other.messages) > before[1], timeout=1.0)
    waited = time.monotonic() - started
    assert waited < 1.0, f"the other runner waited {waited:.2f} s"

    await telegram.wait_idle(timeout=60)
    flood_replies = [m.text for m in flooder.messages[before[0] :]]
    slow_down = t("core.slow_down")
    # One running and MAX_WAITING queued are answered (and a few more that arrived as the
    # queue moved on); the rest of the burst is dropped, with one word to the runner about it.
    assert flood_replies.count(slow_down) == 1
    answered = len(flood_replies) - 1
    assert PerUserUpdateProcessor.MAX_WAITING < answered < FLOOD // 10, answered

    # Once the queue has drained the burst is over: the next message is answered as usual.
    after = await flooder.say("hello")
    assert after and slow_down not in [m.text for m in after]


async def test_every_tap_of_a_flood_of_button_presses_is_answered(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    """Dropped or not, each press gets its callback answer: no button left spinning."""
    flooder = Runner(telegram, FLOODER)
    shown = await flooder.say("/start")
    message_id = shown[-1].message_id
    for _ in range(200):
        telegram.press_button(FLOODER, message_id, "stale:press")
    await telegram.wait_idle(timeout=60)
    assert [m.text for m in flooder.messages].count(t("core.slow_down")) == 1
    assert telegram.unanswered_queries == 0
    # Taps queued before the first was handled all carry the old buttons, so removing them again
    # is refused as "not modified" (as Telegram would): expected, and ignored by the coach.
    assert {c.error for c in telegram.errors} <= {NOT_MODIFIED}
    telegram.calls[:] = [c for c in telegram.calls if c.error != NOT_MODIFIED]
