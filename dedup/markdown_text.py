"""Markdown files read as the text they render, and their front matter's title and date.

A static site's archive (Jekyll, Hugo) stores each post as Markdown under a front matter block
(``---`` / ``title: ...`` / ``date: ...`` / ``---``).  Read as plain text, the block's keys and
every link's address ("https", "example", "com") would count as words that copies share or
differ by, and the report would show ``**`` and ``[text](url)``.  markdown-it-py (CommonMark,
installed with rich already) renders the body, and the HTML is read as any page is
(:func:`dedup.webpage.page_text`): a link is its words, a heading or list item a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .webpage import page_text

__all__ = ["MarkdownText", "markdown_text"]

#: YAML front matter between "---" lines (closed by "---" or "..."), or TOML between "+++" lines.
_FRONT_MATTER = re.compile(r"\A\ufeff?(?:---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+)"
                           r"[ \t]*(?:\r?\n|\Z)", re.DOTALL)
#: A top-level "key: value" (YAML) or "key = value" (TOML) line; nested and multi-line values are not read.
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class MarkdownText:
    text: str
    fields: dict[str, str]  # the front matter's top-level fields with a value on their line

    @property
    def title(self) -> str | None:
        return self.fields.get("title") or self.fields.get("Title") or None


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def markdown_text(source: str) -> MarkdownText:
    """The text ``source`` renders (paragraphs apart, a link's words without its address) and its front matter."""
    fields: dict[str, str] = {}
    body = source
    front = _FRONT_MATTER.match(source)
    if front is not None:
        block = front.group(1) if front.group(1) is not None else front.group(2)
        fields = {key: _unquoted(value) for key, value in _FIELD.findall(block) if value}
        body = source[front.end():]
    from markdown_it import MarkdownIt  # imported by the first Markdown file read: 20 ms of every start-up otherwise

    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(body)
    return MarkdownText(page_text(html)[1] if html.strip() else "", fields)
