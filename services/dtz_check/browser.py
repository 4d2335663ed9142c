"""Debian's headless Chromium, driven by Playwright, and a built folder served on 127.0.0.1.

Playwright never downloads a browser here: it starts /usr/bin/chromium (or ``DTZ_CHROMIUM``) with
flags that keep it off the network. ``serve(folder)`` serves a folder as a web server serves the
site (dir/ -> dir/index.html), on a free port, for as long as its block runs.
"""

import contextlib
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("DTZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_MISSING = "de controles in de browser hebben Chromium nodig: installeer het Debian-pakket 'chromium'"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path():
    """Debian's Chromium, or None."""
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the output readable
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that stops reading (a page left before its last image came) is no finding: no traceback."""


@contextlib.contextmanager
def serve(folder):
    """Serve ``folder`` on 127.0.0.1 (a free port) for as long as the block runs; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(Path(folder)))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launched(path):
    """A headless Chromium at ``path`` for as long as the block runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
