"""The /settings screen that switches each optional reminder or check-in on or off (the pain
check-ins stay on: they are part of keeping a runner safe)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from dialogs.core import (
    Button,
    ButtonPressed,
    DialogState,
    LogEvent,
    Reply,
    SaveProfile,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.parsing import fold, parse_choice
from dialogs.texts import Html, t
from dialogs.training.nudges import OPTIONAL
from dialogs.vocabulary import VOCABULARY_FILE, VocabularyError, vocabulary

PREFIX = "nudge:"
BACK = "back"
# Typed on this screen: which reminder or check-in, or back.
WORDS: Mapping[str, Sequence[str]] = vocabulary().nudges
if set(WORDS) != {*OPTIONAL, "pain", BACK}:
    raise VocabularyError(
        f"{VOCABULARY_FILE}: [nudges] must name {sorted({*OPTIONAL, 'pain', BACK})}"
    )
_OFF = re.compile(r"\b(off|stop|disable|mute|no more|don't|dont)\b")
_ON = re.compile(r"\b(on|enable|start|unmute|resume)\b")


def screen(nudges_off: Collection[str], *, lead: Sequence[str] = ()) -> Reply:
    rows = []
    for kind in OPTIONAL:
        key = "settings.button.nudge_off" if kind in nudges_off else "settings.button.nudge_on"
        label = t(key, label=Html(t(f"settings.nudge.{kind}")))
        rows.append((Button(label, f"{PREFIX}{kind}"),))
    back = (Button(t("settings.button.back"), f"{PREFIX}{BACK}"),)
    text = [*lead, t("settings.nudges.ask"), t("settings.nudges.pain_fixed")]
    return Reply("\n".join(text), (*rows, back))


def button_values() -> set[str]:
    return {f"{PREFIX}{kind}" for kind in OPTIONAL} | {f"{PREFIX}{BACK}"}


def chosen(event: UserInput, nudges_off: Collection[str]) -> tuple[str | None, bool]:
    """Which switch (a kind, "pain", BACK or None) and whether it is to be off."""
    if isinstance(event, ButtonPressed):
        said = event.value.removeprefix(PREFIX)
        return said, said not in nudges_off
    if isinstance(event, TextReceived):
        typed = parse_choice(event.text, WORDS)
        folded = fold(event.text)
        # "weekly summary off" sets it; a bare name flips it.
        off = (
            True
            if _OFF.search(folded)
            else False
            if _ON.search(folded)
            else typed not in nudges_off
        )
        return (None if typed is None else str(typed)), off
    return None, False


def switch(
    state: DialogState, said: str | None, switch_off: bool, nudges_off: Collection[str]
) -> Transition:
    """The switch flipped and saved, or the screen again (unchanged, unreadable, or pain)."""
    off = set(nudges_off)
    if said == "pain":
        return Transition(state, (screen(off),))
    if said is None:
        lead = [t("onboarding.retry", example=t("settings.example.nudges"))]
        return Transition(state, (screen(off, lead=lead),))
    name = Html(t(f"settings.nudge.{said}"))
    shown = Html(t("settings.value.off") if switch_off else t("settings.value.on"))
    if switch_off == (said in off):
        unchanged = t("settings.unchanged", name=name, value=shown)
        return Transition(state, (screen(off, lead=[unchanged]),))
    now_off = sorted(off | {said} if switch_off else off - {said})
    saved = t("settings.saved", name=name, value=shown)
    effects = (
        SaveProfile({"nudges_off": now_off}),
        LogEvent("setting_changed", {"nudges_off": now_off}),
    )
    return Transition(state, (screen(now_off, lead=[saved]),), effects)
