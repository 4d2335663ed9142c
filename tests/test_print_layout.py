"""A TechZine as a reader holds it, measured from the PDF's text positions (pypdf): the label apart from
the title, the cover saying its number once, a short article in level columns, no page with only the
line that gives the article's address."""

import re
from collections import Counter

import pytest
from conftest import Site, pearl
from pdfs import open_pdf, page_texts, text_runs, toc_entries

pytestmark = pytest.mark.pdf

MM = 72 / 25.4  # points per millimetre
BODY = 9.5  # pt: the body text's size (theme/print/dtz.typ)
FURNITURE = 7.5  # pt: running header and footer
SENTENCE = "Het bedrijf leidt monteurs en procesoperators op in de eigen werkplaats, samen met het mbo en het hbo in de regio. "


PARAGRAPHS = {"Kort": 3, "Middel": 14, "Lang": 40}  # article title: paragraphs of its text


def body(paragraphs):
    return "\n\n".join(SENTENCE * (2 + n % 3) for n in range(paragraphs))


@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    tree = {f"content/parels/{slug.lower()}.md": pearl(slug, body=body(n)) for slug, n in PARAGRAPHS.items()}
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


def column_ends(page):
    """(lowest baseline of the left column, of the right column, line pitch) of a page's body text."""
    middle = page.mediabox.width / 2
    runs = [(x, y) for x, y, size, _ in text_runs(page) if size == BODY]
    left = sorted((y for x, y in runs if x < middle), reverse=True)
    right = [y for x, y in runs if x >= middle]
    pitch = sorted({round(a - b, 1) for a, b in zip(left, left[1:]) if a - b > 1})[0] if len(left) > 1 else 0
    return (min(left) if left else None), (min(right) if right else None), pitch


def test_the_two_columns_of_a_short_article_end_within_two_lines_of_each_other(issue):
    reader, _, starts = issue
    short = [(title, first, last) for title, first, last in articles(starts, len(reader.pages)) if first == last]
    assert [title for title, *_ in short] == ["Kort"]
    for title, _first, last in short:
        left, right, pitch = column_ends(reader.pages[last - 1])
        assert left and right, f"{title}: page {last} has an empty column"
        assert abs(left - right) <= 2 * pitch + 0.5, (title, last, left, right, pitch)


def test_the_two_columns_of_a_longer_articles_last_page_end_within_two_lines_of_each_other(issue):
    reader, _, starts = issue
    longer = [(title, first, last) for title, first, last in articles(starts, len(reader.pages)) if first < last]
    assert [title for title, *_ in longer] == ["Middel", "Lang"]
    for title, first, last in longer:
        lowest = min(y for page in reader.pages[first - 1 : last] for _, y, size, _ in text_runs(page) if size == BODY)
        assert lowest >= 22 * MM - 0.5, f"{title}: text runs into the bottom margin ({lowest} pt)"
        left, right, pitch = column_ends(reader.pages[last - 1])
        assert left and right, f"{title}: page {last} has an empty column"
        assert abs(left - right) <= 2 * pitch + 0.5, (title, last, left, right, pitch)


def test_every_word_of_a_balanced_article_is_in_the_pdf(issue):
    _, texts, starts = issue
    for title, first, last in articles(starts, len(texts)):
        held = Counter(re.sub(r"[\xad-]\s*\n", "", "\n".join(texts[first - 1 : last])).split())  # joined at hyphens
        missing = Counter(body(PARAGRAPHS[title]).split()) - held
        assert not missing, (title, missing)


def test_no_page_holds_only_the_articles_address(issue):
    reader, texts, _ = issue
    for number, page in enumerate(reader.pages, 1):
        words = [text for _, _, size, text in text_runs(page) if size != FURNITURE]
        if any(text.startswith("Online:") for text in words):
            assert len(words) > 2, f"page {number} holds only {words}"
