"""Each event is serialized once per build, and a rebuild reads its VEVENT from the cache.

The files are put together from cached parts, yet hold exactly what icalendar's
Calendar.to_ical() writes, and what a build without cache writes.
"""

import icalendar
import pytest
from conftest import event
from test_agenda_ics import content


@pytest.fixture
def serialized(monkeypatch):
    """Which events the build really turned into iCalendar text."""
    made = []
    real = icalendar.Event.to_ical

    def to_ical(self, *args, **kwargs):
        made.append(str(self["SUMMARY"]))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(icalendar.Event, "to_ical", to_ical)
    return made


def calendars(site, tmp_path, name, cache="cache"):
    output = tmp_path / name
    site.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache))
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*.ics"))}


def test_each_event_is_serialized_once_and_a_rebuild_reads_them_all_from_the_cache(site, tmp_path, serialized):
    built = content(site)
    cold = calendars(built, tmp_path, "cold")
    assert sorted(serialized) == ["Beurs München", "Lezing", "Open dag", "Vlogfinale"]  # not once per file
    assert len(cold) == 5  # dtz.ics and one per published event
    assert calendars(built, tmp_path, "warm") == cold
    assert len(serialized) == 4


def test_the_assembled_files_are_what_icalendar_writes(site, tmp_path):
    built = content(site)
    for path, data in calendars(built, tmp_path, "cold").items():
        assert icalendar.Calendar.from_ical(data).to_ical() == data, path


def test_a_changed_event_time_changes_the_calendars_as_a_cold_build_would(site, tmp_path, serialized):
    built = content(site)
    before = calendars(built, tmp_path, "before")
    built.write({"content/agenda/lezing.md": event("Lezing", "2019-04-09", "2019-04-20 21:30", location="Bibliotheek, Emmen")})
    after = calendars(built, tmp_path, "after")
    assert serialized[4:] == ["Lezing"]
    assert after == calendars(built, tmp_path, "cold", cache="fresh")
    lezing = "agenda/lezing/lezing.ics"
    assert b"DTSTART;TZID=Europe/Amsterdam:20190420T213000" in after[lezing]
    assert b"20190420T200000" not in after[lezing] and b"20190420T200000" in before[lezing]
    assert after["agenda/finale/finale.ics"] == before["agenda/finale/finale.ics"]
