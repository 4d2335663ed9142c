"""Goals (voortgang): the counting rule of a count part, expected figures and status, and three outputs that agree."""

import contextlib
import datetime
import io
import json
import re

import pytest
from conftest import COUNTERS, PNG, ROOT, cop, event, pearl, site_in, target

from dtz_goals.progress import expected_by

PARELS = {"content/jaarplan/parels.md": COUNTERS["content/jaarplan/parels.md"]}
COPS = {"content/jaarplan/cops.md": COUNTERS["content/jaarplan/cops.md"]}


def newsletter(date, items, title="Nieuwsbrief", extra=""):
    return f"Title: {title}\nDate: {date}\nItems: {', '.join(items)}\n{extra}\nVoorwoord.\n"


def techzine(date, number, items, title="TechZine"):
    return f"Title: {title} {number}\nDate: {date}\nNumber: {number}\nItems: {', '.join(items)}\n\nVoorwoord.\n"


def build(site, files, today, plan=COUNTERS, **settings):
    built = site({**plan, **files, "content/images/dtz-logo.png": PNG}).build(DTZ_TODAY=today, **settings)
    return built, json.loads(built.read("voortgang/goals.json"))


def goal(data, name):
    return next(g for g in data["targets"] if g["name"] == name)


def slugs(entry):
    return [i["slug"] for i in entry["items"]]


def test_drafts_and_scheduled_items_do_not_count(site):
    _, data = build(
        site,
        {
            "content/parels/getoond.md": pearl("Getoond", "2019-03-01"),
            "content/parels/concept.md": pearl("Concept", "2019-04-01", extra="Status: draft"),
            "content/parels/gepland.md": pearl("Gepland", "2019-08-01"),
            "newsletters/concept.md": newsletter("2019-05-01", ["concept"], extra="Status: draft"),
        },
        "2019-07-01",
    )
    assert slugs(goal(data, "parels")) == ["getoond"]
    assert goal(data, "parels")["by_channel"] == {"website": 1, "nieuwsbrief": 0, "techzine": 0}


def test_a_pearl_in_three_channels_counts_once_from_its_first_appearance(site):
    _, data = build(
        site,
        {
            "content/parels/hal.md": pearl("Hal", "2019-03-01"),
            "newsletters/maart.md": newsletter("2019-03-15", ["hal"]),
            "newsletters/april.md": newsletter("2019-04-15", ["hal"]),
            "content/techzine/een.md": techzine("2019-04-01", 1, ["hal"]),
        },
        "2019-12-31",
    )
    parels = goal(data, "parels")
    assert parels["count"] == 1
    assert parels["items"] == [{"slug": "hal", "title": "Hal", "first_date": "2019-03-01", "first_channel": "website"}]
    assert parels["by_channel"] == {"website": 1, "nieuwsbrief": 1, "techzine": 1}


def test_a_pearl_shown_in_2018_counts_for_2018_and_not_again_for_a_2019_newsletter(site):
    files = {"content/parels/oud.md": pearl("Oud", "2018-11-01"), "newsletters/januari.md": newsletter("2019-01-10", ["oud"])}
    _, plan_2018 = build(site, files, "2019-12-31", plan=PARELS, DTZ_PLAN_YEAR=2018)
    assert slugs(goal(plan_2018, "parels")) == ["oud"]
    assert goal(plan_2018, "parels")["by_channel"] == {"website": 1, "nieuwsbrief": 0, "techzine": 0}
    _, data = build(site, files, "2019-12-31", plan=PARELS)
    assert goal(data, "parels")["count"] == 0
    assert goal(data, "parels")["by_channel"]["nieuwsbrief"] == 0  # only counted items are split by channel


@pytest.mark.parametrize("today, counted, in_newsletter", [("2019-07-01", [], 0), ("2019-12-31", ["cluster"], 1)])
def test_an_appearance_after_the_as_of_date_does_not_count_yet(site, today, counted, in_newsletter):
    _, data = build(
        site,
        {
            "content/cops/cluster.md": cop("Cluster", "2019-03-01"),
            "content/parels/hal.md": pearl("Hal", "2019-03-01"),
            "newsletters/september.md": newsletter("2019-09-02", ["cluster", "hal"]),
        },
        today,
    )
    assert slugs(goal(data, "cops")) == counted
    assert goal(data, "parels")["by_channel"]["nieuwsbrief"] == in_newsletter
    if counted:
        assert goal(data, "cops")["items"][0]["first_date"] == "2019-09-02"
        assert goal(data, "cops")["items"][0]["first_channel"] == "nieuwsbrief"


