"""volume jump

The day a runner raised their weekly running sharply in /settings, so strength work eases to
one session a week for the next two weeks. Empty for every runner already there.

Revision ID: 0010_volume_jump
Revises: 0009_pain_followup
Create Date: 2026-11-29 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010_volume_jump'
down_revision: str | None = '0009_pain_followup'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('volume_jump_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_column('volume_jump_on')
