"""The starter site as built: valid HTML everywhere, no broken links, light pages.

Every generated HTML file is checked, so pages of new templates are covered without
editing these tests.
"""

import pytest
from dtz_check import offline
from dtz_check.offline import MAX_PAGE_BYTES, too_heavy, web_pages

from requires import vnu_java

pytestmark = pytest.mark.pdf  # the starter site as readers get it, PDFs included


def test_every_html_file_passes_the_nu_html_checker(starter_site):
    files = web_pages(starter_site.output)
    assert len(files) > 20
    errors = offline.validate(starter_site.output, files, vnu_java())
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_no_broken_internal_links_anchors_or_images(starter_site):
    checked = offline.Site(starter_site.output, starter_site.settings()["DTZ_SITE_URL"])
    assert sum(len(page.links) for page in checked.pages.values()) > 200
    broken = checked.broken_links()
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_every_page_with_its_css_fonts_and_scripts_stays_under_60_kb(starter_site, capsys):
    checked = offline.Site(starter_site.output)
    weights = checked.weights()
    heaviest = max(weights, key=weights.get)
    with capsys.disabled():  # shown in every run, not only when the test fails
        print(
            f"\nheaviest page: {heaviest}, {weights[heaviest] / 1024:.1f} KB of {MAX_PAGE_BYTES // 1024} KB "
            f"(HTML, CSS, fonts, scripts; {len(weights)} pages)"
        )
    heavy = too_heavy(checked)
    assert not heavy, "pages over 60 KB:\n" + "\n".join(heavy)
