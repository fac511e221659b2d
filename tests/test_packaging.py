"""What is declared is what is tested and shipped: tools/lowest-dependencies.txt pins each dependency at its
floor, and the package-data globs hold every data file the engine reads."""

from __future__ import annotations

import sys

from packaging.requirements import Requirement
from packaging.version import Version

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def _floors() -> dict[str, Version]:
    """Each runtime and test requirement's lower bound (the highest, where two name one package)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors: dict[str, Version] = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(line)
        bounds = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert bounds, f"{line}: no lower bound (lower-bound pins, no exact pins)"
        name = requirement.name.lower()
        floors[name] = max([*bounds, floors.get(name, bounds[0])])
    return floors


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "tools" / "lowest-dependencies.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = Version(version)
    return pins


def test_the_lowest_dependencies_file_pins_every_floor_pyproject_declares():
    """A bound raised in one place and not the other would leave the floor untested (or the file stale)."""
    assert _pins() == _floors()


def test_every_data_file_the_engine_reads_is_declared_package_data():
    """The word-frequency tables are read from the installed package: a file the package-data globs miss works
    in a checkout and is missing from the wheel."""
    import fnmatch

    from dedup.background import data_rows

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["dedup"]
    shipped = sorted(p.relative_to(ROOT / "dedup").as_posix() for p in (ROOT / "dedup" / "data").iterdir()
                     if p.is_file() and p.name != "__init__.py")
    assert shipped and all(any(fnmatch.fnmatch(name, g) for g in globs) for name in shipped), shipped
    languages = [language for language, _ in data_rows("languages.tsv.gz")]
    tables = {f"data/background-{language}.tsv.gz" for language in languages}
    # English, 39 more languages of wordfreq, Chinese and Japanese bigrams and 9 stop lists (tools/make_background.py)
    assert len(languages) == 51 and tables == set(shipped) - {"data/languages.tsv.gz"}
