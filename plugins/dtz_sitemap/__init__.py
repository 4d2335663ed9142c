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

    def start(self, generators):
        """A new run (make serve keeps this object): pages collected by a run that stopped halfway go."""
        self.pages = set()

    def write(self, pelican):
        settings = pelican.settings
        output = pelican.output_path
        # Pages of this run only. Unchanged pages are not in the staging folder, so no file check.
        written = [p for p in self.pages if dtz_content.inside(p, output)]
        urls = sorted(dtz_content.absolute(dtz_content.pretty_url(os.path.relpath(path, output)), settings) for path in written)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
        lines.append("</urlset>")
        dtz_build.write_output(output, "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))
        robots = ["User-agent: *", "Allow: /"]
        robots += [f"Disallow: /{path}" for path in settings.get("DTZ_ROBOTS_DISALLOW", [])]
        robots.append(f"Sitemap: {dtz_content.absolute('sitemap.xml', settings)}")
        dtz_build.write_output(output, "robots.txt", ("\n".join(robots) + "\n").encode("utf-8"))


def register():
    sitemap = Sitemap()
    signals.all_generators_finalized.connect(sitemap.start)
    signals.content_written.connect(sitemap.collect)
    signals.finalized.connect(sitemap.write)
    register.sitemap = sitemap  # keeps the bound methods alive: blinker holds weak references
