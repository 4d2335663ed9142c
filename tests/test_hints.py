"""'Bedoelde u …?' only when it is right: the one rule every check uses (dtz_content.hints), in-process."""

import pytest

from dtz_content.hints import did_you_mean, near_miss
from dtz_content.kinds import other_date_form

MUNICIPALITIES = ["Emmen", "Coevorden", "Hoogeveen", "Hardenberg"]
SECTORS = ["Chemie", "Kunststoffen", "Metaal en maakindustrie", "Energie", "Logistiek", "Agrofood", "Zorgtechnologie", "ICT"]
PHOTOS = ["images/parels/IMG_4031.JPG", "images/parels/IMG_4032.JPG", "images/parels/hal-techniek.png"]


@pytest.mark.parametrize(
    "written, known, meant",
    [
        ("Emen", MUNICIPALITIES, "Emmen"),  # one edit
        ("Hogeveen", MUNICIPALITIES, "Hoogeveen"),
        ("Harednberg", MUNICIPALITIES, "Hardenberg"),  # two letters swapped
        ("Chemi", SECTORS, "Chemie"),
        ("Agro", SECTORS, "Agrofood"),  # the start of one value
        ("metaal en maak-industrie", SECTORS, "Metaal en maakindustrie"),  # case, spaces, punctuation
        ("images/parels/img_4031.jpg", PHOTOS, "images/parels/IMG_4031.JPG"),  # an extension's case
        ("images/parels/hal-technik.png", PHOTOS, "images/parels/hal-techniek.png"),
        ("Polymer B.V.", ["Polymeer B.V.", "Hal Techniek B.V."], "Polymeer B.V."),
        ("Zorgtechnologíe", SECTORS, "Zorgtechnologie"),  # accents
    ],
)
def test_a_near_miss_of_exactly_one_known_value_is_suggested(written, known, meant):
    assert near_miss(written, known) == meant
    assert did_you_mean(written, known) == f" (bedoelde u '{meant}'?)"


@pytest.mark.parametrize(
    "written, known",
    [
        ("Hal Techniek B.V.", ["Dalen Zorgtechniek B.V.", "Polymeer B.V."]),  # a word in common is no near miss
        ("Chip", SECTORS),  # far from every value
        ("images/parels/img_4033.jpg", PHOTOS),  # one edit from two files: no guess between them
        ("Me", SECTORS),  # too short to be the start of anything
        ("E", MUNICIPALITIES),
        ("Emmen", ["Emmen"]),  # never what was written
        ("", MUNICIPALITIES),
    ],
)
def test_no_hint_unless_exactly_one_value_is_a_near_miss(written, known):
    assert near_miss(written, known) is None and did_you_mean(written, known) == ""


def test_two_edits_only_for_values_of_eight_letters_or_more():
    assert near_miss("Emmnn", ["Emmen"]) == "Emmen"
    assert near_miss("Emnnn", ["Emmen"]) is None
    assert near_miss("Coevordnn", ["Coevorden"]) == "Coevorden"
    assert near_miss("Coevrdnn", ["Coevorden"]) == "Coevorden"


@pytest.mark.parametrize(
    "written, meant",
    [
        ("2019-06-01 12.00", "2019-06-01 12:00"),
        ("2019-06-01 12u", "2019-06-01 12:00"),
        ("2019-06-01 12:00 uur", "2019-06-01 12:00"),
        ("2019-06-01 9u30", "2019-06-01 09:30"),
        ("1-6-2019 14.30", "2019-06-01 14:30"),
        ("31 december 2019", "2019-12-31"),
        ("2019-6-1", "2019-06-01"),
    ],
)
def test_a_date_or_time_written_another_common_way_gets_the_header_form(written, meant):
    assert other_date_form(written) == meant


@pytest.mark.parametrize("written", ["2019-06-01 12", "2019-06-01 25:00", "31-02-2019", "maart 2019", "2019-06-01 middag"])
def test_no_date_form_is_guessed_from_what_is_no_day_or_time(written):
    assert other_date_form(written) is None
