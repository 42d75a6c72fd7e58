"""The frozen unseen pain tables (tests/unit/unseen/*.toml) and a runner who answers them.

The tables were written from the clinical criteria alone by people who had not read the
lexicon; they are never edited. This module reads them and walks each message through the
pain dialog, answering as the runner who wrote it would: yes to the red flags of their
criterion, no to the rest, the place their story implies.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dialogs.core import ButtonPressed, Context, DialogState, Started, TextReceived, Transition
from dialogs.pain import dialog as pain_dialog
from dialogs.pain.levels import CONTINUE, PHYSIO, URGENT, rank
from dialogs.pain.vocabulary import Flag
from dialogs.records import Profile
from dialogs.triage import assess, parse_pain_text
from dialogs.vocabulary import Experience, Goal

FOLDER = Path(__file__).resolve().parent.parent / "unit" / "unseen"
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
PROFILE = Profile(goal=Goal.PREVENT, experience=Experience.REGULAR, runs_per_week=3)

# What a runner with each urgent criterion says yes to, and where they would tap.
_YES: dict[str, tuple[frozenset[Flag], str]] = {
    "cauda_equina_bladder": (frozenset({Flag.BLADDER}), "lower_back"),
    "cauda_equina_saddle": (frozenset({Flag.SADDLE}), "lower_back"),
    "cauda_equina_legs": (frozenset({Flag.BOTH_LEGS}), "lower_back"),
    "rhabdomyolysis": (frozenset({Flag.DARK_URINE}), "other"),
    "chest": (frozenset({Flag.CHEST}), "other"),
    "fainting": (frozenset({Flag.FAINTING}), "other"),
    "clot_breathless": (frozenset({Flag.SWELLING, Flag.HOT_RED, Flag.BREATHLESS}), "calf"),
    "heat_illness": (frozenset({Flag.CONFUSION}), "other"),
    "deformity": (frozenset({Flag.DEFORMITY, Flag.CANNOT_WALK}), "other"),
    "calf_clot": (frozenset({Flag.SWELLING, Flag.HOT_RED}), "calf"),
    "cannot_bear_weight": (frozenset({Flag.CANNOT_WALK, Flag.POP}), "ankle"),
    "achilles_rupture": (frozenset({Flag.POP, Flag.TIPTOE, Flag.CANNOT_WALK}), "achilles"),
    "knee_locked_or_hot": (frozenset({Flag.LOCKED, Flag.SWELLING}), "knee"),
    "compartment": (frozenset({Flag.SWELLING, Flag.NUMBNESS, Flag.TENSE}), "shin"),
    "femoral_neck": (frozenset({Flag.REST_NIGHT}), "groin"),
    "back_serious": (frozenset({Flag.CONSTANT}), "lower_back"),
}


@dataclass(frozen=True)
class Case:
    text: str
    level: str
    criterion: str


def load(name: str) -> tuple[Case, ...]:
    """One frozen table, by file name without .toml (red_flags, pain_pathway...)."""
    with (FOLDER / f"{name}.toml").open("rb") as file:
        return tuple(Case(**entry) for entry in tomllib.load(file)["case"])


def first_contact(case: Case) -> str:
    """The level the first message alone gets."""
    return assess(parse_pain_text(case.text)).level


def _answer(case: Case, state: DialogState) -> ButtonPressed | TextReceived:
    yes, place = _YES.get(case.criterion, (frozenset(), "other"))
    step = state.step
    if step == "location":
        return ButtonPressed(f"loc:{'knee' if place == 'knee' else place}")
    if step == "knee":
        return ButtonPressed("knee:front")
    if step == "hip":
        return ButtonPressed("hip:front")
    if step == "walk":
        if Flag.CANNOT_WALK in yes:
            return ButtonPressed("walk:no")
        return ButtonPressed("walk:limp" if case.criterion == "femoral_neck" else "walk:ok")
    if step == "flag":
        return ButtonPressed(f"f:{state.data['flag']}:{'y' if state.data['flag'] in yes else 'n'}")
    if step == "screen":
        tapped = next((f for f in state.data["items"] if Flag(f) in yes), "none")
        return ButtonPressed(f"scr:{tapped}")
    if step in ("severity", "duration"):
        return TextReceived("not sure")
    if step == "behaviour":
        return ButtonPressed("beh:none")
    if step == "morning":
        return ButtonPressed("morn:y")
    if step == "settles":
        # "Within the limits of a normal running pain?": yes only when theirs is one.
        return ButtonPressed("set:y" if case.level == CONTINUE else "set:n")
    if step == "soreness":
        # "Normal training soreness?": yes only when theirs is (the table's level says so).
        return ButtonPressed("sore:y" if case.level == CONTINUE else "sore:n")
    raise AssertionError(f"unexpected step {step}")


def through_dialog(case: Case) -> tuple[str, int]:
    """The level after the whole pain dialog, and how many questions came before it."""
    ctx = Context(now=NOW, user_id=7, profile=PROFILE)
    result: Transition = pain_dialog.step(None, Started({"text": case.text}), ctx)
    asked = 0
    while result.state is not None:
        asked += 1
        if asked > 20:
            raise AssertionError(f"the dialog does not end: {case.text}")
        result = pain_dialog.step(result.state, _answer(case, result.state), ctx)
    (saved,) = [e for e in result.effects if isinstance(e, pain_dialog.SavePainReport)]
    return saved.level, asked


def urgent_reached(case: Case) -> tuple[bool, int]:
    """Whether an urgent case ends urgent, and the questions asked before the verdict."""
    level, asked = through_dialog(case)
    return level == URGENT, asked


@dataclass(frozen=True)
class Figures:
    """A table's accuracy as (hits, total) pairs, first contact and after the dialog."""

    urgent: tuple[int, int]  # urgent cases urgent after the dialog, within two questions
    serious_first: tuple[int, int]  # physio-or-worse cases at physio or worse
    serious_after: tuple[int, int]
    continue_escalated: tuple[int, int]  # continue cases sent to physio or worse (after)
    normal_escalated_first: tuple[int, int]  # modify or continue cases sent to physio or worse
    exact_first: tuple[int, int]
    exact_after: tuple[int, int]

    @staticmethod
    def share(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0

    def meets_goals(self) -> dict[str, bool]:
        """The issue's goals, on the level the runner is given (after the dialog)."""
        return {
            "urgent 100%": self.share(self.urgent) == 1,
            "physio or worse >= 95%": self.share(self.serious_after) >= 0.95,
            "continue escalated to physio <= 10%": self.share(self.continue_escalated) <= 0.10,
            "exact level >= 85%": self.share(self.exact_after) >= 0.85,
        }


def figures(cases: tuple[Case, ...]) -> Figures:
    """The goal figures of one table."""
    # Each case's first contact and dialog together, while its reading is still cached.
    firsts, afters = zip(*((first_contact(c), through_dialog(c)) for c in cases), strict=True)

    def count(pairs: list[tuple[bool, bool]]) -> tuple[int, int]:
        kept = [hit for wanted, hit in pairs if wanted]
        return sum(kept), len(kept)

    serious = [rank(c.level) >= rank(PHYSIO) for c in cases]
    return Figures(
        urgent=count(
            [
                (c.level == URGENT, level == URGENT and asked <= 2)
                for c, (level, asked) in zip(cases, afters, strict=True)
            ]
        ),
        serious_first=count(
            [(s, rank(f) >= rank(PHYSIO)) for s, f in zip(serious, firsts, strict=True)]
        ),
        serious_after=count(
            [(s, rank(a) >= rank(PHYSIO)) for s, (a, _) in zip(serious, afters, strict=True)]
        ),
        continue_escalated=count(
            [
                (c.level == CONTINUE, rank(a) >= rank(PHYSIO))
                for c, (a, _) in zip(cases, afters, strict=True)
            ]
        ),
        normal_escalated_first=count(
            [(not s, rank(f) >= rank(PHYSIO)) for s, f in zip(serious, firsts, strict=True)]
        ),
        exact_first=count([(True, f == c.level) for c, f in zip(cases, firsts, strict=True)]),
        exact_after=count([(True, a == c.level) for c, (a, _) in zip(cases, afters, strict=True)]),
    )
