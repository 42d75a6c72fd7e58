"""/start: the onboarding questions, a summary where any answer can be changed, and the review
a known runner gets when they send /start again.

Every question has buttons and also reads typed answers (dialogs.parsing); the time zone can
be typed or shared as a location (dialogs.timezones). Nothing is saved until the runner
confirms the summary. See onboarding.mmd for the transitions.

/settings asks the same questions one at a time through question(), read(), retry() and
button_values(), so both dialogs word, show and read every answer alike.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from typing import Any

from dialogs.confirmations import Confirming, read_confirmation
from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    LocationShared,
    LogEvent,
    Reply,
    SaveProfile,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.parsing import (
    AmbiguousTime,
    parse_choice,
    parse_count,
    parse_days,
    parse_multi_choice,
    parse_time,
)
from dialogs.records import Profile
from dialogs.texts import Html, t
from dialogs.timezones import (
    Ambiguous,
    NotFound,
    Resolved,
    resolve_timezone,
    timezone_at,
    zone_label,
)
from dialogs.vocabulary import Equipment, Experience, Goal, Weekday

NAME = "onboarding"

MAX_RUNS = 14
RUN_BUTTONS = range(8)
TIME_BUTTONS = ("06:30", "07:30", "12:30", "18:00", "19:30")
FIRST_SESSION = "go:workout"


class Step(StrEnum):
    START = "start"
    GOAL = "goal"
    EXPERIENCE = "experience"
    RUNS = "runs"
    EQUIPMENT = "equipment"  # multi-select
    DAYS = "days"  # multi-select
    TIME = "time"
    TIME_HALF = "time_half"  # a bare "7": morning or evening?
    HARD_DAYS = "hard_days"  # multi-select, optional
    TIMEZONE = "timezone"
    TIMEZONE_PICK = "timezone_pick"  # several places fit, or only near spellings did
    CONSENT = "consent"
    SUMMARY = "summary"
    KNOWN = "known"  # a runner with a saved profile sent /start


# The questions in the order a new runner meets them; each one can be changed from the summary.
QUESTIONS = (
    Step.GOAL,
    Step.EXPERIENCE,
    Step.RUNS,
    Step.EQUIPMENT,
    Step.DAYS,
    Step.TIME,
    Step.HARD_DAYS,
    Step.TIMEZONE,
    Step.CONSENT,
)
# The answer each question fills in, as stored in DialogState.data["answers"].
FIELDS = {
    Step.GOAL: "goal",
    Step.EXPERIENCE: "experience",
    Step.RUNS: "runs_per_week",
    Step.EQUIPMENT: "equipment",
    Step.DAYS: "workout_days",
    Step.TIME: "workout_time",
    Step.HARD_DAYS: "hard_run_days",
    Step.TIMEZONE: "timezone",
    Step.CONSENT: "pain_consent",
}
_MULTI = {Step.EQUIPMENT: "kit:", Step.DAYS: "day:", Step.HARD_DAYS: "hard:"}

# What runners type for each choice; parse_choice also forgives typos in these.
GOAL_WORDS: Mapping[str, Sequence[str]] = {
    Goal.FASTER: (
        "faster",
        "faster 5k",
        "faster 10k",
        "5k",
        "10k",
        "pb",
        "pr",
        "personal best",
        "speed",
        "run faster",
        "quicker",
        "race",
        "race better",
    ),
    Goal.PREVENT: (
        "prevent injuries",
        "prevent",
        "injury",
        "injuries",
        "injury free",
        "avoid injury",
        "stay healthy",
        "prehab",
        "stay injury free",
    ),
    Goal.STRONGER: (
        "stronger glutes",
        "stronger",
        "strength",
        "strong",
        "toned",
        "tone",
        "glutes",
        "bum",
        "butt",
        "stronger or toned glutes",
    ),
    Goal.COMEBACK: (
        "come back",
        "comeback",
        "niggle",
        "come back from a niggle",
        "coming back",
        "return",
        "returning",
        "rehab",
        "back from injury",
        "after injury",
        "getting back",
    ),
}
EXPERIENCE_WORDS: Mapping[str, Sequence[str]] = {
    Experience.NEW: (
        "new",
        "beginner",
        "newbie",
        "novice",
        "just started",
        "starting out",
        "new to running",
        "couch to 5k",
        "c25k",
        "few months",
        "a few months",
    ),
    Experience.REGULAR: (
        "regular",
        "regularly",
        "few years",
        "a few years",
        "a year",
        "a couple of years",
        "intermediate",
        "casual",
        "on and off",
        "a while",
        "some",
    ),
    Experience.EXPERIENCED: (
        "experienced",
        "marathoner",
        "marathon runner",
        "marathons",
        "many years",
        "years",
        "advanced",
        "veteran",
        "ultra",
        "ultrarunner",
        "competitive",
        "club runner",
        "decades",
        "ages",
    ),
}
KIT_WORDS: Mapping[str, Sequence[str]] = {
    Equipment.NONE: (
        "none",
        "nothing",
        "no equipment",
        "no kit",
        "bodyweight",
        "body weight",
        "just me",
        "just my body",
        "floor",
        "nada",
        "zero",
    ),
    Equipment.BAND: (
        "band",
        "bands",
        "loop band",
        "mini band",
        "resistance band",
        "booty band",
        "theraband",
        "loop",
    ),
    Equipment.DUMBBELL: (
        "dumbbell",
        "dumbbells",
        "dumbells",
        "db",
        "dbs",
        "kettlebell",
        "kettlebells",
        "kb",
        "kbs",
        "weights",
        "free weights",
    ),
    Equipment.BARBELL: ("barbell", "barbells", "bar", "olympic bar", "squat rack", "rack"),
    Equipment.MACHINE: (
        "machine",
        "machines",
        "gym machines",
        "gym",
        "cable",
        "cables",
        "leg press",
    ),
    Equipment.BENCH: (
        "bench",
        "box",
        "step",
        "plyo box",
        "sturdy step",
        "chair",
        "stairs",
        "sofa",
        "couch",
    ),
}
ALL_KIT_WORDS = (
    "full gym",
    "whole gym",
    "everything",
    "all of it",
    "all of them",
    "all of the above",
    "the lot",
)
HALF_WORDS: Mapping[str, Sequence[str]] = {
    "am": ("morning", "mornings", "am", "a.m.", "early", "before work", "sunrise"),
    "pm": ("evening", "evenings", "pm", "p.m.", "night", "tonight", "after work", "afternoon"),
}
NO_DAYS_WORDS: Mapping[str, Sequence[str]] = {
    "none": (
        "none",
        "no",
        "skip",
        "nope",
        "n/a",
        "na",
        "nothing",
        "no long runs",
        "varies",
        "it varies",
        "depends",
        "not really",
        "no fixed days",
    ),
}
DONE_WORDS: Mapping[str, Sequence[str]] = {
    "done": ("done", "that's it", "thats it", "finished", "ok", "okay", "next", "that's all"),
}
SUMMARY_WORDS: Mapping[str, Sequence[str]] = {
    "confirm": (
        "looks good",
        "good",
        "yes",
        "y",
        "yep",
        "ok",
        "okay",
        "confirm",
        "correct",
        "perfect",
        "all good",
        "save",
        "great",
        "fine",
    ),
    Step.GOAL: ("goal", "change goal", "my goal"),
    Step.EXPERIENCE: ("experience", "level", "running experience"),
    Step.RUNS: ("runs", "runs per week", "runs a week", "how often", "number of runs"),
    Step.EQUIPMENT: ("equipment", "kit", "gear"),
    Step.DAYS: ("days", "workout days", "training days"),
    Step.TIME: ("time", "workout time", "reminder", "reminder time", "when"),
    Step.HARD_DAYS: ("long runs", "long run", "hard runs", "hard days", "long run days"),
    Step.TIMEZONE: ("timezone", "time zone", "zone", "city", "location", "where"),
    Step.CONSENT: ("consent", "pain reports", "pain", "privacy", "data"),
}
KNOWN_WORDS: Mapping[str, Sequence[str]] = {
    "ok": (
        "looks good",
        "good",
        "yes",
        "y",
        "ok",
        "okay",
        "fine",
        "all good",
        "still right",
        "correct",
        "nothing",
    ),
    "edit": ("change", "change an answer", "edit", "update", "change something"),
    "restart": ("start over", "restart", "again", "reset", "from scratch", "redo"),
}


# ---------------------------------------------------------------- entry points


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """The next transition of onboarding for one input."""
    if state is None or isinstance(event, Started) or state.step not in _HANDLERS:
        return _start(ctx)
    if isinstance(event, ButtonPressed) and event.value not in button_values(
        Step(state.step), state.data
    ):
        return Transition(state, (Reply(t("core.expired")), *prompt(state, ctx)))
    handled = _HANDLERS[Step(state.step)](state, event, ctx)
    return handled or Transition(state, (retry(Step(state.step), state.data),))


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, as first asked."""
    if state.step not in _HANDLERS:
        return (question(Step.GOAL, {"answers": {}}),)
    return (question(Step(state.step), state.data),)


