"""The parameters the scale benchmark binds: for each query the busiest entity of the store (its
worst case), and for the queries with targets also a sample of ordinary ones (`<name>@typical`).

A hub such as the confederation or 02-NQ/TW is stated by a large share of the articles, so a query
about it reads a large share of the store; the sample shows what a query about any other entity
costs. It is every n-th of the entities that have an answer, by IRI, so it is the same in every run.
"""
from __future__ import annotations

from report import ROOT_ORG, SEARCH_TEXT, SYMBOL

SAMPLE = 12  # entities in each typical sample
PREFIXES = ("PREFIX org: <http://www.w3.org/ns/org#>\n"
            "PREFIX uk: <https://w3id.org/unionkg/ont#>\n")
# The entities a typical sample is drawn from: those the query has rows for.
CANDIDATES = {
    "directive_trace": ("directive", "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?act uk:directive ?e } } ORDER BY ?e"),
    "officials": ("org", "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?post org:organization ?e } } ORDER BY ?e"),
    "org_subtree": ("org", "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?child org:subOrganizationOf ?e } } ORDER BY ?e"),
    "person_career": ("person", "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?post org:member ?e } } ORDER BY ?e"),
}
TYPICAL = tuple(CANDIDATES)


def pick_parameters(store, names: list[str]) -> dict[str, dict | list[dict]]:
    """Bindings (RDF terms, defaults included) for each timed query; a list of them for a typical sample."""
    from unionkg.queries import library
    hubs, typical = pick_values(store), pick_typical(store)
    out: dict[str, dict | list[dict]] = {}
    for name in names:
        base = name.replace("_sparql", "").split("@")[0]
        query = library.load(base)
        if name.endswith("@typical"):
            out[name] = [library.bind(store, query, values) for values in typical[base]]
        else:
            out[name] = library.bind(store, query, hubs.get(name, {}))
    return out


def pick_typical(store) -> dict[str, list[dict]]:
    """For each query of TYPICAL, SAMPLE parameter values spread evenly over the entities it has rows for."""
    out = {}
    for name, (param, query) in CANDIDATES.items():
        found = [row["e"] for row in store.select(PREFIXES + query)]
        step = max(1, len(found) // SAMPLE)
        out[name] = [{param: entity} for entity in found[step // 2::step][:SAMPLE]]
    return out


def pick_values(store) -> dict[str, dict]:
    """The hub values of each query: the busiest entities (worst cases), or text."""
    from unionkg.queries import library
    prefix = "PREFIX org: <http://www.w3.org/ns/org#>\n"
    # A company union two levels down where there is one. The units come DISTINCT with the second
    # level as an EXISTS: joined directly, every article restating a link multiplied the rows (this
    # query alone did not finish in five minutes at 10M triples).
    deep = store.select(prefix + "PREFIX uk: <https://w3id.org/unionkg/ont#>\n"
                        "SELECT ?c WHERE { { SELECT DISTINCT ?c WHERE { ?c org:subOrganizationOf ?p "
                        "FILTER EXISTS { ?p org:subOrganizationOf ?q } } } "
                        "OPTIONAL { ?c uk:nameKey ?k FILTER(STRSTARTS(?k, \"cong doan cong ty\")) } } "
                        "ORDER BY (!BOUND(?k)) ?c LIMIT 1")
    busy = store.select(prefix + "SELECT ?o (COUNT(?m) AS ?n) WHERE { ?m org:organization ?o } "
                                 "GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1")
    person = store.select(prefix + "SELECT ?p (COUNT(?m) AS ?n) WHERE { ?m org:member ?p } "
                                   "GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")
    directive = library.resolve_directive(store, SYMBOL)
    root = library.resolve_org(store, ROOT_ORG)
    return {"directive_trace": {"directive": directive}, "directive": {"directive": directive},
            "directive_coverage": {"directive": directive, "org": root},
            "org_ancestors": {"org": deep[0]["c"]} if deep else {},
            "officials": {"org": busy[0]["o"]} if busy else {}, "org_subtree": {"org": root},
            "person_career": {"person": person[0]["p"]} if person else {},
            "search": {"q": SEARCH_TEXT}, "search_sparql": {"q": SEARCH_TEXT}}
