"""The dispatcher cannot wedge: bad rows fail alone, stale claims give up, a claim taken over
is respected, long batches keep theirs, and a stop hands back what was not sent."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import utcnow
from bot.scheduling.delivery import RetryLaterError
from bot.scheduling.dispatcher import Dispatcher, Timing
from bot.storage import outbox
from bot.storage.models import ScheduledMessage
from dialogs.core import Reply
from dialogs.training import nudges
from dialogs.training.nudges import REENGAGE, SORENESS_CHECKIN, WEEKLY_SUMMARY, WORKOUT_REMINDER
from tests.conftest import FakeClock
from tests.integration.test_reminders import Recorder
from tests.support.builders import onboard

ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


async def runners_due(
    sessions: async_sessionmaker[AsyncSession], now: datetime, user_ids: range
) -> None:
    """Runners who onboarded an hour ago and whose first workout reminder fell due just now."""
    due = now - timedelta(minutes=1)
    for user_id in user_ids:
        await onboard(
            sessions,
            FakeClock(due - timedelta(hours=1)),
            user_id=user_id,
            days=ALL_DAYS,
            at=due.strftime("%H:%M"),
            timezone="UTC",
            nudges_off=[WEEKLY_SUMMARY, REENGAGE],
        )


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[ScheduledMessage]:
    async with sessions() as session:
        query = select(ScheduledMessage).order_by(ScheduledMessage.id)
        return list((await session.execute(query)).scalars())


def chats(recorder: Recorder) -> Counter[int]:
    return Counter(chat_id for chat_id, _, _ in recorder.sent)


async def test_a_row_that_fails_to_render_is_failed_alone_and_the_batch_still_goes(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await runners_due(sessions, clock.now, range(201, 204))
    async with sessions() as session, session.begin():
        # A check-in whose arguments were corrupted: the core cannot start the dialog.
        await outbox.schedule(
            session,
            user_id=202,
            kind=SORENESS_CHECKIN,
            occurrence="broken",
            due=clock.now - timedelta(seconds=90),
            payload={"dialog": "checkin", "args": ["soreness"]},
            now=clock.now,
        )
        # A session check-in exactly as the coach schedules one.
        checkin = nudges.session_checkin(date(2026, 3, 2), clock.now - timedelta(hours=3))
        await outbox.schedule(
            session,
            user_id=203,
            kind=checkin.kind,
            occurrence=checkin.key,
            due=clock.now - timedelta(seconds=30),
            payload=checkin.payload,
            now=clock.now,
        )
    recorder = Recorder(clock)
    report = await Dispatcher(sessions, recorder, clock=clock).tick()

    assert chats(recorder)[201] == chats(recorder)[202] == 1, "the good rows are sent"
    by_kind = {(row.user_id, row.kind): row for row in await rows(sessions)}
    broken = by_kind[202, SORENESS_CHECKIN]
    assert broken.status == "failed" and "TypeError" in (broken.last_error or "")
    assert by_kind[203, checkin.kind].status in ("sent", "failed"), "none is left in sending"
    assert report.failed >= 1
    async with sessions() as session:
        pending = await outbox.pending(session, 202)
    assert [row.kind for row in pending] == [WORKOUT_REMINDER], "the next reminder is on"


async def test_a_row_whose_claim_keeps_going_stale_is_failed_at_claim_time(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await runners_due(sessions, clock.now, range(301, 302))
    timing = Timing(claim_timeout=timedelta(minutes=5), max_attempts=3)
    for attempt in range(timing.max_attempts):
        # Each worker that claims it dies (say the message makes the process run out of memory).
        async with sessions() as session, session.begin():
            claimed = await outbox.claim_due(
                session,
                now=clock.now,
                worker=f"died-{attempt}",
                limit=10,
                stale_before=clock.now - timing.claim_timeout,
            )
        assert len(claimed) == 1
        clock.advance(minutes=6)

    recorder = Recorder(clock)
    report = await Dispatcher(sessions, recorder, clock=clock, timing=timing).tick()

    assert recorder.sent == [] and report.failed == 1
    first, following = await rows(sessions)
    assert first.status == "failed" and "3 claims" in (first.last_error or "")
    assert following.status == "pending", "the next occurrence is still on the calendar"


@dataclass
class Stalled:
    """A transport that hangs until released, then fails the way a network timeout does."""

    entered: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        self.entered.set()
        await self.release.wait()
        raise RetryLaterError("Timed out")


async def test_an_outcome_is_not_recorded_once_the_claim_was_taken_over(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await runners_due(sessions, clock.now, range(401, 402))
    stalled = Stalled()
    first = Dispatcher(sessions, stalled, clock=clock, worker="first")
    stalling = asyncio.create_task(first.tick())
    await asyncio.wait_for(stalled.entered.wait(), timeout=10)

    # The first worker hangs past the claim timeout; the second takes the row and sends it.
    clock.advance(minutes=6)
    recorder = Recorder(clock)
    second = Dispatcher(sessions, recorder, clock=clock, worker="second")
    assert (await second.tick()).sent == 1
    stalled.release.set()
    late = await asyncio.wait_for(stalling, timeout=10)

    assert late.retried == 0, "the first worker's retry must not undo the second's send"
    [sent, _following] = await rows(sessions)
    assert sent.status == "sent" and sent.claimed_by == "second"
    clock.advance(hours=1)
    await second.tick()
    assert chats(recorder) == {401: 1}


@dataclass
class Slow:
    """Telegram at a crawl: one message every `seconds`, one at a time."""

    seconds: float
    sent: list[int] = field(default_factory=list)
    sending: asyncio.Event = field(default_factory=asyncio.Event)

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        self.sending.set()
        await asyncio.sleep(self.seconds)
        self.sent.append(chat_id)


async def test_a_long_batch_keeps_its_claim_so_a_second_dispatcher_never_doubles_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    runners = range(501, 513)
    await runners_due(sessions, utcnow(), runners)
    # 12 rows at 0.25 s each take 3 s: longer than the 1.5 s claim timeout.
    timing = Timing(claim_timeout=timedelta(seconds=1.5), concurrency=1)
    slow, other = Slow(0.25), Slow(0)
    first = Dispatcher(sessions, slow, timing=timing, worker="first")
    second = Dispatcher(sessions, other, timing=timing, worker="second")
    sending = asyncio.create_task(first.tick())
    await asyncio.wait_for(slow.sending.wait(), timeout=10)
    while not sending.done():
        await second.tick()
        await asyncio.sleep(0.1)

    assert (await sending).sent == len(runners)
    assert other.sent == [], "the second dispatcher took rows the first was still sending"
    assert Counter(slow.sent) == dict.fromkeys(runners, 1)


@dataclass
class Crawl(Recorder):
    """A minute per message; as the last one goes out, another dispatcher ticks."""

    last: int = 0
    other: Dispatcher | None = None

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        self.clock.advance(minutes=1)
        await super().deliver(chat_id, replies, version=version)
        if len(self.sent) == self.last and self.other is not None:
            await self.other.tick()


async def test_each_batch_of_a_long_tick_is_claimed_at_its_own_time(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    runners = range(551, 557)
    await runners_due(sessions, clock.now, runners)
    # Three batches of two, a minute per message: the last batch starts 4 minutes into the
    # tick, which with the tick's start time as its claim time would look abandoned at once.
    crawl, other = Crawl(clock, last=len(runners)), Recorder(clock)
    timing = Timing(claim_timeout=timedelta(minutes=5), batch=2, concurrency=1)
    crawl.other = Dispatcher(sessions, other, clock=clock, timing=timing, worker="second")
    report = await Dispatcher(sessions, crawl, clock=clock, timing=timing, worker="first").tick()

    assert report.sent == len(runners)
    assert chats(crawl) + chats(other) == dict.fromkeys(runners, 1)


@dataclass
class StopsAfter(Recorder):
    """SIGTERM arrives while the `count`th message is on its way."""

    count: int = 0
    dispatcher: Dispatcher | None = None

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        await super().deliver(chat_id, replies, version=version)
        if len(self.sent) == self.count and self.dispatcher is not None:
            self.dispatcher.stop()


async def test_stop_finishes_what_is_in_flight_and_hands_back_the_rest(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    runners = range(601, 607)
    await runners_due(sessions, clock.now, runners)
    recorder = StopsAfter(clock, count=2)
    dispatcher = Dispatcher(sessions, recorder, clock=clock, timing=Timing(concurrency=1))
    recorder.dispatcher = dispatcher
    report = await dispatcher.tick()

    assert (report.sent, report.released) == (2, 4)
    assert (await dispatcher.tick()).sent == 0, "a stopped dispatcher claims nothing more"
    due = [row for row in await rows(sessions) if row.due_at <= clock.now]
    assert Counter(row.status for row in due) == {"sent": 2, "pending": 4}
    assert {(row.attempts, row.claimed_by) for row in due if row.status == "pending"} == {(0, None)}
    again = Recorder(clock)
    assert (await Dispatcher(sessions, again, clock=clock).tick()).sent == 4
    assert chats(recorder) + chats(again) == dict.fromkeys(runners, 1)


@dataclass
class Stalls(Recorder):
    """Telegram takes the first message at once, then stalls on the others until released
    (as it may for as long as the client's read timeout)."""

    released: asyncio.Event = field(default_factory=asyncio.Event)

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        if self.sent:
            await self.released.wait()
        await super().deliver(chat_id, replies, version=version)


async def test_a_message_telegram_took_is_recorded_while_the_others_stall(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    """Recorded within moments, not once another send ends: a crash meanwhile would send it
    again (a CI run of test_production saw this as a reminder sent twice)."""
    await runners_due(sessions, clock.now, range(701, 704))
    telegram = Stalls(clock)
    tick = asyncio.create_task(Dispatcher(sessions, telegram, clock=clock).tick())
    try:
        for _ in range(100):
            due = Counter(row.status for row in await rows(sessions) if row.due_at <= clock.now)
            if due["sent"]:
                break
            await asyncio.sleep(0.02)
        assert due == {"sent": 1, "sending": 2}
    finally:
        telegram.released.set()
        report = await tick
    assert report.sent == 3
    assert chats(telegram) == dict.fromkeys(range(701, 704), 1)
