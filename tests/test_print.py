"""The shared print pipeline (dtz_print): HTML in, a cached A4 PDF with metadata, fonts, images and tags out."""

import contextlib
import logging
import os

import jinja2
import pytest
from conftest import ROOT, Site
from pdfs import first_page_with, fonts, image_count, language, open_pdf, page_texts, structure, toc_entries
from PIL import Image

import dtz_print

pytestmark = pytest.mark.pdf

DOCUMENT = """{{ style("dtz.typ") }}
#show: dtz-document.with(title: {{ title|string }}, author: {{ author|string }}, running: {{ title|string }})
#cover[#heading(level: 1)[{{ title }}]]
#part-start("Inhoud")
#contents((("een", [Eerste deel], ""), ("twee", [Tweede deel], "")))
#part-start("Eerste deel")
#heading(level: 2)[Eerste deel] <een>
{% for n in range(pages) %}Blad {{ n }} #pagebreak()
{% endfor %}
#part-start("Tweede deel")
#heading(level: 2)[Tweede deel] <twee>
{{ '<p><img src="/images/blok.png" alt="Een blok"></p>'|typst }}
"""


@pytest.fixture
def printer(tmp_path):
    site = Site(tmp_path / "site").write({"content/images/blok.png": png((200, 60, 20))})
    staging = tmp_path / "staging"
    staging.mkdir()
    runs = contextlib.ExitStack()

    def make(**settings):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "theme/templates")))
        return dtz_print.PrintPipeline(runs.enter_context(site.running(staging, **{"DTZ_PDF": True, **settings})), env, str(staging))

    make.site = site
    make.staging = staging
    with runs:
        yield make


def png(color):
    from io import BytesIO

    out = BytesIO()
    Image.new("RGB", (40, 20), color).save(out, "PNG")
    return out.getvalue()


def render(printer, pages=1, title="Testboek"):
    source = printer.env.from_string(DOCUMENT).render(title=title, author="Dutch TechZone", pages=pages)
    return printer.pdf(source, "boek/test.pdf")


def test_pdf_has_metadata_embedded_fonts_and_the_image(printer):
    printed = render(printer())
    reader = open_pdf(printer.staging / "boek/test.pdf")
    assert printed.url == "boek/test.pdf" and printed.size == os.path.getsize(printer.staging / "boek/test.pdf")
    assert reader.metadata.title == "Testboek"
    assert reader.metadata.author == "Dutch TechZone"
    assert language(reader) == "nl"
    found = fonts(reader)
    assert any("DejaVu" in name for name in found), found
    assert all(found.values()), f"not embedded: {found}"
    assert image_count(reader) == 1
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged: structure for screen readers
    tags = structure(reader)
    assert [tag for tag, _ in tags if tag.startswith("/H")] == ["/H1", "/H2", "/H2"]
    assert ("/Figure", "Een blok") in tags
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4 in points


def test_table_of_contents_numbers_are_the_pages_where_parts_start(printer):
    render(printer(), pages=3)
    texts = page_texts(open_pdf(printer.staging / "boek/test.pdf"))
    entries = toc_entries(texts[1])
    assert [title for title, _ in entries] == ["Eerste deel", "Tweede deel"]
    for title, number in entries:
        assert first_page_with(texts, title, after=2) == number
    assert entries[1][1] - entries[0][1] == 3
    assert "pagina 3 van" in texts[2]  # running footer with page counters


def test_same_input_is_taken_from_the_cache(printer, caplog):
    caplog.set_level(logging.INFO, logger="dtz_print")
    first, second = printer(), printer()
    render(first)
    render(second)
    assert first.rendered == ["boek/test.pdf"] and second.rendered == []
    assert second.reused == ["boek/test.pdf"]
    assert [r.getMessage() for r in caplog.records].count("PDF gemaakt: boek/test.pdf") == 1


