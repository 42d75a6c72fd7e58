"""What a message tells beside today's pain: a past injury ("tore my hamstring in 2019, long
healed. Now it's the achilles...") and someone else's ("my partner tore her calf at netball,
and my right hip..."). Those clauses are not read as the pain reported now. The words are in
the lexicon's [history] and [talk] others."""

from __future__ import annotations

import re

from dialogs.pain import holds
from dialogs.pain.lexicon import get_lexicon

# A clause ends at punctuation or where "but", "so" or "though" turn to something else
# ("slipped disc in 2016 so im finally doing core work").
_CLAUSE = re.compile(r"[^.;!?,:\n]+?(?=[.;!?,:\n]|\b(?:but|so|though|although|whereas)\b|$)")
# Whose a place is: "my right hip" or "i felt my calf" the runner's; "i can see both his legs"
# or "holding her calf" someone else's.
_OWN = re.compile(r"\b(?:i|im|ive|id|my|me|mine)\b")
_THIRD = re.compile(r"\b(?:he|she|hes|shes|his|her|hers|him|they|their|theirs|them)\b")


def without_history(norm: str) -> str:
    """The folded message with each clause that tells only of a past injury left out; the
    whole message when nothing else is left, or when the rest points back to it ("the same
    place")."""
    history = get_lexicon().history
    told = [
        m.span()
        for m in _CLAUSE.finditer(norm)
        if history.past.search(m.group())
        and history.event.search(m.group())
        and not history.present.search(m.group())
    ]
    now = _cut(norm, told)
    if history.back.search(now) or not re.search(r"[a-z]{3}", now):
        return norm
    return now


def without_others(norm: str) -> str:
    """The folded message without its clauses about someone else's body, when another clause
    names a place of the runner's own; a message only about someone else (a mate collapsing
    in the heat, a parent writing for a child) is theirs to report, and kept whole."""
    clauses = [(m.span(), m.group()) for m in _CLAUSE.finditer(norm)]
    others = [span for span, clause in clauses if _someone_elses(clause)]
    rest = [clause for span, clause in clauses if span not in others]
    if not others or not any(_own_place(clause) for clause in rest):
        return norm
    return _cut(norm, others)


def _someone_elses(clause: str) -> bool:
    lexicon = get_lexicon()
    named = (lexicon.talk.others, lexicon.history.someone)
    if not any(pattern.search(clause) for pattern in named):
        return False
    for pattern in named:
        clause = pattern.sub(" ", clause)
    return not holds.speaks_of_own_body(clause)


def _own_place(clause: str) -> bool:
    places = get_lexicon().location
    owned = bool(_OWN.search(clause)) and not _THIRD.search(clause)
    return owned and any(pattern.search(clause) for place in places for pattern in place.patterns)


def _cut(norm: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return norm
    kept, at = [], 0
    for start, end in spans:
        kept.append(norm[at:start])
        at = end
    kept.append(norm[at:])
    return "".join(kept)
