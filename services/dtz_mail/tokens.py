"""Addresses and personal unsubscribe tokens: ``<address>.<mac>``, both base64url without padding (safe in a URL,
a mailto: subject and List-Unsubscribe), naming the recipient and impossible to forge without the secret.
``python -m dtz_mail.tokens TOKEN...`` prints the address of each valid token, one a line, for the
suppression file."""

import base64
import hashlib
import hmac
import os
import re
import sys

SECRET_ENV = "DTZ_UNSUBSCRIBE_SECRET"
MIN_SECRET_LENGTH = 16
_PURPOSE = b"dtz-unsubscribe\x00"
_MAC_BYTES = 16
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])")


def _mac(purpose, payload, secret):
    return hmac.new(secret.encode("utf-8"), purpose + payload.encode("utf-8"), hashlib.sha256).digest()[:_MAC_BYTES]


def seal(payload, secret, purpose=_PURPOSE):
    """``base64url(payload).base64url(mac)``: text that cannot be altered or made without the secret.
    ``purpose`` keeps tokens for one use (unsubscribing, confirming a sign-up) from working for another."""
    return ".".join(base64.urlsafe_b64encode(part).rstrip(b"=").decode("ascii") for part in (payload.encode("utf-8"), _mac(purpose, payload, secret)))


def unseal(token, secret, purpose=_PURPOSE):
    """The payload of a genuine ``seal(payload, secret, purpose)``, else None."""
    try:
        payload, mac = (base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)) for part in token.strip().split("."))
        payload = payload.decode("utf-8")
    except ValueError:  # not two parts, not base64, not UTF-8
        return None
    return payload if hmac.compare_digest(mac, _mac(purpose, payload, secret)) else None


def normalize(address):
    """One spelling per mailbox: tokens, duplicates and suppression compare addresses this way."""
    return address.strip().lower()


def is_address(text):
    """A plain ASCII address we can put in an SMTP envelope: local@domain.tld, nothing else."""
    return len(text) <= 254 and ADDRESS.fullmatch(text) is not None and len(text.rsplit("@", 1)[0]) <= 64


def address_hash(address):
    """What stays of an address after erasure (in the subscription database and the send logs): enough
    to recognise it, not to read it."""
    return hashlib.sha256(normalize(address).encode("utf-8")).hexdigest()


def make_token(address, secret):
    """The recipient's personal token."""
    return seal(normalize(address), secret)


def verify_token(token, secret):
    """The address the token was made for, or None when it is not a genuine token."""
    address = unseal(token, secret)
    return address if address and address == normalize(address) else None


def secret_from_environment(environ=None):
    """The secret, or None with the reason when it is missing or too short to be safe."""
    secret = (environ if environ is not None else os.environ).get(SECRET_ENV, "")
    if not secret:
        return None, f"{SECRET_ENV} is niet gezet"
    if len(secret) < MIN_SECRET_LENGTH:
        return None, f"{SECRET_ENV} is te kort (minstens {MIN_SECRET_LENGTH} tekens)"
    return secret, None


def main(argv=None):
    secret, reason = secret_from_environment()
    if secret is None:
        print(f"dtz_mail.tokens: {reason}", file=sys.stderr)
        return 2
    found = [(token, verify_token(token, secret)) for token in (sys.argv[1:] if argv is None else argv)]
    for token, address in found:
        print(address or f"{token}: geen geldig afmeldtoken", file=sys.stdout if address else sys.stderr)
    return 1 if any(address is None for _, address in found) else 0


if __name__ == "__main__":
    sys.exit(main())
