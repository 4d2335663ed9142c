"""The Nu Html Checker (npm ``vnu-jar``, pinned in tools/vnu/ and installed there by make), run offline in one JVM call."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

VNU_JAR = Path(__file__).resolve().parents[2] / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_MISSING = "de HTML-controle (vnu-jar) is niet geïnstalleerd: `make check` installeert haar met npm (Debian-pakket 'npm')"
JAVA_MISSING = "de HTML-controle heeft Java nodig: installeer het Debian-pakket 'default-jre-headless'"
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss8m")  # C1 only: half the CPU of one run (README Quality checks); >1.5 MB stack


def java():
    """The java command, or None."""
    return shutil.which("java")


def vnu_jar():
    """The installed vnu.jar, or None."""
    return VNU_JAR if VNU_JAR.is_file() else None


def validate(root, files, java_command=None):
    """vnu errors for ``files`` (HTML, CSS or SVG below ``root``): one line each, the file and line first."""
    return [
        (f"{shown}:{line}: " if shown else "") + message + (f" — {extract}" if extract else "")
        for shown, line, message, extract in errors(root, files, java_command)
    ]


def errors(root, files, java_command=None):
    """(file below ``root``, line, the checker's message, the HTML it is about) per error in ``files``;
    a checker that did not run is one error with the file "" (never a pass)."""
    root, files = Path(root).resolve(), [str(Path(f).resolve()) for f in files]
    if not files:
        return []
    command = [java_command or java() or "java", *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        return [("", 0, f"de HTML-controle (vnu) liep niet: {result.stderr.strip() or result.stdout.strip()}", "")]
    if result.returncode != 0 and not messages:  # a crash that printed nothing must not look like a pass
        return [("", 0, f"de HTML-controle (vnu) liep niet: afsluitcode {result.returncode}, geen meldingen", "")]
    found = []
    for message in (message for message in messages if message.get("type") in ("error", "non-document-error")):
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        line = message.get("lastLine", message.get("firstLine", "?"))
        found.append((shown, line, message.get("message", ""), " ".join(message.get("extract", "").split())))
    return found
