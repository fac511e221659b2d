"""Texts in languages other than English are judged against their own language's common words."""

from __future__ import annotations

import pytest

from dedup import Document, ScanSettings, compare_documents, scan_documents
from dedup.background import Background
from dedup.jsonout import comparison_dict, result_dict
from dedup.pipeline import Corpus

_VALENCIA = (
    "El Valencia y el Betis empataron este sábado a cero en Mestalla, en un partido en el que los dos equipos "
    "apenas crearon peligro y en el que el portero local fue el mejor de su equipo. Con este resultado, el Valencia "
    "suma tres partidos sin ganar y se aleja de los puestos europeos.\n\n"
    "El entrenador valencianista reconoció al final del encuentro que su equipo no estuvo bien con el balón y que "
    "tiene que mejorar mucho en ataque. Los aficionados pitaron a los jugadores cuando se marchaban al vestuario, "
    "después de una semana en la que el club había pedido el apoyo de la grada.\n\n"
    "El Betis, que jugó la última media hora con un jugador menos por la expulsión de su central, se llevó un punto "
    "que considera valioso. El próximo partido del Valencia será en casa ante el Getafe, el domingo a las cuatro de "
    "la tarde."
)
_ATHLETIC = (
    "El Athletic Club venció este domingo al Celta por uno a dos en Balaídos gracias a un gol de cabeza en el "
    "último minuto, en un partido muy disputado en el que los dos equipos tuvieron ocasiones para ganar. Con esta "
    "victoria, el equipo bilbaíno se coloca cuarto en la clasificación.\n\n"
    "El entrenador del Celta lamentó la falta de concentración de su equipo en las jugadas a balón parado y pidió a "
    "los jugadores que levanten la cabeza. Los aficionados aplaudieron a su equipo al final del partido, a pesar de "
    "la derrota, por el esfuerzo mostrado durante los noventa minutos.\n\n"
    "El Athletic, que jugará el jueves en la Copa del Rey, recupera para ese partido a dos jugadores que estaban "
    "lesionados. El próximo partido del Celta será fuera de casa ante el Mallorca, el sábado a las nueve de la noche."
)
_BUNDESTAG = (
    "Der Bundestag hat am Donnerstag ein Gesetz beschlossen, mit dem die Mieten in den großen Städten stärker "
    "begrenzt werden sollen. Die Regierung erwartet, dass die Mieter dadurch im Jahr mehrere hundert Euro sparen. "
    "Die Opposition kritisierte, dass das Gesetz zu spät komme und nicht weit genug gehe, und kündigte an, "
    "weitere Änderungen zu beantragen."
)
_COUNCIL = (
    "The council approved a plan on Tuesday to replace the ferry fleet with electric boats by 2029, after a "
    "two-year trial that cut fuel costs by 41 percent. Fares will stay the same until at least 2027, and the new "
    "boats will be built at a local yard, the council said in a statement after the vote."
)


def test_a_corpus_is_judged_against_the_languages_its_texts_are_in():
    settings = ScanSettings(workers=1)
    english = Corpus.build([Document("a", _COUNCIL), Document("b", "Qtly div ten cts vs ten cts")], settings)
    assert english.background.languages == ("en",)  # English alone: the English table, as it always was
    mixed = Corpus.build([Document("es", _VALENCIA), Document("de", _BUNDESTAG), Document("en", _COUNCIL)],
                         settings)
    assert mixed.background.languages == ("de", "en", "es")
    # Each word is as common as in the language where it is commonest: "que" is no rare name in Spanish.
    assert mixed.background.pseudo_df("que") > 500 > Background.load().pseudo_df("que")
    assert mixed.background.pseudo_df("valencianista") == english.background.pseudo_df("valencianista") < 1


def test_two_spanish_match_reports_share_no_rare_terms_through_their_function_words():
    """Judged by English frequencies, "que", "los" and "partido" were 17 rare terms these two reports of
    different matches shared (score 0.73, parted only by their openings); in Spanish they are common."""
    comparison = compare_documents(Document("valencia", _VALENCIA), Document("athletic", _ATHLETIC),
                                   ScanSettings(workers=1))
    assert comparison.relation is None
    assert comparison.link.scores.rare_terms < 4
    assert comparison.score < 0.5