def test_a_changed_image_or_text_renders_again(printer):
    render(printer())
    printer.site.write({"content/images/blok.png": png((20, 60, 200))})
    again = printer()
    render(again)
    assert again.rendered == ["boek/test.pdf"]
    other = printer()
    render(other, title="Ander boek")
    assert other.rendered == ["boek/test.pdf"]
    moved = printer(DTZ_SITE_URL="https://dtz.example.org")  # links in the PDF change
    render(moved, title="Ander boek")
    assert moved.rendered == ["boek/test.pdf"]


def test_a_changed_print_style_or_template_renders_again(printer, tmp_path):
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme/print", theme / "print")
    render(printer(THEME=str(theme)))
    assert render_count(printer, THEME=str(theme)) == 0  # unchanged: from the cache
    with open(theme / "print/dtz.typ", "a", encoding="utf-8") as style:
        style.write("\n#let navy = black\n")
    assert render_count(printer, THEME=str(theme)) == 1
    (theme / "print/bidbook.typ").write_text((theme / "print/bidbook.typ").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert render_count(printer, THEME=str(theme)) == 1  # a print template this document does not use changed


def render_count(printer, **settings):
    again = printer(**settings)
    render(again)
    return len(again.rendered)


def test_pdfs_off_writes_nothing(printer):
    off = printer(DTZ_PDF=False)
    assert render(off) is None
    assert not (printer.staging / "boek").exists()


def test_nothing_is_fetched_from_other_sites(printer):
    local_file = printer().local_file
    assert local_file("https://example.com/images/blok.png") is None
    assert local_file("https://www.dutchtechzone.nl/images/blok.png").endswith("content/images/blok.png")
    assert local_file("https://www.dutchtechzone.nl/../../etc/passwd") is None
    assert local_file("file:///etc/passwd") is None


def test_nest_deepens_headings_and_prefixes_ids():
    html = '<h2 id="doel">Doel</h2><p><a href="#doel">terug</a></p><h3>Sub</h3>'
    assert dtz_print.nest(html, "parel-x") == ('<h3 id="parel-x-doel">Doel</h3><p><a href="#parel-x-doel">terug</a></p><h4>Sub</h4>')


def photo_with_gps(size=(4000, 2000)):
    """A camera JPEG: EXIF with GPS position, camera make, an orientation (rotate 90°) and a comment."""
    from io import BytesIO

    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x010F] = "Camera BV"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 47.0, 0.0), 3: "E", 4: (6.0, 54.0, 0.0)})  # GPS
    out = BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(out, "JPEG", exif=exif, comment=b"Emmen, thuisadres")
    return out.getvalue()


def test_no_embedded_image_carries_exif_or_gps_and_each_is_turned_upright_and_at_most_300_dpi(printer):
    printer.site.write({"content/images/blok.png": photo_with_gps()})  # a JPEG under the name the document uses
    render(printer())
    reader = open_pdf(printer.staging / "boek/test.pdf")
    images = [page_image for page in reader.pages for page_image in page.images]
    assert len(images) == 1
    data = images[0].data
    assert b"Exif" not in data and b"GPS" not in data and b"Camera BV" not in data and b"thuisadres" not in data
    picture = images[0].image
    assert not picture.getexif() and "comment" not in picture.info and "icc_profile" not in picture.info
    # upright (the orientation applied: now taller than wide) and at most 300 dpi for a body column
    assert picture.height > picture.width
    assert picture.width <= round(82 / 25.4 * 300)  # a body column: 82 mm


def test_print_image_keeps_transparency_and_never_upscales(printer):
    from io import BytesIO

    from PIL import Image as PILImage

    out = BytesIO()
    PILImage.new("RGBA", (40, 20), (200, 60, 20, 128)).save(out, "PNG")
    printer.site.write({"content/images/doorzichtig.png": out.getvalue()})
    made = dtz_print.print_image(printer().settings, printer.site.content / "images/doorzichtig.png", 170)
    with PILImage.open(made) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (40, 20))
