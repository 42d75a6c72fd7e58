"""When nudges fall due: APScheduler's cron triggers in the runner's own timezone.

CronTrigger does the calendar arithmetic, including daylight-saving changes, so a 07:30
reminder stays at 07:30 local time on both sides of a clock change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from dialogs.records import Profile
from dialogs.training.nudges import WEEKLY_SUMMARY, WORKOUT_REMINDER

WEEKLY_SUMMARY_AT = time(19, 0)


@dataclass(frozen=True, slots=True)
class Schedule:
    """What a runner's recurring nudges are timed by: the profile's days, time and zone, and
    the kinds switched off. The dispatcher reads only these columns to chain a nudge."""

    workout_days: tuple[str, ...]  # Weekday values
    workout_time: time
    timezone: str
    nudges_off: frozenset[str] = frozenset()

    @staticmethod
    def of(profile: Profile) -> Schedule:
        return Schedule(
            tuple(day.value for day in profile.workout_days),
            profile.workout_time,
            profile.timezone,
            profile.nudges_off,
        )


@lru_cache(maxsize=4096)
def _cron(days: str, hour: int, minute: int, timezone: str) -> CronTrigger:
    """Runners share a few schedules; a trigger is stateless for get_next_fire_time."""
    return CronTrigger(day_of_week=days, hour=hour, minute=minute, timezone=ZoneInfo(timezone))


def next_occurrence(kind: str, profile: Profile, after: datetime) -> tuple[datetime, str] | None:
    """The next due time strictly after `after` and its occurrence key, for a recurring kind."""
    return next_scheduled(kind, Schedule.of(profile), after)


def next_scheduled(kind: str, schedule: Schedule, after: datetime) -> tuple[datetime, str] | None:
    """next_occurrence from the schedule's fields alone."""
    if kind not in (WORKOUT_REMINDER, WEEKLY_SUMMARY):
        raise ValueError(f"{kind} does not recur")
    days = schedule.workout_days if kind == WORKOUT_REMINDER else ()
    at = schedule.workout_time if kind == WORKOUT_REMINDER else WEEKLY_SUMMARY_AT
    return _next(kind, days, at, schedule.timezone, after)


@lru_cache(maxsize=4096)
def _next(
    kind: str, days: tuple[str, ...], at: time, timezone: str, after: datetime
) -> tuple[datetime, str] | None:
    # Working out a fire time costs more than the rest of chaining a nudge, and a batch of
    # reminders due the same minute shares a few schedules and one `after`.
    later = after + timedelta(seconds=1)
    if kind == WORKOUT_REMINDER:
        if not days:
            return None
        trigger = _cron(",".join(days), at.hour, at.minute, timezone)
        due = trigger.get_next_fire_time(None, later)
        return None if due is None else (due, due.astimezone(trigger.timezone).date().isoformat())
    trigger = _cron("sun", at.hour, at.minute, timezone)
    due = trigger.get_next_fire_time(None, later)
    if due is None:
        return None
    year, week, _ = due.astimezone(trigger.timezone).isocalendar()
    return due, f"{year}-W{week:02d}"
