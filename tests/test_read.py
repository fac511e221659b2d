"""Reading: formats, encodings, and every kind of bad input reported without stopping the scan."""

from __future__ import annotations

import codecs
import io
import json
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from dedup.read import ReadOptions, read_inputs

from .conftest import run

TEXT = "Port Ellen harbour council voted on Tuesday to replace its diesel ferries.\n"


def ids(result):
    return [d.id for d in result.documents]


def reasons(result):
    return {(os.path.basename(p.path), p.line): p.reason for p in result.problems}


def test_folder_ids_are_paths_as_typed_and_sorted(tmp_path):
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(TEXT)
    (tmp_path / "notes.rtf").write_text(TEXT)  # not a supported format: ignored
    (tmp_path / ".hidden.txt").write_text(TEXT)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == [f"{tmp_path}/b.txt", f"{tmp_path}/sub/a.md"]
    assert result.problems == []


def test_include_and_exclude_globs(tmp_path):
    for name in ("keep.txt", "drop.txt", "other.md"):
        (tmp_path / name).write_text(TEXT)
    result = read_inputs([str(tmp_path)], ReadOptions(include=("*.txt",), exclude=("drop*",)))
    assert [os.path.basename(i) for i in ids(result)] == ["keep.txt"]


def test_globs_match_paths_below_the_folder_named(tmp_path):
    """``--exclude 'drafts/*'`` skips the drafts folder of the corpus scanned, wherever the corpus is."""
    for name in ("news/a.txt", "news/drafts/b.txt", "news/drafts/old/c.txt", "news/sport/drafts.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    corpus = str(tmp_path / "news")
    kept = read_inputs([corpus], ReadOptions(exclude=("drafts/*",)))
    assert [os.path.relpath(i, corpus) for i in ids(kept)] == ["a.txt", "sport/drafts.txt"]
    only = read_inputs([corpus], ReadOptions(include=("sport/*.txt",)))
    assert [os.path.relpath(i, corpus) for i in ids(only)] == ["sport/drafts.txt"]


def test_json_and_jsonl_records_use_fields_and_report_bad_lines(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "x1", "text": TEXT, "title": "T"}, {"body": TEXT}]))
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": 7, "text": TEXT}) + "\n{broken\n\n" + json.dumps({"id": "y", "text": 3}) + "\n"
        + json.dumps({"text": TEXT}) + "\n"
    )
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == sorted(["7", f"{tmp_path}/b.jsonl:5", "x1"])
    assert [d.title for d in result.documents if d.id == "x1"] == ["T"]
    got = reasons(result)
    assert got[("a.json", 2)] == "no 'text' field (fields: body; --text-field names it)"
    assert got[("b.jsonl", 2)].startswith("invalid JSON")
    assert got[("b.jsonl", 4)] == "field 'text' is int, not a string or a list of strings"
    assert result.records_failed == 3 and result.files_failed == 0


def test_a_text_field_holding_a_list_of_paragraphs_is_read_as_one_text(tmp_path):
    # Scrapers and datasets often keep an article as its paragraphs: ["...", "..."].
    paragraphs = [TEXT.strip(), None, "The vote follows a year of breakdowns on the island route."]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "p", "text": paragraphs},
        {"id": "null", "text": None},
        {"id": "blocks", "text": [{"type": "p", "text": TEXT}, 3]},
        {"id": "none", "text": [None, ""]},
    ]) + "\n")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert [(d.id, d.text) for d in result.documents] == [("p", f"{paragraphs[0]}\n\n{paragraphs[2]}")]
    got = reasons(result)
    assert got[("a.jsonl", 2)] == "field 'text' is null: no text to compare"
    assert got[("a.jsonl", 3)] == "field 'text' is a list of dict and int, not a string or a list of strings"
    assert got[("a.jsonl", 4)] == "empty: no text to compare"
    assert result.records_failed == 3


def test_custom_text_and_id_fields(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"key": "k", "body": TEXT}) + "\n")
    result = read_inputs([str(tmp_path)], ReadOptions(text_field="body", id_field="key"))
    assert ids(result) == ["k"]


def test_csv_and_tsv_rows_are_records_named_by_the_header(tmp_path):
    """A dataset as a table: a header row, then an article a row, its text quoted across lines."""
    import csv

    story = "Port Ellen council voted on Tuesday.\n\nFares stay frozen, the council said."
    with open(tmp_path / "news.csv", "w", newline="", encoding="utf-8-sig") as handle:  # as a spreadsheet saves it
        writer = csv.writer(handle)
        writer.writerows([["id", "title", "text"], ["a1", "Ferries", story], [], ["a2", "", "Library hours cut."],
                          ["a3", "Empty", ""]])
    (tmp_path / "more.tsv").write_text("id\ttext\nt1\tBoats for the island route.\n", encoding="utf-8")
    (tmp_path / "stats.csv").write_text("year,count\n2024,5\n", encoding="utf-8")
    result = read_inputs([str(tmp_path)], ReadOptions())
    docs = {d.id: d for d in result.documents}
    assert sorted(docs) == ["a1", "a2", "t1"]
    assert docs["a1"].text == story and docs["a1"].title == "Ferries" and docs["a1"].line == 2
    assert docs["a2"].title is None and docs["a2"].line == 6  # after the quoted lines and the blank row
    assert docs["t1"].text == "Boats for the island route."
    got = reasons(result)
    assert got[("stats.csv", None)] == "no 'text' column (columns: year, count)"
    assert got[("news.csv", 7)].startswith("empty")


RSS = """<?xml version="1.0" encoding="windows-1252"?>
<?xml-stylesheet type="text/xsl" href="rss.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily Coast</title>
<item><title>Ferry fleet goes electric</title><link>https://coast.example/ferries</link><guid>dc-101</guid>
<pubDate>Tue, 04 Mar 2025 09:00:00 +0000</pubDate><description>Teaser.</description>
<content:encoded><![CDATA[<p>The council voted on Tuesday.</p>
<p>Caf\u00e9 owners welcomed it.</p>]]></content:encoded></item>
<item><title>Library hours cut</title><link>https://coast.example/library</link>
<description>The library will cut its hours, the council said.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><id>urn:wire:1</id><title>Council approves ferries</title><updated>2025-03-03T18:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The council voted.</p><p>Fares frozen.</p></div>
</content></entry>
<entry><title>Markets</title><link href="https://wire.example/m"/><summary type="html">&lt;p&gt;Shares &amp;amp; bonds
fell.&lt;/p&gt;</summary></entry></feed>"""
RDF = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="https://old.example/1"><title>Old news</title><description>An RSS 1.0 item.</description>
<dc:date>2025-03-05</dc:date></item></rdf:RDF>"""


def test_rss_and_atom_feeds_are_read_item_by_item(tmp_path):
    """A monitor's feeds: each item a document with its guid, link or id, its headline, its date, and its HTML
    read as a page is; the feed's declared encoding is honoured."""
    (tmp_path / "coast.rss").write_bytes(RSS.encode("cp1252"))
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "old.xml").write_text(RDF, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>', encoding="utf-8")
    result = read_inputs([str(tmp_path)], ReadOptions(date_field="date", date_warnings=True))  # .xml is not read by default
    docs = {d.id: d for d in result.documents}
    assert sorted(docs) == ["dc-101", "https://coast.example/library", "https://wire.example/m", "urn:wire:1"]
    assert docs["dc-101"].text == "The council voted on Tuesday.\n\nCaf\u00e9 owners welcomed it."  # not the teaser
    assert docs["dc-101"].title == "Ferry fleet goes electric" and docs["dc-101"].line == 1
    assert docs["dc-101"].published == datetime(2025, 3, 4, 9, 0)
    assert docs["urn:wire:1"].text == "The council voted.\n\nFares frozen."
    assert docs["https://wire.example/m"].text == "Shares & bonds fell."
    assert reasons(result)[("coast.rss", 2)].startswith("no 'date' field")  # a warning: compared without one
    xml = read_inputs([str(tmp_path)], ReadOptions(include=("*.xml",)))
    assert ids(xml) == ["https://old.example/1"]
    assert reasons(xml)[("sitemap.xml", None)] == (
        "root element <urlset> is not an RSS or Atom feed's, nor a NewsML or NITF document's")
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO(ATOM.encode("utf-8")))
    assert ids(piped) == ["https://wire.example/m", "urn:wire:1"]


