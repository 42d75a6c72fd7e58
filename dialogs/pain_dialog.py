"""The pain dialog: asks only what a report is missing, then triages it and says what to do.

Entered by /pain, by a workout's "It hurts" button (args {"source": "workout", "exercise":
id}), by a message that mentions pain (args {"text": message}), and by a scheduled check-in
(args {"checkin": report key}). Urgent red flags are asked first, and the dialog stops as
soon as one is confirmed. The rules live in dialogs/triage.py; see pain_dialog.mmd.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from dialogs import emergency, nudges
from dialogs.core import (
    Button,
    ButtonPressed,
    CancelMessages,
    Context,
    DialogState,
    Effect,
    Reply,
    ScheduleMessage,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.progress import local_day
from dialogs.records import PainRecord
from dialogs.texts import Html, t
from dialogs.triage import (
    BONE_SITES,
    CONTINUE,
    KNEES,
    MODIFY,
    PHYSIO,
    URGENT,
    Answer,
    Behaviour,
    Flag,
    PainReport,
    Side,
    Trend,
    Triage,
    assess,
    is_normal_soreness,
    merge,
    parse_pain_text,
    rank,
    read_behaviour,
    read_checkin,
    read_not_run,
    read_part,
    read_severity,
    read_walk,
    read_yes_no,
    reassess,
    recheck,
    split_problems,
)
from dialogs.vocabulary import BodyLocation

NAME = "pain"
CHECKIN_KIND = nudges.PAIN_CHECKIN
MODIFY_CHECKIN = timedelta(hours=48)
PHYSIO_CHECKIN = timedelta(days=3)
SEEN_CHECKIN = timedelta(days=7)
# One-off nudges that must not go out after an urgent report. Recurring workout reminders
# are held back by nudges.drop_reason while the level is urgent, which keeps their chain.
URGENT_CANCELS = (nudges.SESSION_CHECKIN, nudges.SORENESS_CHECKIN, nudges.REENGAGE)


class Step(StrEnum):
    START = "start"
    LOCATION = "location"
    KNEE = "knee"
    HIP = "hip"
    WALK = "walk"
    FLAG = "flag"  # one red flag; which one is in data["flag"]
    SEVERITY = "severity"
    DURATION = "duration"
    BEHAVIOUR = "behaviour"
    MORNING = "morning"
    SCREEN = "screen"  # several red flags at once; "yes" or "not sure" asks each
    CHECKIN = "checkin"
    CHECKIN_SEVERITY = "checkin_sev"


@dataclass(frozen=True, slots=True)
class SavePainReport(Effect):
    """Store a pain report with its triage; with store False keep only the level."""

    key: str
    level: str
    reasons: tuple[str, ...]
    report: dict[str, Any]
    summary: str
    locations: tuple[str, ...] = ()
    source: str = "command"
    store: bool = True


@dataclass(frozen=True, slots=True)
class UpdatePainReport(Effect):
    """Record a check-in on a stored report: trend, severity, new level, resolved or not."""

    key: str
    level: str
    reasons: tuple[str, ...]
    trend: str  # better | same | worse | seen
    severity: int | None = None
    resolved: bool = False
    store: bool = True


# ---------------------------------------------------------------- entry points


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance the pain dialog by one input."""
    if isinstance(event, Started) or state is None or state.step == Step.START:
        args = event.args if isinstance(event, Started) else {}
        if "checkin" in args:
            return _start_checkin(str(args["checkin"]), ctx)
        return _start(args, ctx)
    if state.step in (Step.CHECKIN, Step.CHECKIN_SEVERITY):
        return _checkin_answer(state, event, ctx)
    return _answer(state, event, ctx)


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, exactly as first asked."""
    if state.step == Step.START:
        return _question(Step.LOCATION, {"report": {}})
    return _question(Step(state.step), state.data)


def _start(args: dict[str, Any], ctx: Context) -> Transition:
    text = str(args.get("text") or args.get("args") or "")
    source = str(args.get("source") or ("text" if text else "command"))
    report = parse_pain_text(text, today=_today(ctx)) if text else PainReport()
    data: dict[str, Any] = {"source": source, "focus": [], "skip": []}
    if args.get("exercise"):
        data["exercise"] = str(args["exercise"])
    if text:
        problems = split_problems(text, today=_today(ctx))
        if len(problems) > 1:
            worst = max(problems, key=lambda p: rank(assess(p).level))
            data["focus"] = [*map(str, worst.locations), *worst.unspecified]
            data["focus_side"] = worst.side
    lead = [t(f"pain.intro.{source}") if source in _INTROS else t("pain.intro.command")]
    if report.locations or report.worst is not None or report.days is not None:
        lead.append(t("pain.intro.understood", summary=_short_summary(report, data)))
    return _advance(report, data, ctx, lead="\n".join(lead))


_INTROS = ("command", "text", "workout", "checkin")


# ---------------------------------------------------------------- asking


def _advance(
    report: PainReport, data: dict[str, Any], ctx: Context, *, lead: str = ""
) -> Transition:
    """Ask the next missing question, or give the verdict."""
    if assess(report).level == URGENT:
        return _finish(report, data, ctx)
    following = _next_question(report, data)
    if following is None:
        return _finish(report, data, ctx)
    next_step, extra = following
    new_data = {**data, **extra, "report": report.to_data()}
    replies = _question(next_step, new_data)
    if lead:
        replies = (Reply(lead), *replies)
    return Transition(DialogState(NAME, next_step, new_data), replies)


def red_flags(report: PainReport) -> tuple[Flag, ...]:
    """The red flags to ask about for the places in this report, most urgent first."""
    places = report.places or frozenset({BodyLocation.OTHER})
    flags: list[Flag] = []
    if BodyLocation.LOWER_BACK in places:
        flags += [Flag.SADDLE, Flag.BLADDER, Flag.BOTH_LEGS, Flag.CONSTANT]
    if places - {BodyLocation.LOWER_BACK}:
        flags += [Flag.CANNOT_WALK, Flag.POP]
    if places & KNEES:
        flags.append(Flag.LOCKED)
    if places - {BodyLocation.LOWER_BACK}:
        flags.append(Flag.REST_NIGHT)  # for the back, CONSTANT asks this more strictly
    flags += [Flag.SWELLING, Flag.NUMBNESS]
    if places & BONE_SITES:
        flags.append(Flag.BONE_SPOT)
    if places & KNEES:
        flags.append(Flag.GIVING_WAY)
    return tuple(flags)


def _with_flag(report: PainReport, flag: Flag, answer: Answer) -> PainReport:
    return _update(report, flags={**report.flags, flag: answer})


def _update(report: PainReport, **changes: Any) -> PainReport:
    return PainReport.model_validate({**report.model_dump(), **changes})


def _next_question(report: PainReport, data: dict[str, Any]) -> tuple[Step, dict[str, Any]] | None:
    """The first missing answer that matters: place, urgent red flags, the details, the rest.

    A red flag the runner's own words touched comes before everything, even the place: it
    is what they are worried about, and it is the question that can make this urgent.
    """
    for flag in report.ask_first:
        if report.answer(flag) == Answer.UNKNOWN:
            return _flag_question(flag)
    if not report.locations and not report.unspecified:
        return Step.LOCATION, {}
    if "knee" in report.unspecified:
        return Step.KNEE, {}
    if "hip" in report.unspecified:
        return Step.HIP, {}
    if "leg" in report.unspecified:
        return Step.LOCATION, {}
    open_flags = [f for f in red_flags(report) if report.answer(f) == Answer.UNKNOWN]
    for flag in open_flags:
        if assess(_with_flag(report, flag, Answer.YES)).level == URGENT:
            return _flag_question(flag)
    skipped = set(data.get("skip", ()))
    if report.worst is None and "severity" not in skipped:
        return Step.SEVERITY, {}
    if report.days is None and not report.has(Flag.RECURRING) and "duration" not in skipped:
        return Step.DURATION, {}
    if report.behaviour is None and "behaviour" not in skipped:
        return Step.BEHAVIOUR, {}
    if report.gone_by_morning == Answer.UNKNOWN and _morning_matters(report):
        return Step.MORNING, {}
    if len(open_flags) >= 2 and not data.get("screen"):
        return Step.SCREEN, {"items": [str(f) for f in open_flags]}
    if open_flags:
        return _flag_question(open_flags[0])
    return None


def _flag_question(flag: Flag) -> tuple[Step, dict[str, Any]]:
    if flag == Flag.CANNOT_WALK:
        return Step.WALK, {}
    return Step.FLAG, {"flag": str(flag)}


def _morning_matters(report: PainReport) -> bool:
    gone = assess(_update(report, gone_by_morning=Answer.YES)).level
    return gone != assess(_update(report, gone_by_morning=Answer.NO)).level


def _choices(values: list[tuple[str, str]], per_row: int) -> tuple[tuple[Button, ...], ...]:
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
_YES_NO = [("yes", "y"), ("no", "n"), ("unsure", "u")]
_DURATIONS = [
    ("dur_today", "dur:0"),
    ("dur_days", "dur:2"),
    ("dur_week", "dur:6"),
    ("dur_weeks", "dur:10"),
    ("dur_month", "dur:28"),
    ("dur_long", "dur:60"),
    ("dur_rec", "dur:rec"),
]


def _question(step: Step, data: dict[str, Any]) -> tuple[Reply, ...]:
    """The question for a step, with its buttons."""
    report = PainReport.model_validate(data.get("report", {}))
    if step == Step.LOCATION:
        key = "location_leg" if "leg" in report.unspecified else "location"
        return (Reply(t(f"pain.ask.{key}"), _choices(_LOCATION_BUTTONS, 3)),)
    if step == Step.KNEE:
        parts = [(f"knee_{p}", f"knee:{p}") for p in ("front", "outside", "inside", "back")]
        return (Reply(t("pain.ask.knee"), _choices(parts, 2)),)
    if step == Step.HIP:
        parts = [(f"hip_{p}", f"hip:{p}") for p in ("front", "outside")]
        return (Reply(t("pain.ask.hip"), _choices(parts, 2)),)
    if step == Step.WALK:
        walk = [("walk_ok", "walk:ok"), ("walk_limp", "walk:limp"), ("walk_no", "walk:no")]
        return (Reply(t("pain.ask.walk"), _choices([*walk, ("unsure", "walk:u")], 2)),)
    if step == Step.FLAG:
        flag = Flag(data["flag"])
        values = [(label, f"f:{flag}:{code}") for label, code in _YES_NO]
        return (Reply(t(f"pain.ask.flag.{flag}"), _choices(values, 3)),)
    if step in (Step.SEVERITY, Step.CHECKIN_SEVERITY):
        prefix, key = ("sev", "severity") if step == Step.SEVERITY else ("cs", "checkin_severity")
        scale = tuple(Button(str(n), f"{prefix}:{n}") for n in range(11))
        return (Reply(t(f"pain.ask.{key}"), (scale[:6], scale[6:])),)
    if step == Step.DURATION:
        return (Reply(t("pain.ask.duration"), _choices(_DURATIONS, 3)),)
    if step == Step.BEHAVIOUR:
        values = [(str(b), f"beh:{b}") for b in Behaviour] + [("not_run", "beh:none")]
        return (Reply(t("pain.ask.behaviour"), _choices(values, 1)),)
    if step == Step.MORNING:
        values = [(label, f"morn:{code}") for label, code in _YES_NO]
        return (Reply(t("pain.ask.morning"), _choices(values, 3)),)
    if step == Step.SCREEN:
        items = "\n".join(f"• {t(f'pain.screen_item.{flag}')}" for flag in data.get("items", ()))
        values = [("none", "scr:none"), ("yes", "scr:yes"), ("unsure", "scr:u")]
        return (Reply(t("pain.ask.screen", items=Html(items)), _choices(values, 3)),)
    if step == Step.CHECKIN:
        return (_checkin_question(data),)
    raise ValueError(f"no question for step {step}")


# ---------------------------------------------------------------- answers


def _answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    data = dict(state.data)
    report = PainReport.model_validate(data.get("report", {}))
    current = Step(state.step)
    if isinstance(event, ButtonPressed):
        if event.value not in _values(current, data):
            return Transition(state, (Reply(t("pain.expired")), *_question(current, data)))
        report, data = _apply_button(current, event.value, report, data)
        return _advance(report, data, ctx)
    if isinstance(event, TextReceived):
        answered = _apply_text(current, event.text, report, data, ctx)
        parsed = parse_pain_text(event.text, today=_today(ctx))
        base_report, base_data = answered or (report, data)
        merged = merge(base_report, parsed)
        if answered is not None or merged != report:
            return _advance(merged, base_data, ctx)
    return Transition(state, (Reply(t(f"pain.retry.{_RETRY[current]}")), *_question(current, data)))


_RETRY = {
    Step.LOCATION: "location",
    Step.KNEE: "part",
    Step.HIP: "part",
    Step.WALK: "walk",
    Step.FLAG: "yes_no",
    Step.MORNING: "yes_no",
    Step.SCREEN: "yes_no",
    Step.SEVERITY: "severity",
    Step.DURATION: "duration",
    Step.BEHAVIOUR: "behaviour",
    Step.CHECKIN: "checkin",
    Step.CHECKIN_SEVERITY: "severity",
}


def _values(step: Step, data: dict[str, Any]) -> set[str]:
    return {b.value for reply in _question(step, data) for row in reply.buttons for b in row}


_CODES = {"y": Answer.YES, "n": Answer.NO, "u": Answer.UNSURE}


def _apply_button(
    step: Step, value: str, report: PainReport, data: dict[str, Any]
) -> tuple[PainReport, dict[str, Any]]:
    """The report and data after a button that belongs to this step."""
    choice = value.split(":", 1)[1]
    if step == Step.LOCATION:
        return _place(report, choice, data)
    if step in (Step.KNEE, Step.HIP):
        return _place(report, f"{step}_{choice}", data)
    if step == Step.WALK:
        return _walk(report, choice), data
    if step == Step.FLAG:
        flag, code = choice.split(":")
        return _with_flag(report, Flag(flag), _CODES[code]), data
    if step == Step.SEVERITY:
        return _update(report, worst=int(choice)), data
    if step == Step.DURATION:
        if choice == "rec":
            return _with_flag(report, Flag.RECURRING, Answer.YES), data
        return _update(report, days=int(choice)), data
    if step == Step.BEHAVIOUR:
        if choice == "none":
            return report, _skip(data, "behaviour")
        return _update(report, behaviour=Behaviour(choice)), data
    if step == Step.MORNING:
        return _update(report, gone_by_morning=_CODES[choice]), data
    return _screen(report, data, choice)


def _apply_text(
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
        return (_walk(report, walk), data) if walk else None
    if step == Step.SCREEN:
        listed = [Flag(f) for f in data.get("items", ())]
        if any(parse_pain_text(text).answer(f) != Answer.UNKNOWN for f in listed):
            # "no swelling" answers one of them: ask the others one by one.
            return report, {**data, "screen": "open"}
        choice = {Answer.YES: "yes", Answer.NO: "none", Answer.UNSURE: "u"}.get(read_yes_no(text))
        return _screen(report, data, choice) if choice else None
    if step in (Step.FLAG, Step.MORNING):
        answer = read_yes_no(text)
        if answer == Answer.UNKNOWN:
            return None
        if step == Step.FLAG:
            return _with_flag(report, Flag(data["flag"]), answer), data
        return _update(report, gone_by_morning=answer), data
    if step == Step.SEVERITY:
        worst = read_severity(text)
        if worst is not None:
            return _update(report, worst=worst), data
        return (report, _skip(data, "severity")) if unsure else None
    if step == Step.DURATION:
        days = parse_pain_text(text, today=_today(ctx)).days
        if days is not None:
            return _update(report, days=days), data
        return (report, _skip(data, "duration")) if unsure else None
    if step == Step.BEHAVIOUR:
        behaviour = read_behaviour(text)
        if behaviour is not None:
            return _update(report, behaviour=behaviour), data
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
        return _update(report, unspecified=tuple(a for a in areas if a != "leg")), data
    place = BodyLocation(choice)
    area = "knee" if place in KNEES else "hip" if place in _HIP_PARTS else "leg"
    updated = _update(
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


def _walk(report: PainReport, choice: str) -> PainReport:
    if choice == "no":
        return _with_flag(report, Flag.CANNOT_WALK, Answer.YES)
    if choice == "u":
        return _with_flag(report, Flag.CANNOT_WALK, Answer.UNSURE)
    limp = Answer.YES if choice == "limp" else Answer.NO
    walked = _with_flag(report, Flag.CANNOT_WALK, Answer.NO)
    return _update(walked, limp=max(limp, report.limp, key=_LIMP_ORDER.index))


_LIMP_ORDER = (Answer.UNKNOWN, Answer.NO, Answer.UNSURE, Answer.YES)


def _screen(
    report: PainReport, data: dict[str, Any], choice: str
) -> tuple[PainReport, dict[str, Any]]:
    """ "None of these" answers every listed flag no; "yes" or "not sure" asks each one."""
    if choice == "none":
        for flag in data.get("items", ()):
            if report.answer(Flag(flag)) == Answer.UNKNOWN:
                report = _with_flag(report, Flag(flag), Answer.NO)
        return report, data
    return report, {**data, "screen": "open"}


# ---------------------------------------------------------------- the verdict


def _finish(report: PainReport, data: dict[str, Any], ctx: Context) -> Transition:
    today = _today(ctx)
    records = ctx.pain.reports if ctx.pain is not None else ()
    triage = recheck(assess(report), report, records=records, today=today)
    key = f"pain-{ctx.now:%Y%m%d%H%M%S}"
    summary = _summary(report, data)
    record = {**report.to_data(), "source": data.get("source", "command")}
    if data.get("exercise"):
        record["exercise"] = data["exercise"]
    effects: list[Effect] = [
        SavePainReport(
            key=key,
            level=triage.level,
            reasons=triage.reasons,
            report=record,
            summary=summary,
            locations=tuple(str(place) for place in report.locations),
            source=str(data.get("source", "command")),
            store=_consented(ctx),
        )
    ]
    if triage.level != CONTINUE:
        # After urgent care too: "did you get it seen?" is how an urgent status ends.
        wait = MODIFY_CHECKIN if triage.level == MODIFY else PHYSIO_CHECKIN
        effects.append(_checkin(key, 1, ctx.now + wait))
    if triage.level == URGENT:
        effects.append(CancelMessages(kinds=URGENT_CANCELS))
    reply = _verdict(report, triage, data, summary, region=_region(ctx))
    return Transition(None, (reply,), tuple(effects))


def _checkin(key: str, number: int, due: datetime) -> ScheduleMessage:
    return ScheduleMessage(
        kind=CHECKIN_KIND,
        due=due,
        key=f"{key}/{number}",
        payload={"dialog": NAME, "args": {"checkin": key}},
    )


def _consented(ctx: Context) -> bool:
    return bool(ctx.profile is not None and ctx.profile.pain_consent)


def _region(ctx: Context) -> str:
    return emergency.region(ctx.profile.timezone) if ctx.profile is not None else emergency.OTHER


def _verdict(
    report: PainReport, triage: Triage, data: dict[str, Any], summary: str, *, region: str
) -> Reply:
    place = _place_name(report, data)
    why = t("pain.reply.why", why="; ".join(triage.reasons[:2]))
    lines = [t(f"pain.header.{triage.level}")]
    if triage.level == URGENT:
        lines += [t(f"pain.{triage.care}.{region}"), why, t("pain.reply.urgent_after")]
    elif triage.level == PHYSIO:
        who = "doctor" if triage.care == "doctor" else "physio"
        lines += [
            t(f"pain.reply.{who}", when=t("pain.reply.when_soon")),
            why,
            t("pain.reply.forward"),
            _quote(summary),
            t("pain.reply.meanwhile", place=place),
            t("pain.reply.physio_after"),
        ]
    elif triage.level == MODIFY:
        advice = t(f"pain.advice.{_advice(report, triage, data)}")
        lines += [
            t("pain.reply.modify", place=_capital(place)),
            t("pain.reply.modify_changes", place=place),
            t("pain.reply.running", advice=Html(advice)),
            why,
            t("pain.reply.modify_after"),
        ]
    else:
        lines += [
            t(f"pain.normal.{triage.codes[0]}"),
            t("pain.reply.not_normal"),
            t("pain.reply.continue_after"),
        ]
    others = _others(report, data)
    if others:
        lines.append(t("pain.reply.also", places=others))
    return Reply("\n".join(lines))


def _quote(summary: str) -> str:
    return Html(f"<blockquote>{html.escape(summary, quote=False)}</blockquote>")


def _advice(report: PainReport, triage: Triage, data: dict[str, Any]) -> str:
    if "very_sore" in triage.codes or is_normal_soreness(report):
        return "doms"
    focus = {BodyLocation(p) for p in data.get("focus", ())} or report.places
    if focus & {BodyLocation.KNEE_FRONT}:
        return "knee_front"
    if focus & {BodyLocation.KNEE_OUTSIDE, BodyLocation.IT_BAND}:
        return "outer_knee"
    if BodyLocation.SHIN in focus:
        return "shin"
    if BodyLocation.LOWER_BACK in focus:
        return "lower_back"
    if "injury" in triage.codes:
        return "strain"
    tendons = {
        BodyLocation.ACHILLES,
        BodyLocation.HAMSTRING,
        BodyLocation.GLUTE,
        BodyLocation.HIP_OUTSIDE,
        BodyLocation.HEEL,
    }
    return "tendon" if focus & tendons else "general"


def _primary(report: PainReport, data: dict[str, Any]) -> str | None:
    for place in data.get("focus", ()):
        return str(place)
    if report.locations:
        return str(report.locations[0])
    if report.unspecified:
        return report.unspecified[0]
    return "legs" if report.has(Flag.MUSCLES) else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _place_name(report: PainReport, data: dict[str, Any]) -> str:
    primary = _primary(report, data)
    return t(f"pain.place.{primary}") if primary else t("pain.place.other")


def _others(report: PainReport, data: dict[str, Any]) -> str:
    focus = set(data.get("focus", ()))
    if not focus:
        return ""
    names = [t(f"pain.place.{p}") for p in report.locations if str(p) not in focus]
    return _join(names)


def _other_wheres(report: PainReport, data: dict[str, Any]) -> str:
    focus = set(data.get("focus", ()))
    if not focus:
        return ""
    return _join([t(f"pain.where.{p}").lower() for p in report.locations if str(p) not in focus])


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('pain.summary.and')} {items[-1]}"


def _where(report: PainReport, data: dict[str, Any]) -> str:
    primary = _primary(report, data)
    name = t(f"pain.where.{primary}") if primary else t("pain.where.other")
    side = data.get("focus_side") if data.get("focus") else report.side
    if side == Side.BOTH:
        return t("pain.summary.both_sides", where=name)
    if side is not None:
        return t("pain.summary.where_side", where=name, side=t(f"pain.summary.{side}"))
    return name


def _how_long(report: PainReport) -> str:
    days = report.days
    if days is None:
        return t("pain.summary.recurring") if report.has(Flag.RECURRING) else ""
    if days == 0:
        return t("pain.summary.today")
    if days == 1:
        return t("pain.summary.one_day")
    if days < 14:
        return t("pain.summary.days", n=days)
    if days < 60:
        return t("pain.summary.weeks", n=round(days / 7))
    return t("pain.summary.months", n=round(days / 30))


def _short_summary(report: PainReport, data: dict[str, Any]) -> str:
    parts = [p for p in (_where(report, data), _how_long(report)) if p]
    text = ", ".join(parts)
    if report.worst is not None:
        text += f", {report.worst}/10"
    return html.unescape(text)


_SUMMARY_FLAGS = (
    Flag.CONSTANT,
    Flag.SWELLING,
    Flag.NUMBNESS,
    Flag.CANNOT_WALK,
    Flag.POP,
    Flag.REST_NIGHT,
    Flag.BONE_SPOT,
    Flag.GIVING_WAY,
    Flag.LOCKED,
    Flag.SADDLE,
    Flag.BLADDER,
    Flag.BOTH_LEGS,
)


def _summary(report: PainReport, data: dict[str, Any]) -> str:
    """A short plain-text summary the runner can forward: where, how long, worst, what makes
    it worse, and the red-flag answers."""
    head = ", ".join(p for p in (_where(report, data), _how_long(report)) if p)
    others = _other_wheres(report, data)
    sentences = [head + (f" (also {others})" if others else "") + "."]
    if report.worst is not None:
        sentences.append(t("pain.summary.worst", n=report.worst))
    worse = [t(f"pain.aggravator.{a}") for a in report.aggravators]
    if worse:
        sentences.append(t("pain.summary.worse_with", things=_join(worse)))
    if report.behaviour is not None:
        sentences.append(t(f"pain.summary.{report.behaviour}"))
    if report.limp != Answer.UNKNOWN:
        sentences.append(t("pain.summary.limp", answer=t(f"pain.summary.{report.limp}")))
    for flag in _SUMMARY_FLAGS:
        answer = report.answer(flag)
        if answer != Answer.UNKNOWN:
            sentences.append(
                t(
                    "pain.summary.answer_line",
                    name=t(f"pain.summary.flag.{flag}"),
                    answer=t(f"pain.summary.{answer}"),
                )
            )
    # Plain text: the catalogue escaped the values; the shell and the quote escape again.
    return html.unescape(" ".join(sentences))


# ---------------------------------------------------------------- check-ins


def _record(key: str, ctx: Context) -> PainRecord | None:
    reports = ctx.pain.reports if ctx.pain is not None else ()
    return next((r for r in reports if r.key == key), None)


def _start_checkin(key: str, ctx: Context) -> Transition:
    record = _record(key, ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    place = str(record.locations[0]) if record.locations else str(BodyLocation.OTHER)
    data = {"key": key, "place": place, "level": record.level}
    return Transition(DialogState(NAME, Step.CHECKIN, data), (_checkin_question(data),))


def _checkin_question(data: dict[str, Any]) -> Reply:
    place = t(f"pain.place.{data.get('place', 'other')}")
    values = [("better", "ci:better"), ("no_change", "ci:same"), ("worse", "ci:worse")]
    if data.get("level") in (PHYSIO, URGENT):
        values.append(("seen", "ci:seen"))
        return Reply(t("pain.ask.checkin_physio", place=place), _choices(values, 3))
    return Reply(t("pain.ask.checkin", place=place), _choices(values, 3))


def _checkin_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    data = dict(state.data)
    record = _record(str(data.get("key")), ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    current = Step(state.step)
    answer: str | None = None
    severity: int | None = None
    if isinstance(event, ButtonPressed):
        if event.value not in _values(current, data):
            return Transition(state, (Reply(t("pain.expired")), *_question(current, data)))
        answer = event.value.split(":", 1)[1]
    elif isinstance(event, TextReceived):
        parsed = parse_pain_text(event.text, today=_today(ctx))
        if assess(parsed).level == URGENT:
            return _checkin_urgent(record, parsed, data, ctx)
        severity = read_severity(event.text)
        answer = read_checkin(event.text) if current == Step.CHECKIN else None
        if current == Step.CHECKIN_SEVERITY and severity is not None:
            answer = str(severity)
    if answer is None:
        retry = Reply(t(f"pain.retry.{_RETRY[current]}"))
        return Transition(state, (retry, *_question(current, data)))
    if current == Step.CHECKIN_SEVERITY:
        return _checkin_done(record, Trend(data["trend"]), int(answer), data, ctx)
    if answer == "seen":
        return _checkin_seen(record, data, ctx)
    trend = Trend(answer)
    if trend == Trend.BETTER or severity is not None:
        return _checkin_done(record, trend, severity, data, ctx)
    following = {**data, "trend": str(trend)}
    return Transition(
        DialogState(NAME, Step.CHECKIN_SEVERITY, following),
        _question(Step.CHECKIN_SEVERITY, following),
    )


def _checkin_done(
    record: PainRecord,
    trend: Trend,
    severity: int | None,
    data: dict[str, Any],
    ctx: Context,
) -> Transition:
    triage = reassess(record, trend=trend, severity=severity, today=_today(ctx))
    place = t(f"pain.place.{data.get('place', 'other')}")
    effects: list[Effect] = [
        UpdatePainReport(
            key=record.key,
            level=triage.level,
            reasons=triage.reasons,
            trend=str(trend),
            severity=severity,
            resolved=triage.resolved,
            store=_consented(ctx),
        )
    ]
    header = t(f"pain.header.{triage.level}")
    if triage.resolved:
        return Transition(
            None, (Reply(f"{header}\n{t('pain.checkin.resolved', place=place)}"),), tuple(effects)
        )
    number = len(record.severities) + 2
    if triage.level == URGENT:
        effects.append(_checkin(record.key, number, ctx.now + PHYSIO_CHECKIN))
        body = t("pain.checkin.urgent_still")
    elif triage.level == PHYSIO:
        effects.append(_checkin(record.key, number, ctx.now + PHYSIO_CHECKIN))
        if record.level == PHYSIO and triage.codes == ("no_change",):
            body = t("pain.checkin.same_physio")
        else:
            why = "; ".join(triage.reasons[:2])
            summary = _checkin_summary(record, trend, severity, data, ctx)
            body = "\n".join(
                (
                    t("pain.checkin.physio_now", why=why),
                    _quote(summary),
                    t("pain.checkin.physio_after"),
                )
            )
    else:
        effects.append(_checkin(record.key, number, ctx.now + MODIFY_CHECKIN))
        body = t("pain.checkin.same_modify")
    return Transition(None, (Reply(f"{header}\n{body}"),), tuple(effects))


def _checkin_summary(
    record: PainRecord,
    trend: Trend,
    severity: int | None,
    data: dict[str, Any],
    ctx: Context,
) -> str:
    text = t(
        "pain.checkin.summary",
        where=t(f"pain.where.{data.get('place', 'other')}"),
        days=(_today(ctx) - record.first_reported).days,
        first="?" if record.worst is None else record.worst,
        now="?" if severity is None else severity,
        trend=t(f"pain.checkin.summary_trend_{'worse' if trend == Trend.WORSE else 'same'}"),
    )
    return html.unescape(text)


def _checkin_seen(record: PainRecord, data: dict[str, Any], ctx: Context) -> Transition:
    place = t(f"pain.place.{data.get('place', 'other')}")
    effects = (
        UpdatePainReport(
            key=record.key,
            # Seen after an urgent report: in care now, so gentle sessions rather than none.
            level=PHYSIO if record.level == URGENT else record.level,
            reasons=(),
            trend="seen",
            store=_consented(ctx),
        ),
        _checkin(record.key, len(record.severities) + 2, ctx.now + SEEN_CHECKIN),
    )
    return Transition(None, (Reply(t("pain.checkin.seen", place=place)),), effects)


def _checkin_urgent(
    record: PainRecord, parsed: PainReport, data: dict[str, Any], ctx: Context
) -> Transition:
    triage = assess(parsed)
    effects = (
        UpdatePainReport(
            key=record.key,
            level=URGENT,
            reasons=triage.reasons,
            trend=str(Trend.WORSE),
            severity=parsed.worst,
            store=_consented(ctx),
        ),
        CancelMessages(kinds=URGENT_CANCELS),
    )
    return Transition(None, (_verdict(parsed, triage, data, "", region=_region(ctx)),), effects)


def _today(ctx: Context) -> date:
    timezone = ctx.profile.timezone if ctx.profile is not None else "UTC"
    return local_day(ctx.now, timezone)
