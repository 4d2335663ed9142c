"""Headless Chromium for tests: one browser per test session, and built output served on 127.0.0.1.

Shared by every test that needs a real browser (the site's quality checks, e-mail rendering).
Use the fixtures, registered in conftest.py:

- ``browser``: a Playwright Browser on Debian's Chromium (/usr/bin/chromium), never a downloaded one.
  Missing Chromium fails the test in CI (CI=true) and skips it elsewhere, with one line saying why.
- ``serve(folder)``: a context manager that serves a folder on http://127.0.0.1:<free port>/ the
  way a web server serves the site (dir/ -> dir/index.html) and yields the base URL.

Mark browser tests ``@pytest.mark.xdist_group("browser")``: with ``-n 2`` they then run on one
worker and share its one Chromium (pytest.ini sets ``--dist loadgroup``).
"""

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from requires import require

CHROMIUM = os.environ.get("DTZ_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path():
    """Debian's Chromium, or a failure (CI) / skip (elsewhere) saying what is missing."""
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    return require(found, f"browser tests need Chromium at {CHROMIUM} (Debian package 'chromium'; .ci/run installs it)")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(folder):
    """Serve ``folder`` on 127.0.0.1 (a free port) for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(Path(folder)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()
