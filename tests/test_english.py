"""The English site: a translation (Lang: en, its original's Slug) at its original's path below /en/, with
the theme's interface in English, hreflang pairs both ways and a language switch (README "Translations and the English site")."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, chapter, cop, event, page, pearl, site_in
from dtz_check import browser as checks
from dtz_check import offline

from browser import serve
from requires import vnu_java

SITE = "https://www.dutchtechzone.nl/"
TRANSLATED = {
    "content/parels/hal.md": pearl("Hal Techniek", date="2019-12-07", sector="Metaal en maakindustrie"),
    "content/parels/hal.en.md": pearl(
        "Hal Engineering", date="2019-12-07", sector="Metaal en maakindustrie", extra="Lang: en\nSlug: hal", body="A fictional company."
    ),
    "content/cops/chemie.md": cop("Cluster chemie"),
    "content/cops/chemie.en.md": cop("Chemicals cluster", extra="Lang: en\nSlug: chemie"),
    "content/agenda/open.md": event("Open dag", start="2019-06-01 10:00"),
    "content/agenda/open.en.md": event("Open day", start="2019-06-01 10:00", extra="Lang: en\nSlug: open"),
    "content/pages/over-dtz.md": page("Over DTZ"),
    "content/pages/over-dtz.en.md": page("About DTZ", extra="Lang: en\nSlug: over-dtz"),
    "content/bidbook/regio.md": chapter("De regio"),
    "content/bidbook/regio.en.md": "Title: The region\nLang: en\nSlug: regio\nOrder: 1\nMunicipalities: regio\n\nA chapter.\n",
    "content/parels/alleen.md": pearl("Alleen Nederlands", date="2019-11-01"),  # no translation
    "content/techzine/nummer-1.md": "Title: Het eerste nummer\nDate: 2019-12-08\nNumber: 1\nItems: hal, alleen, chemie\n\nVoorwoord.\n",
    "content/techzine/nummer-1.en.md": "Title: The first issue\nDate: 2019-12-08\nNumber: 1\nItems: hal, alleen, chemie\nLang: en\nSlug: nummer-1\n\nEditorial.\n",
}
PAIRS = [
    "",
    "parels/",
    "parels/hal/",
    "cops/",
    "cops/chemie/",
    "agenda/",
    "agenda/open/",
    "over-dtz/",
    "zoeken/",
    "bidbook/",
    "bidbook/emmen/",
    "techzine/",
    "techzine/nummer-1/",
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return site_in(tmp_path_factory.mktemp("english"))(TRANSLATED).build(DTZ_SEARCH_INDEX=True)


def english_pages(built):
    return sorted(path.relative_to(built.output).as_posix() for path in (built.output / "en").rglob("*.html"))


class VisibleText(HTMLParser):
    """The text a reader sees: <body> without scripts, styles and hidden elements."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            hidden = tag in ("head", "script", "style", "template") or "hidden" in dict(attrs)
            self.stack.append(hidden or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " | ".join(parser.parts)


def dutch_interface_strings():
    """The catalogue's msgids whose English differs: the Dutch the theme writes (both forms of a plural; of a
    text with placeholders its longest part between them, when that is long enough to be telling)."""
    with CATALOGUE.open("rb") as handle:
        ids = [one for m in read_po(handle) if m.id and m.string and m.string != m.id for one in ([m.id] if isinstance(m.id, str) else m.id)]
    parts = [max(re.split(r"%\(\w+\)[sd]", one), key=len).strip() for one in ids]
    return [part for one, part in zip(ids, parts) if part == one or len(part) >= 6]


CATALOGUE = ROOT / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def test_a_translation_lives_at_its_originals_path_below_en(english):
    html = english.read("en/parels/hal/index.html")
    assert '<html lang="en">' in html
    assert "<h1>Hal Engineering</h1>" in html
    assert '<dt>Published</dt><dd><time datetime="2019-12-07T00:00+01:00">7 December 2019</time></dd>' in html
    assert '<a href="/sector/metaal-en-maakindustrie/" hreflang="nl">Metal and manufacturing</a>' in html  # a Dutch-only page
    dutch = english.read("parels/hal/index.html")
    assert '<html lang="nl">' in dutch and "7 december 2019" in dutch and "<h1>Hal Techniek</h1>" in dutch
    assert "Hal Engineering" not in english.read("parels/index.html")  # the Dutch overview lists no translation
    assert "Hal Engineering" in english.read("en/parels/index.html") and "Alleen Nederlands" not in english.read("en/parels/index.html")
    assert not english.exists("en/parels/alleen/index.html")


def test_a_translated_techzine_issue_lists_the_translations_of_its_items(english):
    html = english.read("en/techzine/nummer-1/index.html")
    assert re.findall(r'<li><a href="#[^"]+">([^<]+)</a> <span class="meta">\(([^)]+)\)', html) == [
        ("Hal Engineering", "Pearl"),
        ("Chemicals cluster", "Community of Practice"),
    ]  # 'alleen' has no translation
    assert '<h2 id="voorwoord">Editorial</h2>' in html and "To the page of “Hal Engineering”" in html
    assert "2 items" in english.read("en/techzine/index.html") and "3 stukken" in english.read("techzine/index.html")


def test_every_page_with_a_translation_names_both_versions_with_hreflang(english):
    for path in PAIRS:
        for shown in (path, "en/" + path):
            html = english.read(shown + "index.html")
            assert f'<link rel="alternate" hreflang="nl" href="{SITE}{path}">' in html, shown
            assert f'<link rel="alternate" hreflang="en" href="{SITE}en/{path}">' in html, shown
    assert "hreflang" not in english.read("parels/alleen/index.html")


def test_the_language_switch_links_the_other_version_in_its_own_language(english):
    dutch, translated = english.read("parels/hal/index.html"), english.read("en/parels/hal/index.html")
    assert '<ul class="menu languages"><li><a href="/en/parels/hal/" hreflang="en" lang="en">English</a></li></ul>' in dutch
    assert '<ul class="menu languages"><li><a href="/parels/hal/" hreflang="nl" lang="nl">Nederlands</a></li></ul>' in translated


def test_the_english_menu_links_only_pages_the_english_site_has(english):
    html = english.read("en/index.html")
    menu = re.search(r'<nav aria-label="Main menu">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'href="/([^"]*)">([^<]*)<', menu) == [
        ("en/parels/", "Pearls"),
        ("en/cops/", "CoPs"),
        ("en/agenda/", "Events"),
        ("en/bidbook/", "Bidbook"),
        ("en/over-dtz/", "About DTZ"),
        ("en/zoeken/", "Search"),
    ]
    assert english.exists("en/404.html") and "Page not found" in english.read("en/404.html")


