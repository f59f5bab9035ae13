"""Named officials: who, in what role (title, org), for which country, and every mention.

Steps (names.py finds names, titles.py reads role phrases, kb.py is the knowledge base):
  1. candidate names: spaCy PERSON spans (the KB's names among them), title-anchored names,
     names in apposition to an office noun or "counterpart", ALL-CAPS label names; a name cut
     off by the end of an excerpt is dropped;
  2. each name is linked to the knowledge base when its full form is one KB person's (accents,
     middle initials and suffixes aside);
  3. role evidence for each name (titles.py: in front, from the parse, in apposition, in a
     list, a label, "of the <party>", a counterpart, an honorific, whose official it is, a U.S.
     party-and-state tag "(D-Minn.)", which says the country and no title) and
     from photo captions for people the body names; a private role ("Toyota President") is
     none;
  4. surnames with a title ("President Yoon", "Defense Secretary Esper") and bare KB family
     names used as a person ("Esper said", "Trump told", whatever the NER's label) without a
     full form in the body: the full form from a caption (rule B1), else the one KB person of
     that family name whose office on the article's day the title names, or, bare, who holds
     any office that day (rule O3; see _surname_people for the evidence a bare one needs);
  5. "the (former) Moon Jae-in / Trump administration|government", "the Moon and Abe
     governments", "the Trump White House": each head is an official (rule O1), resolved
     through the KB by the article's day (else the one past head of that name) when only the
     surname is printed;
  6. a KB name whose owner holds no office that day, and whom the text gives a title naming none
     of their offices, is a namesake: unlinked;
  7. officials: people with role evidence, people the KB knows (unless the text gives them a
     private role, "a professor at ...", or the article predates their first office: a namesake),
     heads of an administration; authors are never officials. Their role: what the text states
     wins ("then-minister", a new post); with no title in the text, the KB's office on the day
     (undated: the only office the KB records); the country and org as _best_role says;
  8. mentions: every full-name form, then short forms (family name, "Mr. Kim"); a family
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
from .kb import HEAD_TITLES, KB, KBPerson, KBPosition, covers, first_day, knowledge_base, name_key
from .lexicon import Lexicon, lexicon
from .names import (HONORIFIC, KOREAN_GIVEN, NAME, NOT_PERSON_WORDS, PLURAL_HONORIFIC, SURNAME, TITLE_LOWER,
                    candidate_names, cut_by_excerpt, family_given, name_origin, person_ents, person_id,
                    title_surnames)
from .titles import (Role, appositive_title, counterpart_country, is_counterpart, loose_phrase, more_countries, named_phrase,
                     org_only_role, own_title, parse_pre_phrase, parse_role, post_phrase, pre_phrase, private_phrase,
                     singular_head, singular_phrase)

__all__ = ["find_officials", "person_id"]

_NOMINAL = re.compile(
    r"\b(?P<np>[Tt]he\s+(?:(?P<mod>foreign|defense|defence|prime|unification|trade|finance)\s+)?"
    r"(?P<head>minister|secretary|ambassador|envoy|president|spokesperson|spokesman|spokeswoman))\b(?!['’]s\s+\w+\s+of)")
# "the (former) Moon Jae-in administration", "the Trump administration's", "the Yoon government"
_ONE_HEAD = rf"(?:{NAME}|{SURNAME})(?:['’]s)?"
_GOVERNMENT_OF = re.compile(
    r"(?:\b(?:[Tt]he|in|of|by|under)|(?P<whose>[A-Z][\w.]*['’]s))\s+"
    r"(?P<former>(?:former|then|previous|past|late|incoming|outgoing|new)[\s-]+)?"
    rf"(?P<names>{_ONE_HEAD}(?:\s*,\s*{_ONE_HEAD})*(?:,?\s+and\s+{_ONE_HEAD})?)"
    r"\s+(?P<what>[Gg]overnments?|[Aa]dministrations?|[Cc]abinets?|regimes?|presidency|presidencies|White\s+House)\b")
_HEAD_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|,?\s+and\s+")


@dataclass
class Person:
    """A person found in one article, with all name forms and role evidence."""

    name: str
    forms: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    head_of_government: bool = False
    kb: KBPerson | None = None
    family: str | None = None
    private: bool = False  # the text gives a private role ("a professor at ..."): not the KB's official


def _key(name: str) -> str:
    return name_key(display_name(name))


def _person_key(name: str, kb: KB) -> tuple[str, KBPerson | None]:
    """The key people are grouped by: the KB id when the KB knows the full name."""
    known = kb.lookup(name) if len(name.split()) > 1 else None
    return (f"kb:{known.id}", known) if known else (_key(name), None)


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
    keys = {name_key(form): key for key, person in people.items() for form in person.forms}
    for caption in captions:
        for match in names.finditer(caption):
            key = keys.get(_key(match.group(0)))
            for phrase in (pre_phrase(caption, match.start(), lex), post_phrase(caption, match.end())):
                role = parse_role(phrase, lex, "caption") if phrase else None
                if role and key in people:
                    people[key].roles.append(role)


def _title_word(word: str) -> bool:
    low = word.lower()
    return low in TITLE_LOWER or low in lexicon().heads or word in NOT_PERSON_WORDS


def _caption_full_name(family: str, captions: list[str]) -> str | None:
    """The one full name with this family name that the captions print (rule B1), if any."""
    found = set()
    for caption in captions:
        for match in re.finditer(rf"(?<![\w-])(?:{re.escape(family)}(?:\s+[A-Z][\w]*(?:-[a-z]+)?){{1,2}}"
                                 rf"|[A-Z][a-z]+\s+{re.escape(family)})(?![\w-])", caption):
            words = match.group(0).split()
            # Only name words: "President Trump", "Yoon shakes" are a title or a verb, no name.
            while len(words) > 1 and (words[-1].islower() or _title_word(words[-1])):
                words.pop()
            while len(words) > 1 and _title_word(words[0]):
                words.pop(0)
            if len(words) > 1:
                found.add(" ".join(words))
    return found.pop() if len(found) == 1 else None


_HONORIFIC_BEFORE = re.compile(r"(?<![\w.])(?:Reps?|Sens?|Gen|Amb|Adm|Gov)\.\s*$")


def _role_phrases(body: str, doc: Any, start: int, end: int, spans: list[tuple[int, int]],
                  lex: Lexicon, private: list[str], org_words: frozenset[str] = frozenset()) -> list[Role]:
    """Every role the text states for the name at body[start:end] (see titles.py); the private
    role phrases it gives ("Toyota President") are put in `private` instead."""
    roles: list[Role] = []
    floor = max((e for _, e in spans if e <= start), default=0)  # never back into another name
    pre = pre_phrase(body, start, lex, floor)
    parsed = parse_pre_phrase(doc, start, end, lex)
    if parsed and (not pre or (len(parsed) > len(pre) and parsed.endswith(pre))):
        pre = parsed  # the parse holds words the title lists lack ("Japan's reconstruction commissioner")
    if pre:
        pre = own_title(pre, lex)  # "spokesman for President NAME": NAME's title is "President"
    patron = None
    if pre:
        before = body[:start].rstrip()
        before = before[:len(before) - len(pre)].rstrip()
        if re.search(r"\b(?:his|her)$", before):
            patron = "his"  # "Trump hurriedly sent his National Security Adviser John Bolton"
        if before.endswith(",") and not any(e == len(before) - 1 for _, e in spans):
            # "Japan's top diplomat, Taro Kono": the country of the phrase before the comma
            # (not when that phrase ends with another person's name).
            hop = pre_phrase(body, len(before) - 1, lex) or loose_phrase(body, len(before) - 1)
            role = parse_role(hop, lex, "pre") if hop else None
            if role and role.country:
                roles.append(Role(title=None, org=None, country=role.country, source="apposition"))
    elif body[:start].rstrip().endswith(",") and not any(e == len(body[:start].rstrip()) - 1 for _, e in spans):
        # "U.S. Assistant Secretary of State for East Asian and Pacific Affairs, David Stilwell
        # had marathon meetings": a title opening the sentence, a comma, the name.
        comma = len(body[:start].rstrip()) - 1
        lead = pre_phrase(body, comma, lex, floor)
        opening = body[:comma - len(lead)].rstrip() if lead else "x"
        if lead and (not opening or opening[-1] in ".!?\"”\n") :
            pre = lead
    post = post_phrase(body, end, spans)
    at = body.find(post, end) if post else -1
    if post and (_finite_verb_at(doc, at) or _finite_verb_in(doc, at, at + len(post))):
        # "X, resigned and its chairman, Y", "Janet Reno, President Clinton and others attended
        # the ceremony": a clause, not an apposition
        post = ""
    listed, plural = appositive_title(doc, start, end, lex)
    for phrase, source in ((pre, "pre"), (post, "post"), (listed, "list"), (named_phrase(body, end), "named")):
        whose = _WHOSE.match(phrase) if phrase else None
        if whose and not lex.country_re.fullmatch(phrase[:whose.end()].strip()) and not lex.org_re.match(phrase) \
                and _known_person_word(whose.group("who"), doc, phrase, body, start):
            phrase = phrase[whose.end():]  # "Yoon's national security adviser": Yoon is no org
        if phrase and private_phrase(phrase, lex, org_words):
            private.append(phrase)  # "Toyota President", "head of research at Nomura"
            continue
        role = parse_role(phrase, lex, source) if phrase else None
        if role:
            role.patron = whose.group("who") if whose else patron if source == "pre" else None
            # "defense ministers A, B and C": several holders of one title (see _shared_titles)
            role.two_sides = role.two_sides or (source == "list" and plural)
            roles.append(role)
    if post and not roles and re.match(r"\s*[(\[-]", body[end:end + 3]):
        label = org_only_role(post, lex, "label")  # "NAME(MINISTRY OF ...)": an org, no title
        if label:
            roles.append(label)
    of_org = _OF_ORG.match(body, end)
    known = lex.org_re.match(body, of_org.end()) if of_org else None
    if known:  # "Rep. Kim Jong-dae of the Justice Party": the org (and its country), no title
        row = lex.org_by_surface[known.group(0).lower()]
        roles.append(Role(title=None, org=row.name, country=row.country, source="of-org"))
    honor = _HONORIFIC_BEFORE.search(body[max(0, start - 7):start])
    if honor and not any(r.title for r in roles):
        said = honor.group(0).strip()
        roles.append(Role(title=HONORIFIC[PLURAL_HONORIFIC.get(said, said)], org=None, country=None, source="honorific"))
        # "Justice Party Rep. Kim": a party (any known org) right before the honorific
        before = body[max(0, start - 80):start - len(honor.group(0))]
        party = re.search(r"(?:^|(?<=\s))(?P<org>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)\s*$", before)
        row = lex.org_by_surface.get(party.group("org").lower()) if party else None
        if row is not None and not row.international:
            roles.append(Role(title=None, org=row.name, country=row.country, source="of-org"))
        else:  # "U.S. Rep. X": the country said right before the honorific (not a place: "in Tokyo Rep. X")
            said = [m for m in lex.country_re.finditer(before) if m.end() == len(before.rstrip())
                    and not re.search(r"\b(?:in|at|from|to|for|of)\s+$", before[:m.start()], re.I)]
            if said:
                roles.append(Role(title=None, org=None, country=lex.country_of(said[-1].group(0)), source="of-org"))
    return roles


def _finite_verb_at(doc: Any, pos: int) -> bool:
    """Whether the parse has a finite verb at character `pos` ("echoed", "resigned"): an
    apposition starts with a noun phrase, never with one."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand") if doc is not None and pos >= 0 else None
    return bool(span) and span[0].tag_ in ("VBD", "VBZ", "VBP") and span[0].pos_ in ("VERB", "AUX")


