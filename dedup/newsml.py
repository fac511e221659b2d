"""Wire agencies' XML: NewsML-G2, NewsML 1 and NITF, as news agencies send their copy to newsrooms.

A newsroom's wire folder holds the agencies' own files: IPTC's NewsML-G2 (``newsItem`` or a
``newsMessage`` of several), its predecessor NewsML 1 (``NewsML``), and NITF (``nitf``), the article
markup both carry.  Each item becomes a record with the agency's id, its headline, its first-created
time and its story: NITF's paragraphs as text (a separate dateline put back before the first one, as
it is printed), XHTML as markup, plain text as it is.  Elements are matched by local name, since the
same NITF appears with and without a namespace.  Parsing is :func:`dedup.feeds.parse_xml`'s, which
resolves no entities and fetches nothing.
"""

from __future__ import annotations

from lxml import etree

from .feeds import FeedItem, local_name

__all__ = ["is_wire_document", "wire_items"]

#: Root elements of the documents read here (local names).
_WIRE_ROOTS = frozenset({"nitf", "newsItem", "newsMessage", "NewsML"})
#: NITF elements that are a paragraph of the story, and those whose paragraphs are the story's.
_NITF_PARAGRAPHS = frozenset({"p", "hl2", "li", "tr"})
_NITF_BLOCKS = frozenset({"body.content"})
#: Elements that hold an item's content: G2's inline XML and inline data, NewsML 1's data content.
_CONTENTS = frozenset({"inlineXML", "inlineData", "DataContent"})


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _descendant(element: etree._Element, *names: str) -> etree._Element | None:
    """The first element below ``element`` along the path of local ``names`` (each a child of the one before)."""
    found: etree._Element | None = element
    for name in names:
        found = next((child for child in found if local_name(child) == name), None) if found is not None else None
    return found


def _below(element: etree._Element, name: str) -> etree._Element | None:
    """The first element named ``name`` (local name) at any depth within ``element``, or itself."""
    return next((e for e in element.iter() if local_name(e) == name), None)


def _words(element: etree._Element | None) -> str | None:
    """An element's text, its whitespace folded; None where it has none."""
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _nitf_story(nitf: etree._Element) -> str:
    """A NITF document's story: each paragraph, sub-headline, list item and table row of its content a
    paragraph (a row's cells apart by two spaces, as a table's columns are written), the dateline first."""
    paragraphs: list[str] = []
    for block in nitf.iter():
        if local_name(block) not in _NITF_BLOCKS:
            continue
        for element in block.iter():
            name = local_name(element)
            if name == "tr":
                cells = [_words(cell) or "" for cell in element if local_name(cell) in ("td", "th")]
                if any(cells):
                    paragraphs.append("  ".join(cells))
            elif name in _NITF_PARAGRAPHS and not any(local_name(a) in _NITF_PARAGRAPHS
                                                      for a in element.iterancestors()):
                if (text := _words(element)) is not None:
                    paragraphs.append(text)
    dateline = _words(_below(nitf, "dateline"))
    if dateline and paragraphs and not paragraphs[0].startswith(dateline):
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    return "\n\n".join(paragraphs)


def _nitf_item(nitf: etree._Element) -> FeedItem:
    head = _descendant(nitf, "head")
    docdata = _descendant(head, "docdata") if head is not None else None
    doc_id = _descendant(docdata, "doc-id") if docdata is not None else None
    issued = _descendant(docdata, "date.issue") if docdata is not None else None
    pubdata = _descendant(head, "pubdata") if head is not None else None
    title = _words(_descendant(nitf, "body", "body.head", "hedline", "hl1")) or _words(
        _descendant(head, "title") if head is not None else None)
    published = (issued.get("norm") if issued is not None else None) or (
        pubdata.get("date.publication") if pubdata is not None else None)
    return FeedItem(doc_id.get("id-string") if doc_id is not None else None, title, _nitf_story(nitf), published)


def _content(holder: etree._Element) -> str:
    """The story of a G2 ``contentSet`` or a NewsML 1 ``ContentItem``: the first of its contents that holds
    text, NITF read as text, XHTML (or other markup) kept as markup, plain text as it is."""
    for content in holder.iter():
        if local_name(content) not in _CONTENTS:
            continue
        nitf = _below(content, "nitf")
        if nitf is not None:
            return _nitf_story(nitf)
        if len(content):  # XHTML, or paragraphs as they are
            return "".join(etree.tostring(child, encoding="unicode", method="html", with_tail=False)
                           for child in content if isinstance(child.tag, str))
        if content.text and content.text.strip():
            return content.text.strip()
    return ""


def _g2_item(item: etree._Element) -> FeedItem:
    meta = _descendant(item, "itemMeta")
    created = None
    if meta is not None:
        created = _words(_descendant(meta, "firstCreated")) or _words(_descendant(meta, "versionCreated"))
    headline = _words(_descendant(item, "contentMeta", "headline"))
    content_set = _descendant(item, "contentSet")
    story = _content(content_set) if content_set is not None else ""
    return FeedItem(item.get("guid"), headline, story, created)


def _newsml1_item(item: etree._Element) -> FeedItem:
    identifier = _words(_below(item, "PublicIdentifier"))
    created = _words(_below(item, "FirstCreated"))
    headline = _words(_below(item, "HeadLine"))
    story = next((text for holder in item.iter() if local_name(holder) == "ContentItem"
                  if (text := _content(holder))), "")
    return FeedItem(identifier, headline, story, created)


def is_wire_document(root: etree._Element) -> bool:
    return local_name(root) in _WIRE_ROOTS


def wire_items(root: etree._Element) -> list[FeedItem]:
    """The items of a NITF, NewsML-G2 or NewsML 1 document (:func:`is_wire_document`), in document order; a
    G2 message's non-text items (pictures, packages) are passed over."""
    name = local_name(root)
    if name == "nitf":
        return [_nitf_item(root)]
    if name == "newsItem":
        return [_g2_item(root)]
    if name == "newsMessage":
        return [_g2_item(item) for item in root.iter() if local_name(item) == "newsItem"
                and _is_text_item(item)]
    return [_newsml1_item(item) for item in root.iter() if local_name(item) == "NewsItem"]


def _is_text_item(item: etree._Element) -> bool:
    """Whether a G2 item is text (``ninat:text``), or says nothing of its class."""
    item_class = _below(item, "itemClass")
    return item_class is None or (item_class.get("qcode") or "").endswith(":text")
