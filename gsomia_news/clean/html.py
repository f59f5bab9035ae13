"""HTML pages: selectolax for metadata, title, captions and page lines; trafilatura for the body
when no profile selector finds it, with the story's other chunks when a template splits it
(`chunks.py`); htmldate and the article header for the publication date
(`htmldates.py`). Body lines, and the article-header lines (stamps, breadcrumb, byline), then go
through the line rules.

Title, first that applies: the outlet profile's own headline selector; a visible <h1>/<h2> that
<title> or og:title also contains (a logo <h1> "KBS 뉴스" is not the headline); og:title (else
<title>) without a site-name suffix (" | Yonhap News Agency"); the first heading.
Subtitle: the profile's selector, else a heading or deck right after the headline element.
Page parts (`article_parts`): the article header is the page lines between the headline and the
story's first sentence (at most 30, cut at a "Read also" box); when the headline is not printed
there, the 6 lines just above the story. The masthead (the page's first lines, well above the
headline) and the related lists further down are outside it: their dates are not the article's.
Before anything is read, screen-reader text and captions are taken out; trafilatura gets the page
without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from ..models import RemovedLine
from ..profiles import Profile, generic
from .chunks import later_chunks
from .htmldates import HtmlDates, for_htmldate, json_ld, latest_day, not_published_days, printed_date, says_month_first, structured
from .lines import LineResult, classify, is_header_line, norm
from .rules import Rules

_WS = re.compile(r"\s+")
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "head"}
_BLOCK = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
          "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
          "nav", "ol", "p", "pre", "section", "table", "tr", "td", "th", "ul", "caption", "body", "center"}
_TITLE_META = ("meta[property='og:title']", "meta[name='twitter:title']")
# " | Site", " - Site", " – Site", " :: Site": the separator before a site name in a page title.
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|/|«|»)\s+")
_HEADER_LINES = 30
_ABOVE_STORY = 6
_TRAILER_LINES = 10
# The masthead: the first lines of the page, and never the lines just above the headline
# (where an article's own date may be printed).
_MASTHEAD_LINES = 12
_ABOVE_HEADLINE = 8
# A paragraph this long means the story has begun (the extractor may have skipped its lead).
_PARAGRAPH_WORDS = 40
# "Read also" boxes: what follows is another article's teaser (and its date). English forms
# are also end markers of the generic profile.
_RELATED = re.compile(
    r"(?i)^\W*(?:read (?:also|more|next)|see also|related(?: articles?| stories| news| posts)?|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|das könnte sie auch interessieren|"
    r"(?:à )?lire aussi|voir aussi|leggi anche|lee también|leia também|ver también|"
    r"también te puede interesar|lees ook|czytaj (?:też|także)|devamını oku)\b"
)


@dataclass
class HtmlMeta:
    """Metadata read from the HTML head: dates (see `htmldates`), section, authors."""

    dates: HtmlDates = field(default_factory=HtmlDates)
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)


def parse(html: str) -> HTMLParser:
    """The page's tree, without processing instructions (`<?php ... ?>` nodes have no tag)."""
    tree = HTMLParser(html)
    if tree.root is not None:
        odd = [node for node in tree.root.traverse(include_text=False) if node.tag is None]
        for node in odd:
            node.decompose()
    return tree


def node_lines(node: Node | None) -> list[str]:
    """Visible text of a node as lines, split at block elements and <br> (not at links)."""
    if node is None:
        return []
    parts: list[str] = []

    def walk(current: Node) -> None:
        for child in current.iter(include_text=True):
            tag = child.tag
            if child.is_text_node:
                parts.append(child.text_content or "")
            elif tag == "br":
                parts.append("\n")
            elif not tag or tag in _SKIP or tag.startswith("-"):
                continue  # comments, processing instructions, scripts
            else:
                block = tag in _BLOCK
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


# News agencies: a credit, never a person in `authors` ("Yonhap", "AFP", "Reuters").
_AGENCY = re.compile(
    r"(?i)^(?:yonhap(?: news(?: agency)?)?|newsis|news1|kyodo(?: news)?|jiji(?: press)?|xinhua(?: news agency)?|"
    r"ap|the associated press|associated press|afp|agence france-presse|reuters|efe|dpa|ansa|upi|bloomberg|"
    r"staff|staff reporters?|[\w.&' -]{0,40} staff|korea(?:n)? herald|korea times|joongang daily)$"
)


