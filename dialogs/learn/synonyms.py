"""The runners' synonym layer for the question answerer (data/answer_synonyms.toml), and how a
question's words are spelled before they are read.

The layer is data: runners' words for the knowledge base's (calf -> calves, "wet pants walk"
-> lateral band walk), what a way of asking looks for in an answer ("why" -> because), the
words that name no subject, the words about what the coach does not cover (prices, gear,
food), the words for how to do a move ("technique", "form"), dialect and chat spellings
("whit", "ootside"), and units and amounts ("miles", "months"). It is checked at load: a
broken entry stops start-up naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS
from pydantic import BaseModel, ConfigDict, Field

from dialogs.datafile import read_toml
from dialogs.knowledge import KnowledgeError

SYNONYMS_FILE = "answer_synonyms.toml"

# A stop word that does name what a runner asks about ("a day between sessions").
_KEPT_STOPWORDS = frozenset({"between"})

Word = Annotated[str, Field(pattern=r"^[a-z0-9&' -]{1,40}$")]
_Single = Annotated[str, Field(pattern=r"^[a-z0-9']{1,20}$")]


class _SingleWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    words: tuple[_Single, ...]


class _Phrases(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    words: tuple[Word, ...]


class _SynonymFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    words: dict[Word, Word]
    intents: dict[Word, tuple[_Single, ...]]
    ignore: _SingleWords
    elsewhere: _Phrases
    technique: _Phrases
    spellings: dict[_Single, _Single]
    amounts: _SingleWords


@dataclass(frozen=True, slots=True)
class Layer:
    """Phrase -> knowledge-base words; intent phrase -> the stems an answer to it usually
    says; the words that name no subject; the words and phrases about what the coach does
    not cover; the words and phrases that ask how to do a move ("technique", "doing wrong"),
    which an exercise's how-to answers when the question names it; dialect and chat
    spellings -> the usual word ("whit" -> "what"); the stems of units and amounts ("miles",
    "a couple of months"), which like a number are details of a question, never its
    subject."""

    words: dict[str, str]
    intents: dict[str, frozenset[str]]
    ignore: frozenset[str]
    elsewhere: frozenset[str]
    technique: frozenset[str]
    spellings: dict[str, str]
    amounts: frozenset[str]


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces ("Runner’s knee" -> "runners knee")."""
    text = text.lower().replace("’", "'").replace("'s ", " ").replace("'", "")
    return " ".join(re.findall(r"[a-z0-9&]+", text))


@cache
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def parse_synonyms(text: str) -> Layer:
    """The synonym layer; raise KnowledgeError naming the file when it is broken."""
    data = read_toml(_SynonymFile, text, name=SYNONYMS_FILE, error=KnowledgeError)
    words = {normalise(k): normalise(v) for k, v in data.words.items()}
    stem = stemmer().stemWords
    intents = {normalise(k): frozenset(stem(list(v))) for k, v in data.intents.items()}
    # Common English function words (bm25s' list, "arent" spelled as normalise() leaves it)
    # name no subject either, whatever the file forgets.
    stopwords = {normalise(w) for w in STOPWORDS_EN_PLUS} - _KEPT_STOPWORDS
    ignore = frozenset(data.ignore.words) | stopwords
    elsewhere = frozenset(normalise(w) for w in data.elsewhere.words)
    technique = frozenset(normalise(w) for w in data.technique.words)
    amounts = frozenset(stem(list(data.amounts.words)))
    return Layer(words, intents, ignore, elsewhere, technique, dict(data.spellings), amounts)


@cache
def synonyms() -> Layer:
    path = resources.files("dialogs") / "data" / SYNONYMS_FILE
    return parse_synonyms(path.read_text(encoding="utf-8"))
