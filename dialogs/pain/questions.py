"""The pain dialog's questions with their buttons, and the nudge when an answer is unclear."""

from __future__ import annotations

from typing import Any

from dialogs.core import Button, Reply
from dialogs.pain.levels import REFERRALS
from dialogs.pain.report import PainReport
from dialogs.pain.steps import WALK_TRIED, Step
from dialogs.pain.vocabulary import Behaviour, Flag
from dialogs.texts import Html, t


def choices(values: list[tuple[str, str]], per_row: int) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(t(f"pain.button.{label}"), value) for label, value in values]
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


_LOCATION_BUTTONS = [
    (name, f"loc:{name}")
    for name in (
        "knee",
        "it_band",
        "hip",
        "groin",
        "glute",
        "lower_back",
        "hamstring",
        "calf",
        "shin",
        "achilles",
        "heel",
        "foot",
        "ankle",
        "other",
    )
]
YES_NO = [("yes", "y"), ("no", "n"), ("unsure", "u")]
_DURATIONS = [
    ("dur_today", "dur:0"),
    ("dur_days", "dur:2"),
    ("dur_week", "dur:6"),
    ("dur_weeks", "dur:10"),
    ("dur_month", "dur:28"),
    ("dur_long", "dur:60"),
    ("dur_rec", "dur:rec"),
]


def question(step: Step, data: dict[str, Any]) -> tuple[Reply, ...]:
    """The question for a step, with its buttons."""
    report = PainReport.model_validate(data.get("report", {}))
    if step == Step.SORENESS:
        values = [("soreness_yes", "sore:y"), ("no", "sore:n"), ("unsure", "sore:u")]
        return (Reply(t("pain.ask.soreness"), choices(values, 3)),)
    if step == Step.SETTLES:
        values = [("soreness_yes", "set:y"), ("no", "set:n"), ("unsure", "set:u")]
        return (Reply(t("pain.ask.settles"), choices(values, 3)),)
    if step == Step.LOCATION:
        key = "location_leg" if "leg" in report.unspecified else "location"
        return (Reply(t(f"pain.ask.{key}"), choices(_LOCATION_BUTTONS, 3)),)
    if step == Step.KNEE:
        parts = [(f"knee_{p}", f"knee:{p}") for p in ("front", "outside", "inside", "back")]
        return (Reply(t("pain.ask.knee"), choices(parts, 2)),)
    if step == Step.HIP:
        parts = [(f"hip_{p}", f"hip:{p}") for p in ("front", "outside")]
        return (Reply(t("pain.ask.hip"), choices(parts, 2)),)
    if step == Step.WALK:
        walk = [("walk_ok", "walk:ok"), ("walk_limp", "walk:limp"), ("walk_no", "walk:no")]
        ask = "pain.ask.walk_try" if data.get(WALK_TRIED) else "pain.ask.walk"
        return (Reply(t(ask), choices([*walk, ("unsure", "walk:u")], 2)),)
    if step == Step.FLAG:
        flag = Flag(data["flag"])
        values = [(label, f"f:{flag}:{code}") for label, code in YES_NO]
        return (Reply(t(f"pain.ask.flag.{flag}"), choices(values, 3)),)
    if step in (Step.SEVERITY, Step.CHECKIN_SEVERITY):
        prefix, key = ("sev", "severity") if step == Step.SEVERITY else ("cs", "checkin_severity")
        scale = tuple(Button(str(n), f"{prefix}:{n}") for n in range(11))
        return (Reply(t(f"pain.ask.{key}"), (scale[:6], scale[6:])),)
    if step == Step.DURATION:
        return (Reply(t("pain.ask.duration"), choices(_DURATIONS, 3)),)
    if step == Step.BEHAVIOUR:
        values = [(str(b), f"beh:{b}") for b in Behaviour] + [("not_run", "beh:none")]
        return (Reply(t("pain.ask.behaviour"), choices(values, 1)),)
    if step == Step.MORNING:
        values = [(label, f"morn:{code}") for label, code in YES_NO]
        return (Reply(t("pain.ask.morning"), choices(values, 3)),)
    if step == Step.SCREEN:
        listed = data.get("items", ())
        items = "\n".join(f"• {t(f'pain.screen_item.{flag}')}" for flag in listed)
        # A button per sign, so one tap says which (and an emergency needs no second question).
        signs = tuple((Button(t(f"pain.screen_button.{flag}"), f"scr:{flag}"),) for flag in listed)
        rest = choices([("none", "scr:none"), ("unsure", "scr:u")], 2)
        return (Reply(t("pain.ask.screen", items=Html(items)), (*signs, *rest)),)
    if step == Step.CHECKIN:
        return (checkin_question(data),)
    raise ValueError(f"no question for step {step}")


# ---------------------------------------------------------------- answers

RETRY = {
    Step.SORENESS: "yes_no",
    Step.LOCATION: "location",
    Step.KNEE: "part",
    Step.HIP: "part",
    Step.WALK: "walk",
    Step.FLAG: "yes_no",
    Step.MORNING: "yes_no",
    Step.SCREEN: "yes_no",
    Step.SETTLES: "yes_no",
    Step.SEVERITY: "severity",
    Step.DURATION: "duration",
    Step.BEHAVIOUR: "behaviour",
    Step.CHECKIN: "checkin",
    Step.CHECKIN_SEVERITY: "severity",
}


def button_values(step: Step, data: dict[str, Any]) -> set[str]:
    return {b.value for reply in question(step, data) for row in reply.buttons for b in row}


def checkin_question(data: dict[str, Any]) -> Reply:
    place = t(f"pain.place.{data.get('place', 'other')}")
    values = [("better", "ci:better"), ("no_change", "ci:same"), ("worse", "ci:worse")]
    if data.get("level") in REFERRALS:
        values.append(("seen", "ci:seen"))
        return Reply(t("pain.ask.checkin_physio", place=place), choices(values, 3))
    return Reply(t("pain.ask.checkin", place=place), choices(values, 3))
