"""Which files the PATH arguments name: folders walked, globs applied, each file once.

Folders are read recursively in name order; hidden files and folders (``.git``) and a saved Hugging Face
dataset's own description (``state.json``, ``dataset_info.json``) are skipped,
symbolic links followed with loop protection, and special files (FIFOs, devices) found in folders
never opened.  A pipe named as an argument (the shell's ``<(command)``) is kept apart, to be read as
stdin is.  A file reached by several paths is read once, under its own name.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .decoding import compression_of, uncompressed_name
from .formats import ARCHIVE_SUFFIXES, DEFAULT_INCLUDE

__all__ = ["Discovery", "globs", "printable", "suffix_of"]


def printable(path: str) -> str:
    """A path as shown: the bytes of a name that are not UTF-8 (which the OS hands over as lone
    surrogates, PEP 383) as ``\\xNN`` escapes, so that every output can write it."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """The patterns as one expression, as fnmatch.fnmatch reads each (a glob per file and name was a third of
    reading 5,000 small files)."""
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns) or "(?!)")


#: A shard of a Hugging Face dataset saved with ``save_to_disk`` (an Arrow IPC stream, read a record a row).
_SAVED_SHARD = re.compile(r"data-\d{5}-of-\d{5}\.arrow")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _saved_dataset_metadata(folder: str, listing: list[os.DirEntry[str]]) -> frozenset[str]:
    """The names in ``folder`` that describe a Hugging Face dataset saved there rather than hold its texts:
    ``state.json`` and ``dataset_info.json`` beside the Arrow shards, and a dataset dict's ``dataset_dict.json``
    above its splits' folders.  Read as records, each was an error and failed a ``--strict`` scan."""
    names = {entry.name for entry in listing}
    metadata: set[str] = set()
    if {"state.json", "dataset_info.json"} <= names and any(_SAVED_SHARD.fullmatch(n) for n in names):
        metadata |= {"state.json", "dataset_info.json"}
    if "dataset_dict.json" in names and any(
            _is_folder(e) and os.path.isfile(os.path.join(folder, e.name, "state.json")) for e in listing):
        metadata.add("dataset_dict.json")
    return frozenset(metadata)


def suffix_of(name: str) -> str:
    """A file's kind as its name says it, lower-cased, a compressed one's with its compression: ".doc",
    ".tar.gz"; "" for a name without one."""
    lower = name.lower()
    last = os.path.splitext(lower)[1]
    if last and compression_of(lower) == last:  # .gz, .bz2, .xz, .zst (a .tgz is one suffix)
        return os.path.splitext(lower[: -len(last)])[1] + last
    return last


#: How a problem is reported: (path shown, reason, fatal), as the reader reports its own.
Report = Callable[..., None]


