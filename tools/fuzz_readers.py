"""Mutation fuzzing of every reader, then of the pipeline on what was read: does any input stop a scan?

Each round takes one small, valid file of a format the scan reads (built here from the samples and the
test suite's fixtures), damages it (bytes changed, cut, spliced, or tokens a parser trips on inserted:
``<``, ``&#xD800;``, a BOM, NUL, ``\\r``, quotes, brackets, front-matter dashes; in a zip-based file or a
tar, half the time one member, the archive made again so its checksums hold), reads it beside the intact
sample (every third round on stdin, where its format is told from its bytes), scans the two and writes the
JSON (two rounds in five, reading each record whole and writing what ``dedup filter`` keeps, as JSON Lines and
as Parquet).  A failure is any exception, or a problem whose message is not one line; a round over 3 s is
reported as slow.  Failing and slow inputs are saved for a test.

    python tools/fuzz_readers.py [--seed 1] [--rounds 2000] [--keep /tmp/fuzz]

Run from a checkout (it builds its seeds with the test suite's helpers).  Not part of the test suite:
a few thousand rounds take minutes; each case it found lives on as a test of its own.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import lzma
import random
import shutil
import sys
import tarfile
import tempfile
import time
import traceback
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dedup import ScanSettings, distinct_documents, scan_documents  # noqa: E402
from dedup.distinct import document_record  # noqa: E402
from dedup.errors import DedupError  # noqa: E402
from dedup.parquetout import kept_table, parquet_bytes  # noqa: E402
from dedup.jsonout import dumps, result_dict  # noqa: E402
from dedup.read import DEFAULT_INCLUDE, ReadOptions, read_inputs  # noqa: E402
from tests import test_read as fixtures  # noqa: E402

#: What parsers trip on, inserted at random places.
TOKENS = (b"<", b">", b"&", b"&#0;", b"&#xD800;", b"\x00", b"\r", b"\xff\xfe", b"\xef\xbb\xbf", b'"', b"{",
          b"[", b"\\u", b"\\ud800", b"\n---\n", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"=?utf-8?b?", b"\t",
          b",", "\u2028".encode(), b"\xe2\x80", b"9" * 30, b"-" * 5)
SAMPLE = ROOT / "samples" / "wire_harbour_ferry.txt"


def seeds(folder: Path) -> dict[str, bytes]:
    """One valid file of each format, by name."""
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    quoted = text[:400].replace('"', '""')
    plain = {
        "a.rss": fixtures.RSS, "a.atom": fixtures.ATOM, "a.xml": fixtures.NEWSML_1, "b.xml": fixtures.NITF,
        "c.xml": fixtures.NEWSML_G2,
        "a.html": "<html><head><title>Ferries</title></head><body><nav>Home News</nav><article><h1>Ferries</h1>"
                  + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article><footer>(c) Site</footer>"
                  "<script>var x = 1;</script></body></html>",
        "a.md": f"---\ntitle: Ferries\ndate: 2024-01-02\n---\n# Ferries\n\n{text}",
        "a.csv": "id,title,text,date\n" + "\n".join(f'r{k},"T{k}","{quoted} {k}",2024-01-0{k + 1}' for k in range(5)),
        "a.tsv": "id\ttext\n" + "\n".join(f"r{k}\t{text[:300].replace(chr(10), ' ')} {k}" for k in range(5)),
        "a.json": json.dumps([{"id": f"r{k}", "title": "T", "text": text, "date": "2024-01-02"} for k in range(3)]),
        "a.jsonl": "\n".join(json.dumps({"id": f"r{k}", "text": text, "article": {"body": paragraphs}})
                             for k in range(3)),
        "a.eml": "From: a@b.c\nTo: d@e.f\nSubject: Ferries\nDate: Thu, 20 Apr 2023 12:21:00 +0200\n"
                 "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=XX\n\n--XX\n"
                 f"Content-Type: text/plain; charset=utf-8\n\n{text}\n--XX\nContent-Type: text/html\n\n"
                 f"<p>{text[:300]}</p>\n--XX--\n",
        "a.txt": text,
        "a.mbox": "".join(f"From desk@x.y Tue Mar  4 09:00:00 2025\nFrom: desk@x.y\nSubject: Story {k}\n\n{text}\n\n"
                          for k in range(2)),
    }
    found = {name: value.encode("utf-8") for name, value in plain.items()}
    fixtures._docx(folder / "a.docx", paragraphs, title="Ferries", table=["x", "y"], box="Box text")
    fixtures._pdf(folder / "a.pdf", [paragraphs[:2]], title="Ferries")
    fixtures._workbook(folder / "a.xlsx", {"Clips": [["id", "text", "date"],
                                                     *([f"r{k}", text[:300], "2024-01-02"] for k in range(5))]})
    fixtures._warc(folder / "a.warc", fixtures._crawl_records(text), gzipped=False)
    fixtures._odt(folder / "a.odt", "".join(f"<text:p>{p}<text:s text:c='2'/></text:p>" for p in paragraphs),
                  title="Ferries")
    found.update({path.name: path.read_bytes() for path in folder.iterdir()})
    found["a.jsonl.gz"] = gzip.compress(found["a.jsonl"])
    found["a.txt.bz2"] = bz2.compress(found["a.txt"])
    found["a.json.xz"] = lzma.compress(found["a.json"])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("a.txt", "a.jsonl", "a.html"):
            out.writestr(name, found[name])
    found["a.zip"] = archive.getvalue()
    found["a.tar"] = tar_of({name: found[name] for name in ("a.txt", "a.jsonl", "a.html", "a.jsonl.gz", "a.csv")})
    found["a.tar.gz"] = gzip.compress(tar_of({name: found[name] for name in ("a.txt", "a.md")}))
    found.update(columnar_seeds(paragraphs))
    return found


def columnar_seeds(paragraphs: list[str]) -> dict[str, bytes]:
    """A Parquet, an Arrow and an ORC file of typed columns (two row groups, two batches), where pyarrow is
    installed."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return {}
    rows = 6
    table = pa.table({"id": [f"r{k}" for k in range(rows)],
                      "text": ["\n\n".join(paragraphs[k % 3:]) + f" {k}" for k in range(rows)],
                      "rank": pa.array(range(rows), pa.int32()),
                      "date": pa.array([datetime(2024, 1, 2 + k, tzinfo=timezone.utc) for k in range(rows)],
                                       pa.timestamp("ms", tz="UTC")),
                      "tags": [["a", "b"][: k % 3] for k in range(rows)]})
    parquet, arrow = pa.BufferOutputStream(), pa.BufferOutputStream()
    pq.write_table(table, parquet, row_group_size=3)
    with pa.ipc.new_file(arrow, table.schema) as writer:
        for batch in table.to_batches(max_chunksize=3):
            writer.write_batch(batch)
    found = {"a.parquet": parquet.getvalue().to_pybytes(), "a.arrow": arrow.getvalue().to_pybytes()}
    if int(pa.__version__.split(".")[0]) >= 19:  # before, a damaged ORC file aborts the process (columnar.py)
        import pyarrow.orc as orc

        stripes = pa.BufferOutputStream()
        orc.write_table(table, stripes, stripe_size=1024)
        found["a.orc"] = stripes.getvalue().to_pybytes()
    return found


