"""The officials knowledge base (data/officials.jsonl): who held which office, when.

One JSON object a line, validated by `KBPerson`: a stable id of the project's own
(`<country>-<name>`, never reused or renamed), the name as English news prints it most often,
every other spelling and order seen (`aliases`), the government served, the Wikidata QID only
where it is known for certain (null otherwise: researchers join other datasets on it), and
positions with title, organization, country and start/end dates.

Where the facts come from: `source` names it for the whole entry ("recollection": written
from general knowledge of the public record, with no reference at hand to check it; such facts
are unverified). A date that is not known to the day is written to the month or the year only
(`2019-07`, `2019`) and a `note` says so; an end not known is null with a note. `checks` on a
position lists pages that can be read here and state the person's title on a day (a devset or
seed page): that day's title is then checked, the start and end dates still are not.

Lookups are by name (any order, hyphens and case ignored), by family name among the people
whose office covers a day, and by office ("the Moon administration": the head of state or
government named Moon in office on the article's day).
"""

from __future__ import annotations

import json
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..models import Country, IsoDate, WikidataId

PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
# Offices of a head of state or government: what "the NAME administration" refers to.
HEAD_TITLES = frozenset({"president", "prime minister", "premier", "leader"})
# Given-name-first countries: the family name is the last token of `name`.
_GIVEN_FIRST = frozenset({"US", "JP"})


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KBCheck(_Row):
    """A page readable here that states the person's title on a day."""

    date: IsoDate = Field(description="publication day of the page")
    by: str = Field(description="the page: devset/<case> (../shared/devset/gold/<case>.json)")
    says: str = Field(description="the title as that page's gold record gives it")


class KBPosition(_Row):
    """One term in one office."""

    title: str
    org: str | None = None
    country: Country | None = Field(default=None, description="government served; null: the person's country")
    start: PartialDate | None = Field(description="first day (or month / year when not known to the day)")
    end: PartialDate | None = Field(description="last day; null: in office when written, or not known (see note)")
    shared: bool = Field(default=False, description="an office several people hold at once (lawmaker, spokesperson)")
    note: str | None = None
    checks: list[KBCheck] = []

    @model_validator(mode="after")
    def _ordered(self) -> KBPosition:
        if self.start and self.end and first_day(self.start) > last_day(self.end):
            raise ValueError(f"{self.title}: start {self.start} after end {self.end}")
        return self


class KBPerson(_Row):
    """One person of the knowledge base."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")]
    name: str
    aliases: list[str] = []
    family: str | None = Field(default=None, description="family name, when the name order rule would get it wrong")
    country: Country
    wikidata: WikidataId | None = None
    positions: list[KBPosition] = Field(min_length=1)
    source: Literal["recollection"] = Field(description=(
        "recollection: written from general knowledge without a reference at hand; unverified"))
    note: str | None = None

    def family_name(self) -> str:
        """The family name (Moon for Moon Jae-in, Abe for Shinzo Abe)."""
        if self.family:
            return self.family
        tokens = self.name.split()
        return tokens[-1] if self.country in _GIVEN_FIRST else tokens[0]

    def forms(self) -> list[str]:
        """Every full-name form: name, aliases, the other order of a Japanese name, hyphen variants."""
        out: list[str] = []
        for form in (self.name, *self.aliases):
            variants = [form]
            if self.country == "JP" and len(form.split()) == 2:
                variants.append(" ".join(reversed(form.split())))
            if self.country in ("KR", "KP"):
                tokens = form.split()
                if len(tokens) == 2 and "-" in tokens[1]:
                    variants.append(f"{tokens[0]} {tokens[1].replace('-', ' ').title()}")  # Moon Jae In
                elif len(tokens) == 3:
                    variants.append(f"{tokens[0]} {tokens[1]}-{tokens[2].lower()}")  # Yoon Suk-yeol
            out.extend(v for v in variants if v not in out)
        return out


def first_day(value: str) -> str:
    """The earliest day a partial date can mean (2019-07 -> 2019-07-01)."""
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def last_day(value: str) -> str:
    """The latest day a partial date can mean (2019-02 -> 2019-02-28)."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{value}-{monthrange(int(parts[0]), int(parts[1]))[1]:02d}"
    return value


def covers(position: KBPosition, day: str) -> bool:
    """True when the term can include `day` (partial dates read generously)."""
    if position.start and day < first_day(position.start):
        return False
    return not (position.end and day > last_day(position.end))


