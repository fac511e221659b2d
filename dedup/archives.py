"""Archives of articles, as agencies deliver a batch (zip) and corpora are distributed (tar, tar.gz): which
members are articles, and a tar archive's members one at a time, as a stream (a .tar.gz cannot go back).

The reader (:mod:`dedup.read`) reads each member as the file it is, named after the archive.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, cast

__all__ = ["TAR_DAMAGED", "passed_over", "spooled", "tar_members"]

#: What a damaged or cut-short tar archive raises while its headers or members are read.
TAR_DAMAGED = (tarfile.TarError,)
#: A member held in memory up to this size, on disk beyond it.
_IN_MEMORY = 64 << 20


def passed_over(name: str) -> bool:
    """Folders' entries aside, the members that are no article: hidden files, and macOS's ``__MACOSX`` shadows
    and ``._`` AppleDouble files, which a zip made in the Finder or a tar made with macOS's tar carries."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


class _Watched:
    """A stream as tarfile reads it, keeping count of the bytes and the last of them: tarfile takes an archive cut
    off between members or inside a header, or a damaged header, as its end, and says nothing."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.total = 0
        self.recent = b""  # the last _RECENT bytes read: tarfile reads ahead of where it stops

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.total += len(data)
        self.recent = (self.recent + data)[-_RECENT:]
        return data

    def end_problem(self, end: int) -> str | None:
        """What is wrong with the archive's end, found at ``end`` by tarfile, if anything: a whole zero block (the
        end marker), then nothing but zeros, is an archive read to its end."""
        after = self.total - end
        tail = self.recent[len(self.recent) - after :] if 0 < after <= len(self.recent) else b""
        if len(tail) < tarfile.BLOCKSIZE or any(tail[: tarfile.BLOCKSIZE]):
            return "no end marker (cut short, or a header damaged)"
        if any(tail) or any(any(block) for block in iter(lambda: self.read(1 << 20), b"")):
            return "more data after its end marker, not read (archives joined with cat: unpack each)"
        return None


#: tarfile reads a record (20 blocks) at a time, so where it stops is within this many bytes of what was read.
_RECENT = 4 * tarfile.RECORDSIZE


def tar_members(handle: BinaryIO) -> Iterator[tuple[str, int, BinaryIO]]:
    """Each regular file of the tar archive ``handle`` (already decompressed): its name inside the archive (no
    leading ``./``), its size and its contents, readable until the next member is asked for.  Links, folders
    and devices are passed over; nothing is ever written to disk under a member's name.  Raises
    ``tarfile.ReadError`` where ``handle`` is no tar archive, is cut short or damaged, and ``TAR_DAMAGED`` where
    a member cannot be read."""
    watched = _Watched(handle)
    with tarfile.open(fileobj=cast(BinaryIO, watched), mode="r|") as archive:
        while (info := archive.next()) is not None:
            # tarfile keeps every header it has read (a million members, a gigabyte); each is read once, here.
            archive.members.clear()  # type: ignore[attr-defined]  # an attribute of TarFile's own, not in typeshed
            name = info.name
            while name.startswith(("./", "/")):
                name = name[1:] if name.startswith("/") else name[2:]
            if not info.isfile() or not name or passed_over(name):
                continue
            contents = archive.extractfile(info)
            if contents is not None:
                with contents:
                    yield name, info.size, cast(BinaryIO, contents)
        problem = watched.end_problem(archive.offset)
        if problem is not None:
            raise tarfile.ReadError(problem)


@contextmanager
def spooled(contents: BinaryIO, limit: int | None = None) -> Iterator[BinaryIO]:
    """``contents`` copied where it can be read again from its start (its readers look at a file's head, then
    go back): in memory, or in a temporary file past 64 MiB.  At most ``limit`` bytes, where given."""
    with tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY) as copy:
        if limit is None:
            shutil.copyfileobj(contents, copy, 1 << 20)
        else:
            left = limit
            while left > 0 and (block := contents.read(min(left, 1 << 20))):
                copy.write(block)
                left -= len(block)
        copy.seek(0)
        yield cast(BinaryIO, copy)
