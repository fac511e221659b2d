"""Reading a corpus: files, folders and stdin into documents, and every problem on the way.

One bad file never stops a scan.  Each one becomes a :class:`~dedup.model.Problem`
with its path and a reason a person can act on, and the scan goes on.  Special
files (FIFOs, devices) found in folders are never opened, symlink loops are cut, and no
read is larger than the per-document limit.  A pipe named as an argument (the shell's
``<(command)``) is read as stdin is.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import fnmatch
import gzip
import html
import io
import json
import lzma
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import BinaryIO, cast

from .markdown_text import markdown_text
from .model import Document, Problem
from .parallel import forked_map
from .published import parse_published
from .webpage import page_text

__all__ = ["DEFAULT_INCLUDE", "ReadOptions", "ReadResult", "decode", "read_inputs"]

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.json", "*.jsonl", "*.csv", "*.tsv", "*.html", "*.htm")
_JSON_SUFFIXES = (".json",)
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # and each one's delimiter
_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Compressed files are read through their decompressor, as the file they hold ("feed.jsonl.gz" as JSON Lines);
#: on stdin they are known by their first bytes.
_DECOMPRESSORS: dict[str, tuple[bytes, Callable[[BinaryIO], BinaryIO]]] = {
    ".gz": (b"\x1f\x8b", lambda raw: cast(BinaryIO, gzip.GzipFile(fileobj=raw))),
    ".bz2": (b"BZh", lambda raw: cast(BinaryIO, bz2.BZ2File(raw))),
    ".xz": (b"\xfd7zXZ\x00", lambda raw: cast(BinaryIO, lzma.LZMAFile(raw))),
}
#: What a damaged compressed file raises while it is read (gzip's and bz2's own errors are OSErrors).
_DAMAGED = (EOFError, lzma.LZMAError, zlib.error)
#: A web page on stdin opens with its doctype, its root element or a comment.
_HTML_START = re.compile(r"<(?:!doctype\s+html|html[\s>]|!--)", re.IGNORECASE)
#: A body as a content system stores it: opening with an element ("<p>", "<div class=...>", not a wire story's
#: "<Strong Point Inc> said", whose name has no attributes), or closing two paragraphs or breaking two lines
#: in its first 20,000 characters.
_FRAGMENT_START = re.compile(
    r"<(?:p|div|h[1-6]|article|section|header|main|span|a|ul|ol|li|blockquote|figure|table|img|br|strong|em|b|i)"
    r"(?:\s*/?>|\s+[\w:-]+\s*=)", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6])\s*>|<br\s*/?>", re.IGNORECASE)
_FRAGMENT_SCAN_CHARS = 20_000
#: A character reference in text that is not markup ("caf&#233;", "Q&amp;A"): what a feed or an export left
#: escaped.  Whole references only: html.unescape alone would read "&copyright" as "\u00a9right".
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters other than \t \n \v \f \r: text has almost none, binary data many.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20)])
_STDIN = "-"
#: Half of a UTF-16 pair, which JSON can escape ("\\udc00") but is no character: nothing can write it out.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Files are read in several processes from this many up: decoding and parsing web pages is the slow part of
#: reading, and a process costs a few milliseconds to fork (benchmarks/bench_pages.py).
_PARALLEL_MIN_FILES = 200
#: Web pages held in JSON records are parsed in batches of about this many characters, in several processes
#: from a quarter of that: a crawl's JSON Lines file is one file, and parsing is the slow part of reading it.
_PAGE_BATCH_CHARS = 64_000_000
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can identify."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line  # where reading stopped, in a file read line by line


@dataclass(frozen=True)
class ReadOptions:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    max_bytes: int = 8 * 1024 * 1024
    date_field: str | None = None  # JSON/JSONL field with the publication date; None: dates not read


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    files_failed: int = 0
    records_failed: int = 0

    def add(self, other: ReadResult) -> None:
        """Take in what another reader read (a part of the files, read in another process)."""
        self.documents.extend(other.documents)
        self.problems.extend(other.problems)
        self.files_read += other.files_read
        self.files_failed += other.files_failed
        self.records_failed += other.records_failed


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    # Counted in UTF-8, where a control character is one byte and no other character contains one: fast.
    data = sample.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) > max(8, len(sample) // 100)


def _utf16_order(data: bytes) -> str | None:
    """The byte order of UTF-16 text without a BOM, if it is that: ASCII-range text leaves every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    return "utf-16-le" if odd_nul > 0.3 > even_nul else "utf-16-be" if even_nul > 0.3 > odd_nul else None


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 (by its BOM, or UTF-16 by its NUL bytes), whose lines cannot be split as bytes."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    return _utf16_order(head) if b"\x00" in head[:4096] else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM, decoded; None if it is not that."""
    encoding = _utf16_order(data)
    if encoding is None:
        return None
    try:
        return data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str:
    """The likeliest legacy encoding; cp1252 wins ties, as it is what Western newsrooms wrote."""
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    matches = list(from_bytes(data[: 1 << 20]))
    if not matches:
        raise DecodeError("not text in any detectable encoding")
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01:
            return match.encoding
    return best.encoding


