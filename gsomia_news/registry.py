"""officials.json: one record per person across all articles, with roles over time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .models import ArticleOfficial, NameMerge, Person, Role


@dataclass(frozen=True)
class Sighting:
    """The officials of one article, with the article's id and date (the registry's input)."""

    article_id: str
    date: str | None
    officials: tuple[ArticleOfficial, ...]


def build_registry(sightings: list[Sighting]) -> list[Person]:
    """Group article officials by person id; collect name variants and roles with date ranges."""
    by_id: dict[str, list[tuple[Sighting, ArticleOfficial]]] = {}
    for sighting in sightings:
        for official in sighting.officials:
            by_id.setdefault(official.id, []).append((sighting, official))
    people = []
    for pid in sorted(by_id):
        seen = by_id[pid]
        names = Counter(o.name for _, o in seen)
        name = sorted(names, key=lambda n: (-names[n], n))[0]
        variants = sorted(names)
        merges = [NameMerge(variant=v, reason="same name tokens in another order")
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
        people.append(Person(
            id=pid, name=name, variants=variants, country=country, roles=role_records,
            article_ids=sorted({s.article_id for s, _ in seen}), merges=merges,
        ))
    return people
