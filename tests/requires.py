"""System tools some tests need (Chromium, java): in CI their absence fails, elsewhere it skips."""

import os

import pytest


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(found, reason):
    """``found`` (a path), or stop the test with one line: a failure in CI (CI=true), else a skip."""
    if found:
        return found
    if in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def vnu_java():
    """The java command for dtz_check.offline.validate, once the checker (tools/vnu, installed by make) and java are there."""
    from dtz_check import offline

    require(offline.vnu_jar(), offline.VNU_MISSING)
    return require(offline.java(), offline.JAVA_MISSING)
