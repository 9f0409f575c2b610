"""The query library: the `queries/*.rq` files, their `#+` headers, typed parameters and resolvers.

Each file opens with a grlc-style header, YAML written in `#+` comment lines:

    #+ summary: one line
    #+ description: >
    #+   longer text, folded into one paragraph
    #+ params:
    #+   - name: directive
    #+     type: directive
    #+     required: true
    #+     example: 02-NQ/TW
    #+     description: what the value means

A parameter is the SPARQL variable of the same name. Its value is turned into one RDF term
according to its type and handed to the store as a binding, never written into the query text:
`string` (a plain literal), `folded` (the literal `fold(value)`, for `uk:nameKey` matching),
`integer`, `boolean`, `date` (xsd:date, YYYY-MM-DD), `iri` (an IRI, a CURIE such as
`uk:event-meeting`, or a bare name appended to the parameter's `prefix`), and three that are
resolved against the store: `org`, `person` (an IRI or a name, matched on `uk:nameKey`) and
`directive` (an IRI, a symbol in any spelling such as "05/CT-TW", a numbered document such as
"Chương trình hành động số 02", or a congress resolution such as "Nghị quyết Đại hội XIII của
Đảng"). An empty value counts as not given.
The header parser reads only this subset of YAML, so the project needs no YAML library.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from unionkg.errors import QueryError
from unionkg.ontology.namespaces import PREFIXES, fold
from unionkg.queries.lateral import has_lateral, sparql11_twin
from unionkg.store import Store, Term
from unionkg.store_remote import tokens

__all__ = ["Param", "LibraryQuery", "ParameterError", "names", "load", "parse_header", "bind",
           "run", "has_lateral", "columns_of", "plain", "resolve_directive", "resolve_org", "resolve_person"]

_PACKAGE = __package__ or "unionkg.queries"
TYPES = ("string", "folded", "integer", "boolean", "date", "iri", "org", "person", "directive")
Row = dict[str, Term]


class ParameterError(QueryError):
    """A query parameter that is missing, unknown, malformed or names nothing in the store."""


@dataclass(frozen=True)
class Param:
    """One declared parameter of a library query."""

    name: str
    type: str = "string"
    required: bool = False
    default: Any = None
    example: Any = None
    description: str = ""
    prefix: str | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryQuery:
    """A query of the library (or any .rq file) with its header."""

    name: str
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sparql11: str | None = None  # the same query without LATERAL, for stores that lack it

    def text_for(self, store: Store) -> str:
        """The query's text as `store` can run it: its SPARQL 1.1 form where the store lacks LATERAL."""
        return self.text if self.sparql11 is None or has_lateral(store) else self.sparql11

    def param(self, name: str) -> Param | None:
        """The declared parameter called `name`, if any."""
        return next((p for p in self.params if p.name == name), None)


# -- headers ----------------------------------------------------------------------------------

def _scalar(text: str) -> Any:
    """A YAML scalar of the header subset: "quoted", [a, b], true/false/null, or plain text."""
    text = text.strip()
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(part) for part in text[1:-1].split(",") if part.strip()]
    return {"true": True, "false": False, "null": None, "~": None}.get(text.lower(), text)


