"""The README's command table: every command of the menu, with the forms it takes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from dialogs.dates import parse_pause
from dialogs.router import commands

README = Path(__file__).parents[2] / "README.md"


def _command_cells() -> list[str]:
    """The first cell of each row of the table under "What a runner can do"."""
    text = README.read_text(encoding="utf-8")
    table = re.search(r"\| command \| what it does \|\n\|---\|---\|\n((?:\|.*\n)+)", text)
    assert table is not None
    return [row.split("|")[1].strip() for row in table.group(1).splitlines()]


def test_the_command_table_lists_every_command() -> None:
    listed = {name for cell in _command_cells() for name in re.findall(r"/([a-z]+)", cell)}
    assert {name for name, _description in commands()} <= listed


def test_commands_that_take_words_show_them_and_every_pause_form_shown_works() -> None:
    cells = _command_cells()
    for taking in ("/learn [", "/pain [", "/settings [", "/pause ["):
        assert any(taking in cell for cell in cells), taking
    (pause,) = [cell for cell in cells if cell.startswith("/pause [")]
    forms = pause.removeprefix("/pause [").split("]")[0].split(" / ")
    assert len(forms) >= 5
    for form in forms:
        assert parse_pause(form, date(2026, 3, 2)) is not None, form
