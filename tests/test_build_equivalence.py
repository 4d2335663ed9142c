"""Speed never changes the site: cached builds write the bytes a cold build writes.

PDFs are left out (DTZ_PDF off) to keep the test quick; dtz_print caches them by their inputs.
"""

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from corpus import edit_pearl, write_corpus  # noqa: E402
from rebuilds import SEARCH, files, item_pages, rendered  # noqa: E402,F401  rendered: a fixture


def test_warm_builds_write_what_a_cold_build_writes(site, tmp_path):
    built = site()
    write_corpus(40, built.root)

    def build(output, cache, **settings):
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), DTZ_PDF=False, **SEARCH, **settings)
        return files(tmp_path / output)

    cold = build("cold", "cache")
    assert any(path.startswith("parels/") for path in cold)
    assert build("cold", "cache") == cold  # cache warm, output warm: nothing differs

    edited = edit_pearl(built.root, 1)
    warm = build("cold", "cache")  # only the edited pearl is read again
    edited_page = f"parels/{edited.stem}/index.html"
    assert b"Bewerkt: ronde 1." in warm[edited_page] and warm[edited_page] != cold[edited_page]

    assert build("fresh", "fresh-cache") == warm


def test_a_changed_markdown_setting_is_not_answered_from_the_reader_cache(site):
    from conftest import pearl

    built = site({"content/parels/hal.md": pearl(body="## Over de hal\n\nTekst.")})
    with_toc = {"extension_configs": {"markdown.extensions.toc": {}}, "output_format": "html5"}
    without_toc = {"extension_configs": {}, "output_format": "html5"}
    assert 'id="over-de-hal"' in built.build(MARKDOWN=with_toc).read("parels/hal/index.html")
    assert 'id="over-de-hal"' not in built.build(MARKDOWN=without_toc).read("parels/hal/index.html")


def test_a_changed_markdown_extension_is_not_answered_from_the_reader_cache(site, tmp_path, monkeypatch):
    """An extension named as a string (as dtz_content.passages is) counts by its code, like a reader.
    Each build is as a new `pelican` process: the extension is imported anew."""
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
    monkeypatch.syspath_prepend(str(extension.parent))
    for word in ("een", "twee"):
        extension.write_text(source.format(word=word), encoding="utf-8")
        monkeypatch.delitem(sys.modules, "dtz_test_words", raising=False)  # as in a new process
        built.build(MARKDOWN={"extensions": ["dtz_test_words"], "extension_configs": {}, "output_format": "html5"})
        assert f"Versie {word}." in built.read("parels/hal/index.html")


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


def test_ignore_cache_renders_every_page_again(site, rendered):
    """`pelican --ignore-cache` (LOAD_CONTENT_CACHE off): nothing is taken from an earlier build."""
    built = site()
    write_corpus(12, built.root)
    built.build(DTZ_PDF=False)
    first = sorted(rendered)
    rendered.clear()
    built.build(DTZ_PDF=False, LOAD_CONTENT_CACHE=False)
    assert sorted(rendered) == first and "parels/index.html" in first and len(item_pages(first)) > 20


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
    before) writes exactly what a cold build writes; an edit that makes the content invalid
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
        cold = build(f"cold-{case}", f"cold-cache-{case}", DTZ_PDF=pdf)
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
