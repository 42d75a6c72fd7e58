"""Questions in plain words over the fake Telegram server (issue 13): "/learn <question>", and
a question typed mid-onboarding answered before the same step is asked again."""

from __future__ import annotations

from tests.e2e.conftest import Bot, Runner
from tests.support.fakebot import FakeTelegram

RUNNER = 7131


async def test_learn_with_a_question_answers_it_with_buttons_to_the_topic(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, RUNNER)
    await runner.say("/learn why do my calves take over")
    assert "calves get sore from compensating" in runner.last_text
    labels = [label for label, _ in telegram.last_buttons(RUNNER)]
    assert "📖 Why weak glutes matter" in labels
    await runner.tap("📖 Why weak glutes matter")
    assert runner.last_text.startswith("Why weak glutes matter")


async def test_a_question_mid_onboarding_is_answered_and_the_step_asked_again(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, RUNNER + 1)
    await runner.say("/start")
    step = runner.last_text
    replies = await runner.say("what is the biggest muscle in the body?")
    assert len(replies) == 2
    assert "largest muscle in your body" in (replies[0].text or "")
    assert runner.last_text == step
