"""Turns the core's replies into what a front end shows."""

from __future__ import annotations

from html.parser import HTMLParser

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split at paragraph breaks, then at line breaks, so each part fits Telegram's limit.

    Catalogue texts never open a tag across a paragraph, so each part stays valid HTML.
    """
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for piece in text.split("\n\n"):
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = piece
        while len(current) > limit:
            cut = current.rfind("\n", 0, limit)
            cut = cut if cut > 0 else limit
            parts.append(current[:cut])
            current = current[cut:].lstrip("\n")
    if current:
        parts.append(current)
    return parts


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def plain_text(html_text: str) -> str:
    """The visible text of Telegram HTML, for the console."""
    parser = _TextOnly()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.chunks)
