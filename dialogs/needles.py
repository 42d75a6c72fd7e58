"""A quick "can this alternation match here at all?" before running it.

Python's re tries every alternative of an alternation at every position of the text, so a
sign with 60 patterns costs a scan of 60 patterns even when none of its words is there, which
is most messages for most signs. Nearly every pattern needs some plain text in any match
("bruis" in a bruise, "night" or "wake" in night pain): those needles are read off the parsed
pattern once, joined into one alternation of plain strings (which re scans quickly, by their
first characters), and finding none of them rules the pattern's scan out before it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# re's own parser (public as sre_parse until 3.11, which deprecated that name). A pattern it
# cannot read, or one read case-blind, just gets no needles and is always scanned.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

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


@dataclass(frozen=True)
class Probe:
    """Patterns as one alternation, run only when a needle of every pattern's best set is."""

    joined: re.Pattern[str]
    needles: re.Pattern[str] | None  # None: some pattern needs no plain text, always scan

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> Probe:
        joined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
        best = [b for p in patterns if (b := _best(needs(p))) is not None]
        if len(best) < len(patterns):
            return cls(joined, None)
        every: frozenset[str] = frozenset().union(*best)
        # "bruis" present is enough to scan, so "bruised" need not be looked for as well.
        kept = sorted((n for n in every if not any(o in n for o in every - {n})), key=len)
        return cls(joined, re.compile("|".join(map(re.escape, kept))))

    def may_match(self, text: str) -> bool:
        return self.needles is None or self.needles.search(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.joined.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.joined.finditer(text) if self.may_match(text) else iter(())
