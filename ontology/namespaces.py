"""The one namespace module: our ontology, our IRIs, and the W3C vocabularies we reuse."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

__all__ = [
    "UK", "ID", "GRAPH", "NIF", "ORG", "PROV", "SKOS", "DCTERMS", "TIME", "FOAF", "SDO",
    "RDF", "RDFS", "XSD", "OWL", "PREFIXES", "fold", "tone_key", "slug", "short_hash", "entity_iri",
    "REFERENCE_GRAPH",
]

UK = Namespace("https://w3id.org/unionkg/ont#")
ID = Namespace("https://w3id.org/unionkg/id/")
GRAPH = Namespace("https://w3id.org/unionkg/graph/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

REFERENCE_GRAPH = GRAPH["reference"]

PREFIXES: dict[str, str] = {
    "uk": str(UK), "id": str(ID), "ukg": str(GRAPH), "nif": str(NIF),
    "org": str(ORG), "prov": str(PROV), "skos": str(SKOS), "dcterms": str(DCTERMS),
    "time": str(TIME), "foaf": str(FOAF), "schema": str(SDO), "rdf": str(RDF),
    "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
}

# Vowel marks are dropped with the tone marks, so "hoà"/"hòa" and "Uỷ"/"Ủy" share a key.
_PUNCT = re.compile(r"[^0-9a-z]+")


class _FoldTable(dict):
    """str.translate table, filled on first sight of each character: its letters without marks,
    lower case ("Ộ" -> "o", "Đ" -> "d", a combining mark -> "")."""

    def __missing__(self, code: int) -> str:
        bare = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if unicodedata.category(c) != "Mn")
        self[code] = bare.replace("đ", "d").replace("Đ", "D").lower()
        return self[code]


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive matching key ("Công đoàn" -> "cong doan")."""
    return _PUNCT.sub(" ", text.replace("&", " và ").translate(_FOLD_TABLE)).strip()


# Old-style tone placement ("hoà", "uỷ") and its new-style form ("hòa", "ủy"): the tone mark moves
# from the second vowel of oa/oe/uy to the first. Keys keep the tones, so "Đài" and "Đại" differ.
_OLD_TONES = {
    f"{a}{t}": f"{b}{c}"
    for a, b, marks in (("o", "o", "aăe"), ("u", "u", "y"))
    for c in marks
    for t in (unicodedata.normalize("NFC", c + m) for m in "\u0300\u0301\u0309\u0303\u0323")
    for b in (unicodedata.normalize("NFC", a + m) for m in "\u0300\u0301\u0309\u0303\u0323")
    if t != c and unicodedata.normalize("NFD", t)[1:] == unicodedata.normalize("NFD", b)[1:]
}
_OLD_TONE_RE = re.compile("|".join(sorted(_OLD_TONES, key=len, reverse=True)))


def tone_key(text: str) -> str:
    """Case- and tone-placement-insensitive key that keeps the diacritics ("Uỷ" and "ủy" -> "ủy")."""
    text = unicodedata.normalize("NFC", text).lower()
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group()], text)


def slug(text: str) -> str:
    """An IRI-safe, readable path segment from any name."""
    return fold(text).replace(" ", "-") or "x"


def short_hash(*parts: str) -> str:
    """A short, stable hash of the parts, for IRIs that need a tie-breaker."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def entity_iri(kind: str, *key_parts: str) -> URIRef:
    """The deterministic IRI of an entity of `kind` (org, person, directive, ...) from its key."""
    return ID[f"{kind}/{'-'.join(slug(p) for p in key_parts if p)}"]
