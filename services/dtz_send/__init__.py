"""Newsletter delivery, ``make send`` (README "Sending the nieuwsbrief"): a command, not a Pelican plugin, that sends
a built issue's email.eml to the subscribers over SMTP; ``make_token``/``verify_token`` for unsubscribing."""

import sys

from dtz_mail.tokens import make_token, verify_token

__all__ = ["make_token", "verify_token"]


def say(*lines, stream=None):
    """Print ``lines``, if any, flushed at once: what goes to stdout and to stderr arrives in the order it happened."""
    if lines:
        print(*lines, sep="\n", file=stream or sys.stdout, flush=True)
