"""Deterministic identities for directives, persons and events, so the same thing written in
two articles (or ingested twice) gets the same IRI."""
from __future__ import annotations

from typing import TYPE_CHECKING

from unionkg.ontology.namespaces import entity_iri, fold, short_hash

from .model import Directive

if TYPE_CHECKING:
    from . import ArticleFacts

# Reference organisations whose documents carry "TW" in their symbol.
_CENTRAL_PARTY = {"bo chinh tri", "ban chap hanh trung uong dang", "ban bi thu", "ban chap hanh trung uong"}
_ISSUED_BY_ARTICLE_UNION = {"CTr", "KH"}


def finalise_identities(facts: "ArticleFacts") -> None:
    """Give every directive, person and event of the article its IRI."""
    rename = _resolve_directive_keys(facts)
    for act in facts.acts:
        act.directive = rename.get(act.directive, act.directive)
    for rel in facts.relations:
        if rel.kind == "based_on":
            rel.subject, rel.object = rename.get(rel.subject, rel.subject), rename.get(rel.object, rel.object)
    facts.relations = [r for r in facts.relations if r.subject != r.object]
    for d in facts.directives.values():
        d.iri = str(entity_iri("directive", d.key))
    _person_iris(facts)
    _event_iris(facts)


def _issuer_name(facts: "ArticleFacts", key: str | None) -> str:
    """The folded canonical name of an issuer."""
    return fold(facts.orgs.orgs[key].name) if key in facts.orgs.orgs else ""


def _iri_tail(facts: "ArticleFacts", key: str) -> str:
    """The last segment of an organisation's IRI, for directive keys."""
    return facts.orgs.orgs[key].iri.rsplit("/", 1)[-1]


def _resolve_directive_keys(facts: "ArticleFacts") -> dict[str, str]:
    """Final keys: symbols stay, congress resolutions get their body's IRI, numbered documents join
    the symbol of the same type and number in the article, else get their issuer."""
    rename: dict[str, str] = {}
    final: dict[str, Directive] = {}
    symbols = {(d.type_code, (d.number or "").lstrip("0")): d for d in facts.directives.values() if d.symbol}
    for old_key, d in sorted(facts.directives.items(), key=lambda kv: (kv[1].symbol is None, kv[0])):
        new_key = _final_key(facts, d, symbols)
        rename[old_key] = new_key
        if new_key in final:
            _fill(final[new_key], d)
        else:
            d.key = new_key
            final[new_key] = d
    facts.directives = final
    return rename


def _final_key(facts: "ArticleFacts", d: Directive, symbols: dict) -> str:
    """The deterministic key of one directive."""
    if d.congress:
        return f"nq-dai-hoi-{d.congress.lower()}-{_iri_tail(facts, d.issuer)}"
    if d.symbol:
        return f"{d.key}-{_iri_tail(facts, d.issuer)}" if d.local_symbol and d.issuer else d.key
    same = symbols.get((d.type_code, (d.number or "").lstrip("0")))
    if same is not None:
        return same.key
    if d.issuer is None and d.type_code in _ISSUED_BY_ARTICLE_UNION and facts.orgs.main_union:
        d.issuer = facts.orgs.use(facts.orgs.main_union)
    if _issuer_name(facts, d.issuer) in _CENTRAL_PARTY:
        d.symbol = f"{d.number}-{d.type_code}/TW"
        return f"{fold(d.type_code)}-{(d.number or '').lstrip('0')}--tw"
    tail = _iri_tail(facts, d.issuer) if d.issuer else ""
    return f"{fold(d.type_code)}-{(d.number or '').lstrip('0')}-{tail}"


def _fill(kept: Directive, other: Directive) -> None:
    """Keep what the other mention adds: issuer, date, title, evidence."""
    for attr in ("issuer", "date", "title"):
        if getattr(kept, attr) is None:
            setattr(kept, attr, getattr(other, attr))
    kept.evidence.extend(e for e in other.evidence if e not in kept.evidence)


def _person_iris(facts: "ArticleFacts") -> None:
    """Name plus the organisation of the person's chair post (else any post): the same name in the
    same organisation is one person across articles; a person with no post stays in the article."""
    for key, person in facts.persons.items():
        orgs = sorted(facts.orgs.orgs[p.org].iri for p in facts.posts if p.person == key and "chu tich" in fold(p.role))
        orgs = orgs or sorted(facts.orgs.orgs[p.org].iri for p in facts.posts if p.person == key)
        anchor = orgs[0] if orgs else facts.article.source
        person.iri = str(entity_iri("person", person.name)) + "-" + short_hash(anchor)


def _event_iris(facts: "ArticleFacts") -> None:
    """Date, organiser and type; undated events are kept apart per article."""
    for k, event in enumerate(facts.events):
        organiser = _iri_tail(facts, event.organizer) if event.organizer else "unknown"
        when = event.date or f"undated-{short_hash(facts.article.source, str(k))}"
        event.key = f"{when}-{organiser}-{event.event_type}"
        event.iri = str(entity_iri("event", event.key))
    main = facts.events[0].key if facts.events else None
    for act in facts.acts:
        if act.event == "main":
            act.event = main
