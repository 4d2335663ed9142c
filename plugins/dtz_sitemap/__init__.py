"""robots.txt and sitemap.xml, listing every HTML page the build wrote.

Like pelican-plugins/sitemap, pages are collected as they are written
(``content_written``) and the files are written when the build is finalized.
Pages written with ``noindex=True`` in their context (404, progress pages) and
previewed drafts are left out.
"""

import os
from xml.sax.saxutils import escape

from pelican import signals

import dtz_build
import dtz_content
from dtz_contract import inside


def pages(settings):
    """The pages this run wrote so far (kept by the run, so a run that stopped halfway leaves none)."""
    return dtz_build.current(settings).keep_for("dtz_sitemap", set)


def collect(path, context):
    if not path.endswith(".html") or context.get("noindex"):
        return
    item = context.get("item")
    if item is not None and getattr(item, "draft_like", False):
        return
    pages(context).add(path)


def write(pelican):
    settings = pelican.settings
    output = pelican.output_path
    # Pages of this run only. Unchanged pages are not in the staging folder, so no file check.
    written = [p for p in pages(settings) if inside(p, output)]
    urls = sorted(dtz_content.absolute(dtz_content.pretty_url(os.path.relpath(path, output)), settings) for path in written)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    dtz_build.write_output(settings, output, "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))
    robots = ["User-agent: *", "Allow: /"]
    robots += [f"Disallow: /{path}" for path in settings.get("DTZ_ROBOTS_DISALLOW", [])]
    robots.append(f"Sitemap: {dtz_content.absolute('sitemap.xml', settings)}")
    dtz_build.write_output(settings, output, "robots.txt", ("\n".join(robots) + "\n").encode("utf-8"))


def register():
    signals.content_written.connect(collect)
    signals.finalized.connect(write)
