"""The Content class behind every type: a Pelican Content with its table and typed values.

Every field of the model is an attribute, generated from the type's table: ``item.fields``
holds them all as written in the header (``item.fields.date`` is a date when the editor wrote
only a date; None when a field is left out), and every field Pelican does not keep itself is
also an attribute of the item (``item.end``, ``item.location``; None when left out).
"""

import os
import re
from dataclasses import make_dataclass
from html import unescape

import markdown
from markupsafe import Markup, escape
from pelican.contents import Content

import dtz_build

from .dates import moment
from .kinds import Image, as_list

HEADER_END = re.compile(r"\r?\n[ \t]*\r?\n")  # the header ends at the first blank line
# Pelican keeps these itself (date, slug, tags ...); typed values go on every other field.
PELICAN_OWNED = {"title", "date", "slug", "status", "summary", "tags", "items", "lang"}


class Item(Content):
    """One source file of a DTZ content type; subclasses are made per type from the model."""

    content_type = None
    mandatory_properties = ("title",)
    allowed_statuses = ("published", "draft")
    default_status = "published"
    unfinished = False  # a draft with problems of its own: in no list, a page of its own in preview
    draft_problems = ()  # a draft's problems (warnings), shown on its CONCEPT banner in preview

    @property
    def default_template(self):
        return self.content_type.template

    def attach(self, values, header_lines, display_path):
        """Give the item its typed values, as validated from the raw header."""
        self.fields = self.record(**values)
        self.header_lines = header_lines
        self.display_path = display_path
        self.items = []
        self.named = {}  # field key -> [(name, item of the register or None)], set by the catalog
        self.dependencies = []  # what pages showing it read besides its file (record_dependency)
        self.state = "published"
        for field in self.content_type.fields:  # a value left empty or invalid in a draft stays None, not Pelican's raw text
            if field.key not in PELICAN_OWNED:
                setattr(self, field.key, values.get(field.key))
        self.lang = values.get("lang") or self.settings["DEFAULT_LANG"]  # Pelican's rule: another Lang, same Slug: a translation
        self.in_default_lang = self.lang == self.settings["DEFAULT_LANG"]
        self.description = values.get("summary") or first_paragraph(self._content or "")

    # Templates escape every value (JINJA_ENVIRONMENT autoescape): header fields are plain text, so
    # "Groei > 10% & kosten" stays text. The body and the summary are HTML the reader made: marked safe here.
    @property
    def content(self):
        return Markup(super().content)

    @property
    def summary(self):
        return Markup(super().summary)

    @summary.setter
    def summary(self, value):  # Pelican assigns it while reading; its own setter ignores the value too
        pass

    @property
    def type(self):
        return self.content_type.key

    @property
    def municipality_list(self):
        return [self.fields.municipality] if getattr(self.fields, "municipality", None) else list(getattr(self.fields, "municipalities", None) or [])

    @property
    def sector_list(self):
        """A pearl's one Sector or a company's several, as a list."""
        return as_list(getattr(self.fields, "sector", None))

    def linked(self, name):
        """(name, item or None) for every name in field ``name`` (a CoP's Members): the item when
        the name is a visible item of the register, so templates can link it."""
        key = name.lower()
        return self.named[key] if key in self.named else [(each, None) for each in as_list(getattr(self.fields, key, None))]

    @property
    def lead_image(self):
        """(path, alt) of the item's first image field (a pearl's Image, an issue's Cover), or None.

        Feeds, cards and metadata show one image per item, whatever the type calls it.
        """
        for field, path in self.image_fields:
            return path, getattr(self.fields, field.key + "_alt", None) or ""
        return None

    @property
    def image_fields(self):
        """(field, path) of every image field the item fills in, for checks that report at the field's line."""
        return [
            (f, getattr(self.fields, f.key))
            for f in self.content_type.fields
            if isinstance(f.kind, Image) and getattr(self.fields, f.key) is not None
        ]

    @property
    def url_format(self):
        """Pelican works out the values ``url`` and ``save_as`` are formatted from (a relpath and two
        slugifies) on every access; templates, feeds and page keys ask for them many times.

        Kept per slug, so a plugin that changes an item's slug still gets the new address.
        """
        cached = self.__dict__.get("_dtz_url_format")
        if cached is None or cached[0] != self.slug:
            cached = self.__dict__["_dtz_url_format"] = (self.slug, Content.url_format.fget(self))
        return cached[1]

    def get_url_setting(self, key):
        cached = self.__dict__.setdefault("_dtz_urls", {})  # per key and slug, like url_format
        where = (key, self.slug)
        if where not in cached:
            cached[where] = super().get_url_setting(key)
        return cached[where]

    def cache_key(self):
        """Everything about the item a page can show (dtz_build's page keys): its source file, the HTML
        the reader made of it (Markdown's settings and extensions count that way) with its links
        resolved, its address and state, where the register items it names live, what plugins
        recorded it depends on, and the items it lists. Nothing of any other item counts: adding one renders again only the pages that show it."""
        return self._key(
            "whole",
            lambda: dtz_build.digest(
                self.source_digest,
                self.shown_body(),
                self.url,
                self.state,
                *map(str, self.draft_problems),
                *self.named_key(),
                *self.dependencies,
                *(i.cache_key() for i in self.items),
            ),
        )

    def listed_key(self):
        """What an overview shows of the item: its header (the values come from it), description,
        address and state, what plugins recorded it depends on, and what overviews show of the items it lists."""
        return self._key(
            "listed",
            lambda: dtz_build.digest(
                self.header_digest, str(self.description), self.url, self.state, *self.dependencies, *(i.listed_key() for i in self.items)
            ),
        )

    def shown_body(self):
        """The body as its page shows it. Pelican resolves ``{filename}`` and ``{static}`` links against
        the other items when a page is rendered; the key takes them resolved, so a page counts the
        address of each item its body links (Lektor's recorded dependency) and of no other."""
        body = self._content or ""
        if not re.search(self.settings["INTRASITE_LINK_REGEX"], body):  # no link to resolve: spare the scan
            return body
        return self.get_content(self.settings["SITEURL"])  # Pelican's memo: the rendering uses the same

    def record_dependency(self, key):
        """Something a page showing the item reads besides its file (a plugin's: the bytes of its header
        image, which a template asks for by path), as Lektor records a dependency where it is read."""
        self.dependencies.append(key)
        self.__dict__.pop("_dtz_keys", None)

    def named_key(self):
        """Where the register items that the item's fields name live (a pearl's Company links its profile)."""
        return [f"{field}:{name}:{target.url if target else ''}" for field, pairs in sorted(self.named.items()) for name, target in pairs]

    def _key(self, kind, make):
        """Computed once per address and state: the same items are listed on many overviews."""
        keys = self.__dict__.setdefault("_dtz_keys", {})
        where = (kind, self.url, self.state)
        if where not in keys:
            keys[where] = make()
        return keys[where]

    @property
    def draft_like(self):
        """Shown only in preview: gets the CONCEPT banner."""
        return self.state != "published"


