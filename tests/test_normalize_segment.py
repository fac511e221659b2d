import pytest

from dedup.figures import quantities, shared_quantities
from dedup.normalize import content_terms, fold, fold_lines, long_tokens, normalize, tokens
from dedup.segment import logical_lines, split_sentences


def test_normalize_unifies_typography_but_keeps_case():
    assert normalize("\u201cLawsuit\u00a0time.\u201d \u2014 Musk\u2019s") == '"Lawsuit time." - Musk\'s'


def test_fold_is_case_and_width_insensitive():
    assert fold("ＦＵＬＬ width\u2019S") == "full width's"
    assert fold_lines(["One “Two”", "THREE"]) == ['one "two"', "three"]


def test_tokens_are_words_only():
    assert tokens(fold("U.S. growth, 3.5% - fast!")) == ["u", "s", "growth", "3", "5", "fast"]


def test_sentences_split_at_stops_not_at_abbreviations():
    text = ("Mr. Smith met Dr. Jones in the U.S. on Monday. They agreed. J. Doe did not! "
            "J.P. Stevens and C.R.I. Insured Mortgage paid.")
    assert [s for _, s in split_sentences(logical_lines(text))] == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "They agreed.",
        "J. Doe did not!",
        "J.P. Stevens and C.R.I. Insured Mortgage paid.",
    ]


def test_chinese_and_japanese_full_stops_end_sentences_without_a_space_after_them():
    text = "議会は計画を承認した。七対二で可決された！「運賃は据え置く。」と議長は語った。Then English."
    assert [s for _, s in split_sentences(logical_lines(text))] == [
        "議会は計画を承認した。", "七対二で可決された！", "「運賃は据え置く。」", "と議長は語った。", "Then English.",
    ]


@pytest.mark.parametrize("text, sentences", [
    # Capitals outside Latin, and scripts without case, start a sentence after a full stop.
    ("Совет одобрил план. Жители выскажутся. Оппозиция против.",
     ["Совет одобрил план.", "Жители выскажутся.", "Оппозиция против."]),
    ("Το συμβούλιο ενέκρινε το σχέδιο. Οι κάτοικοι θα μιλήσουν.",
     ["Το συμβούλιο ενέκρινε το σχέδιο.", "Οι κάτοικοι θα μιλήσουν."]),
    ("وافق المجلس على الخطة. هل سيتكلم السكان؟ نعم.", ["وافق المجلس على الخطة.", "هل سيتكلم السكان؟", "نعم."]),
    ("המועצה אישרה את התוכנית. התושבים ידברו.", ["המועצה אישרה את התוכנית.", "התושבים ידברו."]),
    # Stops of their own: the danda (Hindi, Bengali), Urdu's, Armenian's, Amharic's and Burmese full stops.
    ("परिषद ने योजना को मंज़ूरी दी । निवासी अपनी राय देंगे।विपक्ष नाराज़ है।",
     ["परिषद ने योजना को मंज़ूरी दी ।", "निवासी अपनी राय देंगे।", "विपक्ष नाराज़ है।"]),
    ("کونسل نے منصوبہ منظور کیا۔ رہائشی رائے دیں گے۔", ["کونسل نے منصوبہ منظور کیا۔", "رہائشی رائے دیں گے۔"]),
    ("Խորհուրդը հաստատեց ծրագիրը։ Բնակիչները կխոսեն։", ["Խորհուրդը հաստատեց ծրագիրը։", "Բնակիչները կխոսեն։"]),
    ("ምክር ቤቱ ዕቅዱን አጸደቀ። ነዋሪዎች ይናገራሉ።", ["ምክር ቤቱ ዕቅዱን አጸደቀ።", "ነዋሪዎች ይናገራሉ።"]),
    ("ကောင်စီက အစီအစဉ်ကို အတည်ပြုခဲ့သည်။ နေထိုင်သူများ ပြောမည်။",
     ["ကောင်စီက အစီအစဉ်ကို အတည်ပြုခဲ့သည်။", "နေထိုင်သူများ ပြောမည်။"]),
    # Spanish opens questions and exclamations with ¿ and ¡; a lower-case word after a stop starts none.
    ("¿Qué pasó en el pleno? ¡Nada! «Bien», dijo. Y luego e.g. otra.",
     ["¿Qué pasó en el pleno?", "¡Nada!", "«Bien», dijo.", "Y luego e.g. otra."]),
])
def test_sentences_end_at_each_scripts_own_stops(text, sentences):
    """Before, only a Latin capital could start a sentence after a full stop: a Russian, Greek, Arabic or Hindi
    paragraph was one "sentence", and a copy's shared and unique sentences came as whole paragraphs."""
    assert [s for _, s in split_sentences(logical_lines(text))] == sentences


