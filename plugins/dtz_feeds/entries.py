"""Feed files put together from cached entries: a rebuild turns only changed items into XML.

feedgen makes every entry again on every build, with all links in its content made absolute,
and Pelican resolves that content ({filename} links) on first use: at thousands of items most of
the feeds' time. So each entry's XML is kept in dtz_content's DiskCache, keyed by its values
(:func:`feeds.entry_values`: address, title, dates, summary, categories, image and its size),
what its content is made from (the item's page inputs: its file, where every item lives, the
settings), the format, feedgen's and lxml's versions and the code that turns them into XML.

A file is the channel as feedgen writes it without entries, with the entries' XML before its
closing tag: lxml indents an element by its depth alone, so that is byte for byte what feedgen
writes for the whole feed (tests/test_feeds_cache.py compares the two).
"""

import inspect
from importlib.metadata import version

import dtz_content

from . import feeds
from .feeds import ATOM, RSS

# Per format: where the first entry starts (after the newline before it) and the tag the entries go before.
FORMS = {RSS: (b"\n    <item>", b"  </channel>"), ATOM: (b"\n  <entry>", b"</feed>")}


def _code():
    """feedgen, lxml and the source of every module that turns an entry's values into XML."""
    sources = []
    for function in (feeds.add_entry, feeds.add_enclosure, dtz_content.absolute_links):
        with open(inspect.getsourcefile(function), "rb") as handle:
            sources.append(handle.read())
    return dtz_content.digest(version("feedgen"), version("lxml"), *sources)


TOOLS = _code()


class FeedFiles:
    """The bytes of every feed in one build; an item's entry is made (or read from the cache) once per format."""

    def __init__(self, settings, catalog):
        self.settings, self.catalog = settings, catalog
        self.cache = dtz_content.DiskCache(settings, "feed-entry")
        self.made = {}  # (format, id(item)) -> the entry's XML

    def xml(self, feed, items):
        empty = feeds.serialize(feeds.channel(feed, items, self.settings), feed.mime)
        cut = empty.rindex(FORMS[feed.mime][1])
        return empty[:cut] + b"".join(self.entry(feed, item) for item in items) + empty[cut:]

    def entry(self, feed, item):
        made = (feed.mime, id(item))
        if made not in self.made:
            values = feeds.entry_values(item, self.settings)
            key = dtz_content.digest(TOOLS, feed.mime, repr(sorted(values.items())), self.catalog.page_inputs(item))
            self.made[made] = self.cache.get_or_make(key, lambda: self.alone(feed, item))
        return self.made[made]

    def alone(self, feed, item):
        """The entry's XML, cut from the feed with only this entry (markup in text is always escaped)."""
        data = feeds.serialize(feeds.build(feed, [item], self.settings), feed.mime)
        start, close = FORMS[feed.mime]
        return data[data.index(start) + 1: data.rindex(close)]
