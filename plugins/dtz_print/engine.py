"""Typst, the engine that turns a print document's Typst source into PDF bytes.

Typst starts threads when it compiles, and a process forked after that hangs in its next compile:
so Typst runs only in worker processes, never in the build's own process. With the run's
worker pool (``DTZ_WORKERS`` of 2 or more) a render is a job; otherwise :func:`render_apart`
forks one short-lived process per render.
"""

import functools
import multiprocessing
import os
from importlib.metadata import version

FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu",)  # Debian's fonts-dejavu-core (.ci/run installs it)
PDF_TAGS = True  # a tagged PDF: screen readers get headings, reading order and alt texts


def engine():
    """What renders the PDFs: a new Typst or other options render every PDF again."""
    return f"typst {version('typst')} tags {PDF_TAGS}"


def font_folders(print_dir):
    """The fonts Typst may use: the print theme's own fonts/ (when it has one), then DejaVu."""
    own = os.path.join(print_dir, "fonts")
    return [folder for folder in (own, *FONT_FOLDERS) if os.path.isdir(folder)]


@functools.lru_cache(maxsize=4)
def compiler(fonts):
    """One Typst compiler per worker process and font set: fonts are read once, not per document."""
    import typst  # noqa: PLC0415 - only a real render pays for importing it

    return typst.Compiler(root="/", font_paths=list(fonts), ignore_system_fonts=True)


def render(source, target, fonts):
    """One document's Typst source to PDF bytes (in a worker process). ``target`` names the
    document in an error: Typst's message, which says where in the source it went wrong."""
    import typst  # noqa: PLC0415

    try:
        return compile_pdf(source, target, fonts)
    except typst.TypstError as error:
        raise RenderError(f"{target}: Typst kon het document niet maken — {error}") from None


def compile_pdf(source, target, fonts):
    """Typst's compile itself (``target`` only names the document: tests count renders by it)."""
    return compiler(tuple(fonts)).compile(input=source.encode("utf-8"), format="pdf", pdf_tags=PDF_TAGS)


def render_apart(source, target, fonts):
    """:func:`render` in a process of its own, for a build without worker processes."""
    with multiprocessing.get_context("fork").Pool(1) as process:
        return process.apply(render, (source, target, fonts))


class RenderError(RuntimeError):
    """A print document Typst could not compile (a fault in a print template, not in content)."""
