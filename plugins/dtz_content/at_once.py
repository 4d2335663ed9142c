"""make serve's page of a saved file, at once: the file read and checked on its own, with the
context of the last good build (kept by make serve, which runs Pelican in-process), and its page
written straight into the preview folder. The build that follows catches up on everything else
(lists, other pages, checks across files) and makes the folder what a full build writes."""

import os

import dtz_build

from .generator import get_catalog
from .validate import ParseContext


def page_at_once(context, path):
    """Write the page of the saved Markdown file ``path`` from the last good build's ``context``.
    Returns the file's own error lines (its page then stays as it was), of any type's file; none when
    the page was written, or when the file makes no page here (an issue's is its plugin's: the build
    that follows makes it)."""
    catalog = get_catalog(context)
    generator = catalog.generator
    path = os.path.abspath(path)
    with dtz_build.writer_at_once(context) as writer:
        for ctype, base, relative, below_content in generator.sources():
            if os.path.join(base, relative) != path:
                continue
            alone = catalog.beside()
            generator._read(alone, ctype, base, relative, ParseContext(generator.settings, generator.path), below_content)
            alone.resolve_names()
            alone.settle()
            if alone.problems:
                return [str(problem) for problem in sorted(set(alone.problems))]
            for item in alone.read(ctype.key):
                other = catalog.item(ctype.key, item.slug, item.lang)
                if ctype.url and ctype.template and (other is None or other.source_path == item.source_path):  # a page of its own, no other file's
                    generator.write_item(writer, item, "page" if item.unfinished else item.template)
    return []