@pytest.mark.parametrize("name, document", [
    ("x.rss", "<rss><channel><item><title>T</title><description>Text &e; here.</description></item></channel></rss>"),
    ("x.xml", "<nitf><body><body.content><p>Text &e; here.</p></body.content></body></nitf>"),
])
def test_an_xml_file_names_no_file_for_the_parser_to_read(tmp_path, name, document):
    """An entity that names a file (XXE) is not resolved, in a feed or a wire document: the text is what the
    file holds."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    root = document[1:document.index(">")]
    doctype = f'<!DOCTYPE {root} [<!ENTITY e SYSTEM "file://{secret}">]>'
    (tmp_path / name).write_text(doctype + document, encoding="utf-8")
    result = read_inputs([str(tmp_path / name)], ReadOptions())
    assert result.documents and "secret" not in " ".join(d.text for d in result.documents)


NITF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.4/specification/dtd/nitf-3-4.dtd">
<nitf><head><title>Ferries</title><docdata><doc-id id-string="AP-0304-ferries"/><date.issue norm="20250304T091500Z"/>
</docdata></head><body><body.head><hedline><hl1>Council votes to replace island ferries</hl1></hedline>
<byline>By Jane Reporter</byline><dateline>PORT ELLEN, Scotland (AP) —</dateline></body.head><body.content>
<p>Port Ellen harbour council voted on Tuesday to replace its diesel ferries.</p>
<p>The vote follows a year of <b>breakdowns</b> on the island route.</p>
<table><tr><th>Vessel</th><th>Built</th></tr><tr><td>Isle of Arran</td><td>1984</td></tr></table>
</body.content></body></nitf>"""
NEWSML_G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2025-03-04T09:20:00Z</sent></header><itemSet>
<newsItem guid="urn:newsml:reuters.com:20250304:nL1N3PX0AB" version="2"><itemMeta><itemClass qcode="ninat:text"/>
<versionCreated>2025-03-04T10:00:00Z</versionCreated><firstCreated>2025-03-04T09:15:00Z</firstCreated></itemMeta>
<contentMeta><headline>Island council backs electric ferries</headline></contentMeta><contentSet>
<inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.head>
<dateline>PORT ELLEN, March 4 (Reuters) -</dateline></body.head><body.content>
<p>Port Ellen harbour council voted on Tuesday to replace its diesel ferries.</p></body.content></body></nitf>
</inlineXML></contentSet></newsItem>
<newsItem guid="urn:newsml:reuters.com:20250304:pic1" version="1"><itemMeta><itemClass qcode="ninat:picture"/>
</itemMeta><contentMeta><headline>Ferry at dock</headline></contentMeta><contentSet><remoteContent href="x.jpg"/>
</contentSet></newsItem>
<newsItem guid="urn:newsml:afp.com:20250304:xhtml" version="1"><itemMeta><itemClass qcode="ninat:text"/>
<versionCreated>2025-03-04T11:00:00+01:00</versionCreated></itemMeta><contentMeta><headline>Isle to get electric
ferries</headline></contentMeta><contentSet><inlineXML contenttype="application/xhtml+xml">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>PORT ELLEN (AFP) - The council
voted on Tuesday.</p><p>Islanders have complained of breakdowns.</p></body></html></inlineXML></contentSet></newsItem>
</itemSet></newsMessage>"""
NEWSML_1 = """<?xml version="1.0"?><NewsML Version="1.2"><NewsItem><Identification><NewsIdentifier>
<PublicIdentifier>urn:newsml:afp.com:20250304:TX-PAR-ABC12:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20250304T091500+0000</FirstCreated></NewsManagement><NewsComponent><NewsLines>
<HeadLine>Scottish isle votes for electric ferries</HeadLine></NewsLines><ContentItem><DataContent>
<p>Port Ellen harbour council voted on Tuesday.</p><p>A second paragraph.</p></DataContent></ContentItem>
</NewsComponent></NewsItem></NewsML>"""


def test_a_damaged_feed_or_wire_file_keeps_its_items_or_is_one_error(tmp_path):
    """What a cut transfer or a careless exporter leaves: half a surrogate pair's reference (a mis-encoded emoji,
    '&#xD800;'), which the recovering parser once kept as bytes that stopped the whole scan with
    UnicodeDecodeError, reads as U+FFFD; a prefix declared nowhere ('nitf:p', a tag garbled to 'rshttp:')
    stopped it with ValueError from lxml's QName.  A UTF-16 feed the references cannot be mended in is one
    error, and the other files are read."""
    rss = RSS.replace("Ferry fleet goes electric", "Ferry fleet goes electric &#xD83D;&#56843;")
    (tmp_path / "emoji.rss").write_bytes(rss.encode("cp1252"))
    (tmp_path / "prefixed.xml").write_text(
        NITF.replace("<p>Port Ellen", "<nitf:p>Port Ellen").replace("ferries.</p>", "ferries.</nitf:p>")
        .replace("<body.content>", "<body.content><rshttp:>Not a paragraph</rshttp:>"), encoding="utf-8")
    (tmp_path / "wide.rss").write_text(
        '<?xml version="1.0" encoding="utf-16"?><rss><channel><item><guid>w</guid><title>T &#xD800;</title>'
        "<description>Text.</description></item></channel></rss>", encoding="utf-16")
    result = read_inputs([str(tmp_path)], ReadOptions(include=("*.rss", "*.xml")))
    docs = {d.id: d for d in result.documents}
    assert docs["dc-101"].title == "Ferry fleet goes electric \ufffd\ufffd"
    assert docs["AP-0304-ferries"].text.startswith("PORT ELLEN, Scotland (AP) — Port Ellen harbour council voted")
    # The libxml2 lxml 6.2 bundles keeps the reference as bytes lxml cannot decode: one error; lxml 4.9's (the
    # floor) drops it and the item is read.  Either way the scan goes on.
    wide = reasons(result).get(("wide.rss", None))
    assert (wide or "").startswith("damaged XML: ") if "w" not in docs else wide is None
    assert result.files_failed + result.files_read == 3


def test_wire_agencies_newsml_and_nitf_are_read_item_by_item(tmp_path):
    """A newsroom's wire folder: NITF (AP's, with its DTD named), a NewsML-G2 message (Reuters' NITF and AFP's
    XHTML, a picture item passed over) and NewsML 1: each text item a document with the agency's id, its
    headline as title, its first-created time, and its story (a NITF dateline put back before its first
    paragraph, a table a row a line)."""
    (tmp_path / "ap.xml").write_text(NITF, encoding="utf-8")
    (tmp_path / "reuters.xml").write_text(NEWSML_G2, encoding="utf-8")
    (tmp_path / "afp.xml").write_text(NEWSML_1, encoding="utf-8")
    result = read_inputs([str(tmp_path)], ReadOptions(include=("*.xml",), date_field="date", date_warnings=True))
    assert not result.problems
    docs = {d.id: d for d in result.documents}
    assert sorted(docs) == ["AP-0304-ferries", "urn:newsml:afp.com:20250304:TX-PAR-ABC12:1",
                            "urn:newsml:afp.com:20250304:xhtml", "urn:newsml:reuters.com:20250304:nL1N3PX0AB"]
    ap = docs["AP-0304-ferries"]
    assert (ap.title, ap.published) == ("Council votes to replace island ferries", datetime(2025, 3, 4, 9, 15))
    assert ap.text == ("PORT ELLEN, Scotland (AP) — Port Ellen harbour council voted on Tuesday to replace its "
                       "diesel ferries.\n\nThe vote follows a year of breakdowns on the island route.\n\n"
                       "Vessel  Built\n\nIsle of Arran  1984")
    reuters = docs["urn:newsml:reuters.com:20250304:nL1N3PX0AB"]
    assert (reuters.title, reuters.published) == ("Island council backs electric ferries", datetime(2025, 3, 4, 9, 15))
    assert reuters.text.startswith("PORT ELLEN, March 4 (Reuters) - Port Ellen harbour council voted")
    afp = docs["urn:newsml:afp.com:20250304:xhtml"]
    assert afp.text == "PORT ELLEN (AFP) - The council voted on Tuesday.\n\nIslanders have complained of breakdowns."
    assert afp.published == datetime(2025, 3, 4, 10)  # in UTC; no firstCreated, so the version's time
    assert docs["urn:newsml:afp.com:20250304:TX-PAR-ABC12:1"].text == (
        "Port Ellen harbour council voted on Tuesday.\n\nA second paragraph.")
    for name, data in (("ap", NITF), ("reuters", NEWSML_G2), ("afp", NEWSML_1)):  # known on stdin by their roots
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO(data.encode("utf-8")))
        alone = read_inputs([str(tmp_path / f"{name}.xml")], ReadOptions(include=("*.xml",)))
        assert [(d.id, d.text) for d in piped.documents] == [(d.id, d.text) for d in alone.documents]


def test_parquet_rows_are_records_read_a_batch_at_a_time(tmp_path):
    """A Hugging Face dataset's Parquet shard: a record a row, nested columns by dotted name, timestamps as
    dates; a file that is not Parquet, or is damaged part-way, is one error and the rows before it are kept."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    rows = [f"Story {k} about the harbour council and its ferries, told at some length." for k in range(3000)]
    table = pa.table({"id": [f"r{k}" for k in range(3000)], "text": rows, "title": ["Ferries", *[None] * 2999],
                      "date": pa.array([datetime(2025, 3, 3, 9)] * 3000, pa.timestamp("s")),
                      "article": [{"body": f"Nested {k}."} for k in range(3000)],
                      "paragraphs": [[f"Lead {k}.", f"Quote {k}."] for k in range(3000)]})
    pq.write_table(table, tmp_path / "shard.parquet", row_group_size=1000)
    result = read_inputs([str(tmp_path / "shard.parquet")], ReadOptions(date_field="date", date_warnings=True))
    assert len(result.documents) == 3000 and not result.problems
    first = min(result.documents, key=lambda d: d.line or 0)
    assert (first.id, first.title, first.line, first.published) == ("r0", "Ferries", 1, datetime(2025, 3, 3, 9))
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "shard.parquet").read_bytes()))
    assert [(d.id, d.text) for d in piped.documents] == [(d.id, d.text) for d in result.documents]
    nested = read_inputs([str(tmp_path / "shard.parquet")], ReadOptions(text_field="article.body"))
    assert {d.text for d in nested.documents} == {f"Nested {k}." for k in range(3000)}
    listed = read_inputs([str(tmp_path / "shard.parquet")], ReadOptions(text_field="paragraphs"))
    assert {d.text for d in listed.documents} == {f"Lead {k}.\n\nQuote {k}." for k in range(3000)}
    missing = read_inputs([str(tmp_path / "shard.parquet")], ReadOptions(text_field="body"))
    assert reasons(missing)[("shard.parquet", None)] == (
        "no 'body' column (columns: id, text, title, date, article, paragraphs)")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 not really")
    assert reasons(read_inputs([str(tmp_path / "fake.parquet")], ReadOptions()))[("fake.parquet", None)].startswith(
        "not a Parquet file: ")
    meta = pq.ParquetFile(tmp_path / "shard.parquet").metadata.row_group(2).column(1)  # the last group's text
    start = meta.dictionary_page_offset if meta.has_dictionary_page else meta.data_page_offset
    data = bytearray((tmp_path / "shard.parquet").read_bytes())
    data[start + 20 : start + meta.total_compressed_size - 20] = b"A" * (meta.total_compressed_size - 40)
    (tmp_path / "shard.parquet").write_bytes(bytes(data))
    damaged = read_inputs([str(tmp_path / "shard.parquet")], ReadOptions())
    (problem,) = damaged.problems
    assert problem.reason.startswith("damaged Parquet data after row ") and "\n" not in problem.reason
    assert 0 < len(damaged.documents) < 2000 and problem.line == len(damaged.documents) + 1


def test_text_in_binary_columns_is_read_as_text(tmp_path):
    """Hive, Impala and older Spark write strings to Parquet and ORC as binary columns, not saying they are text
    (Spark's spark.sql.parquet.binaryAsString exists for them): such a column's bytes are decoded as a file's are
    (UTF-8, or a legacy encoding detected), ids and titles too; a value that is no text is that row's error."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.orc as orc
    import pyarrow.parquet as pq

    story = "Caf\u00e9 owners welcomed the harbour council's vote on the island ferries on Tuesday."
    texts = [story.encode("utf-8"), story.encode("cp1252"), bytes(range(256)) * 4]
    table = pa.table({"id": pa.array([b"r0", b"r1", b"r2"], pa.binary()), "text": pa.array(texts, pa.binary()),
                      "title": pa.array([b"Ferries", None, None], pa.binary()),
                      "paragraphs": pa.array([[b"Lead.", b"Quote."]] * 3, pa.list_(pa.binary()))})
    pq.write_table(table, tmp_path / "hive.parquet")
    orc.write_table(table.drop_columns(["paragraphs"]), str(tmp_path / "hive.orc"))
    for name in ("hive.parquet", "hive.orc"):
        result = read_inputs([str(tmp_path / name)], ReadOptions())
        assert [(d.id, d.text, d.title) for d in result.documents] == [("r0", story, "Ferries"), ("r1", story, None)]
        assert reasons(result) == {(name, 3): "field 'text' holds bytes that are not text: binary content "
                                               "(NUL bytes), not text"}
    listed = read_inputs([str(tmp_path / "hive.parquet")], ReadOptions(text_field="paragraphs"))
    assert {d.text for d in listed.documents} == {"Lead.\n\nQuote."}


def test_archives_and_documents_no_reader_takes_are_named_with_what_to_do(tmp_path):
    """A 7z or RAR archive, or an RTF document, named as a file or piped: before, "binary content (NUL
    bytes), not text" or an RTF's markup read as its text; now what it is, and what to do."""
    files = {"batch.7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40), "batch.rar": b"Rar!\x1a\x07\x01\x00" + bytes(40),
             "story.rtf": b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Ferries approved.}"}
    expected = {"batch.7z": "a 7z archive, not read: unpack it first (7z x)",
                "batch.rar": "a RAR archive, not read: unpack it first (unrar x)",
                "story.rtf": "an RTF document, not read: save it as .docx or text"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        assert reasons(read_inputs([str(tmp_path / name)], ReadOptions())) == {(name, None): expected[name]}
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO(data))
        assert [p.reason for p in piped.problems] == [expected[name]] and not piped.documents


def test_a_saved_hugging_face_dataset_is_read_without_its_description_files(tmp_path):
    """``Dataset.save_to_disk`` writes state.json and dataset_info.json beside its Arrow shards (a
    ``DatasetDict`` adds dataset_dict.json above its splits): before, each was read as a record without text,
    an error, and ``--strict`` failed the scan of a dataset that read whole."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    saved = tmp_path / "saved"
    for split, first in (("train", 0), ("test", 20)):
        folder = saved / split
        folder.mkdir(parents=True)
        table = pa.table({"id": [f"{split}-{k}" for k in range(first, first + 20)],
                          "text": _stories(40)[first:first + 20]})
        with pa.OSFile(str(folder / "data-00000-of-00001.arrow"), "wb") as sink:
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
        # As datasets 4 writes them.
        (folder / "state.json").write_text(json.dumps({
            "_data_files": [{"filename": "data-00000-of-00001.arrow"}], "_fingerprint": "1f0e", "_format_columns": None,
            "_format_kwargs": {}, "_format_type": None, "_output_all_columns": False, "_split": None}))
        (folder / "dataset_info.json").write_text(json.dumps({
            "citation": "", "description": "", "features": {"id": {"dtype": "string", "_type": "Value"}},
            "homepage": "", "license": ""}))
    (saved / "dataset_dict.json").write_text(json.dumps({"splits": ["train", "test"]}))
    result = read_inputs([str(saved)], ReadOptions())
    assert not result.problems
    assert sorted(ids(result)) == sorted([f"train-{k}" for k in range(20)] + [f"test-{k}" for k in range(20, 40)])
    assert run("scan", str(saved), "--strict", "--quiet", "--format", "json").exit_code == 0
    # Only beside the shards they describe: elsewhere a state.json is read as the user's, and said to have no text.
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "state.json").write_text(json.dumps({"_split": None}))
    (tmp_path / "notes" / "dataset_dict.json").write_text(json.dumps({"splits": []}))
    elsewhere = read_inputs([str(tmp_path / "notes")], ReadOptions())
    assert sorted(p.path for p in elsewhere.problems) == [str(tmp_path / "notes" / n)
                                                           for n in ("dataset_dict.json", "state.json")]


def test_parquet_without_pyarrow_is_one_error_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as on an install without the [parquet] extra
    (tmp_path / "shard.parquet").write_bytes(b"PAR1")
    (tmp_path / "story.txt").write_text(TEXT)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert [os.path.basename(i) for i in ids(result)] == ["story.txt"]
    assert reasons(result)[("shard.parquet", None)] == (
        "reading Parquet needs pyarrow: pip install 'article-dedup[parquet]'")


@pytest.mark.parametrize("kind", ["parquet", "arrow"])
def test_a_value_python_cannot_hold_is_an_error_for_its_row_and_the_rest_is_read(tmp_path, kind):
    """A timestamp past the year 9999 is valid Arrow (a sentinel, or a garbled value) and has no datetime: that
    row is one error naming its column, in a batch whose other rows, and the rows after it, are read."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    far = pa.array([0, 2**62, 10**15, 0], pa.int64()).cast(pa.timestamp("us"))
    table = pa.table({"id": ["a", "b", "c", "d"], "text": _stories(4), "date": far})
    path = tmp_path / f"shard.{kind}"
    if kind == "parquet":
        pq.write_table(table, path)
    else:
        feather.write_feather(table, path)
    for options in (ReadOptions(date_field="date"), ReadOptions(keep_sources=True)):  # a scan's columns; filter's
        result = read_inputs([str(path)], options)
        assert sorted(ids(result)) == ["a", "c", "d"]
        assert reasons(result) == {(f"shard.{kind}", 2): "column 'date': a timestamp[us] value out of Python's "
                                   "range (date value out of range); the row is not read"}
        assert result.records_failed == 1 and result.files_read == 1


