"""A shipped TOML data file read into its pydantic model: a broken file stops start-up with an
error that names it, whichever file it is."""

from __future__ import annotations

import tomllib
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def read_toml(
    model: type[M],
    text: str,
    *,
    name: str,
    error: type[Exception],
    also: tuple[type[Exception], ...] = (),
) -> M:
    """The checked model; `error` naming the file when the TOML or a value is wrong (`also`: a
    file's own load-time failures, such as a pattern that does not compile)."""
    caught: tuple[type[Exception], ...] = (tomllib.TOMLDecodeError, ValidationError, *also)
    try:
        return model.model_validate(tomllib.loads(text))
    except caught as exc:
        raise error(f"{name}: {exc}") from exc
