"""Delivering a rendered mail to one address with dtz_send's SMTP code (same settings, same errors)."""

import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from dtz_mail.mailer import Mailer

log = logging.getLogger("dtz_subscribe")


class Sender:
    def __init__(self, settings):
        self.settings = settings

    def message(self, rendered, to):
        message = EmailMessage()
        message["Subject"] = rendered.subject
        message["From"] = self.settings.sender
        message["To"] = to
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=parseaddr(self.settings.sender)[1].rpartition("@")[2] or None)
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(rendered.text, cte="quoted-printable")
        message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
        return message

    def send(self, rendered, to):
        """Send one message; a failure is logged (without the address) and not raised: the reader can
        simply sign up again."""
        s = self.settings
        mailer = Mailer(s.smtp_host, s.smtp_port, s.smtp_security, s.smtp_user or None, s.smtp_password or None)
        try:
            mailer.send(self.message(rendered, to), parseaddr(s.sender)[1], to)
        except Exception as error:  # noqa: BLE001 - the web request has been answered already
            log.warning("bevestigingsmail niet verstuurd: %s", type(error).__name__)
        finally:
            mailer.close()
