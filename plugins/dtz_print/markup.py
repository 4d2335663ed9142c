"""Typst markup from what the content model gives. Typst gives meaning to ``# $ * _ @ < > [ ] \\ ` ~ = - + /``
and more, so every text goes through :func:`escape`, and HTML becomes Typst function calls (:func:`from_html`), never
markup shortcuts that a line start or neighbour could change. :func:`nest` puts an item's HTML inside a larger document."""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin

from markupsafe import Markup

SPECIAL = re.compile(r"([\\#$*_@<>\[\]`~=\-+/\"'.:{}()%&!?,;|^])")
SPACE = re.compile(r"\s+")
BLANK = re.compile(r"\n[ \t]*\n[\s]*")
HEADING = re.compile(r"h[1-6]")
LABEL = re.compile(r"[^A-Za-z0-9_.:-]")
VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "source", "col"}
DROPPED = {"script", "style", "template", "head", "title"}
BLOCKS = {"p": "{}", "address": "{}", "blockquote": "#quote(block: true)[{}]"}  # around a block's inline text
FIXED = {"hr": "\n\n#line(length: 100%, stroke: 0.5pt + luma(180))\n\n", "br": "#linebreak()", **dict.fromkeys(DROPPED, "")}
WRAPPED = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph", "sup": "super", "sub": "sub"}  # inline: #strong[...]
NESTED_HEADING = re.compile(r"<(/?)h([1-6])\b", re.I)
ID = re.compile(r'\bid="([^"]+)"')
LOCAL_LINK = re.compile(r'\bhref="#([^"]+)"')


def nest(html, prefix):
    """Headings a level deeper (an item's h2 under the item's own h2 becomes h3), and ids
    prefixed with ``prefix`` (with links to them), so two items' "#aanmelden" never clash."""
    html = NESTED_HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", str(html))
    html = ID.sub(lambda m: f'id="{prefix}-{m[1]}"', html)
    return Markup(LOCAL_LINK.sub(lambda m: f'href="#{prefix}-{m[1]}"', html))  # HTML in, HTML out: safe in templates


class Typst(str):
    """Typst markup or code that is ready to use: not escaped again (as Markup is for HTML)."""


def escape(text):
    """Plain text as Typst markup that prints exactly as written (whitespace becomes one space)."""
    return text if isinstance(text, Typst) else Typst(SPECIAL.sub(r"\\\1", SPACE.sub(" ", str(text))))


def string(text):
    """Text as a Typst string literal: ``"…"``."""
    value = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return Typst(f'"{value}"')


def label(name):
    """A Typst label ``<name>`` for an HTML id (characters a label cannot hold become '-')."""
    return Typst(f"<{LABEL.sub('-', str(name))}>")


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []


class _Tree(HTMLParser):
    """A forgiving tree of the HTML fragment: unclosed tags close with their parent."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("root", {})
        self.feed(str(html))
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


class Converter:
    """HTML to Typst. ``base_url`` makes relative links absolute (a PDF links to the public site);
    ``image(src, alt)`` returns the Typst code of an embedded image, or None to print the alt text;
    ``heading_offset`` moves headings (an item's h2 below the part's title); ``labels``: the ids links may point at."""

    def __init__(self, base_url, image, heading_offset, labels):
        self.base_url, self.image, self.heading_offset, self.labels = base_url, image, heading_offset, labels

    # -- walking -----------------------------------------------------------
    def inline(self, node):
        return "".join(self.piece(child) for child in node.children)

    def piece(self, child):
        if isinstance(child, str):
            return escape(child) if child.strip() or child == " " else (" " if child else "")
        if HEADING.fullmatch(child.tag):  # moved by heading_offset, its label after it
            level = min(max(int(child.tag[1]) + self.heading_offset, 1), 6)
            anchor = f" {label(child.attrs['id'])}" if child.attrs.get("id") else ""
            return f"\n\n#heading(level: {level})[{self.inline(child).strip()}]{anchor}\n\n"
        if child.tag in FIXED:
            text = FIXED[child.tag]
        elif child.tag in BLOCKS:
            text = "\n\n" + BLOCKS[child.tag].format(self.inline(child).strip()) + "\n\n"
        elif child.tag in WRAPPED:
            inner = self.inline(child)
            text = f"#{WRAPPED[child.tag]}[{inner}]" if inner.strip() else inner
        else:
            method = getattr(self, "tag_" + child.tag, None)
            text = method(child) if method else self.inline(child)
        node_id = child.attrs.get("id")
        return f"{text}#[]{label(node_id)}" if node_id and text.strip() else text

    # -- blocks ------------------------------------------------------------
    def items(self, node):
        return ", ".join(f"[{self.inline(li).strip()}]" for li in node.children if isinstance(li, Node) and li.tag == "li")

    def tag_ul(self, node):
        return f"\n\n#list({self.items(node)})\n\n"

    def tag_ol(self, node):
        start = node.attrs.get("start", "")
        return f"\n\n#enum(start: {int(start) if start.isdigit() else 1}, {self.items(node)})\n\n"

    def tag_pre(self, node):
        return f"\n\n#raw({string(text_of(node))}, block: true)\n\n"

    def tag_dl(self, node):
        pairs, term = [], None
        for child in node.children:
            if isinstance(child, Node) and child.tag == "dt":
                term = self.inline(child).strip()
            elif isinstance(child, Node) and child.tag == "dd":
                pairs.append(f"terms.item([{term or ''}], [{self.inline(child).strip()}])")
        return f"\n\n#terms({', '.join(pairs)})\n\n" if pairs else ""

    def tag_table(self, node):
        rows = [row for row in walk(node) if row.tag == "tr"]
        if not rows:
            return ""
        width = max(len(cells(row)) for row in rows)
        parts = []
        for number, row in enumerate(rows):
            row_cells = [f"[{self.inline(cell).strip()}]" for cell in cells(row)] + ["[]"] * (width - len(cells(row)))
            header = number == 0 and (row.parent.tag == "thead" or all(cell.tag == "th" for cell in cells(row)))
            parts.append(f"table.header({', '.join(row_cells)})" if header else ", ".join(row_cells))
        return f"\n\n#table(columns: {width}, {', '.join(parts)})\n\n"

    # -- inline ------------------------------------------------------------
    def tag_code(self, node):
        return f"#raw({string(text_of(node))})"

    def tag_a(self, node):
        href = node.attrs.get("href", "")
        inner = self.inline(node) or escape(href)
        if href.startswith("#") and href[1:] in self.labels:
            return f"#link({label(href[1:])})[{inner}]"
        return f"#link({string(urljoin(self.base_url, href))})[{inner}]" if href and not href.startswith("#") else inner

    def tag_img(self, node):
        alt = node.attrs.get("alt", "")
        return (self.image and self.image(node.attrs.get("src", ""), alt)) or escape(alt)


def walk(node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from walk(child)


def cells(row):
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def text_of(node):
    return "".join(child if isinstance(child, str) else text_of(child) for child in node.children)


def from_html(html, base_url="", image=None, heading_offset=0):
    """An item's HTML as Typst markup (see :class:`Converter`)."""
    root = _Tree(html).root
    ids = Counter(node.attrs["id"] for node in walk(root) if node.attrs.get("id"))
    labels = {name for name, count in ids.items() if count == 1}  # a fragment links only to an id it holds once
    return Typst(BLANK.sub("\n\n", Converter(base_url, image, heading_offset, labels).inline(root)).strip())
