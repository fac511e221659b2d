"""Saved web pages (``.html``, ``.htm``): the text a reader sees, one block a paragraph.

A monitored page arrives whole: menus, the headline, the story, "Share this article", a
footer.  The page is read as a reader would copy it out of a browser: scripts, styles,
menus (``<nav>``) and elements marked ``hidden`` are not text anyone reads, so they go;
every other block (paragraph, heading, list item, table cell) becomes a paragraph of
its own and a ``<br>`` a line break (two of them a blank line), so that headlines,
bylines and site boilerplate stay lines of their own, which is where the pipeline looks
for them.  Boilerplate that is left (footers, "Popular posts") is found the way it is in
plain text: it recurs across unrelated pages.

lxml (libxml2) parses the page: it is as lenient as browsers are with pages as they are
saved (unclosed tags, stray entities) and several times faster than Python's own
``html.parser`` driving a handler per tag (benchmarks/bench_pages.py), which matters for
a crawl of thousands of pages.  The tree is cut and marked in C; Python walks only the
page's blocks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

__all__ = ["Page", "page_text"]


class Page(NamedTuple):
    """What a page gives: its title (where it has no ``<h1>``), its visible text, and the publication date its
    markup declares (as written; None where it declares none)."""

    title: str | None
    text: str
    published: str | None


#: Where a news page declares when it was published, best first: OpenGraph's article tag (most news
#: sites), schema.org's itemprop, then the names CMSs and analytics tags use.  Never a modified date.
_DATE_META = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
              "publish-date", "published_time", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date",
              "date")
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
#: Looked for in the markup first (plain substrings, which Python finds at memory speed; a case-blind regular
#: expression took longer than parsing): a page that holds none declares no date, and its tree is not searched.
_DATE_HINTS = ("ublish", "UBLISH", "ubdate", "UBDATE", "ailthru", ".date", ".DATE", "=\"date\"", "='date'",
               "=date", "=\"DATE\"")

#: Never shown to a reader, or a site's menus: their text is no part of the page's story.
_HIDDEN = ("script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "object", "title")
#: Tags that end one line of text and start the next (a browser lays them out as blocks).
_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
)
_VOID = frozenset({"br", "hr"})
#: Break marks put into the tree's text: Unicode noncharacters, reserved for a program's own use.
_PARAGRAPH, _LINE = "\ufdd0", "\ufdd1"
_MARK = re.compile(f"([{_PARAGRAPH}{_LINE}])")
_SPACE = re.compile(r"\s+")
#: What a tree's text cannot hold (control characters, noncharacters, our own marks): a space instead.
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0\ufdd1\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = (_PARAGRAPH, _LINE, "\ufffe", "\uffff")
_UNSHOWN = "unshown-element"  # the tag given to elements marked hidden, so that one C call drops them all


def _lines(marked: str) -> str:
    """The page's text from its marked text: a block's mark ends a paragraph, a ``<br>``'s only a
    line, which the segmenter may join again where the sentence runs on ("voted<br>on Tuesday"), as
    in a hard-wrapped text; marks with no text between them leave a blank line."""
    out: list[str] = []
    brk = ""  # what goes before the next line
    pieces = _MARK.split(_SPACE.sub(" ", marked))
    for k in range(0, len(pieces), 2):
        line = pieces[k].strip()
        mark = pieces[k + 1] if k + 1 < len(pieces) else _PARAGRAPH
        if line:
            out.append(brk + line)
            brk = "\n" if mark == _LINE else "\n\n"
        elif brk:
            brk = "\n\n"
    return "".join(out)


def _declared_date(root: etree._Element) -> str | None:
    """The publication date the page's markup declares: a ``<meta>`` named in ``_DATE_META`` (the first of
    those names found), else an element marked ``itemprop="datePublished"``, else JSON-LD's ``datePublished``."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name in _DATE_META and content:
            found.setdefault(name, content)
    for name in _DATE_META:
        if name in found:
            return found[name]
    for element in root.xpath("//*[@itemprop='datePublished']"):
        value = (element.get("datetime") or element.get("content") or "").strip()
        if value:
            return value
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            match = _LD_PUBLISHED.search(script.text)
            if match:
                return match.group(1)
    return None


def page_text(markup: str) -> Page:
    """The page's title, its visible text (one block a paragraph, a ``<br>`` a line break) and the publication
    date it declares.

    The title (``<title>``) is returned only for a page without an ``<h1>``: where there is
    one, it is the headline, already the first line of the story, and a title adds the
    site's name ("Ferry fleet goes electric | The Daily Coast").
    """
    data = markup.encode("utf-8", "replace")
    # Looked for in bytes and by ``in``, which are fast, before the slower regular expression.
    if len(data.translate(None, _CONTROL_BYTES)) < len(data) or any(c in markup for c in _NONCHARACTERS):
        data = _UNFIT.sub(" ", markup).encode("utf-8", "replace")
    # Decoded already (declared and detected charsets weighed in read.decode): the parser is told so.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=True)
    root = etree.fromstring(data, parser)
    if root is None:
        return Page(None, "", None)
    title = next((_SPACE.sub(" ", "".join(t.itertext())).strip() for t in root.iter("title")), "")
    published = _declared_date(root) if any(hint in markup for hint in _DATE_HINTS) else None
    for element in root.xpath("//*[@hidden]"):
        element.tag = _UNSHOWN
    if root.tag == _UNSHOWN:
        return Page(title or None, "", published)
    etree.strip_elements(root, *_HIDDEN, _UNSHOWN, with_tail=False)
    has_h1 = next(root.iter("h1"), None) is not None
    for block in root.iter(*_BLOCKS):
        mark = _LINE if block.tag == "br" else _PARAGRAPH
        if block.tag not in _VOID:
            block.text = mark + (block.text or "")
        block.tail = mark + (block.tail or "")
    return Page(None if has_h1 or not title else title, _lines("".join(root.itertext())), published)
