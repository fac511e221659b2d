"""Publication dates (--within-days): read in fixed formats, and another day's notice is not a copy."""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta, timezone

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from dedup import Document, Relation, ScanSettings, scan, scan_documents
from dedup.compare import compare_documents
from dedup.jsonout import dumps, load_schema, result_dict
from dedup.published import parse_published
from dedup.read import ReadOptions, read_inputs

from .conftest import run


def test_dates_are_read_in_the_listed_formats_and_nothing_is_guessed():
    expected = datetime(1987, 3, 17, 5, 11, 18, 710000)
    assert parse_published("17-MAR-1987 05:11:18.71") == expected
    assert parse_published("17-MAR-1987 05:11:18.71\x05\x05\x05RM") == expected  # wire codes after it
    assert parse_published("17-MAR-1987  05:11:18.71T C") == expected
    assert parse_published("Wed Jan  1 10:01:19 2020") == datetime(2020, 1, 1, 10, 1, 19)
    assert parse_published("2023-04-20T12:21:00+02:00") == datetime(2023, 4, 20, 10, 21)  # in UTC
    assert parse_published("Thu, 20 Apr 2023 12:21:00 +0200") == datetime(2023, 4, 20, 10, 21)
    assert parse_published("April 20, 2023") == parse_published("20 Apr 2023") == datetime(2023, 4, 20)
    assert parse_published("20.04.2023") == parse_published("20230420") == datetime(2023, 4, 20)
    assert parse_published("20.04.2023 12:21") == datetime(2023, 4, 20, 12, 21)
    unix = datetime(2023, 4, 20, 10, 21)  # seconds or milliseconds, as numbers or as a CSV column's digits
    assert parse_published(1681986060) == parse_published(1681986060000) == unix
    assert parse_published("1681986060") == parse_published("1681986060000") == unix
    for unread in ("1/2/2020", "yesterday", "", None, True, ["2023-04-20"], "04.20.2023", "16819860600"):
        assert parse_published(unread) is None


def test_days_written_out_as_news_pages_print_them_are_read():
    """AP style ("Jan. 6", "Sept. 5"), a weekday before, a clock time after with a.m./p.m.; before, "Jan. 6,
    2020" was a warning on every record and "January 6, 2020 3:15 PM" read as 3:15 in the morning."""
    assert parse_published("Jan. 6, 2020") == parse_published("Monday, January 6, 2020") == datetime(2020, 1, 6)
    assert parse_published("Sept. 5, 2019") == parse_published("5th September 2019") == datetime(2019, 9, 5)
    assert parse_published("Mon., Jan. 6, 2020, 3:15 p.m.") == datetime(2020, 1, 6, 15, 15)
    assert parse_published("January 6, 2020 at 3:15 PM") == datetime(2020, 1, 6, 15, 15)
    assert parse_published("January 6, 2020 12:00 a.m.") == datetime(2020, 1, 6, 0, 0)  # midnight
    assert parse_published("6 January 2020, 12:30 pm") == datetime(2020, 1, 6, 12, 30)  # noon
    assert parse_published("Jan. 6, 2020 9:05 AM EST") == datetime(2020, 1, 6, 14, 5)  # in UTC
    assert parse_published("2020-1-6") == datetime(2020, 1, 6)
    # Not guessed: "ET" is EST or EDT by the season; 13 p.m. and February 30 name no moment.
    for unread in ("January 6, 2020 3:15 PM ET", "January 6, 2020 13:15 PM", "Feb. 30, 2020", "Janvier 6, 2020",
                   "Jan. 6, 20"):
        assert parse_published(unread) is None


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda moment: moment.replace(second=0, microsecond=0)))
def test_a_us_style_date_and_time_reads_back_as_written(moment):
    assert parse_published(moment.strftime("%A, %B %d, %Y at %I:%M %p")) == moment
    assert parse_published(moment.strftime("%b. %d, %Y %I:%M %p").replace("AM", "a.m.").replace("PM", "p.m.")) == moment
    assert parse_published(moment.strftime("%d %B %Y, %H:%M")) == moment


