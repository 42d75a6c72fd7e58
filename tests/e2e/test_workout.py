"""/workout over the fake Telegram server: a whole session, its log, and the next day's session."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.knowledge import knowledge
from dialogs.training.nudges import SESSION_CHECKIN, SORENESS_CHECKIN
from dialogs.vocabulary import Equipment
from tests.conftest import FakeClock
from tests.e2e.conftest import Bot, Runner
from tests.e2e.helpers import (
    onboard,
    profile_of,
    scheduled,
    seed_profile,
    workout_sessions,
)
from tests.support.fakebot import FakeTelegram

BAND_RUNNER = 5101
GYM_RUNNER = 5102
STALE_RUNNER = 5103
ANSWER_BUTTONS = ["✅ Done", "😴 Too easy", "😅 Too hard", "⏭ Skip", "🤕 It hurts"]
BAND_ONLY = {Equipment.NONE, Equipment.BAND}


def labels(runner: Runner) -> list[str]:
    return [label for label, _data in runner.telegram.last_buttons(runner.user_id)]


def names(plan: list[str]) -> list[str]:
    return [knowledge().exercises[exercise_id].name for exercise_id in plan]


def header(index: int, total: int, name: str) -> str:
    """The start of an exercise card: "2 of 5 · Single-leg ..." (the warm-up says so)."""
    warm_up = "Warm-up · " if index == 0 else ""
    return f"{index + 1} of {total} · {warm_up}{name} · "


def doable_with(exercise_id: str, kit: set[Equipment]) -> bool:
    return any(needs <= kit for needs in knowledge().exercises[exercise_id].equipment)


async def start_workout(runner: Runner, sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    """/workout, then Start; returns today's plan as stored when the session opened."""
    replies = await runner.say("/workout")
    overview = replies[-1].text or ""
    assert overview.startswith("Today:"), overview
    assert "Ready to start?" in overview
    assert labels(runner) == ["▶️ Start", "Not now"]
    # Nothing is logged until the runner starts.
    before = await workout_sessions(sessions, runner.user_id)
    await runner.tap("Start")
    logs = await workout_sessions(sessions, runner.user_id)
    assert len(logs) == len(before) + 1
    row, exercises = logs[-1]
    assert row.status == "started" and exercises == []
    plan = list(row.plan)
    # The overview listed the same exercises, in order, with the warm-up first.
    listed = re.findall(r"^\d+\. (.+?) · ", overview, flags=re.MULTILINE)
    assert listed == names(plan)
    assert f"1. {names(plan)[0]} · " in overview and "(warm-up)" in overview
    assert 4 <= len(plan) <= 6, "an activation drill and 3-5 main exercises"
    return plan


async def test_band_runner_does_a_session_to_the_end_and_the_next_one_adapts(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, BAND_RUNNER)
    await onboard(runner, kit="loop band")
    assert (await profile_of(sessions, BAND_RUNNER)).equipment == {Equipment.BAND}

    plan = await start_workout(runner, sessions)
    started_at = clock.now
    total = len(plan)
    assert all(doable_with(exercise_id, BAND_ONLY) for exercise_id in plan), plan
    card = runner.last_text
    assert card.startswith(header(0, total, names(plan)[0])), card
    assert "Cue:" in card and "Why:" in card
    assert labels(runner) == ANSWER_BUTTONS
    # "How did it go?" is booked two hours after the start, in case the runner drifts off.
    [checkin] = await scheduled(sessions, BAND_RUNNER, kinds=[SESSION_CHECKIN])
    assert checkin.status == "pending"
    assert checkin.due_at == started_at + timedelta(hours=2)

    # Buttons and typed answers mixed; the rest typed "done". "Too hard" goes to the first
    # main exercise after the second with an easier variant in the runner's kit (one at the
    # bottom of its chain, such as a calf raise, would lose a set instead), "Skip" to the next.
    hard_at = next(
        n
        for n in range(2, total)
        if (easier := knowledge().exercises[plan[n]].easier) and doable_with(easier, BAND_ONLY)
    )
    skip_at = next(n for n in range(2, total) if n != hard_at)
    answers = [("say", "done", "done", "✅ Logged.")] * total
    answers[0] = ("tap", "Done", "done", "✅ Logged.")
    answers[1] = ("tap", "Too easy", "easy", "😴 Noted: too easy.")
    answers[hard_at] = ("say", "ugh that was too hard", "hard", "😅 Noted: too hard.")
    answers[skip_at] = ("tap", "Skip", "skipped", "⏭ Skipped.")
    for index, (how, what, _outcome, ack) in enumerate(answers):
        clock.advance(minutes=4)
        if how == "tap":
            await runner.tap(what)
        else:
            await runner.say(what)
        if index + 1 < total:
            shown = runner.last_text
            assert shown.startswith(f"{ack}\n\n{header(index + 1, total, names(plan)[index + 1])}")
            assert labels(runner) == ANSWER_BUTTONS

    summary = runner.last_text
    assert summary.startswith("🎉 Session done!"), summary
    done = total - 3
    assert f"✅ {done} done · 😴 1 too easy · 😅 1 too hard · ⏭ 1 skipped" in summary
    hard_name = names(plan)[hard_at]
    change = re.search(rf"⬇️ {re.escape(hard_name)} → (.+?), a step easier\.", summary)
    assert change is not None, summary
    easier_name = change.group(1)
    assert runner.messages[-1].reply_markup is None

    # The database has the finished session and one row per exercise, in order.
    [(row, exercises)] = await workout_sessions(sessions, BAND_RUNNER)
    assert row.status == "finished"
    assert row.finished_at == clock.now
    assert row.day == started_at.date()
    assert [log.exercise_id for log in exercises] == plan
    assert [log.outcome for log in exercises] == [outcome for _h, _w, outcome, _a in answers]
    sets = {log.outcome: log.sets for log in exercises}
    assert sets["skipped"] == 0 and sets["done"] > 0 and sets["hard"] > 0
    assert all(started_at < log.at <= clock.now for log in exercises)

    # Finishing cancels "how did it go?" and books the next-morning soreness question.
    [checkin] = await scheduled(sessions, BAND_RUNNER, kinds=[SESSION_CHECKIN])
    assert checkin.status == "cancelled"
    [soreness] = await scheduled(sessions, BAND_RUNNER, kinds=[SORENESS_CHECKIN])
    assert soreness.status == "pending"
    # 08:00 in London the next morning, which is 08:00 UTC in early March.
    assert soreness.due_at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)

    # The next day's session takes the easier variant, and says why.
    clock.advance(days=1)
    replies = await runner.say("/workout")
    overview = replies[-1].text or ""
    assert f"⬇️ {hard_name} → {easier_name}: it felt too hard last time." in overview
    listed = re.findall(r"^\d+\. (.+?) · ", overview, flags=re.MULTILINE)
    assert easier_name in listed and hard_name not in listed, listed
    # Offering a session writes nothing yet.
    assert len(await workout_sessions(sessions, BAND_RUNNER)) == 1


