"""Word (``.docx``) and OpenDocument (``.odt``) text documents, read as the article they hold: how a
newsroom files its copy.

Both are zip archives of XML parts.  A ``.docx`` file's story is ``word/document.xml``, a paragraph
(``w:p``) at a time; an ``.odt`` file's is ``content.xml``, its headings and paragraphs (``text:h``,
``text:p``).  Table cells, list items and text boxes count, in document order.  Each paragraph
becomes a line and paragraphs are parted by a blank line, as a text file would hold them; a line
break inside a paragraph stays one.  The title is the document's own (its properties'
``dc:title``) when it has one.  Headers, footers, footnotes and comments are not the story and are
not read; nor is what tracked changes took out (deleted text, a moved passage's old place) or the
second copy of a text box Word writes for older readers (``mc:Fallback``).

The archive comes from strangers: the parser resolves no entities and fetches nothing, and the
story's part is read up to a bound, so a small file that inflates to gigabytes is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from .decoding import DAMAGED, OLE2_MAGIC

__all__ = ["NotADocument", "TextDocument", "docx_text", "odt_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Word writes a text box twice, for new readers (mc:Choice, DrawingML) and old ones (mc:Fallback, VML).
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
#: Where an OpenDocument's paragraphs are not its story: a footnote, a comment, what tracked changes deleted.
_ODT_ASIDES = (f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes")
_ODT_BODY = "content.xml"
_ODT_PROPERTIES = "meta.xml"
_MOST_SPACES = 80
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BODY = "word/document.xml"
_PROPERTIES = "docProps/core.xml"


class NotADocument(ValueError):
    """The data is not a text document this reader can read."""


@dataclass(frozen=True, slots=True)
class TextDocument:
    """What a scan reads of a text document: its own title, if it has one, and its paragraphs as text."""

    title: str | None
    text: str


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    """A part of the archive, or None if it has none; larger than ``limit`` bytes once inflated: an error."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise NotADocument(f"{name} inflates to more than {limit} bytes; not read")
    return data


def _paragraph(p: etree._Element) -> str:
    """A paragraph's text; a text box's paragraphs inside it are paragraphs of their own, not its text, and a
    passage moved with changes tracked is read where it went (``w:moveTo``), not where it was."""
    pieces = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if next(node.iterancestors(f"{_W}p", f"{_W}moveFrom")) is not p:
            continue
        if node.tag == f"{_W}t":
            pieces.append(node.text or "")
        else:
            pieces.append("\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(pieces).strip()


def _parts(data: bytes, limit: int, body_name: str, properties_name: str, kind: str,
           suffix: str) -> tuple[etree._Element, str | None]:
    """The story part of a document archive, parsed, and the document's own title (``kind``: "Word
    document", for the errors)."""
    named = f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind} ({suffix})"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError) as exc:
        raise NotADocument(f"not {named}: {exc}") from None
    with archive:
        try:
            body = _part(archive, body_name, limit)
            properties = _part(archive, properties_name, limit)
        except NotADocument:
            raise
        except (*DAMAGED, zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:  # CRC, methods
            raise NotADocument(f"damaged {kind}: {exc}") from None
    if body is None:
        raise NotADocument(f"not {named}: no {body_name} in the archive")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise NotADocument(f"damaged {kind}: {body_name}: {exc}") from None
    title = None
    if properties is not None:
        try:
            found = etree.fromstring(properties, _parser()).find(f".//{_DC_TITLE}")
        except etree.XMLSyntaxError:
            found = None
        if found is not None and found.text and found.text.strip():
            title = " ".join(found.text.split())
    return root, title


def docx_text(data: bytes, limit: int) -> TextDocument:
    """The title and text of a ``.docx`` file's bytes; the story's XML may inflate to ``limit`` bytes.

    Raises NotADocument when the data is no such document (another zip archive, a Word 97-2003 file,
    damaged XML)."""
    if data.startswith(OLE2_MAGIC):
        raise NotADocument("a Word 97-2003 document (.doc) is not read: save it as .docx or text")
    root, title = _parts(data, limit, _BODY, _PROPERTIES, "Word document", ".docx")
    paragraphs = [_paragraph(p) for p in root.iter(f"{_W}p")  # table cells' too, in document order
                  if not any(True for _ in p.iterancestors(_FALLBACK))]
    return TextDocument(title, "\n\n".join(p for p in paragraphs if p))


def _odt_paragraph(p: etree._Element) -> str:
    """A heading's or paragraph's text: spaces (``text:s``), tabs and line breaks as written; a paragraph
    inside it (a text box's), a footnote and a comment (its author and date too) are not its text."""
    pieces = [p.text or ""]

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag in (f"{_TEXT}p", f"{_TEXT}h", *_ODT_ASIDES):
                pass
            elif tag == f"{_TEXT}s":
                pieces.append(" " * _spaces(child.get(f"{_TEXT}c")))
            elif tag == f"{_TEXT}tab":
                pieces.append("\t")
            elif tag == f"{_TEXT}line-break":
                pieces.append("\n")
            else:
                pieces.append(child.text or "")
                walk(child)
            pieces.append(child.tail or "")

    walk(p)
    return "".join(pieces).strip()


def _spaces(count: str | None) -> int:
    """How many spaces a ``text:s`` stands for: its count as written, one if none or no number, at most a
    line's worth (a file from strangers may ask for a billion)."""
    return min(int(count), _MOST_SPACES) if count is not None and count.isdigit() else 1


def odt_text(data: bytes, limit: int) -> TextDocument:
    """The title and text of an ``.odt`` file's bytes, as :func:`docx_text` reads a Word document."""
    root, title = _parts(data, limit, _ODT_BODY, _ODT_PROPERTIES, "OpenDocument text", ".odt")
    paragraphs = [_odt_paragraph(p) for p in root.iter(f"{_TEXT}p", f"{_TEXT}h")
                  if not any(True for _ in p.iterancestors(*_ODT_ASIDES))]
    return TextDocument(title, "\n\n".join(p for p in paragraphs if p))
