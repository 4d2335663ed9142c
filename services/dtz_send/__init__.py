"""Newsletter delivery (``make send``): a built nieuwsbrief issue, output/nieuwsbrief/<slug>/email.eml, to the
subscribers over SMTP. Not a Pelican plugin but a command, ``python -m dtz_send ISSUE SUBSCRIBERS [--yes]``
(README "Sending the nieuwsbrief"); ``make_token``/``verify_token`` for the unsubscribe handling."""

from dtz_mail.tokens import make_token, verify_token

__all__ = ["Refused", "make_token", "verify_token"]


class Refused(Exception):
    """What stops a run before (or while) anything is sent; its message is the one Dutch line the office sees."""
