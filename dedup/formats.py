"""What a file holds: told by its name (folders, arguments) or, on stdin, which has none, by its first bytes.

The reader (:mod:`dedup.read`) reads each kind; this module names them, so that the formats read and the
globs a folder is read with by default are written down once.
"""

from __future__ import annotations

import io
import os
import zipfile

from .decoding import OLE2_MAGIC, uncompressed_name

__all__ = ["ARCHIVE_SUFFIXES", "DEFAULT_INCLUDE", "kind_of_bytes", "kind_of_name", "table_delimiter_of_name"]

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.json", "*.jsonl", "*.csv", "*.tsv", "*.parquet", "*.arrow",
                   "*.feather", "*.orc", "*.xlsx", "*.docx", "*.odt", "*.pdf", "*.html", "*.htm", "*.rss", "*.atom",
                   "*.warc", "*.wet", "*.eml", "*.mbox")
ARCHIVE_SUFFIXES = (".zip",)  # read member by member; in folders only with --include '*.zip'
_JSON_SUFFIXES = (".json",)
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # and each one's delimiter
#: Binary tables, read a record a row by their libraries (``columnar``, ``spreadsheet``); an ``.xls`` is named
#: so that it gets an error saying what to do, not read as text.
_BINARY_TABLES = {".parquet": "parquet", ".arrow": "arrow", ".feather": "arrow", ".orc": "orc", ".xlsx": "xlsx",
                  ".xls": "xlsx"}
_HTML_SUFFIXES = (".html", ".htm")
_MAIL_SUFFIXES = {".eml": "eml", ".mbox": "mbox"}
_WARC_SUFFIXES = (".warc", ".wet", ".arc")  # .wet: Common Crawl's page texts; .arc: the Internet Archive's older format
#: Text documents, by suffix: a .doc named as an argument gets an error saying what to do.
_DOCUMENT_SUFFIXES = {".docx": "docx", ".doc": "docx", ".odt": "odt", ".pdf": "pdf"}
_FEED_SUFFIXES = (".rss", ".atom", ".xml")  # .xml is read when included: most XML files are no feeds
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def kind_of_name(path: str) -> str:
    """The kind of file ``path`` names, by its suffix (a compressed file's, that of the file it holds)."""
    lower = uncompressed_name(path).lower()
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(tuple(_TABLE_SUFFIXES)):
        return "table"
    for suffix, kind in _BINARY_TABLES.items():
        if lower.endswith(suffix):
            return kind
    if lower.endswith(_JSON_SUFFIXES):
        return "json"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    for suffix, kind in _DOCUMENT_SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "zip"
    if lower.endswith(_WARC_SUFFIXES):
        return "warc"
    for suffix, kind in _MAIL_SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    if lower.endswith(_FEED_SUFFIXES):
        return "feed"
    if lower.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def table_delimiter_of_name(path: str) -> str:
    """The delimiter a ``.csv`` or ``.tsv`` file's name promises (its header row may say otherwise)."""
    return _TABLE_SUFFIXES[os.path.splitext(uncompressed_name(path).lower())[1]]


def kind_of_bytes(data: bytes) -> str | None:
    """The kind of binary file ``data`` (stdin's bytes) is, a table or a Word document, known by its magic
    number; None for text.

    An Arrow stream opens with a continuation marker (no text does: it is not UTF-8 nor a UTF-16 or
    UTF-32 byte-order mark); a zip archive is a Word document, a workbook or an archive of files, by what it
    holds.
    """
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:6] == b"ARROW1" or data[:4] == b"\xff\xff\xff\xff":
        return "arrow"
    if data[:3] == b"ORC" and data[-4:-1] == b"ORC":  # its postscript ends with the magic too: "ORCHARD ..." is text
        return "orc"
    if data.startswith(OLE2_MAGIC):  # an Excel or Word 97-2003 file: an error saying what to do
        return "ole2"
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str:
    """What a zip archive on stdin is: a Word or OpenDocument document, a workbook, or an archive of files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError):
        return "zip"  # its error comes from reading it as an archive
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "odt" if "content.xml" in names and "mimetype" in names else "zip"
