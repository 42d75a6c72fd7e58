"""The question catalogue: one entry per profile question, read by onboarding and /settings.

An entry says its name (the step onboarding and /settings ask it under, and the key of its
texts: onboarding.name.<name>, .edit.<name> and .example.<name>, the example shown after
unreadable input), which profile field it fills, how it asks (text and buttons), how it reads
an answer, how the answer is shown in the summary and on a /settings button, the words that
name it, the follow-up steps some answers need (morning or evening, which place), and when it
is asked at all (the race day only with a race). The order of CATALOGUE is the order a new
runner meets the questions; onboarding, the summary, /settings and the storage mapper all
follow it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from dialogs.core import Context, Reply, UserInput
from dialogs.profile import choices, season, when, zones
from dialogs.profile.base import Ask, FollowUp, Read, Reading
from dialogs.records import Profile
from dialogs.texts import CatalogueError, Html, has, t
from dialogs.vocabulary import VOCABULARY_FILE, VocabularyError, vocabulary

Shown = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True, slots=True)
class Part:
    """One step of asking: how it asks and how it reads the input."""

    ask: Ask
    read: Read
    # The working value the step keeps while it is asked ("half", "places"); dropped after.
    keeps: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    # Its name: the dialogs' step while it is asked, and the key of its texts and words.
    step: str
    field: str  # the Profile field it fills
    ask: Ask
    read: Read
    describe: Callable[[Mapping[str, Any]], Html]  # in the summary (HTML)
    label: Shown | None = None  # on a /settings menu button (plain text); describe if None
    ticks: bool = False  # a multi-select: asked again with the saved answer ticked
    # dataclasses.field in full: the `field` attribute above shadows the bare name for mypy.
    follow_ups: Mapping[str, Part] = dataclasses.field(default_factory=dict)
    # Answers shown beside the saved value, worked out from it (a zone's place name).
    beside: Callable[[Any], dict[str, Any]] | None = None
    # Other Profile fields the answer fills besides `field` (weekly running: time and unit).
    also: tuple[str, ...] = ()
    # Whether the question is asked, given the answers so far; None: always.
    when: Callable[[Mapping[str, Any]], bool] | None = None
    # None is an answer ("not sure yet"); otherwise a None field was never asked.
    none_answers: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *self.also)

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when is None or self.when(answers)

    @property
    def words(self) -> tuple[str, ...]:
        """What runners type to name the question ("change goal")."""
        return vocabulary().summary[self.step]


CATALOGUE: tuple[Question, ...] = (
    Question("goal", "goal", choices.ask_goal, choices.read_goal, choices.described_goal),
    Question(
        "niggle",
        "niggle",
        season.ask_niggle,
        season.read_niggle,
        season.described_niggle,
        when=season.coming_back,
    ),
    Question("race", "race_distance", season.ask_race, season.read_race, season.described_race),
    Question(
        "race_day",
        "race_day",
        season.ask_race_day,
        season.read_race_day,
        season.described_race_day,
        follow_ups={
            season.RACE_MONTH: Part(season.ask_race_month, season.read_race_month, "months")
        },
        when=season.has_race,
        none_answers=True,
    ),
    Question(
        "experience",
        "experience",
        choices.ask_experience,
        choices.read_experience,
        choices.described_experience,
    ),
    Question(
        "runs", "runs_per_week", choices.ask_runs, choices.read_runs, choices.described_runs
    ),
    Question(
        "weekly",
        "weekly_distance_km",
        season.ask_weekly,
        season.read_weekly,
        season.described_weekly,
        also=("weekly_minutes", "distance_unit"),
        none_answers=True,
    ),
    Question(
        "equipment",
        "equipment",
        choices.ask_equipment,
        choices.read_equipment,
        choices.described_equipment,
        label=choices.equipment_label,
        ticks=True,
    ),
    Question(
        "days",
        "workout_days",
        when.ask_days,
        when.read_days,
        when.described_days,
        label=when.days_label,
        ticks=True,
    ),
    Question(
        "time",
        "workout_time",
        when.ask_time,
        when.read_time,
        when.described_time,
        follow_ups={when.TIME_HALF: Part(when.ask_time_half, when.read_time_half, "half")},
    ),
    Question(
        "hard_days",
        "hard_run_days",
        when.ask_hard_days,
        when.read_hard_days,
        when.described_hard_days,
        label=when.hard_days_label,
        ticks=True,
    ),
    Question(
        "timezone",
        "timezone",
        zones.ask_timezone,
        zones.read_timezone,
        zones.described_timezone,
        label=zones.timezone_label,
        follow_ups={
            zones.TIMEZONE_PICK: Part(zones.ask_timezone_pick, zones.read_timezone_pick, "places")
        },
        beside=zones.labelled,
    ),
    Question(
        "consent",
        "pain_consent",
        choices.ask_consent,
        choices.read_consent,
        choices.described_consent,
        label=choices.consent_label,
    ),
)
BY_STEP: Mapping[str, Question] = {q.step: q for q in CATALOGUE}
# Every step a question is asked under, in order: each question, then its follow-ups. The
# dialogs take their step names from here.
STEPS: tuple[str, ...] = tuple(name for q in CATALOGUE for name in (q.step, *q.follow_ups))
# The question each step belongs to (a follow-up's, or itself).
_OWNER: Mapping[str, Question] = {name: q for q in CATALOGUE for name in (q.step, *q.follow_ups)}
if len(_OWNER) != len(STEPS):
    raise ValueError(f"two catalogue steps share a name: {sorted(STEPS)}")
# The steps read() understands: every question and the follow-ups some answers need.
ANSWER_STEPS = frozenset(STEPS)
FIELDS: Mapping[str, str] = {q.step: q.field for q in CATALOGUE}
# Every Profile field a question fills.
PROFILE_FIELDS = frozenset(name for q in CATALOGUE for name in q.fields)


def _part(step: str) -> Part:
    question = BY_STEP.get(step)
    if question is not None:
        return Part(question.ask, question.read, "picked" if question.ticks else None)
    return _OWNER[step].follow_ups[step]


def _check_words() -> None:
    """Every question has words that name it, and every entry names a question or confirm."""
    named = set(vocabulary().summary)
    expected = {"confirm", *map(str, BY_STEP)}
    if named != expected:
        wrong = sorted(named ^ expected)
        raise VocabularyError(f"{VOCABULARY_FILE}: [summary] entries missing or unknown: {wrong}")


def _check_texts(catalogue: Sequence[Question]) -> None:
    """Every question has its name (summary, "Saved. <name>: ..."), its edit button and an
    example, so a missing text stops start-up instead of a runner's conversation."""
    kinds = ("name", "edit", "example")
    keys = [f"onboarding.{kind}.{q.step}" for q in catalogue for kind in kinds]
    if absent := [key for key in keys if not has(key)]:
        raise CatalogueError(f"messages/onboarding.toml: missing {absent}")


