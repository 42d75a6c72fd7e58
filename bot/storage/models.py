"""The database schema as typed SQLAlchemy models; alembic migrations are generated from these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC")
        value = value.astimezone(UTC)
        # SQLite has no timezone type: store naive UTC so string ordering is time ordering.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Autoincrementing keys: BIGINT on PostgreSQL, INTEGER (rowid) on SQLite.
BigId = BigInteger().with_variant(Integer, "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


def user_fk() -> Any:
    """A reference to the runner that owns a row; deleting the runner deletes the row."""
    return ForeignKey("users.id", ondelete="CASCADE")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime]
    # False once Telegram says the runner blocked the bot; /start sets it back.
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Profile(Base):
    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    goal: Mapped[str] = mapped_column(String(16))
    race_distance: Mapped[str | None] = mapped_column(String(16))
    race_day: Mapped[date | None] = mapped_column(Date)
    niggle: Mapped[str | None] = mapped_column(String(32))
    experience: Mapped[str] = mapped_column(String(16))
    runs_per_week: Mapped[int]
    weekly_distance_km: Mapped[float | None] = mapped_column(Float)
    weekly_minutes: Mapped[int | None]
    distance_unit: Mapped[str] = mapped_column(String(2), default="km")
    volume_jump_on: Mapped[date | None] = mapped_column(Date)
    equipment: Mapped[list[Any]]
    workout_days: Mapped[list[Any]]
    workout_time: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    hard_run_days: Mapped[list[Any]]
    session_minutes: Mapped[int] = mapped_column(Integer, default=25)
    pain_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]
    # Nudge kinds the runner switched off; everything else is on.
    nudges_off: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Reminders are held until this time; far future means "until /resume".
    paused_until: Mapped[datetime | None]


class DialogStateRow(Base):
    """Where each runner is in a conversation; version expires old buttons."""

    __tablename__ = "dialog_states"

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    dialog: Mapped[str | None] = mapped_column(String(32))
    step: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    # The last few Telegram update ids handled, so an update redelivered after a crash is
    # not applied twice (ids can restart at random after a quiet week, so no high-water mark).
    recent_updates: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Event(Base):
    """Append-only log of what happened, for support and for the runner's export."""

    __tablename__ = "events"
    __table_args__ = (Index(None, "user_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]]
    at: Mapped[datetime]


class OutboxStatus(StrEnum):
    """Where a scheduled message is in its life; the values are what the status column holds.

    pending -> sending -> sent | missed | failed; or cancelled at any point before sent.
    """

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    MISSED = "missed"
    CANCELLED = "cancelled"
    FAILED = "failed"


class ScheduledMessage(Base):
    """A message the coach will send later; one row per (runner, kind, occurrence)."""

    __tablename__ = "scheduled_messages"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "occurrence"),
        Index(None, "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    kind: Mapped[str] = mapped_column(String(32))
    occurrence: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(12), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class WorkoutSession(Base):
    """One guided session (or a day skipped on purpose)."""

    __tablename__ = "workout_sessions"
    __table_args__ = (Index(None, "user_id", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    day: Mapped[date] = mapped_column(Date)
    # started -> finished; or skipped (from a reminder's "Skip today").
    status: Mapped[str] = mapped_column(String(12))
    focus: Mapped[str] = mapped_column(String(64), default="")
    plan: Mapped[list[Any]]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class ExerciseLog(Base):
    """How one exercise of a session went."""

    __tablename__ = "exercise_logs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), index=True)
    session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("workout_sessions.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[str] = mapped_column(String(48))
    outcome: Mapped[str] = mapped_column(String(12))
    sets: Mapped[int]
    reps: Mapped[int | None]
    seconds: Mapped[int | None]
    at: Mapped[datetime]


class PainReport(Base):
    """A pain report and its triage. Without the runner's consent only the level and place
    are kept while it is open (so sessions avoid it), and the row goes once it is resolved."""

    __tablename__ = "pain_reports"
    __table_args__ = (UniqueConstraint("user_id", "key"), Index(None, "user_id", "status"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    key: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(12))
    # open until a check-in finds it better (resolved); continue-level reports start resolved.
    status: Mapped[str] = mapped_column(String(12))
    locations: Mapped[list[Any]]
    worst: Mapped[int | None]
    # Worst 0-10 at each check-in since, oldest first.
    severities: Mapped[list[Any]]
    reasons: Mapped[list[Any] | None]
    report: Mapped[dict[str, Any] | None]
    summary: Mapped[str | None] = mapped_column(String(2000))
    source: Mapped[str] = mapped_column(String(16), default="command")
    detailed: Mapped[bool] = mapped_column(Boolean, default=True)
    reported_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Seen by a professional: what they said (cleared / modified / rest), kept with or without
    # consent since it decides the hold; their note only with consent.
    advice: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(String(300))


class ComebackPlanRow(Base):
    """The runner's return-to-run plan after a cleared pain: one at a time, kept until it
    ends (then deleted), so the places it protects and the stage are known."""

    __tablename__ = "comeback_plans"

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    report_key: Mapped[str] = mapped_column(String(64))
    locations: Mapped[list[Any]]
    stage: Mapped[int]
    good_runs: Mapped[int]
    step_backs: Mapped[int]
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FieldTestRow(Base):
    """One field test result: a test on one side on one day (a retake that day replaces it)."""

    __tablename__ = "field_tests"
    __table_args__ = (UniqueConstraint("user_id", "day", "test", "side"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    day: Mapped[date] = mapped_column(Date)
    test: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    # Reps, seconds or a 1-3 rating, by test.
    value: Mapped[int]
    at: Mapped[datetime]
