"""The over-time rules: a check-in on an open report, and a new report for a place that
already has one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dialogs.pain.levels import CONTINUE, PHYSIO, rank
from dialogs.pain.report import PainReport
from dialogs.pain.rules import NOT_BETTER_DAYS, Care, Triage, triage_of
from dialogs.pain.vocabulary import Trend
from dialogs.records import PainRecord


def reassess(record: PainRecord, *, trend: Trend, severity: int | None, today: date) -> Triage:
    """A check-in on an open report: better resolves it; not better by day 10, worse, or a
    rising severity across check-ins makes it physio; otherwise it keeps its level."""
    if trend == Trend.BETTER:
        return triage_of(CONTINUE, ["better"], Care.SELF, resolved=True)
    codes: list[str] = []
    if trend == Trend.WORSE:
        codes.append("worse_since")
    previous = record.severities[-1] if record.severities else record.worst
    if severity is not None and previous is not None and severity > previous:
        codes.append("rising")
    if (today - record.first_reported).days >= NOT_BETTER_DAYS:
        codes.append("not_better")
    if severity is not None and severity >= 6:
        codes.append("severe")
    if codes and rank(record.level) <= rank(PHYSIO):
        return triage_of(PHYSIO, codes, Care.PHYSIO)
    care = Care.PHYSIO if record.level == PHYSIO else Care.SELF
    return triage_of(record.level, ["no_change"], care)


def recheck(
    triage: Triage, report: PainReport, *, records: Sequence[PainRecord], today: date
) -> Triage:
    """A new report for a place that already has an open report: apply the over-time rule."""
    if rank(triage.level) >= rank(PHYSIO):
        return triage
    codes = []
    for record in records:
        if not set(record.locations) & report.places:
            continue
        if (today - record.first_reported).days >= NOT_BETTER_DAYS:
            codes.append("not_better")
        before = [s for s in (record.worst, *record.severities) if s is not None]
        if report.worst is not None and before and report.worst > before[-1]:
            codes.append("rising")
    if not codes:
        return triage
    return triage_of(PHYSIO, codes, Care.PHYSIO)
