"""Plain text for the text/plain part: readable in any mail program, every link written out."""

import textwrap
from html.parser import HTMLParser

WIDTH = 72
BREAK = "\x00"  # a <br>: kept as a line break, while the HTML source's own newlines are just spaces
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "tr", "pre"}


class _Text(HTMLParser):
    """Collects paragraphs; a link becomes 'text (url)', a list item '- text'."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.links, self.prefix = [], [], [], ""

    def flush(self):
        lines = (" ".join(part.split()) for part in "".join(self.current).split(BREAK))
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
        if tag == "li":
            self.prefix = "- "
        elif tag == "br":
            self.current.append(BREAK)
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            shown = self.links.pop().removeprefix("mailto:")
            if shown and not "".join(self.current).rstrip().endswith(shown):
                self.current.append(f" ({shown})")
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(html):
    """Paragraphs of ``html`` as wrapped plain text, separated by blank lines."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n\n".join("\n".join(wrap(line) for line in block.split("\n")) for block in parser.blocks)


def wrap(text):
    """Wrap at 72 columns without ever breaking a URL (long words stay whole); a list item's lines hang under its text."""
    hanging = "  " if text.startswith("- ") else ""
    return "\n".join(textwrap.wrap(text, WIDTH, subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False))
