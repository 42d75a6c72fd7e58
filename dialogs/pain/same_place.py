"""One open report per place: a new report for a place that already has an open report
updates that report (one report, one pending check-in) instead of opening a second."""

from __future__ import annotations

from dataclasses import replace

from dialogs.core import Context, Effect, Reply, ScheduleMessage, Transition
from dialogs.pain.holds import Advice, place_of
from dialogs.pain.levels import CONTINUE, REFERRALS, PainLevel, highest, rank
from dialogs.pain.report import PainReport
from dialogs.pain.steps import CHECKIN_KIND, SavePainReport, UpdatePainReport, rebook_checkin
from dialogs.records import PainRecord, PainStatus
from dialogs.texts import t


def same_place(report: PainReport, pain: PainStatus | None) -> PainRecord | None:
    """The open report for a place this new report names (the newest), if any."""
    places = set(report.locations)
    reports = pain.reports if pain is not None else ()
    return next((r for r in reports if places & set(r.locations)), None)


def merge_into_open(
    result: Transition, report: PainReport, level: PainLevel, ctx: Context
) -> Transition:
    """A new report for a place with an open report updates that report instead of opening
    a second: one report, one pending check-in. A 🟢 closes it, lifting any hold; a lower
    level than the open one keeps the hold, and says so."""
    record = same_place(report, ctx.pain)
    saved = next((e for e in result.effects if isinstance(e, SavePainReport)), None)
    if record is None or saved is None:
        return result
    merged = CONTINUE if level == CONTINUE else highest((level, record.level))
    update = UpdatePainReport(
        key=record.key,
        level=merged,
        reasons=saved.reasons,
        trend="again",
        severity=report.worst,
        resolved=merged == CONTINUE,
        locations=saved.locations,
    )
    effects: list[Effect] = [update]
    for effect in result.effects:
        if isinstance(effect, SavePainReport):
            continue
        if isinstance(effect, ScheduleMessage) and effect.kind == CHECKIN_KIND:
            # The report's booked check-in is replaced, not joined by another.
            effects += rebook_checkin(record.key, len(record.severities) + 1, effect.due)
            continue
        effects.append(effect)
    replies = list(result.replies)
    place = place_of(record)
    if merged == CONTINUE and (record.level in REFERRALS or record.advice == Advice.REST):
        replies.append(Reply(t("pain_followup.hold.lifted_green", place=place)))
    elif rank(merged) > rank(level):
        replies.append(Reply(t("pain_followup.hold.still_held", place=place)))
    return replace(result, replies=tuple(replies), effects=tuple(effects))
