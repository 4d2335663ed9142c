"""Subscribers from the subscription service's database (``SUBSCRIBERS=db``), and its suppression list.

``db`` means the confirmed subscribers in ``DTZ_SUBSCRIBE_DB`` (a file named db is given as ``./db``).
The first run that really sends writes them to ``<log dir>/<slug>.abonnees.csv`` (beside the send log,
never in content/ or output/); every later run of that issue sends to that list, so a resumed run
reaches the list as it stood when sending began. Whoever unsubscribed since is left out all the same:
when ``DTZ_SUBSCRIBE_DB`` is set, every send, also from a CSV, skips the addresses it has as
unsubscribed or erased.
"""

import csv
import io
import os

from sqlalchemy.exc import SQLAlchemyError

from dtz_contract import write_atomic
from dtz_subscribe import DB_ENV, database_url, open_store

from .recipients import ListError, Recipient, Subscribers, read_subscribers
from .sendlog import snapshot_path

DB = "db"


def _from_database(read):
    """``read(store)`` on the database in DTZ_SUBSCRIBE_DB; a database that cannot be used is one line."""
    try:
        return read(open_store(database_url()))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise ListError(f"{DB_ENV}: de database is niet bruikbaar: {reason}") from None


def subscribers(log_dir, slug):
    """The recipients of ``SUBSCRIBERS=db`` and where they come from: the snapshot when there is one,
    else the database as it is now (and None)."""
    snapshot = snapshot_path(log_dir, slug)
    if snapshot.exists():
        return read_subscribers(snapshot), snapshot
    rows = _from_database(lambda store: store.confirmed())
    return Subscribers(recipients=[Recipient(row.email) for row in rows]), None


def keep(log_dir, slug, found):
    """Write the list a first real run sends to, unless an earlier run did; called just before sending."""
    snapshot = snapshot_path(log_dir, slug)
    if not snapshot.exists():
        _write_atomically(snapshot, found.recipients)
    return snapshot


def _write_atomically(path, recipients):
    text = io.StringIO(newline="")
    csv.writer(text).writerows([["email", "name"], *([r.email, r.name] for r in recipients)])
    write_atomic(path, text.getvalue().encode("utf-8"), durable=True)


def unsubscribed(environ=None):
    """A test ``recipient -> bool`` for addresses the database says never to mail; None without DTZ_SUBSCRIBE_DB."""
    if not (environ if environ is not None else os.environ).get(DB_ENV):
        return None
    hashes = _from_database(lambda store: store.suppressed())
    return lambda recipient: recipient.hash in hashes