def tar_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(f"./docs/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return out.getvalue()


def mutate(rng: random.Random, data: bytes) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not damaged:
            damaged = bytearray(b"x")
        at = rng.randrange(len(damaged))
        kind = rng.randrange(5)
        if kind == 0:
            damaged[at] = rng.randrange(256)
        elif kind == 1:
            damaged[at:at] = rng.choice(TOKENS)
        elif kind == 2:
            del damaged[at : at + rng.randint(1, 50)]
        elif kind == 3:
            start = rng.randrange(len(damaged))
            damaged[at:at] = damaged[start : start + rng.randint(1, 200)]
        else:
            damaged = damaged[:at]
    return bytes(damaged)


def mutate_member(rng: random.Random, data: bytes) -> bytes:
    """A zip archive (Word, OpenDocument, Excel, a zip of texts) with one member damaged and the archive made
    again, so that the damage reaches the member's parser rather than stopping at the archive's checksum."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = source.namelist()
    victim = rng.choice([m for m in members if m.endswith(".xml")] or members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            content = source.read(member)
            archive.writestr(member, mutate(rng, content) if member == victim else content)
    return out.getvalue()


def mutate_tar_member(rng: random.Random, data: bytes) -> bytes:
    """A tar archive with one member damaged and the archive made again (its headers' sizes and checksums
    hold), so that the damage reaches the member's reader."""
    with tarfile.open(fileobj=io.BytesIO(data)) as source:
        members = {info.name: source.extractfile(info).read() for info in source if info.isfile()}  # type: ignore
    victim = rng.choice(sorted(members))
    damaged = tar_of({name.removeprefix("./docs/"): mutate(rng, content) if name == victim else content
                      for name, content in members.items()})
    return damaged


def one_round(folder: Path, name: str, data: bytes, *, dated: bool, piped: bool, kept: bool) -> None:
    """Read the damaged file beside the intact sample (or ``piped`` on stdin, where its format is told from its
    bytes), scan both, write the JSON (and, ``kept``, the records ``dedup filter`` writes); raises on any
    failure."""
    for old in folder.iterdir():
        old.unlink()
    shutil.copy(SAMPLE, folder / "intact.txt")
    options = ReadOptions(include=(*DEFAULT_INCLUDE, "*.zip", "*.tar", "*.xml"), date_field="date", keep_sources=kept,
                          keep_tables=kept)
    if piped:
        read = read_inputs([str(folder), "-"], options, io.BytesIO(data))
    else:
        (folder / name).write_bytes(data)
        read = read_inputs([str(folder)], options)
    several = [str(p) for p in read.problems if len(str(p).splitlines()) > 1]
    if several:
        raise AssertionError(f"a message over several lines: {several[0]!r}")
    result = scan_documents(read.documents, ScanSettings(workers=1, within_days=4.0 if dated else None))
    dumps(result_dict(result))
    if kept:
        documents = distinct_documents(result).kept
        for document in documents:
            json.loads(document_record(document).encode("utf-8"))  # what filter writes: UTF-8 JSON
        try:  # and what filter --format parquet writes; a one-line error saying why it cannot is a clean refusal
            parquet_bytes(kept_table(documents, read.tables), {})
        except DedupError as exc:
            if len(str(exc).splitlines()) > 1:
                raise AssertionError(f"a message over several lines: {exc}") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "dedup-fuzz",
                        help="where failing and slow inputs are saved")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.keep.mkdir(parents=True, exist_ok=True)
    failed = slow = 0
    with tempfile.TemporaryDirectory() as work:
        built, case = Path(work) / "seeds", Path(work) / "case"
        built.mkdir()
        case.mkdir()
        inputs = seeds(built)
        names = sorted(inputs)
        for number in range(args.rounds):
            name = rng.choice(names)
            zipped = name.endswith((".docx", ".odt", ".xlsx", ".zip"))
            if zipped and rng.random() < 0.5:
                data = mutate_member(rng, inputs[name])
            elif name == "a.tar" and rng.random() < 0.5:
                data = mutate_tar_member(rng, inputs[name])
            else:
                data = mutate(rng, inputs[name])
            start = time.perf_counter()
            try:
                one_round(case, name, data, dated=number % 2 == 1, piped=number % 3 == 2, kept=number % 5 < 2)
            except Exception as exc:  # what the fuzzer is looking for
                failed += 1
                (args.keep / f"seed{args.seed}-{number}-{name}").write_bytes(data)
                print(f"FAILED round {number}, {name}: {type(exc).__name__}: {exc}", flush=True)
                traceback.print_exc(limit=-3)
            if time.perf_counter() - start > 3.0:
                slow += 1
                (args.keep / f"seed{args.seed}-{number}-slow-{name}").write_bytes(data)
                print(f"SLOW round {number}, {name}: {time.perf_counter() - start:.1f} s", flush=True)
    print(f"{args.rounds} rounds, seed {args.seed}: {failed} failed, {slow} slow (inputs kept in {args.keep})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
