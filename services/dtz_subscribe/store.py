"""The subscription data: its tables and their schema revision, the database and every read and write, each in
one transaction, so a crash leaves the old state or the new one. An address is known by its hash, all an erased
subscriber leaves behind; times are UTC without a zone."""

import contextlib
import threading
from collections import Counter, namedtuple
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, PrimaryKeyConstraint, String, Table, create_engine, delete, event, func, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from dtz_mail.tokens import address_hash, normalize

PENDING_DAYS = 7  # an unconfirmed sign-up (and its link) lasts this long
MAIL_WINDOW = timedelta(days=1)  # SUBSCRIBE_ADDRESS_LIMIT counts an address's confirmation mails within this window
CONFIRMED, UNSUBSCRIBED, ERASED = "confirmed", "unsubscribed", "erased"
Purged = namedtuple("Purged", "requests mails promised")  # what purge() removed: sign-ups, mail records, promised mails

metadata = MetaData()

# The schema's history, as a database records it (in the table Alembic kept it in before): 0001 subscribers,
# signup_requests, confirmation_mails; 0002 confirmation_outbox.
REVISION = "0002"
revision = Table("alembic_version", metadata, Column("version_num", String(32)), PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))

subscribers = Table(  # every address that ever confirmed, unsubscribed or was erased, with the consent on record
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

signup_requests = Table(  # sign-ups waiting for their confirmation; purged after PENDING_DAYS
    "signup_requests",
    metadata,
    Column("address_hash", String(64), primary_key=True),
    Column("email", String(254), nullable=False),
    Column("consent_version", String(32), nullable=False),
    Column("form_url", String(500), nullable=False),
    Column("requested_at", DateTime, nullable=False),
)

confirmation_mails = Table(  # when a confirmation mail went to an address; purged after MAIL_WINDOW
    "confirmation_mails",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("address_hash", String(64), nullable=False, index=True),
    Column("sent_at", DateTime, nullable=False),
)

confirmation_outbox = Table(  # confirmation mails a page promised and the SMTP server has not yet taken (confirmation.py)
    "confirmation_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("address_hash", String(64), nullable=False, index=True),
    Column("email", String(254), nullable=False),
    Column("queued_at", DateTime, nullable=False),
)


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def connect(url):
    """An Engine for ``url``. SQLite (its folder made when missing) runs in WAL mode with full fsync, and every
    transaction takes the write lock when it begins: concurrent requests wait instead of failing halfway."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)  # no addresses in error messages
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level None: the driver leaves transactions to the "begin" hook below
    engine = create_engine(url, connect_args={"timeout": 30, "isolation_level": None}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record):
        # secure_delete: an erased address is overwritten in the file, not left in a free page
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000", "secure_delete=ON"):
            connection.execute(f"PRAGMA {pragma}").close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(engine):
    """Create the tables the database lacks and record the newest revision: every table at the first start,
    confirmation_outbox on a database from before 0002. A later change to a table's columns adds its ALTER here."""
    with engine.begin() as db:
        found = db.scalar(select(revision.c.version_num)) if inspect(db).has_table(revision.name) else None
        if found not in (None, "0001", REVISION):  # a newer version's schema: this code must not write into it
            raise SQLAlchemyError(f"het databaseschema heeft revisie {found}, deze versie kent {REVISION}: werk de code bij")
        metadata.create_all(db)
        if found != REVISION:
            db.execute(delete(revision))
            db.execute(revision.insert().values(version_num=REVISION))


def open_store(url):
    """A Store on the database at ``url``, its schema brought to the newest revision."""
    engine = connect(url)
    upgrade(engine)
    return Store(engine)


class Store:
    """Every read and write of subscription data; ``clock`` is the time now (UTC)."""

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

    def _read(self, query):
        with self.engine.connect() as db:
            return db.execute(query).all()

    def _upsert(self, table, values, where=None):
        """Insert ``values``, or update the row of their address_hash (only where ``where`` holds)."""
        statement = self._insert(table).values(**values)
        changed = {k: statement.excluded[k] for k in values if k != "address_hash"}
        return statement.on_conflict_do_update(index_elements=["address_hash"], set_=changed, where=where)

    def request(self, email, consent_version, form_url, mail_limit):
        """Record a sign-up (a repeat refreshes it) and, in the same transaction, its confirmation mail in
        the outbox when fewer than ``mail_limit`` went to this address in MAIL_WINDOW: the outbox row's id,
        else None."""
        key, now, email = address_hash(email), self.clock(), normalize(email)
        request = {"address_hash": key, "email": email, "consent_version": consent_version, "form_url": form_url, "requested_at": now}
        with self._transaction() as db:
            db.execute(self._upsert(signup_requests, request))
            mails = confirmation_mails.c
            if db.scalar(select(func.count()).where(mails.address_hash == key, mails.sent_at > now - MAIL_WINDOW)) >= mail_limit:
                return None
            db.execute(confirmation_mails.insert().values(address_hash=key, sent_at=now))
            return db.execute(confirmation_outbox.insert().values(address_hash=key, email=email, queued_at=now)).inserted_primary_key[0]

    def promised(self, queued_before=None):
        """Rows (id, email) of the confirmation mails not yet sent, oldest first; only those queued
        before ``queued_before`` when given."""
        query = select(confirmation_outbox.c.id, confirmation_outbox.c.email).order_by(confirmation_outbox.c.id)
        return self._read(query if queued_before is None else query.where(confirmation_outbox.c.queued_at < queued_before))

    def is_promised(self, mail_id):
        return bool(self._read(select(confirmation_outbox.c.id).where(confirmation_outbox.c.id == mail_id)))

    def done(self, mail_id):
        """The mail has gone out (or can never go out): it leaves the outbox, and its address with it."""
        with self._transaction() as db:
            db.execute(delete(confirmation_outbox).where(confirmation_outbox.c.id == mail_id))

    def pending(self, email):
        """Whether the address has an open sign-up request."""
        return bool(self._read(select(signup_requests.c.address_hash).where(signup_requests.c.address_hash == address_hash(email))))

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
            withdrawn = {"address_hash": key, "email": normalize(email), "status": UNSUBSCRIBED, "withdrawn_at": now}
            db.execute(self._upsert(subscribers, withdrawn, where=subscribers.c.status == CONFIRMED))

    def erase(self, email):
        """Forget everything about the address but its hash, which keeps it suppressed; what it was before (``status``)."""
        key, before = address_hash(email), self.status(email)
        with self._transaction() as db:
            for table in (signup_requests, confirmation_mails, confirmation_outbox, subscribers):
                db.execute(delete(table).where(table.c.address_hash == key))
            db.execute(subscribers.insert().values(address_hash=key, status=ERASED))
        if self.engine.dialect.name == "sqlite":  # copy the WAL into the file and empty it: no old row stays in the log
            with self.engine.connect() as db:
                db.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return before

    def status(self, email):
        """confirmed, unsubscribed, erased, pending or None."""
        found = self._read(select(subscribers.c.status).where(subscribers.c.address_hash == address_hash(email)))
        return found[0].status if found else ("pending" if self.pending(email) else None)

    def confirmed(self):
        """Rows of every confirmed subscriber, oldest confirmation first."""
        return self._read(select(subscribers).where(subscribers.c.status == CONFIRMED).order_by(subscribers.c.confirmed_at, subscribers.c.email))

    def suppressed(self):
        """Hashes of every address that must not be mailed: unsubscribed or erased."""
        return {row.address_hash for row in self._read(select(subscribers.c.address_hash).where(subscribers.c.status.in_((UNSUBSCRIBED, ERASED))))}

    def purge(self):
        """Drop sign-ups not confirmed within PENDING_DAYS, mail records older than MAIL_WINDOW and promised
        mails that could not be sent within PENDING_DAYS: how many of each."""
        now, week = self.clock(), timedelta(days=PENDING_DAYS)
        old = ((signup_requests.c.requested_at, week), (confirmation_mails.c.sent_at, MAIL_WINDOW), (confirmation_outbox.c.queued_at, week))
        with self._transaction() as db:
            return Purged(*(db.execute(delete(column.table).where(column < now - age)).rowcount for column, age in old))

    def monthly(self):
        """{"YYYY-MM": (confirmed that month, withdrawn that month)} over every subscriber on record."""
        rows = self._read(select(subscribers.c.confirmed_at, subscribers.c.withdrawn_at))
        joined = Counter(r.confirmed_at.strftime("%Y-%m") for r in rows if r.confirmed_at)
        left = Counter(r.withdrawn_at.strftime("%Y-%m") for r in rows if r.withdrawn_at)
        return {month: (joined[month], left[month]) for month in sorted(joined | left)}
