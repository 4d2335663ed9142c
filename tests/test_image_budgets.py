"""The starter site with a 12-MP camera photo on every pearl, as readers get it: small image files,
no metadata, sized images, light e-mails, and what a real Chromium transfers on a phone and a desktop."""

import re
import shutil

import pytest
from dtz_check import offline
from dtz_check.offline import too_heavy_images, web_pages

from conftest import ROOT, STARTER_TODAY, Site
from images import give_pearls_photos, metadata_in, output_images


MAX_FILE = 300 * 1024
MAX_EMAIL = 400 * 1024
BROWSER_BUDGETS = {375: 200 * 1024, 1280: 500 * 1024}  # bytes of images per page, by viewport width
SITE = "https://www.dutchtechzone.nl/"


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("photos"))
    shutil.copytree(ROOT / "content", site.content, dirs_exist_ok=True)
    shutil.copytree(ROOT / "newsletters", site.root / "newsletters")
    assert give_pearls_photos(site.content) >= 4
    return site.build(DTZ_TODAY=STARTER_TODAY, DTZ_PDF=False, NEWSLETTER_PATH=str(site.root / "newsletters"))


def test_no_image_file_in_the_output_is_over_300_kb(photo_site):
    files = output_images(photo_site.output)
    assert len(files) > 40
    heavy = [f"{p.relative_to(photo_site.output)}: {p.stat().st_size // 1024} KB" for p in files if p.stat().st_size > MAX_FILE]
    assert not heavy, heavy


def test_no_image_in_the_output_carries_exif_gps_or_xmp(photo_site):
    found = {str(p.relative_to(photo_site.output)): metadata_in(p.read_bytes()) for p in output_images(photo_site.output)}
    assert {path: what for path, what in found.items() if what} == {}


def test_every_image_on_every_page_has_its_width_and_height(photo_site):
    missing = []
    for path in web_pages(photo_site.output):
        for tag in re.findall(r"<img\b[^>]*>", path.read_text(encoding="utf-8")):
            if not re.search(r'\swidth="\d+"', tag) or not re.search(r'\sheight="\d+"', tag):
                missing.append(f"{path.relative_to(photo_site.output)}: {tag}")
    assert not missing, missing


def test_each_email_with_its_images_stays_under_400_kb_of_jpeg_and_png(photo_site):
    emails = sorted(photo_site.output.glob("nieuwsbrief/*/email.html"))
    assert emails
    for email in emails:
        sources = re.findall(r'<img[^>]+src="([^"]+)"', email.read_text(encoding="utf-8"))
        assert sources and all(s.endswith((".jpg", ".png")) for s in sources), sources
        total = sum((photo_site.output / s.removeprefix(SITE)).stat().st_size for s in set(sources))
        assert total <= MAX_EMAIL, (email, total)


def test_the_page_weight_check_counts_images(photo_site, capsys):
    checked = offline.Site(photo_site.output)
    weights = checked.image_weights()
    heaviest = max(weights, key=weights.get)
    with capsys.disabled():
        print(f"\nheaviest images: {heaviest}, {weights[heaviest] / 1024:.1f} KB ({len(weights)} pages)")
    assert weights[heaviest] > 20 * 1024  # the photos are counted
    assert too_heavy_images(checked) == []
    assert too_heavy_images(checked, limit=10 * 1024)[0].endswith("KB aan afbeeldingen, meer dan 10 KB")


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(BROWSER_BUDGETS))
def test_chromium_transfers_little_of_images_on_a_phone_and_a_desktop(browser, photo_site, width):
    from browser import serve  # noqa: PLC0415

    pearl = next(p for p in sorted(photo_site.output.glob("parels/*/index.html")) if "<picture" in p.read_text(encoding="utf-8"))
    with serve(photo_site.output) as base:
        for path in ("", pearl.parent.relative_to(photo_site.output).as_posix() + "/"):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            images = {}

            def note(response, images=images):
                if response.request.resource_type == "image":
                    images[response.url] = len(response.body())

            page.on("response", note)
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images too
            page.wait_for_load_state("networkidle")
            context.close()
            total = sum(images.values())
            print(f"{width} px {path or '/'}: {total / 1024:.1f} KB of images ({len(images)} files)")
            assert total <= BROWSER_BUDGETS[width], (path, images)
            if path:
                assert any(url.endswith(".webp") for url in images), images  # the modern format, not the fallback