def _stories(count: int) -> list[str]:
    return [f"Story {k} about the harbour council and its ferries, told at some length." for k in range(count)]


def test_arrow_files_and_streams_are_read_a_record_a_row(tmp_path):
    """Feather version 2 (the Arrow IPC file) and the IPC stream Hugging Face datasets write for save_to_disk:
    a record a row, even where one batch holds the whole table; a stream damaged part-way is one error and the
    rows before it are kept; piped to stdin, each is known by how it opens."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.feather as feather

    table = pa.table({"id": [f"r{k}" for k in range(3000)], "text": _stories(3000),
                      "date": pa.array([datetime(2025, 3, 3, 9)] * 3000, pa.timestamp("s"))})
    feather.write_feather(table, tmp_path / "table.feather", chunksize=3000)  # one batch of 3,000 rows
    with pa.OSFile(str(tmp_path / "data-00000-of-00001.arrow"), "wb") as sink:
        with pa.ipc.new_stream(sink, table.schema) as writer:
            for batch in table.to_batches(max_chunksize=1000):
                writer.write_batch(batch)
    for name in ("table.feather", "data-00000-of-00001.arrow"):
        result = read_inputs([str(tmp_path / name)], ReadOptions(date_field="date", date_warnings=True))
        assert not result.problems, name
        assert sorted((d.line, d.id, d.text, d.published) for d in result.documents) == [
            (k + 1, f"r{k}", text, datetime(2025, 3, 3, 9)) for k, text in enumerate(_stories(3000))]
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / name).read_bytes()))
        assert sorted(ids(piped)) == sorted(ids(result))
    missing = read_inputs([str(tmp_path / "table.feather")], ReadOptions(text_field="body"))
    assert reasons(missing)[("table.feather", None)] == "no 'body' column (columns: id, text, date)"
    stream = (tmp_path / "data-00000-of-00001.arrow").read_bytes()
    (tmp_path / "cut.arrow").write_bytes(stream[: len(stream) * 3 // 4])  # the third batch cut short
    damaged = read_inputs([str(tmp_path / "cut.arrow")], ReadOptions())
    (problem,) = damaged.problems
    assert problem.reason.startswith("damaged Arrow data after row 2000: ") and "\n" not in problem.reason
    assert len(damaged.documents) == 2000 and problem.line == 2001
    (tmp_path / "fake.arrow").write_bytes(b"not arrow at all")
    assert reasons(read_inputs([str(tmp_path / "fake.arrow")], ReadOptions()))[("fake.arrow", None)].startswith(
        "not an Arrow IPC file or stream: ")


def test_csv_files_with_semicolons_as_excel_writes_them_are_read_by_their_header(tmp_path):
    """Where the comma is the decimal mark, Excel writes CSV with semicolons, and may name its delimiter on a
    first line ("sep=;"); the header row shows which it is, in a file and on stdin, and rows keep their line
    numbers."""
    rows = 'id;title;text\n1;Ferries;"Port Ellen voted; the ferries go electric."\n2;Fares;Fares are frozen.\n'
    (tmp_path / "semicolons.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "declared.csv").write_text("sep=;\n" + rows, encoding="utf-8-sig")
    (tmp_path / "pipes.csv").write_text('id|title|text\n1|Ferries|"Port Ellen voted; the ferries go electric."\n'
                                        "2|Fares|Fares are frozen.\n", encoding="utf-8")
    for name in ("semicolons.csv", "declared.csv", "pipes.csv"):
        result = read_inputs([str(tmp_path / name)], ReadOptions())
        assert not result.problems, name
        expected_lines = [3, 4] if name == "declared.csv" else [2, 3]
        assert [(d.id, d.title, d.text, d.line) for d in result.documents] == [
            ("1", "Ferries", "Port Ellen voted; the ferries go electric.", expected_lines[0]),
            ("2", "Fares", "Fares are frozen.", expected_lines[1])], name
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / name).read_bytes()))
        assert [d.text for d in piped.documents] == [d.text for d in result.documents], name
    (tmp_path / "export.csv").write_text("Date (UTC);Source/Outlet;text\n2025-03-04;Daily Coast;Ferries approved.\n",
                                         encoding="utf-8")
    assert [d.text for d in read_inputs([str(tmp_path / "export.csv")], ReadOptions()).documents] == [
        "Ferries approved."]
    (tmp_path / "report.csv").write_text("Mentions report, 4 March 2025\nFilter: ferries\n\nid,title,text\n"
                                         "1,Ferries,Ferries approved.\n", encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path / "report.csv")], ReadOptions()).documents
    assert (doc.id, doc.text, doc.line) == ("1", "Ferries approved.", 5)
    (tmp_path / "other.csv").write_text("id;body\n1;Ferries approved.\n", encoding="utf-8")
    assert reasons(read_inputs([str(tmp_path / "other.csv")], ReadOptions())) == {
        ("other.csv", None): "no 'text' column (columns: id;body)"}


def test_zip_archives_are_read_member_by_member(tmp_path):
    """A batch delivered as a zip archive: each member read as the file it is (text, JSON Lines, compressed
    JSON Lines), named after the archive; folders' entries, hidden members, macOS shadows and unread formats
    passed over; an inner archive and a damaged member one error each; the same from stdin."""
    import gzip
    import zipfile

    with zipfile.ZipFile(tmp_path / "batch.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2025/", "")
        archive.writestr("2025/ferry.txt", TEXT)
        archive.writestr("2025/wire.jsonl", json.dumps({"id": "w1", "text": TEXT + " Wire."}) + "\n")
        archive.writestr("2025/more.jsonl.gz", gzip.compress((json.dumps({"id": "g1", "text": TEXT}) + "\n").encode()))
        archive.writestr("2025/.DS_Store", "junk")
        archive.writestr("__MACOSX/2025/._ferry.txt", "junk")
        archive.writestr("2025/notes.rtf", "not a format read")
        archive.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
    result = read_inputs([str(tmp_path / "batch.zip")], ReadOptions())
    assert sorted(ids(result)) == sorted([f"{tmp_path}/batch.zip/2025/ferry.txt", "g1", "w1"])
    assert reasons(result) == {("inner.zip", None): "a zip archive inside a zip archive is not read; unpack it first"}
    assert result.files_read == 3
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "batch.zip").read_bytes()))
    assert sorted(ids(piped)) == ["-/2025/ferry.txt", "g1", "w1"]
    # In a folder, archives are read only when asked for; then their members are the formats read by default.
    (tmp_path / "story.txt").write_text(TEXT)
    assert [os.path.basename(i) for i in ids(read_inputs([str(tmp_path)], ReadOptions()))] == ["story.txt"]
    asked = read_inputs([str(tmp_path)], ReadOptions(include=("*.zip",)))
    assert sorted(ids(asked)) == sorted([f"{tmp_path}/batch.zip/2025/ferry.txt", "g1", "w1"])
    data = bytearray((tmp_path / "batch.zip").read_bytes())
    start = data.index(b"ferry.txt") + len("ferry.txt")  # the first member's compressed bytes follow its name
    data[start + 4 : start + 12] = b"\xff" * 8
    (tmp_path / "damaged.zip").write_bytes(bytes(data))
    damaged = read_inputs([str(tmp_path / "damaged.zip")], ReadOptions())
    assert reasons(damaged)[("ferry.txt", None)].startswith("damaged zip data: ")
    assert sorted(ids(damaged)) == ["g1", "w1"]
    (tmp_path / "fake.zip").write_text(TEXT)
    assert reasons(read_inputs([str(tmp_path / "fake.zip")], ReadOptions())) == {
        ("fake.zip", None): "not a zip archive: File is not a zip file"}


def _tar(members: dict[str, bytes | None], *, links: tuple[str, ...] = ()) -> bytes:
    """A tar archive as ``tar -C src -cf - .`` writes one: names under "./", a folder's entry for None."""
    import tarfile

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(f"./{name}")
            if content is None:
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
        for name in links:
            info = tarfile.TarInfo(f"./{name}")
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return out.getvalue()


def test_tar_archives_are_read_member_by_member(tmp_path):
    """Corpora come as .tar.gz: each member read as the file it is, named after the archive, as a zip's are;
    folders, links, hidden members and macOS's AppleDouble files passed over; an inner archive one error; the
    same from stdin, and compressed every way (.tar.gz, .tgz, .tar.bz2, .tar.xz).  Before, a tar archive was
    "binary content (control characters), not text"."""
    import bz2
    import gzip
    import lzma

    tar = _tar({"2025": None, "2025/ferry.txt": TEXT.encode(),
                "2025/wire.jsonl": (json.dumps({"id": "w1", "text": TEXT + " Wire."}) + "\n").encode(),
                "2025/more.jsonl.gz": gzip.compress((json.dumps({"id": "g1", "text": TEXT}) + "\n").encode()),
                "2025/.DS_Store": b"junk", "2025/._ferry.txt": b"\x00\x05\x16\x07 AppleDouble",
                "2025/notes.rtf": b"not a format read", "inner.tar.gz": gzip.compress(b"x" * 600)},
               links=("2025/passwd.txt",))
    packed = {"batch.tar": tar, "batch.tar.gz": gzip.compress(tar), "batch.tgz": gzip.compress(tar),
              "batch.tar.bz2": bz2.compress(tar), "batch.tar.xz": lzma.compress(tar)}
    for name, data in packed.items():
        (tmp_path / name).write_bytes(data)
        result = read_inputs([str(tmp_path / name)], ReadOptions())
        assert sorted(ids(result)) == sorted([f"{tmp_path}/{name}/2025/ferry.txt", "g1", "w1"]), name
        assert reasons(result) == {
            ("inner.tar.gz", None): "a tar archive inside a tar archive is not read; unpack it first"}, name
        assert result.files_read == 3
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO(data))
        assert sorted(ids(piped)) == ["-/2025/ferry.txt", "g1", "w1"], name
    # In a folder, archives are read only when asked for: '*.tar' takes the compressed ones too.
    (tmp_path / "story.txt").write_text(TEXT)
    assert [os.path.basename(i) for i in ids(read_inputs([str(tmp_path)], ReadOptions()))] == ["story.txt"]
    asked = read_inputs([str(tmp_path)], ReadOptions(include=("*.tar",)))
    assert sorted(i for i in ids(asked) if "/" in i) == sorted(f"{tmp_path}/{name}/2025/ferry.txt" for name in packed)
    assert len(asked.documents) == 15  # and each archive's two records (their ids made unique)
    only_gz = read_inputs([str(tmp_path)], ReadOptions(include=("*.tar.gz",)))
    assert sorted(os.path.basename(os.path.dirname(os.path.dirname(i))) for i in ids(only_gz) if "/" in i) == [
        "batch.tar.gz"]


