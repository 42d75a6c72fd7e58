"""/progress in the shell: load 12 weeks and build the figures in the update's transaction,
then draw the chart after it has committed (bot/coach.py calls draw_charts)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.charts import render_field_tests_png, render_progress_png
from bot.render import CAPTION_LIMIT
from bot.storage import field_tests, models, repositories
from dialogs.core import Attachment, Reply
from dialogs.records import FieldTestResult
from dialogs.texts import t
from dialogs.training.progress import (
    WEEKS,
    PainPoint,
    ProgressReport,
    has_history,
    local_day,
    photo_texts,
    progress_report,
    report_points,
    week_start,
)

CHART_FILENAME = "progress.png"
TESTS_CHART_FILENAME = "field_tests.png"


@dataclass(frozen=True, slots=True)
class ChartToDraw(Attachment):
    """The chart as figures, until draw_charts draws it: drawing takes a moment of CPU, which
    the database connection and the runner's row lock must not wait for."""

    report: ProgressReport


@dataclass(frozen=True, slots=True)
class TestsChartToDraw(Attachment):
    """The field tests chart as figures, drawn after the transaction as the other one is."""

    results: tuple[FieldTestResult, ...]


async def pain_points(
    session: AsyncSession, user_id: int, *, since: datetime, timezone: str
) -> tuple[PainPoint, ...]:
    """Pain scores over time from every report, open or resolved, touching the period."""
    rows = await session.execute(
        select(models.PainReport)
        .where(
            models.PainReport.user_id == user_id,
            or_(models.PainReport.reported_at >= since, models.PainReport.updated_at >= since),
        )
        .order_by(models.PainReport.reported_at)
    )
    return tuple(
        point
        for row in rows.scalars()
        for point in report_points(
            reported_at=row.reported_at,
            updated_at=row.updated_at,
            worst=row.worst,
            severities=row.severities,
            level=row.level,
            timezone=timezone,
        )
    )


async def load_report(session: AsyncSession, user_id: int, now: datetime) -> ProgressReport | None:
    """The runner's last 12 weeks as figures; None before they have a profile."""
    profile = await repositories.get_profile(session, user_id)
    if profile is None:
        return None
    today = local_day(now, profile.timezone)
    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    history = await repositories.load_history(session, [user_id], since=first)
    since = datetime.combine(first, time(0), ZoneInfo(profile.timezone))
    pain = await pain_points(session, user_id, since=since, timezone=profile.timezone)
    tests = await field_tests.load_field_tests(session, [user_id])
    return progress_report(
        history.get(user_id, ()),
        profile,
        pain,
        today,
        # The session builder replays only this much, so the chains match the next session.
        progression_from=(now - timedelta(days=repositories.HISTORY_DAYS)).date(),
        tests=tests.get(user_id, ()),
    )


async def progress_replies(session: AsyncSession, user_id: int, now: datetime) -> tuple[Reply, ...]:
    """The chart with its summary, or a friendly word when there is nothing to chart yet."""
    report = await load_report(session, user_id, now)
    if report is None:
        return (Reply(t("progress.no_profile")),)
    if not has_history(report):
        return (Reply(t("progress.no_history")),)
    chart = ChartToDraw("photo", CHART_FILENAME, b"", report)
    caption, *after = photo_texts(report, caption_limit=CAPTION_LIMIT)
    replies = [Reply(caption, attachment=chart), *(Reply(text) for text in after)]
    if report.tests:
        tests = TestsChartToDraw("photo", TESTS_CHART_FILENAME, b"", report.tests)
        replies.append(Reply(t("field_tests.chart_caption"), attachment=tests))
    return tuple(replies)


async def draw_charts(replies: tuple[Reply, ...]) -> tuple[Reply, ...]:
    """The replies with every chart drawn; call it after the transaction has ended."""
    drawn = []
    for reply in replies:
        if isinstance(reply.attachment, ChartToDraw):
            # Off the event loop too: one Figure per call and no pyplot, so threads are safe.
            chart = await asyncio.to_thread(render_progress_png, reply.attachment.report)
            reply = replace(reply, attachment=Attachment("photo", CHART_FILENAME, chart.png))
        elif isinstance(reply.attachment, TestsChartToDraw):
            drawn_tests = await asyncio.to_thread(
                render_field_tests_png, reply.attachment.results
            )
            picture = Attachment("photo", TESTS_CHART_FILENAME, drawn_tests.png)
            reply = replace(reply, attachment=picture)
        drawn.append(reply)
    return tuple(drawn)
