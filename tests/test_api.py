"""The Python API: `gsomia_news.extract` for one page, `gsomia_news.read_dataset` for tidy tables."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import gsomia_news
from conftest import REPO, read_articles
from gsomia_news.errors import InputError

pd = pytest.importorskip("pandas", reason="read_dataset needs the [notebook] extra (pandas)")

JOONGANG_UNDATED = "https://koreajoongangdaily.joins.com/news/article/article.aspx?aid=3067078"


def _seed(seed_build: Path, article_id: str) -> tuple[dict, bytes]:
    """A seed article from the build, and the raw bytes it was built from."""
    article = next(a for a in read_articles(seed_build) if a["id"] == article_id)
    return article, (REPO / "corpus" / article["raw"]["path"]).read_bytes()


@pytest.mark.parametrize("article_id", ["donga:1892437", "kbs-world:149540", "korea-joongang-daily:3067078"])
def test_extract_gives_what_the_build_gives(seed_build: Path, article_id: str) -> None:
    built, raw = _seed(seed_build, article_id)
    article = gsomia_news.extract(raw, built["raw"]["url"], obtained_at=built["raw"]["obtained_at"])
    record = article.model_dump(mode="json")
    # Only where the page lives differs: the API's page is in no corpus.
    assert record["raw"].pop("path") == ""
    assert built["raw"].pop("path")
    assert record == built


def test_text_and_bytes_give_the_same_article(seed_build: Path) -> None:
    built, raw = _seed(seed_build, "kbs-world:149540")
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    from_bytes = gsomia_news.extract(raw, built["raw"]["url"], obtained_at=stamp)
    from_text = gsomia_news.extract(raw.decode("utf-8"), built["raw"]["url"], obtained_at=stamp)
    assert from_text == from_bytes
    assert from_text.raw.obtained_at == "2026-01-02T03:04:05Z"
    assert from_text.raw.sha256 == built["raw"]["sha256"]


def test_published_is_used_only_when_the_page_states_no_date(seed_build: Path) -> None:
    undated, raw = _seed(seed_build, "korea-joongang-daily:3067078")
    assert undated["published"] is None
    assert any(d["kind"] == "relative" and d["value"] is None for d in undated["dates"])
    article = gsomia_news.extract(raw, JOONGANG_UNDATED, published=date(2019, 11, 22))
    assert (article.published, article.published_source, article.published_date) == ("2019-11-22", "given", "2019-11-22")
    # Relative dates are now anchored to the given day: none of them stays unresolved.
    relative = [d for d in article.dates if d.kind == "relative"]
    assert relative and all(d.value for d in relative)
    dated, raw = _seed(seed_build, "donga:1892437")
    article = gsomia_news.extract(raw, dated["raw"]["url"], published="2001-01-01")
    assert article.published == dated["published"] and article.published_source == "text"


def test_published_datetime_keeps_its_local_day() -> None:
    kst = timezone(timedelta(hours=9))
    page = ("Seoul keeps the pact for now\n\n"
            "South Korea said on Friday that it would keep the intelligence-sharing pact with Japan.\n")
    article = gsomia_news.extract(page, "https://news.example.org/world/1",
                                  published=datetime(2019, 11, 23, 7, 30, tzinfo=kst))
    assert article.published == "2019-11-23T07:30:00+09:00"
    assert article.published_date == "2019-11-23"  # not the UTC day, 2019-11-22


@pytest.mark.parametrize(("page", "url", "kwargs", "message"), [
    ("", "https://news.example.org/a", {}, "empty page"),
    (b"\x89PNG\r\n\x00\x00\x00", "https://news.example.org/a", {}, "binary"),
    ("<p>text</p>", "ftp://news.example.org/a", {}, "not an http"),
    ("<p>text</p>", "https://news.example.org/a", {"published": datetime(2019, 11, 22, 9)}, "no time zone"),
    ("<p>text</p>", "https://news.example.org/a", {"published": "22 Nov 2019"}, "not ISO 8601"),
    (Path("page.html"), "https://news.example.org/a", {}, "not a path"),
])
def test_bad_input_is_a_coded_one_line_error(page: object, url: str, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        gsomia_news.extract(page, url, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith("[E101] ") and "\n" not in str(caught.value)


def test_import_is_light_and_the_api_resolves_however_it_is_reached() -> None:
    script = (
        "import sys, gsomia_news\n"
        "heavy = sorted(m for m in ('pandas', 'pyarrow', 'spacy', 'trafilatura', 'matplotlib') if m in sys.modules)\n"
        "print(heavy)\n"
        "import gsomia_news.extract.dates\n"  # the subpackage that shares the function's name
        "from gsomia_news import extract, read_dataset\n"
        "import inspect\n"
        "print(callable(gsomia_news.extract), callable(extract), list(inspect.signature(extract).parameters))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "True True ['page', 'url', 'published', 'obtained_at']"]


def test_python_dash_m_and_py_typed() -> None:
    out = subprocess.run([sys.executable, "-m", "gsomia_news", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"gsomia-news {gsomia_news.__version__}"
    assert (Path(gsomia_news.__file__).parent / "py.typed").is_file()


def test_read_dataset_gives_tidy_typed_tables(seed_build: Path) -> None:
    articles = read_articles(seed_build)
    people = json.loads((seed_build / "officials.json").read_text(encoding="utf-8"))
    t = gsomia_news.read_dataset(seed_build)
    assert set(t.tables) == {"articles", "dates", "officials", "mentions", "quotes", "people", "roles", "failures"}
    assert len(t.articles) == len(articles) and t.articles["id"].is_unique
    assert len(t.dates) == sum(len(a["dates"]) for a in articles)
    assert len(t.officials) == sum(len(a["officials"]) for a in articles)
    assert len(t.mentions) == sum(len(o["mentions"]) for a in articles for o in a["officials"])
    assert len(t.quotes) == sum(len(a["quotes"]) for a in articles)
    assert len(t.people) == len(people) and len(t.roles) == sum(len(p["roles"]) for p in people)
    # Keys join: every article-official and quote speaker is a person, every row an article.
    assert set(t.officials.person_id) | set(t.quotes.person_id) <= set(t.people.person_id)
    assert set(t.dates.article_id) | set(t.officials.article_id) <= set(t.articles.id)
    for table, column in [("articles", "published_date"), ("dates", "range_start"), ("people", "first_date"),
                          ("roles", "last_date"), ("officials", "published_date")]:
        assert pd.api.types.is_datetime64_dtype(t.tables[table][column]), (table, column)
    assert isinstance(t.articles.published_utc.dtype, pd.DatetimeTZDtype)
    assert t.articles.n_words.dtype == "int64"
    assert t.manifest["schema_version"] == "2.0"


def test_read_dataset_keeps_the_local_day_of_a_kst_stamp(seed_build: Path) -> None:
    t = gsomia_news.read_dataset(seed_build)
    row = t.articles.set_index("id").loc["donga:1892437"]
    assert row.published == "2019-11-04T07:29:00+09:00"
    assert row.published_date == pd.Timestamp("2019-11-04")  # the day as printed
    assert row.published_utc == pd.Timestamp("2019-11-03T22:29:00Z")  # the instant, in UTC
    undated = t.articles.set_index("id").loc["korea-times:278906"]
    assert pd.isna(undated.published_date) and pd.isna(undated.published_utc)
    per_month = t.articles.dropna(subset=["published_date"]).groupby(t.articles.published_date.dt.to_period("M")).size()
    assert per_month.to_dict() == {pd.Period("2019-11", "M"): 2, pd.Period("2020-02", "M"): 1}


def test_read_dataset_takes_a_build_folder_and_refuses_a_non_dataset(seed_build: Path, tmp_path: Path) -> None:
    assert gsomia_news.read_dataset(seed_build.parent).path == seed_build.parent / "latest"
    with pytest.raises(InputError, match="no dataset at"):
        gsomia_news.read_dataset(tmp_path)


def test_readme_notebook_snippet_runs(seed_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    snippet = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(snippet.strip().splitlines()) == 5
    monkeypatch.chdir(seed_build.parent.parent)  # where build/latest is
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    tables = namespace["t"]
    assert pd.api.types.is_datetime64_dtype(tables.articles.published_date)
