"""Reminders and check-ins on a real database with an injected clock (time travel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.coach import Coach, Sender
from bot.scheduling.delivery import RetryLaterError, RunnerBlockedError
from bot.scheduling.dispatcher import Dispatcher, Timing
from bot.storage import outbox
from bot.storage.models import ScheduledMessage, User
from dialogs.core import ButtonPressed, CommandReceived, Reply, SaveProfile, TextReceived
from dialogs.texts import t
from dialogs.training.nudges import REENGAGE, WEEKLY_SUMMARY, WORKOUT_REMINDER
from tests.conftest import FakeClock
from tests.support.builders import RUNNER, onboard


@dataclass
class Recorder:
    """The transport boundary: what would have gone to Telegram, and when."""

    clock: FakeClock
    sent: list[tuple[int, tuple[Reply, ...], datetime]] = field(default_factory=list)
    fail_with: BaseException | None = None

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((chat_id, replies, self.clock.now))


async def next_due(sessions: async_sessionmaker[AsyncSession]) -> datetime | None:
    async with sessions() as session:
        return await session.scalar(
            select(func.min(ScheduledMessage.due_at)).where(ScheduledMessage.status == "pending")
        )


async def run_until(
    dispatcher: Dispatcher,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    end: datetime,
) -> None:
    """Jump from one due time to the next, ticking as the JobQueue would."""
    for _ in range(1000):
        due = await next_due(sessions)
        if due is None or due > end:
            break
        clock.now = max(clock.now, due + timedelta(seconds=3))
        await dispatcher.tick()
    clock.now = max(clock.now, end)


def local_times(recorder: Recorder, timezone: str) -> list[datetime]:
    return [at.astimezone(ZoneInfo(timezone)) for _, _, at in recorder.sent]


@pytest.mark.parametrize(
    ("timezone", "start", "end"),
    [
        ("Europe/London", date(2026, 3, 23), date(2026, 4, 4)),  # clocks go forward 29 Mar
        ("Europe/London", date(2026, 10, 19), date(2026, 10, 31)),  # clocks go back 25 Oct
        ("America/New_York", date(2026, 3, 2), date(2026, 3, 14)),  # forward 8 Mar
        ("America/New_York", date(2026, 10, 26), date(2026, 11, 7)),  # back 1 Nov
        ("Australia/Sydney", date(2026, 3, 30), date(2026, 4, 11)),  # back 5 Apr
        ("Australia/Sydney", date(2026, 9, 28), date(2026, 10, 10)),  # forward 4 Oct
    ],
)
async def test_reminders_stay_at_local_time_across_clock_changes(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    timezone: str,
    start: date,
    end: date,
) -> None:
    zone = ZoneInfo(timezone)
    clock.now = datetime.combine(start, datetime.min.time(), zone).astimezone(UTC)
    await onboard(sessions, clock, timezone=timezone, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime.combine(end, datetime.min.time(), zone))

    times = local_times(recorder, timezone)
    assert [t.strftime("%a %H:%M") for t in times] == [
        f"{day} 07:30" for day in ["Mon", "Wed", "Fri"] * 2
    ]
    assert len({t.date() for t in times}) == len(times)  # never twice a day
    offsets = {t.utcoffset() for t in times}
    assert len(offsets) == 2, "the window should span a clock change"


async def test_reminder_names_the_session_focus_and_offers_the_buttons(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await onboard(sessions, clock)
    recorder = Recorder(clock)
    await run_until(
        Dispatcher(sessions, recorder, clock=clock), sessions, clock, clock.now + timedelta(days=7)
    )
    sent_at = [
        at.astimezone(ZoneInfo("Europe/London")).strftime("%a %d %H:%M")
        for _, replies, at in recorder.sent
        if replies[0].buttons
    ]
    assert sent_at == ["Wed 04 07:30", "Fri 06 07:30", "Mon 09 07:30"], "each once, on time"
    reminders = [replies[0] for _, replies, _ in recorder.sent if replies[0].buttons]
    # Start, snooze (an hour, this evening, tomorrow), skip that day, or report pain.
    assert [[button.value for button in row] for row in reminders[0].buttons] == [
        ["go:workout"],
        ["n:snz:h:2026-03-04", "n:snz:e:2026-03-04", "n:snz:t:2026-03-04"],
        ["n:skip:2026-03-04", "go:pain"],
    ]
    # The wording rotates: consecutive reminders do not repeat the same sentence.
    texts = [reply.text.splitlines()[0] for reply in reminders]
    assert all(a != b for a, b in pairwise(texts))


async def test_weekly_summary_on_sunday_evening_local(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await onboard(sessions, clock, timezone="America/New_York", nudges_off=[WORKOUT_REMINDER])
    recorder = Recorder(clock)
    await run_until(
        Dispatcher(sessions, recorder, clock=clock), sessions, clock, clock.now + timedelta(days=15)
    )
    times = local_times(recorder, "America/New_York")
    assert [t.strftime("%a %H:%M") for t in times] == ["Sun 19:00", "Sun 19:00"]
    # Two strength sessions a week is the plan by default (issue 11), on any three chosen days.
    assert "0 of 2" in recorder.sent[0][1][0].text


async def test_pause_holds_reminders_and_resume_brings_them_back(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    coach = Coach(sessions, clock=clock)
    runner = Sender(RUNNER, RUNNER, "Sam")
    paused = await coach.handle(runner, CommandReceived("pause", "for 7 days"))
    assert "paused until" in paused.replies[0].text.lower()
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, clock.now + timedelta(days=7))
    assert recorder.sent == []
    await run_until(dispatcher, sessions, clock, clock.now + timedelta(days=7))
    assert len(recorder.sent) == 3

    await coach.handle(runner, CommandReceived("pause"))
    await run_until(dispatcher, sessions, clock, clock.now + timedelta(days=7))
    assert len(recorder.sent) == 3
    resumed = await coach.handle(runner, CommandReceived("resume"))
    assert any("Next reminder" in reply.text for reply in resumed.replies)
    await run_until(dispatcher, sessions, clock, clock.now + timedelta(days=7))
    assert len(recorder.sent) == 6


async def test_snooze_moves_out_of_quiet_hours_and_fires_once(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # a Monday
    await onboard(sessions, clock, at="21:30", nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 2, 21, 31, tzinfo=UTC))
    assert [t.strftime("%H:%M") for t in local_times(recorder, "Europe/London")] == ["21:30"]

    coach = Coach(sessions, clock=clock)
    runner = Sender(RUNNER, RUNNER, "Sam")
    snoozed = await coach.handle(runner, ButtonPressed("n:snz:h:2026-03-02"))
    assert "tomorrow at 07:00" in snoozed.replies[0].text
    again = await coach.handle(runner, ButtonPressed("n:snz:h:2026-03-02"))  # double tap
    assert "tomorrow at 07:00" in again.replies[0].text
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 3, 12, 0, tzinfo=UTC))
    times = [t.strftime("%a %H:%M") for t in local_times(recorder, "Europe/London")]
    assert times == ["Mon 21:30", "Tue 07:00"]


async def test_no_reminder_on_a_day_already_done_or_skipped(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday, before the 07:30 reminder
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    coach = Coach(sessions, clock=clock)
    runner = Sender(RUNNER, RUNNER, "Sam")
    skipped = await coach.handle(runner, ButtonPressed("n:skip:2026-03-02"))
    assert "Skipped" in skipped.replies[0].text
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 3, 0, 0, tzinfo=UTC))
    assert recorder.sent == []
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 5, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a") for t in local_times(recorder, "Europe/London")] == ["Wed"]


async def test_old_reminder_buttons_are_stale(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await onboard(sessions, clock)
    coach = Coach(sessions, clock=clock)
    handled = await coach.handle(Sender(RUNNER, RUNNER, "Sam"), ButtonPressed("n:snz:h:2026-02-01"))
    assert "earlier day" in handled.replies[0].text
    forged = await coach.handle(Sender(RUNNER, RUNNER, "Sam"), ButtonPressed("n:snz:zz:nonsense"))
    assert "expired" in forged.replies[0].text


async def test_after_downtime_due_messages_within_grace_are_sent_once_and_older_ones_missed(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # Monday
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    recorder = Recorder(clock)
    dispatcher = Dispatcher(
        sessions, recorder, clock=clock, timing=Timing(grace=timedelta(hours=2))
    )
    clock.now = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)  # down through Monday 07:30, back at 08:30
    report = await dispatcher.tick()
    assert report.sent == 1 and report.missed == 0
    clock.now = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # down through Wednesday 07:30 by 2.5 h
    report = await dispatcher.tick()
    assert report.sent == 0 and report.missed == 1
    await dispatcher.tick()
    assert len(recorder.sent) == 1
    # A missed reminder is simply followed by the next one.
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 7, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a") for t in local_times(recorder, "Europe/London")] == ["Mon", "Fri"]


async def test_a_claim_whose_worker_died_is_taken_over_after_the_timeout(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 7, 31, tzinfo=UTC)
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    clock.now = datetime(2026, 3, 2, 7, 31, tzinfo=UTC)
    async with sessions() as session, session.begin():
        await session.execute(
            ScheduledMessage.__table__.update().values(due_at=clock.now - timedelta(minutes=1))
        )
        died = await outbox.claim_due(
            session, now=clock.now, worker="dead", limit=10, stale_before=clock.now
        )
    assert len(died) == 1
    recorder = Recorder(clock)
    timing = Timing(claim_timeout=timedelta(minutes=5))
    dispatcher = Dispatcher(sessions, recorder, clock=clock, timing=timing, worker="alive")
    assert (await dispatcher.tick()).sent == 0
    clock.advance(minutes=6)
    assert (await dispatcher.tick()).sent == 1
    assert (await dispatcher.tick()).sent == 0


async def test_blocked_runner_is_deactivated_until_they_start_again(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    await onboard(sessions, clock)
    recorder = Recorder(
        clock, fail_with=RunnerBlockedError("Forbidden: bot was blocked by the user")
    )
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    async with sessions() as session:
        user = await session.get(User, RUNNER)
        assert user is not None and not user.active
        assert await outbox.pending(session, RUNNER) == []
    recorder.fail_with = None
    await Coach(sessions, clock=clock).handle(
        Sender(RUNNER, RUNNER, "Sam"), CommandReceived("start")
    )
    async with sessions() as session:
        user = await session.get(User, RUNNER)
        assert user is not None and user.active
        assert {row.kind for row in await outbox.pending(session, RUNNER)} == {
            WORKOUT_REMINDER,
            WEEKLY_SUMMARY,
        }


async def test_transient_errors_are_retried_with_backoff_then_marked_failed(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    clock.now = datetime(2026, 3, 2, 7, 31, tzinfo=UTC)
    recorder = Recorder(clock, fail_with=RetryLaterError("Bad Gateway"))
    dispatcher = Dispatcher(sessions, recorder, clock=clock, timing=Timing(max_attempts=3))
    reports = []
    for _ in range(3):
        reports.append(await dispatcher.tick())
        clock.advance(minutes=10)
    assert [(r.retried, r.failed) for r in reports] == [(1, 0), (1, 0), (0, 1)]
    async with sessions() as session:
        query = select(ScheduledMessage).where(ScheduledMessage.kind == WORKOUT_REMINDER)
        row = (await session.execute(query.order_by(ScheduledMessage.id))).scalars().first()
        assert (
            row is not None and row.status == "failed" and "Bad Gateway" in (row.last_error or "")
        )
        # The next occurrence is still on the calendar.
        assert [r.occurrence for r in await outbox.pending(session, RUNNER)] == ["2026-03-04"]


async def test_schedule_change_reschedules_at_once_and_never_repeats_a_sent_day(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY, REENGAGE])
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    assert len(recorder.sent) == 1
    # Later the same Monday the runner moves their time to the evening: no second Monday nudge.
    async with sessions() as session, session.begin():
        replies = await effects.apply(
            SaveProfile({"workout_time": "18:00"}), effects.UnitOfWork(session, RUNNER, clock.now)
        )
    assert "Wed 04 Mar, 18:00" in replies[0].text
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 5, 0, 0, tzinfo=UTC))
    times = [t.strftime("%a %H:%M") for t in local_times(recorder, "Europe/London")]
    assert times == ["Mon 07:30", "Wed 18:00"]


async def test_re_engagement_after_two_missed_sessions_at_most_once_a_week(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    clock.now = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # Monday
    await onboard(sessions, clock, nudges_off=[WEEKLY_SUMMARY])
    recorder = Recorder(clock)
    dispatcher = Dispatcher(sessions, recorder, clock=clock)
    await run_until(dispatcher, sessions, clock, datetime(2026, 3, 16, 0, 0, tzinfo=UTC))
    nudges = [
        (at.astimezone(ZoneInfo("Europe/London")).strftime("%a %d %H:%M"), replies[0].text)
        for _, replies, at in recorder.sent
    ]
    gentle = [when for when, text in nudges if "couple of sessions" in text]
    # Missed Mon and Wed; Friday evening brings one nudge, and the next week one more.
    assert gentle == ["Fri 06 18:30", "Mon 09 18:30"]
    assert len(nudges) - len(gentle) == 6


async def test_an_update_redelivered_after_a_crash_is_applied_once(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    coach = Coach(sessions, clock=clock)
    runner = Sender(RUNNER, RUNNER, "Sam")
    await coach.handle(runner, CommandReceived("start"), update_id=10)
    first = await coach.handle(runner, ButtonPressed("goal:faster"), update_id=11)
    assert [reply.text for reply in first.replies] == [t("onboarding.ask.race")]
    again = await coach.handle(runner, ButtonPressed("goal:faster"), update_id=11)
    assert again.replies == ()
    # Ids restart at random after a quiet week: a lower, unseen id is still handled.
    later = await coach.handle(runner, TextReceived("no race"), update_id=3)
    assert [reply.text for reply in later.replies] == [
        t("onboarding.ack.no_race") + "\n" + t("onboarding.ask.experience")
    ]
