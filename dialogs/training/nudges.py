"""What the coach says when a scheduled message falls due, and the reminder's buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.core import (
    Button,
    Context,
    DialogState,
    Effect,
    Reply,
    SaveProfile,
    ScheduleMessage,
    Transition,
)
from dialogs.dates import FOREVER, Forever, parse_pause
from dialogs.pain import holds, walk_run
from dialogs.parsing import parse_choice
from dialogs.profile.zones import zone_name
from dialogs.records import PainStatus, Profile
from dialogs.texts import Html, t
from dialogs.training import baseline, sessions
from dialogs.training.phases import is_session_day, week_plan
from dialogs.training.progress import streak, week_start, weekly_figures
from dialogs.vocabulary import vocabulary

WORKOUT_REMINDER = "workout_reminder"
WEEKLY_SUMMARY = "weekly_summary"
SESSION_CHECKIN = "session_checkin"
SORENESS_CHECKIN = "soreness_checkin"
REENGAGE = "reengage"
PAIN_CHECKIN = "pain_checkin"

# Kinds that recur: after one is sent (or missed), the shell writes the next occurrence.
RECURRING = (WORKOUT_REMINDER, WEEKLY_SUMMARY)
# Kinds a runner may switch off; pain check-ins are a safety net and always go.
OPTIONAL = (WORKOUT_REMINDER, SESSION_CHECKIN, SORENESS_CHECKIN, REENGAGE, WEEKLY_SUMMARY)
BUTTON_PREFIX = "n:"
QUIET_START = time(22, 0)
QUIET_END = time(7, 0)
REMINDER_VARIANTS = 5
EVENING = time(18, 30)


@dataclass(frozen=True, slots=True)
class SkipDay(Effect):
    """The runner skipped today's session on purpose: record it, drop today's snoozes."""

    day: date


def drop_reason(kind: str, payload: dict[str, Any], ctx: Context) -> str | None:
    """Why this message should not be sent now, or None to send it."""
    profile = ctx.profile
    if profile is None:
        return "no profile"
    if kind == PAIN_CHECKIN:
        return holds.checkin_drop_reason(payload, ctx)
    if profile.paused_until is not None and ctx.now < profile.paused_until:
        return "paused"
    if kind in profile.nudges_off:
        return "switched off"
    held = holds.hold_reason(ctx.pain)
    if held is not None:
        return held  # no workout, no nudges: only the pain check-in goes
    if kind in (WORKOUT_REMINDER, REENGAGE) and _trained_today(ctx):
        return "done today"
    if kind in (WORKOUT_REMINDER, REENGAGE) and _skipped_today(ctx):
        return "skipped today"
    # A snooze is the runner's own choice; the regular reminder goes only on session days.
    regular = kind == WORKOUT_REMINDER and not payload.get("snooze")
    if regular and not is_session_day(profile, ctx.today, ctx.history):
        return "not a session day"
    if kind == SESSION_CHECKIN and _finished_on(ctx, date.fromisoformat(payload["args"]["day"])):
        return "finished"
    return None


def render(
    kind: str, payload: dict[str, Any], ctx: Context
) -> tuple[tuple[Reply, ...], tuple[Effect, ...]]:
    """The messages for a due nudge that is not a dialog, and anything to schedule with it."""
    profile = ctx.profile
    assert profile is not None
    today = ctx.today
    name = ctx.first_name or "there"
    if kind == WEEKLY_SUMMARY:
        return (_weekly_summary(ctx, profile, today),), ()
    if kind == REENGAGE:
        text = t("nudges.reengage", name=name)
        return (Reply(text, _reminder_buttons(today)),), ()
    # The profile /workout builds from (the level the field tests point to), so the reminder
    # names the focus and minutes /workout will show.
    focus, minutes = sessions.session_outline(
        profile=baseline.training_profile(profile, ctx.field_tests),
        day=today,
        user_id=ctx.user_id,
        history=ctx.history,
        pain=ctx.pain,
    )
    variant = int(payload.get("n", 0)) % REMINDER_VARIANTS
    text = t(f"nudges.reminder_{variant}", focus=focus, minutes=minutes, name=name)
    plan = walk_run.reminder_line(ctx.pain)  # a return to running under way shapes the day
    if plan is not None:
        text += "\n" + plan
    effects: tuple[Effect, ...] = ()
    if int(payload.get("n", 0)) >= 2 and _missed_planned(ctx, profile, today) >= 2:
        effects = (_reengage(ctx, profile, today),)
    return (Reply(text, _reminder_buttons(today)),), effects


# A typed answer to a reminder is a few words ("not today, too tired"); a longer message, or a
# question, is about something else.
_REPLY_WORDS = 8


def typed_reminder_reply(text: str, ctx: Context) -> str | None:
    """The reminder button a short typed message stands for ("not today", "remind me later"),
    on a session day; None when it names none of them, or more than one."""
    profile = ctx.profile
    if profile is None or "?" in text or not is_session_day(profile, ctx.today, ctx.history):
        return None
    if len(text.split()) > _REPLY_WORDS:
        return None
    action = parse_choice(text, vocabulary().reminder_replies)
    return None if action is None else f"{BUTTON_PREFIX}{action}:{ctx.today.isoformat()}"


def on_button(value: str, state: DialogState | None, ctx: Context) -> Transition:
    """A tap on a reminder's snooze or skip button, at any point in any dialog."""
    action, _, day_text = value.removeprefix(BUTTON_PREFIX).rpartition(":")
    profile = ctx.profile
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        day = None
    if profile is None or day is None or action not in ("snz:h", "snz:e", "snz:t", "skip"):
        return Transition(state, (Reply(t("core.expired_idle")),))
    today = ctx.today
    if day != today:
        return Transition(state, (Reply(t("nudges.stale")),))
    if _trained_today(ctx):
        return Transition(state, (Reply(t("nudges.already_done")),))
    if action == "skip":
        return Transition(state, (Reply(t("nudges.skipped")),), (SkipDay(day),))
    held = holds.hold_line(ctx.pain)
    if held is not None:
        return Transition(state, (Reply(held),))  # a snooze would never arrive
    zone = ZoneInfo(profile.timezone)
    local_now = ctx.now.astimezone(zone)
    if action == "snz:t":
        due = datetime.combine(today + timedelta(days=1), profile.workout_time, zone)
    elif action == "snz:e" and local_now.time() < time(EVENING.hour - 1, EVENING.minute):
        due = datetime.combine(today, EVENING, zone)
    else:
        due = local_now + timedelta(hours=1)
    due = outside_quiet_hours(due, profile).astimezone(zone)
    snooze = ScheduleMessage(
        kind=WORKOUT_REMINDER,
        due=due,
        key=f"{today.isoformat()}:snooze",
        payload={"snooze": True, "n": 0},
        replace=True,
    )
    clock = due.strftime("%H:%M")
    when = t("core.today_at" if due.date() == today else "core.tomorrow_at", time=clock)
    return Transition(state, (Reply(t("nudges.snoozed", when=when)),), (snooze,))


