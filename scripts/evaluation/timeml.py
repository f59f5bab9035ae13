"""TimeML reader: the plain TEXT of a .tml document, its DCT and its TIMEX3 spans with offsets.

A TimeML file is XML: `<DCT><TIMEX3 .../></DCT>` holds the document creation time and
`<TEXT>` holds the story with inline EVENT, SIGNAL and TIMEX3 tags. The plain text is the
concatenation of every text node inside TEXT, so a TIMEX3's offsets index that string.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


class TimeMLError(ValueError):
    """A file that is not a readable TimeML document (the message names the file and why)."""


@dataclass(frozen=True)
class Timex:
    """One TIMEX3 in TEXT: `text[start:end]` is its extent."""

    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None
    tid: str


@dataclass(frozen=True)
class TimeMLDoc:
    """A TimeML document: id, DCT (ISO date or None), plain text and its timexes."""

    docid: str
    dct: str | None
    text: str
    timexes: tuple[Timex, ...]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex], offset: int) -> int:
    """Append element's text nodes to `parts`, recording each TIMEX3; returns the new offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if _local(element.tag) == "TIMEX3":
        a = element.attrib
        timexes.append(Timex(start=start, end=offset, type=a.get("type", ""), value=a.get("value", ""),
                             mod=a.get("mod"), tid=a.get("tid", "")))
    return offset


def parse_timeml(source: str, name: str = "<string>") -> TimeMLDoc:
    """One TimeML document from its XML text; TimeMLError when it is not TimeML."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name}: not well-formed XML ({exc})") from None
    text_el = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if text_el is None:
        raise TimeMLError(f"{name}: no <TEXT> element")
    dct = None
    for e in root.iter():
        if _local(e.tag) == "DCT":
            timex = next((t for t in e.iter() if _local(t.tag) == "TIMEX3"), None)
            value = (timex.attrib.get("value") or "") if timex is not None else ""
            dct = value[:10] if len(value) >= 10 and value[4] == "-" else None
            break
    docid_el = next((e for e in root.iter() if _local(e.tag) == "DOCID"), None)
    docid = (docid_el.text or "").strip() if docid_el is not None else ""
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(text_el, parts, timexes, 0)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(docid=docid or name, dct=dct, text="".join(parts), timexes=tuple(timexes))


def read_folder(folder: Path) -> list[TimeMLDoc]:
    """Every *.tml document under `folder`, in name order."""
    files = sorted(folder.rglob("*.tml"))
    docs = []
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TimeMLError(f"{path}: cannot read ({exc})") from None
        docs.append(parse_timeml(source, str(path)))
    return docs
