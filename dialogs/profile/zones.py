"""The time-zone question: a typed place, zone or offset, a shared location, or UTC; then
"which one do you mean?" when several places fit (dialogs.timezones does the finding)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from dialogs.core import Button, ButtonPressed, Context, LocationShared, TextReceived, UserInput
from dialogs.parsing import fold, parse_choice
from dialogs.profile.base import Answered, Asked, FollowUp, Reading, answers_in
from dialogs.texts import Html, t
from dialogs.timezones import (
    Ambiguous,
    NotFound,
    Resolved,
    resolve_timezone,
    timezone_at,
    zone_label,
)

# The reminder time the question names before one is chosen (the default).
DEFAULT_TIME = "07:30"
# The follow-up step when several places fit, or only near spellings did.
TIMEZONE_PICK = "timezone_pick"


def ask_timezone(data: Mapping[str, Any]) -> Asked:
    answers = answers_in(data)
    row = [Button(t("onboarding.button.utc"), "tz:utc")]
    if "timezone" in answers:
        # Button labels are plain text, not HTML: nothing in the place name needs escaping.
        keep = t("onboarding.button.keep", place=Html(answers["timezone_label"]))
        row.insert(0, Button(keep, "tz:keep"))
    text = t("onboarding.ask.timezone", time=answers.get("workout_time", DEFAULT_TIME))
    return text, (tuple(row),)


def ask_timezone_pick(data: Mapping[str, Any]) -> Asked:
    places = data.get("places", [])
    # One place a row: labels such as "Springfield, Massachusetts" are too long to pair.
    rows = tuple((Button(label, f"tz:{i}"),) for i, (label, _) in enumerate(places))
    other = (Button(t("onboarding.button.elsewhere"), "tz:other"),)
    return t("onboarding.ask.timezone_pick"), (*rows, other)


def _zone_answered(tz: str, label: str) -> Answered:
    ack = t("onboarding.ack.timezone", zone=_zone_text(tz, label))
    return Answered({"timezone": tz, "timezone_label": label}, (ack,))


def _zone_text(tz: str, label: str) -> Html:
    """How a zone reads: "Portland, Oregon (America/Los_Angeles)", or "UTC+02:00" alone."""
    if label == tz or tz == "UTC" or tz.startswith("Etc/") or label.startswith("UTC"):
        # An Etc name would only confuse: Etc/GMT-2 is two hours ahead of UTC.
        return Html(html.escape(label, quote=False))
    return Html(t("onboarding.summary.zone", place=label, tz=tz))


_ETC_OFFSET = re.compile(r"Etc/GMT(?P<sign>[+-])(?P<hours>\d{1,2})")


def zone_name(tz: str) -> str:
    """A zone as the runner reads it beside a time: its IANA name ("Europe/London"), but an
    offset zone as the offset they typed ("UTC+2"), since IANA's Etc/GMT-2 counts the other
    way."""
    if tz in {"Etc/UTC", "Etc/GMT", "GMT"}:
        return "UTC"
    if match := _ETC_OFFSET.fullmatch(tz):
        sign = "-" if match["sign"] == "+" else "+"
        return f"UTC{sign}{int(match['hours'])}" if int(match["hours"]) else "UTC"
    return tz


def described_timezone(answers: Mapping[str, Any]) -> Html:
    return _zone_text(answers["timezone"], answers["timezone_label"])


def timezone_label(answers: Mapping[str, Any]) -> str:
    return str(answers["timezone_label"])


def labelled(tz: str) -> dict[str, Any]:
    """A saved zone's place name, which the questions show beside it."""
    return {"timezone_label": zone_label(tz)}


def _typed_zone(text: str, ctx: Context) -> Reading:
    match resolve_timezone(text, now=ctx.now):
        case Resolved(tz=tz, label=label):
            return _zone_answered(tz, label)
        case Ambiguous(candidates=candidates):
            return FollowUp({"places": [list(c) for c in candidates]}, step=TIMEZONE_PICK)
        case NotFound(offset=offset) if offset:
            lead: tuple[str, ...] = (t("onboarding.timezone.no_offset", offset=offset),)
            return FollowUp(lead=lead)
        case NotFound(suggestions=suggestions) if suggestions:
            example = t("onboarding.example.timezone")
            lead = (
                t("onboarding.timezone.did_you_mean"),
                t("onboarding.timezone.another_way", example=example),
            )
            places = [list(s) for s in suggestions]
            return FollowUp({"places": places}, lead, step=TIMEZONE_PICK)
    example = t("onboarding.retry", example=t("onboarding.example.timezone"))
    return FollowUp(lead=(t("onboarding.timezone.not_found"), example))


def _shared_zone(event: LocationShared) -> Reading:
    tz = timezone_at(event.latitude, event.longitude)
    if tz is None:
        return FollowUp(lead=(t("onboarding.timezone.no_location"),))
    return _zone_answered(tz, zone_label(tz))


def read_timezone(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    answers = answers_in(data)
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


def read_timezone_pick(data: Mapping[str, Any], event: UserInput, ctx: Context) -> Reading:
    places: list[list[str]] = data.get("places", [])
    match event:
        case ButtonPressed(value="tz:other"):
            return FollowUp()
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
    # Folded first, so "²" is the 2 it looks like (str.isdigit() says yes, int() says no);
    # "1." and "1)" are numbers too.
    number = fold(text).strip().rstrip(".)")
    if number.isdecimal():
        return int(number) - 1 if 1 <= int(number) <= len(places) else None
    # Keyed by label, not position: a position key would itself be read as an answer.
    labels = [label for label, _ in places]
    picked = parse_choice(text, {label: tuple(label.split(", ")[1:]) for label in labels})
    return None if picked is None else labels.index(picked)
