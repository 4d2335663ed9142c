"""Feed files put together from cached entries: a rebuild turns only changed items into XML.

feedgen makes every entry again on every build, with all links in its content made absolute,
and Pelican resolves that content ({filename} links) on first use: at thousands of items most of
the feeds' time. So each entry's XML is kept in dtz_build's DiskCache, keyed by the item's
page key (``dtz_build.page_key(settings, item=item)``: its file, where the items it links live, the
settings, the static files with the image, the plugins' code: all an entry shows comes from these), the format,
feedgen's and lxml's versions and the code that turns an item into XML.

A file is the channel as feedgen writes it without entries, with the entries' XML before its
closing tag: lxml indents an element by its depth alone, so that is byte for byte what feedgen
writes for the whole feed (tests/test_feeds_cache.py compares the two). Entries the cache
lacks are made together, as one feed, and cut apart, so a cold build costs what feedgen costs.
"""

import inspect
import os
from importlib.metadata import version

import dtz_build
import dtz_content

from . import feeds
from .feeds import ATOM, RSS

# Per format: the line that starts an entry, and the tag the entries go before.
FORMS = {RSS: (b"    <item>\n", b"  </channel>"), ATOM: (b"  <entry>\n", b"</feed>")}
BUNDLES = {RSS: "rss", ATOM: "atom"}  # the cache file of each format's entries


def _code():
    """feedgen, lxml and the source of every module that turns an entry's values into XML (this one too)."""
    sources = []
    for path in (__file__, *map(inspect.getsourcefile, (feeds.add_entry, feeds.add_enclosure, dtz_content.absolute_links))):
        with open(path, "rb") as handle:
            sources.append(handle.read())
    return dtz_build.digest(version("feedgen"), version("lxml"), *sources)


TOOLS = _code()


class FeedFiles:
    """The bytes of every feed in one build; an item's entry is made (or read from the cache) once per format.

    The entries of a format are kept together in one cache file (``rss``, ``atom``), each under
    its own key: thousands of small files would cost more to write and read than one.
    """

    def __init__(self, settings):
        self.settings = settings
        self.cache = dtz_build.DiskCache(settings, "feed-entry")
        self.stored = {}  # format -> {key: XML} as the last build left them
        self.made = {}  # (format, id(item)) -> (key, the entry's XML)

    def xml(self, feed, items):
        missing = [item for item in items if not self.known(feed, item)]
        if missing:  # made together, as one feed, then cut apart: as fast as feedgen alone
            whole = feeds.serialize(feeds.build(feed, missing, self.settings), feed.mime)
            for item, data in zip(missing, split(whole, feed.mime), strict=True):
                key, _ = self.made[(feed.mime, id(item))]
                self.made[(feed.mime, id(item))] = (key, data)
        empty = feeds.serialize(feeds.channel(feed, items, self.settings), feed.mime)
        cut = empty.rindex(FORMS[feed.mime][1])
        return empty[:cut] + b"".join(self.made[(feed.mime, id(item))][1] for item in items) + empty[cut:]

    def known(self, feed, item):
        """True when the entry was made this build or is in the cache (else its key is noted, to make it)."""
        made = (feed.mime, id(item))
        if made not in self.made:
            key = dtz_build.digest(TOOLS, feed.mime, dtz_build.page_key(self.settings, item=item) or repr(os.urandom(16)))
            self.made[made] = (key, self.stored_entries(feed.mime).get(key))
        return self.made[made][1] is not None

    def stored_entries(self, mime):
        if mime not in self.stored:
            self.stored[mime] = unpack(self.cache.get(BUNDLES[mime]) or b"")
        return self.stored[mime]

    def save(self):
        """Keep the entries this build used, per format, for the next build (unused ones go)."""
        for mime, name in BUNDLES.items():
            used = {key: data for (form, _), (key, data) in self.made.items() if form == mime}
            if used != self.stored_entries(mime):
                self.cache.put(name, pack(used))


def pack(entries):
    return b"".join(b"%s %d\n%s" % (key.encode("ascii"), len(data), data) for key, data in sorted(entries.items()))


def unpack(blob):
    """{key: XML} from :func:`pack`'s bytes; nothing from bytes in another form."""
    entries, position = {}, 0
    try:
        while position < len(blob):
            end = blob.index(b"\n", position)
            key, size = blob[position:end].split(b" ")
            position = end + 1 + int(size)
            entries[key.decode("ascii")] = blob[end + 1 : position]
    except ValueError:
        return {}
    return entries


def split(data, mime):
    """The XML of each entry in a serialized feed, in order.

    Markup in text is always escaped, so a line that starts an entry is one.
    """
    start, close = FORMS[mime]
    body = data[data.index(b"\n" + start) + 1 : data.rindex(close)]
    return [start + part for part in body.split(start)[1:]]