def test_a_spanish_reprint_is_still_a_copy_beside_another_match_report():
    reprint = ("Crónica: empate sin goles en Mestalla\n\n" + _VALENCIA.rsplit("\n\n", 1)[0].replace("sábado", "sabado")
               + "\n\nComparte este artículo\nSíguenos en las redes sociales")
    result = scan_documents([Document("wire", "El Valencia empata con el Betis\n\n" + _VALENCIA),
                             Document("site", reprint), Document("other", _ATHLETIC)], ScanSettings(workers=1))
    (cluster,) = result.clusters
    assert sorted(d.id for d in cluster.documents) == ["site", "wire"]
    assert [link.relation for link in cluster.links] == ["copy"]


# One report, a city council's vote on electric buses, as each language would write it.
_BUSES = {
    "fr": "Le conseil municipal a voté mardi soir un plan pour remplacer les bus de la ville par des véhicules "
          "électriques d'ici 2030. Selon le maire, la mesure coûtera environ douze millions d'euros, dont une partie "
          "sera payée par la région. Les habitants pourront donner leur avis lors d'une réunion publique prévue le "
          "mois prochain, mais l'opposition estime que le projet arrive trop tard.",
    "it": "Il consiglio comunale ha approvato martedì sera un piano per sostituire gli autobus della città con veicoli "
          "elettrici entro il 2030. Secondo il sindaco, la misura costerà circa dodici milioni di euro, in parte "
          "pagati dalla regione. I cittadini potranno dare il loro parere durante un incontro pubblico previsto il "
          "mese prossimo, ma l'opposizione ritiene che il progetto arrivi troppo tardi.",
    "pt": "A câmara municipal aprovou na terça-feira à noite um plano para substituir os autocarros da cidade por "
          "veículos elétricos até 2030. Segundo o presidente da câmara, a medida vai custar cerca de doze milhões de "
          "euros, em parte pagos pela região. Os moradores poderão dar a sua opinião numa reunião pública prevista "
          "para o próximo mês, mas a oposição considera que o projeto chega tarde demais.",
    "ru": "Городской совет во вторник вечером одобрил план по замене городских автобусов на электрические до 2030 "
          "года. По словам мэра, эта мера обойдется примерно в двенадцать миллионов евро, часть которых заплатит "
          "регион. Жители смогут высказать свое мнение на публичном собрании в следующем месяце, но оппозиция "
          "считает, что проект появился слишком поздно.",
    "sv": "Kommunfullmäktige röstade på tisdagskvällen för en plan att ersätta stadens bussar med elfordon till 2030. "
          "Enligt kommunstyrelsens ordförande kommer åtgärden att kosta omkring tolv miljoner euro, varav en del "
          "betalas av regionen. Invånarna kan lämna sina synpunkter vid ett offentligt möte nästa månad, men "
          "oppositionen anser att projektet kommer för sent.",
    "pl": "Rada miasta przyjęła we wtorek wieczorem plan zastąpienia miejskich autobusów pojazdami elektrycznymi do "
          "2030 roku. Według burmistrza środek ten będzie kosztował około dwunastu milionów euro, z czego część "
          "zapłaci region. Mieszkańcy będą mogli wyrazić swoją opinię na spotkaniu publicznym w przyszłym miesiącu, "
          "ale opozycja uważa, że projekt pojawia się zbyt późno.",
}


@pytest.mark.parametrize("language", sorted(_BUSES))
def test_a_news_paragraph_is_found_to_be_in_its_language(language):
    """Inflected languages use fewer function words: a Polish paragraph has a fifth of its terms among Polish's
    200 commonest words, under the bar; among its 300, enough."""
    corpus = Corpus.build([Document(language, _BUSES[language])], ScanSettings(workers=1))
    assert corpus.background.languages == ("en", language)


