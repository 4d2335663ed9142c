"""robots.txt and sitemap.xml, listing every HTML page the build wrote.

Like pelican-plugins/sitemap, pages are collected as they are written
(``content_written``) and the files are written when the build is finalized.
Pages written with ``noindex=True`` in their context (404, progress pages) and
previewed drafts are left out. A page that exists in several languages (its ``versions``, dtz_content.languages)
lists every version, itself included, as ``xhtml:link`` hreflang alternates, as Google documents for sitemaps.
"""

import functools
import os
from xml.sax.saxutils import escape

from pelican import signals

import dtz_build
import dtz_content


XHTML = "http://www.w3.org/1999/xhtml"


def pages(settings):
    """The pages this run wrote so far, each with its versions in other languages (kept by the run, so a
    run that stopped halfway leaves none)."""
    return dtz_build.current(settings).keep_for("dtz_sitemap", dict)


def collect(path, context):
    if not path.endswith(".html") or context.get("noindex"):
        return
    item = context.get("item")
    if item is not None and getattr(item, "draft_like", False):
        return
    pages(context)[path] = context.get("versions") or ()


def outside(relative):
    return relative == os.pardir or relative.startswith(os.pardir + os.sep)


def write(pelican):
    settings = pelican.settings
    output = pelican.output_path
    # Pages of this run only. Unchanged pages are not in the staging folder, so no file check.
    absolute = functools.partial(dtz_content.absolute, settings=settings)
    written = {os.path.relpath(p, output): versions for p, versions in pages(settings).items()}
    urls = sorted((absolute(dtz_content.pretty_url(relative)), versions) for relative, versions in written.items() if not outside(relative))
    namespaces = ' xmlns:xhtml="' + XHTML + '"' if any(versions for _, versions in urls) else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>']
    for url, versions in urls:
        alternates = [f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(absolute(link))}"/>' for lang, link in versions]
        lines += [f"  <url><loc>{escape(url)}</loc>", *alternates, "  </url>"] if alternates else [f"  <url><loc>{escape(url)}</loc></url>"]
    lines.append("</urlset>")
    dtz_build.write_output(settings, output, "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))
    robots = ["User-agent: *", "Allow: /"]
    robots += [f"Disallow: /{path}" for path in settings.get("DTZ_ROBOTS_DISALLOW", [])]
    robots.append(f"Sitemap: {dtz_content.absolute('sitemap.xml', settings)}")
    dtz_build.write_output(settings, output, "robots.txt", ("\n".join(robots) + "\n").encode("utf-8"))


def register():
    signals.content_written.connect(collect)
    signals.finalized.connect(write)
