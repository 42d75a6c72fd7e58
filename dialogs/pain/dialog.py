"""The pain dialog: asks only what a report is missing, then triages it and says what to do.

Entered by /pain, by a workout's "It hurts" button (args {"source": "workout", "exercise":
id}), by a message that mentions pain (args {"text": message}), and by a scheduled check-in
(args {"checkin": report key}). Urgent red flags are asked first, and the dialog stops as
soon as one is confirmed. The rules are in rules.py; see dialog.mmd.
"""

from __future__ import annotations

from typing import Any

from dialogs.core import (
    ButtonPressed,
    Context,
    DialogState,
    Reply,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain.answering import apply_button, apply_text, with_changes, with_flag
from dialogs.pain.followup import checkin_answer, start_checkin
from dialogs.pain.levels import URGENT, rank
from dialogs.pain.questions import RETRY, button_values, question
from dialogs.pain.reading import merge, parse_pain_text, split_problems
from dialogs.pain.report import PainReport
from dialogs.pain.rules import assess
from dialogs.pain.steps import (
    NAME,
    URGENT_CANCELS,
    SavePainReport,
    Step,
    UpdatePainReport,
)
from dialogs.pain.verdict import finish, short_summary
from dialogs.pain.vocabulary import BONE_SITES, KNEES, Answer, Flag
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation

# What the router and the shell use of the dialog (the effects are defined in steps.py).
__all__ = [
    "NAME",
    "URGENT_CANCELS",
    "SavePainReport",
    "Step",
    "UpdatePainReport",
    "prompt",
    "red_flags",
    "step",
]


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance the pain dialog by one input."""
    if isinstance(event, Started) or state is None or state.step == Step.START:
        args = event.args if isinstance(event, Started) else {}
        if "checkin" in args:
            return start_checkin(str(args["checkin"]), ctx)
        return _start(args, ctx)
    if state.step in (Step.CHECKIN, Step.CHECKIN_SEVERITY):
        return checkin_answer(state, event, ctx)
    return _answer(state, event, ctx)


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, exactly as first asked."""
    if state.step == Step.START:
        return question(Step.LOCATION, {"report": {}})
    return question(Step(state.step), state.data)


def _start(args: dict[str, Any], ctx: Context) -> Transition:
    text = str(args.get("text") or args.get("args") or "")
    source = str(args.get("source") or ("text" if text else "command"))
    report = parse_pain_text(text, today=ctx.today) if text else PainReport()
    data: dict[str, Any] = {"source": source, "focus": [], "skip": []}
    if args.get("exercise"):
        data["exercise"] = str(args["exercise"])
    if text:
        problems = split_problems(text, today=ctx.today)
        if len(problems) > 1:
            worst = max(problems, key=lambda p: rank(assess(p).level))
            data["focus"] = [*map(str, worst.locations), *worst.unspecified]
            data["focus_side"] = worst.side
    lead = [t(f"pain.intro.{source}") if source in _INTROS else t("pain.intro.command")]
    if report.locations or report.worst is not None or report.days is not None:
        lead.append(t("pain.intro.understood", summary=short_summary(report, data)))
    return _advance(report, data, ctx, lead="\n".join(lead))


_INTROS = ("command", "text", "workout", "checkin")


# ---------------------------------------------------------------- asking


def _advance(
    report: PainReport, data: dict[str, Any], ctx: Context, *, lead: str = ""
) -> Transition:
    """Ask the next missing question, or give the verdict."""
    if assess(report).level == URGENT:
        return finish(report, data, ctx)
    following = _next_question(report, data)
    if following is None:
        return finish(report, data, ctx)
    next_step, extra = following
    new_data = {**data, **extra, "report": report.to_data()}
    replies = question(next_step, new_data)
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
        if assess(with_flag(report, flag, Answer.YES)).level == URGENT:
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
    gone = assess(with_changes(report, gone_by_morning=Answer.YES)).level
    return gone != assess(with_changes(report, gone_by_morning=Answer.NO)).level


def _answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    data = dict(state.data)
    report = PainReport.model_validate(data.get("report", {}))
    current = Step(state.step)
    if isinstance(event, ButtonPressed):
        if event.value not in button_values(current, data):
            return Transition(state, (Reply(t("pain.expired")), *question(current, data)))
        report, data = apply_button(current, event.value, report, data)
        return _advance(report, data, ctx)
    if isinstance(event, TextReceived):
        answered = apply_text(current, event.text, report, data, ctx)
        parsed = parse_pain_text(event.text, today=ctx.today)
        base_report, base_data = answered or (report, data)
        merged = merge(base_report, parsed)
        if answered is not None or merged != report:
            return _advance(merged, base_data, ctx)
    return Transition(state, (Reply(t(f"pain.retry.{RETRY[current]}")), *question(current, data)))
