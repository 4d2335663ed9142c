"""What delivery (dtz_send) and the subscription service (dtz_subscribe) share: mail basics, no policy.

Both import these modules; neither imports the other for them, so the two services stay free of a cycle
(dtz_send reads the subscription database through dtz_subscribe, one way).

- ``tokens``: the signed token format (``make_token``, ``verify_token``, ``seal``, ``unseal``, ``normalize``,
  ``secret_from_environment``); ``python -m dtz_mail.tokens TOKEN…`` prints the addresses of tokens.
- ``mailer``: one SMTP connection with TLS and login (``Mailer``, ``parse_server``, ``login_problem``,
  ``PASSWORD_ENV``), the reply kinds delivery acts on.
- ``addresses.is_address(text)``: an address fit for an SMTP envelope.

How a message's headers are written is the build's too: ``dtz_contract.mail``.
"""

from . import addresses, mailer, tokens

__all__ = ["addresses", "mailer", "tokens"]
