"""The confirmation mails a page has promised ("We hebben een e-mail gestuurd"), sent at least once.

``Store.request`` writes the mail into the outbox in the sign-up's own transaction, before the page
answers; the answer's background task sends it and removes it. A process killed in between (an OOM
kill, systemd's stop timeout) leaves it in the outbox: the next start sends every mail still there,
and while the service runs it tries again every minute what a busy or unreachable SMTP server kept
back. A mail the server refuses for good (5xx) leaves the outbox: the reader can sign up again.
"""

import logging
import threading
from datetime import timedelta

from dtz_mail.mailer import PERMANENT

from .signing import confirmation_token
from .store import PENDING_DAYS

RETRY_EVERY = 60.0  # seconds between passes over the outbox while the service runs
RETRY_AFTER = timedelta(minutes=1)  # a pass leaves younger mails to the sign-up's own background task

log = logging.getLogger("dtz_subscribe")


class Outbox:
    def __init__(self, store, renderer, sender, settings, confirm_path):
        self.store, self.renderer, self.sender, self.settings = store, renderer, sender, settings
        self.confirm_url = f"{settings.site_url}{confirm_path}"
        self._sending, self._lock = set(), threading.Lock()

    def send(self, mail_id, email):
        """Send one promised mail unless another thread is at it or it has gone already (blocking: run it in a thread)."""
        with self._lock:
            if mail_id in self._sending:
                return
            self._sending.add(mail_id)
        try:
            if not self.store.is_promised(mail_id):
                return
            token = confirmation_token(email, self.settings.secret, PENDING_DAYS * 86400)
            failure = self.sender.send(self.renderer.confirmation(f"{self.confirm_url}?t={token}", PENDING_DAYS), email)
            if failure is None:
                log.info("bevestigingsmail verstuurd")
            elif failure[0] == PERMANENT:
                log.warning("bevestigingsmail geweigerd door de mailserver (%s); niet opnieuw", _code(failure[1]))
            else:
                log.warning("bevestigingsmail nog niet verstuurd (%s); volgt later", _code(failure[1]))
                return
            self.store.done(mail_id)
        finally:
            with self._lock:
                self._sending.discard(mail_id)

    def send_waiting(self, all_of_them=False):
        """Send what is still in the outbox: everything (at a start), else what has waited a minute; how many were waiting."""
        rows = self.store.promised(None if all_of_them else self.store.clock() - RETRY_AFTER)
        if rows:
            log.info("%d beloofde %s in de wachtrij: versturen", len(rows), "bevestigingsmail" if len(rows) == 1 else "bevestigingsmails")
        for row in rows:
            self.send(row.id, row.email)
        return len(rows)


def _code(reply):
    """The SMTP reply code only: a server's text may quote the address."""
    return f"SMTP {reply[:3]}" if reply[:3].isdigit() else "geen verbinding"
