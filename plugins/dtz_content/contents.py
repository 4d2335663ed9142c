"""The Content class behind every type: a Pelican Content with its table and typed values (``item.fields``, and
every field Pelican does not keep itself as an attribute: ``item.end``; None when left out)."""

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
from .problems import Problem

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

    def problem(self, field, what, expected, line=None):
        """A Problem at ``field``'s line in the item's header (``line`` if given; else line 1)."""
        return Problem(self.display_path, line or self.header_lines.get(field.lower(), 1), field, what, expected)

    # Templates escape every value (autoescape); the body and the summary are HTML the reader made: marked safe here.
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
        return as_list(getattr(self.fields, "municipality", None)) or list(getattr(self.fields, "municipalities", None) or [])

    @property
    def sector_list(self):
        """A pearl's one Sector or a company's several, as a list."""
        return as_list(getattr(self.fields, "sector", None))

    def linked(self, name):
        """(name, the visible register item or None) for every name in field ``name`` (a CoP's Members), for links."""
        key = name.lower()
        return self.named[key] if key in self.named else [(each, None) for each in as_list(getattr(self.fields, key, None))]

    @property
    def lead_image(self):
        """(path, alt) of the item's first image field (a pearl's Image, an issue's Cover), or None: one image per item."""
        return next(((path, getattr(self.fields, field.key + "_alt", None) or "") for field, path in self.image_fields), None)

    @property
    def image_fields(self):
        """(field, path) of every image field the item fills in, for checks that report at the field's line."""
        fields = [f for f in self.content_type.fields if isinstance(f.kind, Image)]
        return [(f, getattr(self.fields, f.key)) for f in fields if getattr(self.fields, f.key) is not None]

    @property
    def url_format(self):
        """Pelican's values for ``url`` and ``save_as``, worked out once per slug (Pelican does so on every access)."""
        return self._memo("_dtz_urls", (None, self.slug), lambda: Content.url_format.fget(self))

    def get_url_setting(self, key):
        return self._memo("_dtz_urls", (key, self.slug), lambda: Content.get_url_setting(self, key))

    def cache_key(self):
        """Everything about the item a page can show (dtz_build's page keys): source, HTML with links resolved, address,
        state, the register items it names, recorded dependencies, the items it lists; nothing of any other item."""

        def whole():
            # where the register items its fields name live (a pearl's Company links its profile)
            named = [f"{field}:{name}:{target.url if target else ''}" for field, pairs in sorted(self.named.items()) for name, target in pairs]
            named = [*map(str, self.draft_problems), *named, *self.dependencies]
            return dtz_build.digest(self.source_digest, self.shown_body(), self.url, self.state, *named, *(i.cache_key() for i in self.items))

        return self._memo("_dtz_keys", ("whole", self.slug, self.state), whole)  # the slug decides the address

    def listed_key(self):
        """What an overview shows of the item: header, description, address, state, dependencies, its items' listed keys."""

        def listed():  # once: the item is listed on many overviews
            items = (i.listed_key() for i in self.items)
            return dtz_build.digest(self.header_digest, str(self.description), self.url, self.state, *self.dependencies, *items)

        return self._memo("_dtz_keys", ("listed", self.slug, self.state), listed)

    def shown_body(self):
        """The body with its ``{filename}`` links resolved: a page counts the address of each item its body links, no other."""
        body = self._content or ""
        if not re.search(self.settings["INTRASITE_LINK_REGEX"], body):  # no link to resolve: spare the scan
            return body
        return self.get_content(self.settings["SITEURL"])  # Pelican's memo: the rendering uses the same

    def record_dependency(self, key):
        """Something a page showing the item reads besides its file (its image's bytes), recorded where it is read."""
        self.dependencies.append(key)
        self.__dict__.pop("_dtz_keys", None)

    def _memo(self, name, where, make):
        """``make()`` once per ``where`` (an address, a state), kept in the item's ``name`` dict."""
        memo = self.__dict__.setdefault(name, {})
        if where not in memo:
            memo[where] = make()
        return memo[where]

    @property
    def draft_like(self):
        """Shown only in preview: gets the CONCEPT banner."""
        return self.state != "published"


def item_class(ctype):
    """The Content subclass for a type (named for Pelican's URL settings), an attribute per field, ``record`` for ``fields``."""
    record = make_dataclass(f"{ctype.class_name}Fields", [(f.key, object, None) for f in ctype.fields], frozen=True)
    attributes = {f.key: None for f in ctype.fields if f.key not in PELICAN_OWNED}
    return type(ctype.class_name, (Item,), {"content_type": ctype, "record": record, **attributes})


def item_from_text(cls, text, values, source_path, settings, context):
    """A stand-in for a file with problems Pelican cannot read (a bad Date), its valid values only: the checks after
    reading see it, so one run says everything; never listed, in preview only on a draft's own page."""
    html = markdown.Markdown(**settings.get("MARKDOWN", {})).convert((HEADER_END.split(text, 1) + [""])[1])  # the body
    metadata = {"title": values.get("title") or os.path.basename(source_path)}
    if values.get("date") is not None:
        metadata["date"] = moment(values["date"])
    return cls(html, metadata=metadata, settings=settings, source_path=source_path, context=context)


def item_from_row(cls, row, source_path, shown, settings, context):
    """The item of one spreadsheet row (:mod:`sheet`): its description as the text, its address from the row's slug."""
    ctype = cls.content_type
    values = row.values
    metadata = {"title": values[ctype.title_field.lower()], "slug": row.slug}
    day = values.get(ctype.date_field.lower())
    if day is not None:
        metadata["date"] = moment(day)
    html = "\n".join(f"<p>{escape(part.strip())}</p>" for part in (values.get("description") or "").splitlines() if part.strip())
    item = cls(html, metadata=metadata, settings=settings, source_path=source_path, context=context)
    item.attach(values, row.header.lines, shown)
    item.source_digest = item.header_digest = row.digest
    return item


def first_paragraph(html, limit=160):
    """Plain text of the first paragraph, cut at a word before ``limit`` characters."""
    match = re.search(r"<p[^>]*>(.*?)</p>", html, re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", match.group(1) if match else html)).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
