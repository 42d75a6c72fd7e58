"""When nudges fall due: APScheduler's cron triggers in the runner's own timezone.

CronTrigger does the calendar arithmetic, including daylight-saving changes, so a 07:30
reminder stays at 07:30 local time on both sides of a clock change.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from dialogs.nudges import WEEKLY_SUMMARY, WORKOUT_REMINDER
from dialogs.records import Profile

WEEKLY_SUMMARY_AT = time(19, 0)


def next_occurrence(kind: str, profile: Profile, after: datetime) -> tuple[datetime, str] | None:
    """The next due time strictly after `after` and its occurrence key, for a recurring kind."""
    zone = ZoneInfo(profile.timezone)
    later = after + timedelta(seconds=1)
    if kind == WORKOUT_REMINDER:
        if not profile.workout_days:
            return None
        trigger = CronTrigger(
            day_of_week=",".join(day.value for day in profile.workout_days),
            hour=profile.workout_time.hour,
            minute=profile.workout_time.minute,
            timezone=zone,
        )
        due = trigger.get_next_fire_time(None, later)
        return None if due is None else (due, due.astimezone(zone).date().isoformat())
    if kind == WEEKLY_SUMMARY:
        trigger = CronTrigger(
            day_of_week="sun",
            hour=WEEKLY_SUMMARY_AT.hour,
            minute=WEEKLY_SUMMARY_AT.minute,
            timezone=zone,
        )
        due = trigger.get_next_fire_time(None, later)
        if due is None:
            return None
        year, week, _ = due.astimezone(zone).isocalendar()
        return due, f"{year}-W{week:02d}"
    raise ValueError(f"{kind} does not recur")
