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


def test_a_tuple_is_keyed_once_a_run_but_one_holding_a_list_follows_its_changes():
    from dtz_build.pagekeys import PageKeys

    keys = PageKeys({"PATH": "content"})
    terms = (("Emmen", "emmen"), ("Coevorden", "coevorden"))
    assert keys.key(municipalities=terms) == keys.key(municipalities=(("Emmen", "emmen"), ("Coevorden", "coevorden")))
    assert keys.key(municipalities=terms) != keys.key(municipalities=terms[:1])
    members = ["Hal Techniek B.V."]
    grouped = ("Emmen", members)  # a list inside: may change between pages, so never kept
    before = keys.key(group=grouped)
    members.append("Kunststof Noord B.V.")
    assert keys.key(group=grouped) != before
