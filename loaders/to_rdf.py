"""Turn the facts of one article into the triples of its named graph (see docs/data-model.md)."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from unionkg.ontology.namespaces import (
    DCTERMS, FOAF, GRAPH, ID, NIF, ORG, PROV, RDF, SDO, SKOS, UK, XSD, entity_iri, fold, short_hash, slug,
)

from .extract import ArticleFacts
from .extract.model import Evidence

Triple = tuple[Node, Node, Node]


class _Terms:
    """A namespace whose terms are each made once: rdflib makes and checks a new URIRef at every access."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term


# The vocabulary terms recur in every triple; article-specific IRIs (ID, GRAPH) do not, so stay plain.
DCTERMS, FOAF, NIF, ORG, PROV, RDF, SDO, SKOS, UK, XSD = (  # type: ignore[assignment]
    _Terms(n) for n in (DCTERMS, FOAF, NIF, ORG, PROV, RDF, SDO, SKOS, UK, XSD))

_ORG_CLASS = {
    "union": UK.TradeUnion, "federation": UK.TradeUnion, "confederation": UK.TradeUnion, "bloc": UK.EmulationBloc,
    "party": UK.PartyBody, "state": UK.StateBody, "institution": UK.HostInstitution, "committee": UK.Committee,
    "department": UK.Department,
}
_RELATION_PREDICATE = {
    "sub_organization": ORG.subOrganizationOf, "membership": ORG.memberOf, "based_on": UK.basedOn,
    "union_of": UK.unionOf, "unit_of": ORG.unitOf,
}


def article_key(source: str) -> str:
    """The stable key of an article: its readable source name plus a hash of the full source."""
    return f"{slug(source)[:60]}-{short_hash(source)}"


@lru_cache(maxsize=1024)
def _rule_slug(rule: str) -> str:
    """slug() of an extraction rule name; the few rule names recur in every article."""
    return slug(rule)


def article_graph(source: str) -> URIRef:
    """The named graph that holds one article."""
    return GRAPH[f"article/{article_key(source)}"]


@lru_cache(maxsize=4096)  # names and labels recur within and across articles
def _vi(text: str) -> Literal:
    return Literal(text, lang="vi")


@lru_cache(maxsize=4096)  # sentence offsets, rule names and keys recur
def _plain(value: str | int) -> Literal:
    """Literal(value), made once per value."""
    return Literal(value)


@lru_cache(maxsize=1024)
def _date(value: str) -> Literal:
    """xsd:date, gYearMonth or gYear by the length of an ISO date."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=kind)


class _GraphBuilder:
    """Collects the triples of one article's graph."""

    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.triples: list[Triple] = []
        self.key = article_key(facts.article.source)
        self.article = ID[f"article/{self.key}"]
        self.mentions: set[URIRef] = set()

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def evidence(self, subject: URIRef, evidence: list[Evidence]) -> None:
        """Point a fact to the sentences that state it."""
        for e in evidence:
            s = self.facts.sentences[e.sentence]
            mention = ID[f"mention/{self.key}/{s.begin}-{s.end}-{_rule_slug(e.rule)}"]
            self.add(subject, UK.evidence, mention)
            if mention not in self.mentions:
                self.mentions.add(mention)
                self.add(mention, RDF.type, UK.Mention)
                self.add(mention, NIF.referenceContext, self.article)
                self.add(mention, NIF.beginIndex, _plain(s.begin))
                self.add(mention, NIF.endIndex, _plain(s.end))
                self.add(mention, NIF.anchorOf, Literal(s.text))
                self.add(mention, UK.rule, _plain(e.rule))

    def statement(self, s: URIRef, p: URIRef, o: URIRef, evidence: list[Evidence]) -> None:
        """A plain triple, and its rdf:Statement carrying the evidence."""
        self.add(s, p, o)
        node = ID[f"stmt/{short_hash(str(s), str(p), str(o))}"]
        self.add(node, RDF.type, RDF.Statement)
        self.add(node, RDF.subject, s)
        self.add(node, RDF.predicate, p)
        self.add(node, RDF.object, o)
        self.evidence(node, evidence)


def article_triples(facts: ArticleFacts) -> list[Triple]:
    """All triples of the article's named graph."""
    b = _GraphBuilder(facts)
    _article(b)
    _orgs(b)
    _persons_and_posts(b)
    _directives(b)
    _events_and_acts(b)
    _relations(b)
    return list(dict.fromkeys(b.triples))


def _article(b: _GraphBuilder) -> None:
    a = b.facts.article
    b.add(b.article, RDF.type, SDO.NewsArticle)
    b.add(b.article, DCTERMS.identifier, Literal(a.source))
    b.add(b.article, DCTERMS.title, _vi(a.title))
    b.add(b.article, DCTERMS.issued, _date(a.published.isoformat()) if a.published else None)
    b.add(b.article, DCTERMS.publisher, Literal(a.site) if a.site else None)
    b.add(b.article, SDO.url, URIRef(a.url) if a.url and a.url.startswith(("http://", "https://")) else None)
    b.add(b.article, NIF.isString, Literal(a.text))


def _orgs(b: _GraphBuilder) -> None:
    index = b.facts.orgs
    for key in sorted(index.used):
        org = index.orgs[key]
        iri = URIRef(org.iri)
        b.add(iri, RDF.type, ORG.Organization)
        b.add(iri, RDF.type, _ORG_CLASS.get(org.kind, ORG.Organization))
        b.add(iri, SKOS.prefLabel, _vi(org.name))
        for name in sorted({org.name, *org.aliases}):
            if name != org.name:
                b.add(iri, SKOS.altLabel, _vi(name))
        for k in sorted({fold(n) for n in {org.name, *org.aliases}}):
            b.add(iri, UK.nameKey, Literal(k))
        b.evidence(iri, org.evidence or [Evidence(0, "org.name")])
        host = index.orgs.get(org.host or "")
        if host is not None and org.host in index.used:
            b.statement(iri, UK.unionOf, URIRef(host.iri), org.evidence[:1] or [Evidence(0, "org.host")])