def _finite_verb_in(doc: Any, start: int, end: int) -> bool:
    """Whether the parse has a finite verb in body[start:end]: an apposition is a noun phrase
    that a comma, "said" or the sentence's end closes, so a verb inside it means the comma
    after the name began a clause ("NAME, President Clinton and others attended ...")."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None and start >= 0 else None
    return bool(span) and any(t.tag_ in ("VBD", "VBZ", "VBP") and t.pos_ in ("VERB", "AUX") for t in span)


def _org_words(doc: Any) -> frozenset[str]:
    """The words of the doc's organization and product names, less those it also calls places."""
    if doc is None:
        return frozenset()
    ents = doc.ents
    places = {t.text for e in ents if e.label_ in ("GPE", "LOC", "NORP") for t in e}
    return frozenset(t.text for e in ents if e.label_ in ("ORG", "PRODUCT", "FAC") for t in e) - places


def _known_person_word(word: str, doc: Any, phrase: str, body: str, start: int) -> bool:
    """True when the possessor of a title phrase is a person ("Yoon's", "Trump's"), not an
    organization ("Samsung's", "Toyota's"): a KB family name, or a PERSON of the NER."""
    if word.lower() in knowledge_base().by_family:
        return True
    at = body.rfind(word, max(0, start - len(phrase) - 5), start)
    span = doc.char_span(at, at + len(word)) if doc is not None and at >= 0 else None
    return bool(span is not None and span[0].ent_type_ == "PERSON")


