"""Verification decisions: copies are copies, templates with other names and figures are not."""

from __future__ import annotations

import random
from dataclasses import replace

from dedup import Document, Relation, ScanSettings, scan_documents
from dedup.compare import compare_documents
from dedup.figures import changed_counts, quantities, shared_quantities
from dedup.pipeline import Corpus
from dedup.verify import Link

from .conftest import SAMPLES

COMPANIES = ["Harsco", "Loews", "Riggs National", "Van Dorn", "Athlone Industries", "Stone and Webster",
             "Spectrum Control", "Colgate-Palmolive", "Franklin Federal", "Carolina Power", "Tenneco",
             "Brown-Forman", "Quaker Oats", "Ohio Mattress", "Evans and Sutherland", "Pegasus Gold"]


def dividend_notice(company: str, rng: random.Random) -> str:
    cents = rng.choice(["six", "14", "27-1/2", "37.5", "15", "42"])
    return (f"{company.upper()} SETS QUARTERLY DIVIDEND\n\n"
            f"Qtly div {cents} cts vs {cents} cts prior\n"
            f"    Pay {rng.choice(['March', 'April', 'May'])} {rng.randint(1, 28)}\n"
            f"    Record March {rng.randint(1, 28)}\n")


def clusters_at(level: Relation, docs: list[Document]) -> list[list[str]]:
    result = scan_documents(docs, ScanSettings(level=level, workers=1))
    return [sorted(d.id for d in c.documents) for c in result.clusters]


def assert_apart_but_a_reprint_joins(instances: list[Document], reprint: Document, original: str) -> None:
    """Instances of one template never cluster, at any level; a reprint of one of them is its copy."""
    for level in Relation:
        assert clusters_at(level, instances) == []
    assert clusters_at(Relation.COPY, [*instances, reprint]) == [sorted([original, reprint.id])]


def test_template_notices_of_different_companies_never_cluster():
    rng = random.Random(5)
    docs = [Document(f"n{i}", dividend_notice(c, rng)) for i, c in enumerate(COMPANIES)]
    for level in Relation:
        assert clusters_at(level, docs) == []


def test_a_reprinted_notice_is_still_a_copy_among_templates():
    rng = random.Random(5)
    docs = [Document(f"n{i}", dividend_notice(c, rng)) for i, c in enumerate(COMPANIES)]
    reprint = Document("reprint", "Markets desk\n\n" + docs[3].text + "\nShare this article\n")
    assert clusters_at(Relation.COPY, [*docs, reprint]) == [["n3", "reprint"]]


def test_compare_explains_a_template_pair():
    rng = random.Random(1)
    a = Document("a", dividend_notice("Harsco", rng))
    b = Document("b", dividend_notice("Quaker Oats", rng))
    comparison = compare_documents(a, b, ScanSettings(workers=1))
    assert comparison.relation is None and not comparison.joins
    assert comparison.score < 1.0


def test_seed_paraphrase_is_a_rewrite_with_evidence():
    a = Document("000", (SAMPLES / "000_bd8e4e9c01becdd2.txt").read_text(encoding="utf-8"))
    b = Document("001", (SAMPLES / "001_25689abf7d233c60.txt").read_text(encoding="utf-8"))
    comparison = compare_documents(a, b, ScanSettings(workers=1))
    scores = comparison.link.scores
    assert comparison.relation == "rewrite"
    assert scores.facts_agree >= 0.5 and scores.specific_terms >= 3 and scores.jaccard < 0.1


def test_inflected_words_still_match_when_a_sentence_is_reworded():
    # A heavy rewrite in Clough-Stevenson's style: the source's words, inflected and reordered.
    source = Document("source", "Each column corresponds to a separate product.")
    rewrite = Document("rewrite", "With each separate product corresponding to the differing columns.")
    rows = compare_documents(source, rewrite, ScanSettings(workers=1)).rows_a
    assert rows[0].match == 0 and rows[0].score >= ScanSettings().thresholds.shared_sentence


ISSUERS = ["Tokyo Optical Co Ltd", "Nippon Shokubai Kagaku Kogyo", "Westpac Banking Corporation",
           "Mercedes-Benz Credit Corp", "Union Bank of Finland", "Caisse Centrale Desjardins du Quebec",
           "Canon Sales Co", "Zenchiku Co Ltd", "Keihanshin Real Estate", "Mitsubishi Chemical Industries"]
MANAGERS = ["Nomura International", "Daiwa Europe", "Deutsche Bank Capital Markets", "LTCB International"]


def bond_notice(issuer: str, rng: random.Random) -> str:
    """A prose template: the frame is word for word the same, the issuer, amounts and dates are not."""
    amount, day, year = rng.choice([40, 50, 80, 100, 150]), rng.randint(1, 28), rng.choice([1990, 1992, 1994])
    return (f"{issuer.upper()} ISSUES {amount} MLN DLR EUROBOND\n\n"
            f"{issuer} is launching a {amount} mln dlr eurobond with equity warrants, maturing April {day}, "
            f"{year}, with an expected coupon of 2-1/4 pct at an issue price of 100, said lead manager "
            f"{rng.choice(MANAGERS)} Ltd.\n"
            "Fees total 1-1/2 pct for selling and 3/4 pct for managing and underwriting combined.\n"
            "The bonds cannot be called early, come in 5,000 dlr denominations and will trade in "
            "Luxembourg.\n"
            f"Payment falls due on April {day} and the warrants can be exercised until {year}.\n")


