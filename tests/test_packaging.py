"""The declared dependency bounds are the ones tested: tools/lowest-dependencies.txt pins each at its floor."""

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