# A person's possessive opening a role phrase, with a title or given names before the word
# looked up: "Yoon's national security adviser", "President Park Ji-hoon's chief of staff".
_WHOSE = re.compile(r"(?:[A-Z][\w.-]*\s+){0,3}(?P<who>[A-Z][\w-]*)['’]s\s+")


def _patron_country(patron: str, start: int, sentence: int, occurrences: list[tuple[int, int, str]],
                    people: dict[str, Person], day: str | None, kb: KB) -> str | None:
    """The country of the person whose official this is: for "his", the sentence's previous
    person; for a surname, the person of the article with that family name, else the KB's head
    of state or government of that name on the day."""
    def country_of(person: Person) -> str | None:
        if person.kb:
            return person.kb.country
        return next((r.country for r in person.roles if r.country), None)

    if patron == "his":
        earlier = [key for s, _, key in occurrences if sentence <= s < start]
        return country_of(people[earlier[-1]]) if earlier else None
    for person in people.values():
        if person.family == patron or any(f.split()[-1] == patron or f.split()[0] == patron for f in person.forms):
            return country_of(person)
    found = kb.by_surname(patron, day, heads_only=True) if day else []
    return found[0].country if len(found) == 1 else None


@cache
def _party_tag() -> re.Pattern[str]:
    """A U.S. legislator's party and state right after the name (compiled once): in brackets
    ("(D-Minn.)", "(R-S.C.)", "(D-New York)"), between commas as AP prints it (", R-Texas,"), or
    as a phrase (", a Democrat from New York", ", a Republican senator from Ohio", ", a Nebraska
    Republican"). Outside the brackets the state must be one (data/us_states.json): ", D-Day
    veteran" is no tag, and South Korea's Democrats are "of the Democratic Party", from no US
    state."""
    state = lexicon().us_state
    return re.compile(
        r"\s*\((?:D|R|I)\s?[-–]\s?[A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?){0,2}\)"
        rf"|\s*,\s*(?:D|R|I)\s?[-–]\s?{state}(?![\w])"
        rf"|\s*,\s*(?:an?|the)\s+(?:[a-z-]+\s+){{0,2}}(?:Republican|Democrat|Democratic|independent)\s+"
        rf"(?:[a-z]+\s+){{0,2}}(?:from|of)\s+{state}(?![\w])"
        rf"|\s*,\s*(?:an?|the)\s+(?:[a-z-]+\s+){{0,2}}{state}\s+(?:Republican|Democrat)s?\b")
_DATELINE = re.compile(r"\s*(?P<city>[A-Z]{4,}|[A-Z][a-z]+)(?:\s*,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*(?:\([^)]{2,30}\))?\s*(?:--|[-–—―]\s)")


def _dateline_country(body: str, lex: Lexicon) -> str | None:
    """The government a wire story's dateline capital stands for ("BEIJING, Nov. 22 (Xinhua) --",
    "TOKYO -"): on an outlet with no home country, what an unqualified title refers to."""
    match = _DATELINE.match(body)
    return lex.country_of(match.group("city").title()) if match else None


_OF_ORG = re.compile(r",?\s+(?:of|from)\s+(?:the\s+)?(?:(?:main|ruling|minor|conservative|liberal|progressive|"
                     r"opposition|splinter|centrist|far-right|left-leaning)\s+)*")


def _private_role(body: str, start: int, end: int, spans: list[tuple[int, int]], lex: Lexicon) -> bool:
    """True when the text gives the name a private or academic role ("a professor at ...")."""
    before = body[max(0, start - 60):start]
    clause = re.split(r"[,;:.(\n]", before)[-1]
    return bool(lex.non_government.search(post_phrase(body, end, spans)) or lex.non_government.search(clause))


_SAME_OFFICE = ({"lawmaker", "representative", "assemblyman", "assemblywoman", "legislator", "congressman",
                 "congresswoman", "parliamentarian", "member"},
                {"spokesman", "spokeswoman", "spokesperson"}, {"chairman", "chairwoman", "chairperson", "chair", "leader"},
                {"adviser", "advisor"})


def _namesake(person: Person, kb: KB, day: str | None, lex: Lexicon) -> bool:
    """True when a KB name belongs to someone else here: the KB person holds no office on the
    article's day, and the text gives this person a title that names none of the KB person's
    offices, nor their organizations ("Rep. Kim Sung-hwan of the Democratic Party" in 2019 is the
    lawmaker, not the foreign minister of 2010-13; "former Foreign Minister Kim Sung-hwan" is him)."""
    if day is None or person.kb is None or kb.position_on(person.kb, day) is not None:
        return False
    stated = [r for r in person.roles if r.title and r.source not in ("counterpart", "caption")]
    if not stated:
        return False
    def office_words(title: str) -> set[str]:
        words = {w for w in _office_words(title, lex).split() if w in lex.heads}
        return words | {w for group in _SAME_OFFICE if words & group for w in group}

    for role in stated:
        said = office_words(role.title)
        for position in person.kb.positions:
            # an office word in common ("Justice Minister Nominee" / "Justice Minister", "former
            # Foreign Minister"), or one office under two names ("Representative" / "Lawmaker")
            if said & office_words(position.title):
                return False
            if role.org and position.org and role.org.lower() == position.org.lower():
                return False
    return True


def _held_office_by(person: KBPerson, day: str | None) -> bool:
    """True when the KB person had taken up an office by `day` (undated: always)."""
    return day is None or any(not p.start or first_day(p.start) <= day for p in person.positions)


def _sentence_start(doc: Any, pos: int) -> int:
    if doc is None:
        return max(0, pos - 200)
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent.start_char if span is not None else max(0, pos - 200)