# The same vote in Estonian, a language without a table here: its words are judged against English alone.
_ESTONIAN = ("Linnavolikogu kiitis teisipäeva õhtul heaks plaani asendada linna bussid 2030. aastaks "
             "elektrisõidukitega. Linnapea sõnul maksab meede umbes kaksteist miljonit eurot, millest osa maksab "
             "piirkond. Elanikud saavad "
             "oma arvamust avaldada järgmise kuu avalikul koosolekul, kuid opositsioon leiab, et projekt tuleb liiga "
             "hilja ja ei lahenda liikluse probleeme kesklinnas.")


def test_each_clustered_document_says_which_language_its_words_were_judged_in():
    texts = {"es": _VALENCIA, "de": _BUNDESTAG, "en": _COUNCIL, "et": _ESTONIAN, "short": "Qtly div ten cts vs ten cts"}
    # Each text twice, so that each is in a cluster (the output lists clustered documents).
    docs = [Document(f"{name}-{copy}", text) for name, text in texts.items() for copy in (1, 2)]
    result = result_dict(scan_documents(docs, ScanSettings(workers=1)))
    languages = {d["id"]: d["language"] for c in result["clusters"] for d in c["documents"]}
    assert languages == {"es-1": "es", "es-2": "es", "de-1": "de", "de-2": "de", "en-1": "en", "en-2": "en",
                         "et-1": None, "et-2": None, "short-1": None, "short-2": None}


def test_compare_says_which_languages_the_two_were_judged_in():
    comparison = comparison_dict(compare_documents(Document("a", _BUSES["sv"]), Document("b", _ESTONIAN),
                                                   ScanSettings(workers=1)))
    assert (comparison["language_a"], comparison["language_b"]) == ("sv", None)
    assert Corpus.build([Document("et", _ESTONIAN)], ScanSettings(workers=1)).background.languages == ("en",)


# Two unrelated Hindi reports (a new train line; floods in Kerala), which share only Hindi's function words.
_RAIL = ("नई दिल्ली में मंगलवार को रेल मंत्रालय ने घोषणा की कि अगले साल से राजधानी और मुंबई के बीच एक नई "
         "तेज़ रफ़्तार ट्रेन चलाई जाएगी। मंत्रालय के अनुसार इस ट्रेन से यात्रा का समय लगभग चार घंटे कम हो "
         "जाएगा और किराया सामान्य एक्सप्रेस ट्रेनों से थोड़ा ज़्यादा होगा। अधिकारियों ने कहा कि परियोजना "
         "पर करीब बारह हज़ार करोड़ रुपये खर्च होंगे और इसका काम इसी महीने शुरू हो जाएगा। विपक्ष ने कहा है "
         "कि सरकार को पहले पुरानी पटरियों की मरम्मत पर ध्यान देना चाहिए।")
_FLOODS = ("केरल में पिछले तीन दिनों से हो रही भारी बारिश के कारण कई ज़िलों में बाढ़ जैसे हालात बन गए हैं "
           "और हज़ारों लोगों को सुरक्षित स्थानों पर भेजा गया है। मौसम विभाग ने अगले दो दिनों के लिए चेतावनी "
           "जारी की है और मछुआरों से समुद्र में न जाने को कहा है। राज्य सरकार ने कहा कि राहत शिविरों में "
           "भोजन और दवाइयों की व्यवस्था की गई है। कई स्कूल और कॉलेज बंद कर दिए गए हैं और कुछ रेल सेवाएं भी "
           "रद्द कर दी गई हैं।")


def test_two_unrelated_hindi_reports_share_no_rare_terms():
    """Words were cut at their vowel signs and Hindi had no table: these two shared 9 "rare" terms, function words
    and pieces of them, and compared at 0.40, parted only by the opening's names."""
    comparison = compare_documents(Document("rail", _RAIL), Document("floods", _FLOODS), ScanSettings(workers=1))
    assert comparison.languages == ("hi", "hi")
    assert comparison.link.scores.rare_terms == 0
    assert comparison.score < 0.2


