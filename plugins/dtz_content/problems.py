"""The one-line problem report: ``path:line: Field: what is wrong — what is expected``."""

import os
import sys
from dataclasses import dataclass

import dtz_build


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    what: str
    expected: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.field}: {self.what} — {self.expected}"


SETTINGS_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "pelicanconf.py")


def setting_problem(name, what, expected):
    """A bad setting as a Problem at ``NAME =`` in the project's pelicanconf.py (line 1 when it is
    not set there): one place, so every plugin that checks its settings points at them the same way."""
    line = 1
    try:
        with open(SETTINGS_FILE, encoding="utf-8") as handle:
            line = next((number for number, text in enumerate(handle, 1) if text.split("=", 1)[0].strip() == name), 1)
    except OSError:
        pass
    return Problem("pelicanconf.py", line, name, what, expected)


def count_problem(name, value, minimum, example):
    """A setting that must be a whole number of at least ``minimum``: its one line, or None when it is one."""
    if dtz_build.counts(value, minimum):
        return None
    return setting_problem(name, f"'{value}' is geen aantal", f"een heel getal van {minimum} of meer, zoals {example}")


class ContentError(dtz_build.BuildStopped):
    """The content has errors; nothing was written (Pelican's exit status is 1)."""


def display_path(path):
    """Paths relative to the working directory when inside it, as editors see them."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def report(problems, warnings, stream=None):
    """Print every warning and problem, one per line, sorted by file and line.

    Written to the real stderr so Pelican's console does not wrap or restyle the lines.
    """
    stream = stream or sys.__stderr__
    for warning in sorted(set(warnings)):
        print(f"waarschuwing: {warning}", file=stream)
    for problem in sorted(set(problems)):
        print(problem, file=stream)
    stream.flush()