def test_words_keep_their_vowel_signs_and_one_syllable_words_are_no_terms():
    """Indic scripts write most vowels as combining marks, which ``\\w`` does not match: "हिन्दी" was read as
    "ह", "न", "द".  A consonant with its vowel sign is one syllable, a function word ("है", "is")."""
    assert tokens(fold("हिन्दी भारत की राजभाषा है")) == ["हिन्दी", "भारत", "की", "राजभाषा", "है"]
    assert tokens(fold("தமிழ் மொழி")) == ["தமிழ்", "மொழி"]
    assert tokens(fold("עִבְרִית")) == ["עִבְרִית"]
    assert content_terms(tokens(fold("हिन्दी भारत की राजभाषा है a vote"))) == ["हिन्दी", "भारत", "राजभाषा", "vote"]
    assert long_tokens(fold("हिन्दी भारत की राजभाषा है")) == ["हिन्दी", "भारत", "राजभाषा"]
    # Thai runs are phrases: cut at their vowel signs, about a syllable each, as before (see dedup.normalize).
    assert tokens(fold("ภาษาไทยดีมาก")) == ["ภาษาไทยด", "มาก"]


def test_a_text_without_stops_is_cut_where_its_words_say_so_two_copies_are_cut_alike():
    """A transcript or OCR output without punctuation is no single 'sentence': it is cut by its own words, so a
    copy that starts later or adds words before a passage has the same pieces from there on."""
    import random

    rng = random.Random(7)
    vocabulary = [f"word{k}" for k in range(300)]
    words = [rng.choice(vocabulary) for _ in range(2000)]
    transcript = " ".join(words)
    pieces = [s for _, s in split_sentences(logical_lines(transcript))]
    assert 20 < len(pieces) < 170 and " ".join(pieces) == transcript
    assert all(len(p.split()) <= 96 for p in pieces)
    later = [s for _, s in split_sentences(logical_lines("and then some more talk " + " ".join(words[500:])))]
    assert len(set(pieces) & set(later)) >= len(later) - 3  # all but the first piece or so are the same
    sentence = "An ordinary sentence of a few words ends here."  # text with stops is not touched
    assert [s for _, s in split_sentences(logical_lines(" ".join([sentence] * 3)))] == [sentence] * 3


def test_a_japanese_copy_shares_its_sentences_and_keeps_its_chrome_apart():
    """Written without spaces, a copy is still aligned sentence by sentence: the report's sentences are shared,
    the new headline and the site's line are its own."""
    from dedup import Document, ScanSettings, scan_documents

    body = ("東京都議会は火曜日、2029年までにフェリーを電気船に置き換える計画を承認した。"
            "二年間の試験の後、七対二で可決された。"
            "燃料費は四十一パーセント削減されたと議会は述べた。運賃は少なくとも2027年まで据え置かれる。"
            "新しい船は地元の造船所で建造される予定だ。環境団体はこの決定を歓迎した。")
    original = Document("wire", "フェリー計画を承認\n\n" + body)
    reprint = Document("site", "都議会、電気フェリーへ\n\n" + body + "\n\nこの記事を共有する")
    (cluster,) = scan_documents([original, reprint], ScanSettings(workers=1)).clusters
    assert len(cluster.shared) == 6
    unique = {d.id: [s.text for s in d.unique] for d in cluster.documents}
    assert unique == {"wire": ["フェリー計画を承認"], "site": ["都議会、電気フェリーへ", "この記事を共有する"]}


