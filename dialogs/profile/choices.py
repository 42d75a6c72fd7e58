"""The questions answered by picking: goal, running experience, runs a week, equipment and
consent. Each has an asker (text and buttons), a reader, and how its answer is shown in the
summary (describe, HTML) and on a /settings menu button (label, plain text)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dialogs.confirmations import Confirming, read_confirmation
from dialogs.core import Button, ButtonPressed, Context, UserInput
from dialogs.parsing import count_range, parse_choice, parse_multi_choice
from dialogs.profile import season
from dialogs.profile.base import (
    Answered,
    Asked,
    FollowUp,
    Reading,
    choice,
    in_order,
    pressed,
    rows,
    ticks,
    toggled,
    typed,
)
from dialogs.texts import Html, t
from dialogs.vocabulary import Equipment, Experience, Goal, RaceDistance, vocabulary

MAX_RUNS = 14
RUN_BUTTONS = range(8)

# What runners type for each choice; parse_choice also forgives typos in these.
GOAL_WORDS = vocabulary().goal
# The distances the "faster" goal names ("Faster 5k/10k").
_GOAL_DISTANCES = frozenset({RaceDistance.FIVE_K, RaceDistance.TEN_K})
EXPERIENCE_WORDS = vocabulary().experience
KIT_WORDS = vocabulary().equipment
ALL_KIT_WORDS = vocabulary().equipment_all["all"]
DONE_WORDS = vocabulary().done


# ---------------------------------------------------------------- goal and experience


def ask_goal(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(t(f"onboarding.goal_button.{g}"), f"goal:{g}") for g in Goal]
    return t("onboarding.ask.goal"), rows(buttons, 2)


def read_goal(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    goal = choice(event, "goal:", GOAL_WORDS)
    text = typed(event)
    # The niggle named with the goal ("coming back from a sore achilles") answers its question.
    niggle = season.named_niggle(text, ctx) if goal == Goal.COMEBACK and text else None
    if niggle is not None:
        return Answered({"goal": goal, **niggle.answers}, niggle.lead)
    race = season.named_race(text, ctx) if text is not None else None
    if race is None or not season.has_race(race):
        return Answered({"goal": goal}) if goal else None
    # A race named with a goal ("faster for a 10k in march", "injury free for my marathon")
    # answers the race question too, but "a faster 5k" is the goal's own words, not a race.
    if goal and race["race_distance"] in _GOAL_DISTANCES and "race_day" not in race:
        return Answered({"goal": goal})
    # A race named alone ("my first half marathon"): training to run it well, the "faster" goal.
    return Answered({"goal": goal or str(Goal.FASTER), **race}, season.race_acks(race))


def ask_experience(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(t(f"onboarding.experience_button.{e}"), f"exp:{e}") for e in Experience]
    return t("onboarding.ask.experience"), rows(buttons, 3)


# How long someone has run, in years, from which they count as a regular or an experienced
# runner when they give a figure ("6 months", "3 yrs", "10+ years").
REGULAR_FROM_YEARS = 1
EXPERIENCED_FROM_YEARS = 5
_SPAN = re.compile(r"\b(\d+(?:\.\d+)?)\s*\+?\s*(months?|mths?|mos|years?|yrs?)\b")


_SINCE = re.compile(r"\b(?:since|from|in) ((?:19|20)\d\d)\b")


def _level_from_span(text: str, this_year: int) -> str | None:
    """The level a figure gives ("18 months" is a regular runner, and so is "since 2024" in
    2026); None without one."""
    span = _SPAN.search(text.lower())
    since = _SINCE.search(text.lower())
    if span is not None:
        years = float(span[1]) / (12 if span[2].startswith("m") else 1)
    elif since is not None and int(since[1]) <= this_year:
        years = this_year - int(since[1])
    else:
        return None
    if years >= EXPERIENCED_FROM_YEARS:
        return str(Experience.EXPERIENCED)
    return str(Experience.REGULAR if years >= REGULAR_FROM_YEARS else Experience.NEW)


def read_experience(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    text = typed(event)
    spanned = _level_from_span(text, ctx.today.year) if text else None
    level = spanned or choice(event, "exp:", EXPERIENCE_WORDS)
    return Answered({"experience": level}) if level else None


def described_goal(answers: Mapping[str, Any]) -> Html:
    return Html(t(f"onboarding.goal.{answers['goal']}"))


def described_experience(answers: Mapping[str, Any]) -> Html:
    return Html(t(f"onboarding.experience.{answers['experience']}"))


# ---------------------------------------------------------------- runs a week


def ask_runs(data: Mapping[str, Any]) -> Asked:
    # The buttons are the numbers themselves, and a typed number is the value, never a
    # button's position: "3" is three runs wherever it is typed.
    return t("onboarding.ask.runs"), rows([Button(str(n), f"runs:{n}") for n in RUN_BUTTONS], 4)


def _runs_context(runs: int) -> str:
    band = "many" if runs >= 5 else "base" if runs >= 3 else ("zero", "one", "few")[runs]
    return t(f"onboarding.runs_context.{band}", runs=runs)


def read_runs(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (value := pressed(event, "runs:")) is not None:
        said: tuple[int, int] | None = (int(value), int(value))
    elif (text := typed(event)) is not None:
        said = count_range(text, low=0, high=MAX_RUNS)
    else:
        return None
    if said is None:
        return None
    low, high = said
    # A range ("3-4") plans on the lower end: fewer runs keep the first weeks' total load on
    # the safe side, and the runner is told which number was taken.
    lead = [t("onboarding.ack.runs_range", low=low, high=high)] if low != high else []
    return Answered({"runs_per_week": low}, (*lead, _runs_context(low)))


def described_runs(answers: Mapping[str, Any]) -> Html:
    # A count: digits only, nothing to escape.
    return Html(str(answers["runs_per_week"]))


# ---------------------------------------------------------------- equipment


def ask_equipment(data: Mapping[str, Any]) -> Asked:
    picked = data.get("picked", [])
    kit = ticks([str(e) for e in Equipment], picked, "kit:", "onboarding.kit")
    done = (Button(t("onboarding.done"), "kit:done"),)
    return t("onboarding.ask.equipment"), (*rows(kit, 2), done)


def read_equipment(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    picked = list(data.get("picked", []))
    if (value := pressed(event, "kit:")) is not None:
        if value != "done":
            return FollowUp({"picked": toggled(picked, value, exclusive="none")})
        # Nothing ticked is an answer too: body weight only.
        return Answered({"equipment": in_order(picked, Equipment) or ["none"]})
    text = typed(event)
    if text is None:
        return None
    kit = parse_multi_choice(text, KIT_WORDS, everything=ALL_KIT_WORDS, exclusive=Equipment.NONE)
    if kit:
        return Answered({"equipment": in_order(kit, Equipment)})
    if parse_choice(text, DONE_WORDS):
        return read_equipment(data, ButtonPressed("kit:done"), ctx)
    return None


def described_equipment(answers: Mapping[str, Any]) -> Html:
    return Html(", ".join(t(f"onboarding.kit.{k}") for k in answers["equipment"]))


def equipment_label(answers: Mapping[str, Any]) -> str:
    return ", ".join(t(f"settings.kit.{kit}") for kit in answers["equipment"])


# ---------------------------------------------------------------- consent


def ask_consent(data: Mapping[str, Any]) -> Asked:
    buttons = (
        Button(t("onboarding.button.yes"), "consent:yes"),
        Button(t("onboarding.button.no"), "consent:no"),
    )
    return t("onboarding.ask.consent"), (buttons,)


def read_consent(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    """Consent is a permission: only the button or an exact yes or no counts ("not ok" is
    neither), and anything else asks again for a clear answer."""
    if (value := pressed(event, "consent:")) is not None:
        return Answered({"pain_consent": value == "yes"})
    text = typed(event)
    if text is None:
        return None
    agreed = read_confirmation(text, step=Confirming.CONSENT)
    if agreed is None:
        return FollowUp(lead=(t("onboarding.consent_unclear"),))
    return Answered({"pain_consent": agreed})


def described_consent(answers: Mapping[str, Any]) -> Html:
    agreed = answers["pain_consent"]
    return Html(t("onboarding.summary.yes") if agreed else t("onboarding.summary.no"))


def consent_label(answers: Mapping[str, Any]) -> str:
    return t("settings.value.yes") if answers["pain_consent"] else t("settings.value.no")