def _holds_json_lines(head: bytes) -> bool:
    """Whether a file's first bytes are JSON Lines: a whole object on the first line, and more after it."""
    first, _, rest = head.lstrip().partition(b"\n")
    if not first.startswith(b"{") or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:  # also a line that is not UTF-8: left to the JSON reader to report
        return False


def _field(record: Mapping[str, object], name: str) -> object:
    """A record's field; a dotted name ("article.body") reaches into nested objects when no key is the name."""
    if name in record or "." not in name:
        return record.get(name)
    value: object = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _unescaped(text: str) -> str:
    """``text`` with its character references read ("&#233;" is "\u00e9"; an unknown name stays as written)."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def _is_markup(text: str) -> bool:
    """A page as fetched, or an HTML body as a content system exports it: read as a page, not as text whose
    tags and attributes ("href", "class") would count as words."""
    start = text.lstrip("\ufeff \t\r\n\f\v")
    if _HTML_START.match(start) or _FRAGMENT_START.match(start):
        return True
    return len(_BLOCK_END.findall(text, 0, _FRAGMENT_SCAN_CHARS)) >= 2


def _printable(path: str) -> str:
    """A path as shown: the bytes of a name that are not UTF-8 (which the OS hands over as lone
    surrogates, PEP 383) as ``\\xNN`` escapes, so that every output can write it."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def decode(data: bytes) -> str:
    """Bytes to text: BOM, then UTF-8, then UTF-16 without BOM, then detection (cp1252...)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise DecodeError("binary content (NUL bytes), not text")
    if text is None:
        text = data.decode(_detect(data), errors="replace")
    if _looks_binary(text):
        raise DecodeError("binary content (control characters), not text")
    return text


def _read_at_most(handle: BinaryIO, limit: int, size_hint: int | None) -> bytes:
    """Up to ``limit`` bytes.  Asking for the file's size first spares allocating ``limit``
    (8 MiB by default) for every small file; a file that grew since is read on."""
    if size_hint is None or size_hint + 1 >= limit:
        return handle.read(limit)
    data = handle.read(size_hint + 1)
    if len(data) > size_hint:
        data += handle.read(limit - len(data))
    return data


def _cut(data: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes, ending at a line or word break when there is one."""
    head = data[:limit]
    for sep in (b"\n", b" "):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at]
    return head


def _compression(path: str) -> str | None:
    """The compression suffix of ``path`` (".gz", ".bz2", ".xz"), if any."""
    lower = path.lower()
    return next((suffix for suffix in _DECOMPRESSORS if lower.endswith(suffix)), None)


def _uncompressed_name(path: str) -> str:
    """``path`` without its compression suffix: the name of the file it holds."""
    suffix = _compression(path)
    return path[: -len(suffix)] if suffix else path


def _kind(path: str) -> str:
    lower = _uncompressed_name(path).lower()
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(tuple(_TABLE_SUFFIXES)):
        return "table"
    if lower.endswith(_JSON_SUFFIXES):
        return "json"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    if lower.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


