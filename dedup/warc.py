"""Web archives (WARC): each archived page a document, as Common Crawl (CC-NEWS, WET), Heritrix, ``wget
--warc-file`` and Browsertrix store what they fetched.

Read with warcio, Webrecorder's reader (an optional extra, ``pip install 'article-dedup[warc]'``): a
record may be gzipped on its own, and an HTTP body chunked or compressed as it was sent, and warcio
undoes each; a reader of our own would have to.  Only what a reader would call a page is kept: HTML
responses with a 2xx status (redirects, errors, images, scripts and styles are not articles),
archived HTML resources, and plain-text conversions (Common Crawl's WET files hold a page's text).
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .errors import UnreadableRecords

__all__ = ["ArchivedPage", "WarcPages"]

_NEEDS_WARCIO = "reading WARC files needs warcio: pip install 'article-dedup[warc]'"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    """One page of an archive: its address, when it was archived, and its body as it was served."""

    number: int  # the record's position in the file, from 1
    uri: str | None  # WARC-Target-URI
    archived: str | None  # WARC-Date, ISO 8601
    body: bytes  # at most the reader's limit, plus one byte where the page is longer
    html: bool  # markup (read as a page is) or plain text


def _warcio() -> Any:
    try:
        from warcio import archiveiterator, exceptions, statusandheaders
    except ImportError:
        raise UnreadableRecords(_NEEDS_WARCIO) from None
    return archiveiterator, exceptions, statusandheaders


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


class WarcPages:
    """The pages of a WARC file, in file order; ``records`` counts the records read whole, pages or not.

    Raises UnreadableRecords where warcio is missing, the file is no WARC file, or (while pages are read) its
    data is damaged: the pages before the damage are kept."""

    def __init__(self, handle: BinaryIO, limit: int) -> None:
        self._handle = handle
        self._limit = limit
        self.records = 0
        self.misplaced = 0  # records not followed by a blank line, as a wrong Content-Length leaves them

    def __iter__(self) -> Iterator[ArchivedPage]:
        archiveiterator, exceptions, statusandheaders = _warcio()
        damage = (exceptions.ArchiveLoadFailed, statusandheaders.StatusAndHeadersParserException, zlib.error,
                  EOFError, OSError, ValueError, IndexError, KeyError, TypeError, AttributeError, MemoryError)
        records = archiveiterator.ArchiveIterator(self._handle, arc2warc=True)  # ARC's headers named as WARC's
        try:
            while True:
                # warcio writes what it finds amiss in damaged data to stderr itself; what matters of it is
                # counted here (misplaced) or raised, and said once by the reader.
                with contextlib.redirect_stderr(io.StringIO()):
                    record = next(records, None)
                    page = None if record is None else self._page(record, self.records + 1)
                    self.misplaced = records.err_count
                if record is None:
                    return
                self.records += 1
                if page is not None:
                    yield page
        except damage as exc:
            # Python's own errors from inside warcio ("'NoneType' object has no attribute ...") say nothing to a user.
            said = not isinstance(exc, (IndexError, KeyError, TypeError, AttributeError)) and str(exc).strip()
            message = " ".join(str(exc).split()) if said else f"a record warcio could not parse ({type(exc).__name__})"
            if self.records == 0:
                raise UnreadableRecords(f"not a WARC file: {message}") from None
            raise UnreadableRecords(f"damaged WARC data after record {self.records}: {message}; the pages "
                                    "before it are kept", records_read=self.records) from None

    def _page(self, record: Any, number: int) -> ArchivedPage | None:
        headers = record.rec_headers
        if record.rec_type == "response":
            http = record.http_headers
            status = http.get_statuscode() if http is not None else None
            if status is None or not str(status).startswith("2"):
                return None
            media = _media_type(http.get_header("Content-Type"))
        elif record.rec_type in ("resource", "conversion"):
            media = _media_type(headers.get_header("Content-Type"))
        else:  # request, metadata, warcinfo, revisit: no page of their own
            return None
        if media not in _HTML_TYPES and media not in _TEXT_TYPES:
            return None
        body = record.content_stream().read(self._limit + 1)
        return ArchivedPage(number, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"), body,
                            media in _HTML_TYPES)
