"""The nieuwsbrief: issues validated like content, rendered into e-mails that pass every gate.

The gates (size, images, links, no scripts, no template leftovers, title, preheader, charset,
the text version, the .eml, and no horizontal scrolling in Chromium at 600 and 375 px) run for
every issue in the repository's newsletters/ and for the small test trees below.
"""

import email
import shutil
import re
from email import policy
from urllib.parse import urlsplit

import lxml.html
import pytest
from conftest import PNG, ROOT, Site, cop, event, pearl
from mailserver import raw_header

from dtz_content.problems import ContentError

from dtz_contract import signup
from dtz_contract.placeholder import personalise


SITE_URL = "https://www.dutchtechzone.nl"
MAILTO = "mailto:nieuwsbrief@dutchtechzone.nl?subject=Afmelden%20{token}"
HTTPS = "https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t={token}"
CLIP, HEAVY = 102 * 1024, 90 * 1024
UTM = "?utm_source=nieuwsbrief&utm_medium=email&utm_campaign="


def issue(title="Nieuwsbrief maart", date="2019-04-01", items="hal-techniek", extra="", body="Welkom bij de nieuwsbrief."):
    return f"Title: {title}\nDate: {date}\nItems: {items}\n{extra}\n{body}\n"


def small_tree(**issues):
    files = {
        "content/parels/hal-techniek.md": pearl(extra="Image: images/hal.png\nImage_alt: De hal van buiten"),
        "content/cops/cluster-chemie.md": cop(date="2019-03-10"),
        "content/agenda/open-dag.md": event("Open dag", date="2019-02-01", start="2019-04-20 10:00"),
        "content/agenda/beurs.md": event("Beurs", date="2019-02-01", start="2019-05-01", extra="Municipality: Emmen"),
        "content/agenda/later-bekend.md": event("Later bekend", date="2019-05-01", start="2019-06-01"),
        "content/agenda/voorbij.md": event("Voorbij", date="2019-01-01", start="2019-03-01"),
        "content/images/hal.png": PNG,
        "content/images/dtz-logo.png": PNG,
    }
    files.update({f"newsletters/{name}.md": text for name, text in issues.items()})
    return files


# -- validation: one line per problem, nothing written -------------------------------------------


def errors(built, **settings):
    result = built.check(**settings)
    assert "Traceback" not in result.stderr + result.stdout
    return result, [line for line in result.stderr.splitlines() if line.startswith(("newsletters/", "pelicanconf.py"))]


def one_error(site, files, **settings):
    result, lines = errors(site(files), **settings)
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


MISTAKES = {  # file: (issue, the one line it must give)
    "onbekend": (
        issue(items="cluster-chemie, hal-tekniek"),
        "newsletters/onbekend.md:3: Items: 'hal-tekniek' bestaat niet — slugs van gepubliceerde parels, "
        "communities of practice, evenementen, gescheiden door komma's (bij twijfel met map: parels/slug) "
        "(bedoelde u 'hal-techniek'?)",
    ),
    "concept": (
        issue(items="concept"),
        "newsletters/concept.md:3: Items: 'concept' is een concept — alleen gepubliceerde stukken (of maak dit nummer ook een concept)",
    ),
    "te-vroeg": (
        issue(date="2019-03-05", items="hal-techniek, cluster-chemie"),
        "newsletters/te-vroeg.md:3: Items: 'cluster-chemie' verschijnt pas op 10 maart 2019, na dit nummer — stukken van uiterlijk 5 maart 2019",
    ),
    "gepland": (
        issue(date="2019-12-31", items="gepland"),
        "newsletters/gepland.md:3: Items: 'gepland' verschijnt pas op 15 januari 2020, na dit nummer — stukken van uiterlijk 31 december 2019",
    ),
    "zonder-items": (
        "Title: Maart\nDate: 2019-04-01\n\nTekst.\n",
        "newsletters/zonder-items.md:2: Items: ontbreekt — verplicht veld: slugs van gepubliceerde parels, "
        "communities of practice, evenementen, gescheiden door komma's (bij twijfel met map: parels/slug)",
    ),
    "dubbel": (
        issue(items="hal-techniek, cluster-chemie, hal-techniek"),
        "newsletters/dubbel.md:3: Items: 'hal-techniek' staat er twee keer in — elk stuk één keer",
    ),
    "http-link": (
        issue(body="Welkom.\n\nLees [dit verhaal](http://example.com/verhaal) eens."),
        "newsletters/http-link.md:7: Tekst: link 'http://example.com/verhaal' werkt niet veilig in een e-mail — "
        "een volledig adres dat begint met https:// of mailto:, of een pad op de site zoals /parels/…/",
    ),
    "afbeelding": (
        issue(body="Welkom.\n\n![De hal](/images/hal.png)"),
        "newsletters/afbeelding.md:7: Tekst: bevat een afbeelding — alleen tekst in de inleiding; afbeeldingen komen uit de parels (Image)",
    ),
    "eigen-html": (
        issue(body="Welkom.\n\n<div>open"),
        "newsletters/eigen-html.md:5: Tekst: kan niet in de e-mail worden omgezet "
        "(unexpected end of stream in root template) — gewone Markdown-tekst zonder eigen HTML",
    ),
}


