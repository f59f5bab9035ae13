"""Named officials: who, in what role (title, org), for which country, and every mention.

Steps, each a small function:
  1. candidate names: spaCy PERSON spans, repaired (hyphenated given names kept whole,
     " - U.S." tails and possessives cut), plus capitalised names right after a title word;
  2. role evidence for each name: a title phrase in front ("South Korean Defense Minister"),
     in apposition (", first deputy director of ..."), after a dash in a bracketed sound-bite
     label, an honorific (Rep., Sen., Gen., Amb.), "the NAME government", and photo captions
     (which only add roles to people the body names, found there by their body forms);
  3. the phrase split into country (adjective/possessive, not "to Japan"), organization
     (lexicon, else a capitalised chain ending in Ministry/Office/...), and the title left over;
  4. "the NAME government/administration" names a head of government: the title comes from the
     leaders list (data/leaders.jsonl, terms of office) when the article's date is in a term;
  5. people with role evidence are officials (authors excluded); country falls back on the
     organization, the title's own country (Secretary of State -> US), then the outlet's home
     country for unqualified titles (Korean outlets say "Defense Minister" for their own);
  6. mentions: every full-name form, then short forms (family name, "Mr. Kim"); a family
     name shared by two officials goes to one only if just one of them was named in the same
     or the previous paragraph, else it stays unresolved; "the minister" / "the foreign
     minister" likewise, only when exactly one official with that title was named earlier in
     the same or the previous paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..models import ArticleOfficial, Mention
from ..names import cited_case as display_name
from .lexicon import Lexicon, lexicon

_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]\.)"
_NAME = rf"{_TOKEN}(?:\s+{_TOKEN}){{1,2}}"
_NAME_RE = re.compile(_NAME)
_HONORIFIC = {"Rep.": "Representative", "Sen.": "Senator", "Gen.": "General", "Amb.": "Ambassador",
              "Adm.": "Admiral", "Lt. Gen.": "Lieutenant General", "Gov.": "Governor"}
_POLITE = ("Mr.", "Ms.", "Mrs.", "Dr.")
_CONNECT = {"of", "for", "to", "on", "at", "the"}
_TITLE_LOWER = {
    "chief", "cabinet", "deputy", "first", "second", "third", "national", "security", "acting",
    "top", "nuclear", "senior", "vice", "special", "foreign", "defense", "defence", "trade",
    "unification", "assistant", "principal", "former", "presidential", "executive", "policy",
    "affairs", "military", "intelligence", "economic", "finance", "prime", "general", "head",
    "spy", "ruling", "opposition", "party", "floor", "main", "interim", "incoming", "outgoing",
    "then", "new", "state", "press", "joint", "staff", "house", "committee", "director",
    "minister", "secretary", "adviser", "advisor", "envoy", "ambassador", "representative",
    "spokesperson", "spokesman", "spokeswoman", "chair", "chairman", "chairwoman", "leader",
    "commander", "lawmaker", "official", "vice-minister", "director-general", "negotiator",
    "chancellor", "counselor", "undersecretary", "sen.", "rep.", "gen.", "amb.",
}
_ORG_HEADS = ("Office", "Ministry", "Department", "Committee", "Council", "Bureau", "Agency",
              "Commission", "Assembly", "Party", "Cabinet", "Secretariat", "Command", "Forces",
              "Service", "Administration", "Embassy", "Government", "Staff", "Parliament", "Senate", "Congress")
_ORG_CHAIN = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+)*(?:" + "|".join(_ORG_HEADS) + r")(?:\s+(?:of|for|on)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*)(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*)?"
)
_NOT_PERSON_WORDS = {"House", "Ministry", "News", "Party", "Department", "Office", "Committee", "Council",
                     "Agreement", "Conference", "Court", "Wa", "Dae", "Assembly", "Korea", "Japan",
                     "Daily", "Times", "Herald", "Ilbo", "Agency", "Forces", "Command", "Security",
                     "Foreign", "Affairs", "Twitter", "Facebook", "Peninsula", "Asia", "Pacific", "Gsomia", "GSOMIA"}
_NOMINAL = re.compile(
    r"\b(?P<np>[Tt]he\s+(?:(?P<mod>foreign|defense|defence|prime|unification|trade|finance)\s+)?"
    r"(?P<head>minister|secretary|ambassador|envoy|president|spokesperson|spokesman|spokeswoman))\b(?!['’]s\s+\w+\s+of)")
_GOVERNMENT_OF = re.compile(rf"\bthe\s+(?P<name>{_NAME})\s+(?:government|administration|cabinet)\b")


@dataclass
class Role:
    """Role evidence for a person: the phrase it came from and its parts."""

    title: str | None
    org: str | None
    country: str | None
    source: str


@dataclass
class Person:
    """A person found in one article, with all name forms and role evidence."""

    name: str
    forms: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    head_of_government: bool = False


# ------------------------------------------------------------------ names


def _family_given(name: str, lex: Lexicon) -> tuple[str, str]:
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


def person_id(name: str) -> str:
    """Stable person id: family name then given names, lower-case, hyphenated (order-independent)."""
    family, given = _family_given(name, lexicon())
    text = f"{family} {given}".strip().lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _repair(body: str, start: int, end: int) -> tuple[int, int] | None:
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
    for prefix in ("the ", "The ", *[h + " " for h in _HONORIFIC], *[p + " " for p in _POLITE]):
        if body[start:end].startswith(prefix):
            start += len(prefix)
    # NER sometimes takes the title in ("President Moon Jae-in"): the name starts after it.
    while True:
        first = re.match(r"\S+\s+", body[start:end])
        if not first or len(body[start:end].split()) <= 2:
            break
        word = first.group(0).strip().lower()
        if word in _TITLE_LOWER or word in lexicon().heads:
            start += first.end()
        else:
            break
    text = body[start:end].strip()
    if not _NAME_RE.fullmatch(text):
        return None
    if any(tok in _NOT_PERSON_WORDS for tok in text.split()):
        return None
    if lexicon().org_re.fullmatch(text) or lexicon().country_re.fullmatch(text):
        return None
    return start, end


@cache
def _title_name_re() -> re.Pattern[str]:
    heads = sorted((h for h in lexicon().heads if " " not in h), key=len, reverse=True)
    return re.compile(r"(?i:\b(?:" + "|".join(re.escape(h) for h in heads) + r"))\s+(?P<name>" + _NAME + r")")


def _title_anchored(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Capitalised names right after a title word: catches people the NER missed."""
    spans = []
    for match in _title_name_re().finditer(body):
        repaired = _repair(body, *match.span("name"))
        if repaired:
            spans.append(repaired)
    return spans


