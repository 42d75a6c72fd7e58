"""/privacy, /export and /delete: what is kept, a copy of it, and deleting it all."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogs.core import (
    Button,
    ButtonPressed,
    Context,
    DialogState,
    Effect,
    Reply,
    Started,
    TextReceived,
    Transition,
    UserInput,
)
from dialogs.parsing import parse_choice
from dialogs.texts import t

NAME = "delete"


@dataclass(frozen=True, slots=True)
class ExportData(Effect):
    """Send the runner a file with every row stored about them."""


@dataclass(frozen=True, slots=True)
class DeleteAllData(Effect):
    """Remove every row about the runner from every table, scheduled messages included."""


class Step(StrEnum):
    CONFIRM = "confirm"


CHOICES = {
    "yes": ("yes", "yes delete", "delete", "delete everything", "delete it all", "do it"),
    "no": ("no", "keep", "keep my data", "cancel", "don't", "stop"),
}


def privacy(_ctx: Context) -> Transition:
    """/privacy: what is kept and why."""
    return Transition(None, (Reply(t("privacy.about")),))


def export(_ctx: Context) -> Transition:
    """/export: the shell gathers the rows and sends the file."""
    return Transition(None, (), (ExportData(),))


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """/delete asks to confirm, then deletes or keeps."""
    if isinstance(event, Started) or state is None or state.step == "start":
        asking = DialogState(NAME, Step.CONFIRM)
        return Transition(asking, prompt(asking, ctx))
    choice: str | None = None
    if isinstance(event, ButtonPressed):
        choice = event.value if event.value in CHOICES else None
        if choice is None:
            return Transition(state, (Reply(t("core.expired")), *prompt(state, ctx)))
    elif isinstance(event, TextReceived):
        choice = parse_choice(event.text, CHOICES)
    if choice == "yes":
        return Transition(None, (Reply(t("privacy.deleted")),), (DeleteAllData(),))
    if choice == "no":
        return Transition(None, (Reply(t("privacy.kept")),))
    return Transition(state, (Reply(t("privacy.delete_reask")), *prompt(state, ctx)))


def prompt(_state: DialogState, _ctx: Context) -> tuple[Reply, ...]:
    """The confirmation question."""
    buttons = ((Button(t("privacy.delete_yes"), "yes"), Button(t("privacy.delete_no"), "no")),)
    return (Reply(t("privacy.delete_ask"), buttons),)
