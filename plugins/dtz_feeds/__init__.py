"""RSS 2.0 and Atom feeds of everything published, written with feedgen (README "Feeds and agenda"); published
items only, also in preview builds, and the content alone decides the bytes."""

import functools
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content
import dtz_images
from dtz_content import languages

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
EMPTY_FEED_UPDATED = datetime(2019, 1, 1, tzinfo=timezone.utc)  # a feed without items still needs a fixed date
DEFAULT_TYPES = ("pearl", "cop", "event", "newsletter", "techzine")
FOLLOW_URL = "volgen/"  # the page that explains the feeds and the agenda subscription
LIBRARY = version("feedgen")  # part of every feed's key


class FeedsGenerator(Generator):
    def generate_context(self):
        """Check the settings; offer the feeds (autodiscovery, the Volgen page) through the catalog."""
        self.limit, self.types = self.settings.get("DTZ_FEED_LIMIT", 50), self.settings.get("DTZ_FEED_TYPES", DEFAULT_TYPES)
        catalog = dtz_content.catalog(self.context)
        problems = settings_problems(self.limit, self.types)
        catalog.problems.extend(problems)
        langs = [None, *languages.others(self.settings)]  # each other language's site: below /<lang>/feeds/
        self.feeds = {lang: self.site_feeds(lang, [] if problems else self.types) for lang in langs}
        for feed in (feed for feeds in self.feeds.values() for feed in feeds):
            catalog.offer("feed", feed)
        self.context["dtz_follow_url"] = FOLLOW_URL  # the footer's link to the Volgen page

    def site_feeds(self, lang, types):
        """The combined RSS and Atom feeds, then an RSS feed per type (parels.xml: named after its section), of the
        site in ``lang``; another language's site has those of the types a translation can have."""
        at = functools.partial(languages.at, lang, settings=self.settings)
        name, _ = self.settings.get("SITENAME", ""), languages.gettext(self.settings, lang)
        feeds = [Feed(at("feeds/rss.xml"), name, RSS, at(""), lang=lang), Feed(at("feeds/atom.xml"), name, ATOM, at(""), lang=lang)]
        for ctype in (dtz_content.TYPES[key] for key in types):
            if lang is None or ctype.field("lang"):
                path = at(f"feeds/{ctype.index_url.strip('/')}.xml")
                feeds.append(Feed(path, f"{name} — {_(ctype.plural)}", RSS, at(ctype.index_url), ctype.key, lang))
        return feeds

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        for lang, feeds in self.feeds.items():
            if lang is not None and not catalog.pages_in(lang):
                continue  # no translation is visible: that language has no site
            by_type = {key: catalog.published(key, lang) for key in self.types}
            newest = sorted((item for items in by_type.values() for item in items), key=lambda item: (item.date, item.type, item.slug), reverse=True)
            for feed in feeds:
                items = by_type[feed.type_key] if feed.type_key else newest[: self.limit]
                key = dtz_build.page_key(self.settings, feed=feed, items=[item.cache_key() for item in items], library=LIBRARY)
                if not dtz_build.kept_output(self.settings, self.output_path, feed.path, key):  # made again only when it changed
                    dtz_build.write_output(self.settings, self.output_path, feed.path, feed_bytes(feed, items, self.settings), key)
        offered = {"feeds": catalog.offered("feed"), "calendars": catalog.offered("calendar")}
        dtz_content.write_page(self, writer, FOLLOW_URL, "feeds/follow", **offered)


def settings_problems(limit, types):
    """DTZ_FEED_LIMIT and DTZ_FEED_TYPES as one line each when they are wrong, not a traceback."""
    problems = list(filter(None, [dtz_content.count_problem("DTZ_FEED_LIMIT", limit, 1, 50)]))
    if not isinstance(types, (list, tuple)) or not all(key in DEFAULT_TYPES for key in types):
        expected = "een lijst uit: " + ", ".join(DEFAULT_TYPES)
        problems.append(dtz_content.setting_problem("DTZ_FEED_TYPES", f"{types!r} noemt een type zonder feed", expected))
    return problems


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
    uid = dtz_content.item_id(item, settings)
    entry.id(uid)
    entry.guid(uid, permalink=False)
    entry.title(item.title)
    entry.link(href=dtz_content.absolute(item.url, settings), rel="alternate")
    date = datetime.combine(item.date.date(), item.date.timetz())  # not Pelican's SafeDatetime: the same text, faster
    entry.published(date)
    entry.updated(date)
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
    terms = [languages.gettext(settings, item.lang)(item.content_type.label), *item.municipality_list, *item.sector_list]
    return [languages.named(settings, item.lang, term) for term in terms]


class Enclosure(BaseEntryExtension):
    """An item's image as <enclosure> in RSS and <link rel="enclosure"> in Atom: feedgen 1.0's own enclosure
    loses rel, type and length in Atom entries (entry.py reuses its loop variable)."""

    attributes = None  # url, length and type: set as the extension is registered (for an item with an image)

    def extend_rss(self, item):
        xml_elem("enclosure", item, **self.attributes)
        return item

    def extend_atom(self, entry):
        a = self.attributes
        xml_elem("link", entry, href=a["url"], rel="enclosure", type=a["type"], length=a["length"])
        return entry


def register():
    signals.get_generators.connect(dtz_build.adds_generator(FeedsGenerator))
