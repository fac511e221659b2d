"""What a syndication row's shortfall is made of: the generator's versions a scan leaves out of their source's
cluster, and the clusters that join two labels, each pair with the verdict and reason a scan of the draw gives.

    python evaluation/syndicate.py ../shared/corpora/bbc-news/articles.jsonl --categories politics,sport,tech \\
        --seed 4 -o draw.jsonl
    python evaluation/misses.py draw.jsonl --level copy

Reads the generator's JSON Lines (``id``, ``title``, ``text``, ``cluster``, ``kind``). A line a version left out
("missed"): its kind, the source and version ids, whether LSH proposed the pair ("proposed" / "never proposed"),
the relation the pair reaches, at the level or looser (or "none"), and the reason, as
``dedup compare --corpus draw.jsonl SOURCE VERSION`` gives them. A line for each link of a cluster that joins
two labels ("joined"): the cluster, the two ids, the relation and the reason. This is how the misses in
docs/measurements.md were read; nothing here sets a threshold.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from dedup import Document, Relation, ScanSettings, scan_documents
from dedup.pipeline import Corpus


def missed(rows: list[dict], settings: ScanSettings) -> Iterator[str]:
    """A line for each version outside its source's cluster, and for each link across two labels."""
    documents = [Document(r["id"], r["text"], r.get("title") or None) for r in rows]
    result = scan_documents(documents, settings)
    cluster_of = {d.id: c.id for c in result.clusters for d in c.documents}
    label = {r["id"]: r["cluster"] for r in rows}
    corpus = Corpus.build(documents, settings)
    distinct = {m: members[0] for members in corpus.groups.values() for m in members}  # exact copies: one text
    proposed = {tuple(p) for p in corpus.candidates().tolist()}
    verifier, check = corpus.verifier(), corpus.boilerplate_check()
    index = {d.id: k for k, d in enumerate(documents)}
    source: dict[str, str] = {}  # a label's first source: labels of re-published texts hold several
    for r in rows:
        if r["kind"] == "source":
            source.setdefault(r["cluster"], r["id"])
    for r in rows:
        first = source.get(r["cluster"])
        if first is None or r["id"] == first:
            continue
        if cluster_of.get(r["id"]) is not None and cluster_of.get(r["id"]) == cluster_of.get(first):
            continue
        i, j = index[first], index[r["id"]]
        link = verifier.verify(i, j, level=settings.level, full=True)
        link = check.read_again(link, settings.level) or link  # as a scan reads it (compare.py does the same)
        pair = tuple(sorted((distinct[i], distinct[j])))
        lsh = "proposed" if pair in proposed or pair[0] == pair[1] else "never proposed"
        verdict = link.relation.label if link.relation is not None else "none"
        yield f"missed\t{r['kind']}\t{first}\t{r['id']}\t{lsh}\t{verdict}\t{link.reason}"
    for cluster in result.clusters:
        for link in cluster.links:
            if label[link.a] != label[link.b]:
                yield f"joined\t{cluster.id}\t{link.a}\t{link.b}\t{link.relation}\t{link.reason}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draw", help="the generator's JSON Lines (evaluation/syndicate.py -o)")
    parser.add_argument("--level", default="copy", choices=[r.label for r in Relation])
    args = parser.parse_args()
    with open(args.draw, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for line in missed(rows, ScanSettings(level=args.level)):
        print(line)


if __name__ == "__main__":
    main()
