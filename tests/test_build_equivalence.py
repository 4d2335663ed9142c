"""Speed never changes the site: cached and parallel builds write the bytes a cold serial build writes.

PDFs are left out (DTZ_PDF off) to keep the test quick; dtz_print caches them by their inputs.
"""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from corpus import edit_pearl, write_corpus  # noqa: E402


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_warm_and_parallel_builds_write_what_a_cold_serial_build_writes(site, tmp_path):
    built = site()
    write_corpus(40, built.root)

    def build(output, cache, **settings):
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), DTZ_PDF=False, **settings)
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
    source = '''from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


class Words(Preprocessor):
    def run(self, lines):
        return [line.replace("WOORD", "{word}") for line in lines]


class WordsExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Words(md), "dtz_test_words", 30)


def makeExtension(**kwargs):
    return WordsExtension(**kwargs)
'''
    markdown = json.dumps({"extensions": ["dtz_test_words"], "extension_configs": {}, "output_format": "html5"})
    env = {"PYTHONPATH": str(extension.parent)}
    for word in ("een", "twee"):
        extension.write_text(source.format(word=word), encoding="utf-8")
        result = built.cli("-e", f"MARKDOWN={markdown}", "DTZ_PDF=false", env=env)
        assert result.returncode == 0, result.stderr
        assert f"Versie {word}." in built.read("parels/hal/index.html")
