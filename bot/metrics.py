"""What a monitoring system scrapes from /metrics (Prometheus text format).

Counts, times and statuses only: no label ever holds a runner's id, words, profile or pain
details, nor the bot token (a Bot API method is the last part of the request's URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram
from prometheus_client import generate_latest as _generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import OutboxStatus, ScheduledMessage

__all__ = ["CONTENT_TYPE_LATEST", "render"]

UPDATES = Counter(
    "coach_updates",
    "Telegram updates handled, by kind (message, callback_query...) and outcome",
    ["kind", "outcome"],
)
HANDLING = Histogram(
    "coach_update_handling_seconds",
    "Time from taking an update to finishing its handlers, replies included",
    ["kind"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
BOT_API = Counter(
    "coach_bot_api_requests",
    "Requests to the Telegram Bot API, by method and HTTP status ('error': no answer)",
    ["method", "status"],
)
OUTBOX = Gauge(
    "coach_outbox_messages",
    "Scheduled messages in the database, by status (read when /metrics is scraped)",
    ["status"],
)
LATENESS = Histogram(
    "coach_reminder_lateness_seconds",
    "How long after it fell due a scheduled message was sent",
    buckets=(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200),
)
VERDICTS = Counter(
    "coach_triage_verdicts",
    "Pain triage verdicts by level; stage 'first' for a new report, 'followup' for a check-in",
    ["level", "stage"],
)
WEBHOOK = Counter(
    "coach_webhook_requests",
    "Requests to the webhook route, by the HTTP status answered",
    ["status"],
)

_METHOD = re.compile(r"[A-Za-z]{1,64}")


def bot_api_call(url: str, status: int | str) -> None:
    """Count one Bot API request. The URL holds the token: only its last segment, when it is
    a method name, becomes a label (file downloads count as 'file')."""
    last = url.rsplit("/", 1)[-1]
    BOT_API.labels(method=last if _METHOD.fullmatch(last) else "file", status=str(status)).inc()


def reminders_sent(due_times: Iterable[datetime], now: datetime) -> None:
    for due in due_times:
        # SQLite hands back naive datetimes; every time the coach stores is UTC.
        aware = due if due.tzinfo is not None else due.replace(tzinfo=UTC)
        LATENESS.observe(max(0.0, (now - aware).total_seconds()))


def verdict(level: str, *, stage: str) -> None:
    VERDICTS.labels(level=level, stage=stage).inc()


async def refresh_outbox(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Read the scheduled messages' counts by status into OUTBOX (one GROUP BY)."""
    async with sessions() as session:
        rows = await session.execute(
            select(ScheduledMessage.status, func.count()).group_by(ScheduledMessage.status)
        )
        counts: dict[str, int] = dict(rows.tuples().all())
    for status in OutboxStatus:
        OUTBOX.labels(status=status.value).set(counts.get(status.value, 0))


def render() -> bytes:
    """Every metric of this process, in the Prometheus text format."""
    return _generate_latest(REGISTRY)