def is_credit(name: str, site_names: list[str]) -> bool:
    """True for a news agency or the site itself printed where an author would be."""
    key = norm(name)
    return bool(_AGENCY.match(name.strip())) or any(key == norm(s) for s in site_names if s)


def read_meta(tree: HTMLParser, ld: list[dict]) -> HtmlMeta:
    """Section, authors and site names from meta tags and JSON-LD (dates: `htmldates`)."""
    meta = HtmlMeta()
    meta.site_names = [n for n in (
        _first(tree, ("meta[property='og:site_name']",)), _first(tree, ("meta[name='application-name']",)),
        *(str((i.get("publisher") or {}).get("name") or "") for i in ld if isinstance(i.get("publisher"), dict)),
    ) if n]
    meta.section = _first(tree, ("meta[property='article:section']",)) or None
    author = _first(tree, ("meta[name='author']", "meta[property='article:author']"))
    if author and not author.startswith("http") and "@" not in author and len(author.split()) <= 4 \
            and not is_credit(author, meta.site_names):
        meta.authors = [author]
    return meta


def strip_site_name(title: str, site_names: list[str], host: str = "") -> str:
    """`title` without a trailing site name (" | Yonhap News Agency", " - Newsnet.scot")."""
    parts = list(_SITE_SEPARATOR.finditer(title))
    if not parts:
        return title
    last = parts[-1]
    head, tail = title[: last.start()].strip(), title[last.end():].strip()
    if not head or len(tail.split()) > 6:
        return title
    squash = re.sub(r"\W", "", tail).casefold()
    labels = [lab for lab in host.casefold().split(".") if len(lab) >= 3 and lab not in ("www", "com", "net", "org", "news")]
    if any(norm(tail) == norm(s) or re.sub(r"\W", "", s).casefold() == squash for s in site_names if s) \
            or any(lab in squash for lab in labels):
        return strip_site_name(head, site_names, host)
    return title


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _headline_like(text: str) -> bool:
    """Two to 40 words (or 6 characters of unspaced Chinese or Japanese) and at most 250
    characters: a one-word logo, or a heading that holds a whole story, is no headline."""
    words = len(text.split())
    return (2 <= words or len(text) >= 6 and bool(_CJK.search(text))) and words <= 40 and len(text) <= 250


def _is_bare(selector: str) -> bool:
    return re.fullmatch(r"h[1-6]", selector.strip()) is not None


def _pick_title(tree: HTMLParser, profile: Profile, site_names: list[str], host: str) -> tuple[str | None, Node | None]:
    """The headline and its element (None for metadata): see the module docstring for the order."""
    page_title = _first(tree, ("title",))
    meta_title = _first(tree, _TITLE_META)
    # Compared without the site name: a logo heading "KBS 뉴스" is in "Headline | KBS 뉴스".
    contains = [norm(strip_site_name(t, site_names, host)) for t in (meta_title, page_title) if t]
    sites = {norm(n) for n in site_names if n}
    # 1. the outlet's own headline selector (a class or id, not a bare heading tag)
    if profile.key != generic().key:
        for selector in profile.html.title:
            if selector.startswith("meta") or _is_bare(selector):
                continue
            for node in tree.css(selector):
                text = _text(node)
                if _headline_like(text):
                    return strip_site_name(text, site_names, host), node
    # 2. a visible heading that <title> or og:title also contains
    headings: list[tuple[str, Node]] = []
    for selector in ("h1", "h2"):
        for node in tree.css(selector):
            text = _text(node)
            if _headline_like(text) and norm(text) not in sites:
                headings.append((text, node))
    for text, node in headings:
        if any(norm(text) in t for t in contains):
            return text, node
    # 3. og:title (else <title>) without the site name; its visible heading if one has that text
    for candidate in (meta_title, _first(tree, ("title",))):
        if candidate and _headline_like(candidate):
            text = strip_site_name(candidate, site_names, host)
            node = next((n for t, n in headings if norm(t) == norm(text)), None)
            return text, node
    # 4. the first heading
    return (headings[0][0], headings[0][1]) if headings else (None, None)


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


