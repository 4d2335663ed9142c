"""The annual plan as content: parts with deadlines, statuses on four days, and the errors an editor can make."""

import email
import email.policy
import json

import pypdf
import pytest
from conftest import ROOT, Site, event, target

STAKEHOLDERS = "Stakeholderbijeenkomst; Measure: count; Type: evenement; Kind: stakeholderbijeenkomst; Target: 1; Deadline: 2019-K2"


def targets(built):
    data = json.loads(built.read("voortgang/goals.json"))
    return {t["number"]: t for t in data["targets"]}


def build(site, files, today):
    return targets(site(files).build(DTZ_TODAY=today))


def test_a_deliverable_done_after_its_deadline_is_late_until_it_is_done(site, capsys):
    files = {
        "content/jaarplan/marketingplan.md": target(
            "3.1", "Marketingplan", ["Marketingplan; Measure: deliverable; Deadline: 2019-K2; Done: 2019-08-15"]
        )
    }
    assert build(site, files, "2019-06-30")["3.1"]["status"] == "on_track"  # on its deadline day still on track
    late = build(site, files, "2019-07-01")
    assert (late["3.1"]["status"], late["3.1"]["parts"][0]["done"]) == ("late", None)
    assert "Doel 3.1 Marketingplan: te laat — Marketingplan (nog niet opgeleverd) moest af zijn op 30 juni 2019" in capsys.readouterr().out
    done = build(site, files, "2019-08-15")["3.1"]
    assert (done["status"], done["parts"][0]["done"], done["parts"][0]["done_late"]) == ("met", "2019-08-15", True)


def test_a_figure_reported_twice_takes_the_latest_report_up_to_the_day(site):
    files = {
        "content/jaarplan/vlogbattle.md": target(
            "2.4",
            "Vlogbattle",
            ["Deelnemers; Measure: figure; Target: 50; Deadline: 2019-K4"],
            ["Date: 2019-10-10; Value: 45; Source: inschrijvingen", "Date: 2019-11-20; Value: 52; Source: inschrijvingen"],
        )
    }
    october = build(site, files, "2019-10-31")["2.4"]
    assert (october["count"], october["status"], october["expected_by_as_of"]) == (45, "on_track", 41)  # 50 x 304/365 = 41.6
    assert october["parts"][0]["reports"] == [{"date": "2019-10-10", "value": 45, "source": "inschrijvingen", "example": False}]
    september = build(site, files, "2019-09-30")["2.4"]
    assert (september["count"], september["status"]) == (0, "behind")
    november = build(site, files, "2019-11-20")["2.4"]
    assert (november["count"], november["status"]) == (52, "met")
    assert [r["value"] for r in november["parts"][0]["reports"]] == [45, 52]


@pytest.mark.parametrize("start, status", [("2019-06-13 15:00", "met"), ("2019-07-02 15:00", "late")])
def test_an_event_counts_in_its_quarter_and_not_once_moved_out_of_it(site, start, status):
    files = {
        "content/jaarplan/stakeholders.md": target("1.6", "Stakeholderbijeenkomst", [STAKEHOLDERS]),
        "content/agenda/bijeenkomst.md": event("Bijeenkomst", "2019-04-15", start=start, extra="Kind: stakeholderbijeenkomst"),
        "content/agenda/beurs.md": event("Beurs", "2019-04-15", start="2019-05-01", extra="Kind: beurs"),
    }
    found = build(site, files, "2019-09-30")["1.6"]
    assert found["status"] == status
    assert [i["slug"] for i in found["items"]] == (["bijeenkomst"] if status == "met" else [])


def test_a_target_without_parts_is_nothing_and_draft_targets_stay_off_the_page(site):
    built = site({"content/jaarplan/concept.md": target("1.1", "Concept", ["Database; Measure: deliverable"], extra="Status: draft")}).build()
    assert json.loads(built.read("voortgang/goals.json"))["targets"] == []
    assert not built.exists("jaarplan/concept/index.html")