def _header_lines(text: str) -> list[str]:
    """The `#+` lines at the top of a query, without their marker."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    return lines


def parse_header(text: str) -> dict[str, Any]:
    """The header of a query as a dict; `params` is a list of dicts."""
    meta: dict[str, Any] = {}
    key, folding, item = None, False, None
    for line in _header_lines(text):
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        if not stripped:
            continue
        if indent == 0:
            key, _, value = stripped.partition(":")
            folding, item = value.strip() in (">", "|"), None
            meta[key] = "" if folding else ([] if key == "params" and not value.strip() else _scalar(value))
        elif folding:
            meta[key] = f"{meta[key]} {stripped}".strip()
        elif key == "params":
            if stripped.startswith("- "):
                item = {}
                meta["params"].append(item)
                stripped = stripped[2:]
            name, _, value = stripped.partition(":")
            if item is None:
                raise QueryError(f"bad header line {line!r}: a parameter must start with '- '")
            item[name.strip()] = _scalar(value)
    return meta


def _params(meta: Mapping[str, Any]) -> tuple[Param, ...]:
    """The declared parameters of a header."""
    params = []
    for item in meta.get("params") or []:
        kind = item.get("type", "string")
        if kind not in TYPES or "name" not in item:
            raise QueryError(f"bad parameter {item!r}: needs a name and a type among {', '.join(TYPES)}")
        params.append(Param(name=item["name"], type=kind, required=bool(item.get("required", False)),
                            default=item.get("default"), example=item.get("example"),
                            description=str(item.get("description", "")), prefix=item.get("prefix"),
                            choices=tuple(str(c) for c in item.get("choices") or ())))
    return tuple(params)


def _from_text(name: str, text: str, path: str | None = None) -> LibraryQuery:
    meta = parse_header(text)
    return LibraryQuery(name=name, text=text, summary=str(meta.get("summary", "")),
                        description=str(meta.get("description", "")), params=_params(meta), path=path,
                        meta=meta)


def names() -> list[str]:
    """The names of the library's queries, sorted."""
    return sorted(f.name[:-3] for f in resources.files(_PACKAGE).iterdir() if f.name.endswith(".rq"))


@lru_cache(maxsize=None)
def _library_query(name: str) -> LibraryQuery:
    resource = resources.files(_PACKAGE).joinpath(f"{name}.rq")
    query = _from_text(name, resource.read_text(encoding="utf-8"), str(resource))
    twin = sparql11_twin(name)
    return replace(query, sparql11=twin) if twin is not None else query


def load(name_or_path: str) -> LibraryQuery:
    """A library query by name, or any .rq file by path."""
    if re.fullmatch(r"\w+", name_or_path) and name_or_path in names():
        return _library_query(name_or_path)
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return _from_text(path.stem, path.read_text(encoding="utf-8"), str(path))
    raise QueryError(f"no query named {name_or_path!r} (see `unionkg queries`) and no such .rq file")


# -- parameter values -------------------------------------------------------------------------

def _iri(text: str, prefix: str | None = None) -> URIRef:
    """An IRI from <iri>, a full IRI, a CURIE of our prefixes, or a name after `prefix`."""
    text = text.strip().removeprefix("<").removesuffix(">")
    head, colon, tail = text.partition(":")
    if colon and head in PREFIXES and not tail.startswith("//"):
        text = PREFIXES[head] + tail
    elif prefix and not re.match(r"[a-z][a-z0-9+.-]*:", text):
        text = prefix + text
    if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\"{}|^`\\\s]*", text):
        raise ParameterError(f"not an IRI: {text[:200]!r}")
    return URIRef(text)


def _looks_like_iri(text: str) -> bool:
    return bool(re.match(r"<?(?:https?://|urn:|id:)", text.strip()))


def _date(text: str) -> Literal:
    try:
        return Literal(dt.date.fromisoformat(text.strip()).isoformat(), datatype=XSD.date)
    except ValueError:
        raise ParameterError(f"not a date (YYYY-MM-DD): {text[:100]!r}") from None


def _boolean(text: str) -> Literal:
    value = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(text.strip().lower())
    if value is None:
        raise ParameterError(f"not a boolean (true or false): {text[:100]!r}")
    return Literal(value)


def _integer(text: str) -> Literal:
    try:
        return Literal(int(text.strip()))
    except ValueError:
        raise ParameterError(f"not an integer: {text[:100]!r}") from None


def _folded(text: str) -> Literal:
    key = fold(text)
    if not key:
        raise ParameterError(f"nothing to search for in {text[:100]!r}: no letters or digits")
    return Literal(key)


def term_for(store: Store, param: Param, value: Any) -> Term:
    """The RDF term of one parameter value, resolved against the store where the type says so."""
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if param.choices and text not in param.choices:
        raise ParameterError(f"{param.name} must be one of {', '.join(param.choices)}, not {text[:100]!r}")
    converters = {"string": Literal, "folded": _folded, "integer": _integer, "boolean": _boolean,
                  "date": _date, "iri": lambda t: _iri(t, param.prefix),
                  "org": lambda t: resolve_org(store, t), "person": lambda t: resolve_person(store, t),
                  "directive": lambda t: resolve_directive(store, t)}
    return converters[param.type](text)


