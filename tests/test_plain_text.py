"""Header fields are plain text: escaped in every page, list, feed, e-mail and PDF that shows them."""

import json
import re

import feedparser
import pytest

from conftest import PNG, ROOT, cop, pearl
from dtz_check import offline
from dtz_content import TYPES
from pdfs import open_pdf, page_texts
from requires import vnu_java

TITLE = "Groei > 10% & kosten < 5 euro"
ESCAPED = "Groei &gt; 10% &amp; kosten &lt; 5 euro"
SUMMARY = "R&D < 5 jaar"


@pytest.mark.pdf
def test_a_title_and_summary_with_markup_characters_stay_text_everywhere(site):
    built = site(
        {
            "content/parels/groei.md": pearl(title=TITLE, extra=f"Summary: {SUMMARY}\nTags: R&D <nieuw>"),
            "content/cops/techniek.md": cop(extra="Members: Bouw & Co <BV>"),
            "content/images/dtz-logo.png": PNG,
            "newsletters/maart.md": "Title: Maart <special> & meer\nDate: 2019-03-15\nItems: groei\n\nWelkom.\n",
            "content/techzine/nummer-1.md": "Title: Nummer 1 & <meer>\nDate: 2019-03-20\nNumber: 1\nItems: groei\n\nVoorwoord.\n",
        }
    ).build(DTZ_PDF=True)
    pages = [
        "parels/groei/index.html",
        "parels/index.html",
        "index.html",
        "gemeente/emmen/index.html",
        "cops/techniek/index.html",
        "nieuwsbrief/maart/index.html",
        "techzine/nummer-1/index.html",
    ]
    for page in pages:
        html = built.read(page)
        assert TITLE not in html, page
    assert ESCAPED in built.read("parels/groei/index.html")
    assert "R&amp;D &lt; 5 jaar" in built.read("parels/index.html")
    assert "Bouw &amp; Co &lt;BV&gt;" in built.read("cops/techniek/index.html")
    errors = offline.validate(built.output, [built.output / page for page in pages], vnu_java())
    assert not errors, "\n".join(errors)
    entry = next(e for e in feedparser.parse(built.read("feeds/rss.xml")).entries if "groei" in e.link)
    assert entry.title == TITLE
    assert ESCAPED in built.read("nieuwsbrief/maart/email.html") and TITLE not in built.read("nieuwsbrief/maart/email.html")
    assert TITLE in built.read("nieuwsbrief/maart/email.txt")  # plain text stays as written
    texts = " ".join(page_texts(open_pdf(built.output / "techzine/nummer-1/techzine-1.pdf")))
    assert TITLE in " ".join(texts.split())


def test_only_fields_the_model_marks_as_markup_are_rendered_as_html():
    from pelican.settings import read_settings

    marked = sorted({field.key for ctype in TYPES.values() for field in ctype.fields if field.markup})
    assert marked == sorted(read_settings(str(ROOT / "pelicanconf.py"))["FORMATTED_FIELDS"]) == ["summary"]


def test_json_ld_and_the_breadcrumb_trail_keep_a_title_as_text(site):
    title = "Kop </script><b>vet</b> & meer"
    html = site({"content/parels/kop.md": pearl(title=title)}).build().read("parels/kop/index.html")
    assert "<b>vet</b>" not in html
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    assert blocks[0]["headline"] == title
    assert "<title>Kop &lt;/script&gt;&lt;b&gt;vet&lt;/b&gt; &amp; meer — " in html
    assert '<meta property="og:title" content="Kop &lt;/script&gt;&lt;b&gt;vet&lt;/b&gt; &amp; meer">' in html
    assert blocks[-1]["itemListElement"][-1]["name"] == title
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', html, re.S).group(0)
    assert "Kop &lt;/script&gt;&lt;b&gt;vet&lt;/b&gt; &amp; meer" in crumbs
