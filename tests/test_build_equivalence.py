"""Speed never changes the site: cached and parallel builds write the bytes a cold serial build writes.

PDFs are left out (DTZ_PDF off) to keep the test quick; dtz_print caches them by their inputs.
"""

import json
import re
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from corpus import edit_pearl, write_corpus  # noqa: E402


SEARCH = {"DTZ_SEARCH_INDEX": True}  # the index is part of what a build writes: compared too


def files(folder):
    """Every file's bytes; the search index by what it was made from: Pagefind writes its filter and
    metadata files in a different order each time it indexes the same pages (Pagefind issue #638)."""
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    index = {path: data for path, data in found.items() if path.startswith("pagefind/")}
    assert index, "the build wrote no search index"
    found = {path: data for path, data in found.items() if path not in index}
    found["pagefind/ (its inputs)"] = json.loads(index["pagefind/.dtz-index.json"])["inputs"]
    return found


def test_warm_and_parallel_builds_write_what_a_cold_serial_build_writes(site, tmp_path):
    built = site()
    write_corpus(40, built.root)

    def build(output, cache, **settings):
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), DTZ_PDF=False, **SEARCH, **settings)
        return files(tmp_path / output)

    cold = build("cold", "cache", DTZ_WORKERS=1)
    assert any(path.startswith("parels/") for path in cold)
    assert build("cold", "cache") == cold  # cache warm, output warm: nothing differs

    edited = edit_pearl(built.root, 1)
    warm = build("cold", "cache")  # only the edited pearl is read again
    edited_page = f"parels/{edited.stem}/index.html"
    assert b"Bewerkt: ronde 1." in warm[edited_page] and warm[edited_page] != cold[edited_page]

    assert build("serial", "fresh-serial", DTZ_WORKERS=1) == warm
    assert build("parallel", "fresh-parallel", DTZ_WORKERS=2, DTZ_PARALLEL_MIN=1) == warm


def test_a_changed_markdown_setting_is_not_answered_from_the_reader_cache(site):
    from conftest import pearl

    built = site({"content/parels/hal.md": pearl(body="## Over de hal\n\nTekst.")})
    with_toc = {"extension_configs": {"markdown.extensions.toc": {}}, "output_format": "html5"}
    without_toc = {"extension_configs": {}, "output_format": "html5"}
    assert 'id="over-de-hal"' in built.build(MARKDOWN=with_toc).read("parels/hal/index.html")
    assert 'id="over-de-hal"' not in built.build(MARKDOWN=without_toc).read("parels/hal/index.html")


def test_a_changed_markdown_extension_is_not_answered_from_the_reader_cache(site, tmp_path):
    """An extension named as a string (as dtz_content.passages is) counts by its code, like a reader."""
    import json

    from conftest import pearl

    built = site({"content/parels/hal.md": pearl(body="Versie WOORD.")})
    extension = tmp_path / "ext" / "dtz_test_words.py"
    extension.parent.mkdir()
    source = """from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


class Words(Preprocessor):
    def run(self, lines):
        return [line.replace("WOORD", "{word}") for line in lines]


class WordsExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Words(md), "dtz_test_words", 30)


def makeExtension(**kwargs):
    return WordsExtension(**kwargs)
"""
    markdown = json.dumps({"extensions": ["dtz_test_words"], "extension_configs": {}, "output_format": "html5"})
    env = {"PYTHONPATH": str(extension.parent)}
    for word in ("een", "twee"):
        extension.write_text(source.format(word=word), encoding="utf-8")
        result = built.cli("-e", f"MARKDOWN={markdown}", "DTZ_PDF=false", env=env)
        assert result.returncode == 0, result.stderr
        assert f"Versie {word}." in built.read("parels/hal/index.html")


@pytest.fixture
def rendered(monkeypatch):
    """The pages Pelican's writer really renders (not those the DTZ writer found unchanged)."""
    import pelican.writers

    names = []
    render = pelican.writers.Writer.write_file

    def counting(self, name, *args, **kwargs):
        names.append(name)
        return render(self, name, *args, **kwargs)

    monkeypatch.setattr(pelican.writers.Writer, "write_file", counting)
    return names


