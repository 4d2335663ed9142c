"""A TechZine as a reader holds it, measured from the PDF's text positions (pypdf): the label apart from
the title, the cover saying its number once, a short article in level columns, no page with only the
line that gives the article's address."""

import pytest
from conftest import Site, pearl
from pdfs import open_pdf, page_texts, text_runs, toc_entries

pytestmark = pytest.mark.pdf

MM = 72 / 25.4  # points per millimetre
BODY = 9.5  # pt: the body text's size (theme/print/dtz.typ)
FURNITURE = 7.5  # pt: running header and footer
SENTENCE = "Het bedrijf leidt monteurs en procesoperators op in de eigen werkplaats, samen met het mbo en het hbo in de regio. "


def body(paragraphs):
    return "\n\n".join(SENTENCE * (2 + n % 3) for n in range(paragraphs))


@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    items = {"kort": 3, "middel": 14, "lang": 40}
    tree = {f"content/parels/{slug}.md": pearl(slug.title(), body=body(n)) for slug, n in items.items()}
    tree["content/techzine/nummer-2.md"] = "Title: TechZine 2: Energie\nDate: 2019-10-01\nNumber: 2\nItems: kort, middel, lang\n\nVoorwoord.\n"
    built = Site(tmp_path_factory.mktemp("layout")).write(tree)
    plugins = [name for name in built.settings()["PLUGINS"] if name != "dtz_bidbook"]
    built.build(PLUGINS=plugins, DTZ_PDF=True)
    reader = open_pdf(built.output / "techzine/nummer-2/techzine-2.pdf")
    texts = page_texts(reader)
    starts = dict(toc_entries(texts[1]))
    return reader, texts, starts


def articles(starts, pages):
    """(title, first page, last page) of every article, 1-based."""
    ordered = sorted((number, title) for title, number in starts.items())
    ends = [number - 1 for number, _ in ordered[1:]] + [pages]
    return [(title, number, end) for (number, title), end in zip(ordered, ends) if title != "Voorwoord"]


def test_the_cover_says_techzine_2_once_when_the_title_holds_it(issue):
    _, texts, _ = issue
    assert texts[0].count("TechZine 2") == 1, texts[0]
    assert "Energie" in texts[0]


def test_the_label_stands_at_least_2_mm_above_the_article_title(issue):
    reader, _, starts = issue
    for title, first, _ in articles(starts, len(reader.pages)):
        runs = text_runs(reader.pages[first - 1])
        label = next(y for _, y, _, text in runs if text == "PAREL")
        heading = next((y, size) for _, y, size, text in runs if text == title and size > BODY)
        top_of_title = heading[0] + 0.76 * heading[1]  # DejaVu Sans: capitals reach 0.73 of the size
        assert label - top_of_title >= 2 * MM, (title, label, heading)


def test_the_two_columns_of_a_short_article_end_within_two_lines_of_each_other(issue):
    reader, _, starts = issue
    middle = reader.pages[0].mediabox.width / 2
    short = [(title, first, last) for title, first, last in articles(starts, len(reader.pages)) if first == last]
    assert [title for title, *_ in short] == ["Kort"]
    for title, _first, last in short:
        runs = [(x, y) for x, y, size, _ in text_runs(reader.pages[last - 1]) if size == BODY]
        left = [y for x, y in runs if x < middle]
        right = [y for x, y in runs if x >= middle]
        assert left and right, f"{title}: page {last} has an empty column"
        pitch = sorted({round(a - b, 1) for a, b in zip(sorted(left, reverse=True), sorted(left, reverse=True)[1:]) if a - b > 1})[0]
        assert abs(min(left) - min(right)) <= 2 * pitch + 0.5, (title, last, min(left), min(right), pitch)


def test_no_page_holds_only_the_articles_address(issue):
    reader, texts, _ = issue
    for number, page in enumerate(reader.pages, 1):
        words = [text for _, _, size, text in text_runs(page) if size != FURNITURE]
        if any(text.startswith("Online:") for text in words):
            assert len(words) > 2, f"page {number} holds only {words}"
