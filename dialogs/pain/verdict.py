"""The pain dialog's verdict: the triage, what to do, and a summary the runner can forward."""

from __future__ import annotations

import html
from typing import Any

from dialogs.core import CancelMessages, Context, Effect, Reply, Transition
from dialogs.pain.levels import CONTINUE, MODIFY, PHYSIO, URGENT
from dialogs.pain.loading import TENDONS
from dialogs.pain.over_time import recheck
from dialogs.pain.report import PainReport
from dialogs.pain.rules import Triage, assess
from dialogs.pain.same_place import merge_into_open
from dialogs.pain.soreness import is_normal_soreness
from dialogs.pain.steps import (
    MODIFY_CHECKIN,
    PHYSIO_CHECKIN,
    URGENT_CANCELS,
    SavePainReport,
    checkin_message,
    consented,
    emergency_region,
    new_key,
)
from dialogs.pain.vocabulary import AREAS, Answer, Flag, Side
from dialogs.texts import Html, t
from dialogs.vocabulary import BodyLocation


def finish(report: PainReport, data: dict[str, Any], ctx: Context) -> Transition:
    today = ctx.today
    records = ctx.pain.reports if ctx.pain is not None else ()
    triage = recheck(assess(report), report, records=records, today=today)
    key = new_key(ctx)
    summary = _summary(report, data)
    record = {**report.to_data(), "source": data.get("source", "command")}
    if data.get("exercise"):
        record["exercise"] = data["exercise"]
    effects: list[Effect] = [
        SavePainReport(
            key=key,
            level=triage.level,
            reasons=triage.reasons,
            report=record,
            summary=summary,
            locations=tuple(str(place) for place in report.locations),
            source=str(data.get("source", "command")),
            store=consented(ctx),
        )
    ]
    if triage.level != CONTINUE:
        # After urgent care too: "did you get it seen?" is how an urgent status ends.
        wait = MODIFY_CHECKIN if triage.level == MODIFY else PHYSIO_CHECKIN
        effects.append(checkin_message(key, 1, ctx.now + wait))
    if triage.level == URGENT:
        effects.append(CancelMessages(kinds=URGENT_CANCELS))
    reply = verdict_reply(report, triage, data, summary, region=emergency_region(ctx))
    # One open report per place: a new one for the same place updates it (holds.py).
    return merge_into_open(Transition(None, (reply,), tuple(effects)), report, triage.level, ctx)


def verdict_reply(
    report: PainReport, triage: Triage, data: dict[str, Any], summary: str, *, region: str
) -> Reply:
    place = _place_name(report, data)
    why = t("pain.reply.why", why="; ".join(triage.reasons[:2]))
    lines = [t(f"pain.header.{triage.level}")]
    if triage.level == URGENT:
        lines += [t(f"pain.{triage.care}.{region}"), why, t("pain.reply.urgent_after")]
    elif triage.level == PHYSIO:
        who = "doctor" if triage.care == "doctor" else "physio"
        loading = who == "physio" and _keeps_loading(report, triage, data)
        lines += [
            t(f"pain.reply.{'physio_loading' if loading else who}", when=t("pain.reply.when_soon")),
            why,
        ]
        if loading:
            lines.append(t("pain.reply.running", advice=Html(t("pain.advice.tendon"))))
        lines += [
            t("pain.reply.forward"),
            quote(summary),
            t(f"pain.reply.{'meanwhile_loading' if loading else 'meanwhile'}", place=place),
            t("pain.reply.physio_after"),
        ]
    elif triage.level == MODIFY:
        advice = t(f"pain.advice.{_advice(report, triage, data)}")
        tendon = _focus(report, data) & TENDONS and "injury" not in triage.codes
        changes = "modify_changes_loading" if tendon else "modify_changes"
        lines += [
            t("pain.reply.modify", place=_capital(place)),
            t(f"pain.reply.{changes}", place=place),
            t("pain.reply.running", advice=Html(advice)),
            why,
            t("pain.reply.modify_after"),
        ]
    else:
        doms = triage.codes[0] == "doms"
        lines += [
            t(f"pain.normal.{triage.codes[0]}"),
            t(f"pain.reply.{'not_normal_doms' if doms else 'not_normal'}"),
            t("pain.reply.continue_after"),
        ]
    others = _others(report, data)
    if others:
        lines.append(t("pain.reply.also", places=others))
    return Reply("\n".join(lines))


def quote(summary: str) -> str:
    return Html(f"<blockquote>{html.escape(summary, quote=False)}</blockquote>")


# Physio reasons that mean a tendon past the pain-monitoring limits, rather than an injury,
# a nerve or a bone: the referral keeps it loaded within the limits while the runner waits.
_PAST_LIMITS = frozenset(
    {"long", "worse", "not_better", "recurring", "builds", "severe", "not_settling", "thickened"}
)


def _focus(report: PainReport, data: dict[str, Any]) -> frozenset[BodyLocation]:
    """The places of the problem in focus (of several in one message), else all of them."""
    named = PainReport(
        locations=tuple(BodyLocation(p) for p in data.get("focus", ()) if p not in AREAS),
        unspecified=tuple(p for p in data.get("focus", ()) if p in AREAS),
    )
    return named.places or report.places


