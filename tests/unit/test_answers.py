"""The question answerer: the runner question tables, choosing the passage that answers (not
only the topic), honesty when nothing fits, the synonym layer's checks, and what reading a
hostile paste costs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from dialogs.knowledge import KnowledgeError, knowledge
from dialogs.learn import answers, reading, synonyms
from dialogs.learn.answers import answer
from dialogs.learn.reading import concepts

HERE = Path(__file__).parent
# The goal is 0.9 of a batch never tuned on. First pass: tuned 50/60, first held-back
# batch 24/30. Second pass: tuned 286/296, the first held-back batch (read and tuned on since)
# 30/30, and the second held-back batch, run once when the answerer was final, 31/40 (its five
# off-topic questions all refused): below the goal. Third pass: the second batch was read and
# tuned on (its misses became new tuned questions first), reaching 38/40, so it no longer
# measures the goal; tuned 393/404 (three new batches of 30 scored 26, 27 and 26 before they
# were tuned on). The third held-back batch (answers_holdout3.toml), measured once while
# never read, scored 20/40: chatty questions below the confidence bar and content gaps. Fourth
# pass: it was read and tuned on (its classes of miss and their neighbours became tuned
# questions first; content, synonyms and a coverage bar that eases for long chatty questions),
# reaching 40/40, so it no longer measures the goal; tuned 424/438. The fourth held-back batch
# (answers_holdout4.toml), measured once while never read, scored 23/40: a scene set before the
# question winning with its incidental words ("i run 50k a week, how can my glutes be weak"),
# and content gaps. Fifth pass: it was read and tuned on (its classes of miss and their
# neighbours became tuned questions first; content, synonyms and the scene rule), reaching
# 40/40, so it no longer measures the goal either; tuned 458/469. The fifth held-back batch
# (answers_holdout5.toml), measured once while never read, scored 21/40, ten of its misses
# answered confidently from a passage about something else (an exercise's how-to matching on
# an everyday word of its steps, "keep your hips square") and content gaps. Sixth pass: it was
# read and tuned on (a how-to answers confidently only a question naming its exercise; content
# and synonyms), reaching 39/40, so it no longer measures the goal either; tuned 468/482. The
# sixth held-back batch (answers_holdout6.toml), measured once while never read, scored 25/40:
# the right how-to without the common-fault line a coach would add, content gaps, and
# confident answers from the right topic's paragraph that did not say it. Seventh pass: it was
# read and tuned on (its classes became tuned questions first; each how-to is shown with its
# cues and common faults, content, and "shoes" as gear only when asked which to buy), reaching
# 37/40, so it no longer measures the goal either; tuned 480/500 (of the 18 questions written
# for its classes first, 9 still miss). The seventh held-back batch (answers_holdout7.toml),
# measured once while never read after the seventh pass, scored 19/40: five fresh batches in a
# row scored 20, 23, 21, 25 and 19 of 40 whatever was tuned before them, most misses being
# things the knowledge base does not say (kettlebell swings, strides, nordics, the taper's
# mileage cut...). The floors keep what was reached; the unread batch's is its one measure.
# An eighth (answers_holdout8.toml), written while content for those gaps was drafted but not
# merged (the drafts cost the tuned tables 0.96 -> 0.89 and answered off-topic questions), was
# measured once on this knowledge base: 25/40, with 9 of its 15 misses answered confidently.
TUNED_FLOOR = 0.96
# The batches held back once and tuned on since: file, floor, measured once -> after tuning.
SPENT = (
    ("answers_holdout.toml", 0.96),  # held back in the first pass (24/30), tuned on: 30/30
    ("answers_holdout2.toml", 0.95),  # 31/40 -> 39/40
    ("answers_holdout3.toml", 1.0),  # 20/40 -> 40/40
    ("answers_holdout4.toml", 1.0),  # 23/40 -> 40/40
    ("answers_holdout5.toml", 0.95),  # 21/40 -> 39/40
    ("answers_holdout6.toml", 0.925),  # 25/40 -> 37/40
    ("answers_holdout7.toml", 0.8),  # 19/40 -> 30/40 (ninth pass) -> 32/40 (tenth)
    ("answers_holdout8.toml", 0.7),  # 25/40 -> 27/40 (ninth pass) -> 28/40 (tenth)
    ("answers_holdout9.toml", 0.85),  # 29/40 -> 34/40 (tenth pass)
    ("answers_holdout10.toml", 0.8),  # 23/40 -> 32/40 (tenth pass)
    ("answers_holdout11.toml", 0.8),  # 30/40 -> 32/40 (tenth pass) -> 33/40 (eleventh)
    ("answers_holdout12.toml", 0.725),  # 26/40 -> 29/40 (eleventh pass)
    ("answers_holdout13.toml", 0.85),  # 32/40 -> 34/40 (eleventh pass)
    ("answers_holdout14.toml", 0.625),  # 22/40 -> 25/40 (eleventh pass)
    ("answers_holdout15.toml", 0.7),  # 27/40 -> 28/40 (eleventh pass)
    ("answers_holdout16.toml", 0.6),  # 24/40 -> 24/40 (twelfth pass)
    ("answers_holdout17.toml", 0.55),  # 18/40 -> 22/40 (twelfth pass)
    ("answers_holdout18.toml", 0.6),  # 22/40 -> 24/40 (thirteenth pass)
    ("answers_holdout19.toml", 0.6),  # 19/40 -> 24/40 (thirteenth pass)
    ("answers_holdout20.toml", 0.825),  # 16/40 -> 33/40 (fourteenth pass)
    ("answers_holdout21.toml", 0.8),  # 24/40 -> 32/40 (fourteenth pass)
    ("answers_holdout22.toml", 0.875),  # 23/40 -> 35/40 (fifteenth pass)
    ("answers_holdout23.toml", 1.0),  # 28/40 -> 40/40 (fifteenth pass)
    ("answers_holdout24.toml", 0.925),  # 26/40 -> 37/40 (sixteenth pass)
    ("answers_holdout25.toml", 0.825),  # 19/40 -> 33/40 (sixteenth pass)
    ("answers_holdout26.toml", 0.64),  # 25/39 -> 25/39 (seventeenth pass)
    ("answers_holdout27.toml", 0.425),  # 17/40 -> 17/40 (seventeenth pass)
)
# Ninth pass: holdout7 and holdout8 were read and tuned on. Their misses were mostly what the
# knowledge base did not say (shin splints or a stress fracture, the taper's cut, strides,
# kettlebell swings, Nordics, donkey kicks, pigeon pose, downhills, a crossover gait), now five
# topics and a few paragraphs, and an exercise called by its name among chat ("how do u do a
# fire hydrant without looking daft"), now answered; each class was first written as tuned
# questions in other words (15 of 16 pass; tuned 498/515, one question left to the held-back batch
# that asks it too). Two fresh batches by independent authors, written
# from the seeds before any of it and never read, were then measured once: 29/40 and 23/40;
# a third, written while it was being merged, 30/40. Of their 38 misses, 21 showed the right
# passage with every fact but not confidently: the confidence bar, not content, is now what
# most holds them back. Tenth pass: holdout9-11 were read and tuned on for that. What is said
# after the question mark ("...? software job in bangalore, sitting 10 hrs a day") is scene
# like what is said before it: it ranks at half weight, and counts in full for confidence only
# when the best passage speaks to it ("...? my half is in 6 days"). Chat about whether a thing
# is real ("legit or broscience", "sounds made up", "dumb q") names nothing. A long story
# before the question may leave the best passage covering 30% of it, not 40%. Content: running
# cues for using the glutes; "bolt upright". The questions of each class, written in other
# words first, pass 2 of 5 (tuned 500/520). Two fresh batches, committed before the pass and
# never read, were then measured once: see UNREAD.
# Those two (holdout12 and 13) and two more (holdout14, 15: 22/40 and 27/40, 11 and 5 of
# their misses answered confidently) were measured once on the knowledge base as the tenth pass
# left it. Eleventh pass: all four were read and tuned on (their classes first written as tuned
# questions in other words: a named exercise's technique asked in a word or two, chat fillers
# such as "ngl" and "haha" naming nothing, how to tell whether the glutes are weak, what comes
# after a band on hip thrusts, glute work with no gym; 6 of 6 pass, tuned 506/526). Two fresh
# batches, written blind and committed unread before the pass (an everyday chat mix; runners
# who describe what they notice or name an exercise vaguely), were then measured once: 24/40
# (8 answered confidently without every fact) and 18/40 (7). Twelfth pass: both were read and
# tuned on (their classes first written as tuned questions in other words: Scots spellings,
# hips swaying side to side, an exercise called by a nickname or a wrong name, days a week for
# the work; 6 of 6 pass, tuned 512/532). Two more batches, written blind before it (an
# everyday chat mix; follow-ups, one exercise by name or description, timing), were measured
# once on the knowledge base as the eleventh pass left it (by a comparison script of this pass
# that read every batch's pass count before any change): 22/40 (10 confident without every
# fact) and 19/40 (5); after the twelfth pass, not tuned on them, 23/40 and 19/40. Thirteenth
# pass: both were read and tuned on (their classes first written as tuned questions in other
# words: more Scots spellings, how soon strength work shows, a leg day before a race, a chest
# infection as an illness, "alright" naming nothing; 5 of 6 pass, tuned 517/538). Two fresh
# batches, written blind while it was made (holdout20: an everyday chat mix; holdout21:
# careful questions quoting claims, and two-to-five-word ones), were then measured once: see
# UNREAD.
# Measured once after the thirteenth pass: 16/40 (12 answered confidently without every fact)
# and 24/40 (10). Fourteenth pass: both were read and tuned on (their classes first written as
# tuned questions in other words; 29 of 31 pass, tuned 547/569). Classes: where a claim was
# heard and who said it ("a podcast host said", "seen both on youtube", "everyone bangs on
# about") named a subject of its own, and real words were read as slips of others ("lounge" as
# "lunge", "forum" as "form", "saying" as "swaying"); runners' words not understood (a hip
# that drops, a race's climbs, the side of the bum, "arvo", "bulgarians", walking like a
# cowboy, "sub 20"); a purpose or a mechanism asked for ("what's the link", "how does that
# work") answered with the paragraph that only says the link exists; an exercise named in full
# among a topic's keywords not counted as named; content the knowledge base lacked (an
# exercise as a warm-up, what to feel in a split squat, what hip thrusts do for running, how
# heavy, training round an injury and back from it, the time of day, short sessions, slow or
# explosive reps, running with DOMS, plyometrics and the knees, hills not
# replacing strength work); and "book" and "time of day" refusing questions that were ours.
# After it: 33/40 and 32/40 (4 and 6 confident misses), so they joined SPENT. Two fresh
# batches, written blind by an independent author while the pass was made (holdout22: an
# everyday chat mix; holdout23: what runners notice, and timing and planning) and committed
# before it, were measured once on the knowledge base before the pass (23/40 and 27/40) and
# once after it (23/40 and 28/40; 7 and 12 answered confidently without every fact): the pass
# did not carry over to them either.
# Fifteenth pass: both were read and tuned on (their classes first written as tuned questions
# in other words; 31 of 31 pass, tuned 579/600), with two classes the team found. Classes: the
# most basic question ("why do runners need strong glutes") answered from the gluteal-amnesia
# or knee paragraph, now the weak-glutes lead's power and stability, in body text and a "the
# point of" intent rather than a title; replies and follow-ups that name no subject of their
# own ("should be about 25k", "how about stronger glutes then") answered confidently: the best
# passage must now be named for one of the question's subjects (not one so many entries are
# named by, "glutes", that it names none) or say one of its rarer words, and a number or an
# amount ("miles", "a couple of months") is never the subject; a link asked about ("could my
# glutes be part of it", "something to do with it", "could that be") answered with the
# paragraph that lists injuries, not the one with the mechanism; who said a claim ("my physio
# says") read as its subject; an exercise's technique asked as what goes wrong or what to feel
# ("what am i doing wrong", "where should i feel it") answered by a topic that mentions the
# exercise, now by its how-to; chat words not understood ("wk", "sesh", "4x", "cooked",
# "tweaking", "shld", "bro science", "med n min", stiff hips, "how long does it take");
# content the knowledge base lacked or did not show (strength work complementing running,
# calories, getting persistent back pain checked, gentle pain-free work after a hamstring
# strain, a physio to assess one side tiring first, IT band pain after a break, sore quads
# while the glutes feel nothing, heels lifting in a squat, feeling deadlifts in the lower back,
# band walks' small steps on bent knees). After it: holdout22 23/40 -> 35/40, holdout23 28/40
# -> 40/40, so both joined SPENT. Two fresh batches, written blind by an independent author
# while the pass was made (holdout24: beginners and returners in plain words; holdout25: club
# runners and racers, terse and jargon-heavy) and committed before it, were measured once on the
# knowledge base before the pass (25/40 and 19/40) and once after it (26/40 and 19/40; 11 and
# 11 answered confidently without every fact): the pass did not carry over to them either.
# Sixteenth pass: both were read and tuned on (their classes first written as tuned questions
# in other words; 17 of 19 pass, tuned 595/619). Classes: content the knowledge base lacked
# (never too old to start lifting, a women's health physio and the pelvic floor after a baby,
# stopping sets short of failure with reps in reserve, a plyometric dose in contacts, easing
# into a new programme away from a key run); confident answers from a passage a sentence short
# of what was asked (pain linked to weak glutes or to a mileage jump without a pointer to a
# physio, injuries among why runners need glutes, sitting leaving the hip flexors tight,
# strength work shaping the glutes more than running alone, the last heavy session as 7-10
# days, one session a week in a heavy block, single-leg work for the side glutes when short of
# time, sprinters' hip extension, band to barbell on hip thrusts, a Bulgarian split squat's
# load built up in a block); chat and jargon not understood (apologies and unease: "sorry",
# "confused", "scare me", "total"; "muttered" as who said it; a watch that reports a number,
# "my watch says", no longer gear; "posterior chain", "quad dominant", "RIR", "cadence",
# "beginner", "late in life", "rounder", "massive", barely walking down the stairs after a
# session; "what is a" and "get wrong" asking for a named exercise's how-to); and "get rid of"
# read as a subject ("settle") rather than a way of asking, which answered an off-topic
# question confidently. After it: holdout24 26/40 -> 37/40, holdout25 19/40 -> 33/40, so both
# joined SPENT. Two fresh batches, written blind by an independent author while the pass was made
# (holdout26: very short and messy phone questions; holdout27: runners over 50, trail and ultra
# runners, triathletes, postpartum and menopause, teenagers, travellers, night-shift workers) and
# committed before it, were measured once before the pass (25/40 and 15/40) and once after it
# (26/40 and 17/40; 13 and 16 answered confidently without every fact): the pass did not carry
# over to them either. holdout26 holds one question holdout9 asks word for word, tuned on long
# ago: it is left out of the measure (25/39).
# After the sixteenth pass, with no pass since, two more batches were written blind by
# independent authors and committed before any measure (holdout28: replies to the coach in
# the middle of a training week; holdout29: long messages that tell a story before the
# question), and measured once: 27/40 (10 answered confidently without every fact) and 21/40
# (12; one off-topic question answered confidently). An embedding model that installs
# offline (wordllama, whose wheel holds its 256-dimension static embeddings) was tried first
# on the spent batches holdout20-25, whose questions the answerer was tuned on: the two
# passages nearest a question by meaning held every fact for 111 of 214 answerable questions,
# the nearest one for 80, where the answerer answers 190 confidently with every fact (tuned
# on them, which favours it, but by far too much to close), so it was not taken up.
# Seventeenth pass, small: holdout26 and holdout27 were read, and four classes of their
# misses written as tuned questions in other words and fixed (4 of 4 pass, tuned 599/623):
# "b4" had been ignored as a filler, not read as "before"; "how do you do the <move>" now asks
# for the move's how-to; no kit and a holiday read as the no-gym topic; easing off the weights
# as the taper. Neither batch moved (25/39, 17/40): most of their misses are facts said in
# other words than the author's phrases, or not said at all. holdout28 and holdout29, not read,
# stayed at 27/40 and 21/40.
UNREAD = (
    ("answers_holdout28.toml", 27 / 40),
    ("answers_holdout29.toml", 21 / 40),
)


@dataclass(frozen=True)
class Question:
    text: str
    facts: tuple[tuple[str, ...], ...]
    none: bool


def _table(name: str) -> list[Question]:
    data = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
    return [
        Question(q["text"], tuple(tuple(f) for f in q.get("facts", ())), q.get("none", False))
        for q in data["question"]
    ]


TUNED = _table("answers_questions.toml")


def _batches() -> dict[str, list[Question]]:
    """Each batch without a question the tuned table or an earlier batch asks word for word:
    a blind author may write one by chance ("hills good for glutes?" in holdout26 and
    holdout9), and it counts where it came first (a batch's own repeats are kept, and fail the
    distinct-questions test)."""
    seen = {q.text.lower() for q in TUNED}
    batches: dict[str, list[Question]] = {}
    for name, _ in (*SPENT, *UNREAD):
        batches[name] = [q for q in _table(name) if q.text.lower() not in seen]
        seen |= {q.text.lower() for q in batches[name]}
    return batches


BATCHES = _batches()
HELD_BACK = tuple(q for name, _ in UNREAD for q in BATCHES[name])
ALL = (*TUNED, *(q for name, _ in SPENT for q in BATCHES[name]), *HELD_BACK)


def passes(question: Question) -> bool:
    """Answered confidently with every fact, or (off the knowledge base) not confidently."""
    got = answer(question.text)
    if question.none:
        return not got.confident
    said = " ".join(f"{p.title} {p.text}" for p in got.passages).lower()
    return got.confident and all(any(f in said for f in fact) for fact in question.facts)


def test_the_tables_are_big_enough_and_distinct() -> None:
    assert len(ALL) >= 80
    assert len(HELD_BACK) >= 25
    texts = [q.text.lower() for q in ALL]
    assert len(texts) == len(set(texts))
    assert all(q.none or q.facts for q in ALL)


def _share(table: list[Question]) -> tuple[float, list[str]]:
    failed = [q.text for q in table if not passes(q)]
    return (len(table) - len(failed)) / len(table), failed


def test_the_tuned_table_reaches_the_goal() -> None:
    share, failed = _share(TUNED)
    assert share >= TUNED_FLOOR, (share, failed)


@pytest.mark.parametrize(("name", "floor"), SPENT)
def test_each_spent_batch_keeps_what_tuning_reached(name: str, floor: float) -> None:
    share, failed = _share(BATCHES[name])
    assert share >= floor, (share, failed)


@pytest.mark.parametrize(("name", "floor"), UNREAD)
def test_each_unread_batch_keeps_its_one_measure(name: str, floor: float) -> None:
    """Never tuned on: each batch's floor is what it scored when measured once (UNREAD), below
    the issue's 90% goal. A floor so a regression fails, not a claim the goal is met."""
    share, failed = _share(BATCHES[name])
    assert share >= floor, (share, failed)


