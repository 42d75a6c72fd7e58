"""The core stays pure: dialogs/ imports no I/O library and never reads the clock."""

from __future__ import annotations

import ast
from collections.abc import Collection
from pathlib import Path

import pytest

from dialogs import data_rights
from dialogs.learn import dialog as learn
from dialogs.pain import dialog as pain
from dialogs.profile import onboarding, questions, settings
from dialogs.training import checkin, field_tests, workout
from tests.support.diagrams import diagram_states

DIALOGS = Path(__file__).resolve().parents[2] / "dialogs"
FORBIDDEN = {"telegram", "sqlalchemy", "aiosqlite", "asyncpg", "apscheduler", "httpx", "asyncio"}
FILES = sorted(DIALOGS.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_core_imports_no_io_library(path: Path) -> None:
    tree = ast.parse(path.read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & FORBIDDEN


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_core_never_reads_the_clock(path: Path) -> None:
    source = path.read_text()
    for call in ("datetime.now(", "datetime.utcnow(", "date.today(", "time.time("):
        assert call not in source, f"{path.name} reads the clock with {call}"


# Each diagram against its dialog: the steps it handles (its transition table, or the steps its
# step() dispatches on) and its steps, whose entry step "start" is drawn as [*]. Onboarding and
# /settings draw the catalogue's questions and follow-ups, which they ask under their own step
# names, as one "question", so a new question changes neither diagram.
DIAGRAMS: dict[str, tuple[Path, set[str], Collection[str]]] = {
    "onboarding": (
        DIALOGS / "profile" / "onboarding.mmd",
        {*(set(onboarding.HANDLERS) - questions.ANSWER_STEPS), "question"},
        set(onboarding.Step) - questions.ANSWER_STEPS,
    ),
    "settings": (
        DIALOGS / "profile" / "settings.mmd",
        {settings.Step.MENU, settings.Step.NUDGES, "question"},
        settings.Step,
    ),
    "data_rights": (DIALOGS / "data_rights.mmd", set(data_rights.Step), data_rights.Step),
    # The pain dialog also draws its red-flag questions and its verdict as groups.
    "pain": (DIALOGS / "pain" / "dialog.mmd", {*pain.Step, "urgent_flags", "verdict"}, pain.Step),
    # /workout and the check-ins hand over to the pain dialog, drawn as its node "pain".
    "workout": (DIALOGS / "training" / "workout.mmd", {*workout.Step, "pain"}, workout.Step),
    "checkin": (DIALOGS / "training" / "checkin.mmd", {*checkin.Step, "pain"}, checkin.Step),
    "field_tests": (
        DIALOGS / "training" / "field_tests.mmd",
        set(field_tests.Step),
        field_tests.Step,
    ),
    # Browsing /learn has no order: every step is reached from every other.
    "learn": (DIALOGS / "learn" / "dialog.mmd", set(learn.Step) - {"start"}, learn.Step),
}


@pytest.mark.parametrize("name", DIAGRAMS)
def test_every_step_is_drawn_and_every_node_is_a_step(name: str) -> None:
    path, handled, steps = DIAGRAMS[name]
    drawn = diagram_states(path)
    assert drawn == {str(s) for s in handled}, f"{path.name} draws {drawn}, handles {handled}"
    assert {str(s) for s in steps} - {"start"} <= drawn, f"{path.name} misses a step"