def test_a_damaged_tar_archive_is_one_error_and_what_came_before_is_kept(tmp_path):
    """Cut inside a member, cut between members or inside a header (tarfile itself takes those as the end and
    says nothing), not a tar at all, its compression cut short, archives joined with cat: one error naming the
    archive each, and the members before it kept."""
    import gzip
    import tarfile

    first, second = TEXT.encode(), (TEXT + " More.").encode()
    tar = _tar({"a.txt": first, "b.txt": second})
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        b_header = archive.getmember("./b.txt").offset
    cases = {"inside.tar": tar[: b_header + 512 + 10], "between.tar": tar[:b_header],
             "in_header.tar": tar[: b_header + 100], "fake.tar": TEXT.encode() * 20,
             "cut.tar.gz": gzip.compress(tar)[:-40]}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    read = {name: read_inputs([str(tmp_path / name)], ReadOptions()) for name in cases}
    assert reasons(read["inside.tar"]) == {
        ("inside.tar", None): "damaged tar data after 2 members: unexpected end of data; what came before it is kept"}
    cut_short = "damaged tar data after 1 member: no end marker (cut short, or a header damaged); what came before " \
                "it is kept"
    assert reasons(read["between.tar"]) == {("between.tar", None): cut_short}
    assert reasons(read["in_header.tar"]) == {("in_header.tar", None): cut_short}
    for name in ("inside.tar", "between.tar", "in_header.tar"):
        assert [d.text for d in read[name].documents][:1] == [TEXT], name  # the first member is kept
    assert reasons(read["fake.tar"])[("fake.tar", None)].startswith("not a tar archive: ")
    assert reasons(read["cut.tar.gz"])[("cut.tar.gz", None)].startswith("damaged .gz data: ")
    (tmp_path / "joined.tar").write_bytes(tar + _tar({"c.txt": (TEXT + " Third.").encode()}))
    joined = read_inputs([str(tmp_path / "joined.tar")], ReadOptions())
    assert reasons(joined) == {("joined.tar", None): "damaged tar data after 2 members: more data after its end "
                                                     "marker, not read (archives joined with cat: unpack each); what "
                                                     "came before it is kept"}
    assert len(joined.documents) == 2


def test_orc_files_are_read_a_stripe_at_a_time(tmp_path):
    """Hive's ORC: a record a row, the field options' columns only; on stdin it is known by the magic at both
    of its ends, so a plain text that opens with "ORC" stays text."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    orc = pytest.importorskip("pyarrow.orc", reason="this pyarrow build has ORC")
    table = pa.table({"id": [f"r{k}" for k in range(3000)], "text": _stories(3000), "title": ["Ferries"] * 3000})
    orc.write_table(table, str(tmp_path / "part-0.orc"), stripe_size=4096)
    assert orc.ORCFile(str(tmp_path / "part-0.orc")).nstripes > 1
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert not result.problems
    assert sorted((d.line, d.id, d.text, d.title) for d in result.documents) == [
        (k + 1, f"r{k}", text, "Ferries") for k, text in enumerate(_stories(3000))]
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "part-0.orc").read_bytes()))
    assert sorted(ids(piped)) == sorted(ids(result))
    prose = read_inputs(["-"], ReadOptions(), io.BytesIO(b"ORCHARD GROWERS SEE RECORD APPLE CROP\n\n" + TEXT.encode()))
    assert [d.text.split()[0] for d in prose.documents] == ["ORCHARD"] and not prose.problems
    (tmp_path / "fake.orc").write_bytes(b"ORC but nothing more")
    assert reasons(read_inputs([str(tmp_path / "fake.orc")], ReadOptions()))[("fake.orc", None)].startswith(
        "not an ORC file: ")


def test_orc_is_refused_under_a_pyarrow_that_aborts_on_damaged_files(tmp_path, monkeypatch):
    """Before pyarrow 19 a garbled ORC stripe footer aborts the process (a C++ exception nothing catches), taking
    a scan of thousands of files with it: under such a pyarrow, ORC files are one error each, saying what to do."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    orc = pytest.importorskip("pyarrow.orc", reason="this pyarrow build has ORC")
    orc.write_table(pa.table({"id": ["r0"], "text": _stories(1)}), str(tmp_path / "part-0.orc"))
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(pa, "__version__", "18.1.0")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == [str(tmp_path / "story.txt")] and result.files_failed == 1
    assert reasons(result)[("part-0.orc", None)] == (
        "reading ORC needs pyarrow 19 or later (this is 18.1.0, which stops the whole process on a damaged ORC "
        "file): pip install -U pyarrow")


_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, paragraphs: list[str], *, title: str | None = None, table: list[str] = (),
          box: str | None = None) -> None:
    """A Word document as Word writes one: a zip archive whose story is word/document.xml."""
    import zipfile
    from xml.sax.saxutils import escape

    def para(text: str, inner: str = "") -> str:
        runs = "<w:r><w:br/></w:r>".join(f"<w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r>"
                                        for line in text.split("\n"))
        return f"<w:p>{runs}{inner}</w:p>"

    cells = "".join(f"<w:tc>{para(cell)}</w:tc>" for cell in table)
    textbox = (f"<w:r><w:pict><w:txbxContent>{para(box)}</w:txbxContent></w:pict></w:r>" if box else "")
    body = "".join(para(p, textbox if k == 0 else "") for k, p in enumerate(paragraphs))
    body += f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>" if table else ""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{_WORD}"><w:body>{body}</w:body></w:document>')
        if title is not None:
            archive.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="x" '
                             f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title>'
                             "</cp:coreProperties>")


def test_word_documents_are_read_as_the_article_they_hold(tmp_path):
    """A newsroom's copy filed as .docx: paragraphs as a text file's, table cells and a text box's lines once
    each, the document's own title; found in folders, and on stdin by what the archive holds."""
    _docx(tmp_path / "ferry.docx", ["Harbour council approves electric ferries",
                                    "PORT ELLEN, March 3 - The council voted 7-2.\nA second line."],
          title="Ferries approved", table=["Fares", "frozen"], box="Pull quote: they did not struggle.")
    (tmp_path / "story.txt").write_text(TEXT)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert not result.problems
    (doc,) = [d for d in result.documents if d.id.endswith("ferry.docx")]
    assert doc.title == "Ferries approved"
    assert doc.text == ("Harbour council approves electric ferries\n\nPull quote: they did not struggle.\n\n"
                        "PORT ELLEN, March 3 - The council voted 7-2.\nA second line.\n\nFares\n\nfrozen")
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "ferry.docx").read_bytes()))
    assert [(d.title, d.text) for d in piped.documents] == [(doc.title, doc.text)]
    cut_short = read_inputs([str(tmp_path / "ferry.docx")], ReadOptions(max_bytes=60))
    assert [len(d.text.encode()) <= 60 for d in cut_short.documents] == [True]
    assert reasons(cut_short)[("ferry.docx", None)].startswith("truncated to ")


_ODT_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def _odt(path: Path, body: str, *, title: str | None = None) -> None:
    """An OpenDocument text as LibreOffice writes one: a zip archive whose story is content.xml's office:text."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<office:document-content {_ODT_NAMESPACES}><office:body><office:text>"
                                        f"{body}</office:text></office:body></office:document-content>")
        if title is not None:
            archive.writestr("meta.xml", '<office:document-meta xmlns:office="x" xmlns:dc="http://purl.org/dc/'
                                         f'elements/1.1/"><office:meta><dc:title>{title}</dc:title></office:meta>'
                                         "</office:document-meta>")


def test_opendocument_texts_are_read_as_the_article_they_hold(tmp_path):
    """LibreOffice's .odt: headings and paragraphs, spaces and line breaks as written, list items and table
    cells in order, a footnote left out, the document's own title; from a folder and from stdin."""
    body = ("<text:h>Harbour council approves electric ferries</text:h>"
            "<text:p>PORT ELLEN - The council voted<text:s text:c=\"2\"/>7-2.<text:s text:c=\"x\"/>"
            "<text:s text:c=\"999999999\"/><text:note><text:note-body>"
            "<text:p>A footnote.</text:p></text:note-body></text:note><text:line-break/>A second line.</text:p>"
            "<text:list><text:list-item><text:p>Fares <text:span>frozen</text:span></text:p></text:list-item>"
            "</text:list><table:table><table:table-row><table:table-cell><text:p>Cell</text:p></table:table-cell>"
            "</table:table-row></table:table>")
    _odt(tmp_path / "ferry.odt", body, title="Ferries approved")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert not result.problems
    spaces = " " * (1 + 80)  # a count that is no number is one space; a billion is a line's worth
    assert [(d.title, d.text) for d in result.documents] == [(
        "Ferries approved", "Harbour council approves electric ferries\n\nPORT ELLEN - The council voted  7-2."
                            f"{spaces}\nA second line.\n\nFares frozen\n\nCell")]
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "ferry.odt").read_bytes()))
    assert [(d.title, d.text) for d in piped.documents] == [(d.title, d.text) for d in result.documents]
    (tmp_path / "ferry.odt").write_text(TEXT)
    assert reasons(read_inputs([str(tmp_path)], ReadOptions())) == {
        ("ferry.odt", None): "not an OpenDocument text (.odt): File is not a zip file"}


def test_drafts_are_read_as_they_would_print_not_with_their_edits_and_comments(tmp_path):
    """A newsroom's drafts carry tracked changes and comments.  An .odt's deleted paragraphs (kept in
    text:tracked-changes) and comments (office:annotation, with their author and date) were read as the story,
    the author's name glued into the paragraph; Word's text box came twice (mc:Choice and its mc:Fallback for
    old readers) and a passage moved with changes tracked was read at its old place and its new one."""
    import zipfile

    body = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
            "<dc:creator>Ed Itor</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
            "<text:p>A sentence the editor cut.</text:p></text:deletion></text:changed-region></text:tracked-changes>"
            "<text:p>The council voted.<office:annotation><dc:creator>Jane Sub</dc:creator><dc:date>2024-03-01"
            "</dc:date><text:p>Check this figure with the clerk.</text:p></office:annotation> Fares are frozen."
            '<text:change text:change-id="ct1"/></text:p>')
    _odt(tmp_path / "draft.odt", body)

    def run(text: str, deleted: bool = False) -> str:
        return f'<w:r><w:{"delText" if deleted else "t"} xml:space="preserve">{text}</w:{"delText" if deleted else "t"}></w:r>'

    box = f"<w:txbxContent><w:p>{run('Pull quote.')}</w:p></w:txbxContent>"
    document = (
        f'<w:document xmlns:w="{_WORD}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body><w:p>{run('The council voted ')}<w:del>{run('narrowly ', deleted=True)}</w:del>"
        f"<w:ins>{run('7-2')}</w:ins>{run('.')}"
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        f"<w:p><w:moveFrom>{run('Fares are frozen.')}</w:moveFrom>{run('Ferries come in 2029.')}</w:p>"
        f"<w:p><w:moveTo>{run('Fares are frozen.')}</w:moveTo></w:p></w:body></w:document>")
    with zipfile.ZipFile(tmp_path / "draft.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert not result.problems
    docs = {Path(d.id).name: d.text for d in result.documents}
    assert docs["draft.odt"] == "The council voted. Fares are frozen."
    assert docs["draft.docx"] == ("The council voted 7-2.\n\nPull quote.\n\nFerries come in 2029.\n\n"
                                  "Fares are frozen.")


def _pdf(path: Path, pages: list[list[str]], title: str | None = None) -> None:
    """A PDF as a word processor exports one: each page's lines placed in Helvetica, with an xref table."""
    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(f"({escaped(line)}) Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    info = None
    if title is not None:
        objects.append(f"<< /Title ({escaped(title)}) >>")
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def test_pdf_files_are_read_as_the_text_their_pages_show(tmp_path):
    """A press release as PDF: its pages' lines, a word hyphenated at a line's end joined again, pages parted by
    a blank line, the file's own title; from a folder and from stdin; a damaged or encrypted file is one error."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf is installed with the [test] extra")
    _pdf(tmp_path / "release.pdf", [["Harbour council approves electric ferries", "",
                                     "The council voted 7-2 on Tuesday to replace its four diesel ferries with",
                                     "battery-electric vessels by 2029, ending a two-year trial that cut gov-",
                                     "ernment fuel costs by 41 percent."],
                                    ["Fares will be frozen until at least 2027."]], title="Ferries approved")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert not result.problems
    (doc,) = result.documents
    assert doc.title == "Ferries approved"
    assert "cut government fuel costs" in doc.text and "battery-electric" in doc.text
    assert doc.text.startswith("Harbour council approves electric ferries")
    assert doc.text.endswith("41 percent.\n\nFares will be frozen until at least 2027.")
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "release.pdf").read_bytes()))
    assert [(d.title, d.text) for d in piped.documents] == [(doc.title, doc.text)]
    writer = pypdf.PdfWriter(clone_from=str(tmp_path / "release.pdf"))
    writer.encrypt("secret")
    writer.write(str(tmp_path / "locked.pdf"))
    assert reasons(read_inputs([str(tmp_path / "locked.pdf")], ReadOptions())) == {
        ("locked.pdf", None): "an encrypted PDF is not read: save it without a password, or as text"}
    # A reference where a page's drawing operators belong (found by tools/fuzz_readers.py): pypdf's own type
    # check fails with AssertionError('mypy'), which once stopped the whole scan.
    (tmp_path / "reference.pdf").write_bytes((tmp_path / "release.pdf").read_bytes().replace(b"14 TL", b"1 0 R"))
    (tmp_path / "release.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    problems = reasons(read_inputs([str(tmp_path)], ReadOptions()))
    assert problems[("release.pdf", None)].startswith("not a PDF file pypdf can read: ")
    assert problems[("reference.pdf", None)].startswith("not a PDF file pypdf can read: AssertionError")  # 'mypy'
    # since pypdf 4.x


def test_pdf_is_refused_under_a_pypdf_that_takes_all_memory_on_damaged_files(tmp_path, monkeypatch):
    """A PDF with a page's string cut short (found by tools/fuzz_readers.py at the lowest dependencies): pypdf
    4.0-5.0 allocate without bound on it (14 GB before it was stopped), 5.1 and later raise at once.  It is one
    error here; under an older pypdf, PDF files are one error each, saying what to do."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf is installed with the [test] extra")
    _pdf(tmp_path / "cut.pdf", [TEXT.split(". ")], title="Ferries")
    data = (tmp_path / "cut.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data.replace(b"760 Td (Port Ellen harbour council voted on Tuesday to", b"", 1)
                                       .replace(b">> >> >", b"", 1))
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == [str(tmp_path / "story.txt")]
    assert reasons(result)[("cut.pdf", None)].startswith("not a PDF file pypdf can read: ")
    _pdf(tmp_path / "cut.pdf", [["Ferries approved."]])
    monkeypatch.setattr(pypdf, "__version__", "4.3.1")
    assert reasons(read_inputs([str(tmp_path)], ReadOptions()))[("cut.pdf", None)] == (
        "reading PDF needs pypdf 5.1 or later (this is 4.3.1, which can take all memory on a damaged file): "
        "pip install -U pypdf")


def test_pdf_without_pypdf_is_one_error_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as on an install without the [pdf] extra
    _pdf(tmp_path / "release.pdf", [["Ferries approved."]])
    assert reasons(read_inputs([str(tmp_path)], ReadOptions())) == {
        ("release.pdf", None): "reading PDF needs pypdf: pip install 'article-dedup[pdf]'"}


def test_word_documents_that_cannot_be_read_are_one_error_each(tmp_path):
    import zipfile

    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "renamed.docx").write_text(TEXT)
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + " " * 5_000_000 + "</w:document>")
    with zipfile.ZipFile(tmp_path / "broken.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    result = read_inputs([str(tmp_path / "old.doc"), str(tmp_path)], ReadOptions(max_bytes=100_000))
    assert result.documents == []
    found = reasons(result)
    assert found[("old.doc", None)] == "a Word 97-2003 document (.doc) is not read: save it as .docx or text"
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "old.doc").read_bytes()))
    assert reasons(piped) == {("-", None): "an Office 97-2003 file (.doc or .xls) is not read: save it as .docx, "
                                           ".xlsx or text"}
    assert found[("renamed.docx", None)] == "not a Word document (.docx): File is not a zip file"
    assert found[("other.docx", None)] == "not a Word document (.docx): no word/document.xml in the archive"
    assert found[("bomb.docx", None)] == "word/document.xml inflates to more than 3200000 bytes; not read"
    assert found[("broken.docx", None)].startswith("damaged Word document: word/document.xml: ")


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is installed with the [test] extra")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_excel_workbooks_are_read_a_record_a_row_from_the_sheets_that_hold_texts(tmp_path):
    """A media-monitoring export: the sheet with the text column is read, a record a row numbered as Excel
    numbers its rows, dates as dates; a cover sheet without it is passed over; an empty text cell is an error
    naming its row."""
    header = ["Outlet", "id", "title", "text", "date"]
    _workbook(tmp_path / "clips.xlsx", {
        "Summary": [["Clippings export"], ["rows", 3]],
        "Clippings": [header,
                      ["Daily Coast", 101, "Ferries approved", "Port Ellen voted to replace its ferries.",
                       datetime(2025, 3, 4, 9)],
                      [],
                      ["Wire", 102, None, "The council voted on Tuesday.", "2025-03-03"],
                      ["Radio", 103, "Empty", None, None]],
    })
    result = read_inputs([str(tmp_path / "clips.xlsx")], ReadOptions(date_field="date", date_warnings=True))
    assert [(d.id, d.line, d.title, d.published) for d in result.documents] == [
        ("101", 2, "Ferries approved", datetime(2025, 3, 4, 9)), ("102", 4, None, datetime(2025, 3, 3))]
    assert reasons(result) == {("clips.xlsx", 5): "empty: no text to compare"}
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "clips.xlsx").read_bytes()))
    assert ids(piped) == ["101", "102"]
    missing = read_inputs([str(tmp_path / "clips.xlsx")], ReadOptions(text_field="body"))
    assert reasons(missing) == {("clips.xlsx", None): "no 'body' column in any sheet (Summary: Clippings export; "
                                                      "Clippings: Outlet, id, title, text, date)"}