@pytest.mark.parametrize(
    ("question", "fault"),
    [
        ("feel fire hydrants more in my lower back than my bum, why", "arching the lower back"),
        ("should i be squeezing my glutes at the top of a hip thrust", "ribs stay down"),
        ("what do people get wrong on clamshells", "rolling backwards"),
    ],
)
def test_a_how_to_comes_with_its_common_faults(question: str, fault: str) -> None:
    got = answer(question)
    assert got.confident
    assert got.passages[0].kind == "exercise"
    assert fault in got.passages[0].text.lower()


def test_which_shoes_to_buy_is_gear_but_new_shoes_among_other_changes_is_load() -> None:
    assert not answer("which running shoes are best for flat feet").confident
    got = answer("new shoes and more mileage in the same week, now my shins hurt")
    assert got.confident
    assert "one thing at a time" in " ".join(p.text for p in got.passages).lower()


@pytest.mark.parametrize(
    "question",
    [
        # a fire hydrant's steps say "hips square"; the question is about running
        "should my hips rotate a bit when i run or stay totally square?",
        # a lateral band walk's steps say "push"; the question is about the stride
        "what does a proper push off look like, where should my foot be",
        "does my pelvis need to stay level when i run",
    ],
)
def test_a_how_to_does_not_answer_a_question_that_does_not_name_its_exercise(
    question: str,
) -> None:
    got = answer(question)
    assert not (got.confident and got.passages[0].kind == "exercise")


