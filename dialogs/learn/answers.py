"""Answers a typed question from the knowledge base, in plain words.

Every topic paragraph and every exercise how-to is a passage. A question is read into
concepts: each of its words (spelling slips corrected against the knowledge base's own words
with rapidfuzz), plus the knowledge-base words the runners' synonym layer
(data/answer_synonyms.toml) gives for it, all stemmed (PyStemmer). Passages are ranked with
BM25 (bm25s). An answer is confident only when the best passage says most of what was asked
(by concept, weighted by how rare each one is) and scores well enough; otherwise the caller
says honestly that it does not know, and offers the closest topics.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Literal

import bm25s
import numpy as np
import Stemmer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz, process

from dialogs.knowledge import Exercise, KnowledgeError, Topic, knowledge
from dialogs.learn.search import search

SYNONYMS_FILE = "answer_synonyms.toml"

# A question names a few things: words past this many distinct ones are not read, so a pasted
# page costs no more than a long question.
MAX_CONCEPTS = 24
# Confident when the best passage covers this share of the question's (rarity-weighted)
# concepts and scores at least this much; tuned on tests/unit/answers_questions.toml only.
MIN_COVERAGE = 0.5
MIN_SCORE = 2.0
UNKNOWN_WEIGHT = 1.5
# A passage's own words weigh this much beside its whole entry's.
PASSAGE_WEIGHT = 0.5
# An entry named in the question (dialogs.learn.search) scores up to this much more.
NAME_BOOST = 1.0
# A second passage is added when it scores this close to the first and says more.
SECOND_SHARE = 0.6
# Paragraphs longer than this are trimmed to the sentences that answer the question.
TRIM_OVER = 320
# Words shorter than this are not spell-corrected ("fix" is not "six").
_FUZZ_MIN_LEN = 5
_FUZZ_CUTOFF = 86.0

Word = Annotated[str, Field(pattern=r"^[a-z0-9&' -]{1,40}$")]


class _Ignore(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    words: tuple[Annotated[str, Field(pattern=r"^[a-z0-9']{1,20}$")], ...]


class _SynonymFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    words: dict[Word, Word]
    ignore: _Ignore


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of a topic, or one exercise's how-to."""

    kind: Literal["topic", "exercise"]
    entry_id: str
    title: str
    text: str  # plain text, trimmed to what answers the question
    related: tuple[str, ...]  # exercise ids worth a button


@dataclass(frozen=True, slots=True)
class Answer:
    """The best one or two passages, whether they answer confidently, and the closest entries
    (kind, id) for an honest "not sure"."""

    passages: tuple[Passage, ...]
    confident: bool
    closest: tuple[tuple[Literal["topic", "exercise"], str], ...]