def test_a_hindi_reprint_shares_its_sentences_one_by_one_and_keeps_its_site_lines():
    """Sentences end at the danda (।): the reprint's four sentences are shared one by one (one paragraph-long
    "sentence" before), one with its changed word, and the site's lines are its own."""
    reprint = "भारत समाचार\n\n" + _RAIL.replace("करीब", "लगभग") + "\n\nइस खबर को शेयर करें\nहमें फ़ॉलो करें"
    result = scan_documents([Document("wire", _RAIL), Document("site", reprint), Document("floods", _FLOODS)],
                            ScanSettings(workers=1))
    (cluster,) = result.clusters
    assert sorted(d.id for d in cluster.documents) == ["site", "wire"]
    assert [link.relation for link in cluster.links] == ["copy"]
    assert len(cluster.shared) == 4 and all(s.text.endswith("।") for s in cluster.shared)
    unique = {d.id: [s.text for s in d.unique] for d in cluster.documents}
    assert unique == {"site": ["भारत समाचार", "इस खबर को शेयर करें", "हमें फ़ॉलो करें"], "wire": []}


# Two unrelated Punjabi reports (a new bridge in Ludhiana; rain stopping the wheat harvest), which share only
# Punjabi's function words.  wordfreq has no Punjabi list: its words are judged against its stop list.
_BRIDGE = ("ਲੁਧਿਆਣਾ ਵਿੱਚ ਮੰਗਲਵਾਰ ਨੂੰ ਸਤਲੁਜ ਦਰਿਆ ਉੱਤੇ ਬਣੇ ਨਵੇਂ ਪੁਲ ਦਾ ਉਦਘਾਟਨ ਕੀਤਾ ਗਿਆ। ਅਧਿਕਾਰੀਆਂ ਦੇ ਅਨੁਸਾਰ "
           "ਇਸ ਪੁਲ ਨਾਲ ਸ਼ਹਿਰ ਅਤੇ ਜਲੰਧਰ ਵਿਚਕਾਰ ਸਫ਼ਰ ਦਾ ਸਮਾਂ ਲਗਭਗ ਅੱਧਾ ਘੰਟਾ ਘੱਟ ਹੋ ਜਾਵੇਗਾ। ਪੁਲ ਉੱਤੇ ਕਰੀਬ "
           "ਤਿੰਨ ਸੌ ਕਰੋੜ ਰੁਪਏ ਖ਼ਰਚ ਹੋਏ ਹਨ ਅਤੇ ਇਸ ਦਾ ਕੰਮ ਦੋ ਸਾਲ ਪਹਿਲਾਂ ਸ਼ੁਰੂ ਹੋਇਆ ਸੀ। ਵਿਰੋਧੀ ਧਿਰ ਨੇ ਕਿਹਾ "
           "ਕਿ ਸਰਕਾਰ ਨੂੰ ਪਿੰਡਾਂ ਦੀਆਂ ਸੜਕਾਂ ਦੀ ਮੁਰੰਮਤ ਵੱਲ ਵੀ ਧਿਆਨ ਦੇਣਾ ਚਾਹੀਦਾ ਹੈ।")
_HARVEST = ("ਪੰਜਾਬ ਦੇ ਕਈ ਜ਼ਿਲ੍ਹਿਆਂ ਵਿੱਚ ਪਿਛਲੇ ਦੋ ਦਿਨਾਂ ਤੋਂ ਪੈ ਰਹੇ ਮੀਂਹ ਕਾਰਨ ਕਣਕ ਦੀ ਵਾਢੀ ਰੁਕ ਗਈ ਹੈ। "
            "ਕਿਸਾਨਾਂ ਦਾ ਕਹਿਣਾ ਹੈ ਕਿ ਖੇਤਾਂ ਵਿੱਚ ਪਾਣੀ ਖੜ੍ਹਾ ਹੋਣ ਨਾਲ ਫ਼ਸਲ ਦਾ ਭਾਰੀ ਨੁਕਸਾਨ ਹੋ ਸਕਦਾ ਹੈ। ਮੌਸਮ "
            "ਵਿਭਾਗ ਨੇ ਅਗਲੇ ਤਿੰਨ ਦਿਨਾਂ ਲਈ ਹੋਰ ਮੀਂਹ ਦੀ ਚੇਤਾਵਨੀ ਜਾਰੀ ਕੀਤੀ ਹੈ। ਖੇਤੀਬਾੜੀ ਮੰਤਰੀ ਨੇ ਕਿਹਾ ਕਿ "
            "ਨੁਕਸਾਨ ਦਾ ਜਾਇਜ਼ਾ ਲੈਣ ਲਈ ਟੀਮਾਂ ਭੇਜੀਆਂ ਜਾਣਗੀਆਂ ਅਤੇ ਕਿਸਾਨਾਂ ਨੂੰ ਮੁਆਵਜ਼ਾ ਦਿੱਤਾ ਜਾਵੇਗਾ।")
