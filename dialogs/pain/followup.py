"""Check-ins on an open pain report: "how is it now?", the over-time rules, what next."""

from __future__ import annotations

import html
from typing import Any

from dialogs.core import (
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
from dialogs.pain.levels import PHYSIO, URGENT
from dialogs.pain.over_time import reassess
from dialogs.pain.questions import RETRY, button_values, checkin_question, question
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
    emergency_region,
)
from dialogs.pain.typed_answers import read_checkin, read_severity
from dialogs.pain.verdict import quote, verdict_reply
from dialogs.pain.vocabulary import Trend
from dialogs.records import PainRecord
from dialogs.texts import t
from dialogs.vocabulary import BodyLocation


def _record(key: str, ctx: Context) -> PainRecord | None:
    reports = ctx.pain.reports if ctx.pain is not None else ()
    return next((r for r in reports if r.key == key), None)


def start_checkin(key: str, ctx: Context) -> Transition:
    record = _record(key, ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    place = str(record.locations[0]) if record.locations else str(BodyLocation.OTHER)
    data = {"key": key, "place": place, "level": record.level}
    return Transition(DialogState(NAME, Step.CHECKIN, data), (checkin_question(data),))


def checkin_answer(state: DialogState, event: UserInput, ctx: Context) -> Transition:
    data = dict(state.data)
    record = _record(str(data.get("key")), ctx)
    if record is None:
        return Transition(None, (Reply(t("pain.checkin.gone")),))
    current = Step(state.step)
    answer: str | None = None
    severity: int | None = None
    if isinstance(event, ButtonPressed):
        if event.value not in button_values(current, data):
            return Transition(state, (Reply(t("pain.expired")), *question(current, data)))
        answer = event.value.split(":", 1)[1]
    elif isinstance(event, TextReceived):
        parsed = parse_pain_text(event.text, today=ctx.today)
        if assess(parsed).level == URGENT:
            return _checkin_urgent(record, parsed, data, ctx)
        severity = read_severity(event.text)
        answer = read_checkin(event.text) if current == Step.CHECKIN else None
        if current == Step.CHECKIN_SEVERITY and severity is not None:
            answer = str(severity)
    if answer is None:
        retry = Reply(t(f"pain.retry.{RETRY[current]}"))
        return Transition(state, (retry, *question(current, data)))
    if current == Step.CHECKIN_SEVERITY:
        return _checkin_done(record, Trend(data["trend"]), int(answer), data, ctx)
    if answer == "seen":
        return _checkin_seen(record, data, ctx)
    trend = Trend(answer)
    if trend == Trend.BETTER or severity is not None:
        return _checkin_done(record, trend, severity, data, ctx)
    following = {**data, "trend": str(trend)}
    return Transition(
        DialogState(NAME, Step.CHECKIN_SEVERITY, following),
        question(Step.CHECKIN_SEVERITY, following),
    )


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
        return Transition(
            None, (Reply(f"{header}\n{t('pain.checkin.resolved', place=place)}"),), tuple(effects)
        )
    number = len(record.severities) + 2
    if triage.level == URGENT:
        effects.append(checkin_message(record.key, number, ctx.now + PHYSIO_CHECKIN))
        body = t("pain.checkin.urgent_still")
    elif triage.level == PHYSIO:
        effects.append(checkin_message(record.key, number, ctx.now + PHYSIO_CHECKIN))
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
        effects.append(checkin_message(record.key, number, ctx.now + MODIFY_CHECKIN))
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


def _checkin_seen(record: PainRecord, data: dict[str, Any], ctx: Context) -> Transition:
    place = t(f"pain.place.{data.get('place', 'other')}")
    effects = (
        UpdatePainReport(
            key=record.key,
            # Seen after an urgent report: in care now, so gentle sessions rather than none.
            level=PHYSIO if record.level == URGENT else record.level,
            reasons=(),
            trend="seen",
        ),
        checkin_message(record.key, len(record.severities) + 2, ctx.now + SEEN_CHECKIN),
    )
    return Transition(None, (Reply(t("pain.checkin.seen", place=place)),), effects)


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
