"""A page's cache key comes from its template's files too: an edited partial renders again every page that includes it."""

import shutil

from conftest import ROOT, pearl


def test_an_edited_partial_renders_every_page_that_includes_it_again(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    built = site({"content/parels/hal.md": pearl(), "content/parels/bos.md": pearl(title="Bos")}).build(THEME=str(theme))
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Nieuwe voettekst</p></footer>"), encoding="utf-8")
    built.build(THEME=str(theme))
    pages = [page for page in built.output.rglob("*.html") if "<footer" in page.read_text(encoding="utf-8")]
    assert len(pages) > 10
    assert [page for page in pages if "Nieuwe voettekst" not in page.read_text(encoding="utf-8")] == []