def test_workbooks_with_texts_on_several_sheets_name_the_sheet_of_each_record(tmp_path):
    """One sheet a day: each sheet's records are read, and a record without an id is named by its file, sheet
    and row, so the two second rows are two documents."""
    _workbook(tmp_path / "week.xlsx", {"Monday": [["text"], ["Ferries approved by the council."]],
                                       "Tuesday": [["text"], ["Fares frozen until 2027."]]})
    result = read_inputs([str(tmp_path / "week.xlsx")], ReadOptions())
    assert [os.path.basename(i) for i in ids(result)] == ["week.xlsx[Monday]:2", "week.xlsx[Tuesday]:2"]
    _workbook(tmp_path / "one.xlsx", {"Sheet": [["id", "body"], [1, "Ferries approved by the council."]]})
    assert reasons(read_inputs([str(tmp_path / "one.xlsx")], ReadOptions())) == {
        ("one.xlsx", None): "no 'text' column (columns: id, body)"}


def test_workbooks_whose_export_notes_stand_above_the_header_are_read_from_the_header(tmp_path):
    """A monitoring service's export opens with its title and date; the header is the row naming the text."""
    _workbook(tmp_path / "export.xlsx", {"Mentions": [
        ["Media monitoring export"], ["Generated", datetime(2025, 3, 4, 9)], [],
        ["id", "title", "text"], [7, "Ferries approved", "Port Ellen voted to replace its ferries."]]})
    result = read_inputs([str(tmp_path / "export.xlsx")], ReadOptions())
    assert [(d.id, d.line, d.title) for d in result.documents] == [("7", 5, "Ferries approved")]
    assert not result.problems


def test_workbooks_that_cannot_be_read_are_one_error_each(tmp_path, monkeypatch):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "fake.xlsx").write_text("id,text\n1,not a workbook\n")
    (tmp_path / "story.txt").write_text(TEXT)
    result = read_inputs([str(tmp_path / "old.xls"), str(tmp_path)], ReadOptions())
    assert [os.path.basename(i) for i in ids(result)] == ["story.txt"]
    assert reasons(result) == {
        ("old.xls", None): "an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx or CSV",
        ("fake.xlsx", None): "not an Excel workbook (.xlsx): File is not a zip file"}
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as on an install without the [excel] extra
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    (tmp_path / "data.arrow").write_bytes(b"ARROW1")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert reasons(result)[("fake.xlsx", None)] == "reading Excel needs openpyxl: pip install 'article-dedup[excel]'"
    assert reasons(result)[("data.arrow", None)] == "reading Arrow needs pyarrow: pip install 'article-dedup[arrow]'"


def test_api_responses_that_wrap_their_records_are_read_record_by_record(tmp_path):
    """A saved API response holds its articles in a list ({"articles": [...]}, Elasticsearch's hits.hits); a
    record's own lists (authors, images) carry no text and are never taken for records."""
    articles = [{"title": "Ferries", "content": TEXT, "url": "u1"}, {"title": "Library", "content": TEXT[::-1]}]
    (tmp_path / "newsapi.json").write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": articles}))
    hits = [{"_id": f"h{k}", "_source": {"body": TEXT + str(k), "authors": [{"name": "A"}]}} for k in range(3)]
    (tmp_path / "es.json").write_text(json.dumps({"took": 3, "_shards": {"total": 1}, "hits": {"hits": hits}}))
    news = read_inputs([str(tmp_path / "newsapi.json")], ReadOptions(text_field="content"))
    assert [(d.title, d.line) for d in news.documents] == [("Ferries", 1), ("Library", 2)] and not news.problems
    search = read_inputs([str(tmp_path / "es.json")], ReadOptions(text_field="_source.body", id_field="_id"))
    assert ids(search) == ["h0", "h1", "h2"]
    (tmp_path / "record.json").write_text(json.dumps({"body": TEXT, "authors": [{"name": "A", "text": "bio"}],
                                                      "images": [{"text": "caption"}]}))
    alone = read_inputs([str(tmp_path / "record.json")], ReadOptions())  # two lists with text: which? neither
    assert alone.documents == [] and reasons(alone)[("record.json", 1)].startswith("no 'text' field (fields: body,")


def test_json_objects_that_name_their_records_by_key_are_read_record_by_record(tmp_path):
    """pandas' DataFrame.to_json() writes a column an object by default ({"id": {"0": ...}, "text": {"0": ...}}),
    orient="index" a row an object, orient="split" names and rows apart; a crawl saves pages by URL.  Each is read a
    record a row, in the file's order, its id the record's own or else its key (an error for the whole file before,
    "field 'text' is dict").  An object that is one record, or holds values that are not records, is not split."""
    texts = [TEXT, TEXT.upper(), None]
    layouts = {  # as pandas 2 writes them (checked against its output)
        "columns.json": {"id": {"0": "a", "1": "b", "2": None}, "text": {"0": texts[0], "1": texts[1], "2": None}},
        "index.json": {"0": {"id": "a", "text": texts[0]}, "1": {"id": "b", "text": texts[1]},
                       "2": {"id": None, "text": None}},
        "split.json": {"columns": ["id", "text"], "index": [0, 1, 2],
                       "data": [["a", texts[0]], ["b", texts[1]], [None, None]]},
    }
    for name, layout in layouts.items():
        (tmp_path / name).write_text(json.dumps(layout), encoding="utf-8")
        result = read_inputs([str(tmp_path / name)], ReadOptions())
        assert [(d.id, d.text, d.line) for d in result.documents] == [("a", TEXT, 1), ("b", TEXT.upper(), 2)], name
        assert reasons(result) == {(name, 3): "field 'text' is null: no text to compare"}, name
    (tmp_path / "crawl.json").write_text(json.dumps({"https://x.example/1": {"text": TEXT},
                                                     "https://x.example/2": {"text": TEXT[::-1]}}))
    assert ids(read_inputs([str(tmp_path / "crawl.json")], ReadOptions())) == [
        "https://x.example/1", "https://x.example/2"]
    (tmp_path / "wrapped.json").write_text(json.dumps({"meta": {"count": 1}, "article": {"text": TEXT}}))
    (tmp_path / "fields.json").write_text(json.dumps({"title": "Ferries", "body": TEXT}))
    for name in ("wrapped.json", "fields.json"):
        alone = read_inputs([str(tmp_path / name)], ReadOptions())
        assert alone.documents == [] and reasons(alone)[(name, 1)].startswith("no 'text' field")


def test_json_lines_under_a_json_name_are_read_as_json_lines(tmp_path):
    """Hugging Face datasets ship JSON Lines as .json: a whole object on the first line and more after it."""
    rows = [{"id": "h1", "text": TEXT}, {"id": "h2", "text": TEXT.upper()}]
    (tmp_path / "train.json").write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    (tmp_path / "pretty.json").write_text(json.dumps([{"id": "p1", "text": TEXT}], indent=2))
    (tmp_path / "one.json").write_text(json.dumps({"id": "o1", "text": TEXT}))
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == ["h1", "h2", "o1", "p1"]
    assert reasons(result)[("train.json", 3)].startswith("invalid JSON")  # named by its line, as in JSON Lines


def test_a_list_of_texts_is_a_list_of_records_named_by_position(tmp_path):
    (tmp_path / "texts.json").write_text(json.dumps([TEXT, "Library hours cut.", 3]))
    (tmp_path / "lines.jsonl").write_text(json.dumps("Fares stay frozen.") + "\n")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert {d.id: d.text for d in result.documents} == {
        f"{tmp_path}/texts.json:1": TEXT, f"{tmp_path}/texts.json:2": "Library hours cut.",
        f"{tmp_path}/lines.jsonl:1": "Fares stay frozen."}
    assert reasons(result)[("texts.json", 3)] == "record is int, not an object or a string"


