"""Pain reports and return-to-run plans: reads and writes. They never commit: the caller's
unit of work does (as in repositories.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import models
from dialogs.pain import walk_run
from dialogs.pain.levels import CONTINUE, PainLevel
from dialogs.records import (
    ComebackPlan,
    PainRecord,
    PainStatus,
)


def add_pain_report(
    session: AsyncSession,
    user_id: int,
    *,
    key: str,
    level: str,
    reasons: Sequence[str],
    report: dict[str, Any],
    summary: str,
    locations: Sequence[str],
    source: str,
    detailed: bool,
    now: datetime,
) -> None:
    """Store a triaged report; without consent only its level and place, while it is open."""
    session.add(
        models.PainReport(
            user_id=user_id,
            key=key[:64],
            level=level,
            status="resolved" if level == CONTINUE else "open",
            locations=list(locations),
            worst=report.get("worst") if detailed else None,
            severities=[],
            reasons=list(reasons) if detailed else None,
            report=report if detailed else None,
            summary=summary[:2000] if detailed else None,
            source=source[:16],
            detailed=detailed,
            reported_at=now,
            updated_at=now,
        )
    )


async def update_pain_report(
    session: AsyncSession,
    user_id: int,
    *,
    key: str,
    level: str,
    severity: int | None,
    resolved: bool,
    now: datetime,
    reasons: Sequence[str] = (),
    advice: str | None = None,
    note: str | None = None,
    locations: Sequence[str] = (),
) -> None:
    """Record a check-in, a professional's advice or a new report for the same place; a
    resolved report without consent is forgotten altogether.

    With consent the reasons for the new level replace the old ones; a check-in that gives
    none ("seen a physio") keeps them. New places join the report's.
    """
    row = await session.scalar(
        select(models.PainReport).where(
            models.PainReport.user_id == user_id, models.PainReport.key == key
        )
    )
    if row is None:
        return
    if resolved and not row.detailed:
        await session.delete(row)
        return
    row.level = level
    row.status = "resolved" if resolved else "open"
    if severity is not None and row.detailed:
        row.severities = [*row.severities, severity]
    if reasons and row.detailed:
        row.reasons = list(reasons)
    if advice is not None:
        row.advice = advice
    if note and row.detailed:
        row.note = note[:300]
    added = [place for place in locations if place not in row.locations]
    if added:
        row.locations = [*row.locations, *added]
    row.updated_at = now


async def load_pain(
    session: AsyncSession, user_ids: Sequence[int], now: datetime | None = None
) -> dict[int, PainStatus]:
    """Each runner's open pain: the highest level, every place it is in (with those a
    return-to-run plan protects) and the plan. Given now, also the keys of reports made in
    that second, resolved ones too, so a new report's key repeats none of them."""
    second = now.replace(microsecond=0) if now is not None else None
    wanted = models.PainReport.status == "open"
    if second is not None:
        wanted = or_(wanted, models.PainReport.reported_at >= second)
    rows = await session.execute(
        select(models.PainReport)
        .where(models.PainReport.user_id.in_(set(user_ids)), wanted)
        .order_by(models.PainReport.reported_at.desc())
    )
    reports: dict[int, list[models.PainReport]] = {}
    keys: dict[int, set[str]] = {}
    for row in rows.scalars():
        if row.status == "open":
            reports.setdefault(row.user_id, []).append(row)
        if second is not None and row.reported_at >= second:
            keys.setdefault(row.user_id, set()).add(row.key)
    plans = {
        row.user_id: ComebackPlan(
            report_key=row.report_key,
            locations=tuple(row.locations),
            stage=row.stage,
            good_runs=row.good_runs,
            step_backs=row.step_backs,
            started_on=row.started_at.date(),
        )
        for row in await session.scalars(
            select(models.ComebackPlanRow).where(
                models.ComebackPlanRow.user_id.in_(set(user_ids))
            )
        )
    }
    return {
        user_id: walk_run.status(
            tuple(
                PainRecord(
                    key=row.key,
                    locations=tuple(row.locations),
                    level=PainLevel(row.level),  # the column holds a PainLevel's value
                    worst=row.worst,
                    first_reported=row.reported_at.date(),
                    severities=tuple(row.severities),
                    advice=row.advice,
                    updated_at=row.updated_at,
                )
                for row in reports.get(user_id, [])
            ),
            plans.get(user_id),
            frozenset(keys.get(user_id, ())),
        )
        for user_id in reports.keys() | plans.keys() | keys.keys()
    }


async def save_comeback(
    session: AsyncSession,
    user_id: int,
    *,
    report_key: str,
    locations: Sequence[str],
    stage: int,
    good_runs: int,
    step_backs: int,
    finished: bool,
    now: datetime,
) -> None:
    """Start or move on the runner's return-to-run plan; a finished plan is deleted."""
    row = await session.get(models.ComebackPlanRow, user_id)
    if finished:
        if row is not None:
            await session.delete(row)
        return
    if row is None or row.report_key != report_key:
        if row is not None:
            await session.delete(row)
            await session.flush()
        row = models.ComebackPlanRow(user_id=user_id, report_key=report_key, started_at=now)
        session.add(row)
    row.locations = list(locations)
    row.stage = stage
    row.good_runs = good_runs
    row.step_backs = step_backs
    row.updated_at = now
