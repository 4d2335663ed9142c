"""The send loop: one message per recipient, paced, retried, logged as it goes."""

import time
from dataclasses import dataclass, field

from dtz_mail.mailer import FATAL, PERMANENT, Fatal, classify
from dtz_mail.tokens import make_token

MAX_BACKOFF = 60.0


class Stopped(Exception):
    """Too many failures in a row: the server or the network is in trouble. Resume later."""


@dataclass
class Policy:
    rate: float = 10.0  # messages per second; 0 = as fast as the server takes them
    retries: int = 3  # extra attempts after a temporary failure
    backoff: float = 2.0  # first pause in seconds; doubles per attempt
    max_failures: int = 5  # consecutive recipients not reached before the run stops


@dataclass
class Outcome:
    delivered: int = 0
    rejected: list = field(default_factory=list)  # (address, reply)
    failed: list = field(default_factory=list)  # (address, last error): retried by the next run


class Pacer:
    """At most `rate` attempts per second, evenly spaced."""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next = clock()

    def wait(self):
        now = self.clock()
        if self.next > now:
            self.sleep(self.next - now)
        self.next = max(now, self.next) + self.interval


def deliver(issue, recipients, mailer, log, secret, sender, policy, progress=None, sleep=time.sleep):
    """Send to each recipient in turn; raises Stopped or Fatal, always with the log up to date."""
    outcome, pacer, in_a_row = Outcome(), Pacer(policy.rate, sleep=sleep), 0
    try:
        for number, recipient in enumerate(recipients, start=1):
            message = issue.message_for(recipient, make_token(recipient.email, secret), secret)
            kind, reply = _send_one(message, recipient, mailer, sender, policy, pacer, sleep)
            if kind is None:
                log.record("delivered", email=recipient.key, message_id=message["Message-ID"])
                outcome.delivered += 1
                in_a_row = 0
            else:
                log.record("rejected" if kind == PERMANENT else "failed", email=recipient.key, reply=reply)
                (outcome.rejected if kind == PERMANENT else outcome.failed).append((recipient.email, reply))
                in_a_row += 1
                if in_a_row >= policy.max_failures:
                    raise Stopped(f"{in_a_row} adressen achter elkaar niet bereikt; laatste fout: {reply}")
            if progress:
                progress(number, outcome)
    finally:
        mailer.close()
    return outcome


def _send_one(message, recipient, mailer, sender, policy, pacer, sleep):
    """(None, "") when the server took the message, else (kind, reply) of the last failure."""
    for attempt in range(policy.retries + 1):
        if attempt:
            sleep(min(policy.backoff * 2 ** (attempt - 1), MAX_BACKOFF))
        pacer.wait()
        try:
            mailer.send(message, sender, recipient.email)
            return None, ""
        except Exception as error:  # noqa: BLE001 - classify() re-raises what it does not know
            kind, reply = classify(error)
            if kind == FATAL:
                raise Fatal(reply) from None
            if kind == PERMANENT:
                return kind, reply
            mailer.drop()
    return kind, reply
