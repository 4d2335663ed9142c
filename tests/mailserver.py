"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests that send mail: the `smtp` fixture and `Mailbox`."""

import email
import re
import subprocess
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller

from conftest import ROOT
from servers import free_port


class Mailbox:
    """An aiosmtpd handler that keeps every accepted message, and can misbehave on request.

    reject: {address: reply} answered to RCPT TO (a 5xx: a permanent failure).
    busy: {address: times} answer 451 to that message's DATA that many times first.
    drop: {address: times} hang up on that message's DATA that many times first.
    vanish_after: after that many accepted messages the server goes away: the next message's
    connection is dropped before it is accepted and the server stops listening.
    """

    def __init__(self, reject=None, busy=None, drop=None, vanish_after=None):
        self.received = []
        self.reject, self.busy, self.vanish_after = dict(reject or {}), dict(busy or {}), vanish_after
        self.drop = dict(drop or {})
        self.gone = threading.Event()
        self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return self.reject[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.gone.is_set() or (self.vanish_after is not None and len(self.received) >= self.vanish_after):
            self.gone.set()
            server.transport.close()
            threading.Thread(target=self.controller.stop).start()
            return "421 4.3.2 gaat weg"
        (address,) = envelope.rcpt_tos
        if self.busy.get(address):
            self.busy[address] -= 1
            return "451 4.3.0 probeer het later"
        if self.drop.get(address):
            self.drop[address] -= 1
            server.transport.close()
            return "421 4.4.2 weg"
        self.received.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"

    def addresses(self):
        return [to for tos, _ in self.received for to in tos]

    def messages(self):
        return [email.message_from_bytes(content, policy=policy.default) for _, content in self.received]

    def raw(self):
        """Every accepted message as the bytes the server received (CRLF line ends, folds kept)."""
        return [content for _, content in self.received]


def raw_header(data, name):
    """One header field of a received message as bytes, name included and folds kept ("\r\n "),
    without the line end: what a mail program reads before any decoding. None when it is missing."""
    head = data.split(b"\r\n\r\n", 1)[0]
    found = re.search(rb"^" + re.escape(name.encode()) + rb":.*?(?=\r\n(?![ \t])|\Z)", head, re.I | re.M | re.S)
    return found[0] if found else None


def plain_header(data, name):
    """A header field that must arrive as plain ASCII, never RFC 2047 encoded words, folded only at
    whitespace: its value with the folds undone. AssertionError otherwise, showing the raw bytes."""
    raw = raw_header(data, name)
    assert raw is not None, f"{name} ontbreekt"
    assert raw.isascii() and b"=?" not in raw, raw
    lines = raw.split(b"\r\n")
    assert all(line[:1] in (b" ", b"\t") and line.strip() for line in lines[1:]), raw
    return b"".join(lines)[len(name) + 1 :].strip().decode("ascii")


@pytest.fixture
def smtp():
    """start(handler, port=None) runs a server on 127.0.0.1; every server is stopped afterwards."""
    running = []

    def start(mailbox=None, port=None, **options):
        mailbox = mailbox or Mailbox()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port or free_port(), **options)
        mailbox.controller = controller
        controller.start()
        running.append(mailbox)
        return mailbox

    yield start
    for mailbox in running:
        if not mailbox.gone.is_set():
            mailbox.controller.stop()
        else:
            mailbox.gone.wait()


def make_send(server, *variables, options=(), env=None):
    """`make send` as an editor runs it, delivering to ``server``: the Makefile's variables, then SENDOPTS."""
    sendopts = " ".join((f"--smtp 127.0.0.1:{server.controller.port}", *options))
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "send", *variables, f"SENDOPTS={sendopts}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
