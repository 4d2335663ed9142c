"""A rebuild takes e-mails from the cache (rendered and compiled), and writes what a cold build writes.

The cache is keyed by the inputs (the issue with its items and events, the templates and CSS, the
tools), so an edited item, event or stylesheet gives exactly the e-mail a build without cache gives.
"""

import shutil

import mjml
import pytest
from conftest import ROOT, event, pearl
from test_newsletter import issue, small_tree

from dtz_newsletter import render

NEWSLETTER = "nieuwsbrief/"
HAL_IMAGE = "Image: images/hal.png\nImage_alt: De hal"


@pytest.fixture
def calls(monkeypatch):
    """How often the build really rendered the templates and compiled MJML."""
    counted = {"parts": 0, "mjml2html": 0}

    def counting(name, real):
        def call(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(mjml, "mjml2html", counting("mjml2html", mjml.mjml2html))
    monkeypatch.setattr(render.Renderer, "parts", counting("parts", render.Renderer.parts))
    return counted


def emails(site, tmp_path, name, cache="cache", **settings):
    """Build into output folder ``name`` with cache folder ``cache``; the nieuwsbrief files (e-mails and web pages)."""
    output = tmp_path / name
    site.build(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / cache), **settings)
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted((output / NEWSLETTER).rglob("*")) if p.is_file()}


def two_issues():
    return small_tree(maart=issue(), april=issue("Nieuwsbrief april", "2019-04-15", items="hal-techniek, cluster-chemie"))


def test_a_rebuild_renders_no_e_mail_again_and_writes_the_same_bytes(site, tmp_path, calls):
    built = site(two_issues())
    cold = emails(built, tmp_path, "cold")
    assert calls == {"parts": 2, "mjml2html": 2}
    assert emails(built, tmp_path, "warm") == cold
    assert calls == {"parts": 2, "mjml2html": 2}


def test_edited_titles_change_the_e_mail_and_web_version_as_a_cold_build_would(site, tmp_path, calls):
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
    assert calls["mjml2html"] == 2 + 2 + 2  # both issues hold the pearl and list the event
    assert after == emails(built, tmp_path, "cold", cache="fresh")


def test_a_changed_stylesheet_changes_the_e_mail_as_a_cold_build_would(site, tmp_path, calls):
    built = site(two_issues())
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    before = emails(built, tmp_path, "before", THEME=str(theme))
    css = theme / "email" / "newsletter.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { outline-offset: 3px; }\n", encoding="utf-8")
    after = emails(built, tmp_path, "after", THEME=str(theme))
    assert calls["mjml2html"] == 4
    assert after == emails(built, tmp_path, "cold", cache="fresh", THEME=str(theme))
    email = "nieuwsbrief/maart/email.html"
    assert "outline-offset" in after[email].decode() and "outline-offset" not in before[email].decode()