def in_quiet_hours(local: time) -> bool:
    """Whether a local time falls in the quiet hours (22:00 to 07:00)."""
    return local >= QUIET_START or local < QUIET_END


def outside_quiet_hours(due: datetime, profile: Profile) -> datetime:
    """Move a nudge out of the quiet hours to 07:00 local; the runner's chosen time is exempt."""
    zone = ZoneInfo(profile.timezone)
    local = due.astimezone(zone)
    chosen = profile.workout_time.replace(second=0, microsecond=0)
    if not in_quiet_hours(local.time()) or local.time().replace(second=0, microsecond=0) == chosen:
        return due
    day = local.date() + timedelta(days=1) if local.time() >= QUIET_START else local.date()
    return datetime.combine(day, QUIET_END, zone)


@lru_cache(maxsize=64)
def _reminder_buttons(day: date) -> tuple[tuple[Button, ...], ...]:
    # The same for every reminder of a day; a batch of reminders shares a day or two.
    stamp = day.isoformat()
    return (
        (Button(t("nudges.button_start"), "go:workout"),),
        (
            Button(t("nudges.button_snooze_hour"), f"{BUTTON_PREFIX}snz:h:{stamp}"),
            Button(t("nudges.button_snooze_evening"), f"{BUTTON_PREFIX}snz:e:{stamp}"),
            Button(t("nudges.button_snooze_tomorrow"), f"{BUTTON_PREFIX}snz:t:{stamp}"),
        ),
        (
            Button(t("nudges.button_skip"), f"{BUTTON_PREFIX}skip:{stamp}"),
            Button(t("nudges.button_hurts"), "go:pain"),
        ),
    )


def _trained_today(ctx: Context) -> bool:
    return _finished_on(ctx, ctx.today)


def _skipped_today(ctx: Context) -> bool:
    today = ctx.today
    return any(record.day == today and record.skipped for record in ctx.history)


def _finished_on(ctx: Context, day: date) -> bool:
    return any(record.day == day and record.finished for record in ctx.history)


def _missed_planned(ctx: Context, profile: Profile, today: date) -> int:
    """Planned sessions since the last session (done or skipped on purpose), today excluded.

    A planned session is a day of its week's plan, not every day the runner chose: a runner
    who offered five days and is planned two has missed two, not five, in a quiet week.
    """
    recent = [record.day for record in ctx.history if record.finished or record.skipped]
    since = max(recent, default=today - timedelta(days=14))
    missed = 0
    for offset in range(1, (today - since).days):
        day = since + timedelta(days=offset)
        missed += day.weekday() in {d.number for d in week_plan(profile, day).days}
    return missed


