"""Red flags read as combinations of everyday concepts (data in red_flag_concepts.toml).

The pain lexicon matches phrases; runners describe emergencies in words no phrase list
foresees ("nothing would come out", "my bum feels dead when I wipe"). Here each red flag is
a set of concepts (the saddle area and a changed feeling; peeing and trouble with it; dark
urine) that must all be affirmed in one sentence, each concept a wide list of words. The
readings are plain strings so that dialogs.triage, which owns the Flag and Answer types and
the negation rules, can combine them with the lexicon's without an import cycle.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

CONCEPTS_FILE = "red_flag_concepts.toml"

YES, NO, UNSURE = "yes", "no", "unsure"
# Reads one match: "yes", "no" (negated shortly before) or "unsure" (hedged).
Polarity = Callable[[str, int, int], str]

_PARTS = {
    "clause": re.compile(r"[^.;!?\n,]+"),
    "sentence": re.compile(r"[^.;!?\n]+"),
    "message": re.compile(r".+", re.DOTALL),
}


class ConceptsError(RuntimeError):
    """The concepts file is broken; the text names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Combination(_Strict):
    flag: str
    all: tuple[str, ...]
    gives: Literal["yes", "ask", "no", "clear"] = "yes"
    clears: str | None = None
    unless: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    scope: Literal["clause", "sentence", "message"] = "sentence"


class _Concepts(_Strict):
    plain: frozenset[str]
    concept: dict[str, tuple[re.Pattern[str], ...]]
    flag: tuple[_Combination, ...]

    @model_validator(mode="after")
    def _known_concepts(self) -> _Concepts:
        strays = self.plain - set(self.concept)
        if strays:
            raise ValueError(f"plain names unknown concepts {sorted(strays)}")
        for entry in self.flag:
            unknown = {*entry.all, *entry.unless, *entry.not_with} - set(self.concept)
            if unknown:
                raise ValueError(f"flag {entry.flag!r} names unknown concepts {sorted(unknown)}")
        return self

    def mentions(self, name: str, text: str, polarity: Polarity) -> str | None:
        """A concept's reading in text: yes or unsure if any mention is affirmed, no if every
        mention is negated, None if it is not mentioned."""
        found = [m.span() for p in self.concept[name] for m in p.finditer(text)]
        if name in self.plain:
            return YES if found else None
        return _strongest([polarity(text, start, end) for start, end in found])

    def reader(self, text: str, polarity: Polarity) -> Callable[[str], str | None]:
        """mentions() for one text, each concept read at most once."""
        return cache(lambda name: self.mentions(name, text, polarity))


def read_concepts(text: str, *, flags: frozenset[str]) -> _Concepts:
    """Load and check the concepts from TOML text; flags are the red flags that exist."""
    try:
        concepts = _Concepts.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError, re.error) as exc:
        raise ConceptsError(f"{CONCEPTS_FILE}: {exc}") from exc
    named = {entry.flag for entry in concepts.flag} | {
        entry.clears for entry in concepts.flag if entry.clears
    }
    if named - flags:
        raise ConceptsError(f"{CONCEPTS_FILE}: unknown flags {sorted(named - flags)}")
    return concepts


@cache
def concepts(flags: frozenset[str]) -> _Concepts:
    """The concepts shipped with the coach (loaded once)."""
    path = resources.files("dialogs") / "data" / CONCEPTS_FILE
    return read_concepts(path.read_text(encoding="utf-8"), flags=flags)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the concepts say: a reading per flag, the flags whose screening question should
    come first, and the flags denied so clearly that the denial beats any other reading."""

    answers: dict[str, str] = field(default_factory=dict)
    ask: tuple[str, ...] = ()
    overriding: frozenset[str] = frozenset()


_STRENGTH = {YES: 3, UNSURE: 2, NO: 1}


def _strongest(readings: list[str]) -> str | None:
    return max(readings, key=_STRENGTH.__getitem__, default=None)


def read(norm: str, *, flags: frozenset[str], polarity: Polarity) -> Reading:
    """Every red flag the folded message shows, denies or touches, sentence by sentence."""
    table = concepts(flags)
    shown: dict[str, list[str]] = {}
    denied: set[str] = set()
    ask: list[str] = []
    clear: set[str] = set()
    for scope, parts in _PARTS.items():
        entries = [e for e in table.flag if e.scope == scope and e.gives != "clear"]
        for part in parts.findall(norm) if entries else ():
            state = table.reader(part, polarity)
            for entry in entries:
                states = [state(name) for name in entry.all]
                if None in states or any(state(n) in (YES, UNSURE) for n in entry.not_with):
                    continue
                affirmed = NO not in states
                if entry.gives == "yes" and affirmed:
                    shown.setdefault(entry.flag, []).append(UNSURE if UNSURE in states else YES)
                elif entry.gives == "yes" or (entry.gives == "no" and affirmed):
                    # All named but one part denied ("no numbness down there"), or "peeing fine".
                    denied.add(entry.flag)
                elif entry.gives == "ask" and affirmed and entry.flag not in ask:
                    ask.append(entry.flag)
    for entry in table.flag:
        everywhere = [table.mentions(name, norm, polarity) for name in entry.all]
        if entry.gives == "clear" and all(s in (YES, UNSURE) for s in everywhere):
            clear.add(entry.flag)
        if entry.clears and entry.flag in shown:
            clear.add(entry.clears)
    # A clear denial stands unless the message also has what would outweigh it.
    for entry in table.flag:
        targets = {entry.flag} if entry.gives == "clear" else {entry.clears} - {None}
        if targets & clear and any(
            table.mentions(name, norm, polarity) in (YES, UNSURE) for name in entry.unless
        ):
            clear -= targets
    answers = dict.fromkeys(denied | clear, NO)
    answers.update(
        {flag: _strongest(values) or NO for flag, values in shown.items() if flag not in clear}
    )
    return Reading(answers=answers, ask=tuple(ask), overriding=frozenset(clear))
