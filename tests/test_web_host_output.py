"""What a web host needs in the output: precompressed copies and content-hashed CSS/JS."""

import gzip
import hashlib
import json
import re
import shutil

import brotli

from conftest import ROOT, pearl

TEXT = (".html", ".css", ".js", ".xml", ".json", ".ics", ".svg", ".txt")
LONG = "Een fictief bedrijf met een lange beschrijving. " * 60  # pages well over 1 KB


def text_files(output):
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output)
        if path.is_file() and path.suffix in TEXT and not any(part.startswith(".") for part in relative.parts):
            yield path


def test_every_text_file_over_1_kb_has_gz_and_br_copies_of_exactly_its_bytes(site):
    built = site({"content/parels/hal-techniek.md": pearl(body=LONG)}).build()
    checked = 0
    for path in text_files(built.output):
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if len(data) > 1024:
            assert gzip.decompress(gz.read_bytes()) == data, path
            assert brotli.decompress(br.read_bytes()) == data, path
            checked += 1
        else:
            assert not gz.exists() and not br.exists(), path
    assert checked > 10
    assert not (built.output / ".dtz-build.json.gz").exists()


def test_a_rebuild_leaves_no_stale_copy(site):
    built = site({"content/parels/hal-techniek.md": pearl(body=LONG), "content/parels/staal.md": pearl(title="Staal", body=LONG)}).build()
    built.write({"content/parels/hal-techniek.md": pearl(body=LONG.replace("lange", "nieuwe"))})
    (built.content / "parels" / "staal.md").unlink()
    built.build()
    page = built.output / "parels" / "hal-techniek" / "index.html"
    assert "nieuwe beschrijving" in page.read_text(encoding="utf-8")
    assert gzip.decompress((built.output / "parels/hal-techniek/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((built.output / "parels/hal-techniek/index.html.br").read_bytes()) == page.read_bytes()
    assert not (built.output / "parels" / "staal").exists()


def test_the_preview_gets_no_copies(site):
    built = site({"content/parels/hal-techniek.md": pearl(body=LONG)}).build(DTZ_PREVIEW=True)
    assert not list(built.output.rglob("*.gz")) and not list(built.output.rglob("*.br"))


def test_pages_link_theme_css_and_js_by_content_hash_and_the_manifest_lists_them(site):
    built = site({"content/parels/hal-techniek.md": pearl()}).build()
    manifest = json.loads(built.read("theme/assets.json"))
    source = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    assert manifest["css/site.css"] == f"css/site.{hashlib.sha256(source).hexdigest()[:10]}.css"
    assert (built.output / "theme" / manifest["css/site.css"]).read_bytes() == source
    page = built.read("parels/hal-techniek/index.html")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert f"/theme/{manifest['css/site.css']}" in stylesheets
    assert all(re.search(r"\.[0-9a-f]{10}\.css$", href) for href in stylesheets)


def test_an_edited_theme_script_renders_again_the_pages_that_load_it(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    built = site({"content/parels/hal-techniek.md": pearl()}).build(THEME=str(theme))
    script = theme / "static" / "js" / "search.js"
    script.write_text(script.read_text(encoding="utf-8") + "// edited\n", encoding="utf-8")
    built.build(THEME=str(theme))  # warm: the search page's own values did not change, the script's name did
    (src,) = re.findall(r'<script src="/(theme/js/search\.[0-9a-f]{10}\.js)"', built.read("zoeken/index.html"))
    assert (built.output / src).read_bytes() == script.read_bytes()
