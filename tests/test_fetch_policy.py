"""Fetch policy against recorded HTTP (responses): retries, backoff, Retry-After, 304, charsets,
size cap, redirects, robots.txt and politeness delays. No network: responses intercepts requests."""

from __future__ import annotations

from pathlib import Path

import pytest
import responses
from urllib3.response import HTTPResponse

from gsomia_news.errors import FetchError, RobotsDenied
from gsomia_news.fetch.http import Fetcher, HttpStatusError, PoliteRetry
from gsomia_news.textcodec import decode_body
from gsomia_news.fetch.policy import FetchOptions
from gsomia_news.fetch.politeness import HostClock, host_key
from gsomia_news.fetch.robots import RobotsCache
from gsomia_news.models import HttpInfo

KBS = "http://world.kbs.co.kr"
PAGE = f"{KBS}/service/news_view.htm?lang=e&Seq_Code=900001"
KBS_HOSTS = ["world.kbs.co.kr", "news.kbs.co.kr"]

KOREAN = ("<html><head><title>정부, 지소미아 종료 유예</title></head><body><h1>정부, 지소미아 종료 유예</h1>"
          "<p>청와대는 22일 한일 군사정보보호협정(GSOMIA)의 종료 통보 효력을 정지하기로 했다고 밝혔다. "
          "똠양꿍 식당에서 만난 관계자는 이같이 말했다.</p></body></html>")


