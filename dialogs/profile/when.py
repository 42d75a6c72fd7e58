"""The questions about when: workout days, reminder time (with "morning or evening?" after a
bare hour) and long or hard run days."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import time
from typing import Any

from dialogs.core import Button, ButtonPressed, Context, UserInput
from dialogs.parsing import AmbiguousTime, parse_choice, parse_days, parse_time
from dialogs.profile.base import (
    Answered,
    Asked,
    FollowUp,
    Reading,
    Rows,
    choice,
    day_list,
    in_order,
    pressed,
    rows,
    ticks,
    toggled,
    typed,
)
from dialogs.texts import Html, t
from dialogs.vocabulary import Weekday, vocabulary

# The follow-up step after a bare hour (its catalogue entry asks it).
TIME_HALF = "time_half"
TIME_BUTTONS = ("06:30", "07:30", "12:30", "18:00", "19:30")

HALF_WORDS = vocabulary().half
_PART_WORDS = 5  # "first thing in the morning"; a longer message says something else
NO_DAYS_WORDS = vocabulary().no_days
DONE_WORDS = vocabulary().done


def _day_buttons(data: Mapping[str, Any], prefix: str) -> Rows:
    picked = data.get("picked", [])
    return rows(ticks([str(d) for d in Weekday], picked, prefix, "onboarding.day_short"), 4)


def _short_days(days: Sequence[str]) -> Html:
    if not days:
        return Html(t("onboarding.summary.none"))
    return Html(", ".join(t(f"onboarding.day_short.{d}") for d in days))


def _days_label(days: Sequence[str]) -> str:
    return ", ".join(t(f"onboarding.day_short.{day}") for day in days) or t("settings.value.none")


# ---------------------------------------------------------------- workout days


def ask_days(data: Mapping[str, Any]) -> Asked:
    return t("onboarding.ask.days"), (
        *_day_buttons(data, "day:"),
        (Button(t("onboarding.done"), "day:done"),),
    )


def read_days(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := pressed(event, "day:")) is not None:
        if value != "done":
            return FollowUp({"picked": toggled(picked, value)})
        if not picked:
            return FollowUp({"picked": []}, (t("onboarding.summary.need_day"),))
        days = in_order(picked, Weekday)
    elif (text := typed(event)) is None:
        return None
    elif parsed := parse_days(text):
        days = [str(d) for d in parsed]
    elif parse_choice(text, DONE_WORDS):
        return read_days(data, ButtonPressed("day:done"), ctx)
    else:
        return None
    ack = t("onboarding.ack.days", days=day_list(days))
    return Answered({"workout_days": days}, (ack,))


def described_days(answers: Mapping[str, Any]) -> Html:
    return _short_days(answers["workout_days"])


def days_label(answers: Mapping[str, Any]) -> str:
    return _days_label(answers["workout_days"])


# ---------------------------------------------------------------- reminder time


def ask_time(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(clock, "time:" + clock.replace(":", "")) for clock in TIME_BUTTONS]
    return t("onboarding.ask.time"), rows(buttons, 3)


def _time_answered(chosen: time) -> Answered:
    clock = chosen.strftime("%H:%M")
    return Answered({"workout_time": clock}, (t("onboarding.ack.time", time=clock),))


def _typed_time(text: str) -> Reading:
    # A time typed as a button shows it ("7:30" for the 07:30 button) is that button.
    said = text.strip().lstrip("0")
    button = next((b for b in TIME_BUTTONS if b.lstrip("0") == said), None)
    if button is not None:
        return _time_answered(time.fromisoformat(button))
    match parse_time(text):
        case time() as chosen:
            return _time_answered(chosen)
        case AmbiguousTime(morning=morning, evening=evening):
            half = [morning.strftime("%H:%M"), evening.strftime("%H:%M")]
            return FollowUp({"half": half}, step=TIME_HALF)
    # "after work", "first thing": the part of the day, so the question again for the time.
    part = parse_choice(text, HALF_WORDS) if len(text.split()) <= _PART_WORDS else None
    return FollowUp(lead=(t(f"onboarding.time_part.{part}"),)) if part else None


def read_time(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (value := pressed(event, "time:")) is not None:
        return _time_answered(time(int(value[:2]), int(value[2:])))
    text = typed(event)
    return _typed_time(text) if text is not None else None


def ask_time_half(data: Mapping[str, Any]) -> Asked:
    morning, evening = data["half"]
    hour = morning.removeprefix("0")
    buttons = (
        Button(t("onboarding.half.morning", time=morning), "half:am"),
        Button(t("onboarding.half.evening", time=evening), "half:pm"),
    )
    return t("onboarding.ask.time_half", hour=hour), (buttons,)


def read_time_half(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    morning, evening = (time.fromisoformat(h) for h in data["half"])
    half = choice(event, "half:", HALF_WORDS)
    if half:
        return _time_answered(morning if half == "am" else evening)
    text = typed(event)
    return _typed_time(text) if text is not None else None


def described_time(answers: Mapping[str, Any]) -> Html:
    # A clock time: digits only, nothing to escape.
    return Html(str(answers["workout_time"]))


# ---------------------------------------------------------------- long or hard run days


def ask_hard_days(data: Mapping[str, Any]) -> Asked:
    last = (
        Button(t("onboarding.button.skip"), "hard:none"),
        Button(t("onboarding.done"), "hard:done"),
    )
    return t("onboarding.ask.hard_days"), (*_day_buttons(data, "hard:"), last)


def read_hard_days(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := pressed(event, "hard:")) is not None:
        if value not in {"done", "none"}:
            return FollowUp({"picked": toggled(picked, value)})
        days = [] if value == "none" else in_order(picked, Weekday)
    elif (text := typed(event)) is None:
        return None
    elif parsed := parse_days(text):
        days = [str(d) for d in parsed]
    elif parse_choice(text, NO_DAYS_WORDS):
        days = []
    elif parse_choice(text, DONE_WORDS):
        days = in_order(picked, Weekday)
    else:
        return None
    ack = (
        t("onboarding.ack.hard_days", days=day_list(days))
        if days
        else t("onboarding.ack.no_hard_days")
    )
    return Answered({"hard_run_days": days}, (ack,))


def described_hard_days(answers: Mapping[str, Any]) -> Html:
    return _short_days(answers["hard_run_days"])


def hard_days_label(answers: Mapping[str, Any]) -> str:
    return _days_label(answers["hard_run_days"])
