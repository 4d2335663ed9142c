"""The confirmation mail a sign-up page promises ("We hebben een e-mail gestuurd"): its link, the mail (text
and HTML from templates/mail/) and the outbox that sends it at least once, also when the service was killed
after the sign-up stored it (README "Subscriptions")."""

import logging
import threading
import time
from datetime import timedelta
from email.utils import formatdate, make_msgid, parseaddr

from dtz_contract.mail import new_message
from dtz_contract.signup import CONFIRM
from dtz_mail.mailer import PERMANENT, TEMPORARY, Mailer, classify
from dtz_mail.tokens import normalize, seal, unseal

from .store import PENDING_DAYS

PURPOSE = b"dtz-confirm\x00"  # a confirmation token is no unsubscribe token, nor the other way round
SUBJECT = "Bevestig uw aanmelding voor de nieuwsbrief van Dutch TechZone"
RETRY_EVERY = 60.0  # seconds between passes over the outbox while the service runs
RETRY_AFTER = timedelta(minutes=1)  # a pass leaves younger mails to the sign-up's own background task

log = logging.getLogger("dtz_subscribe")  # the service's events, never an address or a token


def confirmation_token(address, secret, lifetime, now=None):
    """The token of a confirmation link: the address and when the link expires, sealed."""
    expires = int((now if now is not None else time.time()) + lifetime)
    return seal(f"{normalize(address)} {expires}", secret, PURPOSE)


def confirmed_address(token, secret):
    """The address of a genuine confirmation token that has not expired, else None."""
    address, _, expires = (unseal(token, secret, PURPOSE) or "").rpartition(" ")
    return address if address and expires.isdigit() and int(expires) >= time.time() else None


class Outbox:
    """Sends the promised confirmation mails (blocking: run it in a thread)."""

    def __init__(self, store, templates, settings):
        self.store, self.templates, self.settings = store, templates, settings
        self._sending, self._lock = set(), threading.Lock()

    def message(self, email):
        """The confirmation mail to ``email``, serialized as every mail of the project (dtz_contract.mail)."""
        link = f"{self.settings.site_url}{CONFIRM}?t={confirmation_token(email, self.settings.secret, PENDING_DAYS * 86400)}"
        values = {"link": link, "days": PENDING_DAYS, "site_url": self.settings.site_url, "subject": SUBJECT}
        message = new_message()
        domain = parseaddr(self.settings.sender)[1].rpartition("@")[2] or None
        headers = {"Subject": SUBJECT, "From": self.settings.sender, "To": email, "Date": formatdate(), "Message-ID": make_msgid(domain=domain)}
        for name, value in {**headers, "Auto-Submitted": "auto-generated"}.items():
            message[name] = value
        message.set_content(self.templates.get_template("mail/bevestigen.txt.j2").render(values), cte="quoted-printable")
        message.add_alternative(self.templates.get_template("mail/bevestigen.html.j2").render(values), subtype="html", cte="quoted-printable")
        return message

    def deliver(self, email):
        """None when the SMTP server took the mail, else (kind, "SMTP 550" or "geen verbinding"): no server text, it may quote the address."""
        message, mailer = self.message(email), Mailer(*self.settings.smtp)
        try:
            mailer.send(message, parseaddr(self.settings.sender)[1], email)
        except Exception as error:  # noqa: BLE001 - the page has answered already: the mail stays for later
            kind, reply = classify(error) if isinstance(error, OSError) else (TEMPORARY, "")  # smtplib's errors are OSErrors
            return kind, f"SMTP {reply[:3]}" if reply[:3].isdigit() else "geen verbinding"
        finally:
            mailer.close()

    def send(self, mail_id, email):
        """Send one promised mail unless another thread is at it or it has gone already."""
        with self._lock:
            if mail_id in self._sending:
                return
            self._sending.add(mail_id)
        try:
            if not self.store.is_promised(mail_id):
                return
            failure = self.deliver(email)
            if failure is None:
                log.info("bevestigingsmail verstuurd")
            elif failure[0] == PERMANENT:
                log.warning("bevestigingsmail geweigerd door de mailserver (%s); niet opnieuw", failure[1])
            else:
                log.warning("bevestigingsmail nog niet verstuurd (%s); volgt later", failure[1])
                return
            self.store.done(mail_id)
        finally:
            with self._lock:
                self._sending.discard(mail_id)

    def send_waiting(self, all_of_them=False):
        """Send what is still in the outbox: everything (at a start), else what has waited RETRY_AFTER."""
        rows = self.store.promised(None if all_of_them else self.store.clock() - RETRY_AFTER)
        if rows:
            log.info("%d beloofde %s in de wachtrij: versturen", len(rows), "bevestigingsmail" if len(rows) == 1 else "bevestigingsmails")
        for row in rows:
            self.send(row.id, row.email)
