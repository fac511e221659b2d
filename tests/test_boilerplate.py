"""Site boilerplate is no evidence of a copy: short stories under one site's chrome stay apart."""

from __future__ import annotations

import random
from dataclasses import asdict

import numpy as np
import pytest

from dedup import Document, Relation, ScanSettings, scan_documents
from dedup.analysis import line_hash
from dedup.boilerplate import boilerplate_lines, without_lines
from dedup.cluster import Cluster
from dedup.compare import compare_documents
from dedup.jsonout import result_dict
from dedup.pipeline import Corpus
from dedup.verify import Link

from .test_verify import COMPANIES, dividend_notice

#: One site's chrome, on every page it serves: a byline, a list of its most-read stories, a footer.
SIDEBAR = ["By Courier staff", "Updated this morning", "Most read", "Harbour fees rise again",
           "Tarnwick ferry timetable changes", "Skellan council elections called", "Brackley Moor fair returns",
           "Hallow Park reopens after the storm", "Ferncastle bridge repairs to start", "Lifeboat crew honoured",
           "Island airport runway extended", "Harbour master retires after forty years", "Ferry strike averted",
           "Ferncastle cinema to close", "Storm warning for the weekend", "Share this article", "Follow us",
           "Copyright The Island Courier"]

STORIES = {
    "library": ("Skellan library extends its opening hours",
                "Skellan library will open until nine on weekdays from next month. The council said more "
                "students had asked to study there in the evenings."),
    "bakery": ("Bakery wins regional bread prize",
               "A family bakery in Ferncastle has won the regional prize for its rye loaf. Its owner, Orla "
               "Penhale, said the recipe came from her grandmother."),
    "bus": ("New bus route links the harbour and the hospital",
            "A new bus route will run every twenty minutes between Tarnwick harbour and the hospital. "
            "Drivers will be hired locally, the operator said."),
    "rowing": ("Rowing club buys two new boats",
               "The Brackley Moor rowing club has bought two racing boats with money raised at its summer "
               "regatta. The boats arrive in April."),
    "school": ("School roof to be replaced over the summer",
               "The leaking roof of Hallow Park primary school will be replaced during the summer holidays, "
               "the education board confirmed on Monday."),
    "market": ("Farmers market moves to the square",
               "The weekly farmers market will move to the town square in May while the old hall is "
               "rewired. Stallholders welcomed the larger space."),
}


def page(name: str, headline: str, body: str) -> Document:
    """A story as the site serves it, its chrome around it: a page read from HTML comes out so."""
    lines = [headline, *SIDEBAR[:2], *body.split(". "), *SIDEBAR[2:]]
    return Document(f"{name}.html", "\n\n".join(lines))


def other_sites(count: int) -> list[Document]:
    """Pages of other sites, in words of no language, so that the chrome's names are rare in the corpus as
    they are among thousands of pages (in a handful, every word of the chrome would be common)."""
    rng = random.Random(3)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vor", "ul", "pe", "dra", "sin", "bo", "gel", "hu", "nar"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))

    return [Document(f"other-{k:02}.txt", " ".join(word() for _ in range(5)).title() + "\n\n"
                     + " ".join(" ".join(word() for _ in range(9)).capitalize() + "." for _ in range(4)))
            for k in range(count)]


def clusters(docs: list[Document], level: Relation) -> list[list[str]]:
    result = scan_documents(docs, ScanSettings(level=level, workers=1))
    return [sorted(d.id for d in c.documents) for c in result.clusters]


def test_stories_under_one_sites_chrome_stay_apart_and_a_reprint_still_joins():
    pages = [page(name, *story) for name, story in STORIES.items()] + other_sites(40)
    headline, body = STORIES["bakery"]
    reprint = page("bakery-reprint", "Ferncastle rye loaf takes the regional prize", body)
    for level in (Relation.COPY, Relation.STORY):
        assert clusters([*pages, reprint], level) == [["bakery-reprint.html", "bakery.html"]]
    result = scan_documents([*pages, reprint], ScanSettings(workers=1))
    assert result.stats["pairs_read_without_boilerplate"] > 0
    [cluster] = result.clusters
    # The chrome is shown as boilerplate, not as what the two copies share.
    assert {s.text for s in cluster.shared} >= {"A family bakery in Ferncastle has won the regional prize for "
                                                 "its rye loaf"}
    assert not {s.text for s in cluster.shared} & set(SIDEBAR)
    assert {s.text for d in cluster.documents for s in d.boilerplate} == set(SIDEBAR)


