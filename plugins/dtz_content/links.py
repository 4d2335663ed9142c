"""Links to other files of the site in a text (``{filename}``, ``{static}``, ``{attach}``): one that names no
file is a problem at its line, with the file meant when the hint rule finds one. Pelican would publish
such a link as it was written, a dead link, with only an English warning."""

import os
import posixpath
import re
from urllib.parse import unquote

from .hints import meant, near_miss
from .paths import files_below

# a Markdown link (an image is dtz_images' to check) or an HTML href
LINK = re.compile(
    r"""(?<!!)\[[^\]]*\]\(\s*<?(?P<md>\{(?:filename|static|attach)\}[^)\s>]+)|\bhref\s*=\s*["'](?P<html>\{(?:filename|static|attach)\}[^"']+)["']"""
)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
EXAMPLE = "een bestand binnen content/, zoals {filename}/parels/hal-techniek.md of {static}/downloads/folder.pdf"


def check(text, source, content_path):
    """(line, field, what, expected) for every link in ``text`` (the file ``source``) to a file that is not in content/."""
    found, fenced, known = [], False, None
    folder = os.path.relpath(os.path.dirname(source), content_path).replace(os.sep, "/")
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or "}" not in line:  # every such link has a "}": the regular expression only where one is (10x faster)
            continue
        for match in LINK.finditer(line):
            written = match.group("md") or match.group("html")
            target = unquote(written.split("}", 1)[1].split("#", 1)[0].split("?", 1)[0])
            if not target:
                continue  # a link within the page itself
            relative = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if relative.startswith("..") or not os.path.isfile(os.path.join(content_path, relative)):
                known = files_below(content_path) if known is None else known
                close = near_miss(relative, known)
                hint = meant(written.split("}", 1)[0] + "}/" + close) if close else ""
                found.append((number, "Link", f"'{written}' bestaat niet", EXAMPLE + hint))
    return found
