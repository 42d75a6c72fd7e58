"""Answers a typed question from the knowledge base, in plain words.

Every topic paragraph, every exercise how-to and every exercise's notes is a passage. A
question is read (dialogs.learn.reading) into concepts: each word that names a subject
(spelling slips corrected against the knowledge base's own words with rapidfuzz), plus the
knowledge-base words the runners' synonym layer (dialogs.learn.synonyms) gives for it, all
stemmed (PyStemmer); into intents, what its way of asking looks for ("why": a reason, "how
many": a number); and into its two-word phrases ("hip extension"). A question that names an
exercise and asks for its technique ("glute bridge form?") asks for its how-to.

Passages are ranked with BM25 (bm25s): the entry that says most about the question, then,
within it, the passage that says most, gives what the intents look for, says the phrases as
written and covers all that was asked. An answer is confident only when the best passage
covers most of the question (by concept: rare subjects weigh most, words the knowledge base
only uses in passing less, words it never uses as much as its rarest subject, words said only
in a scene set before the question less; a little less of a long, chatty question) and
scores well enough, the passage is about one of the question's subjects (named for it, or
saying one of its rarer words; a number or an amount is never the subject), an exercise's
how-to only for a question that names the exercise, and the question is not about what the
coach does not cover; otherwise
the caller says honestly that it does not know, and offers the closest topics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dialogs.learn import passages
from dialogs.learn.passages import Kind
from dialogs.learn.reading import concepts, intents, is_amount, phrases, read_words, scene, speakers
from dialogs.learn.search import search
from dialogs.learn.synonyms import normalise, synonyms

# Confident when the best passage covers this share of the question's (rarity-weighted)
# concepts and scores at least this much; tuned on tests/unit/answers_questions.toml only.
MIN_COVERAGE = 0.5
MIN_SCORE = 2.0
# A long, chatty question says more that its answer need not repeat ("i walk loads and always
# take the stairs, surely my bum is strong enough"): past this many concepts, each one more
# eases the coverage bar by this much, never below the floor (0.3: a long story before the
# question, "coming back after 18 months off between a knee op and a baby, how do i...", leaves
# the right passage about a third of it. On the spent batches 0.3 answered four more right and
# none more confidently wrong; easing faster as well (0.05) three more right, four more wrong).
CHATTY_FROM = 4
CHATTY_EASING = 0.03
MIN_CHATTY_COVERAGE = 0.3
# A question often sets a scene before it asks ("i run 50k a week, how can my glutes be weak";
# "just ran a marathon PB!! when can i get back in the gym"): what only the scene says weighs
# this share, so a passage about the scene's incidental words does not outrank the asked one.
SCENE_WEIGHT = 0.5
# A passage answers confidently only when it is named for one of the question's subjects or
# says one that weighs at least this share of the rarest word: words every page uses
# ("stronger", "glutes", "legs") do not say which passage is meant.
SUBJECT_RARITY = 0.4
# A word the knowledge base never uses weighs this share of its rarest word; one it uses only
# in passing (not in a title, keyword, name or the synonym layer) this share of its rarity.
UNKNOWN_WEIGHT = 1.0
PASSING_WEIGHT = 0.5
# A passage's own words weigh this much beside its whole entry's.
PASSAGE_WEIGHT = 0.5
# An entry named in the question (dialogs.learn.search) scores up to this much more. An
# exercise's how-to uses everyday words as instructions ("keep your hips square", "rest"): one
# the question does not name scores this share, so it answers only when no explainer does.
NAME_BOOST = 1.0
NAMED_SURE = 0.6
# How many of the search's hits are looked through for an exercise named in full.
NAMED_LOOKUP = 5
UNNAMED_EXERCISE = 0.6
# A passage with what every intent of the question looks for scores this share more; a
# topic's first paragraph this share more.
INTENT_WEIGHT = 0.35
LEAD_WEIGHT = 0.05
# A passage with every two-word phrase of the question scores this share more.
PHRASE_WEIGHT = 0.25
# A passage's score falls by up to this share as it covers less of the question.
COVERAGE_RANK = 0.75
# A second passage is added when it scores this close to the first and says more.
SECOND_SHARE = 0.6
# Paragraphs longer than this are trimmed to the sentences that answer the question.
TRIM_OVER = 320


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of a topic, or one exercise's how-to or notes."""

    kind: Kind
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
    closest: tuple[tuple[Kind, str], ...]