def test_template_notices_under_the_chrome_stay_apart_and_a_reprint_joins():
    """Dividend notices of different companies share their frame and the site's chrome; with the chrome set
    aside they are the template instances they are (lines with figures are never set aside)."""
    rng = random.Random(11)
    notices = []
    for company in COMPANIES[:6]:
        headline, *frame = dividend_notice(company, rng).split("\n\n")
        notices.append(page(company.lower().replace(" ", "-"), headline, "\n\n".join(frame)))
    pages = [page(name, *story) for name, story in STORIES.items()] + other_sites(40)
    for level in Relation:
        assert clusters([*pages, *notices], level) == []
    wire = Document("harsco-wire.txt", notices[0].text.split("\n\n", 3)[3].split("\n\nMost read")[0])
    assert "Qtly div" in wire.text and "Courier" not in wire.text
    assert clusters([*pages, *notices, wire], Relation.COPY) == [["harsco-wire.txt", "harsco.html"]]


def test_boilerplate_is_a_line_in_documents_of_several_clusters():
    hashes = [frozenset({1, 2}), frozenset({2, 3}), frozenset({2, 4})]
    assert boilerplate_lines(hashes, [], 3) == frozenset({2})  # three documents in no cluster: three clusters
    assert boilerplate_lines(hashes, [Cluster(0, (0, 1, 2), ())], 3) == frozenset()  # one cluster: a story's line
    doc = Document("a", "Fares frozen\n\nThe council voted on Tuesday to keep the ferry fares\nfrozen for another "
                        "year.\n\nShare this article", title="Fares frozen")
    share = frozenset({line_hash("share this article")})  # hard-wrapped lines are one line, as the scan reads them
    assert without_lines(doc, share) == Document(
        "a", "Fares frozen\n\nThe council voted on Tuesday to keep the ferry fares frozen for another year.")


def test_compare_with_the_corpus_as_context_sets_the_chrome_aside_as_a_scan_does():
    pages = [page(name, *story) for name, story in STORIES.items()]
    alone = compare_documents(pages[0], pages[1], ScanSettings(workers=1))
    assert alone.relation == "copy"  # two pages alone: nothing says their shared lines are a site's chrome
    among = compare_documents(pages[0], pages[1], ScanSettings(workers=1), context=[*pages, *other_sites(40)])
    assert among.relation is None
    assert among.link.reason.endswith("(with the boilerplate lines both carry set aside)")


LIFEBOAT = ["Tarnwick lifeboat crew rescues four from a drifting yacht",
            "The Tarnwick lifeboat rescued four sailors from a yacht drifting off Skellan Point on Sunday night.",
            "The yacht had lost its engine and its mast in a squall, the coastguard said.",
            "Volunteers reached it within twenty minutes of the call and towed it into Ferncastle harbour.",
            "Coxswain Orla Penhale said the sailors were cold but unhurt and had done the right thing by calling early.",
            "The crew has been called out eleven times this year, more than in the whole of last year.",
            "The station is raising money for a new boathouse at Brackley Moor, which it hopes to open next spring."]


def test_a_links_relation_and_scores_are_those_of_the_texts_without_the_chrome():
    """Half reworded under the site's chrome: the chrome both pages carry no longer counts towards the
    3-grams the two share, and the link says it was read so."""
    original = page("lifeboat", LIFEBOAT[0], " ".join(LIFEBOAT[1:]))
    reworded = ["Four sailors were rescued by the Tarnwick lifeboat late on Sunday from a yacht adrift off Skellan "
                "Point.", "A squall had taken the yacht's engine and mast, according to the coastguard.",
                "Within twenty minutes of the call the volunteers had reached it and towed it to Ferncastle."]
    rewrite = page("lifeboat-rewrite", "Four saved as Tarnwick lifeboat tows yacht to harbour",
                   " ".join([*reworded, *LIFEBOAT[4:]]))
    corpus = [*(page(name, *story) for name, story in STORIES.items()), *other_sites(40)]
    alone = compare_documents(original, rewrite, ScanSettings(workers=1))
    result = scan_documents([*corpus, original, rewrite], ScanSettings(workers=1))
    [cluster] = result.clusters
    [link] = cluster.links
    assert link.reason.endswith("(with the boilerplate lines both carry set aside)")
    shared_alone = max(alone.link.scores.containment_a, alone.link.scores.containment_b)
    shared_without = max(link.scores["containment_a"], link.scores["containment_b"])
    assert shared_without < shared_alone - 0.1


