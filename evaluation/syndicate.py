"""Generate a labelled syndication corpus from real articles: copies and rewrites with known sources.

Each source article yields 0-4 derived versions, each made by a random mix of
what syndication and scraping do to news:

* copy edits: new headline, byline or dateline line, site boilerplate above and
  below, truncation, dropped or moved paragraphs, word edits, OCR-like character noise;
* rewrite edits: synonym rewording and sentence reordering (a "rewrite");
* partial copies (``--partial-share``): the lead and the paragraphs after it, cut
  to 35-65% of the article's words, followed by as many words of an outlet's own
  material (paragraphs of articles outside the chosen categories, each used once, so
  that it links to nothing in the corpus) - a wire story run in part, with local reporting.

Every derived version is labelled with its source; sources with no versions stay
as distractors.  Sources that are already identical or near-copies of each other in
the corpus (BBC re-published updated stories) share a label: see near_duplicate_labels.  The output is JSONL (id, text, title, cluster, kind), ready for
``dedup eval``.  Deterministic for a given seed.

    python evaluation/syndicate.py ../shared/corpora/bbc-news/articles.jsonl \\
        --categories politics,sport,tech --seed 2 -o /tmp/syndication-report.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

HEADERS = [
    "Skip to main content", "Menu | Search | Sign in", "Home > News > World", "ADVERTISEMENT",
    "Subscribe now for unlimited access", "Listen to this article", "Advertisement - scroll to continue",
]
FOOTERS = [
    "Share this article", "Share on Facebook Share on Twitter", "Popular posts from this blog",
    "Sign up for our newsletter", "Related articles", "Comments are closed.", "Join the Discussion",
    "(c) 2005 All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "For more such updates, keep reading", "Most read", "Read more:", "Follow us on Twitter",
]
BYLINES = ["By staff reporters", "From our correspondent", "Wire reports", "By {name}, News Service",
           "Reporting by {name}; editing by Jane Doe"]
NAMES = ["Alex Morgan", "Sam Patel", "Chris Okafor", "Dana Whitfield", "Lee Chen"]
SYNONYMS = {
    "said": "stated", "says": "states", "big": "large", "large": "big", "buy": "purchase", "bought": "purchased",
    "help": "assist", "show": "demonstrate", "start": "begin", "started": "began", "end": "finish",
    "rise": "increase", "rose": "climbed", "fall": "decline", "fell": "dropped", "company": "firm",
    "firm": "company", "government": "administration", "people": "individuals", "new": "fresh",
    "plan": "proposal", "plans": "proposals", "expected": "anticipated", "important": "significant",
    "many": "numerous", "about": "around", "also": "additionally", "but": "however", "cut": "reduce",
    "cuts": "reductions", "quickly": "rapidly", "chief": "head", "job": "post", "jobs": "posts",
    "country": "nation", "because": "since", "before": "prior to", "after": "following", "need": "require",
}
#: Chinese rewording: news words and their usual synonyms (both ways where both are common).
CHINESE_SYNONYMS = {
    "表示": "指出", "指出": "表示", "今天": "今日", "目前": "当前", "当前": "目前", "进行": "开展", "开展": "进行",
    "重要": "重大", "提高": "提升", "提升": "提高", "增加": "增长", "减少": "降低", "降低": "减少", "加强": "强化",
    "继续": "持续", "持续": "继续", "群众": "民众", "举行": "召开", "召开": "举行", "会见": "接见", "领导": "负责人",
    "情况": "状况", "积极": "主动", "努力": "尽力", "推进": "推动", "推动": "推进", "实现": "达成", "取得": "获得",
    "获得": "取得", "改革": "变革", "今年": "本年", "去年": "上年", "最近": "近来", "主要": "首要", "明显": "显著",
    "显著": "明显", "迅速": "快速", "全面": "整体", "已经": "已", "认为": "觉得", "希望": "期望", "帮助": "协助",
}
_CHINESE_WORD = re.compile("|".join(sorted(CHINESE_SYNONYMS, key=len, reverse=True)))
_OCR = {"e": "c", "l": "1", "o": "0", "i": "l", "m": "rn", "h": "b", "a": "o", "s": "5", "t": "f",
        # Chinese characters OCR reads as their look-alikes
        "己": "已", "已": "己", "未": "末", "末": "未", "土": "士", "士": "土", "日": "曰", "人": "入", "天": "夫",
        "大": "太", "王": "玉", "戊": "戌", "木": "本", "千": "干", "力": "刀", "田": "由", "市": "巿", "员": "贝"}
#: Scripts written without spaces between words (Chinese, Japanese kana and kanji): edited a character
#: at a time, and each character a word to the near-duplicate labelling.
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_CHARS}]")
_WORDS = re.compile(f"[{_CJK_CHARS}]|[^\\W{_CJK_CHARS}]+")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def wire_paragraphs(text: str) -> list[str]:
    """Paragraphs as a site would set them, whitespace collapsed: a paragraph ends at a blank line or
    at an indented line (Reuters indents its paragraphs), and hard-wrapped lines within one are joined."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=[ \t])", text) if p.strip()]


