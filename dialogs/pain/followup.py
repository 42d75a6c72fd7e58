"""Check-ins on an open pain report, and following up a held one: "how is it now?", "I've
been seen" (and what they said), "it's better now", the over-time rules, what next.

A held report (urgent, physio, or told to rest) is followed up from a scheduled check-in,
from /pain, /workout or "Check my pain" (the held question, with a way to report a different
pain instead), and from typed words anywhere ("saw the physio, cleared"; holds.py reads them).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any

from dialogs.core import (
    Button,
    ButtonPressed,
    CancelMessages,
    Context,
    DialogState,
    Effect,
    Reply,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.pain import holds, return_to_run
from dialogs.pain.holds import Advice
from dialogs.pain.levels import CONTINUE, MODIFY, PHYSIO, REFERRALS, URGENT, highest
from dialogs.pain.over_time import reassess
from dialogs.pain.questions import RETRY, checkin_question, question
from dialogs.pain.reading import parse_pain_text
from dialogs.pain.report import PainReport
from dialogs.pain.rules import assess
from dialogs.pain.steps import (
    MODIFY_CHECKIN,
    NAME,
    PHYSIO_CHECKIN,
    SEEN_CHECKIN,
    URGENT_CANCELS,
    Step,
    UpdatePainReport,
    checkin_message,
    consented,
    emergency_region,
    rebook_checkin,
)
from dialogs.pain.typed_answers import read_checkin, read_severity
from dialogs.pain.verdict import quote, verdict_reply
from dialogs.pain.vocabulary import Trend
from dialogs.records import PainRecord
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation

# The steps this module answers (the dialog hands them over).
STEPS = frozenset({Step.CHECKIN, Step.CHECKIN_SEVERITY, Step.ADVICE})
NOTE_LIMIT = 300
NewReport = Callable[[dict[str, Any], Context], Transition]


def _record(key: str, ctx: Context) -> PainRecord | None:
    reports = ctx.pain.reports if ctx.pain is not None else ()
    return next((r for r in reports if r.key == key), None)


def _data(record: PainRecord, *, held: bool = False) -> dict[str, Any]:
    place = str(record.locations[0]) if record.locations else str(BodyLocation.OTHER)
    data: dict[str, Any] = {"key": record.key, "place": place, "level": record.level}
    if held:
        why = "rest" if record.advice == Advice.REST else str(record.level)
        data.update(held=True, why=why, day=record.first_reported.strftime("%a %d %b"))
    return data


def start_checkin(key: str, ctx: Context) -> Transition:
    record = _record(key, ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    data = _data(record)
    return Transition(DialogState(NAME, Step.CHECKIN, data), (checkin_question(data),))


def start_followup(args: dict[str, Any], ctx: Context) -> Transition | None:
    """/pain, /workout or "Check my pain" on a held report asks about that report; typed
    words that follow it up are read as the answer. None: not a follow-up, triage as usual."""
    record = holds.referral(ctx.pain)
    if record is None:
        return None
    state = DialogState(NAME, Step.CHECKIN, _data(record, held=True))
    text = str(args.get("text") or args.get("args") or "")
    if not text:
        return Transition(state, ask(Step.CHECKIN, state.data))
    named = set(parse_pain_text(text).locations)
    if not holds.read_followup(text).anything or not named <= set(record.locations):
        return None
    return checkin_answer(state, TextReceived(text), ctx)


def ask(step: Step, data: dict[str, Any]) -> tuple[Reply, ...]:
    """The question of a follow-up step, with its buttons."""
    if step == Step.ADVICE:
        values = [(f"pain_followup.button.{a}", f"adv:{a}") for a in Advice]
        buttons = tuple((Button(t(label), value),) for label, value in values)
        return (Reply(t("pain_followup.ask.advice"), buttons),)
    if step == Step.CHECKIN and data.get("held"):
        place = t(f"pain.place.{data.get('place', 'other')}")
        text = t(
            f"pain_followup.hold.{data['why']}",
            place=place,
            place_cap=place[:1].upper() + place[1:],
            day=data.get("day", ""),
        )
        labels = ("seen", "better", "same", "worse", "new")
        held = [Button(t(f"pain_followup.button.{b}"), f"ci:{b}") for b in labels]
        rows = ((held[0], held[1]), (held[2], held[3]), (held[4],))
        return (Reply(text, rows),)
    return question(step, data)


def _values(step: Step, data: dict[str, Any]) -> set[str]:
    return {b.value for reply in ask(step, data) for row in reply.buttons for b in row}


def checkin_answer(
    state: DialogState, event: UserInput, ctx: Context, new_report: NewReport | None = None
) -> Transition:
    data = dict(state.data)
    record = _record(str(data.get("key")), ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    current = Step(state.step)
    if isinstance(event, ButtonPressed) and event.value not in _values(current, data):
        return Transition(state, (Reply(t("pain.expired")), *ask(current, data)))
    if current == Step.ADVICE:
        return _advice_answer(state, record, event, ctx)
    answer: str | None = None
    severity: int | None = None
    retry = f"pain.retry.{RETRY[current]}"
    if isinstance(event, ButtonPressed):
        answer = event.value.split(":", 1)[1]
        if answer == "new" and new_report is not None:
            return new_report({}, ctx)
    elif isinstance(event, TextReceived):
        parsed = parse_pain_text(event.text, today=ctx.today)
        if assess(parsed).level == URGENT:
            return _checkin_urgent(record, parsed, data, ctx)
        said = holds.read_followup(event.text)
        if current == Step.CHECKIN and said.seen:
            return _seen(record, said.advice, event.text, data, ctx)
        severity = read_severity(event.text)
        answer = read_checkin(event.text) if current == Step.CHECKIN else None
        if answer == "seen":
            # "booked the physio", "physio?": not a visit yet, so ask again plainly.
            answer, retry = None, "pain_followup.retry.seen"
        if current == Step.CHECKIN and answer is None and said.better:
            answer = str(Trend.BETTER)
        if current == Step.CHECKIN_SEVERITY and severity is not None:
            answer = str(severity)
    if answer is None:
        if data.get("held") and retry == "pain.retry.checkin":
            retry = "pain_followup.retry.checkin"
        return Transition(state, (Reply(t(retry)), *ask(current, data)))
    if current == Step.CHECKIN_SEVERITY:
        return _checkin_done(record, Trend(data["trend"]), int(answer), data, ctx)
    if answer == "seen":
        return Transition(DialogState(NAME, Step.ADVICE, data), ask(Step.ADVICE, data))
    trend = Trend(answer)
    if trend == Trend.BETTER or severity is not None:
        return _checkin_done(record, trend, severity, data, ctx)
    following = {**data, "trend": str(trend)}
    return Transition(
        DialogState(NAME, Step.CHECKIN_SEVERITY, following),
        question(Step.CHECKIN_SEVERITY, following),
    )


# ---------------------------------------------------------------- seen by a professional


def _seen(
    record: PainRecord, advice: Advice | None, said: str, data: dict[str, Any], ctx: Context
) -> Transition:
    """A clear "I've been seen" is taken as said; what they said is asked when not given."""
    note = said.strip()[:NOTE_LIMIT]
    if advice is None:
        following = {**data, "note": note}
        return Transition(DialogState(NAME, Step.ADVICE, following), ask(Step.ADVICE, following))
    return _advised(record, advice, note, data, ctx)


def _advice_answer(
    state: DialogState, record: PainRecord, event: UserInput, ctx: Context
) -> Transition:
    data = dict(state.data)
    note = str(data.get("note", ""))
    advice: Advice | None = None
    if isinstance(event, ButtonPressed):
        advice = Advice(event.value.removeprefix("adv:"))
    elif isinstance(event, TextReceived):
        advice = holds.read_advice(event.text)
        note = " / ".join(n for n in (note, event.text.strip()) if n)[:NOTE_LIMIT]
    if advice is None:
        retry = Reply(t("pain_followup.retry.advice"))
        return Transition(state, (retry, *ask(Step.ADVICE, data)))
    return _advised(record, advice, note, data, ctx)


def _advised(
    record: PainRecord, advice: Advice, note: str, data: dict[str, Any], ctx: Context
) -> Transition:
    """Cleared closes the report, modified keeps it open at "adjust training", rest keeps it
    held; clearance (either kind) from a physio or urgent pain starts the return to run."""
    kept = note if note and consented(ctx) else None
    place = t(f"pain.place.{data.get('place', 'other')}")
    level = {
        Advice.CLEARED: CONTINUE,
        Advice.MODIFIED: MODIFY,
        Advice.REST: highest((record.level, PHYSIO)),
    }[advice]
    effects: list[Effect] = [
        UpdatePainReport(
            key=record.key,
            level=level,
            reasons=(),
            trend="seen",
            resolved=advice == Advice.CLEARED,
            advice=str(advice),
            note=kept,
        )
    ]
    if advice != Advice.CLEARED:
        number = len(record.severities) + 2
        effects += _book(record, number, ctx.now + SEEN_CHECKIN, data, move=True)
    lines = [t(f"pain_followup.seen.{advice}", place=place)]
    if kept:
        lines.append(t("pain_followup.seen.note_kept"))
    cleared = advice != Advice.REST and record.level in REFERRALS
    if cleared and return_to_run.starts_for(record, ctx.pain):
        plan, text = return_to_run.start(record, ctx)
        effects += plan
        lines.append(text)
    return Transition(None, (Reply("\n".join(lines)),), tuple(effects))


# ---------------------------------------------------------------- how it is now


def _book(
    record: PainRecord, number: int, due: datetime, data: dict[str, Any], *, move: bool = False
) -> tuple[Effect, ...]:
    """The next check-in. A held report followed up between check-ins may have one pending
    already: that one is replaced (a scheduled check-in's own row has been sent). move: a
    row already under this number is booked again rather than kept."""
    if data.get("held"):
        return rebook_checkin(record.key, number, due)
    return (checkin_message(record.key, number, due, replace=move),)


def _checkin_done(
    record: PainRecord,
    trend: Trend,
    severity: int | None,
    data: dict[str, Any],
    ctx: Context,
) -> Transition:
    triage = reassess(record, trend=trend, severity=severity, today=ctx.today)
    place = t(f"pain.place.{data.get('place', 'other')}")
    effects: list[Effect] = [
        UpdatePainReport(
            key=record.key,
            level=triage.level,
            reasons=triage.reasons,
            trend=str(trend),
            severity=severity,
            resolved=triage.resolved,
        )
    ]
    header = t(f"pain.header.{triage.level}")
    if triage.resolved:
        lines = [header, t("pain.checkin.resolved", place=place)]
        if record.level == URGENT and record.advice is None:
            # Better without being seen: it still deserves a look, but nothing is held.
            lines.append(t("pain_followup.seen.better_unseen"))
        return Transition(None, (Reply("\n".join(lines)),), tuple(effects))
    number = len(record.severities) + 2
    if triage.level == URGENT:
        effects += _book(record, number, ctx.now + PHYSIO_CHECKIN, data)
        body = t("pain.checkin.urgent_still")
    elif triage.level == PHYSIO:
        effects += _book(record, number, ctx.now + PHYSIO_CHECKIN, data)
        if record.level == PHYSIO and triage.codes == ("no_change",):
            body = t("pain.checkin.same_physio")
        else:
            why = "; ".join(triage.reasons[:2])
            summary = _checkin_summary(record, trend, severity, data, ctx)
            body = "\n".join(
                (
                    t("pain.checkin.physio_now", why=why),
                    quote(summary),
                    t("pain.checkin.physio_after"),
                )
            )
    else:
        effects += _book(record, number, ctx.now + MODIFY_CHECKIN, data)
        body = t("pain.checkin.same_modify")
    return Transition(None, (Reply(f"{header}\n{body}"),), tuple(effects))


def _checkin_summary(
    record: PainRecord,
    trend: Trend,
    severity: int | None,
    data: dict[str, Any],
    ctx: Context,
) -> str:
    text = t(
        "pain.checkin.summary",
        where=t(f"pain.where.{data.get('place', 'other')}"),
        days=(ctx.today - record.first_reported).days,
        first="?" if record.worst is None else record.worst,
        now="?" if severity is None else severity,
        trend=t(f"pain.checkin.summary_trend_{'worse' if trend == Trend.WORSE else 'same'}"),
    )
    return html.unescape(text)


def _checkin_urgent(
    record: PainRecord, parsed: PainReport, data: dict[str, Any], ctx: Context
) -> Transition:
    triage = assess(parsed)
    effects = (
        UpdatePainReport(
            key=record.key,
            level=URGENT,
            reasons=triage.reasons,
            trend=str(Trend.WORSE),
            severity=parsed.worst,
        ),
        CancelMessages(kinds=URGENT_CANCELS),
    )
    return Transition(
        None, (verdict_reply(parsed, triage, data, "", region=emergency_region(ctx)),), effects
    )
