"""evaluation/misses.py, the reading aid for a syndication row's shortfall: it must name the versions a scan
leaves out of their source's cluster and the clusters joining two labels, with the scan's reasons."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SAMPLES


def test_misses_names_a_version_left_out_and_a_cluster_joining_two_labels(tmp_path: Path) -> None:
    wire = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    library = (SAMPLES / "library_reading_hours.txt").read_text(encoding="utf-8")
    seed = (SAMPLES / "000_bd8e4e9c01becdd2.txt").read_text(encoding="utf-8")
    rows = [
        {"id": "wire", "title": "", "text": wire, "cluster": "wire", "kind": "source"},
        {"id": "wire~copy1", "title": "", "text": "Skip to main content\n\n" + wire, "cluster": "wire", "kind": "copy"},
        # Labelled a copy of the wire story, but another text: left out, with the reason.
        {"id": "wire~copy2", "title": "", "text": library, "cluster": "wire", "kind": "copy"},
        # A reprint of the wire story labelled as another story's copy: its cluster joins two labels.
        {"id": "seed", "title": "", "text": seed, "cluster": "seed", "kind": "source"},
        {"id": "seed~copy1", "title": "", "text": wire + "\nShare this article\n", "cluster": "seed", "kind": "copy"},
    ]
    draw = tmp_path / "draw.jsonl"
    draw.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "evaluation" / "misses.py"), str(draw), "--level", "copy"],
                          capture_output=True, text=True, check=True)
    lines = [line.split("\t") for line in done.stdout.splitlines()]
    missed = {(f[2], f[3]): f for f in lines if f[0] == "missed"}
    assert set(missed) == {("wire", "wire~copy2"), ("seed", "seed~copy1")}, done.stdout
    assert missed["wire", "wire~copy2"][4:6] == ["proposed", "none"]  # a small corpus: every pair is proposed
    assert missed["wire", "wire~copy2"][6].startswith("too little in common"), done.stdout
    joined = [f for f in lines if f[0] == "joined"]
    assert joined and all({f[2], f[3]} & {"seed~copy1"} and f[4] == "copy" for f in joined), done.stdout