def test_numbers_are_read_by_their_digits_as_a_csv_columns_are():
    """GDELT's 20230420 and a web archive's 20230420122100 are days, not seconds after 1970; a year or a
    placeholder (2023, 0) names no day."""
    assert parse_published(20230420) == parse_published("20230420") == datetime(2023, 4, 20)
    assert parse_published(20230420122100) == parse_published("20230420122100") == datetime(2023, 4, 20, 12, 21)
    assert parse_published(1681986060.5) == datetime(2023, 4, 20, 10, 21, 0, 500000)
    assert parse_published(1681986060000.0) == datetime(2023, 4, 20, 10, 21)
    for unread in (0, 2023, -1681986060, 16819860600, float("nan"), float("inf"), 1e20, "20231320122100"):
        assert parse_published(unread) is None


def test_mongodb_dates_are_read_as_mongoexport_writes_them():
    moment = datetime(2023, 4, 20, 10, 21)
    assert parse_published({"$date": "2023-04-20T10:21:00Z"}) == moment
    assert parse_published({"$date": 1681986060000}) == moment
    assert parse_published({"$date": {"$numberLong": "1681986060000"}}) == moment
    for unread in ({"$date": None}, {"$date": [1681986060000]}, {"$date": "2023-04-20", "x": 1}, {"$numberLong": "1"}):
        assert parse_published(unread) is None


def test_a_mongoexport_file_is_read_with_its_ids_and_dates(tmp_path):
    path = tmp_path / "articles.json"  # mongoexport --jsonArray
    path.write_text(json.dumps([
        {"_id": {"$oid": "65e6f1a2b3c4d5e6f7a8b9c0"}, "text": "One.", "date": {"$date": "2023-04-20T10:21:00Z"}},
        {"_id": {"$oid": "65e6f1a2b3c4d5e6f7a8b9c1"}, "text": "Two.",
         "date": {"$date": {"$numberLong": "1681986060000"}}},
    ]), encoding="utf-8")
    read = read_inputs([str(path)], ReadOptions(id_field="_id.$oid", date_field="date", date_warnings=True))
    assert [(d.id, d.published) for d in read.documents] == [
        ("65e6f1a2b3c4d5e6f7a8b9c0", datetime(2023, 4, 20, 10, 21)),
        ("65e6f1a2b3c4d5e6f7a8b9c1", datetime(2023, 4, 20, 10, 21))]
    assert not read.problems


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
       st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59))
def test_an_iso_date_reads_back_as_written(moment, offset_minutes):
    assert parse_published(moment.isoformat()) == moment
    assert parse_published(moment.replace(tzinfo=timezone.utc).isoformat()) == moment
    assert parse_published(moment.isoformat().replace("T", " ")) == moment
    assert parse_published(moment.strftime("%Y%m%dT%H%M%S.%f")) == moment  # ISO 8601's basic form
    offset = timedelta(minutes=offset_minutes)
    zoned = moment.replace(tzinfo=timezone(offset))
    assert parse_published(zoned.isoformat()) == moment - offset  # in UTC
    assert parse_published(zoned.strftime("%Y-%m-%dT%H:%M:%S%z")) == moment.replace(microsecond=0) - offset


def test_iso_dates_read_alike_on_every_python():
    """Python 3.10's ``datetime.fromisoformat`` reads neither Z nor 20230420 (3.11 reads both): the tool reads ISO 8601
    itself, so a feed's dates mean the same whichever Python runs it."""
    moment = datetime(2023, 4, 20, 10, 21)
    for written in ("2023-04-20T10:21:00Z", "2023-04-20T10:21Z", "2023-04-20t10:21:00z", "20230420T102100Z",
                    "2023-04-20T12:21:00+02:00", "2023-04-20T12:21:00+0200", "2023-04-20T12:21+02",
                    "2023-04-20 10:21:00.000Z", "2023-04-20T10:21:00,0Z"):
        assert parse_published(written) == moment, written
    assert parse_published("2023-04-20T10:21:00.123456789Z") == moment.replace(microsecond=123456)
    assert parse_published("2023-04-20T10") == datetime(2023, 4, 20, 10)
    for unread in ("2023-04-20x10:21", "2023-W16-4", "2023-04", "2023-04-31", "2023-04-20T25:00", "2023-0420",
                   "2023-04-20T10:21+24:00", "2023-04-20T10:21:00 Z"):
        assert parse_published(unread) is None, unread


