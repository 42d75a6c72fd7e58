"""Questions in plain words over the fake Telegram server (issue 13): "/learn <question>", a
sample of the question table answered in the chat, an honest "I don't know", and a question
typed mid-onboarding answered before the same step is asked again."""

from __future__ import annotations

import pytest

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


# A sample of the question table, end to end: each answer in the chat says the table's facts
# (the passage that answers, not only the right topic).
SAMPLE = [
    ("what should i do the week before my marathon", "run less"),
    ("how fast can i increase my weekly mileage", "10 percent"),
    ("do i need weights for hip thrusts?", "no weight needed"),
    ("legs are killing me 2 days after squats, normal??", "delayed onset muscle soreness"),
]


@pytest.mark.parametrize(("n", "question", "says"), [(n, *row) for n, row in enumerate(SAMPLE)])
async def test_a_sample_of_the_question_table_is_answered_in_the_chat(
    telegram: FakeTelegram, coach_bot: Bot, n: int, question: str, says: str
) -> None:
    runner = Runner(telegram, RUNNER + 10 + n)
    await runner.say(f"/learn {question}")
    assert says in runner.last_text.lower()


async def test_a_question_the_coach_cannot_answer_gets_an_honest_dont_know(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, RUNNER + 20)
    await runner.say("/learn what time does the gym open")
    assert runner.last_text.startswith("I don't know that one yet")