def test_a_how_to_answers_a_question_that_names_its_exercise() -> None:
    got = answer("my hip clicks when i do clams is that bad")
    assert got.confident
    assert got.passages[0].title == "Side-lying clamshell"


# Off-topic questions of the unread batches answered confidently when measured once, kept
# as they are (not tuned on): each fails as expected until the answerer refuses it unaided.
_MEASURED_CONFIDENT = frozenset(
    {
        # holdout29: a dose of a painkiller, asked after a story of a sore knee and a
        # mileage jump (the knee is triage's, in the chat; the dose is no coach's to give).
        "my knee has been a bit sore since i upped my mileage to 40 a week, i'm 49 and have a "
        "half marathon in a fortnight. a guy at work says he always takes ibuprofen before a "
        "long run to stop the pain. is it safe for me to take ibuprofen before my runs, and how "
        "many mg?",
    }
)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(q, marks=pytest.mark.xfail(strict=True, reason="held back, measured once"))
        if q.text.lower() in _MEASURED_CONFIDENT
        else q
        for q in ALL
        if q.none
    ],
)
def test_off_topic_questions_are_never_answered_confidently(question: Question) -> None:
    got = answer(question.text)
    assert not got.confident
    assert len(got.closest) <= 3


@pytest.mark.parametrize("text", ["", "?!", "   ", "the and of", "🏃‍♀️🏃‍♀️"])
def test_nothing_to_read_is_not_an_answer(text: str) -> None:
    assert answer(text) == answers.Answer((), False, ())