def clean_html(html: str, profile: Profile, rules: Rules, url: str = "", obtained_at: str | None = None) -> HtmlResult:
    """Title, stamps, bylines, captions, body paragraphs and the dates of an HTML page."""
    tree = parse(html)
    ld = json_ld(tree)
    meta = read_meta(tree, ld)
    latest = latest_day(obtained_at)
    published, updated = structured(tree, ld, latest)
    host = urlsplit(url).hostname or ""
    title, title_node = _pick_title(tree, profile, meta.site_names + [profile.name], host)
    subtitle = _subtitle(tree, profile, title, title_node)
    captions: list[str] = []
    for selector in profile.html.caption + generic().html.caption:
        for node in tree.css(selector):
            text = _text(node)
            if text and norm(text) not in {norm(c) for c in captions}:
                captions.append(text)
            node.decompose()
    for selector in profile.html.hidden + generic().html.hidden:
        for node in tree.css(selector):
            node.decompose()
    page = node_lines(tree.body)
    # The extractor reads the page without captions and hidden text, but with its whole layout.
    extractor_input = tree.html or html
    for selector in profile.html.remove + generic().html.remove:
        for node in tree.css(selector):
            node.decompose()
    body_lines = _body_lines(tree, extractor_input, profile)
    skip = {norm(title or "")} | {norm(c) for c in captions}
    story = [ln for ln in body_lines if norm(ln) not in skip]
    parts = article_parts(page, title, story)
    header = [ln for ln in parts.breadcrumb + parts.header if is_header_line(ln, rules)]
    trailer = [ln for ln in _trailer_lines(page, story) if is_header_line(ln, rules)]
    result = classify([*([title] if title else []), *header, *body_lines, *trailer], rules, title=title)
    for caption in captions:
        if rules_caption_worthy(caption, rules) and norm(caption) not in {norm(c) for c in result.captions}:
            result.captions.append(caption)
    caption_norms = {norm(c) for c in result.captions}
    result.paragraphs = [p for p in result.paragraphs if norm(p) not in caption_norms]
    result.authors = [a for a in result.authors if not is_credit(a, meta.site_names)]
    if not result.authors and meta.authors:
        result.authors = meta.authors
    if result.section is None:
        result.section = meta.section
    printed = printed_date(parts.header, parts.region, latest)
    if printed is not None:
        # The printed date's own line ("Stand: 28.04.2020 18:00 Uhr") is a stamp, not story.
        kept = [p for p in result.paragraphs if norm(p) != norm(printed.line)]
        if len(kept) < len(result.paragraphs):
            result.removed.append(RemovedLine(text=printed.line, cls="stamp"))
            result.paragraphs = kept
    readable = for_htmldate(html)
    meta.dates = HtmlDates(
        published=published, updated=updated,
        printed=printed, html=readable, latest=latest,
        not_published=not_published_days(parts.masthead, page, latest), month_first=says_month_first(tree),
    )
    return HtmlResult(lines=result, meta=meta, subtitle=subtitle)


# A line the extractor lifts from markup that is data, never story text: a bare machine
# timestamp ("2019-11-19T08:57:40+01:00"). (A bare URL may be printed in a story: it is kept.)
_DATA_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def _untabled(lines: list[str]) -> list[str]:
    """trafilatura's text lines without machine timestamps, a table row ("| a |  | b |") as its non-empty
    cells ("a | b"); separator rows and empty rows dropped."""
    out: list[str] = []
    for line in lines:
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            cells = [c for c in cells if c and set(c) - set("-: ")]
            if cells:
                out.append(" | ".join(cells))
        elif line.strip() and not _DATA_LINE.match(line.strip()):
            out.append(line)
    return out


def _body_lines(tree: HTMLParser, html: str, profile: Profile) -> list[str]:
    """The story's lines: the profile's body selector, else trafilatura on `html` (with the
    story's other chunks, see `chunks`)."""
    import trafilatura  # imported here: text captures and cached builds never need it

    for selector in profile.html.body:
        node = tree.css_first(selector)
        if node is not None:
            return node_lines(node)
    # Balanced mode, not favor_precision: precision mode drops story text that sits directly in
    # a <div> before a <br> (KBS radio scripts lose their "Anchor:" lead), and on aeb both score
    # the same (F1 0.9666 and 0.9670). Furniture that balanced mode lets through is removed by
    # the line rules; comments never pass; tables are kept (aeb bodies include them).
    # No `deduplicate`: trafilatura's duplicate filter is a process-wide cache, so a paragraph
    # seen in an earlier page (or the same page cleaned twice) would vanish: not deterministic.
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_images=False, deduplicate=False,
    ) or ""
    story = _untabled(text.splitlines())
    # trafilatura keeps one container; a story split into chunks between ads has several.
    before, after = later_chunks(tree, story, node_lines)
    return before + story + after


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