def item_pages(names):
    """Item pages and overviews; a few single pages (404, /volgen/, /voortgang/...) are always rendered: cheap."""
    return [name for name in names if name.startswith(("parels/", "cops/", "agenda/", "gemeente/", "sector/", "techzine/", "bidbook/"))]


def test_make_serve_renders_nothing_again_when_nothing_changed(site, rendered):
    """make serve runs one Pelican object again and again: its second run must find every page unchanged."""
    from pelican import Pelican

    built = site()
    write_corpus(40, built.root)
    pelican = Pelican(built.settings(DTZ_PREVIEW=True, DTZ_PDF=False))
    pelican.run()
    assert item_pages(rendered)
    rendered.clear()
    pelican.run()
    assert item_pages(rendered) == []


def test_a_rebuild_renders_only_pages_whose_inputs_changed_and_still_equals_a_cold_build(site, tmp_path, rendered):
    """Each edit, built warm, gives exactly what a cold serial build of the same content gives:
    a body edit, a title that overviews show, a pearl becoming a draft, a new pearl, a setting."""
    built = site()
    write_corpus(40, built.root)
    pearls = sorted((built.root / "content" / "parels").glob("*.md"))

    def build(output, cache, **settings):
        rendered.clear()
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), DTZ_PDF=False, **SEARCH, **settings)
        return files(tmp_path / output)

    def cold(step, **settings):
        return build(f"cold-{step}", f"cache-{step}", DTZ_WORKERS=1, **settings)

    def rendered_pages():
        return item_pages(rendered)

    first = build("warm", "cache")
    assert build("warm", "cache") == first
    assert rendered_pages() == []  # nothing changed: no item page or overview rendered

    edited = edit_pearl(built.root, 1)
    warm = build("warm", "cache")
    again = rendered_pages()
    assert f"parels/{edited.stem}/index.html" in again
    assert "parels/index.html" not in again and len(again) < 5
    assert warm == cold("body")

    text = pearls[1].read_text(encoding="utf-8")
    pearls[1].write_text(text.replace("Title: ", "Title: Nieuw: ", 1), encoding="utf-8")
    warm = build("warm", "cache")
    assert "parels/index.html" in rendered_pages()
    assert warm == cold("title")

    issues = " ".join(p.read_text(encoding="utf-8") for p in built.root.rglob("*.md") if "parels" not in p.parts)
    unlisted = next(p for p in pearls[2:] if p.stem not in issues)  # an issue may not list a draft
    unlisted.write_text("Status: draft\n" + unlisted.read_text(encoding="utf-8"), encoding="utf-8")
    warm = build("warm", "cache")
    assert warm == cold("draft") and f"parels/{unlisted.stem}/index.html" not in warm

    (built.root / "content" / "parels" / "nieuw.md").write_text(text.replace("Title: ", "Title: Nog een ", 1), encoding="utf-8")
    assert build("warm", "cache") == cold("new")

    warm = build("warm", "cache", SITENAME="Andere naam")
    assert warm == cold("setting", SITENAME="Andere naam") and b"Andere naam" in warm[f"parels/{edited.stem}/index.html"]


def test_ignore_cache_renders_every_page_again(site, rendered):
    """`pelican --ignore-cache` (LOAD_CONTENT_CACHE off): nothing is taken from an earlier build."""
    built = site()
    write_corpus(40, built.root)
    built.build(DTZ_PDF=False)
    rendered.clear()
    built.build(DTZ_PDF=False, LOAD_CONTENT_CACHE=False)
    assert "parels/index.html" in rendered and len(item_pages(rendered)) > 20