@pytest.mark.parametrize(
    ("said", "means"),
    [
        ("hammy", "hamstr"),
        ("calf", "calv"),
        ("ITB", "band"),
        ("wet pants walk", "later"),
        ("DOMS", "onset"),
        ("PB", "person"),
        ("butt", "glute"),
        ("hamstirngs", "hamstr"),  # a spelling slip
        ("tues", "day"),  # a day as a training plan shortens it
        ("flaring", "pain"),
        ("flu", "ill"),
        ("fortnight", "week"),
    ],
)
def test_runners_words_reach_the_knowledge_bases_words(said: str, means: str) -> None:
    assert any(means in stems for concept in concepts(said) for stems in concept)


def test_a_long_paragraph_is_trimmed_to_what_answers() -> None:
    kb = knowledge()
    (passage,) = [p for p in answer("hip flexor strech").passages if "tuck" in p.text.lower()]
    (whole,) = [p for p in kb.topics[passage.entry_id].body if p.startswith(passage.text[:40])]
    assert "tuck the pelvis" in passage.text.lower()
    assert len(passage.text) < len(whole)


def test_a_hostile_paste_reads_a_bounded_number_of_words() -> None:
    flood = " ".join(f"word{n} glutes" for n in range(2000))[:4096]
    assert len(concepts(flood)) <= reading.MAX_CONCEPTS


