"""Text captures of pages the project was not built from: one test per class of page furniture,
stamp, byline and headline form (issue 11). Every example is HAND-MADE: invented story lines
arranged the way each kind of page prints them (the class is named in each test), not text
copied from a real page."""

from __future__ import annotations

import hashlib

import pytest

from gsomia_news.clean import clean_page, dateline_date
from gsomia_news.clean.lines import classify
from gsomia_news.clean.rules import rules_for
from gsomia_news.clean.stamps import parse_stamp
from gsomia_news.clean.text import clean_text, is_hard_wrapped
from gsomia_news.models import CleanArticle, CorpusEntry
from gsomia_news.profiles import generic, get, profile_for_url
from gsomia_news.urls import canonical_url, url_date

HEADLINE = "Seoul and Tokyo agree to restart security talks"
LEAD = ("South Korea and Japan agreed on Tuesday to resume a security dialogue that has been frozen "
        "for two years, the foreign ministry in Seoul said.")
SECOND = "The two sides will meet in Tokyo next month to prepare the agenda, officials said."
LAST = "A senior official said the pact on military information would be on the table as well."


def capture(text: str, url: str = "https://news.example.org/world/12345",
            obtained_at: str = "2024-05-01T00:00:00Z") -> CleanArticle:
    """clean_page on a text capture saved for `url`."""
    raw = text.encode("utf-8")
    entry = CorpusEntry(url=url, canonical_url=canonical_url(url), outlet=profile_for_url(url).key,
                        obtained_at=obtained_at, how="ingest", content_type="text/plain",
                        sha256=hashlib.sha256(raw).hexdigest(), size=len(raw), path="x", version=1)
    return clean_page(entry, raw)


def lines_of(*lines: str, outlet: str = "generic"):
    return classify(list(lines), rules_for(outlet))


# ---------------------------------------------------------------- 1. no headline printed


def test_an_excerpt_that_starts_mid_story_has_no_headline_and_keeps_its_first_line() -> None:
    # class: a copied excerpt of the story only, opening with a long body sentence
    article = capture("\n".join([LEAD, SECOND, LAST]))
    assert article.title is None
    assert article.body.split("\n\n") == [LEAD, SECOND, LAST]


def test_no_headline_a_caption_and_byline_above_the_story_are_not_the_headline() -> None:
    # class: a capture that starts at the photo (markdown image remnant, caption in a table
    # cell ending "| "), then the byline, then the story
    text = "\n".join(["![]() |",
                      "The two foreign ministers shake hands before their talks in Seoul, May 2. Example Times file |",
                      "By Han Min-seo", LEAD, SECOND])
    article = capture(text)
    assert article.title is None
    assert article.authors == ["Han Min-seo"]
    assert article.captions and article.captions[0].startswith("The two foreign ministers")
    assert article.body.split("\n\n") == [LEAD, SECOND]


def test_no_headline_a_site_name_above_the_story_is_removed() -> None:
    # class: a site's name or edition label (two words, no sentence) above a headline-less excerpt
    result = lines_of("Newswire Asia", LEAD, SECOND)
    assert result.title is None
    assert result.paragraphs == [LEAD, SECOND]
    assert [r.cls for r in result.removed] == ["pre-story"]


def test_a_one_line_promotion_above_the_headline_does_not_start_the_story() -> None:
    # class: a short promotional sentence printed above the headline
    result = lines_of("Sign up today for our free morning briefing.", HEADLINE, LEAD, SECOND)
    assert result.title == HEADLINE
    assert result.paragraphs == [LEAD, SECOND]


def test_a_caption_printed_twice_is_not_taken_for_the_headline() -> None:
    # class: photo caption printed twice (image alt text and caption), no credit, before the story
    caption = "Foreign ministers of the two countries pose for a photo before their meeting in Seoul on Tuesday."
    result = lines_of(HEADLINE, caption, caption, LEAD, SECOND)
    assert result.title == HEADLINE
    assert result.captions == [caption]
    assert result.paragraphs == [LEAD, SECOND]


