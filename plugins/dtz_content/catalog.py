"""The catalog: every item of every type, read once, and the questions other plugins ask.

It lives in Pelican's shared context under ``dtz_catalog``; plugins reach it
through :func:`dtz_content.catalog` and use only the methods below.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pelican.utils import slugify

import dtz_build

from . import dates, languages
from .dates import AMSTERDAM, last_day, moment
from .hints import did_you_mean
from .kinds import Names, as_list
from .model import LANGUAGES, TYPES
from .problems import Problem, setting_problem

CONTEXT_KEY = "dtz_catalog"
OFFERS = ("feed", "calendar")  # what readers can subscribe to, in the order pages list them


@dataclass(frozen=True)
class Appearance:
    """An item shown somewhere: on the website, in a newsletter or in TechZine."""

    channel: str
    date: datetime.date
    source: object  # the item itself, or the issue that lists it


def today(settings):
    """DTZ_TODAY as a date; by default today in Europe/Amsterdam."""
    value = settings.get("DTZ_TODAY")
    if value:
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return datetime.datetime.now(AMSTERDAM).date()


def local_day(item):
    """The calendar day of an item's Date in Europe/Amsterdam, or None without a Date."""
    date = getattr(item, "date", None)
    return None if date is None else (date.astimezone(AMSTERDAM).date() if date.tzinfo else date.date())


def term_slug(name, settings):
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    return _slug(name, tuple(tuple(sub) for sub in subs))


@lru_cache(maxsize=4096)
def _slug(name, subs):
    """Templates ask for the same few municipality and sector slugs on every page: slugify each once."""
    return slugify(name, regex_subs=list(subs))