def _weights(asked: Sequence[frozenset[str]], besides: Sequence[bool]) -> list[float]:
    """How much each concept matters: rare subjects most. A word the knowledge base only
    uses in passing ("tired") weighs less; one it never uses ("pizza") weighs as much as
    its rarest subject: asking about it may be asking about something else. A count ("from
    3 runs a week to 5") is a detail of the question, not its subject: it weighs as a word used
    in passing, and nothing when the knowledge base never says it. What only the scene set
    before the question says (besides) weighs less."""
    idf, subjects = passages.index()[3], passages.subjects()
    rarest = max(idf.values())

    def weight(concept: frozenset[str]) -> float:
        known = [idf[s] * (1.0 if s in subjects else PASSING_WEIGHT) for s in concept if s in idf]
        if any(s.isdigit() for s in concept):
            return PASSING_WEIGHT * max(known, default=0.0)
        return max(known, default=UNKNOWN_WEIGHT * rarest)

    return [weight(c) * (SCENE_WEIGHT if s else 1.0) for c, s in zip(asked, besides, strict=True)]


def _coverage_bar(asked: Sequence[frozenset[str]]) -> float:
    extra = max(0, len(asked) - CHATTY_FROM)
    return max(MIN_CHATTY_COVERAGE, MIN_COVERAGE - CHATTY_EASING * extra)


def _coverage(
    asked: Sequence[frozenset[str]], weights: Sequence[float], terms: frozenset[str]
) -> float:
    total = sum(weights)
    said = sum(w for c, w in zip(asked, weights, strict=True) if c & terms)
    return said / total if total else 0.0


def _about(asked: Sequence[frozenset[str]], doc: passages.Doc) -> bool:
    """Whether a passage is about a subject of the question (not a number or an amount)."""
    subjects = [c for c in asked if not is_amount(c)]
    plain = _weights(subjects, [False] * len(subjects))
    rare = SUBJECT_RARITY * max(passages.index()[3].values())
    return any(
        c & doc.called - passages.common_names() or (w >= rare and c & doc.terms)
        for c, w in zip(subjects, plain, strict=True)
    )


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def _trim(text: str, wanted: frozenset[str]) -> str:
    """A long paragraph cut to its first sentence and the sentences that answer (that say
    what was asked about, or what the way of asking looks for)."""
    if len(text) <= TRIM_OVER:
        return text
    sentences = _SENTENCE.split(text)
    hits = [n for n, s in enumerate(sentences) if wanted & passages.all_stems(s)]
    # The first sentence sets the scene; the one after a hit often finishes its thought.
    keep = {0, *hits, *(n + 1 for n in hits)}
    return " ".join(s for n, s in enumerate(sentences) if n in keep)


def _named(question: str) -> dict[tuple[Kind, str], float]:
    """The entries the question names, by how surely: the two that match best, and an
    exercise named in full however many topics' keywords the question also says ("when I do a
    glute bridge ... is it bad if my lower back arches"). An exercise named in full is the one
    meant, not a variant whose name holds it ("banded glute bridge")."""
    found = search(question, limit=NAMED_LOOKUP)
    hits = found[:2] + [h for h in found[2:] if h.kind == "exercise" and h.said]
    whole = any(h.kind == "exercise" and h.score >= 100 for h in hits)
    return {
        (h.kind, h.id): h.score / 100
        for h in hits
        if not (whole and h.kind == "exercise" and h.score < 100)
    }


def _scores(
    question: str,
    asked: Sequence[frozenset[str]],
    weights: Sequence[float],
    looked_for: Sequence[frozenset[str]],
    named: dict[tuple[Kind, str], float],
) -> np.ndarray:
    """Every passage's score for a question."""
    entries, owner, alone, _ = passages.index()
    query = sorted(set().union(*asked))
    # The entry that says most about the question, then its passage that says most; an entry
    # the question names ("how do I do a glute bridge") counts extra.
    scores = entries.get_scores(query)[owner] + PASSAGE_WEIGHT * alone.get_scores(query)
    docs = passages.docs()
    boost = np.array([named.get((d.kind, d.entry_id), 0.0) for d in docs])
    scores = scores * (1 + NAME_BOOST * boost)
    unnamed = np.array([d.kind == "exercise" and (d.kind, d.entry_id) not in named for d in docs])
    scores = np.where(unnamed, UNNAMED_EXERCISE * scores, scores)
    # Within what matches, the passage that gives what the question asks for ("why": a
    # reason, "how many": a number) and a topic's summary paragraph come first.
    if looked_for:
        share = np.array([sum(bool(c & d.cues) for c in looked_for) for d in docs])
        scores = scores * (1 + INTENT_WEIGHT * share / len(looked_for))
    # A passage that says the question's phrases as written ("hip extension") beats one that
    # has the same words apart.
    said = phrases(question)
    if said:
        share = np.array([len(said & d.pairs) for d in docs]) / len(said)
        scores = scores * (1 + PHRASE_WEIGHT * share)
    # A passage that says all that was asked beats one that says part of it louder.
    covered = np.array([_coverage(asked, weights, d.terms) for d in docs])
    result: np.ndarray = (
        scores * (1 + LEAD_WEIGHT * passages.leads()) * (1 - COVERAGE_RANK * (1 - covered))
    )
    return result