def test_a_cop_counts_once_it_was_on_the_website_and_in_a_newsletter(site):
    _, data = build(
        site,
        {
            "content/cops/alleen-website.md": cop("Alleen website", "2019-02-01"),
            "content/cops/website-techzine.md": cop("Website en TechZine", "2019-02-01"),
            "content/cops/beide.md": cop("Beide", "2019-02-01"),
            "content/techzine/een.md": techzine("2019-03-01", 1, ["website-techzine"]),
            "newsletters/mei.md": newsletter("2019-05-06", ["beide"]),
            "newsletters/juni.md": newsletter("2019-06-03", ["beide"]),
        },
        "2019-12-31",
    )
    cops = goal(data, "cops")
    assert cops["items"] == [{"slug": "beide", "title": "Beide", "first_date": "2019-05-06", "first_channel": "nieuwsbrief"}]
    assert cops["by_channel"] == {"website": 1, "nieuwsbrief": 1, "techzine": 0}


def test_the_year_ends_at_midnight_in_amsterdam(site):
    files = {
        "content/parels/oudjaar.md": pearl("Oudjaar", "2018-12-31 23:30"),
        "content/parels/nieuwjaar.md": pearl("Nieuwjaar", "2019-01-01 00:30"),
        "content/cops/cluster.md": cop("Cluster", "2019-06-01"),
        "newsletters/oudjaar.md": newsletter("2019-12-31 23:30", ["cluster"]),
    }
    _, plan_2018 = build(site, files, "2019-12-31", plan=PARELS, DTZ_PLAN_YEAR=2018)
    assert slugs(goal(plan_2018, "parels")) == ["oudjaar"]
    _, data = build(site, files, "2019-12-31")
    assert slugs(goal(data, "parels")) == ["nieuwjaar"]
    assert goal(data, "cops")["items"][0]["first_date"] == "2019-12-31"


@pytest.mark.parametrize(
    "today, count, expected, status",
    [
        ("2018-12-31", 0, 0, "on_track"),  # before the year: nothing expected yet
        ("2019-05-31", 2, 3, "behind"),  # 8 × 151/365 = 3.3
        ("2019-07-01", 3, 3, "on_track"),  # 8 × 182/365 = 3.99, rounded down
        ("2019-12-30", 3, 7, "behind"),
        ("2019-12-31", 3, 8, "behind"),  # the last day: the whole target
        ("2020-03-01", 3, 8, "late"),  # the deadline (the end of the plan's year) has passed
    ],
)
def test_expected_figure_and_status_at_several_as_of_dates(site, today, count, expected, status):
    _, data = build(
        site,
        {
            "content/parels/a.md": pearl("A", "2019-02-01"),
            "content/parels/b.md": pearl("B", "2019-03-01"),
            "content/parels/c.md": pearl("C", "2019-06-01"),
        },
        today,
        plan=PARELS,
    )
    parels = goal(data, "parels")
    assert data["as_of"] == today
    assert (parels["count"], parels["expected_by_as_of"], parels["status"]) == (count, expected, status)


def test_a_goal_is_met_once_the_count_reaches_the_target(site):
    _, data = build(
        site,
        {"content/parels/a.md": pearl("A", "2019-02-01"), "content/parels/b.md": pearl("B", "2019-03-01")},
        "2019-03-01",
        plan={"content/jaarplan/parels.md": target(parts=["Parels; Measure: count; Type: parel; Target: 2"])},
    )
    assert goal(data, "parels")["status"] == "met"


def test_expected_is_pro_rata_in_a_leap_year():
    end = datetime.date(2020, 12, 31)
    assert expected_by(366, 2020, end, datetime.date(2020, 2, 29)) == 60
    assert expected_by(366, 2020, end, datetime.date(2020, 12, 30)) == 365
    assert expected_by(366, 2020, end, datetime.date(2020, 12, 31)) == 366


def test_expected_runs_to_the_target_at_the_deadline():
    assert expected_by(10, 2019, datetime.date(2019, 6, 30), datetime.date(2019, 3, 31)) == 4  # 10 x 90/181
    assert expected_by(10, 2019, datetime.date(2019, 6, 30), datetime.date(2019, 6, 30)) == 10


