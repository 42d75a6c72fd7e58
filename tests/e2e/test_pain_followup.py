"""Held pain reports over the fake Telegram server: lifted by "I've been seen, cleared" and by
a later 🟢, the reminder lines while held, pain typed inside /learn, a re-reported calf that
merges into one report and one check-in, and a return-to-run plan walked to its end."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import ComebackPlanRow, DialogStateRow, Event, ScheduledMessage
from dialogs.pain import walk_run
from dialogs.training.nudges import PAIN_CHECKIN, WORKOUT_REMINDER
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import pain_reports, scheduled, seed_profile
from tests.e2e.test_pain import tick_at
from tests.support.fake_chats import SentMessage
from tests.support.fakebot import FakeTelegram

URGENT_CALF = "felt a pop in my calf and now I can't put weight on it"
HELD = "🔴 No training from me while your calf needs care"
HELD_BUTTONS = ["✅ I've been seen", "👍 It's better now", "Same", "Worse", "A different pain"]


async def plan_of(
    sessions: async_sessionmaker[AsyncSession], user_id: int
) -> ComebackPlanRow | None:
    async with sessions() as session:
        return await session.get(ComebackPlanRow, user_id)


async def dialog_of(sessions: async_sessionmaker[AsyncSession], user_id: int) -> str | None:
    async with sessions() as session:
        row = await session.get(DialogStateRow, user_id)
        return row.dialog if row is not None else None


async def answer_calmly(runner: Runner, replies: list[SentMessage]) -> None:
    """Answer each triage question as a mild, settled pain would, until the verdict."""
    for _ in range(12):
        if any((m.text or "").startswith(("🟢", "🟡", "🟠", "🔴")) for m in replies):
            return
        text = runner.last_text
        labels = [label for label, _ in runner.telegram.last_buttons(runner.user_id)]
        if text.startswith(("One check", "After a run")):  # normal soreness; settled: yes
            replies = await runner.tap("Yes")
            continue
        preferred = ("Yes, normally", "None of these", "Eases as I warm up", "Today", "1", "No")
        choice = next((p for p in preferred if p in labels), None)
        assert choice is not None, f"unexpected question {text!r} {labels}"
        replies = await runner.tap(choice)
    raise AssertionError(f"no verdict: {runner.last_text!r}")


async def urgent_calf(runner: Runner) -> None:
    replies = await runner.say(URGENT_CALF)
    assert (replies[0].text or "").startswith("🔴 Get help now"), replies[0].text


# ---------------------------------------------------------------- lifting a hold


async def test_an_urgent_hold_lifts_when_seen_and_cleared_and_the_return_to_run_begins(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7101)
    await seed_profile(sessions, clock, 7101)
    await urgent_calf(runner)
    await runner.say("/workout")
    assert runner.last_text.startswith(HELD)
    assert [label for label, _ in telegram.last_buttons(7101)] == HELD_BUTTONS

    await runner.tap("I've been seen")
    assert runner.last_text.startswith("Good that you got it seen.")
    await runner.say("not sure really")  # unclear: asked again
    assert runner.last_text.startswith("Good that you got it seen.")
    await runner.tap("Cleared to train")
    assert runner.last_text.startswith("🟢 Cleared")
    assert "walk-run plan" in runner.last_text

    [report] = await pain_reports(sessions, 7101)
    assert (report.status, report.advice) == ("resolved", "cleared")
    # The check-in's trend is kept, in the event log (the report keeps the latest level).
    async with sessions() as session:
        logged = (
            await session.scalars(select(Event.data).where(Event.kind == "pain_checked_in"))
        ).all()
    assert logged == [{"key": report.key, "trend": "seen", "level": "continue"}]
    plan = await plan_of(sessions, 7101)
    assert plan is not None and (plan.report_key, plan.stage) == (report.key, 0)
    # Training is back.
    replies = await runner.say("/workout")
    assert not any(HELD in (m.text or "") for m in replies)
    assert any("Start" in label for label, _ in telegram.last_buttons(7101))


async def test_typed_words_lift_the_hold_from_anywhere(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7102)
    await seed_profile(sessions, clock, 7102)
    await urgent_calf(runner)
    clock.advance(days=1)
    await runner.say("I've been seen, cleared")
    assert runner.last_text.startswith("🟢 Cleared")
    [report] = await pain_reports(sessions, 7102)
    assert (report.status, report.advice, report.note) == (
        "resolved", "cleared", "I've been seen, cleared",
    )  # fmt: skip


async def test_a_later_green_for_the_same_place_lifts_the_hold(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7103)
    await seed_profile(sessions, clock, 7103)
    await urgent_calf(runner)
    clock.advance(days=4)
    tight = await runner.say("calf's a bit tight after yesterday's long run, 1/10")
    await answer_calmly(runner, tight)
    texts = [m.text or "" for m in runner.messages[-3:]]
    assert any(text.startswith("🟢 Carry on") for text in texts), texts
    assert runner.last_text.startswith("That also lifts the hold on your calf")
    # One report, now closed: the 🟢 updated it rather than opening a second.
    [report] = await pain_reports(sessions, 7103)
    assert report.status == "resolved"
    await runner.say("/workout")
    assert not runner.last_text.startswith(HELD)


# ---------------------------------------------------------------- reminder lines while held


async def test_reminder_messages_tell_the_truth_while_held(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7201)
    await seed_profile(sessions, clock, 7201)
    await urgent_calf(runner)
    await runner.say("/pause 3")
    replies = await runner.say("/resume")
    texts = [m.text or "" for m in replies]
    assert not any("Next reminder" in text for text in texts), texts
    assert any("Workout reminders are on hold while your calf needs care" in t for t in texts)
    await runner.say("/schedule")
    schedule = runner.last_text
    assert "Not paused" not in schedule and "on hold while your calf" in schedule
    assert "/pain" in schedule
    # And indeed none goes: the next reminder is held back.
    rows = await scheduled(sessions, 7201, kinds=[WORKOUT_REMINDER])
    [reminder, *_] = [row for row in rows if row.status == "pending"]
    before = len(runner.messages)
    tick = await tick_at(coach_bot, clock, reminder.due_at + timedelta(minutes=1), telegram)
    assert tick.sent == 0 and len(runner.messages) == before


# ---------------------------------------------------------------- pain inside /learn


async def test_pain_typed_inside_learn_is_triaged(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7301)
    await seed_profile(sessions, clock, 7301)
    await runner.say("/learn")
    replies = await runner.say("my left achilles is stiff and sore first thing")
    texts = " ".join(m.text or "" for m in replies)
    assert "Achilles" in texts and "?" in runner.last_text, texts  # a triage question
    assert await dialog_of(sessions, 7301) == "pain"
    await runner.say("/cancel")
    await runner.say("/learn")
    # A question about pain is answered, not triaged.
    await runner.say("why do knees hurt when running?")
    assert not runner.last_text.startswith(("Where does it hurt", "Which part of the knee"))
    assert any("Check a pain" in label for label, _ in telegram.last_buttons(7301))
    assert await dialog_of(sessions, 7301) == "learn"


# ---------------------------------------------------------------- one report, one check-in


async def test_re_reporting_the_same_calf_keeps_one_report_and_one_check_in(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7401)
    await seed_profile(sessions, clock, 7401)
    for _ in range(3):
        twinge = await runner.say("sharp twinge in my calf when i push off, 4/10")
        await answer_calmly(runner, twinge)
        assert any(m.text and m.text.startswith("🟡") for m in runner.messages[-2:]), runner.texts()
        clock.advance(hours=6)
    [report] = await pain_reports(sessions, 7401)
    assert report.status == "open"
    pending = [r for r in await scheduled(sessions, 7401, kinds=[PAIN_CHECKIN])
               if r.status == "pending"]  # fmt: skip
    assert len(pending) == 1
    before = len(runner.messages)
    await tick_at(coach_bot, clock, pending[0].due_at + timedelta(hours=2), telegram)
    asked = [m.text for m in runner.messages[before:] if (m.text or "").startswith("How is")]
    assert asked == ["How is your calf now?"]


# ---------------------------------------------------------------- the return to running


async def test_a_return_to_run_plan_reaches_its_end(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, 7501)
    await seed_profile(sessions, clock, 7501)
    await urgent_calf(runner)
    await runner.say("got it checked at A&E, it's a minor strain, they said gentle rehab")
    assert "walk-run plan" in runner.last_text
    started = clock.now
    # While it runs, the workout reminder names the stage.
    pending = [r for r in await scheduled(sessions, 7501, kinds=[WORKOUT_REMINDER])
               if r.status == "pending"]  # fmt: skip
    await tick_at(coach_bot, clock, pending[0].due_at + timedelta(minutes=1), telegram)
    assert "🏃 Return to running, stage 1 of 6" in runner.last_text, runner.last_text
    for check in range(len(walk_run.STAGES) * walk_run.RUNS_PER_STAGE + 2):
        async with sessions() as session:
            [row] = (
                await session.scalars(
                    select(ScheduledMessage).where(
                        ScheduledMessage.user_id == 7501,
                        ScheduledMessage.occurrence.like("%:run"),
                    )
                )
            ).all()
        if row.status != "pending":
            break
        before = len(runner.messages)
        await tick_at(coach_bot, clock, row.due_at + timedelta(minutes=1), telegram)
        new = [m.text or "" for m in runner.messages[before:]]
        assert runner.last_text.startswith("🏃 Return to running"), (check, new)
        await runner.tap("0-3/10")
    assert runner.last_text.startswith("🎉 That's the return-to-run plan done"), runner.last_text
    assert await plan_of(sessions, 7501) is None
    weeks = (clock.now - started).days / 7
    assert 2 <= weeks <= 5, weeks