def test_the_sitemap_lists_hreflang_alternates_both_ways(english):
    tree = ET.fromstring(english.read("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    alternates = {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in tree.findall("s:url", ns)
    }
    for path in ("", "parels/hal/", "cops/chemie/", "agenda/open/", "over-dtz/"):
        both = {"nl": SITE + path, "en": SITE + "en/" + path}
        assert alternates[SITE + path] == both and alternates[SITE + "en/" + path] == both
    assert alternates[SITE + "parels/alleen/"] == {}


def test_the_english_feeds_hold_the_translations_in_english(english):
    feed = feedparser.parse(english.read("en/feeds/rss.xml"))
    assert feed.feed.language == "en" and feed.feed.link == SITE + "en/"
    assert sorted(entry.title for entry in feed.entries) == ["Chemicals cluster", "Hal Engineering", "Open day", "The first issue"]
    assert [entry.link for entry in feed.entries if entry.title == "Hal Engineering"] == [SITE + "en/parels/hal/"]
    day = next(entry for entry in feed.entries if entry.title == "Open day")
    assert day.summary.startswith("When: 1 June 2019, 10:00. Where: Emmen.")
    assert "Event" in [tag.term for tag in day.tags]
    dutch = feedparser.parse(english.read("feeds/rss.xml"))
    assert "Hal Engineering" not in [entry.title for entry in dutch.entries] and dutch.feed.language == "nl"
    assert '<link rel="alternate" type="application/rss+xml" title="Dutch TechZone (RSS)" href="/en/feeds/rss.xml">' in english.read("en/index.html")
    assert "/en/feeds/" not in english.read("index.html")
    assert '<li><a href="/en/feeds/rss.xml" type="application/rss+xml">RSS feed</a></li>' in english.read("en/parels/hal/index.html")


def test_no_dutch_interface_string_on_an_english_page(english):
    dutch = dutch_interface_strings()
    assert len(dutch) > 50
    pages = english_pages(english)
    assert len(pages) >= 10
    found = []
    for relative in pages:
        text = visible_text(english.read(relative))
        found += [f"{relative}: '{msgid}'" for msgid in dutch if re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)]
    assert not found, "Dutch on English pages:\n" + "\n".join(found)


