"""An item's image as an enclosure, in RSS (<enclosure>) and Atom (<link rel="enclosure">).

feedgen 1.0's own ``FeedEntry.enclosure`` loses rel, type and length in Atom
entries (entry.py reuses its loop variable), which would give an entry a second
rel="alternate" link; this feedgen entry extension writes both forms itself.
"""

from feedgen.ext.base import BaseEntryExtension
from feedgen.util import xml_elem

NAME = "dtz_enclosure"


class EnclosureExtension(BaseEntryExtension):
    def __init__(self):
        self.attributes = None

    def set(self, url, length, mime):
        self.attributes = {"url": url, "length": str(length), "type": mime}

    def extend_rss(self, item):
        if self.attributes:
            xml_elem("enclosure", item, **self.attributes)
        return item

    def extend_atom(self, entry):
        if self.attributes:
            a = self.attributes
            xml_elem("link", entry, href=a["url"], rel="enclosure", type=a["type"], length=a["length"])
        return entry


def add_enclosure(entry, url, length, mime):
    entry.register_extension(NAME, EnclosureExtension)
    getattr(entry, NAME).set(url, length, mime)