def _synonym_file(
    words: str = "",
    intents: str = "",
    extra: str = "",
    technique: str = "",
    spellings: str = "",
    amounts: str = "",
) -> str:
    return (
        f"[words]\n{words}\n[intents]\n{intents}\n[ignore]\nwords = []\n{extra}\n"
        f"[elsewhere]\nwords = []\n[technique]\nwords = [{technique}]\n"
        f"[spellings]\n{spellings}\n[amounts]\nwords = [{amounts}]\n"
    )


def test_a_broken_synonym_file_stops_start_up_naming_it() -> None:
    assert synonyms.parse_synonyms(_synonym_file(words='"hammy" = "hamstrings"')).words
    for bad in (
        _synonym_file(words='"Hammy!" = "hamstrings"'),
        _synonym_file(intents='"why" = ["Because!"]'),
        _synonym_file(extra="extra = 1"),
        _synonym_file(technique='"Form!"'),
        _synonym_file(spellings='whit = "What?"'),
        _synonym_file(amounts='"Miles!"'),
    ):
        with pytest.raises(KnowledgeError, match=r"answer_synonyms\.toml"):
            synonyms.parse_synonyms(bad)


# ---------------------------------------------------------------- the passage that answers


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # its technique asked in a word or two is its how-to, not the running-form topic
        ("glute bridge technique?", "glute_bridge"),
        ("clamshell form pls", "clamshell"),
        # named in full, it is the one shown, not a variant whose name holds it
        ("how do i do a glute bridge", "glute_bridge"),
        ("how do i do a side plank", "side_plank"),
        ("fire hydrant", "fire_hydrant"),
        ("banded glute bridge", "banded_bridge"),
    ],
)
def test_the_exercise_asked_about_is_the_one_shown(question: str, entry: str) -> None:
    got = answer(question)
    assert got.confident
    assert (got.passages[0].kind, got.passages[0].entry_id) == ("exercise", entry)