#: A second site's chrome, which the first site also runs beside its own on its partner pages.
PARTNER = ["From the Valley Gazette", "Gazette picks", "Orchard show dates announced", "Mill lane closed for repairs",
           "Weir footpath reopens", "Valley choir tours the coast", "Gazette newsletter", "Contact the newsroom"]


def partner_page(name: str, headline: str, body: str) -> Document:
    own = page(name, headline, body)
    return Document(own.id, own.text + "\n\n" + "\n\n".join(PARTNER))


def test_pages_carrying_one_or_two_sites_chrome_are_each_read_without_the_lines_they_share():
    """Pages of one site share all their chrome, a partner page only the first site's part of it with those:
    each pair is read without what *it* shares, and its link names its own two pages."""
    names = list(STORIES)
    courier = [page(name, *STORIES[name]) for name in names[:4]]
    partner = [partner_page(name, *STORIES[name]) for name in names[4:]]
    gazette = [Document(f"gazette-{k}.txt", "\n\n".join([*PARTNER, *other.text.split("\n\n")]))
               for k, other in enumerate(other_sites(46)[40:])]
    headline, body = STORIES["rowing"]
    reprint = partner_page("rowing-reprint", "Two racing boats for the Brackley Moor club", body)
    docs = sorted([*courier, *partner, *gazette, reprint, *other_sites(40)], key=lambda d: d.id)
    corpus = Corpus.build(docs, ScanSettings(workers=1))
    check = corpus.boilerplate_check()
    pairs = np.array([(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))], dtype=np.int64)
    concerned = check.concerned(pairs)
    assert concerned.tolist() == [check.concerns(i, j) for i, j in pairs.tolist()]
    assert concerned.sum() > 40  # the first site's pages with one another, the partner pages with both sites'
    result = scan_documents(docs, ScanSettings(workers=1))
    assert [sorted(d.id for d in c.documents) for c in result.clusters] == [
        ["rowing-reprint.html", "rowing.html"]]
    assert all(link.reason.endswith("(with the boilerplate lines both carry set aside)")
               for link in result.clusters[0].links)


def test_snapshots_of_one_page_wait_in_copy_families_and_cluster_as_if_every_pair_were_aligned():
    """A crawl that fetched one story's page again and again (each time a word changed, a paragraph cut):
    pairs of snapshots, read without the chrome, wait for their family leader's links as copies do."""
    edits = [("Sunday night", "Sunday evening"), ("four sailors", "four yachtsmen"), ("cold", "cold and wet"),
             ("this year", "so far this year"), ("twenty minutes", "half an hour"), ("new boathouse", "new station")]
    snapshots = []
    for k in range(8):
        body = LIFEBOAT[1:] if k % 3 else LIFEBOAT[1:-1]
        text = " ".join(body).replace(*edits[k % len(edits)])
        snapshots.append(page(f"lifeboat-{k}", LIFEBOAT[0], text))
    docs = [*(page(name, *story) for name, story in STORIES.items()), *other_sites(40), *snapshots]
    for level in (Relation.COPY, Relation.STORY):
        every = scan_documents(docs, ScanSettings(level=level, workers=1, family_members=10**6))
        families = scan_documents(docs, ScanSettings(level=level, workers=1))
        assert result_dict(families)["clusters"] == result_dict(every)["clusters"]
        assert [sorted(d.id for d in c.documents) for c in families.clusters] == [
            sorted(d.id for d in snapshots)]
        assert families.stats["pairs_read_without_boilerplate"] >= 28  # every pair of snapshots
        assert every.stats["family_pairs_not_aligned"] == 0 < families.stats["family_pairs_not_aligned"]
        assert families.stats["verified_links"] < every.stats["verified_links"]


def test_a_pairs_reading_without_the_chrome_does_not_depend_on_what_else_is_read_with_it():
    """Pairs are read in bulk, but the clustering reads a pair it must verify on its own: the two must agree,
    down to how a word's forms weigh ("sailor" is commoner in the corpus than "sailors")."""
    sailing = [page(f"sailing-{k}", f"Sailing club news {k}", f"A sailor from the club won race {word} on Saturday. "
                                                              "The regatta drew crews from three islands.")
               for k, word in enumerate(["one", "two", "three"])]
    snapshots = [page(f"lifeboat-{k}", LIFEBOAT[0], " ".join(LIFEBOAT[1:]).replace("Sunday", day))
                 for k, day in enumerate(["Sunday", "Saturday"])]
    docs = sorted([*(page(name, *story) for name, story in STORIES.items()), *other_sites(40), *sailing,
                   *snapshots], key=lambda d: d.id)
    corpus = Corpus.build(docs, ScanSettings(workers=1))
    check = corpus.boilerplate_check()
    pairs = np.array([(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))], dtype=np.int64)
    together, _ = check.read(pairs[check.concerned(pairs)])
    ids = {(docs[link.a].id, docs[link.b].id) for link in together}
    assert ("lifeboat-0.html", "lifeboat-1.html") in ids
    for link in together:
        [alone], _ = check.read(np.array([[link.a, link.b]]))
        assert alone.relation == link.relation
        # Equal but for the last bits of a float (sums over other columns, in another order).
        assert asdict(alone.scores) == pytest.approx(asdict(link.scores), abs=1e-12, rel=0)


