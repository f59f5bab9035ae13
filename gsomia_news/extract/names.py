"""Person names in a body: candidate spans, repairs, family/given split, person ids.

Candidates come from spaCy's PERSON spans (the knowledge base's names are among them: see
nlp.py), capitalised names right after a title word ("Minister Park Jin"), proper names the parse
puts in apposition to an office noun whatever their NER label ("Yoichi Iida, a Japanese trade
official"), the names of sound-bite labels ("NA SEUNG-SHIK(MINISTRY ...)" anywhere, "[Soundbite]
Yoon Suk Yeol(President) :" at a paragraph's start), and surnames right after a title word
("President Yoon"), which officials.py resolves. Spans are repaired: hyphenated given names kept
whole, dashes, possessives, honorifics and a trailing weekday cut ("Fumio Kishida Thursday"),
and a name cut off by the end of an excerpt ("Foreign Minister Kang Kyung") is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from .lexicon import Lexicon, lexicon

# Letters of Latin script in either case, accents included ("Tarō Kōno", "Seán", "Müller").
UP = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
LO = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())
# One name word: "Kyeong-doo", "O'Brien", "D'Amato", "McMaster", "LaCamera", an initial ("C."),
# joined initials ("H.R."); two capitals ("JD") only as the first word of a name.
_WORD = rf"(?:[{UP}][{LO}]*[{UP}][{LO}]+|[OD]['’][{UP}][{LO}]+|[{UP}][{LO}]+(?:[-'’][{UP}{LO}][{LO}]+)*)(?![{UP}{LO}])"
_TOKEN = rf"(?:{_WORD}|(?:[{UP}]\.){{1,3}})"
_FIRST = rf"(?:{_TOKEN}|[A-Z]{{2}}(?=\s+[{UP}][{LO}]))"
# Generational suffixes belong to the name ("Charles Q. Brown Jr.", "Lloyd J. Austin III").
SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|Jr\b|Sr\b|II\b|III\b|IV\b))"
NAME = rf"{_FIRST}(?:\s+{_TOKEN})?\s+{_WORD}{SUFFIX}?"  # 2-3 words, the last no initial
SURNAME = _WORD
_NAME_RE = re.compile(NAME)
HONORIFIC = {"Rep.": "Representative", "Sen.": "Senator", "Gen.": "General", "Amb.": "Ambassador",
             "Adm.": "Admiral", "Lt. Gen.": "Lieutenant General", "Gov.": "Governor"}
# Plural honorifics before a list of names ("Reps. A and B", "Sens. A, B and C"): each name's
# is the singular.
PLURAL_HONORIFIC = {"Reps.": "Rep.", "Sens.": "Sen."}
POLITE = ("Mr.", "Ms.", "Mrs.", "Dr.")
# Words of a title in front of a name (besides the lexicon's head words).
TITLE_LOWER = {
    "chief", "cabinet", "deputy", "first", "second", "third", "national", "security", "acting",
    "top", "nuclear", "senior", "vice", "special", "foreign", "defense", "defence", "trade",
    "unification", "assistant", "principal", "former", "presidential", "executive", "policy",
    "affairs", "military", "intelligence", "economic", "finance", "prime", "general", "head",
    "spy", "ruling", "opposition", "party", "floor", "main", "interim", "incoming", "outgoing",
    "then", "new", "state", "press", "joint", "staff", "house", "committee", "director",
    "minister", "secretary", "adviser", "advisor", "envoy", "ambassador", "representative",
    "spokesperson", "spokesman", "spokeswoman", "chair", "chairman", "chairwoman", "leader",
    "commander", "lawmaker", "official", "vice-minister", "director-general", "negotiator",
    "chancellor", "counselor", "undersecretary", "sen.", "rep.", "gen.", "amb.", "then-", "reps.", "sens.",
}
NOT_PERSON_WORDS = {"House", "Ministry", "News", "Party", "Department", "Office", "Committee", "Council",
                    "Agreement", "Conference", "Court", "Wa", "Dae", "Assembly", "Korea", "Japan",
                    "Daily", "Times", "Herald", "Ilbo", "Agency", "Forces", "Command", "Security",
                    "Foreign", "Affairs", "Cabinet", "Administration", "Government", "Twitter", "Facebook", "Peninsula", "Asia", "Pacific", "Gsomia", "GSOMIA",
                    # a company's name ends so ("General Motors Corp", "Times-Mirror Publishing Group")
                    "Corp", "Inc", "Ltd", "Group", "Holdings", "LLC", "PLC"}
_OPENERS = frozenset({"But", "And", "Or", "Yet", "When", "While", "After", "Before", "Since", "As", "If", "In", "On",
                      "At", "By", "For", "With", "From", "Then", "Also", "However", "Meanwhile", "Though", "Although",
                      "Last", "Earlier", "Later", "Now", "Still", "Here", "There", "Instead", "Separately"})
_SUFFIX_AFTER = re.compile(SUFFIX)
_INITIAL = re.compile(rf"[{UP}]\.\s")
_GIVEN_BEFORE = re.compile(rf"(?<![\w.])([{UP}][{LO}]+)\s+$")
_SUFFIX_END = re.compile(SUFFIX + "$")
# Two-capital words that open a phrase and are no initials ("US Ambassador", "UN envoy").
_ACRONYMS = frozenset({"US", "UK", "UN", "EU", "DC", "NK", "SK", "AP", "TV", "PM"})
# Words NER glues to the end of a name: "Fumio Kishida Thursday".
_TRAILING = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday)$")
# An excerpt that stops mid-sentence: a name ending there may be cut ("Kang Kyung").
_SENTENCE_END = re.compile(r"[.!?\"”’')\]:]\s*$")


# A Korean given name as romanized with a hyphen ("Do-yoon", "Jae-in", "Yong-ho").
KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
# ... right after a family name
_KOREAN_GIVEN_AFTER = re.compile(rf" {KOREAN_GIVEN.pattern}\b")


def family_given(name: str, lex: Lexicon) -> tuple[str, str]:
    """(family name, given names) using hyphenated-given-name and name-list hints."""
    tokens = name.split()
    if len(tokens) == 1:
        return tokens[0], ""
    if len(tokens) == 2:
        first, last = tokens
        if "-" in last and "-" not in first:
            return first, last  # Moon Jae-in
        if "-" in first and "-" not in last:
            return last, first  # Gi-Jae Han
        if last in lex.japanese_given and first not in lex.japanese_given:
            return first, last  # Kono Taro
        if first in lex.korean_surnames and last not in lex.korean_surnames and first not in lex.japanese_given:
            return first, last
    if tokens[0] in lex.korean_surnames and len(tokens) == 3:
        return tokens[0], " ".join(tokens[1:])
    return tokens[-1], " ".join(tokens[:-1])


def name_origin(name: str, lex: Lexicon) -> str | None:
    """The country a name's form points to, when it is unmistakable: KP for a family name in North
    Korea's romanization with a hyphenated given name ("Ri Yong-ho"), KR for another Korean family
    name with one ("Jeong Kyeong-doo"), JP for a listed Japanese given name ("Takeshi Iwaya");
    None otherwise (Korean-American "Sung Kim", any Western name)."""
    tokens = name.split()
    if len(tokens) != 2:
        return None
    first, last = tokens
    if first in lex.north_korean_surnames and KOREAN_GIVEN.fullmatch(last):
        return "KP"
    if first in lex.shared_surnames and KOREAN_GIVEN.fullmatch(last) and first not in lex.japanese_given:
        return "KR"
    if first in lex.japanese_given or last in lex.japanese_given:
        return "JP"
    return None


def person_id(name: str) -> str:
    """Stable person id: family name then given names, lower-case, hyphenated (order-independent)."""
    family, given = family_given(name, lexicon())
    text = unicodedata.normalize("NFKD", f"{family} {given}".strip())
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def repair(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Fix a PERSON span: keep hyphenated given names whole, cut dashes, possessives, honorifics."""
    tail = re.match(r"-[a-z]+\b", body[end:end + 12])
    if tail:
        end += tail.end()  # "Moon Jae" + "-in"
    text = body[start:end]
    cut = re.search(r"\s+[-–—(]|\s*\(", text)
    if cut:
        end = start + cut.start()
    text = body[start:end]
    poss = re.search(r"['’]s?$", text)
    if poss:
        end -= len(poss.group(0))
    trailing = _TRAILING.search(body[start:end])
    if trailing:
        end = start + trailing.start()
    suffix = _SUFFIX_AFTER.match(body, end)
    if suffix and not _SUFFIX_END.search(body[start:end]):
        end = suffix.end()  # "Charles Q. Brown" + " Jr.": the suffix is part of the name
    for prefix in ("the ", "The ", *[h + " " for h in (*HONORIFIC, *PLURAL_HONORIFIC)], *[p + " " for p in POLITE]):
        if body[start:end].startswith(prefix):
            start += len(prefix)
    # NER sometimes takes the title or a country in ("President Moon Jae-in", "U.S. Harry Harris"):
    # the name starts after it.
    lex = lexicon()
    while True:
        first = re.match(r"\S+\s+", body[start:end])
        if not first:
            break
        word = first.group(0).strip()
        if word.lower() in TITLE_LOWER or word.lower() in lex.heads or lex.country_re.fullmatch(word) \
                or word in _ACRONYMS or lex.org_re.fullmatch(word):
            start += first.end()
        else:
            break
    opener = re.match(r"(\S+)\s+(?=\S+\s+\S)", body[start:end])
    if opener and opener.group(1) in _OPENERS:
        start += opener.end()  # "But Kim You-geun": a sentence's first word, no name's
    given = _GIVEN_BEFORE.search(body, max(0, start - 30), start) if _INITIAL.match(body, start) else None
    if given and given.group(1).lower() not in TITLE_LOWER and given.group(1).lower() not in lex.heads \
            and given.group(1) not in NOT_PERSON_WORDS and not lex.country_re.fullmatch(given.group(1)):
        start = given.start(1)  # NER's "J. Austin III" of "Lloyd J. Austin III": a name starts no initial
    if body[start:end] in lex.korean_surnames and (given_after := _KOREAN_GIVEN_AFTER.match(body, end)):
        end = given_after.end()  # NER's "Kim" of "Kim Do-yoon": the hyphenated given name is the name's
    text = body[start:end].strip()
    if not _NAME_RE.fullmatch(text):
        return None
    if any(tok in NOT_PERSON_WORDS or tok.lower() in lex.heads or lex.country_re.fullmatch(tok) for tok in text.split()):
        return None  # "Foreign Ministry", "In Seoul": no person's name holds an office word or a country
    if lexicon().org_re.fullmatch(text) or lexicon().country_re.fullmatch(text):
        return None
    return start, end


