"""Regenerate dedup/data/background-en.tsv.gz: English word frequencies for IDF smoothing.

A corpus of three articles says nothing about which words are rare; this table
does.  Source: the `wordfreq` package (Robyn Speer et al.), whose data is licensed
CC BY-SA 4.0; the derived table is under the same licence (see README, Credits).

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python tools/make_background.py
"""

import gzip
import re
from pathlib import Path

import wordfreq

WORDS = 40_000
OUT = Path(__file__).resolve().parent.parent / "dedup" / "data" / "background-en.tsv.gz"

rows = []
for word in wordfreq.top_n_list("en", WORDS * 2, wordlist="large"):
    folded = word.casefold()
    if re.fullmatch(r"\w+", folded):
        rows.append(f"{folded}\t{wordfreq.zipf_frequency(word, 'en', wordlist='large'):.2f}")
    if len(rows) == WORDS:
        break
with gzip.GzipFile(OUT, "wb", mtime=0) as f:
    f.write(("\n".join(rows) + "\n").encode("utf-8"))
print(f"{len(rows)} words -> {OUT}")
