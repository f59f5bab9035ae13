"""Story bodies split into chunks: the extractor keeps one container, the story has several.

Some templates print the story in several containers of one kind, with ads or embeds between
them: Wired's `div.body__container.article__body` is repeated once per screen (two pages of the
aeb benchmark, one of htmldate-dev). trafilatura takes the first container that one of its body
expressions selects, so the story ends at the first ad. `later_chunks` finds the container that
holds the extracted story and its peers: elements with the same tag and the same class attribute
(one that names a body), under the same parent or grandparent, none inside another. Their lines
are the rest of the story, in page order. A peer needs `MIN_WORDS` words of paragraphs outside
links, so an empty placeholder or a teaser box of the same class adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

# A story line long enough to find its container by (a short line may repeat in a menu).
ANCHOR_WORDS = 12
# How far above the story's paragraph the repeated container may be: its parent (Wired's
# chunk > p) or grandparent (chunk > div > p). Higher up, the repeated boxes are the page's layout
# (a teaser column beside the story), not the story.
MAX_LEVELS = 2
# Words a peer container must hold in its own paragraphs, outside links, to count as a chunk of
# the story; a teaser box of the same class holds headlines that are links.
MIN_WORDS = 30
MAX_LINK_SHARE = 0.5
# Share of the extracted story's lines that its container must hold (the rest may be lines the
# extractor joined or trimmed differently).
STORY_SHARE = 0.8
# The repeated class must name the story's body: a layout class that every box of a page wears
# ("elastic-container", "row") also holds the author's bio or a teaser column.
BODY_CLASS = re.compile(r"(?i)body|story|article|chunk")

_WS = re.compile(r"\s+")

LinesOf = Callable[[Node], list[str]]


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _anchor(tree: HTMLParser, story: list[str]) -> Node | None:
    """The <p> that prints the story's first long line, or None."""
    for line in story:
        if len(line.split()) < ANCHOR_WORDS:
            continue
        start = _norm(line)[:60]
        for node in tree.css("p"):
            if _norm(node.text(separator=" ")).startswith(start):
                return node
        return None  # the first long line is not a paragraph of this tree: leave the story as it is
    return None


def _inside(node: Node, other: Node) -> bool:
    """True when `node` is `other` or one of its descendants."""
    current: Node | None = node
    while current is not None:
        if current.mem_id == other.mem_id:
            return True
        current = current.parent
    return False


def _peers(tree: HTMLParser, container: Node) -> list[Node]:
    """Elements of the container's tag and class, beside it (same parent or grandparent)."""
    cls = container.attributes.get("class")
    parent = container.parent
    if not cls or not BODY_CLASS.search(cls) or parent is None:
        return []
    grand = parent.parent
    peers = []
    for node in tree.css(container.tag or "div"):
        if node.attributes.get("class") != cls or node.parent is None:
            continue
        if node.parent.mem_id == parent.mem_id or (
                grand is not None and node.parent.parent is not None and node.parent.parent.mem_id == grand.mem_id):
            peers.append(node)
    ids = {node.mem_id for node in peers}
    # Peers share a parent or grandparent, so one can only be inside another as its child or
    # grandchild: such a nest is one container, not chunks.
    nested = any(node.parent.mem_id in ids or (node.parent.parent is not None and node.parent.parent.mem_id in ids)
                 for node in peers)
    return [] if len(peers) < 2 or nested else peers


def _story_like(node: Node) -> bool:
    """The node holds MIN_WORDS words of paragraphs, mostly outside links."""
    words = linked = 0
    for para in node.css("p"):
        words += len(para.text(separator=" ").split())
        linked += sum(len(a.text(separator=" ").split()) for a in para.css("a"))
    return words - linked >= MIN_WORDS and linked <= MAX_LINK_SHARE * words


def _holds_story(container: Node, known: set[str], lines_of: LinesOf) -> bool:
    """The container prints at least 2 and STORY_SHARE of the story's (normalized) lines."""
    held = {_norm(line) for line in lines_of(container)} & known
    return len(held) >= 2 and len(held) >= STORY_SHARE * len(known)


def later_chunks(tree: HTMLParser, story: list[str], lines_of: LinesOf) -> tuple[list[str], list[str]]:
    """(lines before, lines after) the extracted `story` that its other chunks print; ([], [])
    when the story is in one container. `lines_of(node)` gives a node's lines."""
    anchor = _anchor(tree, story)
    if anchor is None:
        return [], []
    known = {_norm(line) for line in story}
    container: Node | None = anchor.parent
    for _ in range(MAX_LEVELS):
        if container is None or container.tag in (None, "body", "html"):
            break
        peers = _peers(tree, container)  # first: it is cheap, and most pages have none
        # The extracted story must be one chunk: this container holds (nearly) all of it. A
        # wrapper around each paragraph holds one line (look further up); a section of a story
        # that runs on outside it holds a part.
        if peers and _holds_story(container, known, lines_of):
            before: list[str] = []
            after: list[str] = []
            side = before
            for peer in peers:
                if _inside(anchor, peer):
                    side = after
                    continue
                if _story_like(peer):
                    side.extend(ln for ln in lines_of(peer) if _norm(ln) not in known)
            return before, after
        container = container.parent
    return [], []