def find_officials(body: str, doc: Any, captions: list[str], authors: list[str],
                   home_country: str | None, published: str | None = None) -> list[ArticleOfficial]:
    """Officials of one article, each with title, org, country, KB link and every mention in `body`."""
    lex, kb = lexicon(), knowledge_base()
    day = (published or "")[:10] or None
    home_country = home_country or _dateline_country(body, lex)
    people: dict[str, Person] = {}
    author_keys = {_key(a) for a in authors}
    persons = person_ents(doc)
    spans = candidate_names(body, doc, lex, persons)
    org_words = _org_words(doc)
    occurrences: list[tuple[int, int, str]] = []
    for start, end in spans:
        name = body[start:end]
        if _key(name) in author_keys:
            continue
        key, known = _person_key(name, kb)
        person = people.setdefault(key, Person(name=display_name(name), kb=known,
                                               family=known.family_name() if known else None))
        person.forms.add(name)
        occurrences.append((start, end, key))
        private: list[str] = []
        roles = _role_phrases(body, doc, start, end, spans, lex, private, org_words)
        for role in roles:
            if role.patron and not role.country:
                role.country = _patron_country(role.patron, start, _sentence_start(doc, start), occurrences[:-1],
                                               people, day, kb)
        if not roles and (private or _private_role(body, start, end, spans, lex)):
            person.private = True
        if not roles and is_counterpart(body, start):
            roles = _counterpart_role(body, doc, start, occurrences, people, lex)
        if _party_tag().match(body, end):
            # "Rep. Ilhan Omar (D-Minn.)", "Sen. Cory Gardner, R-Colo.,": a member of the U.S.
            # Congress; the title, if any, comes from the other evidence.
            roles.append(Role(title=None, org=None, country="US", source="party-tag"))
        person.roles.extend(roles)
    _shared_titles(body, occurrences, people, lex)
    _listed_apposition(body, occurrences, people, lex)
    _surname_people(body, doc, persons, captions, spans, people, author_keys, day, lex, kb)
    _administrations(body, doc, people, day, kb, lex)
    _caption_roles(captions, people, lex)
    _group_countries(body, doc, occurrences, people, lex)
    for person in people.values():
        if person.kb and _namesake(person, kb, day, lex):
            person.kb = None  # "Rep. Kim Sung-hwan" in 2019: not the foreign minister of 2010-13
    officials = {k: p for k, p in people.items()
                 if p.roles or p.head_of_government or (p.kb and not p.private and _held_office_by(p.kb, day))}
    mentions = _mentions(body, officials, occurrences, lex)
    out = []
    for key, person in officials.items():
        role = _best_role(person, lex, kb, home_country, day)
        cited = sorted({display_name(f) for f in person.forms})
        name = max(cited, key=lambda f: (len(f.split()), not f.isupper(), len(f))) if cited else person.name
        out.append(ArticleOfficial(
            id=person_id(person.kb.name if person.kb else name), name=name,
            title=role.title if role else None, org=role.org if role else None,
            country=role.country if role else None,
            kb_id=person.kb.id if person.kb else None, wikidata=person.kb.wikidata if person.kb else None,
            mentions=mentions.get(key, []),
        ))
    return sorted(out, key=lambda o: (o.mentions[0].start if o.mentions else 0, o.id))


# A group named for its country, then the list of its members: "The other U.S. attendees were
# Gen. Mark Milley, ... Ambassador Harry Harris and ...", "the Japanese delegation included",
# "The South Korean side was led by". The verb must be followed by a capital (a title or a
# name), so "the U.S. officials were briefed by X" lists no one.
_GROUP_NOUNS = ("attendees|delegation|delegations|delegates|participants|side|team|negotiators|representatives"
                "|officials|members|dignitaries|envoys")
_GROUP_VERBS = r"(?:were|are|was|is|included|include|includes|comprised|:|,?\s*(?:was\s+|were\s+)?(?:led|headed|represented)\s+by)"


# The group regex's tail alone: a body without it has no group, and finding that is far cheaper
# than running the country alternation at every position (0.8 ms of a 6 ms stage on the seeds).
_GROUP_TAIL = re.compile(rf"(?:{_GROUP_NOUNS})\b\s*{_GROUP_VERBS}\s+(?=[A-Z])")


@cache
def _group_re() -> re.Pattern[str]:
    """A country-named group and the verb that lists its members (compiled once)."""
    return re.compile(rf"(?P<c>{lexicon().country_re.pattern})\s+(?:(?:other|top|senior|visiting|high-level|defense"
                      rf"|military|government)\s+)*(?:{_GROUP_NOUNS})\b\s*{_GROUP_VERBS}\s+(?=[A-Z])")


def _group_countries(body: str, doc: Any, occurrences: list[tuple[int, int, str]], people: dict[str, Person],
                     lex: Lexicon) -> None:
    """The group's country for the officials listed as its members, as a fallback for those whose
    own phrase names none ("Ambassador Harry Harris" among "the other U.S. attendees"). The
    members are the noun phrase after the verb, with its conjuncts and appositions (the parse),
    not the rest of the sentence ("led by Mark Esper, pressed Seoul, and Jeong said"). Only
    people with a role already: a list does not make anyone an official."""
    if doc is None or not _GROUP_TAIL.search(body):
        return
    for match in _group_re().finditer(body):
        country = lex.country_of(match.group("c"))
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if country is None or span is None:
            continue
        first = head = span[0]
        while head.head.i != head.i and head.head.i >= first.i and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head  # "Gen. Mark [Milley]": the phrase's head noun
        begin, stop = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        for start, _, key in occurrences:
            person = people.get(key)
            if begin <= start < stop and person is not None and person.roles:
                person.roles.append(Role(title=None, org=None, country=country, source="group"))


def _of_country(body: str, end: int, lex: Lexicon) -> tuple[str | None, int]:
    """(country, end) of an " of <country>" right after a name ("A of South Korea"), else (None, end)."""
    match = re.match(r"\s+of\s+(?:the\s+)?", body[end:end + 12])
    if match:
        country = lex.country_re.match(body, end + match.end())
        if country:
            return lex.country_of(country.group(0)), country.end()
    return None, end


# A plural title and a comma before the list: "The defense ministers of both countries, A and B",
# "The foreign ministers of South Korea and Japan, A and B".
@cache
def _plural_before_comma(country: str) -> re.Pattern[str]:
    """The plural head, its complement naming the governments, and the comma (`country`: the
    lexicon's country regex)."""
    return re.compile(rf"(\w+)(?:\s+of\s+(?:the\s+)?(?:(?:two|both)\s+(?:countries|nations|sides|governments)"
                      rf"|(?:{country}){more_countries(country)}))?(,\s+)$")


