"""Named officials: one focused case per rule of issue 5 (sentences written for the case,
expected values by reading them)."""

from __future__ import annotations

import pytest

from gsomia_news.extract.nlp import load_nlp
from gsomia_news.extract.officials import find_officials, person_id
from gsomia_news.models import ArticleOfficial
from gsomia_news.load.registry import Sighting, build_registry


def officials(body: str, authors: list[str] | None = None, home: str | None = "KR",
              captions: list[str] | None = None) -> dict[str, ArticleOfficial]:
    nlp = load_nlp()
    found = find_officials(body, nlp(body), captions or [], authors or [], home)
    for official in found:
        for mention in official.mentions:
            assert body[mention.start:mention.end] == mention.text
    return {o.name: o for o in found}


@pytest.mark.parametrize(
    ("body", "name", "title", "country"),
    [
        ("South Korean Defense Minister Jeong Kyeong-doo met his counterpart on Sunday.",
         "Jeong Kyeong-doo", "Defense Minister", "KR"),
        ("U.S. Secretary of Defense Mark Esper arrived in Seoul on Thursday.",
         "Mark Esper", "Secretary of Defense", "US"),
        ("Japan's chief cabinet secretary Yoshihide Suga told reporters the decision was regrettable.",
         "Yoshihide Suga", "Chief Cabinet Secretary", "JP"),
        ("Tokyo's top diplomat Taro Kono called the move extremely regrettable.",
         "Taro Kono", "Foreign Minister", "JP"),
        ("Pyongyang's Foreign Minister Ri Yong-ho did not comment on the pact.",
         "Ri Yong-ho", "Foreign Minister", "KP"),
        ("Beijing's Foreign Ministry spokesman Geng Shuang said China was watching closely.",
         "Geng Shuang", "Spokesman", "CN"),
        ("Washington's envoy Stephen Biegun arrived in Seoul on Wednesday.",
         "Stephen Biegun", "Envoy", "US"),
    ],
)
def test_title_in_front_gives_title_and_country(body: str, name: str, title: str, country: str) -> None:
    found = officials(body)
    assert name in found, found.keys()
    assert found[name].title == title
    assert found[name].country == country


def test_title_in_apposition() -> None:
    body = ("\"We decided to suspend the termination,\" said Kim Yu-geun, first deputy director of the "
            "Blue House National Security Office. Joseph Young, the acting ambassador of the U.S. to Japan, "
            "said the decision was welcome.")
    found = officials(body)
    kim, young = found["Kim Yu-geun"], found["Joseph Young"]
    assert (kim.title, kim.org, kim.country) == ("First Deputy Director", "Blue House National Security Office", "KR")
    assert (young.title, young.country) == ("Acting Ambassador to Japan", "US")


def test_title_in_sound_bite_brackets() -> None:
    body = ("[Sound bite: Rep. Eliot Engel - U.S. House Foreign Affairs Committee Chair]\n\n"
            "\"We can't afford to be fighting amongst ourselves.\"")
    engel = officials(body)["Eliot Engel"]
    assert (engel.title, engel.org, engel.country) == ("Chair", "House Foreign Affairs Committee", "US")
    assert [m.text for m in engel.mentions] == ["Eliot Engel"]


@pytest.mark.parametrize(
    ("body", "name", "title"),
    [
        ("Rep. Eliot Engel met floor leaders in Seoul.", "Eliot Engel", "Representative"),
        ("Sen. Cory Gardner urged both allies to keep the pact.", "Cory Gardner", "Senator"),
        ("Gen. Robert Abrams said the pact matters for the alliance.", "Robert Abrams", "General"),
    ],
)
def test_honorific_abbreviations(body: str, name: str, title: str) -> None:
    assert officials(body, home=None)[name].title == title


def test_hyphenated_korean_given_names_are_kept_whole() -> None:
    body = "President Moon Jae-in on Thursday decided to withdraw. Later, Moon said trust was the issue."
    moon = officials(body)["Moon Jae-in"]
    assert moon.title == "President" and moon.country == "KR"
    assert [m.text for m in moon.mentions] == ["Moon Jae-in", "Moon"]


