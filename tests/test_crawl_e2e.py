"""End to end: `crawl` and `update` against fake outlets served from 127.0.0.1 by the test itself.

Each fake outlet is an http.server in a thread (port 0) serving the hand-made pages under
tests/fixtures/sites/<outlet>/; a crawl config maps the outlet's base URL to it, so the outlet's
real URL patterns, profile and corpus folders are used unchanged. Faults injected: a response
slower than the read timeout, 429 with Retry-After, 500 then success, a redirect loop, a body
shorter than its Content-Length, a wrong declared charset, an EUC-KR page, a page disallowed by
robots.txt (with a Crawl-delay), a redirect off the outlet's hosts, an irrelevant page, and an
outlet whose server is down. No request leaves 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gsomia_news.store.corpus import page_dir, versions
from gsomia_news.errors import LockError
from gsomia_news.fetch import CrawlOptions, crawl, crawl_command, load_config, update
from gsomia_news.textcodec import decode

SITES = Path(__file__).parent / "fixtures" / "sites"

# Test timing: short delays so the whole module stays well under a minute.
MIN_DELAY = 0.15
JOONGANG_CRAWL_DELAY = 0.3  # from the fake robots.txt
READ_TIMEOUT = 0.4
SLOW_SECONDS = 1.5
TOLERANCE = 0.02

KBS = "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code={}"  # the site's own query order
JA = "https://koreajoongangdaily.joins.com"


@dataclass
class Route:
    """What the fake server answers for one path."""

    file: str | None = None
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fault: str | None = None  # 429-once, 500-once, slow, truncate
    status: int = 200
    location: str | None = None  # redirect target; "{base}" is the server's own base URL
    data: bytes | None = None  # a body made by the test itself, instead of `file`


def _key(path: str) -> str:
    """Path with its query parameters sorted, so that canonical (sorted) URLs match."""
    parts = urlsplit(path)
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return parts.path + (f"?{query}" if query else "")


class FakeSite:
    """One fake outlet on 127.0.0.1: routes, fault injection, and a log of every request."""

    def __init__(self, folder: str, routes: dict[str, Route]) -> None:
        self.folder = SITES / folder
        self.routes = {_key(k): v for k, v in routes.items()}
        self.log: list[tuple[float, str, int]] = []  # (arrival, path, status)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                site.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def body(self, route: Route) -> bytes:
        if route.data is not None:
            return route.data
        return (self.folder / route.file).read_bytes() if route.file else b""

    def record(self, path: str, status: int, arrival: float) -> None:
        with self.lock:
            self.log.append((arrival, path, status))

    def statuses(self, path: str) -> list[int]:
        return [status for _, p, status in sorted(self.log) if p == _key(path)]

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        arrival = time.monotonic()
        key = _key(req.path)
        with self.lock:
            self.hits[key] += 1
            hit = self.hits[key]
        route = self.routes.get(key)
        try:
            if route is None:
                self.record(key, 404, arrival)
                self.send(req, 404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.fault == "429-once" and hit == 1:
                self.record(key, 429, arrival)
                self.send(req, 429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"})
                return
            if route.fault == "500-once" and hit == 1:
                self.record(key, 500, arrival)
                self.send(req, 500, b"oops", {"Content-Type": "text/plain"})
                return
            if route.location:
                self.record(key, route.status, arrival)
                self.send(req, route.status, b"", {"Location": route.location.replace("{base}", self.base)})
                return
            if route.fault == "slow":
                self.record(key, 200, arrival)
                time.sleep(SLOW_SECONDS)
                self.send(req, 200, self.body(route), {"Content-Type": route.content_type})
                return
            if (route.etag and req.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and req.headers.get("If-Modified-Since") == route.last_modified
            ):
                self.record(key, 304, arrival)
                self.send(req, 304, b"", {"ETag": route.etag or ""} if route.etag else {})
                return
            headers = {"Content-Type": route.content_type}
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            body = self.body(route)
            self.record(key, 200, arrival)
            if route.fault == "truncate":
                # Promise more bytes than are sent, then close the connection.
                headers["Content-Length"] = str(len(body) + 4000)
                self.send(req, 200, body, headers, length=False)
                return
            self.send(req, 200, body, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow page): expected

    @staticmethod
    def send(req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str], length: bool = True) -> None:
        req.send_response(status)
        for name, value in headers.items():
            req.send_header(name, value)
        if length and status != 304:
            req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if status != 304:
            req.wfile.write(body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def kbs_site() -> FakeSite:
    page = "/service/news_view.htm?lang=e&Seq_Code={}"
    return FakeSite("kbs-world", {
        "/robots.txt": Route("robots.txt", "text/plain"),
        "/service/news_list.htm?lang=e&page=1": Route("news_list.html"),
        "/service/news_list.htm?lang=e&page=2": Route("news_list.html"),  # nothing new: stop
        "/rss/rss_news.htm?lang=e": Route("rss.xml", "application/rss+xml"),
        page.format(900001): Route("900001.html", etag='"k-900001"'),
        page.format(900002): Route("900002.html", "text/html; charset=EUC-KR",
                                   last_modified="Fri, 22 Nov 2019 10:02:00 GMT"),
        page.format(900003): Route("900003.html", etag='"k-900003"', fault="429-once"),
        page.format(900004): Route("900004.html", etag='"k-900004"',
                                   last_modified="Sat, 23 Nov 2019 01:30:00 GMT", fault="500-once"),
        page.format(900005): Route("900005.html", fault="slow"),
        page.format(900006): Route("900006.html", etag='"k-900006"'),
    })


def joongang_site() -> FakeSite:
    return FakeSite("korea-joongang-daily", {
        "/robots.txt": Route("robots.txt", "text/plain"),
        "/section/national/politics": Route("politics.html"),
        "/sitemap.xml": Route("sitemap.xml", "application/xml"),
        "/search?keyword=GSOMIA&page=1": Route("politics.html"),  # must never be asked for
        "/2019/11/22/politics/Seoul-suspends-Gsomia/3070001.html": Route("3070001.html", etag='"j-1"'),
        "/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html": Route(
            "3070002.html", "text/html; charset=ISO-8859-1", last_modified="Sat, 23 Nov 2019 00:00:00 GMT"),
        "/2019/11/24/politics/Pact-explainer/3070003.html": Route(status=302, location="/loop-b"),
        "/loop-b": Route(status=302, location="{base}/2019/11/24/politics/Pact-explainer/3070003.html"),
        "/2019/11/25/politics/Gsomia-timeline/3070004.html": Route("3070004.html", fault="truncate"),
        "/2019/11/26/politics/Members-only/3070005.html": Route("3070005.html"),
        "/2019/11/27/politics/Sponsored/3070006.html": Route(status=301, location="http://ads.example.net/landing"),
        "/news/article/article.aspx?aid=3070007": Route(
            status=301, location="{base}/2019/11/28/politics/Esper-to-visit-Seoul/3070007.html"),
        "/2019/11/28/politics/Esper-to-visit-Seoul/3070007.html": Route("3070007.html", etag='"j-7"'),
    })


def closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def sites() -> Iterator[dict[str, FakeSite]]:
    made = {"kbs-world": kbs_site(), "korea-joongang-daily": joongang_site()}
    yield made
    for site in made.values():
        site.close()


def write_config(path: Path, corpus: Path, base_urls: dict[str, str], outlets: list[str]) -> Path:
    """The crawl config a user would pass with --config: short test delays, local base URLs."""
    lines = [
        "[crawl]",
        f'corpus = "{corpus}"',
        f"outlets = {json.dumps(outlets)}",
        "discovery_pages = 2",
        "[fetch]",
        'contact = "mailto:e2e-test@example.org"',
        f"min_delay = {MIN_DELAY}",
        "connect_timeout = 1.0",
        f"read_timeout = {READ_TIMEOUT}",
        "total_timeout = 5.0",
        "retries = 1",
        "backoff_factor = 0.1",
        "max_retry_after = 5",
        "use_env_proxies = false",
        "[base_urls]",
    ] + [f'{key} = "{base}"' for key, base in base_urls.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def gaps(site: FakeSite) -> list[float]:
    times = sorted(t for t, _, _ in site.log)
    return [b - a for a, b in zip(times, times[1:])]


def corpus_files(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("[0-9][0-9][0-9].*"))


GOOD = {
    KBS.format(900001): ("kbs-world", "900001.html"),
    KBS.format(900002): ("kbs-world", "900002.html"),
    KBS.format(900003): ("kbs-world", "900003.html"),
    KBS.format(900004): ("kbs-world", "900004.html"),
    f"{JA}/2019/11/22/politics/Seoul-suspends-Gsomia/3070001.html": ("korea-joongang-daily", "3070001.html"),
    f"{JA}/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html": ("korea-joongang-daily", "3070002.html"),
    "http://koreajoongangdaily.joins.com/news/article/article.aspx?aid=3070007": ("korea-joongang-daily", "3070007.html"),
}


def test_crawl_end_to_end_with_faults_then_recrawl_costs_only_304s(
    sites: dict[str, FakeSite], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    base_urls = {key: site.base for key, site in sites.items()}
    base_urls["donga"] = closed_port_url()  # an outlet whose server is down
    config = write_config(tmp_path / "crawl.toml", corpus, base_urls, ["kbs-world", "korea-joongang-daily", "donga"])
    options = load_config(config)
    err = io.StringIO()

    started = time.monotonic()
    summary = crawl(options, err=err)
    first_run = time.monotonic() - started

    # --- every good page is in the corpus, byte for byte, under its outlet's real URL
    for url, (folder, name) in GOOD.items():
        stored = versions(page_dir(corpus, url))
        assert len(stored) == 1, url
        entry = stored[0]
        assert entry.how == "crawl" and entry.url == url and entry.http is not None
        assert (corpus / entry.path).read_bytes() == (SITES / folder / name).read_bytes()
        assert entry.content_type == "text/html"
    assert sorted(p.name for p in corpus.iterdir() if p.is_dir()) == ["kbs-world", "korea-joongang-daily"]

    # --- charsets: EUC-KR (really CP949) and a wrong ISO-8859-1 label are recorded as decoded
    euckr = versions(page_dir(corpus, KBS.format(900002)))[0]
    assert euckr.http.charset == "cp949" and euckr.http.last_modified == "Fri, 22 Nov 2019 10:02:00 GMT"
    assert "지소미아" in decode((corpus / euckr.path).read_bytes(), euckr.http.charset)[0]
    mislabelled = versions(page_dir(corpus, f"{JA}/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html"))[0]
    assert mislabelled.http.charset == "utf-8"
    assert "군사정보보호협정" in decode((corpus / mislabelled.path).read_bytes(), mislabelled.http.charset)[0]
    # --- an on-host redirect is followed and recorded with the outlet's URL, not 127.0.0.1
    moved = versions(page_dir(corpus, "http://koreajoongangdaily.joins.com/news/article/article.aspx?aid=3070007"))[0]
    assert moved.http.final_url == "http://koreajoongangdaily.joins.com/2019/11/28/politics/Esper-to-visit-Seoul/3070007.html"
    assert moved.http.etag == '"j-7"'

    # --- bad pages are reported with their reason; nothing of them is stored
    failed = dict(summary.failed)
    assert "read timeout" in failed[KBS.format(900005)]
    assert "redirect loop" in failed[f"{JA}/2019/11/24/politics/Pact-explainer/3070003.html"]
    assert "truncated body" in failed[f"{JA}/2019/11/25/politics/Gsomia-timeline/3070004.html"]
    assert "another host refused" in failed[f"{JA}/2019/11/27/politics/Sponsored/3070006.html"]
    donga = [reason for url, reason in summary.failed if "donga.com" in url]
    assert len(donga) == 2 and all("robots.txt unreachable" in r for r in donga)
    assert summary.outlets_failed == ["donga"]
    for url in (KBS.format(900005), KBS.format(900006), f"{JA}/2019/11/25/politics/Gsomia-timeline/3070004.html"):
        assert not page_dir(corpus, url).exists(), url
    skips = dict(summary.skips)
    assert skips[KBS.format(900006)] == "not about GSOMIA"  # "GSOMIA" only in its related-news box
    assert "robots.txt" in skips[f"{JA}/2019/11/26/politics/Members-only/3070005.html"]
    assert (summary.discovered, summary.new, summary.changed, summary.unchanged, summary.skipped, len(summary.failed)) \
        == (13, 7, 0, 0, 3, 6)
    assert summary.exit_code == 3

    # --- robots.txt obeyed: the disallowed page and search were never requested
    ja = sites["korea-joongang-daily"]
    assert ja.hits["/2019/11/26/politics/Members-only/3070005.html"] == 0
    assert ja.hits["/search?keyword=GSOMIA&page=1"] == 0
    # --- retries: 429 then 200, 500 then 200, the slow page tried twice (retries = 1)
    kbs = sites["kbs-world"]
    assert kbs.statuses("/service/news_view.htm?lang=e&Seq_Code=900003") == [429, 200]
    assert kbs.statuses("/service/news_view.htm?lang=e&Seq_Code=900004") == [500, 200]
    assert kbs.hits[_key("/service/news_view.htm?lang=e&Seq_Code=900005")] == 2

    # --- politeness, measured on the server: per-host gaps, Crawl-delay, Retry-After
    assert min(gaps(kbs)) >= MIN_DELAY - TOLERANCE
    assert min(gaps(ja)) >= JOONGANG_CRAWL_DELAY - TOLERANCE
    retry_log = [t for t, p, _ in sorted(kbs.log) if p == _key("/service/news_view.htm?lang=e&Seq_Code=900003")]
    assert retry_log[1] - retry_log[0] >= 1.0 - TOLERANCE  # Retry-After: 1

    # --- progress lines on stderr
    progress = err.getvalue()
    assert "crawl: [kbs-world] 1/6 new: http://world.kbs.co.kr/" in progress
    assert "crawl: [korea-joongang-daily] 3/7 skipped (robots.txt)" in progress

    # ================= second crawl of the unchanged sites: conditional GET, no new version
    before = corpus_files(corpus)
    for site in sites.values():
        site.log.clear()
    code = crawl_command(replace(options, progress=False))
    out = capsys.readouterr()
    assert code == 3  # the broken pages are still broken
    assert "7 unchanged" in out.out and "0 new, 0 changed" in out.out
    assert "failed http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=900005" in out.err
    assert corpus_files(corpus) == before
    # Every good page (and the irrelevant one, remembered in the crawl state) cost a 304.
    for path in ("/service/news_view.htm?lang=e&Seq_Code=900001", "/service/news_view.htm?lang=e&Seq_Code=900002",
                 "/service/news_view.htm?lang=e&Seq_Code=900003", "/service/news_view.htm?lang=e&Seq_Code=900004",
                 "/service/news_view.htm?lang=e&Seq_Code=900006"):
        assert kbs.statuses(path) == [304], path
    for path in ("/2019/11/22/politics/Seoul-suspends-Gsomia/3070001.html",
                 "/2019/11/23/politics/Korean-press-on-Gsomia/3070002.html",
                 "/2019/11/28/politics/Esper-to-visit-Seoul/3070007.html"):
        assert ja.statuses(path) == [304], path
    assert min(gaps(kbs)) >= MIN_DELAY - TOLERANCE
    assert min(gaps(ja)) >= JOONGANG_CRAWL_DELAY - TOLERANCE
    assert first_run < 30


def test_max_pages_fetches_new_articles_first(sites: dict[str, FakeSite], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    config = write_config(tmp_path / "crawl.toml", corpus, {"kbs-world": sites["kbs-world"].base}, ["kbs-world"])
    options = replace(load_config(config), max_pages=2, progress=False)
    summary = crawl(options)
    assert (summary.new, summary.deferred) == (2, 4)
    first = {e.name for e in (corpus / "kbs-world").iterdir()}
    assert first == {"900001", "900002"}
    summary = crawl(options)  # the two stored ones go last: the next two are fetched
    assert summary.new == 2
    assert {e.name for e in (corpus / "kbs-world").iterdir()} == first | {"900003", "900004"}


# ---------------------------------------------------------------- update and its lock


def _build_callable(corpus: Path, out: Path):  # noqa: ANN202 - returns the CLI's build call
    from gsomia_news.build import build
    from gsomia_news.settings import BuildOptions

    return lambda: build(BuildOptions(corpus=corpus, out=out, progress=False)).exit_code


def test_update_crawls_then_builds_and_releases_the_lock(sites: dict[str, FakeSite], tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    config = write_config(tmp_path / "crawl.toml", corpus, {"kbs-world": sites["kbs-world"].base}, ["kbs-world"])
    options = replace(load_config(config), progress=False)
    err = io.StringIO()
    code = update(options, _build_callable(corpus, out), out=io.StringIO(), err=err)
    assert code == 3  # the slow page failed; everything else was crawled and built
    articles = [json.loads(line) for line in (out / "latest" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = {a["id"] for a in articles}
    assert {"kbs-world:900001", "kbs-world:900003", "kbs-world:900004"} <= ids
    crawled = next(a for a in articles if a["id"] == "kbs-world:900001")
    assert crawled["raw"]["how"] == "crawl" and crawled["raw"]["url"].startswith("http://world.kbs.co.kr/")
    assert not options.lock_path.exists()


def test_update_refuses_while_another_update_runs(sites: dict[str, FakeSite], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    config = write_config(tmp_path / "crawl.toml", corpus, {"kbs-world": sites["kbs-world"].base}, ["kbs-world"])
    options = replace(load_config(config), progress=False)
    # Another process holds the lock (an update still running): it writes its holder line.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from gsomia_news.fetch.lock import UpdateLock\n"
        f"with UpdateLock(Path({str(options.lock_path)!r})):\n"
        "    print('held', flush=True)\n"
        "    sys.stdin.read()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        built: list[int] = []
        with pytest.raises(LockError, match=f"another update is running \\(pid {holder.pid} on {socket.gethostname()}"):
            update(options, lambda: built.append(1) or 0, out=io.StringIO(), err=io.StringIO())
        assert built == [] and sites["kbs-world"].log == []  # nothing crawled, nothing built
        assert options.lock_path.exists()  # someone else's lock is left alone
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0
    assert not options.lock_path.exists()  # its holder removed it when done
    assert str(LockError("x")).startswith("[E802]")


def test_update_takes_over_a_stale_lock(sites: dict[str, FakeSite], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    config = write_config(tmp_path / "crawl.toml", corpus, {"kbs-world": sites["kbs-world"].base}, ["kbs-world"])
    options = replace(load_config(config), progress=False, max_pages=1)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)  # that process has exited: a killed run's lock
    options.lock_path.parent.mkdir(parents=True)
    options.lock_path.write_text(f"{dead_pid} {socket.gethostname()} 2019-11-22T00:00:00Z\n")
    err = io.StringIO()
    code = update(options, lambda: 0, out=io.StringIO(), err=err)
    assert code == 0
    assert f"took over the stale lock of pid {dead_pid} on {socket.gethostname()}" in err.getvalue()
    assert not options.lock_path.exists()
    assert (corpus / "kbs-world" / "900001").is_dir()


@pytest.mark.parametrize("holder_line", [
    "1 other-container-7f3a 2019-11-22T00:00:00Z\n",  # another host: its pid cannot be checked from here
    "{own_pid} {host} 2019-11-22T00:00:00Z\n",  # a pid that now belongs to a live process (us)
    "",  # a run killed between creating the file and writing its line
])
def test_a_lock_file_no_run_holds_is_taken_over(tmp_path: Path, holder_line: str) -> None:
    from gsomia_news.fetch.lock import UpdateLock

    path = tmp_path / ".update.lock"
    path.write_text(holder_line.format(own_pid=os.getpid(), host=socket.gethostname()))
    with UpdateLock(path) as lock:
        assert (lock.took_over is None) == (holder_line == "")
        assert path.read_text() == lock.info.line()
        with pytest.raises(LockError, match=f"another update is running \\(pid {os.getpid()} on "):
            UpdateLock(path).acquire()  # while held, even by this very process, no second run gets it
    assert not path.exists()


def test_lock_of_a_killed_holder_never_blocks(tmp_path: Path) -> None:
    from gsomia_news.fetch.lock import UpdateLock

    path = tmp_path / ".update.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from gsomia_news.fetch.lock import UpdateLock\n"
        f"UpdateLock(Path({str(path)!r})).acquire()\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockError, match=f"pid {holder.pid}"):
        UpdateLock(path).acquire()
    holder.kill()  # kill -9: no cleanup code runs, the holder line stays in the file
    holder.wait(timeout=30)
    assert path.read_text().startswith(f"{holder.pid} ")
    with UpdateLock(path) as lock:
        assert lock.took_over is not None and lock.took_over.pid == holder.pid
        assert path.read_text().startswith(f"{os.getpid()} ")
    assert not path.exists()


def test_unknown_outlet_is_bad_input(tmp_path: Path) -> None:
    from gsomia_news.errors import InputError

    with pytest.raises(InputError, match="unknown outlet 'nope'"):
        crawl(CrawlOptions(corpus=tmp_path / "c", outlets=("nope",), progress=False))


def test_update_fails_when_no_outlet_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    config = write_config(tmp_path / "crawl.toml", corpus, {"donga": closed_port_url()}, ["donga"])
    options = replace(load_config(config), progress=False)
    built: list[int] = []
    err = io.StringIO()
    code = update(options, lambda: built.append(1) or 0, out=io.StringIO(), err=err)
    assert code == 1 and built == [1]  # the existing corpus is still rebuilt
    assert "the crawl reached no outlet" in err.getvalue()


def test_cli_update_as_cron_runs_it(sites: dict[str, FakeSite], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from gsomia_news.cli import main
    from gsomia_news.load.validate import validate_dataset

    corpus, out = tmp_path / "corpus", tmp_path / "build"
    config = write_config(tmp_path / "crawl.toml", corpus, {"kbs-world": sites["kbs-world"].base}, ["kbs-world"])
    code = main(["update", "--config", str(config), "--out", str(out), "--quiet"])
    assert code == 3  # the fixture site's slow page fails; the rest is crawled and built
    printed = capsys.readouterr().out
    assert "crawled 1 outlet(s)" in printed and "built " in printed
    assert not validate_dataset(out / "latest", corpus)
    # A second run of the unchanged site: nothing new is stored.
    before = corpus_files(corpus)
    main(["crawl", "--config", str(config), "--quiet"])
    assert corpus_files(corpus) == before
    assert " 0 new, 0 changed" in capsys.readouterr().out
