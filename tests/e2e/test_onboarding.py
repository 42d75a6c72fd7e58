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

    # A race named with its month: the race and its day in one answer, said back at once.
    await runner.say("half marathon in april")
    assert "Race day: Wed 15 Apr 2026" in runner.texts()
    assert "How long have you been running" in runner.last_text
    await runner.say("been running for years")
    await runner.say("3-4")
    assert "I'll plan on 3" in runner.last_text
    await runner.say("about 15 miles")
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
        assert profile.race_distance == "half" and str(profile.race_day) == "2026-04-15"
        assert profile.runs_per_week == 3
        assert profile.weekly_distance_km == 24.1 and profile.distance_unit == "mi"
        assert {row.kind for row in await outbox.pending(session, USER)} == {
            "workout_reminder",
            "weekly_summary",
        }
    # "All set", then when the first reminder comes, then the way into the first session.
    texts = runner.texts()
    assert texts.index("You're all set") < texts.index("Next reminder") < texts.index(
        "Your first session is ready"
    )
    assert "• Weekly running: 15 miles" in texts and "• Race: Half marathon" in texts
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
    assert "training for a race" in runner.last_text.lower()

    # The goal question's old button, pressed again: expired, then the current question.
    stale = first_question.reply_markup or {}
    data = telegram.calls[0].params  # any call; we only need a stale callback below
    assert data is not None
    old = [m for m in telegram.calls if m.method == "sendMessage" and "main goal" in str(m.params)]
    markup = old[0].params["reply_markup"]
    callback = markup["inline_keyboard"][0][0]["callback_data"]
    replies = await runner.press(first_question.message_id, callback)
    assert "expired" in replies[0].text.lower()
    assert "training for a race" in runner.last_text.lower()
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
    for line in (
        "/start",
        "faster",
        "no race",
        "regular",
        "3",
        "25k",
        "nothing",
        "mon wed fri",
        "7:30am",
        "none",
    ):
        await runner.say(line)
    assert "city" in runner.last_text.lower()
    before = len(runner.messages)
    telegram.share_location(USER, 40.4168, -3.7038)  # Madrid
    await telegram.wait_for(lambda _f: len(runner.messages) > before, timeout=10)
    await telegram.wait_idle()
    assert "Europe/Madrid" in runner.texts()


async def test_a_runner_back_from_a_niggle_in_utc_plus_2(
    telegram: FakeTelegram, coach_bot: Bot, sessions: async_sessionmaker[AsyncSession]
) -> None:
    runner = Runner(telegram, USER)
    answers = (
        "/start",
        "back from a niggle",
        "my achilles",
        "no race",
        "new",
        "2 at the moment",
        "about 3 hours",
        "nothing",
        "tue thu",
        "7:30",  # as the button shows it: no "morning or evening?"
        "skip",
        "UTC+2",
        "no",
    )
    for answer in answers:
        await runner.say(answer)
    texts = runner.texts()
    assert "in the morning or in the evening" not in texts
    assert "• Niggle: Achilles" in texts and "• Weekly running: 3 h" in texts
    await runner.say("looks good")
    texts = runner.texts()
    # The reminder is said in the zone the runner typed, not IANA's Etc/GMT-2.
    assert "(UTC+2)" in texts and "Etc/GMT" not in texts
    # The niggle goes to the pain dialog, which asks about it as it does any pain.
    assert "how your niggle is now" in texts

    async with sessions() as session:
        profile = await repositories.get_profile(session, USER)
    assert profile is not None and profile.niggle == "achilles" and profile.goal == "comeback"
    assert profile.runs_per_week == 2 and profile.weekly_minutes == 180
    assert profile.race_distance == "none" and profile.race_day is None

    await runner.say("/cancel")
    await runner.say("/pause a month")
    assert "paused until" in runner.last_text.lower()
    await runner.say("/pause until christmas")
    assert "paused until fri 25 dec" in runner.last_text.lower()
    await runner.say("/pause forever")
    assert "/resume" in runner.last_text