def test_a_headline_closing_with_an_abbreviation_is_still_a_headline() -> None:
    # (a headline printed once is taken when it shares a telling word with the story: "dialogue")
    headline = "Seoul weighs security dialogue as pressure mounts from U.S."
    assert lines_of(headline, LEAD, SECOND).title == headline


def test_a_deck_under_the_headline_is_the_subtitle_not_body() -> None:
    # class: headline, then a one-sentence deck without a period, then stamp and story
    deck = "Officials say a date for the first round has not been set yet"
    result = lines_of(HEADLINE, deck, "Posted on : 2024-04-30 10:15 KST", LEAD, SECOND)
    assert result.subtitle == deck
    assert result.paragraphs == [LEAD, SECOND]


# ---------------------------------------------------------------- 2. stamps


def test_korean_labels_left_inside_an_all_caps_headline_line() -> None:
    # class: a broadcaster's English page copied as one line: HEADLINE, program name, 입력/수정 stamps
    text = "\n".join(["SEOUL AND TOKYO TO RESTART SECURITY TALKS Evening News 입력 2024.04.30 (19:02) 수정 2024.04.30 (20:41)",
                      "[Anchor Lead]", LEAD, "[Pkg]", SECOND])
    kbs = capture(text, "https://news.kbs.co.kr/news/view.do?ncd=1234567")
    assert kbs.title == "SEOUL AND TOKYO TO RESTART SECURITY TALKS"
    assert kbs.section == "Evening News"
    assert (kbs.published, kbs.updated) == ("2024-04-30T19:02:00+09:00", "2024-04-30T20:41:00+09:00")
    assert kbs.body.split("\n\n") == [LEAD, SECOND]
    # the same page on a site without a profile: the stamp states no zone, so the day alone
    other = capture(text)
    assert (other.title, other.published, other.updated) == (kbs.title, "2024-04-30", "2024-04-30")


@pytest.mark.parametrize(("line", "published", "updated"), [
    # written and updated on one line, with a separator
    ("Written: 2024-04-30 10:15:02 / Updated: 2024-04-30 11:20:45", "2024-04-30", "2024-04-30"),
    # a space before the colon, time after a dash
    ("Published : Apr. 30, 2024 - 10:15", "2024-04-30", None),
    ("Posted : 2024-04-30 10:15", "2024-04-30", None),
    # zones stated: kept
    ("Posted on : 2024-04-30 10:15 KST Modified on : 2024-04-30 12:00 KST",
     "2024-04-30T10:15:00+09:00", "2024-04-30T12:00:00+09:00"),
    ("Published April 30, 2024 9:05 p.m. (JST)", "2024-04-30T21:05:00+09:00", None),
    ("입력 2024.04.30 (10:15)", "2024-04-30", None),
    # an agency credit with the day
    ("Xinhua, April 30, 2024", "2024-04-30", None),
    ("[April 30, 2024]", "2024-04-30", None),
])
def test_stamp_lines_are_read_and_never_body(line: str, published: str | None, updated: str | None) -> None:
    result = lines_of(HEADLINE, line, LEAD, SECOND)
    assert (result.published, result.updated) == (published, updated)
    assert result.paragraphs == [LEAD, SECOND]
    assert any(r.cls == "stamp" for r in result.removed)


def test_updated_alone_sets_updated_and_leaves_published_null() -> None:
    # class: a broadcaster's mobile page that prints only "Updated: ... KST" (ruling P1)
    article = capture("\n".join(["examplenews mobile", HEADLINE, "Updated: 2024-04-30 07:05:19 KST", LEAD, SECOND]),
                      "http://www.example-tv.org/mobile/News_Detail.asp?nSeq=123456")
    assert article.published is None and article.published_source is None
    assert article.updated == "2024-04-30T07:05:19+09:00"
    assert "Updated" not in article.body


