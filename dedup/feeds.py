"""RSS and Atom feeds, read as the articles they carry.

A media monitor's input is often the feeds themselves: an RSS 2.0 channel's items, an RSS 1.0
(RDF) file's, an Atom feed's entries, each with a link or id, a headline, a date and the story,
mostly as HTML.  Each item is handed to the reader as a record; the HTML in it is read as a page is.
The parser resolves no entities and fetches nothing: a feed is data from strangers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

__all__ = ["FeedItem", "NotAFeed", "feed_items", "local_name", "opens_as_news_xml", "parse_xml"]

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_ATOM = "{http://www.w3.org/2005/Atom}"

#: A feed's opening, or a wire document's (dedup.newsml): an XML declaration, comments or processing
#: instructions (a stylesheet), then its root.
_NEWS_XML_START = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?"
                             r"(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>\s*)*"
                             r"<(?:rss|feed|rdf:RDF|nitf|newsItem|newsMessage|NewsML)[\s>]", re.DOTALL)


#: A character reference (decimal or hexadecimal), to find those naming a UTF-16 surrogate.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


class NotAFeed(ValueError):
    """The data is not XML, or its root is not a feed's (nor a wire document's)."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item or entry as the feed holds it: ``text`` is HTML or plain text, ``published`` as written."""

    id: str | None
    title: str | None
    text: str
    published: str | None


def opens_as_news_xml(opening: str) -> bool:
    """Whether text (stdin's first characters) is an RSS or Atom feed or a wire document rather than a web page."""
    return _NEWS_XML_START.match(opening) is not None


def _text(element: etree._Element | None) -> str | None:
    """An element's content: its text, or, where it holds elements (Atom's ``type="xhtml"``), its markup."""
    if element is None:
        return None
    if len(element):
        return "".join(etree.tostring(child, encoding="unicode", method="html") for child in element)
    return element.text


def _first(item: etree._Element, *paths: str) -> str | None:
    """The first of ``paths`` that holds text, stripped."""
    for path in paths:
        value = _text(item.find(path))
        if value and value.strip():
            return value.strip()
    return None


def _atom_link(entry: etree._Element) -> str | None:
    for link in entry.iterfind(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _no_surrogate(ref: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = ref.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF else ref[0]


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace ("" for a comment).  Recovering from a prefix no namespace
    was declared for, the parser keeps it in the name ("nitf:p"), which lxml's QName refuses; the name is
    what follows it."""
    tag = element.tag
    return tag.rpartition("}")[2].rpartition(":")[2] if isinstance(tag, str) else ""


def parse_xml(data: bytes) -> etree._Element:
    """The root of an XML file from strangers: no entities resolved, nothing fetched.  Raises NotAFeed.

    A character reference to half a surrogate pair (``&#xD800;``, a mis-encoded emoji) becomes U+FFFD
    first: libxml2, recovering, keeps it as bytes that lxml then fails to decode, wherever the text is read.
    """
    if b"&#" in data:
        data = _CHAR_REF.sub(_no_surrogate, data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAFeed(f"not XML: {exc}") from None
    if root is None:
        raise NotAFeed("not XML")
    return root


def feed_items(root: etree._Element) -> list[FeedItem]:
    """The items of an RSS 2.0, RSS 1.0 or Atom feed (``root``, from :func:`parse_xml`), in the feed's order.
    Raises NotAFeed."""
    if root.tag == "rss":
        return [FeedItem(_first(item, "guid", "link"), _first(item, "title"),
                         _first(item, _CONTENT, "description") or "", _first(item, "pubDate", _DC_DATE))
                for item in root.iterfind("channel/item")]
    if local_name(root) == "RDF":
        return [FeedItem(item.get(_RDF_ABOUT) or _first(item, f"{_RSS1}link"), _first(item, f"{_RSS1}title"),
                         _first(item, _CONTENT, f"{_RSS1}description") or "", _first(item, _DC_DATE))
                for item in root.iterfind(f"{_RSS1}item")]
    if root.tag == f"{_ATOM}feed":
        return [FeedItem(_first(entry, f"{_ATOM}id") or _atom_link(entry), _first(entry, f"{_ATOM}title"),
                         _first(entry, f"{_ATOM}content", f"{_ATOM}summary") or "",
                         _first(entry, f"{_ATOM}published", f"{_ATOM}updated"))
                for entry in root.iterfind(f"{_ATOM}entry")]
    raise NotAFeed(f"root element <{local_name(root)}> is not an RSS or Atom feed's, nor a NewsML or "
                   "NITF document's")
