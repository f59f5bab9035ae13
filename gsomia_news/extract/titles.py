"""Role phrases of a person: read from the text around the name and from the parse, then split
into title, organization and country.

Where a role phrase is found, in order:
  1. in front of the name, as words of a title ("Japan's Chief Cabinet Secretary"), back to the
     clause start; a military rank right before the name is dropped when a role precedes it
     ("USFK commander Gen. Robert Abrams" -> commander), a bracketed acronym is skipped;
  2. the same from the parse: the name's left dependents (compounds, modifiers, possessor), so a
     title the word lists do not hold is still read; its last word must be an office word;
  3. after the name: an apposition (", first deputy director of ..."; a line break inside a
     paragraph is a space), a dash label, a bracketed label; a label that names only a
     government organization ("NA SEUNG-SHIK(MINISTRY OF TRADE, ...)") gives the org alone;
  4. the name in apposition to an office noun, also in a list ("two deputy chief Cabinet
     secretaries, Kotaro Nogami and Kazuhiro Sugita"): the noun phrase, in the singular;
  5. "his counterpart X": the role of the person the same sentence names with a title (T3).
The head of a title comes from the office words of data/titles.jsonl (minister, secretary,
adviser, spokesperson, commander, ...), a hyphenated word counting by its parts
("secretary-general"); a phrase without one is not a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import Lexicon, lexicon
from .names import TITLE_LOWER

_CONNECT = {"of", "for", "to", "on", "at", "the"}
# The longest title the KB, the lexicon and the devset gold hold has 13 words ("Assistant Secretary
# of State for the Bureau of East Asian and Pacific Affairs"); every longer phrase the stage gave
# on aeb and htmldate-dev pages was a clause or a caption, not a title.
MAX_TITLE_WORDS = 13
_ORG_HEADS = ("Office", "Ministry", "Department", "Committee", "Council", "Bureau", "Agency",
              "Commission", "Assembly", "Party", "Cabinet", "Secretariat", "Command", "Forces",
              "Service", "Administration", "Embassy", "Government", "Staff", "Parliament", "Senate", "Congress")
# A capitalised run ending in an organization word; "and" may join two of its words ("Asian and
# Oceanian Affairs Bureau").
_ORG_CHAIN = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+(?:and\s+(?=[A-Z]))?)*(?:" + "|".join(_ORG_HEADS) + r")\b"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*)(?:,?\s+(?:and\s+)?[A-Z][\w'’-]*)*)?"
)
# Ranks: not the title when a role is given ("commander Gen. Robert Abrams").
_RANK_TAIL = re.compile(r"\s+(?:(?:Lt\.|Lieutenant|Maj\.|Major|Brig\.|Vice|Rear)\s+)?(?:Gen\.|General|Adm\.|Admiral|Col\.|Colonel)$")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z.]{1,7}\)")


@dataclass
class Role:
    """Role evidence for a person: the phrase it came from and its parts."""

    title: str | None
    org: str | None
    country: str | None
    source: str
    # Whose official the phrase says this is: "his" (the sentence's previous person) or a
    # surname ("Trump's national security adviser"); officials.py takes that person's country.
    patron: str | None = None
    # The phrase names officials of two governments ("the foreign ministers of the two
    # countries, A and B"): the outlet's country is not theirs by default.
    two_sides: bool = False




def title_case(words: list[str]) -> str:
    small = {"of", "for", "to", "on", "at", "the", "and", "in", "with", "by", "a", "an"}
    out = []
    for i, word in enumerate(words):
        if word.lower() in small and i > 0:
            out.append(word.lower())
        elif word.islower():
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


@cache
def _multiword_heads(heads: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The heads of several words, as word tuples ("diet member", "upper house member")."""
    return tuple(tuple(h.split()) for h in heads if " " in h)