@cache
def _title_name_re() -> re.Pattern[str]:
    heads = sorted((h for h in lexicon().heads if " " not in h), key=len, reverse=True)
    return re.compile(r"(?i:\b(?:" + "|".join(re.escape(h) for h in heads) + r"))\s+(?P<name>" + NAME + r")")


@cache
def _title_surname_re() -> re.Pattern[str]:
    """A title word, then one capitalised word that no other name word follows ("President Yoon")."""
    heads = sorted((h for h in lexicon().heads if " " not in h and not h.endswith(".")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(h.title()) for h in heads) + r"|PM)\s+"
                      r"(?P<name>" + SURNAME + r")(?![\w-])(?!\s+[A-Z][a-z])")


_NAME_AFTER = re.compile(r"[ \t]+(?P<name>" + NAME + r")")


def office_tokens(doc: Any, lex: Lexicon) -> list[int]:
    """Indices of the doc's tokens that are office words (minister, secretaries, ...), found on the
    doc's arrays: no Token object is made for the others, which keeps this cheap."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    wanted = _office_hashes(lex, strings)
    lowers = doc.to_array([LOWER])
    return [i for i, h in enumerate(lowers.tolist()) if h in wanted]


_HASHES: dict[int, frozenset[int]] = {}


def _office_hashes(lex: Lexicon, strings: Any) -> frozenset[int]:
    key = id(strings)
    if key not in _HASHES:
        words = {h for h in lex.heads if " " not in h}
        words |= {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")}
        words |= {part for h in lex.heads for part in h.split("-") if part in lex.heads}
        # "his counterpart, Haruto Sato": a name after or in apposition to "counterpart" is a
        # person whatever label the NER gave it (the role itself is read in titles.py, T3).
        words |= {"counterpart", "counterparts"}
        _HASHES[key] = frozenset(strings[w] for w in words)
    return _HASHES[key]


def _title_anchored(body: str, doc: Any, offices: list[int] | None) -> list[tuple[int, int]]:
    """Capitalised names right after a title word: catches people the NER missed."""
    lex = lexicon()
    plural: set[int] = set()  # starts of names right after a plural title: a list may follow
    if doc is None or offices is None:
        starts = [m.start("name") for m in _title_name_re().finditer(body)]  # singular heads only
    else:
        starts = []
        for i in offices:
            after = doc[i].idx + len(doc[i].text)
            match = _NAME_AFTER.match(body, after)
            if match:
                starts.append(match.start("name"))
                if _plural_office(doc[i].text, lex):
                    plural.add(match.start("name"))
            else:
                starts.extend(_after_complement(body, after) or _after_posting(body, after, lex))
    spans = []
    for start in starts:
        match = _NAME_RE.match(body, start)
        repaired = repair(body, *match.span()) if match else None
        if repaired:
            spans.append(repaired)
            if start in plural:
                spans.extend(_listed_after(body, repaired[1], lex))
    return spans


# The next name of a list: "Foreign Ministers A and B", "defense ministers A, B and C".
_NEXT_LISTED = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<name>" + NAME + r")")


# A title, its complement, a comma, then the name or the list: "Japan's ambassador to South
# Korea, Ren Takeuchi, was summoned", "The defense ministers of both countries, Han Min-su and
# Ren Takeuchi," (the NER labels such names a facility, or "Han" a nationality).
_NAME_AFTER_COMMA = re.compile(r"(?:[ \t]+(?:of|from|for|at|to)[ \t]+[^,.;:\n]{1,60}?)?,[ \t]+(?P<name>" + NAME + r")")
# NER labels that make a whole would-be name no person's. After a title and its comma a name is
# often labelled a facility, or a nationality, so there only the first three count.
_PLACE_OR_ORG = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_ORG_OR_PLACE_NAMED = frozenset({"ORG", "GPE", "LOC"})


def _listed_in_apposition(body: str, doc: Any, offices: list[int], lex: Lexicon) -> list[tuple[int, int]]:
    """The name in apposition after a title and a comma, closed by a comma, or two names or more
    listed after a plural title and a comma, whatever their NER labels (not a name the NER
    gives as a whole to an organization or a place)."""
    spans = []
    for i in offices:
        match = _NAME_AFTER_COMMA.match(body, doc[i].idx + len(doc[i].text))
        first = repair(body, *match.span("name")) if match else None
        if first is None or first[0] != match.start("name"):
            continue
        whole = doc.char_span(*first)
        if whole is not None and any(e.start == whole.start and e.end == whole.end and e.label_ in _ORG_OR_PLACE_NAMED
                                     for e in doc.ents):
            continue
        if _plural_office(doc[i].text, lex):
            rest = _listed_after(body, first[1], lex)
            spans.extend([first, *rest] if rest else [])
        elif body.startswith(",", first[1]):
            spans.append(first)
    return spans


def _listed_after(body: str, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The names listed after the first one a plural title precedes ("Foreign ministers Park
    Ji-hoon and Ren Takeuchi", "Foreign Ministers A of South Korea and B of Japan"): the NER
    often labels the later ones an organization, or nothing. The list ends at the first item
    that is no name."""
    spans = []
    while True:
        of = re.match(r"\s+of\s+(?:the\s+)?", body[end:end + 12])
        country = lex.country_re.match(body, end + of.end()) if of else None
        end = country.end() if country else end
        match = _NEXT_LISTED.match(body, end)
        repaired = repair(body, *match.span("name")) if match else None
        if repaired is None or repaired[0] != match.start("name"):
            return spans  # "and the Foreign Ministry": no name
        spans.append(repaired)
        end = repaired[1]


