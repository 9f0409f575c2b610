"""The curated reference of the top of the hierarchy (ontology/reference/*.ttl) and its Python view."""
from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from unionkg.ontology.namespaces import UK, entity_iri, fold
from unionkg.ontology.reference import (
    ReferenceOrg, alias_index, ambiguous_aliases, reference_files, reference_graph, reference_orgs,
)

TLD = str(entity_iri("org", "Tổng Liên đoàn Lao động Việt Nam"))
PROVINCIAL = str(UK["level-provincial"])
SECTOR = str(UK["level-sector"])


@pytest.fixture(scope="module")
def ref():
    return reference_graph()


@pytest.fixture(scope="module")
def orgs() -> list[ReferenceOrg]:
    return reference_orgs()


def _org_iris(ref) -> set:
    return set(ref.subjects(RDF.type, ORG.Organization))


def test_files(ref):
    assert reference_files() == ["reference/confederation.ttl", "reference/party_state.ttl",
                                 "reference/provinces.ttl", "reference/sectors.ttl"]
    assert len(_org_iris(ref)) > 90


def test_only_organisations_are_described(ref):
    # the reference describes organisations and nothing else (no stray subjects from a typo)
    assert {s for s in ref.subjects() if isinstance(s, URIRef)} == _org_iris(ref)


def test_iris_are_entity_iris_of_the_vietnamese_name(ref):
    for s in _org_iris(ref):
        vi = [o for o in ref.objects(s, SKOS.prefLabel) if o.language == "vi"]
        en = [o for o in ref.objects(s, SKOS.prefLabel) if o.language == "en"]
        assert len(vi) == 1 and len(en) == 1, s
        assert s == entity_iri("org", str(vi[0])), s


def test_each_org_has_one_uk_class(ref):
    for s in _org_iris(ref):
        kinds = [t for t in ref.objects(s, RDF.type) if t != ORG.Organization]
        assert len(kinds) == 1 and kinds[0] in {UK.TradeUnion, UK.PartyBody, UK.StateBody, UK.Department,
                                                UK.Committee}, (s, kinds)


def test_name_keys_are_the_folded_labels(ref):
    for s in _org_iris(ref):
        labels = [o for p in (SKOS.prefLabel, SKOS.altLabel) for o in ref.objects(s, p)]
        keys = {str(o) for o in ref.objects(s, UK.nameKey)}
        assert keys == {fold(str(l)) for l in labels}, s
        assert all(isinstance(o, Literal) and o.language in ("vi", "en") for o in labels), s


def test_parents_are_reference_orgs_and_there_is_no_cycle(orgs):
    by_iri = {o.iri: o for o in orgs}
    for org in orgs:
        seen = {org.iri}
        parent = org.parent
        while parent is not None:
            assert parent in by_iri, f"{org.iri}: parent {parent} is not in the reference"
            assert parent not in seen, f"cycle through {parent}"
            seen.add(parent)
            parent = by_iri[parent].parent
    roots = sorted(o.name for o in orgs if o.parent is None)
    assert roots == ["Nhà nước", "Tổng Liên đoàn Lao động Việt Nam", "Đảng Cộng sản Việt Nam"]


def test_confederation(orgs):
    tld = next(o for o in orgs if o.iri == TLD)
    assert tld.kind == "TradeUnion" and tld.level == str(UK["level-confederation"]) and tld.parent is None
    assert tld.en_name == "Vietnam General Confederation of Labour"
    units = [o for o in orgs if o.parent == TLD and o.kind in ("Department", "Committee")]
    names = {o.name for o in units}
    for head in ("Văn phòng", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Chính sách - Pháp luật", "Ban Quan hệ lao động",
                 "Ban Tài chính", "Ban Nữ công", "Ủy ban Kiểm tra"):
        assert f"{head} Tổng Liên đoàn Lao động Việt Nam" in names, head


def test_provincial_federations(ref, orgs):
    provincial = [o for o in orgs if o.level == PROVINCIAL]
    assert len(provincial) == 64                   # 63 before 2025, plus Huế as a city from 2025
    for o in provincial:
        assert o.parent == TLD, o.iri
        assert o.kind == "TradeUnion"
        assert o.name.startswith(("Liên đoàn Lao động tỉnh ", "Liên đoàn Lao động thành phố ",
                                  "Liên đoàn Lao động Thành phố ")), o.name
    replaced = {str(s): str(t) for s, t in ref.subject_objects(DCTERMS.isReplacedBy)}
    current = [o for o in provincial if o.iri not in replaced]
    assert len(current) == 34                      # the provinces and cities after 1 July 2025
    provincial_iris = {o.iri for o in provincial}
    for old, new in replaced.items():
        if old in provincial_iris:
            assert new in provincial_iris and new not in replaced, (old, new)


