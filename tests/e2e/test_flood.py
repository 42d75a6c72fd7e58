"""One runner flooding the bot does not hold up another runner's reply."""

from __future__ import annotations

import time

from bot.telegram.update_processor import PerUserUpdateProcessor
from dialogs.texts import t
from tests.e2e.conftest import Bot, Runner
from tests.support.fakebot import FakeTelegram

FLOOD = 1000
FLOODER, OTHER = 9101, 9102


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