def test_events_count_on_their_start_and_a_new_target_file_is_counted_and_shown(site, capsys):
    events = target("3.2", "Evenementen", ["Evenementen; Measure: count; Type: evenement; Target: 4"])
    built, data = build(
        site,
        {
            "content/agenda/open-dag.md": event("Open dag", "2019-03-01", start="2019-05-02"),
            "content/agenda/beurs.md": event("Beurs", "2019-04-01", start="2019-04-20 10:00"),
            "content/jaarplan/evenementen.md": events,
        },
        "2019-12-31",
    )
    assert [g["name"] for g in data["targets"]] == ["parels", "bedrijven", "cops", "evenementen"]  # by number
    assert slugs(goal(data, "evenementen")) == ["beurs", "open-dag"]
    assert [i["first_date"] for i in goal(data, "evenementen")["items"]] == ["2019-04-20", "2019-05-02"]
    assert "Evenementen 2019: 2 van 4 (50%), verwacht per 31 december 2019: 4 — achter op schema" in capsys.readouterr().out
    assert '<h3 id="doel-evenementen-kop"><a href="/voortgang/evenementen/">3.2 Evenementen</a></h3>' in built.read("voortgang/index.html")
    assert '<h1 id="doel-evenementen-kop">3.2 Evenementen</h1>' in built.read("voortgang/evenementen/index.html")


def hand_counted(site):
    """Five pearls by 1 July 2019 (one also in a newsletter and TechZine), one later, one draft; two CoPs."""
    files = {f"content/parels/p{n}.md": pearl(f"Parel {n}", f"2019-0{n}-01") for n in range(1, 6)}
    files.update(
        {
            "content/parels/later.md": pearl("Later", "2019-09-01"),
            "content/parels/concept.md": pearl("Concept", "2019-02-01", extra="Status: draft"),
            "content/cops/cluster.md": cop("Cluster", "2019-02-01"),
            "content/cops/zonder-brief.md": cop("Zonder brief", "2019-02-01"),
            "newsletters/mei.md": newsletter("2019-05-06", ["p4", "cluster"]),
            "content/techzine/een.md": techzine("2019-06-01", 1, ["p4", "p5"]),
            "content/images/dtz-logo.png": PNG,
        }
    )
    return site({**COUNTERS, **files})