def test_every_interface_string_of_the_theme_is_in_the_english_catalogue():
    from babel.messages.extract import extract_from_dir

    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    used = {message for _, _, message, _, _ in extract_from_dir(ROOT / "theme" / "templates", [("**.html", "jinja2")], options)}
    with CATALOGUE.open("rb") as handle:
        translated = {m.id for m in read_po(handle) if m.string}
    assert used - translated == set()


def script_of(built, page):
    """The bytes of the script a page loads from the theme (its one <script src> below /theme/js/)."""
    (src,) = re.findall(r'<script src="/(theme/js/[^"]+)"', built.read(page))
    return src, (built.output / src).read_bytes()


def test_dutch_pages_load_the_theme_scripts_as_committed_and_english_pages_an_english_copy(english):
    for shown, script in (("zoeken/index.html", "search.js"), ("bidbook/index.html", "bidbook.js")):
        committed = (ROOT / "theme" / "static" / "js" / script).read_bytes()
        assert script_of(english, shown)[1] == committed, shown
        src, copy = script_of(english, "en/" + shown)
        assert src.startswith(f"theme/js/{script[:-3]}.en.") and copy != committed
        text = copy.decode("utf-8")
        with CATALOGUE.open("rb") as handle:
            placed = [m for m in read_po(handle) if any(name == f"static/js/{script}" for name, _ in m.locations)]
        assert placed
        for message in placed:  # each literal the catalogue places in the script: in English, none in Dutch
            assert not re.search(f"[\"'`]{re.escape(message.id)}[\"'`]", text), message.id
            assert message.string in text, message.string
    assert '"gemeente"' in script_of(english, "en/zoeken/index.html")[1].decode()  # a field name, not a word: as it was
    manifest = json.loads(english.read("theme/assets.json"))
    assert manifest["js/search.en.js"] == script_of(english, "en/zoeken/index.html")[0].removeprefix("theme/")


def test_a_footer_without_links_has_no_empty_list():
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_null_translations(newstyle=True)
    footer = env.get_template("partials/footer.html")
    assert "<nav" not in footer.render(DTZ_FOOTER_LINKS=[], SITENAME="DTZ", SITESUBTITLE="")
    assert '<ul class="menu">\n<li><a href="/volgen/">' in footer.render(DTZ_FOOTER_LINKS=[], dtz_follow_url="volgen/", SITEURL="")


def test_without_a_translation_there_is_no_english_site(site):
    built = site({key: text for key, text in TRANSLATED.items() if ".en." not in key}).build()
    assert not built.exists("en")
    pages = [path.read_text(encoding="utf-8") for path in built.output.rglob("*.html")]
    assert pages and not [html for html in pages if "hreflang" in html or "languages" in html]
    assert "xhtml" not in built.read("sitemap.xml")


def test_the_english_pages_have_a_search_index_of_their_own(english):
    marked = [relative for relative in english_pages(english) if "data-pagefind-body" in english.read(relative)]
    assert "en/parels/hal/index.html" in marked and "en/parels/index.html" in marked
    languages = json.loads(english.read("pagefind/pagefind-entry.json"))["languages"]
    assert languages["en"]["page_count"] == len(marked)  # Pagefind splits by <html lang>
    assert 'data-pagefind="/pagefind/pagefind.js"' in english.read("en/zoeken/index.html")


def test_english_pages_pass_the_nu_html_checker(english):
    files = [english.output / relative for relative in english_pages(english)]
    assert not offline.validate(english.output, files, vnu_java())


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_english_pages_pass_axe_fit_375_px_and_ask_no_other_host(browser, english):
    pages = english_pages(english)
    with serve(english.output) as base:
        found = checks.visit(browser, base, pages)
    problems = found["axe"] + found["layout"] + found["requests"]
    assert not problems, "\n".join(problems)


