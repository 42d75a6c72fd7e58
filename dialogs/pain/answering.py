"""What an answer to one of the pain dialog's questions does to the report (button or text)."""

from __future__ import annotations

import re
from typing import Any

from dialogs.core import Context
from dialogs.pain.reading import merge, parse_pain_text
from dialogs.pain.report import PainReport
from dialogs.pain.steps import WALK_TRIED, Step
from dialogs.pain.typed_answers import (
    read_behaviour,
    read_not_run,
    read_part,
    read_severity,
    read_walk,
    read_yes_no,
)
from dialogs.pain.vocabulary import KNEES, Answer, Behaviour, Flag
from dialogs.vocabulary import BodyLocation

_CODES = {"y": Answer.YES, "n": Answer.NO, "u": Answer.UNSURE}
_ASKING = re.compile(r"^\s*(?:what|whats|what's|how|why|which|explain)\b")


def apply_button(
    step: Step, value: str, report: PainReport, data: dict[str, Any]
) -> tuple[PainReport, dict[str, Any]]:
    """The report and data after a button that belongs to this step."""
    choice = value.split(":", 1)[1]
    if step == Step.SORENESS:
        return with_changes(report, soreness=_CODES[choice]), data
    if step == Step.SETTLES:
        return with_changes(report, within_limits=_CODES[choice]), data
    if step == Step.LOCATION:
        return _place(report, choice, data)
    if step in (Step.KNEE, Step.HIP):
        return _place(report, f"{step}_{choice}", data)
    if step == Step.WALK:
        return _walk(report, choice, data)
    if step == Step.FLAG:
        flag, code = choice.split(":")
        return with_flag(report, Flag(flag), _CODES[code]), data
    if step == Step.SEVERITY:
        return with_changes(report, worst=int(choice)), data
    if step == Step.DURATION:
        if choice == "rec":
            return with_flag(report, Flag.RECURRING, Answer.YES), data
        return with_changes(report, days=int(choice)), data
    if step == Step.BEHAVIOUR:
        if choice == "none":
            return report, _skip(data, "behaviour")
        return with_changes(report, behaviour=Behaviour(choice)), data
    if step == Step.MORNING:
        return with_changes(report, gone_by_morning=_CODES[choice]), data
    return _screen(report, data, choice)


def apply_text(
    step: Step, text: str, report: PainReport, data: dict[str, Any], ctx: Context
) -> tuple[PainReport, dict[str, Any]] | None:
    """The report and data after a typed answer to this step, or None if it is not one."""
    unsure = read_yes_no(text) == Answer.UNSURE
    if step == Step.LOCATION:
        return _typed_place(text, report, data)
    if step in (Step.KNEE, Step.HIP):
        parts = KNEES if step == Step.KNEE else _HIP_PARTS
        part = read_part(text, sorted(parts))
        return _place(report, str(part), data) if part else None
    if step == Step.WALK:
        walk = read_walk(text)
        return _walk(report, walk, data) if walk else None
    if step == Step.SCREEN:
        listed = [Flag(f) for f in data.get("items", ())]
        if any(parse_pain_text(text).answer(f) != Answer.UNKNOWN for f in listed):
            # "no swelling" answers one of them: ask the others one by one.
            return report, {**data, "screen": "open"}
        choice = {Answer.YES: "yes", Answer.NO: "none", Answer.UNSURE: "u"}.get(read_yes_no(text))
        return _screen(report, data, choice) if choice else None
    if step in (Step.FLAG, Step.MORNING, Step.SORENESS, Step.SETTLES):
        answer = read_yes_no(text)
        if answer == Answer.UNKNOWN:
            return None
        if step == Step.FLAG:
            return with_flag(report, Flag(data["flag"]), answer), data
        if step == Step.SORENESS:
            return with_changes(report, soreness=answer), data
        if step == Step.SETTLES:
            return with_changes(report, within_limits=answer), data
        return with_changes(report, gone_by_morning=answer), data
    if step == Step.SEVERITY:
        if _ASKING.match(text.lower()):
            return None  # "what does 10 mean?" asks about the scale; "is 6 a lot?" gives a 6
        worst = read_severity(text)
        if worst is not None:
            return with_changes(report, worst=worst), data
        return (report, _skip(data, "severity")) if unsure else None
    if step == Step.DURATION:
        days = parse_pain_text(text, today=ctx.today).days
        if days is not None:
            return with_changes(report, days=days), data
        return (report, _skip(data, "duration")) if unsure else None
    if step == Step.BEHAVIOUR:
        behaviour = read_behaviour(text)
        if behaviour is not None:
            return with_changes(report, behaviour=behaviour), data
        return (report, _skip(data, "behaviour")) if unsure or read_not_run(text) else None
    return None


