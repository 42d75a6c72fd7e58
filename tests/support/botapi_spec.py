"""The official Bot API as data: indexed once, then used to decode and check request parameters."""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# vendored, so the suite runs on a fresh clone anywhere (see botapi/README.md for its source)
SPEC_PATH = Path(__file__).resolve().parent / "botapi" / "api.min.json"

_SCALAR_CHECKS: dict[str, Callable[[Any], bool]] = {
    "Integer": lambda v: type(v) is int,
    "Float": lambda v: type(v) in (int, float),
    "Boolean": lambda v: type(v) is bool,
    "True": lambda v: v is True,
    "String": lambda v: type(v) is str,
    # inside JSON objects a file is always referenced by a string (file_id, URL, attach://)
    "InputFile": lambda v: type(v) is str,
}
_INTEGER = re.compile(r"-?\d+")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# InlineKeyboardButton fields that decorate the button rather than say what it does
_BUTTON_DECORATIONS = frozenset({"text", "icon_custom_emoji_id", "style"})


class ApiError(Exception):
    """A request Telegram would answer with an error (status and description as Telegram sends)."""

    def __init__(
        self, status: int, description: str, *, retry_after: int | None = None, fault: bool = False
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        # fault: injected by the test (or answered to a client that left), not the caller's bug
        self.fault = fault


def bad_request(detail: str) -> ApiError:
    """A 400 error with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class Upload:
    """One file part of a multipart/form-data request."""

    part: str
    filename: str | None
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        return f"Upload({self.filename!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One parameter of a method or field of a type."""

    name: str
    required: bool
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MethodSpec:
    """One Bot API method: its exact name and parameters."""

    name: str
    fields: Mapping[str, FieldSpec]
    required: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """One Bot API object type; abstract types list their subtypes instead of fields."""

    name: str
    fields: Mapping[str, FieldSpec]
    required: frozenset[str]
    subtypes: tuple[str, ...]


class _InvalidValueError(Exception):
    """A JSON value does not fit its type; `complete` when detail is Telegram's whole message."""

    def __init__(self, detail: str, *, complete: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.complete = complete


def _fields(raw: list[dict[str, Any]]) -> dict[str, FieldSpec]:
    return {f["name"]: FieldSpec(f["name"], bool(f["required"]), tuple(f["types"])) for f in raw}


def _kind(value: Any) -> str:
    return {
        bool: "Boolean",
        int: "Integer",
        float: "Float",
        str: "String",
        list: "Array",
        dict: "Object",
    }.get(type(value), "null")


def _check_inline_button(button: dict[str, Any]) -> None:
    actions = sorted(set(button) - _BUTTON_DECORATIONS)
    if not actions:
        raise _InvalidValueError(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
            complete=True,
        )
    if len(actions) > 1:
        raise _InvalidValueError(
            "can't parse inline keyboard button: a button must have exactly one action, "
            f"got {', '.join(actions)}",
            complete=True,
        )
    data = button.get("callback_data")
    if data is not None and not 1 <= len(data.encode()) <= 64:
        raise _InvalidValueError("BUTTON_DATA_INVALID", complete=True)


def _check_bot_command(command: dict[str, Any]) -> None:
    if not _COMMAND.fullmatch(command["command"]):
        raise _InvalidValueError("BOT_COMMAND_INVALID", complete=True)
    if not 1 <= len(command["description"]) <= 256:
        raise _InvalidValueError("BOT_COMMAND_DESCRIPTION_INVALID", complete=True)


# rules the specification states only in prose
_RULES: dict[str, Callable[[dict[str, Any]], None]] = {
    "InlineKeyboardButton": _check_inline_button,
    "BotCommand": _check_bot_command,
}


class BotApiSpec:
    """Every method and type of the Bot API, indexed by name."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version: str = data.get("version", "?")
        self._methods: dict[str, MethodSpec] = {}
        for name, raw in data["methods"].items():
            fields = _fields(raw.get("fields", []))
            required = tuple(n for n, f in fields.items() if f.required)
            # Telegram matches method names case-insensitively
            self._methods[name.lower()] = MethodSpec(name, fields, required)
        self.types: dict[str, TypeSpec] = {}
        for name, raw in data["types"].items():
            fields = _fields(raw.get("fields", []))
            self.types[name] = TypeSpec(
                name,
                fields,
                frozenset(n for n, f in fields.items() if f.required),
                tuple(raw.get("subtypes", ())),
            )

    def method(self, name: str) -> MethodSpec | None:
        """The method called `name` (any letter case), or None when the API has no such method."""
        return self._methods.get(name.lower())

    def decode(self, method: MethodSpec, raw: Mapping[str, str | Upload]) -> dict[str, Any]:
        """Parse wire values (strings, JSON text, uploads) into checked Python values."""
        params: dict[str, Any] = {}
        for name, value in raw.items():
            field = method.fields.get(name)
            if field is None:
                raise bad_request(f'unknown parameter "{name}" for method {method.name}')
            params[name] = self._decode_field(field, value)
        for name in method.required:
            if name not in params:
                raise bad_request(f"{name} is empty")
        return params

    def check(self, value: Any, types: tuple[str, ...]) -> None:
        """Raise a ApiError unless the JSON value fits one of `types`."""
        try:
            self._check_union(value, types)
        except _InvalidValueError as exc:
            raise bad_request(exc.detail) from None

    def _decode_field(self, field: FieldSpec, value: str | Upload) -> Any:
        if isinstance(value, Upload):
            if "InputFile" in field.types:
                return value
            raise bad_request(f'parameter "{field.name}" can\'t be a file')
        objects = tuple(t for t in field.types if t not in _SCALAR_CHECKS)
        scalars = tuple(t for t in field.types if t in _SCALAR_CHECKS)
        if objects and (not scalars or value.lstrip()[:1] in ("{", "[")):
            try:
                decoded = json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {field.name} JSON object") from None
            try:
                self._check_union(decoded, objects)
            except _InvalidValueError as exc:
                if exc.complete:
                    raise bad_request(exc.detail) from None
                raise bad_request(f"can't parse {field.name}: {exc.detail}") from None
            return decoded
        # most specific reading first: chat_id "42" is the Integer 42, "@name" the String
        if "Integer" in scalars and _INTEGER.fullmatch(value):
            return int(value)
        if "Float" in scalars:
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if math.isfinite(number):
                return number
        if ("Boolean" in scalars or "True" in scalars) and value.lower() in _BOOLEANS:
            return _BOOLEANS[value.lower()]
        if "String" in scalars or "InputFile" in scalars:
            return value
        raise bad_request(f'parameter "{field.name}" must be of type {" or ".join(scalars)}')

    def _check_union(self, value: Any, types: tuple[str, ...]) -> None:
        if len(types) == 1:
            self._check(value, types[0])
            return
        failures: list[tuple[str, _InvalidValueError]] = []
        for type_name in types:
            try:
                self._check(value, type_name)
            except _InvalidValueError as exc:
                failures.append((type_name, exc))
            else:
                return
        for _, exc in failures:
            if exc.complete:
                raise exc
        if isinstance(value, dict):
            # report against the type the caller evidently meant: the one whose required
            # fields are all present
            for type_name, exc in failures:
                spec = self.types.get(type_name)
                if spec is not None and spec.fields and spec.required <= value.keys():
                    raise exc
        raise _InvalidValueError(f"expected {' or '.join(types)}, got {_kind(value)}")

    def _check(self, value: Any, type_name: str) -> None:
        if type_name.startswith("Array of "):
            if type(value) is not list:
                raise _InvalidValueError(f"expected {type_name}, got {_kind(value)}")
            inner = type_name[len("Array of ") :]
            for item in value:
                self._check(item, inner)
            return
        scalar = _SCALAR_CHECKS.get(type_name)
        if scalar is not None:
            if not scalar(value):
                raise _InvalidValueError(f"expected {type_name}, got {_kind(value)}")
            return
        spec = self.types.get(type_name)
        if spec is None:
            return
        if spec.subtypes:
            self._check_union(value, spec.subtypes)
            return
        if type(value) is not dict:
            raise _InvalidValueError(f"expected {type_name}, got {_kind(value)}")
        for key in value:
            if key not in spec.fields:
                raise _InvalidValueError(f'{type_name} has no field "{key}"')
        for key in spec.required:
            if key not in value:
                raise _InvalidValueError(f'{type_name} needs field "{key}"')
        for key, item in value.items():
            try:
                self._check_union(item, spec.fields[key].types)
            except _InvalidValueError as exc:
                if exc.complete:
                    raise
                raise _InvalidValueError(f'field "{key}" of {type_name}: {exc.detail}') from None
        rule = _RULES.get(type_name)
        if rule is not None:
            rule(value)


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> BotApiSpec:
    """Read and index the Bot API specification once per process."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"The Bot API specification is missing: expected {path} "
            "(tests/support/botapi/README.md says where it comes from). "
            "The fake Telegram server checks every call against it and cannot run without it."
        ) from None
    try:
        return BotApiSpec(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"The Bot API specification {path} is unreadable: {exc!r}") from exc
