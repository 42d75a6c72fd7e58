"""/progress on a real database: six weeks of sessions and pain give the right chart and text."""

from __future__ import annotations

import asyncio
import struct
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import effects
from bot.charts import SIZE_PX, render_field_tests_png, render_progress_png
from bot.coach import Coach, Sender
from bot.progress import (
    CHART_FILENAME,
    TESTS_CHART_FILENAME,
    draw_charts,
    load_report,
    progress_replies,
)
from bot.storage import field_tests, pain_records, repositories
from dialogs.core import CommandReceived, TextReceived
from dialogs.records import ExerciseResult, FieldTestResult, Outcome
from dialogs.texts import t
from dialogs.training.nudges import SkipDay
from dialogs.training.progress import summary_text
from tests.support.builders import runner_fields

RUNNER = 301
OTHER = 302
ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 18, 16, 0, tzinfo=UTC)  # Wednesday noon in New York
FIRST_MONDAY = date(2026, 2, 9)  # six weeks up to this one
PROFILE = runner_fields(timezone="America/New_York")
MISSED = {date(2026, 2, 20), date(2026, 3, 4), date(2026, 3, 18)}
SKIPPED = {date(2026, 2, 23)}
# What each finished session logged; the rest log a skipped exercise, which moves nothing.
LOGGED = {
    date(2026, 2, 9): ("glute_bridge", Outcome.EASY),
    date(2026, 2, 11): ("glute_bridge", Outcome.EASY),  # two easy in a row: banded bridge next
    date(2026, 2, 13): ("clamshell", Outcome.HARD),  # bottom of its chain: one set fewer
}


def at(day: date, hour: int = 7, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)


async def add_runner(session: AsyncSession, user_id: int) -> None:
    await repositories.ensure_user(
        session, user_id=user_id, chat_id=user_id, first_name="Sam", now=at(FIRST_MONDAY)
    )
    await repositories.save_profile(session, user_id, PROFILE, at(FIRST_MONDAY))


async def train(session: AsyncSession, user_id: int, day: date) -> None:
    exercise, outcome = LOGGED.get(day, ("squat", Outcome.SKIPPED))
    repositories.start_session(
        session, user_id, day=day, started_at=at(day), focus="Glutes", plan=[exercise]
    )
    result = ExerciseResult(exercise_id=exercise, outcome=outcome, sets=2, reps=12)
    await repositories.log_exercise(session, user_id, day, result, at(day, 7, 45))
    await repositories.finish_session(session, user_id, day, at(day, 7, 55))


def report_pain(
    session: AsyncSession, user_id: int, key: str, *, level: str, worst: int, when: datetime
) -> None:
    pain_records.add_pain_report(
        session,
        user_id,
        key=key,
        level=level,
        reasons=["test"],
        report={"worst": worst},
        summary="Outer right knee",
        locations=["knee_outside"],
        source="command",
        detailed=True,
        now=when,
    )


