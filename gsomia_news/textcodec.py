"""Bytes to text: BOM, UTF-8, a declared charset, the page's own <meta charset>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)

# Korean pages label themselves EUC-KR but use the CP949 superset; decoding as CP949 is safe.
_ALIASES = {"euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "x-windows-949": "cp949"}


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text: NUL bytes in the first 8 KB (images, PDFs, archives)."""
    return b"\x00" in raw[:8192]


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    # A label as a raw header gives it, quotes and all (charset="EUC-KR"): codecs would accept
    # the quoted form, but the aliases would miss it.
    name = name.strip().strip("\"'").strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return (text, charset used). Raises UnicodeDecodeError if hopeless."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8"
    candidates: list[str] = []
    for name in (declared, _meta_charset(raw)):
        codec = _codec(name)
        if codec and codec not in candidates:
            candidates.append(codec)
    # UTF-8 first unless something else was declared: strict UTF-8 rarely decodes non-UTF-8.
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    for codec in candidates:
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    best = from_bytes(raw).best()
    if best is None:
        raise UnicodeDecodeError("unknown", raw[:1], 0, 1, "no charset decodes these bytes")
    return str(best), _codec(best.encoding) or best.encoding


def _meta_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


# Markup from the first byte: an optional XML prolog and comments, then a document tag. Pages
# whose first bytes are a <script> or <style> (injected by a CDN) still show <html>/<head>/<body>
# in their first kilobytes, which a copied page text never does.
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:html|head|body)\b[^>]*>", re.I)


def sniff_content_type(text: str) -> str:
    """`text/html` for markup, `text/plain` for text captures like the seeds."""
    if _HTML_START.match(text[:2048]) or (text.lstrip().startswith("<") and _HTML_TAG.search(text[:8192])):
        return "text/html"
    head = text[:4096].lower()
    if head.count("<p") + head.count("<div") + head.count("<br") >= 3:
        return "text/html"
    return "text/plain"


# Labels that decode any byte string, so a wrong one (a server default) can never be detected
# by a decoding failure: such a label is only believed when the page's own bytes agree.
_PERMISSIVE = {"latin_1", "iso8859-1", "iso8859_1", "cp1252", "ascii", "windows-1252"}


def decode_body(raw: bytes, declared: str | None) -> tuple[str, str]:
    """Decode a response body; return (text, charset used). The charset goes into HttpInfo so
    that the clean stage decodes the stored bytes the same way.

    Valid non-ASCII UTF-8 is UTF-8 whatever the header says (legacy Korean bytes are almost
    never valid UTF-8 by chance, while wrong headers are common); a permissive single-byte
    label is ignored; then textcodec: declared, <meta charset>, CP949 for EUC-KR, detection."""
    if not raw.startswith(codecs.BOM_UTF8) and not raw.isascii():
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    label = declared
    if declared:
        try:
            if codecs.lookup(declared).name in _PERMISSIVE and not raw.isascii():
                label = None
        except LookupError:
            label = None
    return decode(raw, label)