def test_a_placeholder_date_out_of_range_in_utc_is_no_date_and_the_scan_goes_on(tmp_path):
    """.NET writes DateTime.MinValue as 0001-01-01T00:00:00 with the server's offset: before year 1 in UTC.  It once
    stopped ``scan --within-days`` with a traceback."""
    for edge in ("0001-01-01T00:00:00+02:00", "9999-12-31T23:59:59-05:00", "Fri, 31 Dec 9999 23:59:59 -0500",
                 # a damaged Date header (found by tools/fuzz_readers.py): OverflowError from the standard library
                 "Thu, 20 Apr 2023 12:21:999999999999999999999999999999 +0200",
                 "Thu, 20 Apr 2023 12:2999999999999999999999999999999:00 +0200"):
        assert parse_published(edge) is None, edge
    path = tmp_path / "feed.jsonl"
    text = "The council approved the new ferry timetable on Monday after a long debate about its costs."
    path.write_text("".join(json.dumps({"id": k, "text": text, "date": day}) + "\n" for k, day in
                            (("a", "0001-01-01T00:00:00+02:00"), ("b", "2023-04-20T10:21:00Z"))), encoding="utf-8")
    result = run("scan", str(path), "--within-days", "3", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["size"] for c in data["clusters"]] == [2]
    assert [w["line"] for w in data["warnings"]] == [1]
    assert "'0001-01-01T00:00:00+02:00' is not a date" in data["warnings"][0]["reason"]
    (tmp_path / "note.eml").write_text(f"From: a@b.c\nSubject: Ferries\nDate: Thu, 20 Apr 2023 12:21:{'9' * 30} +0200"
                                       f"\n\n{text}\n", encoding="utf-8")
    mailed = json.loads(run("scan", str(tmp_path / "note.eml"), "--within-days", "3", "--format", "json").stdout)
    assert mailed["stats"]["documents"] == 1 and "is not a date" in mailed["warnings"][0]["reason"]


