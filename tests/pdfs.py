"""Read what a PDF really holds (pypdf): page texts, the table of contents' numbers, metadata, fonts, images."""

import re

from pypdf import PdfReader

TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


def open_pdf(path):
    return PdfReader(str(path))


def page_texts(reader):
    return [page.extract_text() or "" for page in reader.pages]


def toc_entries(text):
    """[(title, page number)] from a table of contents page whose lines are 'Title ...... 3'."""
    found = []
    for line in text.splitlines():
        match = TOC_LINE.match(line.strip())
        if match:
            found.append((match["title"].strip(), int(match["page"])))
    return found


def first_page_with(texts, needle, after=0):
    """1-based number of the first page after page ``after`` that contains ``needle``."""
    for number, text in enumerate(texts, start=1):
        if number > after and needle in text:
            return number
    return None


def fonts(reader):
    """{font name: embedded?} over every page."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor_of = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descriptor_of.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def image_count(reader):
    """Distinct images in the file (pages may share one resource dictionary)."""
    found = set()
    for page in reader.pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                found.add(getattr(ref, "idnum", id(ref)))
    return len(found)


def structure(reader):
    """The tagged PDF's structure elements in reading order: [(tag, alt text or None)], e.g. ('/H2', None)."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                alt = node.get("/Alt")
                found.append((str(node["/S"]), str(alt) if alt is not None else None))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def language(reader):
    return str(reader.trailer["/Root"].get("/Lang"))


class Renders:
    """A list shared with the worker processes that render PDFs: what they appended, in order."""

    def __init__(self, shared):
        self.shared = shared

    def __iter__(self):
        return iter(list(self.shared))

    def __len__(self):
        return len(self.shared)

    def __eq__(self, other):
        return list(self.shared) == list(other)

    def __repr__(self):
        return repr(list(self.shared))

    def clear(self):
        del self.shared[:]


def count_renders(monkeypatch):
    """A list that gets, for every document Typst really renders to PDF, the folder of its target
    (the page it belongs to: 'nummer-1', 'emmen-hoogeveen'), in the order they finish.
    Renders run on forked workers, which inherit the patch and report through a shared list.

    A generator for a fixture (``yield from count_renders(monkeypatch)``): the list's server process
    is stopped after the test. Left running, it would hold a copy of every pipe the test process has
    open, such as the one to Playwright's driver, which then never ends and the session never stops.
    """
    import multiprocessing  # noqa: PLC0415

    from dtz_print import engine  # noqa: PLC0415

    with multiprocessing.Manager() as manager:
        shared = manager.list()
        compile_pdf = engine.compile_pdf

        def counting(source, target, fonts):
            data = compile_pdf(source, target, fonts)
            shared.append(target.rstrip("/").rsplit("/", 2)[-2])
            return data

        monkeypatch.setattr(engine, "compile_pdf", counting)
        yield Renders(shared)
        monkeypatch.setattr(engine, "compile_pdf", compile_pdf)


def text_runs(page):
    """[(x, y, size, text)] of every piece of text on a pypdf page, in points from the bottom left."""
    found = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            found.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], round(size * tm[0] * cm[0], 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return found
