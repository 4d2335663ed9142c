"""The agenda as calendar apps read it: /agenda/dtz.ics and one .ics per event, RFC 5545."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import event, site_in

SITE = "https://www.dutchtechzone.nl"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def content(site):
    return site(
        {
            "content/agenda/finale.md": event(
                "Vlogfinale",
                "2019-09-02",
                "2019-11-29 19:00",
                "2019-11-30 01:00",
                "Theater, Coevorden",
                extra="Registration: https://example.com/aanmelden\nSummary: De finale van de vlogbattle.",
            ),
            "content/agenda/open-dag.md": event("Open dag", "2019-03-01", "2019-06-01", location="Hal 1, Emmen"),
            "content/agenda/beurs.md": event("Beurs München", "2019-04-08", "2019-06-04", "2019-06-07", "Messe München"),
            "content/agenda/lezing.md": event("Lezing", "2019-04-09", "2019-04-20 20:00", location="Bibliotheek, Emmen"),
            "content/agenda/concept.md": event("Conceptavond", "2019-05-01", extra="Status: draft"),
            "content/agenda/volgend-jaar.md": event("Nieuwjaarsborrel", "2020-01-02", "2020-01-10 17:00"),
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """content() built once: the tests that only read it share it."""
    return content(site_in(tmp_path_factory.mktemp("agenda"))).build()


def calendar(built, path="agenda/dtz.ics"):
    return Calendar.from_ical(built.read(path))


def events(cal):
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_agenda_lists_every_published_event_with_its_fields(built):
    cal = calendar(built)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    found = events(cal)
    assert sorted(found) == ["Beurs München", "Lezing", "Open dag", "Vlogfinale"]
    finale = found["Vlogfinale"]
    assert str(finale["UID"]) == "tag:www.dutchtechzone.nl,2019:event/finale"
    assert str(finale["LOCATION"]) == "Theater, Coevorden"
    assert str(finale["URL"]) == f"{SITE}/agenda/finale/"
    assert str(finale["DESCRIPTION"]).startswith("De finale van de vlogbattle.")
    assert "Aanmelden: https://example.com/aanmelden" in str(finale["DESCRIPTION"])


def test_timed_events_are_in_amsterdam_time_with_a_vtimezone(built):
    cal = calendar(built)
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Amsterdam"
    assert "DTSTART;TZID=Europe/Amsterdam:20190420T200000" in built.read("agenda/dtz.ics")


def test_event_crossing_midnight_ends_the_next_day(built):
    finale = events(calendar(built))["Vlogfinale"]
    start, end = finale.decoded("DTSTART"), finale.decoded("DTEND")
    assert start == datetime.datetime(2019, 11, 29, 19, 0, tzinfo=AMSTERDAM)
    assert end == datetime.datetime(2019, 11, 30, 1, 0, tzinfo=AMSTERDAM)
    assert start.utcoffset() == datetime.timedelta(hours=1)


def test_all_day_event_is_a_date_ending_the_next_day(built):
    raw = (built.output / "agenda/dtz.ics").read_bytes()  # RFC 5545 lines end in CRLF
    assert b"DTSTART;VALUE=DATE:20190601\r\nDTEND;VALUE=DATE:20190602\r\n" in raw
    day = events(calendar(built))["Open dag"]
    assert day.decoded("DTSTART") == datetime.date(2019, 6, 1)


def test_multi_day_event_ends_the_day_after_its_last_day(built):
    beurs = events(calendar(built))["Beurs München"]
    assert (beurs.decoded("DTSTART"), beurs.decoded("DTEND")) == (datetime.date(2019, 6, 4), datetime.date(2019, 6, 8))


def test_event_without_end_is_a_moment(built):
    lezing = events(calendar(built))["Lezing"]
    assert lezing.decoded("DTSTART") == datetime.datetime(2019, 4, 20, 20, 0, tzinfo=AMSTERDAM)
    assert "DTEND" not in lezing


def test_dtstamp_is_the_events_date_not_the_build_time(built):
    finale = events(calendar(built))["Vlogfinale"]
    assert finale.decoded("DTSTAMP") == datetime.datetime(2019, 9, 1, 22, 0, tzinfo=datetime.timezone.utc)


def test_event_page_links_its_own_calendar_file(built):
    html = built.read("agenda/finale/index.html")
    assert 'href="/agenda/finale/finale.ics"' in html and ">Zet in uw agenda</a>" in html
    own = calendar(built, "agenda/finale/finale.ics")
    [single] = own.walk("VEVENT")
    assert single == events(calendar(built))["Vlogfinale"]
    assert [str(tz["TZID"]) for tz in own.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_all_day_event_file_needs_no_timezone(built):
    own = calendar(built, "agenda/open-dag/open-dag.ics")
    assert own.walk("VTIMEZONE") == [] and len(own.walk("VEVENT")) == 1


@pytest.mark.parametrize("preview", [False, True])
def test_drafts_and_scheduled_events_are_in_no_calendar_also_not_in_preview(site, preview):
    built = content(site).build(DTZ_PREVIEW=preview)
    assert "Conceptavond" not in built.read("agenda/dtz.ics")
    assert "Nieuwjaarsborrel" not in built.read("agenda/dtz.ics")
    assert not built.exists("agenda/concept/concept.ics") and not built.exists("agenda/volgend-jaar/volgend-jaar.ics")
    assert built.exists("agenda/concept/index.html") == preview
    if preview:
        assert "Zet in uw agenda" not in built.read("agenda/concept/index.html")


def test_agenda_pages_offer_the_subscription(built):
    link = '<link rel="alternate" type="text/calendar" title="Dutch TechZone — agenda (iCalendar)" href="/agenda/dtz.ics">'
    assert link in built.read("agenda/index.html")
    assert link in built.read("agenda/finale/index.html")


def test_the_assembled_files_are_what_icalendar_writes(built):
    files = sorted(built.output.rglob("*.ics"))
    assert len(files) == 5  # dtz.ics and one per published event
    for path in files:
        data = path.read_bytes()
        assert Calendar.from_ical(data).to_ical() == data, path


def test_a_changed_event_time_changes_the_calendars_as_a_cold_build_would(site, tmp_path):
    def calendars(name, cache="cache"):
        output = tmp_path / name
        built.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache))
        return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*.ics"))}

    built = content(site)
    before = calendars("before")
    built.write({"content/agenda/lezing.md": event("Lezing", "2019-04-09", "2019-04-20 21:30", location="Bibliotheek, Emmen")})
    after = calendars("after")
    assert after == calendars("cold", cache="fresh")
    lezing = "agenda/lezing/lezing.ics"
    assert b"DTSTART;TZID=Europe/Amsterdam:20190420T213000" in after[lezing]
    assert b"20190420T200000" not in after[lezing] and b"20190420T200000" in before[lezing]
    assert after["agenda/finale/finale.ics"] == before["agenda/finale/finale.ics"]
