"""Feeds are put together from cached entries, yet hold what feedgen writes and what a cold build writes."""

import pytest
from conftest import PNG, pearl, png
from test_feeds import content

from dtz_feeds import entries, feeds


@pytest.fixture
def made(monkeypatch):
    """The titles of the entries the build really turned into XML."""
    titles = []
    real = feeds.add_entry

    def add_entry(entry, item, settings):
        titles.append(item.title)
        return real(entry, item, settings)

    monkeypatch.setattr(feeds, "add_entry", add_entry)
    return titles


def built_feeds(site, tmp_path, name, cache="cache"):
    output = tmp_path / name
    site.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache))
    return {p.name: p.read_bytes() for p in sorted((output / "feeds").glob("*.xml"))}


def test_a_rebuild_makes_no_entry_again_and_writes_the_same_bytes(site, tmp_path, made):
    built = content(site)
    cold = built_feeds(built, tmp_path, "cold")
    assert len(made) == 2 * 6  # each published item once as RSS and once as Atom, though in two RSS feeds
    assert built_feeds(built, tmp_path, "warm") == cold
    assert len(made) == 2 * 6


def test_the_files_are_what_feedgen_writes_for_the_whole_feed(site, tmp_path, monkeypatch):
    compared = []
    assembled = entries.FeedFiles.xml

    def xml(self, feed, items):
        data = assembled(self, feed, items)
        compared.append((feed.path, data == feeds.serialize(feeds.build(feed, items, self.settings), feed.mime)))
        return data

    monkeypatch.setattr(entries.FeedFiles, "xml", xml)
    built = content(site)
    built_feeds(built, tmp_path, "cold")
    built_feeds(built, tmp_path, "warm")  # from the cache
    assert len(compared) == 2 * 7 and all(same for _, same in compared), compared


NOORD = "content/parels/kunststof-noord.md"


def noord(title="Kunststof Noord", slug="kunststof-noord"):
    return pearl(title, "2019-05-01", "Hoogeveen", "Kunststoffen", extra=f"Slug: {slug}")


def test_edits_change_the_feeds_as_a_cold_build_would(site, tmp_path, made):
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
    assert made[4:] == ["Kunststof Noord Nieuw"] * 2  # RSS and Atom; Hal Techniek's entries come from the cache
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
