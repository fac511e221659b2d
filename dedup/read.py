"""Reading a corpus: files, folders and stdin into documents, and every problem on the way.

One bad file never stops a scan.  Each one becomes a :class:`~dedup.model.Problem`
with its path and a reason a person can act on, and the scan goes on.  No read is larger
than the per-document limit.  Which files the arguments name is :mod:`dedup.discover`'s to
say, and what kind each is :mod:`dedup.formats`'; this module reads each kind into records
and documents, with the format modules (tables, documents, feeds, archives, mail).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import stat
import tarfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import BinaryIO, cast

from .archives import TAR_DAMAGED, passed_over, spooled, tar_members
from .columnar import Kept, UnreadableRow, arrow_rows, orc_rows, parquet_rows
from .decoding import (
    DAMAGED,
    DecodeError,
    compression_of,
    cut,
    decode,
    decompressing,
    file_lines,
    read_at_most,
    stdin_compression,
    uncompressed_name,
    unpacked,
    unread_format,
    wide_encoding,
)
from .delimited import HEADER_LINES, SEP_LINE, header_delimiter, opening_delimiter
from .discover import Discovery, printable
from .errors import UnreadableRecords
from .feeds import NotAFeed, feed_items, opens_as_news_xml, parse_xml
from .formats import ARCHIVE_SUFFIXES, DEFAULT_INCLUDE, kind_of_bytes, kind_of_name, table_delimiter_of_name
from .mail import NotAMessage, mbox_messages, read_message
from .markdown_text import markdown_text
from .model import Document, Problem
from .newsml import is_wire_document, wire_items
from .parallel import forked_map
from .pdf_text import NotAPdf, pdf_text
from .published import parse_published
from .records import (
    field_value,
    has_lone_surrogate,
    holds_json_lines,
    is_markup,
    keyed_records,
    record_json,
    records_inside,
    unescaped,
    without_lone_surrogates,
)
from .spreadsheet import xlsx_sheets
from .text_documents import NotADocument, docx_text, odt_text
from .warc import WarcPages
from .webpage import Page, page_text

__all__ = ["DEFAULT_INCLUDE", "DecodeError", "ReadOptions", "ReadResult", "decode", "read_inputs", "unique_ids"]

_COLUMNAR = {"parquet": parquet_rows, "arrow": arrow_rows, "orc": orc_rows}
_STDIN = "-"
#: A JSON file holds many records, so it may be this many times --max-bytes (one document's limit) before it is
#: refused: 256 MiB by default, parsed whole, which takes several times that in memory.  Larger collections
#: are better as JSON Lines, read a line at a time.
_JSON_FILE_DOCUMENTS = 32
#: Files are read in several processes from this many up: decoding and parsing web pages is the slow part of
#: reading, and a process costs a few milliseconds to fork (benchmarks/bench_pages.py).
_PARALLEL_MIN_FILES = 200
#: Web pages held in JSON records are parsed in batches of about this many characters, in several processes
#: from a quarter of that: a crawl's JSON Lines file is one file, and parsing is the slow part of reading it.
_PAGE_BATCH_CHARS = 64_000_000
#: The standard library's JSON parser recurses once per level of nesting; no article needs a thousand.
_TOO_DEEP = "JSON nested too deeply to read (more levels than Python's recursion limit)"
#: Where datasets keep a story's publication date, read in this order when --date-field is left at ``date``: the
#: names news exports and crawls use (news-please's ``date_publish``, feeds' ``pubDate``, schema.org's
#: ``datePublished``).  Never a download, crawl or modified date.
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "published_date", "date_published",
               "datePublished", "pubDate", "date_publish", "publication_date")


@dataclass(frozen=True)
class ReadOptions:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    max_bytes: int = 8 * 1024 * 1024
    #: JSON/JSONL field with the publication date (its usual other names too, while it is "date"); None: dates
    #: not read.  Read by default, as the command line reads them: ``ScanSettings.rewrites_within_days`` holds
    #: rewrites and write-ups of dated texts to their days.
    date_field: str | None = "date"
    #: Whether a record without a readable date is said (``--within-days``, which holds every pair to the dates);
    #: dates read only to keep rewrites to their days are compared where there are some, and not missed elsewhere.
    date_warnings: bool = False
    label_field: str | None = None  # field with the record's true cluster (dedup eval); None: not read
    #: Whether each record is kept as read (``Document.source``): ``dedup filter`` writes the records it keeps.
    keep_sources: bool = False
    #: Whether a Parquet, Arrow or ORC file's rows are kept as its own table too (``ReadResult.tables``), every
    #: column typed as the file has it: ``dedup filter --format parquet`` writes them back so.
    keep_tables: bool = False


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    files_failed: int = 0
    records_failed: int = 0
    #: Files in the folders named that no --include glob takes, by suffix (``Discovery.unselected``).
    unselected: dict[str, int] = field(default_factory=dict)
    #: Each Parquet, Arrow and ORC file's rows read, by the path shown, as the tables of its batches in order (row
    #: ``line - 1`` of them all is the document's), with ``ReadOptions.keep_tables``.
    tables: dict[str, Kept] = field(default_factory=dict)

    def why_nothing(self) -> str:
        """Why no document was read, in a line: the first errors, or else the kinds of file the folders hold
        that are not read ("2 .doc, 1 .tar.gz"), with what to do about it."""
        fatal = [p for p in self.problems if p.fatal] or self.problems
        if fatal:
            return "; ".join(str(p) for p in fatal[:3])
        if not self.unselected:
            return "no matching files"
        kinds = sorted(self.unselected.items(), key=lambda kind: (-kind[1], kind[0]))
        listed = ", ".join(f"{count} {suffix or 'without a suffix'}" for suffix, count in kinds[:4])
        archives = [suffix for suffix, _ in kinds if uncompressed_name(suffix).endswith(ARCHIVE_SUFFIXES)]
        advice = (f"; archives are read in folders with --include '*{uncompressed_name(archives[0])}'" if archives
                  else "")
        return (f"no matching files: the folders hold {listed}{', ...' if len(kinds) > 4 else ''}, which the "
                f"--include globs do not take{advice}")

    def add(self, other: ReadResult) -> None:
        """Take in what another reader read (a part of the files, read in another process)."""
        self.documents.extend(other.documents)
        self.problems.extend(other.problems)
        self.files_read += other.files_read
        self.files_failed += other.files_failed
        self.records_failed += other.records_failed
        self.tables.update(other.tables)


def _as_text(value: object) -> object:
    """A binary column's value (or list of values) as the text it holds: Hive, Impala and older Spark write
    strings to Parquet and ORC as bytes, not saying they are text.  Decoded as a file's bytes are (raises
    DecodeError); any other value as it is."""
    if isinstance(value, bytes):
        return decode(value)
    if isinstance(value, list) and any(isinstance(part, bytes) for part in value):
        return [decode(part) if isinstance(part, bytes) else part for part in value]
    return value


def _scalar(value: object) -> str | None:
    """An id or label as text: a string or a whole number (``true`` is not an id), or bytes holding text.

    A blank string (a table's empty cell) is none, and so is NaN; a whole float is its number (pandas stores a
    column of whole numbers with gaps as floats: 7.0 is 7, as the same label written as an integer is)."""
    if isinstance(value, bytes):
        try:
            value = decode(value)
        except DecodeError:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class _HeldPage:
    """A web page of a JSON record, held to be parsed with others: the record as :meth:`_Reader._add_text` had it."""

    markup: str
    shown: str
    title: str | None
    line: int
    record_id: str | None
    published: datetime | None
    label: str | None
    archived: bool  # whether ``published`` is the day the page was archived, not its own
    source: str | None  # the record as read, for dedup filter


@dataclass
class _Reader:
    options: ReadOptions
    result: ReadResult = field(default_factory=ReadResult)
    workers: int = 1
    #: Web pages from JSON records, not parsed yet.
    pages: list[_HeldPage] = field(default_factory=list)
    _page_chars: int = 0

    def __post_init__(self) -> None:
        self.discovery = Discovery(self.options.include, self.options.exclude, self._fail)

    # -- reading ---------------------------------------------------------------------
    def read_files(self) -> None:
        """Read the files found, in ``workers`` processes where there are many; documents come back
        in no set order (:func:`read_inputs` sorts them)."""
        for real, shown in self.discovery.pipes:  # here: a worker's copy of a pipe's descriptor is not one to rely on
            self._read_file(real, shown, pipe=True)
        self.discovery.pipes = []
        files, workers = self.discovery.files(), self.workers
        if workers < 2 or len(files) < _PARALLEL_MIN_FILES:
            for real, shown in files:
                self._read_file(real, shown)
            return

        def read_part(part: list[tuple[str, str]]) -> ReadResult:
            reader = _Reader(self.options)  # in a worker already: its pages are parsed here
            for real, shown in part:
                reader._read_file(real, shown)
            reader.parse_pages()
            return reader.result

        # Every workers-th file to each part: a folder's large files (a site's pages) are spread evenly.
        for part in forked_map(read_part, [files[k::workers] for k in range(workers)]):
            self.result.add(part)

    def _fail(self, path: str, reason: str, *, line: int | None = None, fatal: bool = True) -> None:
        self.result.problems.append(Problem(path, reason, line, fatal))
        if fatal and line is None:
            self.result.files_failed += 1
        elif fatal:
            self.result.records_failed += 1

    def _read_file(self, real: str, shown: str, *, pipe: bool = False) -> None:
        """Read a regular file; a ``pipe`` named as an argument waits for its writer, as reading stdin does."""
        try:
            fd = os.open(real, os.O_RDONLY | (0 if pipe else getattr(os, "O_NONBLOCK", 0)))
        except OSError as exc:
            self._fail(shown, f"cannot open: {exc.strerror or exc}")
            return
        try:
            with os.fdopen(fd, "rb") as handle:
                st = os.fstat(handle.fileno())
                if not (stat.S_ISREG(st.st_mode) or (pipe and stat.S_ISFIFO(st.st_mode))):
                    self._fail(shown, "not a regular file (FIFO, socket or device); not opened")
                    return
                # What --max-bytes bounds is the text, as it comes out of any decompressor.
                with unpacked(handle, shown) as inner:
                    known = inner is handle and stat.S_ISREG(st.st_mode)
                    self._read_stream(inner, shown, size_hint=st.st_size if known else None)
        except (*DAMAGED, OSError) as exc:
            self._damaged(shown, exc)

    def _damaged(self, shown: str, exc: Exception) -> None:
        """A file (or stdin) whose reading stopped on damaged compressed data, or on the disk's error.  An
        OSError without an errno is a decompressor's complaint ("Not a gzipped file"), not the disk's."""
        compression = compression_of(shown)
        if isinstance(exc, DAMAGED) or (isinstance(exc, OSError) and exc.errno is None and compression):
            self._fail(shown, f"damaged {compression or 'compressed'} data: {exc}; what came before it is kept")
        else:
            self._fail(shown, f"read failed: {getattr(exc, 'strerror', None) or exc}")

    def _read_stream(self, handle: BinaryIO, shown: str, size_hint: int | None = None) -> None:
        kind = kind_of_name(shown)
        if kind == "zip":  # its members are the files read and counted
            self._read_archive(handle, shown)
            return
        if kind == "tar":
            self._read_tar(handle, shown)
            return
        failed_before = self.result.files_failed
        if kind == "json" and handle.seekable():  # JSON Lines under a .json name, as Hugging Face datasets ship them
            head = handle.read(1 << 16)
            handle.seek(0)
            if holds_json_lines(head):
                kind = "jsonl"
        if kind == "jsonl":
            self._read_jsonl(handle, shown)
        elif kind == "table":
            self._read_table(handle, shown)
        elif kind in ("xlsx", *_COLUMNAR):
            self._read_binary_table(handle, shown, kind)
        elif kind == "warc":
            self._read_warc(handle, shown)
        elif kind == "mbox":
            self._read_mbox(handle, shown)
        elif kind in ("docx", "odt", "pdf"):
            self._read_document(read_at_most(handle, self._archive_limit + 1, size_hint), shown, kind)
        else:
            many = kind in ("json", "feed", "eml")  # files of many documents, or of attachments besides the text
            limit = self.options.max_bytes * (_JSON_FILE_DOCUMENTS if many else 1)
            data = read_at_most(handle, limit + 1, size_hint)
            if len(data) > limit:
                if many:
                    named, advice = {"json": ("JSON", "; use JSON Lines, which are read a line at a time"),
                                     "feed": ("feed", ""), "eml": ("message", "")}[kind]
                    self._fail(shown, f"{named} file larger than {limit} bytes ({_JSON_FILE_DOCUMENTS} x --max-bytes)"
                               + advice)
                    return
                data = cut(data, self.options.max_bytes)
                self._fail(shown, f"truncated to {len(data)} bytes (--max-bytes {self.options.max_bytes})", fatal=False)
            if kind == "feed":  # XML says its own encoding: the parser reads the bytes
                self._read_feed(data, shown)
            elif kind == "eml":  # a message says its own charsets
                self._add_message(data, shown)
            else:
                self._read_decoded(data, shown, kind)
        if self.result.files_failed == failed_before:
            self.result.files_read += 1

    def _read_decoded(self, data: bytes, shown: str, kind: str) -> None:
        """A file read whole, as text: JSON, Markdown, a web page or plain text."""
        unread = unread_format(data)
        if unread is not None:
            self._fail(shown, unread)
            return
        try:
            text = decode(data)
        except DecodeError as exc:
            self._fail(shown, str(exc))
            return
        if kind == "json":
            self._read_json(text, shown)
        elif kind == "markdown":
            rendered = markdown_text(text)
            self._add_text(rendered.text, shown, title=rendered.title,  # no front matter, no date: as a .txt
                           published=self._published(rendered.fields, shown, None) if rendered.fields else None)
        else:
            self._add_text(text, shown, page=kind == "html")

    def _read_archive(self, handle: BinaryIO, shown: str) -> None:
        """A zip archive of articles (how an agency or an archive delivers a batch): each member the globs
        select read as the file it is, in name order, named after the archive: ``batch.zip/2025/story.txt``.
        Folders' entries, hidden members and macOS's ``__MACOSX`` shadows are passed over; an archive inside
        an archive, or an encrypted member, is one error each."""
        if not handle.seekable():  # a decompressor's stream (batch.zip.gz): a zip's index is at its end
            handle = io.BytesIO(handle.read(self._archive_limit + 1))
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as exc:
            self._fail(shown, f"not a zip archive: {exc}")
            return
        with archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                name = info.filename
                if info.is_dir() or passed_over(name):
                    continue
                member = f"{shown}/{printable(name)}"
                if self._archive_inside(name, member, "zip"):
                    continue
                if self.discovery.selected(name.rsplit("/", 1)[-1], member, name, member=True):
                    self._read_member(archive, info, member)

    def _archive_inside(self, name: str, member: str, outer: str) -> bool:
        """Whether the member is an archive itself: said, whatever the globs, since it may hold what the user
        is after."""
        inner = kind_of_name(name)
        if inner not in ("zip", "tar"):
            return False
        self._fail(member, f"a {inner} archive inside a {outer} archive is not read; unpack it first")
        return True

    def _read_tar(self, handle: BinaryIO, shown: str) -> None:
        """A tar archive (corpora come as .tar.gz): each member the globs select read as the file it is, as a
        zip's are, in the archive's order (the output is sorted whatever the order read)."""
        members = 0
        try:
            for name, size, contents in tar_members(handle):
                members += 1
                member = f"{shown}/{printable(name)}"
                if not self._archive_inside(name, member, "tar") and self.discovery.selected(
                        name.rsplit("/", 1)[-1], member, name, member=True):
                    self._read_tar_member(contents, member, size)
        except tarfile.ReadError as exc:
            if members:
                self._fail(shown, f"damaged tar data after {members} member{'s' * (members > 1)}: {exc}; what came "
                           "before it is kept")
            else:
                self._fail(shown, f"not a tar archive: {exc}")
        except TAR_DAMAGED as exc:
            self._fail(shown, f"damaged tar data: {exc}; what came before it is kept")
        except DAMAGED as exc:  # the archive's compression (a .tar.gz cut short)
            self._damaged(shown, exc)

    def _read_tar_member(self, contents: BinaryIO, member: str, size: int) -> None:
        """A member copied out to be read as a file is: whole for the formats read a row or a record at a time,
        the first 32 x --max-bytes for the rest (what their readers read of a file at most)."""
        kind = kind_of_name(member)
        limit = None if kind in ("jsonl", "table", "warc", "mbox", "xlsx", *_COLUMNAR) else self._archive_limit + 1
        try:
            with unpacked(contents, member) as inner, spooled(inner, limit) as copy:
                known = inner is contents
                self._read_stream(copy, member, size_hint=(size if limit is None or size < limit else limit)
                                  if known else None)
        except (*DAMAGED, OSError) as exc:  # the member's own compression, damaged
            self._damaged(member, exc)

    def _read_member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str) -> None:
        try:
            # A ZipExtFile: a binary stream, typed as IO[bytes].
            with archive.open(info) as opened, unpacked(cast(BinaryIO, opened), member) as inner:
                self._read_stream(inner, member, size_hint=info.file_size if inner is opened else None)
        except (RuntimeError, NotImplementedError) as exc:  # encrypted ("password required"), another method
            self._fail(member, f"not read: {exc}")
        except (*DAMAGED, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # ValueError: a seek before
            # the start of an archive held in memory (stdin, a .zip.gz), where a file's would be OSError
            self._fail(member, f"damaged zip data: {exc}; what came before it is kept")

    @property
    def _archive_limit(self) -> int:
        """What a zipped document (.docx, with its pictures) may weigh, and its story's XML inflate to."""
        return self.options.max_bytes * _JSON_FILE_DOCUMENTS

    def _read_document(self, data: bytes, shown: str, kind: str) -> None:
        """A Word, OpenDocument or PDF document: its text as a text file's, its title the document's own."""
        if len(data) > self._archive_limit:
            self._fail(shown, f"document larger than {self._archive_limit} bytes ({_JSON_FILE_DOCUMENTS} x "
                       "--max-bytes)")
            return
        try:
            document = pdf_text(data) if kind == "pdf" else (docx_text if kind == "docx" else odt_text)(
                data, self._archive_limit)
        except (NotADocument, NotAPdf) as exc:
            self._fail(shown, str(exc))
            return
        self._add_text(self._within_limit(document.text, shown), shown, title=document.title)

    def _within_limit(self, text: str, shown: str, line: int | None = None) -> str:
        """``text`` cut to --max-bytes (as UTF-8), with a warning, where it is longer: a text read from a
        container (a JSON file's record, a Word document) is held to one document's limit."""
        limit = self.options.max_bytes
        if len(text) <= limit // 4 or len(encoded := text.encode("utf-8", "surrogatepass")) <= limit:
            return text
        kept = cut(encoded, limit)
        self._fail(shown, f"truncated to {len(kept)} bytes (--max-bytes {limit})", line=line, fatal=False)
        return kept.decode("utf-8", "ignore")

    def _read_feed(self, data: bytes, shown: str) -> None:
        """An RSS or Atom feed, or a wire agency's NewsML or NITF document: each item a record, its HTML read as
        a page is."""
        try:
            root = parse_xml(data)
            items = wire_items(root) if is_wire_document(root) else feed_items(root)
        except NotAFeed as exc:
            self._fail(shown, str(exc))
            return
        except UnicodeDecodeError as exc:  # half a surrogate's reference in a UTF-16 file: text lxml cannot decode
            self._fail(shown, f"damaged XML: {exc}")
            return
        opts = self.options
        for number, item in enumerate(items, start=1):
            record = {opts.text_field: item.text, opts.id_field: item.id, opts.title_field: item.title,
                      self._date_key: item.published}
            self._add_record({k: v for k, v in record.items() if v is not None}, shown, number)

    def parse_pages(self) -> None:
        """Parse the pages held from JSON records (:meth:`_add_text`), in ``workers`` processes if there are many."""
        pages, self.pages, chars, self._page_chars = self.pages, [], self._page_chars, 0
        workers = self.workers if chars >= _PAGE_BATCH_CHARS // 4 else 1
        parts = [pages[k::workers] for k in range(workers)]
        parsed = forked_map(lambda part: [page_text(held.markup) for held in part], parts)
        for k, held in enumerate(pages):  # as read
            read = parsed[k % workers][k // workers]
            published = self._page_published(read, held.published, held.archived)
            self._add_text(read.text, held.shown, title=held.title or read.title, line=held.line,
                           record_id=held.record_id, published=published, label=held.label, source=held.source)

    def _page_published(self, page: Page, published: datetime | None, archived: bool) -> datetime | None:
        """A page's date: its record's own (a feed's, a message's, a JSON field's), else the one its markup
        declares, else, for a page in a web archive (``archived``), the day it was archived."""
        if self.options.date_field is None or (published is not None and not archived):
            return published
        declared = parse_published(page.published) if page.published else None
        return declared if declared is not None else published

    def _add_text(self, text: str, shown: str, *, title: str | None = None, line: int | None = None,
                  record_id: str | None = None, published: datetime | None = None, label: str | None = None,
                  page: bool = False, archived: bool = False, source: str | None = None) -> None:
        """One document; a web ``page`` is read as its visible text, its title used when none was given, its
        declared date when it has none of its own (or only the day it was ``archived``).

        A record's page is parsed later, with others (:meth:`parse_pages`)."""
        title = None if title is None else unescaped(title)
        if page and line is not None:
            self.pages.append(_HeldPage(text, shown, title, line, record_id, published, label, archived, source))
            self._page_chars += len(text)
            if self._page_chars >= _PAGE_BATCH_CHARS:
                self.parse_pages()
            return
        if page:
            read = page_text(text)
            text, title, published = read.text, title or read.title, self._page_published(read, published, archived)
        else:
            text = unescaped(text)
        if not text.strip():
            self._fail(shown, "empty: no text to compare", line=line)
            return
        doc_id = record_id if record_id is not None else shown if line is None else f"{shown}:{line}"
        self.result.documents.append(Document(doc_id, text, title, shown, line, published, label, source))

    @property
    def _date_fields(self) -> tuple[str, ...]:
        """The fields a record's date is looked for in: ``--date-field``, or, left at ``date``, :data:`DATE_FIELDS`."""
        name = self.options.date_field
        return () if name is None else DATE_FIELDS if name == DATE_FIELDS[0] else (name,)

    @property
    def _date_key(self) -> str:
        """The key under which a date a format names itself (a feed's pubDate, a message's Date, an archive's
        WARC-Date) goes in its record, read by :meth:`_published` as a record's own date field is."""
        return self.options.date_field or "date"

    def _published(self, record: Mapping[str, object], shown: str, line: int | None) -> datetime | None:
        """The record's (or a Markdown file's front matter's) publication date, if dates are read; a missing or
        unreadable one is a warning."""
        field_name = self.options.date_field
        if field_name is None:
            return None
        value = next((v for name in self._date_fields if (v := field_value(record, name)) is not None), None)
        published = parse_published(value)
        if published is None and self.options.date_warnings:
            problem = (f"no {field_name!r} field" if value is None
                       else f"{field_name!r} is empty" if isinstance(value, str) and not value.strip()  # a table's cell
                       else f"{field_name!r} {str(value)[:40]!r} is not a date in a format read (see README)")
            self.result.problems.append(Problem(shown, f"{problem}: compared without a date", line, False))
        return published

    def _add_record(self, record: object, shown: str, line: int, source: str | None = None, *,
                    kept_in_table: bool = False) -> None:
        """One record of a file (JSON, JSON Lines, a table, a feed); ``source`` is its line of JSON Lines as read.
        A row ``kept_in_table`` (``ReadResult.tables``) is written back from there, and needs no line of JSON."""
        opts = self.options
        if isinstance(record, str):  # a list of texts (["...", "..."]), or JSON Lines of strings
            record = {opts.text_field: record}
        if not isinstance(record, dict):
            self._fail(shown, f"record is {type(record).__name__}, not an object or a string", line=line)
            return
        try:
            text = _as_text(field_value(record, opts.text_field))
        except DecodeError as exc:
            self._fail(shown, f"field {opts.text_field!r} holds bytes that are not text: {exc}", line=line)
            return
        if isinstance(text, list) and all(isinstance(part, str) or part is None for part in text):
            text = "\n\n".join(part for part in text if part is not None)  # a scraper's paragraphs, in order
        if text is None and opts.text_field in record:
            self._fail(shown, f"field {opts.text_field!r} is null: no text to compare", line=line)
            return
        if text is None:
            names = ", ".join(" ".join(name.split()) for name in list(record)[:8])  # a name may hold a line break
            names += ", ..." if len(record) > 8 else ""
            self._fail(shown, f"no {opts.text_field!r} field (fields: {names or 'none'}; --text-field names it)",
                       line=line)
            return
        if not isinstance(text, str):
            what = type(text).__name__
            if isinstance(text, list):
                others = sorted({type(part).__name__ for part in text if not isinstance(part, str)})
                what = "a list of " + " and ".join(others)
            self._fail(shown, f"field {opts.text_field!r} is {what}, not a string or a list of strings", line=line)
            return
        # A record of a JSON file (which may hold many documents' worth) is held to one document's limit.
        text = self._within_limit(text, shown, line)
        record_id = _scalar(field_value(record, opts.id_field))
        if record_id is None:
            record_id = f"{shown}:{line}"
        raw_title = field_value(record, opts.title_field)
        raw_title = _scalar(raw_title) if isinstance(raw_title, bytes) else raw_title
        title = raw_title if isinstance(raw_title, str) and raw_title.strip() else None  # a table has no null
        if any(has_lone_surrogate(value) for value in (text, record_id, title or "")):
            self._fail(shown, "half of a UTF-16 surrogate pair escaped in a string (no character); "
                       "replaced with U+FFFD", line=line, fatal=False)
            text, record_id = without_lone_surrogates(text), without_lone_surrogates(record_id)
            title = None if title is None else without_lone_surrogates(title)
        # A crawl's record may hold the page as fetched.
        label = None if opts.label_field is None else _scalar(field_value(record, opts.label_field))
        if opts.keep_sources and source is None and not kept_in_table:
            try:
                source = record_json(record)
            except RecursionError:
                self._fail(shown, "record nested too deeply to be written back (more levels than Python's recursion "
                           "limit)", line=line)
                return
        self._add_text(text, shown, title=title, line=line,
                       record_id=record_id, published=self._published(record, shown, line), label=label,
                       page=is_markup(text), source=source)

    def _read_json(self, text: str, shown: str) -> None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._fail(shown, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
            return
        except RecursionError:
            self._fail(shown, _TOO_DEEP)
            return
        records = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and not isinstance(field_value(data, self.options.text_field), str):
            inside = records_inside(data, self.options.text_field)  # an API response: {"articles": [...]}
            keyed = None if inside else keyed_records(data, self.options.text_field)
            records = inside or ([self._named(record, key) for key, record in keyed] if keyed else records)
        for number, record in enumerate(records, start=1):
            self._add_record(record, shown, number)

    def _named(self, record: dict[str, object], key: str) -> dict[str, object]:
        """A record a JSON object names by ``key``: its id, unless it carries one of its own."""
        id_field = self.options.id_field
        return record if _scalar(field_value(record, id_field)) is not None else {**record, id_field: key}

    def _read_jsonl(self, handle: BinaryIO, shown: str) -> None:
        lines = file_lines(handle, self.options.max_bytes)
        try:
            for number, raw in lines:
                if raw is None:
                    self._fail(shown, f"line longer than --max-bytes {self.options.max_bytes}; skipped", line=number)
                    continue
                self._add_line(raw, shown, number)
        except DecodeError as exc:  # a wide file's bad bytes: the lines after them cannot be found
            self._fail(shown, str(exc), line=exc.line)

    def _read_table(self, handle: BinaryIO, shown: str, delimiter: str | None = None) -> None:
        """A CSV or TSV file: a header row naming the columns, then a record a row (a quoted field may hold
        line breaks).  Read line by line as JSON Lines are, each line decoded as it comes."""
        delimiter = delimiter or table_delimiter_of_name(shown)
        lines = file_lines(handle, self.options.max_bytes)

        def text_lines() -> Iterator[str]:
            for number, raw in lines:
                if raw is None:
                    raise DecodeError(f"line longer than --max-bytes {self.options.max_bytes}; the rest is not read",
                                      line=number)
                try:
                    yield raw if isinstance(raw, str) else decode(raw)
                except DecodeError as exc:
                    raise DecodeError(f"{exc}; the rest is not read", line=number) from None

        with _csv_fields_up_to(self.options.max_bytes):
            self._read_rows(text_lines(), shown, delimiter)

    def _read_rows(self, texts: Iterator[str], shown: str, delimiter: str) -> None:
        """A table's rows as records, from its header row (found below any title lines above it)."""
        skipped = 0  # lines above the header: an Excel "sep=;" line, or an export's title
        try:
            first = next(texts, None)
            if first is not None and (declared := SEP_LINE.fullmatch(first.lstrip("\ufeff").strip())):
                delimiter, skipped, first = declared.group(1), 1, next(texts, None)
            if first is None:
                self._fail(shown, "empty: no header row")
                return
            ahead: list[str] = []
            if not skipped:  # a delimiter Excel declared is the one
                found = header_delimiter(first, self.options.text_field, names_only=False)
                if found is None:  # an export's own title lines above its header ("Mentions report, 4 March")
                    ahead = list(itertools.islice(texts, HEADER_LINES))
                    below = next((k for k, line in enumerate(ahead)
                                  if header_delimiter(line, self.options.text_field)), None)
                    if below is not None:
                        skipped, first, ahead = below + 1, ahead[below], ahead[below + 1:]
                        found = header_delimiter(first, self.options.text_field)
                delimiter = found or delimiter
            rows = csv.reader(itertools.chain([first], ahead, texts), delimiter=delimiter)
            header = [name.lstrip("\ufeff").strip() for name in next(rows)]
            if self.options.text_field not in header:
                self._no_text_column(shown, header)
                return
            start = rows.line_num + 1 + skipped
            for row in rows:
                if any(row):
                    self._add_record(dict(zip(header, row)), shown, start)
                start = rows.line_num + 1 + skipped
        except DecodeError as exc:
            self._fail(shown, str(exc), line=exc.line)
        except csv.Error as exc:  # a field over the limit (one document's), a stray NUL
            self._fail(shown, f"unreadable row: {exc}; the rest is not read", line=rows.line_num + skipped)

    def _no_text_column(self, shown: str, columns: list[str]) -> None:
        """A table (CSV, TSV, Parquet, Arrow, ORC, a workbook's sheet) without the text column: one error naming
        the columns it has."""
        self._fail(shown, f"no {self.options.text_field!r} column (columns: {', '.join(columns[:12])})")

    def _read_binary_table(self, handle: BinaryIO, shown: str, kind: str) -> None:
        """A Parquet, Arrow, ORC or Excel file: a record a row, read a batch (or a row) at a time."""
        opts = self.options
        try:
            if kind == "xlsx":
                self._read_workbook(handle, shown)
                return
            fields = [f for f in (opts.text_field, opts.id_field, opts.title_field, *self._date_fields,
                                  opts.label_field) if f is not None]
            # Only the columns read, unless each record is kept whole (dedup filter writes it back).
            columns = None if opts.keep_sources else [*fields, *(f.split(".")[0] for f in fields)]
            keep: Kept | None = [] if opts.keep_tables else None
            names, rows = _COLUMNAR[kind](handle, columns, keep)
            if opts.text_field not in names and opts.text_field.split(".")[0] not in names:
                self._no_text_column(shown, names)
                return
            try:
                for number, row in enumerate(rows, start=1):
                    if isinstance(row, UnreadableRow):
                        self._fail(shown, row.reason, line=number)
                    else:
                        self._add_record(row, shown, number, kept_in_table=keep is not None)
            finally:
                if keep:
                    self.result.tables[shown] = keep
        except UnreadableRecords as exc:
            self._table_failed(shown, exc)

    def _read_warc(self, handle: BinaryIO, shown: str) -> None:
        """A web archive: each HTML page (read as a page is) or text its own document, named by its address; a
        page longer than --max-bytes is cut, as a file is.  A page's date is the one it declares, else the day it
        was archived."""
        pages = WarcPages(handle, self.options.max_bytes)
        found = 0
        try:
            for page in pages:
                found += 1
                body = page.body
                if len(body) > self.options.max_bytes:
                    body = cut(body, self.options.max_bytes)
                    self._fail(shown, f"page truncated to {len(body)} bytes (--max-bytes {self.options.max_bytes})",
                               line=page.number, fatal=False)
                try:
                    text = decode(body)
                except DecodeError as exc:
                    self._fail(shown, str(exc), line=page.number)
                    continue
                published = self._published({self._date_key: page.archived}, shown, page.number)
                self._add_text(text, shown, line=page.number, record_id=page.uri, published=published, page=page.html,
                               archived=True)
        except UnreadableRecords as exc:
            self._table_failed(shown, exc)
            return
        finally:
            if pages.misplaced:
                self._fail(shown, f"{pages.misplaced} WARC record(s) not where their Content-Length said (damaged or "
                           "miswritten); read from where the next one starts", fatal=False)
        if not found:
            self._fail(shown, f"no HTML or text page among its {pages.records} WARC records")

    def _read_mbox(self, handle: BinaryIO, shown: str) -> None:
        """A mailbox: each message its own document, named by its Message-ID, a message at a time."""
        found = 0
        limit = self._archive_limit  # a message's attachments come with its text
        for number, data, cut_short in mbox_messages(handle, limit):
            found += 1
            if cut_short:
                self._fail(shown, f"message truncated to {limit} bytes ({_JSON_FILE_DOCUMENTS} x --max-bytes)",
                           line=number, fatal=False)
            self._add_message(data, shown, number)
        if not found:
            self._fail(shown, "no message: an mbox file opens with a 'From ' line")

    def _add_message(self, data: bytes, shown: str, number: int | None = None) -> None:
        """One e-mail (an .eml file, or a message of a mailbox): its subject the title, its body the text."""
        try:
            message = read_message(data)
        except NotAMessage as exc:
            self._fail(shown, str(exc), line=number)
            return
        published = self._published({self._date_key: message.date}, shown, number)
        if message.text.strip() or not message.attachments:  # a bare cover for its attachments is no article
            self._add_text(self._within_limit(message.text, shown, number), shown, title=message.subject,
                           line=number, record_id=message.message_id if number is not None else None,
                           published=published, page=message.html)
        # Each attached file read as the file it is, named after the message as a zip's members are after it.
        where = shown if number is None else f"{shown}:{number}"
        for name, payload in message.attachments:
            attached = f"{where}/{printable(name)}"
            if kind_of_name(name) == "zip" or self.discovery.selected(name, attached, name, member=True):
                self._read_stream(io.BytesIO(payload), attached, size_hint=len(payload))

    def _read_workbook(self, handle: BinaryIO, shown: str) -> None:
        """An Excel workbook: each sheet with the text column, a record a row, numbered as Excel numbers rows.
        Where several sheets hold records, each is named after the file: ``clips.xlsx[Monday]``."""
        sheets, headers = xlsx_sheets(handle, self.options.text_field)
        if not sheets and len(headers) <= 1:
            self._no_text_column(shown, next(iter(headers.values()), []))
            return
        if not sheets:
            named = "; ".join(f"{name}: {', '.join(columns[:12])}" for name, columns in headers.items())
            self._fail(shown, f"no {self.options.text_field!r} column in any sheet ({named})")
            return
        for sheet in sheets:
            where = shown if len(sheets) == 1 else f"{shown}[{sheet.name}]"
            try:
                for number, record in sheet.rows:
                    self._add_record(record, where, number)
            except UnreadableRecords as exc:
                self._table_failed(where, exc)

    def _table_failed(self, where: str, exc: UnreadableRecords) -> None:
        """A binary table's error: at the row its damage was found (the rows before it were read), or the file's."""
        self._fail(where, str(exc), line=exc.records_read + 1 if exc.records_read else None)

    def _add_line(self, raw: bytes | str, shown: str, number: int) -> None:
        if not raw.strip():
            return
        try:
            line = raw if isinstance(raw, str) else decode(raw)
            record = json.loads(line)
        except DecodeError as exc:
            self._fail(shown, str(exc), line=number)
            return
        except json.JSONDecodeError as exc:
            self._fail(shown, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
            return
        except RecursionError:
            self._fail(shown, _TOO_DEEP, line=number)
            return
        self._add_record(record, shown, number, line.strip() if self.options.keep_sources else None)

    def read_stdin(self, stream: BinaryIO) -> None:
        failed_before = self.result.files_failed
        try:
            self._read_stdin(stream)
        except (*DAMAGED, OSError) as exc:  # as a file's reading is guarded (a workbook's inflated part, ...)
            self._damaged(_STDIN, exc)
        if self.result.files_failed == failed_before:
            self.result.files_read += 1

    def _read_stdin(self, stream: BinaryIO) -> None:
        data = stream.read()
        suffix = stdin_compression(data)
        if suffix is not None:  # read through the decompressor as a file is: what comes before damage is kept
            parts: list[bytes] = []
            try:
                with decompressing(suffix, io.BytesIO(data)) as inner:
                    parts.extend(inner)  # line by line, as a file's JSON Lines are read
            except (*DAMAGED, OSError) as exc:
                self._fail(_STDIN, f"damaged {suffix} data: {exc}; what came before it is kept")
            data = b"".join(parts)
        if data.startswith(b"WARC/"):  # a web archive (its gzipped records are one gzip stream)
            self._read_warc(io.BytesIO(data), _STDIN)
            return
        unread = unread_format(data)
        if unread is not None:
            self._fail(_STDIN, unread)
            return
        binary = kind_of_bytes(data)
        if binary == "ole2":  # no name to tell a .doc from an .xls
            self._fail(_STDIN, "an Office 97-2003 file (.doc or .xls) is not read: save it as .docx, .xlsx or text")
            return
        if binary in ("docx", "odt", "pdf"):
            self._read_document(data, _STDIN, binary)
            return
        if binary == "zip":
            self._read_archive(io.BytesIO(data), _STDIN)
            return
        if binary == "tar":
            self._read_tar(io.BytesIO(data), _STDIN)
            return
        if binary is not None:  # a Parquet, Arrow, ORC or Excel file, known by how it opens
            self._read_binary_table(io.BytesIO(data), _STDIN, binary)
            return
        wide = wide_encoding(data[:4096])
        # What the text starts with, past a byte-order mark: an object (JSON Lines), an array, a table's header,
        # or prose (a web page among them).
        if wide:
            start = data[:4096].decode(wide, errors="ignore")
        else:
            start = data.removeprefix(codecs.BOM_UTF8)[:4096].decode("latin-1")
        opening = start.lstrip("\ufeff \t\r\n")
        head = opening[:1]
        if head == "{":
            self._read_jsonl(io.BytesIO(data), _STDIN)
        elif head == "[":
            try:
                self._read_json(decode(data), _STDIN)
            except DecodeError as exc:
                self._fail(_STDIN, str(exc))
        elif delimiter := opening_delimiter(opening, self.options.text_field):
            self._read_table(io.BytesIO(data), _STDIN, delimiter)
        elif head == "<" and opens_as_news_xml(opening):
            self._read_feed(data, _STDIN)
        else:
            try:
                text = decode(cut(data, self.options.max_bytes))
            except DecodeError as exc:
                self._fail(_STDIN, str(exc))
                return
            self._add_text(text, _STDIN, page=is_markup(text))


@contextmanager
def _csv_fields_up_to(limit: int) -> Iterator[None]:
    """csv's field limit (131,072 characters, one setting for the whole process) raised to one document's while
    a table is read, and set back after: a crawl exported as CSV holds whole pages in its cells."""
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def unique_ids(documents: Iterable[Document]) -> tuple[list[Document], list[Problem]]:
    """The documents sorted by id (a renamed one after its namesake), ids made unique ("~2", "~3"...) and
    each renaming said, deterministically whatever the order they come in (ties on id, path and line are
    settled by the text)."""
    docs = sorted(documents, key=lambda d: (d.id, d.path, d.line or 0, d.text))
    counts = Counter(d.id for d in docs)
    taken = set(counts)
    seen: Counter[str] = Counter()
    unique: list[Document] = []
    renamed: list[Problem] = []
    for doc in docs:
        seen[doc.id] += 1
        if counts[doc.id] > 1 and seen[doc.id] > 1:
            n = seen[doc.id]
            new_id = f"{doc.id}~{n}"
            while new_id in taken:
                n += 1
                new_id = f"{doc.id}~{n}"
            taken.add(new_id)
            renamed.append(Problem(doc.path, f"duplicate id {doc.id!r}; renamed {new_id!r}", doc.line, False))
            doc = replace(doc, id=new_id)
        unique.append(doc)
    return unique, renamed


def read_inputs(paths: Sequence[str], options: ReadOptions, stdin: BinaryIO | None = None, *,
                workers: int = 1) -> ReadResult:
    """Read every path (``-`` is stdin), the files in up to ``workers`` processes; documents come back
    sorted by id."""
    reader = _Reader(options, workers=workers)
    for arg in dict.fromkeys(paths):  # the same argument twice is read once
        if arg == _STDIN:
            if stdin is not None:
                reader.read_stdin(stdin)
        else:
            reader.discovery.add_path(arg)
    reader.read_files()
    reader.parse_pages()
    reader.result.unselected = dict(reader.discovery.unselected)
    reader.result.documents, renamed = unique_ids(reader.result.documents)
    reader.result.problems.extend(renamed)
    reader.result.problems.sort(key=lambda p: (p.path, p.line or 0, p.reason))
    return reader.result
