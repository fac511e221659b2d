"""The straightforward datasketch pipeline, as users write it today: the benchmark's baseline.

One ``MinHash()`` per article, ``update()`` per word 5-gram shingle, ``MinHashLSH(threshold=0.5)``,
then union-find over every candidate pair LSH returns (no verification).  Prints the number of
clusters so the work cannot be optimised away.

    python benchmarks/baseline_datasketch.py FOLDER
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def main(folder: str) -> None:
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    parent: dict[str, str] = {}
    for path in sorted(Path(folder).rglob("*.txt")):
        words = WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower())
        m = MinHash(num_perm=128)
        for i in range(max(1, len(words) - 4)):
            m.update(" ".join(words[i : i + 5]).encode("utf-8"))
        key = str(path)
        parent[key] = key
        for other in lsh.query(m):
            a, b = find(parent, key), find(parent, other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(key, m)
    roots = {find(parent, k) for k in parent}
    print(f"{len(parent)} documents, {sum(1 for k in parent if find(parent, k) != k)} joined, "
          f"{len(parent) - len(roots)} merges")


if __name__ == "__main__":
    main(sys.argv[1])
