"""A reader subscribes and leaves in real Chromium, without JavaScript: the form on the built /nieuwsbrief/
page posts to the real service, the mail arrives at a real SMTP server, the link's page has a button.
Every page on the way has zero axe violations and the site's stylesheet."""

import json

import pytest

from browser import serve
from dtz_check import offline
from dtz_check.browser import axe_problems
from conftest import PNG, Site, pearl
from dtz_send import make_token
from dtz_subscribe import open_store
from mailserver import free_port
from requires import vnu_java
from subscriptions import SECRET, mail_to, start_service

pytestmark = pytest.mark.xdist_group("browser")  # one worker, one Chromium (see pytest.ini)
READER = "chromium@voorbeeld.nl"
BRAND = "rgb(11, 58, 91)"  # --brand in site.css: the header's background


@pytest.fixture
def stack(tmp_path, smtp):
    """The built site served on one port, the service on another, mail to aiosmtpd."""
    port, mailbox = free_port(), smtp()
    site = Site(tmp_path / "site").write(
        {
            "content/parels/hal-techniek.md": pearl(),
            "content/images/dtz-logo.png": PNG,
            "newsletters/maart.md": "Title: Nieuwsbrief maart\nDate: 2019-03-15\nItems: hal-techniek\n\nWelkom.\n",
        }
    )
    site.build(DTZ_SUBSCRIBE_URL=f"http://127.0.0.1:{port}/nieuwsbrief/aanmelden/")
    database = f"sqlite:///{tmp_path / 'var' / 'abonnees.sqlite'}"
    with serve(site.output) as base:
        running = start_service(
            database, mailbox, port=port, SUBSCRIBE_SITE_URL=base.rstrip("/"), SUBSCRIBE_ORIGINS=base.rstrip("/"), DTZ_SITE_ROOT=str(site.output)
        )
        try:
            yield base, running, mailbox, database, site.output
        finally:
            running.kill()


def walk(browser, stack, reader, javascript):
    """Sign up on the site, confirm from the mail, leave: the way a reader clicks. Returns axe's problems
    (axe needs JavaScript, so it runs only in the walk that has it)."""
    base, running, mailbox, database, output = stack
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 375, "height": 800})
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:") else route.abort()
    )  # nothing but the two local servers
    tab, problems = context.new_page(), []

    def check(name, heading):
        assert tab.locator("h1").inner_text() == heading, name
        assert tab.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == BRAND, name
        if tab.url.startswith(running.base):  # the service links the deployed build's hashed stylesheet
            assets = json.loads((output / "theme" / "assets.json").read_text(encoding="utf-8"))
            assert tab.locator("link[rel=stylesheet]").get_attribute("href") == f"/theme/{assets['css/site.css']}", name
        assert tab.locator('script:not([type="application/ld+json"])').count() == 0, name  # data, not code
        if javascript:
            problems.extend(axe_problems(tab, name))

    def press(label):
        with tab.expect_navigation():
            tab.click(f"button:has-text('{label}')")

    tab.goto(f"{base}nieuwsbrief/")
    check("/nieuwsbrief/", "Nieuwsbrief")
    tab.fill("#veld-email", "a@b")  # the browser lets it through; the service does not
    tab.check("#veld-toestemming")
    press("Aanmelden")
    check("the form again", "Controleer uw aanmelding")
    assert "Vul een geldig e-mailadres in" in tab.inner_text("main")
    tab.fill("#veld-email", reader)
    tab.check("#veld-toestemming")
    press("Aanmelden")
    check("signed up", "Bijna klaar: kijk in uw mailbox")

    (link, _) = mail_to(mailbox, reader)
    tab.goto(running.base + running.local(link))
    check("confirm page", "Aanmelding bevestigen")
    assert open_store(database).status(reader) == "pending"
    press("Ja, ik wil de nieuwsbrief ontvangen")
    check("confirmed", "U bent aangemeld")
    assert open_store(database).status(reader) == "confirmed"

    tab.goto(f"{running.base}/nieuwsbrief/afmelden/?t={make_token(reader, SECRET)}")
    check("unsubscribe page", "Afmelden voor de nieuwsbrief")
    press("Afmelden")
    check("unsubscribed", "U bent afgemeld")
    assert open_store(database).status(reader) == "unsubscribed"
    context.close()
    return problems


@pytest.mark.browser
@pytest.mark.server
def test_a_reader_subscribes_confirms_and_leaves_without_javascript(stack, browser):
    walk(browser, stack, "zonder-js@voorbeeld.nl", javascript=False)


@pytest.mark.browser
@pytest.mark.server
def test_every_page_on_the_way_has_no_axe_violations(stack, browser):
    assert walk(browser, stack, "met-js@voorbeeld.nl", javascript=True) == []


def test_without_a_service_the_nieuwsbrief_page_offers_mailto(site):
    built = site({"content/parels/hal-techniek.md": pearl()}).build()
    page = built.read("nieuwsbrief/index.html")
    assert "<form" not in page and 'href="mailto:nieuwsbrief@dutchtechzone.nl?subject=Aanmelden%20nieuwsbrief"' in page


@pytest.mark.server
def test_the_form_and_every_service_page_are_valid_html(stack, tmp_path):
    base, running, mailbox, database, output = stack
    pages = {
        "form.html": (output / "nieuwsbrief" / "index.html").read_text(encoding="utf-8"),
        "answer.html": running.signup("geldig@voorbeeld.nl", origin=base.rstrip("/")).text,
        "errors.html": running.signup("fout", consent="", origin=base.rstrip("/")).text,
        "confirm.html": running.request(running.local(mail_to(mailbox, "geldig@voorbeeld.nl")[0])).text,
        "expired.html": running.request("/nieuwsbrief/bevestigen/?t=x").text,
        "unsubscribe.html": running.request(f"/nieuwsbrief/afmelden/?t={make_token('geldig@voorbeeld.nl', SECRET)}").text,
        "not-found.html": running.request("/bestaat-niet").text,
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    java = vnu_java()
    assert offline.validate(tmp_path, [tmp_path / name for name in pages], java) == []
