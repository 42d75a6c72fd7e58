"""Whose pain a message is about: the runner's own (a report, however it is put) or pain in
general (a question for education).

Read from the sentence's grammar, not from phrases. A clause said as a statement with a
first-person word ("I tweaked it", "my heel really hurts") or a place and how it feels
("calf feels tight and hot, is it safe to run?", "groin's been niggling") reports the
runner's own pain. So does a question about their own body that gives a detail of it: when,
how long, how bad, what makes it worse, a sign ("why does my knee hurt on the stairs?", "is
it normal that my calves still ache 4 days after?"). A bare "why do my hamstrings cramp?"
asks for the reason: it is answered as education, with the offer to check a pain. A question
about runners, "your" knees or "a" pain is general; one about "the right hip" is one side
of one body, the runner's. A statement that dates a pain
("went over on it saturday", "started this week, left side"), a question that dates one
without speaking of people in general ("...aching 40 min into every run now??"), slang after
a place ("shin's barking") and a cry ("ouch, calf") are the runner's own. A clause about a
thought ("random one i was wondering about") says nothing of a body. The words are in the
lexicon's [talk].
"""

from __future__ import annotations

import re

from dialogs.pain import holds
from dialogs.pain.lexicon import get_lexicon, normalise, probe
from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Answer, Flag, Side

_SENTENCES = re.compile(r"[^.;!?\n]+[.;!?\n]*")
_CLAUSE_BREAKS = re.compile(r"[,:]")
_PARTS = re.compile(r"[,:.;!\n]")


def asks(text: str) -> bool:
    """Put as a question: a "?" anywhere, or a question word first ("do calves ache..."),
    or after a comma in a message about pain in general ("ice or heat for a sore IT band,
    what do studies say"), or telling conditions apart anywhere ("in the model, whats the
    difference between..."). "knee pain, what helps" may be the runner's own: triage asks."""
    norm = normalise(text)
    asking = get_lexicon().talk.asking
    if "?" in text or asking.match(norm) or tells_apart(text):
        return True
    return general(text) and any(asking.match(part) for part in _PARTS.split(norm))


def tells_apart(text: str) -> bool:
    """Asks how to tell conditions apart ("how do you know if it's a tear or cramp?"): the
    conditions it names are asked about, not said to be the runner's."""
    return bool(get_lexicon().talk.apart.search(normalise(text)))


def own_pain(text: str, report: PainReport) -> bool:
    """Whether a message reports the runner's own pain; report is what it says, parsed."""
    talk = get_lexicon().talk
    # A thought, or someone else's body ("my mate's achilles"), tells nothing of the runner's.
    every = _clauses(text)
    clauses = [
        (c, asked)
        for c, asked in every
        if not _aside(c) and (not talk.others.search(c) or _first_person(c))
    ]
    statements = [c for c, asked in clauses if not asked]
    if any(_stated(c) or talk.dated.search(c) or talk.sided.match(c) for c in statements):
        return True
    if not general(text) and any(talk.dated.search(c) for c, _ in clauses):
        return True
    if any(_aside(c) for c, _ in every):
        # "...? mine healed in 2022, no pain at all now": the "I" of the question asks.
        return False
    mine = (
        any(_first_person(c) for c, _ in clauses)
        or any(map(_definite_place, statements))
        or any(_sided_place(c) for c, _ in clauses)
    )
    return mine and _detailed(report)


def _aside(clause: str) -> bool:
    """A thought, others' questions passed on, or a word that the runner's body is fine."""
    talk = get_lexicon().talk
    return bool(talk.musing.search(clause) or talk.disclaim.match(clause))


def _clauses(text: str) -> list[tuple[str, bool]]:
    """Each clause, and whether it is asked: a question word first, in a sentence that ends
    with "?" or in a message without one ("do calves ache after hills"). So "did it on
    thursday" after "how long does a pulled calf take to heal?" is said, not asked."""
    norm = normalise(text)
    marked = "?" in norm
    asking = get_lexicon().talk.asking
    return [
        (clause, ("?" in sentence or not marked) and bool(asking.match(clause)))
        for sentence in _SENTENCES.findall(norm)
        for clause in _CLAUSE_BREAKS.split(sentence.rstrip(".;!?\n"))
    ]


def general(text: str) -> bool:
    """About people in general: runners, "you", "always", or "a" knee; or asked beside a word
    that the runner's own body is fine ("just curious, mine are fine")."""
    norm = normalise(text)
    talk = get_lexicon().talk
    if talk.general.search(norm) or any(talk.disclaim.match(c) for c, _ in _clauses(text)):
        return True
    return any(_INDEFINITE.search(norm, 0, start) for start, _ in _places(norm))


# "a sore knee", "an achilles": an indefinite article just before a place.
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:\w+\s+)?$")
# "the patellar one", "left foot": a place that is someone's in particular.
_DEFINITE = re.compile(r"\b(?:the|that|this|left|right)\s+(?:\w+\s+)?$")


# "the right hip", "my left knee": one side of one body, even asked with "always".
_SIDED = re.compile(r"\b(?:the|my|that|this) (?:left|right)\s+(?:\w+\s+)?$")


def _definite_place(clause: str) -> bool:
    return any(_DEFINITE.search(clause, 0, start) for start, _ in _places(clause))


def _sided_place(clause: str) -> bool:
    return any(_SIDED.search(clause, 0, start) for start, _ in _places(clause))


def _places(clause: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for location in get_lexicon().location
        if probe(location.patterns).may_match(clause)  # most places are not in most clauses
        for pattern in location.patterns
        for m in pattern.finditer(clause)
    ]


def _first_person(clause: str) -> bool:
    return holds.speaks_of_own_body(get_lexicon().talk.others.sub(" ", clause))


def _stated(clause: str) -> bool:
    """What a clause said, not asked, tells of the runner's own pain: "my heel really
    hurts", "calf feels tight and hot", "ouch", "hurts pushing off" (the "I" left out)."""
    talk = get_lexicon().talk
    return (
        _first_person(clause)
        or _says_how_it_feels(clause)
        or bool(talk.exclaim.match(clause))
        or bool(talk.symptom.match(f" {clause.strip()}"))
    )


def _says_how_it_feels(clause: str) -> bool:
    """A place, or a word standing for it, followed by how it feels ("calf feels tight",
    "shin barking", "knee shot", "left ones still sore"), not a noun ("calf pain")."""
    talk = get_lexicon().talk
    state = get_lexicon().sign["pain"].state
    after_place = any(
        talk.symptom.match(clause, end)
        or talk.predicate.match(clause, end)
        or (state is not None and state.match(clause[end:].lstrip()))
        for _, end in _places(clause)
    )
    return after_place or any(
        talk.symptom.match(clause, m.end()) for m in talk.pronoun.finditer(clause)
    )


# Words for muscles in general ("my hamstrings") name the place, they tell nothing of it.
_NO_DETAIL = frozenset({Flag.MUSCLES})


def _detailed(r: PainReport) -> bool:
    """Gives a detail of one pain: how bad, how long, when or what makes it worse, which
    side, a sign."""
    return (
        r.worst is not None
        or r.days is not None
        or bool(r.aggravators)
        or r.behaviour is not None
        or r.trend is not None
        or r.onset is not None
        or r.limping
        or r.side in (Side.LEFT, Side.RIGHT)
        or any(a == Answer.YES for f, a in r.flags.items() if f not in _NO_DETAIL)
    )
