"""Is a fetched page about GSOMIA? A filter over its title and text with the pact's names.

Listing and section pages lead to many stories; only those naming the pact are kept. The names
are data (`PACT_NAMES`), searched in the page title and the text outside navigation, headers,
footers, asides, forms and related-article boxes, so a "GSOMIA" link in a menu or a sidebar
does not make an unrelated story relevant (a form that holds most of the page is the page:
`_WRAPPERS`). `scripts/evaluate.py relevance` measures it on real templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .profiles import Profile

# name -> regex (case-insensitive). Hyphens and spaces vary in print ("intel-sharing pact",
# "intelligence sharing pact"), and Korean is written with or without spaces between words.
PACT_NAMES: dict[str, str] = {
    "acronym": r"\bGSOMIA\b",  # also "Gsomia", as JoongAng Daily prints it
    "full-name": r"\bGeneral\s+Security\s+of\s+Military\s+Information\s+Agreement\b",
    "intelligence-sharing-pact": r"\b(?:military\s+)?intel(?:ligence)?[-\s]+sharing\s+(?:pact|agreement|accord)\b",
    "korean-short": r"지소미아",
    "korean-full": r"군사\s*정보\s*보호\s*협정",
    "japanese-full": r"日韓秘密軍事情報保護協定",
    "japanese-common": r"軍事情報包括保護協定",
}

_COMPILED = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in PACT_NAMES.items()}

# Words every match of each name holds, in lower case (a test checks that each is a part of its
# name's pattern that every match contains). `in` over the lower-cased text finds them many
# times faster than the IGNORECASE regex, which then runs only on a text that has them all
# ("military" and "sharing" alone are on many pages). Exact: the regexes' IGNORECASE also pairs
# three letters with ASCII ones that lower() does not map to them (ſ with s, ı and İ with i); a
# text holding any of those is searched by every regex.
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "acronym": ("gsomia",),
    "full-name": ("general", "security", "military", "information", "agreement"),
    "intelligence-sharing-pact": ("intel", "sharing"),
    "korean-short": ("지소미아",),
    "korean-full": ("군사", "정보", "보호", "협정"),
    "japanese-full": ("日韓秘密軍事情報保護協定",),
    "japanese-common": ("軍事情報包括保護協定",),
}
_ODD_CASE = ("ſ", "ı", "İ")

# Page parts that are furniture on any site; the profile's own `html.remove` selectors are added.
_FURNITURE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              ".related", ".related-articles", ".article_relation", ".most-read", ".popular",
              ".sidebar", ".menu", ".gnb", ".lnb", ".tags", ".tag", ".keyword")

# Furniture selectors that some templates wrap the whole page in: ASP.NET WebForms puts every
# page inside one <form> (Al Jazeera's 2019 article pages in the aeb benchmark). Such a node is
# the page, not a widget, when it holds at least this share of the body's text; a search box,
# a comment form or a newsletter sign-up holds a small part.
_WRAPPERS = ("form",)
WRAPPER_SHARE = 0.5


@dataclass(frozen=True)
class Relevance:
    """Which pact names a page mentions (empty: not about GSOMIA)."""

    names: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        """True when at least one pact name was found."""
        return bool(self.names)


def _found(text: str) -> Iterator[str]:
    """Names (keys of PACT_NAMES) whose pattern occurs in `text`, in PACT_NAMES order, lazily."""
    low = text.lower()
    every = any(ch in text for ch in _ODD_CASE)
    return (name for name, rx in _COMPILED.items()
            if (every or all(word in low for word in NAME_WORDS.get(name, ()))) and rx.search(text))


def mentions(text: str) -> tuple[str, ...]:
    """Names (keys of PACT_NAMES) whose pattern occurs in `text`."""
    return tuple(_found(text))


def _furniture_groups() -> tuple[tuple[str, ...], ...]:
    """_FURNITURE in runs that one query can remove together, each wrapper a run of its own."""
    groups: list[list[str]] = []
    for selector in _FURNITURE:
        if selector in _WRAPPERS or not groups or groups[-1][0] in _WRAPPERS:
            groups.append([selector])
        else:
            groups[-1].append(selector)
    return tuple(tuple(g) for g in groups)


_FURNITURE_GROUPS = _furniture_groups()


def _remove(tree: HTMLParser, selectors: tuple[str, ...]) -> None:
    """Decompose what `selectors` match: a wrapper ("form") unless it holds the page (see
    _WRAPPERS), anything else each node once (a node matching two selectors of a list is listed
    twice) and innermost first, so none is freed with its ancestor before its turn."""
    nodes = tree.css(", ".join(selectors))
    if selectors[0] in _WRAPPERS:
        body = tree.body
        body_chars = len(body.text(separator=" ").strip()) if nodes and body is not None else 0
        for node in nodes:
            if body_chars and len(node.text(separator=" ").strip()) >= WRAPPER_SHARE * body_chars:
                continue  # the page itself; the furniture inside it still goes
            node.decompose()
        return
    seen: set[int] = set()
    unique = [n for n in nodes if not (n.mem_id in seen or seen.add(n.mem_id))]
    for node in reversed(unique):
        node.decompose()


def _titles(tree: HTMLParser) -> list[str]:
    """The page's titles: <title>, og:title and every <h1>, in that order."""
    parts: list[str] = []
    for selector in ("title", "meta[property='og:title']", "h1"):
        for node in tree.css(selector):
            parts.append(node.attributes.get("content") or node.text(separator=" ") or "")
    return parts


def title_and_text(text: str, content_type: str, profile: Profile | None = None) -> str:
    """Title plus readable text of a page, with page furniture removed (HTML) or as is (text)."""
    if content_type != "text/html":
        return text
    tree = HTMLParser(text)
    return _joined(_titles(tree), tree, profile)


def _joined(parts: list[str], tree: HTMLParser, profile: Profile | None) -> str:
    """The titles `parts` and the text of `tree` with its furniture removed, one string."""
    body = tree.body
    # The generic furniture in runs of one query each (each query walks the whole tree), the
    # wrappers between them in their place, then the profile's selectors one by one (they may
    # be structural, ":last-child", so what an earlier one removed matters).
    for group in _FURNITURE_GROUPS:
        _remove(tree, group)
    for selector in profile.html.remove if profile else ():
        try:
            _remove(tree, (selector,))
        except Exception:  # noqa: BLE001 - a selector selectolax cannot parse is skipped
            continue
    if body is not None:
        parts.append(body.text(separator=" "))
    return "\n".join(p for p in parts if p)


def check(text: str, content_type: str, profile: Profile | None = None) -> Relevance:
    """Relevance of a decoded page (HTML or a text capture) to GSOMIA."""
    return Relevance(mentions(title_and_text(text, content_type, profile)))


def about_pact(text: str, content_type: str, profile: Profile | None = None) -> bool:
    """`check(...).relevant`, answered as soon as one name is found: in the titles before the
    furniture is removed and the text read (the titles open the string `check` searches, so a
    name in them is a name there; the "\n" after them ends a word as the end of the string does)."""
    if content_type != "text/html":
        return next(_found(text), None) is not None
    tree = HTMLParser(text)
    parts = _titles(tree)
    titles = "\n".join(p for p in parts if p)
    if titles and next(_found(titles), None) is not None:
        return True
    return next(_found(_joined(parts, tree, profile)), None) is not None
