"""HTML pages: selectolax for profile selectors and metadata, trafilatura for the body,
htmldate as the metadata date fallback; the body lines then go through the line rules."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import trafilatura
from htmldate import find_date
from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from ..profiles import Profile, generic
from .lines import LineResult, classify, norm
from .rules import Rules
from .stamps import iso_offset

_BLOCKS = "p, h2, h3, h4, blockquote, li, pre"
_WS = re.compile(r"\s+")

_META_PUBLISHED = (
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publish-date']",
    "meta[property='og:published_time']",
)
_META_UPDATED = (
    "meta[property='article:modified_time']",
    "meta[itemprop='dateModified']",
    "meta[property='og:updated_time']",
)


@dataclass
class HtmlMeta:
    """Metadata read from the HTML head: dates with offsets, section, authors."""

    published: str | None = None
    updated: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    date_only: str | None = None  # htmldate's answer when no full timestamp is in the metadata


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if node.tag == "meta":
        return _WS.sub(" ", node.attributes.get("content") or "").strip()
    return _WS.sub(" ", node.text(deep=True, separator=" ")).strip()


def _first(tree: HTMLParser, selectors: list[str] | tuple[str, ...]) -> str:
    for selector in selectors:
        for node in tree.css(selector):
            value = _text(node)
            if value:
                return value
    return ""


def _json_ld(tree: HTMLParser) -> dict:
    for node in tree.css("script[type='application/ld+json']"):
        try:
            data = json.loads(node.text() or "")
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and any(k in item for k in ("datePublished", "headline")):
                return item
    return {}


def read_meta(tree: HTMLParser, html: str) -> HtmlMeta:
    """Dates, section and authors from meta tags and JSON-LD; htmldate when those have no date."""
    meta = HtmlMeta()
    ld = _json_ld(tree)
    published = _first(tree, _META_PUBLISHED) or str(ld.get("datePublished") or "")
    updated = _first(tree, _META_UPDATED) or str(ld.get("dateModified") or "")
    meta.published = iso_offset(published) or None if published else None
    meta.updated = iso_offset(updated) or None if updated else None
    meta.section = _first(tree, ("meta[property='article:section']",)) or None
    author = _first(tree, ("meta[name='author']", "meta[property='article:author']"))
    if author and not author.startswith("http"):
        meta.authors = [author]
    if meta.published is None:
        # Metadata only (no extensive search, no URL): htmldate must not guess from page text.
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        meta.date_only = found or None
    return meta


def _block_lines(node: Node) -> list[str]:
    blocks = node.css(_BLOCKS)
    if not blocks:
        return [ln for ln in node.text(deep=True, separator="\n").splitlines() if ln.strip()]
    lines = []
    for block in blocks:
        # Skip blocks nested in another block we already take (li inside blockquote ...).
        parent = block.parent
        nested = False
        while parent is not None and parent is not node:
            if parent.tag in ("p", "blockquote", "li"):
                nested = True
                break
            parent = parent.parent
        if not nested:
            text = _WS.sub(" ", block.text(deep=True, separator="")).strip()
            if text:
                lines.append(text)
    return lines


def _page_lines(tree: HTMLParser, selectors: list[str]) -> list[str]:
    lines: list[str] = []
    for selector in selectors:
        for node in tree.css(selector):
            lines.extend(ln for ln in node.text(deep=True, separator="\n").splitlines() if ln.strip())
    return lines


@dataclass
class HtmlResult:
    """Line-classified HTML article plus its metadata."""

    lines: LineResult
    meta: HtmlMeta
    subtitle: str | None


def clean_html(html: str, profile: Profile, rules: Rules) -> HtmlResult:
    """Title, stamps, bylines, captions and body paragraphs of an HTML page."""
    tree = HTMLParser(html)
    meta = read_meta(tree, html)
    title = _first(tree, profile.html.title + generic().html.title) or None
    subtitle = _first(tree, profile.html.subtitle) or None if profile.html.subtitle else None
    captions = []
    for selector in profile.html.caption + generic().html.caption:
        for node in tree.css(selector):
            text = _text(node)
            if text and norm(text) not in {norm(c) for c in captions}:
                captions.append(text)
            node.decompose()
    # Stamps and bylines printed in the header area, found before furniture is removed.
    header = _page_lines(tree, profile.html.stamp + profile.html.byline)
    for selector in profile.html.remove + generic().html.remove:
        for node in tree.css(selector):
            node.decompose()
    body_lines: list[str] | None = None
    for selector in profile.html.body:
        node = tree.css_first(selector)
        if node is not None:
            body_lines = _block_lines(node)
            break
    if body_lines is None:
        text = trafilatura.extract(
            html, favor_precision=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=True,
        ) or ""
        body_lines = text.splitlines()
    lines = [title or ""] + header + body_lines if title else header + body_lines
    result = classify(lines, rules, title=title)
    for caption in captions:
        if norm(caption) not in {norm(c) for c in result.captions}:
            result.captions.append(caption)
    caption_norms = {norm(c) for c in result.captions}
    result.paragraphs = [p for p in result.paragraphs if norm(p) not in caption_norms]
    if not result.authors and meta.authors:
        result.authors = meta.authors
    if result.section is None:
        result.section = meta.section
    return HtmlResult(lines=result, meta=meta, subtitle=subtitle)
