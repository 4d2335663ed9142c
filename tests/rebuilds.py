"""What the equivalence tests compare: every file a build wrote, and the pages Pelican really rendered."""

import json

import pytest


SEARCH = {"DTZ_SEARCH_INDEX": True}  # the index is part of what a build writes: compared where a test turns it on


def files(folder):
    """Every file's bytes; the search index by what it was made from: Pagefind writes its filter and
    metadata files in a different order each time it indexes the same pages (Pagefind issue #638)."""
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    index = {path: data for path, data in found.items() if path.startswith("pagefind/")}
    found = {path: data for path, data in found.items() if path not in index}
    if index:
        found["pagefind/ (its inputs)"] = json.loads(index["pagefind/.dtz-index.json"])["inputs"]
    return found


@pytest.fixture
def rendered(monkeypatch):
    """The pages Pelican's writer really renders (not those the DTZ writer found unchanged)."""
    import pelican.writers

    names = []
    render = pelican.writers.Writer.write_file

    def counting(self, name, *args, **kwargs):
        names.append(name)
        return render(self, name, *args, **kwargs)

    monkeypatch.setattr(pelican.writers.Writer, "write_file", counting)
    return names


def item_pages(names):
    """Item pages and overviews; a few single pages (404, /volgen/, /voortgang/...) are always rendered: cheap."""
    return [name for name in names if name.startswith(("parels/", "cops/", "agenda/", "gemeente/", "sector/", "techzine/", "bidbook/"))]
