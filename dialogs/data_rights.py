"""/privacy, /export and /delete: what is kept, a copy of it, and deleting it all."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogs.confirmations import Confirming, read_confirmation
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


BUTTONS = {"yes": True, "no": False}


def privacy(_ctx: Context) -> Transition:
    """/privacy: what is kept and why."""
    return Transition(None, (Reply(t("privacy.about")),))


def export(_ctx: Context) -> Transition:
    """/export: the shell gathers the rows and sends the file."""
    return Transition(None, (), (ExportData(),))


def step(state: DialogState | None, event: UserInput, ctx: Context) -> Transition:
    """/delete asks to confirm, then deletes only on the button or an exact yes."""
    if isinstance(event, Started) or state is None or state.step == "start":
        asking = DialogState(NAME, Step.CONFIRM)
        return Transition(asking, prompt(asking, ctx))
    delete: bool | None = None
    if isinstance(event, ButtonPressed):
        if event.value not in BUTTONS:
            return Transition(state, (Reply(t("core.expired")), *prompt(state, ctx)))
        delete = BUTTONS[event.value]
    elif isinstance(event, TextReceived):
        delete = read_confirmation(event.text, step=Confirming.DELETE)
    if delete is True:
        return Transition(None, (Reply(t("privacy.deleted")),), (DeleteAllData(),))
    if delete is False:
        return Transition(None, (Reply(t("privacy.kept")),))
    # "do not delete", "what gets deleted?", "do it later": nothing is deleted, ask again.
    return Transition(state, (Reply(t("privacy.delete_unclear")), *prompt(state, ctx)))


def prompt(_state: DialogState, _ctx: Context) -> tuple[Reply, ...]:
    """The confirmation question."""
    buttons = ((Button(t("privacy.delete_yes"), "yes"), Button(t("privacy.delete_no"), "no")),)
    return (Reply(t("privacy.delete_ask"), buttons),)
