"""Word documents (``.docx``), read as the article they hold: how a newsroom files its copy.

A ``.docx`` file is a zip archive of XML parts; the story is ``word/document.xml``, a paragraph
(``w:p``) at a time, table cells included, in document order.  Each paragraph becomes a line and
paragraphs are parted by a blank line, as a text file would hold them; a line break inside a
paragraph (``w:br``) stays one.  The title is the document's own (its properties' ``dc:title``)
when it has one.  Headers, footers, footnotes and comments are not the story and are not read.

The archive comes from strangers: the parser resolves no entities and fetches nothing, and the
story's part is read up to a bound, so a small file that inflates to gigabytes is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

__all__ = ["NotADocx", "WordDocument", "docx_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BODY = "word/document.xml"
_PROPERTIES = "docProps/core.xml"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # a Word 97-2003 .doc (and any OLE2 compound file)


class NotADocx(ValueError):
    """The data is not a Word document this reader can read."""


@dataclass(frozen=True, slots=True)
class WordDocument:
    """What a scan reads of a Word document: its own title, if it has one, and its paragraphs as text."""

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
        raise NotADocx(f"{name} inflates to more than {limit} bytes; not read")
    return data


def _paragraph(p: etree._Element) -> str:
    """A paragraph's text; a text box's paragraphs inside it are paragraphs of their own, not its text."""
    pieces = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if next(node.iterancestors(f"{_W}p")) is not p:
            continue
        if node.tag == f"{_W}t":
            pieces.append(node.text or "")
        else:
            pieces.append("\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(pieces).strip()


def docx_text(data: bytes, limit: int) -> WordDocument:
    """The title and text of a ``.docx`` file's bytes; the story's XML may inflate to ``limit`` bytes.

    Raises NotADocx when the data is no such document (another zip archive, a Word 97-2003 file,
    damaged XML)."""
    if data.startswith(_OLE2_MAGIC):
        raise NotADocx("a Word 97-2003 document (.doc) is not read: save it as .docx or text")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotADocx(f"not a Word document (.docx): {exc}") from None
    with archive:
        try:
            body = _part(archive, _BODY, limit)
            properties = _part(archive, _PROPERTIES, limit)
        except NotADocx:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # zlib and CRC errors
            raise NotADocx(f"damaged Word document: {exc}") from None
    if body is None:
        raise NotADocx(f"not a Word document (.docx): no {_BODY} in the archive")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise NotADocx(f"damaged Word document: {_BODY}: {exc}") from None
    paragraphs = [_paragraph(p) for p in root.iter(f"{_W}p")]  # table cells' too, in document order
    text = "\n\n".join(p for p in paragraphs if p)
    title = None
    if properties is not None:
        try:
            found = etree.fromstring(properties, _parser()).find(f".//{_DC_TITLE}")
        except etree.XMLSyntaxError:
            found = None
        if found is not None and found.text and found.text.strip():
            title = " ".join(found.text.split())
    return WordDocument(title, text)
