"""PainReport: what the runner has told us about one pain, from messages and answers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dialogs.pain.vocabulary import AREA_PARTS, AREAS, Answer, Behaviour, Flag, Onset, Side, Trend
from dialogs.vocabulary import BodyLocation


class PainReport(BaseModel):
    """What the runner has told us about one pain, from messages and answers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    locations: tuple[BodyLocation, ...] = ()
    # "knee" / "hip" / "leg": said without saying which part.
    unspecified: tuple[str, ...] = ()
    side: Side | None = None
    worst: int | None = Field(default=None, ge=0, le=10)
    days: int | None = Field(default=None, ge=0)
    behaviour: Behaviour | None = None
    limp: Answer = Answer.UNKNOWN
    gone_by_morning: Answer = Answer.UNKNOWN
    onset: Onset | None = None
    trend: Trend | None = None
    flags: dict[Flag, Answer] = Field(default_factory=dict)
    aggravators: tuple[str, ...] = ()
    # Red flags the words touched but could not settle ("peeing feels different"): the
    # dialog asks these first, in plain words, with "not sure" counted as yes.
    ask_first: tuple[Flag, ...] = ()
    # The runner's answer to "does it fit normal training soreness?" (no or not sure: it is
    # triaged as a pain of its own).
    soreness: Answer = Answer.UNKNOWN
    # The runner's answer to the normal-running-pain check: at most 3/10 while running, not
    # building, gone within a few hours, nothing at rest or at night (the criteria's
    # "continue"); no or not sure leaves it at lighter training.
    within_limits: Answer = Answer.UNKNOWN

    @field_validator("flags")
    @classmethod
    def _drop_unknown(cls, value: dict[Flag, Answer]) -> dict[Flag, Answer]:
        return {flag: answer for flag, answer in value.items() if answer != Answer.UNKNOWN}

    @field_validator("unspecified")
    @classmethod
    def _known_areas(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - set(AREAS)
        if unknown:
            raise ValueError(f"unknown areas {sorted(unknown)}")
        return value

    def answer(self, flag: Flag) -> Answer:
        """What the runner said about this sign (UNKNOWN when nothing)."""
        return self.flags.get(flag, Answer.UNKNOWN)

    def has(self, flag: Flag) -> bool:
        """Whether the sign is present or, being "not sure", counted as present."""
        return self.answer(flag) in (Answer.YES, Answer.UNSURE)

    @property
    def limping(self) -> bool:
        """A limp, or "not sure" about one."""
        return self.limp in (Answer.YES, Answer.UNSURE)

    @property
    def lingers(self) -> bool:
        """Still there the next morning, or "not sure" that it is gone."""
        return self.gone_by_morning in (Answer.NO, Answer.UNSURE)

    @property
    def places(self) -> frozenset[BodyLocation]:
        """Every place named, with an unspecified knee or hip counted as any of its parts."""
        found = set(self.locations)
        for area in self.unspecified:
            found |= AREA_PARTS.get(area, frozenset({BodyLocation.OTHER}))
        return frozenset(found)

    def to_data(self) -> dict[str, Any]:
        """A JSON-able dict (for the dialog state and storage)."""
        return self.model_dump(mode="json", exclude_defaults=True)
