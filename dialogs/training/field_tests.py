"""/tests: the short, optional field tests, at the start and every few weeks after.

Four tests, each per side: single-leg bridge reps, side plank hold, single-leg calf raises to
fatigue, and single-leg squat quality rated from a description. Every one can be skipped.
The results are saved together at the end, with a nudge to test again in five weeks; they
set the level sessions start from (baseline.starting_level) and /progress charts them.
See field_tests.mmd.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from dialogs.core import (
    Button,
    ButtonPressed,
    CancelMessages,
    Context,
    DialogState,
    Effect,
    Reply,
    ScheduleMessage,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.learn.asking import asks_without_pain
from dialogs.pain import holds
from dialogs.records import FieldTest, FieldTestResult, Side
from dialogs.texts import t
from dialogs.training import baseline

NAME = "field_tests"
PAIN_DIALOG = "pain"
# The scheduled message that offers a retest; delivered, it opens this dialog.
RETEST_DUE = "field_tests_due"
_SKIP = ("skip", "pass", "next", "can't", "cant", "cannot", "no")
_YES = ("start", "yes", "go", "ok", "okay", "sure", "ready", "let's", "👍")
_NO = ("not now", "later", "no", "nope", "skip", "tomorrow")


class Step(StrEnum):
    START = "start"
    OFFER = "offer"  # what the tests are; Start or Not now
    TEST = "test"  # one test on one side; data["index"] into baseline.BATTERY


@dataclass(frozen=True, slots=True)
class SaveFieldTests(Effect):
    """Store one day's field test results (a retake the same day replaces them)."""

    day: date
    results: tuple[FieldTestResult, ...]


def _offer(ctx: Context, retest: bool) -> Reply:
    key = "field_tests.offer_retest" if retest else "field_tests.offer"
    text = t(key)
    if ctx.pain is not None and ctx.pain.locations:
        text += "\n\n" + t("field_tests.offer_sore")
    buttons = (
        (
            Button(t("field_tests.button.start"), "start"),
            Button(t("field_tests.button.later"), "later"),
        ),
    )
    return Reply(text, buttons)


def _question(index: int) -> Reply:
    test, side = baseline.BATTERY[index]
    text = t(
        "field_tests.question",
        n=index + 1,
        total=len(baseline.BATTERY),
        name=t(f"field_tests.name.{test.value}"),
        side=t(f"field_tests.side_name.{side.value}"),
        how=t(f"field_tests.how.{test.value}"),
        ask=t(f"field_tests.ask.{test.value}"),
    )
    skip = Button(t("field_tests.button.skip"), f"skip:{index}")
    if test is FieldTest.SQUAT:
        rates = tuple(Button(str(n), f"q:{index}:{n}") for n in baseline.QUALITY)
        return Reply(text, (rates, (skip,)))
    return Reply(text, ((skip,),))


def prompt(state: DialogState, ctx: Context) -> tuple[Reply, ...]:
    """The current question again, exactly as first asked."""
    if state.step == Step.OFFER:
        return (_offer(ctx, bool(state.data.get("retest"))),)
    if state.step == Step.TEST:
        return (_question(int(state.data["index"])),)
    return ()


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """Advance /tests by one input."""
    if state is None or isinstance(event, Started) or state.step == Step.START:
        args: dict[str, Any] = event.args if isinstance(event, Started) else {}
        return _start(ctx, retest=bool(args.get("retest")))
    if state.step == Step.OFFER:
        return _offered(state, event, ctx)
    return _answer(state, event, ctx)


def _start(ctx: Context, *, retest: bool) -> Transition:
    if ctx.profile is None:
        button = Button(t("workout.button.setup"), "go:onboarding")
        return Transition(None, (Reply(t("field_tests.need_profile"), ((button,),)),))
    if holds.holding(ctx.pain) is not None:
        # Held by a pain (urgent, or told to rest): no testing; the pain dialog follows that
        # report up (seen, better, a new pain), as /workout does.
        return Transition(DialogState(PAIN_DIALOG, "start", {"source": NAME}))
    state = DialogState(NAME, Step.OFFER, {"retest": retest})
    return Transition(state, (_offer(ctx, retest),))