def test_all_caps_names_are_people() -> None:
    body = ("KIM YOU-GEUN(CHEONG WA DAE NATIONAL SECURITY OFFICE FIRST DEPUTY DIRECTOR) announces the "
            "decision.\n\nFirst deputy director Kim You-geun said the decision was final.")
    found = officials(body)
    assert list(found) == ["Kim You-geun"]
    assert [m.text for m in found["Kim You-geun"].mentions] == ["KIM YOU-GEUN", "Kim You-geun"]


@pytest.mark.parametrize("label", [
    "[Soundbite] Han Min-su(Vice Unification Minister) :",
    "[Soundbite] Han Min-su (Vice Unification Minister) :",
    "Han Min-su(Vice Unification Minister) :",
])
def test_a_mixed_case_sound_bite_label_names_the_official(label: str) -> None:
    # KBS prints its TV sound bites as "[Soundbite] NAME(Role) :" at a paragraph's start; the
    # NER sees a label, not a sentence, and may give the name no PERSON span.
    body = ("South Korea said on Tuesday it had restored the pact in full.\n\n"
            f"{label} \"The pact serves both countries.\"\n\nOfficials in Tokyo welcomed the step.")
    han = officials(body)["Han Min-su"]
    assert (han.title, han.org, han.country) == ("Vice Unification Minister", "Ministry of Unification", "KR")


@pytest.mark.parametrize("label", [
    "[Interview] Kim Min-ji(Seoul resident) :",  # a bracketed role that names no office
    "[Soundbite] Cheong Wa Dae(presidential office) :",  # an organization, not a name
])
def test_a_sound_bite_label_without_an_officials_name_adds_no_one(label: str) -> None:
    body = f"South Korea restored the pact in full.\n\n{label} \"It was time.\"\n\nTokyo welcomed it."
    assert officials(body) == {}


def test_country_from_organization() -> None:
    body = ("Cheong Wa Dae spokeswoman Ko Min-jung said the talks went well. State Department "
            "spokesperson Morgan Ortagus said the same day that Washington was disappointed.")
    found = officials(body, home=None)
    assert found["Ko Min-jung"].country == "KR"
    assert found["Morgan Ortagus"].country == "US"


def test_family_first_and_given_first_japanese_names_are_one_person() -> None:
    assert person_id("Kono Taro") == person_id("Taro Kono")
    assert person_id("Moon Jae-in") != person_id("Moon Chung-in")


def test_reporters_and_experts_are_not_officials() -> None:
    body = ("Defense Minister Jeong Kyeong-doo said the pact would end. \"It is a mistake,\" said "
            "Park Won-gon, a professor of international studies at Handong Global University. "
            "Asan Institute President Choi Kang said Seoul had few options. Kim Bum-soo reported from Seoul.")
    found = officials(body, authors=["Kim Bum-soo"])
    assert list(found) == ["Jeong Kyeong-doo"]


def test_shared_family_name_resolved_only_when_unambiguous() -> None:
    body = ("Kim Yu-geun, first deputy director of the National Security Office, announced the decision.\n\n"
            "That same day, second deputy national security adviser Kim Hyun-chong issued a condemnation.\n\n"
            "\"The government will take comprehensive measures,\" Kim said.\n\n"
            "Kim Yu-geun and Kim Hyun-chong met U.S. officials later.\n\n"
            "Kim said the meeting went well.")
    found = officials(body)
    hyun = [m.text for m in found["Kim Hyun-chong"].mentions]
    yu = [m.text for m in found["Kim Yu-geun"].mentions]
    # paragraph 3's "Kim" follows a paragraph naming only Kim Hyun-chong; paragraph 5's follows one naming both
    assert hyun == ["Kim Hyun-chong", "Kim", "Kim Hyun-chong"]
    assert yu == ["Kim Yu-geun", "Kim Yu-geun"]


def test_titles_from_captions_when_the_body_has_none() -> None:
    body = "But he admitted his meeting with Japanese counterpart Taro Kono produced no visible outcome."
    captions = ["Japanese Defense Minister Taro Kono arrives at the meeting in Bangkok. Yonhap"]
    kono = officials(body, captions=captions)["Taro Kono"]
    assert (kono.title, kono.country) == ("Defense Minister", "JP")