def test_dialect_spellings_read_as_the_usual_words() -> None:
    scots = "whit dae the muscles oan the ootside o ma hip dae when ah run?"
    plain = "what do the muscles on the outside of my hip do when i run?"
    assert concepts(scots) == concepts(plain)
    assert answers.answer(scots) == answers.answer(plain)


def test_running_technique_is_still_running_form() -> None:
    got = answer("any tips on running technique to use my glutes more")
    assert (got.passages[0].kind, got.passages[0].entry_id) == ("topic", "running_form")


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # "why": the paragraph with the reason, not the one about hill repeats
        ("why are hills good for your glutes", "gravity"),
        # "how fast": the paragraph with the rate, not the one about what goes wrong
        ("how fast can i increase my weekly mileage", "10 percent"),
        # the phrase as written, in the paragraph that says it
        ("what is hip extension", "straightening the leg"),
        # an exercise's notes are a passage of their own
        ("do i need weights for hip thrusts", "no weight needed"),
        # a distance as runners write it is about mileage
        ("i went from 20k a week to 40k and my knees hurt", "too much too soon"),
    ],
)
def test_the_passage_that_answers_comes_first(question: str, says: str) -> None:
    got = answer(question)
    assert got.confident
    assert says in got.passages[0].text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "how much does a physio cost",
        "what time does the gym open",
        "how much are resistance bands",
        "which gym should i join",
    ],
)
def test_what_the_coach_does_not_cover_is_not_answered_from_a_passing_mention(
    question: str,
) -> None:
    got = answer(question)
    assert not got.confident
    assert got.closest


