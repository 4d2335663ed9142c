"""Newsletter delivery (``make send``): a built nieuwsbrief issue, output/nieuwsbrief/<slug>/email.eml, to the
subscribers over SMTP. Not a Pelican plugin but a command, ``python -m dtz_send ISSUE SUBSCRIBERS [--yes]``
(README "Sending the nieuwsbrief"); ``make_token``/``verify_token`` for the unsubscribe handling."""

import sys

from dtz_mail.tokens import make_token, verify_token

__all__ = ["make_token", "verify_token"]


def say(*lines, stream=None):
    """Print ``lines``, if any, flushed at once: what goes to stdout and to stderr arrives in the order it happened."""
    if lines:
        print(*lines, sep="\n", file=stream or sys.stdout, flush=True)
