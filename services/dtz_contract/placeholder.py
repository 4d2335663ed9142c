"""The contract between the nieuwsbrief build and delivery: the literal ``{token}`` in what is sent.

The build leaves ``{token}`` in place in email.html (as those characters, never ``%7Btoken%7D``),
email.txt and the List-Unsubscribe header; delivery (services/dtz_send) replaces it per
recipient with :func:`personalise`. Both sides import this module, and it imports nothing of
either, so delivery never loads the build.
"""

import re

TOKEN = "{token}"
SAFE_TOKEN = re.compile(r"^[A-Za-z0-9._~-]+$")  # RFC 3986 unreserved: needs no escaping in a URL or HTML


def personalise(text, token):
    """``text`` (an e-mail's HTML, text or a header) with every ``{token}`` replaced by ``token``.

    Pure, for delivery: the token must consist of URL-safe characters, so it needs no
    escaping in a URL, an HTML attribute or a header.
    """
    if not SAFE_TOKEN.match(token):
        raise ValueError(f"token {token!r} may only hold letters, digits and . _ ~ -")
    return text.replace(TOKEN, token)
