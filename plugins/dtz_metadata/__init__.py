"""Search and social metadata for every page: canonical URL, description, Open Graph, schema.org JSON-LD.

Templates call the global ``page_metadata(...)`` once, in base.html's <head>, so every page of
every plugin gets it without doing anything. JSON-LD is built here as plain data and written
with Jinja's ``|tojson`` (which escapes <, > and &, so content can never end the <script>).
"""

from markupsafe import Markup
from pelican import signals

import dtz_content
import dtz_images

from .structured import structured_data


def plain(text):
    """Text without tags, entities or runs of whitespace (titles and descriptions come as HTML)."""
    return " ".join(Markup(str(text or "")).striptags().split())


def page_metadata(settings, output_file, title, description, item=None, crumbs=None):
    """Everything base.html writes into <head> about one page."""
    item = item or None  # Jinja passes Undefined when a template has no item
    url = dtz_content.pretty_url(output_file)
    lang = dtz_content.languages.split(url, settings)[0]
    sitename = settings.get("SITENAME", "")
    # an item's title is plain text (a header field: '<' is a character); a template's title block is HTML
    name = " ".join(str(item.title).split()) if item is not None else plain(title).removesuffix(f" — {sitename}").strip() or sitename
    lead = getattr(item, "lead_image", None)  # dtz_content's (path, alt) of a pearl's Image, an issue's Cover
    image = dtz_images.og_image(settings, lead[0]) if lead else None  # 1200 x 630, cropped
    if image is None:  # the site's logo, whole on a 1200 x 630 canvas
        image = dtz_images.og_image(settings, settings.get("DTZ_DEFAULT_IMAGE", "images/dtz-logo.png"), logo=True)
    page = {
        "url": url,
        "canonical": dtz_content.absolute(url, settings),
        "title": name,
        "description": plain(description) or plain(getattr(item, "description", "")) or dtz_content.languages.setting(settings, lang, "SITESUBTITLE"),
        "image": dtz_content.absolute(image.url, settings) if image else "",
        "image_size": (image.width, image.height) if image else None,
        "type": "article" if item is not None else "website",
        "lang": lang,
    }
    page["jsonld"] = structured_data(page, item, crumbs, settings)
    return page


def add_globals(generator):
    settings = generator.settings
    settings.setdefault("DTZ_DEFAULT_IMAGE", "images/dtz-logo.png")
    generator.env.globals["page_metadata"] = lambda output_file, title, description, item=None, crumbs=None: page_metadata(
        settings, output_file, title, description, item, crumbs
    )


def register():
    signals.generator_init.connect(add_globals)
