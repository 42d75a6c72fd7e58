"""The pain lexicon (dialogs/data/pain_lexicon.toml): loading and checking it, normalising
a message the way its patterns read, and reading one sign: affirmed, denied or hedged."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dialogs.needles import Probe
from dialogs.pain import red_flags
from dialogs.pain.vocabulary import AREAS, FIELD_SIGNS, Answer, Behaviour, Flag, Onset, Trend
from dialogs.parsing import fold
from dialogs.vocabulary import BodyLocation, Weekday

LEXICON_FILE = "pain_lexicon.toml"


class LexiconError(RuntimeError):
    """The pain lexicon is broken; the text names the file and the entry."""


Pattern = re.Pattern[str]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Fuzzy(_Strict):
    words: tuple[str, ...]
    keep: frozenset[str]

    @field_validator("keep")
    @classmethod
    def _apart(cls, value: frozenset[str], info: ValidationInfo) -> frozenset[str]:
        both = value & set(info.data.get("words", ()))
        if both:
            raise ValueError(f"words both corrected to and kept: {sorted(both)}")
        return value


class _Negation(_Strict):
    negators: frozenset[str]
    hedges: tuple[Pattern, ...]
    stops: frozenset[str]
    fresh: frozenset[str]
    after: Pattern
    fine: Pattern


class _Location(_Strict):
    id: str
    patterns: tuple[Pattern, ...]

    @field_validator("id")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in AREAS and value not in set(BodyLocation):
            raise ValueError(f"unknown place {value!r}")
        return value


class _Side(_Strict):
    body: str
    left: Pattern
    right: Pattern
    both: tuple[Pattern, ...]


class _Phrase(_Strict):
    days: int = Field(ge=0)
    patterns: tuple[Pattern, ...]


class _Duration(_Strict):
    amounts: dict[str, float]
    units: dict[str, int]
    not_before: tuple[str, ...]
    not_after: str
    phrase: tuple[_Phrase, ...]

    @field_validator("units")
    @classmethod
    def _units_compile(cls, value: dict[str, int]) -> dict[str, int]:
        for unit in value:
            re.compile(unit)
        return value


class _Sign(_Strict):
    yes: tuple[Pattern, ...]
    no: tuple[Pattern, ...] = ()
    # Context cues ("after the race") are not denied by a "can't" earlier in the clause.
    negatable: bool = True
    # A negation before a comma carries over a short list ("no swelling, bruising"); signs
    # that are answers rather than list items ("didnt get worse, gone by morning") opt out.
    carry: bool = True
    state: Pattern | None = None


class _Answers(_Strict):
    yes: Pattern
    no: Pattern
    unsure: Pattern
    limp: Pattern
    walk_ok: Pattern
    not_run: Pattern
    behaviour: dict[Behaviour, tuple[Pattern, ...]]
    part: dict[BodyLocation, tuple[Pattern, ...]]
    checkin: dict[str, tuple[Pattern, ...]]

    @field_validator("checkin")
    @classmethod
    def _checkin_answers(
        cls, value: dict[str, tuple[Pattern, ...]]
    ) -> dict[str, tuple[Pattern, ...]]:
        if set(value) != {*Trend, "seen"}:
            raise ValueError(f"check-in answers must be {sorted({*Trend, 'seen'})}")
        return value


class _Aggravators(_Strict):
    context: Pattern
    words: dict[str, tuple[Pattern, ...]]


class _Talk(_Strict):
    """Whose pain a message is about (telling.py)."""

    asking: Pattern
    apart: Pattern
    others: Pattern
    musing: Pattern
    disclaim: Pattern
    general: Pattern
    dated: Pattern
    sided: Pattern
    exclaim: Pattern
    symptom: Pattern
    pronoun: Pattern
    predicate: Pattern


class _History(_Strict):
    """A past injury told beside today's pain (history.py)."""

    past: Pattern
    event: Pattern
    present: Pattern
    back: Pattern
    someone: Pattern


Severity = Annotated[int, Field(ge=0, le=10)]


