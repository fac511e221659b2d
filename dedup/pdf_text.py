"""PDF files, read as the text their pages show: press releases and e-paper pages reach a monitor so.

pypdf is optional (``pip install 'article-dedup[pdf]'``): pure Python, the maintained successor of
PyPDF2.  Each page's text is extracted in reading order as the file lays it out and pages are
parted by a blank line; the title is the file's own (its document information), when it has one.
A PDF holds no paragraphs, only lines placed on a page: they reach the segmenter as a
hard-wrapped text file's lines do, a word hyphenated across a line end joined again here
("gov-" + "ernment").  Scanned pages (images without a text layer) have no text to read.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["NotAPdf", "PdfDocument", "pdf_text"]

#: A word cut at a line's end by a hyphen, the rest at the next line's start: one word.
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


#: Before pypdf 5.1, some damaged files (a cut string among a page's operators) make it allocate without bound:
#: measured, 14 GB before it was stopped, or 20-44 s to fill a 2 GB limit and recover; 5.1 raises at once.
_PYPDF_SAFE_FROM = (5, 1)


class NotAPdf(ValueError):
    """pypdf is missing, or the data is no PDF it can read (damaged, encrypted)."""


@dataclass(frozen=True, slots=True)
class PdfDocument:
    """What a scan reads of a PDF file: its own title, if it has one, and its pages' text."""

    title: str | None
    text: str


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """pypdf's complaints about files it reads anyway ("incorrect startxref pointer") kept off the user's
    terminal: its logger's level raised and its warnings ignored while it reads, then put back."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_text(data: bytes) -> PdfDocument:
    """The title and text of a PDF file's bytes.  Raises NotAPdf."""
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError:
        raise NotAPdf("reading PDF needs pypdf: pip install 'article-dedup[pdf]'") from None
    version = tuple(int(part) for part in pypdf.__version__.split(".")[:2] if part.isdigit())
    if version < _PYPDF_SAFE_FROM:
        raise NotAPdf(f"reading PDF needs pypdf 5.1 or later (this is {pypdf.__version__}, which can take all memory "
                      "on a damaged file): pip install -U pypdf")
    with _quiet(logging.getLogger("pypdf")):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise NotAPdf("an encrypted PDF is not read: save it without a password, or as text")
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata is not None else None
        except NotAPdf:
            raise
        except Exception as exc:  # noqa: BLE001 - pypdf, pure Python, raises whatever its code meets in a damaged
            # file (PyPdfError, ValueError, KeyError, IndexError, ZeroDivisionError, RecursionError, and an
            # AssertionError of its own type checks): each is this file's error, never the scan's end.
            detail = " ".join(str(exc).split())
            said = detail if isinstance(exc, PyPdfError) and detail else f"{type(exc).__name__} {detail}".strip()
            raise NotAPdf(f"not a PDF file pypdf can read: {said}") from None
    text = "\n\n".join(_HYPHENATED.sub("", page.strip()) for page in pages if page.strip())
    return PdfDocument(" ".join(title.split()) if isinstance(title, str) and title.strip() else None, text)