@pytest.mark.parametrize(
    "question",
    [
        "how long are hill sprints supposed to be",
        "i overstride, does that affect my glutes",
        "who can assess my running gait",
        "how quickly should i add weight",
    ],
)
def test_everyday_words_around_a_clear_subject_do_not_sink_the_answer(question: str) -> None:
    assert answer(question).confident


@pytest.mark.parametrize(
    ("said", "not_read_as"),
    [
        ("does strength training make you slower", "lower"),  # a real word, not a slip
        ("how quickly should i add weight", "quick"),  # an adverb names no subject
    ],
)
def test_words_are_not_read_as_something_else(said: str, not_read_as: str) -> None:
    assert not any(not_read_as in concept for concept in concepts(said))


@pytest.mark.parametrize(
    "question",
    [
        "i cycle to work and take the stairs all day, so my glutes must be strong enough right?",
        "so i started running 3 months ago and i do 3 runs a week, my glutes are always sore the"
        " day after a long run, is that normal or am i doing something wrong",
    ],
)
def test_a_long_chatty_question_about_one_topic_is_answered(question: str) -> None:
    assert answer(question).confident


@pytest.mark.parametrize("said", ["evry", "thru", "stuff", "difference"])
def test_chat_spellings_and_fillers_name_no_subject(said: str) -> None:
    assert concepts(said) == []


