"""Holds: an open pain report that keeps training back, and the ways out of it.

An urgent report, or one a professional said to rest, holds workouts and workout reminders;
a physio report keeps sessions gentle. Either lifts when the runner has been seen and
cleared, says it is better, or a later 🟢 comes for the same place. Here: who is held, the
line every reminder message shows while held, how a typed follow-up reads ("saw the physio,
cleared"). same_place.py merges a new report for a place into the open one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from dialogs.core import Context
from dialogs.pain.levels import REFERRALS, URGENT, rank
from dialogs.records import PainRecord, PainStatus
from dialogs.texts import t


class Advice(StrEnum):
    """What the professional said about training."""

    CLEARED = "cleared"
    MODIFIED = "modified"
    REST = "rest"


class _Words(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    seen: re.Pattern[str]
    cleared: re.Pattern[str]
    modified: re.Pattern[str]
    rest: re.Pattern[str]
    better: re.Pattern[str]
    not_better: re.Pattern[str]
    own: re.Pattern[str]

    @field_validator("*", mode="before")
    @classmethod
    def _compile(cls, value: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{pattern})" for pattern in value))


@cache
def _words() -> _Words:
    source = resources.files("dialogs") / "data" / "pain_followup.toml"
    return _Words.model_validate(tomllib.loads(source.read_text(encoding="utf-8")))


def _fold(text: str) -> str:
    """Lower case, straight apostrophes dropped, "&" spelled out, single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[’‘`']", "", folded).replace("&", " and ")
    return " ".join(folded.split())


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A typed follow-up: seen by a professional (and what they said), or better."""

    seen: bool = False
    advice: Advice | None = None
    better: bool = False

    @property
    def anything(self) -> bool:
        return self.seen or self.better


def read_followup(text: str) -> FollowUp:
    folded = _fold(text)
    words = _words()
    return FollowUp(
        seen=bool(words.seen.search(folded)),
        advice=read_advice(text),
        better=bool(words.better.search(folded)) and not words.not_better.search(folded),
    )


def read_advice(text: str) -> Advice | None:
    """Cleared, modified or rest; rest with a graded plan ("rest, then build up") is modified."""
    folded = _fold(text)
    words = _words()
    rest = bool(words.rest.search(folded))
    modified = bool(words.modified.search(folded))
    if modified:
        return Advice.MODIFIED
    if rest:
        return Advice.REST
    return Advice.CLEARED if words.cleared.search(folded) else None


def speaks_of_own_body(text: str) -> bool:
    """ "my left achilles...", "I've got...": about the runner, not a general search."""
    return bool(_words().own.search(_fold(text)))


# ---------------------------------------------------------------- who is held


def _reports(pain: PainStatus | None) -> tuple[PainRecord, ...]:
    return pain.reports if pain is not None else ()


def referral(pain: PainStatus | None) -> PainRecord | None:
    """The open report that needs someone to look at it (urgent first, then the newest)."""
    referrals = [r for r in _reports(pain) if r.level in REFERRALS or r.advice == Advice.REST]
    return max(referrals, key=lambda r: rank(r.level), default=None)


def holding(pain: PainStatus | None) -> PainRecord | None:
    """The open report that holds workouts and their reminders: urgent, or told to rest."""
    held = [r for r in _reports(pain) if r.level == URGENT or r.advice == Advice.REST]
    return held[0] if held else None


def hold_reason(pain: PainStatus | None) -> str | None:
    """Why reminders are held (for the outbox's record), or None."""
    record = holding(pain)
    if record is None:
        return None
    return "rest advised" if record.advice == Advice.REST else "urgent pain"


def place_of(record: PainRecord) -> str:
    return t(f"pain.place.{record.locations[0]}" if record.locations else "pain.place.other")


def hold_line(pain: PainStatus | None) -> str | None:
    """The line every message about reminders shows while they are held, else None."""
    record = holding(pain)
    if record is None:
        return None
    why = "rest" if record.advice == Advice.REST else "urgent"
    return t(
        f"pain_followup.hold.reminders_{why}",
        place=place_of(record),
        day=record.first_reported.strftime("%a %d %b"),
    )


def follows_up(text: str, ctx: Context) -> bool:
    """Typed words that follow up a held report: been seen, or better now."""
    return referral(ctx.pain) is not None and read_followup(text).anything


def checkin_drop_reason(payload: dict[str, Any], ctx: Context) -> str | None:
    """A pain check-in is not sent for a report that is closed, or one already talked about
    today (whatever did that booked the next check-in)."""
    args = payload.get("args", {})
    if "run_check" in args:
        plan = ctx.pain.comeback if ctx.pain is not None else None
        return None if plan is not None and plan.report_key == args["run_check"] else "plan over"
    key = args.get("checkin")
    if key is None:
        return None
    record = next((r for r in _reports(ctx.pain) if r.key == key), None)
    if record is None:
        return "pain closed"
    if record.updated_at is not None and record.updated_at.astimezone(ctx.zone).date() == ctx.today:
        return "checked in today"
    return None
