"""A graded return to running after a pain a professional cleared: walk-run stages stepping
up over two to four weeks, with the pain-monitoring check after each run.

The stages and limits are in walk_run.py. The check follows the pain-monitoring model
(../shared/clinical-criteria.md): up to 3/10 during the run and settled by the next morning
counts towards the next stage, 4-5/10 settled by morning repeats the stage, anything more
steps back one stage. Front-of-knee pain is stricter: at most 2/10 and back to normal within
an hour, otherwise step back. Each stage is run twice within the limits before the next; the
check comes every two days, so the plan takes about three to four weeks. While it runs,
reminders name the stage and the strength sessions keep the place protected (no heavy or
explosive work, nothing that loads it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    Effect,
    Reply,
    ScheduleMessage,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain.steps import CHECKIN_KIND, NAME, SaveComeback, Step
from dialogs.pain.typed_answers import read_severity
from dialogs.pain.walk_run import (
    ASK_AGAIN,
    CHECK_EVERY,
    RUNS_PER_STAGE,
    STAGES,
    describe,
    knee_front,
    limit,
)
from dialogs.records import ComebackPlan, PainRecord, PainStatus
from dialogs.texts import t

GOOD, OK, BAD, NOT_YET = "good", "ok", "bad", "not_yet"
BUTTON = "run:"


def check_message(report_key: str, due: datetime) -> ScheduleMessage:
    """The check after the next run; one per plan, moved each time it is booked again."""
    return ScheduleMessage(
        kind=CHECKIN_KIND,
        due=due,
        key=f"{report_key}:run",  # not under "{key}/", where its check-ins are cancelled
        payload={"dialog": NAME, "args": {"run_check": report_key}},
        replace=True,
    )


def start(record: PainRecord, ctx: Context) -> tuple[tuple[Effect, ...], str]:
    """Begin the plan for a cleared report: what to store and book, and how to explain it."""
    plan = ComebackPlan(report_key=record.key, locations=record.locations, started_on=ctx.today)
    effects = (
        SaveComeback(
            report_key=record.key,
            locations=tuple(str(p) for p in record.locations),
            stage=0,
        ),
        check_message(record.key, ctx.now + CHECK_EVERY),
    )
    text = t("pain_followup.seen.plan", stages=len(STAGES), run=describe(0), limit=limit(plan))
    return effects, text


def starts_for(record: PainRecord, pain: PainStatus | None) -> bool:
    """Whether clearing this report begins a plan (not one already under way for it)."""
    plan = pain.comeback if pain is not None else None
    return plan is None or plan.report_key != record.key


# ---------------------------------------------------------------- the check after a run


def _buttons(plan: ComebackPlan) -> tuple[tuple[Button, ...], ...]:
    knee = "_knee" if knee_front(plan) else ""
    choices = [("good" + knee, GOOD)]
    if not knee:
        choices.append(("ok", OK))
    choices += [("bad" + knee, BAD), ("not_yet", NOT_YET)]
    return tuple(
        (Button(t(f"pain_followup.button.{label}"), BUTTON + value),) for label, value in choices
    )


def ask(plan: ComebackPlan) -> Reply:
    text = t(
        "pain_followup.run.ask",
        stage=plan.stage + 1,
        stages=len(STAGES),
        run=describe(plan.stage),
    )
    return Reply(text, _buttons(plan))


def start_check(report_key: str, ctx: Context) -> Transition:
    plan = ctx.pain.comeback if ctx.pain is not None else None
    if plan is None or plan.report_key != report_key:
        return Transition(None)  # the plan ended or another began: nothing to ask
    return Transition(DialogState(NAME, Step.RUN_CHECK, {"key": report_key}), (ask(plan),))


def _read(text: str, plan: ComebackPlan) -> str | None:
    folded = text.casefold()
    if any(w in folded for w in ("not yet", "haven't", "havent", "didn't", "didnt", "not run")):
        return NOT_YET
    if any(w in folded for w in ("next morning", "still sore", "not settled", "hasn't settled")):
        return BAD
    score = read_severity(text)
    if score is None:
        return None
    if score <= limit(plan):
        return GOOD
    return OK if score <= 5 and not knee_front(plan) else BAD


def check_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    plan = ctx.pain.comeback if ctx.pain is not None else None
    if plan is None or plan.report_key != state.data.get("key"):
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    said: str | None = None
    if isinstance(event, ButtonPressed):
        said = event.value.removeprefix(BUTTON)
        if said not in (GOOD, OK, BAD, NOT_YET) or (said == OK and knee_front(plan)):
            return Transition(state, (Reply(t("pain.expired")), ask(plan)))
    elif isinstance(event, TextReceived):
        said = _read(event.text, plan)
    if said is None:
        return Transition(state, (Reply(t("pain_followup.retry.run")), ask(plan)))
    return Transition(None, *_outcome(plan, said, ctx))


def _outcome(
    plan: ComebackPlan, said: str, ctx: Context
) -> tuple[tuple[Reply, ...], tuple[Effect, ...]]:
    if said == NOT_YET:
        again = check_message(plan.report_key, ctx.now + ASK_AGAIN)
        return (Reply(t("pain_followup.run.not_yet")),), (again,)
    stage, good_runs, step_backs = plan.stage, plan.good_runs, 0
    if said == GOOD:
        good_runs += 1
        if good_runs >= RUNS_PER_STAGE:
            stage, good_runs = stage + 1, 0
        if stage >= len(STAGES):
            done = _save(plan, stage=len(STAGES) - 1, good_runs=0, step_backs=0, finished=True)
            text = t("pain_followup.run.done", run=describe(len(STAGES) - 1))
            return (Reply(text),), (done,)
        key = "next_stage" if stage > plan.stage else "next_same"
        following = t(f"pain_followup.run.{key}", stage=stage + 1, stages=len(STAGES),
                      run=describe(stage))  # fmt: skip
        text = t("pain_followup.run.good", next=following)
    elif said == OK:
        text = t("pain_followup.run.ok", run=describe(stage))
    else:
        stage, good_runs, step_backs = max(stage - 1, 0), 0, plan.step_backs + 1
        if step_backs >= 2:
            text = t("pain_followup.run.bad_again", run=describe(0))
        else:
            text = t("pain_followup.run.bad", stage=stage + 1, run=describe(stage))
    saved = _save(plan, stage=stage, good_runs=good_runs, step_backs=step_backs)
    again = check_message(plan.report_key, ctx.now + CHECK_EVERY)
    return (Reply(f"{text}\n{t('pain_followup.run.after')}"),), (saved, again)


def _save(plan: ComebackPlan, **changes: Any) -> SaveComeback:
    return SaveComeback(
        report_key=plan.report_key,
        locations=tuple(str(p) for p in plan.locations),
        **changes,
    )
