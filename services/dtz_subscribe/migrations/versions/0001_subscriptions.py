"""Subscribers with their consent, pending sign-ups and confirmation mails (2026-12-01)."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "subscribers",
        sa.Column("address_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("consent_version", sa.String(32)),
        sa.Column("form_url", sa.String(500)),
        sa.Column("requested_at", sa.DateTime),
        sa.Column("confirmed_at", sa.DateTime),
        sa.Column("withdrawn_at", sa.DateTime),
    )
    op.create_table(
        "signup_requests",
        sa.Column("address_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("consent_version", sa.String(32), nullable=False),
        sa.Column("form_url", sa.String(500), nullable=False),
        sa.Column("requested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "confirmation_mails",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_confirmation_mails_address_hash", "confirmation_mails", ["address_hash"])


def downgrade():
    op.drop_table("confirmation_mails")
    op.drop_table("signup_requests")
    op.drop_table("subscribers")
