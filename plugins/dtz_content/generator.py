"""Read and check every typed source file, then write each type's pages and index."""

import contextlib
import os
from pathlib import Path

from pelican.generators import CachingGenerator

import dtz_build
from dtz_contract import inside

from . import header, languages, passages
from .catalog import CONTEXT_KEY, Catalog
from .contents import HEADER_END, item_class, item_from_row, item_from_text
from .model import TYPES, type_folder
from .problems import Problem, display_path
from .sheet import read_sheet
from .validate import ParseContext, check_file, decode

EXTENSIONS = ("md", "markdown")


def get_catalog(context):
    """The catalog of this build, created on first use so generator order does not matter."""
    if CONTEXT_KEY not in context:
        context[CONTEXT_KEY] = Catalog(context)
        dtz_build.current(context).record["today"] = context[CONTEXT_KEY].today.isoformat()  # the build record's day
        dtz_build.leave_out_setting(context, "DTZ_TODAY")  # pages get the day as values: a new day renders only what it changed
    return context[CONTEXT_KEY]


class ContentGenerator(CachingGenerator):
    """All DTZ content types, driven by the model table."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Markdown reads passage markers and passes over the header's notes; named by module, the settings stay picklable
        extensions = self.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
        extensions += [module for module in (passages.__name__, header.__name__) if module not in extensions]
        dtz_build.reader_cache.forget_if_stale(self.settings, self.readers, type(self).__name__ + "-Readers")
        self.classes = {key: item_class(ctype) for key, ctype in TYPES.items()}
        for ctype in TYPES.values():
            prefix = ctype.class_name.upper()
            own = {"URL": ctype.url, "SAVE_AS": f"{ctype.url}index.html"} if ctype.url and f"{prefix}_URL" not in self.settings else {}
            for key in ("URL", "SAVE_AS"):  # a translation (another Lang) lives at its original's path below /<lang>/
                self.settings[f"{prefix}_{key}"] = own[key] if own else self.settings.get(f"{prefix}_{key}", "")
                self.settings[f"{prefix}_LANG_{key}"] = languages.LANG_PREFIX + self.settings[f"{prefix}_{key}"] if ctype.url else ""

    def sources(self):
        """(type, base, relative path, below content/) of every Markdown file, in reading order."""
        found = []
        for ctype in (ctype for ctype in TYPES.values() if not ctype.sheet):
            folder = type_folder(ctype, self.path, self.settings)
            below_content = inside(folder, self.path)
            base = self.path if below_content else folder
            found += [(ctype, base, relative, below_content) for relative in sorted(files_in(folder, base))]
        return found

    def generate_context(self):
        catalog = get_catalog(self.context)
        catalog.generator = self  # make serve reads and writes a saved file's page with it (page_at_once)
        ctx = ParseContext(self.settings, self.path)
        for ctype in (t for t in TYPES.values() if t.sheet):  # one item per good row; the problems of the others, by row
            folder = type_folder(ctype, self.path, self.settings)
            sheet = read_sheet(folder, ctype, ctx)
            catalog.problems += sheet.problems
            catalog.warnings += sheet.warnings
            catalog.hold_names(ctype, sheet.held)
            for row in sheet.rows:
                catalog.add(item_from_row(self.classes[ctype.key], row, os.path.join(folder, ctype.sheet), sheet.path, self.settings, self.context))
        run = dtz_build.current(self.context)
        for ctype, base, relative, below_content in self.sources():
            run.stop_if_superseded()  # make serve: a newer save is read by the run after this one
            self._read(catalog, ctype, base, relative, ctx, below_content)
        catalog.resolve()
        self.save_cache()
        self.readers.save_cache()
        dtz_build.reader_cache.saved(self.settings, self.readers, type(self).__name__ + "-Readers")

    def _read(self, catalog, ctype, base, relative, ctx, below_content):
        full = os.path.join(base, relative)
        shown = display_path(full)
        text, problem = decode(Path(full).read_bytes(), shown)
        if problem:
            catalog.problems.append(problem)
            return
        values, header, problems, warnings = check_file(text, shown, ctype, ctx, source=full)
        catalog.warnings += warnings
        draft = header.values.get("status", "").strip().lower() == "draft"
        try:
            item = self.readers.read_file(base_path=base, path=relative, content_class=self.classes[ctype.key], context=self.context)
        except Exception as error:  # a reader failing on odd Markdown must not become a traceback
            item = None
            if problems:  # Pelican stops at a value they name (a bad Date): the checks after reading still see the file
                with contextlib.suppress(Exception):  # its own lines say why
                    item = item_from_text(self.classes[ctype.key], text, values, full, self.settings, self.context)
            if item is None:  # without problems of its own: a file Markdown cannot read
                problems = problems or [Problem(shown, 1, "Bestand", f"kan niet gelezen worden ({error})", "geldige Markdown")]
                catalog.broken(ctype, file_slug(values, full), problems, draft=draft, lang=values.get("lang"))
                return
        item.attach(values, header.lines, shown)
        item.source_digest = dtz_build.digest(text)  # what the item's page is made from (cache_key)
        item.header_digest = dtz_build.digest(HEADER_END.split(text, 1)[0])  # what overviews show of it (listed_key)
        if problems:  # in no list; a draft's problems are warnings until something publishes it, anything else's errors
            item.slug = file_slug(values, full)
            catalog.unfinished(item, problems, draft)
            if draft and not ctype.url:  # no page of its own (a bidbook chapter): its draft gets one, to show its problems
                item.override_url = f"{ctype.folder}/concept/{item.slug}/"
                item.override_save_as = item.override_url + "index.html"
        else:
            catalog.add(item)
        if below_content:  # lets {filename} links and the static generator know the file
            self.add_source_path(item)
            self.add_static_links(item)

    def refresh_metadata_intersite_links(self):
        catalog = get_catalog(self.context)
        for item in [item for key in TYPES for item in catalog.read(key)]:
            item.refresh_metadata_intersite_links()

    def write_item(self, writer, item, template):
        write_page(self, writer, item.url, template, save_as=item.save_as, item=item, page=item)

    def generate_output(self, writer):
        catalog = get_catalog(self.context)
        for item in catalog.unfinished_drafts() if catalog.preview else ():
            self.write_item(writer, item, "page")  # the type's own template needs values the draft still lacks
        for ctype in (t for t in TYPES.values() if t.url and t.template):
            for lang in [None, *languages.others(self.settings)]:  # Dutch, then each translation's own site
                items = catalog.visible(ctype.key, lang)
                for item in items:
                    self.write_item(writer, item, item.template)
                if ctype.index_url and (items or lang is None):
                    extra = dict(zip(("upcoming", "past"), catalog.agenda(catalog.today, items))) if ctype.key == "event" else {}
                    url = languages.at(lang, ctype.index_url, self.settings)
                    write_page(self, writer, url, f"{ctype.template}_index", items=items, content_type=ctype, **extra)


def write_page(generator, writer, url, template, save_as=None, **values):
    """The page at ``url`` from ``template`` and the generator's context: written to ``save_as``, by default
    the folder's index.html (``""``: the home page) or the file ``url`` names; with ``relative_urls`` unless given."""
    save_as = save_as or (url + "index.html" if url.endswith("/") or not url else url)
    values.setdefault("relative_urls", generator.settings["RELATIVE_URLS"])
    values = {**get_catalog(generator.context).page_values(url), **values}  # its language's menu, hreflang versions
    writer.write_file(save_as, generator.get_template(template), generator.context, url=url, **values)


