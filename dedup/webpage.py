"""Saved web pages (``.html``, ``.htm``): the text a reader sees, one block a paragraph.

A monitored page arrives whole: menus, the headline, the story, "Share this article", a
footer.  The page is read as a reader would copy it out of a browser: scripts, styles,
menus (``<nav>``) and elements marked ``hidden`` are not text anyone reads, so they go;
every other block (paragraph, heading, list item, table cell) becomes a paragraph of
its own and a ``<br>`` a line break (two of them a blank line), so that headlines,
bylines and site boilerplate stay lines of their own, which is where the pipeline looks
for them.  Boilerplate that is left (footers, "Popular posts") is found the way it is in
plain text: it recurs across unrelated pages.  Python's own ``html.parser`` is lenient
enough for pages as they are saved (unclosed tags, stray entities) and needs no dependency.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["page_text"]

#: Never shown to a reader, or a site's menus: their text is no part of the page's story.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "object"})
#: Tags that end one line of text and start the next (a browser lays them out as blocks).
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed"})
_SPACE = re.compile(r"\s+")


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []  # each with the break before it: a paragraph's, or a <br>'s
        self.title: list[str] = []
        self.has_h1 = False
        self._line: list[str] = []
        self._hidden: list[str] = []  # open hidden elements, innermost last
        self._in_title = False
        self._break = ""  # what goes before the next line

    def _end_line(self, tag: str) -> None:
        """A block ends a paragraph; a ``<br>`` only a line, which the segmenter may join again
        where the sentence runs on ("voted<br>on Tuesday"), as in a hard-wrapped text."""
        line = _SPACE.sub(" ", "".join(self._line)).strip()
        brk = "\n" if tag == "br" else "\n\n"
        if line:
            self.lines.append(self._break + line)
            self._break = brk
        elif self._break:  # an empty line: a block's end, or a second <br>, leaves a blank line
            self._break = "\n\n"
        self._line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        # Inside a hidden element every element is followed, so that its own end tag, not a nested
        # one of the same name, ends it.  The ``hidden`` attribute is never rendered either.
        if (self._hidden or tag in _HIDDEN or any(name == "hidden" for name, _ in attrs)) and tag not in _VOID:
            self._hidden.append(tag)
        if tag in _BLOCKS:
            self._end_line(tag)
        if tag == "h1" and not self._hidden:
            self.has_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._end_line(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._hidden:  # close it and anything left open inside it ("<li>" without "</li>")
            del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag):]
        if tag in _BLOCKS:
            self._end_line(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self._line.append(data)

    def close(self) -> None:
        super().close()
        self._end_line("p")


def page_text(markup: str) -> tuple[str | None, str]:
    """The page's title and its visible text, one block a paragraph, a ``<br>`` a line break.

    The title (``<title>``) is returned only for a page without an ``<h1>``: where there is
    one, it is the headline, already the first line of the story, and a title adds the
    site's name ("Ferry fleet goes electric | The Daily Coast").
    """
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    title = _SPACE.sub(" ", "".join(parser.title)).strip()
    return (None if parser.has_h1 or not title else title), "".join(parser.lines)
