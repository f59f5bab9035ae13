"""officials.json: one record per person across all articles, with roles over time.

People the officials knowledge base knows are grouped by their KB id, whatever spelling or order
an article prints ("Kim Yu-geun" / "Kim You-geun" / "KIM YOU-GEUN" are one KB person). Others are
grouped by person id (name order does not matter: "Kono Taro" = "Taro Kono"), and their
romanization variants are merged only when the evidence supports it: the same title and
organization in both, and never two different KB people. Every merge records its reason.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ..extract.lexicon import lexicon
from ..models import ArticleOfficial, NameMerge, Person, Role


class SeenOfficial(NamedTuple):
    """Who an article names, in what role: all the registry needs (no mentions: memory)."""

    id: str
    name: str
    title: str | None
    org: str | None
    country: str | None
    kb_id: str | None = None
    wikidata: str | None = None

    @classmethod
    def of(cls, official: ArticleOfficial) -> SeenOfficial:
        """Compact, interned form of an article's official (10,000 articles repeat the same names)."""
        return cls(*(sys.intern(v) if v else v for v in (official.id, official.name, official.title,
                                                          official.org, official.country, official.kb_id,
                                                          official.wikidata)))


@dataclass(frozen=True)
class Sighting:
    """The officials of one article, with the article's id and date (the registry's input)."""

    article_id: str
    date: str | None
    officials: tuple[ArticleOfficial | SeenOfficial, ...]


def _role_keys(seen: list[tuple[Sighting, ArticleOfficial | SeenOfficial]]) -> set[tuple[str, str]]:
    return {(o.title.lower(), o.org.lower()) for _, o in seen if o.title and o.org}


def _kb_id(seen: list[tuple[Sighting, ArticleOfficial | SeenOfficial]]) -> str | None:
    return next((o.kb_id for _, o in seen if o.kb_id), None)


def merge_by_kb(by_id: dict[str, list[tuple[Sighting, ArticleOfficial | SeenOfficial]]]) -> tuple[dict[str, str], dict[str, str]]:
    """Ids to merge (old -> kept id) because their sightings are linked to the same KB person."""
    groups: dict[str, list[str]] = {}
    for pid, seen in by_id.items():
        kb_id = _kb_id(seen)
        if kb_id:
            groups.setdefault(kb_id, []).append(pid)
    remap: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for kb_id, ids in groups.items():
        ids.sort(key=lambda i: (-len({s.article_id for s, _ in by_id[i]}), i))
        for pid in ids[1:]:
            remap[pid] = ids[0]
            reasons[pid] = f"the same person in the officials knowledge base ({kb_id})"
    return remap, reasons


def merge_variants(by_id: dict[str, list[tuple[Sighting, ArticleOfficial | SeenOfficial]]]) -> tuple[dict[str, str], dict[str, str]]:
    """Ids to merge (old -> kept id) and the reason for each, for romanization variants sharing a role."""
    lex = lexicon()
    groups: dict[str, list[str]] = {}
    for pid, seen in by_id.items():
        groups.setdefault(lex.roman_key(seen[0][1].name), []).append(pid)
    remap: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for ids in groups.values():
        if len(ids) < 2:
            continue
        # The id seen in most articles survives (ties: the smaller id), so ids stay stable.
        ids.sort(key=lambda i: (-len({s.article_id for s, _ in by_id[i]}), i))
        kept: list[str] = []
        for pid in ids:
            target = next((k for k in kept if _role_keys(by_id[k]) & _role_keys(by_id[pid])
                           and not (_kb_id(by_id[k]) and _kb_id(by_id[pid]))), None)
            if target is None:
                kept.append(pid)
                continue
            title, org = sorted(_role_keys(by_id[target]) & _role_keys(by_id[pid]))[0]
            shared = next(o for _, o in by_id[pid] if o.title and o.org and (o.title.lower(), o.org.lower()) == (title, org))
            remap[pid] = target
            reasons[pid] = (f"romanization variant of {by_id[target][0][1].name}; "
                            f"same title and organization ({shared.title}, {shared.org})")
    return remap, reasons


def _merge_reason(variant: str, name: str, spelled: dict[str, str], kb_id: str | None) -> str:
    if sorted(variant.lower().split()) == sorted(name.lower().split()):
        return "same name tokens in another order"
    if variant in spelled:
        return spelled[variant]
    if kb_id:  # articles linked both spellings to one KB person
        return f"the same person in the officials knowledge base ({kb_id})"
    return "same name tokens in another order"


def build_registry(sightings: list[Sighting]) -> list[Person]:
    """Group article officials by person; collect name variants and roles with date ranges."""
    return build_registry_with_remap(sightings)[0]


def build_registry_with_remap(sightings: list[Sighting]) -> tuple[list[Person], dict[str, str]]:
    """The registry, and the article-level ids that were merged into another person's id."""
    by_id: dict[str, list[tuple[Sighting, ArticleOfficial | SeenOfficial]]] = {}
    for sighting in sightings:
        for official in sighting.officials:
            by_id.setdefault(official.id, []).append((sighting, official))
    remap, reasons = merge_by_kb(by_id)
    if remap:
        regrouped: dict[str, list[tuple[Sighting, ArticleOfficial | SeenOfficial]]] = {}
        for pid, seen in by_id.items():
            regrouped.setdefault(remap.get(pid, pid), []).extend(seen)
        by_id = regrouped
    more, more_reasons = merge_variants(by_id)
    remap = {old: more.get(new, new) for old, new in remap.items()} | more
    reasons |= more_reasons
    merged: dict[str, list[tuple[Sighting, ArticleOfficial | SeenOfficial]]] = {}
    spelled: dict[str, dict[str, str]] = {}
    for pid, seen in by_id.items():
        target = remap.get(pid, pid)
        merged.setdefault(target, []).extend(seen)
        if pid in reasons:
            for _, official in seen:
                spelled.setdefault(target, {})[official.name] = reasons[pid]
    people = []
    for pid in sorted(merged):
        seen = merged[pid]
        names = Counter(o.name for _, o in seen)
        name = sorted(names, key=lambda n: (-names[n], n))[0]
        variants = sorted(names)
        kb_id = _kb_id(seen)
        merges = [NameMerge(variant=v, reason=_merge_reason(v, name, spelled.get(pid, {}), kb_id))
                  for v in variants if v != name]
        roles: dict[tuple[str | None, str | None, str | None], list[Sighting]] = {}
        for sighting, official in seen:
            roles.setdefault((official.title, official.org, official.country), []).append(sighting)
        role_records = []
        for (title, org, country), hits in roles.items():
            dates = sorted(s.date for s in hits if s.date)
            role_records.append(Role(
                title=title, org=org, country=country,
                first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                article_ids=sorted({s.article_id for s in hits}),
            ))
        role_records.sort(key=lambda r: (r.first_date or "9999", r.title or "", r.org or "", r.country or ""))
        countries = Counter(r.country for r in role_records for _ in r.article_ids if r.country)
        country = sorted(countries, key=lambda c: (-countries[c], c))[0] if countries else None
        wikidata = next((o.wikidata for _, o in seen if o.wikidata), None)
        people.append(Person(
            id=pid, name=name, variants=variants, country=country, kb_id=kb_id, wikidata=wikidata, roles=role_records,
            article_ids=sorted({s.article_id for s, _ in seen}), merges=merges,
        ))
    return people, remap
