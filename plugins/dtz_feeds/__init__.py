"""RSS 2.0 and Atom feeds of everything published, written with feedgen (README "Feeds and agenda"); published
items only, also in preview builds, and the content alone decides the bytes."""

import functools

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content

from .feeds import ATOM, RSS, Feed, feed_bytes

DEFAULT_TYPES = ("pearl", "cop", "event", "newsletter", "techzine")
FOLLOW_URL = "volgen/"  # the page that explains the feeds and the agenda subscription


class FeedsGenerator(Generator):
    def generate_context(self):
        """Check the settings; offer the feeds (autodiscovery, the Volgen page) through the catalog."""
        self.limit, self.types = self.settings.get("DTZ_FEED_LIMIT", 50), self.settings.get("DTZ_FEED_TYPES", DEFAULT_TYPES)
        catalog = dtz_content.catalog(self.context)
        problems = settings_problems(self.limit, self.types)
        catalog.problems.extend(problems)
        langs = [None, *dtz_content.languages.others(self.settings)]  # each other language's site: below /<lang>/feeds/
        self.feeds = {lang: self.site_feeds(lang, [] if problems else self.types) for lang in langs}
        for feed in (feed for feeds in self.feeds.values() for feed in feeds):
            catalog.offer("feed", feed)
        self.context["dtz_follow_url"] = FOLLOW_URL  # the footer's link to the Volgen page

    def site_feeds(self, lang, types):
        """The combined RSS and Atom feeds, then an RSS feed per type (parels.xml: named after its section), of the
        site in ``lang``; another language's site has those of the types a translation can have."""
        at = functools.partial(dtz_content.languages.at, lang, settings=self.settings)
        name, _ = self.settings.get("SITENAME", ""), dtz_content.languages.gettext(self.settings, lang)
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
                dtz_build.write_output(self.settings, self.output_path, feed.path, feed_bytes(feed, items, self.settings))
        offered = {"feeds": catalog.offered("feed"), "calendars": catalog.offered("calendar")}
        dtz_content.write_page(self, writer, FOLLOW_URL, "feeds/follow", **offered)


def settings_problems(limit, types):
    """DTZ_FEED_LIMIT and DTZ_FEED_TYPES as one line each when they are wrong, not a traceback."""
    problems = list(filter(None, [dtz_content.count_problem("DTZ_FEED_LIMIT", limit, 1, 50)]))
    if not isinstance(types, (list, tuple)) or not all(key in DEFAULT_TYPES for key in types):
        expected = "een lijst uit: " + ", ".join(DEFAULT_TYPES)
        problems.append(dtz_content.setting_problem("DTZ_FEED_TYPES", f"{types!r} noemt een type zonder feed", expected))
    return problems


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
