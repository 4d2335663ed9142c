"""The catalog: every item of every type, read once, and the questions other plugins ask (``dtz_content.catalog``)."""

import datetime
from collections import defaultdict, namedtuple
from functools import lru_cache
from types import SimpleNamespace

from pelican.utils import slugify

from . import dates, languages
from .dates import AMSTERDAM, last_day, moment
from .hints import did_you_mean
from .kinds import Names, Refs, as_list
from .model import LANGUAGES, TYPES
from .problems import setting_problem

CONTEXT_KEY = "dtz_catalog"
OFFERS = ("feed", "calendar")  # what readers can subscribe to, in the order pages list them


Appearance = namedtuple("Appearance", "channel date source")  # source: the item itself, or the issue that lists it
Appearance.__doc__ = "An item shown somewhere: on the website, in a newsletter or in TechZine."


def today(settings):
    """DTZ_TODAY as a date; by default today in Europe/Amsterdam."""
    value = settings.get("DTZ_TODAY") or datetime.datetime.now(AMSTERDAM).date()
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def local_day(item):
    """The calendar day of an item's Date in Europe/Amsterdam, or None without a Date."""
    date = getattr(item, "date", None)
    return None if date is None else (date.astimezone(AMSTERDAM).date() if date.tzinfo else date.date())


def term_slug(name, settings):
    return _slug(name, tuple(map(tuple, settings.get("SLUG_REGEX_SUBSTITUTIONS", []))))


@lru_cache(maxsize=4096)
def _slug(name, subs):
    """Templates ask for the same few municipality and sector slugs on every page: slugify each once."""
    return slugify(name, regex_subs=list(subs))


