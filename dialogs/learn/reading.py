"""How a question is read: its words, spelling slips corrected against the knowledge base's
own words (rapidfuzz), the concepts it asks about with the runners' synonym layer, what its way
of asking looks for (intents), its two-word phrases, and which concepts only the scene set
around the question says. The question answerer (dialogs.learn.answers) ranks passages by
what this module reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from dialogs.learn import passages
from dialogs.learn.synonyms import normalise, stemmer, synonyms

# A question names a few things: words past these many (and concepts past these many distinct
# ones) are not read, so a pasted page costs no more than a long question.
MAX_CONCEPTS = 24
MAX_WORDS = 4 * MAX_CONCEPTS
# Words shorter than this are not spell-corrected ("fix" is not "six").
_FUZZ_MIN_LEN = 5
_FUZZ_CUTOFF = 86.0


@cache
def _vocabulary() -> tuple[str, ...]:
    """Every plain word of the knowledge base and the synonym layer, for spelling slips."""
    words = {w for d in passages.docs() for w in normalise(f"{d.title} {d.text}").split()}
    for phrase in synonyms().words:
        words.update(phrase.split())
    return tuple(sorted(w for w in words if len(w) >= _FUZZ_MIN_LEN - 1))


@cache
def _by_initial() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for word in _vocabulary():
        out.setdefault(word[0], []).append(word)
    return {initial: tuple(words) for initial, words in out.items()}


def _spelled(word: str) -> str:
    # A slip rarely changes the first letter, and a real word that does ("slower", "lower")
    # means something else.
    if len(word) < _FUZZ_MIN_LEN or word in _known_words():
        return word
    candidates = _by_initial().get(word[0], ())
    hit = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=_FUZZ_CUTOFF)
    return hit[0] if hit else word


@cache
def _known_words() -> frozenset[str]:
    return frozenset(_vocabulary()) | synonyms().ignore


def _idle(word: str) -> bool:
    """A word that names no subject: a function word, or an adverb that is not one of the
    knowledge base's subjects ("quickly", "properly", but not "daily")."""
    if word in synonyms().ignore:
        return True
    return (
        len(word) > 4
        and word.endswith("ly")
        and stemmer().stemWord(word) not in passages.subjects()
    )


# A distance as runners write it ("20k", "8km"): unless the knowledge base names it (a 5k
# race), it is about mileage.
_DISTANCE = re.compile(r"^\d+(k|km|kms|mi|miles?)$")
# How many times, as runners write it ("running 4x a week"): the count.
_TIMES = re.compile(r"^(\d+)x$")


@lru_cache(maxsize=4096)
def _read(word: str) -> str:
    word = synonyms().spellings.get(word, word)
    if _idle(word):
        return word
    if _DISTANCE.match(word) and word not in passages.index()[3]:
        return "km"
    if times := _TIMES.match(word):
        return times.group(1)
    return _spelled(word)


def read_words(question: str) -> list[str]:
    """The question's words in order, spelling slips corrected, a bounded number of them."""
    return [_read(word) for word in normalise(question).split()[:MAX_WORDS]]


def intents(question: str) -> list[frozenset[str]]:
    """What the way of asking looks for in an answer ("why": a reason; "how many": a
    number): the cue stems of each intent phrase said."""
    text = f" {' '.join(read_words(question))} "
    found = [cues for phrase, cues in synonyms().intents.items() if f" {phrase} " in text]
    return list(dict.fromkeys(found))


def phrases(question: str) -> frozenset[tuple[str, str]]:
    """The question's neighbouring subject words, stemmed ("hip extension")."""
    stems = passages.stems(w for w in read_words(question) if not _idle(w))
    return frozenset(pairwise(stems))


# Words that report what someone said: the word before one names who said it.
_REPORTING = frozenset(
    {"says", "said", "told", "tells", "reckons", "reckoned", "claims", "claimed", "mentioned"}
    | {"muttered"}
)


def speakers(said: Sequence[str]) -> set[str]:
    """Who or what reported a claim ("my physio says", "my watch says"): not what it is about."""
    return {w for w, after in pairwise(said) if after in _REPORTING}


