"""relevance suite: does the crawler's relevance check (also ingest-warc's last test) keep a
page that names the pact in its story, on templates it has never seen?

Held-out proxy over ../shared/benchmarks/aeb (181 real HTML pages, none about GSOMIA): in each
page, the last place where five consecutive words of the ground-truth body are printed as text
(not inside a tag, a <script> or a <style>) gets " GSOMIA " put in front of it. The check must
then find the pact (`recall`). The pages as they are must not be found (`false_positives`): a
name in the wrong place, or a rule that reads the page's scripts, would show there. A page whose
body is printed nowhere as text (rendered by a script) is not counted. Then the other side: the
name put as the first text of the page's first <nav>, <header>, <footer> and <aside> (each
that the page has: `furniture_pages`) must not be found (`furniture_found`). Forms are left
out there: text put at the top of a form that wraps the page is the page's own.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from . import Skipped

_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_FURNITURE_TAGS = ("nav", "header", "footer", "aside")


def text_place(html: str, body: str) -> int | None:
    """Offset of the last place a five-word run of `body` is printed as text in `html`, or None."""
    hidden = [m.span() for m in _HIDDEN.finditer(html)]
    words = body.split()
    for start in range(len(words) // 2, max(len(words) - 5, 0), 3):  # from the middle of the story on
        probe, found = " ".join(words[start:start + 5]), None
        at = html.find(probe)
        while at >= 0:
            in_tag = html.rfind("<", 0, at) > html.rfind(">", 0, at)
            if not in_tag and not any(a <= at < b for a, b in hidden):
                found = at
            at = html.find(probe, at + 1)
        if found is not None:
            return found
    return None


def run(shared: Path, misses: bool = False, **_: object) -> dict:
    """{project: {pages, recall, missed, false_positives, furniture_pages, furniture_found}} over aeb."""
    from gsomia_news import relevance
    from gsomia_news.profiles import profile_for_url

    root = shared / "benchmarks" / "aeb"
    if not (root / "ground-truth.json").is_file():
        raise Skipped(f"{root / 'ground-truth.json'} not found")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = missed = false_positives = furniture_pages = furniture_found = 0
    listed: list[str] = []
    for key in sorted(truth):
        url = truth[key].get("url") or "https://example.com/"
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        profile = profile_for_url(url)
        if relevance.about_pact(html, "text/html", profile):
            false_positives += 1
            listed.append(f"{key}\tfound in the page as it is\t{url}")
        for tag in _FURNITURE_TAGS:
            opening = re.search(rf"<{tag}\b[^>]*>", html, re.I)
            if opening is None:
                continue
            furniture_pages += 1
            if relevance.about_pact(html[:opening.end()] + " GSOMIA " + html[opening.end():], "text/html", profile):
                furniture_found += 1
                listed.append(f"{key}\tfound when named only in its <{tag}>\t{url}")
        at = text_place(html, truth[key].get("articleBody") or "")
        if at is None:
            continue
        pages += 1
        if not relevance.about_pact(html[:at] + " GSOMIA " + html[at:], "text/html", profile):
            missed += 1
            listed.append(f"{key}\tnamed in the story, not found\t{url}")
    if misses:
        print("--- relevance misses ---\n" + "\n".join(listed), file=sys.stderr)
    return {"project": {"pages": pages, "recall": round((pages - missed) / pages, 4) if pages else 0.0,
                        "missed": missed, "false_positives": false_positives,
                        "furniture_pages": furniture_pages, "furniture_found": furniture_found}}