def test_prose_templates_of_different_issuers_never_cluster_but_a_reprint_does():
    rng = random.Random(11)
    docs = [Document(f"b{i}", bond_notice(issuer, rng)) for i, issuer in enumerate(ISSUERS)]
    reprint = Document("reprint", "Bond markets\n\n" + docs[4].text.split("\n\n", 1)[1] + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(docs, reprint, "b4")


def test_list_numbers_and_a_dropped_figure_do_not_make_a_copy_a_template():
    """Figures differ only when both sentences carry figures: "1." is layout, a trimmed date is an edit."""
    source = ("Dynamic programming was refined by Richard Bellman in 1953 at the RAND Corporation.\n"
              "It solves a problem with optimal substructure in three steps.\n"
              "1. Split the problem into smaller overlapping parts.\n"
              "2. Solve these subproblems optimally, using the same three steps recursively.\n"
              "3. Combine the stored answers into an answer for the whole problem.\n"
              "The subproblems are solved in turn, smallest first, and each answer is stored in a table.\n")
    copy = (source.replace(" in 1953", "").replace("1. ", "").replace("2. ", "").replace("3. ", "")
            + "Share this article\n")
    comparison = compare_documents(Document("source", source), Document("copy", copy), ScanSettings(workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert comparison.link.scores.numbers_agree == 1.0


def test_compare_says_what_a_write_up_of_one_report_lacks_where_nothing_joins():
    """"Why not a duplicate?": past the copy checks, the bars a write-up of one report misses, with their values."""
    unrelated = compare_documents(Document("a", (SAMPLES / "library_reading_hours.txt").read_text(encoding="utf-8")),
                                  Document("b", (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")),
                                  ScanSettings(workers=1))
    assert unrelated.relation is None
    assert unrelated.link.reason.startswith("too little in common: TF-IDF cosine 0.0")
    assert "(under 0.3) and 0 shared rare terms (under 4), 0% aligned" in unrelated.link.reason
    # One frame, other people and places: the template check says why no copy, then why no write-up.
    frame = ("Police in {0} arrested a {1} on {2} over the {3}. The {4} was held at the central police station{5}, "
             "officers said. An investigation is under way and anyone with information is asked to call the police.")
    robbery = frame.format("Tarnwick", "34-year-old man", "Monday", "robbery of a Ferncastle bank branch", "man",
                           " overnight")
    theft = frame.format("Brackley", "52-year-old woman", "Friday", "theft of jewellery from a Skellan shop",
                         "woman", "")
    template = compare_documents(Document("a", "Police arrest man over bank robbery\n\n" + robbery),
                                 Document("b", "Police arrest woman over shop theft\n\n" + theft),
                                 ScanSettings(workers=1))
    assert template.relation is None
    first, second = template.link.reason.split("; ")
    assert first.endswith("(another instance of a template, not a copy)")
    assert second == "not a write-up of one report: 0 shared rare terms (under 4)"


def slaughter_estimate(day: int) -> str:
    """A periodic report: the same frame every day, some figures repeating, most not."""
    today, week_ago, year_ago = 110 + 4 * day, 113 + 4 * day, 140 + 4 * day  # no figure repeats across days
    return ("LIVESTOCK KILL ESTIMATES\n\n"
            "Traders on the exchange floor and at brokerage houses put today's hog slaughter near "
            "288,000 to 298,000 head.\n"
            "Saturday's hog slaughter is seen near 45,000 to 65,000 head.\n"
            f"The cattle kill is estimated at about {today},000 to {today + 5},000 head against "
            f"{week_ago},000 a week ago and {year_ago},000 a year ago.\n")


def test_issues_of_a_periodic_report_never_cluster_but_a_reprint_does():
    docs = [Document(f"day{i}", slaughter_estimate(i)) for i in range(6)]
    # A reprint that writes its figures its own way is still a copy.
    reprint = Document("reprint", docs[2].text.replace(",000", " thousand") + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(docs, reprint, "day2")


def ships_loading(loading: str, waiting: str) -> str:
    """A daily notice that spells its counts: another day's swaps a word or two, nothing else."""
    return ("GRAIN SHIPS LOADING AT PORTLAND\n\n"
            f"There were {loading} grain ships loading and {waiting} ships were waiting to load at Portland, "
            "according to the Portland Merchants Exchange.\n")


def test_notices_that_differ_only_in_spelled_counts_never_cluster_but_a_reprint_does():
    counts = [("seven", "six"), ("three", "two"), ("six", "six"), ("six", "eight"), ("twelve", "twenty")]
    docs = [Document(f"day{i}", ships_loading(*pair)) for i, pair in enumerate(counts)]
    # A reprint that writes a count in figures is still a copy: only a count swapped for another differs.
    reprint = Document("reprint", docs[3].text.replace("eight ships", "8 ships") + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(docs, reprint, "day3")


def test_only_counts_swapped_for_other_counts_are_read_as_changed_figures():
    assert changed_counts("seven grain ships and six waiting", "three grain ships and six waiting") == (
        {"seven": "7"}, {"three": "3"})
    # Added, or spelled where the other writes digits: no other figure.
    assert changed_counts("One of the five unions said", "one of the five unions said on Monday") == ({}, {})
    assert changed_counts("five unions struck", "5 unions struck") == ({}, {})
    assert changed_counts("Five unions struck", "Labour unions struck") == ({}, {})
    # Counts are read as values, as often as given: "six ... six" against "six ... eight" differ by one.
    assert changed_counts("six loading and six waiting", "six loading and eight waiting") == (
        {"six": "6"}, {"eight": "8"})
    # OCR noise inside a word ("tw0"), and a figure's parts ("1.5", "6-1/4"), are no counts.
    assert changed_counts("banned for two years", "banned for tw0 years") == ({}, {})
    assert changed_counts("three-day repurchases at 6-1/4 pct", "1.5 billion dlrs of repurchases at 6-1/4 pct") == (
        {}, {})


def reserve_prices(day: int) -> str:
    """A daily table whose figures mostly repeat: only the date it reports always changes."""
    return ("GRAIN RESERVE AVERAGE PRICES\n\n"
            "The farm ministry gave the grain reserve's five-day national average prices "
            f"through April {day} as below (dlrs per bushel, sorghum per cwt) -\n"
            f" Wheat   2.6{day % 2}   2.40       IV     4.65\n"
            " Corn    1.41   1.97       IV     3.25   3.25\n"
            " Oats     1.62   0.94        V    1.71\n"
            " Barley   1.49   1.53       IV    2.61   2.61\n"
            "Levels I to III have expired. Level IV covers grain put in after Oct 6, 1981.\n")


def test_issues_of_a_daily_table_with_repeating_figures_never_cluster_but_a_reprint_does():
    docs = [Document(f"april{day}", reserve_prices(day)) for day in (6, 7, 8, 9)]
    reprint = Document("reprint", docs[1].text.replace("April 7", "Apr. 7") + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(docs, reprint, "april7")


def temperature_tables(days: int, rng: random.Random) -> list[str]:
    """A daily table of the same places, each day's figures a degree or two from the day before: many repeat
    from one day to the next, and so are in two or three issues only."""
    places = ["BUENOS AIRES", "BAHIA BLANCA", "TRES ARROYOS", "TANDIL", "JUNIN", "SANTA ROSA", "CORDOBA"]
    highs, lows = [rng.randint(24, 34) for _ in places], [rng.randint(8, 16) for _ in places]
    tables = []
    for day in range(1, days + 1):
        rows = "\n".join(f"    {place}.......{high}.......{low}" for place, high, low in zip(places, highs, lows))
        tables.append("ARGENTINE GRAIN BELT WEATHER REPORT\n\n"
                      f"BUENOS AIRES, April {day} - Argentine grain belt temperatures (centigrade) in the 24 hours to "
                      f"12.00 GMT were:\n    ...............MAX TEMP..MIN TEMP\n{rows}\n")
        highs = [high + rng.choice((-2, -1, 0, 1, 2)) for high in highs]
        lows = [low + rng.choice((-1, 0, 1)) for low in lows]
    return tables


def test_a_week_of_a_daily_table_in_a_folder_of_its_own_is_no_story_but_a_reprint_joins():
    """Alone in a folder, every place the table lists is in every issue, so none is rare, while the figures two or
    three issues share by chance are: a write-up of one report shares a word too, not figures alone."""
    docs = [Document(f"april{day}", text) for day, text in enumerate(temperature_tables(5, random.Random(3)), 1)]
    reprint = Document("reprint", "Farm news\n\n" + docs[2].text + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(docs, reprint, "april3")
    # The issues that share 4 rare figures or more, and would be a story on those alone, say what they lack.
    comparisons = [compare_documents(a, b, ScanSettings(workers=1), context=docs)
                   for k, a in enumerate(docs) for b in docs[k + 1:]]
    by_figures = [c for c in comparisons if c.link.scores.rare_terms >= 4 and c.link.scores.cosine >= 0.3]
    assert by_figures and all(c.relation is None for c in by_figures)
    assert any(c.link.reason.endswith("shared rare terms, 0 of them words (under 1)") for c in by_figures)


def test_a_copy_that_trims_or_rewords_a_date_deep_in_the_story_stays_a_copy():
    """Only the leads' dates are compared: "began May nine" trimmed to "began May 9" is an edit."""
    story = ("Norrland Zinc has no wage talks planned this week with the four striking unions at its "
             "Kestrel smelter and Fallow Creek mine, union officials said.\n"
             "Union negotiators hope to arrange an informal meeting to break the deadlock, said Maria "
             "Lindqvist of the Metalworkers local 212.\n"
             "Lindqvist said the stoppage is costing Norrland about three mln dlrs a day in lost output.\n"
             "Smelter and maintenance staff voted down a provisional two-year deal last week.\n"
             "The stoppage began May nine and also covers two clerical bargaining units.\n"
             "Each of the four unions has its own contract, which ran out on April 30.\n")
    copy = story.replace("May nine", "May 9").replace(
        "Each of the four unions has its own contract, which ran out on April 30.\n", "")
    comparison = compare_documents(Document("a", story), Document("b", copy), ScanSettings(workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert comparison.link.scores.dates_agree == 1.0


def test_compare_names_the_dates_that_set_two_issues_apart():
    a, b = (Document(f"april{day}", reserve_prices(day)) for day in (6, 8))
    comparison = compare_documents(a, b, ScanSettings(workers=1))
    assert comparison.relation is None
    assert comparison.link.reason.startswith("the leads report April 6 and April 8 (another issue")


def test_a_correction_is_the_report_it_corrects_even_when_it_changes_the_date_or_a_figure():
    def notice(headline: str, month: str, workers: str) -> Document:
        return Document(headline, f"{headline}\n\nHalvard Motors will pause six of its vehicle assembly plants "
                                  f"for a week from {month} six, sending home {workers} workers for the "
                                  "period, spokesmen for its two divisions said.\n"
                                  "The carmaker will close three plants in each division, the Halvard "
                                  "passenger car division and the Tessaly light truck division.\n"
                                  "Four of the plants are in Ohio and Michigan. The other two are in Ontario.\n")
    original = notice("HALVARD MOTORS TO PAUSE SIX PLANTS", "August", "21,600")
    settings = ScanSettings(workers=1)
    corrected = notice("CORRECTED - HALVARD MOTORS TO PAUSE SIX PLANTS", "April", "21,500")
    assert compare_documents(original, corrected, settings).relation == "copy"
    # The same change without the correction's headline reads as the next issue of a notice.
    reissued = notice("HALVARD MOTORS TO PAUSE SIX MORE PLANTS", "April", "21,500")
    assert compare_documents(original, reissued, settings).relation is None


def convertible(issuer: str, manager: str, set_on: str, paid_on: str, converts_until: str) -> Document:
    """A prose bond notice: its maturity comes first and repeats; the days terms are set and paid do not."""
    return Document(issuer, f"{issuer.upper()} ISSUES 100 MLN SFR CONVERTIBLE\n\n"
                            f"{issuer} plans 100 mln Swiss francs of convertible notes maturing September 30, "
                            f"1992, carrying an indicated 1-1/4 pct coupon, said lead manager {manager}.\n"
                            f"Terms will be set on {set_on} with payment due {paid_on}.\n"
                            f"Conversion runs from May 20, 1987 to {converts_until}, 1992.\n")


def test_bond_issues_whose_lead_dates_mostly_differ_are_apart_but_a_reprint_joins():
    # Reuters 11853 and 14898, a week apart: only the maturity and the conversion start repeat.
    tokyo = convertible("Bank of Tokyo Ltd", "Swiss Bank Corp", "April 9", "April 30", "September 20")
    saitama = convertible("Saitama Bank Ltd", "Credit Suisse", "April 15", "May 6", "September 18")
    comparison = compare_documents(tokyo, saitama, ScanSettings(workers=1))
    assert comparison.relation is None
    assert comparison.link.reason.startswith("the leads report April 9 and April 15")
    reprint = Document("reprint", tokyo.text.replace("April 30", "Apr 30") + "\nShare this article\n")
    assert compare_documents(tokyo, reprint, ScanSettings(workers=1)).relation == "copy"


def test_copies_that_each_credit_their_own_staff_are_one_cluster():
    """A folder of clippings of one wire story, each closing with its outlet's credit line: the story's
    names are in every text, so not specific, and the credits' names were all that was left to compare."""
    text = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").rstrip()
    staff = ["Ana Abbott", "Ben Barros", "Cara Cole", "Dev Dunne", "Eli Ekwueme", "Fay Fischer", "Gus Grady"]
    docs = [Document(f"clip{k}", f"{text}\n\nReporting by {staff[k]}; editing by {staff[-1 - k]}\n")
            for k in range(6)]
    assert clusters_at(Relation.COPY, docs) == [[d.id for d in docs]]
    # Every pair compared, the clippings are near-copies, counted once when finding the frame (dedup.near_copies):
    # the story's names stay names, and the two share them.
    link = compare_documents(docs[0], docs[1], ScanSettings(workers=1), context=docs[2:]).link
    assert link.relation is Relation.COPY and link.scores.specific_containment > 0.9, link.reason
    # In a corpus too large for that, its names are frame words, and the credits' names are read as lines of one's own.
    link = compare_documents(docs[0], docs[1], replace(ScanSettings(workers=1), all_pairs_up_to=0),
                             context=docs[2:]).link
    assert link.relation is Relation.COPY and "credit lines aside" in link.reason, link.reason


def wire_story_and_four_outlets_copies() -> list[Document]:
    """The sample wire story, four outlets' copies of it (each under its own headline, with its byline, a site's
    line and two garbled words), and the other samples."""
    text = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").rstrip()
    body = text.split("\n\n", 2)[2]  # below the headline and the wire's byline
    outlets = [("Island Courier", "Ferries go electric in Port Ellen", "Subscribe now for unlimited access",
                [("settled", "setled"), ("winter", "wintr")]),
               ("Coast Today", "Port Ellen votes for battery ferries", "Sign up for our morning newsletter",
                [("struggle", "strugle"), ("Kilbride", "Kilbrlde")]),
               ("West Isles News", "Electric fleet approved after trial", "Follow us on social media",
                [("crossings", "crosings"), ("Reyes", "Reyse")]),
               ("Harbour Post", "Council backs electric ferries", "Read our latest print edition",
                [("sailings", "sailngs"), ("Shipbuilders", "Shipbuildrs")])]
    copies = []
    for k, (outlet, headline, site_line, garbled) in enumerate(outlets):
        own = body
        for word, typo in garbled:
            own = own.replace(word, typo, 1)
        copies.append(Document(f"copy{k}", f"{headline}\n\nBy {outlet} staff\n\n{own}\n\n{site_line}"))
    others = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))
              if "ferry" not in p.name]
    return [Document("wire", text), *copies, *others]


def test_a_wire_story_and_four_outlets_copies_in_a_small_folder_are_one_cluster():
    """Five versions of one story among nine texts put its names in over a quarter of them, as a template's frame
    words are; the wire's byline was then the only name it had, and the wire was parted from its own copies."""
    assert clusters_at(Relation.COPY, wire_story_and_four_outlets_copies()) == [
        ["copy0", "copy1", "copy2", "copy3", "wire"]]


def test_near_copies_count_once_when_the_frame_is_found_but_a_templates_instances_do_not():
    """A template's instances share all but their names, in the lines they share: their frame is found.  Copies
    differ by garbled letters and lines of their own (bylines, site lines): counted once, the story's names stay
    names.  A corpus too large to compare every pair does not look for near-copies."""
    rng = random.Random(11)
    bonds = [Document(f"b{i}", bond_notice(issuer, rng)) for i, issuer in enumerate(ISSUERS)]
    assert {"eurobond", "warrants", "denominations"} <= Corpus.build(bonds, ScanSettings(workers=1)).weights.common
    docs = wire_story_and_four_outlets_copies()
    names = {"saltire", "dunlop", "ellen"}
    assert not names & Corpus.build(docs, ScanSettings(workers=1)).weights.common
    assert names <= Corpus.build(docs, ScanSettings(workers=1, all_pairs_up_to=0)).weights.common


def test_clippings_that_each_add_a_line_naming_their_own_people_are_one_cluster():
    """The names only one copy carries sit below a lead both share word for word: lines of its own, not a
    template's next instance, whose lead names its own company or fund (the sister funds below)."""
    text = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").rstrip()
    locals_ = ["Orla Penhale", "Ewan Lusk", "Morag Fennick", "Fergus Tolmie", "Annis Corrie", "Petra Vance"]
    docs = [Document(f"clip{k}", f"{text}\n\nLocal councillor {name} welcomed the decision.\n")
            for k, name in enumerate(locals_)]
    assert clusters_at(Relation.COPY, docs) == [[d.id for d in docs]]
    link = compare_documents(docs[0], docs[1], ScanSettings(workers=1), context=docs[2:]).link
    assert link.relation is Relation.COPY and "the others are lines of one's own" in link.reason, link.reason
    # Held to the names check without that reading, they are no cluster at all.
    strict = ScanSettings(workers=1, level=Relation.COPY)
    strict = replace(strict, thresholds=replace(strict.thresholds, own_lines_containment=1.01, own_name_lines=-1))
    assert scan_documents(docs, strict).clusters == []


def test_clippings_cut_short_that_add_their_own_people_are_one_cluster():
    """Cut to the lead and a paragraph, with a site line, a few garbled letters and two councillors of its own,
    a clipping shares under 80% of its 3-grams with the next one (77% here, as much as the weekly notices
    below): what tells it from a template's next instance is that it names its own in one line, not in row
    after row.  Read only from 80% shared, two of the six would join."""
    text = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").rstrip()
    top = "\n\n".join(text.split("\n\n")[:4])
    sites = ["Share this article", "Comments are closed.", "Sign up for our newsletter", "Read more local news",
             "Follow us on social media", "Print this page"]
    people = ["Orla Penhale and Iain Brodie", "Ewan Lusk and Kirsty Munro", "Morag Fennick and Calum Baird",
              "Fergus Tolmie and Eilidh Rennie", "Annis Corrie and Ruaridh Gow", "Petra Vance and Seonag Laing"]
    slips = ["island", "terminals", "committee", "settled", "expected", "struggle", "replace", "spending", "charging",
             "argument", "winter", "batteries", "decision", "numbers", "trial", "equipment", "boats", "chaired"]
    docs = []
    for k, (site, names) in enumerate(zip(sites, people)):
        body = top
        for word in slips[3 * k : 3 * k + 3]:
            body = body.replace(word, word[:2] + word[3:], 1)  # a letter dropped
        docs.append(Document(f"clip{k}", f"{site}\n\n{body}\n\nLocal councillors {names} welcomed the decision.\n"))
    assert clusters_at(Relation.COPY, docs) == [[d.id for d in docs]]
    link = compare_documents(docs[0], docs[1], ScanSettings(workers=1), context=docs[2:]).link
    assert max(link.scores.containment_a, link.scores.containment_b) < 0.8
    assert link.relation is Relation.COPY and "the others are lines of one's own" in link.reason, link.reason
    stricter = ScanSettings(workers=1, level=Relation.COPY)
    stricter = replace(stricter, thresholds=replace(stricter.thresholds, own_name_lines=-1))
    assert max(len(c.documents) for c in scan_documents(docs, stricter).clusters) == 2


def test_clippings_under_their_sites_own_chrome_that_add_their_own_people_are_one_cluster():
    """Each site's chrome above the headline ("Skip to main content") is no name of the story's lead."""
    text = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").rstrip()
    chrome = ["Skip to main content", "Subscribe now for unlimited access", "Listen to this article",
              "Sign in to our newsroom", "Advertisement - scroll to continue", "Latest regional stories"]
    locals_ = ["Orla Penhale", "Ewan Lusk", "Morag Fennick", "Fergus Tolmie", "Annis Corrie", "Petra Vance"]
    docs = [Document(f"clip{k}", f"{line}\n\n{text}\n\nLocal councillor {name} welcomed the decision.\n")
            for k, (line, name) in enumerate(zip(chrome, locals_))]
    assert clusters_at(Relation.COPY, docs) == [[d.id for d in docs]]


def fund_payout(fund: str, cents: str) -> Document:
    """A sister fund's monthly notice: the frame, the days and the sponsor repeat; its name and amount do not."""
    return Document(fund, f"FRANKLIN {fund.upper()} TAX-FREE SETS PAYOUT\n\n"
                          f"Mthly div {cents} cts vs {cents} cts prior\n"
                          "    Pay March 31\n"
                          "    Record March 16\n"
                          f"    NOTE: Franklin {fund} Tax-Free Income Fund.\n")


def test_sister_funds_notices_are_apart_but_a_reprint_joins():
    funds = [fund_payout(fund, cents) for fund, cents in
             (("California", "6.5"), ("Insured", "7.1"), ("Michigan", "7.4"), ("Ohio", "6.9"), ("Puerto Rico", "5.8"))]
    reprint = Document("reprint", funds[2].text.replace("Mthly div", "Monthly div") + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(funds, reprint, "Michigan")
    comparison = compare_documents(funds[0], funds[1], ScanSettings(workers=1))
    assert comparison.link.scores.lead_figures_agree == 0.0
    assert comparison.link.reason.startswith("the leads open with 6.5 and 7.1, neither in the other text")


def test_a_copy_whose_new_headline_rounds_the_lead_figure_stays_a_copy():
    """Only when *neither* lead's first figure is in the other text do the leads disagree."""
    body = ("K mart Corp said its February sales rose 8.2 pct to 1.52 billion dlrs from 1.40 billion dlrs "
            "a year earlier.\nComparable-store sales in the month were up 5.8 pct, the retailer said.\n"
            "The company said the increase reflected strong demand for apparel and home furnishings.\n")
    wire = Document("wire", f"K MART FEBRUARY SALES UP 8.2 PCT\n\n{body}")
    reprint = Document("reprint", f"K mart sales rise 8 pct in February\n\n{body}Share this article\n")
    comparison = compare_documents(wire, reprint, ScanSettings(workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert comparison.link.scores.lead_figures_agree == 1.0


def test_a_copy_whose_figures_slipped_a_last_digit_stays_a_copy():
    """Typing and OCR drop or double a figure's last digit ("1964" as "196"); the leads still agree,
    and the figures of matched sentences too.  Another amount is no slip ("290,000" and "20,000")."""
    body = ("The Wellmore Players were founded in 1964 by a group of teachers in the town of Ashby.\n"
            "Their first season sold 5,000 tickets, and the company has toured every year since.\n"
            "Director Hana Oduya said the anniversary season would open with the play that began it all.\n"
            "The theatre's board said it had raised the money for a new roof over the winter.\n")
    wire = Document("wire", f"Players mark anniversary\n\n{body}")
    slipped = body.replace("1964", "196").replace("5,000", "5,0000")
    reprint = Document("reprint", f"Wellmore Players at sixty\n\n{slipped}Share this article\n")
    comparison = compare_documents(wire, reprint, ScanSettings(workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert comparison.link.scores.lead_figures_agree == 1.0 and comparison.link.scores.numbers_agree == 1.0
    assert shared_quantities({"1964": "1964"}, {"19644": "19644"}) == (1, 1)
    for other in ("20,000", "290,001", "29,000", "2,900"):  # dropped inside, changed, or more: other amounts
        assert shared_quantities({"290,000": "2.9e+05"}, {other: other}) == (0, 2), other
    # "about 300 mln dlrs and 3,000 staff" against "about 300 mln dlrs": the 300 is not counted twice
    assert shared_quantities({"300": "300", "3,000": "3000"}, {"300": "300"}) == (1, 2)
    assert shared_quantities({"6.5": "6.5"}, {"6.55": "6.55"}) == (0, 2)  # sister funds' payouts, not a slip


def test_a_figure_is_read_whole_with_its_unit_so_a_copy_that_drops_the_unit_stays_a_copy():
    """BBC style writes units onto figures ("17.30m", "£1.35bn"); a copy edit that drops the unit letter
    leaves the same figure, never another one ("17" read from "17.30m" was another lead figure)."""
    body = ("Athletics pundit Jonathan Marsh believes Phillips Okoro can take gold at the European Indoors.\n"
            "Okoro landed 17.30m at the British trials in Sheffield last month to lead the world rankings.\n"
            "\"It's all down to him, but if he jumps as well as he did in Sheffield he could win,\" said Marsh.\n"
            "The qualifying round takes place on Friday in Madrid with the final scheduled for Saturday.\n")
    source = Document("source", f"Marsh tips Okoro for Euro gold\n\n{body}")
    copy = Document("copy", "Okoro tips marsh gold\n\n" + body.replace("17.30m", "17.30") + "Share this article\n")
    comparison = compare_documents(source, copy, ScanSettings(workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert quantities("landed 17.30m") == quantities("landed 17.30") == {"17.30": "17.3"}
    # A currency's scale is read whatever way it is written; a digit inside a word is no figure.
    assert set(quantities("a £1.35bn ($2.5bn) offer").values()) == set(
        quantities("a £1.35 billion (2,500,000,000 dlrs) offer").values())
    assert quantities("£5m") == {"5": "5e+06"} and quantities("a 10k race") == {"10": "10"}
    assert quantities("the 0ffice in 4x4 c0uncil 3d") == {}
    assert quantities("since the 1990s, at 3pm on the 25th") == {"1990": "1990", "3": "3", "25": "25"}
    assert changed_counts("seven ships and 7.5m tonnes", "eight ships and 7.5m tonnes") == (
        {"seven": "7"}, {"eight": "8"})  # "7.5m" is no count of 7


def test_a_ban_and_its_lifting_are_two_reports_though_the_second_retells_the_first():
    """A follow-up that reverses a decision repeats the first report's background nearly word for word;
    its headline gives the opposite verdict, and no copy turns a ban into its lifting."""
    background = ("Athletics Kenya issued the ban after Mary Wanjiru failed to turn up for a cross country training "
                  "camp in Embu. The two-time Boston Marathon runner-up had been picked for the world championships "
                  "in Fukuoka next month. Wanjiru said she had been training in Nairobi with her coach, Peter Otieno, "
                  "who disputed the federation's account. Federation secretary David Okeyo said the rules applied "
                  "to every athlete, however famous.")
    ban = Document("ban", "Wanjiru hit by big ban\n\nKenyan marathon runner Mary Wanjiru has been banned from all "
                   "local and international competition for a year.\n\n" + background + "\n")
    lifted = Document("lifted", "Kenya lift Wanjiru's suspension\n\nAthletics Kenya has withdrawn the one-year ban "
                      "on marathon runner Mary Wanjiru after she apologised.\n\n" + background + "\n")
    comparison = compare_documents(ban, lifted, ScanSettings(workers=1))
    assert comparison.relation is None and "opposite verdicts" in comparison.link.reason
    # The same report re-headlined keeps its verdict, and is a copy.
    reprint = Document("reprint", "Kenyan star Wanjiru banned for a year\n\n" + ban.text.split("\n\n", 1)[1])
    assert compare_documents(ban, reprint, ScanSettings(workers=1)).relation == "copy"


def crude_posting(company: str, ticker: str, others: str) -> Document:
    """Two companies' notices of one price move: the same frame, even each other's names."""
    return Document(company, f"{company.upper()} <{ticker}> LIFTS CRUDE BUYING PRICES 50 CTS\n\n"
                             f"{company} said it lifted the posted price it pays for every crude grade "
                             "it buys by 50 cts a barrel from this morning.\n"
                             f"The rise takes {company}'s price for its benchmark light sweet grade to 17.50 "
                             "dlrs a barrel and for heavy sour grades to 15.25 dlrs.\n"
                             f"The move matches increases announced by {others} earlier in the day.\n")


def test_two_companies_notices_of_one_move_are_apart_but_a_reprint_joins():
    notices = [crude_posting("Sun Co", "SUN", "Phillips Petroleum and Unocal"),
               crude_posting("Phillips Petroleum", "P", "Sun Co and Unocal"),
               crude_posting("Unocal Corp", "UCL", "Sun Co and Phillips Petroleum")]
    reprint = Document("reprint", notices[1].text.replace("<P>", "<P.N>") + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(notices, reprint, "Phillips Petroleum")
    comparison = compare_documents(notices[0], notices[1], ScanSettings(workers=1))
    assert comparison.link.scores.companies_agree == 0.0
    assert comparison.link.reason.startswith("the headlines are about different companies, <SUN> and <P>")


def rack_price(name: str, headline_verb: str, verb: str, price: str) -> Document:
    """A refiner's price notice: the next one repeats the frame and the size of the move."""
    return Document(name, f"NORTHWIND <NWD> {headline_verb} DIESEL RACK PRICE\n"
                          f"Northwind Refining said that it {verb} the rack price of diesel fuel at its Portland "
                          "terminal by 1.50 cts a gallon, effective at the opening of trade.\n"
                          f"The change puts Northwind's Portland diesel rack price at {price} cts a gallon, the "
                          "refiner said.\nNorthwind last changed the price a week earlier.")


def test_notices_whose_headlines_move_opposite_ways_are_apart_but_a_reprint_joins():
    notices = [rack_price("raise", "RAISES", "raised", "61.25"), rack_price("cut", "CUTS", "lowered", "58.25")]
    reprint = Document("reprint", "Energy desk\n\n" + notices[1].text + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(notices, reprint, "cut")
    comparison = compare_documents(*notices, ScanSettings(workers=1))
    assert comparison.link.scores.directions_agree == 0.0
    assert comparison.link.reason.startswith('the headlines move different ways, "raises" and "cuts"')


def test_write_ups_whose_headlines_move_opposite_ways_are_not_one_story_either():
    """A setback and, days later, a find: the same company, people and places, but other news."""
    slump = Document("slump", "Harwell Mining shares slump after Kestrel setback\n"
                     "Shares in Harwell Mining fell by a fifth on Monday after the explorer said its Kestrel well in "
                     "the Ardmore basin had found only traces of gas.\n"
                     "Chief executive Ilsa Brandt said the company would reassess its drilling plans for the rest "
                     "of the year.\n"
                     "Analysts at Corrin Securities said Harwell had staked much of its value on Kestrel and cut "
                     "their price target.\n"
                     "Harwell holds eleven licences across the Ardmore basin, most of them shared with Tavistock "
                     "Energy.")
    find = Document("find", "Harwell Mining shares jump on Ardmore find\n"
                    "Harwell Mining's shares rose by a third on Thursday when the explorer reported a large oil "
                    "discovery at its Merlin prospect in the Ardmore basin.\n"
                    "Ilsa Brandt, the chief executive, called the find the most important in the company's history "
                    "after months of disappointment at Kestrel.\n"
                    "Corrin Securities raised its price target, saying Merlin could hold about 200 million barrels.\n"
                    "Tavistock Energy, Harwell's partner on most of its Ardmore licences, holds a 40% share of the "
                    "prospect.")
    settings = ScanSettings(workers=1)  # the default level, story
    comparison = compare_documents(slump, find, settings)
    scores = comparison.link.scores
    assert scores.cosine >= 0.3 and scores.rare_terms >= 4  # story evidence, which used to join them
    assert scores.directions_agree == 0.0 and not comparison.joins, comparison.link.reason
    # Headed without a direction, the same text joins.
    unheaded = Document("find", find.text.replace("shares jump on", "reports"))
    assert compare_documents(slump, unheaded, settings).joins


def fisheries_accord(partner: str) -> Document:
    """One kind of accord signed with two countries: the same frame and background, another partner."""
    return Document(partner, f"KENYA, {partner.upper()} SIGN FISHERIES ACCORD\n"
                             f"Kenya and {partner} signed a fisheries accord on Monday, the Kenyan fisheries ministry "
                             "said.\nThe accord sets catch limits for tuna in Kenyan waters and allows joint patrols "
                             "against illegal fishing.\nKenya agreed a framework for such accords with a group of "
                             "European fishing nations in November, and each country's terms are negotiated "
                             "separately.\nThe framework covers licences for 40 vessels over five years, with a "
                             "review after two.")


def test_accords_with_different_countries_are_apart_but_a_reprint_joins():
    accords = [fisheries_accord("Norway"), fisheries_accord("Portugal")]
    reprint = Document("reprint", "Africa desk\n\n" + accords[1].text + "\nShare this article\n")
    assert_apart_but_a_reprint_joins(accords, reprint, "Portugal")
    comparison = compare_documents(*accords, ScanSettings(workers=1))
    assert comparison.link.scores.places_agree == 0.0
    assert comparison.link.reason.startswith("the headlines name different places, Norway and Portugal")


def oat_futures(stamp: str, july: str) -> Document:
    """A market table sent every few minutes: the next snapshot repeats every line that did not move."""
    return Document(stamp, f"CULLOW OAT FUTURES {stamp} EDT\n"
                           "CULLOW OATS\n"
                           " MAY7     162 1/2        UP  1 1/2\n"
                           f" JUL7     {july}\n"
                           " SEP7     158            UP      1\n"
                           " DEC7     161 1/4        DN    1/4\n"
                           " MAR8     165            UNCH\n"
                           "TARNWICK OATS\n"
                           " MAY7     171            UP      2\n"
                           " JUL7     168 3/4        UP  1 1/4\n"
                           " SEP7     166 1/2        UNCH")


def test_table_snapshots_stamped_at_different_times_are_apart_but_a_reprint_joins():
    snapshots = [oat_futures("10:05", "160 1/4        UP    3/4"), oat_futures("10:25", "160            UP    1/2")]
    reprint = Document("reprint", snapshots[1].text + "\nMore grain prices on our markets page")
    assert_apart_but_a_reprint_joins(snapshots, reprint, "10:25")
    comparison = compare_documents(*snapshots, ScanSettings(workers=1))
    assert comparison.link.scores.times_agree == 0.0
    assert comparison.link.reason.startswith("the headlines are stamped 10:05 and 10:25")


def under_chrome(doc: Document, *chrome: str) -> Document:
    """``doc`` as a web page prints it: navigation lines above the headline."""
    return Document(doc.id, "\n".join([*chrome, doc.text]))


def test_the_headline_and_lead_checks_look_below_site_navigation():
    """The companies, correction and dates checks find the headline and lead beneath a page's chrome."""
    chrome = ("Skip to main content", "Markets | Energy | Companies", "Sign in")
    notices = [under_chrome(crude_posting("Sun Co", "SUN", "Phillips Petroleum and Unocal"), *chrome),
               under_chrome(crude_posting("Phillips Petroleum", "P", "Sun Co and Unocal"), *chrome)]
    comparison = compare_documents(*notices, ScanSettings(workers=1))
    assert comparison.link.scores.companies_agree == 0.0 and comparison.relation is None, comparison.link.reason
    lines = ["Halvard Motors will pause six of its vehicle assembly plants for a week from {} six, sending "
             "home 21,600 workers for the period, spokesmen for its two divisions said.",
             "The carmaker will close three plants in each division, the Halvard passenger car division and "
             "the Tessaly light truck division.",
             "Four of the plants are in Ohio and Michigan. The other two are in Ontario."]
    original = Document("original", "\n".join(["HALVARD MOTORS TO PAUSE SIX PLANTS", *lines]).format("August"))
    corrected = Document("corrected", "\n".join(
        [*chrome, "CORRECTED - HALVARD MOTORS TO PAUSE SIX PLANTS", *lines]).format("April"))
    assert compare_documents(original, corrected, ScanSettings(workers=1)).relation == "copy"
    # The dates guard reads the lead beneath the chrome too: the same change without the
    # correction's headline is the next issue of the notice.
    reissued = Document("reissued", "\n".join(
        [*chrome, "HALVARD MOTORS TO PAUSE SIX MORE PLANTS", *lines]).format("April"))
    apart = compare_documents(original, reissued, ScanSettings(workers=1))
    assert apart.relation is None and apart.link.scores.dates_agree == 0.0, apart.link.reason


# An invented story in the shape of the issue's example (BBC business-010 and -291): a ruling, then
# the companies' reaction, which repeats the ruling story's background under its own lead.
RULING = ["Appeal court throws out $12bn sugar cartel claim",
          "A state claim accusing the region's three largest sugar refiners of fixing wholesale prices "
          "for a decade has been thrown out by the court of appeal in Marlow.",
          "The demand for $12bn, filed by the attorney general's office in 2019, was rejected by two "
          "votes to one.",
          "The judges found that the claim could not be brought under the state's consumer protection "
          "statute, which was written for retail sales.",
          "The refiners named in the case were Halden Sugar, Corvin Mills and the Brightwater "
          "Cooperative.",
          "The state had argued that the refiners shared production plans through an industry "
          "newsletter, held back supply before harvest and punished buyers who switched suppliers.",
          "Prosecutors wanted the refiners to repay profits earned since 2009 and accept a monitor "
          "who would review their pricing for five years."]


def ruling_follow_up(name: str, headline: str, *lead: str) -> Document:
    """A later story: its own headline and lead, then the ruling story's background word for word."""
    return Document(name, "\n".join([headline, *lead, *RULING[3:]]))


def test_a_follow_up_that_reuses_the_background_under_a_new_lead_is_not_a_copy():
    """A follow-up repeats the earlier report's background; a copy keeps its lead."""
    original = Document("ruling", "\n".join(RULING))
    follow_up = ruling_follow_up(
        "reaction", "Sugar refiners welcome appeal ruling",
        "The refiners at the centre of the state's price-fixing case have welcomed a decision that "
        "spares them a bill of billions of dollars.",
        "Shares in Halden rose 6% in early trading, and analysts said the industry's largest legal "
        "risk had passed.")
    settings = ScanSettings(level=Relation.REWRITE, workers=1)
    comparison = compare_documents(original, follow_up, settings)
    assert comparison.relation not in ("copy", "rewrite"), comparison.link.reason
    assert comparison.link.scores.lead_aligned == 0.0
    assert comparison.link.reason.startswith("no sentence of either lead matches")
    # A reprint under a new headline, with its first sentence trimmed, keeps the rest of the lead.
    reprint = Document("reprint", "\n".join(["Court rejects sugar price claim", *RULING[2:]]))
    assert compare_documents(original, reprint, settings).relation == "copy"


def test_a_follow_up_that_rewords_the_lead_and_repeats_the_background_is_no_copy_but_a_reprint_is():
    """A copy keeps a lead sentence near-verbatim; a later story retells the lead in its own words."""
    settings = ScanSettings(level=Relation.COPY, workers=1)
    original = Document("ruling", "\n".join(RULING))
    follow_up = ruling_follow_up(
        "appeal", "Sugar cartel case heads to the supreme court",
        "The state will ask its supreme court to revive a claim that the region's three largest sugar "
        "refiners fixed wholesale prices, after the court of appeal in Marlow threw it out last week.",
        "Two of the three appeal judges had voted against the $12bn demand, first lodged by the "
        "attorney general's office in 2019.")
    comparison = compare_documents(original, follow_up, settings)
    assert comparison.link.scores.lead_aligned == 1.0 and comparison.link.scores.lead_verbatim == 0.0
    assert max(comparison.link.scores.containment_a, comparison.link.scores.containment_b) >= 0.5
    assert not comparison.joins and "no sentence of either lead is in the other near-verbatim" in comparison.link.reason
    # A reprint that edits a word of the lead keeps it near-verbatim, and stays a copy.
    reprint = Document("reprint", "\n".join(
        ["Sugar refiners win appeal", RULING[1].replace("thrown out", "dismissed"), *RULING[2:]]))
    kept = compare_documents(original, reprint, settings)
    assert kept.relation == "copy" and kept.link.scores.lead_verbatim == 1.0, kept.link.reason


def test_two_sites_copies_join_though_each_has_navigation_lines_above_the_lead():
    """Chrome and bylines above the headline do not push a copy's lead out of the lead."""
    first = Document("herald", "\n".join(["Skip to main content", "The Marlow Herald | News | Business | Sport",
                                          "Subscribe for $1 a week", *RULING[:1], "By our courts reporter",
                                          *RULING[1:]]))
    second = Document("courier", "\n".join(["Menu | Search | Sign in", "Valley Courier Online", "Today's paper",
                                            "Top stories", *RULING]))
    comparison = compare_documents(first, second, ScanSettings(level=Relation.COPY, workers=1))
    assert comparison.relation == "copy", comparison.link.reason
    assert comparison.link.scores.lead_aligned == comparison.link.scores.lead_verbatim == 1.0


def grain_quotes(name: str, wheat: str, freight: str, corn: str, meal: str, beans: str, sorghum: str,
                 reworded: bool) -> Document:
    """A daily quote sheet; the next day's is written afresh, so its sentences align but are not verbatim."""
    if not reworded:
        body = (f"Prompt wheat traded at {wheat} dlrs a bushel on firmer export demand, dealers in Kansas City said.\n"
                f"Corn was bid at {corn} dlrs and barge freight stood at {freight} cents over the index.\n"
                f"Soybeans changed hands at {beans} dlrs while soymeal held near {meal} dlrs a short ton.\n"
                f"Sorghum was offered at {sorghum} dlrs per hundredweight to Gulf exporters.\n")
    else:
        body = (f"Dealers in Kansas City said wheat for prompt shipment moved to {wheat} dlrs a bushel as "
                "exporters held back.\n"
                f"Barge freight went to {freight} cents over the index, with corn bids at {corn} dlrs.\n"
                f"Soymeal was around {meal} dlrs a short ton and soybeans sold at {beans} dlrs.\n"
                f"Gulf exporters were offered sorghum at {sorghum} dlrs per hundredweight.\n")
    return Document(name, f"TOP 40 CASH GRAIN QUOTES\n\n{body}")


def test_a_reworded_issue_with_other_figures_is_no_rewrite_but_a_reworded_copy_is():
    """Sentences that align without being verbatim: the figures they carry, pooled, must mostly agree."""
    settings = ScanSettings(level=Relation.REWRITE, workers=1)
    monday = grain_quotes("monday", "3.12", "64", "1.58", "172", "4.91", "2.77", reworded=False)
    tuesday = grain_quotes("tuesday", "3.04", "58", "1.61", "169", "4.87", "2.71", reworded=True)
    comparison = compare_documents(monday, tuesday, settings)
    assert not comparison.joins, comparison.link.reason
    assert comparison.link.scores.figures_agree < 0.5 and comparison.link.scores.numbers_agree == 1.0
    retold = grain_quotes("retold", "3.12", "64", "1.58", "172", "4.91", "2.77", reworded=True)
    assert compare_documents(monday, retold, settings).relation == "rewrite"


def distribution_notice(name: str, amount: str) -> Document:
    """Figures only deep in the text, too few for the pooled check: the one amount is the news."""
    return Document(name, "HARBOUR TRUST SETS SPECIAL DISTRIBUTION\n\n"
                          "Harbour Trust said its trustees approved a special distribution to unit holders.\n"
                          "The distribution follows the sale of the trust's warehouse portfolio in the north.\n"
                          "Unit holders on the register at the end of the month will receive it.\n"
                          "The trust said it would keep its regular quarterly payment unchanged.\n"
                          f"The special distribution will total {amount} dlrs a unit, the trust said.\n"
                          "Trading in the units will continue as normal.\n")


def test_a_verbatim_sentence_with_another_figure_makes_another_notice_but_another_spelling_does_not():
    settings = ScanSettings(workers=1)
    other = compare_documents(distribution_notice("a", "1.20"), distribution_notice("b", "3.40"), settings)
    assert other.relation is None and other.link.scores.numbers_agree == 0.0
    assert other.link.reason.startswith("figures differ in matched sentences")
    same = compare_documents(distribution_notice("a", "1.20"), distribution_notice("c", "1.2"), settings)
    assert same.relation == "copy" and same.link.scores.numbers_agree == 1.0


def tagged_notice(company: str, ticker: str, headline: str, lines: list[str]) -> Document:
    return Document(f"{ticker} {headline}", f"{company.upper()} <{ticker}> {headline}\n\n"
                                           + "".join(f"    {line}\n" for line in lines))


def test_a_notice_sent_twice_with_reworded_frame_lines_joins_when_the_headlines_tag_one_company():
    """Its lines share nothing rarer than "Qtly div 47 cts"; the ticker says whose notice it is."""
    others = [tagged_notice(name, name[:3].upper(), "SETS QUARTERLY",
                            [f"Qtly div {cents} cts vs {cents} cts prior", ("Pay May One", "Pay 1 May")[k % 2],
                             ("Record April 10", "Record 10 April")[k % 2]])
              for k, (name, cents) in enumerate(zip(COMPANIES, [47, 40, 25] * 6))]
    first = tagged_notice("Lindale Mutual Corp", "LDM", "VOTES DIVIDEND",
                          ["Qtly div 47 cts vs 47 cts prior qtr", "Pay 1 May", "Record 10 April"])
    again = tagged_notice("Lindale Mutual Corp", "LDM", "SETS QUARTERLY",
                          ["Qtly div 47 cts vs 47 cts prior", "Pay May One", "Record April 10"])
    assert clusters_at(Relation.COPY, [*others, first, again]) == [sorted([first.id, again.id])]
    # Untagged, the same two notices are frame lines only, like any two companies' notices.
    untagged = [Document(d.id, d.text.replace(" <LDM>", "")) for d in (first, again)]
    assert clusters_at(Relation.COPY, [*others, *untagged]) == []
    # Near-verbatim and all aligned, so only the facts check keeps them apart.
    link = links_in_corpus([*others, *untagged], first.id)[again.id]
    assert link.scores.coverage_a == link.scores.coverage_b == 1.0 and link.scores.verbatim_coverage >= 0.6
    assert link.relation is None and link.scores.facts_agree < 0.5


# Invented names, each used once, so that no two notices share an applicant, street or person by chance.
APPLICANTS = ["Marta Pinedo", "Gideon Ashby", "Priya Castellan", "Tobias Wren", "Halvard Moss", "Imogen Ferrity",
              "Osric Delane", "Yusuf Albrecht", "Leona Treharne", "Caspian Okafor", "Ilse Lindqvist", "Bram Marchetti",
              "Noor Quennell", "Fenna Stroud", "Rafe Ibarra", "Delphine Kettering", "Anselm Voss", "Tamsin Hayward",
              "Corvin Pell", "Odile Brackley", "Wendel Soames", "Ysolde Farrant", "Piet Amberley", "Carys Monteith"]
STREETS = ["Quarry Lane", "Bellfield Road", "Orchard Mews", "Cinder Path", "Tanners Row", "Kestrel Close",
           "Mallory Street", "Wharf Gardens", "Saltash Way", "Linden Crescent", "Foundry Yard", "Heron Walk",
           "Gosling Place", "Marram Drive", "Tolpuddle Court", "Vantage Hill", "Birchover Lane", "Ropewalk Square",
           "Candlemas Row", "Fennick Road", "Alder Chase", "Pewter Street", "Sorrel Grove", "Lamplighter Way"]
WORKS = ["build a rear extension", "convert a garage into a studio", "add a dormer window", "fell two beech trees"]


def planning_notice(week: int) -> Document:
    """A weekly notice: a long fixed preamble (the whole lead), then rows naming this week's applicants."""
    rows = [(APPLICANTS[4 * week + k], WORKS[k], STREETS[4 * week + k]) for k in range(4)]
    return Document(f"week{week}", "Weekly planning applications\n\n"
                    "The borough council has received the following planning applications this week.\n"
                    "Residents who wish to comment on an application can do so in writing to the planning office "
                    "at the town hall, or online through the council's planning portal, within twenty-one days.\n"
                    "Plans can be inspected at the town hall during normal office hours, and officers are available "
                    "to answer questions about the process on weekday mornings.\n"
                    "Comments must give the writer's name and address and cannot be treated as confidential.\n"
                    + "".join(f"Application by {who} to {what} at {where}.\n" for who, what, where in rows))


def links_in_corpus(docs: list[Document], first: str) -> dict[str, Link]:
    """The verifier's full verdict on ``first`` against each other document, in the corpus's own context."""
    ordered = sorted(docs, key=lambda d: d.id)
    verifier = Corpus.build(ordered, ScanSettings(workers=1)).verifier()
    i = next(k for k, d in enumerate(ordered) if d.id == first)
    return {d.id: verifier.verify(i, j, full=True) for j, d in enumerate(ordered) if j != i}


def test_notices_that_share_only_their_preamble_are_apart_but_a_reprint_joins():
    """The specific-names guard alone: the leads agree word for word, the names that are the news do not."""
    weeks = [planning_notice(w) for w in range(6)]
    reprint = Document("reprint", "Local notices\n\n" + weeks[2].text.split("\n\n", 1)[1] + "Share this page\n")
    assert_apart_but_a_reprint_joins(weeks, reprint, "week2")
    for link in links_in_corpus(weeks, "week2").values():
        assert link.scores.lead_facts == 1.0 and max(link.scores.containment_a, link.scores.containment_b) >= 0.5
        assert "names and figures specific to the shorter text" in link.reason, link.reason


def appointment(k: int) -> Document:
    """A prose template whose lead is all names: who appointed whom, succeeding whom, from where."""
    company, person, predecessor, firm = (STREETS[k].split()[0] + " Holdings", APPLICANTS[k],
                                          APPLICANTS[23 - k], STREETS[23 - k].split()[0] + " Logistics")
    return Document(f"appointment{k}", f"{company} names new finance chief\n\n"
                    f"{company} said it had appointed {person} as chief financial officer, succeeding "
                    f"{predecessor}, who is retiring.\n"
                    f"{person.split()[0]} joins from {firm}, where she ran the treasury department for the past "
                    "six years.\n"
                    "The appointment takes effect at the start of next month, the company said in a statement.\n"
                    "Its shares were little changed in afternoon trading.\n")


def test_appointments_whose_leads_name_other_people_are_apart_but_a_reprint_joins():
    """The lead-facts guard decides first (the specific-names guard, behind it, would too)."""
    notices = [appointment(k) for k in range(8)]
    reprint = Document("reprint", "Business briefs\n\n" + notices[5].text.split("\n\n", 1)[1])
    assert_apart_but_a_reprint_joins(notices, reprint, "appointment5")
    for link in links_in_corpus(notices, "appointment5").values():
        assert link.scores.lead_facts < 0.6 and link.scores.specific_terms < 10
        assert "names and figures in the lead are in the other text" in link.reason, link.reason


# An invented report long enough to have background below its top: a ferry operator's licence hearing.
HEARING = ["Regulator delays ruling on Tarnwick ferry licence",
           "The island transport board has put off until next month its decision on whether Skellan Line "
           "may keep running the Tarnwick crossing.",
           "Board members said on the second day of the hearing that they needed more evidence on the "
           "operator's safety record before ruling.",
           "Skellan Line's lawyers told the board that the company had met every condition set in its "
           "last review.",
           "Passenger groups asked the board to attach a punctuality target to any renewal.",
           "A decision is now expected at the board's meeting on the fourth of next month.",
           "Skellan Line has run the crossing since 2011, when it took over from the council-owned "
           "Tarnwick Ferry Company.",
           "Its two vessels, the Brannock and the Ossery Star, carry about 400,000 passengers a year "
           "between Tarnwick and the mainland port of Cullow.",
           "The licence was last renewed in 2019 for five years, with conditions on winter timetables and "
           "engine maintenance.",
           "Islanders have complained about cancellations since the Ossery Star was withdrawn for repairs "
           "for eleven weeks last winter."]


# The hearing's outcome a week later: its own headline and news, then (in the tests) the hearing's background.
RENEWAL = ["Skellan Line keeps Tarnwick ferry licence with punctuality target",
           "Skellan Line will go on running the Tarnwick crossing after the island transport board renewed "
           "its licence for three years on Thursday.",
           "The board added a target of 95% of sailings within ten minutes of the timetable, with fines for "
           "each month it is missed.",
           "Passenger groups welcomed the target but said fines alone would not bring the Ossery Star back "
           "into service sooner.",
           "The operator said it would publish monthly figures from the spring.",
           "The board will review the licence again in eighteen months."]


def test_a_follow_up_reusing_background_from_below_the_top_is_no_story_but_a_copy_under_a_new_lead_is():
    """The follow-up guard: background word for word, nothing near the top, is a later report."""
    original = Document("hearing", "\n".join(HEARING))
    follow_up = Document("ruling", "\n".join([*RENEWAL, *HEARING[6:]]))
    settings = ScanSettings(workers=1)  # the default level, story
    comparison = compare_documents(original, follow_up, settings)
    scores = comparison.link.scores
    assert scores.top_verbatim == 0.0 and scores.verbatim_coverage >= 0.1
    assert comparison.relation is None and not comparison.joins, comparison.link.reason
    assert "a follow-up reusing the earlier report's background" in comparison.link.reason
    # The guard decides: without it the same pair joins (as a rewrite).
    unguarded = ScanSettings(workers=1, thresholds=replace(settings.thresholds, follow_up_verbatim=1.01))
    assert compare_documents(original, follow_up, unguarded).relation in ("rewrite", "story")
    # Another site's copy under a lead of its own keeps the sentences after the lead, and joins.
    relaunched = Document("relaunched", "\n".join([
        "Tarnwick ferry decision put back a month",
        "Islanders will wait another month to learn who runs their ferry.", *HEARING[2:]]))
    kept = compare_documents(original, relaunched, settings)
    assert kept.joins and kept.link.scores.top_verbatim == 1.0, kept.link.reason


def test_a_short_follow_up_whose_background_starts_near_its_top_is_no_story_but_a_rewording_is():
    """The follow-up guard's second reading: no lead sentence in the other near-verbatim, a passage of
    background that is, and much of the shorter text unaligned is a later report, however short."""
    original = Document("hearing", "\n".join(HEARING))
    follow_up = Document("renewed", "\n".join([*RENEWAL[:-1], *HEARING[6:]]))  # its background from sentence 5
    settings = ScanSettings(workers=1)  # the default level, story
    comparison = compare_documents(original, follow_up, settings)
    scores = comparison.link.scores
    assert scores.top_verbatim == 1.0 and scores.lead_verbatim == 0.0 and scores.verbatim_words >= 50
    assert not comparison.joins, comparison.link.reason
    assert "none in either lead" in comparison.link.reason, comparison.link.reason
    # The guard decides: without its second reading the same pair joins.
    unguarded = ScanSettings(workers=1, thresholds=replace(settings.thresholds, follow_up_coverage=0.0))
    assert compare_documents(original, follow_up, unguarded).joins
    # The report reworded at its top and run whole aligns nearly all of it: a rewrite.
    reworded = Document("reworded", "\n".join([
        "Tarnwick ferry operator must wait for licence verdict",  # a paraphrase keeps the names
        "Whether Skellan Line can go on operating the island route will not be settled before next month, "
        "the transport regulator said.",
        "Members want further proof that the company runs its boats safely, they said as the hearing "
        "entered its second day.",
        *HEARING[3:]]))
    rewrite_level = ScanSettings(workers=1, level=Relation.REWRITE)
    kept = compare_documents(original, reworded, rewrite_level)
    assert kept.relation == "rewrite" and kept.link.scores.lead_verbatim == 0.0, kept.link.reason
    # ... kept by how much of it aligns: read as a follow-up whatever its coverage, it would be parted.
    strict = replace(rewrite_level, thresholds=replace(rewrite_level.thresholds, follow_up_coverage=1.01))
    assert compare_documents(original, reworded, strict).relation is None


def test_a_rewrite_that_reorders_the_report_joins_when_it_keeps_much_of_its_phrasing():
    """Order tells a rewording from texts that align by chance; shared phrasing tells it too.  Either way the
    headline announces the report's news."""
    reordered = Document("reordered", "\n".join([
        "Regulator puts off Tarnwick ferry licence decision",  # a rewording keeps the names and the news
        "Residents have grumbled about cancelled sailings ever since the Ossery Star was taken out of service "
        "for eleven weeks of repairs last winter.",
        "The island transport board will not decide before next month whether Skellan Line can go on "
        "operating the route.",
        "The licence was last renewed in 2019 for five years, with rules on winter schedules and upkeep of "
        "engines.",
        HEARING[6],
        "On the second day of the hearing, members said they wanted further proof about the firm's safety "
        "history first.",
        "Its two ships, the Brannock and the Ossery Star, carry some 400,000 travellers annually between the "
        "island and Cullow.",
        "Lawyers acting for the operator insisted it had satisfied every condition of the previous review.",
        HEARING[5],
        "Passenger groups want the board to attach a punctuality target to any renewal."]))
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(Document("hearing", "\n".join(HEARING)), reordered, settings)
    scores = comparison.link.scores
    assert scores.order < 0.6 and max(scores.containment_a, scores.containment_b) >= 0.3
    assert comparison.relation == "rewrite" and "keeping" in comparison.link.reason, comparison.link.reason
    # Held to the order, the same pair is only a story, which --level rewrite does not join.
    ordered = replace(settings, thresholds=replace(settings.thresholds, rewrite_reordered_phrases=1.01))
    assert not compare_documents(Document("hearing", "\n".join(HEARING)), reordered, ordered).joins
    # A follow-up that moves part of that background about under news of its own (the punctuality target set)
    # keeps as much phrasing, but its headline is other news: no rewrite, as BBC politics-199's copy and tech-231
    # (a games meeting before and after) were on a tuning draw. With the headline waived for a reordered text,
    # as it was, it was one.
    background = reordered.text.split("\n")
    follow_up = Document("target", "\n".join(["Punctuality target set for island crossing", *RENEWAL[1:-1],
                                               *(background[k] for k in (1, 4, 6, 8, 9))]))
    later = compare_documents(Document("hearing", "\n".join(HEARING)), follow_up, settings)
    scores = later.link.scores
    assert scores.order < 0.6 and max(scores.containment_a, scores.containment_b) >= 0.3
    assert scores.headline_support < 0.4
    assert later.relation is None and "other news on one topic" in later.link.reason, later.link.reason


def test_one_shared_sentence_is_not_a_text_reworded():
    """A short item whose one long sentence retells the other's background: most of its words, one sentence."""
    veto = Document("veto", "MARRA SAYS TULL CHANGED NO MINDS ON VETO\n"
                    "Senate leader Ada Marra said Governor Pell Tull had changed no minds in a morning of calls to "
                    "senators about his veto of the Brennock highway bill.\n"
                    "The 4.2 billion dlr bill would widen the Brennock corridor and raise the speed limit on rural "
                    "sections of the state's interstates to 65 miles an hour.\n"
                    "Marra said the veto would be overridden on Thursday.")
    calls = Document("calls", "GOVERNOR TO PHONE WAVERING SENATORS\n"
                     "Widening the Brennock corridor and lifting rural interstate speeds to 65 miles an hour would "
                     "cost the state 4.2 billion dlrs it cannot afford, Governor Pell Tull says of the highway bill.\n"
                     "He and Ada Marra have not spoken since Monday.")
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(veto, calls, settings)
    scores = comparison.link.scores
    assert scores.aligned_sentences == 1 and max(scores.coverage_a, scores.coverage_b) >= 0.6
    assert comparison.relation != "rewrite" and not comparison.joins, comparison.link.reason
    # Their headlines announce different news too (the headline guard): without both, a rewrite.
    one_is_enough = replace(settings, thresholds=replace(settings.thresholds, rewrite_sentences=1,
                                                         headline_support=0.0))
    assert compare_documents(veto, calls, one_is_enough).relation == "rewrite"


def test_a_wire_follow_up_whose_sentences_meet_only_on_names_is_no_rewrite():
    """A ruling and, days later, the appeal against it: headline and lead align on the names alone."""
    blocked = Document("blocked", "HALDEN SUGAR <HSG> TAKEOVER BLOCKED BY COURT\n\n"
                       "A state appeals court blocked Corvin Mills' takeover of Halden Sugar Co, ruling that the "
                       "Marlow banking board approved the deal without a hearing.\n"
                       "Corvin Mills said it was studying the ruling.")
    appeal = Document("appeal", "HALDEN SUGAR <HSG> TO SEEK REHEARING\n\n"
                      "Halden Sugar said it would ask the appeals court to rehear the Corvin Mills takeover case.\n"
                      "A hearing date has not been set.")
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(blocked, appeal, settings)
    scores = comparison.link.scores
    assert scores.aligned_sentences >= 2 and max(scores.coverage_a, scores.coverage_b) >= 0.6
    assert scores.aligned_similarity < 0.6
    assert comparison.relation != "rewrite" and not comparison.joins, comparison.link.reason
    # Held to the alignment threshold alone (0.5), the same pair is a rewrite.
    loose = replace(settings, thresholds=replace(settings.thresholds, shared_sentence=settings.thresholds.sentence))
    assert compare_documents(blocked, appeal, loose).relation == "rewrite"


# What a local outlet adds under a report it runs in part: invented, about the same crossing.
LOCAL_MATERIAL = ["At Cullow harbour on Saturday, commuters queued for the first sailing in rain.",
                  "Morag Fennick, who crosses twice a week for hospital appointments, said the winter had been "
                  "the worst she could remember.",
                  "The Cullow chamber of trade says shops on the quay lose custom every time a sailing is "
                  "cancelled.",
                  "Its chair, Ewan Lusk, wants the board to publish the evidence it asked for.",
                  "The island's councillors meet on Tuesday to agree their own submission to the board.",
                  "Readers can send their views to the letters page."]


def test_a_report_run_in_part_with_an_outlets_own_material_is_a_partial_copy_but_a_follow_up_is_not():
    """Partial copies keep the report from its top; a later report puts its own news on top."""
    original = Document("hearing", "\n".join(HEARING))
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    partial = Document("partial", "\n".join([
        "Ferry ruling put off as islanders count the cost", *HEARING[1:5], *LOCAL_MATERIAL]))
    comparison = compare_documents(original, partial, settings)
    scores = comparison.link.scores
    assert comparison.joins and "a partial copy" in comparison.link.reason, comparison.link.reason
    assert scores.leads_verbatim == 1.0 and max(scores.coverage_a, scores.coverage_b) < 0.6
    # Not a copy: most of each text is not in the other.
    assert compare_documents(original, partial, replace(settings, level=Relation.COPY)).joins is False
    # The rule decides: without it the pair is apart at --level rewrite.
    off = replace(settings, thresholds=replace(settings.thresholds, partial_verbatim=1.01))
    assert not compare_documents(original, partial, off).joins
    # A passage, not a template's frame lines: fewer shared words than partial_words, and apart.
    longer = replace(settings, thresholds=replace(settings.thresholds, partial_words=scores.verbatim_words + 1))
    assert scores.verbatim_words >= settings.thresholds.partial_words
    assert not compare_documents(original, partial, longer).joins
    # The same sentences under a lead of the outlet's own are background to its news, not a partial copy.
    later = Document("later", "\n".join([
        "Cullow traders demand ferry evidence", *LOCAL_MATERIAL[2:5], *HEARING[1:5], *LOCAL_MATERIAL[:2]]))
    follow_up = compare_documents(original, later, settings)
    assert follow_up.link.scores.leads_verbatim == 0.0 and not follow_up.joins, follow_up.link.reason


def test_a_partial_copy_whose_own_material_is_full_of_names_is_no_template():
    """The names the report lacks are in what the outlet added, not in the sentences it ran: a rewrite
    (partial copy), never a copy; a template's next instance changes the names of its shared lines."""
    own = ["Morag Fennick of Ardlow and Kirsty Balloch of Drummond Quay said Cullow needed its ferry back.",
           "Councillors Ewan Lusk, Fergus Tolmie and Annis Corrie wrote to Holyrood minister Petra Vance.",
           "The Quayside Traders' Guild and the Inverbeg Rowing Club backed them."]
    original = Document("hearing", "\n".join(HEARING))
    partial = Document("partial", "\n".join(["Ferry ruling put off as islanders count the cost", *HEARING[1:6], *own]))
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(original, partial, settings)
    scores = comparison.link.scores
    assert scores.specific_containment < settings.thresholds.copy_specific, "the names check fails"
    assert max(scores.containment_a, scores.containment_b) >= settings.thresholds.copy_containment
    assert comparison.relation == "rewrite" and comparison.joins, comparison.link.reason
    assert "its own material, or a template" in comparison.link.reason
    assert not compare_documents(original, partial, replace(settings, level=Relation.COPY)).joins
    # Held to no partial-copy rule, the names check parts them as a template's instances.
    off = replace(settings, thresholds=replace(settings.thresholds, partial_verbatim=1.01))
    apart = compare_documents(original, partial, off)
    assert not apart.joins and "(a template, not a copy)" in apart.link.reason, apart.link.reason



# An invented match report whose top is mostly quotes: sentences without a name or figure of their own.
DEBUT = ["Keeper's debut ends in heavy defeat",
         "Seventeen-year-old Tomas Wrenn's first start in goal for Harlow Rovers ended in a 4-0 defeat at "
         "Kestrel Park on Saturday.",
         "Wrenn was called up on Friday when the regular keeper fell ill in training.",
         '"It was hard.',
         'I did my best and it did not work out for me today," he said.',
         '"I want to play again next week and show what I can do."',
         "His manager said he would keep his place for the next game.",
         "Kestrel went top of the table with the win, two points clear of Dunmore Athletic.",
         "Their striker Jonas Pellow scored twice before half-time and set up the third.",
         "Harlow have now lost four of their last five league games and sit eleventh.",
         "The club's board meets on Monday to discuss the manager's position.",
         "Rovers were promoted two seasons ago and reached the cup semi-finals last spring.",
         "Their next league game is away at Dunmore Athletic on the last Saturday of the month."]
# What a paper adds below the part of that report it runs: its own readers' club.
CLUB_MATERIAL = ["Wrenn grew up in Cullow and played for the town's under-14 side.",
                 "His old coach, Ailsa Cairnie, watched the game from the away end with his parents.",
                 "She said the town was proud of him whatever the score.",
                 "Cullow Juniors train on Tuesday and Thursday evenings at the Quay Road pitches.",
                 "New players of all ages are welcome, the club says.",
                 "The juniors' own season ends with a cup final at Kestrel Park in May.",
                 "Tickets for that match go on sale at the club house next week."]


def test_a_partial_copy_of_a_report_told_in_quotes_is_one_though_few_of_its_sentences_carry_names():
    """A partial copy's near-verbatim passage, leads and all, needs no name in most of its sentences: a
    player's quotes have none.  (A rewrite's aligned sentences must share names: texts on one topic align
    by chance, and frame lines share no rare name.)"""
    original = Document("debut", "\n".join(DEBUT))
    partial = Document("partial", "\n".join(["Breaking: Wrenn debut ends in defeat", *DEBUT[1:7],
                                             *CLUB_MATERIAL]))
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(original, partial, settings)
    scores = comparison.link.scores
    assert scores.facts_agree < settings.thresholds.rewrite_facts, scores
    assert scores.leads_verbatim == 1.0 and scores.verbatim_words >= settings.thresholds.partial_words
    assert comparison.joins and "a partial copy" in comparison.link.reason, comparison.link.reason
    # A scan of both, with other texts beside them, puts them in one cluster at the rewrite level.
    others = [Document("hearing", "\n".join(HEARING)), Document("local", "\n".join(LOCAL_MATERIAL))]
    result = scan_documents([original, partial, *others], settings)
    assert [sorted(d.id for d in c.documents) for c in result.clusters] == [["debut", "partial"]]
    # Held to the rewrite rule's shared names, the same pair is apart.
    off = replace(settings, thresholds=replace(settings.thresholds, partial_verbatim=1.01))
    assert not compare_documents(original, partial, off).joins


def test_compare_says_which_bar_of_a_rewrite_or_partial_copy_a_pair_misses_with_its_value():
    """A paper that runs only the lead of a report under its own paragraphs: no partial copy, and the reason
    names the bar it misses and by how much, so that a user can see how near it came."""
    original = Document("debut", "\n".join(DEBUT))
    clipped = Document("clipped", "\n".join(["Breaking: Wrenn debut ends in defeat", *DEBUT[1:3],
                                             *CLUB_MATERIAL[:5]]))
    settings = ScanSettings(workers=1, level=Relation.REWRITE)
    comparison = compare_documents(original, clipped, settings)
    scores = comparison.link.scores
    assert not comparison.joins and scores.leads_verbatim == 1.0
    assert scores.verbatim_coverage >= settings.thresholds.partial_verbatim
    assert scores.verbatim_words < settings.thresholds.partial_words
    assert (f"not a rewrite: under 60% aligned, and not a partial copy: the leads near-verbatim, but only "
            f"{scores.verbatim_words} words (under {settings.thresholds.partial_words})"
            in comparison.link.reason), comparison.link.reason
    # The bar named is the one that decides: lowered to the value given, the pair is a partial copy.
    lowered = replace(settings, thresholds=replace(settings.thresholds, partial_words=scores.verbatim_words))
    assert "a partial copy" in compare_documents(original, clipped, lowered).link.reason
    # A rewrite held to a mean similarity it does not reach is told so, with the mean.
    seeds = [Document(name, (SAMPLES / f"{name}.txt").read_text())
             for name in ("000_bd8e4e9c01becdd2", "001_25689abf7d233c60")]
    rewrite = compare_documents(*seeds, settings)
    assert rewrite.relation == "rewrite", rewrite.link.reason
    mean = rewrite.link.scores.aligned_similarity
    strict = replace(settings, thresholds=replace(settings.thresholds, shared_sentence=round(mean + 0.01, 2),
                                                  story_cosine=1.01))
    apart = compare_documents(*seeds, strict)
    assert not apart.joins
    assert "not a rewrite: the aligned sentences are" in apart.link.reason, apart.link.reason

# An invented council vote, another outlet's write-up of it, and a later story on the same tram line.
TRAM_VOTE = Document("vote", "Tarnwick council approves Skellan Line tram extension\n"
                     "Tarnwick city council voted on Wednesday to extend the Skellan Line tram by four stops to "
                     "Brackley Moor, at a cost of 62 million pounds.\n"
                     "Council leader Orla Penhale said the extension would open in 2029 and carry 9,000 passengers "
                     "a day.\n"
                     "Opponents in the Ferncastle residents' group said the new route would cut through Hallow Park.\n"
                     "The Skellan Line opened in 2011 and runs from Tarnwick station to the Dunmore docks.")
TRAM_WRITE_UP = Document("write-up", "Skellan Line trams to reach Brackley Moor after council vote\n"
                         "Trams on Tarnwick's Skellan Line will run on to Brackley Moor after councillors backed a "
                         "four-stop extension worth 62 million pounds on Wednesday.\n"
                         "The stops should be open by 2029, Orla Penhale, who leads the council, told reporters; "
                         "some 9,000 people are expected to use them daily.\n"
                         "The Ferncastle residents' group fought the plan, which takes the line across Hallow Park.\n"
                         "Trams have run between the Dunmore docks and Tarnwick station since 2011.")
TRAM_HEARING = Document("hearing", "Hallow Park campaigners win their day in court\n"
                        "Campaigners from the Ferncastle residents' group won the right on Monday to challenge in "
                        "the high court the route of the tram through Hallow Park.\n"
                        "A judge said the case raised questions about how the park's covenant had been read.\n"
                        # Undated: "last month" would tell the vote as past news (the past-news guard's test).
                        "Tarnwick council has backed the 62 million pound Skellan Line extension to Brackley "
                        "Moor.\n"
                        "Council leader Orla Penhale said work would go ahead as planned while the case was heard.\n"
                        "The hearing is set for the autumn.")


def without_headline_guard(settings: ScanSettings) -> ScanSettings:
    return replace(settings, thresholds=replace(settings.thresholds, headline_support=0.0))


def test_a_follow_up_whose_headline_announces_other_news_is_no_rewrite_or_story():
    """Same names, figures and background, reworded: but the court hearing is news the vote's opening lacks."""
    settings = ScanSettings(workers=1)  # the default level, story
    assert compare_documents(TRAM_VOTE, TRAM_WRITE_UP, settings).joins
    for earlier in (TRAM_VOTE, TRAM_WRITE_UP):
        comparison = compare_documents(earlier, TRAM_HEARING, settings)
        assert comparison.link.scores.headline_support < settings.thresholds.headline_support
        assert not comparison.joins and "headline" in comparison.link.reason, comparison.link.reason
        # The guard is what parts them: without it, the hearing is a rewrite or a story of the vote.
        assert compare_documents(earlier, TRAM_HEARING, without_headline_guard(settings)).relation in (
            "rewrite", "story")


def test_a_pair_parted_as_no_copy_says_too_why_it_is_no_story():
    """Where a copy guard fires (the leads open with other figures) and the story evidence holds, the
    reason names what kept the pair from being a story as well: the headline guard."""
    vote = Document("vote", TRAM_VOTE.text.replace("by four stops", "by 4 stops"))
    hearing = Document("hearing", TRAM_HEARING.text.replace("won the right on Monday",
                                                             "won the right on Monday, with 300 signatures,"))
    comparison = compare_documents(vote, hearing, ScanSettings(workers=1))
    assert not comparison.joins
    reason = comparison.link.reason
    assert reason.startswith("the leads open with 4 and 300, neither in the other text"), reason
    assert "headline's terms (by weight) are in the other's opening (other news on one topic" in reason, reason


def tram_challenge(when: str) -> Document:
    """A follow-up whose headline repeats the vote's, with news of its own and the vote reworded below it."""
    return Document("challenge", "Skellan Line tram extension to Brackley Moor faces court challenge\n"
                    "Residents of Ferncastle have asked the high court to halt the Skellan Line tram extension to "
                    "Brackley Moor.\n"
                    f"Councillors in Tarnwick voted {when} to run the Skellan Line tram on by four stops to "
                    "Brackley Moor, a plan costing 62 million pounds.\n"
                    "Orla Penhale, who leads the council, expects 9,000 daily passengers once the stops open in "
                    "2029.\n"
                    "The campaigners object that the line would be laid across Hallow Park.\n"
                    "Trams have linked the Dunmore docks and Tarnwick station since 2011.")


def test_a_follow_up_that_tells_the_earlier_lead_as_news_of_last_week_is_no_rewrite_or_story():
    """The headline guard cannot see this follow-up (its headline repeats the vote's); the time it puts
    on the vote, under news of its own, can."""
    settings = ScanSettings(workers=1)  # the default level, story
    undated = compare_documents(TRAM_VOTE, tram_challenge("on Wednesday"), settings)
    assert undated.relation == "rewrite" and undated.link.scores.lead_told_as_past == 0.0
    for when in ("last week", "earlier this month"):
        comparison = compare_documents(TRAM_VOTE, tram_challenge(when), settings)
        assert comparison.link.scores.headline_support >= settings.thresholds.headline_support
        assert comparison.link.scores.lead_told_as_past == 1.0
        assert not comparison.joins and "days or weeks back" in comparison.link.reason, comparison.link.reason
    # Where the earlier text dates the vote itself, "last week" is the same news dated another way.
    dated = Document("vote", TRAM_VOTE.text.replace("on Wednesday", "on May 14"))
    comparison = compare_documents(dated, tram_challenge("last week"), settings)
    assert comparison.link.scores.lead_told_as_past == 0.0 and comparison.joins
    # And a write-up whose own lead says "last week" tells its news, not another's.
    later = Document("write-up", TRAM_WRITE_UP.text.replace("on Wednesday", "last week"))
    assert compare_documents(TRAM_VOTE, later, settings).joins


def test_the_headline_is_read_below_site_chrome_and_may_end_in_a_quote():
    settings = ScanSettings(workers=1)
    plain = compare_documents(TRAM_VOTE, TRAM_WRITE_UP, settings).link.scores.headline_support
    paged = under_chrome(TRAM_WRITE_UP, "Skip to main content", "News | Local | Transport", "Sign in")
    assert compare_documents(TRAM_VOTE, paged, settings).link.scores.headline_support == plain
    assert compare_documents(TRAM_VOTE, paged, settings).joins
    # A byline or photo credit under the headline may weigh more (rare names, a date): still not the headline.
    credit = "Photo: Maren Oddsby and Tobiah Quellen, Harrowgate Courier, 14/05/2031 09:12"
    credited = Document("write-up", TRAM_WRITE_UP.text.replace("council vote\n", f"council vote\n{credit}\n", 1))
    assert compare_documents(TRAM_VOTE, credited, settings).link.scores.headline_support == plain
    # None of the hearing's headline is in the vote's opening (some of the vote's is in the hearing's:
    # "tram"), and a headline ending in a quote is still a headline, not a sentence.
    quoted = Document("hearing", TRAM_HEARING.text.replace("win their day in court", "win 'day in court'", 1))
    for hearing in (TRAM_HEARING, quoted):
        assert compare_documents(TRAM_VOTE, hearing, settings).link.scores.headline_support == 0.0


def test_texts_that_open_with_prose_have_no_headline_to_hold_them_to():
    """An essay or an answer starts with a sentence: its first line says nothing of its news."""
    settings = ScanSettings(workers=1)
    bodies = [Document(d.id, d.text.split("\n", 1)[1]) for d in (TRAM_VOTE, TRAM_HEARING)]
    comparison = compare_documents(*bodies, settings)
    assert comparison.link.scores.headline_support == 1.0
    assert comparison.joins, comparison.link.reason


def reserves_notice(name: str, rate: str, *, extra: int = 0) -> Document:
    """A two-line periodic notice: each day's issue repeats the frame and changes one figure."""
    background = "".join(f"Dealers said the Tarnwick market had been quiet in session {n} of the week.\n"
                         for n in ("one", "two", "three", "four")[:extra])
    return Document(name, "TARNWICK BANK ADDS RESERVES VIA CUSTOMER REPURCHASES\n\n"
                          "The Tarnwick Bank entered the securities market to arrange 1.5 billion crowns of "
                          "customer repurchase agreements, a bank spokesman said.\n"
                          f"Dealers said overnight funds were trading at {rate} pct when the bank began its "
                          "temporary and indirect supply of reserves.\n" + background)


def test_a_short_notice_with_one_of_its_two_figures_changed_is_another_day_but_a_long_copy_keeps_a_slip():
    settings = ScanSettings(workers=1)
    another_day = compare_documents(reserves_notice("mon", "6-1/4"), reserves_notice("tue", "6-3/8"), settings)
    assert another_day.link.scores.numbers_agree == 0.5
    assert another_day.relation is None and another_day.link.reason.startswith("figures differ in matched")
    slip = compare_documents(reserves_notice("wire", "6-1/4", extra=4), reserves_notice("ocr", "6-3/8", extra=4),
                             settings)
    assert slip.link.scores.numbers_agree == 0.5 and slip.relation == "copy"



ROWING_REPORT = (
    "Penhale sees two-boat race\n\n"
    "Tarnwick's Orla Penhale believes they will battle it out with Skellan for the river cup in the coming months.\n\n"
    "\"It will be a two-boat race all the way to the end of the season because we are both going to give it "
    "everything,\" she told the Cullow Gazette. \"You need to be good and you need a lot of luck. You need a bit of "
    "both but it will be as hard for the Skellan crews as it is for the Tarnwick rowers.\" \"We know that we have "
    "got the power in our hands just now,\" added Penhale.\n\n"
    "Penhale has rowed for Tarnwick since the club moved to the Brackley Moor boathouse, where its coach Dana "
    "Marra built a crew that won the Ferncastle regatta twice and the Hallow Park sprint in record time.\n\n"
    "Marra said the club would enter two crews next year and keep its training on the Northwind reach.\n")

#: Its top, scanned: OCR turns common words into tokens no other text has ("f0r", "corning", "bands"),
#: which outnumber the copy's real names.
ROWING_SCANNED = (
    "Skip to main content\n\nBy staff reporters\n\n"
    "Tarnwick's Orla Penhale believes they will batt1e it out with Skellan f0r the river cup in the corning "
    "rnonths.\n\n"
    "\"It'1l be a two-boat race all the way to the end of the seasen because we are both going to give it "
    "everythlng,\" she told the Cullow Gazette. \"You need to be good and you need a lot of luck. You need a bit of "
    "both but it will be os hard for the Skellan crews as it is for thc Tarnwick rowers.\" \"We know that we have "
    "got the power in our bands just now,\" added Penhale.\n\nShare this article\n")


def test_an_ocr_scanned_copy_keeps_its_source_but_the_same_words_about_another_club_do_not():
    settings = ScanSettings(workers=1, level=Relation.COPY)
    context = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    wire = Document("wire", ROWING_REPORT)
    scanned = compare_documents(wire, Document("scan", ROWING_SCANNED), settings, context=context)
    assert scanned.relation == "copy", scanned.link.reason
    assert "allowing one garbled letter" in scanned.link.reason  # compare says why
    other_club = ROWING_SCANNED
    for name, other in (("Tarnwick", "Harwell"), ("Orla Penhale", "Lena Corvin"), ("Penhale", "Corvin"),
                        ("Skellan", "Halden"), ("Cullow", "Quarrin")):
        other_club = other_club.replace(name, other)
    assert compare_documents(wire, Document("other", other_club), settings, context=context).relation is None


def test_copies_that_are_most_of_a_corpus_and_garble_words_the_other_lacks_are_still_copies():
    # Ten scanned copies of one report are most of the corpus, so its names are in most texts and not specific:
    # what each copy garbled is.  Half keep the boathouse paragraph, half the closing one, each with one word of
    # it garbled: a pair's garbles stand in sentences the other copy lacks, as names it does not carry.
    paragraphs = ROWING_REPORT.split("\n\n")
    ends = {3: ["boathouse", "regatta", "record", "coach", "sprint"], 4: ["training", "enter", "crews", "reach", "keep"]}
    copies = []
    for k in range(10):
        last = 3 + k % 2
        word = ends[last][k // 2]
        garbled = word[0] + "x" + word[2:]
        copies.append(Document(f"copy{k}", "\n\n".join([*paragraphs[:3], paragraphs[last].replace(word, garbled)])))
    docs = copies + [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    result = scan_documents(docs, ScanSettings(workers=1, level=Relation.COPY))
    holding = [c for c in result.clusters if any(d.id == "copy0" for d in c.documents)]
    assert len(holding) == 1
    assert sorted(d.id for d in holding[0].documents) == [f"copy{k}" for k in range(10)]


def test_copies_whose_leads_garble_words_each_its_own_way_are_copies_where_the_story_fills_the_corpus():
    # The report's names are in most texts, so not specific; the words each copy's lead garbled are, and
    # read as written they are names and figures of the lead that the other lacks (the lead-facts guard).
    paragraphs = ROWING_REPORT.split("\n\n")
    lead_words = ["believes", "battle", "river", "coming", "months", "Skellan"]
    copies = []
    for k in range(10):
        lead = paragraphs[1]
        for word in (lead_words[k % 6], lead_words[(k + 2) % 6]):
            lead = lead.replace(word, word[:2] + "x" + word[3:], 1)
        copies.append(Document(f"copy{k}", "\n\n".join([paragraphs[0], lead, *paragraphs[2:]])))
    settings = ScanSettings(workers=1, level=Relation.COPY)
    docs = copies + [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    # In a corpus too large to compare every pair, copies are not found to be near-copies before the frame is
    # (dedup.near_copies), and the leads' names are read again allowing for garbled letters.
    large = replace(settings, all_pairs_up_to=0)
    pair = compare_documents(copies[0], copies[1], large, context=docs)
    assert pair.relation == "copy", pair.link.reason
    assert "names and figures in the lead are in the other allowing one garbled letter" in pair.link.reason
    assert compare_documents(copies[0], copies[1], settings, context=docs).relation == "copy"
    result = scan_documents(docs, settings)
    holding = [c for c in result.clusters if any(d.id == "copy0" for d in c.documents)]
    assert len(holding) == 1 and sorted(d.id for d in holding[0].documents) == [f"copy{k}" for k in range(10)]


def test_copies_whose_lead_figures_slipped_a_last_digit_are_copies_where_the_story_fills_the_corpus():
    """Where the story's names are in most texts, the lead-facts guard reads the lead's figures; a figure whose
    last digit was doubled in typing ("20299" for "2029") is the same figure, as in matched sentences, and no
    longer parts the copies that carry it from those that do not."""
    paragraphs = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8").split("\n\n")
    lead = ("PORT ELLEN - The harbour council voted on Tuesday to buy electric ferries by 2029, after a trial of "
            "6212 crossings that carried 3275 passengers a week.")
    report = "\n\n".join([paragraphs[0], lead, *paragraphs[3:]])
    copies = []
    for k, word in enumerate(["winter", "settled", "struggle", "expected", "numbers", "argument", "trial",
                              "chaired", "batteries", "committee"]):
        body = report.replace(word, f"x{k}", 1)  # ten texts, so the story's names are common
        if k % 2:
            body = body.replace("2029", "20299", 1).replace("6212", "62122", 1)
        copies.append(Document(f"copy{k}", body))
    settings = ScanSettings(workers=1, level=Relation.COPY)
    docs = copies + [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))
                     if not p.name.startswith(("wire", "daily"))]
    pair = compare_documents(copies[0], copies[1], settings, context=docs)
    assert pair.relation == "copy" and "a figure's last digit slipped (50% as written)" in pair.link.reason
    assert [sorted(d.id for d in c.documents) for c in scan_documents(docs, settings).clusters] == [
        [f"copy{k}" for k in range(10)]]


FERRY_BACKGROUND = ("The Skellan Line has run the Cullow crossing since 1998 under a contract renewed every five "
                    "years. Its three boats carry about 400,000 passengers a year between Tarnwick harbour and the "
                    "island. "
                    "Fares rose by a fifth last spring after the council cut its subsidy to the route.\n\n")


def site_page(name: str, headline: str, lead: str, more: str) -> Document:
    """A news site's page: its chrome around a story that ends with the site's standing background."""
    return Document(name, f"{headline}\n\nADVERTISEMENT\n\nHome > News > Coast\n\n{lead}\n\n{more}\n\n"
                          f"{FERRY_BACKGROUND}Follow us on Twitter\n")


def test_site_chrome_shared_word_for_word_is_no_shared_lead():
    award = site_page("award", "Council hands ferry deal to Skellan Line",
                      "Tarnwick council voted on Tuesday to give the Skellan Line another five years on the "
                      "Cullow route.",
                      "Councillor Orla Penhale said the operator had promised two new boats by 2027.")
    strike = site_page("strike", "Ferry crews to strike over rotas",
                       "Crews on the Cullow ferries will walk out for two days next week in a dispute over rotas, "
                       "their union said.", "The union said talks with the Skellan Line had broken down on Monday.")
    comparison = compare_documents(award, strike, ScanSettings(workers=1))
    assert comparison.relation is None, comparison.link.reason
    assert comparison.link.scores.leads_verbatim == 0.0 and "follow-up" in comparison.link.reason


def test_at_exact_level_only_identical_texts_join_and_no_other_pair_is_aligned():
    """``--level exact`` is the fast pass of a dataset build: a pair of other texts cannot become exact, so none
    is aligned (a 20,000-text scan: 19.0 -> 6.3 s, the same output)."""
    story = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    docs = [Document("wire", story), Document("spaced", story.replace(". ", ".  ").replace("\n", "\n\n")),
            Document("edited", story.replace("41 percent", "41 per cent") + "\nShare this article\n")]
    assert clusters_at(Relation.EXACT, docs) == [["spaced", "wire"]]
    assert clusters_at(Relation.COPY, docs) == [["edited", "spaced", "wire"]]
    corpus = Corpus.build(docs, ScanSettings(workers=1))
    verifier = corpus.verifier()
    pairs = corpus.candidates()
    assert len(pairs) == 1  # the exact pair is grouped before candidates are drawn
    assert len(verifier.screen(pairs, level=Relation.EXACT)[0]) == 0
    assert len(verifier.screen(pairs, level=Relation.COPY)[0]) == 1


_VOTE = ("Port Ellen harbour council voted on Tuesday to replace its four diesel ferries with battery-electric "
         "vessels by 2029. Councillor Morag Kerr said the Islay route would save 41 percent on fuel once the new "
         "boats arrive. The contract with Ferguson Marine is worth 60 million pounds and includes two charging "
         "berths. Campaigners from Islay Ferry Users welcomed the decision after a two-year trial on the Jura "
         "crossing.")
_DELAY = ("Ferguson Marine has delayed delivery of the first battery-electric ferry for Port Ellen by eight months, "
          "blaming a shortage of cells from its Korean supplier. The shipyard's chief executive, Hamish Doig, "
          "apologised to islanders and promised weekly progress reports. Councillors in Port Ellen backed the switch "
          "from four diesel ferries in a vote this spring, on a 60 million pound contract. Morag Kerr said Islay and "
          "Jura passengers deserved better, and Islay Ferry Users called the delay disappointing.")


def test_a_follow_up_without_a_headline_is_told_by_its_first_sentence():
    """Body-only texts (a dataset that dropped its titles): the vote and, months later, the delivery's delay
    share the names of one topic (cosine 0.46, 6 rare terms) and joined as one report at `story`; the delay's
    first sentence is news the vote's opening lacks.  With headlines, the headline guard reads those."""
    settings = ScanSettings()
    apart = compare_documents(Document("vote", _VOTE), Document("delay", _DELAY), settings)
    assert not apart.joins and apart.relation is None
    assert apart.link.scores.lead_support < 0.4 and apart.link.scores.cosine >= 0.3
    assert "first sentence's terms" in apart.link.reason
    titled = compare_documents(Document("vote", _VOTE, "Port Ellen votes for electric ferries"),
                               Document("delay", _DELAY, "Electric ferry delivery delayed by eight months"), settings)
    assert titled.link.scores.lead_support == 1.0 and not titled.joins  # the headlines' own guard
    # The seeds without their headlines: the independent write-up still joins the two paraphrases.
    bodies = []
    for name in ("000_bd8e4e9c01becdd2.txt", "001_25689abf7d233c60.txt", "002_adf3a1924f1efa34.txt"):
        lines = (SAMPLES / name).read_text(encoding="utf-8").splitlines()
        first = next(k for k, line in enumerate(lines) if line.rstrip().endswith("."))
        bodies.append(Document(name, "\n".join(lines[first:])))
    result = scan_documents(bodies, settings)
    assert [sorted(d.id for d in c.documents) for c in result.clusters] == [sorted(d.id for d in bodies)]


def test_a_follow_up_that_tells_a_clippings_lead_as_news_of_earlier_this_week_is_no_copy():
    """A clipping cut to the ruling's lead, and a later story that retells that lead, dated back, and
    repeats the next sentences word for word under news of its own: the clipping's words are all in
    the later story, but the later story is not a copy of it."""
    settings = ScanSettings(level=Relation.COPY, workers=1)
    clipping = Document("clipping", "\n".join(["Sugar cartel claim thrown out", *RULING[1:4]]))

    def later(retold: str) -> Document:
        return Document("costs", "\n".join([
            "Sugar refiners to ask state for legal costs",
            "The region's three largest sugar refiners will ask the state to pay the $40m they spent "
            "fighting a price-fixing case for four years.",
            "Lawyers for the companies said the attorney general's office had ignored advice that the case "
            "was weak.",
            "A spokesman for the attorney general declined to comment on the request.",
            retold, *RULING[2:4],
            "The refiners' shares have risen by a fifth since the ruling."]))

    dated_back = later("Earlier this week, " + RULING[1][0].lower() + RULING[1][1:])
    comparison = compare_documents(clipping, dated_back, settings)
    assert comparison.link.scores.lead_told_as_past == 1.0 and comparison.link.scores.leads_verbatim == 0.0
    assert max(comparison.link.scores.containment_a, comparison.link.scores.containment_b) >= 0.5
    assert not comparison.joins, comparison.link.reason
    assert "tells the other's lead as news of days or weeks back" in comparison.link.reason
    # Told without a time put on it, the lead may be the outlet's own material above a copy: still a copy.
    undated = compare_documents(clipping, later(RULING[1]), settings)
    assert undated.link.scores.lead_told_as_past == 0.0 and undated.relation == "copy", undated.link.reason
    # And the clipping is a copy of the ruling story it was cut from.
    assert compare_documents(Document("ruling", "\n".join(RULING)), clipping, settings).relation == "copy"


def test_a_question_headline_is_read_as_the_headline_above_site_chrome():
    """A headline may ask ("What's next for next-gen consoles?").  Read as a sentence, it was passed over and the
    chrome below it ("Skip to main content") taken for the copy's headline: its words are in no opening, so the
    headline check read the copy as other news (BBC tech-309 and the generator's partial copy of it: support 0)."""
    question = "Will Skellan Line keep its Tarnwick ferry licence?"
    original = Document("hearing", "\n".join(HEARING[1:]), title=question)
    copy = Document("copy", "\n".join([
        "Skip to main content",
        "Whether Skellan Line can go on operating the island route will not be settled before next month, the "
        "transport regulator said.",
        "Members want further proof that the company runs its boats safely, they said as the hearing entered its "
        "second day.",
        *HEARING[3:]]), title=question)
    comparison = compare_documents(original, copy, ScanSettings(workers=1, level=Relation.REWRITE))
    assert comparison.link.scores.headline_support == 1.0
    assert comparison.joins, comparison.link.reason