def _how_to(question: str) -> tuple[str, tuple[Kind, str] | None]:
    """A question that names an exercise and asks for its technique ("glute bridge form?",
    "what am i doing wrong on bridges") asks for its how-to: the technique words are its way
    of asking, not a subject (running form, say) to look up. The question without them, and
    the exercise whose how-to answers."""
    text = f" {normalise(question)} "
    said = [t for t in synonyms().technique if f" {t} " in text]
    if not said:
        return question, None
    for phrase in sorted(said, key=len, reverse=True):
        text = text.replace(f" {phrase} ", " ")
    rest = " ".join(text.split())
    # Named in full ("bridges") among a long question, or matched surely.
    sure = [
        h
        for h in search(rest, limit=NAMED_LOOKUP)
        if h.kind == "exercise" and (h.said or h.score >= 100 * NAMED_SURE)
    ]
    return (rest, (sure[0].kind, sure[0].id)) if sure else (question, None)


def answer(question: str) -> Answer:
    """The best one or two passages for a question, and whether they answer it confidently."""
    question, how_to = _how_to(question)
    asked = concepts(question)
    if not asked:
        return Answer((), False, ())
    looked_for = intents(question)
    weights = _weights(asked, scene(question, asked))
    # What is said after the question is context too: it ranks as the scene before it does, and
    # for confidence counts half when the best passage does not speak to it, in full when it
    # does ("should i try it this week? my half is in 6 days").
    context = _weights(asked, scene(question, asked, after=True))
    named = _named(question)
    scores = _scores(question, asked, context, looked_for, named)
    if how_to:
        # Its technique asked, the exercise's own passages answer before any topic that
        # mentions it ("my hamstrings cramp on bridges, what am i doing wrong").
        mine = np.array([(d.kind, d.entry_id) == how_to for d in passages.docs()])
        scores = np.where(mine, scores + float(scores.max()), scores)
    docs = passages.docs()
    order = np.argsort(-scores, kind="stable")
    best = docs[int(order[0])]
    top = float(scores[order[0]])
    closest: list[tuple[Kind, str]] = []
    for i in order[:12]:
        doc = docs[int(i)]
        if scores[i] > 0 and (doc.kind, doc.entry_id) not in closest:
            closest.append((doc.kind, doc.entry_id))
    covered = max(_coverage(asked, weights, best.terms), _coverage(asked, context, best.terms))
    # A passage that shares only words it uses in passing ("hot", "free") is about something
    # else; and a question about what the coach does not cover (prices, gear, food) is never
    # answered confidently from a passage that mentions it in passing.
    on_subject = any(c & best.terms & passages.topical() for c in asked)
    # And the passage must be about what the question asks: named for one of its subjects, or
    # saying one of its rarer ones. A reply to another question ("probably around 30k") or a
    # follow-up in words every page uses ("how about stronger glutes then") names none.
    about_subject = _about(asked, best)
    # A how-to answers only a question that names its exercise: one that does not is about
    # something its steps mention ("should my hips rotate a bit when i run" is not a fire
    # hydrant's "keep your hips square").
    about_it = best.kind == "topic" or (best.kind, best.entry_id) in named
    # A question that calls an exercise by its name asks about it, whatever else it says ("how
    # do u do a fire hydrant without looking daft"): the chat around the name does not count.
    # (A topic is named by its keywords too, which off-topic questions share: "marathon".)
    called = best.kind == "exercise" and named.get((best.kind, best.entry_id), 0.0) >= NAMED_SURE
    # A watch or an app that reported a number ("my watch says my cadence is low") is not the
    # gear the question asks about.
    said = read_words(question)
    heard_from = speakers(said)
    text = f" {' '.join(w for w in said if w not in heard_from)} "
    elsewhere = any(f" {phrase} " in text for phrase in synonyms().elsewhere)
    confident = (
        top >= MIN_SCORE
        and (covered >= _coverage_bar(asked) or called)
        and about_it
        and on_subject
        and about_subject
        and not elsewhere
    )
    chosen = [best]
    for i in order[1:4]:
        doc = docs[int(i)]
        # A second passage only when it is nearly as good, and either completes the same
        # entry or covers something the first does not (the scene too: "i run mon, wed and
        # sun, when do i fit in strength" needs its days).
        adds = doc.entry_id == best.entry_id or any(
            c & doc.terms and not c & best.terms for c in asked
        )
        if float(scores[i]) >= SECOND_SHARE * top and adds:
            chosen.append(doc)
            break
    # A how-to is shown whole: every step matters.
    wanted = frozenset().union(*asked, *looked_for)
    shown = tuple(
        Passage(
            d.kind,
            d.entry_id,
            d.title,
            _trim(d.text, wanted) if d.kind == "topic" else d.text,
            d.related,
        )
        for d in chosen
    )
    return Answer(shown, confident, tuple(closest[:3]))