def _shared_titles(body: str, occurrences: list[tuple[int, int, str]], people: dict[str, Person],
                   lex: Lexicon) -> None:
    """One title printed for several names: a plural head before a list ("Foreign Ministers A of
    South Korea and B of Japan", "Defense Ministers A, B and C"), or a possessive pair
    ("Japan's Defense Minister A and South Korea's B"). The later names take the first one's
    title, each with the country its own words give (none: the rest of the evidence chain)."""
    shared: Role | None = None
    for (a_start, a_end, a_key), (b_start, b_end, b_key) in zip(occurrences, occurrences[1:]):
        first = people.get(a_key)
        titled = [r for r in first.roles if r.title and r.source == "pre"] if first else []
        a_country, a_stop = _of_country(body, a_end, lex)
        gap = body[a_stop:b_start]
        listed = re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", gap)
        if shared is None and first is not None and not titled and listed:
            # "Foreign Ministers A and B": a plural in front is a title only before a list of
            # names ("Officials say ..." is none)
            left = body[max(0, a_start - 160):a_start]
            last = re.search(r"(\w+)(\s+)$", left) or _plural_before_comma(lex.country_re.pattern).search(left)
            singular = singular_head(last.group(1), lex) if last else None
            role = None
            honor = re.search(r"(?<![\w.])(\w+\.)\s+$", left)
            if honor and honor.group(1) in PLURAL_HONORIFIC:  # "Reps. A and B"
                role = Role(title=HONORIFIC[PLURAL_HONORIFIC[honor.group(1)]], org=None, country=None, source="pre")
            elif last and singular and not private_phrase(re.split(r"[,;.:]\s", left[:last.end(1)])[-1], lex):
                # (not "three of the company's directors, A and B": the clause says whose)
                left = left[:last.start()] + singular + " "
                phrase = pre_phrase(left, len(left), lex)
                role = parse_role(phrase, lex, "pre") if phrase else None
            if role and role.title:
                role.country = a_country or role.country  # "A of South Korea"
                # several holders of one title are, for most offices, of several governments:
                # the outlet's country only for the names whose form can be its
                role.two_sides = True
                first.roles.append(role)
                shared = role
        second = people.get(b_key)
        if second is None or b_key == a_key or any(r.title for r in second.roles):
            shared = None
            continue
        if shared is not None and listed:
            country, _ = _of_country(body, b_end, lex)
            second.roles.append(Role(title=shared.title, org=_neutral_org(shared.org, lex), country=country,
                                     source="list", two_sides=shared.two_sides))
            continue
        pair = re.fullmatch(r"\s+and\s+(?P<c>\S.*?)['’]s\s+", gap)
        if titled and pair and lex.country_re.fullmatch(pair.group("c")):
            # "Japan's Defense Minister A and South Korea's B": B is South Korea's defense minister
            second.roles.append(Role(title=titled[0].title, org=_neutral_org(titled[0].org, lex),
                                     country=lex.country_of(pair.group("c")), source="list"))
        shared = None


# "A and B, the two foreign ministers, met", "A and B, both vice foreign ministers", "A and B, the
# defense ministers of South Korea and Japan": a plural title in apposition to a list of names.
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_HOW_MANY = re.compile(r"(?:the\s+)?(?:(?:two|both|three|four)\s+)?", re.I)
_NOT_A_TITLE = re.compile(r"(?:who|which|whom|whose|that|are|were|is|was|have|had|said)\b", re.I)
_COMPLEMENT = re.compile(r"\s+(?P<prep>of|for|from|at)\s+(?:the\s+)?"
                         r"(?:(?P<sides>(?:two|both)\s+(?:countries|nations|sides|governments))|(?P<c>.+))$", re.I)


def _listed_apposition(body: str, occurrences: list[tuple[int, int, str]], people: dict[str, Person],
                       lex: Lexicon) -> None:
    """A plural title after a list of names, in apposition to the whole list: each name without
    a title takes it in the singular. Countries listed in its complement ("of South Korea and
    Japan") go to the names in order when there are as many; otherwise the outlet's country
    goes only to names whose form can be its (`Role.two_sides`), as for a plural title before
    a list (_shared_titles): several holders of one title are often of several governments."""
    spans = [(s, e) for s, e, _ in occurrences]
    run: list[tuple[int, int, str]] = []
    for occurrence in [*occurrences, (len(body) + 1, len(body) + 1, "")]:
        if run and _LIST_GAP.fullmatch(body[run[-1][1]:occurrence[0]]):
            run.append(occurrence)
            continue
        if len(run) > 1 and len({key for _, _, key in run}) == len(run):
            _title_for_list(post_phrase(body, run[-1][1], spans), run, people, lex)
        run = [occurrence]


def _title_for_list(phrase: str, run: list[tuple[int, int, str]], people: dict[str, Person], lex: Lexicon) -> None:
    """The names of `run` without a title take the plural apposition `phrase`'s, in the singular."""
    phrase = phrase[_HOW_MANY.match(phrase).end():]  # type: ignore[union-attr] - matches "" at worst
    countries: list[str | None] = []
    of = _COMPLEMENT.search(phrase)
    if of and of.group("sides"):
        phrase = phrase[:of.start()]
    elif of and of.group("prep").lower() == "of":
        listed = [lex.country_of(c) for c in re.split(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?",
                                                       of.group("c").strip())]
        if len(listed) == len(run) and all(listed) and len(set(listed)) == len(listed):
            phrase, countries = phrase[:of.start()], listed
    if _NOT_A_TITLE.match(phrase) or private_phrase(phrase, lex):
        return  # "A and B, who are foreign ministers": a clause, not an apposition
    singular = singular_phrase(phrase, lex)
    if singular is None and of:  # "two lawmakers of the ruling party": the head before its complement
        head = singular_phrase(phrase[:of.start()], lex)
        singular = head + phrase[of.start():] if head else None
    role = parse_role(singular, lex, "post") if singular else None
    if role is None or not role.title:
        return
    for i, (_, _, key) in enumerate(run):
        person = people.get(key)
        if person is None or any(r.title for r in person.roles):
            continue
        person.roles.append(Role(title=role.title, org=_neutral_org(role.org, lex) if countries else role.org,
                                 country=countries[i] if countries else role.country, source="list",
                                 two_sides=not countries))


def _neutral_org(org: str | None, lex: Lexicon) -> str | None:
    """The org when it names no one country's body ("Ministry of Foreign Affairs"), else None."""
    row = lex.org_by_surface.get(org.lower()) if org else None
    return org if row is not None and row.country is None else None


def _counterpart_role(body: str, doc: Any, start: int, occurrences: list[tuple[int, int, str]],
                      people: dict[str, Person], lex: Lexicon) -> list[Role]:
    """"X and his South Korean counterpart Y" (T3): Y's title is X's when this sentence gives X one
    that names the same office in another country ("Defense Minister"; not "Secretary of Defense"
    or "Chief Cabinet Secretary", offices of one country only); Y's country only from the
    counterpart phrase itself ("his South Korean counterpart"), never from X's."""
    sentence = _sentence_start(doc, start)
    country = counterpart_country(body[max(sentence, start - 80):start], lex)
    title = None
    for o_start, _, key in reversed(occurrences[:-1]):
        if o_start < sentence:
            break
        titled = [r for r in people[key].roles if r.title and r.source in ("pre", "post", "named")]
        if titled:
            row = lex.title_row(titled[0].title)
            title = None if row and row.country else titled[0].title
            # X and "his South Korean counterpart" serve two governments: the outlet's country
            # only if X's name can be its (`Role.two_sides`)
            people[key].roles.append(Role(title=None, org=None, country=None, source="counterpart-of",
                                          two_sides=True))
            break
    # A counterpart of an official is an official, even with neither title nor country to tell.
    return [Role(title=title, org=None, country=country, source="counterpart")]


