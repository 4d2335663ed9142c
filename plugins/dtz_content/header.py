"""Read a source file's metadata header with the line of every key.

Pelican's Markdown reader drops line numbers; the validator needs them for
``path:line:`` messages, so the header is read here once more, by the same
rules as Python-Markdown's meta extension. Lines of the header that start with ``#`` are the
editor's notes (``make new`` writes each field's help that way): both this reader and Pelican's
(through the Markdown extension below) pass over them.
"""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?$")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
COMMENT_RE = re.compile(r"^[ ]{0,3}#")


class Header:
    """Raw values (``key -> text``), their lines and the spelling the editor used."""

    def __init__(self):
        self.values = {}
        self.lines = {}
        self.names = {}

    def add(self, name, value, line):
        key = name.lower()
        self.values[key] = value
        self.lines.setdefault(key, line)
        self.names[key] = name


def read_header(text):
    """Return the Header of ``text``; an empty Header when there is none."""
    header = Header()
    lines = text.splitlines()
    start = 0
    if lines and BEGIN_RE.match(lines[0]):
        start = 1
    key = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or END_RE.match(line):
            break
        if COMMENT_RE.match(line):
            continue
        match = META_RE.match(line)
        if match:
            key = match.group("key")
            header.add(key, match.group("value").strip(), number)
            continue
        more = META_MORE_RE.match(line)
        if more and key:
            lower = key.lower()
            header.values[lower] = (header.values[lower] + " " + more.group("value").strip()).strip()
            continue
        break
    return header


def without_comments(lines):
    """``lines`` with the notes of its header left out; a text without a header stays as it is
    (a first line ``# Kop`` followed by text is a Markdown heading)."""
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    block = lines[:end]
    if not any(META_RE.match(line) for line in block if not COMMENT_RE.match(line)):
        return lines
    return [line for line in block if not COMMENT_RE.match(line)] + lines[end:]


class CommentsPreprocessor(Preprocessor):
    def run(self, lines):
        return without_comments(lines)


class HeaderComments(Extension):
    """Drop the header's notes before the meta extension (priority 27) reads the header."""

    def extendMarkdown(self, md):
        md.preprocessors.register(CommentsPreprocessor(md), "dtz_header_comments", 28)


def makeExtension(**kwargs):  # noqa: N802  Python-Markdown finds an extension by this name
    return HeaderComments(**kwargs)
