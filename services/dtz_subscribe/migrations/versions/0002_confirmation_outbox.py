"""The outbox of promised confirmation mails: a sign-up's mail survives a crash of the service (2026-12-07)."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "confirmation_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("queued_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_confirmation_outbox_address_hash", "confirmation_outbox", ["address_hash"])


def downgrade():
    op.drop_table("confirmation_outbox")
