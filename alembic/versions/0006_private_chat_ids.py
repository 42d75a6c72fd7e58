"""private chat ids

A runner's chat with the coach is their private chat, whose id is their user id. Before the
coach served private chats only, a command typed in a group stored the group as the runner's
chat, and reminders went there; this puts every runner's chat back to the private one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 06:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE users SET chat_id = id WHERE chat_id <> id")


def downgrade() -> None:
    # Nothing to put back: a group's id was never the runner's chat to keep.
    pass
