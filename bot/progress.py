"""/progress in the shell: load 12 weeks, build the figures, draw the chart."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import models, repositories
from bot.charts import render_progress_png
from bot.render import CAPTION_LIMIT
from dialogs.core import Attachment, Reply
from dialogs.progress import (
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
from dialogs.texts import t

CHART_FILENAME = "progress.png"


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
    return progress_report(
        history.get(user_id, ()),
        profile,
        pain,
        today,
        # The session builder replays only this much, so the chains match the next session.
        progression_from=(now - timedelta(days=repositories.HISTORY_DAYS)).date(),
    )


async def progress_replies(session: AsyncSession, user_id: int, now: datetime) -> tuple[Reply, ...]:
    """The chart with its summary, or a friendly word when there is nothing to chart yet."""
    report = await load_report(session, user_id, now)
    if report is None:
        return (Reply(t("progress.no_profile")),)
    if not has_history(report):
        return (Reply(t("progress.no_history")),)
    # Rendering takes a moment of CPU: do it off the event loop (one Figure per call, no pyplot).
    chart = await asyncio.to_thread(render_progress_png, report)
    photo = Attachment("photo", CHART_FILENAME, chart.png)
    caption, *after = photo_texts(report, caption_limit=CAPTION_LIMIT)
    return (Reply(caption, attachment=photo), *(Reply(text) for text in after))