def _tokens(name: str) -> list[str]:
    """A name's words, lower-case, without accents, dots, commas or apostrophes, split at hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "").replace("'", "").replace(".", " ").replace(",", " ")
    return [t for t in re.split(r"[\s\-‐‑]+", text) if t]


def _rotation_key(tokens: list[str]) -> str:
    """The least rotation of `tokens`, joined: the same for a name with its family name first or
    last ("Moon Jae-in", "Jae-in Moon"), not for a given name's syllables in another order
    ("Park Min-jae" is not "Park Jae-min")."""
    return min((" ".join(tokens[i:] + tokens[:i]) for i in range(len(tokens))), default="")


def name_key(name: str) -> str:
    """Case-, accent-, hyphen- and dot-insensitive key of a name, the family name first or last
    ("Jae-in Moon" = "MOON JAE IN", "Tarō Kōno" = "Taro Kono")."""
    return _rotation_key(_tokens(name))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def bare_key(name: str) -> str:
    """The name key without middle initials and generational suffixes ("Lloyd J. Austin III" ->
    the key of "Lloyd Austin"); "" when fewer than two words remain (a bare surname is no key)."""
    tokens = [t for t in _tokens(name) if len(t) > 1 and t not in _SUFFIXES]
    return _rotation_key(tokens) if len(tokens) > 1 else ""


@dataclass(frozen=True)
class KB:
    """The loaded knowledge base with its indexes."""

    people: tuple[KBPerson, ...]
    by_id: dict[str, KBPerson]
    by_name: dict[str, tuple[KBPerson, ...]]
    by_family: dict[str, tuple[KBPerson, ...]]
    by_bare: dict[str, tuple[KBPerson, ...]]

    def lookup(self, name: str) -> KBPerson | None:
        """The one person this full name denotes (None when unknown or shared by two people); middle
        initials and suffixes are ignored when the name as printed is not known ("Lloyd J. Austin III")."""
        found = self.by_name.get(name_key(name))
        if found is None:
            bare = bare_key(name)
            found = self.by_bare.get(bare, ()) if bare else ()
        return found[0] if len(found) == 1 else None

    def position_on(self, person: KBPerson, day: str | None) -> KBPosition | None:
        """The person's office on `day`; undated: the office if the person held only one."""
        if day is None:
            kinds = {(p.title, p.org) for p in person.positions}
            return person.positions[-1] if len(kinds) == 1 else None
        held = [p for p in person.positions if covers(p, day)]
        # Two at once (Special Representative and Deputy Secretary): the later-begun one.
        held.sort(key=lambda p: (not p.shared, first_day(p.start) if p.start else ""))
        return held[-1] if held else None

    def by_surname(self, family: str, day: str | None, title: str | None = None,
                   heads_only: bool = False, names: Callable[[KBPosition], bool] | None = None) -> list[KBPerson]:
        """People with this family name in an office on `day` that `title` names (or that the
        `names` test accepts).

        A one-word title names an office only when it has one holder in a country ("President",
        "Premier"); "Minister Kim" could be any minister, so it must say which ("Unification
        Minister"), and the KB title must end with it."""
        out = []
        for person in self.by_family.get(family.lower(), ()):
            for position in person.positions:
                if day is not None and not covers(position, day):
                    continue
                held = position.title.lower()
                if heads_only and not (held in HEAD_TITLES and position.org is None):
                    continue
                if title and not _names_office(title.lower(), held):
                    continue
                if names is not None and not names(position):
                    continue
                out.append(person)
                break
        return out

    def ruler_patterns(self) -> list[dict]:
        """spaCy entity-ruler patterns: every full-name form as a PERSON."""
        forms = sorted({form for person in self.people for form in person.forms() if len(form.split()) > 1})
        return [{"label": "PERSON", "pattern": form} for form in forms]


def _names_office(said: str, held: str) -> bool:
    """True when a title as printed ("PM", "Unification Minister") names the KB office `held`."""
    said = {"pm": "prime minister"}.get(said, said)
    if said == held:
        return True
    return (len(said.split()) > 1 or said in HEAD_TITLES) and held.endswith(said)


def _rows(name: str) -> list[dict]:
    text = resources.files("gsomia_news.data").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@cache
def knowledge_base() -> KB:
    """Load and index data/officials.jsonl (once per process)."""
    people = tuple(KBPerson.model_validate(row) for row in _rows("officials.jsonl"))
    by_name: dict[str, list[KBPerson]] = {}
    by_family: dict[str, list[KBPerson]] = {}
    by_bare: dict[str, list[KBPerson]] = {}
    for person in people:
        for key in {name_key(form) for form in person.forms()}:
            by_name.setdefault(key, []).append(person)
        for key in {bare_key(form) for form in person.forms()} - {""}:
            by_bare.setdefault(key, []).append(person)
        by_family.setdefault(person.family_name().lower(), []).append(person)
    return KB(people=people, by_id={p.id: p for p in people},
              by_name={k: tuple(v) for k, v in by_name.items()},
              by_family={k: tuple(v) for k, v in by_family.items()},
              by_bare={k: tuple(v) for k, v in by_bare.items()})