_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str, words: tuple[str, ...]) -> bool:
    # Words only, punctuation dropped: "skip?" and "no." say skip and no.
    folded = " " + " ".join(_WORD.findall(text.lower())) + " "
    return any(f" {word} " in folded or (not word.isalpha() and word in folded) for word in words)


def _offered(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    choice = None
    if isinstance(event, ButtonPressed) and event.value in ("start", "later"):
        choice = event.value
    elif isinstance(event, TextReceived):
        choice = (
            "later" if _words(event.text, _NO) else "start" if _words(event.text, _YES) else None
        )
    if choice is None:
        lead = (
            "field_tests.expired" if isinstance(event, ButtonPressed) else "field_tests.offer_reask"
        )
        return Transition(state, (Reply(t(lead)), *prompt(state, ctx)))
    if choice == "later":
        return Transition(None, (Reply(t("field_tests.later")),))
    data = {**state.data, "index": 0, "results": {}}
    return Transition(DialogState(NAME, Step.TEST, data), (_question(0),))


def _read(event: UserInput, index: int) -> int | str | None:
    """The answer to question `index`: a value, "skip", or None (unreadable or an old button)."""
    test, _side = baseline.BATTERY[index]
    if isinstance(event, ButtonPressed):
        if event.value == f"skip:{index}":
            return "skip"
        head, _, rate = event.value.rpartition(":")
        if head == f"q:{index}" and rate.isdigit() and int(rate) in baseline.QUALITY:
            return int(rate)
        return None
    if isinstance(event, TextReceived):
        # "no" or "can't" with no number is a skip, not a result of 0.
        if not re.search(r"\d", event.text) and _words(event.text, _SKIP):
            return "skip"
        return baseline.read_value(test, event.text)
    return None


def _answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    index = int(state.data["index"])
    # "how long should i hold it, 30 seconds?" is no 30 s held, nor "what counts as good?" a 3;
    # the router answers it if the knowledge base can. A pain mentioned goes to triage.
    if isinstance(event, TextReceived) and asks_without_pain(event.text):
        return Transition(state, (Reply(t("field_tests.asked")), *prompt(state, ctx)))
    answer = _read(event, index)
    if answer is None:
        test, _side = baseline.BATTERY[index]
        lead = (
            t("field_tests.expired")
            if isinstance(event, ButtonPressed)
            else t(f"field_tests.reask.{test.value}")
        )
        return Transition(state, (Reply(lead), *prompt(state, ctx)))
    results = dict(state.data.get("results", {}))
    if answer != "skip":
        test, side = baseline.BATTERY[index]
        results[f"{test.value}:{side.value}"] = answer
    if index + 1 < len(baseline.BATTERY):
        data = {**state.data, "index": index + 1, "results": results}
        return Transition(DialogState(NAME, Step.TEST, data), (_question(index + 1),))
    return _finish(results, ctx)


def _finish(answers: dict[str, int], ctx: Context) -> Transition:
    day = ctx.today
    results = tuple(
        FieldTestResult(day=day, test=FieldTest(test), side=Side(side), value=value)
        for key, value in answers.items()
        for test, side in [key.split(":")]
    )
    if not results:
        return Transition(None, (Reply(t("field_tests.nothing")),))
    before = [r for r in ctx.field_tests if r.day != day]
    lines = baseline.result_lines(results, before)
    text = t("field_tests.saved_retest" if before else "field_tests.saved")
    text += "\n\n" + "\n".join(lines)
    if uneven := baseline.uneven(results):
        text += "\n\n" + t("field_tests.uneven", tests=", ".join(uneven))
    assert ctx.profile is not None  # _start asked for it
    level = baseline.starting_level(results, ctx.profile.experience)
    text += "\n\n" + t(f"field_tests.level.{level.value}")
    due = datetime.combine(day + baseline.RETEST_AFTER, ctx.profile.workout_time, ctx.zone)
    text += "\n\n" + t("field_tests.next", when=due.strftime("%a %d %b"))
    effects: tuple[Effect, ...] = (
        SaveFieldTests(day, results),
        # A retest replaces the nudge the last test booked.
        CancelMessages(kinds=(RETEST_DUE,), reason="tested again"),
        ScheduleMessage(
            kind=RETEST_DUE,
            due=due,
            key=day.isoformat(),
            payload={"dialog": NAME, "args": {"retest": True}},
            replace=True,
        ),
    )
    return Transition(None, (Reply(text),), effects)