# Heavy rain in Pune, in Marathi (no wordfreq list: its stop list), and in Chennai, in Tamil: both inflected, so
# their commonest words are a smaller share of their terms than English's or Spanish's are of theirs.
_HEAVY_RAIN = {
    "mr": "पुणे शहरात मंगळवारी सकाळी झालेल्या जोरदार पावसामुळे अनेक रस्त्यांवर पाणी साचले आणि वाहतूक कोंडी झाली. "
          "महापालिकेने सांगितले की नाले साफ करण्याचे काम सुरू आहे आणि नागरिकांनी गरज नसल्यास घराबाहेर पडू नये. "
          "हवामान विभागाने पुढील दोन दिवस मुसळधार पावसाचा इशारा दिला आहे. शाळांना आज सुट्टी जाहीर करण्यात आली "
          "असून परीक्षा पुढे ढकलण्यात आल्या आहेत.",
    "ta": "சென்னையில் செவ்வாய்க்கிழமை பெய்த கனமழையால் பல சாலைகளில் தண்ணீர் தேங்கி போக்குவரத்து பாதிக்கப்பட்டது. "
          "மழைநீர் வடிகால்களை சுத்தம் செய்யும் பணி நடைபெற்று வருவதாக மாநகராட்சி அதிகாரிகள் தெரிவித்தனர். அடுத்த "
          "இரண்டு நாட்களுக்கு மிக கனமழை பெய்யக்கூடும் என்று வானிலை ஆய்வு மையம் எச்சரிக்கை விடுத்துள்ளது. "
          "பள்ளிகளுக்கு இன்று விடுமுறை அறிவிக்கப்பட்டுள்ளது, தேர்வுகள் ஒத்திவைக்கப்பட்டுள்ளன.",
}


def test_two_unrelated_punjabi_reports_share_no_rare_terms_through_their_function_words():
    """Judged against English alone, "ਵਿੱਚ" (in), "ਅਤੇ" (and), "ਕਿਹਾ" (said) were among 6 rare terms these two
    shared (a small corpus's function words are in few of its texts)."""
    comparison = compare_documents(Document("bridge", _BRIDGE), Document("harvest", _HARVEST),
                                   ScanSettings(workers=1))
    assert comparison.languages == ("pa", "pa")
    assert comparison.link.scores.rare_terms <= 1
    assert comparison.relation is None


@pytest.mark.parametrize("language", sorted(_HEAVY_RAIN))
def test_a_paragraph_in_a_script_english_does_not_borrow_from_is_named_from_a_small_share(language):
    """The Tamil paragraph has 21% of its terms among Tamil's 300 commonest words, under the quarter asked of a
    language written in Latin letters; Marathi is judged against its stop list (27%)."""
    corpus = Corpus.build([Document(language, _HEAVY_RAIN[language])], ScanSettings(workers=1))
    assert corpus.languages == [language]
    assert corpus.background.languages == ("en", language)


