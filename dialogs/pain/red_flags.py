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
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from dialogs.datafile import read_toml
from dialogs.needles import Probe

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


class _Concepts(BaseModel):
    # Not frozen: `joined` is computed once and kept on the instance.
    model_config = ConfigDict(extra="forbid")

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

    @cached_property
    def joined(self) -> dict[str, Probe]:
        """Each concept's patterns as one alternation, so a message is scanned once a concept
        (and not at all when none of the concept's needles is in it)."""
        return {name: Probe.of(patterns) for name, patterns in self.concept.items()}

    def mentions(self, norm: str, polarity: Polarity) -> dict[str, list[tuple[int, str]]]:
        """Every concept's mentions in the message: (start, yes / no / unsure) in order."""
        found: dict[str, list[tuple[int, str]]] = {}
        for name, pattern in self.joined.items():
            plain = name in self.plain
            spans = [m.span() for m in pattern.finditer(norm)]
            if spans:
                found[name] = [(a, YES if plain else polarity(norm, a, b)) for a, b in spans]
        return found


def read_concepts(text: str, *, flags: frozenset[str]) -> _Concepts:
    """Load and check the concepts from TOML text; flags are the red flags that exist."""
    concepts = read_toml(_Concepts, text, name=CONCEPTS_FILE, error=ConceptsError, also=(re.error,))
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


def _state(mentions: list[tuple[int, str]] | None, start: int, end: int) -> str | None:
    """A concept's reading within [start, end) of the message, or None if not mentioned."""
    if not mentions:
        return None
    first = bisect_left(mentions, (start, ""))
    inside = [answer for at, answer in mentions[first:] if at < end]
    return _strongest(inside)


def read(norm: str, *, flags: frozenset[str], polarity: Polarity) -> Reading:
    """Every red flag the folded message shows, denies or touches, clause by clause,
    sentence by sentence and across the message."""
    table = concepts(flags)
    found = table.mentions(norm, polarity)
    shown: dict[str, list[str]] = {}
    denied: set[str] = set()
    ask: list[str] = []
    clear: set[str] = set()
    for scope, parts in _PARTS.items():
        entries = [
            e
            for e in table.flag
            if e.scope == scope and e.gives != "clear" and all(n in found for n in e.all)
        ]
        for part in parts.finditer(norm) if entries else ():
            start, end = part.span()
            for entry in entries:
                states = [_state(found[name], start, end) for name in entry.all]
                if None in states or any(
                    _state(found.get(n), start, end) in (YES, UNSURE) for n in entry.not_with
                ):
                    continue
                affirmed = NO not in states
                if entry.gives == "yes" and affirmed:
                    shown.setdefault(entry.flag, []).append(UNSURE if UNSURE in states else YES)
                elif entry.gives == "yes" or (entry.gives == "no" and affirmed):
                    # All named but one part denied ("no numbness down there"), or "peeing fine".
                    denied.add(entry.flag)
                elif entry.gives == "ask" and affirmed and entry.flag not in ask:
                    ask.append(entry.flag)

    def anywhere(name: str) -> bool:
        return _state(found.get(name), 0, len(norm)) in (YES, UNSURE)

    for entry in table.flag:
        if entry.gives == "clear" and all(anywhere(name) for name in entry.all):
            clear.add(entry.flag)
        if entry.clears and entry.flag in shown:
            clear.add(entry.clears)
    # A clear denial stands unless the message also has what would outweigh it.
    for entry in table.flag:
        targets = {entry.flag} if entry.gives == "clear" else {entry.clears} - {None}
        if targets & clear and any(anywhere(name) for name in entry.unless):
            clear -= targets
    answers = dict.fromkeys(denied | clear, NO)
    answers.update(
        {flag: _strongest(values) or NO for flag, values in shown.items() if flag not in clear}
    )
    return Reading(answers=answers, ask=tuple(ask), overriding=frozenset(clear))
