"""Newsletter delivery: send a built nieuwsbrief issue to the subscribers over SMTP.

Not a Pelican plugin but a command, run with plugins/ and services/ on sys.path (``make send``):
``python -m dtz_send ISSUE SUBSCRIBERS [--yes] ...``. It only reads what the newsletter build
wrote to output/nieuwsbrief/<slug>/email.eml; subscriber data and send logs stay outside output/.
Before anything else it reads the build record (``dtz_contract.buildrecord``) and refuses, exit 2,
a preview build, a draft or later-dated issue and an issue whose sources changed since the build
(``safety.refusal``).

For the unsubscribe handling: ``make_token(address, secret)`` and ``verify_token(token, secret)``.
"""

from dtz_mail.tokens import make_token, verify_token

__all__ = ["make_token", "verify_token"]
