"""RSS and Atom feeds as a feed reader sees them: every published item, nothing else, stable bytes."""

import time

import feedparser
import pytest

from conftest import PNG, cop, event, pearl, png, site_in

SITE = "https://www.dutchtechzone.nl"
FEEDS = ["rss", "atom", "parels", "cops", "agenda", "nieuwsbrief", "techzine"]


def content(site):
    return site(
        {
            "content/parels/hal-techniek.md": pearl(
                "Hal Techniek",
                "2019-03-01 09:30",
                extra="Image: images/hal.png\nImage_alt: De hal\nSummary: Een hal vol techniek.",
                body="Zie [de kunststoffen](/parels/kunststof-noord/) en ![hal](/images/hal.png) of [verderop](#meer).",
            ),
            "content/parels/kunststof-noord.md": pearl("Kunststof Noord", "2019-05-01", "Hoogeveen", "Kunststoffen"),
            "content/parels/geheim.md": pearl("Geheime parel", "2019-04-01", extra="Status: draft"),
            "content/parels/later.md": pearl("Parel van volgend jaar", "2020-01-05"),
            "content/cops/cluster-chemie.md": cop(extra="Municipalities: Emmen, Coevorden"),
            "content/agenda/finale.md": event("Vlogfinale", "2019-09-02", "2019-11-29 19:00", "2019-11-30 01:00", "Theater, Coevorden"),
            "content/agenda/concept.md": event("Conceptavond", "2019-09-03", extra="Status: draft"),
            "newsletters/oktober.md": "Title: Nieuwsbrief oktober\nDate: 2019-10-01\nItems: hal-techniek, finale\n\nDe nieuwsbrief.\n",
            "content/techzine/nummer-1.md": "Title: TechZine 1\nDate: 2019-11-01\nNumber: 1\nItems: hal-techniek\n\nHet eerste nummer.\n",
            "content/images/hal.png": PNG,
            "content/images/dtz-logo.png": PNG,
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """content() built once: the tests that only read it share it."""
    return content(site_in(tmp_path_factory.mktemp("feeds"))).build()


def parse(built, name):
    parsed = feedparser.parse(built.read(f"feeds/{name}.xml"))
    assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
    return parsed


def published(built, url):
    """The bytes the site serves at an absolute URL of its own."""
    assert url.startswith(SITE + "/images/"), url
    return (built.output / url.removeprefix(SITE + "/")).read_bytes()


def by_title(parsed, title):
    return next(entry for entry in parsed.entries if entry.title == title)


def test_every_feed_is_well_formed_and_lists_exactly_the_published_items(built):
    titles = {name: [entry.title for entry in parse(built, name).entries] for name in FEEDS}
    newest_first = ["TechZine 1", "Nieuwsbrief oktober", "Vlogfinale", "Kunststof Noord", "Cluster chemie", "Hal Techniek"]
    assert titles["rss"] == newest_first
    assert titles["atom"] == newest_first
    assert titles["parels"] == ["Kunststof Noord", "Hal Techniek"]
    assert titles["cops"] == ["Cluster chemie"]
    assert titles["agenda"] == ["Vlogfinale"]
    assert titles["nieuwsbrief"] == ["Nieuwsbrief oktober"]
    assert titles["techzine"] == ["TechZine 1"]


@pytest.mark.parametrize("preview", [False, True])
def test_drafts_and_scheduled_items_never_appear_also_not_in_preview(site, preview):
    built = content(site).build(DTZ_PREVIEW=preview)
    assert built.exists("parels/geheim/index.html") == preview  # the preview does show them on the site
    for name in FEEDS:
        text = built.read(f"feeds/{name}.xml")
        for hidden in ("Geheime parel", "Parel van volgend jaar", "Conceptavond", "geheim", "later"):
            assert hidden not in text, (name, hidden)


def test_rss_item_carries_link_guid_date_summary_body_categories_and_image(built):
    entry = by_title(parse(built, "rss"), "Hal Techniek")
    assert entry.link == f"{SITE}/parels/hal-techniek/"
    assert entry.id == "tag:www.dutchtechzone.nl,2019:pearl/hal-techniek"
    assert entry.guidislink is False
    assert entry.published == "Fri, 01 Mar 2019 09:30:00 +0100"  # Europe/Amsterdam, winter time
    assert entry.summary == "Een hal vol techniek."
    body = entry.content[0].value  # content:encoded
    assert f'href="{SITE}/parels/kunststof-noord/"' in body
    assert f'src="{SITE}/images/hal.png"' in body  # the body's image: its stripped copy (feedparser drops srcset)
    assert f'srcset="{SITE}/images/hal-1x1.' in built.read("feeds/rss.xml") and 'srcset="/' not in built.read("feeds/rss.xml")
    assert f'href="{SITE}/parels/hal-techniek/#meer"' in body
    assert 'href="/' not in body and 'src="/' not in body
    assert [tag.term for tag in entry.tags] == ["Parel", "Emmen", "Chemie"]
    [enclosure] = entry.enclosures
    assert enclosure.type == "image/png" and enclosure.length == str(len(published(built, enclosure.href)))


def test_summer_dates_carry_the_summer_offset(built):
    entry = by_title(parse(built, "rss"), "Kunststof Noord")
    assert entry.published == "Wed, 01 May 2019 00:00:00 +0200"
    assert not by_title(parse(built, "rss"), "Kunststof Noord").get("enclosures")


def test_atom_entry_has_one_alternate_link_and_the_image_as_enclosure(built):
    entry = by_title(parse(built, "atom"), "Hal Techniek")
    assert entry.id == "tag:www.dutchtechzone.nl,2019:pearl/hal-techniek"
    assert entry.published == "2019-03-01T09:30:00+01:00"
    rels = sorted((link.rel, link.href) for link in entry.links)
    assert [rel for rel, _ in rels] == ["alternate", "enclosure"] and rels[0][1] == f"{SITE}/parels/hal-techniek/"
    assert entry.enclosures[0].length == str(len(published(built, rels[1][1])))
    assert entry.content[0].type == "text/html"
    assert f'src="{SITE}/images/hal.png"' in entry.content[0].value


def test_event_description_says_when_and_where(built):
    entry = by_title(parse(built, "agenda"), "Vlogfinale")
    assert entry.summary.startswith("Wanneer: 29 november 2019 19:00 – 30 november 2019 01:00. Waar: Theater, Coevorden.")
    assert [tag.term for tag in entry.tags] == ["Evenement"]


def test_cop_lists_its_municipalities_and_sector(built):
    entry = by_title(parse(built, "cops"), "Cluster chemie")
    assert [tag.term for tag in entry.tags] == ["Community of Practice", "Emmen", "Coevorden", "Chemie"]


def test_feed_date_comes_from_the_newest_item_not_the_build(built):
    assert parse(built, "parels").feed.updated == "Wed, 01 May 2019 00:00:00 +0200"
    assert parse(built, "atom").feed.updated == "2019-11-01T00:00:00+01:00"


def test_combined_feeds_hold_the_newest_items_up_to_the_limit(site):
    built = content(site).build(DTZ_FEED_LIMIT=2)
    assert [e.title for e in parse(built, "rss").entries] == ["TechZine 1", "Nieuwsbrief oktober"]
    assert len(parse(built, "atom").entries) == 2
    assert len(parse(built, "parels").entries) == 2  # a type's own feed has every item


def test_rebuilding_unchanged_content_gives_byte_identical_feeds_and_calendars(built, tmp_path):
    first = built
    before = {p: b for p, b in first.snapshot().items() if p.endswith((".xml", ".ics"))}
    time.sleep(1.1)  # a timestamp of the build would now differ, even at one-second resolution
    first.build(OUTPUT_PATH=str(tmp_path / "again"))
    after = {p.relative_to(tmp_path / "again").as_posix(): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.suffix in (".xml", ".ics")}
    assert {p for p in before if p.startswith("feeds/")} == {f"feeds/{name}.xml" for name in FEEDS}
    assert {"agenda/dtz.ics", "agenda/finale/finale.ics"} <= set(before)
    assert after == before


def test_every_page_links_the_feeds_for_autodiscovery(built):
    home = built.read("index.html")
    assert '<link rel="alternate" type="application/rss+xml" title="Dutch TechZone (RSS)" href="/feeds/rss.xml">' in home
    assert '<link rel="alternate" type="application/atom+xml" title="Dutch TechZone (Atom)" href="/feeds/atom.xml">' in home
    assert "/feeds/parels.xml" not in home
    pearl_page = built.read("parels/hal-techniek/index.html")
    assert (
        'href="/feeds/rss.xml"' in pearl_page
        and 'type="application/rss+xml" title="Dutch TechZone — Parels (RSS)" href="/feeds/parels.xml"' in pearl_page
    )
    assert 'href="/feeds/agenda.xml"' in built.read("agenda/index.html")


def test_follow_page_lists_every_feed_and_the_agenda(built):
    assert '<a href="/volgen/">' in built.read("index.html")
    follow = built.read("volgen/index.html")
    for name in FEEDS:
        assert f'href="/feeds/{name}.xml"' in follow
    assert f"<code>{SITE}/agenda/dtz.ics</code>" in follow


@pytest.mark.parametrize(
    "setting, value, line",
    [
        ("DTZ_FEED_LIMIT", "veel", "pelicanconf.py:{line}: DTZ_FEED_LIMIT: 'veel' is geen aantal — een heel getal van 1 of meer, zoals 50"),
        (
            "DTZ_FEED_TYPES",
            ["pearl", "pagina"],
            "pelicanconf.py:{line}: DTZ_FEED_TYPES: ['pearl', 'pagina'] noemt een type zonder feed — een lijst uit: pearl, cop, event, newsletter, techzine",
        ),
    ],
)
def test_a_bad_feed_setting_is_one_line_and_nothing_is_written(site, capfd, setting, value, line):
    from conftest import ROOT

    from dtz_content.problems import ContentError

    number = next(n for n, text in enumerate((ROOT / "pelicanconf.py").read_text().splitlines(), 1) if text.startswith(setting + " ="))
    built = site({"content/pages/over.md": "Title: Over\n\nTekst.\n"})
    with pytest.raises(ContentError):
        built.build(**{setting: value})
    assert line.format(line=number) in capfd.readouterr().err
    assert not built.output.exists()


def built_feeds(site, tmp_path, name, cache="cache"):
    output = tmp_path / name
    site.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache))
    return {p.name: p.read_bytes() for p in sorted((output / "feeds").glob("*.xml"))}


