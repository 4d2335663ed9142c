"""The quality checks themselves catch faults: a deliberately broken output fails them, naming the page."""

import pytest

from dtz_check import browser as checks
from dtz_check import offline

from browser import serve
from requires import vnu_java

HEAD = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1">{extra}</head>'
)
GOOD = (
    HEAD.format(title="Goed", extra='<link rel="stylesheet" href="/theme/site.css">')
    + '<body><header><nav aria-label="Menu"><a href="/kapot/">Kapot</a></nav></header>'
    '<main><h1 id="top">Goed</h1><p><a href="/kapot/#foto">Foto</a></p></main></body></html>'
)
BROKEN = (
    HEAD.format(title="Kapot", extra="") + '<body><header><nav aria-label="Menu"><a href="/">Home</a></nav></header>'
    '<main><h1 id="foto">Kapot</h1><img src="/images/weg.png">'
    '<p><a href="/bestaat-niet/">Weg</a> <a href="/#nergens">Anker</a></p>'
    '<div style="width: 900px">Te breed</div><div id="later"></div>'
    '<script>document.getElementById("later").innerHTML = "<h2>Alleen met JavaScript</h2>"</script>'
    "</main></body></html>"
)
PHOTO = (
    HEAD.format(title="Foto", extra="") + '<body><main><h1>Foto</h1><img src="a.jpg" alt="Een foto" width="600" height="400" '
    'fetchpriority="high" srcset="a.jpg 600w, b.jpg 300w" sizes="(min-width: 66rem) 600px, min(calc(100vw - 2rem), 600px)">'
    "</main></body></html>"
)


@pytest.fixture
def broken_output(tmp_path):
    files = {"index.html": GOOD, "kapot/index.html": BROKEN, "theme/site.css": "body { color: #111; }\n" + "/* padding */\n" * 6000}
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_link_check_names_the_page_with_a_missing_page_image_and_anchor(broken_output):
    broken = offline.Site(broken_output).broken_links()
    assert any(line.startswith("kapot/index.html:") and "/bestaat-niet/" in line for line in broken), broken
    assert any(line.startswith("kapot/index.html:") and "/images/weg.png" in line for line in broken), broken
    assert any(line.startswith("kapot/index.html:") and 'heeft geen element met id="nergens"' in line for line in broken), broken
    assert not any(line.startswith("index.html:") for line in broken), broken  # /kapot/#foto exists


def test_link_check_resolves_pretty_urls_relative_links_and_site_urls(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text(
        '<p id="x"><a href="../">up</a> <a href="#x">self</a> '
        '<a href="https://www.dutchtechzone.nl/a/b/#x">abs</a> '
        '<a href="https://example.org/">elsewhere</a></p>'
    )
    (tmp_path / "a" / "index.html").write_text('<a href="b">dir</a> <a href="https://www.dutchtechzone.nl/c/">c</a>')
    assert offline.Site(tmp_path).broken_links() == [
        'a/index.html: <a href="https://www.dutchtechzone.nl/c/"> verwijst naar een bestand dat niet bestaat (c/index.html)'
    ]


@pytest.fixture(scope="module")
def vnu_errors(tmp_path_factory):
    """The checker's lines for the broken output and a page of the current HTML the theme writes: one run
    for both tests (a JVM start is most of it)."""
    root = tmp_path_factory.mktemp("vnu")
    for path, text in {"index.html": GOOD, "kapot/index.html": BROKEN, "foto/index.html": PHOTO}.items():
        (root / path).parent.mkdir(exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return offline.validate(root, sorted(root.rglob("*.html")), vnu_java())


def test_nu_html_checker_names_the_page_with_an_image_without_alt(vnu_errors):
    assert any(line.startswith("kapot/index.html:") and "alt" in line for line in vnu_errors), vnu_errors
    assert not any(line.startswith("index.html:") for line in vnu_errors), vnu_errors


def test_current_html_the_theme_writes_passes_the_nu_html_checker_without_exemptions(vnu_errors):
    """A lead image asks for fetchpriority; a photo narrower than the column gets min() in its sizes."""
    assert [line for line in vnu_errors if not line.startswith("kapot/index.html:")] == []


def test_weight_counts_the_stylesheets_a_page_loads(broken_output):
    weights = offline.Site(broken_output).weights()
    css = (broken_output / "theme/site.css").stat().st_size
    assert weights["index.html"] == len(GOOD.encode()) + css > 60 * 1024
    assert weights["kapot/index.html"] == len(BROKEN.encode())


def test_new_sections_and_page_shapes_are_visited_without_editing_the_tests(broken_output):
    (broken_output / "techzine" / "1").mkdir(parents=True)
    (broken_output / "techzine" / "2").mkdir()
    for number in "12":
        (broken_output / "techzine" / number / "index.html").write_text(GOOD)
    (broken_output / "techzine" / "index.html").write_text(BROKEN)
    (broken_output / "over").mkdir()
    (broken_output / "over" / "index.html").write_text(BROKEN)
    assert checks.one_page_per_template(broken_output) == [
        "index.html",
        "kapot/index.html",
        "techzine/1/index.html",
        "techzine/index.html",
    ]  # over/ has the shape of kapot/: both are top-level pages like it


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_browser_checks_name_the_page_without_alt_too_wide_and_needing_javascript(browser, broken_output):
    with serve(broken_output) as base:
        found = checks.visit(browser, base, ["index.html", "kapot/index.html"], widths=(375,))
        without_js = checks.without_javascript_problems(browser, base, ["index.html", "kapot/index.html"])
    assert any(line.startswith("kapot/index.html bij 375px: image-alt") for line in found["axe"]), found["axe"]
    assert not any(line.startswith("index.html") for line in found["axe"]), found["axe"]
    assert found["layout"] == ["kapot/index.html bij 375px: schuift zijwaarts (908px breed)"]
    assert without_js == ["kapot/index.html: kop 'Alleen met JavaScript' alleen met JavaScript"]


def test_missing_chromium_fails_in_ci_and_skips_elsewhere_with_one_line(monkeypatch):
    import browser
    from dtz_check import browser as chromium

    monkeypatch.setattr(chromium, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium nodig: installeer het Debian-pakket 'chromium'"):
        browser.chromium_path()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="Debian-pakket 'chromium'"):
        browser.chromium_path()


def test_link_check_leaves_the_subscription_service_paths_alone(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><title>x</title>'
        '<a href="https://www.dutchtechzone.nl/nieuwsbrief/afmelden/?t=abc">af</a>'
        '<form action="/nieuwsbrief/aanmelden/" method="post"></form>'
        '<a href="/nieuwsbrief/bestaat-niet/">weg</a></html>',
        encoding="utf-8",
    )
    broken = offline.Site(tmp_path).broken_links()
    assert len(broken) == 1 and "nieuwsbrief/bestaat-niet/" in broken[0]
