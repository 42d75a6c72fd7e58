"""A past injury told beside today's pain ("tore my hamstring in 2019, long healed. Now it's
the achilles..."): those clauses are the runner's history, so their places and signs are not
read as the pain reported now. The words are in the lexicon's [history]."""

from __future__ import annotations

import re

from dialogs.pain.lexicon import get_lexicon

# A clause ends at punctuation or where "but", "so" or "though" turn to something else
# ("slipped disc in 2016 so im finally doing core work").
_CLAUSE = re.compile(r"[^.;!?,:\n]+?(?=[.;!?,:\n]|\b(?:but|so|though|although|whereas)\b|$)")


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
    if not told:
        return norm
    kept, at = [], 0
    for start, end in told:
        kept.append(norm[at:start])
        at = end
    kept.append(norm[at:])
    now = "".join(kept)
    if history.back.search(now) or not re.search(r"[a-z]{3}", now):
        return norm
    return now