def test_the_reader_cache_holds_in_a_fresh_process_that_has_not_rendered_yet(site, monkeypatch):
    """Markdown imports its extensions only when it renders a file. The cache's fingerprint must
    not depend on that: a new process (extensions not imported yet) must trust a cache saved by
    one that rendered (they were), or every other rebuild renders every file again."""
    import pelican.readers
    from conftest import pearl

    built = site({"content/parels/hal.md": pearl(body="Tekst."), "content/parels/werf.md": pearl(title="Werf", body="Tekst.")})
    built.build(DTZ_PDF=False)
    for name in [name for name in sys.modules if name.startswith("markdown.extensions.")]:
        monkeypatch.delitem(sys.modules, name)  # as in a new `pelican` process
    reads = []
    read = pelican.readers.MarkdownReader.read
    monkeypatch.setattr(pelican.readers.MarkdownReader, "read", lambda self, path: reads.append(path) or read(self, path))
    built.build(DTZ_PDF=False)
    assert reads == []


CASES = 30
PDF_CASES = {9, 28, 29}  # PDFs are slow to render cold: on in a few cases only (two in a row)
TRIES = 6  # edits that make the content invalid are taken back and the case's fields tried again with other values


def test_every_kind_in_the_model_has_random_values():
    """New kinds in the content model must get a generator, so the random edits cover them."""
    from random_edits import missing_kinds

    assert missing_kinds() == []


@pytest.mark.pdf  # a few cases render the TechZine PDFs
def test_random_edits_built_warm_equal_a_cold_build(site, tmp_path):
    """Seeded random edits to every field of every type (from the model table), bodies, deletions,
    new files, images and settings: after each case, a warm build (output/ and caches of the case
    before) writes exactly what a cold serial build writes; an edit that makes the content invalid
    stops the warm build with output/ as it was."""
    from random_edits import Editor

    from dtz_content.problems import ContentError

    built = site()
    write_corpus(24, built.root)
    editor = Editor(built.root, built.settings(), seed=15)
    fields = editor.every_field()
    covered = set()
    printed = 0  # PDF cases that wrote PDFs

    def build(output, cache, **settings):
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), **SEARCH, **editor.overrides, **settings)
        return files(tmp_path / output)

    build("warm", "cache", DTZ_PDF=False)
    for case in range(CASES):
        pdf = case in PDF_CASES
        mine = fields[case::CASES]  # every field of the model is some case's
        for attempt in range(TRIES):
            editor.begin()
            done = [editor.field(ctype, field) for ctype, field in mine] + ([editor.edit()] if attempt == 0 else [])
            before = files(tmp_path / "warm")
            try:
                warm = build("warm", "cache", DTZ_PDF=pdf)
                break
            except ContentError:  # invalid content: nothing may have changed
                assert files(tmp_path / "warm") == before, done
                editor.undo()
        else:
            continue
        covered.update((ctype.key, field.name) for ctype, field in mine)
        cold = build(f"cold-{case}", f"cold-cache-{case}", DTZ_PDF=pdf, DTZ_WORKERS=1)
        differ = sorted(path for path in set(warm) | set(cold) if warm.get(path) != cold.get(path))
        assert differ == [], f"case {case} ({'; '.join(done)}): the warm build differs in {differ[:5]}"
        if pdf:  # every published TechZine issue has its PDF (a draft issue, which may now be unfinished, has none)
            issues = {
                path.rsplit("/", 1)[0] for path in warm if path.startswith("techzine/") and path.count("/") == 2 and path.endswith("/index.html")
            }
            assert all(any(p.startswith(issue + "/") and p.endswith(".pdf") for p in warm) for issue in issues), done
            printed += any(path.endswith(".pdf") for path in warm)
    assert printed, "no PDF case printed anything"
    missed = {(ctype.key, field.name) for ctype, field in fields} - covered
    assert missed == set(), f"fields never changed in a build: {sorted(missed)}"