@cache
def _multiword_by_last(heads: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """_multiword_heads by their last word."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for head in _multiword_heads(heads):
        by_last.setdefault(head[-1], []).append(head)
    return {last: tuple(found) for last, found in by_last.items()}


def ends_head(lowered: list[str], i: int, lex: Lexicon) -> bool:
    """True when a head of several words ends at lowered[i] ("upper house member" in "... upper
    house member"): its last word need not be a head alone ("member" is none)."""
    heads = _multiword_by_last(lex.heads).get(lowered[i])
    return bool(heads) and any(i + 1 >= len(h) and tuple(lowered[i + 1 - len(h):i + 1]) == h for h in heads)


def has_head(words: list[str], lex: Lexicon) -> bool:
    lowered = [w.lower().strip(",") for w in words]
    return any(w in lex.heads or any(p in lex.heads for p in w.split("-")) for w in lowered) or any(
        ends_head(lowered, i, lex) for i in range(len(lowered)))


# A country's name (not its adjective, an acronym or a possessive) right before one of these
# words is the role's portfolio, not the government served: "North Korea envoy", "White House
# Russia adviser", "a China expert" ("Japanese envoy", "U.S. envoy", "Japan's envoy" serve it).
_PORTFOLIO_HEADS = ("envoy", "envoys", "adviser", "advisers", "advisor", "advisors", "expert", "experts",
                    "specialist", "specialists", "negotiator", "negotiators", "czar", "hand", "hands", "desk",
                    "policy", "point man", "point person")
_PORTFOLIO_AFTER = re.compile(r"\s+(?:" + "|".join(_PORTFOLIO_HEADS) + r")\b", re.I)


def _portfolio(phrase: str, match: re.Match[str], lex: Lexicon) -> bool:
    """The country word `match` in `phrase` names what the role deals with (see _PORTFOLIO_HEADS).
    A name is a form whose possessive the lexicon also lists ("Japan" / "Japan's"); an adjective
    ("Japanese"), a possessive or an acronym ("U.S.", "ROK") is not one."""
    form = match.group(0).replace("’", "'")
    if not any(c.islower() for c in form) or form.endswith("'s") or lex.country_of(form + "'s") is None:
        return False
    return bool(_PORTFOLIO_AFTER.match(phrase, match.end()))


# "Former" or "then" before a whole role phrase: it dates the role, and is kept at the head of
# the title; the phrase after it is split as any other ("former U.S. Ambassador to Japan",
# "former State Department spokesperson", "then UK Home Secretary").
_TIME_MODIFIER = re.compile(r"^(?P<mod>former|then)(?P<join>\s+|-)(?=\S)", re.I)
# A party's standing, printed capitalised before its name at a sentence's start or in a headline.
_PARTY_STANDING = re.compile(r"(?:(?:Ruling|Governing|Main|Minor|Opposition|Splinter)\s+)+", re.I)
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){2,}$")  # "to the U.S.", "at the U.N."
_AT_THE_TIME = re.compile(r"\s+at\s+(?:the|that)\s+time$", re.I)


def singular_head(word: str, lex: Lexicon) -> str | None:
    """The singular of an office head in the plural ("Ministers" -> "Minister", "secretaries" ->
    "secretary", "spokesmen" -> "spokesman"), or None when `word` is no such plural."""
    low = word.lower()
    for plural, singular in (("ies", "y"), ("men", "man"), ("s", "")):
        if low.endswith(plural) and low[:-len(plural)] + singular in lex.heads:
            return word[:-len(plural)] + (singular.upper() if word.isupper() else singular)
    return None


def singular_phrase(phrase: str, lex: Lexicon) -> str | None:
    """The phrase with a plural office head at its end made singular ("Foreign Ministers" ->
    "Foreign Minister"), or None when it ends in no such plural."""
    words = phrase.split()
    singular = singular_head(words[-1], lex) if words and not has_head(words, lex) else None
    return " ".join([*words[:-1], singular]) if singular else None


def more_countries(country: str) -> str:
    """A regex for the rest of a list of countries after its first, ", Japan and the United
    States" (`country`: the lexicon's country regex)."""
    return rf"(?:\s*,\s*(?:the\s+)?(?:{country}))*\s*,?\s+and\s+(?:the\s+)?(?:{country})"


@cache
def _more_countries_re(country: str) -> re.Pattern[str]:
    """more_countries, compiled, with any space after it."""
    return re.compile(more_countries(country) + r"\s*")


def _more_countries(lex: Lexicon) -> re.Pattern[str]:
    """The rest of a list of countries after its first: ", Japan and the United States"."""
    return _more_countries_re(lex.country_re.pattern)


def parse_role(phrase: str, lex: Lexicon, source: str) -> Role | None:
    """Split a title phrase into title, org and country; None if it names no title. An
    apposition's plural head ("the foreign ministers ..., A and B") is read as one holder's
    title; a plural in front of a name is read only before a list of names (officials.py)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–")
    if phrase.endswith(".") and not _ABBREVIATION_END.search(phrase):
        phrase = phrase.rstrip(".").rstrip(" ,;:-–")  # a sentence's stop, not "U.S."'s last dot
    if source == "list":
        phrase = singular_phrase(phrase, lex) or phrase
    # "the foreign ministers of the two countries": the complement names no one's government
    bare = re.sub(r"\s+of\s+(?:the\s+)?(?:two|both)\s+(?:countries|nations|sides|governments)$", "", phrase, flags=re.I)
    # ... nor does "the two sides' chief negotiators" (a plural possessive before the role)
    bare = re.sub(r"^(?:(?:the\s+)?(?:two|both|three)\s+)?(?:countries|nations|sides|governments|allies)['’]\s+", "",
                  bare, flags=re.I)
    two_sides, phrase = bare != phrase, bare
    at_the_time = _AT_THE_TIME.search(phrase)
    if at_the_time and not _TIME_MODIFIER.match(phrase):
        phrase = "then-" + phrase[:at_the_time.start()]  # "Japan's foreign minister at the time"
    if not phrase or not has_head(phrase.split(), lex):
        return None
    dated = _TIME_MODIFIER.match(phrase)
    if dated:
        role = parse_role(phrase[dated.end():], lex, source)
        if role and role.title:
            join = "-" if dated.group("join") == "-" else " "  # "then-Foreign Minister" keeps its hyphen
            role.title = f"{dated.group('mod').title()}{join}{role.title}"
        if role:
            role.two_sides = role.two_sides or two_sides  # stripped above, before the recursion
        return role
    if lex.non_government.search(phrase):
        return None  # "Asan Institute President", "a professor at ...": not a public role
    if phrase.isupper():
        phrase = title_case([w.lower() for w in phrase.split()])  # "CHEONG WA DAE ... DIRECTOR"
    country = None
    country_span = None
    skipped_last = False
    # "spokesman for U.S. Forces Korea": a country word inside a known organization's name is the
    # organization's business (its row says whose it is)
    in_orgs = [m.span() for m in lex.org_re.finditer(phrase) if lex.org_by_surface[m.group(0).lower()].country]
    for match in lex.country_re.finditer(phrase):
        if any(a <= match.start() and match.end() <= b for a, b in in_orgs):
            continue
        before = phrase[:match.start()].rstrip().split(" ")[-1].lower() if match.start() else ""
        if before in ("to", "for", "with", "on", "toward", "towards") or (before == "and" and skipped_last) \
                or _portfolio(phrase, match, lex):
            skipped_last = True
            # "ambassador to Japan", "Secretary for Korea and Japan", "Russia adviser": not the
            # government served
            continue
        country = lex.country_of(match.group(0))
        country_span = match.span()
        break
    if country_span and re.search(r"\bof\s+(?:the\s+)?$", phrase[:country_span[0]]) \
            and _more_countries(lex).fullmatch(phrase, country_span[1]):
        # "the defense ministers of South Korea and the United States": one title for holders of
        # several governments; whose is whose is for the names to say (`Role.two_sides`)
        phrase = phrase[:re.search(r"\s*\bof\s+(?:the\s+)?$", phrase[:country_span[0]]).start()]  # type: ignore[union-attr]
        country, country_span, two_sides = None, None, True
    if country_span and re.search(r"\bof\s+(?:the\s+)?$", phrase[:country_span[0]]) \
            and not lex.org_re.match(phrase, country_span[0]) \
            and re.match(r"\s*(?:$|(?:to|in|at|for|on|and)\b)", phrase[country_span[1]:]):
        # "commander of U.S. Forces Japan": an org; "head of the Chinese delegation": the
        # country word modifies the body headed, which stays whole
        # "ambassador of the U.S. to Japan": the country is said; the title is "ambassador to Japan"
        cut = re.search(r"\s*\bof\s+(?:the\s+)?$", phrase[:country_span[0]])
        phrase = phrase[:cut.start()] + phrase[country_span[1]:]
    whole = _known_title(phrase, lex)
    if whole:
        # A title the lexicon knows as a whole ("deputy chief Cabinet secretary") is not split at
        # an org word inside it; its org comes from the title's row.
        return Role(title=title_case(whole.split()), org=None, country=country, source=source, two_sides=two_sides)
    org = None
    org_span = None
    # A head of several words ending the phrase is no organization's name: "Army [Chief of Staff]"
    # is not an org "Staff".
    low = phrase.lower()
    head_at = next((len(phrase) - len(h) for h in lex.heads if " " in h and (low == h or low.endswith(" " + h))), len(phrase))
    known = [m for m in lex.org_re.finditer(phrase) if m.end() <= head_at]
    chain = [m for m in _ORG_CHAIN.finditer(phrase) if m.group(0).split()[-1] not in ("State",) and m.end() <= head_at]
    best_known = max(known, key=lambda m: len(m.group(0))) if known else None
    best_chain = max(chain, key=lambda m: len(m.group(0))) if chain else None
    if best_known and best_chain and best_chain.end() == best_known.end() \
            and _PARTY_STANDING.fullmatch(phrase[best_chain.start():best_known.start()]):
        best_chain = None  # "Ruling Democratic Party Chairman": the party's standing is no part of its name
    if best_known and (not best_chain or len(best_known.group(0)) >= len(best_chain.group(0))):
        # A known name at least as long as the capitalised chain: "U.S. Forces Korea", not "Forces".
        org_span = best_known.span()
        org = lex.org_by_surface[best_known.group(0).lower()].name
    elif best_chain:
        org_span = best_chain.span()
        org = best_chain.group(0)
    if org and not (best_known and org_span == best_known.span()):
        # A leading country adjective belongs to the country, not the organization's name.
        lead = lex.country_re.match(org)
        if lead and lead.end() < len(org):
            org = org[lead.end():].strip()
        org = re.sub(r"['’]s$", "", org).strip()
        org = re.sub(r"['’]s\s+", " ", org)  # "State Department's Bureau of ..." -> one name
        if org.split()[0] in ("Defense", "Foreign", "Trade") and org.endswith("Minister"):
            org = None
    title_part = phrase
    if org_span and re.search(r"\bto(?:\s+the)?\s*$", phrase[:org_span[0]]) \
            and has_head(phrase[:org_span[0]].split(), lex):
        # "Ambassador to the European Union": the body is the posting, part of the title
        title_part = phrase[:org_span[1]]
        org = org_span = None
    if org_span:
        pre, post = phrase[:org_span[0]], phrase[org_span[1]:]
        # "chairman of the U.S. [Joint Chiefs of Staff]": a country word right before the org
        # says whose it is (the country), and the link before it is the title's
        whose = [m for m in lex.country_re.finditer(pre) if re.fullmatch(r"\s*(?:['’]s)?\s*", pre[m.end():])]
        cut_country = None  # the span of that country word in `phrase`
        if whose and re.search(r"\b(?:of|at|for)(?:\s+the)?\s*$", pre[:whose[-1].start()]):
            country = country or lex.country_of(whose[-1].group(0))
            cut_country = whose[-1].span()
            pre = pre[:whose[-1].start()]
        linked = re.search(r"\b(?:of|at)(?:\s+the)?\s*$", pre)
        # "director of the [org]", also with a modifier of the org between ("first deputy
        # director of the presidential [National Security Office]")
        pre = _ORG_LINK.sub("", pre.strip()).strip()
        unit = _UNIT_OF_ORG.match(post)
        post = re.sub(r"^['’]s\b", "", post.strip()).strip()
        title_part = pre if has_head(pre.split(), lex) else post if has_head(post.split(), lex) else pre + " " + post
        if unit and title_part == pre and linked:
            # "chief of the Defense Ministry's international policy bureau": the unit headed is
            # the title's complement (T1), the ministry its org (and a country word before the
            # ministry its country: "of the Japanese foreign ministry's ... bureau")
            title_part = phrase if cut_country is None else \
                phrase[:cut_country[0]].rstrip() + " " + phrase[cut_country[1]:].lstrip()
    words = [w for w in title_part.split() if w]
    # Drop a leading article / possessive pronoun / country expression.
    while words and _leading_word(words[0]):
        words = words[1:]
    text = " ".join(words)
    lead = lex.country_re.match(text)
    if lead and not _portfolio(text, lead, lex):
        text = text[lead.end():].strip()
    text = re.sub(r"^(?:the\s+)", "", text)
    text = re.sub(r"^['’]s\s+", "", text).strip(" ,")
    words = text.split()
    while words and _leading_word(words[0]):
        words = words[1:]  # "South Korea's new ambassador": "new" after the country's possessive
    text = " ".join(words)
    inner = _MODIFIERS_BEFORE.match(text)
    said = lex.country_re.match(text, inner.end()) if inner else None
    if said and not _portfolio(text, said, lex) and has_head(text[said.end():].split(), lex):
        # "chief U.S. negotiator", "senior U.S. official": the country word is the country (T1)
        country = country or lex.country_of(said.group(0))
        text = text[:said.start()] + text[said.end():].lstrip()
    possessor = _POSSESSOR.match(text)
    if possessor and has_head(text[possessor.end():].split(), lex) and not lex.country_re.fullmatch(possessor.group(0)):
        # "Delhi's chief minister", "the country's president", "Hong Kong's new police
        # commissioner": the possessor is no part of the title (T1). It is the org only when the
        # lexicon knows it as one: a place or a person ("Truman's secretary of state") is not.
        known = lex.org_re.fullmatch(possessor.group("who"))
        org = org or (lex.org_by_surface[known.group(0).lower()].name if known else None)
        words = text[possessor.end():].split()
        while words and _leading_word(words[0]):
            words = words[1:]
        text = " ".join(words)
    generic = _GENERIC_ORG.match(text)
    if generic and has_head(text[generic.end():].split(), lex):
        text = text[generic.end():]  # "the ministry's spokesperson": an org before the role (T1), not its title
    origin = re.search(r"\s+from\s+", text)
    if origin and has_head(text[:origin.start()].split(), lex):
        text = text[:origin.start()]  # "lawmaker from Gwangju": where the holder is from, not the office
    if not text or not has_head(text.split(), lex):
        return None
    if len(text.split()) > MAX_TITLE_WORDS:
        return None  # a clause the phrase reader ran into ("... on Trump's July 25 phone call with ...")
    if text.split()[-1].lower() in _CONNECT:
        # "press secretary for Bill Clinton", "spokesperson for Operation Inherent Resolve": the
        # name after a phrase that ends in a preposition is whom the role serves, not its holder.
        return None
    title = title_case(text.split())
    if org and country is None:
        known_in_org = lex.org_re.search(org)
        row = lex.org_by_surface.get(known_in_org.group(0).lower()) if known_in_org else None
        country = row.country if row else None
    return Role(title=title, org=org, country=country, source=source, two_sides=two_sides)


# Words before a title that are none of it: "the", "a new", "another top NSC aide", "currently
# vice president" (not "New" of "New York Governor").
_LEADING_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "and", "another", "currently", "also",
                            "even", "now"})


def _leading_word(word: str) -> bool:
    """Whether `word` opens a title phrase without being part of the title."""
    return word.lower() in _LEADING_WORDS or word == "new"


# A possessor before the role: a capitalised name of up to four words, or the country's own.
_POSSESSOR = re.compile(r"(?P<who>(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*|country|nation|city|state|province)['’]s\s+")

# A unit of the organization, after its possessive: "'s international policy bureau".
_UNIT_OF_ORG = re.compile(r"['’]s(?:\s+[\w-]+){0,5}\s+(?:bureau|office|division|department|directorate|unit|"
                          r"center|centre|team|section|headquarters|committee|subcommittee|commission)$", re.I)

# Modifiers a country word may follow inside a title: "chief U.S. negotiator", "top U.S. diplomat",
# "a retired South Korean general", "ousted Cambodian Prime Minister", "the outgoing U.S. envoy".
_MODIFIERS_BEFORE = re.compile(r"(?:(?:chief|senior|top|deputy|acting|special|lead|principal|former|then|retired|"
                               r"ousted|deposed|exiled|outgoing|incoming|interim)\s+)+", re.I)

# A body named only by its kind, before the role noun: "the ministry's spokesperson", "the
# agency's director", "a ministry spokesman", "the embassy's second secretary". Guideline T1 puts
# an organization before the role in `org`; a kind names none, so it is dropped. "Army",
# "party" and "presidential" stay ("Army Chief of Staff", "party leader", "presidential
# spokesperson": the devset's gold keeps such words in the title).
_GENERIC_ORG = re.compile(r"(?:ministry|agency|embassy|department|office|government|bureau)['’]s\s+|"
                          r"(?:ministry|agency|embassy)\s+|"
                          # "the ruling party's chief policymaker": a party named by its standing only
                          r"(?:(?:ruling|governing|main|minor|opposition|conservative|liberal|progressive)\s+)*party['’]s\s+",
                          re.I)


# The preposition (and article, and up to two lower-case modifiers) joining a title to the
# organization after it: "of the", "at", "of the presidential", "of the ruling".
_ORG_LINK = re.compile(r"\s*\b(?:of|at|in|from|for|with)(?:\s+the)?(?:\s+(?!(?:of|at|in|from|for|with|and)\b)[a-z][\w'’-]*){0,2}\s*$")


def _known_title(phrase: str, lex: Lexicon) -> str | None:
    """The phrase without a leading article/country, if the lexicon lists it as a whole title."""
    text = re.sub(r"^(?:(?:the|a|an|its|his|her|their|two|three|new)\s+)+", "", phrase, flags=re.I)
    lead = lex.country_re.match(text)
    if lead:
        text = re.sub(r"^['’]s\s+", "", text[lead.end():].strip())
    low = text.lower()
    if low in lex.titles:
        return text
    if low.endswith("ies") and low[:-3] + "y" in lex.titles:
        return text[:-3] + "y"
    if low.endswith("s") and low[:-1] in lex.titles:
        return text[:-1]
    return None


# Where a title phrase in front of a name cannot reach back past: punctuation, dashes (a
# dateline's "SEOUL - ", "TOKYO – ", "BEIJING ― "), a sentence end (also after an acronym
# without inner dots: "... of NATO. Former Soviet leader X"; "U.S." ends none).
_STOP = re.compile(r"[,;:()\[\]“\"—–―]|--|\s-\s|(?<![A-Z])\.\s|(?<![\w.])[A-Z]{2,}\.\s")


def pre_phrase(body: str, start: int, lex: Lexicon, floor: int = 0) -> str:
    """Title words right in front of a name, back to the clause start or another name (which
    ends at `floor` or before)."""
    left = body[max(0, start - 160, floor):start]
    para = left.rfind("\n")
    if para >= 0:
        left = left[para + 1:]
    left = _ACRONYM.sub("", left)  # "U.S. Forces Korea (USFK) commander"
    ranked = _RANK_TAIL.search(left.rstrip())
    if ranked and not _compound_general(left, ranked, lex) and (
            has_head(left[:ranked.start()].split()[-1:], lex) or pre_phrase(left[:ranked.start()], ranked.start(), lex)):
        # the role, not the rank, is the title ("commander Gen. X", "Chief of Naval Operations Adm. X")
        left = left[:ranked.start()] + " "
    cut = max((m.end() for m in _STOP.finditer(left)), default=0)
    left = left[cut:]
    words = left.split()
    lowered_words = [w.strip("’'").lower() for w in words]
    kept: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        bare = word.strip("’'")
        low = bare.lower().removeprefix("then-")
        if low in TITLE_LOWER or low in _CONNECT or low in lex.heads or word[:1].isupper() or re.match(r"[A-Z]\.", word) \
                or ends_head(lowered_words, i, lex):
            kept.append(word)
            continue
        if low in ("and", "&") and kept and kept[-1][:1].isupper() and i > 0 and words[i - 1][:1].isupper() \
                and not any(w.lower() in lex.heads for w in kept):
            kept.append(word)  # "for East Asian and Pacific Affairs": one capitalised name
            continue
        break
    kept.reverse()
    if lex.non_government.search(" ".join(kept)):
        return ""  # "Asan Institute President Choi Kang": a private role, even if trimmed below
    while kept and kept[0].lower() in _CONNECT:
        kept = kept[1:]
    # A leading capitalised word that is neither title, country nor org ("After", a name) is cut.
    while kept and kept[0][:1].isupper() and kept[0].lower().removeprefix("then-") not in TITLE_LOWER \
            and kept[0].lower().removeprefix("then-") not in lex.heads \
            and not any(tuple(w.lower() for w in kept[:len(h)]) == h for h in _multiword_heads(lex.heads)) \
            and not lex.country_re.match(" ".join(kept)) and not lex.org_re.match(" ".join(kept)) \
            and not (kept[0].lower() == "under" and len(kept) > 1 and kept[1].lower() == "secretary"):
        kept = kept[1:]
    phrase = " ".join(kept)
    words = phrase.split()
    if not words:
        return ""
    # The title's head must end the phrase, or be followed only by "of/for/to <Names>".
    lowered = [w.lower() for w in words]
    last_head = max((i for i, w in enumerate(lowered) if w in lex.heads or ends_head(lowered, i, lex)), default=-1)
    if last_head < 0:
        return ""
    tail = words[last_head + 1:]
    if tail and tail[0].lower() not in ("of", "for", "to", "on"):
        return ""
    return phrase


def _compound_general(left: str, ranked: re.Match[str], lex: Lexicon) -> bool:
    """True when "General" ends a title of its own ("Secretary General", "Director General",
    "Attorney General"): a postpositive adjective, not the rank."""
    words = left[:ranked.start()].split()
    rank = ranked.group(0).split()
    return bool(words) and len(rank) == 1 and f"{words[-1].lower()} general" in lex.heads


_OWN_PREP = re.compile(r"\b(?:of|for|to)\s+(?:the\s+)?", re.I)


def own_title(phrase: str, lex: Lexicon) -> str:
    """The part of a title phrase in front of a name that is this name's own title: after "to",
    "for" or "of" when what follows is a title of its own ("spokesman for President" -> "President",
    "special adviser to Prime Minister" -> "Prime Minister"); "Secretary of State", "Under
    Secretary of Defense for Policy" are kept whole (what follows names no office)."""
    for match in reversed(list(_OWN_PREP.finditer(phrase))):
        before, after = phrase[:match.start()].split(), phrase[match.end():].split()
        if before and after and has_head(before, lex) and after[-1].lower() in lex.heads:
            return " ".join(after)
    return phrase


def loose_phrase(body: str, end: int) -> str:
    """The noun phrase ending at `end` back to the clause start ("the U.S. top nuclear envoy")."""
    left = body[max(0, end - 120):end]
    cut = max((m.end() for m in _STOP.finditer(left)), default=0)
    left = left[cut:]
    match = re.search(r"\b(?:the|a|an|its|his|her)\s+[^,;]+$", left)
    return match.group(0) if match else ""


@cache
def _in_place_re() -> re.Pattern[str]:
    """" in <a country or capital the lexicon knows>"."""
    return re.compile(r"\sin\s+(?=" + lexicon().country_re.pattern + r")")


# Where an apposition's role phrase ends: punctuation, a verb, a time.
_POST_STOP = re.compile(r",|;|\(|\)|\[|\]|\n|(?<![A-Z])\.(?:\s|$)|\s(?:said|says|told|who|was|is|has|had|will|would)\b"
                        r"|\s[_—–―]\s|\s?--\s?"  # a dash closes it as a comma does (wires print "_" or "--")
                        r"|\s(?:since|until|till)\s|\s(?:in|from)\s+(?:19|20)\d\d\b")


# A clause after the name's comma that is no apposition: relative ("who ..."), or adverbial ("in a
# letter to the U.N. Secretary-General", "speaking to reporters").
_NO_APPOSITION = re.compile(r", (?:who|which|that|whose|in|on|at|with|after|before|during|by|from|speaking|"
                            r"according|saying|told|said)\b")


_MINISTER_OF = re.compile(r"\bminister\s+(?:for|of)\s+", re.I)


def _portfolio_end(text: str, comma: int, lex: Lexicon) -> int | None:
    """Where a minister's portfolio that holds the comma at `comma` ends, when "Ministry of" and
    the portfolio is a ministry the lexicon knows ("minister of economy, trade and industry")."""
    for match in _MINISTER_OF.finditer(text, 0, comma):
        named = lex.org_re.match("Ministry of " + text[match.end():])
        if named and named.end() - len("Ministry of ") > comma - match.end():
            return match.end() + named.end() - len("Ministry of ")
    return None


def post_phrase(body: str, end: int, spans: list[tuple[int, int]] | None = None) -> str:
    """Apposition (", first deputy director of ...,"), a dash label ("- U.S. House ... Chair]")
    or a bracketed role ("KIM YOU-GEUN(CHEONG WA DAE ... DIRECTOR)")."""
    # A line break inside a paragraph, or a paragraph break where a hard-wrapped capture's line
    # stops mid-phrase ("deputy director of South" / "Korea's national security office."), is a space.
    rest = re.sub(r"(?<!\n)\n(?!\n)|(?<=[\w,])\n\n(?=[A-Za-z])", " ", body[end:end + 220])
    dash = re.match(r"\s+[-–]\s+([^\]\n]{3,120})\]", rest)
    if dash:
        return dash.group(1)
    paren = re.match(r"\s*\(([^()\n]{3,120})\)", rest)
    if paren:
        return paren.group(1)
    if not rest.startswith(", ") or _NO_APPOSITION.match(rest):
        return ""  # a relative clause is no apposition (named_phrase reads "who was named ..."), nor an adverbial
    rest = rest[2:]
    stop = _POST_STOP.search(rest)
    lex = lexicon()
    while stop and stop.group(0) == ",":
        # "a senior official of the Ministry of Economy, Trade and Industry": a comma inside an
        # organization's name ends nothing, nor one inside the portfolio of a minister named for
        # it ("Japan's minister of economy, trade and industry")
        inside = next((m for m in lex.org_re.finditer(rest, 0, stop.start() + 40) if m.start() < stop.start() < m.end()),
                      None)
        end_at = inside.end() if inside else _portfolio_end(rest, stop.start(), lex)
        if end_at is None:
            break
        stop = _POST_STOP.search(rest, end_at)
    # "director of the ... bureau in Seoul": a place after the role is where it is held, not part
    # of the title (a posting is "ambassador to ..."); the lexicon's places only.
    place = _in_place_re().search(rest)
    if place and (stop is None or place.start() < stop.start()):
        stop = place
    phrase = rest[:stop.start()] if stop else rest
    begin = end + 2
    inside = [(s, e) for s, e in spans or () if begin <= s < begin + len(phrase)]
    if inside:
        # ", spokesman for President Moon Jae-in": a role served for another person ends with
        # that person's name; any other name inside is the next person's title (", U.S.
        # Secretary of State Mike Pompeo"), not this one's.
        s0, e0 = inside[0]
        served = _SERVES.search(body[begin:s0])
        if not served or not has_head(body[begin:begin + served.start()].split(), lex) \
                or served.group(0).split()[-1].lower() not in lex.heads:
            return ""
        phrase = body[begin:e0]
    return phrase


_SERVES = re.compile(r"\b(?:to|for|of)\s+(?:the\s+)?(?:[\w.'’-]+\s+){1,5}$")

# An office the sentence gives the name by appointment or election: "X was named ambassador to
# Japan", "X, a career diplomat, was appointed as the new vice foreign minister", "X, who was
# elected party leader in March". Not a negated or expected one ("was not named", "is expected
# to be named"): the verb must follow the auxiliary directly.
_NAMED = re.compile(
    r"(?:,[^,\n]{1,80},)?\s*,?\s+(?:who\s+)?(?:was|has\s+been|had\s+been|is|were)\s+(?:formally\s+|officially\s+)?"
    r"(?:named|appointed|nominated|tapped|picked|chosen|designated|elected|sworn\s+in)\s+(?:as\s+)?"
    r"(?:(?:the|a)\s+)?(?:(?:country's|nation's|new|next)\s+)*(?P<role>[A-Za-z][^,;()\n]{2,100})")
# Where that office phrase ends: a clause, a time or a reason after it.
_NAMED_END = re.compile(r"[,;.]|\s(?:on|in|last|this|next|by|after|before|to\s+(?:replace|succeed)|replacing|succeeding"
                        r"|amid|following|when|as|and|who|while|earlier|later|at|for\s+(?:a|the|his|her))\b")


# An office the clause says the name holds or held: "X, who served as ambassador to Japan from
# 2017 to 2019" (a past one is "former"), "X, who has served as vice minister since May".
_SERVED = re.compile(
    r"\s*,?\s+(?:who\s+)?(?:(?P<past>served|was\s+serving)|serves|is\s+serving|has\s+(?:been\s+)?serv(?:ed|ing))\s+as\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?:country's|nation's)\s+)?(?P<role>[A-Za-z][^,;()\n]{2,100})")
# "X, who heads the presidential National Security Office": the head of a body named with a
# capital or a unit noun ("who heads the ministry's bureau"), not of anything led ("heads home").
_HEADS = re.compile(r"\s*,?\s+who\s+(?P<verb>(?P<past>headed|chaired)|heads|chairs|leads)\s+"
                    r"(?P<body>(?:the|its|a)\s+[^,;()\n]{2,100})")
# Where the body headed ends: a clause, a time (its name may hold "and": "Asian and Oceanian").
_HEADS_END = re.compile(r"[,;.]|\s(?:on|in|last|this|next|since|until|till|from|when|while|after|before|for|to|as"
                        r"|and\s+(?:is|was|has|had|said|says|will|would))\b")
_HEADED_BODY = re.compile(r".*(?:\b[A-Z][\w-]+|\b(?:ministry|office|bureau|committee|agency|council|service|party|"
                          r"delegation|commission|department|division|command)\b)")
_SERVED_END = re.compile(r"\s(?:from|until|till|since|between|under|during)\b")
# "X, who is the foreign minister", "X, who was Japan's top diplomat at the time" (a past one is
# "former"): the office the relative clause says the name holds. Only a phrase with an office
# word is a role (parse_role), so "who is expected to ..." or "who was in Seoul" gives none.
_IS = re.compile(r"\s*,\s+who\s+(?:(?P<past>was)|is|remains)\s+(?:also\s+|now\s+|currently\s+)?"
                 r"(?:(?:the|a|an)\s+)?(?P<role>[A-Za-z][^,;()\n]{2,100})")


def named_phrase(body: str, end: int) -> str:
    """The office the clause after a name gives it, or "": by appointment or election ("was
    named ambassador to Japan"), as served ("who served as ambassador to Japan" is "former
    ambassador to Japan"), as the body headed ("who heads the National Security Office" is
    "head of the National Security Office", "who leads the Liberty Korea Party" its leader), or
    as what the name is ("who is the foreign minister"; "who was ..." is former)."""
    window = min(len(body), end + 260)
    match = _NAMED.match(body, end, window)
    served = None if match else _SERVED.match(body, end, window)
    heads = None if match or served else _HEADS.match(body, end, window)
    being = None if match or served or heads else _IS.match(body, end, window)
    if heads:
        what = heads.group("body")
        stop = _HEADS_END.search(what)
        what = what[:stop.start()] if stop else what
        if not _HEADED_BODY.match(what):
            return ""
        verb = heads.group("verb")
        office = "chair" if verb.startswith("chair") else "leader" if verb == "leads" else "head"
        return ("former " if heads.group("past") else "") + f"{office} of {what}"
    clause = match or served or being
    if clause is None:
        return ""
    role = clause.group("role")
    stop = _NAMED_END.search(role)
    role = role[:stop.start()] if stop else role
    if served:
        stop = _SERVED_END.search(role)
        role = role[:stop.start()] if stop else role
    dated = ("former", "then") if being else ("former",)  # "who was then the defense minister"
    if (served or being) and clause.group("past") and not role.lower().startswith(dated):
        role = "former " + role
    return role


# ------------------------------------------------------------------ private roles

# Office words that companies, clubs and unions use as much as governments do: with a private
# organization they make a private role ("Toyota President", "head of research at Nomura").
_SHARED_HEADS = frozenset({"president", "vice president", "chairman", "chairwoman", "chairperson", "chair",
                           "head", "chief", "director", "leader", "spokesman", "spokeswoman", "spokesperson",
                           "official", "executive", "representative", "adviser", "advisor", "manager",
                           "commissioner", "aide", "delegate", "coordinator"})
# Words that make a name an arm of government ("Justice Ministry", "BART Police", "Naval Operations").
_GOVERNMENT_WORDS = re.compile(
    r"\b(?:" + "|".join(_ORG_HEADS) + r"|Force|Army|Navy|Air|Marines?|Police|Court|Prosecutors?|Diet|Operations|"
    r"Intelligence|Security|Defen[cs]e|Foreign|Affairs|Guard|Republic|State|States|Province|Provincial|City|County|"
    r"Metropolitan|Presidential|Federal|National|Royal|Imperial|Military|Navy|Coast|Customs|Treasury|Unification|"
    r"Kremlin|Kantei|Pentagon|Palace|Parliamentarians?|Parliamentary|Lawmakers|Legislat\w*|Congressional|"
    r"Democrats?|Democratic|Republicans?|Liberal|Labour|Labor|Conservatives?|"
    r"Socialists?|Communists?|Greens?)\b")
_PRIVATE_COMPLEMENT = re.compile(r"\b(?P<prep>at|of|for|with)\s+(?:the\s+)?(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:&\s+)?[A-Z][\w&.'’-]*)*)\s*$")


def private_phrase(phrase: str, lex: Lexicon, org_names: frozenset[str] = frozenset()) -> bool:
    """True when a role phrase is a private one: words of business or scholarship ("CEO", "an
    analyst", "Samsung"), or an office word companies share (president, chairman, head,
    spokesperson ...) with an organization that is neither a government's nor a country
    ("Toyota President", "Keidanren Chairman", "vice president of sales at Acme Robotics";
    not "Bareunmirae Party Chairman", "Pentagon spokesman", "president of South Korea").
    `org_names`: the words the NER put in organization or product names; a capitalised word in
    front of the office word is a company's only if it is one ("Reconstruction Commissioner" is
    not). An acronym may be any body ("NSO", "BART"): never taken for a company."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
    if not phrase:
        return False
    if lex.non_government.search(phrase):
        return True
    words = phrase.split()
    lowered = [w.lower().strip(",") for w in words]
    heads = [i for i, w in enumerate(lowered) if w in lex.heads]
    if not heads:
        return False
    complement = _PRIVATE_COMPLEMENT.search(phrase)
    if complement and heads[0] < len(phrase[:complement.start()].split()):
        org = complement.group("org")
        head = lowered[heads[0]]
        shared = head in _SHARED_HEADS or " ".join(lowered[heads[0]:heads[0] + 2]) in _SHARED_HEADS
        if not org.isupper() and not _governmental(org, lex) and (complement.group("prep") == "at" or shared):
            return True
    # Capitalised modifiers in front of a shared office word: strip what is a country, a known
    # or government organization or a title word; a proper name left over is a company's.
    last = heads[-1]
    if lowered[last] not in _SHARED_HEADS and " ".join(lowered[max(0, last - 1):last + 1]) not in _SHARED_HEADS:
        return False
    front = " ".join(words[:last])
    if lex.country_re.search(front):
        return False  # "Japan's Reconstruction Commissioner": a country's office
    front = lex.org_re.sub(" ", front)
    front = lex.country_re.sub(" ", front)
    front = _ORG_CHAIN.sub(" ", front)
    for word in front.split():
        bare = re.sub(r"['’]s?$", "", word)
        if not bare[:1].isupper() or bare.isupper() or bare.lower() in TITLE_LOWER or bare.lower() in lex.heads:
            continue  # "BART", "NATO": acronyms may be any body; title words are titles
        if _GOVERNMENT_WORDS.search(bare) or bare.lower() in _CONNECT or bare not in org_names:
            continue
        return True
    return False


def _governmental(org: str, lex: Lexicon) -> bool:
    """True when a capitalised name is a government body, a country or part of one, or an
    office ("spokesman for President Moon Jae-in")."""
    return bool(lex.org_re.search(org) or lex.country_re.search(org) or _GOVERNMENT_WORDS.search(org)
                or any(w.lower() in lex.heads for w in org.split()))


# ------------------------------------------------------------------ from the parse


def is_office_word(word: str, lex: Lexicon) -> bool:
    """True for a title's head noun (minister, secretary-general, ...), in any case or number."""
    low = word.lower().strip(".,")
    return low in lex.heads or any(part in lex.heads for part in low.split("-")) or (
        low.endswith("s") and low[:-1] in lex.heads) or (low.endswith("ies") and low[:-3] + "y" in lex.heads)


def _name_tokens(doc: Any, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand") if doc is not None else None


_INNER_STOP = re.compile(r"[()\[\]—–―,;:]|--")  # "Press)--South": one token, two clauses
_SKIP_LEFT = {"det", "nummod", "predet", "punct", "cc", "preconj"}
_KEPT_ADVERBS = frozenset({"then", "then-", "now", "once"})  # they date the title ("then-Foreign Minister")


# Finite verbs and past participles: no word of a title ("acting", a VBG, is one).
_VERB_TAGS = frozenset({"VBD", "VBN", "VBP", "VBZ"})


def parse_pre_phrase(doc: Any, start: int, end: int, lex: Lexicon) -> str:
    """The name's left dependents as a title ("Japan's Chief Cabinet Secretary"), if the word right
    before the name is an office word; "" otherwise."""
    span = _name_tokens(doc, start, end)
    if span is None or span.start == 0:
        return ""
    root = span[-1]
    if root.head.i >= span.end and root.dep_ == "compound":
        return ""  # the name modifies a noun: "the Moon Jae-in administration"
    before = doc[span.start - 1]
    if not is_office_word(before.text, lex) and not ends_head(
            [t.lower_ for t in doc[max(0, before.i - 3):before.i + 1]], min(3, before.i), lex):
        return ""
    edge = min(root.left_edge.i, span.start - 1)
    # Back from the name to the edge of its dependents, but never past punctuation, a dash, a
    # conjunction, another person's name or a verb: "Foreign Minister Kang Kyung-wha and Defense
    # Minister Jeong" gives Jeong "Defense Minister", "SEOUL - Defense Minister" gives "Defense
    # Minister", and "X summoned Japanese Ambassador Y" (the parse may read "summoned" as the
    # title's modifier) or "newly appointed Ambassador Y" give "(Japanese) Ambassador".
    left = span.start - 1
    while left > edge:
        token = doc[left - 1]
        if token.is_punct or token.is_space or token.dep_ == "cc" or token.lower_ in ("and", "or", "&") \
                or token.ent_type_ == "PERSON" or _INNER_STOP.search(token.text) \
                or (token.tag_ in _VERB_TAGS and token.is_lower):
            break
        left -= 1
    while left < span.start - 1 and (doc[left].dep_ in _SKIP_LEFT or doc[left].tag_ == "PRP$"
                                     or (doc[left].pos_ in ("ADV", "ADP") and doc[left].lower_ not in _KEPT_ADVERBS)):
        left += 1  # "even Vice President X", "currently vice president": no adverb opens a title
    if left >= 2 and doc[left - 1].text == "-" and not doc[left - 1].whitespace_ \
            and not doc[left - 2].whitespace_ and doc[left - 2].is_lower:
        return ""  # the end of a hyphenated compound: "editor-in-chief" is no "chief"
    return doc[left:span.start].text


def appositive_title(doc: Any, start: int, end: int, lex: Lexicon) -> tuple[str, bool]:
    """The office noun phrase a name stands in apposition to, in the singular ("deputy chief
    Cabinet secretary" for "two deputy chief Cabinet secretaries, Kotaro Nogami and ..."), and
    whether it was printed in the plural; ("", False) when there is none."""
    span = _name_tokens(doc, start, end)
    if span is None:
        return "", False
    node = span.root
    listed = False  # the parse may make "NOUNs, A and B" a conjunction rather than an apposition
    while node.dep_ == "conj" and node.head.i < node.i and node.head.i < span.start:
        if is_office_word(node.head.text, lex) and node.head.i + 1 < len(doc) and doc[node.head.i + 1].text == ",":
            listed = True
            break
        node = node.head  # "..., Kotaro Nogami and Kazuhiro Sugita": Sugita joins Nogami
    if not listed and (node.dep_ != "appos" or node.head.i >= span.start):
        return "", False
    head = node.head
    if not is_office_word(head.text, lex) or head.text.lower().startswith("counterpart"):
        return "", False
    first = head.left_edge.i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ \
            and not doc[first - 2].whitespace_ and doc[first - 2].is_alpha:
        first -= 2  # one printed word the parse split: "vice-chairman", with "vice" elsewhere
    words = []
    for token in doc[first:head.i]:
        inside_word = token.text == "-" and not token.whitespace_ and token.i > 0 and not doc[token.i - 1].whitespace_
        if (token.dep_ in _SKIP_LEFT and not inside_word) or token.tag_ == "PRP$":
            continue
        words.append(token.text_with_ws)  # as printed: "Ji-hoon's" stays one word
    plural = head.tag_ in ("NNS", "NNPS")
    noun = head.lemma_ if plural else head.text
    tail = [t for t in head.rights if t.dep_ == "prep" and t.i < span.start]
    printed = "".join(words)
    # "director-general": the head goes on the hyphen it follows, as printed
    phrase = re.sub(r"\s+", " ", printed + noun if printed.endswith("-") else printed.rstrip() + " " + noun).strip()
    if tail:
        phrase += " " + doc[tail[0].i:tail[0].right_edge.i + 1].text
    return phrase, plural


_COUNTERPART = re.compile(r"\bcounterparts?\s*,?\s*$", re.I)


_COUNTERPART_WORDS = re.compile(r"(?:^|[\s(])(?P<words>(?:[\w.'’-]+\s+){0,3}?)counterparts?\s*,?\s*$", re.I)
_DETERMINERS = {"his", "her", "their", "its", "the", "a", "an", "and", "with", "met", "told", "called"}


def counterpart_country(before: str, lex: Lexicon) -> str | None:
    """The country the counterpart phrase itself names ("his South Korean counterpart"): only the
    words between the determiner and "counterpart", never another person's country word earlier
    in the sentence ("U.S. Secretary of Defense Mark Esper ... his counterpart Jeong")."""
    match = _COUNTERPART_WORDS.search(before)
    if not match:
        return None
    words = match.group("words").split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    found = lex.country_re.search(" ".join(words))
    return lex.country_of(found.group(0)) if found else None


def is_counterpart(body: str, start: int) -> bool:
    """True when the name follows "counterpart" ("his South Korean counterpart, Jeong Kyeong-doo")."""
    return bool(_COUNTERPART.search(body[max(0, start - 40):start]))


def org_only_role(phrase: str, lex: Lexicon, source: str) -> Role | None:
    """A label naming only a government organization ("MINISTRY OF TRADE, INDUSTRY AND ENERGY")."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–")
    if not phrase or lex.non_government.search(phrase):
        return None
    if phrase.isupper():
        phrase = title_case([w.lower() for w in phrase.split()])
    known = lex.org_re.fullmatch(phrase)
    if known:
        row = lex.org_by_surface[known.group(0).lower()]
        return Role(title=None, org=row.name, country=row.country, source=source)
    chain = _ORG_CHAIN.fullmatch(phrase)
    if chain and phrase.split()[0] in ("Ministry", "Office", "Department", "Agency"):
        return Role(title=None, org=phrase, country=None, source=source)
    return None
