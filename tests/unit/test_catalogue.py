"""The message catalogue refuses what would break at send time, naming the entry."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from dialogs.profile import questions
from dialogs.texts import CatalogueError, Html, _Section, t


def test_an_empty_text_is_refused_naming_its_key() -> None:
    with pytest.raises(ValidationError, match=r"core\.greeting: empty text"):
        _Section.model_validate({"core.greeting": "  \n"})


def test_a_text_with_a_broken_placeholder_is_refused_naming_its_key() -> None:
    with pytest.raises(ValidationError, match=r"core\.greeting: .*'}'"):
        _Section.model_validate({"core.greeting": "Hi {name"})


def test_an_unknown_key_names_itself() -> None:
    with pytest.raises(CatalogueError, match=r"no message 'core\.no_such_text'"):
        t("core.no_such_text")


def test_values_are_escaped_unless_already_html() -> None:
    assert "Hi &lt;b&gt;Sam&lt;/b&gt;" in t("core.greeting", name="<b>Sam</b>")
    assert "Hi <b>Sam</b>" in t("core.greeting", name=Html("<b>Sam</b>"))


def test_a_profile_question_without_its_texts_stops_start_up_naming_them() -> None:
    shoes = dataclasses.replace(questions.BY_STEP["goal"], step="shoes", field="shoes")
    missing = r"onboarding\.name\.shoes.*onboarding\.edit\.shoes.*onboarding\.example\.shoes"
    with pytest.raises(CatalogueError, match=missing):
        questions._check_texts([*questions.CATALOGUE, shoes])
