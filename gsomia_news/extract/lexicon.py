"""Domain knowledge loaded from gsomia_news/data (JSONL validated by pydantic), compiled once.

The people themselves (who held which office when) are in the knowledge base, kb.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryRow(_Row):
    """A country adjective, possessive or capital used in titles ("South Korean", "Tokyo's")."""

    text: str
    country: str
    source: str | None = Field(default=None, description=(
        "where the row comes from: CLDR's English name (checked against babel by a test) or recollection, unverified"))


class OrgRow(_Row):
    """A government organization and the country it belongs to (null: any country)."""

    name: str
    country: str | None
    aliases: list[str] = []
    names: dict[str, str] = Field(default={}, description=(
        "a country-neutral name ('Defense Ministry'): what each government's own is called, by country"))
    international: bool = Field(default=False, description="an international body: its officials serve no one country")
    note: str | None = None

    def named_for(self, country: str | None) -> str:
        """The organization's name for the government of `country` ("Defense Ministry" + JP ->
        "Ministry of Defense"); its own name when the country is unknown or has no entry."""
        return self.names.get(country or "", self.name)


class TitleRow(_Row):
    """Either a title head word ("minister") or a full title with its country/organization."""

    head: str | None = None
    title: str | None = None
    pattern: str | None = Field(default=None, description=(
        "a regex over the lower-case title naming a family of one country's offices ('secretary of the navy')"))
    note: str | None = None
    canonical: str | None = Field(default=None, description="the one spelling used in output")
    country: str | None = None
    org: str | None = None
    orgs: dict[str, str] = {}


def _jsonl(name: str) -> list[dict]:
    text = resources.files("gsomia_news.data").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon used by the officials extractor."""

    countries: tuple[CountryRow, ...]
    country_re: re.Pattern[str]
    orgs: tuple[OrgRow, ...]
    org_re: re.Pattern[str]
    org_by_surface: dict[str, OrgRow]
    heads: frozenset[str]
    titles: dict[str, TitleRow]
    title_patterns: tuple[tuple[re.Pattern[str], TitleRow], ...]
    korean_surnames: frozenset[str]
    japanese_given: frozenset[str]
    shared_surnames: frozenset[str]  # Korean and Chinese family names shared by millions
    north_korean_surnames: frozenset[str]  # North Korea's romanization: "Ri", "Rim", "Ro"
    word_surnames: frozenset[str]  # family names that are everyday words or places ("Young", "Austin")
    romanization: tuple[tuple[str, str], ...]
    non_government: re.Pattern[str]
    us_state: str  # regex source: a US state as a party-and-state tag prints it ("Calif.", "CA", "California")

    def roman_key(self, name: str) -> str:
        """Spelling-insensitive key of a name: Kim Yu-geun and Kim You-geun give the same key."""
        tokens = []
        for token in name.lower().replace("’", "").replace("'", "").split():
            token = token.replace("-", "")
            for old, new in self.romanization:
                token = token.replace(old, new)
            tokens.append(token)
        return " ".join(sorted(tokens))

    def title_row(self, title: str | None) -> TitleRow | None:
        """The row of a title as a whole ("defense secretary"), else of the family of offices its
        pattern names ("under secretary of defense for policy" -> US)."""
        low = (title or "").lower().replace("then-", "")
        if not low:
            return None
        row = self.titles.get(low)
        if row is None:
            row = next((r for pattern, r in self.title_patterns if pattern.search(low)), None)
        return row

    def country_of(self, surface: str) -> str | None:
        """ISO code for a country expression (apostrophes normalised)."""
        key = surface.replace("’", "'")
        for row in self.countries:
            if row.text == key:
                return row.country
        return None


@cache
def lexicon() -> Lexicon:
    """Load and compile the bundled lexicon."""
    countries = tuple(CountryRow.model_validate(r) for r in _jsonl("countries.jsonl"))
    orgs = tuple(OrgRow.model_validate(r) for r in _jsonl("organizations.jsonl"))
    titles = [TitleRow.model_validate(r) for r in _jsonl("titles.jsonl")]
    names = json.loads(resources.files("gsomia_news.data").joinpath("person_names.json").read_text(encoding="utf-8"))
    rules = json.loads(resources.files("gsomia_news.data").joinpath("name_rules.json").read_text(encoding="utf-8"))
    states = json.loads(resources.files("gsomia_news.data").joinpath("us_states.json").read_text(encoding="utf-8"))
    state_forms = {form for row in states["states"] for form in (row["name"], row["ap"], row["usps"]) if form}
    surfaces = sorted({c.text for c in countries}, key=len, reverse=True)
    # Not inside a hyphenated compound: "the Korea-Japan Parliamentarians' Union", "U.S.-led"
    # name no government served.
    country_re = re.compile(r"(?<![\w.])(?<!\w-)(?:" + "|".join(
        re.escape(s).replace("'", "['’]") for s in surfaces) + r")(?!\w|-\w)")
    org_by_surface: dict[str, OrgRow] = {}
    for org in orgs:
        for surface in [org.name, *org.aliases]:
            org_by_surface[surface.lower()] = org
    # Not \b at the edges: "U.N." ends in a dot, after which a space is no word boundary.
    org_re = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(s) for s in sorted(org_by_surface, key=len, reverse=True)) + r")(?!\w)", re.I)
    return Lexicon(
        countries=countries,
        country_re=country_re,
        orgs=orgs,
        org_re=org_re,
        org_by_surface=org_by_surface,
        heads=frozenset(t.head for t in titles if t.head),
        titles={t.title: t for t in titles if t.title},
        title_patterns=tuple((re.compile(t.pattern), t) for t in titles if t.pattern),
        korean_surnames=frozenset(names["korean_surnames"]),
        japanese_given=frozenset(names["japanese_given_names"]),
        shared_surnames=frozenset([*names["korean_surnames"], *names["extra_korean_surnames"], *names["chinese_surnames"]]),
        north_korean_surnames=frozenset(names["north_korean_surnames"]),
        word_surnames=frozenset(names["word_surnames"]),
        romanization=tuple((a, b) for a, b in rules["romanization"]),
        non_government=re.compile(r"(?<![\w])(?:" + "|".join(
            re.escape(w) for w in sorted(rules["non_government_words"], key=len, reverse=True)) + r")(?![\w])", re.I),
        us_state="(?:" + "|".join(re.escape(f) for f in sorted(state_forms, key=len, reverse=True)) + ")",
    )