def test_a_bare_date_is_a_stamp_above_a_story_but_not_on_a_page_without_one() -> None:
    # class: a date printed alone between headline and story is the publication day; on a page
    # with no story prose at all (a company register's record, a listing) a bare date is one of
    # its fields ("Effective Date" / "Saturday, July 6, 2024"), not when it was published.
    story = capture("\n".join([HEADLINE, "Monday, April 29, 2024", LEAD, SECOND]))
    assert story.published == "2024-04-29" and story.published_source == "text"
    record = lines_of("New Filings: Example Lawn Care LLC", "Company Name", "Example Lawn Care LLC",
                      "Filing Number", "20240701296", "Effective Date", "Saturday, July 6, 2024",
                      "Type", "Limited Liability Company")
    assert record.published is None
    assert "Saturday, July 6, 2024" in record.paragraphs


def test_a_stamp_line_after_widget_words_is_read_and_removed() -> None:
    # class: comment count, print and e-mail links and the agency's dated credit glued on one line
    result = lines_of(HEADLINE, "3 Comment(s)Print E-mail Xinhua, April 30, 2024", "Adjust font size:", LEAD, SECOND)
    assert result.published == "2024-04-30"
    assert result.paragraphs == [LEAD, SECOND]


def test_a_korean_outlet_profile_fixes_kst_and_the_generic_one_gives_the_day() -> None:
    line = "Posted April. 30, 2024 07:30,"
    assert lines_of(HEADLINE, line, LEAD, outlet="donga").published == "2024-04-30T07:30:00+09:00"
    assert lines_of(HEADLINE, line, LEAD).published == "2024-04-30"
    assert get("donga").timezone == "+09:00" and generic().timezone is None


@pytest.mark.parametrize(("when", "tz", "value"), [
    ("2024-04-30 10:15:02", None, "2024-04-30"),
    ("2024-04-30 10:15:02", "+09:00", "2024-04-30T10:15:02+09:00"),
    ("2024-04-30 10:15 KST", None, "2024-04-30T10:15:00+09:00"),
    ("2024-04-30 01:15 UTC", "+09:00", "2024-04-30T01:15:00+00:00"),  # the stated zone wins; the day is not moved
    ("Apr. 30, 2024 10:15 GMT+9", None, "2024-04-30T10:15:00+09:00"),
    ("2024-04-30T10:15:00+0900", None, "2024-04-30T10:15:00+09:00"),
    ("April 30, 2024", "+09:00", "2024-04-30"),
    ("2024년 4월 30일", None, "2024-04-30"),
    ("Apr. 30", None, None),  # no year: none is guessed
])
def test_parse_stamp_uses_a_zone_only_where_stated_or_fixed(when: str, tz: str | None, value: str | None) -> None:
    assert parse_stamp(when, tz) == value


# ---------------------------------------------------------------- agency datelines (ruling P2)


def test_a_dateline_day_wins_over_an_agency_id_of_the_first_version() -> None:
    # class: a wire story updated the next day; the id keeps the first version's date
    lead = "SEOUL, May 2 (Yonhap) -- " + LEAD
    article = capture("\n".join([HEADLINE, "By Lee Ha-neul", lead, SECOND]),
                      "https://m-en.yna.co.kr/view/AEN20240501004851315")
    assert (article.published, article.published_source) == ("2024-05-02", "text")
    assert article.body.startswith("SEOUL, May 2 (Yonhap) --")  # the dateline is body
    assert article.authors == ["Lee Ha-neul"]


def test_a_dateline_that_agrees_with_the_url_leaves_the_url_as_source() -> None:
    lead = "TOKYO, May 1 (Kyodo) -- " + LEAD
    article = capture("\n".join([HEADLINE, lead, SECOND]), "https://en.yna.co.kr/view/AEN20240501004851315")
    assert (article.published, article.published_source) == ("2024-05-01", "url")


def test_a_dateline_without_a_year_anywhere_gives_no_date() -> None:
    article = capture("\n".join([HEADLINE, "WASHINGTON, May 1 (Yonhap) -- " + LEAD, SECOND]))
    assert article.published is None


@pytest.mark.parametrize(("dateline", "anchor", "value"), [
    ((12, 31), "2020-01-01", "2019-12-31"),  # across the new year
    ((1, 2), "2019-12-31", "2020-01-02"),
    ((5, 2), "2024-05-01", "2024-05-02"),
    ((8, 2), "2024-05-01", None),  # months away from the URL's date: not this story's dateline
    ((5, 2), None, None),
])
def test_dateline_year_is_taken_from_the_url_date(dateline: tuple[int, int], anchor: str | None,
                                                   value: str | None) -> None:
    assert dateline_date(dateline, anchor) == value


