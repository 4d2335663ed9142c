"""The tables. Times are UTC without a zone. An address is known by its hash (``address_hash``): that is
all an erased subscriber leaves behind, so the address stays suppressed without being stored.

- ``subscribers``: one row per address that ever confirmed, unsubscribed or was erased, with the
  consent on record (text version, form URL, requested, confirmed and withdrawn times).
- ``signup_requests``: sign-ups waiting for their confirmation; purged after 7 days.
- ``confirmation_mails``: when a confirmation mail went to an address (at most 3 a day); purged after a day.
- ``confirmation_outbox``: confirmation mails a page has promised and the SMTP server has not yet taken
  (``outbox.py``); a row is written with the sign-up, before the answer, and removed once the mail is sent.

Change the schema only with a new migration in migrations/versions/.
"""

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table

metadata = MetaData()

CONFIRMED, UNSUBSCRIBED, ERASED = "confirmed", "unsubscribed", "erased"

subscribers = Table(
    "subscribers",
    metadata,
    Column("address_hash", String(64), primary_key=True),
    Column("email", String(254)),  # NULL once erased
    Column("status", String(16), nullable=False),  # confirmed | unsubscribed | erased
    Column("consent_version", String(32)),
    Column("form_url", String(500)),
    Column("requested_at", DateTime),
    Column("confirmed_at", DateTime),
    Column("withdrawn_at", DateTime),
)

signup_requests = Table(
    "signup_requests",
    metadata,
    Column("address_hash", String(64), primary_key=True),
    Column("email", String(254), nullable=False),
    Column("consent_version", String(32), nullable=False),
    Column("form_url", String(500), nullable=False),
    Column("requested_at", DateTime, nullable=False),
)

confirmation_mails = Table(
    "confirmation_mails",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("address_hash", String(64), nullable=False, index=True),
    Column("sent_at", DateTime, nullable=False),
)

confirmation_outbox = Table(
    "confirmation_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("address_hash", String(64), nullable=False, index=True),
    Column("email", String(254), nullable=False),
    Column("queued_at", DateTime, nullable=False),
)
