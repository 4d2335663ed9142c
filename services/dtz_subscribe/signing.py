"""Links in mails: confirmation links that expire, and the nieuwsbrief's unsubscribe tokens.

A confirmation token is ``dtz_mail.tokens.seal("<address> <expiry>")`` with its own purpose, so it
cannot be used as an unsubscribe token or the other way round. Unsubscribe tokens are dtz_send's own
(``make_token``/``verify_token``): they do not expire, as a nieuwsbrief may be read years later.
"""

import time

from dtz_mail.tokens import make_token, normalize, seal, unseal, verify_token

PURPOSE = b"dtz-confirm\x00"

__all__ = ["confirmation_token", "confirmed_address", "make_token", "verify_token"]


def confirmation_token(address, secret, lifetime, now=None):
    expires = int((now if now is not None else time.time()) + lifetime)
    return seal(f"{normalize(address)} {expires}", secret, PURPOSE)


def confirmed_address(token, secret, now=None):
    """The address of a genuine confirmation token that has not expired, else None."""
    payload = unseal(token or "", secret, PURPOSE)
    if not payload or " " not in payload:
        return None
    address, _, expires = payload.rpartition(" ")
    if not expires.isdigit() or int(expires) < (now if now is not None else time.time()):
        return None
    return address
