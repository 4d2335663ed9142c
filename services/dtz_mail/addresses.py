"""Which text is an e-mail address we can put in an SMTP envelope (delivery and subscriptions alike)."""

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])")


def is_address(text):
    """A plain ASCII address we can put in an SMTP envelope: local@domain.tld, nothing else."""
    if len(text) > 254 or not ADDRESS.fullmatch(text):
        return False
    return len(text.rsplit("@", 1)[0]) <= 64