def _start(ctx: Context) -> Transition:
    if ctx.profile is not None:
        # A known runner: show what we have, and change nothing unless they confirm.
        known = DialogState(NAME, Step.KNOWN, {"answers": answers_from_profile(ctx.profile)})
        return Transition(known, (question(Step.KNOWN, known.data),))
    first = DialogState(NAME, Step.GOAL, {"answers": {}})
    greeting = (
        t("onboarding.greeting", name=ctx.first_name)
        if ctx.first_name
        else t("onboarding.greeting_anonymous")
    )
    return Transition(first, (Reply(greeting), question(Step.GOAL, first.data)))


def answers_from_profile(profile: Profile) -> dict[str, Any]:
    """A saved profile as onboarding keeps its answers (JSON values, plus the zone's label)."""
    return {
        "goal": str(profile.goal),
        "experience": str(profile.experience),
        "runs_per_week": profile.runs_per_week,
        "equipment": _in_order(profile.equipment, Equipment),
        "workout_days": [str(d) for d in profile.workout_days],
        "workout_time": profile.workout_time.strftime("%H:%M"),
        "hard_run_days": [str(d) for d in profile.hard_run_days],
        "timezone": profile.timezone,
        "timezone_label": zone_label(profile.timezone),
        "pain_consent": profile.pain_consent,
    }