# Two unrelated Korean reports (a new subway line in Seoul; a typhoon reaching Jeju).
_SUBWAY = ("서울시는 화요일 새로운 지하철 노선이 다음 달부터 운행을 시작한다고 발표했다. 시에 따르면 이 노선은 강남과 "
           "김포공항을 연결하며 이동 시간을 약 20분 줄일 것으로 예상된다. 그리고 요금은 기존 노선과 같은 수준으로 "
           "유지된다. 시 관계자는 모든 역에 엘리베이터가 설치되었다고 말했다.")
_TYPHOON = ("기상청은 태풍이 목요일 밤 제주도에 상륙할 것으로 예상된다고 밝혔다. 해안 지역 주민들에게는 대피 준비를 "
            "하라는 경보가 내려졌고 모든 항공편이 취소되었다. 그리고 학교들은 금요일 휴교를 결정했다. 정부는 피해 "
            "복구를 위한 예산을 마련하겠다고 말했다.")


def test_two_unrelated_korean_reports_share_no_rare_terms():
    """wordfreq splits Korean into morphemes: of its list, "모든" (all) and "그리고" (and) stand alone in a text, and
    the words that carry their endings are judged by their stems, "것으로" by 것 (thing) and "말했다" (said) by 말:
    the four rare terms these two shared, two before the stems were read."""
    comparison = compare_documents(Document("subway", _SUBWAY), Document("typhoon", _TYPHOON),
                                   ScanSettings(workers=1))
    assert comparison.languages == ("ko", "ko")
    assert comparison.link.scores.rare_terms == 0
    assert comparison.relation is None


def test_a_korean_word_is_as_common_as_its_stem_and_a_name_stays_rare():
    korean = Background.load(languages=["ko"])
    assert korean.zipf_of("권리를") == korean.zipf_of("권리") >= 4  # the right, with its object particle
    assert korean.zipf_of("말했다") == korean.zipf_of("말")  # said: a stem and two endings (했 + 다)
    assert korean.zipf_of("김민수") == korean.zipf_of("zzqx")  # a name: no listed stem followed by endings
    assert Background.load().zipf_of("권리를") == korean.zipf_of("zzqx")  # a corpus with no Korean text


# Two unrelated reports in Chinese and in Japanese (a new subway line; a typhoon coming ashore), read as
# character bigrams.
_CJK_UNRELATED = {
    "zh": ("上海市政府星期二宣布，一条新的地铁线路将于下个月开始运营。据介绍，这条线路连接浦东机场和市中心，"
           "预计可以把通勤时间缩短大约二十分钟。有关负责人表示，所有车站都已经安装了电梯，票价将保持不变。",
           "国家气象中心表示，台风预计将于星期四晚上在海南登陆。沿海地区的居民被要求做好撤离准备，"
           "所有航班都已经取消。有关部门表示，学校将在星期五停课，政府将拨出资金用于灾后重建。"),
    "ja": ("東京都は火曜日、新しい地下鉄の路線が来月から運行を始めると発表した。都によると、この路線は"
           "羽田空港と都心を結び、移動時間が約二十分短くなる見込みだという。すべての駅にエレベーターが設置されたと"
           "担当者は述べた。",
           "気象庁は、台風が木曜日の夜に沖縄に上陸する見込みだと発表した。沿岸部の住民には避難の準備をするよう"
           "呼びかけられ、すべての航空便が欠航となった。学校は金曜日に休校することを決め、政府は復旧のための"
           "予算を用意すると述べた。"),
}


@pytest.mark.parametrize(("language", "most"), [("zh", 2), ("ja", 6)])
def test_two_unrelated_chinese_or_japanese_reports_share_few_rare_bigrams(language, most):
    """Judged by the corpus alone, these shared 10 (Chinese) and 16 (Japanese) rare bigrams: "政府" (government),
    "表示" (said), "発表" (announced) and "曜日" (weekday) are common words' bigrams.  Those left span two words
    ("将于", "と発"), which a table of words' bigrams cannot know."""
    first, second = _CJK_UNRELATED[language]
    comparison = compare_documents(Document("subway", first), Document("typhoon", second), ScanSettings(workers=1))
    assert comparison.languages == (language, language)
    assert comparison.link.scores.rare_terms <= most
    assert comparison.relation is None
