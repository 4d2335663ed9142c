"""email.eml: the HTML and text versions as one RFC 5322 message, ready for a mail client or a mailing tool.

No To and no Message-ID: delivery adds them per recipient.
"""

import hashlib
from email.utils import format_datetime

from dtz_content import dates
from dtz_contract.mail import new_message


def eml(*, subject, sender, date, html, text, unsubscribe, one_click):
    """The message's bytes: multipart/alternative, text/plain first, then text/html, both UTF-8 quoted-printable."""
    message = new_message()  # CRLF line ends as on the wire; List-Unsubscribe folded at whitespace, never encoded
    message["Subject"] = subject
    message["From"] = sender
    message["Date"] = format_datetime(dates.local(dates.moment(date)))
    if unsubscribe:  # None: a message sent by hand to named people, not to a list
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
    if unsubscribe and one_click:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # The e-mail package picks a random boundary; one derived from the parts keeps rebuilds byte-identical.
    digest = hashlib.sha256((text + "\0" + html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"==dtz-{digest}==")
    return message.as_bytes()