def _keeps_loading(report: PainReport, triage: Triage, data: dict[str, Any]) -> bool:
    focus = _focus(report, data)
    return bool(focus) and focus <= TENDONS and set(triage.codes) <= _PAST_LIMITS


def _advice(report: PainReport, triage: Triage, data: dict[str, Any]) -> str:
    if "very_sore" in triage.codes or is_normal_soreness(report):
        return "doms"
    focus = _focus(report, data)
    if report.has(Flag.SHOE_CHANGE):
        return "shoes"
    if focus & {BodyLocation.KNEE_FRONT}:
        return "knee_front"
    if focus & {BodyLocation.KNEE_OUTSIDE, BodyLocation.IT_BAND}:
        return "outer_knee"
    if BodyLocation.SHIN in focus:
        return "shin"
    if BodyLocation.LOWER_BACK in focus:
        return "lower_back"
    if "injury" in triage.codes:
        return "strain"
    if BodyLocation.HEEL in focus:
        return "heel"
    return "tendon" if focus & TENDONS else "general"


def _primary(report: PainReport, data: dict[str, Any]) -> str | None:
    for place in data.get("focus", ()):
        return str(place)
    if report.locations:
        return str(report.locations[0])
    if report.unspecified:
        return report.unspecified[0]
    return "legs" if report.has(Flag.MUSCLES) else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _place_name(report: PainReport, data: dict[str, Any]) -> str:
    primary = _primary(report, data)
    return t(f"pain.place.{primary}") if primary else t("pain.place.other")


def _others(report: PainReport, data: dict[str, Any]) -> str:
    focus = set(data.get("focus", ()))
    if not focus:
        return ""
    names = [t(f"pain.place.{p}") for p in report.locations if str(p) not in focus]
    return _join(names)


def _other_wheres(report: PainReport, data: dict[str, Any]) -> str:
    focus = set(data.get("focus", ()))
    if not focus:
        return ""
    return _join([t(f"pain.where.{p}").lower() for p in report.locations if str(p) not in focus])


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('pain.summary.and')} {items[-1]}"


def _where(report: PainReport, data: dict[str, Any]) -> str:
    primary = _primary(report, data)
    name = t(f"pain.where.{primary}") if primary else t("pain.where.other")
    side = data.get("focus_side") if data.get("focus") else report.side
    if side == Side.BOTH:
        return t("pain.summary.both_sides", where=name)
    if side is not None:
        return t("pain.summary.where_side", where=name, side=t(f"pain.summary.{side}"))
    return name


def _how_long(report: PainReport) -> str:
    days = report.days
    if days is None:
        return t("pain.summary.recurring") if report.has(Flag.RECURRING) else ""
    if days == 0:
        return t("pain.summary.today")
    if days == 1:
        return t("pain.summary.one_day")
    if days < 14:
        return t("pain.summary.days", n=days)
    if days < 60:
        return t("pain.summary.weeks", n=round(days / 7))
    return t("pain.summary.months", n=round(days / 30))


def short_summary(report: PainReport, data: dict[str, Any]) -> str:
    parts = [p for p in (_where(report, data), _how_long(report)) if p]
    text = ", ".join(parts)
    if report.worst is not None:
        text += f", {report.worst}/10"
    return html.unescape(text)


_SUMMARY_FLAGS = (
    Flag.CONSTANT,
    Flag.SWELLING,
    Flag.HOT_RED,
    Flag.NUMBNESS,
    Flag.CANNOT_WALK,
    Flag.POP,
    Flag.REST_NIGHT,
    Flag.BONE_SPOT,
    Flag.GIVING_WAY,
    Flag.LOCKED,
    Flag.SADDLE,
    Flag.BLADDER,
    Flag.BOTH_LEGS,
)


def _summary(report: PainReport, data: dict[str, Any]) -> str:
    """A short plain-text summary the runner can forward: where, how long, worst, what makes
    it worse, and the red-flag answers."""
    head = ", ".join(p for p in (_where(report, data), _how_long(report)) if p)
    others = _other_wheres(report, data)
    sentences = [head + (f" (also {others})" if others else "") + "."]
    if report.worst is not None:
        sentences.append(t("pain.summary.worst", n=report.worst))
    worse = [t(f"pain.aggravator.{a}") for a in report.aggravators]
    if worse:
        sentences.append(t("pain.summary.worse_with", things=_join(worse)))
    if report.behaviour is not None:
        sentences.append(t(f"pain.summary.{report.behaviour}"))
    if report.limp != Answer.UNKNOWN:
        sentences.append(t("pain.summary.limp", answer=t(f"pain.summary.{report.limp}")))
    for flag in _SUMMARY_FLAGS:
        answer = report.answer(flag)
        if answer != Answer.UNKNOWN:
            sentences.append(
                t(
                    "pain.summary.answer_line",
                    name=t(f"pain.summary.flag.{flag}"),
                    answer=t(f"pain.summary.{answer}"),
                )
            )
    # Plain text: the catalogue escaped the values; the shell and the quote escape again.
    return html.unescape(" ".join(sentences))


# ---------------------------------------------------------------- check-ins