@dataclass(frozen=True, slots=True)
class _Doc:
    kind: Literal["topic", "exercise"]
    entry_id: str
    title: str
    text: str
    related: tuple[str, ...]
    own: tuple[str, ...]  # the passage's own stems, for ranking passages within an entry
    terms: frozenset[str]  # with its entry's title and keywords, for ranking and coverage


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces ("Runner’s knee" -> "runners knee")."""
    text = text.lower().replace("’", "'").replace("'s ", " ").replace("'", "")
    return " ".join(re.findall(r"[a-z0-9&]+", text))


def parse_synonyms(text: str) -> tuple[dict[str, str], frozenset[str]]:
    """The synonym layer (phrase -> knowledge-base words) and the ignored words; raise
    KnowledgeError naming the file when it is broken."""
    try:
        data = _SynonymFile.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise KnowledgeError(f"{SYNONYMS_FILE}: {exc}") from exc
    words = {normalise(k): normalise(v) for k, v in data.words.items()}
    return words, frozenset(data.ignore.words)


@cache
def _synonyms() -> tuple[dict[str, str], frozenset[str]]:
    path = resources.files("dialogs") / "data" / SYNONYMS_FILE
    return parse_synonyms(path.read_text(encoding="utf-8"))


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def _stems(words: Iterable[str]) -> list[str]:
    ignore = _synonyms()[1]
    kept = [w for w in words if w not in ignore]
    return _stemmer().stemWords(kept) if kept else []


def _exercise_text(e: Exercise) -> str:
    steps = " ".join(f"{n}. {step}" for n, step in enumerate(e.how_to, start=1))
    return f"{e.why} {steps}"


@cache
def _docs() -> tuple[_Doc, ...]:
    kb = knowledge()
    docs: list[_Doc] = []

    def add(
        kind: Literal["topic", "exercise"], entry: Topic | Exercise, text: str, head: str
    ) -> None:
        related = entry.related if isinstance(entry, Topic) else ()
        title = entry.title if isinstance(entry, Topic) else entry.name
        own = tuple(_stems(normalise(text).split()))
        terms = frozenset(_stems(normalise(f"{head} {text}").split()))
        docs.append(_Doc(kind, entry.id, title, text, related, own, terms))

    for topic in kb.topics.values():
        head = " ".join((topic.title, *topic.keywords))
        for paragraph in topic.body:
            add("topic", topic, paragraph, head)
    for e in kb.exercises.values():
        head = " ".join((e.name, *e.aliases, *e.cues))
        add("exercise", e, _exercise_text(e), head)
    return tuple(docs)


@cache
def _index() -> tuple[bm25s.BM25, np.ndarray, bm25s.BM25, dict[str, float]]:
    """Two BM25 indexes: whole entries (title, keywords and every passage) with each
    passage's entry number, and passages alone; and each term's rarity (idf) for coverage."""
    docs = _docs()
    entry_ids = list(dict.fromkeys(d.entry_id for d in docs))
    words: dict[str, list[str]] = {entry_id: [] for entry_id in entry_ids}
    kb = knowledge()
    for entry_id in entry_ids:
        entry = kb.topics.get(entry_id) or kb.exercises[entry_id]
        head = entry.title if isinstance(entry, Topic) else entry.name
        extra = entry.keywords if isinstance(entry, Topic) else (*entry.aliases, *entry.cues)
        words[entry_id] = _stems(normalise(" ".join((head, *extra))).split())
    for d in docs:
        words[d.entry_id].extend(d.own)
    entries = bm25s.BM25()
    entries.index([words[entry_id] for entry_id in entry_ids], show_progress=False)
    owner = np.array([entry_ids.index(d.entry_id) for d in docs])
    passages = bm25s.BM25()
    passages.index([list(d.own) for d in docs], show_progress=False)
    count = len(docs)
    idf = {}
    for term in {t for d in docs for t in d.terms}:
        seen = sum(term in d.terms for d in docs)
        idf[term] = math.log(1 + (count - seen + 0.5) / (seen + 0.5))
    return entries, owner, passages, idf


@cache
def _vocabulary() -> tuple[str, ...]:
    """Every plain word of the knowledge base and the synonym layer, for spelling slips."""
    words = {w for d in _docs() for w in normalise(f"{d.title} {d.text}").split()}
    for phrase in _synonyms()[0]:
        words.update(phrase.split())
    return tuple(sorted(w for w in words if len(w) >= _FUZZ_MIN_LEN - 1))


def _spelled(word: str) -> str:
    vocabulary = _vocabulary()
    if len(word) < _FUZZ_MIN_LEN or word in _known_words():
        return word
    hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZ_CUTOFF)
    return hit[0] if hit else word


@cache
def _known_words() -> frozenset[str]:
    return frozenset(_vocabulary()) | _synonyms()[1]


def concepts(question: str) -> list[frozenset[str]]:
    """What a question asks about: one set of stems per word said (its synonyms included)."""
    words, ignore = _synonyms()
    said: list[str] = []
    for word in normalise(question).split():
        if word not in said:
            said.append(word if word in ignore else _spelled(word))
        if len(said) >= MAX_CONCEPTS * 2:
            break
    # Phrases are matched on every word ("how often"); what they mean is added to their last
    # word that carries a subject, or stands alone when none does.
    text = f" {' '.join(said)} "
    extra: dict[str, set[str]] = {w: set() for w in said}
    alone: list[str] = []
    for phrase, meaning in words.items():
        if f" {phrase} " in text:
            carriers = [w for w in phrase.split() if w not in ignore]
            if carriers:
                extra[carriers[-1]].update(meaning.split())
            else:
                alone.append(meaning)
    out: list[frozenset[str]] = []
    groups = [[w, *extra[w]] for w in said if w not in ignore] + [m.split() for m in alone]
    for group in groups[:MAX_CONCEPTS]:
        stems = frozenset(_stems(group))
        if stems and stems not in out:
            out.append(stems)
    return out


def _coverage(asked: Sequence[frozenset[str]], terms: frozenset[str]) -> float:
    idf = _index()[3]
    rarest = max(idf.values())

    def weight(concept: frozenset[str]) -> float:
        # A word the knowledge base never uses ("brand", "pizza") weighs more than the rarest
        # one it does: asking about it is asking about something else.
        return max((idf.get(s, UNKNOWN_WEIGHT * rarest) for s in concept), default=rarest)

    total = sum(weight(c) for c in asked)
    said = sum(weight(c) for c in asked if c & terms)
    return said / total if total else 0.0


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def _trim(text: str, asked: Sequence[frozenset[str]]) -> str:
    """A long paragraph cut to its first sentence and the sentences that answer."""
    if len(text) <= TRIM_OVER:
        return text
    sentences = _SENTENCE.split(text)
    wanted = set().union(*asked) if asked else set()
    hits = [n for n, s in enumerate(sentences) if wanted & set(_stems(normalise(s).split()))]
    # The first sentence sets the scene; the one after a hit often finishes its thought.
    keep = {0, *hits, *(n + 1 for n in hits)}
    return " ".join(s for n, s in enumerate(sentences) if n in keep)


def answer(question: str) -> Answer:
    """The best one or two passages for a question, and whether they answer it confidently."""
    asked = concepts(question)
    if not asked:
        return Answer((), False, ())
    entries, owner, passages, _ = _index()
    query = sorted(set().union(*asked))
    # The entry that says most about the question, then its passage that says most; an entry
    # the question names ("how do I do a glute bridge") counts extra.
    scores = entries.get_scores(query)[owner] + PASSAGE_WEIGHT * passages.get_scores(query)
    docs = _docs()
    named = {(hit.kind, hit.id): hit.score / 100 for hit in search(question, limit=2)}
    if named:
        boost = np.array([named.get((d.kind, d.entry_id), 0.0) for d in docs])
        scores = scores * (1 + NAME_BOOST * boost)
    order = np.argsort(-scores, kind="stable")
    best = docs[int(order[0])]
    top = float(scores[order[0]])
    closest: list[tuple[Literal["topic", "exercise"], str]] = []
    for i in order[:12]:
        doc = docs[int(i)]
        if scores[i] > 0 and (doc.kind, doc.entry_id) not in closest:
            closest.append((doc.kind, doc.entry_id))
    covered = _coverage(asked, best.terms)
    confident = top >= MIN_SCORE and covered >= MIN_COVERAGE
    chosen = [best]
    for i in order[1:4]:
        doc = docs[int(i)]
        # A second passage only when it is nearly as good, and either completes the same
        # entry or covers something the first does not.
        adds = doc.entry_id == best.entry_id or any(
            c & doc.terms and not c & best.terms for c in asked
        )
        if float(scores[i]) >= SECOND_SHARE * top and adds:
            chosen.append(doc)
            break
    # A how-to is shown whole: every step matters.
    passages = tuple(
        Passage(
            d.kind,
            d.entry_id,
            d.title,
            _trim(d.text, asked) if d.kind == "topic" else d.text,
            d.related,
        )
        for d in chosen
    )
    return Answer(passages, confident, tuple(closest[:3]))