def test_a_json_file_may_hold_many_documents_worth_each_record_held_to_one(tmp_path):
    """--max-bytes is one document's limit: a JSON array of many records may be 32 times that, each record one."""
    rows = [{"id": f"r{n}", "text": f"Ferry report {n}. " + "Fares stay frozen. " * 20} for n in range(40)]
    rows.append({"id": "long", "text": "Council minutes. " * 200})
    (tmp_path / "export.json").write_text(json.dumps(rows))  # about 17 KB
    (tmp_path / "huge.json").write_text(json.dumps([{"text": "x " * 40_000}]))  # over 32 x 2,000 bytes
    result = read_inputs([str(tmp_path)], ReadOptions(max_bytes=2_000))
    docs = {d.id: d for d in result.documents}
    assert len(docs) == 41 and docs["r7"].text == rows[7]["text"]
    assert len(docs["long"].text.encode()) <= 2_000 and docs["long"].text.startswith("Council minutes.")
    got = reasons(result)
    assert got[("export.json", 41)].startswith("truncated to") and got[("huge.json", None)].startswith(
        "JSON file larger than 64000 bytes (32 x --max-bytes)")


def test_dotted_field_names_reach_into_nested_objects(tmp_path):
    """An API's record nests its article ({"article": {"body": ...}}); a key with a dot in it still wins."""
    rows = [{"meta": {"uid": "n1", "published": "2024-03-14"}, "article": {"headline": "Ferries", "body": TEXT}},
            {"meta": {"uid": "n2"}, "article": {"body": 5}},
            {"meta.uid": "flat", "article": {"body": TEXT}}]
    (tmp_path / "api.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = read_inputs([str(tmp_path)], ReadOptions(text_field="article.body", id_field="meta.uid",
                                                      title_field="article.headline", date_field="meta.published"))
    docs = {d.id: d for d in result.documents}
    assert sorted(docs) == ["flat", "n1"] and docs["n1"].text == TEXT and docs["n1"].title == "Ferries"
    assert docs["n1"].published is not None and docs["n1"].published.date().isoformat() == "2024-03-14"
    assert reasons(result)[("api.jsonl", 2)] == "field 'article.body' is int, not a string or a list of strings"


def test_duplicate_ids_are_made_unique_and_said_so(tmp_path):
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": "same", "text": TEXT + str(i)}) + "\n" for i in range(3)))
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == ["same", "same~2", "same~3"]
    assert sum("duplicate id 'same'" in p.reason and not p.fatal for p in result.problems) == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "The caf\u00e9\u2019s owner said \u201cwe will reopen\u201d in M\u00fcnchen. " * 5
    if encoding == "latin-1":
        text = "The caf\u00e9 owner in M\u00fcnchen said the na\u00efve plan failed. " * 5
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    result = read_inputs([str(tmp_path / "a.txt")], ReadOptions())
    assert result.problems == []
    assert result.documents[0].text.lstrip("\ufeff") == text


def test_binary_and_empty_files_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.md").write_text("  \n\t\n")
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert [os.path.basename(i) for i in ids(result)] == ["good.txt"]
    got = reasons(result)
    assert "binary" in got[("image.txt", None)]
    assert got[("empty.txt", None)].startswith("empty")
    assert got[("blank.md", None)].startswith("empty")
    assert result.files_failed == 3 and result.files_read == 1