class _Lexicon(_Strict):
    fuzzy: _Fuzzy
    negation: _Negation
    location: tuple[_Location, ...]
    side: _Side
    severity: dict[Severity, tuple[Pattern, ...]]
    duration: _Duration
    weekdays: dict[Weekday, tuple[str, ...]]
    behaviour: dict[Behaviour, tuple[Pattern, ...]]
    onset: dict[Onset, tuple[Pattern, ...]]
    trend: dict[Trend, tuple[Pattern, ...]]
    sign: dict[str, _Sign]
    aggravator: _Aggravators
    answer: _Answers
    talk: _Talk
    history: _History

    @field_validator("sign")
    @classmethod
    def _known_signs(cls, value: dict[str, _Sign]) -> dict[str, _Sign]:
        unknown = set(value) - set(Flag) - set(FIELD_SIGNS)
        if unknown:
            raise ValueError(f"unknown signs {sorted(unknown)}")
        missing = (set(Flag) | set(FIELD_SIGNS)) - set(value)
        if missing:
            raise ValueError(f"signs without words: {sorted(missing)}")
        return value


@cache
def get_lexicon() -> _Lexicon:
    path = resources.files("dialogs") / "data" / LEXICON_FILE
    lexicon = read_lexicon(path.read_text(encoding="utf-8"))
    # Every probe made now adds its needles at once: made one by one as a first message meets
    # them, each would rebuild the automaton of every needle (dialogs.needles).
    for patterns in _pattern_sets(lexicon):
        probe(patterns)
    return lexicon


