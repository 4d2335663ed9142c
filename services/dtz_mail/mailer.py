"""One SMTP connection, opened when needed and dropped after any error, and what an error means:
temporary (a 4xx reply, a dropped or refused connection, a timeout: retry later on a fresh connection),
permanent (a 5xx reply to this recipient or message: skip the address) or fatal (login refused, sender
refused, no TLS: nothing will work for anyone, stop the run)."""

import contextlib
import functools
import smtplib
import ssl

TEMPORARY, PERMANENT, FATAL = "temporary", "permanent", "fatal"
DEFAULT_PORTS = {None: 25, "starttls": 587, "ssl": 465}
PASSWORD_ENV = "DTZ_SMTP_PASSWORD"  # the SMTP password never goes on a command line
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
MESSAGES_PER_CONNECTION = 100  # many servers limit messages per session; reconnect well before


def parse_server(text, security=None):
    """(host, port) from ``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT``; ValueError with a Dutch reason."""
    host, _, port = text[1:].partition("]") if text.startswith("[") else text.rpartition(":") if ":" in text else (text, "", "")
    port = port.removeprefix(":")  # an IPv6 address keeps the colon before its port: [::1]:25
    if not host or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise ValueError(f"{text!r}: verwacht HOST:PORT (poort 1-65535)")
    return host, int(port) if port else DEFAULT_PORTS[security]


def login_problem(host, security, user, password):
    """Why logging in this way is unsafe or impossible, or None."""
    if user and not password:
        return "het wachtwoord ontbreekt"
    if user and security is None and host not in LOOPBACK:
        return "inloggen zonder --starttls of --ssl zou het wachtwoord onversleuteld versturen"
    return None


def classify(error):
    """(kind, the server's reply or the error) for an exception raised while sending one message."""
    if isinstance(error, (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError, ssl.SSLError)):
        return FATAL, str(error)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    elif isinstance(error, OSError):  # a dropped or refused connection, a timeout
        return TEMPORARY, f"verbinding: {error or type(error).__name__}"
    else:
        raise error
    for_all = isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPConnectError, smtplib.SMTPHeloError))  # a 5xx to these fails for everyone
    kind = TEMPORARY if code < 500 else FATAL if for_all else PERMANENT
    return kind, f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}".strip()


class Mailer:
    """Sends messages over one reused connection to HOST:PORT (plain, STARTTLS or TLS)."""

    def __init__(self, host, port, security=None, user=None, password=None, timeout=30):
        self.host, self.port, self.security = host, port, security
        self.user, self.password, self.timeout = user, password, timeout
        self._smtp, self._sent = None, 0

    def _connect(self):
        context = ssl.create_default_context()
        connection = functools.partial(smtplib.SMTP_SSL, context=context) if self.security == "ssl" else smtplib.SMTP
        smtp = connection(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if self.user:
                try:
                    smtp.login(self.user, self.password)
                except smtplib.SMTPServerDisconnected:  # some servers hang up on a wrong password
                    raise smtplib.SMTPAuthenticationError(535, "de server verbrak de verbinding bij het inloggen") from None
        except BaseException:
            smtp.close()
            raise
        self._smtp, self._sent = smtp, 0

    def send(self, message, sender, recipient):
        """Send to this one envelope recipient; raises what smtplib raises."""
        if self._smtp is None or self._sent >= MESSAGES_PER_CONNECTION:
            self.close()  # after MESSAGES_PER_CONNECTION: a fresh connection
            self._connect()
        try:
            self._smtp.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused:
            raise  # smtplib has reset the session: the connection is still good
        except BaseException:
            self.drop()
            raise
        self._sent += 1

    def drop(self):
        """Forget the connection after an error: the next message opens a fresh one."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def close(self):
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self.drop()
