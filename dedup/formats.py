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
#: Read member by member; in folders only with --include '*.zip' (or '*.tar', which takes '*.tar.gz' too).
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tbz2", ".txz")
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # and each one's delimiter
#: Each kind and the suffixes that name it, in the order they are tried.
_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".jsonl", ".ndjson"), "jsonl"),
    (tuple(_TABLE_SUFFIXES), "table"),
    # Binary tables, read a record a row by their libraries (``columnar``, ``spreadsheet``); an .xls is named so
    # that it gets an error saying what to do, not read as text.
    ((".parquet",), "parquet"),
    ((".arrow", ".feather"), "arrow"),
    ((".orc",), "orc"),
    ((".xlsx", ".xls"), "xlsx"),
    ((".json",), "json"),
    ((".html", ".htm"), "html"),
    ((".docx", ".doc"), "docx"),  # a .doc named as an argument gets an error saying what to do
    ((".odt",), "odt"),
    ((".pdf",), "pdf"),
    ((".zip",), "zip"),
    ((".tar",), "tar"),  # .tar.gz, .tgz...: the tar archive the decompressor gives
    ((".warc", ".wet", ".arc"), "warc"),  # .wet: Common Crawl's page texts; .arc: the Internet Archive's older format
    ((".eml",), "eml"),
    ((".mbox",), "mbox"),
    ((".rss", ".atom", ".xml"), "feed"),  # .xml is read when included: most XML files are no feeds
    ((".md", ".markdown"), "markdown"),
)


def kind_of_name(path: str) -> str:
    """The kind of file ``path`` names, by its suffix (a compressed file's, that of the file it holds)."""
    lower = uncompressed_name(path).lower()
    return next((kind for suffixes, kind in _KINDS if lower.endswith(suffixes)), "text")


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
    if _opens_as_tar(data):
        return "tar"
    return None


def _opens_as_tar(data: bytes) -> bool:
    """Whether ``data`` opens with a POSIX or GNU tar header: "ustar" after the first member's name, and the
    header's checksum right (a Spanish text may say "gustar" there)."""
    if len(data) < 512 or data[257:262] != b"ustar":
        return False
    try:
        stored = int(data[148:156].replace(b"\0", b" ").strip() or b"-1", 8)
    except ValueError:
        return False
    return stored == sum(data[:148]) + 8 * 32 + sum(data[156:512])


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