# ---------------------------------------------------------------- moving between steps


def _answers(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(data.get("answers", {}))


def working(to: Step, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The working values a fresh ask of step to starts from: a multi-select shows its ticks."""
    if to not in _MULTI:
        return {}
    current = answers.get(FIELDS[to])
    return {"picked": list(current) if isinstance(current, list) else []}


def _go(state: DialogState, to: Step, *, lead: Sequence[str] = (), **data: Any) -> Transition:
    """Ask the question of step to, after the lead lines."""
    merged = {**state.data, **data}
    # Working values belong to one step; leaving it drops them.
    owners = {
        "picked": to in _MULTI,
        "half": to is Step.TIME_HALF,
        "places": to is Step.TIMEZONE_PICK,
    }
    for key in [key for key, kept in owners.items() if not kept]:
        merged.pop(key, None)
    if "picked" not in data:
        merged.update(working(to, merged.get("answers", {})))
    moved = DialogState(NAME, to, merged)
    return Transition(moved, (question(to, merged, lead=lead),))


def _answered(
    state: DialogState, question: Step, *, lead: Sequence[str] = (), **answer: Any
) -> Transition:
    """Store the answer to question, then ask the next one (or show the summary)."""
    data = {**state.data, "answers": {**_answers(state.data), **answer}}
    data.pop("picked", None)  # the next multi-select starts from its own answer
    after = DialogState(NAME, Step(state.step), data)
    if data.get("editing") or question is QUESTIONS[-1]:
        return _go(after, Step.SUMMARY, lead=lead)
    return _go(after, QUESTIONS[QUESTIONS.index(question) + 1], lead=lead)


def retry(step: Step, data: Mapping[str, Any]) -> Reply:
    """The question of step again after input it could not read, with an example answer."""
    example = t(f"onboarding.example.{step}")
    return question(step, data, lead=[t("onboarding.retry", example=example)])


def _pressed(event: UserInput, prefix: str) -> str | None:
    if isinstance(event, ButtonPressed) and event.value.startswith(prefix):
        return event.value.removeprefix(prefix)
    return None


def _typed(event: UserInput) -> str | None:
    return event.text if isinstance(event, TextReceived) else None


def _choice(event: UserInput, prefix: str, words: Mapping[str, Sequence[str]]) -> str | None:
    """A button's value or what the typed text means among words."""
    if (pressed := _pressed(event, prefix)) is not None:
        return pressed
    text = _typed(event)
    said = parse_choice(text, words) if text is not None else None
    return None if said is None else str(said)


# ---------------------------------------------------------------- reading answers
# Shared with /settings, which asks the same questions one at a time. Each reader returns
# None when it cannot read the input; the dialog then re-asks with an example.


@dataclass(frozen=True, slots=True)
class Answered:
    """A question answered: its answers (JSON values, as in answers) and lines to say first."""

    question: Step
    answers: dict[str, Any]
    lead: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Not an answer yet: ask step (a tick toggled, morning or evening, which place)."""

    step: Step
    working: dict[str, Any] = field(default_factory=dict)
    lead: tuple[str, ...] = ()


Reading = Answered | FollowUp | None


def read(step: Step, data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    """What the input means at a question step (see ANSWER_STEPS), given the step's data.

    A pressed button must be one of button_values(step, data); check that first.
    """
    return _READERS[step](data, event, ctx)


def _read_goal(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    goal = _choice(event, "goal:", GOAL_WORDS)
    return Answered(Step.GOAL, {"goal": goal}) if goal else None


def _read_experience(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    level = _choice(event, "exp:", EXPERIENCE_WORDS)
    return Answered(Step.EXPERIENCE, {"experience": level}) if level else None


def _read_runs(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (pressed := _pressed(event, "runs:")) is not None:
        runs: int | None = int(pressed)
    elif (text := _typed(event)) is not None:
        runs = parse_count(text, low=0, high=MAX_RUNS)
    else:
        return None
    return None if runs is None else Answered(Step.RUNS, {"runs_per_week": runs})


def _toggled(picked: list[str], value: str, *, exclusive: str | None = None) -> list[str]:
    if value in picked:
        return [p for p in picked if p != value]
    if value == exclusive:
        return [value]
    return [p for p in picked if p != exclusive] + [value]


def _in_order(values: Collection[str], enum: type[StrEnum]) -> list[str]:
    return [str(member) for member in enum if member in values]


def _read_equipment(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := _pressed(event, "kit:")) is not None:
        if value != "done":
            return FollowUp(Step.EQUIPMENT, {"picked": _toggled(picked, value, exclusive="none")})
        # Nothing ticked is an answer too: body weight only.
        return Answered(Step.EQUIPMENT, {"equipment": _in_order(picked, Equipment) or ["none"]})
    text = _typed(event)
    if text is None:
        return None
    if kit := parse_multi_choice(text, KIT_WORDS, everything=ALL_KIT_WORDS, exclusive="none"):
        return Answered(Step.EQUIPMENT, {"equipment": _in_order(kit, Equipment)})
    if parse_choice(text, DONE_WORDS):
        return _read_equipment(data, ButtonPressed("kit:done"), ctx)
    return None


def _read_days(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := _pressed(event, "day:")) is not None:
        if value != "done":
            return FollowUp(Step.DAYS, {"picked": _toggled(picked, value)})
        if not picked:
            return FollowUp(Step.DAYS, {"picked": []}, (t("onboarding.summary.need_day"),))
        days = _in_order(picked, Weekday)
    elif (text := _typed(event)) is None:
        return None
    elif parsed := parse_days(text):
        days = [str(d) for d in parsed]
    elif parse_choice(text, DONE_WORDS):
        return _read_days(data, ButtonPressed("day:done"), ctx)
    else:
        return None
    ack = t("onboarding.ack.days", days=_day_list(days))
    return Answered(Step.DAYS, {"workout_days": days}, (ack,))


def _time_answered(chosen: time) -> Answered:
    clock = chosen.strftime("%H:%M")
    return Answered(Step.TIME, {"workout_time": clock}, (t("onboarding.ack.time", time=clock),))


def _typed_time(text: str) -> Reading:
    match parse_time(text):
        case time() as chosen:
            return _time_answered(chosen)
        case AmbiguousTime(morning=morning, evening=evening):
            half = [morning.strftime("%H:%M"), evening.strftime("%H:%M")]
            return FollowUp(Step.TIME_HALF, {"half": half})
    return None


def _read_time(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (pressed := _pressed(event, "time:")) is not None:
        return _time_answered(time(int(pressed[:2]), int(pressed[2:])))
    text = _typed(event)
    return _typed_time(text) if text is not None else None


def _read_time_half(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    morning, evening = (time.fromisoformat(h) for h in data["half"])
    half = _choice(event, "half:", HALF_WORDS)
    if half:
        return _time_answered(morning if half == "am" else evening)
    text = _typed(event)
    return _typed_time(text) if text is not None else None


def _read_hard_days(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := _pressed(event, "hard:")) is not None:
        if value not in {"done", "none"}:
            return FollowUp(Step.HARD_DAYS, {"picked": _toggled(picked, value)})
        days = [] if value == "none" else _in_order(picked, Weekday)
    elif (text := _typed(event)) is None:
        return None
    elif parsed := parse_days(text):
        days = [str(d) for d in parsed]
    elif parse_choice(text, NO_DAYS_WORDS):
        days = []
    elif parse_choice(text, DONE_WORDS):
        days = _in_order(picked, Weekday)
    else:
        return None
    ack = (
        t("onboarding.ack.hard_days", days=_day_list(days))
        if days
        else t("onboarding.ack.no_hard_days")
    )
    return Answered(Step.HARD_DAYS, {"hard_run_days": days}, (ack,))


def _zone_answered(tz: str, label: str) -> Answered:
    ack = t("onboarding.ack.timezone", zone=_zone_text(tz, label))
    return Answered(Step.TIMEZONE, {"timezone": tz, "timezone_label": label}, (ack,))


def _zone_text(tz: str, label: str) -> Html:
    """How a zone reads: "Portland, Oregon (America/Los_Angeles)", or "UTC+02:00" alone."""
    if label == tz or tz == "UTC" or tz.startswith("Etc/") or label.startswith("UTC"):
        # An Etc name would only confuse: Etc/GMT-2 is two hours ahead of UTC.
        return Html(html.escape(label, quote=False))
    return Html(t("onboarding.summary.zone", place=label, tz=tz))


def _typed_zone(text: str, ctx: Context) -> Reading:
    match resolve_timezone(text, now=ctx.now):
        case Resolved(tz=tz, label=label):
            return _zone_answered(tz, label)
        case Ambiguous(candidates=candidates):
            return FollowUp(Step.TIMEZONE_PICK, {"places": [list(c) for c in candidates]})
        case NotFound(offset=offset) if offset:
            lead = (t("onboarding.timezone.no_offset", offset=offset),)
            return FollowUp(Step.TIMEZONE, lead=lead)
        case NotFound(suggestions=suggestions) if suggestions:
            example = t("onboarding.example.timezone")
            lead = (
                t("onboarding.timezone.did_you_mean"),
                t("onboarding.timezone.another_way", example=example),
            )
            places = [list(s) for s in suggestions]
            return FollowUp(Step.TIMEZONE_PICK, {"places": places}, lead)
    example = t("onboarding.retry", example=t("onboarding.example.timezone"))
    return FollowUp(Step.TIMEZONE, lead=(t("onboarding.timezone.not_found"), example))


def _shared_zone(event: LocationShared) -> Reading:
    tz = timezone_at(event.latitude, event.longitude)
    if tz is None:
        return FollowUp(Step.TIMEZONE, lead=(t("onboarding.timezone.no_location"),))
    return _zone_answered(tz, zone_label(tz))


def _read_timezone(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    answers = _answers(data)
    match event:
        case ButtonPressed(value="tz:utc"):
            return _zone_answered("UTC", "UTC")
        case ButtonPressed(value="tz:keep"):
            return _zone_answered(answers["timezone"], answers["timezone_label"])
        case LocationShared():
            return _shared_zone(event)
        case TextReceived(text=text):
            return _typed_zone(text, ctx)
    return None


def _read_timezone_pick(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    places: list[list[str]] = data.get("places", [])
    match event:
        case ButtonPressed(value="tz:other"):
            return FollowUp(Step.TIMEZONE)
        case ButtonPressed(value=value):
            label, tz = places[int(value.removeprefix("tz:"))]
            return _zone_answered(tz, label)
        case LocationShared():
            return _shared_zone(event)
        case TextReceived(text=text):
            if (picked := _place_named(text, places)) is not None:
                label, tz = places[picked]
                return _zone_answered(tz, label)
            return _typed_zone(text, ctx)
    return None


def _place_named(text: str, places: Sequence[Sequence[str]]) -> int | None:
    """Which offered place the runner typed: its number, its label, or its region ("oregon")."""
    if text.strip().isdigit():
        number = int(text.strip())
        return number - 1 if 1 <= number <= len(places) else None
    words = {str(i): (label, *label.split(", ")[1:]) for i, (label, _) in enumerate(places)}
    picked = parse_choice(text, words)
    return None if picked is None else int(picked)


def _read_consent(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    """Consent is a permission: only the button or an exact yes or no counts ("not ok" is
    neither), and anything else asks again for a clear answer."""
    if (pressed := _pressed(event, "consent:")) is not None:
        return Answered(Step.CONSENT, {"pain_consent": pressed == "yes"})
    text = _typed(event)
    if text is None:
        return None
    agreed = read_confirmation(text, step=Confirming.CONSENT)
    if agreed is None:
        return FollowUp(Step.CONSENT, lead=(t("onboarding.consent_unclear"),))
    return Answered(Step.CONSENT, {"pain_consent": agreed})


_READERS = {
    Step.GOAL: _read_goal,
    Step.EXPERIENCE: _read_experience,
    Step.RUNS: _read_runs,
    Step.EQUIPMENT: _read_equipment,
    Step.DAYS: _read_days,
    Step.TIME: _read_time,
    Step.TIME_HALF: _read_time_half,
    Step.HARD_DAYS: _read_hard_days,
    Step.TIMEZONE: _read_timezone,
    Step.TIMEZONE_PICK: _read_timezone_pick,
    Step.CONSENT: _read_consent,
}
# The steps read() understands: every question and the follow-ups some answers need.
ANSWER_STEPS = frozenset(_READERS)


# ---------------------------------------------------------------- step handlers


def _on_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    match read(Step(state.step), state.data, event, ctx):
        case Answered(question=asked, answers=answers, lead=lead):
            return _answered(state, asked, lead=lead, **answers)
        case FollowUp(step=to, working=values, lead=lead):
            return _go(state, to, lead=lead, **values)
    return None


def _on_summary(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    if isinstance(event, ButtonPressed):
        said: str | None = event.value.removeprefix("edit:")
    elif (text := _typed(event)) is not None:
        said = parse_choice(text, SUMMARY_WORDS)
    else:
        return None
    if said is None:
        return None
    if said == "confirm":
        return _finish(state, ctx)
    return _go(state, Step(said), editing=True)


def _on_known(state: DialogState, event: UserInput, ctx: Context) -> Transition | None:
    said = _choice(event, "known:", KNOWN_WORDS)
    if said == "ok":
        return Transition(None, (Reply(t("onboarding.closing.kept"), _first_session()),))
    if said == "edit":
        return _go(state, Step.SUMMARY, editing=True)
    if said == "restart":
        # The saved profile stays until the new answers are confirmed.
        return _go(state, Step.GOAL, answers={}, editing=False)
    return None


def _finish(state: DialogState, ctx: Context) -> Transition:
    answers = _answers(state.data)
    missing = next((q for q in QUESTIONS if FIELDS[q] not in answers), None)
    if missing is not None:
        return _go(state, missing, editing=False)
    fields = {name: answers[name] for name in FIELDS.values()}
    logged = {
        "goal": answers["goal"],
        "experience": answers["experience"],
        "runs_per_week": answers["runs_per_week"],
        "workout_days": len(answers["workout_days"]),
        "pain_consent": answers["pain_consent"],
        "returning": ctx.profile is not None,
    }
    closing = t(
        "onboarding.closing.saved",
        days=_day_list(answers["workout_days"]),
        time=answers["workout_time"],
    )
    return Transition(
        None,
        (Reply(closing, _first_session()),),
        (SaveProfile(fields), LogEvent("onboarded", logged)),
    )


def _first_session() -> tuple[tuple[Button, ...], ...]:
    return ((Button(t("onboarding.button.first_session"), FIRST_SESSION),),)


_HANDLERS = {
    **dict.fromkeys(ANSWER_STEPS, _on_answer),
    Step.SUMMARY: _on_summary,
    Step.KNOWN: _on_known,
}

# ---------------------------------------------------------------- questions


def _rows(buttons: Sequence[Button], per_row: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def _day_list(days: Sequence[str]) -> Html:
    """ "Monday, Wednesday and Friday"."""
    names = [t(f"onboarding.day.{d}") for d in days]
    if len(names) < 2:
        return Html("".join(names))
    return Html(t("onboarding.and", head=Html(", ".join(names[:-1])), last=Html(names[-1])))


def _short_days(days: Sequence[str]) -> Html:
    if not days:
        return Html(t("onboarding.summary.none"))
    return Html(", ".join(t(f"onboarding.day_short.{d}") for d in days))


def _ticks(
    values: Sequence[str], picked: Sequence[str], prefix: str, label_key: str
) -> list[Button]:
    buttons = []
    for value in values:
        label = t(f"{label_key}.{value}")
        if value in picked:
            label = t("onboarding.ticked", label=Html(label))
        buttons.append(Button(label, f"{prefix}{value}"))
    return buttons


def _runs_context(runs: int) -> str:
    band = "many" if runs >= 5 else "base" if runs >= 3 else ("zero", "one", "few")[runs]
    return t(f"onboarding.runs_context.{band}", runs=runs)


def describe(question: Step, answers: Mapping[str, Any]) -> Html:
    """One answer as the summary shows it, e.g. "Mon, Wed, Fri" or "London, United Kingdom"."""
    value = answers[FIELDS[question]]
    match question:
        case Step.GOAL | Step.EXPERIENCE:
            return Html(t(f"onboarding.{question}.{value}"))
        case Step.EQUIPMENT:
            return Html(", ".join(t(f"onboarding.kit.{k}") for k in value))
        case Step.DAYS | Step.HARD_DAYS:
            return _short_days(value)
        case Step.TIMEZONE:
            return _zone_text(value, answers["timezone_label"])
        case Step.CONSENT:
            return Html(t("onboarding.summary.yes") if value else t("onboarding.summary.no"))
    # A count or a clock time: digits only, nothing to escape.
    return Html(str(value))


def _summary_lines(answers: Mapping[str, Any]) -> list[str]:
    return [t(f"onboarding.summary.{q}", value=describe(q, answers)) for q in QUESTIONS]


def question(step: Step, data: Mapping[str, Any], *, lead: Sequence[str] = ()) -> Reply:
    """The question of step, after any lead lines (an acknowledgement, a retry).

    data holds the answers so far under "answers" and the step's working values ("picked",
    "half", "places").
    """
    text, buttons = _ASK[step](data)
    return Reply("\n".join([*lead, text]), buttons)


def button_values(step: Step, data: Mapping[str, Any]) -> set[str]:
    """The values of the buttons the question of step shows, to tell expired presses apart."""
    return {button.value for row in question(step, data).buttons for button in row}


Asked = tuple[str, tuple[tuple[Button, ...], ...]]


def _ask_goal(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(t(f"onboarding.goal_button.{g}"), f"goal:{g}") for g in Goal]
    return t("onboarding.ask.goal"), _rows(buttons, 2)


def _ask_experience(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(t(f"onboarding.experience_button.{e}"), f"exp:{e}") for e in Experience]
    return t("onboarding.ask.experience"), _rows(buttons, 3)


def _ask_runs(data: Mapping[str, Any]) -> Asked:
    return t("onboarding.ask.runs"), _rows([Button(str(n), f"runs:{n}") for n in RUN_BUTTONS], 4)


def _ask_equipment(data: Mapping[str, Any]) -> Asked:
    picked = data.get("picked", [])
    kit = _ticks([str(e) for e in Equipment], picked, "kit:", "onboarding.kit")
    done = (Button(t("onboarding.done"), "kit:done"),)
    return t("onboarding.ask.equipment"), (*_rows(kit, 2), done)


def _day_buttons(data: Mapping[str, Any], prefix: str) -> tuple[tuple[Button, ...], ...]:
    picked = data.get("picked", [])
    days = _ticks([str(d) for d in Weekday], picked, prefix, "onboarding.day_short")
    return _rows(days, 4)


def _ask_days(data: Mapping[str, Any]) -> Asked:
    runs = _answers(data).get("runs_per_week")
    context = [_runs_context(runs)] if isinstance(runs, int) else []
    text = "\n".join([*context, t("onboarding.ask.days")])
    return text, (*_day_buttons(data, "day:"), (Button(t("onboarding.done"), "day:done"),))


def _ask_time(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(clock, "time:" + clock.replace(":", "")) for clock in TIME_BUTTONS]
    return t("onboarding.ask.time"), _rows(buttons, 3)


def _ask_time_half(data: Mapping[str, Any]) -> Asked:
    morning, evening = data["half"]
    hour = morning.removeprefix("0")
    buttons = (
        Button(t("onboarding.half.morning", time=morning), "half:am"),
        Button(t("onboarding.half.evening", time=evening), "half:pm"),
    )
    return t("onboarding.ask.time_half", hour=hour), (buttons,)


def _ask_hard_days(data: Mapping[str, Any]) -> Asked:
    last = (
        Button(t("onboarding.button.skip"), "hard:none"),
        Button(t("onboarding.done"), "hard:done"),
    )
    return t("onboarding.ask.hard_days"), (*_day_buttons(data, "hard:"), last)


def _ask_timezone(data: Mapping[str, Any]) -> Asked:
    answers = _answers(data)
    row = [Button(t("onboarding.button.utc"), "tz:utc")]
    if "timezone" in answers:
        # Button labels are plain text, not HTML: nothing in the place name needs escaping.
        keep = t("onboarding.button.keep", place=Html(answers["timezone_label"]))
        row.insert(0, Button(keep, "tz:keep"))
    text = t("onboarding.ask.timezone", time=answers.get("workout_time", TIME_BUTTONS[1]))
    return text, (tuple(row),)


def _ask_timezone_pick(data: Mapping[str, Any]) -> Asked:
    places = data.get("places", [])
    # One place a row: labels such as "Springfield, Massachusetts" are too long to pair.
    rows = tuple((Button(label, f"tz:{i}"),) for i, (label, _) in enumerate(places))
    other = (Button(t("onboarding.button.elsewhere"), "tz:other"),)
    return t("onboarding.ask.timezone_pick"), (*rows, other)


def _ask_consent(data: Mapping[str, Any]) -> Asked:
    buttons = (
        Button(t("onboarding.button.yes"), "consent:yes"),
        Button(t("onboarding.button.no"), "consent:no"),
    )
    return t("onboarding.ask.consent"), (buttons,)


def _ask_summary(data: Mapping[str, Any]) -> Asked:
    answers = _answers(data)
    if any(name not in answers for name in FIELDS.values()):
        # Only reachable from hand-edited state; confirming then asks what is missing.
        return t("onboarding.summary.confirm"), (
            (Button(t("onboarding.button.looks_good"), "confirm"),),
        )
    text = "\n".join(
        [t("onboarding.summary.title"), *_summary_lines(answers), t("onboarding.summary.confirm")]
    )
    edits = [Button(t(f"onboarding.edit.{q}"), f"edit:{q}") for q in QUESTIONS]
    return text, ((Button(t("onboarding.button.looks_good"), "confirm"),), *_rows(edits, 2))


def _ask_known(data: Mapping[str, Any]) -> Asked:
    answers = _answers(data)
    text = "\n".join(
        [
            t("onboarding.summary.known_title"),
            *_summary_lines(answers),
            t("onboarding.summary.known_confirm"),
        ]
    )
    buttons = (
        (Button(t("onboarding.button.looks_good"), "known:ok"),),
        (
            Button(t("onboarding.button.change_answer"), "known:edit"),
            Button(t("onboarding.button.start_over"), "known:restart"),
        ),
    )
    return text, buttons


_ASK = {
    Step.GOAL: _ask_goal,
    Step.EXPERIENCE: _ask_experience,
    Step.RUNS: _ask_runs,
    Step.EQUIPMENT: _ask_equipment,
    Step.DAYS: _ask_days,
    Step.TIME: _ask_time,
    Step.TIME_HALF: _ask_time_half,
    Step.HARD_DAYS: _ask_hard_days,
    Step.TIMEZONE: _ask_timezone,
    Step.TIMEZONE_PICK: _ask_timezone_pick,
    Step.CONSENT: _ask_consent,
    Step.SUMMARY: _ask_summary,
    Step.KNOWN: _ask_known,
}
