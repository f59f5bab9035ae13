"""Is a fetched page about GSOMIA? A filter over its title and text with the pact's names.

Listing and section pages lead to many stories; only those naming the pact are kept. The names
are data (`PACT_NAMES`), searched in the page title and the text outside navigation, headers,
footers, asides, forms and related-article boxes, so a "GSOMIA" link in a menu or a sidebar
does not make an unrelated story relevant (a form that holds most of the page is the page:
`_WRAPPERS`). `scripts/evaluate.py relevance` measures it on real templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ..profiles import Profile

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


def mentions(text: str) -> tuple[str, ...]:
    """Names (keys of PACT_NAMES) whose pattern occurs in `text`."""
    return tuple(name for name, rx in _COMPILED.items() if rx.search(text))


def title_and_text(text: str, content_type: str, profile: Profile | None = None) -> str:
    """Title plus readable text of a page, with page furniture removed (HTML) or as is (text)."""
    if content_type != "text/html":
        return text
    tree = HTMLParser(text)
    parts: list[str] = []
    for selector in ("title", "meta[property='og:title']", "h1"):
        for node in tree.css(selector):
            parts.append(node.attributes.get("content") or node.text(separator=" ") or "")
    body = tree.body
    selectors = list(_FURNITURE) + (list(profile.html.remove) if profile else [])
    for selector in selectors:
        try:
            nodes = tree.css(selector)
        except Exception:  # noqa: BLE001 - a selector selectolax cannot parse is skipped
            continue
        body_chars = len(body.text(separator=" ").strip()) if nodes and selector in _WRAPPERS and body is not None else 0
        for node in nodes:
            if body_chars and len(node.text(separator=" ").strip()) >= WRAPPER_SHARE * body_chars:
                continue  # the page itself (see _WRAPPERS); the furniture inside it still goes
            node.decompose()
    if body is not None:
        parts.append(body.text(separator=" "))
    return "\n".join(p for p in parts if p)


def check(text: str, content_type: str, profile: Profile | None = None) -> Relevance:
    """Relevance of a decoded page (HTML or a text capture) to GSOMIA."""
    return Relevance(mentions(title_and_text(text, content_type, profile)))