def _pattern_sets(value: object) -> Iterator[tuple[Pattern, ...]]:
    """Every tuple of patterns in the lexicon: the sets the reader may probe."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _pattern_sets(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _pattern_sets(item)
    elif isinstance(value, tuple) and value:
        if all(isinstance(item, re.Pattern) for item in value):
            yield value
        else:
            for item in value:
                yield from _pattern_sets(item)


def warm_up() -> None:
    """Load and check the lexicon and the red-flag concepts now (at start-up), so a broken
    file stops the coach early."""
    get_lexicon()
    red_flags.concepts(_FLAG_NAMES)


_FLAG_NAMES = frozenset(Flag)


def with_concepts(
    norm: str, flags: dict[Flag, Answer]
) -> tuple[dict[Flag, Answer], tuple[Flag, ...]]:
    """The lexicon's readings corrected by the red-flag concepts, and the flags to ask first.

    A concept that shows a red flag adds to the lexicon (the worse reading wins); a concept
    that denies one ("peeing fine", "no numbness down there") replaces it, because the
    concepts read the whole sentence where the lexicon reads a phrase.
    """
    reading = red_flags.read(norm, flags=_FLAG_NAMES, polarity=polarity)
    merged = dict(flags)
    for name, value in reading.answers.items():
        flag, answer = Flag(name), Answer(value)
        if name in reading.overriding or answer == Answer.NO:
            merged[flag] = Answer.NO
        else:
            merged[flag] = worst_answer((merged.get(flag, Answer.UNKNOWN), answer))
    unknown = Answer.UNKNOWN
    ask = tuple(Flag(name) for name in reading.ask if merged.get(Flag(name), unknown) == unknown)
    return merged, ask


def read_lexicon(text: str) -> _Lexicon:
    """Load and check the lexicon from TOML text; a broken entry raises LexiconError."""
    try:
        raw = tomllib.loads(text)
        aggravator = raw.get("aggravator", {})
        raw["aggravator"] = {
            "context": aggravator.pop("context", None),
            "words": aggravator,
        }
        return _Lexicon.model_validate(raw)
    except (tomllib.TOMLDecodeError, ValidationError, re.error) as exc:
        raise LexiconError(f"{LEXICON_FILE}: {exc}") from exc


@cache
def _fuzzy_targets() -> dict[str, tuple[str, ...]]:
    by_letter: dict[str, list[str]] = {}
    for word in get_lexicon().fuzzy.words:
        by_letter.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in by_letter.items()}


@cache
def _correct(word: str) -> str:
    """The lexicon word a typo stands for ("kneee" -> "knee"), or the word itself."""
    fuzzy = get_lexicon().fuzzy
    if len(word) < 5 or word in fuzzy.keep or word in fuzzy.words:
        return word
    # Typos rarely change the first letter; requiring it keeps "right" from becoming "tight".
    targets = _fuzzy_targets().get(word[0], ())
    limit = 1 if len(word) <= 9 else 2
    hit = process.extractOne(word, targets, scorer=OSA.distance, score_cutoff=limit)
    return hit[0] if hit else word


_POSSESSIVE = re.compile(r"'s\b")
_LETTER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=64)
def normalise(text: str) -> str:
    """The folded form the lexicon patterns read: lower case, no apostrophes, typos fixed."""
    folded = fold(text)
    folded = _POSSESSIVE.sub("", folded).replace("'", "").replace("&", " and ")
    folded = _LETTER_HYPHEN.sub(" ", folded)
    folded = " ".join(folded.split())
    return _WORD.sub(lambda m: _correct(m.group()), folded)


# ---------------------------------------------------------------- reading one sign

_SENTENCE_END = re.compile(r"[.;!?\n]")
_WORDS = re.compile(r"[a-z0-9]+")
# Words that start a new clause after a comma, so a negation before the comma stops there.
_CLAUSE_STARTERS = frozenset(
    {
        "i", "im", "my", "it", "its", "is", "was", "are", "were", "feels", "got", "have", "has",
        "had", "been",
    }
)  # fmt: skip
_PRECEDENCE = {Answer.YES: 3, Answer.UNSURE: 2, Answer.NO: 1, Answer.UNKNOWN: 0}


def worst_answer(answers: Iterable[Answer]) -> Answer:
    """Combine several readings of one sign: yes wins, then not sure, then no."""
    return max(answers, key=_PRECEDENCE.__getitem__, default=Answer.UNKNOWN)


def _window(text: str, start: int, *, carry: bool = True) -> list[str]:
    """The words of the clause before position start, a bare list after a comma included."""
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    parts = text[sentence:start].split(",")
    keep = len(parts) - 1
    if not carry:
        return _WORDS.findall(parts[keep])
    # "no swelling, bruising or numbness": a short bare list carries the negation on.
    negation = get_lexicon().negation
    while keep > 0:
        words = _WORDS.findall(parts[keep])
        if len(words) > 3 or set(words) & (_CLAUSE_STARTERS | negation.stops | negation.fresh):
            break
        keep -= 1
    return _WORDS.findall(",".join(parts[keep:]))


def polarity(text: str, start: int, end: int, *, carry: bool = True) -> Answer:
    """Whether the sign matched at [start, end) is affirmed, denied or hedged."""
    negation = get_lexicon().negation
    # "a cramp that wouldnt let go, had to stop": a sign that opens a clause of its own is
    # no list item, so a negation before the comma stays there.
    # "no swelling, cant walk": a sign said in the negative is no list item either.
    opening = _WORDS.match(text, start)
    opener = opening.group() if opening else ""
    carry = carry and opener not in _CLAUSE_STARTERS and opener not in negation.negators
    words = _window(text, start, carry=carry)
    # "maybe 1/10, not swollen": a negation right before the sign is said of it, whatever was
    # hedged before; "maybe not swollen" is still hedged.
    said_not = bool(words) and words[-1] in negation.negators
    hedging = words[-3:-1] if said_not else words[-8:]
    if probe(negation.hedges).search(" ".join(hedging)):
        return Answer.UNSURE
    for i in range(len(words) - 1, -1, -1):
        if words[i] in negation.stops:
            words = words[i + 1 :]
            break
    if set(words[-5:]) & negation.negators or negation.after.match(text, end):
        return Answer.NO
    return Answer.YES


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


@cache
def probe(patterns: tuple[Pattern, ...]) -> Probe:
    """A sign's or a place's patterns as one probe: one scan of those whose needles the text
    holds tells whether any matches."""
    return Probe.of(patterns)


def read_sign(text: str, sign: _Sign) -> Answer:
    # Only the patterns whose needles the text holds can match: most signs have none.
    said = [m for p in probe(sign.yes).candidates(text) for m in p.finditer(text)]
    denied = [m.span() for p in probe(sign.no).candidates(text) for m in p.finditer(text)]
    if not said and not denied:
        return Answer.UNKNOWN  # most signs are absent from most messages
    readings = [
        polarity(text, *m.span(), carry=sign.carry) if sign.negatable else Answer.YES
        for m in said
        if not overlaps(m.span(), denied)
    ]
    if denied:
        readings.append(Answer.NO)
    return worst_answer(readings)


_Key = TypeVar("_Key")


def first_match(
    text: str, table: Mapping[_Key, tuple[Pattern, ...]], order: Sequence[_Key]
) -> _Key | None:
    """The first key in order whose patterns match affirmatively, or None."""
    for key in order:
        patterns = table.get(key, ())
        for pattern in probe(patterns).candidates(text):
            if any(polarity(text, *m.span()) != Answer.NO for m in pattern.finditer(text)):
                return key
    return None
