"""Typst, the engine that turns a print document's Typst source into PDF bytes. Every document compiles in a
process forked for it: Typst starts threads when it compiles (a process forked after that hangs in its next compile)
and its memo cache grows to about 400 MB in a process that keeps compiling (README, *TechZine and print pipeline*)."""

import os
import pickle
from importlib.metadata import version

FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu",)  # Debian's fonts-dejavu-core (.ci/run installs it)
PDF_TAGS = True  # a tagged PDF: screen readers get headings, reading order and alt texts
ENGINE = f"typst {version('typst')} tags {PDF_TAGS}"  # what renders the PDFs: a new Typst or other options render every PDF again


def render(source, target, fonts):
    """One document's Typst source to PDF bytes, compiled in a forked process of its own (``target`` names it in an error)."""
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:  # the compile's own process: report through the pipe, never return
        try:
            os.close(readable)
            try:
                result = ("pdf", compile_pdf(source, target, fonts))
            except Exception as error:  # noqa: BLE001 - whatever went wrong, the parent says it
                result = ("error", str(error))
            with os.fdopen(writable, "wb") as out:
                pickle.dump(result, out)
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    kind, value = pickle.loads(data) if data else ("error", "het proces stopte zonder resultaat")
    if kind == "error":
        raise RenderError(f"{target}: Typst kon het document niet maken — {value}")
    return value


def compile_pdf(source, target, fonts):
    """Typst's compile itself (``target`` only names the document: tests count renders by it)."""
    import typst  # noqa: PLC0415 - only a real render pays for importing it

    return typst.compile(source.encode("utf-8"), root="/", font_paths=list(fonts), ignore_system_fonts=True, format="pdf", pdf_tags=PDF_TAGS)


class RenderError(RuntimeError):
    """A print document Typst could not compile (a fault in a print template, not in content)."""
