"""Municipality passages ('::: gemeente Hoogeveen, Coevorden' … ':::', README "Bidbook"): the Markdown extension keeps
every passage in an item's HTML between comments, :func:`select` keeps those of a bidbook edition's municipalities,
:func:`check` is the model's body check. Marker lines inside fenced code blocks are text, as the guide shows them."""

import re

from markdown.preprocessors import Preprocessor

from .header import extension
from .kinds import Invalid, ManyOf

MARKER = re.compile(r"^ {0,3}:{3,}[ \t]*(?P<rest>.*?)[ \t]*$")
KEYWORD = re.compile(r"^(?P<word>gemeenten?)\b[ \t]*:?[ \t]*(?P<names>.*)$", re.I)
FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
START, END = "<!-- dtz-gemeente: {} -->", "<!-- /dtz-gemeente -->"
PASSAGE = re.compile(r"<!-- dtz-gemeente: (?P<names>.*?) -->(?P<body>.*?)<!-- /dtz-gemeente -->", re.S)
NAMES = ManyOf("DTZ_MUNICIPALITIES")
SYNTAX = "'::: gemeente Naam, Naam' op een eigen regel, en ':::' op een eigen regel na de passage"


def markers(lines):
    """(line number, the names after the keyword or None, the whole text after the colons) of every marker line."""
    fence = None
    for number, line in enumerate(lines, start=1):
        opening = FENCE.match(line)
        if fence or opening:  # a fence's own lines and what is between them are text
            closes = fence and opening and opening.group("fence")[0] == fence[0] and len(opening.group("fence")) >= len(fence)
            fence = None if closes else fence or opening.group("fence")
            continue
        if not (match := MARKER.match(line)):
            continue
        rest = match.group("rest").rstrip(":").strip()
        keyword = KEYWORD.match(rest)
        yield number, (keyword.group("names").strip() if keyword else None), rest


def check(text, ctx):
    """Body check for the content model: (line, field, what is wrong, what is expected) per problem."""
    found, open_at = [], None
    for number, names, rest in markers(text.splitlines()):
        if not rest:
            if open_at is None:
                found.append((number, "Passage", "':::' sluit een passage die niet geopend is", SYNTAX))
            open_at = None
            continue
        if names is None:
            found.append((number, "Passage", f"'::: {rest}' is geen bekende markering", SYNTAX))
            continue
        if open_at is not None:
            expected = "sluit die eerst af met ':::'; passages gaan niet in elkaar"
            found.append((number, "Passage", f"begint in de passage van regel {open_at}", expected))
        open_at = number
        try:
            NAMES(names, ctx)
        except Invalid as invalid:
            found.append((number, "Municipalities", invalid.what, invalid.expected or NAMES.describe(ctx.settings)))
    if open_at is not None:
        found.append((open_at, "Passage", "wordt niet afgesloten", "een regel met alleen ':::' na de passage"))
    return found


def select(html, municipalities):
    """``html`` with only the passages for at least one of ``municipalities`` (names; case is ignored)."""
    wanted = {name.lower() for name in municipalities}
    return PASSAGE.sub(lambda found: found["body"] if {name.strip().lower() for name in found["names"].split(",")} & wanted else "", html)


class PassagePreprocessor(Preprocessor):
    """Marker lines become HTML comments on blocks of their own; the passage stays Markdown."""

    def run(self, lines):
        found = {number - 1: names for number, names, rest in markers(lines) if names is not None or not rest}
        blocks = {index: ["", END if names is None else START.format(names.replace("--", "- -")), ""] for index, names in found.items()}
        return [each for index, line in enumerate(lines) for each in blocks.get(index, [line])]


# after fenced code (25) has stashed code blocks, before raw HTML blocks (20) are taken out
makeExtension = extension(PassagePreprocessor, "dtz_passages", 22)