def test_each_mistake_in_an_issue_gives_its_own_line(site):
    files = small_tree(**{name: text for name, (text, _) in MISTAKES.items()})
    files["content/parels/concept.md"] = pearl("Concept", extra="Status: draft")
    files["content/parels/gepland.md"] = pearl("Gepland", date="2020-01-15")
    result, lines = errors(site(files))
    assert result.returncode == 1
    assert lines == sorted(line for _, line in MISTAKES.values())


def test_unsubscribe_setting_must_be_https_or_mailto(site):
    line = one_error(site, small_tree(maart=issue()), NEWSLETTER_UNSUBSCRIBE="http://x.nl/af?t={token}")
    assert line.startswith("pelicanconf.py:")
    assert ": NEWSLETTER_UNSUBSCRIBE: 'http://x.nl/af?t={token}' is geen https- of mailto-adres — " in line


def test_the_sign_up_form_must_post_over_https(site):
    line = one_error(site, small_tree(maart=issue()), DTZ_SUBSCRIBE_URL="http://www.dutchtechzone.nl/nieuwsbrief/aanmelden/")
    assert line.startswith("pelicanconf.py:")
    assert ": DTZ_SUBSCRIBE_URL: 'http://www.dutchtechzone.nl/nieuwsbrief/aanmelden/' is geen https-adres — " in line


def test_the_archive_has_the_sign_up_form_when_a_service_is_set(site):
    built = site(small_tree(maart=issue())).build(DTZ_SUBSCRIBE_URL="https://www.dutchtechzone.nl/nieuwsbrief/aanmelden/")
    page = built.read("nieuwsbrief/index.html")
    assert '<form method="post" action="https://www.dutchtechzone.nl/nieuwsbrief/aanmelden/">' in page
    assert f'name="toestemming" value="{signup.CONSENT_VERSION}"' in page and signup.CONSENT_TEXTS[signup.CONSENT_VERSION] in page
    assert 'name="website"' in page and 'name="formulier" value="https://www.dutchtechzone.nl/nieuwsbrief/"' in page


def test_number_of_listed_events_must_be_a_whole_number(site):
    from conftest import ROOT

    line = one_error(site, small_tree(maart=issue()), DTZ_NEWSLETTER_EVENTS="drie")
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    number = next(n for n, text in enumerate(settings, 1) if text.startswith("DTZ_NEWSLETTER_EVENTS ="))
    assert line == f"pelicanconf.py:{number}: DTZ_NEWSLETTER_EVENTS: 'drie' is geen aantal — een heel getal van 0 of meer, zoals 3"


def test_line_breaks_in_the_intro_stay_line_breaks_in_the_text_version(site):
    body = "Groet van het team:  \nPiet  \nen Marie\n\nTot ziens in een\nvolgende nieuwsbrief."
    built = site(small_tree(maart=issue(body=body))).build()
    text = built.read("nieuwsbrief/maart/email.txt")
    assert "Groet van het team:\nPiet\nen Marie\n" in text
    assert "Tot ziens in een volgende nieuwsbrief." in text


