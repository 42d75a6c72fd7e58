"""Field test results: saving a test day and loading them for the core and /progress.

Like the other repositories, these never commit: the caller's unit of work does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import FieldTestRow
from dialogs.records import FieldTest, FieldTestResult, Side


async def save_field_tests(
    session: AsyncSession,
    user_id: int,
    day: date,
    results: Sequence[FieldTestResult],
    now: datetime,
) -> None:
    """Store one day's results; a retake the same day replaces that day's."""
    await session.execute(
        delete(FieldTestRow).where(FieldTestRow.user_id == user_id, FieldTestRow.day == day)
    )
    session.add_all(
        FieldTestRow(
            user_id=user_id,
            day=day,
            test=result.test.value,
            side=result.side.value,
            value=result.value,
            at=now,
        )
        for result in results
    )


async def load_field_tests(
    session: AsyncSession, user_ids: Sequence[int]
) -> dict[int, tuple[FieldTestResult, ...]]:
    """Every runner's results, most recent day first, in one query."""
    rows = await session.scalars(
        select(FieldTestRow)
        .where(FieldTestRow.user_id.in_(user_ids))
        .order_by(FieldTestRow.day.desc(), FieldTestRow.id)
    )
    results: dict[int, list[FieldTestResult]] = {}
    for row in rows:
        results.setdefault(row.user_id, []).append(
            FieldTestResult(
                day=row.day, test=FieldTest(row.test), side=Side(row.side), value=row.value
            )
        )
    return {user_id: tuple(found) for user_id, found in results.items()}