class Catalog:
    def __init__(self, settings):
        self.settings = settings
        self.preview = bool(settings.get("DTZ_PREVIEW"))
        self.problems, self.warnings = [], []
        try:
            self.today = today(settings)
        except ValueError:  # a bad DTZ_TODAY is one line like any problem; the build reads on to find the rest
            self.today = datetime.datetime.now(AMSTERDAM).date()
            what = f"'{settings.get('DTZ_TODAY')}' is geen datum"
            self.problems.append(setting_problem("DTZ_TODAY", what, "een datum als JJJJ-MM-DD, zoals 2019-12-31"))
        self.lang = settings["DEFAULT_LANG"]  # the site's own language; an item in another is a translation
        self._items = {key: [] for key in TYPES}  # every language: the questions below ask for one
        self._by_slug = defaultdict(dict)  # (type key, lang) -> {slug: item}: an item and its translation share a slug
        self._pages_in = {}  # lang -> addresses below /<lang>/ of the pages the site has in it
        self._added_in = defaultdict(set)  # lang -> such addresses plugins add (add_page_in)
        self._listed_in = defaultdict(list)  # id(item) -> issues listing it
        self._named_by = defaultdict(list)  # id(item) -> items that name it (a company's pearls, CoPs, events)
        self._sorted = {}  # (question, type) -> sorted items, ("tags", types) -> their tags; emptied whenever an item is added
        self._terms = {}  # setting -> ((name, slug), ...)
        self._checks = []
        self._held = []  # files with problems of their own, in reading order: their key, problems, draft, item, listed
        self._held_names = {}  # type key -> folded titles of register rows with problems of their own
        self._offered = {kind: [] for kind in OFFERS}

    def add(self, item):
        ctype = item.content_type
        item.state = self._state(item)
        slugs = self._by_slug[(ctype.key, item.lang)]
        if (other := slugs.get(item.slug)) is not None:
            if self._same_slug(other, item) is other:
                return
            self._items[ctype.key].remove(other)
        slugs[item.slug] = item
        self._items[ctype.key].append(item)
        self._sorted.clear()
        self._pages_in.clear()

    def _same_slug(self, earlier, later):
        """Two items of a type with one slug: the one to tell (:func:`blame`) gets the line; the other, returned, keeps the address."""
        culprit, kept = blame(earlier, later, "slug")
        if culprit.lang != self.lang:  # a second translation of one item into one language
            what = f"'{culprit.slug}' is al in het {LANGUAGES[culprit.lang]} vertaald in {kept.display_path}"
            self.against(culprit, culprit.problem("Lang", what, "één vertaling per taal"))
        else:
            expected = f"een unieke slug per {later.content_type.label.lower()} (pas Slug of de bestandsnaam aan)"
            self.against(culprit, culprit.problem("Slug", f"'{later.slug}' wordt al gebruikt door {kept.display_path}", expected))
        return kept

    def originals(self):
        """Every translation needs its original (its type, the site's language, its slug): else an error at its Slug line (or Lang)."""
        broken = {held.key for held in self._held}
        for key in TYPES:
            dutch = self._by_slug[(key, self.lang)]
            for item in self.read(key):
                own = {problem.field for held in self._held if held.item is item for problem in held.problems}
                if item.lang == self.lang or item.slug in dutch or (key, item.slug, self.lang) in broken or own & {"Slug", "Lang"}:
                    continue
                what = f"er is geen {item.content_type.label.lower()} in het {LANGUAGES[self.lang]} met slug '{item.slug}' om te vertalen"
                expected = "een vertaling heeft de Slug van haar origineel" + did_you_mean(item.slug, dutch)
                self.against(item, item.problem("Slug", what, expected, line=item.header_lines.get("slug") or item.header_lines.get("lang")))

    def beside(self):
        """An empty catalog with this one's registers, for one file read on its own (:func:`page_at_once`)."""
        alone = Catalog(self.settings)
        for key in {field.kind.type_key for ctype in TYPES.values() for field in ctype.fields if isinstance(field.kind, Names)}:
            alone._items[key] = self.all(key)
        return alone

    def broken(self, ctype, slug, problems, draft=False, lang=None, item=None):
        """A file with problems of its own, read as ``item`` or as none: its own lines (:meth:`settle`); what lists it says nothing more."""
        self._held.append(SimpleNamespace(key=(ctype.key, slug, lang or self.lang), problems=problems, draft=draft, item=item, listed=False))

    def unfinished(self, item, problems, draft=True):
        """An item read despite problems of its own: in no list, feed or issue, but seen by the checks after reading
        (:meth:`read`); a draft gets a page of its own in preview with the problems on its banner (``unfinished_drafts``)."""
        item.state = "draft" if draft else self._state(item)
        item.unfinished = True
        item.draft_problems = tuple(sorted(set(problems)))
        self.broken(item.content_type, item.slug, list(problems), draft, item.lang, item)

    def hold_names(self, ctype, names):
        """Titles of a register's rows with problems of their own: a name matching one is not reported again."""
        self._held_names.setdefault(ctype.key, set()).update(folded_name(name) for name in names)

    def unfinished_drafts(self):
        """Drafts with problems of their own, in reading order (the preview writes a page for each)."""
        return [held.item for held in self._held if held.item is not None and held.item.state == "draft"]

    def read(self, type_key):
        """Every item read from the type's files, those with problems of their own included: for checks, never for readers."""
        return self._items[type_key] + [held.item for held in self._held if held.item is not None and held.item.type == type_key]

    def against(self, item, problem):
        """A problem of ``item`` found after reading: a warning on its CONCEPT banner while it is a draft, else an error."""
        held = next((held for held in self._held if held.item is item), None)
        if held is None and item.state != "draft":
            self.problems.append(problem)
            return
        (self.warnings if held is None else held.problems).append(problem)  # with the problems of its own, settled later
        item.draft_problems = tuple(sorted({*item.draft_problems, problem}))

    def warn(self, item, problem):
        """A warning about ``item`` found across files; on its CONCEPT banner too while it is a draft."""
        self.warnings.append(problem)
        if item.state == "draft":
            item.draft_problems = tuple(sorted({*item.draft_problems, problem}))

    def stopping(self):
        """True when this build will stop on its problems (those of drafts that settle() makes errors included)."""
        return bool(self.problems) or any(held.problems and (not held.draft or held.listed) for held in self._held)

    def settle(self):
        """A draft's problems are warnings, errors once something that is no draft lists it (once, after every check)."""
        for held in self._held:
            (self.warnings if held.draft and not held.listed else self.problems).extend(held.problems)

    def closing_line(self, seconds):
        """The build's last line: 'Klaar in 1,4 seconden: gepubliceerd 3 parels, 1 evenement; achtergehouden 2 concepten,
        1 gepland; 2 waarschuwingen.'"""
        published = [counted(len(self.published(key)), TYPES[key].label.lower(), TYPES[key].plural.lower()) for key in TYPES]
        items = [item for key in TYPES for item in self._items[key]]
        drafts = sum(item.state == "draft" for item in items) + sum({held.key: held.draft for held in self._held}.values())
        scheduled = sum(item.state == "scheduled" for item in items)
        return (
            f"{'Voorbeeldweergave klaar' if self.preview else 'Klaar'} in {seconds:.1f} seconden: ".replace(".", ",")
            + f"gepubliceerd {', '.join(p for p in published if p) or 'niets'}; "
            + f"{'getoond met CONCEPT-balk' if self.preview else 'achtergehouden'} {counted(drafts, 'concept', 'concepten', zero=True)}, "
            + f"{counted(scheduled, 'gepland', 'gepland', zero=True)}; {counted(len(set(self.warnings)), 'waarschuwing', 'waarschuwingen', zero=True)}."
        )

    def _state(self, item):
        if getattr(item, "status", "published") == "draft":
            return "draft"
        return "scheduled" if (local_day(item) or self.today) > self.today else "published"

    def resolve(self):
        """Cross-file checks: unique fields, the items an issue lists, the register names items use."""
        for ctype in TYPES.values():
            for field in (f for f in ctype.fields if f.unique and not ctype.sheet):  # a sheet's rows: dtz_content.sheet, by row
                seen = {}
                for item in self.read(ctype.key):
                    first = seen.setdefault((getattr(item.fields, field.key), item.lang), item)  # a translation shares its original's Number
                    if first is not item:
                        what = f"{getattr(item.fields, field.key)} wordt al gebruikt door {first.display_path}"
                        self.against(item, item.problem(field.name, what, f"een {field.name} die geen ander {ctype.label.lower()} heeft"))
            refs = next((f for f in ctype.fields if isinstance(f.kind, Refs)), None)  # an issue's Items
            for issue in self.read(ctype.key) if refs else ():
                issue.items = [i for i in (self._resolve_ref(issue, refs, ref) for ref in getattr(issue.fields, refs.key) or []) if i is not None]
                for listed in issue.items if not issue.unfinished and issue.lang == self.lang else ():
                    self._listed_in[id(listed)].append(issue)
                if issue.lang != self.lang:  # a translated issue lists the translations of its items there are
                    issue.items = [t for t in (self.item(i.type, i.slug, issue.lang) for i in issue.items) if t and self._visible(t)]
        self.resolve_names()
        self.same_titles()
        self.originals()
        seen = {}
        for item in (held.item for held in self._held if held.item is not None):  # what it would clash on: said now too
            other = self._by_slug[(item.type, item.lang)].get(item.slug) or seen.setdefault((item.type, item.lang, item.slug), item)
            if other is not item:
                self._same_slug(other, item)

    def same_titles(self):
        """A title two items of a type share is a warning at the newer: readers cannot tell them apart (not for
        recurring items, nor for an item and its translation)."""
        for ctype in (t for t in TYPES.values() if not (t.recurs or t.sheet)):  # the register's names are unique by its own check
            seen = {}
            for item in self.read(ctype.key):
                title = getattr(item, "title", None)  # a file without a header has none
                first = seen.setdefault((folded_name(title), getattr(item, "lang", None)), item) if title else item
                if first is not item:
                    told, other = blame(first, item, "title")
                    what = f"'{told.title}' is ook de titel van {other.display_path}"
                    self.warn(told, told.problem("Title", what, f"een eigen titel per {ctype.label.lower()}"))

    def resolve_names(self):
        """Register names in other items' fields (a pearl's Company), matched without case or spacing: a visible match
        is a link both ways; a strict field's name that matches none is a warning (once the register has items)."""
        for ctype in TYPES.values():
            for field in (f for f in ctype.fields if isinstance(f.kind, Names)):
                target_type = field.kind.type_key
                register = {folded_name(i.title): i for i in self._items[target_type]}
                for item in self.read(ctype.key):
                    found = [(name, register.get(folded_name(name))) for name in as_list(getattr(item.fields, field.key))]
                    shown = [(name, target if target and self._visible(target) else None) for name, target in found]
                    item.named[field.key] = shown
                    for (name, target), (_, visible) in zip(found, shown):
                        if visible is not None:
                            if not item.unfinished and item.lang == self.lang:  # in no list, a profile's included
                                self._named_by[id(visible)].append(item)
                        elif field.kind.strict and register and folded_name(name) not in self._held_names.get(target_type, ()):
                            self.warnings.append(self._unknown_name(item, field, name, target, register))

    def _visible(self, item):
        return self.preview or item.state == "published"

    def _unknown_name(self, item, field, name, target, register):
        """The warning for a name that is no visible register item: not yet published (and when), or unknown."""
        where = TYPES[field.kind.type_key]
        if target is not None:
            what = f"'{name}' staat in het register maar verschijnt pas op {dates.datum(local_day(target))} (kolom {where.date_field})"
            return item.problem(field.name, what, "vanaf die dag komt er een link naar het profiel")
        hint = did_you_mean(name, [i.title for i in register.values()])
        return item.problem(field.name, f"'{name}' staat niet in het register (content/{where.folder}/)", field.kind.describe() + hint)

    def naming(self, item, type_key):
        """Visible items of ``type_key`` that name ``item`` in a field (a company's pearls), newest first."""
        found = [i for i in self._named_by.get(id(item), ()) if i.type == type_key and self._visible(i)]
        return sort_items(list({id(i): i for i in found}.values()))

    def _resolve_ref(self, issue, field, ref):
        folder, _, slug = ref.partition("/") if "/" in ref else (None, "", ref)
        type_keys = [key for key in field.kind.type_keys if folder is None or TYPES[key].folder == folder]
        found = [self._by_slug[(key, self.lang)][slug] for key in type_keys if slug in self._by_slug[(key, self.lang)]]

        def problem(what, expected):
            self.against(issue, issue.problem(field.name, what, expected))

        last = {held.key: held for held in self._held}  # of a file's slug
        held = [last[(key, slug, self.lang)] for key in type_keys if (key, slug, self.lang) in last]
        for each in held:  # listed by something that is no draft: the draft's own problems are errors
            each.listed = each.listed or issue.state != "draft"
        if not found:
            if not held:  # else the listed file has problems of its own, reported at its own lines
                known = [s for key in field.kind.type_keys for s in self._by_slug[(key, self.lang)]]
                problem(f"'{ref}' bestaat niet", field.kind.describe() + did_you_mean(slug, known))
            return None
        if len(found) > 1:
            options = " of ".join(f"{i.content_type.folder}/{slug}" for i in found)
            problem(f"'{ref}' is niet eenduidig", f"schrijf {options}")
            return None
        item = found[0]
        if item.state == "draft" and issue.state != "draft":
            problem(f"'{ref}' is een concept", "alleen gepubliceerde stukken (of maak dit nummer ook een concept)")
        item_day, issue_day = local_day(item), local_day(issue)
        if item_day and issue_day and item_day > issue_day:
            problem(f"'{ref}' verschijnt pas op {dates.datum(item_day)}, na dit nummer", f"stukken van uiterlijk {dates.datum(issue_day)}")
        return item

    def add_check(self, check):
        """Run ``check(catalog)`` (it returns Problems, or None) once every generator has read its content, before the report."""
        self._checks.append(check)

    def run_checks(self):
        """Called by dtz_content when every generator has read its content."""
        for check in self._checks:
            self.problems += check(self) or []

    def offer(self, kind, link):
        """Something readers can subscribe to (``kind``: "feed" or "calendar"), linked from every page's head and the Volgen page."""
        self._offered[kind].append(link)

    def offered(self, kind=None, lang=None):
        """What plugins offered, of one kind or all (feeds first), for the site in ``lang`` (a link's ``lang``, else the site's)."""
        links = self._offered[kind] if kind else [link for each in OFFERS for link in self._offered[each]]
        return [link for link in links if (getattr(link, "lang", None) or self.lang) == (lang or self.lang)]

    def all(self, type_key, lang=None):
        """Every item of a type in one language (by default the site's), drafts and scheduled ones included."""
        return [i for i in self._items[type_key] if i.lang == (lang or self.lang)]

    def published(self, type_key, lang=None):
        """Published items of a type in one language, newest first (by Order for types without a Date)."""
        return self._sorted_once("published", type_key, lang, lambda i: i.state == "published")

    def visible(self, type_key, lang=None):
        """What the site shows in one language: published items, plus drafts and scheduled ones in preview."""
        return self._sorted_once("visible", type_key, lang, lambda i: self.preview or i.state == "published")

    def _sorted_once(self, question, type_key, lang, wanted):
        """Every page, feed and issue asks these again: sort once, hand out copies callers may change."""
        key = (question, type_key, lang or self.lang)
        if key not in self._sorted:
            self._sorted[key] = sort_items([i for i in self.all(type_key, lang) if wanted(i)])
        return list(self._sorted[key])

    def item(self, type_key, slug, lang=None):
        return self._by_slug[(type_key, lang or self.lang)].get(slug)

    def pages_in(self, lang):
        """Addresses below /<lang>/ of the pages the site has in ``lang``: none without a visible translation, else its
        home page, every visible translation's page and its type's overview, and what plugins add (``add_page_in``)."""
        if lang not in self._pages_in:
            items = [item for key in TYPES for item in self.visible(key, lang)]
            written = [i for i in items if i.content_type.url]  # their plugins write them (dtz_content, dtz_techzine)
            found = {languages.split(i.url, self.settings)[1] for i in written}
            found |= {i.content_type.index_url for i in written if i.content_type.index_url}
            self._pages_in[lang] = found | {""} | self._added_in[lang] if items else set()
        return self._pages_in[lang]

    def add_page_in(self, path):
        """A page a plugin writes in every language that has a site (its search page); call it in generate_context."""
        for lang in languages.others(self.settings):
            self._added_in[lang].add(path)
        self._pages_in.clear()

    def page_values(self, url):
        """The values for the page at ``url`` that its language decides (``languages.page_values``)."""
        return languages.page_values(self.settings, url, lambda lang, path: path in self.pages_in(lang))

    def appearances(self, item):
        """Where and when a published item was shown: its own page and every published issue that lists it."""
        if item.state != "published":
            return []
        found = [Appearance("website", local_day(item), item)] if item.content_type.channel == "website" and local_day(item) else []
        found += [Appearance(i.content_type.channel, local_day(i), i) for i in self._listed_in.get(id(item), ()) if i.state == "published"]
        return sorted(found, key=lambda a: (a.date, a.channel))

    def municipalities(self):
        return self._named_terms("DTZ_MUNICIPALITIES")

    def sectors(self):
        return self._named_terms("DTZ_SECTORS")

    def _named_terms(self, setting):
        """((name, slug), ...) of a setting's names, made once: a tuple, so page keys key it once a run."""
        if setting not in self._terms:
            self._terms[setting] = tuple((name, term_slug(name, self.settings)) for name in self.settings[setting])
        return self._terms[setting]

    def overview_values(self):
        """The values every overview page's template gets: the municipalities and sectors its links name, RELATIVE_URLS."""
        return {"municipalities": self.municipalities(), "sectors": self.sectors(), "relative_urls": self.settings["RELATIVE_URLS"]}

    def agenda(self, day, events=None):
        """(upcoming, past) events as seen on ``day``, soonest and latest first: upcoming until its last day has passed."""
        events = self.visible("event") if events is None else events
        upcoming = sorted((e for e in events if last_day(e.start, e.end) >= day), key=lambda e: (moment(e.start), e.slug))
        return upcoming, sorted((e for e in events if last_day(e.start, e.end) < day), key=lambda e: (moment(e.start), e.slug), reverse=True)

    def tagged(self, municipality=None, sector=None, types=("pearl", "cop", "event")):
        """Visible items of ``types`` tagged with the municipality or sector, newest first."""
        tags = ("tags", types)
        if tags not in self._sorted:  # each item's tags read once: every municipality's and sector's page asks
            self._sorted[tags] = [(i, i.municipality_list, i.sector_list) for key in types for i in self.visible(key)]
        return sort_items([i for i, municipalities, sectors in self._sorted[tags] if municipality in municipalities or sector in sectors])


