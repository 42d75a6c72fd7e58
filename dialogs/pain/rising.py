"""Scores said one after another ("went from 3 to 5 to 7", "a 3 on sunday, a 4 tuesday and
a 5 today"): a pain that rises run after run is getting worse (the criteria's "severity
keeps rising"), and its highest score is how bad it is. And the distances a pain starts at,
falling run after run ("it hurt at 5k, then at 3k, today after 1k"): pain that arrives
earlier in each run, a bone stress sign."""

from __future__ import annotations

import re

from dialogs.pain.report import PainReport
from dialogs.pain.vocabulary import Answer, Flag, Trend

# A 0-10, not a distance, a time, a count of runs or a date ("3 runs", "5k", "10th").
_SCORE = re.compile(
    r"(?<![\d/:.])\b(10|\d)(?: ?/ ?10| out of 10)?\b(?![\d/:.%]|\s*(?:x|k|km|kms|mi|miles?"
    r"|mins?|minutes?|hours?|hrs?|h|days?|weeks?|wks?|months?|runs?|sets?|reps?|times|th|st"
    r"|nd|rd|am|pm)\b)"
)
# What may join two scores of one series: "to", "then", "and", a comma, a day or a time.
_LINK = re.compile(
    r"^[\s,]*(?:(?:to|then|and|a|an|on|at|by|now|today|\w+day|the|next|run|last|this|week"
    r"|weekend|night|yesterday|morning|evening"
    r"|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\b[\s,]*)+$"
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


# Or last week's score and this week's ("2/10 last week, 5/10 this week").
_WEEK_ON_WEEK = re.compile(
    r"\b(10|\d)(?: ?/ ?10)? last week\b[^.;!?]{0,20}?\b(10|\d)(?: ?/ ?10)? this week\b"
)


def rising_scores(norm: str) -> tuple[int, ...]:
    """The first series of at least three scores, each higher than the one before, or the
    first score said as then and a higher one as now; else ()."""
    for m in _THEN_NOW.finditer(norm):
        then, now = int(m.group(1)), int(m.group(2))
        if then < now and "now" in norm[m.start() : m.end() + 25]:
            return then, now
    for m in _WEEK_ON_WEEK.finditer(norm):
        if int(m.group(1)) < int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
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


# Where a pain starts, as a distance ("it hurt at 5k", "came on around 8km"), and each
# distance said after it in the same sentence, close by ("then 3k, today after 1k").
_STARTS_AT = re.compile(
    r"\b(?:hurt\w*|start\w*|came on|comes on|come on|kick\w* in|began|begins|ach\w*|pain\w*"
    r"|twing\w*|niggl\w*)(?: \w+){0,2}? (?:at|after|from|around|about|by)(?: about| around)?"
    r" (\d+(?:\.\d+)?) ?(?:k|km|kms|mi|miles?)\b"
)
# "...today from the first km": from the start, the last and shortest of the series.
_DISTANCE = re.compile(
    r"\b(\d+(?:\.\d+)?) ?(?:k|km|kms|mi|miles?)\b"
    r"|\bfrom the (?:very )?(?:first|1st) (?:km|k|mile|step|steps|few steps|minute|metres?)\b"
    r"|\bfrom the (?:start|off|get go|gun)\b"
)
_GAP = re.compile(r"^[^.;!?]{0,40}$")


def falling_onset(norm: str) -> bool:
    """Whether the distance a pain starts at falls at least twice, one after another."""
    start = _STARTS_AT.search(norm)
    if start is None:
        return False
    last, count, end = float(start.group(1)), 1, start.end()
    for m in _DISTANCE.finditer(norm, end):
        distance = float(m.group(1)) if m.group(1) else 0.0
        if not _GAP.match(norm[end : m.start()]) or distance >= last:
            break
        last, count, end = distance, count + 1, m.end()
    return count >= _SERIES


def with_rising_scores(report: PainReport, norm: str) -> PainReport:
    """The report, worse and scored at the series' peak when the message gives a rising one,
    and with pain arriving earlier in each run when its starting distance falls."""
    if falling_onset(norm):
        flags = {**report.flags, Flag.EARLIER_EACH_RUN: Answer.YES}
        report = report.model_copy(update={"flags": flags})
    series = rising_scores(norm)
    if not series:
        return report
    worst = max(report.worst or 0, series[-1])
    return report.model_copy(update={"worst": worst, "trend": Trend.WORSE})
