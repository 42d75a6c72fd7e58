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
from dialogs.pain import followup, return_to_run
from dialogs.pain.answering import apply_button, apply_text, with_changes, with_flag
from dialogs.pain.followup import checkin_answer, start_checkin
from dialogs.pain.levels import CONTINUE, MODIFY, rank
from dialogs.pain.questions import RETRY, button_values, question
from dialogs.pain.reading import merge, parse_pain_text, split_problems
from dialogs.pain.report import PainReport
from dialogs.pain.rules import assess, is_urgent
from dialogs.pain.soreness import is_normal_soreness
from dialogs.pain.steps import (
    NAME,
    URGENT_CANCELS,
    SavePainReport,
    Step,
    UpdatePainReport,
)
from dialogs.pain.verdict import finish, short_summary
from dialogs.pain.vocabulary import BONE_SITES, KNEES, Answer, Behaviour, Flag, Onset, Side
from dialogs.pain.where import CLOT_SITES
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation

# What the router and the shell use of the dialog (the effects are defined in steps.py).
__all__ = [
    "NAME",
    "SCREENED",
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
        if "run_check" in args:
            return return_to_run.start_check(str(args["run_check"]), ctx)
        # A held report is followed up, not triaged afresh (a hurt mid-exercise is new).
        held = None if "exercise" in args else followup.start_followup(args, ctx)
        return held or _start(args, ctx)
    if state.step in followup.STEPS:
        return checkin_answer(state, event, ctx, new_report=_start)
    if state.step == Step.RUN_CHECK:
        return return_to_run.check_answer(state, event, ctx)
    return _answer(state, event, ctx)


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, exactly as first asked."""
    if state.step == Step.START:
        return question(Step.LOCATION, {"report": {}})
    if state.step == Step.RUN_CHECK:
        plan = ctx.pain.comeback if ctx.pain is not None else None
        return (return_to_run.ask(plan),) if plan is not None else ()
    if state.step in followup.STEPS:
        return followup.ask(Step(state.step), state.data)
    return question(Step(state.step), state.data)


def _start(args: dict[str, Any], ctx: Context) -> Transition:
    text = str(args.get("text") or args.get("args") or "")
    source = str(args.get("source") or ("text" if text else "command"))
    report = parse_pain_text(text, today=ctx.today) if text else PainReport()
    data: dict[str, Any] = {"source": source, "focus": [], "skip": []}
    # Signs the first message was read as denying: words can be misread ("not normal numbness
    # down there"), so an urgent one is listed again whenever a screen is asked anyway.
    denied = [str(f) for f, answer in report.flags.items() if answer == Answer.NO]
    if denied:
        data["denied"] = denied
    if args.get("exercise"):
        data["exercise"] = str(args["exercise"])
    if text:
        problems = split_problems(text, today=ctx.today)
        if len(problems) > 1:
            worst = max(problems, key=lambda p: rank(assess(p).level))
            data["focus"] = [*map(str, worst.locations), *worst.unspecified]
            data["focus_side"] = worst.side
    intro = source if source in _INTROS else "command"
    if _training_soreness(report):
        intro = "soreness"  # normal training, not sympathy
    lead = [t(f"pain.intro.{intro}")]
    if report.locations or report.worst is not None or report.days is not None:
        lead.append(t("pain.intro.understood", summary=short_summary(report, data)))
    if source == "workout" and report.days is None:
        # It began during the exercise just now: no "how long has it been hurting?".
        report = with_changes(report, days=0)
    return _advance(report, data, ctx, lead="\n".join(lead))


_INTROS = ("command", "text", "workout", "checkin", "niggle")


# ---------------------------------------------------------------- asking


def _advance(
    report: PainReport, data: dict[str, Any], ctx: Context, *, lead: str = ""
) -> Transition:
    """Ask the next missing question, or give the verdict."""
    if is_urgent(report):
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


# The signs a screen lists, each with a line and a button of its own: every red flag the
# dialog asks about but walking, whose own question also tells a limp.
SCREENED = frozenset(
    {
        Flag.SADDLE,
        Flag.BLADDER,
        Flag.BOTH_LEGS,
        Flag.CONSTANT,
        Flag.POP,
        Flag.LOCKED,
        Flag.REST_NIGHT,
        Flag.SWELLING,
        Flag.NUMBNESS,
        Flag.HOT_RED,
        Flag.BONE_SPOT,
        Flag.GIVING_WAY,
        Flag.CHEST,
        Flag.FAINTING,
        Flag.CONFUSION,
        Flag.DARK_URINE,
        Flag.DEFORMITY,
    }
)


# Where a sudden injury can leave a bone or joint visibly out of place.
_JOINTS = KNEES | {
    BodyLocation.SHIN,
    BodyLocation.ANKLE,
    BodyLocation.FOOT,
    BodyLocation.HEEL,
    BodyLocation.OTHER,
}


def red_flags(report: PainReport) -> tuple[Flag, ...]:
    """The red flags to ask about for the places in this report, most urgent first."""
    places = report.places or frozenset({BodyLocation.OTHER})
    flags: list[Flag] = []
    if places == {BodyLocation.OTHER}:
        # Nowhere on the legs or back: the emergencies of the whole body, which runners tell
        # in words no list foresees ("came over all peculiar"), are asked, not only read.
        flags += [Flag.CHEST, Flag.FAINTING, Flag.CONFUSION, Flag.DARK_URINE]
    if BodyLocation.LOWER_BACK in places:
        flags += [Flag.SADDLE, Flag.BLADDER, Flag.BOTH_LEGS, Flag.CONSTANT]
    if places - {BodyLocation.LOWER_BACK}:
        flags.append(Flag.CANNOT_WALK)
        if not _gradual(report):
            flags.append(Flag.POP)  # a pop is how an injury starts, not an overuse pain
            if places & _JOINTS:
                flags.append(Flag.DEFORMITY)  # where a break or dislocation shows
    if places & KNEES:
        flags.append(Flag.LOCKED)
    if places - {BodyLocation.LOWER_BACK}:
        flags.append(Flag.REST_NIGHT)  # for the back, CONSTANT asks this more strictly
    flags += [Flag.SWELLING, Flag.NUMBNESS]
    if places & CLOT_SITES and report.has(Flag.SWELLING):
        flags.append(Flag.HOT_RED)  # a swollen calf that is warm and red may be a clot
    if places & BONE_SITES:
        flags.append(Flag.BONE_SPOT)
    if places & KNEES:
        flags.append(Flag.GIVING_WAY)
    return tuple(flags)


_OVERUSE = (
    Flag.DISTANCE_ONSET,
    Flag.EARLIER_EACH_RUN,
    Flag.MILEAGE_JUMP,
    Flag.RECURRING,
    Flag.SHOE_CHANGE,
)


def _gradual(report: PainReport) -> bool:
    """Whether the story is of a pain that came on gradually rather than at one moment."""
    if report.onset is not None:
        return report.onset == Onset.GRADUAL
    return (
        report.behaviour is not None
        or any(report.has(flag) for flag in _OVERUSE)
        or (report.days or 0) >= 7
    )


def _training_soreness(report: PainReport) -> bool:
    """Whether the report reads as normal soreness after training, not yet confirmed."""
    return (
        report.soreness == Answer.UNKNOWN
        and all(report.answer(flag) != Answer.UNKNOWN for flag in report.ask_first)
        and is_normal_soreness(report)
        and assess(report).level == CONTINUE
    )


def _says_soreness(report: PainReport) -> bool:
    """Whether the message itself confirms it: spread or both sides, and easing as you move."""
    spread = report.side == Side.BOTH or report.has(Flag.MUSCLES)
    eases = report.behaviour == Behaviour.SETTLES or report.has(Flag.STIFF_WARMS)
    return spread and eases


def _next_question(report: PainReport, data: dict[str, Any]) -> tuple[Step, dict[str, Any]] | None:
    """The first missing answer that matters: place, urgent red flags, the details, the rest.

    A red flag the runner's own words touched comes before everything, even the place: it
    is what they are worried about, and it is the question that can make this urgent.
    """
    touched = [f for f in report.ask_first if report.answer(f) == Answer.UNKNOWN]
    screened = [f for f in touched if f in SCREENED and _urgent_if_yes(report, f)]
    if len(screened) >= 2 and not data.get("screen"):
        return _screen(screened)
    if touched:
        return _flag_question(touched[0])
    if _training_soreness(report):
        # Normal soreness after training: one confirming question at most.
        return None if _says_soreness(report) else (Step.SORENESS, {})
    if report.soreness == Answer.YES and is_normal_soreness(report):
        return None
    if not report.locations and not report.unspecified:
        return Step.LOCATION, {}
    if "knee" in report.unspecified:
        return Step.KNEE, {}
    if "hip" in report.unspecified:
        return Step.HIP, {}
    if "leg" in report.unspecified:
        return Step.LOCATION, {}
    asked = red_flags(report)
    open_flags = [f for f in asked if report.answer(f) == Answer.UNKNOWN]
    urgent = [f for f in open_flags if _urgent_if_yes(report, f)]
    # Every sign that alone would make this urgent, asked at once with a button per sign, so
    # an emergency is reached in one tap however many signs the place has (the back has
    # four). Walking keeps its own question: its answer also tells a limp.
    screened = [f for f in urgent if f in SCREENED]
    if screened and not data.get("screen"):
        screened += _read_as_denied(report, data, asked)
        if len(screened) >= 2:
            return _screen(screened)
    if urgent:
        return _flag_question(urgent[0])
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
        return _screen(open_flags)
    if open_flags:
        return _flag_question(open_flags[0])
    if _settling_matters(report):
        # A mild pain with no sign of more: whether it is a normal running pain (continue)
        # or needs lighter training is the runner's to say, in the criteria's own terms.
        return Step.SETTLES, {}
    return None


def _urgent_if_yes(report: PainReport, flag: Flag) -> bool:
    return is_urgent(with_flag(report, flag, Answer.YES))


def _read_as_denied(
    report: PainReport, data: dict[str, Any], asked: tuple[Flag, ...]
) -> list[Flag]:
    """This place's urgent signs (of `asked`) that only the first message's words denied."""
    return [
        flag
        for flag in map(Flag, data.get("denied", ()))
        if flag in asked
        and flag in SCREENED
        and report.answer(flag) == Answer.NO
        and _urgent_if_yes(report, flag)
    ]


def _screen(flags: list[Flag]) -> tuple[Step, dict[str, Any]]:
    return Step.SCREEN, {"items": [str(f) for f in flags]}


def _flag_question(flag: Flag) -> tuple[Step, dict[str, Any]]:
    if flag == Flag.CANNOT_WALK:
        return Step.WALK, {}
    return Step.FLAG, {"flag": str(flag)}


def _settling_matters(report: PainReport) -> bool:
    if report.within_limits != Answer.UNKNOWN or assess(report).level != MODIFY:
        return False
    return assess(with_changes(report, within_limits=Answer.YES)).level == CONTINUE


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