def bind(store: Store, query: LibraryQuery, values: Mapping[str, Any]) -> dict[str, Term]:
    """The bindings of a query for the given values plus the declared defaults."""
    if not query.params and not query.meta:  # a file without a header: <iri> or plain text
        return {name: (_iri(str(v)) if str(v).startswith("<") else Literal(str(v))) for name, v in values.items()
                if v is not None}
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        raise ParameterError(f"{query.name} has no parameter {', '.join(unknown)}; "
                             f"it takes {', '.join(p.name for p in query.params) or 'none'}")
    bindings = {}
    for param in query.params:
        value = values.get(param.name)
        if value is None or value == "":
            value = param.default
        if value is None:
            if param.required:
                raise ParameterError(f"{query.name} needs --param {param.name}=... (e.g. {param.example})")
            continue
        bindings[param.name] = term_for(store, param, value)
    return bindings


def run(store: Store, name_or_path: str | LibraryQuery, params: Mapping[str, Any] | None = None) -> list[Row]:
    """The rows of a library query (or .rq file) for the given parameter values."""
    query = name_or_path if isinstance(name_or_path, LibraryQuery) else load(name_or_path)
    bindings = bind(store, query, params or {})
    if query is _library_query("search"):  # the library's own search: the index answers when in step
        from unionkg.search_index import library_rows
        rows = library_rows(store, bindings["q"], bindings.get("kind"))
        if rows is not None:
            return rows
    return store.select(query.text_for(store), bindings)


def columns_of(query: str, rows: Sequence[Mapping[str, Any]] = ()) -> list[str]:
    """The projected variables of a SELECT query, in order (for SELECT *: those of the rows)."""
    found = tokens(query)
    start = next((i for i, t in enumerate(found) if t.kind == "word" and t.text.upper() == "SELECT"), None)
    columns: list[str] = []
    depth = 0
    for i, token in enumerate(found[start + 1:] if start is not None else [], start=(start or 0) + 1):
        if token.text == "{" or (depth == 0 and token.kind == "word" and token.text.upper() == "WHERE"):
            break
        depth += {"(": 1, ")": -1}.get(token.text, 0)
        after_as = found[i - 1].kind == "word" and found[i - 1].text.upper() == "AS"
        if token.kind == "var" and (depth == 0 or after_as):
            columns.append(token.text[1:])
        if token.text == "*" and depth == 0:
            columns = list(dict.fromkeys(k for row in rows for k in row))
    return columns


def plain(rows: Sequence[Mapping[str, Term]]) -> list[dict[str, Any]]:
    """Rows with Python values: IRIs and strings as str, numbers, booleans, xsd:date as dates."""
    return [{name: _python(term) for name, term in row.items()} for row in rows]


_NUMBERS = {str(XSD.integer): int, str(XSD.int): int, str(XSD.long): int, str(XSD.decimal): float,
            str(XSD.double): float, str(XSD.float): float}


def _python(term: Term) -> Any:
    if isinstance(term, Literal) and term.datatype is not None:
        datatype = str(term.datatype)
        try:
            if datatype in _NUMBERS:
                return _NUMBERS[datatype](str(term))
            if datatype == str(XSD.boolean):
                return str(term) in ("true", "1")
            if datatype == str(XSD.date):
                return dt.date.fromisoformat(str(term))
        except ValueError:
            pass
    return str(term)


# -- resolvers --------------------------------------------------------------------------------

_SYMBOL = re.compile(r"(?P<num>\d{1,4}[a-z]?)(?:/(?P<year>(?:19|20)\d\d))?\s*[-/]\s*(?P<code>[^\W\d_]{1,4})"
                     r"\s*[-/]\s*(?P<issuer>[^\W\d_]{1,8})\b")
