"""The repository: every read and write of subscription data, each in one transaction.

A sign-up is a request until it is confirmed; confirming moves it into ``subscribers`` in one
transaction, so a crash leaves either the request or the subscriber, never half of both.
"""

import contextlib
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from dtz_mail.addresses import address_hash
from dtz_mail.tokens import normalize

from .database import connect, flush_log, upgrade
from .schema import CONFIRMED, ERASED, UNSUBSCRIBED, confirmation_mails, confirmation_outbox, signup_requests, subscribers

PENDING_DAYS = 7  # an unconfirmed sign-up (and its link) lasts this long
MAIL_WINDOW = timedelta(days=1)


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class Purged:
    requests: int
    mails: int
    promised: int = 0  # confirmation mails still unsent after PENDING_DAYS (their link has expired)


class Store:
    def __init__(self, engine, clock=utcnow):
        self.engine, self.clock = engine, clock
        self._insert = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[engine.dialect.name]
        # SQLite has one writer at a time: threads of this process queue here instead of in SQLite's busy
        # loop, which sleeps up to 100 ms per retry. Other processes still wait on SQLite's lock.
        self._one_writer = threading.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()

    @contextlib.contextmanager
    def _transaction(self):
        with self._one_writer, self.engine.begin() as db:
            yield db

    def _upsert(self, table, values, keep=()):
        statement = self._insert(table).values(**values)
        changed = {k: statement.excluded[k] for k in values if k != "address_hash" and k not in keep}
        return statement.on_conflict_do_update(index_elements=["address_hash"], set_=changed)

    def request(self, email, consent_version, form_url, mail_limit):
        """Record a sign-up (a repeat refreshes it) and, in the same transaction, its confirmation mail in
        the outbox when one may go out now (fewer than ``mail_limit`` went to this address in the last
        24 hours): the outbox row's id, else None."""
        key, now = address_hash(email), self.clock()
        with self._transaction() as db:
            db.execute(
                self._upsert(
                    signup_requests,
                    {"address_hash": key, "email": normalize(email), "consent_version": consent_version, "form_url": form_url, "requested_at": now},
                )
            )
            sent = db.scalar(
                select(func.count())
                .select_from(confirmation_mails)
                .where(confirmation_mails.c.address_hash == key, confirmation_mails.c.sent_at > now - MAIL_WINDOW)
            )
            if sent >= mail_limit:
                return None
            db.execute(confirmation_mails.insert().values(address_hash=key, sent_at=now))
            return db.execute(confirmation_outbox.insert().values(address_hash=key, email=normalize(email), queued_at=now)).inserted_primary_key[0]

    def promised(self, queued_before=None):
        """Rows (id, email) of the confirmation mails not yet sent, oldest first; only those queued
        before ``queued_before`` when given."""
        query = select(confirmation_outbox.c.id, confirmation_outbox.c.email).order_by(confirmation_outbox.c.id)
        if queued_before is not None:
            query = query.where(confirmation_outbox.c.queued_at < queued_before)
        with self.engine.connect() as db:
            return db.execute(query).all()

    def is_promised(self, mail_id):
        with self.engine.connect() as db:
            return db.scalar(select(func.count()).select_from(confirmation_outbox).where(confirmation_outbox.c.id == mail_id)) > 0

    def done(self, mail_id):
        """The mail has gone out (or can never go out): it leaves the outbox, and its address with it."""
        with self._transaction() as db:
            db.execute(delete(confirmation_outbox).where(confirmation_outbox.c.id == mail_id))

    def pending(self, email):
        """The address's open sign-up request (a row), or None."""
        with self.engine.connect() as db:
            return db.execute(select(signup_requests).where(signup_requests.c.address_hash == address_hash(email))).first()

    def confirm(self, email):
        """Turn the open request into a confirmed subscription. False when there is none (expired,
        purged, or already used)."""
        key, now = address_hash(email), self.clock()
        with self._transaction() as db:
            found = db.execute(select(signup_requests).where(signup_requests.c.address_hash == key)).first()
            if found is None or found.requested_at < now - timedelta(days=PENDING_DAYS):
                return False
            # the request's own columns (address_hash, email, consent_version, form_url, requested_at) carry over
            db.execute(self._upsert(subscribers, {**found._mapping, "status": CONFIRMED, "confirmed_at": now, "withdrawn_at": None}))
            db.execute(delete(signup_requests).where(signup_requests.c.address_hash == key))
            return True

    def unsubscribe(self, email):
        """Never mail this address again (until it signs up and confirms anew). An erased address stays erased."""
        key, now = address_hash(email), self.clock()
        with self._transaction() as db:
            for table in (signup_requests, confirmation_outbox):
                db.execute(delete(table).where(table.c.address_hash == key))
            status = db.scalar(select(subscribers.c.status).where(subscribers.c.address_hash == key))
            if status == ERASED:
                return
            if status is None:
                db.execute(subscribers.insert().values(address_hash=key, email=normalize(email), status=UNSUBSCRIBED, withdrawn_at=now))
            elif status == CONFIRMED:
                db.execute(update(subscribers).where(subscribers.c.address_hash == key).values(status=UNSUBSCRIBED, withdrawn_at=now))

    def erase(self, email):
        """Forget everything about the address but its hash, which keeps it suppressed."""
        key = address_hash(email)
        with self._transaction() as db:
            for table in (signup_requests, confirmation_mails, confirmation_outbox):
                db.execute(delete(table).where(table.c.address_hash == key))
            db.execute(delete(subscribers).where(subscribers.c.address_hash == key))
            db.execute(subscribers.insert().values(address_hash=key, status=ERASED))
        flush_log(self.engine)

    def status(self, email):
        """confirmed, unsubscribed, erased, pending or None."""
        key = address_hash(email)
        with self.engine.connect() as db:
            found = db.scalar(select(subscribers.c.status).where(subscribers.c.address_hash == key))
            if found is None and db.scalar(select(func.count()).select_from(signup_requests).where(signup_requests.c.address_hash == key)):
                return "pending"
            return found

    def confirmed(self):
        """Rows of every confirmed subscriber, oldest confirmation first."""
        with self.engine.connect() as db:
            return db.execute(
                select(subscribers).where(subscribers.c.status == CONFIRMED).order_by(subscribers.c.confirmed_at, subscribers.c.email)
            ).all()

    def suppressed(self):
        """Hashes of every address that must not be mailed: unsubscribed or erased."""
        with self.engine.connect() as db:
            return set(db.scalars(select(subscribers.c.address_hash).where(subscribers.c.status.in_((UNSUBSCRIBED, ERASED)))))

    def purge(self):
        """Drop sign-ups not confirmed within PENDING_DAYS, mail records older than a day and promised mails
        that could not be sent within PENDING_DAYS."""
        now = self.clock()
        with self._transaction() as db:
            requests = db.execute(delete(signup_requests).where(signup_requests.c.requested_at < now - timedelta(days=PENDING_DAYS))).rowcount
            mails = db.execute(delete(confirmation_mails).where(confirmation_mails.c.sent_at < now - MAIL_WINDOW)).rowcount
            promised = db.execute(delete(confirmation_outbox).where(confirmation_outbox.c.queued_at < now - timedelta(days=PENDING_DAYS))).rowcount
        return Purged(requests, mails, promised)

    def monthly(self):
        """{"YYYY-MM": (confirmed that month, withdrawn that month)} over every subscriber on record."""
        with self.engine.connect() as db:
            rows = db.execute(select(subscribers.c.confirmed_at, subscribers.c.withdrawn_at)).all()
        joined = Counter(r.confirmed_at.strftime("%Y-%m") for r in rows if r.confirmed_at)
        left = Counter(r.withdrawn_at.strftime("%Y-%m") for r in rows if r.withdrawn_at)
        return {month: (joined[month], left[month]) for month in sorted(joined | left)}


def open_store(url):
    """A Store on the database at ``url``, its schema brought to the newest migration."""
    engine = connect(url)
    upgrade(engine)
    return Store(engine)