def word_edits(text: str, rng: random.Random, rate: float) -> str:
    if _CJK.search(text):  # no spaces: a character dropped or doubled, about as often as a word's last letter
        return "".join(("" if rng.random() < 0.5 else ch + ch) if _CJK.match(ch) and rng.random() < rate / 2 else ch
                       for ch in text)
    words = text.split(" ")
    for i, w in enumerate(words):
        if rng.random() < rate and len(w) > 3:
            words[i] = w[:-1] if rng.random() < 0.5 else w + w[-1]
    return " ".join(words)


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    return "".join(_OCR.get(ch, ch) if rng.random() < rate else ch for ch in text)


def reword(text: str, rng: random.Random, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = SYNONYMS.get(word.lower())
        if replacement is None or rng.random() > rate:
            return word
        return replacement.capitalize() if word[0].isupper() else replacement

    def swap_chinese(match: re.Match[str]) -> str:
        word = match.group(0)
        return CHINESE_SYNONYMS[word] if rng.random() <= rate else word
    if _CJK.search(text):
        return _CHINESE_WORD.sub(swap_chinese, text)
    return re.sub(r"[A-Za-z]+", swap, text)


def reorder_sentences(paragraph: str, rng: random.Random) -> str:
    cjk = bool(_CJK.search(paragraph))  # full stops with no space after them
    sentences = [s for s in re.split(r"(?<=[。！？])", paragraph) if s] if cjk else re.split(r"(?<=[.!?])\s+", paragraph)
    if len(sentences) > 2 and rng.random() < 0.5:
        i = rng.randrange(len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return ("" if cjk else " ").join(sentences)


def derive(title: str, text: str, rng: random.Random, kind: str, own_pool: list[str] | None = None) -> tuple[str, str]:
    """A derived version of one article; a partial copy takes its own material from ``own_pool``."""
    paras = paragraphs(text)
    new_title = title
    if rng.random() < 0.6:
        new_title = rng.choice(["Report: ", "UPDATE: ", "", "Breaking: "]) + " ".join(
            reversed(title.split(" ")[: max(3, len(title.split(" ")) // 2)])).capitalize() + " " + title.split(" ")[-1]
    if kind == "partial":
        assert own_pool is not None
        words = [len(p.split()) for p in paras]
        share, kept = rng.uniform(0.35, 0.65), 1
        while kept < len(paras) and sum(words[:kept]) < share * sum(words):
            kept += 1
        own: list[str] = []
        while sum(len(p.split()) for p in own) < sum(words[kept:]) or not own:  # as many words as were cut
            own.append(own_pool.pop())
        paras = paras[:kept] + own
        if rng.random() < 0.4:
            paras = [word_edits(p, rng, 0.03) for p in paras]
    elif kind == "copy":
        if len(paras) > 3 and rng.random() < 0.5:  # truncation: wire copy cut for space
            paras = paras[: max(2, int(len(paras) * rng.uniform(0.5, 0.85)))]
        if len(paras) > 4 and rng.random() < 0.3:  # a dropped paragraph
            del paras[rng.randrange(1, len(paras) - 1)]
        if len(paras) > 3 and rng.random() < 0.2:  # a paragraph moved by an editor (the lead stays on top)
            paras.insert(rng.randrange(1, len(paras)), paras.pop(rng.randrange(1, len(paras))))
        if rng.random() < 0.4:
            paras = [word_edits(p, rng, 0.03) for p in paras]
        if rng.random() < 0.25:
            paras = [ocr_noise(p, rng, 0.02) for p in paras]
    else:  # rewrite
        paras = [reorder_sentences(reword(p, rng, 0.6), rng) for p in paras]
        if len(paras) > 3 and rng.random() < 0.5:
            i = rng.randrange(len(paras) - 1)
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
    head = [rng.choice(HEADERS)] if rng.random() < 0.6 else []
    if rng.random() < 0.5:
        head.append(rng.choice(BYLINES).format(name=rng.choice(NAMES)))
    foot = rng.sample(FOOTERS, k=rng.randint(0, 3))
    return new_title, "\n\n".join([*head, *paras, *foot])


def generate(records: list[dict], seed: int, rewrite_share: float, partial_share: float = 0.0,
             others: Sequence[dict] = ()) -> list[dict]:
    """``others``: articles outside the corpus whose paragraphs partial copies add as their own."""
    rng = random.Random(seed)
    own_pool = [p for r in others for p in paragraphs(r["text"])] if partial_share else []
    random.Random(seed + 1).shuffle(own_pool)
    out = []
    for record in records:
        label = record["id"]
        out.append({"id": record["id"], "title": record["title"], "text": record["text"], "cluster": label,
                    "kind": "source"})
        for n in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            kind = "rewrite" if rng.random() < rewrite_share else "copy"
            if partial_share and rng.random() < partial_share:
                kind = "partial"
            title, text = derive(record["title"], record["text"], rng, kind, own_pool)
            out.append({"id": f"{record['id']}~{kind}{n + 1}", "title": title, "text": text, "cluster": label,
                        "kind": kind})
    return out


def exact_groups(records: list[dict]) -> dict[str, str]:
    """The corpus's own identical articles share one label (they are real duplicates).

    Keyed on the body alone: BBC re-published some stories word for word under a new headline.
    """
    first: dict[str, str] = {}
    label = {}
    for r in records:
        key = " ".join(r["text"].lower().split())
        label[r["id"]] = first.setdefault(key, r["id"])
    return label


def near_duplicate_labels(records: list[dict], label: dict[str, str], threshold: float = 0.5) -> dict[str, str]:
    """Merge labels of sources that are already near-copies of each other in the corpus itself.

    BBC re-published updated versions of some stories.  Rule, independent of dedup's own
    pipeline: plain lower-cased word 5-grams, and two sources share a label when at least
    ``threshold`` of the shorter one's 5-grams are in the other.
    """
    shingles = {}
    for r in records:
        words = _WORDS.findall(r["text"].lower())
        shingles[r["id"]] = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    index: dict[str, list[str]] = {}
    for rid, grams in shingles.items():
        for g in grams:
            index.setdefault(g, []).append(rid)
    parent = {rid: rid for rid in shingles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rid, grams in shingles.items():
        shared: dict[str, int] = {}
        for g in grams:
            for other in index[g]:
                if other > rid:
                    shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            if count >= threshold * min(len(grams), len(shingles[other])):
                parent[max(find(rid), find(other))] = min(find(rid), find(other))
    root_label: dict[str, str] = {}
    for r in records:  # the first record of a group names it, as exact_groups does
        root_label.setdefault(find(r["id"]), label[r["id"]])
    return {rid: root_label[find(rid)] for rid in label}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--categories", default="", help="comma-separated BBC categories to use")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rewrite-share", type=float, default=0.0)
    parser.add_argument("--partial-share", type=float, default=0.0,
                        help="share of derived versions that are partial copies with material of their own")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.source.open(encoding="utf-8")]
    others: list[dict] = []
    if args.categories:
        wanted = set(args.categories.split(","))
        others = [r for r in records if r.get("category") not in wanted]
        records = [r for r in records if r.get("category") in wanted]
    relabel = near_duplicate_labels(records, exact_groups(records))
    rows = generate(records, args.seed, args.rewrite_share, args.partial_share, others)
    for row in rows:
        row["cluster"] = relabel[row["cluster"]]
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
