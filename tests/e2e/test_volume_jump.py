"""A jump in weekly running, told in /settings, over the fake Telegram server: the coach says
what it changes, keeps the day, and /workout plans one session a week for two weeks."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.texts import t
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import profile_of, seed_profile
from tests.support.fakebot import FakeTelegram

JUMPER = 5301


async def test_weekly_running_raised_sharply_means_one_session_a_week_for_two_weeks(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, JUMPER)
    await seed_profile(sessions, clock, JUMPER)
    await runner.say("/settings weekly")
    await runner.say("20 km")  # the first figure: nothing to compare with
    assert t("settings.volume_jump") not in runner.last_text
    await runner.say("/settings weekly")
    await runner.say("30 km")
    assert t("settings.volume_jump") in runner.texts()
    jumped = await profile_of(sessions, JUMPER)
    assert jumped.weekly_distance_km == 30.0
    assert jumped.volume_jump_on == clock.now.date()

    await runner.say("/workout")
    overview = runner.last_text
    assert t("plan.volume_jump") in overview
    assert "This week: one strength session" in overview

    clock.advance(days=15)
    await runner.say("/workout")
    assert t("plan.volume_jump") not in runner.last_text
