"""Every kind of cached result is pruned like the PDFs: an entry no build used for 30 days goes."""

import os
import time

from conftest import PNG, pearl


def test_entries_unused_for_30_days_go_in_every_cache_kind_and_used_ones_stay(site):
    hal = pearl(extra="Image: images/hal.png\nImage_alt: De hal")
    built = site({"content/parels/hal.md": hal, "content/images/hal.png": PNG}).build(DTZ_PDF=False)
    cache = built.root / "cache"
    kinds = sorted(entry.name for entry in cache.iterdir() if entry.is_dir() and entry.name != "jinja")
    assert "images" in kinds
    month_ago = time.time() - 31 * 86400
    for kind in kinds:
        for name, when in (("oud", month_ago), ("recent", time.time() - 86400)):
            (cache / kind / name).write_bytes(b"x")
            os.utime(cache / kind / name, (when, when))
    used = sorted(p for p in (cache / "images").iterdir() if p.name not in ("oud", "recent"))
    for path in used:  # used by every build, however old the file was
        os.utime(path, (month_ago, month_ago))

    built.build(DTZ_PDF=False)
    for kind in kinds:
        assert not (cache / kind / "oud").exists(), kind
        assert (cache / kind / "recent").exists(), kind
    assert all(path.exists() for path in used)