_HIP_PARTS = frozenset({BodyLocation.HIP_FRONT, BodyLocation.HIP_OUTSIDE})


def _skip(data: dict[str, Any], question: str) -> dict[str, Any]:
    return {**data, "skip": [*data.get("skip", ()), question]}


def _place(
    report: PainReport, choice: str, data: dict[str, Any]
) -> tuple[PainReport, dict[str, Any]]:
    """The report with a place chosen: an area needs its part next; a part replaces its area."""
    if choice in ("knee", "hip"):
        areas = tuple(dict.fromkeys((*report.unspecified, choice)))
        return with_changes(report, unspecified=tuple(a for a in areas if a != "leg")), data
    place = BodyLocation(choice)
    area = "knee" if place in KNEES else "hip" if place in _HIP_PARTS else "leg"
    updated = with_changes(
        report,
        locations=tuple(dict.fromkeys((*report.locations, place))),
        unspecified=tuple(a for a in report.unspecified if a not in (area, "leg")),
    )
    focus = data.get("focus", [])
    if area in focus:
        data = {**data, "focus": [str(place) if f == area else f for f in focus]}
    return updated, data


def _typed_place(
    text: str, report: PainReport, data: dict[str, Any]
) -> tuple[PainReport, dict[str, Any]] | None:
    parsed = parse_pain_text(text)
    if parsed.locations or parsed.unspecified:
        return merge(report, parsed), data
    if parsed.has(Flag.MUSCLES) or read_yes_no(text) == Answer.UNSURE:
        return _place(report, str(BodyLocation.OTHER), data)
    return None


def _walk(
    report: PainReport, choice: str, data: dict[str, Any]
) -> tuple[PainReport, dict[str, Any]]:
    if choice == "no":
        return with_flag(report, Flag.CANNOT_WALK, Answer.YES), data
    if choice == "u":
        if not data.get(WALK_TRIED):
            # Four steps can be tried on the spot: asked once more to try them (the criteria:
            # an unclear answer is asked again, or counts as the worse case).
            return report, {**data, WALK_TRIED: True}
        return with_flag(report, Flag.CANNOT_WALK, Answer.UNSURE), data
    limp = Answer.YES if choice == "limp" else Answer.NO
    walked = with_flag(report, Flag.CANNOT_WALK, Answer.NO)
    return with_changes(walked, limp=max(limp, report.limp, key=_LIMP_ORDER.index)), data


_LIMP_ORDER = (Answer.UNKNOWN, Answer.NO, Answer.UNSURE, Answer.YES)


def _screen(
    report: PainReport, data: dict[str, Any], choice: str
) -> tuple[PainReport, dict[str, Any]]:
    """ "None of these" answers every listed flag no; a sign tapped is a yes to it; "yes" or
    "not sure" asks each one."""
    if choice in data.get("items", ()):
        return with_flag(report, Flag(choice), Answer.YES), {**data, "screen": "open"}
    if choice == "none":
        for flag in data.get("items", ()):
            if report.answer(Flag(flag)) == Answer.UNKNOWN:
                report = with_flag(report, Flag(flag), Answer.NO)
        return report, data
    return report, {**data, "screen": "open"}


def with_flag(report: PainReport, flag: Flag, answer: Answer) -> PainReport:
    return with_changes(report, flags={**report.flags, flag: answer})


def with_changes(report: PainReport, **changes: Any) -> PainReport:
    return PainReport.model_validate({**report.model_dump(), **changes})
