"""/workout over the fake Telegram server, for what a runner tripped over: one session a day,
👍 as done, /cancel keeping the place, "it hurts" saying what happens to the rest, and
/progress counting sessions."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import seed_profile, workout_sessions
from tests.e2e.test_workout import header, labels, names, start_workout
from tests.support.fakebot import FakeTelegram

THUMBS = 5201
CANCEL = 5202
HURT = 5203


async def test_thumbs_up_finishes_a_session_and_a_second_workout_is_done_for_today(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, THUMBS)
    await seed_profile(sessions, clock, THUMBS)
    plan = await start_workout(runner, sessions)
    for index, answer in enumerate(["👍", "👌", "did it", "✅", "done", "👍", "👍"][: len(plan)]):
        clock.advance(minutes=3)
        await runner.say(answer)
        if index + 1 < len(plan):
            assert runner.last_text.startswith("✅ Logged."), (answer, runner.last_text)
    assert runner.last_text.startswith("🎉 Session done!")
    assert f"✅ {len(plan)} done" in runner.last_text

    # Later the same day: no second session, a short routine instead.
    clock.advance(hours=3)
    await runner.say("/workout")
    assert "You've done today's session" in runner.last_text
    assert "Today:" not in runner.texts().split("Session done!")[-1]
    assert labels(runner) == ["🧘 Short routine", "No thanks"]
    await runner.tap("Short routine")
    assert "5-minute activation routine" in runner.last_text
    [(row, logs)] = await workout_sessions(sessions, THUMBS)
    assert row.status == "finished" and len(logs) == len(plan)

    # The next day brings a fresh session.
    clock.advance(days=1)
    await runner.say("/workout")
    assert runner.last_text.startswith("Today:")


async def test_cancel_mid_workout_keeps_the_place_for_later_that_day(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, CANCEL)
    await seed_profile(sessions, clock, CANCEL)
    plan = await start_workout(runner, sessions)
    await runner.tap("Done")
    await runner.tap("Done")
    await runner.say("/cancel")

    clock.advance(hours=2)
    await runner.say("/progress")
    assert runner.messages[-1].kind == "photo"
    assert "Sessions done: 0 · partly done: 1" in (runner.messages[-1].caption or "")

    await runner.say("/workout")
    assert "after 2 exercise(s), so it counts as partly done" in runner.last_text
    assert labels(runner) == ["▶️ Carry on", "Stop for today"]
    await runner.tap("Carry on")
    assert runner.last_text.startswith("▶️ Picking up where you stopped:")
    rest = len(plan) - 2
    assert header(0, rest, names(plan)[2]).replace("Warm-up · ", "") in runner.last_text
    for _ in range(rest):
        clock.advance(minutes=3)
        await runner.tap("Done")
    assert runner.last_text.startswith("🎉 Session done!")
    assert f"✅ {len(plan)} done" in runner.last_text

    # One session, the same log from start to finish.
    [(row, logs)] = await workout_sessions(sessions, CANCEL)
    assert row.status == "finished"
    assert [log.exercise_id for log in logs] == plan
    await runner.say("/progress")
    caption = runner.messages[-1].caption or ""
    assert "Sessions done: 1" in caption and "partly done" not in caption


async def test_it_hurts_says_what_happens_to_the_rest_and_keeps_the_part_done(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, HURT)
    await seed_profile(sessions, clock, HURT)
    plan = await start_workout(runner, sessions)
    await runner.tap("Done")
    replies = await runner.tap("It hurts")
    said = "\n".join(m.text or "" for m in replies)
    assert f"Let's stop {names(plan)[1]} there" in said
    left = len(plan) - 2
    assert f"the other {left} exercise(s) go on with moves that spare that spot" in said
    assert "if not, we stop here and today counts as partly done" in said
    [(row, logs)] = await workout_sessions(sessions, HURT)
    assert row.status == "started"
    assert [log.outcome for log in logs] == ["done", "hurt"]

    await runner.say("/cancel")
    await runner.say("/workout")
    assert "after 2 exercise(s), so it counts as partly done" in runner.last_text


async def test_a_pain_check_that_says_carry_on_offers_the_rest_of_the_session(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    """Through the real triage: a burn that stopped with the set is 🟢, and the runner is
    brought back to the rest of today's session (this follows the pain dialog's questions)."""
    runner = Runner(telegram, HURT)
    await seed_profile(sessions, clock, HURT)
    plan = await start_workout(runner, sessions)
    await runner.tap("Done")
    await runner.tap("It hurts")
    await runner.say("just a muscle burn in my glute during the set, gone now, 2/10")
    await runner.tap("normally")
    await runner.tap("No")
    await runner.tap("Eases")
    replies = await runner.tap("None of these")
    said = "\n".join(m.text or "" for m in replies)
    assert "🟢" in said and "Back to where we were:" in said
    assert "after 2 exercise(s), so it counts as partly done" in runner.last_text
    await runner.tap("Carry on")
    for _ in range(len(plan) - 2):
        clock.advance(minutes=3)
        await runner.tap("Done")
    assert runner.last_text.startswith("🎉 Session done!")
    assert f"✅ {len(plan) - 1} done · 🤕 1 stopped as it hurt" in runner.last_text
    [(row, logs)] = await workout_sessions(sessions, HURT)
    assert row.status == "finished"
    assert [log.outcome for log in logs][:2] == ["done", "hurt"]