def test_wrong_slug_changes_no_output(site):
    built = site(small_tree(maart=issue())).build()
    before = built.snapshot()
    assert "nieuwsbrief/maart/email.eml" in before
    built.write({"newsletters/maart.md": issue(items="hal-tekniek")})
    with pytest.raises(ContentError):
        built.build()
    assert built.snapshot() == before


def test_draft_issue_may_list_a_draft_and_shows_only_in_preview(site):
    files = small_tree(maart=issue(items="concept", extra="Status: draft"))
    files["content/parels/concept.md"] = pearl("Concept", extra="Status: draft")
    built = site(files).build()
    assert not built.exists("nieuwsbrief/maart/index.html")
    assert "maart" not in built.read("nieuwsbrief/index.html")
    preview = built.preview()
    assert "CONCEPT" in preview.read("nieuwsbrief/maart/index.html")
    assert "Concept" in preview.read("nieuwsbrief/maart/email.html")


def test_in_the_preview_the_email_shows_its_images_from_the_preview_itself(site):
    files = small_tree(maart=issue(items="hal-techniek"))
    built = site(files).build()
    preview = built.preview()
    shown = lxml.html.fromstring(preview.read("nieuwsbrief/maart/email.html")).xpath("//img/@src")
    assert len(shown) >= 2, shown  # the logo and the pearl's photo
    for src in shown:
        assert src.startswith("/") and not src.startswith("//"), src
        assert (preview.output / src.lstrip("/")).is_file(), src
    published = lxml.html.fromstring(built.read("nieuwsbrief/maart/email.html")).xpath("//img/@src")
    assert published == [f"{SITE_URL}{src}" for src in shown], "what is sent loads them from the live site"


def test_scheduled_issue_is_written_on_its_day(site):
    built = site(small_tree(maart=issue(date="2020-01-06"))).build()
    assert not built.exists("nieuwsbrief/maart/email.html")
    built.build(DTZ_TODAY="2020-01-06")
    assert built.exists("nieuwsbrief/maart/email.html")


# -- size: Gmail clips from 102 KB ----------------------------------------------------------------


def heavy_tree(pearls, summary_bytes):
    files = small_tree()
    for n in range(pearls):
        files[f"content/parels/p{n}.md"] = pearl(f"Parel {n}", extra=f"Summary: {'woord ' * (summary_bytes // 6)}")
    files["newsletters/dik.md"] = issue(items=", ".join(f"p{n}" for n in range(pearls)))
    return files


def test_issue_over_102_kb_stops_the_build(site, capfd):
    with pytest.raises(ContentError):
        site(heavy_tree(6, 20_000)).build()
    lines = [line for line in capfd.readouterr().err.splitlines() if "newsletters/" in line]  # in-process: absolute paths
    assert len(lines) == 1
    assert re.search(r"newsletters/dik\.md:3: Items: de e-mail is 1\d\d KB — minder dan 102 KB, anders knipt Gmail ", lines[0])


def test_issue_over_90_kb_builds_with_a_warning(site, capfd):
    built = site(heavy_tree(5, 15_500)).build()
    assert re.search(r"waarschuwing: \S*newsletters/dik\.md:3: Items: de e-mail is 9\d KB", capfd.readouterr().err)
    assert HEAVY <= len((built.output / "nieuwsbrief/dik/email.html").read_bytes()) < CLIP


# -- what an issue contains -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def maart(tmp_path_factory):
    return (
        Site(tmp_path_factory.mktemp("maart"))
        .write(
            small_tree(
                maart=issue(
                    items="cluster-chemie, hal-techniek, open-dag",
                    extra="Preheader: Parels en een open dag",
                    body="Welkom. Zie [de agenda](/agenda/) of mail [ons](mailto:info@dutchtechzone.nl).",
                ),
                februari=issue("Nieuwsbrief februari", "2019-02-15", "voorbij"),
            )
        )
        .build()
    )


