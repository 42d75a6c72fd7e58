"""Scores said one after another ("went from 3 to 5 to 7", "a 3 on sunday, a 4 tuesday and
a 5 today"): a pain that rises run after run is getting worse (the criteria's "severity
keeps rising"), and its highest score is how bad it is."""

from __future__ import annotations

import re

from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Trend

# A 0-10, not a distance, a time, a count of runs or a date ("3 runs", "5k", "10th").
_SCORE = re.compile(
    r"(?<![\d/:.])\b(10|\d)(?: ?/ ?10| out of 10)?\b(?![\d/:.%]|\s*(?:x|k|km|kms|mi|miles?"
    r"|mins?|minutes?|hours?|hrs?|h|days?|weeks?|wks?|months?|runs?|sets?|reps?|times|th|st"
    r"|nd|rd|am|pm)\b)"
)
# What may join two scores of one series: "to", "then", "and", a comma, a day or a time.
_LINK = re.compile(
    r"^[\s,]*(?:(?:to|then|and|a|an|on|at|by|now|today|\w+day|the|next|run)\b[\s,]*)+$"
)
# Three scores make a series; two may be a range ("3 to 5").
_SERIES = 3
# Or two, one said as then and one as now ("was a 2 last week, its a 4 every run now").
_THEN_NOW = re.compile(
    r"\b(?:was|started(?: off)? at|at first)(?: like| about| maybe| only)? (?:a |an |at )?(10|\d)\b"
    r"(?!\s*(?:k|km|mi|miles?|mins?|minutes?|hours?|days?|weeks?|runs?|times|am|pm)\b)"
    r"[^.;!?]{0,60}?\b"
    r"(?:now (?:its|it is|at|a|an)|its (?:now )?(?:a|an|at)|(?:is|up to) (?:a|an|at))"
    r" (10|\d)\b(?!\s*(?:k|km|mi|miles?|mins?|minutes?|hours?|days?|weeks?|runs?|times)\b)"
)


def rising_scores(norm: str) -> tuple[int, ...]:
    """The first series of at least three scores, each higher than the one before, or the
    first score said as then and a higher one as now; else ()."""
    for m in _THEN_NOW.finditer(norm):
        then, now = int(m.group(1)), int(m.group(2))
        if then < now and "now" in norm[m.start() : m.end() + 25]:
            return then, now
    series: list[int] = []
    end = 0
    for m in _SCORE.finditer(norm):
        score = int(m.group(1))
        joined = bool(series) and bool(_LINK.match(norm[end : m.start()]))
        if joined and score > series[-1]:
            series.append(score)
        elif len(series) >= _SERIES:
            break
        else:
            series = [score]
        end = m.end()
    return tuple(series) if len(series) >= _SERIES else ()


def with_rising_scores(report: PainReport, norm: str) -> PainReport:
    """The report, worse and scored at the series' peak when the message gives a rising one."""
    series = rising_scores(norm)
    if not series:
        return report
    worst = max(report.worst or 0, series[-1])
    return report.model_copy(update={"worst": worst, "trend": Trend.WORSE})
