"""A change costs what it touches: a rebuild renders only the pages whose inputs changed, and what it
writes equals a cold build of the same content.

A module of its own, so a second test worker takes it beside test_build_equivalence.py. Search is
off here: test_build_equivalence.py and test_search_index.py compare the index warm and cold."""

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from corpus import edit_pearl, write_corpus  # noqa: E402
from rebuilds import files, item_pages, rendered  # noqa: E402,F401  rendered: a fixture


def test_a_rebuild_renders_only_pages_whose_inputs_changed_and_still_equals_a_cold_build(site, tmp_path, rendered):
    """Edits built warm give exactly what a cold build of the same content gives: a body edit, a title
    that overviews show, a pearl becoming a draft and a new pearl, compared once all four are built, then
    a setting. (The random-edit property test in test_build_equivalence.py compares after every case.)"""
    built = site()
    write_corpus(24, built.root)
    pearls = sorted((built.root / "content" / "parels").glob("*.md"))

    def build(output, cache, **settings):
        rendered.clear()
        built.build(OUTPUT_PATH=str(tmp_path / output), CACHE_PATH=str(tmp_path / cache), DTZ_PDF=False, **settings)
        return files(tmp_path / output)

    def cold(step, **settings):
        return build(f"cold-{step}", f"cache-{step}", **settings)

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
    assert b"Bewerkt: ronde 1." in warm[f"parels/{edited.stem}/index.html"]

    text = pearls[1].read_text(encoding="utf-8")
    pearls[1].write_text(text.replace("Title: ", "Title: Nieuw: ", 1), encoding="utf-8")
    build("warm", "cache")
    assert "parels/index.html" in rendered_pages()

    issues = " ".join(p.read_text(encoding="utf-8") for p in built.root.rglob("*.md") if "parels" not in p.parts)
    unlisted = next(p for p in pearls[2:] if p.stem not in issues)  # an issue may not list a draft
    unlisted.write_text("Status: draft\n" + unlisted.read_text(encoding="utf-8"), encoding="utf-8")
    assert f"parels/{unlisted.stem}/index.html" not in build("warm", "cache")

    (built.root / "content" / "parels" / "nieuw.md").write_text(text.replace("Title: ", "Title: Nog een ", 1), encoding="utf-8")
    assert build("warm", "cache") == cold("edits")  # the body, title, draft and new pearl, compared once

    warm = build("warm", "cache", SITENAME="Andere naam")
    assert warm == cold("setting", SITENAME="Andere naam") and b"Andere naam" in warm[f"parels/{edited.stem}/index.html"]


def test_adding_deleting_publishing_or_unpublishing_a_pearl_renders_only_the_pages_that_show_it(site, tmp_path, rendered):
    """A change costs what it touches: a rebuild renders the pearl's own page and the lists and
    overviews it is on (home, /parels/, its municipality, sector, keyword and company pages, the
    annual plan's target that counts pearls on /voortgang/ and the report of its quarter), and no other page, though it brings a new photo; feeds and the sitemap follow.
    The added pearl (with its new photo), the pearl unpublished, a new day and the pearl published on it,
    built warm, equal a cold build."""
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

    def build(step, today="2019-12-31", cold=False):
        rendered.clear()
        built.build(OUTPUT_PATH=str(tmp_path / "warm"), CACHE_PATH=str(tmp_path / "cache"), DTZ_TODAY=today, DTZ_PDF=False)
        warm, pages = files(tmp_path / "warm"), set(rendered)
        if cold:
            built.build(OUTPUT_PATH=str(tmp_path / step), CACHE_PATH=str(tmp_path / f"cache-{step}"), DTZ_TODAY=today, DTZ_PDF=False)
            assert warm == files(tmp_path / step), step
        return warm, pages

    def dated(day):
        return re.sub(r"^Date: .*$", f"Date: {day}", text, count=1, flags=re.M)

    build("before")
    (built.root / "content" / "images" / "parels" / "nieuw.png").write_bytes(png(900, 600))
    new.write_text(dated("2019-12-20"), encoding="utf-8")
    site_with, added = build("added", cold=True)
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
    site_without, unpublished = build("draft", cold=True)
    gone = {"parels/nieuw/index.html", "trefwoord/robotica/index.html"}  # its page, and the keyword only it has
    assert unpublished == shown - gone
    assert b"Nieuwe parel" not in site_without["feeds/rss.xml"] and not gone & set(site_without)

    new.write_text(dated("2019-12-20"), encoding="utf-8")
    build("again")
    new.unlink()
    _, deleted = build("deleted")
    assert deleted == shown - gone

    new.write_text(dated("2020-01-03"), encoding="utf-8")  # scheduled: shown nowhere yet
    _, scheduled = build("scheduled")
    assert scheduled == set()
    _, day_passes = build("next-day", today="2020-01-02", cold=True)  # what a new day renders on its own (the as-of date)
    _, published = build("published", today="2020-01-03", cold=True)
    assert published == shown | day_passes
    assert not day_passes & {"parels/index.html", "index.html", "gemeente/emmen/index.html"}