_check_words()
_check_texts(CATALOGUE)


# ---------------------------------------------------------------- asking and reading


def question(step: str, data: Mapping[str, Any], *, lead: Sequence[str] = ()) -> Reply:
    """The question of step (a question or a follow-up), after any lead lines.

    data holds the answers so far under "answers" and the step's working values ("picked",
    "half", "places").
    """
    text, buttons = _part(step).ask(data)
    return Reply("\n".join([*lead, text]), buttons)


def read(step: str, data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    """What the input means at a step in ANSWER_STEPS, given the step's data; a FollowUp
    always names the step to ask.

    A pressed button must be one of button_values(step, data); check that first.
    """
    reading = _part(step).read(data, event, ctx)
    if isinstance(reading, FollowUp) and reading.step is None:
        return dataclasses.replace(reading, step=owner(step))
    return reading


def owner(step: str) -> str:
    """The question a step belongs to: itself, or the question of a follow-up."""
    return _OWNER[step].step


def retry(step: str, data: Mapping[str, Any]) -> Reply:
    """The question of step again after input it could not read, with an example answer."""
    example = t(f"onboarding.example.{step}")
    return question(step, data, lead=[t("onboarding.retry", example=example)])


def step_help(step: str) -> str | None:
    """What a question's choices mean (onboarding.help.<step>), for a runner who asks; None
    for a question that needs no explaining."""
    key = f"onboarding.help.{step}"
    return t(key) if has(key) else None


def button_values(step: str, data: Mapping[str, Any]) -> set[str]:
    """The values of the buttons the question of step shows, to tell expired presses apart."""
    return {button.value for row in question(step, data).buttons for button in row}


def working_keys(step: str) -> frozenset[str]:
    """The working values step keeps while it is asked; any other step drops them."""
    keeps = _part(step).keeps if step in ANSWER_STEPS else None
    return frozenset({keeps} if keeps else ())


ALL_WORKING_KEYS = frozenset(key for step in ANSWER_STEPS for key in working_keys(step))


def working(to: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The working values a fresh ask of step to starts from: a multi-select shows its ticks."""
    question = BY_STEP.get(to)
    if question is None or not question.ticks:
        return {}
    current = answers.get(question.field)
    return {"picked": list(current) if isinstance(current, list) else []}


# A question without an answer shows this, so no describer has to expect a missing answer: a
# question added since the runner onboarded, or one the other answers no longer ask.
_NOT_SET = "onboarding.summary.not_set"


def describe(step: str, answers: Mapping[str, Any]) -> Html:
    """One answer as the summary shows it, e.g. "Mon, Wed, Fri" or "London, United Kingdom"."""
    question = BY_STEP[step]
    return question.describe(answers) if question.field in answers else Html(t(_NOT_SET))


def answered_by(step: str, changed: Collection[str], answers: Mapping[str, Any]) -> list[str]:
    """The questions an answer to step changed: step itself first, then any other whose
    fields it changed and that the answers ask (a race typed with its day changes both)."""
    others = [
        q.step
        for q in CATALOGUE
        if q.step != step and q.applies(answers) and any(f in changed for f in q.fields)
    ]
    return [step, *others]


def label(step: str, answers: Mapping[str, Any]) -> str:
    """One answer as a /settings menu button shows it, in plain text."""
    question = BY_STEP[step]
    if question.field not in answers:
        return t(_NOT_SET)
    return (question.label or question.describe)(answers)


def applies(step: str, answers: Mapping[str, Any]) -> bool:
    """Whether the question of step is asked, given the answers (the race day needs a race)."""
    return BY_STEP[step].applies(answers)


def without_unasked(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers without those of questions the other answers no longer ask (a race day
    once the runner has no race), so asking again starts fresh."""
    kept = dict(answers)
    for question in CATALOGUE:
        if not question.applies(kept):
            for name in question.fields:
                kept.pop(name, None)
    return kept


def missing(answers: Mapping[str, Any]) -> str | None:
    """The first question asked for these answers that has no answer yet."""
    return next(
        (q.step for q in CATALOGUE if q.applies(answers) and q.field not in answers), None
    )


def brought_in(before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """A question the change from before to after brings in, still unanswered (the race day
    once there is a race, which niggle once coming back from one)."""
    return next(
        (
            q.step
            for q in CATALOGUE
            if q.applies(after) and not q.applies(before) and q.field not in after
        ),
        None,
    )


def profile_fields(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every field the questions fill, from the answers; a question not asked clears its
    fields (None)."""
    return {
        name: answers.get(name) if question.applies(answers) else None
        for question in CATALOGUE
        for name in question.fields
    }


def answers_from_profile(profile: Profile) -> dict[str, Any]:
    """A saved profile as the questions keep answers (JSON values, plus e.g. the zone's label).

    A question added after the runner onboarded has no answer yet (its field is None), so it
    is left out: it counts as not answered, and /start or /settings asks it.
    """
    answers: dict[str, Any] = {}
    for question in CATALOGUE:
        value = getattr(profile, question.field)
        if value is None and not question.none_answers:
            continue
        for name in question.fields:
            answers[name] = _as_answer(getattr(profile, name))
        if question.beside is not None:
            answers |= question.beside(value)
    return without_unasked(answers)


def _declared_order(member: Enum) -> int:
    return list(type(member)).index(member)


def _as_answer(value: Any) -> Any:
    """A profile value as JSON: enums as their strings, sets in enum order, times as HH:MM."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return [str(m) for m in sorted(value, key=_declared_order)]
    if isinstance(value, tuple):
        return [str(m) for m in value]
    if isinstance(value, Enum):
        return str(value)
    return value
