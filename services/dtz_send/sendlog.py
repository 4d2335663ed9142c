"""The send log of one issue: a JSON line per event, flushed and fsynced before the next message,
so a run that is stopped at any moment can be resumed without sending anyone a second copy.

Events: ``run`` (a run starts, with the digest of email.eml), ``delivered`` (the server accepted
the message for this address), ``rejected`` (a permanent 5xx for this address: not retried by
later runs unless asked) and ``failed`` (temporary failures outlasted the retries: retried by the
next run). Only ``delivered`` and ``rejected`` change who a later run sends to. An entry names its recipient by
``email``, or, once ``make subscribers-erase`` has removed the address (``erasure.py``), by ``email_hash``
(``dtz_mail.addresses.address_hash``) only: enough for a resumed run to skip them.
"""

import fcntl
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from dtz_mail.addresses import address_hash


class LogBusy(Exception):
    """Another run is sending this issue right now."""


@dataclass
class History:
    delivered: set = field(default_factory=set)  # address hashes
    rejected: dict = field(default_factory=dict)  # address hash -> the server's reply
    digests: list = field(default_factory=list)  # email.eml digest of each earlier run
    unreadable: list = field(default_factory=list)  # line numbers that are not JSON (a torn last write)


def log_path(log_dir, slug):
    return Path(log_dir) / f"{slug}.jsonl"


def snapshot_path(log_dir, slug):
    """Where ``SUBSCRIBERS=db`` keeps the list a send of ``slug`` goes to (``fromdb``); written only while
    that send holds its log's lock."""
    return Path(log_dir) / f"{slug}.abonnees.csv"


def read_history(path):
    history = History()
    if not Path(path).exists():
        return history
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                history.unreadable.append(number)
                continue
            event = entry.get("event")
            address = address_hash(entry["email"]) if entry.get("email") else entry.get("email_hash", "")
            if event == "delivered":
                history.delivered.add(address)
                history.rejected.pop(address, None)
            elif event == "rejected":
                history.rejected[address] = entry.get("reply", "")
            elif event == "run":
                history.digests.append(entry.get("digest", ""))
    return history


def lock(path):
    """``path`` opened for appending under an exclusive lock, or LogBusy. Erasure replaces a log by
    renaming a new file over it (under this lock): a lock taken on the file it replaced is let go and taken again."""
    while True:
        handle = open(path, "a+b")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise LogBusy(f"{path}: een andere verzending van deze nieuwsbrief loopt nog") from None
        try:
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()


class SendLog:
    """Append-only, one writer at a time (an exclusive lock on the file)."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = lock(self.path)
        self._file.seek(0, os.SEEK_END)
        if self._file.tell():
            self._file.seek(-1, os.SEEK_END)
            if self._file.read(1) != b"\n":  # a write cut off by a crash: start on a fresh line
                self._file.write(b"\n")

    def record(self, event, **fields):
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "event": event, **fields}
        self._file.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
