"""The contract between the nieuwsbrief build and delivery: the literal ``{token}`` (never ``%7Btoken%7D``)
the build leaves in email.html, email.txt and List-Unsubscribe, and delivery fills in per recipient."""

import re

TOKEN = "{token}"
SAFE_TOKEN = re.compile(r"^[A-Za-z0-9._~-]+$")  # RFC 3986 unreserved: needs no escaping in a URL or HTML


def personalise(text, token):
    """``text`` (an e-mail's HTML, text or a header) with every ``{token}`` replaced by ``token``, which
    must be URL-safe, so it needs no escaping in a URL, an HTML attribute or a header."""
    if not SAFE_TOKEN.match(token):
        raise ValueError(f"token {token!r} may only hold letters, digits and . _ ~ -")
    return text.replace(TOKEN, token)