def test_boilerplate_lines_without_full_stops_are_sentences_of_their_own():
    text = "A headline\n\nBody sentence one. Body two.\nShare this Article\nJoin the Discussion"
    assert [s for _, s in split_sentences(logical_lines(text))] == [
        "A headline", "Body sentence one.", "Body two.", "Share this Article", "Join the Discussion",
    ]


def test_hard_wrapped_wire_copy_is_joined_before_splitting():
    text = (
        "    Rain fell steadily through the week across\n"
        "the southern coffee belt, easing the dry spell since early\n"
        "January and lifting hopes for the coming harvest.\n"
        "    The dry spell means the harvest will be late."
    )
    assert len(logical_lines(text)) == 1
    first = split_sentences(logical_lines(text))[0][1]
    assert first.startswith("Rain fell steadily through the week across the southern coffee belt")


def test_table_rows_stay_rows_inside_a_wrapped_paragraph():
    """Joined into one line, two issues of a rate table could not be compared row by row."""
    text = (
        "The Harbour Savings Authority revised the rates\n"
        "on its short-dated deposit notes as listed below, an official\n"
        "said in Ridgeport:\n"
        "  30-180 days  4.75 pct  4.75 pct   30-180 days\n"
        " 181-240 days  5.40 pct  5.45 pct  181-240 days\n"
        " 241-365 days  4.75 pct  4.75 pct  241-365 days\n"
    )
    assert logical_lines(text) == [
        "The Harbour Savings Authority revised the rates on its short-dated deposit notes as listed below, "
        "an official said in Ridgeport:",
        "30-180 days 4.75 pct 4.75 pct 30-180 days",
        "181-240 days 5.40 pct 5.45 pct 181-240 days",
        "241-365 days 4.75 pct 4.75 pct 241-365 days",
    ]
    # Two spaces after a full stop are typing style, not columns.
    assert len(logical_lines("The dry period ended.  Rain fell in the zone, growers said\n"
                             "on Monday, and the harvest of the main crop will be late.")) == 1


def test_quantities_read_figures_as_values():
    assert set(quantities("sales were 1.46 billion dlrs").values()) == set(
        quantities("sales were 1,459,193,000 dlrs").values())
    assert quantities("qtly div 12-1/2 cts") == {"12-1/2": "12.5"}
    assert quantities("1. Break the problem into 3 parts") == {"3": "3"}  # a list number is layout
    hogs = quantities("hog slaughter at 295,000 to 305,000 head")
    assert len(set(hogs.values())) == 2  # three significant digits keep these apart
    assert shared_quantities({"15": "15"}, {"15": "1.5e+07"}) == (1, 1)  # "15 milli0n": as written
    assert shared_quantities({"1987": "1987"}, {"1988": "1988"}) == (0, 2)
    assert quantities("m-2 plus cds rose 9.0 pct") == {"9.0": "9"}  # a name's number is part of the name
    # Wire style spells amounts under ten before a unit; elsewhere a number word is prose.
    assert quantities("monthly dividend seven cts, unchanged") == {"7": "7"}
    assert set(quantities("to arrange two billion dlrs of").values()) == set(quantities("2,000,000,000 dlrs").values())
    assert quantities("one of the two-year plans, said two officials") == {}


def test_dates_are_read_as_month_and_day_in_the_ways_news_writes_them():
    from dedup.dates import dates

    assert dates(["pay may 15 record april 24", "through oct. 6, 1981", "record july six", "on 15 march 2005"]) == [
        (5, 15), (4, 24), (10, 6), (7, 6), (3, 15)]
    # A month with a year, an amount after a month, and "may" as a verb are no dates.
    assert dates(["sales in march 1987", "april 8,000 tonnes", "prices of 12 may rise", "may 1.5 pct"]) == []


def test_a_sentence_tells_its_news_as_past_only_with_days_or_weeks_back():
    from dedup.dates import past_reference, when_said

    assert past_reference("the club said last week that it was in trouble") == "last week"
    assert past_reference("earlier this month, a panel rejected the claim") == "earlier this month"
    assert past_reference("she received the ban last month") == "last month"
    # A year back is background write-ups of one event add alike; a weekday is the event's own day.
    assert past_reference("which won best animation at last year's oscars") is None
    assert past_reference("the council voted on wednesday") is None
    # Any dating, however loose, says when: two reports of one event may date it differently.
    assert when_said("under the agreement, which was announced on september 15, it acquired the equity")
    assert when_said("the plan announced earlier") and when_said("he resigned two days ago")
    assert not when_said("the club has set a new box office record, with 1.5bn yen in two days")


