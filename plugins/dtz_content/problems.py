"""The one-line problem report: ``path:line: Field: what is wrong — what is expected``."""

import os
import sys
from pathlib import Path

import dtz_build
from dtz_contract import Problem, display_path  # noqa: F401  display_path: the content core names it too


PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def setting_problem(name, what, expected, settings=None, entry=None):
    """A bad setting as a Problem at ``NAME =`` (or the first line after it holding ``entry``) in the settings file the
    build used (``DTZ_SETTINGS_FILE``), else in pelicanconf.py (line 1 when neither sets it): every plugin points alike."""
    files = dict.fromkeys([os.path.basename((settings or {}).get("DTZ_SETTINGS_FILE") or "pelicanconf.py"), "pelicanconf.py"])
    found = ((file, line) for file in files if (line := setting_line(os.path.join(PROJECT, file), name, entry)))
    return Problem(*next(found, ("pelicanconf.py", 1)), name, what, expected)


def setting_line(path, name, entry):
    """The line of ``NAME =`` in ``path`` (or of ``entry`` below it), or None."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    start = next((number for number, text in enumerate(lines, 1) if text.split("=", 1)[0].strip() == name), None)
    if start is None or entry is None:
        return start
    return next((number for number, text in enumerate(lines[start - 1 :], start) if entry in text), start)


def count_problem(name, value, minimum, example):
    """A setting that must be a whole number of at least ``minimum``: its one line, or None when it is one."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return None
    return setting_problem(name, f"'{value}' is geen aantal", f"een heel getal van {minimum} of meer, zoals {example}")


class ContentError(dtz_build.BuildStopped):
    """The content has errors; nothing was written (Pelican's exit status is 1)."""


def stop_on(problems, warnings=(), about="de inhoud", outcome="er is niets geschreven"):
    """Every warning and problem, one per line, sorted, on the real stderr (Pelican's console would restyle them); with
    problems, stop the build with '3 fouten in <about>; <outcome>'."""
    lines = [str(problem) for problem in sorted(set(problems))]
    said = [f"waarschuwing: {warning}" for warning in sorted(set(warnings))] + lines
    print(*said, sep="\n", end="\n" if said else "", file=sys.__stderr__, flush=True)
    if lines:
        raise ContentError(f"{len(lines)} {'fout' if len(lines) == 1 else 'fouten'} in {about}; {outcome}", lines=lines)