def test_counts_around_a_clear_subject_do_not_sink_the_answer() -> None:
    # A number the knowledge base never says ("6") once weighed as much as its rarest subject.
    assert answer("my knees ache since going from 4 to 6 runs a week").confident
    assert answer("i havent lifted in six weeks, how should i start again").confident
    assert not answer("what is 17 times 23").confident


def test_stretching_before_a_run_is_answered_dynamic_before_static_after() -> None:
    text = " ".join(p.text for p in answer("is static stretching before a run bad").passages)
    assert "dynamic" in text.lower()
    assert "after the run" in text.lower()


def test_a_distance_is_mileage_unless_it_names_a_race() -> None:
    assert any("mileag" in concept for concept in concepts("went from 20k to 40k a week"))
    assert not any("mileag" in concept for concept in concepts("a faster 5k or 10k"))


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # the scene ("heavy legs") once won with the speed topic's "heavy legs"
        ("my legs feel heavy in race week, should i still do strength", "Race week"),
        ("i run 50k a week, how can my glutes possibly be weak", "Why weak glutes matter"),
        # a clause that points back ("are they") asks about the scene itself
        ("box jumps, are they safe for beginners", "Box jump"),
    ],
)
def test_a_scene_set_before_the_question_does_not_outrank_what_is_asked(
    question: str, title: str
) -> None:
    got = answer(question)
    assert got.confident
    assert got.passages[0].title.startswith(title)


def test_a_chat_spelling_of_an_asking_word_still_ends_the_scene() -> None:
    question = "10k in 3 days and i feel unfit, shud i cram in one more hard session"
    asked = concepts(question)
    flags = reading.scene(question, asked)
    assert {min(c) for c, s in zip(asked, flags, strict=True) if s} >= {"10k", "unfit"}


def test_the_scene_is_what_only_the_clauses_before_the_asking_one_say() -> None:
    question = "just ran a marathon PB!! so when can i get back in the gym"
    asked = concepts(question)
    flags = reading.scene(question, asked)
    assert {min(c) for c, s in zip(asked, flags, strict=True) if s} == {"marathon", "pb", "ran"}
    plain = "how do i do a glute bridge"
    assert not any(reading.scene(plain, concepts(plain)))


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # what comes after the question mark sets the scene too
        (
            "can tight hip flexors switch my glutes off? office job in leeds, 9 hrs at a desk",
            "Tight hip flexors",
        ),
        ("which injuries come from weak glutes? my son just started track", "Why weak glutes"),
        # and chat about whether a thing is real names nothing
        ("dumb q but how many glute muscles are there", "Your three glute muscles"),
        ("is gluteal amnesia legit or just a gym myth lol", "Gluteal amnesia"),
        # what follows counts in full when the answer speaks to it: read as half-weight scene,
        # "my half marathon" would leave the race-week answer unsure
        (
            "new squat routine from a friend, start it now or later? my half marathon is in a week",
            "Race week",
        ),
    ],
)
def test_chat_around_the_question_does_not_sink_the_answer(question: str, title: str) -> None:
    got = answer(question)
    assert got.confident
    assert got.passages[0].title.startswith(title)


@pytest.mark.parametrize(
    "said",
    [
        # replies to another question, and a follow-up in words every page uses
        "should be about 25k",
        "how about stronger glutes then",
        "is it ok to say a few years",
    ],
)
def test_a_reply_or_a_follow_up_that_names_no_subject_is_not_answered(said: str) -> None:
    assert not answer(said).confident


@pytest.mark.parametrize(
    "question",
    [
        "why do runners need strong glutes?",
        "whats the point of glute work for runners?",
        "why should runners train their glutes",
    ],
)
def test_why_runners_need_glutes_is_the_power_and_stability_answer(question: str) -> None:
    got = answer(question)
    assert got.confident
    assert got.passages[0].entry_id == "weak_glutes"
    assert "power and for stability" in got.passages[0].text


def test_who_said_a_claim_is_not_what_it_asks_about() -> None:
    assert concepts("my physio says i have gluteal amnesia") == concepts("i have gluteal amnesia")