NOORD = "content/parels/kunststof-noord.md"


def noord(title="Kunststof Noord", slug="kunststof-noord"):
    return pearl(title, "2019-05-01", "Hoogeveen", "Kunststoffen", extra=f"Slug: {slug}")


def test_edits_change_the_feeds_as_a_cold_build_would(site, tmp_path):
    built = site(
        {
            "content/parels/hal-techniek.md": pearl(
                "Hal Techniek", "2019-03-01", extra="Image: images/hal.png\nImage_alt: De hal", body="Zie [de buren]({filename}kunststof-noord.md)."
            ),
            NOORD: noord(),
            "content/images/hal.png": PNG,
        }
    )
    before = built_feeds(built, tmp_path, "output")
    built.write({NOORD: noord(title="Kunststof Noord Nieuw")})
    after = built_feeds(built, tmp_path, "output")
    assert b"Kunststof Noord Nieuw" in after["parels.xml"] and b"Kunststof Noord Nieuw" not in before["parels.xml"]
    assert after == built_feeds(built, tmp_path, "cold", cache="fresh")

    built.write({NOORD: noord(slug="kunststof-zuid")})  # Hal Techniek's file is the same, its link is not
    moved = built_feeds(built, tmp_path, "output")
    assert b"/parels/kunststof-zuid/" in moved["parels.xml"] and b"/parels/kunststof-noord/" not in moved["parels.xml"]
    assert moved == built_feeds(built, tmp_path, "cold2", cache="fresh2")

    built.write({"content/images/hal.png": png(8, 4)})  # another image: the enclosure's URL and length
    bigger = built_feeds(built, tmp_path, "output")
    assert b"/images/hal-8x4." in bigger["parels.xml"] and b"/images/hal-1x1." not in bigger["parels.xml"]
    assert bigger == built_feeds(built, tmp_path, "cold3", cache="fresh3")


