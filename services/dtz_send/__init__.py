"""Newsletter delivery: send a built nieuwsbrief issue to the subscribers over SMTP.

Not a Pelican plugin but a command, run with plugins/ on sys.path (``make send``):
``python -m dtz_send ISSUE SUBSCRIBERS [--yes] ...``. It only reads what the newsletter build
wrote to output/nieuwsbrief/<slug>/email.eml; subscriber data and send logs stay outside output/.

For the unsubscribe handling: ``make_token(address, secret)`` and ``verify_token(token, secret)``.
"""

from .tokens import make_token, verify_token

__all__ = ["make_token", "verify_token"]
