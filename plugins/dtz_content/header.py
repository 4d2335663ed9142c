"""Read a source file's metadata header with the line of every key (Pelican's reader drops them), by the rules of
Python-Markdown's meta extension. Header lines starting with ``#`` are the editor's notes (``make new`` writes each
field's help that way): this reader and Pelican's (through the Markdown extension below) pass over them."""

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?$")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
COMMENT_RE = re.compile(r"^[ ]{0,3}#(?!#)")  # one '#': '## Tussenkop' right below the header stays a heading


class Header:
    """Raw values, their lines and the editor's spelling by key; ``every``: [value, line] of each line of a key."""

    def __init__(self):
        self.values, self.lines, self.names, self.every = {}, {}, {}, {}

    def add(self, name, value, line):
        key = name.lower()
        self.values[key] = value
        self.lines.setdefault(key, line)
        self.names[key] = name
        self.every.setdefault(key, []).append([value, line])


def read_header(text):
    """Return the Header of ``text``; an empty Header when there is none."""
    header, entries = Header(), []
    for index, line in header_lines(text.splitlines()).items():
        if match := META_RE.match(line):
            entries.append([match.group("key"), match.group("value").strip(), index + 1])
        elif not COMMENT_RE.match(line):  # a continuation: it belongs to the latest line of the key above
            entries[-1][1] = (entries[-1][1] + " " + META_MORE_RE.match(line).group("value").strip()).strip()
    for name, value, line in entries:
        header.add(name, value, line)
    return header


def header_lines(lines):
    """{index: line} of the header's lines: meta lines, their continuations and notes, up to the first other line."""
    found, keyed = {}, False
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    for index, line in enumerate(lines[start:], start):
        if not line.strip() or END_RE.match(line) or not (COMMENT_RE.match(line) or META_RE.match(line) or (keyed and META_MORE_RE.match(line))):
            break
        found[index] = line
        keyed = keyed or bool(META_RE.match(line))
    return found


class CommentsPreprocessor(Preprocessor):
    def run(self, lines):
        """``lines`` without its header's notes; a text without a header stays as it is (a first ``# Kop`` is a heading)."""
        header = header_lines(lines)
        if not any(META_RE.match(line) for line in header.values()):
            return lines
        notes = {index for index, line in header.items() if COMMENT_RE.match(line)}
        return [line for index, line in enumerate(lines) if index not in notes]


def extension(preprocessor, name, priority):
    """The ``makeExtension`` of a module whose Markdown extension is one preprocessor (Python-Markdown finds it by that name)."""

    class One(Extension):
        def extendMarkdown(self, md):
            md.preprocessors.register(preprocessor(md), name, priority)

    return One


makeExtension = extension(CommentsPreprocessor, "dtz_header_comments", 28)  # before the meta extension (27) reads the header