@pytest.mark.parametrize("site_url", ["https://www.dutchtechzone.nl", "http://h.nl:8000/sub/", "", "https://h.nl/a/../b", "https://h.nl/?q"])
def test_absolute_addresses_and_links_are_what_urljoin_makes_of_them(site_url):
    """The shortcut for plain paths (no parsing) gives urljoin's answer, byte for byte, also for odd addresses."""
    import random  # noqa: PLC0415
    from html import unescape  # noqa: PLC0415
    from urllib.parse import urljoin  # noqa: PLC0415

    import dtz_content  # noqa: PLC0415

    parts = ["a", "b", "/", ".", "..", "-", "_", "~", "%2F", ":", "?", "#", ";", "&amp;", " ", "\t", "é", "//", "https://", "h.nl", ":80", "@"]
    draw, settings = random.Random(29), {"DTZ_SITE_URL": site_url}
    site = site_url.rstrip("/") + "/"
    for _ in range(3000):
        url = draw.choice(["", "/"]) + "".join(draw.choice(parts) for _ in range(draw.randint(0, 7)))
        assert dtz_content.absolute(url, settings) == urljoin(site, url.lstrip("/")), url
        if '"' not in url:
            page = draw.choice(["parels/x/", "", "a.html", "../x/"])
            made = dtz_content.absolute_links(f'<a href="{url}">', page, settings)
            assert made == f'<a href="{urljoin(urljoin(site, page), unescape(url)).replace("&", "&amp;")}">', (page, url)


def test_only_whole_link_attributes_are_made_absolute():
    import dtz_content  # noqa: PLC0415

    html = """<img data-src="/a.png" xsrc="/b.png" srcset='/c.png 2x, d.png 3x'><a href="../e/">"""
    made = dtz_content.absolute_links(html, "parels/x/", {"DTZ_SITE_URL": SITE})
    expected = f"""<img data-src="{SITE}/a.png" xsrc="/b.png" srcset='{SITE}/c.png 2x, {SITE}/parels/x/d.png 3x'><a href="{SITE}/parels/e/">"""
    assert made == expected
