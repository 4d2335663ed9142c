"""robots.txt and sitemap.xml: the HTML pages collected as written (``content_written``, as pelican-plugins/sitemap
does), without noindex pages and previewed drafts; a page's ``versions`` as hreflang alternates."""

import functools
import os
from xml.sax.saxutils import escape

from pelican import signals

import dtz_build
import dtz_content

XHTML = "http://www.w3.org/1999/xhtml"


def pages(settings):
    """The pages this run wrote so far with their versions (kept by the run: a run that stopped halfway leaves none)."""
    return dtz_build.current(settings).keep_for("dtz_sitemap", dict)


def collect(path, context):
    item = context.get("item")
    if path.endswith(".html") and not context.get("noindex") and not (item is not None and getattr(item, "draft_like", False)):
        pages(context)[path] = context.get("versions") or ()


def write(pelican):
    settings, output = pelican.settings, pelican.output_path
    absolute = functools.partial(dtz_content.absolute, settings=settings)
    inside = os.path.join(os.path.abspath(output), "")  # Pelican's writer gives absolute paths: this run's pages, no file check
    urls = sorted(
        (absolute(dtz_content.pretty_url(path[len(inside) :])), versions) for path, versions in pages(settings).items() if path.startswith(inside)
    )
    namespaces = ' xmlns:xhtml="' + XHTML + '"' if any(versions for _, versions in urls) else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>']
    for url, versions in urls:
        alternates = [f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(absolute(link))}"/>' for lang, link in versions]
        lines += [f"  <url><loc>{escape(url)}</loc>", *alternates, "  </url>"] if alternates else [f"  <url><loc>{escape(url)}</loc></url>"]
    robots = ["User-agent: *", "Allow: /", *(f"Disallow: /{path}" for path in settings.get("DTZ_ROBOTS_DISALLOW", []))]
    files = {"sitemap.xml": [*lines, "</urlset>"], "robots.txt": [*robots, f"Sitemap: {absolute('sitemap.xml')}"]}
    for name, text in files.items():
        dtz_build.write_output(settings, output, name, ("\n".join(text) + "\n").encode("utf-8"))


def register():
    signals.content_written.connect(collect)
    signals.finalized.connect(write)
