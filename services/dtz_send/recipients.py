"""Who gets the nieuwsbrief: the subscriber CSV or, for ``SUBSCRIBERS=db``, the database's confirmed subscribers (kept
beside the send log when sending begins); minus malformed, duplicate and suppressed addresses, and whom it never mails."""

import csv
import io
import os
import re
from dataclasses import dataclass
from email.utils import parseaddr
from types import SimpleNamespace

from sqlalchemy.exc import SQLAlchemyError

from dtz_contract import Problem, Refused, write_atomic
from dtz_mail.tokens import address_hash, is_address, normalize
from dtz_subscribe import DB_ENV, database_url, open_store

from .deliver import snapshot_path

DB = "db"
EXPECTED = "verwacht een adres als naam@domein.nl; overgeslagen"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""

    @property
    def key(self):
        return normalize(self.email)

    @property
    def hash(self):
        """How the send log knows this recipient once the address has been erased from it."""
        return address_hash(self.email)


def subscribers(recipients=()):
    """The readable recipients in file order, what was wrong with the other rows, and how many repeated an address."""
    return SimpleNamespace(recipients=list(recipients), problems=[], duplicates=0)


def _read_text(path):
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise Refused(Problem(str(path), 1, "Bestand", "is geen UTF-8-tekst", "sla de lijst op als 'CSV UTF-8' (in Excel: Opslaan als)")) from None


def read_subscribers(path):
    """Every distinct, well-formed address in the CSV (columns email and name; others ignored)."""
    text, found, seen = _read_text(path), subscribers(), set()
    first = text.split("\n", 1)[0]  # spreadsheets in Dutch settings export with semicolons
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    names = [(name or "").strip().lower() for name in reader.fieldnames or ()]
    if "email" not in names:
        found.problems.append(Problem(str(path), 1, "email", "de kopregel heeft geen kolom 'email'", "verwacht een kopregel als email,name"))
        return found
    reader.fieldnames = names
    for row in reader:
        address = (row.get("email") or "").strip()
        if not is_address(address):
            what = "is leeg" if not address else f"{address!r} is geen e-mailadres"
            found.problems.append(Problem(str(path), reader.line_num, "email", what, EXPECTED))
        elif normalize(address) in seen:
            found.duplicates += 1
        else:
            seen.add(normalize(address))
            found.recipients.append(Recipient(address, " ".join((row.get("name") or "").split())))
    return found


def read_suppressed(path):
    """Unsubscribed addresses, as subscribers(): one a line (``Naam <adres>`` allowed, # a comment) or a CSV with email."""
    lines = _read_text(path).splitlines()
    header = next((text for text in lines if text.strip() and not text.startswith("#")), "")
    if "email" in [cell.strip().lower() for cell in re.split(r"[,;\t]", header)]:
        return read_subscribers(path)
    found = subscribers()
    for number, text in enumerate(map(str.strip, lines), start=1):
        if not text or text.startswith("#"):
            continue
        if is_address(address := parseaddr(text)[1]):
            found.recipients.append(Recipient(address))
        else:
            found.problems.append(Problem(str(path), number, "adres", f"{text!r} is geen e-mailadres", EXPECTED))
    return found


def _from_database(read):
    """``read(store)`` on the database in DTZ_SUBSCRIBE_DB; a database that cannot be used is one line."""
    try:
        return read(open_store(database_url()))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise Refused(f"{DB_ENV}: de database is niet bruikbaar: {reason}") from None


def read_list(given, log_dir, slug):
    """The recipients of ``given`` and where they come from: the CSV file ``given``, or for ``db`` the snapshot a first
    real run kept when there is one, else the database."""
    if given != DB:
        return read_subscribers(given), given
    if (snapshot := snapshot_path(log_dir, slug)).exists():
        return read_subscribers(snapshot), f"de database ({DB_ENV}), vastgelegd in {snapshot}"
    return subscribers([Recipient(row.email) for row in _from_database(lambda store: store.confirmed())]), f"de database ({DB_ENV})"


def keep_snapshot(log_dir, slug, found):
    """Write the list a first real run sends to, unless an earlier run did; called just before sending."""
    if not (snapshot := snapshot_path(log_dir, slug)).exists():
        text = io.StringIO(newline="")
        csv.writer(text).writerows([["email", "name"], *([r.email, r.name] for r in found.recipients)])
        write_atomic(snapshot, text.getvalue().encode("utf-8"), durable=True)


def unsubscribed():
    """The hashes of the addresses the database says never to mail (none without DTZ_SUBSCRIBE_DB)."""
    return _from_database(lambda store: store.suppressed()) if os.environ.get(DB_ENV) else set()
