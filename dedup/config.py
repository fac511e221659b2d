"""Configuration files: ``[tool.dedup]`` in ``pyproject.toml`` and ``.dedup.toml``.

Layers, lowest precedence first: ``pyproject.toml`` in the working directory, then
``.dedup.toml`` in the working directory, then ``.dedup.toml`` at the top of the first
scanned folder.  Command-line flags beat all of them (the CLI applies that rule, since
only it knows which flags were typed).  Keys are flag names (``max-clusters`` or
``max_clusters``); checking them against the flags is the CLI's job too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import SettingsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["ConfigLayer", "config_layers"]


@dataclass(frozen=True)
class ConfigLayer:
    source: str  # the file, as shown to the user
    values: dict[str, Any]


def _read(path: str, table: tuple[str, ...]) -> dict[str, Any] | None:
    if not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as handle:
            data: Any = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read configuration: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib decodes the whole file itself: TOML is UTF-8
        raise SettingsError(f"{path}: cannot read configuration: not UTF-8 ({exc.reason} at byte {exc.start})") \
            from None
    for key in table:
        data = data.get(key) if isinstance(data, dict) else None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: [{'.'.join(table)}] must be a table")
    return data


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one file; a working directory that was deleted under the command names none."""
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except OSError:
        return False


def config_layers(paths: Sequence[str], cwd: str = ".") -> list[ConfigLayer]:
    """The configuration files that apply to a scan of ``paths``, lowest precedence first."""
    candidates = [(os.path.join(cwd, "pyproject.toml"), ("tool", "dedup")), (os.path.join(cwd, ".dedup.toml"), ())]
    tree = next((p for p in paths if p != "-" and os.path.isdir(p)), None)
    if tree is not None:
        in_tree = os.path.join(tree, ".dedup.toml")
        if not _same_file(in_tree, candidates[1][0]):
            candidates.append((in_tree, ()))
    layers = []
    for path, table in candidates:
        values = _read(path, table)
        if values is not None:
            layers.append(ConfigLayer(os.path.normpath(path), values))
    return layers