@dataclass
class _Reader:
    options: ReadOptions
    result: ReadResult = field(default_factory=ReadResult)
    #: Pipes named as arguments, not read yet: (path opened, path shown).
    pipes: list[tuple[str, str]] = field(default_factory=list)
    #: Files found and not read yet, by identity (device and inode), and each path that reached it: (opened, shown,
    #: whether the path's last step is a symbolic link).
    found: dict[object, list[tuple[str, str, bool]]] = field(default_factory=dict)
    workers: int = 1
    #: Web pages from JSON records, not parsed yet: (markup, path shown, title, line, record id, published).
    pages: list[tuple[str, str, str | None, int, str | None, datetime | None]] = field(default_factory=list)
    _page_chars: int = 0

    # -- discovery -----------------------------------------------------------------
    def add_path(self, arg: str) -> None:
        if arg == _STDIN:
            return
        shown = _printable(arg)
        try:
            st = os.stat(arg)
        except FileNotFoundError:
            kind = "broken symbolic link" if os.path.islink(arg) else "no such file or directory"
            self._fail(shown, kind)
            return
        except OSError as exc:
            self._fail(shown, exc.strerror or str(exc))
            return
        if stat.S_ISDIR(st.st_mode):
            self._walk(arg, shown, set())
        elif stat.S_ISREG(st.st_mode):
            self._found(arg, shown, st, os.path.islink(arg))
        elif stat.S_ISFIFO(st.st_mode):  # named by the user, as stdin would be: 'dedup compare <(a) <(b)'
            self.pipes.append((arg, shown))
        else:
            self._fail(shown, "not a regular file (FIFO, socket or device); not opened")

    def _walk(self, top: str, shown: str, seen: set[tuple[int, int]]) -> None:
        try:
            st = os.stat(top)
            if (st.st_dev, st.st_ino) in seen:
                self._fail(shown, "symbolic link loop; folder already scanned", fatal=False)
                return
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self._fail(shown, f"cannot list folder: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(shown, _printable(entry.name))
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                self._fail(path, exc.strerror or str(exc))
                continue
            if is_dir:
                self._walk(os.path.join(top, entry.name), path, seen)
                continue
            if not self._selected(entry.name, path):
                continue
            if is_file:
                try:
                    self._found(os.path.join(top, entry.name), path, entry.stat(), entry.is_symlink())
                except OSError as exc:
                    self._fail(path, exc.strerror or str(exc))
            elif entry.is_symlink() and not os.path.exists(path):
                self._fail(path, "broken symbolic link")
            else:
                self._fail(path, "not a regular file (FIFO, socket or device); not opened")

    def _found(self, real: str, shown: str, st: os.stat_result, link: bool) -> None:
        # One file reached by two paths (a symbolic link to it, a folder and a file in it both given) is one document.
        identity = (st.st_dev, st.st_ino) if st.st_ino else real  # some file systems have no inode numbers
        self.found.setdefault(identity, []).append((real, shown, link))

    def _files(self) -> list[tuple[str, str]]:
        """Each file found once, under its own name rather than a link's, then the first of its paths in sort
        order (whatever order they came in); a warning names each other path."""
        files = []
        for paths in self.found.values():
            (real, shown, _), *others = sorted(paths, key=lambda p: (p[2], p[1]))
            files.append((real, shown))
            for other in dict.fromkeys(s for _, s, _ in others if s != shown):
                self._fail(other, f"the same file as {shown}; read once", fatal=False)
        self.found = {}
        return files

    def _selected(self, name: str, path: str) -> bool:
        # A compressed file is selected as the file it holds ("a.jsonl.gz" by "*.jsonl") or by its own name.
        names = {name, path, _uncompressed_name(name), _uncompressed_name(path)}

        def hit(patterns: tuple[str, ...]) -> bool:
            return any(fnmatch.fnmatch(n, p) for n in names for p in patterns)

        return hit(self.options.include) and not hit(self.options.exclude)

    # -- reading ---------------------------------------------------------------------
    def read_files(self) -> None:
        """Read the files found, in ``workers`` processes where there are many; documents come back
        in no set order (:func:`read_inputs` sorts them)."""
        for real, shown in self.pipes:  # here: a worker's copy of a pipe's descriptor is not one to rely on
            self._read_file(real, shown, pipe=True)
        self.pipes = []
        files, workers = self._files(), self.workers
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
                compression = _compression(shown)
                if compression is None:
                    self._read_stream(handle, shown, size_hint=st.st_size if stat.S_ISREG(st.st_mode) else None)
                else:  # what --max-bytes bounds is the text, as it comes out of the decompressor
                    with _DECOMPRESSORS[compression][1](handle) as inner:
                        self._read_stream(inner, shown)
        except _DAMAGED as exc:
            self._fail(shown, f"damaged {_compression(shown)} data: {exc}; what came before it is kept")
        except OSError as exc:
            if exc.errno is None and _compression(shown):  # the decompressor's complaint ("Not a gzipped file")
                self._fail(shown, f"damaged {_compression(shown)} data: {exc}; what came before it is kept")
            else:
                self._fail(shown, f"read failed: {exc.strerror or exc}")

    def _read_stream(self, handle: BinaryIO, shown: str, size_hint: int | None = None) -> None:
        kind = _kind(shown)
        failed_before = self.result.files_failed
        if kind == "json" and handle.seekable():  # JSON Lines under a .json name, as Hugging Face datasets ship them
            head = handle.read(1 << 16)
            handle.seek(0)
            if _holds_json_lines(head):
                kind = "jsonl"
        if kind == "jsonl":
            self._read_jsonl(handle, shown)
        elif kind == "table":
            self._read_table(handle, shown)
        else:
            data = _read_at_most(handle, self.options.max_bytes + 1, size_hint)
            if len(data) > self.options.max_bytes:
                if kind == "json":
                    self._fail(shown, f"JSON file larger than --max-bytes {self.options.max_bytes}; use JSON Lines")
                    return
                data = _cut(data, self.options.max_bytes)
                self._fail(shown, f"truncated to {len(data)} bytes (--max-bytes {self.options.max_bytes})", fatal=False)
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
        if self.result.files_failed == failed_before:
            self.result.files_read += 1

    def parse_pages(self) -> None:
        """Parse the pages held from JSON records (:meth:`_add_text`), in ``workers`` processes if there are many."""
        pages, self.pages, chars, self._page_chars = self.pages, [], self._page_chars, 0
        workers = self.workers if chars >= _PAGE_BATCH_CHARS // 4 else 1
        parts = [pages[k::workers] for k in range(workers)]
        parsed = forked_map(lambda part: [page_text(markup) for markup, *_ in part], parts)
        for k, (markup, shown, title, line, record_id, published) in enumerate(pages):  # in the order read
            page_title, text = parsed[k % workers][k // workers]
            self._add_text(text, shown, title=title or page_title, line=line, record_id=record_id,
                           published=published)

    def _add_text(self, text: str, shown: str, *, title: str | None = None, line: int | None = None,
                  record_id: str | None = None, published: datetime | None = None, page: bool = False) -> None:
        """One document; a web ``page`` is read as its visible text, its title used when none was given.

        A record's page is parsed later, with others (:meth:`parse_pages`)."""
        title = None if title is None else _unescaped(title)
        if page and line is not None:
            self.pages.append((text, shown, title, line, record_id, published))
            self._page_chars += len(text)
            if self._page_chars >= _PAGE_BATCH_CHARS:
                self.parse_pages()
            return
        if page:
            page_title, text = page_text(text)
            title = title or page_title
        else:
            text = _unescaped(text)
        if not text.strip():
            self._fail(shown, "empty: no text to compare", line=line)
            return
        doc_id = record_id if record_id is not None else shown if line is None else f"{shown}:{line}"
        self.result.documents.append(Document(doc_id, text, title, shown, line, published))

    def _published(self, record: Mapping[str, object], shown: str, line: int | None) -> datetime | None:
        """The record's (or a Markdown file's front matter's) publication date, if dates are read; a missing or
        unreadable one is a warning."""
        field_name = self.options.date_field
        if field_name is None:
            return None
        value = _field(record, field_name)
        published = parse_published(value)
        if published is None:
            problem = (f"no {field_name!r} field" if value is None
                       else f"{field_name!r} {str(value)[:40]!r} is not a date in a format read (see README)")
            self.result.problems.append(Problem(shown, f"{problem}: compared without a date", line, False))
        return published

    def _add_record(self, record: object, shown: str, line: int) -> None:
        opts = self.options
        if not isinstance(record, dict):
            self._fail(shown, f"record is {type(record).__name__}, not an object", line=line)
            return
        text = _field(record, opts.text_field)
        if text is None:
            self._fail(shown, f"no {opts.text_field!r} field", line=line)
            return
        if not isinstance(text, str):
            self._fail(shown, f"field {opts.text_field!r} is {type(text).__name__}, not a string", line=line)
            return
        raw_id = _field(record, opts.id_field)
        record_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else None
        if record_id is None:
            record_id = f"{shown}:{line}"
        raw_title = _field(record, opts.title_field)
        title = raw_title if isinstance(raw_title, str) and raw_title.strip() else None  # a table has no null
        if any(_LONE_SURROGATE.search(value) for value in (text, record_id, title or "")):
            self._fail(shown, "half of a UTF-16 surrogate pair escaped in a string (no character); "
                       "replaced with U+FFFD", line=line, fatal=False)
            text, record_id = _LONE_SURROGATE.sub("\ufffd", text), _LONE_SURROGATE.sub("\ufffd", record_id)
            title = None if title is None else _LONE_SURROGATE.sub("\ufffd", title)
        # A crawl's record may hold the page as fetched.
        self._add_text(text, shown, title=title, line=line,
                       record_id=record_id, published=self._published(record, shown, line),
                       page=_is_markup(text))

    def _read_json(self, text: str, shown: str) -> None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._fail(shown, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
            return
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, start=1):
            self._add_record(record, shown, number)

    def _read_jsonl(self, handle: BinaryIO, shown: str) -> None:
        head = handle.read(4096)
        handle.seek(0)
        wide = _wide_encoding(head)
        lines = (_wide_lines(handle, wide, self.options.max_bytes) if wide
                 else _lines(handle, self.options.max_bytes))
        try:
            for number, raw in lines:
                if raw is None:
                    self._fail(shown, f"line longer than --max-bytes {self.options.max_bytes}; skipped", line=number)
                    continue
                self._add_line(raw, shown, number)
        except DecodeError as exc:  # a wide file's bad bytes: the lines after them cannot be found
            self._fail(shown, str(exc), line=exc.line)

    def _read_table(self, handle: BinaryIO, shown: str) -> None:
        """A CSV or TSV file: a header row naming the columns, then a record a row (a quoted field may hold
        line breaks).  Read line by line as JSON Lines are, each line decoded as it comes."""
        delimiter = _TABLE_SUFFIXES[os.path.splitext(_uncompressed_name(shown).lower())[1]]
        head = handle.read(4096)
        handle.seek(0)
        wide = _wide_encoding(head)
        lines = (_wide_lines(handle, wide, self.options.max_bytes) if wide
                 else _lines(handle, self.options.max_bytes))

        def text_lines() -> Iterator[str]:
            for number, raw in lines:
                if raw is None:
                    raise DecodeError(f"line longer than --max-bytes {self.options.max_bytes}; the rest is not read",
                                      line=number)
                try:
                    yield raw if isinstance(raw, str) else decode(raw)
                except DecodeError as exc:
                    raise DecodeError(f"{exc}; the rest is not read", line=number) from None

        rows = csv.reader(text_lines(), delimiter=delimiter)
        try:
            header = next(rows, None)
            if header is None:
                self._fail(shown, "empty: no header row")
                return
            header = [name.lstrip("\ufeff").strip() for name in header]
            if self.options.text_field not in header:
                self._fail(shown, f"no {self.options.text_field!r} column (columns: {', '.join(header[:12])})")
                return
            start = rows.line_num + 1
            for row in rows:
                if any(row):
                    self._add_record(dict(zip(header, row)), shown, start)
                start = rows.line_num + 1
        except DecodeError as exc:
            self._fail(shown, str(exc), line=exc.line)
        except csv.Error as exc:  # a field over csv's own limit (131,072 characters), a stray NUL
            self._fail(shown, f"unreadable row: {exc}; the rest is not read", line=rows.line_num)

    def _add_line(self, raw: bytes | str, shown: str, number: int) -> None:
        if not raw.strip():
            return
        try:
            record = json.loads(raw if isinstance(raw, str) else decode(raw))
        except DecodeError as exc:
            self._fail(shown, str(exc), line=number)
            return
        except json.JSONDecodeError as exc:
            self._fail(shown, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
            return
        self._add_record(record, shown, number)

    def read_stdin(self, stream: BinaryIO) -> None:
        failed_before = self.result.files_failed
        self._read_stdin(stream)
        if self.result.files_failed == failed_before:
            self.result.files_read += 1

    def _read_stdin(self, stream: BinaryIO) -> None:
        data = stream.read()
        for suffix, (magic, _) in _DECOMPRESSORS.items():
            if data.startswith(magic) and (suffix != ".bz2" or data[3:4].isdigit()):  # "BZh9": block size
                try:
                    data = _decompress(suffix, data)
                except (*_DAMAGED, OSError) as exc:
                    self._fail(_STDIN, f"damaged {suffix} data: {exc}")
                    return
                break
        wide = _wide_encoding(data[:4096])
        # What the text starts with, past a byte-order mark: a web page, an object (JSON Lines), an array, or prose.
        if wide:
            start = data[:64].decode(wide, errors="ignore")
        else:
            start = data.removeprefix(codecs.BOM_UTF8)[:64].decode("latin-1")
        opening = start.lstrip("\ufeff \t\r\n")
        head = opening[:1]
        if head == "{":
            self._read_jsonl(io.BytesIO(data), _STDIN)
        elif head == "[":
            try:
                self._read_json(decode(data), _STDIN)
            except DecodeError as exc:
                self._fail(_STDIN, str(exc))
        else:
            try:
                text = decode(_cut(data, self.options.max_bytes))
            except DecodeError as exc:
                self._fail(_STDIN, str(exc))
                return
            self._add_text(text, _STDIN, page=_is_markup(text))


def _decompress(suffix: str, data: bytes) -> bytes:
    return {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}[suffix](data)


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; a line over ``limit`` bytes yields None and is skipped unread."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _wide_lines(handle: BinaryIO, encoding: str, limit: int) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of UTF-16 or UTF-32 text, decoded as they are read; as :func:`_lines`, but
    ``limit`` counts characters.  At bytes that do not decode, the lines before them are given,
    then :class:`DecodeError` says where reading stopped (the lines after cannot be found)."""
    order = _byte_order(handle, encoding)
    decoder = codecs.getincrementaldecoder(order)()
    number, pending, skipping = 0, "", False
    while True:
        chunk = handle.read(1 << 16)
        failure = None
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:  # keep what decodes before the bad bytes
            text, failure = exc.object[: exc.start].decode(order), exc.reason
        *complete, pending = (pending + text).split("\n")
        for line in complete:
            number += 1
            yield (number, None) if skipping or len(line) >= limit else (number, line + "\n")
            skipping = False
        if len(pending) >= limit:  # a line too long to hold: skipped, as _lines does
            pending, skipping = "", True
        if failure is not None:
            raise DecodeError(f"invalid {encoding}: {failure}; the rest of the file is not read", line=number + 1)
        if not chunk:
            if pending.strip() or skipping:
                yield number + 1, None if skipping else pending
            return


def _byte_order(handle: BinaryIO, encoding: str) -> str:
    """The explicit codec for ``encoding``, reading past its BOM: a decoder without state can then
    decode any run of whole code units, such as the run before a bad one."""
    if encoding in ("utf-16-le", "utf-16-be"):
        return encoding
    head = handle.read(4 if encoding == "utf-32" else 2)
    boms = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
            (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    return next(order for bom, order in boms if head.startswith(bom) and order.startswith(encoding))


def _unique_ids(result: ReadResult) -> None:
    """Make ids unique, deterministically whatever the order inputs were given in."""
    docs = sorted(result.documents, key=lambda d: (d.id, d.path, d.line or 0))
    counts = Counter(d.id for d in docs)
    taken = set(counts)
    seen: Counter[str] = Counter()
    unique: list[Document] = []
    for doc in docs:
        seen[doc.id] += 1
        if counts[doc.id] > 1 and seen[doc.id] > 1:
            n = seen[doc.id]
            new_id = f"{doc.id}~{n}"
            while new_id in taken:
                n += 1
                new_id = f"{doc.id}~{n}"
            taken.add(new_id)
            result.problems.append(Problem(doc.path, f"duplicate id {doc.id!r}; renamed {new_id!r}", doc.line, False))
            doc = replace(doc, id=new_id)
        unique.append(doc)
    result.documents = unique


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
            reader.add_path(arg)
    reader.read_files()
    reader.parse_pages()
    _unique_ids(reader.result)
    reader.result.problems.sort(key=lambda p: (p.path, p.line or 0, p.reason))
    return reader.result