def _persons_and_posts(b: _GraphBuilder) -> None:
    f = b.facts
    observed = f.article.published.isoformat() if f.article.published else None
    for person in f.persons.values():
        iri = URIRef(person.iri)
        b.add(iri, RDF.type, FOAF.Person)
        b.add(iri, FOAF.name, Literal(person.name))
        b.add(iri, SKOS.prefLabel, _vi(person.name))
        b.add(iri, UK.nameKey, Literal(fold(person.name)))
        b.add(iri, UK.honorific, Literal(person.honorific) if person.honorific else None)
        b.evidence(iri, person.evidence)
    for post in f.posts:
        person, org = f.persons[post.person], f.orgs.orgs[post.org]
        node = ID[f"post/{short_hash(person.iri, fold(post.role), org.iri)}"]
        role = entity_iri("role", post.role)
        b.add(node, RDF.type, ORG.Membership)
        b.add(node, ORG.member, URIRef(person.iri))
        b.add(node, ORG.organization, URIRef(org.iri))
        b.add(node, ORG.role, role)
        b.add(role, RDF.type, SKOS.Concept)
        b.add(role, RDF.type, ORG.Role)
        b.add(role, SKOS.prefLabel, _vi(post.role[:1].upper() + post.role[1:]))
        b.add(role, SKOS.inScheme, UK.RoleScheme)
        b.add(node, UK.roleLabel, _vi(post.role))
        b.add(node, UK.postStatus, Literal(post.status) if post.status else None)
        b.add(node, UK.observedOn, _date(observed) if observed else None)
        b.evidence(node, post.evidence)


def _directives(b: _GraphBuilder) -> None:
    f = b.facts
    for d in f.directives.values():
        iri = URIRef(d.iri)
        b.add(iri, RDF.type, UK.Directive)
        b.add(iri, UK.symbol, Literal(d.symbol) if d.symbol else None)
        b.add(iri, UK.number, Literal(d.number) if d.number else None)
        b.add(iri, DCTERMS.type, UK[f"doctype-{d.concept}"])
        b.add(iri, UK.typeLabel, _vi(d.type_label))
        b.add(iri, DCTERMS.creator, URIRef(f.orgs.orgs[d.issuer].iri) if d.issuer else None)
        b.add(iri, DCTERMS.issued, _date(d.date) if d.date else None)
        b.add(iri, DCTERMS.title, _vi(d.title) if d.title else None)
        b.add(iri, UK.congress, Literal(d.congress) if d.congress else None)
        b.evidence(iri, d.evidence)


def _events_and_acts(b: _GraphBuilder) -> None:
    f = b.facts
    events = {e.key: e for e in f.events}
    for e in f.events:
        iri = URIRef(e.iri)
        b.add(iri, RDF.type, UK.Event)
        b.add(iri, UK.eventType, UK[f"event-{e.event_type}"])
        b.add(iri, SKOS.prefLabel, _vi(e.label) if e.label else None)
        b.add(iri, SDO.startDate, _date(e.date) if e.date else None)
        b.add(iri, SDO.organizer, URIRef(f.orgs.orgs[e.organizer].iri) if e.organizer else None)
        b.add(iri, SDO.location, Literal(e.location) if e.location else None)
        b.evidence(iri, e.evidence)
        for p in e.participants:
            person = f.persons[p.person]
            node = ID[f"part/{short_hash(e.iri, person.iri)}"]
            b.add(node, RDF.type, UK.Participation)
            b.add(node, UK.event, iri)
            b.add(node, UK.participant, URIRef(person.iri))
            b.add(node, UK.participantRole, UK[f"role-{p.role}"])
            b.evidence(node, p.evidence)
    for act in f.acts:
        actor, directive = f.orgs.orgs[act.actor], f.directives[act.directive]
        node = ID[f"act/{short_hash(actor.iri, directive.iri, act.kind, act.date or '', f.article.source)}"]
        b.add(node, RDF.type, UK.Implementation)
        b.add(node, UK.actor, URIRef(actor.iri))
        b.add(node, PROV.wasAssociatedWith, URIRef(actor.iri))
        b.add(node, UK.directive, URIRef(directive.iri))
        b.add(node, PROV.used, URIRef(directive.iri))
        b.add(node, UK.actKind, UK[f"act-{act.kind}"])
        b.add(node, UK.date, _date(act.date) if act.date else None)
        b.add(node, UK.atEvent, URIRef(events[act.event].iri) if act.event in events else None)
        b.evidence(node, act.evidence)


def _relations(b: _GraphBuilder) -> None:
    f = b.facts
    for r in f.relations:
        if r.kind == "based_on":
            s, o = f.directives.get(r.subject), f.directives.get(r.object)
        else:
            s, o = f.orgs.orgs.get(r.subject), f.orgs.orgs.get(r.object)
            if r.subject not in f.orgs.used or r.object not in f.orgs.used:
                continue
        if s is None or o is None:
            continue
        b.statement(URIRef(s.iri), _RELATION_PREDICATE[r.kind], URIRef(o.iri), r.evidence)
        if r.kind == "based_on" and f.orgs.orgs.get(o.issuer or "") and f.orgs.orgs[o.issuer].kind == "party":
            b.add(URIRef(s.iri), UK.implementsResolution, URIRef(o.iri))
