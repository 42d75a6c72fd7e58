"""A quick "which of these patterns can match here at all?" before running them.

Python's re tries every alternative of an alternation at every position of the text, so a
sign with 60 patterns costs a scan of 60 patterns even when none of its words is there, which
is most messages for most signs. Nearly every pattern needs some plain text in any match
("bruis" in a bruise, "night" or "wake" in night pain): those needles are read off the parsed
pattern once, and a pattern none of whose needles is in the text is left out of the scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# re's own parser (public as sre_parse until 3.11, which deprecated that name). A pattern it
# cannot read, or one read case-blind, just gets no needles and is always scanned.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

# re's parsed items are untyped (op, value) pairs.
_Items = Any
# What every match needs: one needle of each set (an empty list: nothing plain is needed).
_Needs = list[frozenset[str]]


def _telling(needle: str) -> int:
    """How rare a needle is likely to be: its longest word (" on the " is everywhere)."""
    return max(map(len, needle.split()), default=0)


def _best(needs: _Needs) -> frozenset[str] | None:
    """The most telling needle set of several: by its least telling needle, then the fewest."""
    return max(needs, key=lambda n: (min(map(_telling, n)), -len(n)), default=None)


def _few_chars(members: _Items) -> list[str] | None:
    """The characters of a small class such as [1-5] or [/-], or None."""
    chars: list[str] = []
    for op, value in members:
        if op is sre.LITERAL:
            chars.append(chr(value))
        elif op is sre.RANGE:
            low, high = value
            chars.extend(map(chr, range(low, high + 1)))
        else:
            return None  # a negated class or \w: too many to list
    return chars if len(chars) <= 10 else None


def _needs(items: _Items) -> _Needs:
    """What every match of this sequence of parsed items contains."""
    needs: _Needs = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            needs.append(frozenset({"".join(run)}))
            run.clear()

    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if op is sre.AT:
            continue  # \b and ^ take no characters, so the plain run goes on across them
        if op is sre.IN and (chars := _few_chars(value)):
            # "l[1-5]" needs "l1" to "l5", far rarer than "l" alone.
            needs.append(frozenset("".join(run) + c for c in chars))
            run.clear()
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, most, sub = value
            if least >= 1 and len(sub) == 1 and sub[0][0] is sre.LITERAL:
                run.append(chr(sub[0][1]) * least)  # "o+w" needs "ow", whatever comes after it
                if most != least:
                    close_run()
                continue
            close_run()
            if least >= 1:
                needs.extend(_needs(list(sub)))
            continue
        close_run()
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = value
            if not add_flags & re.IGNORECASE:
                needs.extend(_needs(list(sub)))
        elif op is sre.BRANCH:
            # One branch matches, so the needle sets join: the best of each branch's.
            best = [b for sub in value[1] if (b := _best(_needs(list(sub)))) is not None]
            if len(best) == len(value[1]):
                needs.append(frozenset().union(*best))
    close_run()
    return needs


def needs(pattern: re.Pattern[str]) -> _Needs:
    """Needle sets every match of pattern holds one of each of; empty when nothing is known."""
    if pattern.flags & re.IGNORECASE:
        return []
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return []
    return _needs(list(parsed))


# The whole alternation of a probe (what it always agrees with) and, for a probe with a
# pattern that can match nothing, that of the patterns a text may match: a few hundred at most
# are kept, each a compiled regular expression.
@lru_cache(maxsize=256)
def _alternation(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _can_match_nothing(pattern: re.Pattern[str]) -> bool:
    try:
        return bool(_parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0)
    except re.error:
        return True


def _start(match: re.Match[str]) -> int:
    return match.start()


class _Needles:
    """Every probe's needles in one Aho-Corasick automaton (pyahocorasick): a text is scanned
    once for all of them, however many probes then ask about it (the pain reader asks about
    150 times a message). Probes are made while the readers warm up, so it is built then."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.finder: Any = None  # ahocorasick.Automaton, built on the first scan after an add

    def add(self, needles: frozenset[str]) -> None:
        if not needles <= self.known:
            self.known |= needles
            self.finder = None
            present.cache_clear()

    def find(self, text: str) -> frozenset[str]:
        if self.finder is None:
            self.finder = ahocorasick.Automaton()
            for needle in self.known:
                self.finder.add_word(needle, needle)
            self.finder.make_automaton()
        return frozenset(needle for _end, needle in self.finder.iter(text))


_NEEDLES = _Needles()


@lru_cache(maxsize=256)
def present(text: str) -> frozenset[str]:
    """Which of every probe's needles text holds (one update reads one message many times)."""
    return _NEEDLES.find(text) if _NEEDLES.known else frozenset()


@dataclass(frozen=True, eq=False)
class Probe:
    """Patterns scanned as one alternation would be, but only those whose needles are in the
    text: no other one can match anywhere in it, so they find exactly what the whole
    alternation finds (its leftmost match, the first pattern's at one place), at a fraction of
    its cost: a sign's sixty patterns rarely share more than a needle or two with a message."""

    patterns: tuple[re.Pattern[str], ...]
    masks: dict[str, int]  # needle -> bit mask of the patterns needing it
    needles: frozenset[str]
    always: int  # bit mask of the patterns that need no plain text: always scanned
    empty: bool  # some pattern can match nothing, which the scan below cannot step over

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> Probe:
        masks: dict[str, int] = {}
        always = 0
        for i, pattern in enumerate(patterns):
            best = _best(needs(pattern))
            if best is None:
                always |= 1 << i
            for needle in best or ():
                masks[needle] = masks.get(needle, 0) | 1 << i
        needles = frozenset(masks)
        _NEEDLES.add(needles)
        empty = any(map(_can_match_nothing, patterns))
        return cls(patterns, masks, needles, always, empty)

    @property
    def joined(self) -> re.Pattern[str]:
        """Every pattern as one alternation: what the probe always agrees with."""
        return _alternation(self.patterns)

    def candidates(self, text: str) -> tuple[re.Pattern[str], ...]:
        """The patterns, in order, that may match text: no other one can."""
        mask = self.always
        for needle in self.needles & present(text):
            mask |= self.masks[needle]
        return tuple(p for i, p in enumerate(self.patterns) if mask >> i & 1) if mask else ()

    def may_match(self, text: str) -> bool:
        return bool(self.candidates(text))

    def search(self, text: str) -> re.Match[str] | None:
        return _first(self.candidates(text), text, 0)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        candidates = self.candidates(text)
        if self.empty and candidates:
            return _alternation(candidates).finditer(text)
        return _successive(candidates, text)


def _first(patterns: tuple[re.Pattern[str], ...], text: str, pos: int) -> re.Match[str] | None:
    """The match an alternation of patterns finds from pos: the leftmost, and of those the
    first pattern's (min keeps the first of equals)."""
    found = [m for p in patterns if (m := p.search(text, pos)) is not None]
    return min(found, key=_start, default=None)


def _successive(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """What an alternation's finditer gives, for patterns that never match nothing."""
    pos = 0
    while (match := _first(patterns, text, pos)) is not None:
        yield match
        pos = match.end()
