"""When nudges fall due: APScheduler's cron triggers in the runner's own timezone.

CronTrigger does the calendar arithmetic, including daylight-saving changes, so a 07:30
reminder stays at 07:30 local time on both sides of a clock change.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from dialogs.records import Profile
from dialogs.training.nudges import WEEKLY_SUMMARY, WORKOUT_REMINDER

WEEKLY_SUMMARY_AT = time(19, 0)


@lru_cache(maxsize=4096)
def _cron(days: str, hour: int, minute: int, timezone: str) -> CronTrigger:
    """Runners share a few schedules; a trigger is stateless for get_next_fire_time."""
    return CronTrigger(day_of_week=days, hour=hour, minute=minute, timezone=ZoneInfo(timezone))


def next_occurrence(kind: str, profile: Profile, after: datetime) -> tuple[datetime, str] | None:
    """The next due time strictly after `after` and its occurrence key, for a recurring kind."""
    later = after + timedelta(seconds=1)
    if kind == WORKOUT_REMINDER:
        if not profile.workout_days:
            return None
        days = ",".join(day.value for day in profile.workout_days)
        at = profile.workout_time
        trigger = _cron(days, at.hour, at.minute, profile.timezone)
        due = trigger.get_next_fire_time(None, later)
        return None if due is None else (due, due.astimezone(trigger.timezone).date().isoformat())
    if kind == WEEKLY_SUMMARY:
        trigger = _cron("sun", WEEKLY_SUMMARY_AT.hour, WEEKLY_SUMMARY_AT.minute, profile.timezone)
        due = trigger.get_next_fire_time(None, later)
        if due is None:
            return None
        year, week, _ = due.astimezone(trigger.timezone).isocalendar()
        return due, f"{year}-W{week:02d}"
    raise ValueError(f"{kind} does not recur")