def test_a_line_of_few_long_words_is_no_site_line():
    """Site chrome is short in characters as well as in words.  A Tamil or Malayalam sentence of 7 words runs to
    100 characters; a story's one-sentence paragraph, carried by its source and four copies cut after it, was set
    aside as chrome, and the copies were left with nothing to compare (the UDHR's passages, evaluation/udhr.py)."""
    from dedup.analysis import profiles
    from dedup.fingerprint import Fingerprinter
    from dedup.normalize import fold

    tamil = "எவரும் அமைதியான முறையில் ஒன்று கூடுவதற்கும் இணைவதற்குமான சுதந்திரத்துக்கு உரிமையுண்டு."
    chrome = "Share on Facebook Share on Twitter"
    settings = ScanSettings(workers=1)
    (profile,), _ = profiles([f"{tamil}\n\n{chrome}"], Fingerprinter(settings.fingerprint), settings.boilerplate_words)
    assert len(tamil.split()) <= settings.boilerplate_words and len(tamil) > 84  # 12 words, 7 characters each
    assert set(profile.short_lines) == {line_hash(fold(chrome))}


#: Two write-ups of one vote, each a site's page ending in that site's "Follow us" line.
MOORING = ("Harbour fees to double next year",
           "The Tarnwick harbour board voted on Monday to double mooring fees from January. Board chair Elspeth "
           "Quarrie said the money would pay for dredging the channel. Fishermen warned the rise would drive boats "
           "to Skellan. The fees were last raised in 2009. A public meeting is planned for next month.")
MOORING_RETOLD = ("Tarnwick mooring charges set to rise",
                  "Boat owners at Tarnwick will pay twice as much to tie up from January after a vote by the harbour "
                  "board. Elspeth Quarrie, who chairs it, blamed what dredging costs. Crews said they could sail for "
                  "Skellan and moor their boats there. Charges were last raised in 2009, and a public meeting follows "
                  "next month.")


def test_site_chrome_matched_in_two_write_ups_is_no_evidence_of_a_rewording():
    """A "Follow us on Twitter" line both pages end with aligns at 1.0 and lifted two write-ups of one event, whose
    own sentences are 0.58 alike on average, over the rewrite bar (0.6): a SemEval story's rewording joined another
    outlet's page so.  Where the line recurs in the corpus, as a site's chrome does, the verdict is the one the two
    texts get without it; the link still shows the line matched, for the report to label it."""
    follow = "Follow us on Twitter"

    def pair_link(chrome: bool, chrome_elsewhere: int) -> Link:
        pages = [Document(f"{name}.html", "\n\n".join([headline, *body.split(". "), *([follow] if chrome else [])]))
                 for name, (headline, body) in (("a", MOORING), ("b", MOORING_RETOLD))]
        others = [Document(d.id, f"{d.text}\n\n{follow}") if k < chrome_elsewhere else d
                  for k, d in enumerate(other_sites(40))]
        corpus = Corpus.build([*pages, *others], ScanSettings(workers=1))
        return corpus.verifier().verify(0, 1, level=Relation.REWRITE, full=True)

    without_line = pair_link(chrome=False, chrome_elsewhere=0)
    as_chrome = pair_link(chrome=True, chrome_elsewhere=3)
    assert without_line.relation == as_chrome.relation == Relation.STORY
    assert "0.58 alike on average" in as_chrome.reason
    assert as_chrome.scores.aligned_sentences == without_line.scores.aligned_sentences == 3
    assert as_chrome.alignment is not None and as_chrome.alignment.count == 4  # shown matched, labelled in reports
    # Carried by these two pages alone, the line is no site's chrome: it is matched text like any other.
    assert pair_link(chrome=True, chrome_elsewhere=0).relation == Relation.REWRITE