_NUMBERED = re.compile(r"(?P<type>[a-z]+(?: [a-z]+)*?) (?:so )?(?P<num>\d{1,4})\b(?P<rest>.*)")
_CONGRESS = re.compile(r"\bdai hoi\b.*?\b(?P<ord>[ivxlc]+)\b(?P<rest>.*)")
_FILLER = re.compile(r"^(?:(?:cua|nhiem ky|khoa|lan thu|dai bieu|toan quoc|ve)\b\s*|\d+\s*)*")


def _symbol_key(text: str) -> tuple[str, ...] | None:
    """(number, year, type code, issuer code) of a document symbol, whatever its spelling."""
    m = _SYMBOL.search(text)
    if m is None:
        return None
    return (m["num"].lstrip("0") or "0", m["year"] or "", fold(m["code"]), fold(m["issuer"]))


def _described(rows: Sequence[Row]) -> str:
    return "; ".join(f"{row.get('name', '?')} ({row.get('issuerLabel', 'issuer unknown')}) <{row['directive']}>"
                     for row in rows[:5])


def _one(rows: list[Row], text: str, noun: str = "directive") -> URIRef:
    """The only candidate, else a clear error."""
    key = "directive" if noun == "directive" else "entity"
    unique = list({str(row[key]): row for row in rows}.values())
    if not unique:
        raise ParameterError(f"no {noun} in the store matches {text[:200]!r}")
    if len(unique) > 1:
        shown = _described(unique) if key == "directive" else "; ".join(
            f"{row.get('label', '?')} <{row['entity']}>" for row in unique[:5])
        raise ParameterError(f"{text[:200]!r} matches {len(unique)} {noun}s, give one of them: {shown}")
    return URIRef(str(unique[0][key]))


def _issued_by(store: Store, rows: list[Row], rest: str) -> list[Row]:
    """The candidates whose issuer is named in `rest` (all of them when it names nobody)."""
    rest = _FILLER.sub("", rest.strip()).strip()
    if not rest:
        return rows
    issuers = {str(r["entity"]) for r in run(store, "search", {"q": rest, "kind": "organization"})
               if int(r["rank"]) <= 1}
    return [row for row in rows if str(row.get("issuer", "")) in issuers]


def resolve_directive(store: Store, text: str) -> URIRef:
    """The IRI of the directive a user names: an IRI, a symbol, "Chương trình số 02", a congress resolution."""
    if _looks_like_iri(text):
        return _iri(text)
    symbol = _symbol_key(text)
    if symbol is not None:
        rows = run(store, "directives", {"num": symbol[0]})
        return _one([r for r in rows if "symbol" in r and _symbol_key(str(r["symbol"])) == symbol], text)
    folded = fold(text)
    numbered = _NUMBERED.search(folded)
    if numbered is not None:
        kind = numbered["type"]
        rows = [r for r in run(store, "directives", {"num": numbered["num"]})
                if fold(str(r.get("typeLabel", ""))) and
                (kind.startswith(fold(str(r["typeLabel"]))) or fold(str(r["typeLabel"])).startswith(kind))]
        return _one(_issued_by(store, rows, numbered["rest"]), text)
    congress = _CONGRESS.search(folded)
    if congress is not None:
        rows = [r for r in run(store, "directives") if str(r.get("congress", "")).lower() == congress["ord"]]
        return _one(_issued_by(store, rows, congress["rest"]), text)
    raise ParameterError(f"cannot read {text[:200]!r} as a directive: give a symbol (02-NQ/TW), a numbered "
                         "document (Chương trình hành động số 02), a congress resolution or an IRI")


def _resolve_named(store: Store, text: str, kind: str) -> URIRef:
    """An organisation or person by IRI or name: the one whose name key is the folded text, else starts with it."""
    if _looks_like_iri(text):
        return _iri(text)
    rows = run(store, "search", {"q": text, "kind": kind})
    exact = [r for r in rows if int(r["rank"]) == 0]
    return _one(exact or [r for r in rows if int(r["rank"]) == 1], text, kind)


def resolve_org(store: Store, text: str) -> URIRef:
    """The IRI of the organisation a user names."""
    return _resolve_named(store, text, "organization")


def resolve_person(store: Store, text: str) -> URIRef:
    """The IRI of the person a user names."""
    return _resolve_named(store, text, "person")