async def six_weeks(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        await add_runner(session, RUNNER)
        for offset in range(6 * 7):
            day = FIRST_MONDAY + timedelta(days=offset)
            if day.weekday() not in (0, 2, 4) or day in MISSED or day > NOW.date():
                continue
            if day in SKIPPED:
                uow = effects.UnitOfWork(session, RUNNER, at(day, 7, 0))
                await effects.apply(SkipDay(day), uow)
            else:
                await train(session, RUNNER, day)
        # A knee report in the week of 16 Feb, checked in on twice, then better.
        report_pain(session, RUNNER, "knee", level="modify", worst=6, when=at(date(2026, 2, 17)))
        await session.flush()
        for day, severity, resolved in (
            (date(2026, 2, 19), 4, False),
            (date(2026, 2, 21), 2, True),
        ):
            await pain_records.update_pain_report(
                session,
                RUNNER,
                key="knee",
                level="modify",
                severity=severity,
                resolved=resolved,
                now=at(day, 18),
            )
        # A mild niggle on 3 Mar (Tuesday) evening, already 4 Mar in UTC.
        report_pain(
            session, RUNNER, "calf", level="continue", worst=3, when=at(date(2026, 3, 3), 21)
        )
        # Long before the twelve weeks: not shown.
        report_pain(session, RUNNER, "old", level="physio", worst=9, when=at(date(2025, 11, 3)))
        # Another runner's data stays theirs.
        await add_runner(session, OTHER)
        await train(session, OTHER, date(2026, 3, 16))
        report_pain(session, OTHER, "hip", level="physio", worst=8, when=at(date(2026, 3, 10)))


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


async def test_six_weeks_give_the_chart_and_summary(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await six_weeks(sessions)
    async with sessions() as session:
        report = await load_report(session, RUNNER, NOW)
        replies = await draw_charts(await progress_replies(session, RUNNER, NOW))
    assert report is not None
    assert report.weeks[6].start == FIRST_MONDAY
    assert [w.done for w in report.weeks] == [0] * 6 + [3, 2, 2, 2, 3, 1]
    assert [w.skipped for w in report.weeks] == [0] * 8 + [1, 0, 0, 0]
    assert report.pain == (None,) * 7 + (6, None, 3, None, None)
    # Two sessions a week is the plan (dialogs/training/phases.py): five weeks met so far.
    assert (report.streak, report.best_streak, report.pain_reports) == (5, 5, 2)
    assert [(c.chain_id, c.current, c.step, c.steps) for c in report.chains] == [
        ("glute_bridge", "Banded glute bridge", 2, 6),
        ("clamshell", "Side-lying clamshell", 1, 2),
    ]

    chart = render_progress_png(report)
    assert chart.done == (0,) * 6 + (3, 2, 2, 2, 3, 1)
    assert chart.skipped == (0,) * 8 + (1, 0, 0, 0)
    assert chart.planned == 2
    assert chart.pain == ((7, 6), (9, 3))
    assert chart.labels[6:] == ("9 Feb", "16 Feb", "23 Feb", "2 Mar", "9 Mar", "16 Mar")

    (reply,) = replies
    assert reply.attachment is not None
    assert (reply.attachment.kind, reply.attachment.filename) == ("photo", CHART_FILENAME)
    assert png_size(reply.attachment.content) == (SIZE_PX, SIZE_PX)
    assert reply.text == summary_text(report)
    for line in (
        "Sessions done: 13 · skipped on purpose: 1",
        "This week: 1 of 2 so far",
        "Weeks on plan in a row: 5 (best: 5)",
        "Sessions per week since 9 Feb: 3, 2, 2, 2, 3, 1",
        "• Glute bridge → Banded glute bridge (2 of 6)",
        "Worst score by week: 16 Feb 6/10 · 2 Mar 3/10",
    ):
        assert line in reply.text


async def test_no_history_gets_a_friendly_word_and_no_chart(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await add_runner(session, RUNNER)
        await repositories.ensure_user(
            session, user_id=OTHER, chat_id=OTHER, first_name="Kim", now=NOW
        )
    async with sessions() as session:
        fresh = await progress_replies(session, RUNNER, NOW)
        unknown = await progress_replies(session, OTHER, NOW)
    assert [(r.text, r.attachment) for r in fresh] == [(t("progress.no_history"), None)]
    assert [(r.text, r.attachment) for r in unknown] == [(t("progress.no_profile"), None)]


async def test_the_chart_is_drawn_after_the_transaction_has_committed(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await six_weeks(sessions)
    coach = Coach(sessions, clock=lambda: NOW)
    sender = Sender(user_id=RUNNER, chat_id=RUNNER, first_name="Sam")
    chart = asyncio.create_task(coach.handle(sender, CommandReceived("progress")))
    hello = asyncio.create_task(coach.handle(sender, TextReceived("hello")))
    done, _ = await asyncio.wait({chart, hello}, return_when=asyncio.FIRST_COMPLETED)
    # /progress took the runner's row (and, on SQLite, the one connection) first; the next
    # input waits only for the figures to load, not for the chart to be drawn.
    assert done == {hello}
    (reply,) = (await chart).replies
    assert reply.attachment is not None and reply.attachment.filename == CHART_FILENAME
    assert png_size(reply.attachment.content) == (SIZE_PX, SIZE_PX)


async def test_field_tests_get_their_own_chart_and_lines(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await six_weeks(sessions)
    first, latest = date(2026, 2, 9), date(2026, 3, 16)
    async with sessions() as session, session.begin():
        for day, bridge in ((first, (12, 10)), (latest, (20, 18))):
            results = [
                FieldTestResult(day=day, test="bridge", side="left", value=bridge[0]),
                FieldTestResult(day=day, test="bridge", side="right", value=bridge[1]),
                FieldTestResult(day=day, test="side_plank", side="left", value=40),
            ]
            await field_tests.save_field_tests(session, RUNNER, day, results, at(day))
        # A retake the same day replaces that day's results.
        retake = [FieldTestResult(day=latest, test="bridge", side="left", value=22)]
        await field_tests.save_field_tests(session, RUNNER, latest, retake, at(latest, 9))
    async with sessions() as session:
        report = await load_report(session, RUNNER, NOW)
        replies = await draw_charts(await progress_replies(session, RUNNER, NOW))
    assert report is not None
    assert {(r.day, r.test, r.side, r.value) for r in report.tests} == {
        (first, "bridge", "left", 12),
        (first, "bridge", "right", 10),
        (first, "side_plank", "left", 40),
        (latest, "bridge", "left", 22),
    }
    summary, tests = replies
    assert "<b>Field tests</b> · first → latest of 2 test days" in summary.text
    assert "• Single-leg bridge: L 12 reps → 22 reps" in summary.text
    assert tests.attachment is not None
    assert (tests.attachment.kind, tests.attachment.filename) == ("photo", TESTS_CHART_FILENAME)
    assert png_size(tests.attachment.content) == (SIZE_PX, SIZE_PX)
    chart = render_field_tests_png(report.tests)
    assert chart.series[("bridge", "left")] == (12, 22)
    assert chart.series[("bridge", "right")] == (10,)
    assert chart.series[("side_plank", "left")] == (40,)
    assert chart.series[("calf_raise", "left")] == ()
