"""The one strict reader for answers that cannot be undone or that grant permission.

/delete and consent to keeping pain reports take only a button or an exact, plain yes or no
from dialogs/data/confirmations.toml; anything else (a negation, a question, something unclear)
is None, and the dialog asks again. A lenient reader would hear "do not delete" as "delete".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from pydantic import BaseModel, ConfigDict, model_validator

from dialogs.datafile import read_toml
from dialogs.parsing import fold

CONFIRMATIONS_FILE = "confirmations.toml"


class Confirming(StrEnum):
    """The steps read strictly, each with its own words in the data file."""

    DELETE = "delete"  # /delete: delete everything
    CONSENT = "consent"  # onboarding and /settings: keep pain reports


class ConfirmationsError(RuntimeError):
    """The data file is broken; the text names the file and the entry."""


def _plain(text: str) -> str:
    """Folded, apostrophes dropped, punctuation and emoji as spaces: "Yes, delete!" is "yes
    delete", "don't" is "dont"."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).replace("'", "")).split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Guard(_Strict):
    negations: tuple[str, ...]
    questions: tuple[str, ...]


class _Words(_Strict):
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()


def _holds(phrase: str, words: tuple[str, ...]) -> list[str]:
    """The words found whole in a plain phrase (a word written "don't" finds "dont")."""
    return [word for word in words if re.search(rf"\b{re.escape(_plain(word))}\b", phrase)]


@dataclass(frozen=True, slots=True)
class _Answers:
    """One step's exact answers, in plain form."""

    yes: frozenset[str]
    no: frozenset[str]


class _File(_Strict):
    guard: _Guard
    common: _Words
    delete: _Words
    consent: _Words

    def answers(self, step: Confirming) -> _Answers:
        words: _Words = getattr(self, step)
        return _Answers(
            frozenset(_plain(p) for p in (*self.common.yes, *words.yes)),
            frozenset(_plain(p) for p in (*self.common.no, *words.no)),
        )

    @model_validator(mode="after")
    def _unmistakable(self) -> _File:
        for step in Confirming:
            answers = self.answers(step)
            if "" in answers.yes | answers.no:
                raise ValueError(f"[{step}] an empty phrase")
            if both := answers.yes & answers.no:
                raise ValueError(f"[{step}] both yes and no: {sorted(both)}")
            for phrase in answers.yes:
                if turned := _holds(phrase, self.guard.negations + self.guard.questions):
                    raise ValueError(f"[{step}] yes {phrase!r} holds {turned}")
            for phrase in answers.no:
                if asked := _holds(phrase, self.guard.questions):
                    raise ValueError(f"[{step}] no {phrase!r} holds {asked}")
        return self


def read_confirmations(text: str) -> dict[Confirming, _Answers]:
    """Each step's exact answers from the TOML text, checked; ConfirmationsError if broken."""
    loaded = read_toml(_File, text, name=CONFIRMATIONS_FILE, error=ConfirmationsError)
    return {step: loaded.answers(step) for step in Confirming}


# Loaded on import, so a broken file stops start-up with its name.
_ANSWERS = read_confirmations(
    (resources.files("dialogs") / "data" / CONFIRMATIONS_FILE).read_text(encoding="utf-8")
)


def read_confirmation(text: str, *, step: Confirming) -> bool | None:
    """True for an exact yes, False for an exact no, None for anything else (ask again)."""
    if re.search(r"[?¿]", fold(text)):
        return None  # a question, however the rest of it reads
    said = _plain(text)
    answers = _ANSWERS[step]
    if said in answers.no:
        return False
    if said in answers.yes:
        return True
    return None
