"""Delivering a rendered mail to one address with dtz_send's SMTP code (same settings, same errors)."""

from email.utils import formatdate, make_msgid, parseaddr

from dtz_mail.mailer import Mailer, classify
from dtz_contract.mail import new_message


class Sender:
    def __init__(self, settings):
        self.settings = settings

    def message(self, rendered, to):
        message = new_message()  # dtz_contract.mail: ASCII headers arrive plain, as delivery's do
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
        """Send one message: None when the server took it, else (kind, reply) as ``dtz_mail.mailer.classify``
        says (the caller keeps a mail that failed for now, for later)."""
        s = self.settings
        mailer = Mailer(s.smtp_host, s.smtp_port, s.smtp_security, s.smtp_user or None, s.smtp_password or None)
        try:
            mailer.send(self.message(rendered, to), parseaddr(s.sender)[1], to)
            return None
        except Exception as error:  # noqa: BLE001 - classify() re-raises what it does not know
            try:
                return classify(error)
            except Exception:  # noqa: BLE001 - the web request has been answered already: keep the mail
                return "temporary", type(error).__name__
        finally:
            mailer.close()
