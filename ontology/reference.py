"""The ontology, the SHACL shapes and the curated reference of the top of the union hierarchy.

The files ship inside the package `unionkg.ontology`: `unionkg.ttl` (OWL + SKOS schemes),
`shapes.ttl` (SHACL) and `reference/*.ttl` (Party and State bodies, the confederation, the central
sector unions and the provincial federations). Every graph is parsed once and cached; callers get
the cached object, so they must copy it (``Graph() + g``) before changing it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from .namespaces import PREFIXES, UK, fold

__all__ = [
    "ReferenceOrg", "reference_graph", "reference_orgs", "alias_index", "ambiguous_aliases",
    "ontology_graph", "shapes_graph", "reference_files",
]

# The uk: classes a reference organisation may have, most specific first; `kind` is the local name.
_KINDS = ("Department", "Committee", "EmulationBloc", "HostInstitution", "PartyBody", "StateBody", "TradeUnion")


@dataclass(frozen=True)
class ReferenceOrg:
    """One curated organisation: IRIs are full strings, `kind` the local name of its uk: class."""

    iri: str
    name: str                       # skos:prefLabel @vi, the canonical name
    aliases: tuple[str, ...]        # every skos:altLabel (any language) and the English name, sorted
    en_name: str | None             # skos:prefLabel @en
    kind: str                       # "TradeUnion", "PartyBody", "StateBody", "Department", "Committee", ...
    level: str | None               # IRI of its uk:level concept, when it has one
    parent: str | None              # IRI of its org:subOrganizationOf parent, when it has one


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def _package_files():
    return resources.files(__package__)


def reference_files() -> list[str]:
    """Names of the reference Turtle files, sorted (e.g. "reference/provinces.ttl")."""
    folder = _package_files().joinpath("reference")
    return sorted(f"reference/{f.name}" for f in folder.iterdir() if f.name.endswith(".ttl"))


def _parse(*names: str) -> Graph:
    g = _new_graph()
    root = _package_files()
    for name in names:
        g.parse(data=root.joinpath(name).read_text(encoding="utf-8"), format="turtle",
                publicID=f"https://w3id.org/unionkg/ontology/{name}")
    return g


@functools.cache
def ontology_graph() -> Graph:
    """The ontology (classes, properties, concept schemes) from unionkg.ttl."""
    return _parse("unionkg.ttl")


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes from shapes.ttl."""
    return _parse("shapes.ttl")


@functools.cache
def reference_graph() -> Graph:
    """All reference files in one graph: the content of the named graph ukg:reference."""
    return _parse(*reference_files())


def _one(g: Graph, s: URIRef, p: URIRef, lang: str | None) -> str | None:
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return values[0] if values else None


@functools.cache
def _reference_orgs() -> tuple[ReferenceOrg, ...]:
    g = reference_graph()
    orgs = []
    for s in sorted(set(g.subjects(RDF.type, ORG.Organization))):
        types = set(g.objects(s, RDF.type))
        kind = next((k for k in _KINDS if UK[k] in types), "Organization")
        name = _one(g, s, SKOS.prefLabel, "vi")
        if name is None:
            raise ValueError(f"reference organisation {s} has no skos:prefLabel@vi")
        en_name = _one(g, s, SKOS.prefLabel, "en")
        aliases = {str(o) for o in g.objects(s, SKOS.altLabel)}
        if en_name:
            aliases.add(en_name)
        aliases.discard(name)
        level = g.value(s, UK.level)
        parent = g.value(s, ORG.subOrganizationOf)
        orgs.append(ReferenceOrg(
            iri=str(s), name=name, aliases=tuple(sorted(aliases)), en_name=en_name, kind=kind,
            level=str(level) if level is not None else None,
            parent=str(parent) if parent is not None else None,
        ))
    return tuple(orgs)


def reference_orgs() -> list[ReferenceOrg]:
    """Every organisation of the reference graph, ordered by IRI."""
    return list(_reference_orgs())


@functools.cache
def _index() -> tuple[dict[str, ReferenceOrg], dict[str, tuple[str, ...]]]:
    owners: dict[str, dict[str, ReferenceOrg]] = {}
    for org in _reference_orgs():
        for label in (org.name, *org.aliases):
            key = fold(label)
            if key:
                owners.setdefault(key, {})[org.iri] = org
    index = {k: next(iter(v.values())) for k, v in owners.items() if len(v) == 1}
    ambiguous = {k: tuple(sorted(v)) for k, v in owners.items() if len(v) > 1}
    return index, ambiguous


def alias_index() -> dict[str, ReferenceOrg]:
    """fold(label) -> organisation, for every pref and alt label (both languages) of the reference.
    A key that two organisations share is left out (see `ambiguous_aliases`). Returns a fresh dict."""
    return dict(_index()[0])


def ambiguous_aliases() -> dict[str, tuple[str, ...]]:
    """Folded labels that more than one reference organisation carries -> their IRIs."""
    return dict(_index()[1])