# ---------------------------------------------------------------- 3. URL dates


@pytest.mark.parametrize(("url", "value"), [
    ("https://www.example-times.jp/news/2024/04/30/national/politics/talks-resume/", "2024-04-30"),
    ("http://www.example.cn/world/wire/2024-04/30/content_1234567.htm", "2024-04-30"),
    ("https://m-en.yna.co.kr/view/AEN20240430001200315", "2024-04-30"),  # Yonhap ids on every Yonhap host
    ("https://www.example.net/asia/AEN20240430001200315.html", "2024-04-30"),  # Yonhap copy elsewhere
    ("https://www.example.com/en/news/yjj2024043000311/talks-resume.html", "2024-04-30"),  # Jiji ids
    ("https://www.example.co.kr/www/nation/2024/04/120_346790.html", None),  # year and month only
    ("https://www.example.org/2024/02/31/impossible-day/", None),
    ("https://www.example.org/story/12345", None),
])
def test_url_dates_for_any_site(url: str, value: str | None) -> None:
    assert url_date(url, profile_for_url(url)) == value


def test_a_url_date_after_the_page_was_obtained_is_no_date() -> None:
    from datetime import date
    url = "https://www.example-times.jp/news/2030/01/02/national/later/"
    assert url_date(url, generic(), latest=date(2024, 5, 1)) is None
    assert url_date(url, generic()) == "2030-01-02"


def test_every_yonhap_host_is_the_yonhap_profile() -> None:
    for host in ("en.yna.co.kr", "m-en.yna.co.kr"):
        assert profile_for_url(f"https://{host}/view/AEN20240430001200315").key == "yonhap"


# ---------------------------------------------------------------- 6. generic furniture


@pytest.mark.parametrize(("line", "cls"), [
    ("Send a link to a friend", "widget"),
    ("• Link copied", "widget"),
    ("Print E-mail Bookmark and Share", "widget"),
    ("Go to Forum >>2 Comment(s)", "widget"),
    ("Adjust font size:", "widget"),
    ("Examplenews App Download", "widget"),
    ("[Anchor Lead]", "marker"),
    ("[Pkg]", "marker"),
    ("Reporter :", "marker"),
    ("[ Closing ]", "marker"),
    ("No comments.", "comment"),
    ("Add your comments...", "comment"),
    ("• User Name Required", "comment"),
    ("Enter the words you see:", "comment"),
    ("Offensive and off-topic comments may be removed by the moderator.", "comment"),
    ("Follow Example News on Twitter and Facebook to join the conversation.", "share"),
    ("• Kyodo", "credit"),
    ("![](https://img.example.org/a.jpg)", "media"),
    ("We and our partners use cookies to personalise content and to measure your browsing experience.", "cookie"),
])
def test_generic_furniture_by_its_class(line: str, cls: str) -> None:
    result = lines_of(HEADLINE, line, LEAD, SECOND)
    assert result.paragraphs == [LEAD, SECOND], line
    assert [r.cls for r in result.removed if r.text == line.strip() or r.text == line.strip(" •")] == [cls]


@pytest.mark.parametrize("line", [
    "Share prices of defense companies fell after the announcement, traders said.",
    "Reporters were told the talks would continue on Wednesday.",
    "[Soundbite] Park Ji-ho (Foreign Ministry official) : \"We will keep talking.\"",
    "Anchor: The two countries have agreed to restart their security talks.",
    "Comments from Tokyo were cautious, with one official calling the step a good start.",
    "Print and broadcast media in both countries welcomed the move.",
])
def test_story_lines_with_widget_or_marker_words_are_kept(line: str) -> None:
    result = lines_of(HEADLINE, LEAD, line, SECOND)
    assert result.paragraphs == [LEAD, line, SECOND]