def _same_line(a: str, b: str) -> bool:
    """Page line `a` is story line `b`, or its start (trafilatura may join or trim lines); both
    given in `norm` form."""
    return a == b or (len(a) >= 25 and b.startswith(a)) or (len(b) >= 25 and a.startswith(b[:80]))


def _anchor(story: list[str]) -> list[str]:
    """The story lines to find the story's start by: its first sentences, 8 words and 60 characters
    or more (a kicker, a date line or a headline copy that the extractor kept may be printed
    elsewhere on the page)."""
    sentences = [ln for ln in story[:12] if len(ln.split()) >= 8 and len(ln) > 60]
    return (sentences or story)[:3]


@dataclass
class PageParts:
    """Where the article sits among the page lines (see `article_parts`)."""

    header: list[str] = field(default_factory=list)  # between the headline and the story
    breadcrumb: list[str] = field(default_factory=list)  # trail lines just above the headline
    region: list[str] = field(default_factory=list)  # the story's lines and a few after them
    masthead: list[str] = field(default_factory=list)  # the site's lines above the article


def article_parts(page: list[str], title: str | None, story: list[str]) -> PageParts:
    """Split the page lines around the article.

    The headline is the printed copy of `title` closest above the story's first line. When the
    headline is not printed above the story, the header is the few lines just above the story.
    A long header keeps its first lines and the few just above the story; it ends early at a
    "Read also" box or a paragraph-length line. The story's start is found by its first sentences,
    so short lines the extractor kept above them (a date line, a kicker) fall in the header.
    The masthead is the page's first lines, well above the headline (menus, a "today" date).
    """
    normed = [norm(p) for p in page]
    starts: list[int] = []
    for line in _anchor(story):
        key = norm(line)
        starts = [i for i, p in enumerate(normed) if _same_line(p, key)]
        if starts:
            break
    if not starts:
        return PageParts()
    title_norm = norm(title or "")
    heads = [i for i, p in enumerate(normed) if title_norm and p == title_norm]
    pairs = [(s - h, h, s) for s in starts for h in heads if h < s]
    if not pairs:
        start = starts[0]
        top = max(0, start - _ABOVE_STORY)
        return PageParts(header=_until_story(page[top:start]), region=_region(page, normed, start, story),
                         masthead=page[:max(0, start - _ABOVE_HEADLINE)][:_MASTHEAD_LINES])
    _, head, start = min(pairs)
    zone = page[head + 1:start]
    if len(zone) > _HEADER_LINES:
        zone = zone[:_HEADER_LINES - _ABOVE_STORY] + zone[-_ABOVE_STORY:]
    # Keep what precedes the headline only when it can name the section (breadcrumb);
    # menus above it are not wanted at all.
    before = [ln for ln in page[:head] if ">" in ln or "›" in ln or "»" in ln]
    return PageParts(header=_until_story(zone), breadcrumb=before, region=_region(page, normed, start, story),
                     masthead=page[:max(0, head - _ABOVE_HEADLINE)][:_MASTHEAD_LINES])


def _until_story(zone: list[str]) -> list[str]:
    """The header lines before a "Read also" box or a paragraph-length line."""
    for i, line in enumerate(zone):
        if len(line.split()) >= _PARAGRAPH_WORDS or (len(line.split()) <= 8 and _RELATED.match(line)):
            return zone[:i]
    return zone


def _region(page: list[str], normed: list[str], start: int, story: list[str], limit: int = 400) -> list[str]:
    """Page lines from the story's start to a few lines after its last one (the story's own
    lines, the boxes printed among them and the line of metadata under it); `normed` is `page`
    in `norm` form."""
    window = range(start, min(len(page), start + limit))
    end = None
    for line in reversed(story[-3:]):
        key = norm(line)
        end = next((i for i in reversed(window) if _same_line(normed[i], key)), None)
        if end is not None:
            break
    if end is None:
        end = start + len(story)
    return page[start:end + 1 + _TRAILER_LINES]
