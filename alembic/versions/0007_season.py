"""season

The runner's season in the profile: the race they train for and its day, the niggle they are
coming back from, and their rough weekly running (distance or time, in the unit they use).

Revision ID: 0007_season
Revises: 0006
Create Date: 2026-11-29 07:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_season'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('race_distance', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('race_day', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('niggle', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('weekly_distance_km', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('weekly_minutes', sa.Integer(), nullable=True))
        # Runners onboarded before this counted nothing yet; kilometres until they type miles.
        batch_op.add_column(
            sa.Column('distance_unit', sa.String(length=2), nullable=False, server_default='km')
        )


def downgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_column('distance_unit')
        batch_op.drop_column('weekly_minutes')
        batch_op.drop_column('weekly_distance_km')
        batch_op.drop_column('niggle')
        batch_op.drop_column('race_day')
        batch_op.drop_column('race_distance')