async def test_a_full_gym_runner_gets_a_different_session_than_a_band_runner(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    gym = Runner(telegram, GYM_RUNNER)
    await onboard(gym, kit="full gym", experience="many years")
    assert (await profile_of(sessions, GYM_RUNNER)).equipment >= {
        Equipment.BARBELL,
        Equipment.DUMBBELL,
        Equipment.MACHINE,
        Equipment.BENCH,
    }
    band = Runner(telegram, BAND_RUNNER)
    await seed_profile(sessions, clock, BAND_RUNNER, equipment=["band"], experience="experienced")

    gym_plan = await start_workout(gym, sessions)
    band_plan = await start_workout(band, sessions)

    assert gym_plan != band_plan
    assert all(doable_with(exercise_id, BAND_ONLY) for exercise_id in band_plan)
    # The gym runner's session uses the gym: at least one move a band alone cannot do.
    assert any(not doable_with(exercise_id, BAND_ONLY) for exercise_id in gym_plan), gym_plan
    assert gym.last_text.startswith(header(0, len(gym_plan), names(gym_plan)[0]))
    assert band.last_text.startswith(header(0, len(band_plan), names(band_plan)[0]))


async def test_stale_buttons_from_an_earlier_exercise_expire(
    telegram: FakeTelegram,
    coach_bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    runner = Runner(telegram, STALE_RUNNER)
    await seed_profile(sessions, clock, STALE_RUNNER)
    plan = await start_workout(runner, sessions)
    total = len(plan)
    first_card = runner.messages[-1]
    first_buttons = dict(telegram.last_buttons(STALE_RUNNER))

    # A button press redraws the card in place with the next exercise...
    await runner.tap("Done")
    assert runner.messages[-1].message_id == first_card.message_id
    assert header(1, total, names(plan)[1]) in runner.last_text
    # ...a typed answer sends the next exercise as a new message.
    await runner.say("too easy")
    assert runner.messages[-1].message_id != first_card.message_id
    assert runner.last_text.startswith(f"😴 Noted: too easy.\n\n{header(2, total, names(plan)[2])}")

    async def logged() -> list[str]:
        [(_row, exercises)] = await workout_sessions(sessions, STALE_RUNNER)
        return [log.outcome for log in exercises]

    assert await logged() == ["done", "easy"]

    # The first exercise's "Too hard", pressed now: expired, then exercise 3 again.
    replies = await runner.press(first_card.message_id, first_buttons["😅 Too hard"])
    assert "expired" in (replies[0].text or "").lower()
    assert (replies[-1].text or "").startswith(header(2, total, names(plan)[2]))
    assert labels(runner) == ANSWER_BUTTONS
    toast = [c for c in telegram.calls if c.method == "answerCallbackQuery"][-1]
    assert "expired" in str(toast.params.get("text", "")).lower()
    # The old card loses its buttons so it cannot be pressed again.
    old = next(m for m in runner.messages if m.message_id == first_card.message_id)
    assert old.reply_markup is None
    assert await logged() == ["done", "easy"]

    # Unreadable text: a friendly re-ask and the same exercise.
    replies = await runner.say("banana")
    assert "didn't catch that" in (replies[0].text or "")
    assert (replies[-1].text or "").startswith(header(2, total, names(plan)[2]))
    assert await logged() == ["done", "easy"]

    # The current buttons still work.
    await runner.tap("Done")
    assert header(3, total, names(plan)[3]) in runner.last_text
    assert await logged() == ["done", "easy", "done"]