def _surname_people(body: str, doc: Any, persons: list[Any], captions: list[str], spans: list[tuple[int, int]],
                    people: dict[str, Person], author_keys: set[str], day: str | None, lex: Lexicon, kb: KB) -> None:
    """People the body names by surname only (step 4, rule O3): "President Yoon", "Secretary
    Esper", "Defense Secretary Esper", "Esper said", "Trump told" (whatever the NER's label).

    The full name comes from a caption (rule B1), else from the KB: the one person with that
    family name whose office on the article's day the title names (titles compared in their
    canonical spelling: "Defense Secretary" = "Secretary of Defense"); with no title, the one KB
    person of that family name in any office that day, used as a person ("Esper said", the
    subject of a verb, a PERSON of the NER) in a story that names their country or office. A
    Korean or Chinese family name (Kim, Lee, Moon, Wang, ...) is shared by too many for the KB
    to vouch for one: it needs a title of one office ("Unification Minister Kim"), unless it is
    the head of state or government in a story naming their country ("Moon"); a family name
    that is also a word ("Young", "Brown") needs that story too."""
    families = {p.family or family_given(f, lex)[0] for p in people.values() for f in p.forms}
    taken = [(s, e) for s, e in spans]
    singles: dict[int, tuple[int, int, bool]] = {s: (s, e, True) for s, e in title_surnames(body, lex)}
    for ent in persons:
        if len(ent) == 1 and ent.text[:1].isupper() and ent.text.isalpha():
            singles.setdefault(ent.start_char, (ent.start_char, ent.end_char, False))
    for i in (_kb_family_tokens(doc, kb) if doc is not None and day else ()):
        token = doc[i]
        if token.text[:1].isupper() and token.text[1:].islower():
            singles.setdefault(token.idx, (token.idx, token.idx + len(token.text), False))
    body_low = None
    for start, end, titled in sorted(singles.values()):
        surname = body[start:end]
        if surname in families or any(s <= start < e for s, e in taken) or cut_by_excerpt(body, end):
            continue
        pre = pre_phrase(body, start, lex) if titled else ""
        role = parse_role(pre, lex, "pre") if pre else None
        full = _caption_full_name(surname, captions)
        known = kb.lookup(full) if full else None
        if not full:
            common = surname in lex.shared_surnames
            if titled:
                if not (role and role.title):
                    continue
                said = _office_words(role.title, lex)
                if common and " " not in said and said not in HEAD_TITLES:
                    continue  # "Minister Kim": any minister named Kim
                found = kb.by_surname(surname, day, names=lambda p, said=said: _names_office(said, p, lex))
            else:
                if day is None or not _stands_alone(body, start, end) or not _used_as_person(doc, body, start, end):
                    continue  # "the Moon", "Blue Moon", "Young people": a word, not a person
                found = kb.by_surname(surname, day, heads_only=common)
                if len(found) == 1 and (common or surname in lex.word_surnames):
                    body_low = body_low if body_low is not None else body.lower()
                    if not _story_subject(found[0], day, body, body_low, lex, kb):
                        continue  # a bare "Moon" is Moon Jae-in only in a story that speaks of Korea
            if len(found) != 1:
                continue
            known, full = found[0], found[0].name
        if _key(full) in author_keys:
            continue
        if not role and not known and not titled:
            # A bare "Moon" the KB cannot place is not an official, and does not stand for the
            # family name either: a later "President Moon" is still read ("the Yoon
            # administration ... President Yoon", with the full name in a caption).
            continue
        key = f"kb:{known.id}" if known else _key(full)
        person = people.setdefault(key, Person(name=full, kb=known, family=surname))
        person.forms.add(full)
        families.add(surname)
        if role:
            person.roles.append(role)


# A description of a career, not an office ("X, a veteran diplomat, said", "a career
# diplomat"): any title the text prints as the person's office comes first ("Ambassador X").
_DESCRIPTION = re.compile(r"(?i)^(?:veteran|career|seasoned|longtime|long-time|experienced|respected|prominent"
                          r"|well-known|leading)\s")
_RANKS = frozenset({"general", "gen.", "admiral", "adm.", "lieutenant general", "lt. gen.", "colonel", "col."})
_MILITARY_ORG = re.compile(r"Forces|Command|Staff|Army|Navy|Air Force|Marine", re.I)
_REPORTING = re.compile(r"\s+(?:said|says|told|added|stressed|noted|warned|urged|wrote|tweeted|insisted|argued|"
                        r"announced|vowed|pledged|agreed|asked|called|met|spoke|visited|arrived|replied|responded|"
                        r"has|had|is|was|will|would|may|might|also|then)\b")


def _names_office(said: str, position: KBPosition, lex: Lexicon) -> bool:
    """True when a title as printed in front of a bare surname (canonical, lower case) names this
    KB office: the same title; its last words ("Unification Minister" for "Minister of
    Unification"... as spelled); one office word that begins or ends it ("Secretary" for
    "Secretary of Defense", "Ambassador" for "Ambassador to South Korea"; a head title such as
    "President" only as a whole); a rank for a military command ("General Abrams")."""
    held = _office_words(position.title, lex)
    if said == held:
        return True
    if " " in said:
        return held.endswith(" " + said)
    if said in _RANKS:
        return bool(position.org and _MILITARY_ORG.search(position.org)) or held.endswith("commander")
    words = held.split()
    return said not in HEAD_TITLES and said in lex.heads and said in (words[0], words[-1])


def _used_as_person(doc: Any, body: str, start: int, end: int) -> bool:
    """True when a capitalised word stands as a person: a PERSON of the NER, the subject of a
    verb or a possessor, or followed by a reporting verb ("Esper said", "Trump's tweet")."""
    if _REPORTING.match(body, end) or body.startswith(("'s ", "’s "), end):
        return True
    span = doc.char_span(start, end) if doc is not None else None
    if span is None:
        return False
    token = span[0]
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass", "poss"))


def _story_subject(person: KBPerson, day: str, body: str, body_low: str, lex: Lexicon, kb: KB) -> bool:
    """True when the story speaks of the person's country or office: the country's words or
    organizations, or the title of the office held that day ("secretary of defense")."""
    if person.country in _countries_named(body, lex):
        return True
    office = kb.position_on(person, day)
    return bool(office and office.title.lower() in body_low)


_FAMILY_HASHES: dict[int, frozenset[int]] = {}


