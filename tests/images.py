"""Reading images as readers (and their devices) get them: metadata left in a file, in a PDF's images, sizes."""

import io
import struct
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

# What no published image may carry: EXIF (with GPS), XMP, the camera's and owner's names from tests' photos.
MARKERS = (b"Exif\x00\x00", b"<x:xmpmeta", b"http://ns.adobe.com/xap/", b"Voorbeeldtelefoon", b"Jan de Fotograaf")
JPEG_METADATA = {0xE1: "APP1 (EXIF/XMP)", 0xED: "APP13 (IPTC)", 0xFE: "COM (commentaar)"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")


def jpeg_segments(data):
    """The marker bytes of a JPEG's segments before its image data."""
    found, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        found.append(marker)
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return found


def metadata_in(data):
    """What metadata a file holds (empty when none): JPEG segments by name, any known marker."""
    found = [JPEG_METADATA[m] for m in jpeg_segments(data) if m in JPEG_METADATA] if data[:2] == b"\xff\xd8" else []
    found += [marker.decode("latin-1") for marker in MARKERS if marker in data]
    if not found and data[:4] != b"<svg" and not data.lstrip().startswith(b"<"):
        with Image.open(io.BytesIO(data)) as image:
            found += [f"EXIF {dict(image.getexif())}"] if image.getexif() else []
            found += [key for key in ("xmp", "XML:com.adobe.xmp", "exif", "comment") if image.info.get(key)]
    return found


def output_images(output):
    """Every image file in a built site."""
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def pdf_images(path):
    """The raw streams of every image in a PDF (a JPEG's stream is the JPEG file)."""
    found = []
    for page in PdfReader(str(path)).pages:
        objects = page.get("/Resources", {}).get("/XObject", {}) or {}
        for name in objects:
            image = objects[name].get_object()
            if image.get("/Subtype") == "/Image":
                found.append(image._data)
    return found


def give_pearls_photos(content):
    """Every pearl in ``content`` gets a 12-MP camera photo as its Image (every other one a portrait
    with Orientation 6, all with GPS): the starter site as editors will fill it."""
    from bench.photos import photo_jpeg  # noqa: PLC0415

    pearls = sorted((Path(content) / "parels").glob("*.md"))
    for number, path in enumerate(pearls):
        name = f"images/parels/foto-{number}.jpg"
        (Path(content) / name).write_bytes(photo_jpeg(4000, 3000, seed=100 + number, orientation=6 if number % 2 else 1))
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        lines = [line for line in header.splitlines() if not line.lower().startswith(("image:", "image_alt:"))]
        lines += [f"Image: {name}", f"Image_alt: Foto {number + 1} van het bedrijf, in de hal"]
        path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    return len(pearls)
