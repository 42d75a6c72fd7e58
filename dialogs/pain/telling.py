"""Whose pain a message is about: the runner's own (a report, however it is put) or pain in
general (a question for education).

Read from the sentence's grammar, not from phrases. A clause said as a statement with a
first-person word ("I tweaked it", "my heel really hurts") or a place and how it feels
("calf feels tight and hot, is it safe to run?", "groin's been niggling") reports the
runner's own pain. So does a question about their own body that gives a detail of it: when,
how long, how bad, what makes it worse, a sign ("why does my knee hurt on the stairs?", "is
it normal that my calves still ache 4 days after?"). A bare "why do my hamstrings cramp?"
asks for the reason: it is answered as education, with the offer to check a pain. A question
about runners, "your" knees or "a" pain is general. The words are in the lexicon's [talk].
"""

from __future__ import annotations

import re

from dialogs.pain import holds
from dialogs.pain.lexicon import get_lexicon, normalise
from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Answer, Flag

_CLAUSES = re.compile(r"[.,;:!?\n]")


def asks(text: str) -> bool:
    """Put as a question: a "?" anywhere, or a question word first ("do calves ache...")."""
    return "?" in text or bool(get_lexicon().talk.asking.match(normalise(text)))


def tells_apart(text: str) -> bool:
    """Asks how to tell conditions apart ("how do you know if it's a tear or cramp?"): the
    conditions it names are asked about, not said to be the runner's."""
    return bool(get_lexicon().talk.apart.search(normalise(text)))


def speaks_of_own_body(text: str) -> bool:
    """About the runner's own body, said or asked (not "my mate says...")."""
    return any(_first_person(c) or _stated(c) for c in _CLAUSES.split(normalise(text)))


def own_pain(text: str, report: PainReport) -> bool:
    """Whether a message reports the runner's own pain; report is what it says, parsed."""
    clauses = _CLAUSES.split(normalise(text))
    if any(_stated(clause) for clause in clauses):
        return True
    return any(_first_person(clause) for clause in clauses) and _detailed(report)


def _first_person(clause: str) -> bool:
    return holds.speaks_of_own_body(get_lexicon().talk.others.sub(" ", clause))


def _stated(clause: str) -> bool:
    """Said, not asked: "my heel really hurts", "calf feels tight and hot"."""
    if get_lexicon().talk.asking.match(clause):
        return False
    return _first_person(clause) or _says_how_it_feels(clause)


def _says_how_it_feels(clause: str) -> bool:
    """A place followed by how it feels ("calf feels tight"), not a noun ("calf pain")."""
    symptom = get_lexicon().talk.symptom
    return any(
        symptom.match(clause, m.end())
        for location in get_lexicon().location
        for pattern in location.patterns
        for m in pattern.finditer(clause)
    )


# Words for muscles in general ("my hamstrings") name the place, they tell nothing of it.
_NO_DETAIL = frozenset({Flag.MUSCLES})


def _detailed(r: PainReport) -> bool:
    """Gives a detail of one pain: how bad, how long, when or what makes it worse, a sign."""
    return (
        r.worst is not None
        or r.days is not None
        or bool(r.aggravators)
        or r.behaviour is not None
        or r.trend is not None
        or r.onset is not None
        or r.limping
        or any(a == Answer.YES for f, a in r.flags.items() if f not in _NO_DETAIL)
    )
