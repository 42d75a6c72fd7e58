"""Emergencies said in everyday words reach "🔴 Get help now" at once, wherever the runner is:
mid-workout, inside /learn, in reply to a reminder; with the numbers of their own country."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import pain_reports, seed_profile
from tests.e2e.test_pain import tick_at
from tests.support.fakebot import FakeTelegram

HELP_NOW = "🔴 Get help now"


def verdict(texts: list[str]) -> list[str]:
    """The lines of the one urgent verdict among the replies."""
    [found] = [text for text in texts if text.startswith(HELP_NOW)]
    return found.splitlines()


async def test_mid_workout_numbness_when_wiping_gets_help_now_with_the_uk_number(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7101)
    await seed_profile(sessions, clock, 7101, timezone="Europe/London")
    await runner.say("/workout")
    await runner.tap("Start")
    replies = await runner.say("back's killing me and my bum feels dead when i wipe")
    lines = verdict([m.text or "" for m in replies])
    assert lines[1] == "Stop now and call 999, or go to A&E. Don't drive yourself."
    assert lines[2].startswith("Why: with back pain, numbness around your bottom or genitals")
    [report] = await pain_reports(sessions, 7101)
    assert (report.level, report.status) == ("urgent", "open")
    assert report.report is not None and report.report["flags"]["saddle"] == "yes"


async def test_inside_learn_dribbling_with_back_pain_gets_help_now_with_112(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7102)
    await seed_profile(sessions, clock, 7102, timezone="Europe/Berlin")
    await runner.say("/learn")
    assert runner.last_text.startswith("📚 What would you like to learn about?")
    replies = await runner.say("lower back agony since deadlifts and i keep dribbling after i pee")
    lines = verdict([m.text or "" for m in replies])
    assert (
        lines[1]
        == "Stop now and call 112, or go to the emergency department. Don't drive yourself."
    )
    [report] = await pain_reports(sessions, 7102)
    assert report.report is not None and report.report["flags"]["bladder"] == "yes"


async def test_in_reply_to_a_reminder_cola_pee_after_an_ultra_gets_help_now_with_911(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7103)
    await seed_profile(sessions, clock, 7103, timezone="America/New_York", at="07:30")
    # Monday 2 March 2026, 07:31 in New York: the workout reminder goes out.
    tick = await tick_at(coach_bot, clock, datetime(2026, 3, 2, 12, 31, tzinfo=UTC), telegram)
    assert tick.sent == 1
    reminder = runner.last_text
    replies = await runner.say(
        "cant today, did the 100 miler saturday, legs swollen and my pee looks like coke"
    )
    assert runner.last_text != reminder
    lines = verdict([m.text or "" for m in replies])
    assert lines[1] == (
        "Stop now and get seen today: urgent care or the emergency room (911 if it gets worse). "
        "Don't drive yourself there if it's your leg."
    )
    [report] = await pain_reports(sessions, 7103)
    assert report.report is not None and report.report["flags"]["dark_urine"] == "yes"


async def test_peeing_feels_different_with_back_pain_asks_in_plain_words_first(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7104)
    await seed_profile(sessions, clock, 7104, timezone="Europe/London")
    await runner.say("back pain since monday and peeing feels a bit different")
    assert runner.last_text == (
        "Any change in peeing or pooing?\n"
        "For example, not being able to go, or not being able to hold it."
    )
    assert [label for label, _ in telegram.last_buttons(7104)] == ["Yes", "No", "Not sure"]
    replies = await runner.tap("Not sure")
    lines = verdict([m.text or "" for m in replies])
    assert lines[1] == "Stop now and call 999, or go to A&E. Don't drive yourself."


async def test_back_pain_asks_every_emergency_sign_at_once_and_one_tap_gets_help_now(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7109)
    await seed_profile(sessions, clock, 7109, timezone="Europe/London")
    await runner.say("my lower back has been sore since saturday")
    assert runner.last_text.splitlines()[0] == "Any of these with it?"
    keyboard = runner.messages[-1].reply_markup
    assert keyboard is not None
    assert [row[0]["text"] for row in keyboard["inline_keyboard"][:4]] == [
        "Numb bottom, genitals or inner thighs",
        "A change in peeing or pooing",
        "Both legs weak or numb",
        "Pain all the time, even lying down",
    ]
    replies = await runner.tap("A change in peeing or pooing")
    lines = verdict([m.text or "" for m in replies])
    assert lines[1] == "Stop now and call 999, or go to A&E. Don't drive yourself."
    [report] = await pain_reports(sessions, 7109)
    assert (report.level, report.status) == ("urgent", "open")
    assert report.report is not None and report.report["flags"] == {"bladder": "yes"}
