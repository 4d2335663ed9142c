"""robots.txt and sitemap.xml, listing every HTML page the build wrote.

Like pelican-plugins/sitemap, pages are collected as they are written
(``content_written``) and the files are written when the build is finalized.
Pages written with ``noindex=True`` in their context (404, progress pages) and
previewed drafts are left out.
"""

import os
from xml.sax.saxutils import escape

from pelican import signals

import dtz_content


class Sitemap:
    def __init__(self):
        self.pages = set()

    def collect(self, path, context):
        if not path.endswith(".html") or context.get("noindex"):
            return
        item = context.get("item")
        if item is not None and getattr(item, "draft_like", False):
            return
        self.pages.add(path)

    def write(self, pelican):
        settings = pelican.settings
        output = pelican.output_path
        # Only pages of this run: a build that stopped halfway may have collected pages elsewhere.
        written = [p for p in self.pages if os.path.isfile(p) and dtz_content.inside(p, output)]
        urls = sorted(dtz_content.absolute(dtz_content.pretty_url(os.path.relpath(path, output)), settings) for path in written)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
        lines.append("</urlset>")
        with open(os.path.join(output, "sitemap.xml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        robots = ["User-agent: *", "Allow: /"]
        robots += [f"Disallow: /{path}" for path in settings.get("DTZ_ROBOTS_DISALLOW", [])]
        robots.append(f"Sitemap: {dtz_content.absolute('sitemap.xml', settings)}")
        with open(os.path.join(output, "robots.txt"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(robots) + "\n")
        self.pages = set()


def register():
    sitemap = Sitemap()
    signals.content_written.connect(sitemap.collect)
    signals.finalized.connect(sitemap.write)
    register.sitemap = sitemap  # keeps the bound methods alive: blinker holds weak references