@dataclass
class Discovery:
    """The files and pipes named so far, not read yet."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    fail: Report  # called as fail(path, reason) or fail(path, reason, fatal=False)
    #: Pipes named as arguments: (path opened, path shown).
    pipes: list[tuple[str, str]] = field(default_factory=list)
    #: Files found, by identity (device and inode), and each path that reached it: (opened, shown, whether the
    #: path's last step is a symbolic link).
    found: dict[object, list[tuple[str, str, bool]]] = field(default_factory=dict)
    #: Files in folders that no --include glob takes (and no --exclude glob names), by suffix: what to say when
    #: nothing is read ("2 .doc").
    unselected: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._include = globs(self.include)
        self._exclude = globs(self.exclude)
        # An archive's members are taken by the globs that do not name archives ("--include '*.zip'" or
        # '*.tar.gz' picks the archives in folders, and their members are then the formats read by default).
        members = tuple(p for p in self.include if not uncompressed_name(p).lower().endswith(ARCHIVE_SUFFIXES))
        self._include_members = globs(members or DEFAULT_INCLUDE)

    def add_path(self, arg: str) -> None:
        """A file or folder named as an argument (not stdin's ``-``)."""
        shown = printable(arg)
        try:
            st = os.stat(arg)
        except FileNotFoundError:
            kind = "broken symbolic link" if os.path.islink(arg) else "no such file or directory"
            self.fail(shown, kind)
            return
        except OSError as exc:
            self.fail(shown, exc.strerror or str(exc))
            return
        if stat.S_ISDIR(st.st_mode):
            self._walk(arg, shown, set())
        elif stat.S_ISREG(st.st_mode):
            self._found(arg, shown, st, os.path.islink(arg))
        elif stat.S_ISFIFO(st.st_mode):  # named by the user, as stdin would be: 'dedup compare <(a) <(b)'
            self.pipes.append((arg, shown))
        else:
            self.fail(shown, "not a regular file (FIFO, socket or device); not opened")

    def _walk(self, top: str, shown: str, seen: set[tuple[int, int]]) -> None:
        """The files in folder ``top`` and below it, depth first in name order.  Each folder's path from the one
        the user named is matched by the globs too (``--exclude 'drafts/*'``).  A stack of folders being read
        rather than recursion: a tree a thousand folders deep is read, not a RecursionError."""
        listing = self._listing(top, shown, seen)
        if listing is None:
            return
        stack = [(top, shown, "", iter(listing), _saved_dataset_metadata(top, listing))]
        while stack:
            folder, folder_shown, below, entries, metadata = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            if entry.name.startswith(".") or entry.name in metadata:
                continue
            real = os.path.join(folder, entry.name)
            path = os.path.join(folder_shown, printable(entry.name))
            relative = os.path.join(below, printable(entry.name))
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                self.fail(path, exc.strerror or str(exc))
                continue
            if is_dir:
                inner = self._listing(real, path, seen)
                if inner is not None:
                    stack.append((real, path, relative, iter(inner), _saved_dataset_metadata(real, inner)))
                continue
            if not self.selected(entry.name, path, relative):
                if not self._excluded(entry.name, path, relative):
                    self.unselected[suffix_of(entry.name)] += 1
                continue
            if is_file:
                try:
                    self._found(real, path, entry.stat(), entry.is_symlink())
                except OSError as exc:
                    self.fail(path, exc.strerror or str(exc))
            elif entry.is_symlink() and not os.path.exists(real):
                self.fail(path, "broken symbolic link")
            else:
                self.fail(path, "not a regular file (FIFO, socket or device); not opened")

    def _listing(self, folder: str, shown: str, seen: set[tuple[int, int]]) -> list[os.DirEntry[str]] | None:
        """A folder's entries in name order, or None (reported) where it cannot be listed or was read already
        (a symbolic link loop)."""
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                self.fail(shown, "symbolic link loop; folder already scanned", fatal=False)
                return None
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                return sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.fail(shown, f"cannot list folder: {exc.strerror or exc}")
            return None

    def _found(self, real: str, shown: str, st: os.stat_result, link: bool) -> None:
        # One file reached by two paths (a symbolic link to it, a folder and a file in it both given) is one document.
        identity = (st.st_dev, st.st_ino) if st.st_ino else real  # some file systems have no inode numbers
        self.found.setdefault(identity, []).append((real, shown, link))

    def files(self) -> list[tuple[str, str]]:
        """Each file found once, under its own name rather than a link's, then the first of its paths in sort
        order (whatever order they came in); a warning names each other path."""
        files = []
        for paths in self.found.values():
            (real, shown, _), *others = sorted(paths, key=lambda p: (p[2], p[1]))
            files.append((real, shown))
            for other in dict.fromkeys(s for _, s, _ in others if s != shown):
                self.fail(other, f"the same file as {shown}; read once", fatal=False)
        self.found = {}
        return files

    def _excluded(self, name: str, path: str, relative: str) -> bool:
        return any(self._exclude.match(os.path.normcase(n)) for n in (name, path, relative))

    def selected(self, name: str, path: str, relative: str, *, member: bool = False) -> bool:
        """Whether globs take the file by its name, its path as shown, or its path below the folder named (for
        an archive's ``member``, its path inside the archive).  A compressed file is selected as the file it
        holds ("a.jsonl.gz" by "*.jsonl") or by its own name."""
        names = [name, path, relative]
        if compression_of(name) is not None:
            names += [uncompressed_name(n) for n in names]
        names = [os.path.normcase(n) for n in names]
        include = self._include_members if member else self._include
        return (any(include.match(n) for n in names)
                and not any(self._exclude.match(n) for n in names))