class Catalog:
    def __init__(self, settings):
        self.settings = settings
        self.preview = bool(settings.get("DTZ_PREVIEW"))
        self.problems = []
        try:
            self.today = today(settings)
        except ValueError:  # a bad DTZ_TODAY is one line like any problem; the build reads on to find the rest
            self.today = datetime.datetime.now(AMSTERDAM).date()
            self.problems.append(
                setting_problem("DTZ_TODAY", f"'{settings.get('DTZ_TODAY')}' is geen datum", "een datum als JJJJ-MM-DD, zoals 2019-12-31")
            )
        self.warnings = []
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
        self._broken = {}  # (type key, slug) -> (problems, draft) of a file that became no item
        self._held = []  # [problems, draft, listed by something not a draft]: a draft's own problems
        self._unfinished = []  # items read despite problems of their own
        self._held_of = {}  # id(item) -> its entry in _held
        self._held_names = {}  # type key -> folded titles of register rows with problems of their own
        self._offered = {kind: [] for kind in OFFERS}

    # -- filling ---------------------------------------------------------
    def add(self, item):
        ctype = item.content_type
        item.state = self._state(item)
        slugs = self._by_slug[(ctype.key, item.lang)]
        other = slugs.get(item.slug)
        if other is not None:
            if self._same_slug(other, item) is other:
                return
            self._items[ctype.key].remove(other)
        slugs[item.slug] = item
        self._items[ctype.key].append(item)
        self._sorted.clear()
        self._pages_in.clear()

    def _same_slug(self, earlier, later):
        """Two items of a type with one slug: the one to tell (:func:`blame`) gets the line naming the
        other, and is returned; the other keeps the address."""
        culprit, kept = blame(earlier, later, "slug")
        if culprit.lang != self.lang:  # a second translation of one item into one language
            what = f"'{culprit.slug}' is al in het {LANGUAGES[culprit.lang]} vertaald in {kept.display_path}"
            self.against(culprit, Problem(culprit.display_path, culprit.header_lines.get("lang", 1), "Lang", what, "één vertaling per taal"))
            return kept
        what = f"'{later.slug}' wordt al gebruikt door {kept.display_path}"
        expected = f"een unieke slug per {later.content_type.label.lower()} (pas Slug of de bestandsnaam aan)"
        self.against(culprit, Problem(culprit.display_path, culprit.header_lines.get("slug", 1), "Slug", what, expected))
        return kept

    def originals(self):
        """Every translation needs its original: an item of its type in the site's language with its slug.
        One without (and not kept out by problems of its own slug or language, or of the original's file)
        is an error at its Slug line (or Lang), with the closest slug there is."""
        for key in TYPES:
            dutch = self._by_slug[(key, self.lang)]
            for item in self.read(key):
                own = {problem.field for problem in self._held_of.get(id(item), [()])[0]}
                if item.lang == self.lang or item.slug in dutch or (key, item.slug) in self._broken or own & {"Slug", "Lang"}:
                    continue
                label = item.content_type.label.lower()
                what = f"er is geen {label} in het {LANGUAGES[self.lang]} met slug '{item.slug}' om te vertalen"
                expected = "een vertaling heeft de Slug van haar origineel" + did_you_mean(item.slug, dutch)
                line = item.header_lines.get("slug") or item.header_lines.get("lang", 1)
                self.against(item, Problem(item.display_path, line, "Slug", what, expected))

    def beside(self):
        """An empty catalog with this one's registers (what other items' fields name), for one file read
        on its own: make serve's page of a saved file (:mod:`at_once`)."""
        alone = Catalog(self.settings)
        for key in {field.kind.type_key for ctype in TYPES.values() for field in ctype.fields if isinstance(field.kind, Names)}:
            alone._items[key] = self.all(key)
        return alone

    def broken(self, ctype, slug, problems, draft=False, lang=None):
        """A file that became no item: its problems are its own lines (warnings while it is a draft);
        what lists it says nothing more (one cause, one line)."""
        held = [problems, draft, False]
        self._held.append(held)
        self._broken[self._file_key(ctype.key, slug, lang)] = held

    def _file_key(self, type_key, slug, lang):
        """What names a file's item in _broken: (type, slug), and its language when it is a translation."""
        return (type_key, slug) if lang in (None, self.lang) else (type_key, slug, lang)

    def unfinished(self, item, problems, draft=True):
        """An item read despite problems of its own: in no list, feed or issue (its values are incomplete),
        but the checks after reading see it (:meth:`read`); a draft gets a page of its own in preview with
        the problems on its banner (``unfinished_drafts``)."""
        item.state = "draft" if draft else self._state(item)
        item.unfinished = True
        item.draft_problems = tuple(sorted(set(problems)))
        self._unfinished.append(item)
        held = [list(problems), draft, False]
        self._held.append(held)
        self._broken[self._file_key(item.type, item.slug, item.lang)] = held
        self._held_of[id(item)] = held

    def hold_names(self, ctype, names):
        """Titles of a register's rows with problems of their own: a name in another item that matches one
        is not reported again (one cause, one line: the row's)."""
        self._held_names.setdefault(ctype.key, set()).update(folded_name(name) for name in names)

    def unfinished_drafts(self):
        """Drafts with problems of their own, in reading order (the preview writes a page for each)."""
        return [item for item in self._unfinished if item.state == "draft"]

    def read(self, type_key):
        """Every item read from the type's files, those with problems of their own included: for checks
        of what a file holds (its images, an issue's intro, the names it uses), never for what readers see."""
        return self._items[type_key] + [item for item in self._unfinished if item.type == type_key]

    def against(self, item, problem):
        """A problem of ``item`` found after reading (across files, in its images or its intro): by the
        rule its own problems follow, a warning on its CONCEPT banner while it is a draft, else an error."""
        held = self._held_of.get(id(item))
        if held is not None:
            held[0].append(problem)
        elif item.state == "draft":
            self.warnings.append(problem)
        else:
            self.problems.append(problem)
            return
        item.draft_problems = tuple(sorted({*item.draft_problems, problem}))

    def warn(self, item, problem):
        """A warning about ``item`` found across files; on its CONCEPT banner too while it is a draft."""
        self.warnings.append(problem)
        if item.state == "draft":
            item.draft_problems = tuple(sorted({*item.draft_problems, problem}))

    def stopping(self):
        """True when this build will stop on its problems (those of drafts that settle() makes errors included)."""
        return bool(self.problems) or any(problems and (not draft or listed) for problems, draft, listed in self._held)

    def settle(self):
        """A draft's problems are warnings; they are errors once something that is no draft lists it.
        Called once every check has run, just before the report."""
        for problems, draft, listed in self._held:
            if draft and not listed:
                self.warnings += problems
            else:
                self.problems += problems
        self._held = []

    def held_back(self):
        """(drafts, scheduled items): what this build does not publish (for the closing summary)."""
        items = [item for key in TYPES for item in self._items[key]]
        drafts = sum(item.state == "draft" for item in items) + sum(1 for _, draft, _ in self._broken.values() if draft)
        return drafts, sum(item.state == "scheduled" for item in items)

    def _held_for(self, type_keys, slug):
        return [self._broken[(key, slug)] for key in type_keys if (key, slug) in self._broken]

    def _state(self, item):
        if getattr(item, "status", "published") == "draft":
            return "draft"
        day = local_day(item)
        return "scheduled" if day is not None and day > self.today else "published"

    def resolve(self):
        """Cross-file checks: unique fields, the items an issue lists, the register names items use."""
        for ctype in TYPES.values():
            for field in (f for f in ctype.fields if f.unique and not ctype.sheet):  # a sheet's rows: dtz_content.sheet, by row
                seen = {}
                for item in self.read(ctype.key):
                    value = (getattr(item.fields, field.key), item.lang)  # a translation shares its original's Number
                    if value in seen:
                        what = f"{value[0]} wordt al gebruikt door {seen[value].display_path}"
                        expected = f"een {field.name} die geen ander {ctype.label.lower()} heeft"
                        self.against(item, Problem(item.display_path, item.header_lines.get(field.key, 1), field.name, what, expected))
                    seen.setdefault(value, item)
            refs = ctype.refs_field
            if refs is None:
                continue
            for issue in self.read(ctype.key):
                issue.items = [self._resolve_ref(issue, refs, ref) for ref in getattr(issue.fields, refs.key) or []]
                issue.items = [i for i in issue.items if i is not None]
                for listed in issue.items if not issue.unfinished and issue.lang == self.lang else ():
                    self._listed_in[id(listed)].append(issue)
                if issue.lang != self.lang:  # a translated issue lists the translations of its items there are
                    issue.items = [t for t in (self.translation(i, issue.lang) for i in issue.items) if t and self._visible(t)]
        self.resolve_names()
        self.same_titles()
        self.originals()
        seen = {}
        for item in self._unfinished:  # what an item with problems of its own would clash on: said now too
            where = (item.type, item.lang)
            other = self._by_slug[where].get(item.slug) or seen.get((where, item.slug))
            if other is not None:
                self._same_slug(other, item)
            seen.setdefault((where, item.slug), item)

    def same_titles(self):
        """A title two items of a type share is a warning at the newer, naming the other: readers cannot
        tell them apart. Not for a type whose items recur (an event held every year), nor for an item and
        its translation (another language)."""
        for ctype in TYPES.values():
            if ctype.recurs or ctype.sheet:  # the register's names are unique by its own check, by row
                continue
            seen = {}
            for item in self.read(ctype.key):
                title = getattr(item, "title", None)  # a file without a header has none
                first = seen.setdefault((folded_name(title), getattr(item, "lang", None)), item) if title else item
                if first is item:
                    continue
                told, other = blame(first, item, "title")
                what = f"'{told.title}' is ook de titel van {other.display_path}"
                self.warn(
                    told, Problem(told.display_path, told.header_lines.get("title", 1), "Title", what, f"een eigen titel per {ctype.label.lower()}")
                )

    def resolve_names(self):
        """Names of register items in other items' fields (a pearl's Company, a CoP's Members), matched
        without regard to case or spacing: a visible match becomes a link both ways; a strict field's
        name that matches none is a warning (only once the register has items)."""
        registers = {}
        for ctype in TYPES.values():
            for field in (f for f in ctype.fields if isinstance(f.kind, Names)):
                target_type = field.kind.type_key
                if target_type not in registers:
                    registers[target_type] = {folded_name(i.title): i for i in self._items[target_type]}
                register = registers[target_type]
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
        line = item.header_lines.get(field.key, 1)
        if target is not None:
            day = dates.datum(local_day(target))
            what = f"'{name}' staat in het register maar verschijnt pas op {day} (kolom {where.date_field})"
            return Problem(item.display_path, line, field.name, what, "vanaf die dag komt er een link naar het profiel")
        hint = did_you_mean(name, [i.title for i in register.values()])
        return Problem(
            item.display_path, line, field.name, f"'{name}' staat niet in het register (content/{where.folder}/)", field.kind.describe() + hint
        )

    def naming(self, item, type_key):
        """Visible items of ``type_key`` that name ``item`` in a field (a company's pearls), newest first."""
        found = [i for i in self._named_by.get(id(item), ()) if i.type == type_key and (self.preview or i.state == "published")]
        return sort_items(list({id(i): i for i in found}.values()))

    def _resolve_ref(self, issue, field, ref):
        line = issue.header_lines.get(field.key, 1)
        type_keys = field.kind.type_keys
        if "/" in ref:
            folder, slug = ref.split("/", 1)
            type_keys = [key for key in type_keys if TYPES[key].folder == folder]
        else:
            slug = ref
        found = [self._by_slug[(key, self.lang)][slug] for key in type_keys if slug in self._by_slug[(key, self.lang)]]

        def problem(what, expected):
            self.against(issue, Problem(issue.display_path, line, field.name, what, expected))

        held = self._held_for(type_keys, slug)
        for each in held:  # listed by something that is no draft: the draft's own problems are errors
            each[2] = each[2] or issue.state != "draft"
        if not found and held:
            return None  # the listed file has problems of its own, reported at its own lines
        if not found:
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
        """Run ``check(catalog)`` once every generator has read its content, before problems are reported.

        For plugins whose checks need the whole, resolved catalog (a rendered newsletter's size,
        say): their own generate_context may run before dtz_content's. ``check`` returns Problems.
        """
        self._checks.append(check)

    def run_checks(self):
        """Called by dtz_content when every generator has read its content."""
        for check in self._checks:
            self.problems += check(self) or []

    # -- public questions ------------------------------------------------
    def offer(self, kind, link):
        """Publish something readers can subscribe to (``kind``: "feed" or "calendar"): every page
        links it in its head, the Volgen page lists it. ``link`` has ``path``, ``label``, ``mime``
        and ``type_key`` (None: the whole site; a type's key: only that type's pages)."""
        self._offered[kind].append(link)

    def offered(self, kind=None, lang=None):
        """What plugins offered, of one kind or all (feeds first, then calendars), for the site in ``lang``
        (by default the site's own; a link with a ``lang`` attribute belongs to that language's site)."""
        links = self._offered[kind] if kind else [link for each in OFFERS for link in self._offered[each]]
        return [link for link in links if (getattr(link, "lang", None) or self.lang) == (lang or self.lang)]

    def share_inputs(self):
        """What every page depends on that no template value shows: preview. Neither the day nor where
        other items live is shared: an item's key holds its state and the addresses of the items it
        links, names and lists (Item.cache_key); the agenda's split and the as-of date are values."""
        dtz_build.share_input(self.settings, "dtz_content", f"{self.preview}")
        dtz_build.share_input(self.settings, "dtz_languages", languages.catalogue_digest(self.settings, dtz_build.digest))  # the .po files

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

    def translation(self, item, lang):
        """``item`` in ``lang`` (its translation, or itself in its own language), or None."""
        return self.item(item.type, item.slug, lang)

    def pages_in(self, lang):
        """Addresses below /<lang>/ of the pages the site has in ``lang``: none without a visible translation;
        else its home page, the page of every visible translation and the overview of its type (the plugin that
        writes a type's pages writes its translations' too), and what plugins add (``add_page_in``)."""
        if lang not in self._pages_in:
            items = [item for key in TYPES for item in self.visible(key, lang)]
            written = [i for i in items if i.content_type.url]  # their plugins write them (dtz_content, dtz_techzine)
            found = {languages.split(i.url, self.settings)[1] for i in written}
            found |= {i.content_type.index_url for i in written if i.content_type.index_url}
            self._pages_in[lang] = found | {""} | self._added_in[lang] if items else set()
        return self._pages_in[lang]

    def add_page_in(self, path):
        """A page a plugin writes in every language that has a site (``pages_in``), such as its search page;
        call it while reading (generate_context), before pages are written."""
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
        """(upcoming, past) events as seen on ``day``: upcoming soonest first, past latest first.

        An event is upcoming until its last day has passed.
        """
        events = self.visible("event") if events is None else events
        upcoming = [e for e in events if last_day(e.start, e.end) >= day]
        past = [e for e in events if last_day(e.start, e.end) < day]
        upcoming.sort(key=lambda e: (moment(e.start), e.slug))
        past.sort(key=lambda e: (moment(e.start), e.slug), reverse=True)
        return upcoming, past

    def tagged(self, municipality=None, sector=None, types=("pearl", "cop", "event")):
        """Visible items of ``types`` tagged with the municipality or sector, newest first."""
        tags = ("tags", types)
        if tags not in self._sorted:  # each item's tags read once: every municipality's and sector's page asks
            self._sorted[tags] = [(i, i.municipality_list, i.sector_list) for key in types for i in self.visible(key)]
        return sort_items([i for i, municipalities, sectors in self._sorted[tags] if municipality in municipalities or sector in sectors])


def blame(earlier, later, key):
    """(the file to tell, the other) of two that clash on a value (a slug, a title, a keyword's spelling):
    the one whose own ``key`` line makes the clash; if both have one, or neither, the newer by Date
    (``later``, the one read last, when that does not decide)."""
    own = [item for item in (earlier, later) if key in item.header_lines]
    if len(own) == 1:
        told = own[0]
    else:
        first, last = getattr(earlier, "date", None), getattr(later, "date", None)
        told = earlier if first is not None and (last is None or first > last) else later
    return told, later if told is earlier else earlier


def folded_name(name):
    """A name as the register matches it: without case and runs of spaces."""
    return " ".join(str(name).casefold().split())


def by_title(items):
    """Alphabetically, as the register lists companies: by title without case, then by slug."""
    return sorted(items, key=lambda i: (i.title.casefold(), i.slug))


def sort_items(items):
    """Newest first; types without a Date (chapters, pages) by Order, then title."""
    dated = [i for i in items if getattr(i, "date", None)]
    undated = [i for i in items if not getattr(i, "date", None)]
    dated.sort(key=lambda i: (i.date, i.slug), reverse=True)
    undated.sort(key=lambda i: (getattr(i.fields, "order", None) or 0, i.title))
    return dated + undated
