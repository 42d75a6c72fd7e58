"""The profiles table mirrors the core's Profile: one column per field, named as the field, and
nullable exactly when the field may be None. The repository maps row and record by these names
(bot/storage/repositories.py), so a field added on one side only would otherwise fail at run
time, when a runner's profile is first saved or loaded."""

from __future__ import annotations

from types import NoneType
from typing import Any, get_args

from bot.storage import models
from dialogs.records import Profile

# Columns the storage keeps for itself: whose profile it is, and when it last changed.
STORAGE_ONLY = {"user_id", "updated_at"}
TABLE = models.Profile.__table__


def _may_be_none(annotation: Any) -> bool:
    return NoneType in get_args(annotation)


def test_every_profile_field_has_a_column_of_its_name_and_no_column_is_extra() -> None:
    columns = {column.name for column in TABLE.columns} - STORAGE_ONLY
    assert sorted(columns - set(Profile.model_fields)) == [], "columns no Profile field has"
    assert sorted(set(Profile.model_fields) - columns) == [], "Profile fields with no column"


def test_a_column_is_nullable_exactly_when_its_field_may_be_none() -> None:
    wrong = {
        name: f"field may be None: {_may_be_none(field.annotation)}, "
        f"column nullable: {TABLE.c[name].nullable}"
        for name, field in Profile.model_fields.items()
        if name in TABLE.c and TABLE.c[name].nullable != _may_be_none(field.annotation)
    }
    assert wrong == {}