def page_at_once(context, path):
    """make serve's page of the saved Markdown file ``path``, read and checked on its own and written at once with the last
    good build's ``context``. Returns the file's own error lines (its page then stays as it was); none when written, or
    when the file makes no page here. The build that follows catches up on everything else."""
    catalog = get_catalog(context)
    generator = catalog.generator
    path = os.path.abspath(path)
    with dtz_build.writer_at_once(context) as writer:
        for ctype, base, relative, below_content in generator.sources():
            if os.path.join(base, relative) != path:
                continue
            alone = catalog.beside()
            generator._read(alone, ctype, base, relative, ParseContext(generator.settings, generator.path), below_content)
            alone.resolve_names()
            alone.settle()
            if alone.problems:
                return [str(problem) for problem in sorted(set(alone.problems))]
            for item in alone.read(ctype.key):
                other = catalog.item(ctype.key, item.slug, item.lang)
                if ctype.url and ctype.template and (other is None or other.source_path == item.source_path):  # a page of its own, no other file's
                    generator.write_item(writer, item, "page" if item.unfinished else item.template)
    return []


def file_slug(values, path):
    """The slug a file has (or would have): its valid Slug, else its file name."""
    return values.get("slug") or os.path.splitext(os.path.basename(path))[0]


def files_in(folder, base):
    """Markdown files below ``folder`` (none when it is missing), relative to ``base``; hidden files and folders skipped."""
    found = (path.relative_to(folder) for path in Path(folder).rglob("*.*") if path.suffix[1:] in EXTENSIONS and path.is_file())
    return [os.path.relpath(os.path.join(folder, path), base) for path in found if not any(part.startswith(".") for part in path.parts)]
