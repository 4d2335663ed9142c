"""The send loop and its send log: a JSON line per event, fsynced before the next message, so a run stopped at any
moment resumes without sending anyone a second copy (erasure leaves an entry only its ``email_hash``)."""

import contextlib
import fcntl
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from dtz_contract import Refused
from dtz_mail.mailer import FATAL, PERMANENT, TEMPORARY, classify
from dtz_mail.tokens import address_hash

RESUME = "Los het probleem op en start dezelfde opdracht opnieuw: wie het al heeft, krijgt het niet nog eens."


def say(*lines, stream=None):
    """Print ``lines``, if any, flushed at once: what goes to stdout and to stderr arrives in the order it happened."""
    if lines:
        print(*lines, sep="\n", file=stream or sys.stdout, flush=True)


def snapshot_path(log_dir, slug):
    """Where ``SUBSCRIBERS=db`` keeps the list a send of ``slug`` goes to, beside its log; written under the log's lock."""
    return Path(log_dir) / f"{slug}.abonnees.csv"


def read_history(path):
    """Who has the issue (``delivered``, address hashes) or was refused for good (``rejected``: hash -> the server's reply,
    not retried unless asked), each earlier run's email.eml ``digests``, the ``unreadable`` lines (a torn last write)."""
    history, path = SimpleNamespace(delivered=set(), rejected={}, digests=[], unreadable=[]), Path(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n") if path.exists() else [], start=1):
        try:
            entry = json.loads(line) if line.strip() else {}
        except json.JSONDecodeError:
            history.unreadable.append(number)
            continue
        event, address = entry.get("event"), address_hash(entry["email"]) if entry.get("email") else entry.get("email_hash", "")
        if event == "delivered":
            history.delivered.add(address)
            history.rejected.pop(address, None)
        elif event == "rejected":
            history.rejected[address] = entry.get("reply", "")
        elif event == "run":
            history.digests.append(entry.get("digest", ""))
    return history


def lock(path):
    """``path`` opened for appending under an exclusive lock, or Refused. Erasure renames a new file over a log
    (under this lock): a lock taken on the file it replaced is let go and taken again."""
    while True:
        handle = open(path, "a+b")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise Refused(f"{path}: een andere verzending van deze nieuwsbrief loopt nog") from None
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        handle.close()


class SendLog(contextlib.AbstractContextManager):
    """Append-only, one writer at a time (an exclusive lock on the file)."""

    def __init__(self, path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.file = lock(path)
        self.file.seek(0)
        if self.file.read()[-1:] not in (b"", b"\n"):  # a write cut off by a crash: start on a fresh line
            self.file.write(b"\n")

    def record(self, event, **fields):
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "event": event, **fields}
        self.file.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        self.file.flush()
        os.fsync(self.file.fileno())

    def __exit__(self, *exc):
        self.file.close()


def paced(rate):
    """Yields before each attempt: at most ``rate`` attempts a second, evenly spaced (0: no limit)."""
    due = time.monotonic()
    while True:
        now = time.monotonic()
        time.sleep(max(0.0, due - now))
        due = max(now, due) + (1.0 / rate if rate > 0 else 0.0)
        yield


def deliver(issue, recipients, mailer, log, secret, sender, policy):
    """Send to each recipient in turn (``policy``: the command's options), the log up to date after each; returns the
    exit status: 2 stopped (too many failures in a row, or a reply that fails for everyone), 130 interrupted, else 0."""
    pacer, in_a_row, delivered, missed = paced(policy.rate), 0, 0, {PERMANENT: [], TEMPORARY: []}
    try:
        for number, recipient in enumerate(recipients, start=1):
            message = issue.message_for(recipient, secret)
            kind, reply = _send_one(message, recipient.email, mailer, sender, policy, pacer)
            if kind == FATAL:
                say(f"Gestopt: de server weigert voor iedereen: {reply}.", stream=sys.stderr)
                return 2
            if kind is None:
                log.record("delivered", email=recipient.key, message_id=message["Message-ID"])
                delivered, in_a_row = delivered + 1, 0
            else:
                log.record("rejected" if kind == PERMANENT else "failed", email=recipient.key, reply=reply)
                missed[kind].append(f"{recipient.email}: {reply}")  # a failed one is retried by the next run
                in_a_row += 1
                if in_a_row >= policy.max_failures:  # the server or the network is in trouble: resume later
                    say(f"Gestopt: {in_a_row} adressen achter elkaar niet bereikt; laatste fout: {reply}.", RESUME, stream=sys.stderr)
                    return 2
            if number % 100 == 0 or number == len(recipients):
                say(f"  {number}/{len(recipients)}: {delivered} verstuurd, {len(missed[PERMANENT])} geweigerd, {len(missed[TEMPORARY])} niet bereikt")
    except KeyboardInterrupt:
        say("Onderbroken. Start dezelfde opdracht opnieuw om verder te gaan.", stream=sys.stderr)
        return 130
    finally:
        mailer.close()
    say(*(f"Geweigerd: {line}" for line in missed[PERMANENT]), stream=sys.stderr)
    say(*(f"Niet bereikt (volgende run probeert opnieuw): {line}" for line in missed[TEMPORARY]), stream=sys.stderr)
    return 0


def _send_one(message, address, mailer, sender, policy, pacer):
    """(None, "") when the server took the message, else (kind, reply) of the last failure."""
    for attempt in range(policy.retries + 1):
        if attempt:
            time.sleep(min(policy.backoff * 2 ** (attempt - 1), 60.0))  # at most a minute
        next(pacer)
        try:
            mailer.send(message, sender, address)
            return None, ""
        except Exception as error:  # noqa: BLE001 - classify() re-raises what it does not know
            kind, reply = classify(error)
            if kind != TEMPORARY:
                return kind, reply
            mailer.drop()
    return kind, reply
