"""pain follow-up

What a professional said about a held pain report (advice, and the runner's note with
consent), and the return-to-run plan after clearance: one row per runner while it runs.

Revision ID: 0009_pain_followup
Revises: 0008_field_tests
Create Date: 2026-11-29 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009_pain_followup'
down_revision: str | None = '0008_field_tests'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('pain_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advice', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('note', sa.String(length=300), nullable=True))
    op.create_table('comeback_plans',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('report_key', sa.String(length=64), nullable=False),
    sa.Column('locations', sa.JSON(), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('good_runs', sa.Integer(), nullable=False),
    sa.Column('step_backs', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_comeback_plans_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_comeback_plans'))
    )


def downgrade() -> None:
    op.drop_table('comeback_plans')
    with op.batch_alter_table('pain_reports', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('advice')
