"""Telegram's HTML parse mode: markup to visible text plus MessageEntity dicts, or the error."""

from __future__ import annotations

import re
from typing import Any

# tag -> MessageEntity type
_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z0-9]+));?")
_SPACE = " \t\r\n\f\v"
_NAME_TOKEN = re.compile(r"[a-zA-Z0-9.\-]*")


class HtmlError(ValueError):
    """Markup Telegram's entity parser cannot read; the message is Telegram's wording."""


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Parser:
    __slots__ = ("entities", "length", "out", "source", "stack")

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.length = 0  # UTF-16 units emitted so far: entity offsets count those
        self.entities: list[dict[str, Any]] = []
        # open tags: (tag name, byte offset of "<", utf16 start, attributes)
        self.stack: list[tuple[str, int, int, dict[str, str]]] = []

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.length += _utf16(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        source, i, end = self.source, 0, len(self.source)
        while i < end:
            special = _SPECIAL.search(source, i)
            if special is None:
                self.emit(source[i:])
                break
            if special.start() > i:
                self.emit(source[i : special.start()])
            i = special.start()
            if source[i] == "&":
                char, i = self.entity(i)
                self.emit(char)
            elif source.startswith("</", i):
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self, i: int) -> tuple[str, int]:
        match = _ENTITY.match(self.source, i)
        if match is not None:
            decimal, hexadecimal, name = match.groups()
            if name is not None:
                char = _NAMED.get(name)
                if char is None:
                    raise HtmlError(
                        f'Unknown HTML entity "&{name};" at byte offset {self.byte_offset(i)}'
                    )
                return char, match.end()
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), match.end()
        raise HtmlError(
            "Character '&' is reserved and must be escaped as &amp; "
            f"at byte offset {self.byte_offset(i)}"
        )

    def start_tag(self, begin: int) -> int:
        source, end = self.source, len(self.source)
        where = self.byte_offset(begin)
        i = begin + 1
        while i < end and source[i] not in _SPACE and source[i] != ">":
            i += 1
        if i >= end:
            raise HtmlError(f"Unclosed start tag at byte offset {where}")
        tag = source[begin + 1 : i].lower()
        if tag not in _TAGS:
            raise HtmlError(f'Unsupported start tag "{tag}" at byte offset {where}')
        attributes: dict[str, str] = {}
        while True:
            while i < end and source[i] in _SPACE:
                i += 1
            if i >= end:
                raise HtmlError(f"Unclosed start tag at byte offset {where}")
            if source[i] == ">":
                i += 1
                break
            name_start = i
            while i < end and source[i] not in _SPACE and source[i] not in "=>":
                i += 1
            name = source[name_start:i].lower()
            if not name:
                raise HtmlError(f'Empty attribute name in the tag "{tag}" at byte offset {where}')
            while i < end and source[i] in _SPACE:
                i += 1
            if i >= end or source[i] != "=":
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise HtmlError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {where}'
                )
            i += 1
            while i < end and source[i] in _SPACE:
                i += 1
            if i >= end:
                raise HtmlError(f"Unclosed start tag at byte offset {where}")
            value, i = self.attribute_value(i)
            attributes[name] = value
        self.open(tag, where, attributes)
        return i

    def attribute_value(self, i: int) -> tuple[str, int]:
        source, end = self.source, len(self.source)
        quote = source[i]
        if quote not in "'\"":
            token = _NAME_TOKEN.match(source, i)
            assert token is not None  # the pattern matches the empty string
            j = token.end()
            if j < end and source[j] not in _SPACE and source[j] != ">":
                raise HtmlError(
                    f"Unexpected end of name token at byte offset {self.byte_offset(j)}"
                )
            return token.group().lower(), j
        i += 1
        parts: list[str] = []
        while i < end and source[i] != quote:
            if source[i] == "&":
                char, i = self.entity(i)
                parts.append(char)
            else:
                parts.append(source[i])
                i += 1
        if i >= end:
            raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(i)}")
        return "".join(parts), i + 1

    def open(self, tag: str, where: int, attributes: dict[str, str]) -> None:
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {where}')
        if tag == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
            raise HtmlError(f'Tag "tg-emoji" must have a numeric "emoji-id" at byte offset {where}')
        self.stack.append((tag, where, self.length, attributes))

    def end_tag(self, begin: int) -> int:
        source, end = self.source, len(self.source)
        where = self.byte_offset(begin)
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {where}")
        i = begin + 2
        while i < end and source[i] not in _SPACE and source[i] != ">":
            i += 1
        name = source[begin + 2 : i].lower()
        while i < end and source[i] in _SPACE:
            i += 1
        if i >= end or source[i] != ">":
            raise HtmlError(f"Unclosed end tag at byte offset {where}")
        tag, _, start, attributes = self.stack.pop()
        if name and name != tag:
            raise HtmlError(
                f'Unmatched end tag at byte offset {where}, expected "</{tag}>", found "</{name}>"'
            )
        self.close(tag, start, attributes)
        return i + 1

    def close(self, tag: str, start: int, attributes: dict[str, str]) -> None:
        length = self.length - start
        language = attributes.get("class", "")
        if tag == "code" and language.startswith("language-") and self.stack:
            parent = self.stack[-1]
            if parent[0] == "pre" and parent[2] == start:
                # <pre><code class="language-x"> is one pre entity with a language
                parent[3]["language"] = language[len("language-") :]
                return
        if length == 0:
            return
        entity: dict[str, Any] = {"type": _TAGS[tag], "offset": start, "length": length}
        if tag == "a":
            href = attributes.get("href", "")
            if not href:
                return
            entity["url"] = href
        elif tag == "pre" and attributes.get("language"):
            entity["language"] = attributes["language"]
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        self.entities.append(entity)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of Telegram HTML; HtmlError with Telegram's reason otherwise."""
    return _Parser(text).run()