def test_cards_in_order_with_lees_verder_campaign_links(maart):
    html = maart.read("nieuwsbrief/maart/email.html")
    assert html.index("Cluster chemie") < html.index("Hal Techniek") < html.index("Open dag")
    for path in ("cops/cluster-chemie/", "parels/hal-techniek/", "agenda/open-dag/"):
        assert f'href="{SITE_URL}/{path}{UTM.replace("&", "&amp;")}maart"' in html
    assert html.count(">Lees verder</a>") == 3
    assert f'src="{SITE_URL}/images/hal-1x1.' in html and 'alt="De hal van buiten"' in html  # a stripped JPEG/PNG copy


def test_next_events_as_seen_on_the_issue_day(maart):
    html = maart.read("nieuwsbrief/maart/email.html")
    events = html.split("Komende evenementen")[1]
    assert "Beurs" in events  # upcoming on 2019-04-01
    assert "Voorbij" not in events  # already past
    assert "Later bekend" not in events  # announced after the issue
    assert "Open dag" not in events  # already a card in this issue


def test_footer_has_address_browser_link_and_unsubscribe(maart):
    html = maart.read("nieuwsbrief/maart/email.html")
    assert "Postbus 2000, 7800 CA Emmen" in html
    assert f'<a href="{SITE_URL}/nieuwsbrief/maart/"' in html and "Bekijk deze nieuwsbrief in uw browser" in html
    assert f'href="{HTTPS}"' in html  # the default target: the subscription service's one-click page


def test_intro_links_become_absolute(maart):
    html = maart.read("nieuwsbrief/maart/email.html")
    assert f'href="{SITE_URL}/agenda/"' in html
    assert f"de agenda ({SITE_URL}/agenda/)" in maart.read("nieuwsbrief/maart/email.txt")


def test_web_version_in_the_site_frame_links_to_the_e_mail(maart):
    page = maart.read("nieuwsbrief/maart/index.html")
    assert 'class="site-header"' in page and "<h1>Nieuwsbrief maart</h1>" in page
    for name in ("email.html", "email.txt", "email.eml"):
        assert f'href="/nieuwsbrief/maart/{name}"' in page
    assert 'href="/nieuwsbrief/">Nieuwsbrief</a>' in maart.read("index.html")  # in the menu


def test_archive_lists_issues_newest_first(maart):
    archive = maart.read("nieuwsbrief/index.html")
    assert archive.index("Nieuwsbrief maart") < archive.index("Nieuwsbrief februari")


def test_eml_headers_with_the_default_one_click_unsubscribe(maart):
    data = (maart.output / "nieuwsbrief/maart/email.eml").read_bytes()  # as a mailing tool reads it
    assert raw_header(data, "Subject") == b"Subject: Nieuwsbrief maart"
    assert raw_header(data, "From") == b"From: Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"
    assert raw_header(data, "Date") == b"Date: Mon, 01 Apr 2019 00:00:00 +0200"
    assert raw_header(data, "List-Unsubscribe") == f"List-Unsubscribe: <{HTTPS}>".encode("ascii")
    assert raw_header(data, "List-Unsubscribe-Post") == b"List-Unsubscribe-Post: List-Unsubscribe=One-Click"


def test_https_unsubscribe_gets_one_click_and_stays_literal(test_trees):
    built, unsubscribe = test_trees[1]
    assert unsubscribe == HTTPS
    message = email.message_from_bytes((built.output / "nieuwsbrief/maart/email.eml").read_bytes(), policy=policy.default)
    assert message["List-Unsubscribe"] == f"<{HTTPS}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'href="{HTTPS}"' in built.read("nieuwsbrief/maart/email.html")
    assert HTTPS in built.read("nieuwsbrief/maart/email.txt")


def test_mailto_unsubscribe_gets_no_one_click_header(test_trees):
    built, unsubscribe = test_trees[0]
    assert unsubscribe == MAILTO
    message = email.message_from_bytes((built.output / "nieuwsbrief/maart/email.eml").read_bytes(), policy=policy.default)
    assert message["List-Unsubscribe"] == f"<{MAILTO}>"
    assert message["List-Unsubscribe-Post"] is None


