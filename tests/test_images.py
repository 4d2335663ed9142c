"""Images as an editor delivers them (a phone photo with GPS and Orientation 6, a PNG with transparency,
a CMYK JPEG, a broken file) and what readers get: pages, e-mail, feeds, PDF, all stripped and sized."""

import io
import re
import struct
import zlib

import pytest
from PIL import Image

from bench.photos import photo_jpeg
from conftest import Site, pearl, png
from images import metadata_in, output_images, pdf_images


SITE = "https://www.dutchtechzone.nl"


def transparent_png():
    image = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    image.paste((11, 58, 91, 255), (200, 100, 700, 500))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def cmyk_jpeg():
    out = io.BytesIO()
    Image.new("CMYK", (1000, 700), (255, 0, 0, 0)).save(out, "JPEG", quality=90)  # pure cyan ink
    return out.getvalue()


@pytest.fixture(scope="module")
def phone_photo():
    return photo_jpeg(4000, 3000, seed=7, orientation=6)  # 12 MP, stored landscape, shown portrait


def delivered(root, photo):
    return Site(root).write(
        {
            "content/parels/hal.md": pearl(
                "Hal",
                extra="Image: images/telefoon.jpg\nImage_alt: De hal vanaf de dijk",
                body="Het logo:\n\n![Het logo van Hal op een doorzichtige achtergrond](/images/logo.png)\n",
            ),
            "content/parels/cyaan.md": pearl("Cyaan", date="2019-04-01", extra="Image: images/cmyk.jpg\nImage_alt: Een cyaan vlak"),
            "content/techzine/nummer-1.md": "Title: Nummer 1\nDate: 2019-10-01\nNumber: 1\nItems: hal, cyaan\nCover: images/logo.png\nCover_alt: Het logo\n\nVoorwoord.\n",
            "newsletters/oktober.md": "Title: Oktober\nDate: 2019-10-01\nItems: hal, cyaan\n\nDe nieuwsbrief.\n",
            "content/images/telefoon.jpg": photo,
            "content/images/logo.png": transparent_png(),
            "content/images/cmyk.jpg": cmyk_jpeg(),
            "content/images/dtz-logo.png": png(400, 100),
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, phone_photo):
    return delivered(tmp_path_factory.mktemp("images"), phone_photo).build()


def test_no_published_file_carries_the_photos_metadata_or_is_the_original(built, phone_photo):
    images = output_images(built.output)
    assert len(images) > 20
    for path in images:
        assert metadata_in(path.read_bytes()) == [], path
    for path in built.output.rglob("*"):
        if path.is_file():
            assert path.read_bytes() != phone_photo
    assert not any(b"Voorbeeldtelefoon" in p.read_bytes() for p in built.output.rglob("*") if p.is_file())


def test_old_url_holds_a_stripped_upright_web_size_copy(built):
    copy = Image.open(built.output / "images/telefoon.jpg")
    assert copy.format == "JPEG" and copy.size == (1280, 1707)  # portrait, as the camera held it
    assert not copy.getexif()


def test_page_shows_the_photo_upright_as_a_picture_with_real_size_and_lead_priority(built):
    html = built.read("parels/hal/index.html")
    lead = re.search(r'<picture class="lead-image">(.*?)</picture>', html).group(1)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', lead)
    widths = [int(w) for w in re.findall(r" (\d+)w", webp.group(1))]
    assert widths == [480, 720, 960, 1280, 1600]
    assert webp.group(2) == "(min-width: 66rem) 62rem, calc(100vw - 2rem)"
    assert 'alt="De hal vanaf de dijk" width="3000" height="4000" fetchpriority="high"' in lead
    for url in re.findall(r"(/images/\S+) \d+w", webp.group(1)):
        assert Image.open(built.output / url.lstrip("/")).format == "WEBP"
    fallback = re.search(r'<img src="([^"]+)"', lead).group(1)
    assert Image.open(built.output / fallback.lstrip("/")).size == (1280, 1707)


def test_body_image_keeps_its_transparency_and_loads_lazily(built):
    html = built.read("parels/hal/index.html")
    body = html.split('<div class="prose">')[1]
    tag = re.search(r'<img src="([^"]+)" alt="Het logo van Hal op een doorzichtige achtergrond" width="900" height="600" ([^>]+)>', body)
    assert tag.group(2) == 'loading="lazy" decoding="async"'
    fallback = Image.open(built.output / tag.group(1).lstrip("/"))
    assert fallback.format == "PNG" and fallback.mode == "RGBA" and fallback.getpixel((0, 0))[3] == 0


def test_cmyk_photo_is_converted_to_srgb(built):
    html = built.read("parels/cyaan/index.html")
    fallback = re.search(r'<img src="([^"]+)" alt="Een cyaan vlak"', html).group(1)
    image = Image.open(built.output / fallback.lstrip("/"))
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((500, 350))
    assert red < 60 and green > 150 and blue > 150  # cyan, not its inverse


def test_og_image_is_a_1200_by_630_crop_and_the_email_has_only_jpeg_and_png(built):
    og = re.search(r'<meta property="og:image" content="([^"]+)">', built.read("parels/hal/index.html")).group(1)
    assert Image.open(built.output / og.removeprefix(SITE + "/")).size == (1200, 630)
    email = built.read("nieuwsbrief/oktober/email.html")
    sources = re.findall(r'<img[^>]+src="([^"]+)"', email)
    assert len(sources) == 3 and all(s.startswith(SITE + "/images/") and s.endswith((".jpg", ".png")) for s in sources)
    files = [built.output / s.removeprefix(SITE + "/") for s in sources]
    assert Image.open(files[1]).width == 600  # the photo at the e-mail's column
    assert sum(f.stat().st_size for f in files) <= 400 * 1024


def test_feed_enclosure_is_a_web_size_jpeg_with_its_true_length(built):
    rss = built.read("feeds/rss.xml")
    url, length, mime = re.search(r'<enclosure url="([^"]+)" length="(\d+)" type="([^"]+)"/>', rss.split("<title>Hal</title>")[1]).groups()
    published = built.output / url.removeprefix(SITE + "/")
    assert mime == "image/jpeg" and int(length) == published.stat().st_size
    assert Image.open(published).size == (1280, 1707)


@pytest.mark.pdf
def test_pdf_images_carry_no_metadata(tmp_path, phone_photo):
    printed = delivered(tmp_path / "site", phone_photo).build(DTZ_PDF=True)
    [pdf] = list((printed.output / "techzine").rglob("*.pdf"))
    streams = pdf_images(pdf)
    assert streams
    for data in streams:
        assert metadata_in(data) == [] if data[:2] == b"\xff\xd8" else b"Voorbeeldtelefoon" not in data
    assert phone_photo not in pdf.read_bytes() and b"Voorbeeldtelefoon" not in pdf.read_bytes()  # as every other output file


def test_print_gets_an_upright_stripped_file_at_300_dpi_for_its_width(built):
    from dtz_print.images import print_image  # noqa: PLC0415

    with built.running() as settings:
        photo = print_image(settings, "images/telefoon.jpg", 170)
        logo = print_image(settings, str(built.content / "images/logo.png"), 500)  # a full path; wider than the source
    data = photo.read_bytes()
    assert metadata_in(data) == [] and Image.open(photo).format == "JPEG"
    assert Image.open(photo).size == (2008, 2677)  # 170 mm at 300 dpi, portrait
    assert Image.open(logo).format == "PNG" and Image.open(logo).size == (900, 600)  # transparency kept, never upscaled


def test_warm_build_encodes_nothing_and_equals_the_cold_one(tmp_path, phone_photo, capsys):
    site = delivered(tmp_path / "site", phone_photo).build()
    cold = site.snapshot()
    assert re.search(r"afbeeldingen: [1-9]\d* gemaakt van 4 bronnen \([\d.]+ CPU-s\), 0 uit de cache", capsys.readouterr().out)
    site.build()
    assert re.search(r"afbeeldingen: 0 gemaakt, [1-9]\d* uit de cache", capsys.readouterr().out)
    assert site.snapshot() == cold


def png_header_only(width, height):
    """A PNG that says it is ``width`` x ``height``: enough for Pillow's decompression-bomb check."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")


def animated_gif():
    out = io.BytesIO()
    frames = [Image.new("RGB", (20, 20), color) for color in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def tiff():
    out = io.BytesIO()
    Image.new("RGB", (900, 600)).save(out, "TIFF")
    return out.getvalue()


def test_every_bad_image_is_one_line_at_the_line_that_names_it(site, phone_photo):
    broken = photo_jpeg(1200, 900, seed=2)
    built = site(
        {
            "content/parels/a.md": pearl("A", extra="Image: images/half.jpg\nImage_alt: Half"),
            "content/parels/b.md": pearl("B", extra="Image: images/tekst.jpg\nImage_alt: Tekst"),
            "content/parels/c.md": pearl("C", extra="Image: images/bom.png\nImage_alt: Bom"),
            "content/parels/d.md": pearl("D", extra="Image: images/bewegend.gif\nImage_alt: Bewegend"),
            "content/parels/e.md": pearl("E", extra="Image: images/scan.png\nImage_alt: Scan"),
            "content/parels/f.md": pearl("F", extra="Image: images/vorm.svg\nImage_alt: Vorm"),
            "content/parels/g.md": pearl(
                "G",
                body="Tekst.\n\n![](/images/klein.png)\n\n![Een logo](https://example.com/logo.png)\n\n![Script](/images/script.svg)\n\n![Leeg](/images/leeg.svg)\n\n![Buiten]({static}../../geheim.png)\n\n![Klein](/images/Klein.PNG)\n",
            ),
            "content/parels/h.md": pearl("H", extra="Image: images/klein.png\nImage_alt: Klein"),
            "content/images/half.jpg": broken[: len(broken) // 2],
            "content/images/tekst.jpg": b"Dit is geen foto.\n",
            "content/images/bom.png": png_header_only(20000, 20000),
            "content/images/bewegend.gif": animated_gif(),
            "content/images/scan.png": tiff(),
            "content/images/vorm.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
            "content/images/script.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "content/images/klein.png": png(400, 300),
            "content/images/leeg.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>',
        }
    )
    result = built.check()
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    expected = [
        "content/parels/a.md:6: Image: is beschadigd of onvolledig (bijvoorbeeld half geüpload) — lever het bestand opnieuw aan, lever een JPEG (foto) of PNG (logo, illustratie)",
        "content/parels/b.md:6: Image: is geen afbeelding (of een soort die Pillow niet kent) — lever een JPEG (foto) of PNG (logo, illustratie)",
        "content/parels/c.md:6: Image: is groter dan 89 megapixel (mogelijk een 'decompressiebom') — lever de foto op hooguit 12 megapixel, zoals 4000 × 3000",
        "content/parels/d.md:6: Image: is een bewegende GIF (of WebP); die wordt niet overgenomen — lever één stilstaand beeld als PNG of JPEG, of zet een video als link in de tekst",
        "content/parels/e.md:6: Image: is een TIFF-bestand, dat het web niet toont — lever een JPEG (foto) of PNG (logo, illustratie)",
        "content/parels/f.md:6: Image: is een SVG — een PNG of JPEG: e-mail, feeds, delen op sociale media en print tonen geen SVG",
        "content/parels/g.md:9: Image: '/images/klein.png' heeft geen beschrijving — beschrijf wat er te zien is: ![beschrijving](/images/naam.jpg)",
        "content/parels/g.md:11: Image: 'https://example.com/logo.png' staat op een andere site — zet de afbeelding in content/images/ en schrijf ![beschrijving](/images/naam.jpg)",
        "content/parels/g.md:13: Image: is een SVG met een script — een SVG zonder <script> en <foreignObject>, of een PNG",
        'content/parels/g.md:15: Image: is een SVG zonder afmetingen — een SVG met width en height, of een viewBox (zoals viewBox="0 0 200 50")',
        "content/parels/g.md:17: Image: '{static}../../geheim.png' ligt buiten content/ — een afbeelding in content/images/, zoals ![beschrijving](/images/hal.jpg)",
        "content/parels/g.md:19: Image: '/images/Klein.PNG' bestaat niet — een afbeelding binnen content/, zoals ![beschrijving](/images/hal.jpg) "
        "(bedoelde u '/images/klein.png'?)",
        "waarschuwing: content/parels/h.md:6: Image: is 400 px breed, te smal voor de kopfoto van een parel — een foto van minstens 800 px breed",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert "Traceback" not in result.stderr + result.stdout and "12 fouten in de inhoud" in result.stderr + result.stdout


def test_an_image_name_a_url_must_escape_is_refused_at_its_line_with_the_name_to_use(site):
    photo = photo_jpeg(1200, 900, seed=3)
    built = site(
        {
            "content/parels/a.md": pearl("A", extra="Image: images/parels/Foto Hal 1.jpg\nImage_alt: De hal"),
            "content/parels/b.md": pearl(
                "B",
                body="Tekst.\n\n![De hal van boven](/images/parels/Foto Hal 1.jpg)\n\n![Café](/images/Café%20&%20Co.jpg)\n\n![Goed](/images/Foto-Hal-1.jpg)\n",
            ),
            "content/images/parels/Foto Hal 1.jpg": photo,
            "content/images/Café & Co.jpg": photo,
            "content/images/Foto-Hal-1.jpg": photo,
        }
    )
    result = built.check()
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    expected = [
        "content/parels/a.md:6: Image: de naam 'images/parels/Foto Hal 1.jpg' bevat tekens die in een webadres niet werken (spatie)"
        " — hernoem het bestand naar images/parels/Foto-Hal-1.jpg en gebruik die naam hier",
        "content/parels/b.md:9: Image: de naam 'images/parels/Foto Hal 1.jpg' bevat tekens die in een webadres niet werken (spatie)"
        " — hernoem het bestand naar images/parels/Foto-Hal-1.jpg en gebruik die naam hier",
        "content/parels/b.md:11: Image: de naam 'images/Café & Co.jpg' bevat tekens die in een webadres niet werken ('&', 'é', spatie)"
        " — hernoem het bestand naar images/Cafe-Co.jpg en gebruik die naam hier",
    ]
    assert [line for line in lines if "webadres" in line] == expected, lines
    assert "Traceback" not in result.stderr and "3 fouten in de inhoud" in result.stderr + result.stdout
    assert not built.output.exists(), "nothing is written"