_CAPS_NAME = re.compile(
    r"(?<![\w-])(?P<name>[A-Z]{2,}(?:\s+[A-Z]{2,})?\s+[A-Z]{2,}-[A-Z]{2,}|[A-Z]{2,}(?:\s+[A-Z]{2,}){1,2}(?=\s*\())(?![\w-])")


def _caps_names(body: str, lex: Lexicon) -> list[tuple[int, int]]:
    """ALL-CAPS names as Korean captions print them: "KIM YOU-GEUN(CHEONG WA DAE ...)"."""
    spans = []
    for match in _CAPS_NAME.finditer(body):
        words = match.group("name").split()
        if any(w.lower() in lex.heads or w.lower() in _TITLE_LOWER for w in words):
            continue
        if lex.org_re.search(match.group("name")) or lex.country_re.search(match.group("name").title()):
            continue
        spans.append(match.span("name"))
    return spans


def candidate_names(body: str, doc: Any, lex: Lexicon) -> list[tuple[int, int]]:
    """Non-overlapping full-name spans in the body, in text order."""
    spans: list[tuple[int, int]] = list(_caps_names(body, lex))
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            repaired = _repair(body, ent.start_char, ent.end_char)
            if repaired:
                spans.append(repaired)
    spans.extend(_title_anchored(body, lex))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


# ------------------------------------------------------------------ role phrases


def _title_case(words: list[str]) -> str:
    small = {"of", "for", "to", "on", "at", "the", "and"}
    out = []
    for i, word in enumerate(words):
        if word.lower() in small and i > 0:
            out.append(word.lower())
        elif word.islower():
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


def _has_head(words: list[str], lex: Lexicon) -> bool:
    lowered = [w.lower().strip(",") for w in words]
    return any(w in lex.heads for w in lowered) or any(
        " ".join(lowered[i:i + 2]) in lex.heads for i in range(len(lowered) - 1))