class FakeTime:
    """A clock that only moves when slept on: delays are recorded, not waited."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.t += seconds


def make_fetcher(robots: bool = False, **kw: object) -> tuple[Fetcher, FakeTime]:
    options = FetchOptions(**{"retries": 2, "backoff_factor": 0.5, "min_delay": 1.0, "use_env_proxies": False, **kw})  # type: ignore[arg-type]
    fake = FakeTime()
    fetcher = Fetcher(options, clock=HostClock(options.min_delay, now=fake.now, sleep=fake.sleep))
    if robots:
        fetcher.robots = RobotsCache(fetcher)
    return fetcher, fake


# ---------------------------------------------------------------- retries and backoff


@responses.activate
def test_500_then_success_is_retried() -> None:
    responses.get(PAGE, status=500)
    responses.get(PAGE, status=200, body="<html><body>ok</body></html>", content_type="text/html")
    fetcher, _ = make_fetcher()
    result = fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert result.status == 200 and result.body.endswith(b"ok</body></html>")
    assert len(responses.calls) == 2


@responses.activate
def test_5xx_every_time_fails_after_all_attempts() -> None:
    responses.get(PAGE, status=503)
    fetcher, _ = make_fetcher(retries=3)
    with pytest.raises(HttpStatusError) as info:
        fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert info.value.status == 503
    assert "after 4 attempt(s)" in info.value.message
    assert len(responses.calls) == 4


@responses.activate
def test_404_is_not_retried() -> None:
    responses.get(PAGE, status=404)
    fetcher, _ = make_fetcher()
    with pytest.raises(HttpStatusError) as info:
        fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert info.value.status == 404
    assert len(responses.calls) == 1


@responses.activate
def test_429_with_retry_after_is_retried() -> None:
    responses.get(PAGE, status=429, headers={"Retry-After": "2"})
    responses.get(PAGE, status=200, body="<html>ok</html>", content_type="text/html")
    fetcher, _ = make_fetcher()
    assert fetcher.get(PAGE, hosts=KBS_HOSTS).status == 200
    assert len(responses.calls) == 2


def _resp(status: int, headers: dict[str, str] | None = None) -> HTTPResponse:
    return HTTPResponse(body=b"", status=status, headers=headers or {}, preload_content=False)


def test_backoff_is_exponential_and_never_below_host_delay() -> None:
    slept: list[float] = []
    retry = PoliteRetry(total=5, status=5, status_forcelist=(500,), backoff_factor=0.5,
                        delay_for=lambda host: 0.75, sleeper=slept.append, host="example.org:80")
    for _ in range(4):
        retry = retry.increment("GET", "/x", response=_resp(500))
        retry.sleep(_resp(500))
    # 0.5 * 2**(n-1) = 0.5, 1, 2, 4; the first is raised to the host's 0.75 s delay.
    assert slept == [0.75, 1.0, 2.0, 4.0]


def test_retry_after_is_honoured_and_floored_by_host_delay() -> None:
    slept: list[float] = []
    retry = PoliteRetry(total=3, status_forcelist=(429,), backoff_factor=0.1,
                        delay_for=lambda host: 1.5, sleeper=slept.append, host="example.org:80")
    retry = retry.increment("GET", "/x", response=_resp(429, {"Retry-After": "7"}))
    retry.sleep(_resp(429, {"Retry-After": "7"}))
    retry = retry.increment("GET", "/x", response=_resp(429, {"Retry-After": "0"}))
    retry.sleep(_resp(429, {"Retry-After": "0"}))
    assert slept == [7.0, 1.5]


@responses.activate
def test_retry_after_longer_than_we_wait_fails_and_holds_the_host_back() -> None:
    responses.get(PAGE, status=503, headers={"Retry-After": "3600"})
    responses.get(PAGE, status=200, body="<html>ok</html>")
    other = f"{KBS}/service/news_view.htm?lang=e&Seq_Code=900002"
    responses.get(other, status=200, body="<html>ok</html>")
    fetcher, fake = make_fetcher(max_retry_after=60)
    with pytest.raises(HttpStatusError) as info:
        fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert "3600" in info.value.message
    assert len(responses.calls) == 1  # no retry: we will not wait an hour
    with pytest.raises(FetchError, match="held back"):
        fetcher.get(other, hosts=KBS_HOSTS)
    assert len(responses.calls) == 1  # the host is left alone for the run


# ---------------------------------------------------------------- conditional GET


@responses.activate
def test_conditional_get_sends_validators_and_304_is_not_modified() -> None:
    responses.get(PAGE, status=304, headers={"ETag": '"v1"'})
    fetcher, _ = make_fetcher()
    stored = HttpInfo(status=200, final_url=PAGE, etag='"v1"', last_modified="Fri, 22 Nov 2019 02:46:39 GMT")
    result = fetcher.get(PAGE, hosts=KBS_HOSTS, validators=stored)
    assert result.not_modified and result.body == b""
    sent = responses.calls[0].request.headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Fri, 22 Nov 2019 02:46:39 GMT"


@responses.activate
def test_unconditional_get_without_stored_version() -> None:
    responses.get(PAGE, status=200, body="<html>x</html>", headers={"ETag": '"v2"', "Last-Modified": "Sat, 23 Nov 2019 00:00:00 GMT"})
    fetcher, _ = make_fetcher()
    result = fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert "If-None-Match" not in responses.calls[0].request.headers
    info = result.http_info("utf-8")
    assert (info.etag, info.last_modified, info.status) == ('"v2"', "Sat, 23 Nov 2019 00:00:00 GMT", 200)


@responses.activate
def test_user_agent_identifies_the_crawler_and_its_contact() -> None:
    responses.get(PAGE, status=200, body="<html>x</html>")
    fetcher, _ = make_fetcher(contact="mailto:lab@uni.example")
    fetcher.get(PAGE, hosts=KBS_HOSTS)
    agent = responses.calls[0].request.headers["User-Agent"]
    assert agent.startswith("gsomia-news/") and "mailto:lab@uni.example" in agent


# ---------------------------------------------------------------- charsets


@responses.activate
def test_euc_kr_page_decodes_as_cp949() -> None:
    raw = KOREAN.encode("cp949")  # 똠 exists in CP949 only, not in strict EUC-KR
    responses.get(PAGE, status=200, body=raw, content_type="text/html; charset=EUC-KR")
    fetcher, _ = make_fetcher()
    result = fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert result.declared_charset == "EUC-KR"
    text, charset = decode_body(result.body, result.declared_charset)
    assert charset == "cp949"
    assert "지소미아" in text and "똠양꿍" in text and "군사정보보호협정" in text


def test_meta_charset_used_when_header_has_none() -> None:
    raw = KOREAN.replace("<head>", '<head><meta charset="euc-kr">').encode("cp949")
    text, charset = decode_body(raw, None)
    assert charset == "cp949" and "지소미아" in text


def test_wrong_declared_charset_is_corrected() -> None:
    # UTF-8 bytes labelled ISO-8859-1 (a server default) would decode to mojibake.
    text, charset = decode_body(KOREAN.encode("utf-8"), "iso-8859-1")
    assert charset == "utf-8" and "지소미아" in text
    # EUC-KR bytes labelled UTF-8 fail strict UTF-8 and are detected.
    text, charset = decode_body(KOREAN.encode("cp949"), "utf-8")
    assert charset == "cp949" and "지소미아" in text


# ---------------------------------------------------------------- size cap


@responses.activate
def test_body_over_the_cap_is_refused_by_content_length() -> None:
    responses.get(PAGE, status=200, body=b"x" * 5000, headers={"Content-Length": "5000"})
    fetcher, _ = make_fetcher(max_body_bytes=1000)
    with pytest.raises(FetchError, match="too large"):
        fetcher.get(PAGE, hosts=KBS_HOSTS)


@responses.activate
def test_body_over_the_cap_is_refused_while_streaming() -> None:
    # No Content-Length: the cap must hold while reading.
    responses.get(PAGE, status=200, body=b"y" * 300_000, auto_calculate_content_length=False)
    fetcher, _ = make_fetcher(max_body_bytes=100_000)
    with pytest.raises(FetchError, match="more than 100000 bytes"):
        fetcher.get(PAGE, hosts=KBS_HOSTS)


# ---------------------------------------------------------------- redirects


@responses.activate
def test_redirect_to_another_host_is_refused() -> None:
    responses.get(PAGE, status=302, headers={"Location": "https://tracker.example.com/landing"})
    fetcher, _ = make_fetcher()
    with pytest.raises(FetchError, match="another host refused"):
        fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert len(responses.calls) == 1


@responses.activate
def test_redirect_within_the_outlet_is_followed() -> None:
    target = "http://news.kbs.co.kr/news/view.do?ncd=4327001"
    responses.get(PAGE, status=301, headers={"Location": target})
    responses.get(target, status=200, body="<html>moved</html>")
    fetcher, _ = make_fetcher()
    result = fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert result.final_url == target and result.url == PAGE


@responses.activate
def test_redirect_loop_and_limit() -> None:
    a, b = f"{KBS}/a", f"{KBS}/b"
    responses.get(a, status=302, headers={"Location": "/b"})
    responses.get(b, status=302, headers={"Location": "/a"})
    fetcher, _ = make_fetcher()
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(a, hosts=KBS_HOSTS)
    for i in range(6):
        responses.get(f"{KBS}/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    fetcher, _ = make_fetcher(max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(f"{KBS}/r0", hosts=KBS_HOSTS)


# ---------------------------------------------------------------- robots.txt and politeness


@responses.activate
def test_robots_disallow_is_obeyed_and_robots_is_fetched_once() -> None:
    responses.get(f"{KBS}/robots.txt", body="User-agent: *\nDisallow: /private/\n")
    responses.get(PAGE, body="<html>ok</html>")
    fetcher, _ = make_fetcher(robots=True)
    with pytest.raises(RobotsDenied):
        fetcher.get(f"{KBS}/private/page.htm", hosts=KBS_HOSTS)
    assert fetcher.get(PAGE, hosts=KBS_HOSTS).status == 200
    assert fetcher.get(PAGE, hosts=KBS_HOSTS).status == 200
    urls = [c.request.url for c in responses.calls]
    assert urls.count(f"{KBS}/robots.txt") == 1
    assert not any("/private/" in u for u in urls)


@responses.activate
def test_robots_group_for_our_agent_wins() -> None:
    responses.get(f"{KBS}/robots.txt", body="User-agent: gsomia-news\nDisallow: /service/\n\nUser-agent: *\nDisallow:\n")
    fetcher, _ = make_fetcher(robots=True)
    with pytest.raises(RobotsDenied):
        fetcher.get(PAGE, hosts=KBS_HOSTS)


@responses.activate
def test_crawl_delay_spaces_requests_to_the_host() -> None:
    responses.get(f"{KBS}/robots.txt", body="User-agent: *\nCrawl-delay: 5\nDisallow: /private/\n")
    responses.get(PAGE, body="<html>ok</html>")
    other = "http://news.kbs.co.kr/news/view.do?ncd=1"
    responses.get("http://news.kbs.co.kr/robots.txt", status=404)
    responses.get(other, body="<html>ok</html>")
    fetcher, fake = make_fetcher(robots=True, min_delay=1.0)
    fetcher.get(PAGE, hosts=KBS_HOSTS)  # robots.txt, then the page 5 s later
    fetcher.get(PAGE, hosts=KBS_HOSTS)  # 5 s again
    assert fetcher.clock.delay_for(host_key(PAGE)) == 5.0
    assert fake.sleeps == [5.0, 5.0]
    fetcher.get(other, hosts=KBS_HOSTS)  # another host: robots 404 = allow all, min delay 1 s
    assert fake.sleeps == [5.0, 5.0, 1.0]


@responses.activate
def test_crawl_delay_beyond_our_limit_skips_the_site() -> None:
    responses.get(f"{KBS}/robots.txt", body="User-agent: *\nCrawl-delay: 600\n")
    fetcher, _ = make_fetcher(robots=True, max_crawl_delay=60)
    with pytest.raises(RobotsDenied, match="Crawl-delay 600"):
        fetcher.get(PAGE, hosts=KBS_HOSTS)


@responses.activate
def test_robots_server_error_disallows_the_site_for_the_run() -> None:
    responses.get(f"{KBS}/robots.txt", status=503)
    responses.get(PAGE, body="<html>ok</html>")
    fetcher, _ = make_fetcher(robots=True, retries=0)
    with pytest.raises(FetchError, match="robots.txt unavailable") as info:
        fetcher.get(PAGE, hosts=KBS_HOSTS)
    assert not isinstance(info.value, RobotsDenied)  # a failure to report, not a polite skip
    assert all("news_view" not in c.request.url for c in responses.calls)


@responses.activate
def test_robots_404_allows_everything() -> None:
    responses.get(f"{KBS}/robots.txt", status=404)
    responses.get(PAGE, body="<html>ok</html>")
    fetcher, _ = make_fetcher(robots=True)
    assert fetcher.get(PAGE, hosts=KBS_HOSTS).status == 200


def test_host_clock_keeps_min_delay_per_host() -> None:
    fake = FakeTime()
    clock = HostClock(1.0, now=fake.now, sleep=fake.sleep)
    clock.wait("a:80"); clock.done("a:80")
    clock.wait("b:80"); clock.done("b:80")  # another host: no wait
    fake.t += 0.4
    clock.wait("a:80"); clock.done("a:80")  # 0.6 s left of a's delay
    clock.defer("b:80", 3.0)
    clock.wait("b:80")
    assert fake.sleeps == [0.6, 3.0]


def test_crawl_delay_parsing_takes_fractions_and_our_group() -> None:
    from gsomia_news.fetch.robots import parse_robots

    text = ("User-agent: *\nCrawl-delay: 0.5\nDisallow: /x\n\n"
            "User-agent: otherbot\nUser-agent: gsomia-news\nCrawl-delay: 2.5 # be gentle\n")
    assert parse_robots(text, "gsomia-news/0.1.0 (+mailto:a@b.c)").crawl_delay == 2.5
    assert parse_robots(text, "SomeBot/1.0").crawl_delay == 0.5
    assert parse_robots("User-agent: *\nDisallow: /\n", "gsomia-news/0.1").crawl_delay is None
    # Request-rate 1/4s is a 4 s delay, longer than the group's Crawl-delay.
    assert parse_robots("User-agent: *\nCrawl-delay: 1\nRequest-rate: 1/4s\n", "gsomia-news/0.1").crawl_delay == 4.0


def test_config_file_sets_options_and_rejects_unknown_keys(tmp_path: Path) -> None:
    from gsomia_news.errors import InputError
    from gsomia_news.fetch.policy import load_config

    good = tmp_path / "crawl.toml"
    good.write_text('[crawl]\noutlets = ["kbs-world"]\nsince = "2019-08-01"\n'
                    '[fetch]\nmin_delay = 2\ncontact = "mailto:lab@uni.example"\n'
                    '[base_urls]\nkbs-world = "http://127.0.0.1:8001/kbs"\n', encoding="utf-8")
    options = load_config(good)
    assert options.outlets == ("kbs-world",) and str(options.since) == "2019-08-01"
    assert options.fetch.min_delay == 2 and options.fetch.base_urls == {"kbs-world": "http://127.0.0.1:8001/kbs"}
    bad = tmp_path / "bad.toml"
    bad.write_text("[fetch]\nmin_dealy = 2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown setting \[fetch\] min_dealy"):
        load_config(bad)
    bad.write_text('[base_urls]\nkbs-world = "ftp://x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not an http"):
        load_config(bad)


def test_base_url_mapping_keeps_outlet_urls_logical() -> None:
    from gsomia_news.fetch.http import UrlMap

    mapping = UrlMap({"kbs-world": "http://127.0.0.1:8001/kbs"})
    assert mapping.to_wire(PAGE) == "http://127.0.0.1:8001/kbs/service/news_view.htm?lang=e&Seq_Code=900001"
    # Other outlets are not touched.
    assert mapping.to_wire("https://www.donga.com/en/x") == "https://www.donga.com/en/x"
    # A redirect seen on the wire comes back as the outlet's URL; a foreign one stays foreign.
    assert mapping.to_logical("http://127.0.0.1:8001/kbs/a?b=1", PAGE) == "http://world.kbs.co.kr/a?b=1"
    assert mapping.to_logical("http://ads.example.net/x", PAGE) == "http://ads.example.net/x"


def test_a_form_that_wraps_the_whole_page_is_the_page_not_furniture() -> None:
    # HAND-MADE page imitating the ASP.NET WebForms template (one <form id="aspnetForm"> around
    # the whole page, with its __VIEWSTATE field), as Al Jazeera's 2019 article pages and many
    # Korean portals print it. The story inside the form counts; the menu inside it does not,
    # and a small form (a comment box) is still furniture.
    from gsomia_news import relevance

    def page(story: str, comment: str = "Leave a comment") -> str:
        return ("<html><head><title>Seoul weighs its options</title></head><body>"
                "<form method='post' action='./article.aspx?id=1' id='aspnetForm'>"
                "<div class='aspNetHidden'><input type='hidden' name='__VIEWSTATE' value='/wEPDwUK'></div>"
                "<nav><a>GSOMIA special</a> <a>Politics</a> <a>Economy</a></nav>"
                f"<article><h1>Seoul weighs its options</h1><p>{story}</p>"
                "<p>Officials met on Tuesday to discuss the matter with their counterparts in Tokyo.</p>"
                "<p>No decision was announced after the meeting, which lasted three hours.</p></article>"
                "</form><form class='comments'><label>" + comment + "</label><textarea></textarea></form>"
                "</body></html>")

    assert relevance.check(page("Seoul may end GSOMIA with Tokyo next month."), "text/html").names == ("acronym",)
    assert not relevance.check(page("Seoul may end the pact next month."), "text/html").relevant  # menu only
    assert not relevance.check(page("Seoul may end the pact next month.", "Comment on GSOMIA"), "text/html").relevant


def test_relevance_filter_ignores_furniture_mentions() -> None:
    from gsomia_news import relevance

    page = ("<html><head><title>KOSPI closes higher</title></head><body><nav><a>GSOMIA special</a></nav>"
            "<p>Stocks rose.</p><aside class='related'><a>GSOMIA explained</a></aside></body></html>")
    assert not relevance.check(page, "text/html").relevant
    assert relevance.check(page.replace("Stocks rose.", "Seoul kept the intel-sharing pact."), "text/html").names == (
        "intelligence-sharing-pact",)
    assert relevance.check("정부, 지소미아 종료 유예", "text/plain").names == ("korean-short",)
    assert relevance.check("韓国政府は日韓秘密軍事情報保護協定を維持", "text/plain").relevant
    assert relevance.check("the General Security of Military Information Agreement", "text/plain").relevant


def test_each_name_word_is_a_part_of_its_name_that_every_match_holds() -> None:
    from regex_parts import top_level

    from gsomia_news import relevance

    assert set(relevance.NAME_WORDS) == set(relevance.PACT_NAMES)  # a new name needs its word
    for name, words in relevance.NAME_WORDS.items():
        assert words, name
        for word in words:
            assert word == word.lower() and top_level(relevance.PACT_NAMES[name].lower(), word), (name, word)


@pytest.mark.parametrize(("text", "names"), [
    # the regexes' IGNORECASE pairs ſ with s, and ı and İ with i, which lower() does not
    ("Seoul may end GſOMIA.", ("acronym",)),
    ("Seoul may end GSOMİA.", ("acronym",)),
    ("the General Security of Mılitary Information Agreement", ("full-name",)),
    ("the intelligence-ſharing pact", ("intelligence-sharing-pact",)),
    # the word alone is no name, and every name is still found
    ("military sharing of data", ()),
    ("GSOMIA, the General Security of Military Information Agreement, an intelligence-sharing pact",
     ("acronym", "full-name", "intelligence-sharing-pact")),
])
def test_mentions_finds_what_the_name_regexes_find(text: str, names: tuple[str, ...]) -> None:
    from gsomia_news import relevance

    assert relevance.mentions(text) == names
    assert names == tuple(n for n, rx in relevance._COMPILED.items() if rx.search(text))  # the regexes alone


def test_furniture_nested_in_furniture_and_matched_twice_is_removed_once() -> None:
    from gsomia_news import relevance

    # hand-made: a tag cloud inside a sidebar, both furniture, and an aside carrying two classes
    page = ("<html><body><p>Stocks rose on Tuesday.</p><div class='sidebar'><div class='tags tag'>"
            "<div class='tag'>GSOMIA</div></div></div><aside class='related popular'>GSOMIA</aside></body></html>")
    assert relevance.title_and_text(page, "text/html").strip() == "Stocks rose on Tuesday."


@pytest.mark.parametrize(("page", "relevant"), [
    # hand-made pages: a name in the title alone, in an <h1> inside a menu (titles are read
    # before the furniture goes), in a menu only, in the story, nowhere
    ("<html><head><title>GSOMIA ends</title></head><body><nav>Politics</nav><p>Stocks rose.</p></body></html>", True),
    ("<html><body><nav><h1>GSOMIA</h1></nav><p>Stocks rose.</p></body></html>", True),
    ("<html><head><title>Markets</title></head><body><nav><a>GSOMIA special</a></nav><p>Stocks rose.</p></body></html>", False),
    ("<html><head><title>Markets</title></head><body><p>Seoul kept the intel-sharing pact.</p></body></html>", True),
    ("<html><head><title>Markets</title></head><body><p>Stocks rose.</p></body></html>", False),
    # a title ending in a name's first words and a body going on with the rest: check() reads
    # them as one string with a line break between, so about_pact must not stop at the titles
    ("<html><head><title>General Security of</title></head><body><p>Military Information Agreement</p></body></html>", True),
])
def test_about_pact_answers_what_check_answers(page: str, relevant: bool) -> None:
    from gsomia_news import relevance

    assert relevance.check(page, "text/html").relevant is relevant
    assert relevance.about_pact(page, "text/html") is relevant
    assert relevance.about_pact(page, "text/plain") is relevance.check(page, "text/plain").relevant