def test_headlines_move_opposite_ways_only_when_each_moves_one_way():
    from dedup.directions import direction, directions_apart

    cases = [
        ("SUN <SUN> RAISES HEATING OIL PRICE", "SUN <SUN> CUTS HEATING OIL PRICE", ("raises", "cuts")),
        ("BANKS RAISE PRIME RATE", "BANKS LEAVE RATES UNCHANGED", ("raise", "unchanged")),
        # One way in other words, no direction at all, or both ways in one headline: nothing to compare.
        ("Oil prices rise", "Report: Oil prices climbed again", None),
        ("Oil prices rise", "Oil market report", None),
        ("Profits rise as sales fall", "Sales fall", None),
        # Verdicts: a ban against its lifting or an approval; lifting a ban is no rise, and a verdict is no move.
        ("Chepkemei hit by big ban", "Kenya lift Chepkemei's suspension", ("ban", "lift suspension")),
        ("COURT BLOCKS MERGER", "SUPREME COURT ALLOWS MERGER", ("blocks", "allows")),
        ("EU lifts arms ban", "EU approves arms sales", None),
        ("EU lifts arms ban", "Arms exports rise", None),
        ("FDA approves drug", "Drug sales jump", None),
        ("Club banned from Europe", "Ban on club upheld", None),
    ]
    for headline_a, headline_b, apart in cases:
        assert directions_apart(direction(headline_a), direction(headline_b)) == apart, (headline_a, headline_b)


def test_headlines_are_stamped_differently_only_when_both_carry_clock_times_and_share_none():
    from dedup.dates import clock_times, times_apart, times_of

    def differing_times(top_a: str, top_b: str) -> tuple[str, str] | None:
        return times_apart(times_of(top_a), times_of(top_b))

    assert clock_times("OAT FUTURES 9:05 EDT, 10:25 EDT") == ["09:05", "10:25"]
    assert clock_times("SHARES UP 12.20 PCT, RATIO 3:1, SCORE 2-1, 24:00") == []
    assert differing_times("OAT FUTURES 11:31 EDT", "OAT FUTURES 11:10 EDT") == ("11:31", "11:10")
    assert differing_times("OAT FUTURES 11:31 EDT", "Desk note OAT FUTURES 11:31 EDT") is None
    assert differing_times("OAT FUTURES 11:31 EDT", "OAT FUTURES") is None
    # Sessions named in words: a market's report at midday and at the close.
    assert differing_times("NORTHWIND OATS CLOSE HIGHER", "NORTHWIND OATS UP AT MIDDAY") == ("the close", "midday")
    assert differing_times("KRONA OPENS LOWER IN OSLO", "KRONA STEADY AT OSLO MIDSESSION") == ("the opening", "midday")
    assert differing_times("KRONA CLOSES LOWER IN OSLO", "Oslo: krona closed lower") is None
    assert differing_times("KRONA CLOSES LOWER IN OSLO", "KRONA LOWER IN OSLO") is None  # one side says no session
    assert differing_times("OPEN-ENDED FUND SETS PAYOUT", "CLOSE-UP ON A FUND") is None  # not sessions