_PLURAL_HONORIFIC_NAME = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in PLURAL_HONORIFIC) + r")[ \t]+(?P<name>"
                                    + NAME + r")")


def _honorific_lists(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The names after a plural honorific ("Reps. Gil Do-yun and Lee Sang-min"), the list included."""
    spans = []
    for match in _PLURAL_HONORIFIC_NAME.finditer(body):
        repaired = repair(body, *match.span("name"))
        if repaired:
            spans.append(repaired)
            spans.extend(_listed_after(body, repaired[1], lex))
    return spans


def _plural_office(word: str, lex: Lexicon) -> bool:
    """"Ministers", "secretaries", "spokesmen": an office word in the plural."""
    low = word.lower()
    return low not in lex.heads and any(low.endswith(p) and low[:-len(p)] + s in lex.heads
                                        for p, s in (("ies", "y"), ("men", "man"), ("s", "")))


@cache
def _posting_re() -> re.Pattern[str]:
    """" to [the] <country> NAME": a posting between the title and the name."""
    return re.compile(r"[ \t]+to[ \t]+(?:the[ \t]+)?(?:" + lexicon().country_re.pattern + r")[ \t]+(?P<name>" + NAME + ")")


def _after_posting(body: str, after: int, lex: Lexicon) -> list[int]:
    """Where the name starts after a posting ("Japanese Ambassador to South Korea Ren Takeuchi",
    which the NER reads as one place): right after the country."""
    match = _posting_re().match(body, after)
    return [match.start("name")] if match and not lex.country_re.match(body, match.start("name")) else []


_COMPLEMENT = re.compile(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?((?:[A-Z][\w.'’&-]*[ \t]+){2,6})")
_CAP_WORD = re.compile(r"[A-Z][\w.'’&-]*")
_DEPARTMENT = re.compile(r"(?:the\s+)?(?:Army|Navy|Air\s+Force|Marine|Homeland|State|Defen[cs]e|Foreign|Treasury|"
                         r"Commerce|Energy|Interior|Justice|Trade|Unification|National|Economy|Finance|Land|Health|"
                         r"Agriculture|Labor|Education|Veterans|Transportation|Environment|Internal|Public)\b")


def _after_complement(body: str, after: int) -> list[int]:
    """Where a name may start after a title's complement ("Secretary of the Army Christine
    Wormuth"): the name is the last two (or three) capitalised words of the run after "of/for
    (the)", never its first word; the first start repair() accepts is taken."""
    match = _COMPLEMENT.match(body, after)
    if not match or not _DEPARTMENT.match(match.group(1)):
        return []  # only a department's name: "of the Army", "of Homeland Security", "of Foreign Affairs"
    words = [match.start(1) + m.start() for m in _CAP_WORD.finditer(match.group(1))]
    for start in [w for w in words[-2:-1] + words[-3:-2] if w != words[0]]:
        name = _NAME_RE.match(body, start)
        if name and name.end() >= match.end(1) - 1 and repair(body, *name.span()):
            return [start]
    return []


def title_surnames(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Surnames right after a title word ("President Yoon", "PM Kishida"): resolved later or dropped."""
    out = []
    for match in _title_surname_re().finditer(body):
        word = match.group("name")
        if word in NOT_PERSON_WORDS or word.lower() in TITLE_LOWER or word.lower() in lex.heads:
            continue
        if lex.country_re.fullmatch(word) or lex.org_re.fullmatch(word):
            continue
        out.append(match.span("name"))
    return out


_CAPS_NAME = re.compile(
    r"(?<![\w-])(?P<name>[A-Z]{2,}(?:\s+[A-Z]{2,})?\s+[A-Z]{2,}-[A-Z]{2,}|[A-Z]{2,}(?:\s+[A-Z]{2,}){1,2}(?=\s*\())(?![\w-])")


def _caps_names(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """ALL-CAPS names as Korean captions print them: "KIM YOU-GEUN(CHEONG WA DAE ...)"."""
    return [m.span("name") for m in _CAPS_NAME.finditer(body) if not _office_or_place(m.group("name"), lex)]


def _office_or_place(label: str, lex: Lexicon) -> bool:
    """A label's would-be name that holds an office word, or names an org or a country (an
    ALL-CAPS one is compared as title case: "SOUTH KOREA")."""
    if any(w.lower() in lex.heads or w.lower() in TITLE_LOWER for w in label.split()):
        return True
    return bool(lex.org_re.search(label) or lex.country_re.search(label.title() if label.isupper() else label))


# A sound-bite label in mixed case, as KBS prints them at the start of a paragraph: "[Soundbite]
# Yoon Suk Yeol(President) :" (devset 112). The name is a label, not a sentence, so the NER
# often gives it no PERSON span; the role in brackets is read by titles.post_phrase.
_LABEL_NAME = re.compile(
    rf"(?:^|(?<=\]))[ \t]*(?P<name>{NAME})[ \t]?\((?P<role>[^()\n]{{3,80}})\)[ \t]*:", re.MULTILINE)


def _labelled_names(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names of mixed-case sound-bite labels whose bracketed role names an office."""
    return [m.span("name") for m in _LABEL_NAME.finditer(body)
            if any(w.lower().strip(".,") in lex.heads for w in m.group("role").split())
            and not _office_or_place(m.group("name"), lex)]


def _appositive_names(body: str, doc: Any, offices: list[int]) -> list[tuple[int, int]]:
    """Proper names in apposition with an office noun, either way round ("Yoichi Iida, a Japanese
    trade official"; "two deputy chief Cabinet secretaries, Kotaro Nogami and Kazuhiro Sugita"),
    whatever entity label the NER gave them (or none)."""
    spans = []
    for i in offices:
        token = doc[i]
        heads = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if token.dep_ == "appos" and token.head.pos_ == "PROPN" and token.head.i < token.i:
            heads.append(token.head)
        for head in heads:
            for name in (head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN")):
                first = name  # "..., Haruto Kinoshita and Ren Takeuchi": the conjunct too
                while first.i > 0 and doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].pos_ == "PROPN" \
                        and doc[first.i - 1].head.i == name.i:
                    first = doc[first.i - 1]
                repaired = repair(body, first.idx, name.idx + len(name.text))
                if repaired:
                    spans.append(repaired)
    return spans


# "NAME, [a|the] [Seoul's | U.S.] [up to four lower-case words] <office word>"
_BEFORE_APPOSITION = re.compile(rf"(?<![\w'’.-])(?P<name>{NAME}),\s+(?:(?:a|an|the)\s+)?"
                                r"(?:(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+|(?:[A-Z][\w.-]*\s+){1,2})?"
                                r"(?:[a-z][\w-]*(?:['’]s)?\s+){0,4}$")


def _names_before_apposition(body: str, doc: Any, offices: list[int]) -> list[tuple[int, int]]:
    """"Han Min-su, director of the National Intelligence Service, ...": a name before a comma and
    an office noun, for when the NER and the parse both miss it (a Korean family name the NER
    takes for a nationality); not a place or an organization the NER names as a whole."""
    spans = []
    for i in offices:
        idx = doc[i].idx
        match = _BEFORE_APPOSITION.search(body, max(0, idx - 90), idx)
        if not match:
            continue
        repaired = repair(body, *match.span("name"))
        if not repaired:
            continue
        whole = doc.char_span(*repaired)
        if whole is not None and any(e.start == whole.start and e.end == whole.end and e.label_ in _PLACE_OR_ORG
                                     for e in doc.ents):
            continue  # not "WORK_OF_ART", which the NER gives names after a quote ('"...," Gil Do-yun, the')
        spans.append(repaired)
    return spans


def cut_by_excerpt(body: str, end: int) -> bool:
    """True when the name runs into the end of an excerpt that stops mid-sentence (rule O2)."""
    return not body[end:].strip() and not _SENTENCE_END.search(body)


def person_ents(doc: Any) -> list[Any]:
    """The doc's PERSON spans (doc.ents builds its Span objects anew on every access: read it once)."""
    return [ent for ent in doc.ents if ent.label_ == "PERSON"] if doc is not None else []


def candidate_names(body: str, doc: Any, lex: Lexicon, persons: list[Any] | None = None) -> list[tuple[int, int]]:
    """Non-overlapping full-name spans in the body, in text order."""
    spans: list[tuple[int, int]] = list(_caps_names(body, lex)) + _labelled_names(body, lex)
    for ent in persons if persons is not None else person_ents(doc):
        repaired = repair(body, ent.start_char, ent.end_char)
        if repaired:
            spans.append(repaired)
    offices = office_tokens(doc, lex) if doc is not None else None
    spans.extend(_title_anchored(body, doc, offices))
    spans.extend(_honorific_lists(body, lex))
    if offices:
        spans.extend(_appositive_names(body, doc, offices))
        spans.extend(_names_before_apposition(body, doc, offices))
        spans.extend(_listed_in_apposition(body, doc, offices, lex))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        if cut_by_excerpt(body, span[1]):
            continue
        kept.append(span)
    return kept