def test_missing_path_fifo_and_symlink_loop_never_hang(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    result = read_inputs([str(tmp_path), str(tmp_path / "nope.txt")], ReadOptions())
    assert [os.path.basename(i) for i in ids(result)] == ["good.txt"]
    got = reasons(result)
    assert "not a regular file" in got[("pipe.txt", None)]
    assert got[("nope.txt", None)] == "no such file or directory"
    assert got[("dangling.txt", None)] == "broken symbolic link"
    assert "loop" in got[("loop", None)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT)
    path.chmod(0)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert "cannot open" in reasons(result)[("secret.txt", None)]


def test_oversized_text_is_truncated_and_reported(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    result = read_inputs([str(tmp_path)], ReadOptions(max_bytes=1000))
    assert len(result.documents[0].text) <= 1000
    (problem,) = result.problems
    assert not problem.fatal and "truncated" in problem.reason


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_line_read(tmp_path):
    long_line = json.dumps({"id": "big", "text": "x" * 5000})
    (tmp_path / "a.jsonl").write_text(long_line + "\n" + json.dumps({"id": "ok", "text": TEXT}) + "\n")
    result = read_inputs([str(tmp_path)], ReadOptions(max_bytes=1000))
    assert ids(result) == ["ok"]
    assert "longer than --max-bytes" in reasons(result)[("a.jsonl", 1)]


def test_stdin_jsonl_and_plain_text():
    jsonl = io.BytesIO((json.dumps({"id": "a", "text": TEXT}) + "\n").encode())
    assert ids(read_inputs(["-"], ReadOptions(), jsonl)) == ["a"]
    plain = io.BytesIO(TEXT.encode())
    assert ids(read_inputs(["-"], ReadOptions(), plain)) == ["-"]


def test_a_table_on_stdin_is_told_by_its_header_and_prose_with_commas_stays_one_text(tmp_path):
    """``cat news.csv | dedup scan -``: stdin has no name, so a header row naming the text column says it is a
    table; the same rows are read as from the file."""
    table = 'id,"title",text\na1,Ferries,"Port Ellen council voted.\n\nFares stay frozen."\na2,,Library hours cut.\n'
    (tmp_path / "news.csv").write_text(table, encoding="utf-8")
    from_file = read_inputs([str(tmp_path / "news.csv")], ReadOptions())
    for data in (table, table.replace(",", "\t")):
        piped = read_inputs(["-"], ReadOptions(), io.BytesIO(data.encode("utf-16")))
        assert [(d.id, d.title) for d in piped.documents] == [("a1", "Ferries"), ("a2", None)]
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO(table.encode()))
    assert [(d.id, d.text, d.line) for d in piped.documents] == [(d.id, d.text, d.line) for d in from_file.documents]
    named = read_inputs(["-"], ReadOptions(text_field="body", id_field="key"),
                        io.BytesIO(b"key,body\nk1,Boats for the island.\n"))
    assert ids(named) == ["k1"]
    for prose in ("text, images and video, all of it: the council's new archive.\nIt opens on Monday.\n",
                  "text, as delivered.\nThe council's statement follows in full.\n"):
        assert ids(read_inputs(["-"], ReadOptions(), io.BytesIO(prose.encode()))) == ["-"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_json_lines_in_any_unicode_encoding_are_read_from_a_file_and_from_stdin(tmp_path, encoding):
    """UTF-16 and UTF-32 lines cannot be split as bytes: a newline is two or four of them."""
    records = [{"id": f"r{i}", "text": f"{TEXT.strip()} Caf\u00e9 {i} \u2014 \u201cquoted\u201d."} for i in range(3)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(encoding)
    (tmp_path / "feed.jsonl").write_bytes(data)
    for result in (read_inputs([str(tmp_path / "feed.jsonl")], ReadOptions()),
                   read_inputs(["-"], ReadOptions(), io.BytesIO(data))):
        assert result.problems == []
        assert [(d.id, d.text) for d in result.documents] == [(r["id"], r["text"]) for r in records]


def test_bad_bytes_in_utf16_json_lines_keep_the_records_before_them_and_name_the_line(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": TEXT}) + "\n" for i in range(4)]
    good = "".join(lines[:2]).encode("utf-16-le")
    rest = "".join(lines[2:]).encode("utf-16-le")
    (tmp_path / "feed.jsonl").write_bytes(codecs.BOM_UTF16_LE + good + b"\x00\xd8" + rest)  # a lone surrogate
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert ids(result) == ["r0", "r1"]
    assert "invalid utf-16" in reasons(result)[("feed.jsonl", 3)]
    assert result.records_failed == 1


def test_a_file_longer_than_its_stat_size_is_still_read_whole_up_to_the_limit():
    from dedup.decoding import read_at_most

    data = b"x" * 1000
    assert read_at_most(io.BytesIO(data), 5000, size_hint=10) == data  # grew after fstat
    assert read_at_most(io.BytesIO(data), 5000, size_hint=1000) == data
    assert read_at_most(io.BytesIO(data), 501, size_hint=10) == data[:501]  # still bounded
    assert read_at_most(io.BytesIO(data), 501, size_hint=None) == data[:501]


def ferry_page(body_paragraphs: list[str]) -> str:
    """The ferry report saved as a web page: menus, a script, the story, an aside and a footer."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body_paragraphs)
    return ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Ferries | The Island Courier</title>"
            "<style>p { color: #333 }</style><script>var s = '<p>not text</p>';</script></head>\n"
            "<body><nav><ul><li><a href='/'>Home</a><li>News</ul></nav>\n"
            "<div class='consent' hidden><div>We use cookies</div><button>Accept</button></div>\n"
            "<main><article><h1>Island ferries to run on batteries &amp; sea wind</h1>\n"
            "<div class='byline'>By Courier staff<br>Updated 4 March</div>\n"
            f"{paragraphs}<aside><h3>Popular posts</h3><ul><li>Harbour fees rise</li></ul></aside>\n"
            "</article></main><footer><p>&copy; The Island Courier. Share this article</p></footer>"
            "<noscript>Enable JavaScript</noscript></body></html>\n")


def test_a_web_page_is_read_as_the_text_a_reader_sees_one_block_a_paragraph(tmp_path):
    (tmp_path / "ferry.html").write_text(ferry_page(["The council voted 7-2 on Tuesday.", "Fares stay frozen."]),
                                         encoding="utf-8")
    [doc] = read_inputs([str(tmp_path)], ReadOptions()).documents
    assert doc.text.split("\n\n") == [
        "Island ferries to run on batteries & sea wind", "By Courier staff\nUpdated 4 March",  # <br>: a line
        "The council voted 7-2 on Tuesday.", "Fares stay frozen.", "Popular posts", "Harbour fees rise",
        "© The Island Courier. Share this article"]
    assert doc.title is None  # the <h1> is the headline; the <title> adds the site's name
    # Without an <h1>, the page's <title> is its headline.
    (tmp_path / "ferry.html").write_text("<html><head><title>Ferry vote</title></head><body><p>The council "
                                         "voted.</p></body></html>", encoding="utf-8")
    [doc] = read_inputs([str(tmp_path / "ferry.html")], ReadOptions()).documents
    assert (doc.title, doc.text) == ("Ferry vote", "The council voted.")
    # A <br> breaks a line; two of them, as old publishing systems set paragraphs, leave a blank line.
    from dedup.webpage import page_text
    assert page_text("<p>The council voted<br>on Tuesday.<br><br>Fares stay frozen.</p>")[1] == (
        "The council voted\non Tuesday.\n\nFares stay frozen.")
    # An XHTML page's XML declaration (its charset was weighed when decoding) and control characters, which
    # no browser shows, do not stop the reading.
    assert page_text("<?xml version='1.0' encoding='iso-8859-1'?>\n<html><body><p>Fares\x0bstay\x00frozen "
                     "\u00e0 la carte.</p></body></html>") == (None, "Fares stay frozen \u00e0 la carte.", None)
    # Piped in, a page is known by how it opens; a page with no visible text is reported like an empty file.
    [doc] = read_inputs(["-"], ReadOptions(), io.BytesIO(ferry_page(["Fares stay frozen."]).encode())).documents
    assert "Fares stay frozen." in doc.text and "not text" not in doc.text
    (tmp_path / "blank.htm").write_text("<html><script>var a;</script></html>", encoding="utf-8")
    result = read_inputs([str(tmp_path / "blank.htm")], ReadOptions())
    assert not result.documents and reasons(result) == {("blank.htm", None): "empty: no text to compare"}


def test_a_record_holding_a_whole_web_page_is_read_as_the_page(tmp_path):
    """A crawl stores pages as fetched; a record's text that opens like a page is read as one."""
    page = ferry_page(["The council voted 7-2 on Tuesday."])
    rows = [{"id": "fetched", "text": page}, {"id": "titled", "title": "Ferry vote", "text": page},
            {"id": "prose", "text": "Use <p> tags for paragraphs, the council's web team said."}]
    (tmp_path / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = {d.id: d for d in read_inputs([str(tmp_path / "crawl.jsonl")], ReadOptions()).documents}
    fetched, titled, prose = docs["fetched"], docs["titled"], docs["prose"]
    assert fetched.text.startswith("Island ferries to run on batteries & sea wind\n\nBy Courier staff")
    assert "not text" not in fetched.text and fetched.title is None
    assert titled.title == "Ferry vote"  # the record's own title field still wins
    assert prose.text == rows[2]["text"]  # markup inside prose is text


def test_a_record_holding_an_html_body_as_a_content_system_exports_it_is_read_as_markup(tmp_path):
    """A CMS stores a story's body as HTML: its tags and attributes ("href", "class") are not the story's words."""
    paragraphs = ["The council voted 7-2 on Tuesday.", "Fares stay frozen until 2027."]
    link = ' <a href="https://courier.example/tag/ferries" class="tag-link">ferries</a>'
    rows = [
        {"id": "cms", "text": "".join(f'<p class="body-text">{p}{link}</p>\n' for p in paragraphs)},
        {"id": "breaks", "text": "<br/>".join(paragraphs) + "<br/>Filed by the Courier."},
        {"id": "wire", "text": "<Strong Point Inc> said its unit will market the drug. <A/S Norske Shell> agreed."},
    ]
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = {d.id: d for d in read_inputs([str(tmp_path / "export.jsonl")], ReadOptions()).documents}
    assert docs["cms"].text == "The council voted 7-2 on Tuesday. ferries\n\nFares stay frozen until 2027. ferries"
    assert docs["breaks"].text.split("\n") == [*paragraphs, "Filed by the Courier."]
    assert docs["wire"].text == rows[2]["text"]  # a wire story's <Company Name> is not markup


def test_character_references_a_feed_left_escaped_are_read_as_characters(tmp_path):
    """'caf&#233;' in one feed and 'café' in another are one word; a name that is no reference stays."""
    rows = [{"id": "feed", "title": "Fares at the caf&#233;",
             "text": "Q&amp;A: the caf&#233; charges &#163;5. AT&T &copyright"},
            {"id": "plain", "text": "Q&A: the café charges £5."}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "note.txt").write_text("R&amp;D at the caf&#xe9;", encoding="utf-8")
    docs = {d.id: d for d in read_inputs([str(tmp_path)], ReadOptions()).documents}
    assert docs["feed"].text == "Q&A: the café charges £5. AT&T &copyright"  # not "©right"
    assert docs["feed"].title == "Fares at the café"
    assert docs["plain"].text == rows[1]["text"]
    assert docs[str(tmp_path / "note.txt")].text == "R&D at the café"


def test_a_markdown_post_is_read_as_the_text_it_renders_with_its_front_matter(tmp_path):
    """A static site's post: the front matter gives the title and date, a link is its words, not its address."""
    (tmp_path / "post.md").write_text(
        '---\ntitle: "Ferry fleet goes electric"\ndate: 2024-03-14T10:00:00+01:00\ntags:\n  - ferries\n---\n'
        "The **council** voted [7-2](https://courier.example/votes/2024) on *Tuesday*.\n\n"
        "- Fares frozen\n- Two new boats\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("No front matter, [a link](https://x.example) and `code`.", encoding="utf-8")
    (tmp_path / "undated.md").write_text("---\ntitle: Notes\n---\nBody.", encoding="utf-8")
    read = read_inputs([str(tmp_path)], ReadOptions(date_field="date", date_warnings=True))
    docs = {Path(d.id).name: d for d in read.documents}
    post = docs["post.md"]
    assert post.text == "The council voted 7-2 on Tuesday.\n\nFares frozen\n\nTwo new boats"
    assert post.title == "Ferry fleet goes electric"
    assert post.published is not None and post.published.isoformat() == "2024-03-14T09:00:00"
    assert docs["plain.md"].text == "No front matter, a link and code." and docs["plain.md"].published is None
    # Front matter without the date field is said, as a record without one is; a file without front matter is not.
    assert [(Path(p.path).name, "no 'date' field" in p.reason) for p in read.problems] == [("undated.md", True)]


def test_compressed_files_are_read_as_the_files_they_hold_and_damage_keeps_what_came_before(tmp_path):
    import bz2
    import gzip
    import lzma
    import random

    rng = random.Random(3)
    words = TEXT.split()
    rows = [{"id": f"r{n}", "text": " ".join(rng.choice(words) for _ in range(60))} for n in range(300)]
    feed = "".join(json.dumps(r) + "\n" for r in rows).encode()
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(feed[:2000]))
    (tmp_path / "story.txt.bz2").write_bytes(bz2.compress(TEXT.encode()))
    (tmp_path / "post.md.xz").write_bytes(lzma.compress(b"---\ntitle: Ferries\n---\nA [link](https://x.example) here."))
    damaged = gzip.compress(feed)
    (tmp_path / "cut.jsonl.gz").write_bytes(damaged[: len(damaged) // 2])
    (tmp_path / "fake.txt.gz").write_bytes(b"not gzip at all")
    (tmp_path / "skipped.rtf.gz").write_bytes(gzip.compress(b"a,b"))  # not a kind read by default
    read = read_inputs([str(tmp_path)], ReadOptions())
    names = {d.id.replace(str(tmp_path) + "/", ""): d for d in read.documents}
    assert names["story.txt.bz2"].text == TEXT
    assert names["post.md.xz"].text == "A link here." and names["post.md.xz"].title == "Ferries"
    kept = [d for d in read.documents if d.path.endswith("cut.jsonl.gz")]
    assert 50 < len(kept) < 300 and all(d.text == rows[d.line - 1]["text"] for d in kept)  # the records before the cut
    problems = {Path(p.path).name: p.reason for p in read.problems}
    assert problems["cut.jsonl.gz"].startswith("damaged .gz data:") and "fake.txt.gz" in problems
    assert "skipped.rtf.gz" not in problems and not any(d.path.endswith(".rtf.gz") for d in read.documents)
    stdin = read_inputs(["-"], ReadOptions(), io.BytesIO(gzip.compress(feed[:2000])))
    assert [d.text for d in stdin.documents] == [d.text for d in read.documents if d.path.endswith("feed.jsonl.gz")]
    cut_stdin = read_inputs(["-"], ReadOptions(), io.BytesIO(damaged[: len(damaged) // 2]))
    assert [d.text for d in cut_stdin.documents] == [d.text for d in kept]  # as the file: what came before is kept
    assert cut_stdin.problems[0].reason.startswith("damaged .gz data:")


def test_zstd_files_are_read_as_the_files_they_hold_across_frames_and_damage_keeps_what_came_before(tmp_path):
    """Dataset shards ship as .jsonl.zst (often several frames, pzstd's behind a skippable one)."""
    import struct

    from dedup.decoding import zstd

    rows = [{"id": f"r{n}", "text": f"Ferry report {n}: {TEXT}"} for n in range(4000)]  # 4 blocks of 128 KiB
    feed = "".join(json.dumps(r) + "\n" for r in rows).encode()
    half = feed.index(b"\n", len(feed) // 2) + 1
    skippable = struct.pack("<II", 0x184D2A50, 4) + b"\0\0\0\0"  # as pzstd opens its output
    framed = skippable + zstd.compress(feed[:half]) + zstd.compress(feed[half:])
    (tmp_path / "shard.jsonl.zst").write_bytes(framed)
    (tmp_path / "story.txt.zst").write_bytes(zstd.compress(TEXT.encode()))
    packed = zstd.compress(feed.replace(b'"id": "r', b'"id": "c'))
    (tmp_path / "cut.jsonl.zst").write_bytes(packed[: len(packed) * 3 // 4])
    (tmp_path / "fake.txt.zst").write_bytes(b"not zstd at all")
    read = read_inputs([str(tmp_path)], ReadOptions())
    shard = [d for d in read.documents if d.path.endswith("shard.jsonl.zst")]
    assert sorted((d.line, d.id, d.text) for d in shard) == [(n + 1, r["id"], r["text"]) for n, r in enumerate(rows)]
    assert [d.text for d in read.documents if d.path.endswith("story.txt.zst")] == [TEXT]
    kept = [d for d in read.documents if d.path.endswith("cut.jsonl.zst")]
    assert 0 < len(kept) < 4000 and all(d.text == rows[d.line - 1]["text"] for d in kept)
    problems = {Path(p.path).name: p.reason for p in read.problems}
    assert problems["cut.jsonl.zst"].startswith("damaged .zst data:") and "what came before it is kept" in problems[
        "cut.jsonl.zst"]
    assert problems["fake.txt.zst"].startswith("damaged .zst data:") and len(problems) == 2
    stdin = read_inputs(["-"], ReadOptions(), io.BytesIO(framed))  # known by its first bytes, a skippable frame's
    assert [d.text for d in stdin.documents] == [d.text for d in shard]


def test_many_files_read_in_several_processes_come_back_as_read_in_one(tmp_path):
    """A large folder is read in worker processes; its documents, problems and counts are the same."""
    for n in range(240):
        (tmp_path / f"story-{n:03}.txt").write_text(f"Ferry report number {n} from Tarnwick harbour.", encoding="utf-8")
        if n % 3 == 0:
            (tmp_path / f"page-{n:03}.html").write_text(ferry_page([f"The council voted {n} to 2."]),
                                                        encoding="utf-8")
    (tmp_path / "blank.htm").write_text("<html><script>var a;</script></html>", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "records.jsonl").write_text('{"id": "r1", "text": "Fares stay frozen."}\nnot json\n',
                                            encoding="utf-8")
    one, many = (read_inputs([str(tmp_path)], ReadOptions(), workers=w) for w in (1, 3))
    assert len(one.documents) == 240 + 80 + 1
    assert one.documents == many.documents and one.problems == many.problems
    counts = [(r.files_read, r.files_failed, r.records_failed) for r in (one, many)]
    assert counts == [(241 + 80, 2, 1)] * 2


def test_pages_in_json_records_parsed_in_several_processes_come_back_as_parsed_in_one(tmp_path, monkeypatch):
    """A crawl's JSON Lines file is one file: its pages are parsed in batches, in worker processes."""
    import dedup.read

    monkeypatch.setattr(dedup.read, "_PAGE_BATCH_CHARS", 20_000)  # several batches, each shared out
    rows = [{"id": f"p{n}", "text": ferry_page([f"The council voted {n} to 2.", "Fares stay frozen."])}
            for n in range(60)]
    rows += [{"id": "blank", "text": "<html><script>var a;</script></html>"},
             {"id": "titled", "title": "Ferry vote", "text": ferry_page(["Tarnwick votes."])},
             {"id": "prose", "text": "Use <p> tags for paragraphs, the web team said."}]
    (tmp_path / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one, many = (read_inputs([str(tmp_path / "crawl.jsonl")], ReadOptions(), workers=w) for w in (1, 3))
    assert one.documents == many.documents and one.problems == many.problems
    docs = {d.id: d for d in many.documents}
    assert len(docs) == 62 and "The council voted 7 to 2." in docs["p7"].text and "not text" not in docs["p7"].text
    assert docs["titled"].title == "Ferry vote" and docs["prose"].text == rows[-1]["text"]
    assert reasons(many) == {("crawl.jsonl", 61): "empty: no text to compare"}
    assert (many.files_read, many.records_failed) == (1, 1)


def _warc_record(kind: str, uri: str, block: bytes, content_type: str, number: int) -> bytes:
    """One WARC record as crawlers write it (WARC/1.0 headers, the block, two line ends)."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-0{number % 9 + 1}T09:00:00Z"
            f"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _http(status: str, content_type: str, body: bytes) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def _warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gzipped: bool = True) -> None:
    """A WARC file of ``(type, uri, block, content type)`` records; gzipped a record at a time, as Common Crawl's."""
    import gzip

    raw = [_warc_record(*record, number) for number, record in enumerate(records, start=1)]
    path.write_bytes(b"".join(gzip.compress(r) for r in raw) if gzipped else b"".join(raw))


def _crawl_records(story: str) -> list[tuple[str, str, bytes, str]]:
    page = ("<!DOCTYPE html><html><head><title>Ferries - {site}</title></head><body><nav>Home | News | Sport</nav>"
            "<h1>Council votes on ferries</h1><p>{story}</p><footer>© {site}</footer></body></html>")
    response = "application/http; msgtype=response"
    return [
        ("warcinfo", "", b"software: test-crawler\r\n", "application/warc-fields"),
        ("request", "https://one.example/ferries", b"GET /ferries HTTP/1.1\r\n\r\n",
         "application/http; msgtype=request"),
        ("response", "https://one.example/ferries",
         _http("200 OK", "text/html; charset=utf-8", page.format(site="One", story=story).encode()), response),
        ("response", "https://one.example/logo.png", _http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n"), response),
        ("response", "https://one.example/old", _http("301 Moved Permanently", "text/html", b"<html>gone</html>"),
         response),
        ("response", "https://two.example/news/1",
         _http("200 OK", "text/html", page.format(site="Two", story=story + " Café owners welcomed it.")
               .encode("cp1252")), response),
        ("conversion", "https://three.example/a", f"Council votes on ferries\n\n{story}".encode(), "text/plain"),
    ]


def test_a_web_archive_is_read_page_by_page(tmp_path):
    """A crawl's WARC file (Common Crawl, Heritrix, wget --warc-file): each archived HTML page with a 2xx status
    a document named by its address and read as a page is, a WET file's text conversion too; requests, images,
    redirects and the crawl's own record are not pages; a page's date is the day it was archived."""
    pytest.importorskip("warcio", reason="warcio is installed with the [test] extra")
    _warc(tmp_path / "crawl.warc.gz", _crawl_records(TEXT.strip()))
    result = read_inputs([str(tmp_path)], ReadOptions(date_field="date", date_warnings=True))
    assert not result.problems
    assert [(d.id, d.line, d.published) for d in result.documents] == [
        ("https://one.example/ferries", 3, datetime(2025, 3, 4, 9)),
        ("https://three.example/a", 7, datetime(2025, 3, 8, 9)),
        ("https://two.example/news/1", 6, datetime(2025, 3, 7, 9))]
    by_id = {d.id: d.text for d in result.documents}
    assert by_id["https://one.example/ferries"].startswith("Council votes on ferries\n\nPort Ellen harbour")
    assert "Home | News" not in by_id["https://one.example/ferries"]  # a page's menu is chrome
    assert by_id["https://two.example/news/1"].endswith("Café owners welcomed it.\n\n© Two")  # cp1252 decoded
    piped = read_inputs(["-"], ReadOptions(), io.BytesIO((tmp_path / "crawl.warc.gz").read_bytes()))
    assert [(d.id, d.text) for d in piped.documents] == [(d.id, d.text) for d in result.documents]
    _warc(tmp_path / "plain.warc", _crawl_records(TEXT.strip()), gzipped=False)
    assert [d.text for d in read_inputs([str(tmp_path / "plain.warc")], ReadOptions()).documents] == [
        d.text for d in result.documents]


def test_a_web_archive_without_pages_or_damaged_is_one_error(tmp_path):
    pytest.importorskip("warcio", reason="warcio is installed with the [test] extra")
    _warc(tmp_path / "images.warc.gz", [r for r in _crawl_records(TEXT)[:5] if b"<h1>" not in r[2]])
    (tmp_path / "fake.warc").write_text("not an archive\n")
    records = _crawl_records(TEXT.strip())
    _warc(tmp_path / "cut.warc", records, gzipped=False)
    whole = (tmp_path / "cut.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(whole[: whole.index(b"WARC/1.0", whole.index(b"two.example")) + 3])
    result = read_inputs([str(tmp_path)], ReadOptions())
    got = reasons(result)
    assert got[("images.warc.gz", None)] == "no HTML or text page among its 4 WARC records"
    assert got[("fake.warc", None)].startswith("not a WARC file: ")
    assert got[("cut.warc", 7)].startswith("damaged WARC data after record 6: ")
    assert [d.id for d in result.documents] == ["https://one.example/ferries", "https://two.example/news/1"]
    assert all("\n" not in p.reason for p in result.problems)
    assert (result.files_read, result.files_failed, result.records_failed) == (1, 2, 1)  # as a damaged table's


def test_a_web_archive_without_warcio_is_one_error_saying_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "warcio", None)  # as on an install without the [warc] extra
    (tmp_path / "crawl.warc").write_bytes(b"WARC/1.0\r\n")
    assert reasons(read_inputs([str(tmp_path)], ReadOptions()))[("crawl.warc", None)] == (
        "reading WARC files needs warcio: pip install 'article-dedup[warc]'")


def _message(subject: str, body: str | None, *, html: str | None = None, charset: str = "utf-8",
             message_id: str | None = None, attached: dict[str, bytes] | None = None) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Press Office <press@council.example>"
    message["Subject"] = subject
    message["Date"] = "Tue, 04 Mar 2025 09:00:00 +0000"
    if message_id:
        message["Message-ID"] = message_id
    if body is not None:
        message.set_content(body, charset=charset)
    if html is not None:
        message.add_alternative(html, subtype="html") if body is not None else message.set_content(html, subtype="html")
    for name, data in (attached or {}).items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


def test_press_releases_by_mail_are_read_as_their_readers_see_them(tmp_path):
    """A newsroom's inbox: an .eml file (its subject the title, its plain-text part the text), an HTML-only
    newsletter read as a page, and an mbox read a message at a time, each message named by its Message-ID;
    a body line that begins "From " (quoted in the mailbox) stays in its message."""
    story = TEXT.strip()
    (tmp_path / "release.eml").write_bytes(_message("=?utf-8?q?Caf=C3=A9_council_backs_ferries?=", story,
                                                    attached={"logo.png": b"\x89PNG\r\n\x1a\n"}))
    (tmp_path / "letter.eml").write_bytes(_message("Newsletter", None, html=f"<h1>Ferries</h1><p>{story}</p>"))
    messages = (_message("Fwd: ferries", f"From the council:\n\n{story}", message_id="<a1@council.example>"),
                _message("Latin-1", "Caf\u00e9 owners welcomed the vote on the ferries.", charset="latin-1",
                         message_id="<a2@council.example>"))
    box = b"".join(b"From press@council.example Tue Mar  4 09:00:00 2025\n" + m.replace(b"\nFrom ", b"\n>From ")
                   + b"\n" for m in messages)
    (tmp_path / "inbox.mbox").write_bytes(box)
    (tmp_path / "empty.mbox").write_bytes(b"not a mailbox\n")
    result = read_inputs([str(tmp_path)], ReadOptions(date_field="date", date_warnings=True))
    docs = {os.path.basename(d.id): d for d in result.documents}
    assert sorted(docs) == ["a1@council.example", "a2@council.example", "letter.eml", "release.eml"]
    assert docs["release.eml"].title == "Caf\u00e9 council backs ferries"
    assert docs["release.eml"].text.strip() == story and docs["release.eml"].published == datetime(2025, 3, 4, 9)
    assert docs["letter.eml"].text == f"Ferries\n\n{story}"  # the page's text, not its tags
    assert docs["a1@council.example"].text.startswith("From the council:") and docs["a1@council.example"].line == 1
    assert docs["a2@council.example"].text.strip() == "Caf\u00e9 owners welcomed the vote on the ferries."
    assert reasons(result) == {("empty.mbox", None): "no message: an mbox file opens with a 'From ' line"}


def test_a_releases_attached_files_are_read_each_as_the_file_it_is(tmp_path):
    """The release itself often comes as a Word or PDF file under a cover note: each attached file the globs
    take is a document of its own, named after its message (as a zip's members are); pictures are not read,
    and a message that is only a cover for its attachments is no document itself."""
    pytest.importorskip("pypdf", reason="pypdf is installed with the [test] extra")
    _docx(tmp_path / "release.docx", TEXT.strip().split(". "), title="Ferries")
    _pdf(tmp_path / "release.pdf", [TEXT.strip().split(". ")], title="Ferries")
    files = {name: (tmp_path / name).read_bytes() for name in ("release.docx", "release.pdf")}
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "cover.eml").write_bytes(
        _message("Release: ferries", "Please find our release attached.", attached={**files, "logo.png": b"PNG"}))
    bare = _message("Ferries", "", attached={"release.docx": files["release.docx"]})
    (tmp_path / "mail" / "bare.eml").write_bytes(bare)
    box = b"From press@council.example Tue Mar  4 09:00:00 2025\n" + _message(
        "Fwd", "See attached.", message_id="<b1@council.example>", attached={"release.pdf": files["release.pdf"]})
    (tmp_path / "mail" / "inbox.mbox").write_bytes(box)
    result = read_inputs([str(tmp_path / "mail")], ReadOptions())
    names = sorted(d.id.replace(str(tmp_path / "mail") + "/", "") for d in result.documents)
    assert names == ["b1@council.example", "bare.eml/release.docx", "cover.eml", "cover.eml/release.docx",
                     "cover.eml/release.pdf", "inbox.mbox:1/release.pdf"]
    texts = {d.id.rsplit("/", 1)[-1]: d for d in result.documents}
    assert "Port Ellen harbour council" in texts["release.docx"].text and texts["release.docx"].title == "Ferries"
    assert not result.problems


def test_a_message_with_a_damaged_header_is_still_read(tmp_path):
    """The standard library's header parser raised IndexError on a Message-ID with a doubled bracket: the header
    is then taken as written."""
    message = _message("Ferries", TEXT, message_id="<x@council.example>").replace(
        b"Message-ID: <", b"Message-ID:<<")
    (tmp_path / "inbox.mbox").write_bytes(b"From press@council.example Tue Mar  4 09:00:00 2025\n" + message)
    result = read_inputs([str(tmp_path)], ReadOptions())
    assert [d.id for d in result.documents] == ["x@council.example"] and not result.problems


def test_a_csv_cell_holding_a_whole_page_is_read_up_to_one_documents_limit(tmp_path):
    """csv's own field limit is 131,072 characters; a crawl exported as CSV holds pages longer than that.  A cell
    is read up to --max-bytes (one document's limit), a longer one stops the table at its row, and the process's
    csv setting is left as it was."""
    import csv

    page = "<p>" + "Port Ellen harbour council voted on Tuesday to replace its ferries. " * 3000 + "</p>"
    assert len(page) > 131_072
    rows = [["id", "text"], ["short", TEXT], ["page", page], ["after", TEXT]]
    with (tmp_path / "crawl.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    before = csv.field_size_limit()
    result = read_inputs([str(tmp_path / "crawl.csv")], ReadOptions())
    assert [d.id for d in result.documents] == ["after", "page", "short"] and not result.problems
    assert csv.field_size_limit() == before
    tight = read_inputs([str(tmp_path / "crawl.csv")], ReadOptions(max_bytes=150_000))
    assert [d.id for d in tight.documents] == ["short"]
    assert reasons(tight)[("crawl.csv", 4)] == "line longer than --max-bytes 150000; the rest is not read"


def _dated_page(head: str, body: str = "<h1>Ferry vote</h1><p>The council voted.</p>") -> str:
    return f"<!DOCTYPE html><html><head><title>Ferries</title>{head}</head><body>{body}</body></html>"


def test_a_pages_own_publication_date_is_read_from_its_markup():
    """OpenGraph's article tag (what most news sites write), schema.org's itemprop, JSON-LD's datePublished, a
    CMS's meta name; the article tag first, never a modified date, and a page declaring none has none."""
    from dedup.webpage import page_text

    og = '<meta property="article:published_time" content="2023-04-20T12:21:00+02:00">'
    assert page_text(_dated_page(og)).published == "2023-04-20T12:21:00+02:00"
    both = '<meta name="date" content="2001-01-01"><meta property="article:modified_time" content="2024-01-01">' + og
    assert page_text(_dated_page(both)).published == "2023-04-20T12:21:00+02:00"
    assert page_text(_dated_page('<meta itemprop="datePublished" content="2023-04-19">')).published == "2023-04-19"
    time = '<h1>Ferry vote</h1><time itemprop="datePublished" datetime="2023-04-18T08:00Z">18 April</time><p>Yes.</p>'
    assert page_text(_dated_page("", time)).published == "2023-04-18T08:00Z"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-04-17"}</script>'
    read = page_text(_dated_page(ld))
    assert read.published == "2023-04-17" and "NewsArticle" not in read.text
    assert page_text(_dated_page('<meta property="article:modified_time" content="2024-01-01">')).published is None


def test_a_saved_page_a_records_page_and_an_archived_page_are_dated_as_they_declare(tmp_path):
    """A saved page is dated by its markup when dates are read; a record's own date field comes first; in a web
    archive, the page's declared date comes before the day it was archived (a crawl may be years later)."""
    og = '<meta property="article:published_time" content="2023-04-20T10:00:00Z">'
    (tmp_path / "ferry.html").write_text(_dated_page(og), encoding="utf-8")
    [plain] = read_inputs([str(tmp_path / "ferry.html")], ReadOptions(date_field=None)).documents
    assert plain.published is None  # dates not asked for
    [page] = read_inputs([str(tmp_path / "ferry.html")], ReadOptions(date_field="date", date_warnings=True)).documents
    assert page.published == datetime(2023, 4, 20, 10)
    records = [{"id": "own", "text": _dated_page(og), "date": "2023-05-01"},
               {"id": "declared", "text": _dated_page(og)}]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    read = read_inputs([str(tmp_path / "pages.jsonl")], ReadOptions(date_field="date", date_warnings=True))
    assert sorted((d.id, d.published) for d in read.documents) == [("declared", datetime(2023, 4, 20, 10)),
                                                                   ("own", datetime(2023, 5, 1))]
    pytest.importorskip("warcio", reason="warcio is installed with the [test] extra")
    response = "application/http; msgtype=response"
    _warc(tmp_path / "crawl.warc.gz", [
        ("response", "https://one.example/ferries", _http("200 OK", "text/html", _dated_page(og).encode()), response),
        ("response", "https://one.example/undated", _http("200 OK", "text/html", _dated_page("").encode()), response)])
    archived = read_inputs([str(tmp_path / "crawl.warc.gz")], ReadOptions(date_field="date", date_warnings=True)).documents
    assert sorted((d.id, d.published) for d in archived) == [
        ("https://one.example/ferries", datetime(2023, 4, 20, 10)),
        ("https://one.example/undated", datetime(2025, 3, 3, 9))]