@pytest.fixture(scope="module")
def counted_by_hand(tmp_path_factory):
    """hand_counted() built as of 1 July 2019, and what the build printed: for the tests that only read it."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        built = hand_counted(site_in(tmp_path_factory.mktemp("hand"))).build(DTZ_TODAY="2019-07-01")
    return built, printed.getvalue()


def test_summary_json_and_page_agree_with_a_count_by_hand(counted_by_hand):
    built, out = counted_by_hand
    printed = [line for line in out.splitlines() if " van " in line and not line.startswith("DTZ:")]
    assert printed == [
        "Parels 2019: 5 van 8 (63%), verwacht per 1 juli 2019: 3 — op schema",
        "Bedrijfsprofielen 2019: 0 van 250 (0%), verwacht per 1 juli 2019: 124 — achter op schema",
        "CoP's 2019: 1 van 3 (33%), verwacht per 1 juli 2019: 1 — op schema",
    ]
    data = json.loads(built.read("voortgang/goals.json"))
    overview = built.read("voortgang/index.html")
    for line, entry in zip(printed, data["targets"]):
        html = built.read(f"voortgang/{entry['name']}/index.html")
        section = html.split(f'id="doel-{entry["name"]}"')[1].split("</section>")[0]
        assert f'<p class="count-summary">{line}</p>' in section.replace("&#39;", "'")
        assert f'<section class="goal" id="doel-{entry["name"]}" aria-labelledby="doel-{entry["name"]}-kop" data-status="{entry["status"]}">' in html
        row = overview.split(f'<tr data-number="{entry["number"]}">')[1].split("</tr>")[0]
        assert f'data-status="{entry["status"]}"' in row and f"{entry['count']} van {entry['target']}" in overview
        assert f'max="{entry["target"]}" value="{min(entry["count"], entry["target"])}"' in section
        assert re.findall(r'<tr data-slug="([^"]+)"', section) == slugs(entry)
        cells = dict(re.findall(r'<td class="num" data-channel="(\w+)">(\d+)</td>', section))
        assert {k: int(v) for k, v in cells.items()} == entry["by_channel"]
        for item in entry["items"]:
            assert f'<time datetime="{item["first_date"]}">' in section
    parels = goal(data, "parels")
    assert slugs(parels) == ["p1", "p2", "p3", "p4", "p5"]
    assert parels["by_channel"] == {"website": 5, "nieuwsbrief": 1, "techzine": 2}
    assert goal(data, "cops")["items"] == [{"slug": "cluster", "title": "Cluster", "first_date": "2019-05-06", "first_channel": "nieuwsbrief"}]


def test_goals_json_has_a_fixed_key_order(site):
    built = site({"content/parels/a.md": pearl("A", "2019-02-01"), **PARELS}).build()
    data = json.loads(built.read("voortgang/goals.json"))
    assert list(data) == ["as_of", "year", "targets"]
    assert list(data["targets"][0]) == [
        *["name", "label", "type", "year", "target", "count", "items", "by_channel", "expected_by_as_of", "status"],
        *["number", "theme", "theme_name", "owner", "parts"],
    ]
    assert list(data["targets"][0]["items"][0]) == ["slug", "title", "first_date", "first_channel"]
    assert list(data["targets"][0]["parts"][0]) == [
        *["name", "deadline", "due", "measure", "value", "target", "expected_by_as_of", "status", "example"],
        *["items", "by_channel"],
    ]


def test_progress_page_is_noindex_out_of_the_sitemap_and_charted_accessibly(counted_by_hand):
    built, _ = counted_by_hand
    assert '<meta name="robots" content="noindex">' in built.read("voortgang/index.html")
    html = built.read("voortgang/parels/index.html")
    assert '<meta name="robots" content="noindex">' in html
    assert "voortgang" not in built.read("sitemap.xml")
    chart = html.split('id="doel-parels"')[1].split("</svg>")[0]
    assert 'role="img" aria-labelledby="doel-parels-1-titel doel-parels-1-uitleg"' in chart
    assert '<desc id="doel-parels-1-uitleg">' in chart and "5 op 1 juli 2019" in chart
    assert 'stroke-dasharray="8 5"' in chart  # the target line is dashed, not only another colour
    assert chart.count("<circle") == 5  # a marker per counted item
    assert "geteld 5" in chart and "doel 8" in chart


def test_goals_publish_off_leaves_voortgang_out_but_still_prints(site, capsys):
    built = hand_counted(site).build(DTZ_TODAY="2019-07-01", GOALS_PUBLISH=False)
    assert not built.exists("voortgang/index.html") and not built.exists("voortgang/goals.json")
    assert not built.exists("voortgang/parels/index.html")
    assert "Parels 2019: 5 van 8 (63%)" in capsys.readouterr().out


def test_publishconf_turns_goals_publish_off():
    text = (ROOT / "publishconf.py").read_text(encoding="utf-8")
    assert re.search(r"^GOALS_PUBLISH = False", text, re.M)


def test_a_goals_setting_left_in_the_settings_stops_the_build_with_one_line(site):
    built = site({"content/parels/a.md": pearl("A", "2019-02-01")})
    result = built.check(GOALS=[])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if "GOALS" in line]
    assert len(lines) == 1
    assert re.fullmatch(
        r"pelicanconf\.py:\d+: GOALS: de doelen staan niet meer in de instellingen"
        r" — één bestand per doel in content/jaarplan/ \(make new TYPE=doel\); haal GOALS weg uit pelicanconf\.py",
        lines[0],
    )
    assert not built.exists("index.html")


def test_the_chart_legend_names_the_dotted_as_of_line_only_when_it_is_drawn(counted_by_hand, site):
    """Drawn as of 1 July 2019, inside the plan's year; not as of 1 March 2020, after it."""
    for built, dotted in ((counted_by_hand[0], True), (hand_counted(site).build(DTZ_TODAY="2020-03-01"), False)):
        figure = built.read("voortgang/parels/index.html").split('<figure class="goal-chart">')[1].split("</figure>")[0]
        assert ('stroke-dasharray="2 3"' in figure) is dotted
        assert ("Stippellijn: peildatum." in figure) is dotted
