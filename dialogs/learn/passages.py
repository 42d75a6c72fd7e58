"""The knowledge base as passages for the question answerer: every topic paragraph, every
exercise how-to (shown with its cues and common faults) and every exercise's notes, with the
stems each is ranked by, and the BM25 indexes (bm25s) over whole entries and over passages
alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Literal

import bm25s
import numpy as np

from dialogs.knowledge import Exercise, Topic, knowledge
from dialogs.learn.synonyms import normalise, stemmer, synonyms

Kind = Literal["topic", "exercise"]

# A stem in the names of more than this share of entries names none of them in particular.
COMMON_NAME = 0.2


@dataclass(frozen=True, slots=True)
class Doc:
    kind: Kind
    entry_id: str
    title: str
    text: str
    related: tuple[str, ...]
    own: tuple[str, ...]  # the passage's own stems, for ranking passages within an entry
    terms: frozenset[str]  # with its entry's title and keywords, for ranking and coverage
    pairs: frozenset[tuple[str, str]]  # neighbouring stems, for phrases said as written
    cues: frozenset[str]  # every stem of the passage, function words too, for intents
    lead: bool  # a topic's first paragraph: its summary
    called: frozenset[str]  # its entry's title and keywords, or name and aliases: its subject


def stems(words: Iterable[str]) -> list[str]:
    ignore = synonyms().ignore
    kept = [w for w in words if w not in ignore]
    return stemmer().stemWords(kept) if kept else []


def all_stems(text: str) -> frozenset[str]:
    return frozenset(stemmer().stemWords(normalise(text).split()))


def _about(e: Exercise) -> list[str]:
    """What an exercise entry is about, in words: an exercise, and the muscles it works
    ("exercise muscles gluteus maximus hamstrings")."""
    return ["exercise", "muscles", *(str(m).replace("_", " ") for m in e.muscles)]


def _exercise_text(e: Exercise) -> str:
    steps = " ".join(f"{n}. {step}" for n, step in enumerate(e.how_to, start=1))
    return f"{e.why} {steps}"


def _form_text(e: Exercise) -> str:
    return f"Get it right: {' '.join(e.cues)} Avoid: {' '.join(e.mistakes)}"


@cache
def docs() -> tuple[Doc, ...]:
    kb = knowledge()
    out: list[Doc] = []

    def add(
        kind: Kind, entry: Topic | Exercise, text: str, head: str, lead: bool, shown: str = ""
    ) -> None:
        if isinstance(entry, Topic):
            names = (entry.title, *entry.keywords)
        else:
            names = (entry.name, *entry.aliases)
        called = frozenset(stems(normalise(" ".join(names)).split()))
        related = entry.related if isinstance(entry, Topic) else ()
        title = entry.title if isinstance(entry, Topic) else entry.name
        own = tuple(stems(normalise(text).split()))
        terms = frozenset(stems(normalise(f"{head} {text}").split()))
        pairs = frozenset(pairwise(own))
        cues = all_stems(text)
        text = f"{text} {shown}".rstrip()
        out.append(
            Doc(kind, entry.id, title, text, related, own, terms, pairs, cues, lead, called)
        )

    for topic in kb.topics.values():
        head = " ".join((topic.title, *topic.keywords))
        for n, paragraph in enumerate(topic.body):
            add("topic", topic, paragraph, head, n == 0)
    for e in kb.exercises.values():
        head = " ".join((e.name, *e.aliases, *e.cues, *_about(e)))
        # Its cues and common faults are shown with the steps ("why do I feel it in my back"),
        # but not ranked by: their everyday words ("ribs", "chin") would pull questions about
        # something else towards a how-to.
        add("exercise", e, _exercise_text(e), head, False, shown=_form_text(e))
        # Its notes answer their own questions ("do I need weights for hip thrusts").
        if e.notes:
            add("exercise", e, " ".join(e.notes), head, False)
    return tuple(out)


@cache
def index() -> tuple[bm25s.BM25, np.ndarray, bm25s.BM25, dict[str, float]]:
    """Two BM25 indexes: whole entries (title, keywords and every passage) with each
    passage's entry number, and passages alone; and each term's rarity (idf) for coverage."""
    every = docs()
    entry_ids = list(dict.fromkeys(d.entry_id for d in every))
    words: dict[str, list[str]] = {entry_id: [] for entry_id in entry_ids}
    kb = knowledge()
    for entry_id in entry_ids:
        entry = kb.topics.get(entry_id) or kb.exercises[entry_id]
        head = entry.title if isinstance(entry, Topic) else entry.name
        extra = entry.keywords if isinstance(entry, Topic) else (*entry.aliases, *entry.cues)
        words[entry_id] = stems(normalise(" ".join((head, *extra))).split())
    for d in every:
        words[d.entry_id].extend(d.own)
    entries = bm25s.BM25()
    entries.index([words[entry_id] for entry_id in entry_ids], show_progress=False)
    owner = np.array([entry_ids.index(d.entry_id) for d in every])
    passages = bm25s.BM25()
    passages.index([list(d.own) for d in every], show_progress=False)
    count = len(every)
    idf = {}
    for term in {t for d in every for t in d.terms}:
        seen = sum(term in d.terms for d in every)
        idf[term] = math.log(1 + (count - seen + 0.5) / (seen + 0.5))
    return entries, owner, passages, idf


@cache
def leads() -> np.ndarray:
    return np.array([d.lead for d in docs()], dtype=float)


@cache
def subjects() -> frozenset[str]:
    """The stems of what the knowledge base is about: topic titles and keywords, exercise
    names and aliases, and the words the synonym layer points to."""
    kb = knowledge()
    names = [phrase for t in kb.topics.values() for phrase in (t.title, *t.keywords)]
    names += [phrase for e in kb.exercises.values() for phrase in (e.name, *e.aliases)]
    names += synonyms().words.values()
    return frozenset(stems(normalise(" ".join(names)).split()))


@cache
def topical() -> frozenset[str]:
    """The subjects and every word the topics' explanations use: what a question can be about.
    An exercise's steps use words in passing ("a chair", "hot coals") that are not."""
    said = (stems(normalise(d.text).split()) for d in docs() if d.kind == "topic")
    return subjects().union(*said)


@cache
def common_names() -> frozenset[str]:
    """The stems so many entries are named by ("glutes", "hip") that they name none in
    particular."""
    called = {(d.kind, d.entry_id): d.called for d in docs()}
    counts = Counter(s for names in called.values() for s in names)
    return frozenset(s for s, n in counts.items() if n > COMMON_NAME * len(called))
