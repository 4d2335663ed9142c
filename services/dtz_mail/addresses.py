"""Which text is an e-mail address we can put in an SMTP envelope (delivery and subscriptions alike)."""

import hashlib
import re

from .tokens import normalize

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])")


def is_address(text):
    """A plain ASCII address we can put in an SMTP envelope: local@domain.tld, nothing else."""
    return len(text) <= 254 and ADDRESS.fullmatch(text) is not None and len(text.rsplit("@", 1)[0]) <= 64


def address_hash(address):
    """What stays of an address after erasure (in the subscription database and the send logs): enough
    to recognise it, not to read it."""
    return hashlib.sha256(normalize(address).encode("utf-8")).hexdigest()