def test_a_bare_surname_before_the_titled_one_does_not_hide_it() -> None:
    # "the Gil administration" (no title, not in the KB) comes first; "President Gil" later
    # is still read, with the full name the caption prints.
    body = ("The report came days after the Gil administration drew up a plan on wartime labor.\n\n"
            "Since taking office in May, President Gil has worked to mend ties with Tokyo.")
    captions = ["Gil Do-yun shakes hands with a Japanese envoy during their meeting in Seoul. Example Times file"]
    gil = officials(body, captions=captions)["Gil Do-yun"]
    assert (gil.title, gil.country) == ("President", "KR")
    assert [m.text for m in gil.mentions] == ["Gil", "Gil"]


@pytest.mark.parametrize("caption", [
    "KONO TARO, Japan's defense minister, arrives in Bangkok on Sunday.",  # ALL CAPS, other order
    "Kono Taro, Japan's defense minister, arrives in Bangkok on Sunday.",  # family name first
])
def test_caption_names_found_in_any_case_and_order(caption: str) -> None:
    body = "But he admitted his meeting with Japanese counterpart Taro Kono produced no visible outcome."
    kono = officials(body, captions=[caption])["Taro Kono"]
    assert (kono.title, kono.country) == ("Defense Minister", "JP")


def test_caption_roles_only_for_people_the_body_names() -> None:
    # (a private person: "Park Ji-won" would now be the KB's NIS director Park Jie-won)
    body = "Han Ji-soo met Taro Kono in Seoul, where they talked about trade."
    captions = ["Japanese Defense Minister Taro Kono and Foreign Minister Kang Kyung-wha in a park."]
    found = officials(body, captions=captions)
    assert set(found) == {"Taro Kono"}  # Kang Kyung-wha is named only in the caption


def test_registry_keeps_roles_over_time() -> None:
    august = ArticleOfficial(id=person_id("Taro Kono"), name="Taro Kono", title="Foreign Minister",
                             org="Ministry of Foreign Affairs", country="JP", mentions=[])
    november = ArticleOfficial(id=person_id("Kono Taro"), name="Kono Taro", title="Defense Minister",
                               org="Ministry of Defense", country="JP", mentions=[])
    (person,) = build_registry([Sighting("a:1", "2019-08-02", (august,)),
                                Sighting("a:2", "2019-11-17", (november,)),
                                Sighting("a:3", "2019-11-22", (november,))])
    assert sorted(person.variants) == ["Kono Taro", "Taro Kono"]
    assert [(r.title, r.first_date, r.last_date, r.article_ids) for r in person.roles] == [
        ("Foreign Minister", "2019-08-02", "2019-08-02", ["a:1"]),
        ("Defense Minister", "2019-11-17", "2019-11-22", ["a:2", "a:3"]),
    ]
    assert person.merges and "order" in person.merges[0].reason


def test_romanization_variants_merge_only_with_the_same_role() -> None:
    def official(name: str, title: str, org: str | None) -> ArticleOfficial:
        return ArticleOfficial(id=person_id(name), name=name, title=title, org=org, country="KR", mentions=[])

    people = build_registry([
        Sighting("a:1", "2019-08-22", (official("Kim Yu-geun", "First Deputy Director", "National Security Office"),)),
        Sighting("a:2", "2019-11-22", (official("Kim You-geun", "First Deputy Director", "National Security Office"),)),
        Sighting("a:3", "2019-11-17", (official("Jeong Kyeong-doo", "Defense Minister", "Ministry of National Defense"),)),
        Sighting("a:4", "2019-11-18", (official("Jung Kyung-doo", "Lawmaker", None),)),
    ])
    by_name = {p.name: p for p in people}
    assert len(people) == 3
    merged = [p for p in people if len(p.variants) == 2]
    assert len(merged) == 1 and sorted(merged[0].variants) == ["Kim You-geun", "Kim Yu-geun"]
    assert "First Deputy Director" in merged[0].merges[0].reason
    assert "Jung Kyung-doo" in by_name and "Jeong Kyeong-doo" in by_name


def _quotes(body: str) -> list[tuple[str, str]]:
    from gsomia_news.extract.quotes import find_quotes

    nlp = load_nlp()
    found = find_officials(body, nlp(body), [], [], "KR")
    quotes = find_quotes(body, found)
    for quote in quotes:
        assert body[quote.start:quote.end] == quote.text
    return [(q.speaker, q.text) for q in quotes]


