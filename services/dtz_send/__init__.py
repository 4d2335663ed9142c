"""Newsletter delivery, ``make send`` (README "Sending the nieuwsbrief"): a command, not a Pelican plugin, that sends
a built issue's email.eml to the subscribers over SMTP; ``make_token``/``verify_token`` for unsubscribing."""

from dtz_mail.tokens import make_token as make_token, verify_token as verify_token  # re-exported
