"""Search and social metadata: on every page of the starter site, and where it comes from."""

import json

import lxml.html

import pytest
from conftest import event, page, pearl, png
from dtz_check.offline import web_pages

SITE = "https://www.dutchtechzone.nl/"


def head(html):
    """(meta by name or property, canonical href, JSON-LD objects by @type) of one page."""
    tree = lxml.html.fromstring(html)
    meta = {m.get("name") or m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("content") is not None}
    canonical = [link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"]
    data = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        item = json.loads(script.text)
        assert item["@context"] == "https://schema.org"
        data.setdefault(item["@type"], []).append(item)
    return meta, canonical, data


def expected_url(path):
    return SITE + (path[: -len("index.html")] if path.endswith("index.html") else path)


@pytest.mark.pdf
def test_every_page_has_canonical_description_open_graph_and_json_ld(starter_site):
    pages = web_pages(starter_site.output)
    assert len(pages) > 20
    problems = []
    for file in pages:
        path = file.relative_to(starter_site.output).as_posix()
        meta, canonical, data = head(file.read_text(encoding="utf-8"))
        url = expected_url(path)
        if canonical != [url]:
            problems.append(f"{path}: canonical {canonical}, expected [{url!r}]")
        for key in ["description", "og:title", "og:description", "og:url", "og:image", "og:type"]:
            if not (meta.get(key) or "").strip():
                problems.append(f"{path}: no {key}")
        if meta.get("og:url") != url or not (meta.get("og:image") or "").startswith(SITE):
            problems.append(f"{path}: og:url {meta.get('og:url')}, og:image {meta.get('og:image')} (absolute, on {SITE})")
        if not {"Event", "Article", "WebPage"} & data.keys():
            problems.append(f"{path}: no Event, Article or WebPage JSON-LD (found {sorted(data)})")
        if path.count("/") >= 2 or "Article" in data or "Event" in data:  # detail pages
            trail = data.get("BreadcrumbList", [{}])[0].get("itemListElement", [])
            home = SITE + ("en/" if path.startswith("en/") else "")  # an English page's trail starts at the English home
            if not trail or trail[0]["item"] != home or trail[-1]["item"] != url:
                problems.append(f"{path}: no BreadcrumbList from the home page {home} to {url}")
    assert not problems, "\n".join(problems)


@pytest.mark.pdf
def test_event_pages_describe_the_event(starter_site):
    _, _, data = head(starter_site.read("agenda/stakeholderbijeenkomst-cluster-chemie/index.html"))
    (found,) = data["Event"]
    assert found["name"] == "Stakeholderbijeenkomst: de triple-helix-werkwijze van het cluster chemie"
    assert found["startDate"] == "2019-06-13T15:00+02:00" and found["endDate"] == "2019-06-13T18:00+02:00"
    assert found["location"]["name"] == "Chemiepark Emmen, Emmen"
    assert found["location"]["address"]["addressLocality"] == "Emmen"
    assert found["url"] == SITE + "agenda/stakeholderbijeenkomst-cluster-chemie/"
    for file in starter_site.output.glob("agenda/*/index.html"):
        (found,) = head(file.read_text())[2]["Event"]
        assert {"name", "startDate", "endDate", "location", "url"} <= found.keys(), file
        assert found["location"]["address"]["addressLocality"], file


@pytest.mark.pdf
def test_pearl_pages_describe_the_company_as_an_organization(starter_site):
    _, _, data = head(starter_site.read("parels/polymeer-precisie/index.html"))
    (company,) = data["Organization"]
    assert company["name"] == "Polymeer Precisie B.V."
    assert company["url"] == "https://example.com/polymeer-precisie"
    assert company["address"]["addressLocality"] == "Emmen"
    (story,) = data["Article"]
    assert story["about"] == {"@id": company["@id"]} and story["datePublished"] == "2019-02-11"


def test_description_is_the_summary_else_the_first_paragraph_and_the_image_falls_back_to_the_logo(site):
    built = site(
        {
            "content/parels/met.md": pearl("Met", extra="Summary: Kort & krachtig."),
            "content/parels/zonder.md": pearl("Zonder", body='Eerste alinea over "Zonder".\n\nTweede alinea.'),
            "content/images/dtz-logo.png": png(400, 100),
        }
    ).build()
    meta, _, _ = head(built.read("parels/met/index.html"))
    assert meta["description"] == meta["og:description"] == "Kort & krachtig."
    meta, _, _ = head(built.read("parels/zonder/index.html"))
    assert meta["description"] == 'Eerste alinea over "Zonder".'
    assert meta["og:image"].startswith(SITE + "images/dtz-logo-1200x630.")  # the logo whole on a 1200 x 630 canvas
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:title"] == "Zonder"


def test_json_ld_stays_inside_its_script_whatever_the_content(site):
    location = 'Hal </script><script>alert(1)</script> & "zo", Emmen'
    built = site({"content/agenda/open.md": event("Open dag", location=location)}).build()
    head_html = built.read("agenda/open/index.html").split("</head>")[0]
    scripts = head_html.split('<script type="application/ld+json">')[1:]
    assert scripts and all(s.count("</script>") == 1 for s in scripts)  # only its own end tag
    _, _, data = head(head_html + "</head><body></body>")
    assert data["Event"][0]["location"]["name"] == location


def test_templates_can_ask_for_noindex(site):
    built = site({"content/pages/over-dtz.md": page()}).build()
    assert '<meta name="robots" content="noindex">' in built.read("404.html")
    assert 'name="robots"' not in built.read("over-dtz/index.html")