def test_records_dates_are_read_by_default_silently_and_bad_ones_are_warnings_when_asked(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [{"id": "a", "text": "One.", "date": "2023-04-20"}, {"id": "b", "text": "Two.", "date": "soon"},
               {"id": "c", "text": "Three."}, {"id": "d", "text": "Four.", "date": " "}]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    unread = read_inputs([str(path)], ReadOptions(date_field=None))
    assert [d.published for d in unread.documents] == [None] * 4 and not unread.problems
    # As the command line reads them (for --rewrites-within-days): dates where there are some, no warnings.
    plain = read_inputs([str(path)], ReadOptions())
    assert [d.published for d in plain.documents] == [datetime(2023, 4, 20), None, None, None]
    assert not plain.problems
    dated = read_inputs([str(path)], ReadOptions(date_field="date", date_warnings=True))
    assert [d.published for d in dated.documents] == [datetime(2023, 4, 20), None, None, None]
    assert [(p.line, p.fatal) for p in dated.problems] == [(2, False), (3, False), (4, False)]
    assert "'date' 'soon' is not a date" in str(dated.problems[0]) and str(dated.problems[0]).startswith(str(path))
    assert "no 'date' field" in str(dated.problems[1])
    assert dated.problems[2].reason == "'date' is empty: compared without a date"  # a CSV's blank cell


def money_notice(day: int, hour: int, ident: str, *, drain: str = "650") -> Document:
    """A central bank's daily money-market notice: the next day's repeats it word for word."""
    text = ("TARNWICK MONEY MARKET SHORTAGE FORECAST AT 450 MLN CROWNS\n"
            "The Tarnwick central bank said it forecast a shortage of around 450 mln crowns in the money "
            f"market today.\nBills maturing in official hands will drain some {drain} mln crowns, while bankers' "
            "balances below target will take out around 50 mln crowns.\nExchequer transactions will add some "
            "200 mln crowns to the system.")
    return Document(ident, text, published=datetime(1987, 3, day, hour))


def clusters(docs: list[Document], **settings: object) -> list[list[str]]:
    result = scan_documents(docs, ScanSettings(level=Relation.STORY, workers=1, **settings))  # type: ignore[arg-type]
    return [sorted(d.id for d in c.documents) for c in result.clusters]


def test_another_days_notice_is_apart_within_days_but_a_resend_and_an_identical_text_join():
    monday = money_notice(16, 9, "monday")
    wednesday = money_notice(18, 9, "wednesday", drain="600")
    resend = Document("resend", "Money desk\n\n" + wednesday.text, published=datetime(1987, 3, 18, 15))
    repeat = Document("repeat", monday.text, published=datetime(1987, 3, 20, 9))  # identical text, days later
    assert clusters([monday, wednesday]) == [["monday", "wednesday"]]  # without dates: a copy
    assert clusters([monday, wednesday], within_days=1.0) == []
    assert clusters([monday, wednesday, resend, repeat], within_days=1.0) == [["monday", "repeat"],
                                                                              ["resend", "wednesday"]]
    comparison = compare_documents(monday, wednesday, ScanSettings(workers=1, within_days=1.0))
    assert comparison.relation is None
    assert comparison.link.reason.startswith("published 2.0 days apart, more than --within-days 1")
    correction = Document("correction", "CORRECTED - " + money_notice(16, 9, "x", drain="640").text,
                          published=datetime(1987, 3, 20, 9))  # a correction is the report it corrects
    assert clusters([monday, correction], within_days=1.0) == [["correction", "monday"]]
    undated = Document("undated", wednesday.text)
    assert clusters([monday, undated], within_days=1.0) == [["monday", "undated"]]


def test_scan_within_days_reads_dates_and_records_them(tmp_path, in_root):
    notices = [money_notice(16, 9, "monday"), money_notice(18, 9, "wednesday", drain="600"),
               money_notice(18, 15, "resend", drain="600")]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps({"id": d.id, "text": d.text, "sent": (d.published or datetime.min)
                                          .strftime("%d-%b-%Y %H:%M:%S.00").upper()}) for d in notices),
                    encoding="utf-8")
    undated = run("scan", str(path), "--format", "json")
    assert len(json.loads(undated.stdout)["clusters"]) == 1
    result = run("scan", str(path), "--format", "json", "--within-days", "1", "--date-field", "sent")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("scan"))
    assert data["parameters"]["within_days"] == 1.0 and data["parameters"]["reading"]["date_field"] == "sent"
    (cluster,) = data["clusters"]
    assert sorted((d["id"], d["published"]) for d in cluster["documents"]) == [
        ("resend", "1987-03-18T15:00:00"), ("wednesday", "1987-03-18T09:00:00")]
    table = run("scan", str(path), "--within-days", "1", "--date-field", "sent").stdout
    assert "wednesday (1987-03-18 09:00)" in table and "resend (1987-03-18 15:00)" in table
    assert run("scan", str(path), "--within-days", "0").exit_code == 2
    plain = run("scan", "samples/", "--within-days", "1", "--format", "json")
    assert "no document has a readable 'date' field" in plain.stderr
    assert "no document has" not in result.stderr


def test_dates_sit_in_one_scale_whatever_the_zone():
    utc = parse_published("2023-04-20T23:30:00Z")
    tokyo = parse_published("2023-04-21T08:30:00+09:00")
    assert utc is not None and tokyo is not None and tokyo - utc == timedelta(0)


