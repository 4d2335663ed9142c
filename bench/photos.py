"""Deterministic photo-like test images: smooth colour fields with edges and fine grain, as a camera
would deliver them (EXIF with camera, GPS and Orientation), for the bench corpus and the image tests.

Random noise would be a worst case no real photo is; flat colour a best case. These compress like
photographs do, and the same seed always gives the same bytes.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

GPS_EMMEN = {1: "N", 2: (52.0, 47.0, 19.0), 3: "E", 4: (6.0, 54.0, 22.0)}  # a GPS IFD: 52°47'19"N 6°54'22"E


def pixels(width, height, seed):
    """An RGB image: blurred colour blocks (sky, walls, machines), shapes with edges, and grain."""
    rng = random.Random(seed)
    small = Image.new("RGB", (16, 12))
    small.putdata([tuple(rng.randrange(30, 230) for _ in range(3)) for _ in range(16 * 12)])
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(24):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(width // 20, width // 4), rng.randrange(height // 20, height // 4)
        shape = draw.rectangle if rng.random() < 0.6 else draw.ellipse
        shape((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    grain = Image.frombytes("L", (256, 256), rng.randbytes(256 * 256)).filter(ImageFilter.GaussianBlur(0.6))
    tiled = grain.resize((width, height), Image.Resampling.NEAREST) if width * height < 1_000_000 else tile(grain, width, height)
    return Image.blend(image, Image.merge("RGB", (tiled, tiled, tiled)), 0.06)


def tile(pattern, width, height):
    canvas = Image.new("L", (width, height))
    for x in range(0, width, pattern.width):
        for y in range(0, height, pattern.height):
            canvas.paste(pattern, (x, y))
    return canvas


def camera_exif(orientation=1, gps=True):
    """EXIF as a phone writes it: make, model, owner, Orientation and (with ``gps``) a position."""
    exif = Image.Exif()
    exif[0x010F] = "Voorbeeldtelefoon"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x013B] = "Jan de Fotograaf"  # Artist
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS_EMMEN
    return exif


def photo_jpeg(width, height, seed=1, orientation=1, gps=True, quality=88):
    """JPEG bytes of a ``width`` x ``height`` photo as stored (a portrait with Orientation 6 is stored landscape)."""
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
    pixels(width, height, seed).save(buffer, "JPEG", quality=quality, exif=camera_exif(orientation, gps), xmp=xmp, comment=b"camera")
    return buffer.getvalue()
