"""The questions about the runner's season: the race (distance, then its day, with "which
month?" after a season), the niggle a runner is coming back from, and rough weekly running.
Each has an asker, a reader and how its answer is shown (describe, HTML)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from dialogs.core import Button, Context, UserInput
from dialogs.dates import (
    FURTHEST_RACE,
    NeedMonth,
    NotADate,
    is_unsure,
    middle_of,
    names_a_day,
    parse_day,
    parse_month,
)
from dialogs.parsing import fold, parse_choice
from dialogs.profile.base import (
    Answered,
    Asked,
    FollowUp,
    Reading,
    answers_in,
    choice,
    pressed,
    rows,
    typed,
)
from dialogs.texts import Html, t
from dialogs.triage import parse_pain_text
from dialogs.vocabulary import BodyLocation, DistanceUnit, Goal, RaceDistance, vocabulary
from dialogs.weekly import in_unit, parse_weekly

RACE_WORDS = vocabulary().race
# The follow-up step after a season ("next spring"): which month?
RACE_MONTH = "race_month"
_MOST_WORDS = 12
UNSURE_WORDS = vocabulary().no_days

# ---------------------------------------------------------------- the race


def ask_race(data: Mapping[str, Any]) -> Asked:
    buttons = [Button(t(f"onboarding.race_button.{r}"), f"race:{r}") for r in RaceDistance]
    return t("onboarding.ask.race"), rows(buttons, 3)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w/+.-]", " ", fold(text).replace("'", "")).split())


# Words left in front of a date once the race is taken out, which a date reader takes for the
# first of the month.
_NOT_A_DAY = frozenset({"a", "an", "one"})


def _race_day_in(text: str, today: date) -> date | None:
    """A date said with the race ("marathon in april", "half on 21 march"): the race's own
    words are taken out, then the longest tail of what is left that reads as a day."""
    rest = _words(text)
    for alias in sorted({_words(a) for words in RACE_WORDS.values() for a in words}, key=len)[::-1]:
        rest = re.sub(rf"(?<![\w.]){re.escape(alias)}(?![\w.])", " ", rest)
    # A date is a few words said near the race; a long message is not searched through.
    words = rest.split()[:_MOST_WORDS]
    for start in range(len(words)):
        if words[start] in _NOT_A_DAY:
            continue  # "a marathon in april" leaves "a in april", read as the 1st
        tail = " ".join(words[start:])
        # A figure alone is a goal time or a distance here ("sub 3 marathon"), not a day.
        day = parse_day(tail, today) if names_a_day(tail) else None
        if isinstance(day, date):
            return day
    return None


def named_race(text: str, ctx: Context) -> dict[str, Any] | None:
    """A race named in text ("first half marathon", "marathon in april"): its distance, and
    its day when one is given that can be planned for; None if no race is named."""
    distance = parse_choice(text, RACE_WORDS)
    if distance is None:
        return None
    answers: dict[str, Any] = {"race_distance": str(distance)}
    day = _race_day_in(text, ctx.today) if distance is not RaceDistance.NONE else None
    if day is not None and _plannable(day, ctx.today):
        answers["race_day"] = day.isoformat()
    return answers


def race_acks(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """What the coach says to a race just named (and its day, when given with it)."""
    distance = answers["race_distance"]
    if distance == RaceDistance.NONE:
        return (t("onboarding.ack.no_race"),)
    said = [t("onboarding.ack.race", race=t(f"onboarding.race.{distance}"))]
    if answers.get("race_day"):
        said.append(t("onboarding.ack.race_day", day=_day_text(answers["race_day"])))
    return tuple(said)


def read_race(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (value := pressed(event, "race:")) is not None:
        given: dict[str, Any] | None = {"race_distance": value}
    elif (text := typed(event)) is not None:
        given = named_race(text, ctx)
    else:
        return None
    if given is None:
        return None
    return Answered(given, race_acks(given))


def has_race(answers: Mapping[str, Any]) -> bool:
    return answers.get("race_distance") not in (None, RaceDistance.NONE)


def described_race(answers: Mapping[str, Any]) -> Html:
    return Html(t(f"onboarding.race.{answers['race_distance']}"))


# ---------------------------------------------------------------- the race day


def _plannable(day: date, today: date) -> bool:
    return today <= day <= today + FURTHEST_RACE


def _day_text(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%a %d %b %Y")


def ask_race_day(data: Mapping[str, Any]) -> Asked:
    distance = answers_in(data).get("race_distance") or RaceDistance.NONE
    unsure = (Button(t("onboarding.button.no_date"), "raceday:unsure"),)
    return t("onboarding.ask.race_day", race=t(f"onboarding.race_name.{distance}")), (unsure,)


def _day_answered(day: date, today: date) -> Reading:
    if day < today:
        return FollowUp(lead=(t("onboarding.race_day.past"),))
    if not _plannable(day, today):
        return FollowUp(lead=(t("onboarding.race_day.too_far"),))
    weeks = (day - today) // timedelta(weeks=1)
    iso = day.isoformat()
    ack = t("onboarding.ack.race_day_weeks", day=_day_text(iso), weeks=weeks)
    return Answered({"race_day": iso}, (ack,))


def _no_date() -> Answered:
    return Answered({"race_day": None}, (t("onboarding.ack.no_race_day"),))


def read_race_day(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if pressed(event, "raceday:") == "unsure":
        return _no_date()
    text = typed(event)
    if text is None:
        return None
    match parse_day(text, ctx.today):
        case date() as day:
            return _day_answered(day, ctx.today)
        case NeedMonth(months=months):
            return FollowUp({"months": [m.isoformat() for m in months]}, step=RACE_MONTH)
        case NotADate():
            return _no_date()
    return _no_date() if parse_choice(text, UNSURE_WORDS) else None


def ask_race_month(data: Mapping[str, Any]) -> Asked:
    buttons = [
        Button(_month_label(date.fromisoformat(iso)), f"month:{iso[:7]}")
        for iso in data.get("months", [])
    ]
    unsure = (Button(t("onboarding.button.no_date"), "raceday:unsure"),)
    return t("onboarding.ask.race_month"), (*rows(buttons, 3), unsure)


def _month_label(first: date) -> str:
    return t("onboarding.month_button", month=t(f"onboarding.month.{first.month}"), year=first.year)


def read_race_month(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    if (value := pressed(event, "month:")) is not None:
        return _day_answered(middle_of(date.fromisoformat(f"{value}-01")), ctx.today)
    if (text := typed(event)) is not None and (first := parse_month(text, ctx.today)):
        return _day_answered(middle_of(first), ctx.today)
    # Anything else is read as at the race-day question: a full date, "not sure"...
    return read_race_day(data, event, ctx)


def described_race_day(answers: Mapping[str, Any]) -> Html:
    day = answers.get("race_day")
    return Html(t("onboarding.summary.no_date") if not day else _day_text(day))


# ---------------------------------------------------------------- the niggle

# The places offered as buttons: every one the pain dialog knows, the catch-all last.
NIGGLE_PLACES = tuple(place for place in BodyLocation if place is not BodyLocation.OTHER)
_UNSPECIFIED = {"knee": "onboarding.niggle_which.knee", "hip": "onboarding.niggle_which.hip"}


def coming_back(answers: Mapping[str, Any]) -> bool:
    return answers.get("goal") == Goal.COMEBACK


def ask_niggle(data: Mapping[str, Any]) -> Asked:
    places = [*NIGGLE_PLACES, BodyLocation.OTHER]
    buttons = [Button(t(f"onboarding.niggle_place.{p}"), f"niggle:{p}") for p in places]
    return t("onboarding.ask.niggle"), rows(buttons, 3)


def read_niggle(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    """The place from a button, or read from typed words with the pain dialog's own reading
    ("runner's knee", "my achilles"); a knee or hip alone asks which part."""
    if (value := pressed(event, "niggle:")) is not None:
        return _niggle_at(value)
    if (text := typed(event)) is None:
        return None
    named = named_niggle(text, ctx)
    if named is not None:
        return named
    report = parse_pain_text(text, today=ctx.today)
    vague = next((_UNSPECIFIED[u] for u in report.unspecified if u in _UNSPECIFIED), None)
    return FollowUp(lead=(t(vague),)) if vague else None


def named_niggle(text: str, ctx: Context) -> Answered | None:
    """The niggle a message names a place for ("coming back from a sore achilles"), or None."""
    report = parse_pain_text(text, today=ctx.today)
    return _niggle_at(str(report.locations[0])) if report.locations else None


def _niggle_at(place: str) -> Answered:
    ack = t("onboarding.ack.niggle", place=t(f"onboarding.niggle_place.{place}"))
    return Answered({"niggle": place}, (ack,))


def described_niggle(answers: Mapping[str, Any]) -> Html:
    return Html(t(f"onboarding.niggle_place.{answers['niggle']}"))


def niggle_words(place: str) -> str:
    """The niggle as words the pain dialog reads back to the same place ("" for elsewhere)."""
    return "" if place == BodyLocation.OTHER else t(f"onboarding.niggle_place.{place}")


# ---------------------------------------------------------------- weekly running


def ask_weekly(data: Mapping[str, Any]) -> Asked:
    skip = (Button(t("onboarding.button.not_sure"), "weekly:skip"),)
    return t("onboarding.ask.weekly"), (skip,)


def read_weekly(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    unit = DistanceUnit(answers_in(data).get("distance_unit") or DistanceUnit.KM)
    unsure = {"weekly_distance_km": None, "weekly_minutes": None, "distance_unit": str(unit)}
    text = typed(event)
    skipped = text is not None and is_unsure(text)
    if skipped or choice(event, "weekly:", {"skip": UNSURE_WORDS["none"]}) == "skip":
        return Answered(unsure, (t("onboarding.ack.weekly_unsure"),))
    weekly = parse_weekly(text, unit) if text is not None else None
    if weekly is None:
        return None
    given = {
        "weekly_distance_km": weekly.km,
        "weekly_minutes": weekly.minutes,
        "distance_unit": str(weekly.unit),
    }
    ack = [t("onboarding.ack.weekly", amount=described_weekly(given))]
    if weekly.ranged:
        ack.append(t("onboarding.ack.weekly_range"))
    return Answered(given, tuple(ack))


def described_weekly(answers: Mapping[str, Any]) -> Html:
    km, minutes = answers.get("weekly_distance_km"), answers.get("weekly_minutes")
    if km is not None:
        unit = DistanceUnit(answers.get("distance_unit") or DistanceUnit.KM)
        value = f"{in_unit(km, unit):g}"
        return Html(t(f"onboarding.summary.distance_{unit}", value=value))
    if minutes is not None:
        hours, rest = divmod(int(minutes), 60)
        if hours and rest:
            return Html(t("onboarding.summary.hours_minutes", hours=hours, minutes=rest))
        if hours:
            return Html(t("onboarding.summary.hours", hours=hours))
        return Html(t("onboarding.summary.minutes", minutes=rest))
    return Html(t("onboarding.summary.not_sure"))
