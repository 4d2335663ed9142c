"""Who gets the nieuwsbrief: the subscriber CSV, minus malformed addresses, duplicates and the
unsubscribed. Subscriber files live outside the project's content/ and output/."""

import csv
import io
import re
from dataclasses import dataclass, field
from email.utils import parseaddr

from dtz_contract import Problem

from dtz_mail.addresses import address_hash, is_address
from dtz_mail.tokens import normalize

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


@dataclass
class Subscribers:
    """The readable recipients in file order, and what was wrong with the other rows."""

    recipients: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    duplicates: int = 0


def _dialect(first_line):
    """Spreadsheets in Dutch settings export with semicolons."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


class ListError(Exception):
    """A subscriber or suppression file that cannot be read at all."""


def _read_text(path):
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise ListError(Problem(str(path), 1, "Bestand", "is geen UTF-8-tekst", "sla de lijst op als 'CSV UTF-8' (in Excel: Opslaan als)")) from None


def _rows(path):
    """(line, {column: value}) for each row, with lower-case column names; None when there is no header."""
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(text.split("\n", 1)[0]))
    if not reader.fieldnames or "email" not in [(name or "").strip().lower() for name in reader.fieldnames]:
        yield None, None
        return
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames]
    for row in reader:
        yield reader.line_num, row


def read_subscribers(path):
    """Every distinct, well-formed address in the CSV (columns email and name; others ignored)."""
    found = Subscribers()
    seen = set()
    for line, row in _rows(path):
        if row is None:
            found.problems.append(Problem(str(path), 1, "email", "de kopregel heeft geen kolom 'email'", "verwacht een kopregel als email,name"))
            break
        address = (row.get("email") or "").strip()
        if not is_address(address):
            what = "is leeg" if not address else f"{address!r} is geen e-mailadres"
            found.problems.append(Problem(str(path), line, "email", what, EXPECTED))
            continue
        if normalize(address) in seen:
            found.duplicates += 1
            continue
        seen.add(normalize(address))
        found.recipients.append(Recipient(address, " ".join((row.get("name") or "").split())))
    return found


def read_suppressed(path):
    """Unsubscribed addresses: one a line (``Naam <adres>`` allowed, lines starting with # are comments) or a CSV
    with an email column. Returns (set of normalized addresses, problems)."""
    lines = _read_text(path).splitlines()
    header = next((text for text in lines if text.strip() and not text.startswith("#")), "")
    if "email" in [cell.strip().lower() for cell in re.split(r"[,;\t]", header)]:
        subscribers = read_subscribers(path)
        return {r.key for r in subscribers.recipients}, subscribers.problems
    suppressed, problems = set(), []
    for number, text in enumerate(lines, start=1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        address = parseaddr(text)[1]
        if is_address(address):
            suppressed.add(normalize(address))
        else:
            problems.append(Problem(str(path), number, "adres", f"{text!r} is geen e-mailadres", EXPECTED))
    return suppressed, problems