def blame(earlier, later, key):
    """(the file to tell, the other) of two that clash on a value: the one whose own ``key`` line makes the clash;
    if both have one, or neither, the newer by Date (else ``later``, the one read last)."""
    own = [item for item in (earlier, later) if key in item.header_lines]
    first, last = getattr(earlier, "date", None), getattr(later, "date", None)
    told = own[0] if len(own) == 1 else earlier if first is not None and (last is None or first > last) else later
    return told, later if told is earlier else earlier


def folded_name(name):
    """A name as the register matches it: without case and runs of spaces."""
    return " ".join(str(name).casefold().split())


def by_title(items):
    """Alphabetically, as the register lists companies: by title without case, then by slug."""
    return sorted(items, key=lambda i: (i.title.casefold(), i.slug))


def sort_items(items):
    """Newest first; types without a Date (chapters, pages) by Order, then title."""
    dated = sorted((i for i in items if getattr(i, "date", None)), key=lambda i: (i.date, i.slug), reverse=True)
    return dated + sorted((i for i in items if not getattr(i, "date", None)), key=lambda i: (getattr(i.fields, "order", None) or 0, i.title))


def counted(number, one, many, zero=False):
    """'1 parel', '3 parels'; '' for none unless ``zero``."""
    return "" if not number and not zero else f"{number} {one if number == 1 else many}"
