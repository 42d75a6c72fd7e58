"""A new runner onboards over the fake Telegram server, sloppy typing and buttons mixed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import outbox, repositories
from tests.e2e.conftest import Bot, Runner
from tests.support.fakebot import FakeTelegram

USER = 5001


async def test_onboarding_end_to_end(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, USER)
    replies = await runner.say("/start")
    assert "glute coach" in replies[0].text.lower()
    assert "main goal" in runner.last_text.lower()

    await runner.tap("Faster")
    # The chosen button is shown on the question and its buttons are gone.
    question = next(m for m in runner.messages if "main goal" in (m.text or "").lower())
    assert question.edited and question.reply_markup is None
    assert "✅" in (question.text or "")

    await runner.say("been running for years")
    await runner.say("three")
    await runner.tap("Loop band")
    assert "✅" in str(runner.messages[-1].reply_markup)  # the toggle redraws in place
    await runner.tap("Bench")
    await runner.tap("Done")
    await runner.say("mon wed fri")
    await runner.say("half past six")
    await runner.tap("Morning")
    await runner.say("sat")
    await runner.say("portland")
    assert "Oregon" in str(runner.messages[-1].reply_markup)
    await runner.tap("Oregon")
    await runner.tap("Yes")
    assert "Here's what I have" in runner.last_text
    await runner.tap("Looks good")

    async with sessions() as session:
        profile = await repositories.get_profile(session, USER)
        assert profile is not None
        assert profile.timezone == "America/Los_Angeles"
        assert [d.value for d in profile.workout_days] == ["mon", "wed", "fri"]
        assert profile.workout_time.strftime("%H:%M") == "06:30"
        assert {e.value for e in profile.equipment} == {"band", "bench"}
        assert profile.experience.value == "experienced"
        assert {row.kind for row in await outbox.pending(session, USER)} == {
            "workout_reminder",
            "weekly_summary",
        }
    assert "Next reminder" in runner.texts()
    commands = [c for c in telegram.calls if c.method == "setMyCommands"]
    assert commands and "workout" in str(commands[0].params)


async def test_garbage_gets_a_friendly_reask_and_old_buttons_expire(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, USER)
    await runner.say("/start")
    first_question = runner.messages[-1]
    await runner.tap("Prevent")
    replies = await runner.say("asdfgh")
    assert replies, "never silence"
    assert "experience" in runner.last_text.lower() or "running" in runner.last_text.lower()

    # The goal question's old button, pressed again: expired, then the current question.
    stale = first_question.reply_markup or {}
    data = telegram.calls[0].params  # any call; we only need a stale callback below
    assert data is not None
    old = [m for m in telegram.calls if m.method == "sendMessage" and "main goal" in str(m.params)]
    markup = old[0].params["reply_markup"]
    callback = markup["inline_keyboard"][0][0]["callback_data"]
    replies = await runner.press(first_question.message_id, callback)
    assert "expired" in replies[0].text.lower()
    assert "running" in runner.last_text.lower()
    assert stale is not None

    # A forged button: same answer, no crash.
    replies = await runner.press(first_question.message_id, "1|goal:faster|AAAAAAAA")
    assert "expired" in replies[0].text.lower()
    answers = [c for c in telegram.calls if c.method == "answerCallbackQuery"]
    assert len(answers) == len([c for c in telegram.calls if c.method == "answerCallbackQuery"])


async def test_a_message_outside_any_dialog_gets_help(
    telegram: FakeTelegram, coach_bot: Bot
) -> None:
    runner = Runner(telegram, USER)
    replies = await runner.say("what is this")
    assert "/workout" in replies[-1].text
    replies = await runner.say("/nonsense")
    assert "don't know /nonsense" in replies[-1].text


async def test_a_shared_location_answers_the_timezone_question(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, USER)
    for line in ("/start", "faster", "regular", "3", "nothing", "mon wed fri", "7:30am", "none"):
        await runner.say(line)
    assert "city" in runner.last_text.lower()
    before = len(runner.messages)
    telegram.share_location(USER, 40.4168, -3.7038)  # Madrid
    await telegram.wait_for(lambda _f: len(runner.messages) > before, timeout=10)
    await telegram.wait_idle()
    assert "Europe/Madrid" in runner.texts()
