"""Headless Chromium for tests: one browser per test session, and built output served on 127.0.0.1.

The browser and the server are dtz_check's (services/dtz_check/browser.py), which `make check` uses
too. Use the fixtures, registered in conftest.py:

- ``browser``: a Playwright Browser on Debian's Chromium (/usr/bin/chromium), never a downloaded one.
  Missing Chromium fails the test in CI (CI=true) and skips it elsewhere, with one line saying why.
- ``serve(folder)``: a context manager that serves a folder on http://127.0.0.1:<free port>/ the
  way a web server serves the site (dir/ -> dir/index.html) and yields the base URL.

Mark browser tests ``@pytest.mark.browser`` (pytest.ini): ``make test-fast`` leaves them out. With ``-n 2``
each worker launches its own Chromium when it first runs one.
"""

import pytest
from dtz_check import browser as chromium
from dtz_check.browser import serve  # noqa: F401  re-exported for the tests

from requires import require


def chromium_path():
    """Debian's Chromium, or a failure (CI) / skip (elsewhere) saying what is missing."""
    return require(chromium.chromium_path(), chromium.CHROMIUM_MISSING)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    with chromium.launched(chromium_path()) as launched:
        yield launched
