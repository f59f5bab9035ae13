"""HTML pages: selectolax for metadata, title, captions and page lines; trafilatura for the body
when no profile selector finds it; htmldate as the metadata date fallback. Body lines, and the
header lines around the headline (stamps, breadcrumb, byline), then go through the line rules.

Title: og:title, the profile's selectors, then <h1>s, the first that <title> also contains
(a logo <h1> "KBS 뉴스" is not the headline). Subtitle: the profile's selector, else a heading
or deck right after the headline element.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from ..profiles import Profile, generic
from .lines import LineResult, classify, is_header_line, norm
from .rules import Rules
from .stamps import iso_offset

_WS = re.compile(r"\s+")
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "head"}
_BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
          "nav", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "caption", "body", "center"}

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
_TITLE_META = ("meta[property='og:title']", "meta[name='twitter:title']")


@dataclass
class HtmlMeta:
    """Metadata read from the HTML head: dates with offsets, section, authors."""

    published: str | None = None
    updated: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    date_only: str | None = None  # htmldate's answer when no full timestamp is in the metadata


def node_lines(node: Node | None) -> list[str]:
    """Visible text of a node as lines, split at block elements and <br> (not at links)."""
    if node is None:
        return []
    parts: list[str] = []

    def walk(current: Node) -> None:
        for child in current.iter(include_text=True):
            if child.is_text_node:
                parts.append(child.text_content or "")
            elif child.tag == "br":
                parts.append("\n")
            elif child.tag in _SKIP or child.tag.startswith("-"):
                continue
            else:
                block = child.tag in _BLOCK
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(node)
    return [line for line in (_WS.sub(" ", ln).strip() for ln in "".join(parts).split("\n")) if line]


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if node.tag == "meta":
        return _WS.sub(" ", node.attributes.get("content") or "").strip()
    return " ".join(node_lines(node))


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
    from htmldate import find_date  # imported here: only HTML pages need it

    meta = HtmlMeta()
    ld = _json_ld(tree)
    published = _first(tree, _META_PUBLISHED) or str(ld.get("datePublished") or "")
    updated = _first(tree, _META_UPDATED) or str(ld.get("dateModified") or "")
    meta.published = (iso_offset(published) or None) if published else None
    meta.updated = (iso_offset(updated) or None) if updated else None
    meta.section = _first(tree, ("meta[property='article:section']",)) or None
    author = _first(tree, ("meta[name='author']", "meta[property='article:author']"))
    if author and not author.startswith("http") and "@" not in author and len(author.split()) <= 4:
        meta.authors = [author]
    if meta.published is None:
        # Metadata only (no extensive search, no URL): htmldate must not guess from page text.
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        meta.date_only = found or None
    return meta


def _pick_title(tree: HTMLParser, profile: Profile) -> tuple[str | None, Node | None]:
    """The headline and its element (None for metadata), checked against <title>."""
    page_title = norm(_first(tree, ("title",)))
    candidates: list[tuple[str, Node | None]] = []
    for selector in (*_TITLE_META, *profile.html.title, *generic().html.title, "h1", "h2"):
        for node in tree.css(selector):
            text = _text(node)
            if text and len(text.split()) >= 2:
                candidates.append((text, None if node.tag == "meta" else node))
    if not candidates:
        return None, None
    chosen = next((c for c in candidates if page_title and norm(c[0]) in page_title), candidates[0])
    # Prefer the visible element with that text (its neighbours give the deck).
    element = chosen[1] or next((n for t, n in candidates if n is not None and norm(t) == norm(chosen[0])), None)
    return chosen[0], element


def _subtitle(tree: HTMLParser, profile: Profile, title: str | None, title_node: Node | None) -> str | None:
    found = _first(tree, profile.html.subtitle + generic().html.subtitle)
    if not found and title_node is not None:
        sibling = title_node.next
        while sibling is not None and (sibling.is_text_node and not (sibling.text_content or "").strip()):
            sibling = sibling.next
        if sibling is not None and not sibling.is_text_node and sibling.tag in ("h2", "h3", "p"):
            classes = (sibling.attributes.get("class") or "").lower()
            if sibling.tag != "p" or any(k in classes for k in ("sub", "deck", "summary", "lead", "stand")):
                found = _text(sibling)
    if found and title and norm(found) != norm(title) and 3 <= len(found.split()) <= 60:
        return found
    return None


@dataclass
class HtmlResult:
    """Line-classified HTML article plus its metadata."""

    lines: LineResult
    meta: HtmlMeta
    subtitle: str | None


def clean_html(html: str, profile: Profile, rules: Rules) -> HtmlResult:
    """Title, stamps, bylines, captions and body paragraphs of an HTML page."""
    import trafilatura  # imported here: text captures and cached builds never need it

    tree = HTMLParser(html)
    meta = read_meta(tree, html)
    title, title_node = _pick_title(tree, profile)
    subtitle = _subtitle(tree, profile, title, title_node)
    captions: list[str] = []
    for selector in profile.html.caption + generic().html.caption:
        for node in tree.css(selector):
            text = _text(node)
            if text and norm(text) not in {norm(c) for c in captions}:
                captions.append(text)
            node.decompose()
    page = node_lines(tree.body)
    for selector in profile.html.remove + generic().html.remove:
        for node in tree.css(selector):
            node.decompose()
    body_lines: list[str] | None = None
    for selector in profile.html.body:
        node = tree.css_first(selector)
        if node is not None:
            body_lines = node_lines(node)
            break
    if body_lines is None:
        # Balanced mode, not favor_precision: precision mode drops story text that sits directly
        # in a <div> before a <br> (KBS radio scripts lose their "Anchor:" lead). Furniture that
        # balanced mode lets through is removed by the line rules below; comments never pass.
        # No `deduplicate`: trafilatura's duplicate filter is a process-wide cache, so a paragraph
        # seen in an earlier page (or the same page cleaned twice) would vanish: not deterministic.
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, include_images=False, deduplicate=False,
        ) or ""
        body_lines = [ln for ln in text.splitlines() if ln.strip()]
    skip = {norm(title or "")} | {norm(c) for c in captions}
    story = [ln for ln in body_lines if norm(ln) not in skip]
    header = [ln for ln in _header_lines(page, title, story) if is_header_line(ln, rules)]
    trailer = [ln for ln in _trailer_lines(page, story) if is_header_line(ln, rules)]
    result = classify([*([title] if title else []), *header, *body_lines, *trailer], rules, title=title)
    for caption in captions:
        if rules_caption_worthy(caption, rules) and norm(caption) not in {norm(c) for c in result.captions}:
            result.captions.append(caption)
    caption_norms = {norm(c) for c in result.captions}
    result.paragraphs = [p for p in result.paragraphs if norm(p) not in caption_norms]
    if not result.authors and meta.authors:
        result.authors = meta.authors
    if result.section is None:
        result.section = meta.section
    return HtmlResult(lines=result, meta=meta, subtitle=subtitle)


def rules_caption_worthy(caption: str, rules: Rules) -> bool:
    """A caption says something: not a bare credit such as "(Yonhap)" or "Photo : YONHAP News"."""
    if len(caption.split()) <= 3:
        return False
    return not any(pattern.search(caption) for cls, pattern, _ in rules.furniture if cls == "credit")


def _trailer_lines(page: list[str], story: list[str], limit: int = 4) -> list[str]:
    """A few page lines right after the story's last line: where closing bylines sit."""
    if not story:
        return []
    last = norm(story[-1])
    at = next((i for i in range(len(page) - 1, -1, -1) if norm(page[i]) == last), None)
    return [] if at is None else page[at + 1:at + 1 + limit]


def _header_lines(page: list[str], title: str | None, body_lines: list[str]) -> list[str]:
    """Page lines before the story (breadcrumb, stamps, byline), for the line rules to classify.

    Only lines before the first body line are taken; the classifier keeps stamps, bylines and
    breadcrumbs among them and drops the rest as furniture or pre-title lines.
    """
    if not body_lines:
        return []
    first_body = norm(body_lines[0])
    end = next((i for i, line in enumerate(page) if norm(line) == first_body), None)
    if end is None:
        end = next((i for i, line in enumerate(page) if first_body[:60] and first_body[:60] in norm(line)), len(page))
    header = page[:end]
    if title:
        title_norm = norm(title)
        at = next((i for i, line in enumerate(header) if norm(line) == title_norm), None)
        if at is not None:
            # Keep what precedes the headline only when it can name the section (breadcrumb);
            # menus above it are not wanted at all.
            before = [ln for ln in header[:at] if ">" in ln or "›" in ln or "»" in ln]
            return before + header[at + 1:]
    return header
