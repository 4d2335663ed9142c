"""The subscription service as a real process for tests: ``python -m dtz_subscribe serve`` on 127.0.0.1
(a free port), spoken to over real HTTP without cookies (urllib), with its mail going to a real aiosmtpd.

Module-scoped fixtures: ``database`` (a SQLite file, or a database in the test PostgreSQL cluster, by param),
``mailbox`` (aiosmtpd), ``services`` (start(**env) -> Running: another process) and ``service`` (the shared one).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import PYTHONPATH
from aiosmtpd.controller import Controller

from mailserver import Mailbox, free_port

SECRET = "een-geheim-van-minstens-zestien-tekens"
SITE = "https://www.dutchtechzone.nl"
LINK = re.compile(r"https?://\S+/nieuwsbrief/bevestigen/\?t=[A-Za-z0-9._~-]+")


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8")


class Running:
    def __init__(self, process, port, env):
        self.process, self.port, self.env = process, port, env
        self.base = f"http://127.0.0.1:{port}"

    def request(self, path, data=None, headers=None, method=None):
        """One request; data (dict or bytes) makes it a POST. No cookie jar, no redirects followed."""
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
        url = path if path.startswith("http") else self.base + path
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def signup(self, email, consent="2026-12", origin=SITE, ip=None, **extra):
        headers = {"Origin": origin} if origin else {}
        if ip:
            headers["X-Forwarded-For"] = ip
        return self.request(
            "/nieuwsbrief/aanmelden/", {"email": email, "toestemming": consent, "formulier": f"{SITE}/nieuwsbrief/", **extra}, headers
        )

    def local(self, link):
        """A link from a mail (on the public site) as a path on this service."""
        parts = urllib.parse.urlsplit(link)
        return f"{parts.path}?{parts.query}"

    def kill(self, sig=signal.SIGKILL):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service stopped: {process.stderr.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the service did not start")


def start_service(database, mailbox, port=None, **env):
    """The service as a process on ``port`` (default: a free one), on ``database``, mailing to ``mailbox``;
    returns once it listens."""
    port = port or free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": PYTHONPATH,
        "DTZ_SUBSCRIBE_DB": database,
        "DTZ_UNSUBSCRIBE_SECRET": SECRET,
        "SUBSCRIBE_SMTP": f"127.0.0.1:{mailbox.controller.port}",
        "SUBSCRIBE_SITE_URL": SITE,
        "SUBSCRIBE_IP_LIMIT": "1000",
        **env,
    }
    environment["SUBSCRIBE_ORIGINS"] = f"http://127.0.0.1:{port} {env.get('SUBSCRIBE_ORIGINS', '')}"
    process = subprocess.Popen(
        [sys.executable, "-m", "dtz_subscribe", "serve", "--port", str(port)], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    wait_for(port, process)
    return Running(process, port, environment)


@pytest.fixture(scope="module")
def mailbox(database):
    """One real SMTP server per module and database; tests tell their mail apart by address."""
    box = Mailbox()
    box.controller = Controller(box, hostname="127.0.0.1", port=free_port())
    box.controller.start()
    yield box
    box.controller.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """A database URL: the module's tests run on SQLite and again on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('var') / 'abonnees.sqlite'}"
    return request.getfixturevalue("postgres_cluster").database()


@pytest.fixture(scope="module")
def services(database, mailbox):
    """start(**env) -> Running: another service process on the module's database; all stopped at the end."""
    running = []

    def start(**env):
        running.append(start_service(database, mailbox, **env))
        return running[-1]

    start.mailbox, start.database = mailbox, database
    yield start
    for handle in running:
        handle.kill(signal.SIGTERM)
        handle.process.stderr.close()


@pytest.fixture(scope="module")
def service(services):
    """The module's shared service process (tests use addresses of their own)."""
    return services()


def links_in(mailbox, address):
    """The confirmation links mailed to ``address``, from the text and the HTML part."""
    found = []
    for message in mailbox.messages():
        if message["To"] == address:
            for part in message.walk():
                if part.get_content_type() in ("text/plain", "text/html"):
                    found += LINK.findall(part.get_content())
    return found


def mail_to(mailbox, address, count=1, timeout=20):
    """The confirmation links mailed to ``address`` once ``count`` messages reached it (or the time is up)."""
    deadline = time.monotonic() + timeout
    while mailbox.addresses().count(address) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return links_in(mailbox, address)
