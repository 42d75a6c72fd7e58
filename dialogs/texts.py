"""The message catalogue: every user-facing text, loaded from TOML files and checked at load.

Files live in dialogs/data/messages/<section>.toml; a key `ask` in `onboarding.toml` is
`onboarding.ask`. Texts are Telegram HTML. Values passed to `t()` are escaped, so user text
can never break the markup; pass `Html(...)` for a fragment that is already safe HTML.
"""

from __future__ import annotations

import html
import string
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import RootModel, ValidationError, field_validator


class CatalogueError(RuntimeError):
    """A message file is broken; the text names the file and the entry."""


class Html(str):
    """A string that is already safe Telegram HTML and must not be escaped again."""

    __slots__ = ()


class _Section(RootModel[dict[str, str]]):
    @field_validator("root")
    @classmethod
    def _texts_are_formattable(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            if not text.strip():
                raise ValueError(f"{key}: empty text")
            try:
                list(string.Formatter().parse(text))
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from exc
        return value


def _flatten(prefix: str, table: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            flat.update(_flatten(name, value))
        else:
            flat[name] = value
    return flat


@cache
def catalogue() -> dict[str, str]:
    """Load and validate every message file once."""
    texts: dict[str, str] = {}
    folder = resources.files("dialogs") / "data" / "messages"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        section = entry.name.removesuffix(".toml")
        try:
            table = tomllib.loads(entry.read_text(encoding="utf-8"))
            texts.update(_Section.model_validate(_flatten(section, table)).root)
        except (tomllib.TOMLDecodeError, ValidationError) as exc:
            raise CatalogueError(f"messages/{entry.name}: {exc}") from exc
    return texts


def has(key: str) -> bool:
    """Whether the catalogue holds this key."""
    return key in catalogue()


def t(key: str, /, **values: object) -> str:
    """The text for key, with values escaped for HTML unless they are Html."""
    try:
        template = catalogue()[key]
    except KeyError:
        raise CatalogueError(f"no message {key!r} in dialogs/data/messages") from None
    safe = {
        k: v if isinstance(v, Html) else html.escape(str(v), quote=False) for k, v in values.items()
    }
    return template.format(**safe)
