"""Typst markup from text and an item's HTML (dtz_print.markup): compiled by Typst and read back from the PDF."""

import pytest
from pdfs import open_pdf, page_texts
from PIL import Image

from dtz_print import engine, markup

SITE = "https://www.dutchtechzone.nl/techzine/nummer-1/"


def compiled(tmp_path, body):
    """The PDF of a document holding ``body`` (Typst markup), compiled as print compiles (in a process
    of its own: Typst must never run in this one, which forks build workers later)."""
    source = '#set text(lang: "nl", font: "DejaVu Sans")\n' + body
    target = tmp_path / "doc.pdf"
    target.write_bytes(engine.render(source, "test/doc.pdf", list(engine.FONT_FOLDERS)))
    return open_pdf(target)


def text(reader):
    return "\n".join(page_texts(reader))


@pytest.mark.pdf
@pytest.mark.parametrize(
    "written",
    [
        "Groei > 10% & kosten < 5 euro",
        "Nummer #1 kost $5 * 2 = _tien_ @dtz <label> [x] `code` ~ \\ einde",
        "= geen kop",
        "- geen lijst + 1. ook niet / https://example.com // geen commentaar /* nee */",
        "{ code } (haakjes) 'enkel' en \"dubbel\"",
    ],
)
def test_escaped_text_prints_as_written(tmp_path, written):
    assert text(compiled(tmp_path, markup.escape(written))).strip() == written


@pytest.mark.pdf
def test_a_string_literal_holds_any_text(tmp_path):
    written = 'Aanhalingstekens " en backslash \\ en #{code}'
    assert text(compiled(tmp_path, f"#{markup.string(written)}")).strip() == written


def test_escaped_markup_is_not_escaped_twice():
    once = markup.escape("a*b")
    assert markup.escape(once) == once == "a\\*b"


@pytest.mark.pdf
def test_headings_paragraphs_emphasis_and_lists_keep_their_order_and_levels(tmp_path):
    html = (
        '<h2 id="doel">Doel &amp; middel</h2><p>Eerst <strong>vet</strong> en <em>schuin</em>.</p>'
        '<ul><li>een</li><li>twee<ol><li>genest</li></ol></li></ul><ol start="4"><li>vier</li></ol>'
        "<blockquote><p>Een citaat.</p></blockquote><p>Slot.</p>"
    )
    converted = markup.from_html(html, heading_offset=1)
    assert "#heading(level: 3)[Doel \\& middel] <doel>" in converted
    assert "#strong[vet]" in converted and "#emph[schuin]" in converted and "#quote(block: true)" in converted
    lines = [line.strip() for line in text(compiled(tmp_path, converted)).splitlines() if line.strip()]
    assert lines == ["Doel & middel", "Eerst vet en schuin.", "• een", "• twee", "1. genest", "4. vier", "Een citaat.", "Slot."]


@pytest.mark.pdf
def test_links_go_to_the_public_site_and_anchors_only_to_what_exists(tmp_path):
    html = '<p id="top"><a href="/parels/hal/">De hal</a>, <a href="https://example.com/a?b=1&amp;c=2">elders</a>, <a href="#top">terug</a>, <a href="#weg">weg</a>.</p>'
    converted = markup.from_html(html, base_url=SITE)
    reader = compiled(tmp_path, converted)
    assert text(reader).strip() == "De hal, elders, terug, weg."
    uris = [a.get("/A", {}).get("/URI") for a in (x.get_object() for x in reader.pages[0]["/Annots"])]
    assert "https://www.dutchtechzone.nl/parels/hal/" in uris and "https://example.com/a?b=1&c=2" in uris
    assert "#link(<weg>)" not in converted  # a link to an id the text does not have prints as text
    twice = markup.from_html('<p id="x">Een</p><p id="x">Twee</p><p><a href="#x">naar x</a></p>')
    assert "#link(<x>)" not in twice  # nor to an id it has twice (Typst cannot tell which)


@pytest.mark.pdf
def test_tables_code_and_definition_lists(tmp_path):
    html = (
        "<table><thead><tr><th>Gemeente</th><th>Banen</th></tr></thead><tbody><tr><td>Emmen</td><td>1 200</td></tr>"
        "<tr><td>Hoogeveen</td></tr></tbody></table>"
        '<pre><code>x = "y" \\ z\n  # geen kop</code></pre><dl><dt>CoP</dt><dd>Community of practice</dd></dl>'
    )
    converted = markup.from_html(html)
    assert "#table(columns: 2, table.header([Gemeente], [Banen]), [Emmen], [1 200], [Hoogeveen], [])" in converted
    found = text(compiled(tmp_path, converted))
    assert "Gemeente Banen" in found and "Emmen 1 200" in found
    assert 'x = "y" \\ z' in found and "# geen kop" in found and "CoP" in found and "Community of practice" in found


@pytest.mark.pdf
def test_images_are_embedded_through_the_callback_with_their_alt_text(tmp_path):
    Image.new("RGB", (40, 20), (200, 60, 20)).save(tmp_path / "blok.png")
    seen = []

    def image(src, alt):
        seen.append((src, alt))
        return f"#figure(image({markup.string(tmp_path / 'blok.png')}, alt: {markup.string(alt)}))" if src.endswith("blok.png") else None

    html = '<p><img src="/images/blok.png" alt="Een &quot;blok&quot;"></p><p><img src="https://example.com/x.png" alt="Elders"></p>'
    converted = markup.from_html(html, image=image)
    reader = compiled(tmp_path, converted)
    assert seen == [("/images/blok.png", 'Een "blok"'), ("https://example.com/x.png", "Elders")]
    assert "Elders" in text(reader)  # an image print cannot embed leaves its description
    assert len(reader.pages[0].images) == 1