def test_targets_have_no_page_and_are_in_no_feed_sitemap_or_search(site):
    built = site({"content/jaarplan/marketingplan.md": target("3.1", "Marketingplan", ["Marketingplan; Measure: deliverable"])}).build(
        DTZ_SEARCH_INDEX=True
    )
    public = [p for p in built.output.rglob("*") if p.is_file() and "voortgang" not in p.parts and p.suffix in (".html", ".xml", ".json", ".txt")]
    assert public and [p.name for p in public if "Marketingplan" in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize(
    "line, message",
    [
        ("Part: Marketingplan; Deadline: 2019-K2", "Part: 'Marketingplan' heeft geen Measure — voeg toe: Measure: count (tellen)"),
        (
            "Part: Marketingplan; Measure: deliverable; Deadline: 2020-K1",
            "Part: Deadline 2020-K1 ligt buiten het jaarplan 2019 — een datum in 2019 als 2019-06-30 of een kwartaal als 2019-K2",
        ),
        ("Part: Marketingplan; Measure: deliverable; Deadline: 2019-Q2", "Part: Deadline '2019-Q2' is geen kwartaal — "),
        (
            "Part: Parels; Measure: count; Type: parels; Target: 8",
            "Part: Type 'parels' is onbekend — een van: parel, cop, evenement, hoofdstuk, pagina, bedrijf (bedoelde u 'parel'?)",
        ),
        (
            "Part: Parels; Measure: count; Type: parel; Gemeente: Emmen; Target: 8",
            "Part: filter Gemeente is geen veld van parel — een veld van parel: ",
        ),
        (
            "Part: Parels; Measure: count; Type: parel; Municipality: Emen; Target: 8",
            "Part: filter Municipality: 'Emen' is niet bekend — een van: Emmen, Coevorden, Hoogeveen, Hardenberg (bedoelde u 'Emmen'?)",
        ),
        (
            "Part: Beurs; Measure: count; Type: evenement; Kind: beurz; Target: 1",
            "Part: filter Kind: 'beurz' is niet toegestaan — stakeholderbijeenkomst, beurs",
        ),
        ("Part: Parels; Measure: count; Type: parel", "Part: 'Parels' heeft geen Target — het aantal dat het doel vraagt, zoals Target: 8"),
        (
            "Part: Profielen; Measure: figure; Target: 100\nReport: Value: 45; Source: beheer",
            "Report: Date ontbreekt — Date: de dag van de meting, als 2019-10-15",
        ),
        (
            "Part: Profielen; Measure: figure; Target: 100\nReport: Date: 15-10-2019; Value: 45; Source: beheer",
            "Report: Date: '15-10-2019' is geen geldige datum — een datum als JJJJ-MM-DD of JJJJ-MM-DD UU:MM (bedoelde u '2019-10-15'?)",
        ),
        (
            "Part: Plan; Measure: deliverable\nReport: Date: 2019-10-15; Value: 45; Source: beheer",
            "Report: dit doel heeft geen onderdeel met Measure: figure",
        ),
        (
            "Part: Profielen; Measure: figure; Target: 100\nReport: Date: 2019-10-15; Value: 45; Source: a\nReport: Date: 2019-10-15; Value: 46; Source: b",
            "Report: 'Profielen' is op 2019-10-15 al gemeld — één melding per dag; pas de eerdere regel aan",
        ),
    ],
)
def test_a_bad_plan_line_is_one_line_at_its_place(site, line, message):
    text = f"Title: Doel\nNumber: 1.1\nOwner: Programmabureau\n{line}\n\nTekst.\n"
    built = site({"content/jaarplan/doel.md": text})
    result = built.check()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [e for e in result.stderr.splitlines() if e.startswith("content/jaarplan/doel.md:")]
    assert len(errors) == 1, result.stderr
    field = message.split(":")[0]
    number = max(n for n, x in enumerate(text.splitlines(), 1) if x.startswith(field + ":"))  # the (last) line of that field
    assert errors[0].startswith(f"content/jaarplan/doel.md:{number}: "), errors[0]
    assert message in errors[0]
    assert not built.exists("index.html")


def test_a_target_number_names_a_theme_of_the_plan(site):
    result = site({"content/jaarplan/doel.md": target("4.1", "Doel", ["Plan; Measure: deliverable"])}).check()
    assert (
        "content/jaarplan/doel.md:2: Number: thema 4 bestaat niet — thema en nummer, zoals 1.6 (thema 1, punt 6); thema's 1 tot en met 3 (DTZ_PLAN_THEMES)"
        in result.stderr
    )


@pytest.fixture(scope="module")
def starter_plan(tmp_path_factory):
    """The starter's plan and content, built as of one day in each quarter of 2019, each into a folder of its
    own with one cache: a later day reuses the PDFs and images whose inputs did not change (a cached build
    writes what a cold one does: test_build_equivalence.py)."""
    days, cache = {}, tmp_path_factory.mktemp("plan-cache")
    for day in ("2019-02-15", "2019-05-15", "2019-08-15", "2019-11-15"):
        built = Site(tmp_path_factory.mktemp("plan-" + day)).build(PATH=str(ROOT / "content"), DTZ_TODAY=day, DTZ_PDF=True, CACHE_PATH=str(cache))
        days[day] = built
    return days


EXPECTED = {  # number: status on each of the four days, worked out by hand from content/jaarplan/ and the starter content
    "1.1": ("on_track", "on_track", "met", "met"),  # done 28 May (example), deadline Q2
    "1.3": ("on_track", "on_track", "on_track", "late"),  # deadline Q3, not done
    "1.6": ("on_track", "on_track", "met", "met"),  # the stakeholder event starts 13 June
    "1.8": ("on_track", "on_track", "on_track", "met"),  # done 2 September (example)
    "2.3": ("behind", "behind", "behind", "late"),  # no profiles reported while the line to 100 rises; no prototype by Q3
    "2.4": ("behind", "behind", "behind", "behind"),  # 31 participants reported on 10 October
    "3.1": ("on_track", "on_track", "met", "met"),  # done 27 June (example)
    "3.2": ("on_track", "on_track", "met", "met"),  # promotiedagen 16 May (published), München 4 June
    "3.6": ("on_track", "on_track", "on_track", "met"),  # Innofuture starts 3 October
}


@pytest.mark.pdf  # starter_plan prints the starter's PDFs and reports
def test_the_starter_plan_holds_the_21_targets_in_three_themes(starter_plan):
    found = targets(starter_plan["2019-02-15"])
    assert len(found) == 21
    themes = [t["theme"] for t in found.values()]
    assert (themes.count(1), themes.count(2), themes.count(3)) == (9, 6, 6)


@pytest.mark.pdf  # starter_plan prints the starter's PDFs and reports
@pytest.mark.parametrize("index, day", list(enumerate(("2019-02-15", "2019-05-15", "2019-08-15", "2019-11-15"))))
def test_the_starter_plan_statuses_on_a_day_in_each_quarter(starter_plan, index, day):
    found = targets(starter_plan[day])
    assert {number: found[number]["status"] for number in EXPECTED} == {number: statuses[index] for number, statuses in EXPECTED.items()}
    page = starter_plan[day].read("voortgang/index.html")
    words = {"met": "gehaald", "on_track": "op schema", "behind": "achter op schema", "late": "te laat"}
    for number, statuses in EXPECTED.items():
        row = page.split(f'<tr data-number="{number}">')[1].split("</tr>")[0]
        assert f'data-status="{statuses[index]}">{words[statuses[index]]}</td>' in row


WORDS = {"met": "gehaald", "on_track": "op schema", "behind": "achter op schema", "late": "te laat"}


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


@pytest.mark.pdf
@pytest.mark.parametrize("index, day", list(enumerate(("2019-02-15", "2019-05-15", "2019-08-15", "2019-11-15"))))
def test_a_quarterly_report_for_every_quarter_begun_agrees_on_page_pdf_and_email(starter_plan, index, day):
    built = starter_plan[day]
    assert sorted(p.name for p in (built.output / "voortgang/rapport").iterdir()) == [f"2019-k{q}" for q in range(1, index + 2)]
    folder = f"voortgang/rapport/2019-k{index + 1}/"  # the quarter running on the day: as of that day
    found = targets(built)
    page, text = built.read(folder + "index.html"), built.read(folder + "email.txt")
    printed = pdf_text(built.output / folder / "rapport.pdf")
    message = email.message_from_bytes((built.output / folder / "email.eml").read_bytes(), policy=email.policy.default)
    assert f'<a href="/{folder}email.eml">' in page and f'<a href="/{folder}rapport.pdf">' in page
    assert message["Subject"] == f"Kwartaalrapportage jaarplan 2019: {index + 1}e kwartaal"
    assert message["To"] is None and message["List-Unsubscribe"] is None  # the office sends it to the Board by hand
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == text
    for number, statuses in EXPECTED.items():
        word, title = WORDS[statuses[index]], found[number]["label"]
        assert found[number]["status"] == statuses[index]
        row = page.split(f'<tr data-number="{number}">')[1].split("</tr>")[0]
        assert f'data-status="{statuses[index]}">{word}</td>' in row
        assert f"\n{number} {title}: {word}\n" in text
        assert f"{number} {title} {word}" in printed
    assert printed.startswith(f"DUTCH TECHZONE Voor de Program Board Kwartaalrapportage jaarplan 2019: {index + 1}e kwartaal Stand per ")  # the cover
    assert "Af in het volgende kwartaal" in printed and "Clustervorming en ondernemerschap" in printed


@pytest.mark.pdf
def test_a_report_says_what_changed_since_the_quarter_before_and_what_is_due_next(starter_plan):
    built = starter_plan["2019-08-15"]
    text = built.read("voortgang/rapport/2019-k2/email.txt")
    assert "1.6 Stakeholderbijeenkomst triple helix: gehaald\n   - status: op schema → gehaald\n   - Stakeholderbijeenkomst: 0 → 1 van 1\n" in text
    assert "Stand per 30 juni 2019: " in text  # a quarter that is over is reported as of its last day
    assert "- 1.3 Onderzoek naar bedrijfsprofielen: Onderzoek bedrijfsprofielen, uiterlijk 30 september 2019" in text
    printed = pdf_text(built.output / "voortgang/rapport/2019-k2/rapport.pdf")
    assert "• 1.3 Onderzoek naar bedrijfsprofielen: Onderzoek bedrijfsprofielen, uiterlijk 30 september 2019" in printed
    assert "Stakeholderbijeenkomst: 0 → 1 van 1" in printed
    assert "eerste kwartaal" in built.read("voortgang/rapport/2019-k1/index.html")


def test_no_report_and_no_voortgang_in_a_publish_build(site):
    built = site({"content/jaarplan/marketingplan.md": target("3.1", "Marketingplan", ["Marketingplan; Measure: deliverable"])}).publish(
        DTZ_TODAY="2019-11-15"
    )
    assert built.exists("index.html") and not (built.output / "voortgang").exists()


def test_a_target_s_page_follows_its_words_on_a_rebuild(site):
    words = "Eerste alinea.\n\nTweede alinea: {}.\n"
    text = f"Title: Marketingplan\nNumber: 3.1\nOwner: Programmabureau\nPart: Marketingplan; Measure: deliverable\n\n{words}"
    built = site({"content/jaarplan/marketingplan.md": text.format("oud")}).build()
    assert "Tweede alinea: oud." in built.read("voortgang/marketingplan/index.html")
    built.write({"content/jaarplan/marketingplan.md": text.format("nieuw")}).build()
    assert "Tweede alinea: nieuw." in built.read("voortgang/marketingplan/index.html")


def test_a_plan_year_that_is_no_year_is_one_line(site):
    result = site({"content/jaarplan/marketingplan.md": target("3.1", "Marketingplan", ["Marketingplan; Measure: deliverable"])}).cli(
        "-e", 'DTZ_PLAN_YEAR="2019"'
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(
        n for n, text in enumerate((ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines(), 1) if text.startswith("DTZ_PLAN_YEAR =")
    )
    assert f"pelicanconf.py:{line}: DTZ_PLAN_YEAR: '2019' is geen jaartal — een jaartal als 2019" in result.stderr.splitlines()