def test_an_agency_end_mark_closing_the_last_paragraph_ends_the_story() -> None:
    # class: wire copy whose last paragraph ends "... Enditem", followed by the site's widgets
    result = lines_of(HEADLINE, LEAD, SECOND + " Enditem", "Related stories to read next", "Share this page")
    assert result.paragraphs == [LEAD, SECOND]
    assert [r.cls for r in result.removed][-3:] == ["end", "after-end", "after-end"]


# ---------------------------------------------------------------- 8. bylines in other forms


def test_byline_outlet_credit_and_stamp_on_one_line() -> None:
    # class: "By NAME SURNAME | OUTLET Published: ..." with the name in capitals
    result = lines_of(HEADLINE, "By PARK MIN-JUN | Example Herald Published: April 30, 2024", LEAD, SECOND)
    assert result.authors == ["Park Min-jun"]
    assert result.published == "2024-04-30"
    assert result.paragraphs == [LEAD, SECOND]


def test_a_byline_with_an_agency_credit_only_gives_no_author() -> None:
    result = lines_of(HEADLINE, "By Yonhap", "Published : Apr. 30, 2024 - 10:15", LEAD, SECOND)
    assert result.authors == []
    assert result.paragraphs == [LEAD, SECOND]
    joint = lines_of(HEADLINE, "By Kim Ye-jin | AP", LEAD)
    assert joint.authors == ["Kim Ye-jin"]


@pytest.mark.parametrize("line", ["Choi Seo-yeon, staff reporter", "By Choi Seo-yeon, Senior Writer",
                                  "Choi Seo-yeon Diplomatic Correspondent"])
def test_name_and_role_bylines(line: str) -> None:
    result = lines_of(HEADLINE, line, LEAD, SECOND)
    assert result.authors == ["Choi Seo-yeon"]
    assert result.paragraphs == [LEAD, SECOND]


def test_a_columnists_name_alone_next_to_a_short_bio() -> None:
    # class: an opinion column closing with the writer's name on its own line and a one-line bio
    bio = "Jang Hye-rin is a professor of international relations at an example university in Seoul."
    result = lines_of(HEADLINE, LEAD, SECOND, "Jang Hye-rin", bio)
    assert result.authors == ["Jang Hye-rin"]
    assert result.paragraphs == [LEAD, SECOND]
    above = lines_of(HEADLINE, "Jang Hye-rin", bio, LEAD, SECOND)
    assert above.authors == ["Jang Hye-rin"] and above.paragraphs == [LEAD, SECOND]


def test_a_name_without_a_bio_is_not_an_author() -> None:
    result = lines_of(HEADLINE, LEAD, "Jang Hye-rin", SECOND)
    assert result.authors == []


# ---------------------------------------------------------------- hard-wrapped captures


WRAPPED = """SEOUL, South Korea (Example Wire) - South Korea's foreign ministry
said on Tuesday it would resume security talks with Japan next month,
ending a two-year freeze that began with a dispute over export curbs.
The ministry said the first round would be held in Tokyo and would
cover the sharing of military information. Officials in Tokyo said
they welcomed the step.
The two countries last held such talks in the spring of 2022, before
relations soured again over wartime labor rulings."""


def test_a_hard_wrapped_capture_is_joined_into_paragraphs() -> None:
    result = clean_text(HEADLINE + "\n" + WRAPPED, rules_for("generic"))
    assert result.paragraphs[0].startswith("SEOUL, South Korea (Example Wire) - South Korea's foreign ministry said on")
    assert "Officials in Tokyo said they welcomed the step." in result.paragraphs[0]
    assert result.paragraphs[1] == ("The two countries last held such talks in the spring of 2022, before "
                                    "relations soured again over wartime labor rulings.")


def test_a_capture_of_one_paragraph_per_line_is_not_rejoined() -> None:
    assert not is_hard_wrapped([LEAD, SECOND, LAST, LEAD, SECOND, LAST])
    result = clean_text("\n".join([HEADLINE, LEAD, SECOND, LAST]), rules_for("generic"))
    assert result.paragraphs == [LEAD, SECOND, LAST]


# ---------------------------------------------------------------- more stamp and credit forms


