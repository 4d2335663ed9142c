"""One feed as feedgen builds it: channel data, then one entry per item."""

from dataclasses import dataclass
from datetime import datetime, timezone

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

import dtz_content
import dtz_images
from dtz_content import languages

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
EMPTY_FEED_UPDATED = datetime(2019, 1, 1, tzinfo=timezone.utc)  # a feed without items still needs a fixed date


@dataclass(frozen=True)
class Feed:
    """A feed file and what the site says about it (autodiscovery, the Volgen page)."""

    path: str  # below the output folder, e.g. "feeds/parels.xml"
    title: str
    mime: str
    home: str  # the page the feed follows, root-relative: "" or "parels/"
    type_key: str | None = None  # None: every feed type
    lang: str | None = None  # None: the site's language; another: the feed of that language's site (below /<lang>/)

    @property
    def label(self):
        """The title with the format, as browsers and the Volgen page list it."""
        return f"{self.title} ({'Atom' if self.mime == ATOM else 'RSS'})"


def feed_bytes(feed, items, settings):
    """The whole feed as feedgen writes it: the channel (its date is the newest item's), then one entry per item."""
    absolute = dtz_content.absolute
    fg = FeedGenerator()
    fg.id(absolute(feed.path, settings))
    fg.title(feed.title)
    fg.subtitle(languages.setting(settings, feed.lang, "SITESUBTITLE") or feed.title)
    fg.link(href=absolute(feed.path, settings), rel="self", type=feed.mime)
    fg.link(href=absolute(feed.home, settings), rel="alternate")  # last: feedgen makes it the RSS <link>
    fg.language(feed.lang or settings.get("DEFAULT_LANG", "nl"))
    fg.author(name=settings.get("AUTHOR") or settings.get("SITENAME"))
    fg.updated(max((item.date for item in items), default=EMPTY_FEED_UPDATED))
    for item in items:
        add_entry(fg.add_entry(order="append"), item, settings)
    return fg.atom_str(pretty=True) if feed.mime == ATOM else fg.rss_str(pretty=True)


def add_entry(entry, item, settings):
    url = dtz_content.absolute(item.url, settings)
    uid = dtz_content.item_id(item, settings)
    entry.id(uid)
    entry.guid(uid, permalink=False)
    entry.title(item.title)
    entry.link(href=url, rel="alternate")
    entry.published(item.date)
    entry.updated(item.date)
    entry.summary(description(item, settings))
    entry.content(dtz_content.absolute_links(item.content, item.url, settings), type="html")
    entry.category([{"term": term} for term in categories(item, settings)])
    image = item.lead_image and dtz_images.fallback_image(settings, item.lead_image[0])
    if image:  # a web-size JPEG (PNG with transparency) with its true length, never the original
        entry.register_extension("dtz_enclosure", Enclosure)
        href, length = dtz_content.absolute(image.url, settings), str(dtz_images.length(settings, image))
        entry.dtz_enclosure.attributes = {"url": href, "length": length, "type": image.mime}


def description(item, settings):
    """The summary; an event says first when and where it is (in the item's language)."""
    if item.type != "event":
        return item.description
    _ = languages.gettext(settings, item.lang)
    when = dtz_content.dates.when(item.start, item.end, item.lang)
    return f"{_('Wanneer')}: {when}. {_('Waar')}: {item.location}. {item.description}".strip()


def categories(item, settings):
    """Type, municipalities and sector: the ways the site itself groups items (named in the item's language)."""
    terms = [languages.gettext(settings, item.lang)(item.content_type.label), *item.municipality_list]
    if getattr(item, "sector", None):  # the types that have a Sector
        terms.append(item.sector)
    return [languages.named(settings, item.lang, term) for term in terms]


class Enclosure(BaseEntryExtension):
    """An item's image as <enclosure> in RSS and <link rel="enclosure"> in Atom: feedgen 1.0's own enclosure
    loses rel, type and length in Atom entries (entry.py reuses its loop variable)."""

    attributes = None

    def extend_rss(self, item):
        if self.attributes:
            xml_elem("enclosure", item, **self.attributes)
        return item

    def extend_atom(self, entry):
        if self.attributes:
            a = self.attributes
            xml_elem("link", entry, href=a["url"], rel="enclosure", type=a["type"], length=a["length"])
        return entry