def item_class(ctype):
    """The Content subclass for a type (Pelican reads its URL settings by class name), with an
    attribute per field of the model and ``record``, the class of its ``fields``."""
    record = make_dataclass(f"{ctype.class_name}Fields", [(f.key, object, None) for f in ctype.fields], frozen=True)
    attributes = {f.key: None for f in ctype.fields if f.key not in PELICAN_OWNED}
    return type(ctype.class_name, (Item,), {"content_type": ctype, "record": record, **attributes})


def item_from_text(cls, text, values, source_path, settings, context):
    """A stand-in for a file with problems that Pelican cannot read (a Date it cannot parse): its body
    made with the site's Markdown settings, and only the values that are valid. The checks after
    reading (images, an issue's intro, names across files) see it, so one run says everything; it is
    never listed, and in preview only a draft's own page shows it."""
    parts = HEADER_END.split(text, 1)
    html = markdown.Markdown(**settings.get("MARKDOWN", {})).convert(parts[1] if len(parts) > 1 else "")
    metadata = {"title": values.get("title") or os.path.basename(source_path)}
    if values.get("date") is not None:
        metadata["date"] = moment(values["date"])
    return cls(html, metadata=metadata, settings=settings, source_path=source_path, context=context)


def item_from_row(cls, row, source_path, shown, settings, context):
    """The item of one spreadsheet row (dtz_content.sheet): its title and date from the fields the
    type names, its description as the text, its address from the row's slug."""
    ctype = cls.content_type
    values = row.values
    metadata = {"title": values[ctype.title_field.lower()], "slug": row.slug}
    day = values.get(ctype.date_field.lower())
    if day is not None:
        metadata["date"] = moment(day)
    text = values.get("description") or ""
    html = "\n".join(f"<p>{escape(part.strip())}</p>" for part in text.splitlines() if part.strip())
    item = cls(html, metadata=metadata, settings=settings, source_path=source_path, context=context)
    item.attach(values, row.header.lines, shown)
    item.source_digest = item.header_digest = row.digest
    return item


def first_paragraph(html, limit=160):
    """Plain text of the first paragraph, cut at a word before ``limit`` characters."""
    match = re.search(r"<p[^>]*>(.*?)</p>", html, re.S)
    text = unescape(re.sub(r"<[^>]+>", "", match.group(1) if match else html))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