def test_a_draft_translation_makes_no_english_site_but_shows_in_preview_with_an_english_banner(site):
    built = site(
        {
            "content/parels/hal.md": pearl("Hal Techniek", date="2019-12-07"),
            "content/parels/hal.en.md": pearl("Hal Engineering", date="2019-12-07", extra="Lang: en\nSlug: hal\nStatus: draft"),
        }
    ).build()
    assert not built.exists("en") and "hreflang" not in built.read("parels/hal/index.html")
    preview = built.preview()
    assert "<strong>DRAFT</strong> — this item has status draft: it is not on the published website." in preview.read("en/parels/hal/index.html")


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_searching_on_the_english_search_page_finds_english_pages_and_says_so_in_english(browser, english):
    from dtz_check.browser import offline_context

    with serve(english.output) as base:
        context = offline_context(browser, base)
        tab = context.new_page()
        tab.goto(base + "en/zoeken/")
        tab.fill("#zoekterm", "fictional")
        tab.wait_for_function("() => /result/.test(document.getElementById('zoekstatus').textContent)", timeout=15000)
        assert tab.inner_text("#zoekstatus") == "1 result for ‘fictional’."
        assert tab.locator("#zoekresultaten h2 a").all_inner_texts() == ["Hal Engineering"]
        tab.fill("#zoekterm", "fictief")  # the Dutch pages' word: in the Dutch index only
        tab.wait_for_function("() => /No results/.test(document.getElementById('zoekstatus').textContent)", timeout=15000)
        assert tab.inner_text("#zoekstatus") == "No results for ‘fictief’."
        context.close()


def test_adding_a_translation_to_a_built_site_gives_its_original_the_hreflang_and_switch(site):
    built = site({"content/parels/hal.md": pearl("Hal Techniek"), "content/parels/bos.md": pearl("Bos Metaal")}).build()
    assert "hreflang" not in built.read("parels/hal/index.html")
    built.write({"content/parels/hal.en.md": pearl("Hal Engineering", extra="Lang: en\nSlug: hal")}).build()
    assert 'hreflang="en" lang="en">English</a>' in built.read("parels/hal/index.html")  # rendered again, not kept
    assert 'hreflang="en"' in built.read("index.html") and "hreflang" not in built.read("parels/bos/index.html")
    built.content.joinpath("parels/hal.en.md").unlink()
    built.build()
    assert not built.exists("en") and "hreflang" not in built.read("parels/hal/index.html")


@pytest.mark.pdf
def test_a_translated_techzine_issue_has_an_english_pdf(site):
    from pdfs import language, open_pdf, page_texts

    issue = "Title: {}\nDate: 2019-12-08\nNumber: 1\nItems: hal\n{}\n{}\n"
    built = site(
        {
            **{key: TRANSLATED[key] for key in ("content/parels/hal.md", "content/parels/hal.en.md")},
            "content/techzine/nummer-1.md": issue.format("Het eerste nummer", "", "Ons voorwoord."),
            "content/techzine/nummer-1.en.md": issue.format("The first issue", "Lang: en\nSlug: nummer-1", "Our editorial."),
        }
    ).build(DTZ_PDF=True)
    reader = open_pdf(built.output / "en/techzine/nummer-1/techzine-1.pdf")
    text = "\n".join(page_texts(reader))
    assert language(reader) == "en" and "In this issue" in text and "Editorial" in text and "Hal Engineering" in text
    assert "Voorwoord" not in text and f"page {len(reader.pages)} of {len(reader.pages)}" in text
    assert 'href="/en/techzine/nummer-1/techzine-1.pdf"' in built.read("en/techzine/index.html")
    assert language(open_pdf(built.output / "techzine/nummer-1/techzine-1.pdf")) == "nl"


def test_a_translations_former_address_redirects_to_it(site):
    built = site(
        {
            "content/parels/hal.md": pearl("Hal Techniek"),
            "content/parels/hal.en.md": pearl("Hal Engineering", extra="Lang: en\nSlug: hal\nAliases: /en/parels/hal-old/"),
        }
    ).build()
    assert "/en/parels/hal/" in built.read("en/parels/hal-old/index.html")
    assert "location = /en/parels/hal-old/ { return 301 /en/parels/hal/; }" in built.read(".dtz/redirects.nginx.conf")
