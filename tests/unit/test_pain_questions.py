"""Questions about pain versus reports of pain, on spent held-back batches (issue 12, item 5).

tests/unit/unseen/pain_questions.toml and pain_questions2.toml to pain_questions7.toml were
written by authors who had not read the rules. Each message goes through the router as the
runner would send it, in the places where the router has to tell a question ("why do
runners get achilles problems") from a report ("right achilles is tight and sore... ok to
run today?"): idle, in the middle of a dialog that reads no pain words itself (onboarding's
race question), and inside /learn. A report is a message that starts triage (the pain
dialog, or a verdict at once); a question is one that does not.

Mid-workout is left out on purpose: the workout reads any pain word as "It hurts" itself,
so there a question about pain is handed to triage by design (the safer reading).

pain_questions.toml, measured once before any change made with the batch in sight: idle
questions 7/20, reports 17/20; mid-dialog 10/20 and 15/20; /learn 17/20 and 7/20. It was then
tuned on (so it describes the tuning, not unseen messages):
whose pain a message is about is read from its grammar (dialogs/pain/telling.py), "bad" in
"is it bad if" is no 6/10, and a question that tells conditions apart ("how do you tell if
a pain is a stress fracture or shin splints?") names them without reporting them. The
FLOORS are what tuning reached. Still missed, mid-onboarding only: "is it normal that my
calves still ache 4 days after the marathon?" and "hurt my knee on the trail today..." are
read by the race question ("marathon", "today"), which moves on, so triage does not start.

pain_questions2.toml (written by an independent author) was measured once while never read,
with the rules above: questions 14/20 in each place, reports 10/20 idle and mid-dialog, 8/20
in /learn. The reader knew phrases, not ideas: general questions naming a sign ("which bones
do runners usually get stress fractures in?") went to triage, and reports without a "my"
("shin's barking again", "how long does a rolled ankle take to heal? went over on it
saturday") did not. It was then tuned on in the next round, each idea first written in
other wordings below (QUESTIONS, REPORTS): a question about people in general stays one
even with a sign or a score in it; a statement that dates a pain, a side said on its own,
a word said right after a place and a cry of pain are the runner's own (telling.py). Now
20/20 everywhere but mid-onboarding reports, 18/20: "left foot, ball of it, 4/10 since
tuesday" and "...went over on it saturday on the trail" are read by the race question as
race days, as above.

pain_questions3.toml (written from the criteria file only, before that round's rule changes)
was measured once while never read: questions 14/20 idle and mid-dialog, 16/20 in /learn;
reports 20/20 idle, 17/20 mid-dialog, 20/20 in /learn. Then tuned on in the next round: a
question in a clause after a comma with no "?" ("ice or foam roller for a sore IT band, what
does the evidence say") and "if something hurts 3/10..." (anyone's pain) are questions now:
questions 16/20 everywhere. Left as they are, on purpose: four general questions that name
a red flag ("should runners worry about calf pain after a long haul flight?", "can dark pee
after an ultra actually be dangerous?", knee swelling, dizziness after intervals) start
triage, the safer reading; and three reports mid-onboarding ("shin's on fire after the 10k,
normal?", "heel's killing first thing", a long friendly message with a knee ache since
Sunday's long run) are read by the race question, which moves on, as above.

pain_questions4.toml (written from the criteria file only) was measured once while never
read: questions 18/20 in each place; reports 19/20 idle, 18/20 mid-dialog, 19/20 in /learn.
Then tuned on in the next round, each idea first written in other wordings below: "why does
the right hip always ache on long runs lately?" is the runner's own ("the right hip" is one
side of one body, "lately" dates it), and "what counts as pain at night for a running
injury...?" is general ("what counts as", "a running injury"). Now questions 19/20
everywhere, reports 20/20 idle and in /learn, 19/20 mid-dialog. Left as they are: "why do
people describe an achilles rupture as being kicked in the heel?" starts triage (a general
question naming an emergency sign: the safer reading, as for pain_questions3), and "calves
on fire going down the stairs, day 2 after the 10 mile trail race..." mid-onboarding is
read by the race question, which moves on, as above.

pain_questions5.toml (written from the criteria file only) was measured once while never
read: questions 18/20 in each place; reports 16/20 idle and in /learn, 13/20 mid-dialog.
Then tuned on in the next round, each idea first written in other wordings below: a place
and an everyday word for its state ("locked up", "in bits", "creaks") is pain talk; a
statement dating a pain ("sits there on every long run") after a general-looking question
makes it the runner's own; "which hurts more, X or Y" tells conditions apart. And a report of
the runner's own pain now interrupts a dialog that moved on (the race question reading
"tonight" or "a 10k" as its answer), except where pain words are the answer (the workout,
the check-ins, onboarding's niggle question; dialogs/pain/interrupt.py READS_PAIN): so the
mid-onboarding misses of the earlier batches are gone too (20/20 reports mid-dialog in
every batch). Now questions 19/20 everywhere, reports 20/20 everywhere. Left as it is: "bad
knees run in my family, does running make that worse in the long run?" starts triage
("bad knees" may be the runner's own: the safer reading).

pain_questions6.toml was measured once while never read: questions 15/20 and reports 14/20
in each place. Then tuned on in the next round, each idea first written in other wordings
below: slang for a place's state ("hammy pinged", "knee's proper jacked", "back's seized
up", "the back of the knee pulls") and a toenail are pain talk; a place "at a 3" before the
question is the runner's own; telling things apart is a question wherever its question word
stands ("in the pain monitoring model whats the difference..."); sprinters and "a" tendon
are people and bodies in general; "our club" argued, not the runner's body. Now questions
19/20 and reports 20/20 in each place. Left as it is: "whats the difference between achilles
tendinopathy and an achilles rupture" starts triage (an emergency named in a comparison:
the safer reading, as for the earlier batches).

pain_questions7.toml was measured once while never read: questions 18/20 idle and
mid-dialog, 19/20 in /learn; reports 19/20 idle and mid-dialog, 18/20 in /learn. Then tuned
on in the next round, each idea first written in other wordings below: weighing two
conditions ("is X less worrying than Y? 5/10 vs 2/10") tells them apart; others' questions
passed on ("people keep asking whether...") are no clause about the runner's body; a stitch
is pain talk (one lasting all day, "right side under the ribs", is the runner's own); "went
twang" said of a place is a report. Now 20/20 questions and reports in each place.

pain_questions8.toml was never read while tuning: measured once when the rules were final,
questions 15/20 idle, 16/20 mid-dialog and in /learn (general questions naming a red flag,
"what do they mean by pain out of proportion with compartment syndrome", go to triage, the
safer reading; "can you get DOMS in your feet" too); reports 18/20 idle and mid-dialog, 17/20
in /learn ("tendon at the back of the heel's a 4 today, still good for intervals?" and "is it
normal to still hobble down the stairs 3 days after a marathon" missed). Its floors are that
one measure. pain_questions9.toml likewise, measured once when the rules were final: questions
17/20 idle and mid-dialog, 18/20 in /learn (a marshal's question about chest tightness in the
heat goes to triage, the safer reading); reports 16/20 idle and mid-dialog, 15/20 in /learn
("groin tweak at 5 a side, rest or run?", "bad to run on a stubbed toe? its purple n
throbbing", "soleus knot that wont shift" missed). pain_questions10.toml too: questions 16/20
idle and mid-dialog, 17/20 in /learn; reports 17/20 in each place ("yikes, groin", "calf knot
again", "tib ant on fire after todays session, whats the best stretch" missed); and
pain_questions11.toml: questions 17, 18 and 19 of 20, reports 17, 17 and 16; and
pain_questions12.toml: questions 15, 15 and 16, reports 18, 18 and 17. Then three batches by
three authors, all written before any was measured (idle, mid-dialog, /learn):
pain_questions13.toml questions 15, 15 and 17, reports 18 in each place;
pain_questions14.toml questions 17, 17 and 18, reports 19, 19 and 17;
pain_questions15.toml questions 13, 14 and 14, reports 14 in each place (long messages that
bury a runner's own pain in the middle are read as questions, and questions naming a sign
as reports). Three more, measured once together on the rules after that round's unsafe
misses were fixed: pain_questions16.toml questions 19 and reports 19 in each place;
pain_questions17.toml questions 16, 16 and 17, reports 19 in each place;
pain_questions18.toml questions 16 in each place, reports 17, 17 and 16. And three more:
pain_questions19.toml questions 17, 17 and 18, reports 14, 13 and 12; pain_questions20.toml
questions 16, 16 and 17, reports 8, 8 and 6 (reports told only by a comparison, "like a row of
marbles in my sock. forefoot"; among them a calf "tight. hot. since the flight", the clot
screen, the one fixed after: 9, 9 and 7 now); pain_questions21.toml questions 17 and reports
16 in each place. A fourth round of three: pain_questions22.toml questions 16, 16 and 17,
reports 17 in each place; pain_questions23.toml questions 19 in each place, reports 15, 15
and 14; pain_questions24.toml questions 16 in each place, reports 18, 18 and 17. A fifth
round: pain_questions25.toml questions 18, 18 and 19, reports 17 in each place;
pain_questions26.toml questions 12, 12 and 13, reports 13 in each place (trail runners'
Australian slang); pain_questions27.toml questions 16, 16 and 18, reports 18 in each place.
A sixth round: pain_questions28.toml questions 17, 17 and 18, reports 16, 16 and 14;
pain_questions29.toml questions 12, 13 and 18, reports 19 in each place;
pain_questions30.toml questions 11, 11 and 14, reports 19, 19 and 16 (anxious runners' general
questions that name a sign are read as reports, the safer reading). A seventh round:
pain_questions31.toml questions 15, 15 and 18, reports 17 in each place;
pain_questions32.toml questions 9, 9 and 12, reports 20 in each place (parents' and coaches'
questions about a child's or a runner's pain read as reports); pain_questions33.toml
questions 12, 13 and 13, reports 16 in each place. An eighth round: pain_questions34.toml
questions 17, 17 and 18, reports 18, 17 and 16; pain_questions35.toml questions 14, 15 and 17,
reports 19, 19 and 18; pain_questions36.toml questions 14, 16 and 16, reports 20 in each place.
A ninth round: pain_questions37.toml questions 17 in each place, reports 17, 17 and 15
(runners telling pain by what they can and cannot do); pain_questions38.toml questions 12, 12
and 15, reports 20 in each place (messages full of paces, splits and heart rates);
pain_questions39.toml questions 18 and reports 19 in each place.
A tenth round: pain_questions40.toml questions 19 and reports 19 in each place (runners who
self-diagnose from Google or a friend); pain_questions41.toml questions 12, 13 and 15, reports
17 in each place (typed mid-run or in the finish funnel); pain_questions42.toml questions 11,
12 and 17, reports 17 in each place (jokes, sarcasm and understatement).
An eleventh round: pain_questions43.toml questions 15, 15 and 17, reports 20, 20 and 19 (older
runners, several places named); pain_questions44.toml questions 14, 14 and 16, reports 15, 14
and 14 (pain told by its quality and timing); pain_questions45.toml questions 11, 12 and 14,
reports 18 in each place (replies to a reminder, parents writing for a runner).
A twelfth round: pain_questions46.toml questions 14, 16 and 16, reports 18 in each place (the
day or week after a race); pain_questions47.toml questions 16, 17 and 19, reports 19, 19 and 18
(women runners); pain_questions48.toml questions 11, 12 and 15, reports 16, 16 and 15 (very
short messages and replies).
A thirteenth round: pain_questions49.toml questions 16, 16 and 17, reports 19 in each place
(an everyday mix); pain_questions50.toml questions 20 in each place, reports 16, 16 and 15
(runners without running or medical words); pain_questions51.toml questions 18, 18 and 20,
reports 18 in each place (runners who also play other sports or do physical jobs).
A fourteenth round: pain_questions52.toml questions 18, 18 and 19, reports 18 in each place (an
everyday mix); pain_questions53.toml questions 13, 14 and 15, reports 17 in each place
(training logs, runners whose first language is not English); pain_questions54.toml questions
19, 19 and 20, reports 18, 18 and 17 (updates and replies to a check-in).
A fifteenth round: pain_questions55.toml questions 17, 18 and 19, reports 19 in each place (an
everyday mix); pain_questions56.toml questions 13, 13 and 15, reports 19, 19 and 17 (what
someone else noticed, signs half taken back); pain_questions57.toml questions 16 in each place,
reports 20, 20 and 19 (weather, terrain and kit).
A sixteenth round: pain_questions58.toml questions 16, 16 and 18, reports 17 in each place (an
everyday mix); pain_questions59.toml questions 17, 17 and 18, reports 19 in each place (quick
chat lines); pain_questions60.toml questions 16, 18 and 19, reports 18 in each place (a goal or
a plan).
A seventeenth round: pain_questions61.toml questions 16, 17 and 19, reports 20, 19 and 19 (an
everyday mix); pain_questions62.toml questions 18, 18 and 19, reports 18, 18 and 17 (around the
strength sessions); pain_questions63.toml questions 14 in each place, reports 19 in each place
(everyday life: general questions with "mine are fine" read as reports). Tuned on since (a
clause saying the runner's body is fine, a child named by age, "youve", "feels like compared
with"): 61 questions 17, 18 and 20; 62 questions 19, 19 and 20; 63 questions 19 everywhere.
An eighteenth round: pain_questions64.toml questions 19, reports 20 in each place (an everyday
mix); pain_questions65.toml questions 16, 16 and 17, reports 19, 19 and 17 (timelines with
numbers); pain_questions66.toml questions 14 in each place, reports 20, 19 and 18 (an injury
history beside the pain). Tuned on since (the body fine for years or with no pain now, reading
up or asking in theory, a physio telling things apart, a condition compared with another):
64 questions 20 everywhere; 65 questions 17, 17 and 18; 66 questions 18 everywhere.
A nineteenth round: pain_questions67.toml questions 14, 14 and 15, reports 18 in each place (an
everyday mix); pain_questions68.toml questions 16, reports 10 in each place (comparisons and
metaphors: "like a crumb in my sock" is no pain word); pain_questions69.toml questions 19, 19
and 20, reports 18, 17 and 17 (the decision first). Tuned on since (a place and what it is
like): 68 reports 17 everywhere.
A twentieth round: pain_questions70.toml questions 12, 14 and 16, reports 19, 19 and 18 (an
everyday mix); pain_questions71.toml questions 2, 4 and 5, reports 20 in each place (long
rambling messages: a general question inside talk of the runner's own week read as a report);
pain_questions72.toml questions 15, reports 20 in each place (sensations). Tuned on since
(more ways of saying a question is not about one's own pain, or is about a run to come): 70
questions 16, 18 and 20; 72 questions 16 everywhere.
A twenty-first round: pain_questions73.toml questions 19, 19 and 20, reports 17, 17 and 16 (an
everyday mix); pain_questions74.toml questions 16, 16 and 19, reports 20 in each place (young
athletes); pain_questions75.toml questions 16, 16 and 17, reports 17, 17 and 16 (the whole
body).
A twenty-second round: pain_questions76.toml questions 18, 19 and 19, reports 19 in each place
(an everyday mix); pain_questions77.toml questions 17, reports 18 in each place (several things
in one message); pain_questions78.toml questions 16, 17 and 17, reports 19 in each place (a
tone that misleads).
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

UNSEEN = Path(__file__).resolve().parent / "unseen"
BATCHES = (
    "pain_questions",
    "pain_questions2",
    "pain_questions3",
    "pain_questions4",
    "pain_questions5",
    "pain_questions6",
    "pain_questions7",
    "pain_questions8",
    "pain_questions9",
    "pain_questions10",
    "pain_questions11",
    "pain_questions12",
    "pain_questions13",
    "pain_questions14",
    "pain_questions15",
    "pain_questions16",
    "pain_questions17",
    "pain_questions18",
    "pain_questions19",
    "pain_questions20",
    "pain_questions21",
    "pain_questions22",
    "pain_questions23",
    "pain_questions24",
    "pain_questions25",
    "pain_questions26",
    "pain_questions27",
    "pain_questions28",
    "pain_questions29",
    "pain_questions30",
    "pain_questions31",
    "pain_questions32",
    "pain_questions33",
    "pain_questions34",
    "pain_questions35",
    "pain_questions36",
    "pain_questions37",
    "pain_questions38",
    "pain_questions39",
    "pain_questions40",
    "pain_questions41",
    "pain_questions42",
    "pain_questions43",
    "pain_questions44",
    "pain_questions45",
    "pain_questions46",
    "pain_questions47",
    "pain_questions48",
    "pain_questions49",
    "pain_questions50",
    "pain_questions51",
    "pain_questions52",
    "pain_questions53",
    "pain_questions54",
    "pain_questions55",
    "pain_questions56",
    "pain_questions57",
    "pain_questions58",
    "pain_questions59",
    "pain_questions60",
    "pain_questions61",
    "pain_questions62",
    "pain_questions63",
    "pain_questions64",
    "pain_questions65",
    "pain_questions66",
    "pain_questions67",
    "pain_questions68",
    "pain_questions69",
    "pain_questions70",
    "pain_questions71",
    "pain_questions72",
    "pain_questions73",
    "pain_questions74",
    "pain_questions75",
    "pain_questions76",
    "pain_questions77",
    "pain_questions78",
)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KNOWN = context(profile(pain_consent=True), now=NOW, user_id=1, first_name="Sam")
NEW = context(now=NOW, user_id=1, first_name="Sam")

# Messages of each kind (of 20) read right, per batch: after tuning on it, or (the last, never
# read while tuning) its one measure.
PLACES = ("idle", "mid-dialog", "learn")
# (questions, reports) in each place, in the order of PLACES.
FLOORS = {
    "pain_questions": ((20, 20), (20, 20), (20, 20)),
    "pain_questions2": ((20, 20), (20, 20), (20, 20)),
    "pain_questions3": ((16, 20), (16, 20), (16, 20)),
    "pain_questions4": ((19, 20), (19, 20), (19, 20)),
    "pain_questions5": ((19, 20), (19, 20), (19, 20)),
    "pain_questions6": ((19, 20), (19, 20), (19, 20)),
    "pain_questions7": ((20, 20), (20, 20), (20, 20)),
    "pain_questions8": ((15, 18), (16, 18), (16, 17)),
    "pain_questions9": ((17, 16), (17, 16), (18, 15)),
    "pain_questions10": ((16, 17), (16, 17), (17, 17)),
    "pain_questions11": ((17, 17), (18, 17), (19, 16)),
    "pain_questions12": ((15, 18), (15, 18), (16, 17)),
    "pain_questions13": ((15, 18), (15, 18), (17, 18)),
    "pain_questions14": ((17, 19), (17, 19), (18, 17)),
    "pain_questions15": ((13, 14), (14, 14), (14, 14)),
    "pain_questions16": ((19, 19), (19, 19), (19, 19)),
    "pain_questions17": ((16, 19), (16, 19), (17, 19)),
    "pain_questions18": ((16, 17), (16, 17), (16, 16)),
    "pain_questions19": ((17, 14), (17, 13), (18, 12)),
    "pain_questions20": ((16, 8), (16, 8), (17, 6)),
    "pain_questions21": ((17, 16), (17, 16), (17, 16)),
    "pain_questions22": ((16, 17), (16, 17), (17, 17)),
    "pain_questions23": ((19, 15), (19, 15), (19, 14)),
    "pain_questions24": ((16, 18), (16, 18), (16, 17)),
    "pain_questions25": ((18, 17), (18, 17), (19, 17)),
    "pain_questions26": ((12, 13), (12, 13), (13, 13)),
    "pain_questions27": ((16, 18), (16, 18), (18, 18)),
    "pain_questions28": ((17, 16), (17, 16), (18, 14)),
    "pain_questions29": ((12, 19), (13, 19), (18, 19)),
    "pain_questions30": ((11, 19), (11, 19), (14, 16)),
    "pain_questions31": ((15, 17), (15, 17), (18, 17)),
    "pain_questions32": ((9, 20), (9, 20), (12, 20)),
    "pain_questions33": ((12, 16), (13, 16), (13, 16)),
    "pain_questions34": ((17, 18), (17, 17), (18, 16)),
    "pain_questions35": ((14, 19), (15, 19), (17, 18)),
    "pain_questions36": ((14, 20), (16, 20), (16, 20)),
    "pain_questions37": ((17, 17), (17, 17), (17, 15)),
    "pain_questions38": ((12, 20), (12, 20), (15, 20)),
    "pain_questions39": ((18, 19), (18, 19), (18, 19)),
    "pain_questions40": ((19, 19), (19, 19), (19, 19)),
    "pain_questions41": ((12, 17), (13, 17), (15, 17)),
    "pain_questions42": ((11, 17), (12, 17), (17, 17)),
    "pain_questions43": ((15, 20), (15, 20), (17, 19)),
    "pain_questions44": ((14, 15), (14, 14), (16, 14)),
    "pain_questions45": ((11, 18), (12, 18), (14, 18)),
    "pain_questions46": ((14, 18), (16, 18), (16, 18)),
    "pain_questions47": ((16, 19), (17, 19), (19, 18)),
    "pain_questions48": ((11, 16), (12, 16), (15, 15)),
    "pain_questions49": ((16, 19), (16, 19), (17, 19)),
    "pain_questions50": ((20, 16), (20, 16), (20, 15)),
    "pain_questions51": ((18, 18), (18, 18), (20, 18)),
    "pain_questions52": ((18, 18), (18, 18), (19, 18)),
    "pain_questions53": ((13, 17), (14, 17), (15, 17)),
    "pain_questions54": ((19, 18), (19, 18), (20, 17)),
    "pain_questions55": ((17, 19), (18, 19), (19, 19)),
    "pain_questions56": ((13, 19), (13, 19), (15, 17)),
    "pain_questions57": ((16, 20), (16, 20), (16, 19)),
    "pain_questions58": ((16, 17), (16, 17), (18, 17)),
    "pain_questions59": ((17, 19), (17, 19), (18, 19)),
    "pain_questions60": ((16, 18), (18, 18), (19, 18)),
    "pain_questions61": ((17, 20), (18, 19), (20, 19)),
    "pain_questions62": ((19, 18), (19, 18), (20, 17)),
    "pain_questions63": ((19, 19), (19, 19), (19, 19)),
    "pain_questions64": ((20, 20), (20, 20), (20, 20)),
    "pain_questions65": ((17, 19), (17, 19), (18, 17)),
    "pain_questions66": ((18, 20), (18, 19), (18, 18)),
    "pain_questions67": ((14, 18), (14, 18), (15, 18)),
    "pain_questions68": ((16, 17), (16, 17), (16, 17)),
    "pain_questions69": ((19, 18), (19, 17), (20, 17)),
    "pain_questions70": ((16, 19), (18, 19), (20, 18)),
    "pain_questions71": ((2, 20), (4, 20), (5, 20)),
    "pain_questions72": ((16, 20), (16, 20), (16, 20)),
    "pain_questions73": ((19, 17), (19, 17), (20, 16)),
    "pain_questions74": ((16, 20), (16, 20), (19, 20)),
    "pain_questions75": ((16, 17), (16, 17), (17, 16)),
    "pain_questions76": ((18, 19), (19, 19), (19, 19)),
    "pain_questions77": ((17, 18), (17, 18), (17, 18)),
    "pain_questions78": ((16, 19), (17, 19), (17, 19)),
}


@dataclass(frozen=True)
class Message:
    text: str
    kind: str  # "question" or "report"


def _batch(name: str) -> tuple[Message, ...]:
    with (UNSEEN / f"{name}.toml").open("rb") as file:
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


@pytest.mark.parametrize("batch", BATCHES)
def test_the_batch_is_as_frozen(batch: str) -> None:
    messages = _batch(batch)
    assert len(messages) == 40
    assert sum(m.kind == "question" for m in messages) == 20
    assert {m.kind for m in messages} == {"question", "report"}


@pytest.mark.parametrize("batch", BATCHES)
def test_questions_and_reports_on_the_held_back_batches(batch: str) -> None:
    """Each place's floors; every place is checked and reported before the test fails."""
    wheres = {place: _where(place) for place in PLACES}
    misses: dict[tuple[str, str], list[str]] = {
        (place, kind): [] for place in PLACES for kind in ("question", "report")
    }
    totals = {"question": 0, "report": 0}
    # Each message in every place in turn, while its reading is still cached.
    for message in _batch(batch):
        totals[message.kind] += 1
        for place, (state, ctx) in wheres.items():
            if starts_triage(message.text, state, ctx) != (message.kind == "report"):
                misses[place, message.kind].append(message.text)
    below = []
    for place, floors in zip(PLACES, FLOORS[batch], strict=True):
        right = {kind: total - len(misses[place, kind]) for kind, total in totals.items()}
        for kind, floor in zip(("question", "report"), floors, strict=True):
            print(f"{batch} {place} {kind}s: {right[kind]}/{totals[kind]}", misses[place, kind])
            if right[kind] < floor:
                below.append((place, kind, right[kind], floor, misses[place, kind]))
    assert not below, (batch, below)


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
    # Written for the misses of pain_questions2 before the reader was changed for them: a
    # general subject (runners, people, "you", "a" knee) or a general word (always, ever,
    # usually) keeps a question general, even with a score or a sign named in it.
    "which muscles do runners usually strain the most?",
    "where do runners most often get stress fractures?",
    "if your shin hurts 3/10 on a run should you keep going",
    "can you get a stress fracture from just running?",
    "is it ever ok to run on a sore knee or is it always a bad idea?",
    "is night pain always serious with running injuries?",
    "random question I had on my run this morning: why do people get shin splints?",
    "can runners get sciatica?",
    "my mate's achilles has been sore since sunday, what should he do?",
    "my friend says ice is bad for injuries, is that right?",
    # Written for the misses of pain_questions3 before the reader was changed for them: a
    # question after a comma with no "?" about "a" sore place, and "if something hurts".
    "heat or ice for a sore achilles, what do the studies say",
    "if something hurts 4/10 on a run is it ok to keep going?",
    "with the pain traffic light, if something hurts 3/10 is that green or amber?",
    # Written for the misses of pain_questions4 before the reader was changed for them: what
    # a sign means, asked of "an" injury or "what counts as", names it without having it.
    "what counts as night pain with an injury, waking up or just being sore in bed?",
    "what counts as swelling after a run, puffy or actually bigger?",
    "does pain at night from a running injury mean it's serious?",
    # Written for the misses of pain_questions5 before the reader was changed for them:
    # which of two conditions hurts more names both without having either.
    "which is worse, shin splints or a stress fracture?",
    "which hurts more, a torn calf or a pulled hamstring? just wondering",
    # Written for the misses of pain_questions6 before the reader was changed for them:
    # telling scores apart with the question word mid-sentence and no "?", a question about
    # sprinters, "a" tendon, and a club's argument "after Sunday's session"
    # (the club's day, not the runner's pain).
    "for tendon pain whats the difference between a 4/10 and a 5/10",
    "why do calf strains keep recurring in sprinters",
    "what makes a tendon creak and swell after hills, and is that serious",
    "Our team had a chat after Sunday's session about whether a calf that cramps at 20k should"
    " be stretched or rested. What do physios recommend, and how do you tell cramp from a"
    " tear?",
    # Written for the misses of pain_questions7 before the reader was changed for them:
    # weighing two conditions ("less worrying than"), and others' questions passed on
    # ("people keep asking whether") for a club night.
    "is hamstring tightness on one side less serious than both hamstrings aching? 4/10 vs 2/10",
    "Talk at our running group tonight: people keep asking whether a bit of stiffness in the"
    " calves in the first month of running is normal or a sign to ease off. Whats the honest"
    " answer?",
    "For the club newsletter: members often ask whether a niggle in the knees during the first"
    " weeks of c25k is the body adapting or a warning. What should they know?",
    # Written for the misses of pain_questions63: a question followed by a word that the
    # runner's own body is fine ("mine are fine", "in general, im fine", "never had one"), or
    # that they only want to understand; weighing one sign against another ("a worse sign").
    "why do so many runners get shin splints? just curious, mine are fine",
    "should you ice or heat a sore hamstring? in general, im fine",
    "what does a torn calf feel like? never had one, want to know what to watch for",
    "is swelling a worse sign than stiffness? just trying to understand it",
    # For pain_questions61 and 62: a child named by age ("my 15 yo"), "youve" for "you", and
    # what one condition feels like compared with another.
    "my 15 yo has started parkrun, which aches should i watch for at that age?",
    "does the stiffness after a new class ease off once youve been doing it a month?",
    "what does a stress fracture feel like compared with shin splints?",
    # For pain_questions65 and 66: the body said to have been fine for years or to have no pain
    # now, reading up or asking in theory, a professional telling things apart, and one
    # condition's time compared with another's.
    "does an old sciatica mean I can never do heavy squats? back's been fine for 4 years",
    "how would a doctor tell shin splints apart from a stress reaction? asking in theory",
    "what early signs should I look out for to catch a stress fracture early? mine healed in"
    " 2022, no pain at all now",
    "does low iron make stress fractures more likely? reading up after my club mate got one",
    "roughly how many weeks is normal for a stress reaction compared with a full stress"
    " fracture?",
    # For pain_questions70 and 72: more ways of saying the question is not about a pain of
    # one's own ("im grand at the moment", "not me, just reading up", "i never do", "mine
    # dont", writing a newsletter or a talk) or is about a run still to come.
    "heat or ice for a tight hamstring? asking for future reference, im fine right now",
    "how long does achilles tendinopathy take to settle? not me, just reading up",
    "why do some people get calf cramps at night? honestly curious, i never do",
    "do shin splints come back once youve had them? mine dont, im writing a blog post",
    "is it normal to ache after a first trail race? running my first one on saturday",
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
    # For the misses of pain_questions2: slang for the runner's own place ("barking",
    # "grumpy", "ow"), and a question with an own detail beside it (a side, a day, a score,
    # "started", "now", "every run"), or a statement without its "I".
    "calf's barking today",
    "knee's been grumpy since sunday",
    "ow, achilles",
    "argh, hip",
    "knee's shot",
    "is it normal for the front of the shin to ache 20 min into every run now?",
    "right heel, 3/10 since monday. ok to run?",
    "how long does a pulled calf take to heal? did it in training on thursday",
    "how long does a pulled calf take to heal? did it on hill reps, left side",
    "why would an ankle click and hurt? started last week, right side",
    "is it normal for one hamstring to feel tighter than the other? left one's still sore 4 days"
    " on",
    "metatarsal?? top of the foot, hurts when i push off",
    "what does it mean when the arch of your foot aches after long runs? happened twice this week",
    "glutes still dead from monday, doms?",
    "is 4/10 ok for a tendon? asking cos that's where the achilles one is at after hills",
    # Their neighbours that stay reports: the runner's own pain before the question clause.
    "knee hurts going down stairs, what should i do",
    "calf is 4/10 today, what do you think",
    "something in my knee hurts 3/10 since monday, is that green or amber?",
    # For the misses of pain_questions4: "the right hip", a side with "the", is someone's in
    # particular, the runner's, even asked with "always"; "lately" dates it.
    "why does the left knee always hurt on the downhills lately?",
    "why does the right achilles ache on every hill these days?",
    "why is the left shin always sore on tempo runs?",
    "how come the right calf tightens up on long runs recently?",
    # For the misses of pain_questions5: a place and an everyday word for how it is
    # ("seized up", "in bits", "creaks"), and a general-looking question followed by a
    # statement that dates the pain ("sits at that on every easy run"); mid-dialog, a report
    # whose words the race question would read as its answer ("tomorrow", "a half").
    "hamstring seized up this morning, ok to do the tempo?",
    "lower back locked up after the long run, fine to do strides tomorrow?",
    "glutes in bits after the hill session, is that normal?",
    "knee creaks when i squat, should i worry",
    "is 3/10 ok for an achilles? sits at that on every easy run",
    "is 5/10 too much for a shin? its there each long run",
    "hip's grumbling 5/10, ok for parkrun tomorrow?",
    "is it normal for a knee to ache this much after a half? first time its happened",
    "mid back aching on long runs lately, core thing?",
    # For the misses of pain_questions6: slang for a place's state ("pinged", "proper
    # jacked", "seized up", "pulls"), a toenail, and a place "at a 4" before the question.
    "calf pinged on the last rep, walking back slowly",
    "ankle's proper jacked after the fell race",
    "is it bad that the inside of the knee pulls when i squat now?",
    "back's seized up since the move, fine to run?",
    "big toenail throbbing after the trail race, should i drain it?",
    "achilles at a 4 on the hills, whats the rule, stop?",
    # For the misses of pain_questions7: a stitch that has lasted all day, and a strain's
    # sound ("went twang") said of a place.
    "can a stitch last hours? got one from this mornings run, left side under my ribs",
    "calf went twang on the hill sprints",
    # For the unsafe miss of pain_questions20: a calf named with a long journey, in fragments
    # (the clot screen must start, whatever else the message lacks).
    "left calf. since the long drive. weird",
    "calf. after the 11 hour flight. feels off",
    # Their neighbours that stay reports: a place said to be fine beside one that hurts, and
    # "never had it before" of a pain the runner has now.
    "my knee is fine but my calf hurts, ok to run?",
    "never had shin pain before, now its 4/10 since monday",
    # For pain_questions68: a place and what it is like ("shin like glass", "calf feels like an
    # elastic band stretched to its limit"). A bare "why does my foot feel like I'm walking on a
    # marble?" stays a question, answered with the offer to check the pain (as "why do my
    # hamstrings cramp?").
    "hamstring feels like a guitar string about to snap, ok for intervals?",
    "knee like a rusty hinge since the marathon",
    # Their neighbours: a pain of one's own beside a run still to come.
    "running my first half next week, knee is sore 4/10 since sunday",
    "knee sore, doing a parkrun on saturday, ok?",
)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("text", "kind"),
    [*((q, "question") for q in QUESTIONS), *((r, "report") for r in REPORTS)],
)
def test_questions_stay_questions_and_reports_start_triage(
    place: str, text: str, kind: str
) -> None:
    state, ctx = _where(place)
    assert starts_triage(text, state, ctx) == (kind == "report")


@pytest.mark.parametrize("place", ["idle", "mid-dialog"])
def test_a_pain_then_a_question_without_a_question_mark_is_triaged(place: str) -> None:
    """ "knee pain, what exercises help" may be the runner's own knee: unclear, so triage asks
    (in /learn, which reads every word, it is a search)."""
    state, ctx = _where(place)
    assert starts_triage("knee pain, what exercises help", state, ctx)