def test_eval_scores_the_window_a_scan_would_use(tmp_path):
    notices = [money_notice(16, 9, "monday"), money_notice(18, 9, "wednesday", drain="600"),
               money_notice(18, 15, "resend", drain="600")]
    labels = {"monday": "monday's notice", "wednesday": "wednesday's notice", "resend": "wednesday's notice"}
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps({"id": d.id, "text": d.text, "cluster": labels[d.id],
                                          "date": (d.published or datetime.min).isoformat()}) for d in notices),
                    encoding="utf-8")

    def copy_precision(*args: str) -> float:
        result = run("eval", str(path), "--level", "copy", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["levels"]["copy"]["precision"]

    assert copy_precision() < 1.0  # the two days' notices joined
    assert copy_precision("--within-days", "1") == 1.0


def test_a_text_that_says_today_is_for_the_day_it_was_sent():
    from dedup.published import says_today

    assert says_today("TARNWICK FORECAST\n\nThe bank forecast a shortage in the money market today.")
    assert says_today("RAINFALL\n\nRecorded in the 24 hours up to 1200 GMT today")
    assert not says_today('MINISTERS MEET\n\nMinisters met.\n"Until today we have announced policies, but')
    assert not says_today("RATES\n\nThe bank held rates." + " Background." * 40 + " It will meet again today.")
    assert says_today("COUNCIL TO EXAMINE BUFFER STOCK RULES TOMORROW\n\nThe council will examine the rules tomorrow.")
    assert not says_today("SAUDIS DROP CONDITION\n\nPetrobras cancelled a purchase yesterday.")  # kept by a re-send


def test_two_texts_that_say_today_are_held_to_a_day_whatever_the_window():
    monday = money_notice(16, 9, "monday")  # "... in the money market today"
    wednesday = money_notice(18, 9, "wednesday", drain="600")
    assert clusters([monday, wednesday], within_days=4.0) == []
    comparison = compare_documents(monday, wednesday, ScanSettings(workers=1, within_days=4.0))
    assert comparison.link.reason.startswith('published 2.0 days apart, and both say "today"')
    undated_day = [Document(d.id, d.text.replace(" today", ""), published=d.published) for d in (monday, wednesday)]
    assert clusters(undated_day, within_days=4.0) == [["monday", "wednesday"]]
    next_morning = Document("resend", "Money desk\n\n" + wednesday.text, published=datetime(1987, 3, 19, 7))
    assert clusters([wednesday, next_morning], within_days=4.0) == [["resend", "wednesday"]]  # 22 hours
    # A notice of what happens "tomorrow" is that day's too: sent on two days, two notices.
    eve = [Document(d.id, d.text.replace("market today", "market tomorrow"), published=d.published)
           for d in (monday, wednesday)]
    assert clusters(eve, within_days=4.0) == []
    assert clusters([Document(d.id, d.text, published=monday.published) for d in eve], within_days=4.0) == [
        ["monday", "wednesday"]]


def sample(name: str, day: int) -> Document:
    from .conftest import SAMPLES

    return Document(name, (SAMPLES / name).read_text(encoding="utf-8"), published=datetime(2023, 4, day, 12))


def test_a_rewrite_or_write_up_days_later_is_a_follow_up_but_a_copy_weeks_later_is_still_a_copy():
    """The seeds (one report, a rewording of it and an independent write-up) and the ferry story's reprint: by
    default a rewrite or write-up further than 4 days from the report is parted; a copy is not held to it."""
    report, rewrite, write_up = (sample("000_bd8e4e9c01becdd2.txt", 20), sample("001_25689abf7d233c60.txt", 20),
                                 sample("002_adf3a1924f1efa34.txt", 21))
    wire, reprint = sample("wire_harbour_ferry.txt", 1), sample("dailycoast_ferry_copy.txt", 29)
    seeds = sorted(d.id for d in (report, rewrite, write_up))
    ferry = ["dailycoast_ferry_copy.txt", "wire_harbour_ferry.txt"]
    assert clusters([report, rewrite, write_up, wire, reprint]) == [seeds, ferry]
    later = Document(rewrite.id, rewrite.text, published=datetime(2023, 4, 27, 12))  # a week after the report
    assert clusters([report, later, write_up, wire, reprint]) == [sorted([report.id, write_up.id]), ferry]
    assert clusters([report, later, write_up], rewrites_within_days=None) == [seeds]
    assert clusters([report, later, write_up], rewrites_within_days=8.0) == [seeds]
    # A correction is exempt from --within-days (it is a copy of what it corrects), not from this window.
    corrected = Document("corrected", "CORRECTED - " + rewrite.text, published=later.published)
    assert clusters([report, corrected]) == []
    comparison = compare_documents(report, later, ScanSettings(workers=1))
    assert comparison.relation is None
    assert comparison.link.reason.startswith("published 7.0 days apart, more than --rewrites-within-days 4")
    assert comparison.link.reason.split("; else ")[1].startswith("rewrite")


def test_a_write_up_whose_lead_reports_other_facts_is_held_to_a_day():
    """The seeds' independent write-up (002) leads with a date its report (000) lacks, as one outlet's follow-up on
    a topic leads with its own news: joined as a write-up of the report when published within a day of it, parted
    when two days later; the rewording (001), whose lead agrees, is held to the 4 days of any rewrite."""
    report, rewrite = sample("000_bd8e4e9c01becdd2.txt", 20), sample("001_25689abf7d233c60.txt", 20)
    seeds = sorted([report.id, rewrite.id, "002_adf3a1924f1efa34.txt"])
    next_day = sample("002_adf3a1924f1efa34.txt", 21)
    assert clusters([report, rewrite, next_day]) == [seeds]
    two_days = sample("002_adf3a1924f1efa34.txt", 22)
    assert clusters([report, rewrite, two_days]) == [sorted([report.id, rewrite.id])]
    comparison = compare_documents(report, two_days, ScanSettings(workers=1))
    assert comparison.relation is None
    assert comparison.link.reason == (
        "the leads report April 20 and April 25 (another issue of a periodic report, not a copy); published 2.0 days "
        "apart, more than 1 for leads that differ (a follow-up on one topic, not a write-up of one report)")
    assert compare_documents(report, next_day, ScanSettings(workers=1)).relation == "story"
    # Held only where dates are read for rewrites: undated, or with no limit on rewrites, it joins.
    assert clusters([report, rewrite, two_days], rewrites_within_days=None) == [seeds]
    undated = Document(two_days.id, two_days.text)
    assert clusters([report, rewrite, undated]) == [seeds]
    later_rewrite = Document(rewrite.id, rewrite.text, published=datetime(2023, 4, 23, 12))
    assert clusters([report, later_rewrite]) == [sorted([report.id, rewrite.id])]


def test_a_rewrite_sent_after_the_day_its_report_called_tomorrow_is_that_days_news():
    """"The commission is expected to approve it at a meeting tomorrow" and, two days on, "the commission has
    approved it": two days' news in the same words.  A text sent on a later day than one whose top says what
    comes "tomorrow", and saying neither "today" nor "tomorrow" itself, is no rewrite or write-up of it."""
    from .conftest import SAMPLES

    text = (SAMPLES / "000_bd8e4e9c01becdd2.txt").read_text(encoding="utf-8")
    eve = Document("eve", text.replace("in one place.", "in one place. Musk's lawyers are expected to reply tomorrow.",
                                       1), published=datetime(2023, 4, 20, 20))
    rewording = (SAMPLES / "001_25689abf7d233c60.txt").read_text(encoding="utf-8")

    def relation(text: str, published: datetime | None, **options: float | None) -> str | None:
        later = Document("later", text, published=published)
        return compare_documents(eve, later, ScanSettings(workers=1, **options)).relation

    next_morning = datetime(2023, 4, 21, 9)
    assert relation(rewording, datetime(2023, 4, 20, 23)) == "rewrite"  # the same day
    assert relation(rewording, datetime(2023, 4, 21, 2)) == "rewrite"  # a later day, but 6 hours on
    assert relation(rewording, next_morning) is None
    later = Document("later", rewording, published=next_morning)
    assert compare_documents(eve, later, ScanSettings(workers=1)).link.reason.startswith(
        'published on a later day, 0.5 days after a text whose top says what comes "tomorrow", and says neither '
        '"today" nor "tomorrow" (that day\'s news, not a rewrite or write-up of the same report)')
    assert clusters([eve, later]) == []
    # A text that says "today" that morning is the same day's telling; undated, or with no limit on rewrites, it joins.
    assert relation(rewording.replace("has threatened", "today threatened", 1), next_morning) == "rewrite"
    assert relation(rewording, None) == "rewrite"
    assert relation(rewording, next_morning, rewrites_within_days=None) == "rewrite"


def test_a_text_says_tomorrow_in_its_own_words_not_in_quoted_speech():
    from dedup.published import says_tomorrow

    assert says_tomorrow("CFTC TO VOTE\n\nThe commission is expected to approve it at a meeting tomorrow.")
    assert not says_tomorrow("CFTC VOTES\n\nThe commission approved it today.")
    assert not says_tomorrow('TALKS\n\nThe talks ended. "We will meet again tomorrow," he said.')
    assert not says_tomorrow("RATES\n\nThe bank held rates." + " Background." * 40 + " It meets tomorrow.")


def test_scan_reads_dates_for_rewrites_by_default_without_warning_of_undated_records(tmp_path, in_root):
    from .conftest import SAMPLES

    records = [{"id": "report", "text": (SAMPLES / "000_bd8e4e9c01becdd2.txt").read_text(encoding="utf-8"),
                "date": "2023-04-20"},
               {"id": "rewrite", "text": (SAMPLES / "001_25689abf7d233c60.txt").read_text(encoding="utf-8"),
                "date": "2023-04-27"},
               {"id": "undated", "text": (SAMPLES / "library_reading_hours.txt").read_text(encoding="utf-8")}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    parted = run("scan", str(path), "--format", "json")
    assert parted.exit_code == 0 and parted.stderr == ""
    data = json.loads(parted.stdout)
    jsonschema.validate(data, load_schema("scan"))
    assert data["clusters"] == [] and data["warnings"] == []
    assert data["parameters"]["rewrites_within_days"] == 4.0 and data["parameters"]["reading"]["date_field"] == "date"
    # The library's defaults are the command line's: the same JSON, byte for byte.
    library = scan([str(path)], ScanSettings())
    assert dumps(result_dict(library)) + "\n" == parted.stdout
    unlimited = json.loads(run("scan", str(path), "--format", "json", "--rewrites-within-days", "0").stdout)
    assert unlimited["parameters"]["rewrites_within_days"] is None
    assert unlimited["parameters"]["reading"]["date_field"] is None  # no window, no dates to read
    (cluster,) = unlimited["clusters"]
    assert sorted(d["id"] for d in cluster["documents"]) == ["report", "rewrite"]
    eight_days = run("scan", str(path), "--format", "json", "--rewrites-within-days", "8")
    (cluster,) = json.loads(eight_days.stdout)["clusters"]
    assert sorted((d["id"], d["published"]) for d in cluster["documents"]) == [
        ("report", "2023-04-20T00:00:00"), ("rewrite", "2023-04-27T00:00:00")]
    assert run("scan", str(path), "--rewrites-within-days", "-1").exit_code == 2


def test_saved_pages_are_held_to_the_dates_their_markup_declares(tmp_path, in_root):
    """The ferry story and its reprint saved as web pages, each declaring its publication date: copies whatever
    the days between them, parted by --within-days when further apart; no warning that nothing was dated."""
    from .conftest import SAMPLES

    for name, day in (("wire_harbour_ferry", "2023-03-01"), ("dailycoast_ferry_copy", "2023-03-20")):
        paragraphs = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        (tmp_path / f"{name}.html").write_text(
            f'<html><head><meta property="article:published_time" content="{day}T08:00:00Z"></head>'
            f"<body>{body}</body></html>", encoding="utf-8")
    joined = json.loads(run("scan", str(tmp_path), "--format", "json").stdout)
    (cluster,) = joined["clusters"]
    assert sorted(d["published"] for d in cluster["documents"]) == ["2023-03-01T08:00:00", "2023-03-20T08:00:00"]
    parted = run("scan", str(tmp_path), "--format", "json", "--within-days", "4")
    assert json.loads(parted.stdout)["clusters"] == [] and "no document has" not in parted.stderr


def test_a_datasets_usual_date_fields_are_read_when_the_date_field_is_left_at_date(tmp_path):
    """news-please's date_publish, an API's published_at, a feed's pubDate: read without naming them; a download
    or modified date never; a --date-field named by the user is the only one looked in."""
    records = [{"id": "a", "text": "One.", "published_at": "2023-04-20T10:00:00Z"},
               {"id": "b", "text": "Two.", "date_publish": "2023-04-21 08:00:00", "date_download": "2024-01-01"},
               {"id": "c", "text": "Three.", "pubDate": "Fri, 21 Apr 2023 09:00:00 GMT", "date": "2023-04-22"},
               {"id": "d", "text": "Four.", "date_download": "2024-01-01", "date_modify": "2024-01-02"}]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    read = read_inputs([str(path)], ReadOptions(date_field="date", date_warnings=True))
    assert [(d.id, d.published) for d in read.documents] == [
        ("a", datetime(2023, 4, 20, 10)), ("b", datetime(2023, 4, 21, 8)), ("c", datetime(2023, 4, 22)), ("d", None)]
    assert [p.line for p in read.problems] == [4]  # "no 'date' field", as before, where none of them is there
    named = read_inputs([str(path)], ReadOptions(date_field="pubDate")).documents
    assert [d.published for d in named] == [None, None, datetime(2023, 4, 21, 9), None]