def test_sector_unions(orgs):
    sectors = {o.name: o for o in orgs if o.level == SECTOR}
    assert len(sectors) >= 15
    assert all(o.parent == TLD and o.kind == "TradeUnion" for o in sectors.values())
    assert sectors["Công đoàn Viên chức Việt Nam"].en_name == "Vietnam Public Sector Union"
    assert "Công đoàn Than – Khoáng sản Việt Nam" in sectors["Công đoàn Than - Khoáng sản Việt Nam"].aliases


@pytest.mark.parametrize("alias, name", [
    ("CĐVCVN", "Công đoàn Viên chức Việt Nam"),
    ("Tổng LĐLĐ Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    ("TLĐ", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Công đoàn Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Công đoàn TKV", "Công đoàn Than - Khoáng sản Việt Nam"),
    ("Công đoàn Than – Khoáng sản Việt Nam", "Công đoàn Than - Khoáng sản Việt Nam"),
    ("LĐLĐ tỉnh Nghệ An", "Liên đoàn Lao động tỉnh Nghệ An"),
    ("LĐLĐ Nghệ An", "Liên đoàn Lao động tỉnh Nghệ An"),
    ("Liên đoàn Lao động Nghệ An", "Liên đoàn Lao động tỉnh Nghệ An"),
    ("LĐLĐ TP.HCM", "Liên đoàn Lao động Thành phố Hồ Chí Minh"),
    ("LĐLĐ Hà Nội", "Liên đoàn Lao động thành phố Hà Nội"),
    ("Liên đoàn Lao động tỉnh Khánh Hoà", "Liên đoàn Lao động tỉnh Khánh Hòa"),   # old tone placement
    ("LĐLĐ tỉnh Bà Rịa – Vũng Tàu", "Liên đoàn Lao động tỉnh Bà Rịa - Vũng Tàu"),
    ("Bộ Chính trị Ban Chấp hành Trung ương Đảng", "Bộ Chính trị"),
    ("Đảng", "Đảng Cộng sản Việt Nam"),
    ("Nhà nước Việt Nam", "Nhà nước"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("Công đoàn Bưu điện Việt Nam", "Công đoàn Thông tin và Truyền thông Việt Nam"),
    ("Ban Tổ chức Tổng Liên đoàn", "Ban Tổ chức Tổng Liên đoàn Lao động Việt Nam"),
    ("VGCL", "Tổng Liên đoàn Lao động Việt Nam"),
])
def test_alias_index_resolves(alias, name):
    org = alias_index()[fold(alias)]
    assert org.name == name
    assert org.iri == str(entity_iri("org", name))


@pytest.mark.parametrize("generic", ["Ban Tổ chức", "Văn phòng", "Công đoàn", "Liên đoàn Lao động", "Ban Chấp hành",
                                     "Ủy ban Kiểm tra", "Công đoàn Viên chức", "LĐLĐ tỉnh"])
def test_generic_heads_are_not_aliases(generic):
    # a bare head names a unit of any body; resolving it to the confederation's unit would be wrong
    assert fold(generic) not in alias_index()


def test_no_alias_maps_to_two_orgs_silently(orgs):
    owners: dict[str, set[str]] = {}
    for o in orgs:
        for label in (o.name, *o.aliases):
            owners.setdefault(fold(label), set()).add(o.iri)
    shared = {k: tuple(sorted(v)) for k, v in owners.items() if len(v) > 1}
    assert ambiguous_aliases() == shared
    assert shared == {}                            # no label of the curated reference is shared today
    index = alias_index()
    assert set(index) == set(owners) - set(shared)
    for key, org in index.items():
        assert owners[key] == {org.iri}


def test_alias_index_is_a_fresh_copy():
    first = alias_index()
    first.clear()
    assert alias_index()


def test_reference_orgs_fields(orgs):
    assert len({o.iri for o in orgs}) == len(orgs)
    counts = Counter(o.kind for o in orgs)
    assert counts["PartyBody"] >= 4 and counts["StateBody"] >= 6 and counts["Department"] >= 8
    for o in orgs:
        assert o.name not in o.aliases
        assert o.en_name in o.aliases          # the English name is an alias too
        assert list(o.aliases) == sorted(o.aliases)


def test_reference_graph_conforms_to_the_shapes(ref):
    from unionkg.validate import validate_graph
    result = validate_graph(ref)
    assert result.conforms, result.report_text