def is_amount(concept: frozenset[str]) -> bool:
    """A number, a distance or an amount ("6", "25k", "miles", "a couple of months"): a detail
    of the question, not its subject."""
    return any(s.isdigit() for s in concept) or bool(concept & synonyms().amounts)


def concepts(question: str) -> list[frozenset[str]]:
    """What a question asks about: one set of stems per word said (its synonyms included)."""
    words = synonyms().words
    said = read_words(question)
    # Phrases are matched on every word ("how often"); what they mean is added to their last
    # word that carries a subject, or stands alone when none does.
    text = f" {' '.join(said)} "
    extra: dict[str, set[str]] = {w: set() for w in said}
    alone: list[str] = []
    for phrase, meaning in words.items():
        if f" {phrase} " in text:
            carriers = [w for w in phrase.split() if not _idle(w)]
            if carriers:
                extra[carriers[-1]].update(meaning.split())
            else:
                alone.append(meaning)
    out: list[frozenset[str]] = []
    # Who said a claim is not what it is about ("my physio says i have gluteal amnesia").
    heard_from = speakers(said)
    kept = [w for w in dict.fromkeys(said) if not _idle(w) and w not in heard_from]
    groups = [[w, *extra[w]] for w in kept] + [m.split() for m in alone]
    for group in groups[:MAX_CONCEPTS]:
        stems = frozenset(passages.stems(group))
        if stems and stems not in out:
            out.append(stems)
    return out


# Clauses end at these marks; a clause that opens with one of these words (after "so", "but")
# asks. One that points back ("box jumps, are they safe") asks about what came before.
_CLAUSE_END = re.compile(r"[,.;:!?]+")
_LINKS = frozenset({"so", "but", "and", "then", "ok", "okay"})
_ASKING = (
    frozenset({"how", "what", "whats", "wat", "why", "when", "where", "which", "who", "whos"})
    | frozenset({"should", "can", "could", "is", "are", "am", "do", "does", "did", "will"})
    | frozenset({"would", "isnt", "arent", "doesnt", "dont", "cant", "shouldnt"})
    | frozenset({"shud", "shld", "cud", "wud", "wil", "r"})  # as runners type them
)
_BACK = frozenset({"it", "they", "them", "that", "this", "these", "those"})
# "One" points back only after these ("which one"), not as a count ("one more hard session").
_BACK_PAIRS = frozenset((w, one) for w in ("which", "what", "the") for one in ("one", "ones"))


def _asks(clause: list[str]) -> bool:
    words = clause[1:] if clause[0] in _LINKS and len(clause) > 1 else clause
    return words[0] in _ASKING


def _clauses(question: str) -> list[tuple[list[str], bool]]:
    """The question's clauses, each with whether a question mark ends it."""
    parts = _CLAUSE_END.split(question)
    marks = [*_CLAUSE_END.findall(question), ""]
    spellings = synonyms().spellings
    found = [
        ([spellings.get(w, w) for w in normalise(p).split()], "?" in m)
        for p, m in zip(parts, marks, strict=True)
    ]
    return [(words, mark) for words, mark in found if words]


def scene(question: str, asked: Sequence[frozenset[str]], *, after: bool = False) -> list[bool]:
    """Which concepts only the scene says: the clauses before the first asking one and, with
    `after`, those after the question mark that ends the last asking one ("...? software job,
    sitting 10 hrs a day")."""
    clauses = _clauses(question)
    if not clauses:
        return [False] * len(asked)
    words = [c for c, _ in clauses]
    first = next((n for n, c in enumerate(words) if _asks(c)), 0)
    if _BACK & set(words[first]) or set(pairwise(words[first])) & _BACK_PAIRS:
        first = 0
    asking = [n for n, (c, mark) in enumerate(clauses) if n >= first and (mark or _asks(c))]
    last = max(asking, default=len(clauses) - 1) if after else len(clauses) - 1
    if first == 0 and last == len(clauses) - 1:
        return [False] * len(asked)
    said = concepts(" ".join(w for c in words[first : last + 1] for w in c))
    return [not any(c & s for s in said) for c in asked]