def _reengage(ctx: Context, profile: Profile, today: date) -> ScheduleMessage:
    zone = ZoneInfo(profile.timezone)
    evening = datetime.combine(today, EVENING, zone)
    due = evening if evening > ctx.now else ctx.now + timedelta(hours=1)
    year, week, _ = today.isocalendar()
    return ScheduleMessage(kind=REENGAGE, due=due, key=f"{year}-W{week:02d}")


def _weekly_summary(ctx: Context, profile: Profile, today: date) -> Reply:
    figures = weekly_figures(ctx.history, profile, today)
    week = figures[-1]
    assert week.start == week_start(today)
    note = t("nudges.weekly_skipped_note", skipped=week.skipped) if week.skipped else ""
    if week.met:
        closing = t("nudges.weekly_closing_met")
    elif week.done:
        closing = t("nudges.weekly_closing_some")
    else:
        closing = t("nudges.weekly_closing_none")
    return Reply(
        t(
            "nudges.weekly_summary",
            done=week.done,
            planned=week.planned,
            skipped_note=Html(note),
            streak=streak(figures),
            closing=Html(closing),
        )
    )



# "Until /resume": far enough ahead to never arrive, and still a real timestamp in the database.
PAUSED_FOR_GOOD = datetime(2999, 1, 1, tzinfo=ZoneInfo("UTC"))


def pause(args: str, ctx: Context) -> Transition:
    """/pause, /pause 7, /pause for 2 weeks, /pause a month, /pause until christmas, /pause
    forever: hold every optional nudge."""
    if ctx.profile is None:
        return Transition(None, (Reply(t("nudges.needs_profile")),))
    race_day = ctx.profile.race_day
    span = parse_pause(args, ctx.today, race_day) if args.strip() else FOREVER
    if span is None:
        return Transition(None, (Reply(t("nudges.pause_reask")),))
    if isinstance(span, Forever):
        until, text = PAUSED_FOR_GOOD, t("nudges.paused_for_good")
    else:
        # A number of days from now, or the start of the runner's day they named.
        if isinstance(span, date):
            until = datetime.combine(span, time(0), ctx.zone)
        else:
            until = ctx.now + timedelta(days=span)
        local = until.astimezone(ctx.zone)
        text = t("nudges.paused_until", when=local.strftime("%a %d %b"))
    return Transition(None, (Reply(text),), (SaveProfile({"paused_until": until}),))


def resume(ctx: Context) -> Transition:
    """/resume: nudges come back at once; the shell says when the next one is."""
    if ctx.profile is None:
        return Transition(None, (Reply(t("nudges.needs_profile")),))
    if ctx.profile.paused_until is None or ctx.profile.paused_until <= ctx.now:
        # Not paused, yet no reminder comes while a pain holds them.
        held = holds.hold_line(ctx.pain)
        text = t("nudges.not_paused") if held is None else held
        return Transition(None, (Reply(text),))
    return Transition(None, (Reply(t("nudges.resumed")),), (SaveProfile({"paused_until": None}),))


SESSION_CHECKIN_AFTER = timedelta(hours=2)
SORENESS_CHECKIN_AT = time(8, 0)


def session_checkin(day: date, started_at: datetime) -> ScheduleMessage:
    """"How did it go?" two hours after a session was started (cancelled if it is finished)."""
    return ScheduleMessage(
        kind=SESSION_CHECKIN,
        due=started_at + SESSION_CHECKIN_AFTER,
        key=day.isoformat(),
        payload={"dialog": "checkin", "args": {"kind": "session", "day": day.isoformat()}},
    )


def soreness_checkin(day: date, timezone: str) -> ScheduleMessage:
    """The next morning after a session: any soreness, 0-10?"""
    due = datetime.combine(day + timedelta(days=1), SORENESS_CHECKIN_AT, ZoneInfo(timezone))
    return ScheduleMessage(
        kind=SORENESS_CHECKIN,
        due=due,
        key=day.isoformat(),
        payload={"dialog": "checkin", "args": {"kind": "soreness", "day": day.isoformat()}},
    )


def next_reminder_note(
    profile: Profile, pain: PainStatus | None, next_reminder: datetime | None, now: datetime
) -> tuple[Reply, ...]:
    """What to say after a profile change about the next reminder: nothing while paused, why
    none will come while a pain holds them, or when the next one is."""
    if profile.paused_until is not None and profile.paused_until > now:
        return ()
    held = holds.hold_line(pain)
    if held is not None:
        return (Reply(held),)
    if next_reminder is None:
        return (Reply(t("core.no_reminders")),)
    local = next_reminder.astimezone(ZoneInfo(profile.timezone))
    when = local.strftime("%a %d %b, %H:%M")
    return (Reply(t("core.next_reminder", when=when, timezone=zone_name(profile.timezone))),)
