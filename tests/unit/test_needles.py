"""The needles a probe looks for before scanning: every match holds them, so a probe that skips
its scan never hides a match, and the reader's probes all have some, so most scans are skipped."""

from __future__ import annotations

import re
from itertools import islice

import pytest

from dialogs.needles import Probe, needs
from dialogs.pain import red_flags
from dialogs.pain.lexicon import _FLAG_NAMES, get_lexicon, probe
from dialogs.pain.reading import normalise
from tests.support.unseen import FOLDER, load


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bbruis\w*\b", [{"bruis"}]),
        (r"\bblack and blue\b", [{"black and blue"}]),
        # Look-behinds take nothing from the match; the words after them are needed.
        (r"(?<!like a )(?<!feels )\bbruis\w*", [{"bruis"}]),
        # One of the branches matches, so one of their needles is there.
        (r"\b(?:at|during the) night\b", [{"at", "during the"}, {" night"}]),
        # An optional part is not needed, what comes around it is.
        (r"\bwokes? me\b", [{"woke"}, {" me"}]),
        (
            r"\bstiff (?:at|for) (?:the )?(?:start|first)\b",
            [{"stiff "}, {"at", "for"}, {" "}, {"start", "first"}],
        ),
        # A branch that can match nothing needs nothing.
        (r"\bfoot(?:ball|)\b", [{"foot"}]),
        # A repeated letter and a small class carry on the needle; \w does not.
        (r"\bo+w\b", [{"o"}, {"w"}]),
        (r"\bow+\b", [{"ow"}]),
        (r"\bl[1-5]\b", [{"l1", "l2", "l3", "l4", "l5"}]),
        (r"\b\w+ache\b", [{"ache"}]),
        # Case-blind patterns are always scanned.
        (r"(?i)\bpain\b", []),
        (r"\b(?i:pain)\b", []),
    ],
)
def test_the_needles_of_a_pattern(pattern: str, expected: list[set[str]]) -> None:
    assert [set(n) for n in needs(re.compile(pattern))] == expected


def test_a_probe_skips_only_texts_its_patterns_cannot_match() -> None:
    found = Probe.of((re.compile(r"\b(?:at|during the) night\b"), re.compile(r"\bl[1-5]\b")))
    assert found.search("sore during the night").group() == "during the night"  # type: ignore[union-attr]
    assert found.search("my l4 disc") is not None
    assert found.search("sore at the start") is None
    assert list(found.finditer("at night and at night")) != []
    assert found.may_match("a pain in the l") is False


@pytest.mark.parametrize(
    "patterns",
    [
        # Overlapping patterns: the leftmost match wins, and the first pattern's at one place.
        (r"\bknee\w*", r"\bknee pain\b", r"\bpain\b", r"\bsore(?:ness)?\b"),
        (r"\bknee pain\b", r"\bknee\w*", r"(?<!no )\bpain\b"),
        # A pattern that can match nothing: scanned as the whole alternation would be.
        (r"\bpain\b", r"\bx?"),
    ],
)
def test_a_probe_matches_as_its_whole_alternation_does(patterns: tuple[str, ...]) -> None:
    found = Probe.of(tuple(map(re.compile, patterns)))
    for text in ("knee pain and sore knees", "no pain in the knee, soreness", "kneepain", "ok"):
        whole = found.joined.search(text)
        assert (whole and whole.span()) == ((m := found.search(text)) and m.span())
        assert [m.span() for m in found.finditer(text)] == [
            m.span() for m in found.joined.finditer(text)
        ]


def _every_probe() -> list[Probe]:
    lexicon = get_lexicon()
    probes = [probe(s.yes) for s in lexicon.sign.values()]
    probes += [probe(s.no) for s in lexicon.sign.values() if s.no]
    probes += [probe(place.patterns) for place in lexicon.location]
    probes += [probe(phrase.patterns) for phrase in lexicon.duration.phrase]
    return probes + list(red_flags.concepts(_FLAG_NAMES).joined.values())


def test_every_probe_of_the_pain_reader_has_needles() -> None:
    assert [p.joined.pattern[:60] for p in _every_probe() if p.always] == []


def test_on_real_messages_a_probe_finds_what_its_whole_scan_finds() -> None:
    texts = [
        normalise(case.text)
        for name in ("pain_pathway_holdout71", "pain_pathway_holdout66", "red_flags_holdout")
        for case in load(name)
    ]
    assert FOLDER.is_dir() and len(texts) > 200
    hidden = [
        (p.joined.pattern[:60], text)
        for p in _every_probe()
        for text in islice(texts, 300)
        if [m.span() for m in p.finditer(text)] != [m.span() for m in p.joined.finditer(text)]
    ]
    assert hidden == []
