"""Discovery per outlet, replayed from hand-made vcrpy cassettes (tests/fixtures/cassettes/
<outlet>.discovery.yaml, each labelled HAND-MADE in its header). record_mode="none": a request
the cassette does not hold fails, so these tests also prove which endpoints are (not) fetched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vcr

from gsomia_news.fetch.discover import (
    DiscoveryResult,
    discover,
    has_discovery,
    is_article_url,
    parse_endpoint,
    parse_xml,
)
from gsomia_news.fetch.http import Fetcher
from gsomia_news.fetch.policy import CrawlOptions, FetchOptions
from gsomia_news.fetch.politeness import HostClock
from gsomia_news.fetch.robots import RobotsCache
from gsomia_news.profiles import GENERIC_KEY, all_profiles, get

CASSETTES = Path(__file__).parent / "fixtures" / "cassettes"


def run(outlet: str, since: date | None = None, pages: int = 5) -> tuple[DiscoveryResult, vcr.cassette.Cassette]:
    options = FetchOptions(retries=0, min_delay=0.0, use_env_proxies=False)
    fetcher = Fetcher(options, clock=HostClock(0.0, sleep=lambda _s: None))
    fetcher.robots = RobotsCache(fetcher)
    with vcr.use_cassette(str(CASSETTES / f"{outlet}.discovery.yaml"), record_mode="none") as cassette:
        result = discover(get(outlet), fetcher, CrawlOptions(discovery_pages=pages, since=since, fetch=options))
    return result, cassette


def keys(result: DiscoveryResult) -> list[str]:
    return [c.key for c in result.candidates]


def test_every_crawlable_outlet_has_a_hand_made_cassette() -> None:
    outlets = [k for k, p in all_profiles().items() if k != GENERIC_KEY and has_discovery(p)]
    assert outlets, "no outlet profile has discovery endpoints"
    for key in outlets:
        path = CASSETTES / f"{key}.discovery.yaml"
        assert path.is_file(), f"missing cassette for {key}"
        assert path.read_text(encoding="utf-8").startswith("# HAND-MADE CASSETTE")
        discovery = get(key).discovery
        assert discovery.verified or "unverified" in discovery.source


def test_kbs_world_listing_pages_and_rss() -> None:
    result, cassette = run("kbs-world")
    assert keys(result) == ["kbs-world:149540", "kbs-world:149602", "kbs-world:4327001", "kbs-world:149611",
                            "kbs-world:149380", "kbs-world:149500", "kbs-world:146001"]
    urls = {c.key: c.url for c in result.candidates}
    # As requested: relative link resolved, tracking parameter and fragment dropped, and the
    # query in the site's own order (robots.txt rules are written in that form).
    assert urls["kbs-world:149602"] == "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=149602"
    assert urls["kbs-world:149611"] == "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=149611"
    # The listing found 149540 undated; the feed dates it.
    assert {c.key: c.date for c in result.candidates}["kbs-world:149540"] == date(2019, 11, 22)
    assert result.failures == [] and result.skipped == []
    # Page 3 added nothing, so page 4 (absent from the cassette) was never asked for.
    assert cassette.all_played


def test_kbs_world_since_drops_feed_items_dated_before_it() -> None:
    result, _ = run("kbs-world", since=date(2019, 11, 1))
    assert "kbs-world:146001" not in keys(result)  # 23 Aug 2019 in the feed
    assert "kbs-world:149602" in keys(result)  # undated: cannot be shown to be old
    assert result.older_than_since == 1


def test_joongang_robots_disallowed_search_is_skipped_and_sitemaps_followed() -> None:
    result, cassette = run("korea-joongang-daily", pages=2)
    assert [url for url, _ in result.skipped] == ["https://koreajoongangdaily.joins.com/search?keyword=GSOMIA&page=1"]
    assert sorted(keys(result)) == sorted([
        "korea-joongang-daily:3070001", "korea-joongang-daily:3074035", "korea-joongang-daily:3067078",
        "korea-joongang-daily:3069950", "korea-joongang-daily:3070200", "korea-joongang-daily:3067100",
    ])
    by_key = {c.key: c for c in result.candidates}
    # Old-generation URL (aid=) and the sitemap's new-generation URL are one article.
    assert by_key["korea-joongang-daily:3067078"].url == "http://koreajoongangdaily.joins.com/news/article/article.aspx?aid=3067078"
    assert by_key["korea-joongang-daily:3067078"].date == date(2019, 8, 22)
    # Tracking parameters are gone from the URL to request.
    assert "utm_" not in by_key["korea-joongang-daily:3074035"].url
    # The news:publication_date of a Google News sitemap dates the story.
    assert by_key["korea-joongang-daily:3070200"].date == date(2019, 11, 25)
    assert result.failures == []
    assert cassette.all_played  # including the gzip child sitemap; not the 2018 one (absent)


def test_joongang_since_skips_old_child_sitemaps() -> None:
    result, cassette = run("korea-joongang-daily", since=date(2019, 11, 1), pages=2)
    assert "korea-joongang-daily:3067100" not in keys(result)
    assert not cassette.all_played  # the 2019-08 gzip sitemap was not fetched
    played = [request.uri for i, (request, _) in enumerate(cassette.data) if cassette.play_counts[i]]
    assert "https://koreajoongangdaily.joins.com/sitemap-2019-11.xml" in played
    assert not any("2019-08" in uri for uri in played)


def test_korea_times_search_pagination_dedup_and_broken_feed() -> None:
    result, cassette = run("korea-times")
    # newsIdx 278906 appears as an m. URL and a www. URL: one candidate.
    assert keys(result) == ["korea-times:279401", "korea-times:278906", "korea-times:279455",
                            "korea-times:274123", "korea-times:279500"]
    # The feed has an unescaped "&": read by pattern, date included.
    assert {c.key: c.date for c in result.candidates}["korea-times:279500"] == date(2019, 11, 25)
    assert result.failures == []
    assert cassette.all_played


def test_korea_times_since_uses_year_month_urls() -> None:
    result, _ = run("korea-times", since=date(2019, 11, 1))
    assert "korea-times:274123" not in keys(result)  # /www/nation/2019/08/...: all of August is before
    assert "korea-times:279401" in keys(result)  # /2019/11/: may be on or after 1 November


def test_donga_failing_search_page_is_reported_and_feed_still_read() -> None:
    result, cassette = run("donga")
    assert result.failures == [("https://www.donga.com/en/search?query=GSOMIA&p=2", "HTTP 500 Internal Server Error")]
    assert keys(result) == ["donga:1892437", "donga:1900001", "donga:1812345", "donga:1900444"]
    assert {c.key: c.date for c in result.candidates}["donga:1900444"] == date(2019, 11, 26)  # Atom <published>
    assert cassette.all_played


def test_yonhap_search_and_feed_with_guid_links() -> None:
    result, cassette = run("yonhap")
    assert keys(result) == ["yonhap:AEN20191122006351315", "yonhap:AEN20190822006352315", "yonhap:AEN20191123000200315"]
    assert cassette.all_played
    result, _ = run("yonhap", since=date(2019, 11, 1))
    assert keys(result) == ["yonhap:AEN20191122006351315", "yonhap:AEN20191123000200315"]


# ---------------------------------------------------------------- parsing, without HTTP


def test_article_url_patterns_gate_links() -> None:
    kbs = get("kbs-world")
    assert is_article_url(kbs, "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=1")
    assert not is_article_url(kbs, "http://world.kbs.co.kr/service/news_list.htm?lang=e&page=2")
    # Right path, wrong host: not this outlet's article.
    assert not is_article_url(kbs, "http://evil.example.com/service/news_view.htm?lang=e&Seq_Code=1")


def test_sitemap_index_and_atom_parse() -> None:
    index = parse_xml(b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://a.example/s1.xml</loc><lastmod>2019-11-30T00:00:00Z</lastmod></sitemap></sitemapindex>""")
    assert index is not None and index.links == [] and index.sitemaps[0].date == date(2019, 11, 30)
    atom = parse_xml(b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="https://a.example/self"/>
        <link rel="alternate" href="https://a.example/story"/><updated>2019-11-22T10:00:00+09:00</updated></entry></feed>""")
    assert atom is not None and [(l.url, l.date) for l in atom.links] == [("https://a.example/story", date(2019, 11, 22))]


def test_html_links_resolve_against_base_href() -> None:
    parsed = parse_endpoint(b'<html><head><base href="https://a.example/news/"></head><body>'
                            b'<a href="view?id=1">x</a><a href="#top">top</a><a href="javascript:void(0)">j</a></body></html>',
                            "utf-8", "https://a.example/list", 10_000)
    assert [l.url for l in parsed.links] == ["https://a.example/news/view?id=1"]


def test_gzip_bomb_is_capped() -> None:
    import gzip

    from gsomia_news.errors import FetchError

    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    with pytest.raises(FetchError, match="expands past"):
        parse_endpoint(bomb, None, "https://a.example/sitemap.xml.gz", 100_000)