def test_texts_are_about_different_places_only_when_each_headline_names_one_the_other_opening_lacks():
    from dedup.places import places_apart, places_named

    def differ(headline_a: str, headline_b: str, first_a: str = "", first_b: str = "") -> tuple[str, str] | None:
        return places_apart(places_named(headline_a), places_named(headline_b),
                            places_named(f"{headline_a} {first_a}"), places_named(f"{headline_b} {first_b}"))

    assert differ("KENYA, NORWAY SIGN ACCORD", "KENYA, PORTUGAL SIGN ACCORD") == ("norway", "portugal")
    assert differ("Dutch bank cuts jobs", "Belgian bank cuts jobs") == ("netherlands", "belgium")
    assert differ("ACME OHIO FUND SETS PAYOUT", "ACME NEW YORK FUND SETS PAYOUT") == ("ohio", "new york")
    # Names, short forms and demonyms of one country; "US" only as a mixed-case headline writes it.
    assert differ("U.S. envoy in talks", "American envoy in talks") is None
    assert differ("US envoy in talks", "Envoy tells us about talks") is None
    assert differ("WEST GERMAN BANK SETS RATE", "GERMANY SETS RATE") is None
    # A copy's headline that names the speaker where the other names the subject: the opening has both.
    assert differ("TREASURY SEES PERU LENDING PROGRESS", "U.S. OFFICIAL SEES LENDING PROGRESS",
                  "A U.S. Treasury official said talks on Peru made progress.",
                  "A U.S. Treasury official said talks on Peru made progress.") is None
    # A country dropped from one headline is no other country.
    assert differ("KENYA, NORWAY SIGN ACCORD", "KENYA SIGNS ACCORD") is None
    # Market towns head market reports: another market's notice repeats the frame and even the figures.
    assert differ("OMAHA HOGS UP 1.00 DLR - USDA", "PEORIA HOGS UP 1.00 DLR - USDA") == ("omaha", "peoria")
    assert differ("ST JOSEPH HOGS OPEN UP 1.00 DLR", "ST. LOUIS HOGS OPEN UP 1.00 DLR") == ("st joseph", "st louis")
    assert differ("FLASH OMAHA HOGS UP 1.00 DLR", "Omaha hogs up 1.00 dlr") is None
    assert differ("ST. PAUL CATTLE STEADY", "ST PAUL CATTLE STEADY") is None
    # A city is not its state: "Kansas City" is read whole.
    assert differ("KANSAS CITY HOGS UP", "KANSAS WHEAT HARVEST") == ("kansas city", "kansas")
    # "Korea" and "Korean" are either Korea's: the North's leader, or a headline's words reordered.
    assert differ("North Korea's New Year's gift to the world", "Korean leader's New Year gift") is None
    assert differ("NORTH KOREA FIRES MISSILE", "Korea's north fires missile") is None
    assert differ("KOREA EXPORTS RISE", "SOUTH KOREAN EXPORTS RISE") is None
    assert differ("NORTH KOREA FIRES MISSILE", "SOUTH KOREA FIRES MISSILE") == ("north korea", "south korea")
    assert differ("KOREA EXPORTS RISE", "JAPAN EXPORTS RISE") == ("korea", "japan")
    # Northern Ireland is read whole, not as Ireland.
    assert differ("Northern Ireland assembly talks resume", "Ireland assembly talks resume") == (
        "northern ireland", "ireland")
    assert differ("Northern Irish police chief resigns", "Northern Ireland police chief resigns") is None


def test_headlines_name_different_companies_only_when_ticker_and_name_differ():
    from dedup.companies import companies_apart, company, one_company

    def different_companies(headline_a: str, headline_b: str) -> tuple[str, str] | None:
        return companies_apart(company(headline_a), company(headline_b))

    def same_company(headline_a: str, headline_b: str) -> bool:
        return one_company(company(headline_a), company(headline_b))

    assert different_companies("SUN <SUN> RAISES CRUDE POSTINGS", "PHILLIPS <P> RAISES CRUDE POSTINGS") == ("SUN", "P")
    assert different_companies("Acme Corp (NYSE: ACM) reports", "Zenith Inc (Nasdaq: ZNT) reports") == ("ACM", "ZNT")
    # The same company: an exchange suffix, a mistyped ticker under the same name, no ticker at all.
    assert different_companies("PARK COMMUNICATIONS <PARC> 1ST QTR", "PARK COMMUNICATIONS <PARC.O> 1ST QTR") is None
    assert different_companies("WESTPORT BANCORP INC <WBAT.O> NET", "WESTPORT BANCORP <WEBAT.O> NET") is None
    assert different_companies("SUN <SUN> RAISES CRUDE POSTINGS", "OIL COMPANIES RAISE POSTINGS") is None
    assert same_company("PARK COMMUNICATIONS <PARC> 1ST QTR", "PARK <PARC.O> SETS PAYOUT")
    assert not same_company("SUN <SUN> RAISES CRUDE POSTINGS", "PHILLIPS <P> RAISES CRUDE POSTINGS")
    assert not same_company("SUN <SUN> RAISES CRUDE POSTINGS", "SUN RAISES CRUDE POSTINGS")


