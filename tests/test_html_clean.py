"""HTML cleaning (issue 11): the publication-date chain, metadata checks, the headline, crashes.

Pages are the hand-made fixtures in tests/fixtures/html/ (each says in its header what it
imitates); a few rules are checked on their own with small inline snippets.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from htmldate import find_date
from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURES, read_articles
from gsomia_news.build import build
from gsomia_news.cli import main
from gsomia_news.clean import clean_page
from gsomia_news.clean.chunks import later_chunks
from gsomia_news.clean.html import _pick_title, node_lines, parse, strip_site_name
from gsomia_news.clean.htmldates import (HtmlDates, Printed, choose_published, metadata_value, plausible, printed_date,
                                         says_month_first)
from gsomia_news.clean.lines import classify
from gsomia_news.clean.rules import rules_for
from gsomia_news.models import CleanArticle, CorpusEntry
from gsomia_news.profiles import get, profile_for_url
from gsomia_news.settings import BuildOptions
from gsomia_news.urls import canonical_url

HTML = FIXTURES / "html"
OBTAINED = "2026-01-01T00:00:00Z"


def clean(page: str | Path, url: str, obtained_at: str = OBTAINED) -> CleanArticle:
    """clean_page on HTML (a fixture path or a string) as an ingested page with `url`."""
    raw = page.read_bytes() if isinstance(page, Path) else page.encode("utf-8")
    entry = CorpusEntry(url=url, canonical_url=canonical_url(url), outlet=profile_for_url(url).key,
                        obtained_at=obtained_at, how="ingest", content_type="text/html",
                        sha256=hashlib.sha256(raw).hexdigest(), size=len(raw), path="x", version=1)
    return clean_page(entry, raw)


# ---------------------------------------------------------------- crashes (class 5)


def test_a_php_processing_instruction_does_not_kill_the_page() -> None:
    html = (HTML / "generic.php-leftover.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    assert any(n.tag is None for n in tree.root.traverse(include_text=False))  # what used to crash
    assert node_lines(parse(html).body)  # and no longer does, on any tree
    article = clean(HTML / "generic.php-leftover.html", "https://peninsula.example/politics/pact-alive")
    assert article.title == "Seoul and Tokyo keep intelligence pact alive"
    assert article.authors == ["Min Seo-yeon"]
    assert article.body.startswith("South Korea on Friday suspended")
    assert article.body.endswith("officials in Tokyo said.")
    assert "php" not in article.body and "the_post_thumbnail" not in article.body
    assert (article.published, article.published_source) == ("2019-11-22T21:40:00+09:00", "html-meta")


# ---------------------------------------------------------------- metadata checks (class 4)


def test_placeholder_and_impossible_metadata_dates_are_rejected() -> None:
    article = clean(HTML / "generic.placeholder-dates.html", "https://news.example.net/world/defense-chiefs-meet")
    # 0001-01-01, 1970-01-01, 0000-00-00 and 2999-12-31 (after the page was obtained): none is a date
    assert article.published is None and article.published_source is None
    assert article.updated is None
    assert article.body.startswith("The defense ministers of South Korea and Japan met in Bangkok")


def test_a_placeholder_date_page_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    pages = [HTML / "generic.placeholder-dates.html", HTML / "generic.php-leftover.html"]
    urls = ["https://news.example.net/world/defense-chiefs-meet", "https://peninsula.example/politics/pact-alive"]
    args = ["ingest", *map(str, pages)]
    for url in urls:
        args += ["--url", url]
    assert main([*args, "--corpus", str(corpus)]) == 0
    result = build(BuildOptions(corpus=corpus, out=tmp_path / "build", progress=False))
    assert result.exit_code == 0, result.manifest.failures
    by_url = {a["raw"]["url"]: a for a in read_articles(result.path)}
    assert by_url[urls[0]]["published"] is None
    assert all(d["value"] is None for d in by_url[urls[0]]["dates"] if d["kind"] == "relative")
    assert by_url[urls[1]]["published_date"] == "2019-11-22"


@pytest.mark.parametrize("raw, want", [
    ("2020-02-02T14:38:53", "2020-02-02"),  # no offset stated: the day, no zone invented
    ("2020-02-02T14:38:53Z", "2020-02-02T14:38:53+00:00"),
    ("2019-11-23T10:05:00+0900", "2019-11-23T10:05:00+09:00"),
    ("2019-11-23", "2019-11-23"),
    ("0001-01-01T00:00:00-05:00", "0001-01-01T00:00:00-05:00"),  # parsed; `plausible` rejects it
    ("yesterday", None),
    ("", None),
])
def test_metadata_values_keep_the_stated_offset_only(raw: str, want: str | None) -> None:
    assert metadata_value(raw) == want


def test_plausible_dates_are_between_the_webs_start_and_the_day_obtained() -> None:
    latest = date(2026, 1, 2)
    assert plausible("2019-11-23T10:05:00+09:00", latest) == "2019-11-23T10:05:00+09:00"
    for value in ("0001-01-01T00:00:00-05:00", "1970-01-01T00:00:00+00:00", "2026-01-03", "9999-12-31", "x"):
        assert plausible(value, latest) is None


# ---------------------------------------------------------------- local day and zones (class 4)


def test_a_utc_timestamp_does_not_move_the_printed_local_day() -> None:
    page = HTML / "generic.utc-metadata-local-day.html"
    url = "https://www.valleycourier.example/local/transit-plan"
    assert find_date(page.read_text(encoding="utf-8"), extensive_search=False) == "2023-11-09"  # the UTC day
    article = clean(page, url)
    assert (article.published, article.published_source) == ("2023-11-08", "text")
    assert article.title == "Council approves new transit plan"
    assert article.authors == ["Dana Whitfield"]
    assert "November 8, 2023" not in article.body and "City budget hearing set" not in article.body


def test_without_a_printed_day_the_urls_day_beats_a_utc_timestamp_one_day_off() -> None:
    html = (HTML / "generic.utc-metadata-local-day.html").read_text(encoding="utf-8")
    html = html.replace('<div class="time">November 8, 2023 at 5:49 p.m.</div>', "")
    article = clean(html, "https://www.valleycourier.example/2023/11/08/transit-plan/")
    assert (article.published, article.published_source) == ("2023-11-08", "url")


def test_a_timestamp_with_a_stated_offset_is_kept_when_it_falls_on_the_printed_day() -> None:
    html = (HTML / "generic.utc-metadata-local-day.html").read_text(encoding="utf-8")
    html = html.replace("2023-11-09T01:49:09+00:00", "2023-11-08T17:49:09-08:00")
    article = clean(html, "https://www.valleycourier.example/local/transit-plan")
    assert (article.published, article.published_source) == ("2023-11-08T17:49:09-08:00", "html-meta")


def test_the_generic_profile_gives_a_printed_date_no_zone() -> None:
    article = clean(HTML / "generic.printed-date-header.html", "https://www.nachrichten.example/inland/datenleck-101.html")
    assert article.published == "2020-04-28" and article.published_source == "text"


# ---------------------------------------------------------------- not the publication date (class 4)


def test_a_masthead_today_date_and_related_list_dates_are_not_the_publication_date() -> None:
    page = HTML / "generic.masthead-today-related.html"
    # htmldate alone takes the masthead's "today" (its first date-classed element)
    assert find_date(page.read_text(encoding="utf-8"), extensive_search=False, original_date=True) == "2022-01-21"
    article = clean(page, "https://www.handwerk-heute.example/themen/friseurbesuch")
    assert article.published is None
    assert article.body.startswith("Die Landesregierungen haben neue Corona-Schutzverordnungen erlassen, die")
    for junk in ("Freitag, 21. Januar 2022", "Lesen Sie auch", "Neue Regeln für Betriebe", "14. Januar 2022"):
        assert junk not in article.body


def test_the_article_headers_printed_date_beats_a_later_meta_date() -> None:
    page = HTML / "generic.printed-date-header.html"
    assert find_date(page.read_text(encoding="utf-8"), extensive_search=False, original_date=True) == "2020-04-29"
    article = clean(page, "https://www.nachrichten.example/inland/datenleck-101.html")
    assert (article.published, article.published_source) == ("2020-04-28", "text")
    assert "Stand:" not in article.body  # the stamp line is metadata, not story
    assert "Cyberangriffe" not in article.body
    assert article.body.startswith("Interne Unterlagen eines deutschen Rüstungskonzerns")


@pytest.mark.parametrize("lines, want", [
    (["Von Anna Beispiel", "Stand: 28.04.2020 18:00 Uhr"], "2020-04-28"),
    (["Erschienen am:", "13.10.2021"], "2021-10-13"),  # a label line and its date line
    (["Mittwoch, 26.01.2022 - 14:30"], "2022-01-26"),
    (["| 17 de Febrero 2020"], "2020-02-17"),  # month names beyond English, through dateparser
    (["2020/12/25 - 1:59 صباحًا"], "2020-12-25"),
    (["Registriert: 18.09.2008, 05:56"], None),  # a member's join date
    (["Last updated 04 Jun 2020"], None),  # an update alone states no publication day
    (["retrieved 20 January 2020"], None),
    (["WoB 31. Dezember 2021-06. Januar 2022"], None),  # a range
    (["Wochenende in Wien 12.10. - 15.10.2023"], None),
    (["Januar 2022"], None),  # a month is not a day
    (["Samstag, 14. März 2020 im Rahmen der Rosa Luxemburg Konferenz in Berlin, wo wir alle sprachen"], None),
])
def test_printed_date_lines(lines: list[str], want: str | None) -> None:
    found = printed_date(lines, [], date(2026, 1, 2))
    assert (found.day if found else None) == want


def test_a_labelled_date_among_the_story_lines_counts_but_a_social_post_does_not() -> None:
    story = ["Der Bundesverband hat am Mittwoch eine neue Präsidentin gewählt.", "Erschienen am: 13.10.2021"]
    assert printed_date([], story, date(2026, 1, 2)).day == "2021-10-13"
    embed = ["Das tägliche Leben wird immer teurer.", "Posted by SPÖ on Monday, February 7, 2022"]
    assert printed_date([], embed, date(2026, 1, 2)) is None
    assert printed_date(["Monday, February 7, 2022"], [], date(2026, 1, 2)).day == "2022-02-07"  # in the header it does


def test_a_day_month_ambiguous_date_takes_the_reading_another_source_confirms() -> None:
    printed = Printed("2020-01-06", "2020-06-01", "06/01/2020")
    confirmed = HtmlDates(published="2020-06-01T21:53:12+00:00", printed=printed)
    assert choose_published(None, confirmed, None) == ("2020-06-01T21:53:12+00:00", "html-meta")
    alone = HtmlDates(printed=printed)
    assert choose_published(None, alone, None) == ("2020-01-06", "text")  # day first, last
    us = HtmlDates(printed=printed, month_first=True)
    assert choose_published(None, us, None) == ("2020-06-01", "text")  # a page in US English
    other = HtmlDates(htmldate="2021-03-03", printed=printed)
    assert choose_published(None, other, None) == ("2021-03-03", "html-meta")  # unconfirmed: waits
    dotted = printed_date(["03.02.2022"], [], date(2026, 1, 2))
    assert dotted == Printed("2022-02-03", None, "03.02.2022")  # dotted dates are day-first


@pytest.mark.parametrize("head, want", [
    ('<html lang="en-US">', True), ('<html lang="en_us">', True), ('<html lang="en">', False),
    ('<html lang="de"><meta property="og:locale" content="en_US">', True), ("<html>", False),
])
def test_a_us_english_page_reads_numeric_dates_month_first(head: str, want: bool) -> None:
    assert says_month_first(parse(f"{head}<body><p>x</p></body></html>")) is want


def test_a_stamp_the_line_rules_read_comes_first() -> None:
    dates = HtmlDates(published="2019-11-22T02:46:39+00:00", printed=Printed("2019-11-21"))
    assert choose_published("2019-11-22T11:46:39+09:00", dates, "2019-11-20") == ("2019-11-22T11:46:39+09:00", "text")


def test_a_masthead_or_update_day_from_htmldate_is_dropped() -> None:
    dates = HtmlDates(htmldate="2022-01-21", not_published=frozenset({"2022-01-21"}))
    assert choose_published(None, dates, None) == (None, None)
    assert choose_published(None, dates, "2022-01-20") == ("2022-01-20", "url")


@pytest.mark.parametrize("stamp", [
    "Written : 2019-11-22 11:46:39Updated : 2019-11-22 14:02:10",
    "Written: 2019-11-22 11:46:39 / Updated: 2019-11-22 14:02:10",
    "Posted : 2019-11-22 11:46",
])
def test_html_stamps_go_to_the_same_stamp_reader_as_text(stamp: str) -> None:
    headline = "Seoul suspends termination of intel pact with Tokyo"
    story = ["SEOUL, Nov. 22 -- South Korea on Friday suspended the termination of its intelligence pact with Japan."]
    text = classify([headline, stamp, *story], rules_for("kbs-world"), title=headline)
    html = (f"<html><head><title>{headline}</title></head><body><div class='title_area'><h2>{headline}</h2>"
            f"<p class='date'>{stamp}</p></div><div class='body_txt'><p>{story[0]}</p></div></body></html>")
    article = clean(html, "https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=149999")
    assert article.published == text.published
    if text.published:
        assert article.published_source == "text"
    assert stamp not in article.body


# ---------------------------------------------------------------- headline (class 7)


@pytest.mark.parametrize("title, sites, host, want", [
    ("(LEAD) S. Korea, Japan sign pact | Yonhap News Agency", ["Yonhap News Agency"], "en.yna.co.kr",
     "(LEAD) S. Korea, Japan sign pact"),
    ("UK to have lowest growth in G7 in 2024 - Newsnet.scot", [], "newsnet.scot", "UK to have lowest growth in G7 in 2024"),
    ("Seoul urges Tokyo to stop distorting deal | KBS 뉴스", ["KBS 뉴스"], "news.kbs.co.kr", "Seoul urges Tokyo to stop distorting deal"),
    ("EU-Taxonomie: Atomkraft ist nicht nachhaltig | Umweltbundesamt", [], "www.umweltbundesamt.de",
     "EU-Taxonomie: Atomkraft ist nicht nachhaltig"),
    ("Moon - a leader under pressure", [], "example.org", "Moon - a leader under pressure"),  # not a site name
    ("Headline | Section | The Paper", ["The Paper"], "thepaper.example", "Headline | Section"),
])
def test_site_names_are_stripped_from_titles(title: str, sites: list[str], host: str, want: str) -> None:
    assert strip_site_name(title, sites, host) == want


def test_the_profiles_headline_selector_beats_og_title() -> None:
    html = ("<html><head><title>Pact talks | Yonhap News Agency</title>"
            "<meta property='og:title' content='Pact talks | Yonhap News Agency'></head><body>"
            "<h1 class='logo'>Yonhap News Agency</h1><h1 class='tit'>(2nd LD) Seoul, Tokyo agree to keep talking on pact</h1>"
            "</body></html>")
    title, node = _pick_title(parse(html), get("yonhap"), ["Yonhap News Agency"], "en.yna.co.kr")
    assert title == "(2nd LD) Seoul, Tokyo agree to keep talking on pact" and node is not None


def test_a_logo_heading_that_the_title_ends_with_is_not_the_headline() -> None:
    html = ("<html><head><title>Seoul urges Tokyo to stop distorting deal | KBS 뉴스</title>"
            "<meta property='og:site_name' content='KBS 뉴스'></head><body><h1 class='logo'>KBS 뉴스</h1>"
            "<h4>Seoul urges Tokyo to stop distorting deal</h4></body></html>")
    title, _ = _pick_title(parse(html), get("generic"), ["KBS 뉴스"], "news.kbs.co.kr")
    assert title == "Seoul urges Tokyo to stop distorting deal"


def test_a_heading_that_holds_a_whole_story_is_not_the_headline() -> None:
    story = "一个约定，信守15年，感人至深。" * 30
    html = (f"<html><head><title>话剧《约定无期限》巡演来到张家口</title></head><body><h2>{story}</h2>"
            "<p>正文。</p></body></html>")
    title, _ = _pick_title(parse(html), get("generic"), [], "www.he.xinhuanet.com")
    assert title == "话剧《约定无期限》巡演来到张家口"


# ---------------------------------------------------------------- credits (class 7)


@pytest.mark.parametrize("credit_html", [
    "<meta name='author' content='Yonhap'>",
    "<meta name='author' content='Peninsula Post'>",  # the site itself
])
def test_an_agency_or_the_site_as_meta_author_is_a_credit(credit_html: str) -> None:
    html = ("<html><head><title>Pact talks resume in Tokyo</title><meta property='og:site_name' content='Peninsula Post'>"
            f"{credit_html}</head><body><h1>Pact talks resume in Tokyo</h1><div class='story'>"
            "<p>Officials of the two countries resumed talks on the intelligence pact in Tokyo on Monday.</p>"
            "<p>The talks are expected to last two days, a foreign ministry spokesman said.</p></div></body></html>")
    assert clean(html, "https://peninsula.example/world/talks").authors == []


def test_an_agency_byline_is_a_credit_and_not_story() -> None:
    html = ("<html><head><title>Pact talks resume in Tokyo</title></head><body><h1>Pact talks resume in Tokyo</h1>"
            "<div class='story'><p>By Yonhap</p>"
            "<p>Officials of the two countries resumed talks on the intelligence pact in Tokyo on Monday.</p>"
            "<p>The talks are expected to last two days, a foreign ministry spokesman said.</p></div></body></html>")
    article = clean(html, "https://peninsula.example/world/talks")
    assert article.authors == []
    assert article.body.startswith("Officials of the two countries")


# ---------------------------------------------------------------- a story printed in chunks

CHUNKS = HTML / "generic.story-in-chunks.html"


def _sentences(first: str, n: int) -> list[str]:
    """n distinct story-like paragraphs of about 25 words, each starting with `first`."""
    return [f"{first} officials said on day {i} that the talks on the intelligence pact between "
            f"Seoul and Tokyo would go on for at least another week, {i} diplomats told reporters in the capital."
            for i in range(n)]


def _lines_of(html: str, story: list[str]) -> tuple[list[str], list[str]]:
    return later_chunks(parse(html), story, node_lines)


def test_a_story_printed_in_chunks_between_ads_is_read_whole_and_in_order() -> None:
    article = clean(CHUNKS, "https://wire.example/story/seoul-pact-lapse")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 7  # 3 + 2 + 2 paragraphs in three chunks
    assert paragraphs[0].startswith("Seoul said on Friday it would let")
    assert paragraphs[3].startswith("Japan's defense ministry said")  # the second chunk follows the first
    assert paragraphs[-1].startswith("In Washington, a State Department official")
    # the teaser row of the chunks' class is links, not story; the list heading ends the story
    assert "Navy chiefs" not in article.body and "More Great" not in article.body
    assert "Advertisement" not in article.body and "virtuoso coder" not in article.body


def test_a_chunk_before_the_extracted_one_comes_first() -> None:
    first, second = _sentences("Earlier", 3), _sentences("Later", 3)
    html = ("<html><body><div class='chunks'>"
            + "".join(f"<section class='story-body'>{''.join(f'<p>{p}</p>' for p in part)}</section><div class='ad'>Ad</div>"
                      for part in (first, second)) + "</div></body></html>")
    assert _lines_of(html, second) == (first, [])


def test_sections_of_one_story_with_their_own_boxes_are_not_chunks() -> None:
    # A how-to page: each section of one class holds two of the story's paragraphs and an info
    # list. The extractor read the paragraphs of every section, so the first section holds a third
    # of the story: the sections are the story's parts, not chunks it left out, and their lists
    # are not added after the story.
    story = _sentences("Section", 6)
    facts = "<ul><li>" + "</li><li>".join(["Advantages: quick and cheap to do at home, most readers said."] * 6) + "</li></ul>"
    html = ("<html><body><article>"
            + "".join(f"<div class='article-body__section'><p>{a}</p><p>{b}</p>{facts}</div>"
                      for a, b in zip(story[::2], story[1::2])) + "</article></body></html>")
    assert _lines_of(html, story) == ([], [])


def test_a_layout_class_that_every_box_wears_does_not_join_boxes() -> None:
    story = _sentences("First", 3)
    bio = "<p>" + " ".join(["The author covers diplomacy and defense for the paper from its Seoul bureau."] * 3) + "</p>"
    html = ("<html><body><div class='page'>"
            f"<div class='elastic-container'>{''.join(f'<p>{p}</p>' for p in story)}</div>"
            f"<div class='elastic-container'><h2>About the Author</h2>{bio}</div></div></body></html>")
    assert _lines_of(html, story) == ([], [])
    # the same page with a class that names the body: the second box is then a chunk
    named = html.replace("elastic-container", "article-body")
    assert _lines_of(named, story)[1][0] == "About the Author"


def test_a_story_in_one_container_with_a_wrapper_around_each_paragraph_gets_nothing_added() -> None:
    story = _sentences("First", 4)
    html = ("<html><body><div class='story-body'>"
            + "".join(f"<div class='story-paragraph'><p>{p}</p></div>" for p in story) + "</div></body></html>")
    assert _lines_of(html, story) == ([], [])


def test_a_hover_card_inside_a_sentence_is_not_story() -> None:
    # Hand-made, after The Hill's 2019 template (aeb): a linked name followed by a person card
    # (photo, name, latest headline) that is shown only on hover.
    card = ('<span class="rollover-people"><a class="rollover-people-link" href="/people/jane-roe">Jane Roe</a>'
            '<span class="rollover-people-block"><span class="rollover-block"><a class="name" href="/people/jane-roe">'
            'Jane Roe</a><a class="people-articles" href="/x">Lawmakers press allies on pact</a></span></span></span>')
    story = ("<p>A bipartisan group led by Rep. " + card + " (D-Minn.) urged Seoul on Friday to keep its "
             "intelligence-sharing pact with Tokyo, warning that only Pyongyang would gain from its end.</p>"
             "<p>The letter was sent to the embassies of both countries, a spokesman for the group said.</p>")
    html = ("<html><head><title>Lawmakers urge Seoul to keep pact</title></head><body><h1>Lawmakers urge Seoul "
            f"to keep pact</h1><div class='field-item'>{story}</div></body></html>")
    body = clean(html, "https://capitol.example/news/471031-lawmakers-urge-seoul").body
    assert "Rep. Jane Roe (D-Minn.) urged Seoul" in body
    assert "Lawmakers press" not in body and "Jane RoeJane Roe" not in body