def test_personalise_fills_in_the_token_and_refuses_unsafe_ones():
    assert personalise(f'<a href="{HTTPS}">', "abc.DEF-1_") == '<a href="https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t=abc.DEF-1_">'
    with pytest.raises(ValueError):
        personalise(HTTPS, 'x"><script>')


# -- the gates, for every issue -------------------------------------------------------------------


def issues_of(built):
    return sorted(p.parent for p in (built.output / "nieuwsbrief").glob("*/email.html"))


def gate_failures(folder, unsubscribe, preview=False):
    """Every way the issue in ``folder`` breaks a gate, one line each (empty: it passes). In a ``preview``
    (make serve) images come from the preview itself: root-relative, and there."""
    raw = (folder / "email.html").read_bytes()
    html, text = raw.decode("utf-8"), (folder / "email.txt").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(raw)
    failures = []
    if len(raw) >= CLIP:
        failures.append(f"email.html is {len(raw)} bytes, Gmail clips from {CLIP}")
    elif len(raw) >= HEAVY:
        print(f"warning: {folder.name}/email.html is {len(raw) / 1024:.0f} KB (clipped from 102 KB)")
    output = folder.parent.parent
    for img in tree.iter("img"):
        src = img.get("src", "")
        shown = (src.startswith("/") and (output / src.lstrip("/")).is_file()) if preview else src.startswith("https://")
        if not img.get("alt", "").strip() or not img.get("width", "").isdigit() or not shown:
            failures.append(f"img without alt, width or https src: {lxml.html.tostring(img)[:120]}")
    for a in tree.iter("a"):
        if urlsplit(a.get("href", "")).scheme not in ("https", "mailto"):
            failures.append(f"link that is not https or mailto: {a.get('href')}")
    for tag in ("script", "form", "iframe", "embed", "object"):
        if tree.find(f".//{tag}") is not None:
            failures.append(f"<{tag}> in the e-mail")
    leftovers = re.findall(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\{[A-Za-z_]\w*\}|%7[Bb]token%7[Dd]", html + text)
    if [x for x in leftovers if x != "{token}"]:
        failures.append(f"template syntax left over: {sorted(set(leftovers) - {'{token}'})}")
    if not (tree.findtext(".//title") or "").strip():
        failures.append("no <title>")
    if not preheader_of(folder):
        failures.append("no preheader")
    if tree.get("lang") != "nl":
        failures.append(f"<html lang> is {tree.get('lang')!r}, not 'nl'")
    if not re.search(r'<meta[^>]+charset=["\']?utf-8', html, re.I):
        failures.append("no charset")
    if unsubscribe not in html or unsubscribe not in text:
        failures.append("unsubscribe target missing from email.html or email.txt")
    page = lxml.html.fromstring((folder / "index.html").read_bytes())
    cards = page.xpath('//section[@aria-labelledby="in-dit-nummer"]//a/@href')
    buttons = [a.get("href") for a in tree.iter("a") if a.text_content().strip() == "Lees verder"]
    if not cards or len(buttons) != len(cards):
        failures.append(f"{len(buttons)} 'Lees verder' buttons in email.html for {len(cards)} items on the web version")
    for card in cards:
        if SITE_URL + card + UTM + folder.name not in text:
            failures.append(f"email.txt lacks the link to {card}")
    for url in buttons:
        if url not in text:
            failures.append(f"email.txt lacks {url}")
    message = email.message_from_bytes((folder / "email.eml").read_bytes(), policy=policy.default)
    parts = [part.get_content_type() for part in message.iter_parts()]
    if message.get_content_type() != "multipart/alternative" or parts != ["text/plain", "text/html"]:
        failures.append(f"email.eml is {message.get_content_type()} with {parts}")
    for name in ("Subject", "From", "Date", "MIME-Version", "List-Unsubscribe"):
        if not message[name]:
            failures.append(f"email.eml has no {name}")
    for name in ("To", "Message-ID"):
        if message[name]:
            failures.append(f"email.eml has a {name} header")
    if any(part.get_content_charset() != "utf-8" for part in message.iter_parts()):
        failures.append("a part that is not UTF-8")
    if message["List-Unsubscribe"] != f"<{unsubscribe}>":
        failures.append(f"List-Unsubscribe is {message['List-Unsubscribe']}")
    if bool(message["List-Unsubscribe-Post"]) != unsubscribe.startswith("https:"):
        failures.append("List-Unsubscribe-Post present without an https target, or missing with one")

    def decoded(kind):  # a text part's line ends are CRLF on the wire
        return message.get_body((kind,)).get_content().replace("\r\n", "\n")

    if decoded("html") != html or decoded("plain") != text:
        failures.append("email.eml does not hold email.html and email.txt")
    return failures


def preheader_of(folder):
    tree = lxml.html.fromstring((folder / "email.html").read_bytes())
    return " ".join(tree.xpath("string(//body/div[1])").split())


@pytest.fixture(scope="module")
def real_tree(tmp_path_factory):
    """The repository's content/ and newsletters/, every issue visible (drafts and scheduled ones too)."""
    built = Site(tmp_path_factory.mktemp("real"))
    return built.build(PATH=str(ROOT / "content"), NEWSLETTER_PATH=str(ROOT / "newsletters"), DTZ_PREVIEW=True)


@pytest.fixture(scope="module")
def test_trees(tmp_path_factory):
    """The small tree with both unsubscribe kinds."""
    built = []
    for unsubscribe in (MAILTO, HTTPS):
        site = Site(tmp_path_factory.mktemp("tree")).write(
            small_tree(
                maart=issue(items="cluster-chemie, hal-techniek, open-dag", body="Welkom, zie [de agenda](/agenda/)."),
                kaal=issue("Kaal", "2019-02-15", "voorbij", body=""),
            )
        )
        built.append((site.build(NEWSLETTER_UNSUBSCRIBE=unsubscribe), unsubscribe))
    return built


def test_real_newsletters_tree_has_at_least_the_two_starter_issues(real_tree):
    sources = sorted((ROOT / "newsletters").glob("*.md"))
    assert len(sources) >= 2
    assert len(issues_of(real_tree)) == len(sources)


def test_every_real_issue_passes_the_gates(real_tree):
    for folder in issues_of(real_tree):
        assert gate_failures(folder, HTTPS, preview=True) == [], folder.name


def test_every_test_tree_issue_passes_the_gates(test_trees):
    for built, unsubscribe in test_trees:
        for folder in issues_of(built):
            assert gate_failures(folder, unsubscribe) == [], folder.name


def test_preheader_is_the_first_text_and_falls_back_to_the_intro_then_the_items(real_tree, maart, test_trees):
    for folder in issues_of(real_tree):
        source = (ROOT / "newsletters" / f"{folder.name}.md").read_text(encoding="utf-8")
        expected = re.search(r"^Preheader: (.*)$", source, re.M)
        if expected:
            assert preheader_of(folder) == expected.group(1)
    assert preheader_of(maart.output / "nieuwsbrief/maart") == "Parels en een open dag"
    assert preheader_of(maart.output / "nieuwsbrief/februari") == "Welkom bij de nieuwsbrief."
    assert preheader_of(test_trees[0][0].output / "nieuwsbrief/kaal") == "Voorbij"  # no Preheader, no intro


def test_gates_catch_a_broken_e_mail(test_trees, tmp_path):
    """The gate function itself fails on what it must catch (a gate that cannot fail is no gate)."""
    built, unsubscribe = test_trees[0]
    folder = built.output / "nieuwsbrief/maart"
    html = (folder / "email.html").read_text(encoding="utf-8")
    broken = tmp_path / "maart"
    broken.mkdir()
    for name in ("email.txt", "email.eml", "index.html"):
        (broken / name).write_bytes((folder / name).read_bytes())
    (broken / "email.html").write_text(
        html.replace('<img alt="', '<img data-x="')
        .replace('href="https://www.dutchtechzone.nl/agenda/"', 'href="http://x.nl/"')
        .replace("</body>", "<script>1</script>{{ title }}</body>"),
        encoding="utf-8",
    )
    failures = "\n".join(gate_failures(broken, unsubscribe))
    for expected in ("img without alt", "not https or mailto", "<script>", "template syntax", "does not hold"):
        assert expected in failures

    head = re.sub(r"<title>.*?</title>", "<title></title>", html, flags=re.S).replace('lang="nl"', 'lang="und"')
    (broken / "email.html").write_text(re.sub(r"<meta[^>]*charset[^>]*>", "", head), encoding="utf-8")
    (broken / "email.txt").write_text(
        re.sub(r"Lees verder: \S+", "Lees verder", (folder / "email.txt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    failures = "\n".join(gate_failures(broken, unsubscribe))
    for expected in ("no <title>", "no charset", "not 'nl'", "email.txt lacks"):
        assert expected in failures


# -- Chromium: no horizontal scrolling at 600 and 375 px ------------------------------------------


def scroll_widths(browser, folder, output):
    """(viewport width, document width) at 600 and 375 px; images come from the built output, nothing from elsewhere."""
    found, elsewhere = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(SITE_URL + "/"):
            local = output / urlsplit(url).path.lstrip("/")
            if local.is_file():
                return request_route.fulfill(path=str(local))
        if not url.startswith("file://"):
            elsewhere.append(url)
        return request_route.abort() if not url.startswith("file://") else request_route.continue_()

    for width in (600, 375):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.route("**/*", route)
        page.goto((folder / "email.html").as_uri())
        found.append((width, page.evaluate("document.documentElement.scrollWidth")))
        page.close()
    return found, elsewhere


@pytest.mark.browser
def test_e_mails_render_without_horizontal_scrolling(browser, real_tree, test_trees):
    trees = [real_tree] + [built for built, _ in test_trees]
    checked = 0
    for built in trees:
        for folder in issues_of(built):
            widths, elsewhere = scroll_widths(browser, folder, built.output)
            assert all(document <= viewport for viewport, document in widths), (folder, widths)
            assert not [url for url in elsewhere if not url.startswith(SITE_URL)], elsewhere
            checked += 1
    assert checked >= 4


NEWSLETTER = "nieuwsbrief/"
HAL_IMAGE = "Image: images/hal.png\nImage_alt: De hal"


def emails(site, tmp_path, name, cache="cache", **settings):
    """Build into output folder ``name`` with cache folder ``cache``; the nieuwsbrief files (e-mails and web pages)."""
    output = tmp_path / name
    site.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache), **settings)
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted((output / NEWSLETTER).rglob("*")) if p.is_file()}


def two_issues():
    return small_tree(maart=issue(), april=issue("Nieuwsbrief april", "2019-04-15", items="hal-techniek, cluster-chemie"))


def test_edited_titles_change_the_e_mail_and_web_version_as_a_cold_build_would(site, tmp_path):
    built = site(two_issues())
    pages = ("nieuwsbrief/maart/email.html", "nieuwsbrief/maart/index.html")
    edits = [  # an item the issue holds, then an event it lists; output and cache stay warm
        ("Hal Techniek Nieuw", "content/parels/hal-techniek.md", pearl(title="Hal Techniek Nieuw", extra=HAL_IMAGE)),
        ("Open dag Nieuw", "content/agenda/open-dag.md", event("Open dag Nieuw", date="2019-02-01", start="2019-04-20 10:00")),
    ]
    before = emails(built, tmp_path, "output")
    for title, path, text in edits:
        built.write({path: text})
        after = emails(built, tmp_path, "output")
        for page in pages:
            assert title in after[page].decode() and title not in before[page].decode()
        before = after
    assert after == emails(built, tmp_path, "cold", cache="fresh")


def test_a_changed_stylesheet_changes_the_e_mail_as_a_cold_build_would(site, tmp_path):
    built = site(two_issues())
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    before = emails(built, tmp_path, "before", THEME=str(theme))
    css = theme / "email" / "newsletter.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { outline-offset: 3px; }\n", encoding="utf-8")
    after = emails(built, tmp_path, "after", THEME=str(theme))
    assert after == emails(built, tmp_path, "cold", cache="fresh", THEME=str(theme))
    email = "nieuwsbrief/maart/email.html"
    assert "outline-offset" in after[email].decode() and "outline-offset" not in before[email].decode()
