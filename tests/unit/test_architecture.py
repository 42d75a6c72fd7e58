"""The core stays pure: dialogs/ imports no I/O library and never reads the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
