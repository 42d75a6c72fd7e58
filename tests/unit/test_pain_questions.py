"""Questions about pain versus reports of pain, on a spent held-back batch (issue 12, item 5).

tests/unit/unseen/pain_questions.toml was written by an author who had not read the rules.
Each message goes through the router as the runner would send it, in the places where the
router has to tell a question ("why do runners get achilles problems") from a report ("right
achilles is tight and sore... ok to run today?"): idle, in the middle of a dialog that reads
no pain words itself (onboarding's race question), and inside /learn. A report is a message
that starts triage (the pain dialog, or a verdict at once); a question is one that does not.

Mid-workout is left out on purpose: the workout reads any pain word as "It hurts" itself,
so there a question about pain is handed to triage by design (the safer reading).

Measured once before any change made with the batch in sight: idle questions 7/20, reports
17/20; mid-dialog 10/20 and 15/20; /learn 17/20 and 7/20. It was then tuned on in this round
(so it describes the tuning, not unseen messages; pain_questions2.toml is the fresh batch):
whose pain a message is about is read from its grammar (dialogs/pain/telling.py), "bad" in
"is it bad if" is no 6/10, and a question that tells conditions apart ("how do you tell if
a pain is a stress fracture or shin splints?") names them without reporting them. The
FLOORS are what tuning reached. Still missed, mid-onboarding only: "is it normal that my
calves still ache 4 days after the marathon?" and "hurt my knee on the trail today..." are
read by the race question ("marathon", "today"), which moves on, so triage does not start.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dialogs import router
from dialogs.core import ButtonPressed, CommandReceived, Context, DialogState, TextReceived
from dialogs.pain.steps import NAME, SavePainReport
from tests.support.builders import context, profile

BATCH = Path(__file__).resolve().parent / "unseen" / "pain_questions.toml"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KNOWN = context(profile(pain_consent=True), now=NOW, user_id=1, first_name="Sam")
NEW = context(now=NOW, user_id=1, first_name="Sam")

# (place, kind) -> messages of that kind (of 20) read right after tuning on the batch.
FLOORS = {
    ("idle", "question"): 20,
    ("idle", "report"): 20,
    ("mid-dialog", "question"): 20,
    ("mid-dialog", "report"): 18,
    ("learn", "question"): 20,
    ("learn", "report"): 20,
}


@dataclass(frozen=True)
class Message:
    text: str
    kind: str  # "question" or "report"


def _batch() -> tuple[Message, ...]:
    with BATCH.open("rb") as file:
        return tuple(Message(**entry) for entry in tomllib.load(file)["case"])


def _where(place: str) -> tuple[DialogState | None, Context]:
    """The runner's dialog state at that place, and who they are."""
    if place == "idle":
        return None, KNOWN
    if place == "learn":
        return router.route(None, CommandReceived("learn"), KNOWN).state, KNOWN
    state = router.route(None, CommandReceived("start"), NEW).state
    state = router.route(state, ButtonPressed("goal:faster"), NEW).state
    assert state is not None and (state.dialog, state.step) == ("onboarding", "race")
    return state, NEW


def starts_triage(text: str, state: DialogState | None, ctx: Context) -> bool:
    """Whether the router takes this message as a report of pain."""
    result = router.route(state, TextReceived(text), ctx)
    entered = result.state is not None and result.state.dialog == NAME
    # An urgent message gets its verdict at once, and the pain dialog is over already.
    return entered or any(isinstance(e, SavePainReport) for e in result.effects)


def test_the_batch_is_as_frozen() -> None:
    messages = _batch()
    assert len(messages) == 40
    assert sum(m.kind == "question" for m in messages) == 20
    assert {m.kind for m in messages} == {"question", "report"}


@pytest.mark.parametrize("place", ["idle", "mid-dialog", "learn"])
def test_questions_and_reports_on_the_held_back_batch(place: str) -> None:
    state, ctx = _where(place)
    misses: dict[str, list[str]] = {"question": [], "report": []}
    totals = {"question": 0, "report": 0}
    for message in _batch():
        totals[message.kind] += 1
        if starts_triage(message.text, state, ctx) != (message.kind == "report"):
            misses[message.kind].append(message.text)
    right = {kind: total - len(misses[kind]) for kind, total in totals.items()}
    for kind, total in totals.items():
        print(f"{place} {kind}s: {right[kind]}/{total}", misses[kind])
    for kind, hits in right.items():
        assert hits >= FLOORS[place, kind], (place, kind, hits, misses[kind])


# Written for the misses of the batch above and their neighbours, before the reader was
# changed for them: general questions (about runners, "your" knees, "a" pain, reported
# speech) and a bare "why" about the runner's own muscles, with no detail of a pain, that
# stay questions (answered as education, with the offer to check); the runner's own pain
# put as a question with a detail, or said without a "my", that must start triage.
QUESTIONS = (
    "is it bad if your hips click when you run?",
    "how long does doms usually last after a marathon?",
    "why do runners get shin splints?",
    "what's the difference between a strain and a sprain?",
    "is there a link between weak glutes and a bad back?",
    "how do you know if calf pain is a tear or just cramp?",
    "does running downhill cause knee pain?",
    "my coach says stretching stops injuries, is that true?",
    "why are your calves sore two days after hills and not the next day?",
    "do hamstring strains heal faster with rest or with loading",
    "when should you see a physio about a sore achilles?",
    "can weak glutes cause knee pain in runners?",
    "why do my quads cramp",
)
REPORTS = (
    "hamstring feels tight and sore, ok to do intervals?",
    "achilles is sore when i get up, is that normal?",
    "upper calf aching since sunday's long run",
    "hip flexor's been twinging for a few days",
    "is it bad if my shin hurts on one spot when i hop?",
    "is it normal for my knees to ache for 3 days after a race?",
    "how long will my hamstring take to heal? pulled it on the track",
    "should i run with a sore knee? tweaked it on the stairs",
    "can i keep running if my calf is 4/10?",
    "why does my achilles hurt more in the morning?",
    "knee feels swollen and warm, can i still run?",
    "quads are killing me after the downhill race, is that normal?",
)


@pytest.mark.parametrize("place", ["idle", "mid-dialog", "learn"])
@pytest.mark.parametrize(
    ("text", "kind"),
    [*((q, "question") for q in QUESTIONS), *((r, "report") for r in REPORTS)],
)
def test_questions_stay_questions_and_reports_start_triage(
    place: str, text: str, kind: str
) -> None:
    state, ctx = _where(place)
    assert starts_triage(text, state, ctx) == (kind == "report")
