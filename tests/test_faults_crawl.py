"""Fault and hostile-site tests of `gsomia-news crawl` (issue 14, items 14-17; the update lock,
item 18, is tested in test_crawl_e2e.py), and the crawl section's promises that issue 15 found
broken: every setting in crawl.example.toml, `--outlet a,b`, the contact warning under
`--quiet`, www./tracking-parameter forms of one generic page, and `--max-pages` per outlet.

Servers are local (127.0.0.1, port 0) and made by each test: fake outlets (`FakeSite` from
test_crawl_e2e.py, with bodies written here) and, for slowloris, a raw socket server that
trickles its answer a byte at a time. Deadlines are fractions of a second, so the module is fast.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO
from gsomia_news.cli import main
from gsomia_news.errors import FetchError
from gsomia_news.fetch import CrawlOptions, FetchOptions, crawl, load_config, options_from_cli
from gsomia_news.fetch.http import Fetcher
from gsomia_news.fetch.robots import parse_robots
from gsomia_news.store.corpus import page_dir, versions
from test_crawl_e2e import FakeSite, Route, closed_port_url, write_config

KBS_VIEW = "/service/news_view.htm?lang=e&Seq_Code={}"
AGENT = "gsomia-news/0.1.0 (GSOMIA news research crawler; +mailto:a@b.c)"


def _listing(*hrefs: str) -> bytes:
    # Hand-made: the shape of the fake KBS World news list in tests/fixtures/sites/kbs-world/.
    links = "".join(f'<li><a href="{h}">Story</a></li>' for h in hrefs)
    return f"<!doctype html><html><body><ul class='list'>{links}</ul></body></html>".encode()


EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>KBS</title></channel></rss>'


def small_kbs(robots: str, *pages: str, extra_links: tuple[str, ...] = ()) -> FakeSite:
    """A fake KBS World with a one-page news list linking `pages` (fixture files 9000NN.html)."""
    listing = _listing(*(KBS_VIEW.format(p) for p in pages), *extra_links)
    routes = {
        "/robots.txt": Route(data=robots.encode(), content_type="text/plain"),
        "/service/news_list.htm?lang=e&page=1": Route(data=listing),
        "/service/news_list.htm?lang=e&page=2": Route(data=listing),  # nothing new: pagination stops
        "/rss/rss_news.htm?lang=e": Route(data=EMPTY_RSS, content_type="application/rss+xml"),
    }
    routes.update({KBS_VIEW.format(p): Route(f"{p}.html") for p in pages})
    return FakeSite("kbs-world", routes)


@pytest.fixture
def kbs_factory() -> Iterator:
    made: list[FakeSite] = []

    def make(*args: object, **kw: object) -> FakeSite:
        site = small_kbs(*args, **kw)  # type: ignore[arg-type]
        made.append(site)
        return site

    yield make
    for site in made:
        site.close()


def _options(tmp_path: Path, bases: dict[str, str], outlets: list[str]) -> CrawlOptions:
    config = write_config(tmp_path / "crawl.toml", tmp_path / "corpus", bases, outlets)
    return replace(load_config(config), progress=False)


# ---------------------------------------------------------------- 14. robots.txt as RFC 9309 says


def test_robots_rule_in_the_sites_own_url_form_holds(tmp_path: Path, kbs_factory) -> None:  # noqa: ANN001
    site = kbs_factory("User-agent: *\nDisallow: /service/news_view.htm?lang=e&Seq_Code=900002\n", "900001", "900002")
    summary = crawl(_options(tmp_path, {"kbs-world": site.base}, ["kbs-world"]))
    url = "http://world.kbs.co.kr" + KBS_VIEW.format("900002")
    assert dict(summary.skips)[url] == f"disallowed by robots.txt: {url}"
    assert site.hits[KBS_VIEW.format("900002")] == 0 and not [p for _, p, _ in site.log if "900002" in p]
    assert summary.new == 1
    # The page that was fetched was requested exactly as the site links it.
    assert versions(page_dir(tmp_path / "corpus", url.replace("900002", "900001")))[0].url == url.replace("900002", "900001")


@pytest.mark.parametrize(("robots", "path", "allowed"), [
    # RFC 9309 2.2.2: the most specific (longest) match wins, whatever the order of the lines.
    ("User-agent: *\nDisallow: /news\nAllow: /news/gsomia", "/news/gsomia-pact", True),
    ("User-agent: *\nDisallow: /news\nAllow: /news/gsomia", "/news/other", False),
    # ... and on a tie, Allow wins.
    ("User-agent: *\nDisallow: /page\nAllow: /page", "/page", True),
    # `*` matches any characters, `$` the end of the path.
    ("User-agent: *\nDisallow: /*.pdf", "/files/report.pdf", False),
    ("User-agent: *\nDisallow: /*.htm$", "/a/story.htm", False),
    ("User-agent: *\nDisallow: /*.htm$", "/a/story.html", True),
    # A query is part of what rules match, in the order it is written.
    ("User-agent: *\nDisallow: /view?lang=e&id=1", "/view?lang=e&id=1", False),
    ("User-agent: *\nDisallow: /view?lang=e&id=1", "/view?id=1&lang=e", True),
    # Our own group, not the `*` group, applies to us.
    ("User-agent: *\nDisallow: /\n\nUser-agent: gsomia-news\nAllow: /", "/anything", True),
])
def test_robots_rules_follow_rfc_9309(robots: str, path: str, allowed: bool) -> None:
    rules = parse_robots(robots, AGENT)
    assert rules.parser is not None and rules.parser.can_fetch("http://h.example" + path, AGENT) is allowed


# ---------------------------------------------------------------- 15. slowloris


class Trickler:
    """A raw socket server on 127.0.0.1 that answers one byte every `gap` seconds (at most `limit`)."""

    def __init__(self, head: bytes, trickle: bytes, gap: float = 0.05) -> None:
        self.head, self.trickle, self.gap = head, trickle, gap
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/service/news_view.htm?lang=e&Seq_Code=1"

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self.answer, args=(conn,), daemon=True).start()

    def answer(self, conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            conn.sendall(self.head)
            for byte in self.trickle:
                if self.stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize(("head", "trickle"), [
    # Content-Length announced, then the body a byte at a time (each read well inside read_timeout).
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n", b"<p>" + b"x" * 80),
    # The headers themselves a byte at a time.
    (b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"y" * 80),
])
def test_a_trickling_server_is_cut_off_at_the_total_deadline(head: bytes, trickle: bytes) -> None:
    server = Trickler(head, trickle)
    try:
        fetcher = Fetcher(FetchOptions(total_timeout=0.5, read_timeout=1.0, connect_timeout=1.0, retries=1,
                                       backoff_factor=0.0, min_delay=0.0, use_env_proxies=False))
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"within the total timeout \(0.5 s\)"):
            fetcher.get(server.url)
        elapsed = time.monotonic() - started
        # Both attempts together: the retry finds the deadline already passed. The trickle alone
        # would take over 4 s.
        assert elapsed < 1.5, elapsed
    finally:
        server.close()


# ---------------------------------------------------------------- 16. one absurd link fails alone


def test_a_listing_link_with_a_300_digit_number_fails_alone(tmp_path: Path, kbs_factory) -> None:  # noqa: ANN001
    absurd = KBS_VIEW.format("9" * 300)
    site = kbs_factory("User-agent: *\nDisallow:\n", "900001", "900002", extra_links=(absurd,))
    summary = crawl(_options(tmp_path, {"kbs-world": site.base}, ["kbs-world"]))
    assert summary.outlets_failed == [] and summary.new == 2
    ((url, reason),) = summary.failed
    assert "9" * 100 in url and "article number too long" in reason
    assert summary.exit_code == 3
    assert site.hits[absurd] == 0


# ---------------------------------------------------------------- 17. config values of the wrong type


@pytest.mark.parametrize(("line", "key"), [
    ('[fetch]\ntotal_timeout = "10"', "total_timeout"),
    ("[fetch]\nretries = 2.5", "retries"),
    ("[fetch]\nuse_env_proxies = 1", "use_env_proxies"),
    ("[fetch]\nmin_delay = -1", "min_delay"),
    ('[crawl]\noutlets = "kbs-world"', "outlets"),
    ('[crawl]\nsince = "last week"', "since"),
    ("[crawl]\nmax_pages = 0", "max_pages"),
])
def test_a_config_value_of_the_wrong_type_is_exit_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, key: str
) -> None:
    table, setting = line.split("\n")
    name, value = (part.strip() for part in setting.split("=", 1))
    # Everything else points at a closed local port, so no request could leave this machine.
    tables = {"crawl": {"outlets": '["kbs-world"]'}, "fetch": {"use_env_proxies": "false"},
              "base_urls": {"kbs-world": f'"{closed_port_url()}"'}}
    tables[table.strip("[]")][name] = value
    config = tmp_path / "crawl.toml"
    config.write_text("".join(f"[{t}]\n" + "".join(f"{k} = {v}\n" for k, v in kv.items()) for t, kv in tables.items()),
                      encoding="utf-8")
    assert main(["crawl", "--config", str(config), "--corpus", str(tmp_path / "corpus"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert re.search(rf"\[(fetch|crawl)\] {key}: ", err), err


# ---------------------------------------------------------------- issue 15: README's crawl section


def test_the_example_config_lists_every_setting_with_its_default() -> None:
    from gsomia_news.fetch.policy import settings_of

    path = REPO / "scripts" / "crawl.example.toml"
    text = path.read_text(encoding="utf-8")
    options = load_config(path)  # it loads as it is
    assert options.fetch.contact != CrawlOptions().fetch.contact  # ... with a contact to replace
    tables: dict[str, dict[str, str]] = {}
    table = None
    for raw in text.splitlines():
        if m := re.match(r"^\[(\w+)\]", raw):
            table = m.group(1)
            tables.setdefault(table, {})
        elif table and (m := re.match(r"^(#\s*)?([a-z_][a-z0-9_-]*)\s*=", raw)):
            tables[table][m.group(2)] = "commented" if m.group(1) else "set"
    assert set(tables) == {"fetch", "crawl", "base_urls"}
    assert tables["base_urls"], "[base_urls] has an example line"
    active = tomllib.loads(text)
    for name, cls, current in (("fetch", FetchOptions, options.fetch), ("crawl", CrawlOptions, options)):
        defaults = settings_of(cls)
        assert set(tables[name]) == set(defaults), f"[{name}]: {set(defaults) ^ set(tables[name])}"
        for key, default in defaults.items():
            if tables[name][key] == "set" and key != "contact":
                assert getattr(current, key) == default, f"[{name}] {key} shown as {active[name][key]!r}, default {default!r}"


def test_outlet_takes_a_comma_list_and_repeats(capsys: pytest.CaptureFixture[str]) -> None:
    options = options_from_cli(outlets=["kbs-world,korea-joongang-daily", " donga ", "kbs-world"])
    assert options.outlets == ("kbs-world", "korea-joongang-daily", "donga")
    assert main(["crawl", "--outlet", "kbs-world,nope", "--quiet"]) == 2
    assert "unknown outlet 'nope'" in capsys.readouterr().err


def test_quiet_does_not_hide_the_contact_warning(tmp_path: Path, kbs_factory,  # noqa: ANN001
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = kbs_factory("User-agent: *\nDisallow:\n", "900001")
    config = write_config(tmp_path / "crawl.toml", tmp_path / "corpus", {"kbs-world": site.base}, ["kbs-world"])
    config.write_text(config.read_text().replace('contact = "mailto:e2e-test@example.org"\n', ""))
    assert main(["crawl", "--config", str(config), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning: no contact configured" in err
    assert "[kbs-world]" not in err  # the progress lines are what --quiet hides


def test_generic_url_forms_of_one_page_share_one_folder(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Seoul keeps the pact\n\nSouth Korea said on Friday it would keep the pact.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    forms = ["https://www.seoulherald.example/politics/gsomia-1?utm_source=twitter&fbclid=x",
             "http://seoulherald.example/politics/gsomia-1",
             "https://m.seoulherald.example/politics/gsomia-1#comments"]
    for url in forms:
        assert main(["ingest", str(page), "--url", url, "--corpus", str(corpus)]) == 0
    page.write_text(page.read_text() + "\nUpdated.\n", encoding="utf-8")
    assert main(["ingest", str(page), "--url", forms[2], "--corpus", str(corpus)]) == 0
    (folder,) = [p for p in (corpus / "generic").iterdir()]
    assert [e.version for e in versions(folder)] == [1, 2]
    assert {page_dir(corpus, url) for url in forms} == {folder}


def test_max_pages_is_per_outlet(tmp_path: Path, kbs_factory) -> None:  # noqa: ANN001
    kbs = kbs_factory("User-agent: *\nDisallow:\n", "900001", "900002")
    ja_page = "/2019/11/22/politics/Seoul-suspends-Gsomia/3070001.html"
    ja = FakeSite("korea-joongang-daily", {
        "/robots.txt": Route(data=b"User-agent: *\nDisallow: /search\n", content_type="text/plain"),
        "/section/national/politics": Route(data=_listing(ja_page, "/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html")),
        ja_page: Route("3070001.html"),
        "/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html": Route("3070002.html"),
    })
    try:
        options = replace(_options(tmp_path, {"kbs-world": kbs.base, "korea-joongang-daily": ja.base},
                                   ["kbs-world", "korea-joongang-daily"]), max_pages=1)
        summary = crawl(options, err=io.StringIO())
    finally:
        ja.close()
    assert summary.new == 2 and summary.deferred == 2  # one page of each outlet, one left of each
    assert sorted(p.parent.parent.name for p in (tmp_path / "corpus").glob("*/*/001.json")) == [
        "kbs-world", "korea-joongang-daily"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`--max-pages` per outlet" in readme