def parse_role(phrase: str, lex: Lexicon, source: str) -> Role | None:
    """Split a title phrase into title, org and country; None if it names no title."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
    if not phrase or not _has_head(phrase.split(), lex):
        return None
    if lex.non_government.search(phrase):
        return None  # "Asan Institute President", "a professor at ...": not a public role
    if phrase.isupper():
        phrase = _title_case([w.lower() for w in phrase.split()])  # "CHEONG WA DAE ... DIRECTOR"
    country = None
    country_span = None
    skipped_last = False
    for match in lex.country_re.finditer(phrase):
        before = phrase[:match.start()].rstrip().split(" ")[-1].lower() if match.start() else ""
        if before in ("to", "for", "with", "on", "toward", "towards") or (before == "and" and skipped_last):
            skipped_last = True
            continue  # "ambassador to Japan", "Secretary for Korea and Japan": not the government served
        country = lex.country_of(match.group(0))
        country_span = match.span()
        break
    if country_span and re.search(r"\bof\s+(?:the\s+)?$", phrase[:country_span[0]]):
        # "ambassador of the U.S. to Japan": the country is said; the title is "ambassador to Japan"
        cut = re.search(r"\s*\bof\s+(?:the\s+)?$", phrase[:country_span[0]])
        phrase = phrase[:cut.start()] + phrase[country_span[1]:]
    org = None
    org_span = None
    known = list(lex.org_re.finditer(phrase))
    chain = [m for m in _ORG_CHAIN.finditer(phrase) if m.group(0).split()[-1] not in ("State",)]
    if chain:
        best = max(chain, key=lambda m: len(m.group(0)))
        org_span = best.span()
        org = best.group(0)
    elif known:
        best = max(known, key=lambda m: len(m.group(0)))
        org_span = best.span()
        org = lex.org_by_surface[best.group(0).lower()].name
    if org:
        # A leading country adjective belongs to the country, not the organization's name.
        lead = lex.country_re.match(org)
        if lead and lead.end() < len(org):
            org = org[lead.end():].strip()
        org = re.sub(r"['’]s$", "", org).strip()
        org = re.sub(r"['’]s\s+", " ", org)  # "State Department's Bureau of ..." -> one name
        if org.split()[0] in ("Defense", "Foreign", "Trade") and org.endswith("Minister"):
            org = None
    title_part = phrase
    if org_span:
        pre, post = phrase[:org_span[0]], phrase[org_span[1]:]
        pre = re.sub(r"\s*\b(?:of|at|in|from|for|with)(?:\s+the)?\s*$", "", pre.strip()).strip()
        post = re.sub(r"^['’]s\b", "", post.strip()).strip()
        title_part = pre if _has_head(pre.split(), lex) else post if _has_head(post.split(), lex) else pre + " " + post
    words = [w for w in title_part.split() if w]
    # Drop a leading article / possessive pronoun / country expression.
    while words and (words[0].lower() in ("the", "a", "an", "its", "his", "her", "their", "and") or words[0] in ("new",)):
        words = words[1:]
    text = " ".join(words)
    lead = lex.country_re.match(text)
    if lead:
        text = text[lead.end():].strip()
    text = re.sub(r"^(?:the\s+)", "", text)
    text = re.sub(r"^['’]s\s+", "", text).strip(" ,")
    if not text or not _has_head(text.split(), lex):
        return None
    title = _title_case(text.split())
    if org and country is None:
        known_in_org = lex.org_re.search(org)
        row = lex.org_by_surface.get(known_in_org.group(0).lower()) if known_in_org else None
        country = row.country if row else None
    return Role(title=title, org=org, country=country, source=source)


_STOP = re.compile(r"[,;:(\[\]“\"—]|(?<![A-Z])\.\s")


def _pre_phrase(body: str, start: int, lex: Lexicon) -> str:
    """Title words right in front of a name, back to the clause start or another name."""
    left = body[max(0, start - 160):start]
    para = left.rfind("\n")
    if para >= 0:
        left = left[para + 1:]
    cut = max((m.end() for m in _STOP.finditer(left)), default=0)
    left = left[cut:]
    words = left.split()
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip("’'")
        low = bare.lower()
        if low in _TITLE_LOWER or low in _CONNECT or low in lex.heads or word[:1].isupper() or re.match(r"[A-Z]\.", word):
            kept.append(word)
            continue
        break
    kept.reverse()
    if lex.non_government.search(" ".join(kept)):
        return ""  # "Asan Institute President Choi Kang": a private role, even if trimmed below
    while kept and kept[0].lower() in _CONNECT:
        kept = kept[1:]
    # A leading capitalised word that is neither title, country nor org ("After", a name) is cut.
    while kept and kept[0][:1].isupper() and kept[0].lower() not in _TITLE_LOWER and kept[0].lower() not in lex.heads and not lex.country_re.match(" ".join(kept)) and not lex.org_re.match(" ".join(kept)):
        kept = kept[1:]
    phrase = " ".join(kept)
    words = phrase.split()
    if not words:
        return ""
    # The title's head must end the phrase, or be followed only by "of/for/to <Names>".
    lowered = [w.lower() for w in words]
    last_head = max((i for i, w in enumerate(lowered) if w in lex.heads), default=-1)
    if last_head < 0:
        return ""
    tail = words[last_head + 1:]
    if tail and tail[0].lower() not in ("of", "for", "to", "on"):
        return ""
    return phrase


def _loose_phrase(body: str, end: int) -> str:
    """The noun phrase ending at `end` back to the clause start ("the U.S. top nuclear envoy")."""
    left = body[max(0, end - 120):end]
    cut = max((m.end() for m in _STOP.finditer(left)), default=0)
    left = left[cut:]
    match = re.search(r"\b(?:the|a|an|its|his|her)\s+[^,;]+$", left)
    return match.group(0) if match else ""


def _post_phrase(body: str, end: int, spans: list[tuple[int, int]] | None = None) -> str:
    """Apposition (", first deputy director of ...,"), a dash label ("- U.S. House ... Chair]")
    or a bracketed role ("KIM YOU-GEUN(CHEONG WA DAE ... DIRECTOR)")."""
    rest = body[end:end + 220]
    dash = re.match(r"\s+[-–]\s+([^\]\n]{3,120})\]", rest)
    if dash:
        return dash.group(1)
    paren = re.match(r"\s*\(([^()\n]{3,120})\)", rest)
    if paren:
        return paren.group(1)
    if not rest.startswith(", "):
        return ""
    rest = rest[2:]
    stop = re.search(r",|;|\(|\)|\[|\]|\n|(?<![A-Z])\.(?:\s|$)|\s(?:said|says|told|who|was|is|has|had|will|would)\b", rest)
    phrase = rest[:stop.start()] if stop else rest
    begin = end + 2
    if spans and any(begin <= s < begin + len(phrase) for s, _ in spans):
        return ""  # ", U.S. Secretary of State Mike Pompeo": the next person's title, not this one's
    return phrase


# ------------------------------------------------------------------ assembly


def _key(name: str) -> str:
    return " ".join(sorted(display_name(name).lower().replace("’", "'").split()))


def _known_names(people: dict[str, Person]) -> re.Pattern[str] | None:
    """Every body form of these people as printed, in ALL CAPS, and in the other name order.

    Captions only add roles to people the body names, so they are searched for those names
    rather than parsed: no second NER pass, and a caption name the NER would miss is found.
    """
    variants: set[str] = set()
    for person in people.values():
        for form in person.forms:
            for order in (form, " ".join(reversed(form.split()))):
                variants.update((order, order.upper()))
    if not variants:
        return None
    alternatives = (r"\s+".join("".join("['’]" if c in "'’" else re.escape(c) for c in w) for w in v.split())
                    for v in sorted(variants, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def _caption_roles(captions: list[str], people: dict[str, Person], lex: Lexicon) -> None:
    """Add the roles captions state for people the body names (captions have no offsets)."""
    names = _known_names(people) if captions else None
    if names is None:
        return
    for caption in captions:
        for match in names.finditer(caption):
            key = _key(match.group(0))
            for phrase in (_pre_phrase(caption, match.start(), lex), _post_phrase(caption, match.end())):
                role = parse_role(phrase, lex, "caption") if phrase else None
                if role and key in people:
                    people[key].roles.append(role)


def find_officials(body: str, doc: Any, captions: list[str], authors: list[str],
                   home_country: str | None, published: str | None = None) -> list[ArticleOfficial]:
    """Officials of one article, each with title, org, country and every mention in `body`."""
    lex = lexicon()
    people: dict[str, Person] = {}
    author_keys = {_key(a) for a in authors}
    spans = candidate_names(body, doc, lex)
    occurrences: list[tuple[int, int, str]] = []
    for start, end in spans:
        name = body[start:end]
        key = _key(name)
        if key in author_keys:
            continue
        person = people.setdefault(key, Person(name=display_name(name)))
        person.forms.add(name)
        occurrences.append((start, end, key))
        pre = _pre_phrase(body, start, lex)
        if pre:
            before = body[:start].rstrip()
            before = before[:len(before) - len(pre)].rstrip()
            if before.endswith(","):
                hop = _pre_phrase(body, len(before) - 1, lex) or _loose_phrase(body, len(before) - 1)
                role = parse_role(hop, lex, "pre") if hop else None
                if role and role.country:
                    person.roles.append(Role(title=None, org=None, country=role.country, source="apposition"))
        for phrase, source in ((pre, "pre"), (_post_phrase(body, end, spans), "post")):
            role = parse_role(phrase, lex, source) if phrase else None
            if role:
                person.roles.append(role)
        honor = re.search(r"(?:Rep|Sen|Gen|Amb|Adm|Gov)\.\s*$", body[max(0, start - 6):start])
        if honor and not person.roles:
            person.roles.append(Role(title=_HONORIFIC[honor.group(0).strip()], org=None, country=None, source="honorific"))
    for match in _GOVERNMENT_OF.finditer(body):
        key = _key(match.group("name"))
        if key in people:
            people[key].head_of_government = True
            # "the Shinzo Abe government": the article says he heads it but prints no title; the
            # leaders list (terms of office) gives the title when the article's date is in a term.
            term = lex.leader(people[key].name, (published or "")[:10] or None)
            if term and not people[key].roles:
                people[key].roles.append(Role(title=term.title, org=term.org, country=term.country, source="leader-term"))
    _caption_roles(captions, people, lex)
    officials = {k: p for k, p in people.items() if p.roles or p.head_of_government}
    mentions = _mentions(body, officials, occurrences, lex)
    out = []
    for key, person in officials.items():
        role = _best_role(person, lex, home_country)
        cited = sorted({display_name(f) for f in person.forms})
        name = max(cited, key=lambda f: (len(f.split()), not f.isupper(), len(f)))
        out.append(ArticleOfficial(
            id=person_id(name), name=name, title=role.title if role else None,
            org=role.org if role else None, country=role.country if role else None,
            mentions=mentions.get(key, []),
        ))
    return sorted(out, key=lambda o: (o.mentions[0].start if o.mentions else 0, o.id))


def _best_role(person: Person, lex: Lexicon, home_country: str | None) -> Role | None:
    if not person.roles:
        return None
    # Prefer body evidence over captions, and the most complete phrase.
    roles = sorted(person.roles, key=lambda r: (r.title is None, r.source == "caption", r.source == "honorific",
                                                -(r.country is not None) - (r.org is not None) - len(r.title or "") / 100))
    best = roles[0]
    title, org, country = best.title, best.org, best.country
    for other in roles[1:]:
        if country is None and other.country:
            country = other.country
        if org is None and other.org and other.title == title:
            org = other.org
    prior = lex.titles.get((title or "").lower())
    if prior and prior.canonical:
        title = prior.canonical  # one spelling per role: "Defense Secretary" -> "Secretary of Defense"
    if prior is None:
        prior = _prior_by_suffix(title, lex)  # "Second Deputy National Security Adviser"
    if prior:
        country = country or prior.country
    if country is None and home_country and best.source not in ("honorific", "leader-term"):
        country = home_country
    if prior:
        known = prior.org or (prior.orgs.get(country) if country else None)
        org = _refine_org(org, known)
    return Role(title=title, org=org, country=country, source=best.source)


_MODIFIERS = {"first", "second", "third", "deputy", "vice", "senior", "acting", "principal", "assistant",
              "former", "chief", "new", "top"}


def _prior_by_suffix(title: str | None, lex: Lexicon):  # noqa: ANN202 - TitleRow | None
    """The title row of the title without its leading modifiers ("second deputy ..."), if any."""
    words = (title or "").lower().split()
    while words and words[0] in _MODIFIERS:
        words = words[1:]
        row = lex.titles.get(" ".join(words))
        if row:
            return row
    return None


def _refine_org(stated: str | None, known: str | None) -> str | None:
    """The stated organization, made specific by the one the title implies.

    "Blue House" + "Blue House National Security Office" -> the latter (it refines the stated one);
    "Bureau of East Asian and Pacific Affairs" + "State Department" -> "State Department Bureau of ..."
    (a sub-unit named without its department)."""
    if not known:
        return stated
    if not stated:
        return known
    if known.lower().startswith(stated.lower()) and len(known) > len(stated):
        return known
    if re.match(r"(?:Bureau|Office|Division|Directorate)\b", stated) and known.lower() not in stated.lower():
        return f"{known} {stated}"
    return stated


def _paragraph_index(body: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n\n", body):
        starts.append(match.end())
    return starts


def _mentions(body: str, officials: dict[str, Person], occurrences: list[tuple[int, int, str]],
              lex: Lexicon) -> dict[str, list[Mention]]:
    """Full-name occurrences plus short forms, with shared family names resolved only when safe."""
    # Events: (start, end, candidate keys, needs_recent). needs_recent: resolve only to the one
    # candidate named in the same or the previous paragraph (shared family names, "the minister").
    found: list[tuple[int, int, tuple[str, ...], bool]] = [(s, e, (k,), False) for s, e, k in occurrences if k in officials]
    taken = bytearray(len(body) + 1)  # 1 where a name already stands: O(1) overlap checks

    def free(span: tuple[int, int]) -> bool:
        return not any(taken[span[0]:span[1]])

    def take(span: tuple[int, int]) -> None:
        taken[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

    for s_, e_, _ in occurrences:
        take((s_, e_))
    short_forms: dict[str, set[str]] = {}
    for key, person in officials.items():
        for form in person.forms:
            for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", body):
                span = match.span()
                if free(span):
                    found.append((span[0], span[1], (key,), False))
                    take(span)
            family, _ = _family_given(form, lex)
            if family and len(family) > 1 and not form.isupper():
                short_forms.setdefault(family, set()).add(key)
    paragraph_starts = _paragraph_index(body)

    def paragraph(pos: int) -> int:
        return bisect_right(paragraph_starts, pos) - 1

    shorts: list[tuple[int, int, tuple[str, ...], bool]] = []
    for family, keys in short_forms.items():
        pattern = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?(?<![\w-])" + re.escape(family) + r"(?![\w-])(?!\s+[A-Z][a-z]+-[a-z])")
        for match in pattern.finditer(body):
            span = match.span()
            if not free(span):
                continue
            shorts.append((span[0], span[1], tuple(sorted(keys)), len(keys) > 1))
    # "the (foreign) minister": a candidate is every official whose title ends with the head
    # word and contains the modifier; resolved below like a shared family name.
    for match in _NOMINAL.finditer(body):
        span = match.span("np")
        if not free(span):
            continue
        head, modifier = match.group("head").lower(), (match.group("mod") or "").lower()
        candidates = tuple(sorted(k for k, p in officials.items()
                                  if any(r.title and r.title.lower().endswith(head) and modifier in r.title.lower()
                                         for r in p.roles)))
        if candidates:
            shorts.append((span[0], span[1], candidates, True))
    # Resolve in text order so "the most recent mention" is known.
    events = sorted(found + shorts)
    last_seen: dict[str, int] = {}
    resolved: list[tuple[int, int, str]] = []
    for start, end, keys, needs_recent in events:
        if needs_recent:
            here = paragraph(start)
            recent = [k for k in keys if k in last_seen and here - last_seen[k] <= 1]
            if len(recent) != 1:
                continue  # ambiguous: leave unresolved
            keys = tuple(recent)
        key = keys[0]
        last_seen[key] = paragraph(start)
        resolved.append((start, end, key))
    out: dict[str, list[Mention]] = {}
    for start, end, key in sorted(resolved):
        out.setdefault(key, []).append(Mention(text=body[start:end], start=start, end=end))
    return out
