"""Typed search over the knowledge base: names, aliases and keywords, forgiving typos.

Each query word is compared (rapidfuzz) with every word of the knowledge base's vocabulary
once; a phrase's score is how well its words and the query's words cover each other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from dialogs.knowledge import knowledge


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One entry that matches a query; score is 0-100, 100 when query and name agree; said when
    every word of its name (or an alias) is in the query, however much else the query says."""

    kind: Literal["exercise", "topic"]
    id: str
    title: str
    score: float
    said: bool = False


SEARCH_CUTOFF = 85.0
_TOKEN_CUTOFF = 80.0

_STOPWORDS = frozenset(
    {
        "a",
        "about",
        "am",
        "an",
        "and",
        "any",
        "are",
        "at",
        "be",
        "can",
        "could",
        "do",
        "does",
        "doing",
        "did",
        "for",
        "from",
        "get",
        "give",
        "got",
        "have",
        "help",
        "how",
        "i",
        "im",
        "in",
        "info",
        "is",
        "it",
        "its",
        "me",
        "more",
        "my",
        "of",
        "on",
        "or",
        "please",
        "should",
        "so",
        "some",
        "tell",
        "that",
        "the",
        "them",
        "there",
        "this",
        "to",
        "what",
        "whats",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)


def _tokens(text: str) -> tuple[str, ...]:
    text = text.lower().replace("’", "'")
    # "IT band" must survive dropping the stop word "it".
    text = re.sub(r"\bit[\s-]*bands?\b|\biliotibial( bands?)?\b", " itb ", text)
    text = text.replace("'s", "").replace("'", "")
    words = re.findall(r"[a-z0-9]+", text)
    return tuple(w for w in words if w not in _STOPWORDS)


# A typed question names a few things; words past this many distinct ones are not read, so a
# pasted page costs no more than a question.
MAX_QUERY_WORDS = 20


def _near_words(words: Iterable[str]) -> dict[str, dict[str, float]]:
    """For each query word, the vocabulary words it nearly matches and how well.

    One rapidfuzz pass per distinct word over the whole vocabulary, instead of a comparison per
    phrase: the same scores, at a cost that does not grow with the number of phrases.
    """
    vocabulary = _vocabulary()
    near: dict[str, dict[str, float]] = {}
    for word in words:
        hits = process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=_TOKEN_CUTOFF, limit=None
        )
        near[word] = {hit: score for hit, score, _ in hits}
    return near


def _coverage(scores: Iterable[tuple[float, int]]) -> float:
    # How well each needle word (score, weight) is matched by the other side, on average.
    pairs = list(scores)
    return sum(score * weight for score, weight in pairs) / sum(weight for _, weight in pairs)


@cache
def _phrases() -> tuple[tuple[Literal["exercise", "topic"], str, str, tuple[str, ...]], ...]:
    kb = knowledge()
    rows: list[tuple[Literal["exercise", "topic"], str, str, tuple[str, ...]]] = []
    for e in kb.exercises.values():
        rows.extend(("exercise", e.id, e.name, _tokens(p)) for p in (e.name, *e.aliases))
    for t in kb.topics.values():
        rows.extend(("topic", t.id, t.title, _tokens(p)) for p in (t.title, *t.keywords))
    return tuple(row for row in rows if row[3])


@cache
def _topic_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(row[3] for row in _phrases() if row[0] == "topic")


@cache
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted({word for row in _phrases() for word in row[3]}))


def search(query: str, *, limit: int = 5, cutoff: float = SEARCH_CUTOFF) -> list[SearchHit]:
    """Topics and exercises whose names, aliases or keywords match the query, best first."""
    # Repeated words weigh as often as they are said; only the first distinct ones are read.
    words = list(Counter(_tokens(query)).items())[:MAX_QUERY_WORDS]
    if not words:
        return []
    near = _near_words(word for word, _ in words)
    # Each vocabulary word's best match among the query words; a phrase with none is no hit.
    heard: dict[str, float] = {}
    for hits in near.values():
        for hit, score in hits.items():
            heard[hit] = max(score, heard.get(hit, 0.0))
    best: dict[tuple[str, str], tuple[float, float, SearchHit]] = {}
    for kind, entry_id, title, phrase in _phrases():
        if not any(p in heard for p in phrase):
            continue
        # A phrase wholly said in the query, or a query wholly found in a phrase, is a hit;
        # hits that match both ways rank first.
        said = _coverage([(heard.get(p, 0.0), 1) for p in phrase])
        found = _coverage([(max(near[q].get(p, 0.0) for p in phrase), n) for q, n in words])
        if max(said, found) < cutoff:
            continue
        score = (said + found) / 2
        key = (kind, entry_id)
        if key not in best or score > best[key][0]:
            # A phrase that names a topic too ("hills") is the explainer's, not the exercise's.
            whole = said >= cutoff and (kind == "topic" or phrase not in _topic_phrases())
            best[key] = (
                score,
                max(said, found),
                SearchHit(kind, entry_id, title, round(score, 1), whole),
            )
    # On a tie an explainer answers a question better than an exercise does.
    ranked = sorted(
        best.values(), key=lambda row: (-row[0], -row[1], row[2].kind != "topic", row[2].title)
    )
    return [row[2] for row in ranked[:limit]]