def _kb_family_tokens(doc: Any, kb: KB) -> list[int]:
    """Indices of the doc's tokens that are a KB person's family name (any case, any label)."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    key = id(strings)
    if key not in _FAMILY_HASHES:
        _FAMILY_HASHES[key] = frozenset(strings[f] for f in kb.by_family)
    wanted = _FAMILY_HASHES[key]
    return [i for i, h in enumerate(doc.to_array([LOWER]).tolist()) if h in wanted]


def _stands_alone(body: str, start: int, end: int) -> bool:
    """True when a one-word name is not part of a longer capitalised name nor after an article."""
    before = body[max(0, start - 20):start]
    if re.search(r"(?:\b(?:the|a|an|of|The|A|An)|[A-Z][\w'’-]*)\s+$", before):
        return False
    return not re.match(r"\s+(?:of\s+)?[A-Z]", body[end:end + 20])


def _countries_named(body: str, lex: Lexicon) -> set[str]:
    """Countries the body names (adjectives, capitals, organizations)."""
    found = {lex.country_of(m.group(0)) for m in lex.country_re.finditer(body)}
    found |= {lex.org_by_surface[m.group(0).lower()].country for m in lex.org_re.finditer(body)}
    return {c for c in found if c}


def _administrations(body: str, doc: Any, people: dict[str, Person], day: str | None, kb: KB, lex: Lexicon) -> None:
    """"the (former) Moon Jae-in administration", "the Moon and Abe governments", "the Trump
    White House": each head is an official (rule O1, step 5).

    A full name is the person (with the KB's link when it knows the name); a surname is the KB's
    one head of state or government of that name in office on the article's day, else the one
    whose term as head had begun by then ("the Suga government" in 2023)."""
    for match in _GOVERNMENT_OF.finditer(body):
        names = [n for n in _HEAD_SPLIT.split(match.group("names")) if n]
        if match.group("what").startswith("White") and len(names) > 1:
            continue
        for printed in names:
            name = re.sub(r"['’]s$", "", printed)
            if lex.country_re.fullmatch(name) or lex.org_re.fullmatch(name) or name in NOT_PERSON_WORDS:
                continue  # "the Japanese government", "the Seoul government"
            key, known = _person_key(name, kb)
            if key not in people and len(name.split()) == 1:
                found = kb.by_surname(name, day, heads_only=True)
                if not found:
                    found = [p for p in kb.by_surname(name, None, heads_only=True) if _head_by(p, day)]
                if len(found) != 1:
                    continue
                known = found[0]
                key = f"kb:{known.id}"
                people.setdefault(key, Person(name=known.name, forms={known.name}, kb=known, family=name))
            if key not in people and known:
                people[key] = Person(name=known.name, forms={name}, kb=known, family=known.family_name())
            if key not in people and len(name.split()) > 1:
                if not name_origin(name, lex) and \
                        not _is_person(doc, match.start("names") + match.group("names").find(printed), len(name)):
                    continue  # "the Hong Kong government", "the Drug Enforcement Administration"
                # A full name the KB does not know: the person, with the country a possessive
                # in front says ("Seoul's Moon Jae-in government").
                whose = lex.country_of(match.group("whose")) if match.group("whose") else None
                people[key] = Person(name=display_name(name), forms={name},
                                     roles=[Role(title=None, org=None, country=whose, source="administration")]
                                     if whose else [])
            people[key].head_of_government = True


def _is_person(doc: Any, start: int, length: int) -> bool:
    """True when the NER calls the text at body[start:start+length] a person."""
    span = doc.char_span(start, start + length, alignment_mode="expand") if doc is not None else None
    return bool(span is not None and any(t.ent_type_ == "PERSON" for t in span))


def _head_by(person: KBPerson, day: str | None) -> bool:
    """True when the person's term as head of state or government had begun by `day` (undated: always)."""
    return any(p.title.lower() in HEAD_TITLES and p.org is None and (day is None or not p.start or first_day(p.start) <= day)
               for p in person.positions)


def _best_role(person: Person, lex: Lexicon, kb: KB, home_country: str | None, day: str | None) -> Role | None:
    """The role to report: the text's title first, then the KB's office on the day (module docstring).

    The country, in order: the KB's for people it knows (a person serves one government); the
    text's country word or the organization's country; the title's own ("Secretary of the
    Navy", "Chief Cabinet Secretary"); the name's form where it is unmistakable (names.py
    name_origin); then the outlet's home country (or a wire dateline's) for a title no other
    country governs, never for an international body's official (NATO, the UN), a counterpart
    or a KB-only role. A country-neutral organization ("Defense Ministry") is then
    named as that country's government names it."""
    roles = sorted(person.roles, key=lambda r: (r.title is None, bool(_DESCRIPTION.match(r.title or "")),
                                                r.source in ("caption", "counterpart"),
                                                r.source == "honorific", r.source == "list",
                                                -(r.country is not None) - (r.org is not None) - len(r.title or "") / 100))
    office = kb.position_on(person.kb, day) if person.kb else None
    if roles and (roles[0].title or not office):
        best = roles[0]
        title, org, country = best.title, best.org, best.country
        for other in roles[1:]:
            if country is None and other.country:
                country = other.country
            if org is None and other.org and (other.title == title or other.title is None):
                org = other.org  # "Rep. X of the Justice Party": the org of an org-only phrase
        source = best.source
    elif office:
        title, org, country, source = office.title, office.org, office.country, "kb"
    else:
        title, org, country, source = None, None, None, "kb"
    if person.kb:
        country = (office.country if office and office.country else None) or person.kb.country
        if office and title and org is None and " " not in title.strip() and source != "honorific" \
                and title.lower() not in _RANKS and _names_office(_office_words(title, lex), office, lex):
            # "Secretary Esper", "Minister Kono": the office word of the KB's office that day
            title, org = office.title, org or office.org
    prior = lex.title_row(title)
    if prior and prior.canonical and not (prior.orgs and country and country not in prior.orgs):
        # one spelling per role: "Defense Secretary" -> "Secretary of Defense"; a row that names
        # the countries it holds for ("top diplomat" is the foreign minister of KR and JP) does
        # not rename another country's ("top U.S. diplomat" is no foreign minister)
        title = prior.canonical
    if prior is None:
        prior = _prior_by_suffix(title, lex)  # "Second Deputy National Security Adviser"
    if prior:
        country = country or prior.country
    org_row = lex.org_by_surface.get(org.lower()) if org else None
    international = bool(org_row and org_row.international)
    if country is None and not person.kb and not international:
        # The name's own form, where it is unmistakable ("Jeong Kyeong-doo", "Takeshi Iwaya"):
        # also for a counterpart or an administration's head, whom the outlet does not place.
        country = name_origin(person.name, lex)
    # "the foreign ministers of the two countries, A and B": the outlet's country only for the
    # name whose form can be that country's
    two_sides = any(r.two_sides for r in person.roles) and not _fits_home(person.name, home_country, lex)
    if country is None and home_country and title and source not in ("kb", "counterpart") and not international \
            and not two_sides and not _foreign_title(title, lex) and (home_country != "KR" or _fits_home(person.name, "KR", lex)):
        # A Korean outlet's official is Korean only if the name can be a Korean's (Korean names
        # are regular: a listed family name or a hyphenated given name); "Gen. Robert Keane,
        # chairman of the Joint Chiefs of Staff" is not placed (the US has one too)
        country = home_country
    if org_row and org_row.names:
        org = org_row.named_for(country)
    if prior:
        known = prior.org or (prior.orgs.get(country) if country else None)
        org = _refine_org(org, known)
    if org is None and title and person.kb:
        org = _kb_org(person.kb, title, day, lex)
    if title is None and org is None and country is None:
        return None
    return Role(title=title, org=org, country=country, source=source)


# A nationality the lexicon does not list, in front of the office word: "Cuban Leader", "Kenyan
# Trade Minister", "Czech Foreign Minister". By its shape (-an, -ian, -ese, -ish), or one of the
# forms of another shape (those in -i are listed: US places end so too, "Miami", "Missouri");
# the words of the shape that name no nation are listed.
_NATIONALITY_SHAPE = re.compile(r"[A-Z][a-z]{2,}(?:an|ese|ish)|Czech|Dutch|Greek|Swiss|Yugoslav|Soviet|Kazakh|Uzbek"
                                r"|Serb|Croat|Lao|Iraqi|Kuwaiti|Qatari|Yemeni|Omani|Bahraini|Somali|Nepali"
                                r"|Bangladeshi|Emirati|Azerbaijani")
_NOT_NATIONALITY = frozenset({
    "Republican", "Christian", "Asian", "European", "African", "Pacific", "Caribbean", "Latin", "Eurasian",
    "Oceanian", "Olympian", "Civilian", "Bipartisan", "Partisan", "Veteran", "Human", "Urban", "Suburban",
    "Humanitarian", "Authoritarian", "Parliamentarian", "Librarian", "Historian", "Physician", "Technician",
    "Politician", "Guardian", "Custodian", "Jewish", "Amish", "Michigan", "Texan", "Virginian",
})


def _foreign_title(title: str, lex: Lexicon) -> bool:
    """Whether a title's modifiers name a nationality the lexicon lacks ("Cuban Leader", "Former
    Kenyan Trade Minister"): a foreign government's official, whose country is not the outlet's."""
    words = re.split(r"\s+(?:of|for|to|at|in)\s+", title, maxsplit=1)[0].split()[:-1]
    return any(_NATIONALITY_SHAPE.fullmatch(w) and w not in _NOT_NATIONALITY and not w.endswith("man")
               and not lex.country_re.fullmatch(w) for w in words)


def _fits_home(name: str, home: str | None, lex: Lexicon) -> bool:
    """Whether a name's form can be of the outlet's country: for KR a Korean family name or a
    hyphenated given name ("Gil Do-yun"), for JP a listed Japanese given name; any name for
    another country (no list says otherwise)."""
    tokens = name.split()
    if home == "KR":
        return bool(tokens) and (tokens[0] in lex.korean_surnames or bool(KOREAN_GIVEN.fullmatch(tokens[-1])))
    if home == "JP":
        return any(t in lex.japanese_given for t in tokens)
    return True


def _office_words(title: str, lex: Lexicon) -> str:
    """A title compared as an office: canonical spelling, lower case, without "former"/"then-"."""
    low = re.sub(r"^(?:(?:former|then|ex|acting|incoming|outgoing)[\s-]+)+", "", title.lower())
    row = lex.titles.get(low)
    return (row.canonical.lower() if row and row.canonical else low).strip()


def _kb_org(person: KBPerson, title: str, day: str | None, lex: Lexicon) -> str | None:
    """The organization of the KB office this title names: the office held on the day when the
    title names it (the same title, its last words, or the same last word: "Minister" or
    "Vice Defense Minister" for "Defense Minister"), else
    the latest earlier office of the very same title ("former Foreign Minister"); never the org
    of another office ("Prime Minister" is no "Foreign Minister")."""
    said = _office_words(title, lex)
    if not said:
        return None
    held = [p for p in person.positions if p.org and (day is None or covers(p, day))]
    for position in held:
        office = _office_words(position.title, lex)
        if office == said or office.endswith(" " + said) or said.endswith(" " + office) \
                or office.split()[-1] == said.split()[-1]:
            return position.org  # the office held that day, however the text words it
    earlier = [p for p in person.positions if p.org and _office_words(p.title, lex) == said
               and (day is None or not p.start or first_day(p.start) <= day)]
    return earlier[-1].org if earlier else None


_MODIFIERS = {"first", "second", "third", "deputy", "vice", "senior", "acting", "principal", "assistant",
              "former", "chief", "new", "top", "then"}


def _prior_by_suffix(title: str | None, lex: Lexicon):  # noqa: ANN202 - TitleRow | None
    """The title row of the title without its leading modifiers ("second deputy ..."), if any."""
    words = (title or "").lower().replace("then-", "then ").split()
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


_GIVEN_NEXT = re.compile(r"\s+[A-Z][a-z]+-[a-z]")
_POLITE_BEFORE = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.\s+$")


def _word_spans(body: str, word: str) -> list[tuple[int, int]]:
    """Where `word` stands in `body` as a whole word (not inside a longer or hyphenated one);
    str.find is many times faster here than a regex that starts with a look-behind."""
    out, start, n = [], body.find(word), len(word)
    while start >= 0:
        end = start + n
        before = body[start - 1] if start else " "
        after = body[end] if end < len(body) else " "
        if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
            out.append((start, end))
        start = body.find(word, start + 1)
    return out


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
            for span in _word_spans(body, form):
                if free(span):
                    found.append((span[0], span[1], (key,), False))
                    take(span)
            family = person.family or family_given(form, lex)[0]
            if family and len(family) > 1 and not form.isupper():
                short_forms.setdefault(family, set()).add(key)
    paragraph_starts = _paragraph_index(body)

    def paragraph(pos: int) -> int:
        return bisect_right(paragraph_starts, pos) - 1

    shorts: list[tuple[int, int, tuple[str, ...], bool]] = []
    for family, keys in short_forms.items():
        for span in _word_spans(body, family):
            if _GIVEN_NEXT.match(body, span[1]):
                continue  # "Kim" of "Kim Jong-un": another person's name
            polite = _POLITE_BEFORE.search(body, max(0, span[0] - 6), span[0])
            if polite:
                span = (polite.start(), span[1])  # "Mr. Kim"
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
