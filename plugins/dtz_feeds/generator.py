"""The generator that writes every feed into the build's output folder."""

import functools

from pelican.generators import Generator

import dtz_build
import dtz_content

from . import feeds
from .feeds import ATOM, RSS, Feed

DEFAULT_TYPES = ("pearl", "cop", "event", "newsletter", "techzine")
FOLLOW_URL = "volgen/"  # the page that explains the feeds and the agenda subscription


class FeedsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = self.settings.get("DTZ_FEED_LIMIT", 50)
        self.types = self.settings.get("DTZ_FEED_TYPES", DEFAULT_TYPES)
        self.feeds = {}  # lang (None: the site's) -> (the combined feeds, one per type)

    def generate_context(self):
        """Check the settings; offer the feeds (autodiscovery, the Volgen page) through the catalog."""
        catalog = dtz_content.catalog(self.context)
        problems = settings_problems(self.limit, self.types)
        catalog.problems.extend(problems)
        for lang in [None, *dtz_content.languages.others(self.settings)]:  # each other language's site: below /<lang>/feeds/
            combined, per_type = self.feeds[lang] = self.site_feeds(lang, [] if problems else self.types)
            for feed in combined + per_type:
                catalog.offer("feed", feed)
        self.context["dtz_follow_url"] = FOLLOW_URL  # the footer's link to the Volgen page

    def site_feeds(self, lang, types):
        """(the combined RSS and Atom feeds, one RSS feed per type) of the site in ``lang``; another
        language's site has those of the types a translation can have."""
        at = functools.partial(dtz_content.languages.at, lang, settings=self.settings)
        name, _ = self.settings.get("SITENAME", ""), dtz_content.languages.gettext(self.settings, lang)
        types = [key for key in types if lang is None or dtz_content.TYPES[key].field("lang")]
        combined = [Feed(at("feeds/rss.xml"), name, RSS, at(""), lang=lang), Feed(at("feeds/atom.xml"), name, ATOM, at(""), lang=lang)]
        per_type = [
            Feed(
                at(f"feeds/{type_feed_name(key)}.xml"),
                f"{name} — {_(dtz_content.TYPES[key].plural)}",
                RSS,
                at(dtz_content.TYPES[key].index_url),
                key,
                lang,
            )
            for key in types
        ]
        return combined, per_type

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        for lang, (combined, per_type) in self.feeds.items():
            if lang is not None and not catalog.pages_in(lang):
                continue  # no translation is visible: that language has no site
            by_type = {key: catalog.published(key, lang) for key in self.types}
            newest = sorted((item for items in by_type.values() for item in items), key=lambda item: (item.date, item.type, item.slug), reverse=True)
            for feed in combined + per_type:
                items = by_type[feed.type_key] if feed.type_key else newest[: self.limit]
                data = feeds.serialize(feeds.build(feed, items, self.settings), feed.mime)
                dtz_build.write_output(self.settings, self.output_path, feed.path, data)
        offered = {"feeds": catalog.offered("feed"), "calendars": catalog.offered("calendar")}
        dtz_content.write_page(self, writer, FOLLOW_URL, "feeds/follow", **offered)


def settings_problems(limit, types):
    """DTZ_FEED_LIMIT and DTZ_FEED_TYPES as one line each when they are wrong, not a traceback."""
    problems = []
    limit_problem = dtz_content.count_problem("DTZ_FEED_LIMIT", limit, 1, 50)
    if limit_problem:
        problems.append(limit_problem)
    if not isinstance(types, (list, tuple)) or not all(key in DEFAULT_TYPES for key in types):
        problems.append(
            dtz_content.setting_problem("DTZ_FEED_TYPES", f"{types!r} noemt een type zonder feed", "een lijst uit: " + ", ".join(DEFAULT_TYPES))
        )
    return problems


def type_feed_name(key):
    """parels, cops, agenda, nieuwsbrief, techzine: the name of the type's own section."""
    return dtz_content.TYPES[key].index_url.strip("/")