def test_adding_deleting_publishing_or_unpublishing_a_pearl_renders_only_the_pages_that_show_it(site, tmp_path, rendered):
    """A change costs what it touches: a rebuild renders the pearl's own page and the lists and
    overviews it is on (home, /parels/, its municipality, sector, keyword and company pages, the
    annual plan's target that counts pearls on /voortgang/ and the report of its quarter), and no other page, though it brings a new photo; feeds and the sitemap follow.
    Built warm, each step equals a cold build."""
    from conftest import png

    built = site()
    write_corpus(24, built.root)
    target = built.root / "content" / "jaarplan" / "parels.md"  # the annual plan's target that counts pearls
    target.parent.mkdir()
    target.write_text((ROOT / "content" / "jaarplan" / "parels.md").read_text(encoding="utf-8"), encoding="utf-8")
    parels = built.root / "content" / "parels"
    text = sorted(parels.glob("*.md"))[0].read_text(encoding="utf-8")
    fields = (
        ("Title", "Nieuwe parel"),
        ("Municipality", "Emmen"),
        ("Sector", "Chemie"),
        ("Tags", "robotica, procestechniek"),
        ("Image", "images/parels/nieuw.png"),
    )
    for field, value in fields:
        text = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
    new = parels / "nieuw.md"
    assert "images/parels/nieuw.png" in text

    def build(step, today="2019-12-31", cold=True):
        rendered.clear()
        built.build(OUTPUT_PATH=str(tmp_path / "warm"), CACHE_PATH=str(tmp_path / "cache"), DTZ_TODAY=today, DTZ_PDF=False, **SEARCH)
        warm, pages = files(tmp_path / "warm"), set(rendered)
        if cold:
            built.build(
                OUTPUT_PATH=str(tmp_path / step), CACHE_PATH=str(tmp_path / f"cache-{step}"), DTZ_TODAY=today, DTZ_PDF=False, DTZ_WORKERS=1, **SEARCH
            )
            assert warm == files(tmp_path / step), step
        return warm, pages

    def dated(day):
        return re.sub(r"^Date: .*$", f"Date: {day}", text, count=1, flags=re.M)

    build("before", cold=False)
    (built.root / "content" / "images" / "parels" / "nieuw.png").write_bytes(png(900, 600))
    new.write_text(dated("2019-12-20"), encoding="utf-8")
    site_with, added = build("added")
    page = site_with["parels/nieuw/index.html"].decode()
    company = re.search(r'href="/(bedrijven/[^"]+/)"', page).group(1)
    shown = {
        "parels/nieuw/index.html",
        "parels/index.html",
        "index.html",  # the newest pearls
        "gemeente/emmen/index.html",
        "sector/chemie/index.html",
        "trefwoord/robotica/index.html",
        "trefwoord/procestechniek/index.html",
        company + "index.html",
        "voortgang/index.html",  # counts pearls for the target
        "voortgang/parels/index.html",  # the target's own page
        "voortgang/rapport/2019-k4/index.html",  # the quarterly report of the quarter it appears in
    }
    assert added == shown
    assert b"Nieuwe parel" in site_with["feeds/rss.xml"] and b"/parels/nieuw/" in site_with["sitemap.xml"]

    new.write_text("Status: draft\n" + dated("2019-12-20"), encoding="utf-8")
    site_without, unpublished = build("draft")
    gone = {"parels/nieuw/index.html", "trefwoord/robotica/index.html"}  # its page, and the keyword only it has
    assert unpublished == shown - gone
    assert b"Nieuwe parel" not in site_without["feeds/rss.xml"] and not gone & set(site_without)

    new.write_text(dated("2019-12-20"), encoding="utf-8")
    build("again", cold=False)
    new.unlink()
    _, deleted = build("deleted", cold=False)
    assert deleted == shown - gone

    new.write_text(dated("2020-01-03"), encoding="utf-8")  # scheduled: shown nowhere yet
    _, scheduled = build("scheduled", cold=False)
    assert scheduled == set()
    _, day_passes = build("next-day", today="2020-01-02")  # what a new day renders on its own (the as-of date)
    _, published = build("published", today="2020-01-03")
    assert published == shown | day_passes
    assert not day_passes & {"parels/index.html", "index.html", "gemeente/emmen/index.html"}
