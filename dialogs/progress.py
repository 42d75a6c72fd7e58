"""Figures about a runner's training, shared by /progress and the weekly summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dialogs.records import Profile, SessionRecord


def local_day(now: datetime, timezone: str) -> date:
    """The runner's calendar day at this instant."""
    return now.astimezone(ZoneInfo(timezone)).date()


def week_start(day: date) -> date:
    """Monday of the ISO week holding day."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """One ISO week: sessions planned, finished and skipped."""

    start: date
    planned: int
    done: int
    skipped: int

    @property
    def met(self) -> bool:
        return self.planned > 0 and self.done >= self.planned


def weekly_figures(
    history: Sequence[SessionRecord], profile: Profile, today: date, *, weeks: int = 12
) -> tuple[WeekFigures, ...]:
    """The last `weeks` ISO weeks, oldest first, ending with the current one."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    done: dict[date, set[date]] = {}
    skipped: dict[date, set[date]] = {}
    for record in history:
        if record.day < first:
            continue
        bucket = skipped if record.skipped else done if record.finished else None
        if bucket is not None:
            bucket.setdefault(week_start(record.day), set()).add(record.day)
    planned = len(profile.workout_days)
    return tuple(
        WeekFigures(
            start=start,
            planned=planned,
            done=len(done.get(start, ())),
            skipped=len(skipped.get(start, set()) - done.get(start, set())),
        )
        for start in (first + timedelta(weeks=i) for i in range(weeks))
    )


def streak(figures: Sequence[WeekFigures]) -> int:
    """Consecutive weeks meeting the plan, counting back from the latest; the current week
    counts once it is met and does not break the streak while still under way."""
    count = 0
    for index, week in enumerate(reversed(figures)):
        if week.met:
            count += 1
        elif index > 0:
            break
    return count
