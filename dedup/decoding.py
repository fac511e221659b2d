"""Bytes to text: encodings detected, long inputs read line by line, compressed files opened.

Decoding tries a byte-order mark, then UTF-8, then UTF-16 without a mark, then charset detection
(cp1252 winning ties, as Western newsrooms wrote it).  JSON Lines and tables are read a line at a
time, so no line longer than the per-document limit is ever held; a wide encoding (UTF-16/32) is
decoded as it is read, since its lines cannot be split as bytes.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import lzma
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO, cast

if sys.version_info >= (3, 14):
    from compression import zstd
else:  # the standard library's zstd module (Python 3.14), backported: one API for every compression read here
    from backports import zstd

__all__ = [
    "DAMAGED",
    "OLE2_MAGIC",
    "DecodeError",
    "compression_of",
    "cut",
    "decode",
    "decompressing",
    "file_lines",
    "read_at_most",
    "stdin_compression",
    "uncompressed_name",
    "unpacked",
    "unread_format",
    "wide_encoding",
]

#: How an Office 97-2003 file (.doc, .xls: any OLE2 compound file) opens; no format read here opens so.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"

#: Compressed files are read through their decompressor, as the file they hold ("feed.jsonl.gz" as JSON Lines);
#: on stdin they are known by their first bytes.
_DECOMPRESSORS: dict[str, tuple[bytes, Callable[[BinaryIO], BinaryIO]]] = {
    ".gz": (b"\x1f\x8b", lambda raw: cast(BinaryIO, gzip.GzipFile(fileobj=raw))),
    ".bz2": (b"BZh", lambda raw: cast(BinaryIO, bz2.BZ2File(raw))),
    ".xz": (b"\xfd7zXZ\x00", lambda raw: cast(BinaryIO, lzma.LZMAFile(raw))),
    ".zst": (b"\x28\xb5\x2f\xfd", lambda raw: cast(BinaryIO, zstd.ZstdFile(raw))),
}

#: What a damaged compressed file raises while it is read (gzip's and bz2's own errors are OSErrors).
DAMAGED = (EOFError, lzma.LZMAError, zlib.error, zstd.ZstdError)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Control characters other than \t \n \v \f \r: text has almost none, binary data many.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20)])

_WESTERN = ("cp1252", "latin_1", "iso8859_15")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can identify."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line  # where reading stopped, in a file read line by line


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


def wide_encoding(head: bytes) -> str | None:
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


#: Binary files a corpus folder may hold that no reader here takes, by how they open: said by name rather
#: than as "binary content", with what to do.
_NAMED_BINARIES = (
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive, not read: unpack it first (7z x)"),
    (b"Rar!\x1a\x07", "a RAR archive, not read: unpack it first (unrar x)"),
    (b"{\\rtf", "an RTF document, not read: save it as .docx or text"),
)


def unread_format(data: bytes) -> str | None:
    """What a whole file is, said with what to do, where it opens as a format no reader here takes."""
    return next((what for magic, what in _NAMED_BINARIES if data.startswith(magic)), None)


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


def read_at_most(handle: BinaryIO, limit: int, size_hint: int | None) -> bytes:
    """Up to ``limit`` bytes.  Asking for the file's size first spares allocating ``limit``
    (8 MiB by default) for every small file; a file that grew since is read on."""
    if size_hint is None or size_hint + 1 >= limit:
        return handle.read(limit)
    data = handle.read(size_hint + 1)
    if len(data) > size_hint:
        data += handle.read(limit - len(data))
    return data


def cut(data: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes, ending at a line or word break when there is one."""
    head = data[:limit]
    for sep in (b"\n", b" "):
        at = head.rfind(sep)
        if at > limit // 2:
            return head[:at]
    return head


#: A compressed tar archive's short names: corpus.tgz is corpus.tar.gz.
_SHORT_TARS = {".tgz": ".gz", ".tbz2": ".bz2", ".txz": ".xz"}


def _suffix(path: str) -> str:
    return path[path.rfind(".") :].lower() if "." in path else ""


def compression_of(path: str) -> str | None:
    """The compression suffix of ``path`` (".gz", ".bz2", ".xz", ".zst"; ".gz" for a .tgz), if any."""
    suffix = _suffix(path)
    return _SHORT_TARS.get(suffix) or (suffix if suffix in _DECOMPRESSORS else None)


def uncompressed_name(path: str) -> str:
    """``path`` without its compression suffix: the name of the file it holds (a .tgz holds a .tar)."""
    suffix = _suffix(path)
    if suffix in _SHORT_TARS:
        return path[: -len(suffix)] + ".tar"
    return path[: -len(suffix)] if suffix in _DECOMPRESSORS else path


def _numbered_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
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


def _numbered_wide_lines(handle: BinaryIO, encoding: str, limit: int) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of UTF-16 or UTF-32 text, decoded as they are read; as :func:`_numbered_lines`, but
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


def file_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | str | None]]:
    """A seekable file's numbered lines: bytes, each for the caller to decode, or in UTF-16/32 decoded as read."""
    head = handle.read(4096)
    handle.seek(0)
    wide = wide_encoding(head)
    return _numbered_wide_lines(handle, wide, limit) if wide else _numbered_lines(handle, limit)


def decompressing(suffix: str, raw: BinaryIO) -> BinaryIO:
    """``raw`` read through the decompressor for ``suffix`` (".gz", ".bz2", ".xz", ".zst")."""
    return _DECOMPRESSORS[suffix][1](raw)


@contextmanager
def unpacked(raw: BinaryIO, name: str) -> Iterator[BinaryIO]:
    """``raw`` as the file ``name`` holds: through its decompressor where the name has a compression suffix
    ("feed.jsonl.gz"), else ``raw`` itself (whose size, unlike a decompressor's output, is known)."""
    compression = compression_of(name)
    if compression is None:
        yield raw
    else:
        with decompressing(compression, raw) as inner:
            yield inner


def stdin_compression(data: bytes) -> str | None:
    """The compression suffix whose first bytes ``data`` opens with, if any ("BZh9": bzip2 and its block size).

    A zstd stream may open with a skippable frame (magic 0x184D2A50-5F, as pzstd writes its index)."""
    if data[1:4] == b"\x2a\x4d\x18" and data[:1] and data[0] & 0xF0 == 0x50:
        return ".zst"
    for suffix, (magic, _) in _DECOMPRESSORS.items():
        if data.startswith(magic) and (suffix != ".bz2" or data[3:4].isdigit()):
            return suffix
    return None