def test_quotes_attributed_after_before_and_by_pronoun() -> None:
    body = ("Defense Minister Jeong Kyeong-doo met U.S. Secretary of Defense Mark Esper on Sunday.\n\n"
            "\"The pact is a symbol of the alliance,\" Jeong said.\n\n"
            "Esper said, \"We need to move forward together as partners.\"\n\n"
            "\"Only Pyongyang and Beijing benefit from this friction,\" he said.\n\n"
            "\"It is regrettable,\" a ministry official said on condition of anonymity.")
    assert _quotes(body) == [
        ("jeong-kyeong-doo", "The pact is a symbol of the alliance"),
        ("esper-mark", "We need to move forward together as partners"),
        ("esper-mark", "Only Pyongyang and Beijing benefit from this friction"),
    ]


def test_pronoun_with_two_candidates_gets_no_speaker() -> None:
    body = ("Foreign Minister Kang Kyung-wha met Japanese Foreign Minister Toshimitsu Motegi.\n\n"
            "\"We discussed the export curbs at length,\" she said.")
    assert _quotes(body) == []


def test_sound_bite_label_names_the_speaker() -> None:
    body = ("[Sound bite: Rep. Eliot Engel - U.S. House Foreign Affairs Committee Chair]\n\n"
            "\"We can't afford to be fighting amongst ourselves.\"")
    assert _quotes(body) == [("engel-eliot", "We can't afford to be fighting amongst ourselves")]


def test_a_label_in_the_quotes_own_paragraph_names_the_speaker() -> None:
    body = ("Seoul restored the pact in full on Tuesday.\n\n"
            "[Soundbite] Han Min-su(Vice Unification Minister) : \"The pact serves both countries.\"")
    assert _quotes(body) == [("han-min-su", "The pact serves both countries")]


@pytest.mark.parametrize(("published", "title", "country"), [
    ("2019-11-22", "Prime Minister", "JP"),   # in office (second term)
    ("2007-05-01", "Prime Minister", "JP"),   # in office (first term)
    ("2021-06-01", None, "JP"),               # out of office: no title; the KB still knows the country
    (None, "Prime Minister", "JP"),           # undated article: every term in the KB is the same office
])
def test_head_of_government_from_terms_of_office(published: str | None, title: str | None, country: str | None) -> None:
    body = "After the court ruling, the Shinzo Abe government toughened trade control measures."
    nlp = load_nlp()
    (abe,) = find_officials(body, nlp(body), [], [], "KR", published)
    assert (abe.name, abe.title, abe.country) == ("Shinzo Abe", title, country)


def test_trump_terms_are_dated() -> None:
    body = "The move was seen as the Donald Trump administration's policy to contain China."
    nlp = load_nlp()
    (first,) = find_officials(body, nlp(body), [], [], "KR", "2020-02-19")
    (between,) = find_officials(body, nlp(body), [], [], "KR", "2023-06-01")
    assert (first.title, first.country) == ("President", "US")
    assert (between.title, between.country) == (None, "US")  # between terms: no title, still the US
    assert first.kb_id == between.kb_id == "us-donald-trump"


def test_organization_made_specific_by_the_title() -> None:
    body = ("That same day, the Blue House's second deputy national security adviser Kim Hyun-chong spoke. "
            "David Stilwell, Assistant Secretary of State for the Bureau of East Asian and Pacific Affairs, "
            "met him.")
    found = officials(body)
    assert found["Kim Hyun-chong"].org == "Blue House National Security Office"
    assert found["David Stilwell"].org == "State Department Bureau of East Asian and Pacific Affairs"
    assert found["David Stilwell"].country == "US"


def test_the_minister_resolved_only_when_safe() -> None:
    one = ("Defense Minister Jeong Kyeong-doo spoke in Bangkok on Sunday.\n\n"
           "\"Washington is pressuring Japan as well,\" the minister told reporters.")
    jeong = officials(one)["Jeong Kyeong-doo"]
    assert [m.text for m in jeong.mentions] == ["Jeong Kyeong-doo", "the minister"]
    two = ("Foreign Minister Kang Kyung-wha met Japanese Foreign Minister Toshimitsu Motegi.\n\n"
           "The foreign minister said talks would continue.")
    found = officials(two)
    assert all(m.text != "The foreign minister" for o in found.values() for m in o.mentions)
    before = ("The minister said the pact would end.\n\nLater, Defense Minister Jeong Kyeong-doo spoke.")
    assert [m.text for m in officials(before)["Jeong Kyeong-doo"].mentions] == ["Jeong Kyeong-doo"]