@pytest.mark.parametrize(("outlet", "line", "published", "updated"), [
    # the time printed before the day, with a zone after it
    ("generic", "Published 12:14 AM GMT+9, April 30, 2024", "2024-04-30T00:14:00+09:00", None),
    # a section label and the time before the day, no label: a date line
    ("yonhap", "All News 14:59 April 30, 2024", "2024-04-30T14:59:00+09:00", None),
    # day-month-year with the time after a comma
    ("korea-joongang-daily", "Published: 30 Apr. 2024, 17:07 Updated: 30 Apr. 2024, 17:48",
     "2024-04-30T17:07:00+09:00", "2024-04-30T17:48:00+09:00"),
    # a wire's source, stamp and editor credit between bars
    ("generic", "Source: Xinhua| 2024-04-30 17:09:47|Editor: huaxia", "2024-04-30", None),
])
def test_more_stamp_forms(outlet: str, line: str, published: str, updated: str | None) -> None:
    result = lines_of(HEADLINE, line, LEAD, SECOND, outlet=outlet)
    assert (result.published, result.updated) == (published, updated)
    assert result.paragraphs == [LEAD, SECOND]


@pytest.mark.parametrize(("line", "authors", "kept"), [
    # a wire's closing credit names the reporters, not the editors
    ("(Reporting by Lee Ha-neul and Park Min-jun in Seoul; Editing by Tom Example)", ["Lee Ha-neul", "Park Min-jun"], None),
    # a broadcast hand-over after the anchor's lead, and a reporter's sign-off
    ("Anchor: The two sides meet in Tokyo next month. Kim Min-ji has more.", ["Kim Min-ji"],
     "Anchor: The two sides meet in Tokyo next month."),
    ("Our correspondent Kim Min-ji reports from Tokyo.", ["Kim Min-ji"], None),
    ("Kim Min-ji, Example TV News.", ["Kim Min-ji"], None),
    # story sentences that end the same way are kept whole
    ("Seoul is expected to keep the pact, the Example Shimbun reports.", [],
     "Seoul is expected to keep the pact, the Example Shimbun reports."),
    ("The pact expires on Saturday. Kyodo News reports.", [], "The pact expires on Saturday. Kyodo News reports."),
])
def test_closing_credits_and_broadcast_sign_offs(line: str, authors: list[str], kept: str | None) -> None:
    result = lines_of(HEADLINE, LEAD, line, SECOND)
    assert result.authors == authors
    assert result.paragraphs == [LEAD, *([kept] if kept else []), SECOND]


@pytest.mark.parametrize(("line", "cls"), [
    ("Please direct questions or comments to [desk@example.co.kr]", "contact"),
    ("Editor: Example Desk", "credit"),
    ("(Editing by Tom Example)", "credit"),
])
def test_trailer_credits_are_removed(line: str, cls: str) -> None:
    result = lines_of(HEADLINE, LEAD, SECOND, line)
    assert result.paragraphs == [LEAD, SECOND]
    assert result.removed[-1].cls == cls


def test_a_bracketed_copyright_line_ends_the_story() -> None:
    result = lines_of(HEADLINE, LEAD, SECOND, "[Copyright The Example Press, Ltd.]", "More from this section")
    assert result.paragraphs == [LEAD, SECOND]
    assert [r.cls for r in result.removed][-2:] == ["end", "after-end"]


def test_the_title_form_with_a_site_name_above_the_headline() -> None:
    # class: a capture that starts with the page's <title> ("HEADLINE | SITE"), then the headline
    result = lines_of(f"{HEADLINE} | Example Daily News", "Home", HEADLINE, LEAD, SECOND)
    assert result.title == HEADLINE
    assert result.subtitle is None
    assert result.paragraphs == [LEAD, SECOND]


def test_a_lower_case_site_name_under_a_short_promotion_is_not_a_wrapped_story() -> None:
    # class: a promotion, then the site's lower-case name, then headline, stamp and story
    result = lines_of("Get our free newsletter every morning.", "examplenews mobile", HEADLINE,
                      "Updated: 2024-04-30 07:05:19 KST", LEAD, SECOND)
    assert result.title == HEADLINE
    assert result.paragraphs == [LEAD, SECOND]