def test_chinese_and_japanese_are_read_as_character_bigrams():
    """Written without spaces, a run of characters is a whole clause to a word pattern: one character changed
    and nothing of it is shared.  Overlapping bigrams stand in for words; other scripts keep their words."""
    assert tokens(fold("在１９９８年来临之际，Hello 東京タワー x")) == [
        "在", "1998", "年来", "来临", "临之", "之际", "hello", "東京", "京タ", "タワ", "ワー", "x"]
    assert tokens(fold("Plain English, 1.5 pct.")) == ["plain", "english", "1", "5", "pct"]
    assert tokens(fold("東京・大阪")) == ["東京", "大阪"]  # the middle dot separates words, as a space would


_SUBWAY = ("海滨市新地铁线路正式开通运营\n\n"
           "本报海滨３月３日电　海滨市第一条跨江地铁线路今天上午正式开通运营，全长２８公里，共设１９座车站，"
           "将市中心与江北新区连接起来。\n\n"
           "市交通局局长王明华在开通仪式上说，新线路建成后，从江北新区到市中心的通勤时间将由一个多小时缩短到"
           "三十五分钟左右。\n\n"
           "这条线路于２０１９年开工建设，总投资约２１０亿元。工程期间，建设单位克服了江底地质复杂、施工空间"
           "狭小等多项困难。\n\n"
           "据介绍，新线路开通初期的行车间隔为六分钟，早晚高峰时段将缩短至四分钟。票价按里程计算，最低两元，"
           "最高七元。\n\n"
           "不少市民一早就赶来体验。家住江北的退休教师李秀兰说：“以前进城要换两次公交车，现在坐地铁方便多了。”\n\n"
           "市政府表示，今年年底前还将开工建设另外两条线路，力争到２０３０年形成覆盖全市的轨道交通网络。")


def test_a_chinese_copy_with_characters_dropped_doubled_and_misread_is_a_copy_and_a_neighbour_is_not():
    """A reprint under a site's own headline and lines, its last paragraph cut, with characters dropped,
    doubled or misread as OCR reads them (玉 for 王) in every paragraph: as a word pattern reads
    Chinese, each edit changes a whole clause and the copy shares too few of them to be one."""
    from dedup import Document, Relation, ScanSettings, compare_documents

    paragraphs = _SUBWAY.split("\n\n")[1:-1]
    edited = [paragraphs[0].replace("正式", "正").replace("连接", "连连接"),
              paragraphs[1].replace("通勤", "通").replace("缩短", "缩缩短").replace("王明华", "玉明华"),
              paragraphs[2].replace("克服", "克克服").replace("困难", "困"),
              paragraphs[3].replace("行车", "行").replace("最高", "最最高"),
              paragraphs[4].replace("体验", "体").replace("公交车", "公交交车")]
    reprint = "\n\n".join(["首页 > 新闻 > 本地", "跨江地铁今起通车 江北到市中心只需三十五分钟", *edited,
                           "责任编辑：张强", "分享到微信"])
    other_city = ("江南市公交车全部换成电动车\n\n"
                  "本报江南３月５日电　江南市今天宣布，全市２６００辆公交车已全部更换为纯电动车辆，"
                  "成为全省第一个实现公交全面电动化的城市。\n\n"
                  "市公交集团总经理陈建国介绍，更换工作历时三年，共投入资金约１５亿元，新建充电站８６座。\n\n"
                  "据测算，公交全面电动化后，每年可减少二氧化碳排放约１８万吨，节约燃油费用两亿多元。\n\n"
                  "市民张先生说：“电动公交车噪音小，坐起来也更舒服。”")
    settings = ScanSettings(level=Relation.COPY, workers=1)
    original = Document("wire", _SUBWAY)
    assert compare_documents(original, Document("site", reprint), settings).link.relation == Relation.COPY
    assert compare_documents(original, Document("city", other_city), settings).link.relation is None
