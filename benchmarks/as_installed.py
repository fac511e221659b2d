"""Run ``dedup`` as an installed copy runs it: with its modules' bytecode already compiled.

pip compiles a wheel's modules when it installs them, and an editable checkout's are cached on
first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (it is on the project's machine).  Then
every run compiles all of dedup's modules from source, about 0.1-0.2 s of a 5,000-file scan
that the baseline, whose libraries pip compiled, does not pay.  ``bench_scan.py``, ``stages.py`` and
``bench_wire.py`` call :func:`compile_dedup` before they time anything.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path

__all__ = ["compile_dedup"]


def compile_dedup() -> None:
    """Write the bytecode of the ``dedup`` package that ``python -m dedup`` imports (a checkout's
    ``__pycache__`` folders are ignored by git); where it cannot be written, runs compile as before."""
    spec = importlib.util.find_spec("dedup")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=2)
