"""The search index: folded names in SQLite FTS5 (trigram) beside the embedded store, so search does not scan.

`queries/search.rq` finds entities whose folded name contains the folded text; over SPARQL that
scans every key, so its cost grows with the graph. This index holds, per named graph, the same
keys (uk:nameKey, and the directive texts the query folds itself) and what the query reports
about each entity (its kind and label candidates), so a substring lookup is a trigram index
lookup, then a few rows per hit.

It is kept in step by `EmbeddedStore.replace_graphs` and `drop_graph`, in the same batches:
`dirty` is set before the store is written and cleared with the new rows in one SQLite
transaction, so a crash in between leaves the index marked stale. A stale or missing index
(or one whose graph count differs from the store's) is never used: search falls back to
SPARQL until `rebuild` (run by `unionkg ingest`, or `python -m unionkg.search_index --store DIR`).
"""
from __future__ import annotations

import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from .ontology.namespaces import DCTERMS, FOAF, ORG, RDF, SKOS, UK

VERSION = "1"
RECHECK = 5.0  # seconds between checks of a stale index by a reader
_KINDS = {ORG.Organization: 0, FOAF.Person: 1, UK.Directive: 2}  # by precedence, as in search.rq
KIND_NAMES = ("organization", "person", "directive")
_LABEL_PREDICATES = {SKOS.prefLabel, FOAF.name}
_DIRECTIVE_PREDICATES = {UK.symbol, DCTERMS.title, UK.typeLabel, UK.number, UK.congress}
PREDICATES = {UK.nameKey, RDF.type, *_LABEL_PREDICATES, *_DIRECTIVE_PREDICATES}  # all the index reads

# search.rq's own fold of directive texts (LCASE, Vietnamese vowels without marks, đ as d,
# anything else as one space), which differs from fold() on "&" and non-Vietnamese marks.
_VOWELS = {"a": "àáảãạăằắẳẵặâầấẩẫậ", "e": "èéẻẽẹêềếểễệ", "i": "ìíỉĩị", "o": "òóỏõọôồốổỗộơờớởỡợ",
           "u": "ùúủũụưừứửữự", "y": "ỳýỷỹỵ", "d": "đ"}
_SPARQL_FOLD = str.maketrans({c: base for base, marked in _VOWELS.items() for c in marked})
_NOT_KEY = re.compile(r"[^0-9a-z]+")


def sparql_fold(text: str) -> str:
    """The key search.rq computes for a directive text."""
    return _NOT_KEY.sub(" ", text.lower().translate(_SPARQL_FOLD)).strip(" ")


@dataclass
class IndexRows:
    """What one named graph adds to the index: (entity, key, is uk:nameKey) and (entity, kind, label)."""

    keys: list[tuple[str, str, int]] = field(default_factory=list)
    facts: list[tuple[str, int | None, str | None]] = field(default_factory=list)


# The same terms as plain text: the index reads every triple of an article, and rdflib's own
# equality (called on every hit of a set of its terms) is slow there.
_DIRECTIVE_PREDICATE_TEXTS = frozenset(str(p) for p in _DIRECTIVE_PREDICATES)
_P = {name: str(term) for name, term in {
    "nameKey": UK.nameKey, "type": RDF.type, "prefLabel": SKOS.prefLabel, "name": FOAF.name, "symbol": UK.symbol,
    "title": DCTERMS.title, "typeLabel": UK.typeLabel, "number": UK.number, "congress": UK.congress}.items()}
_PREDICATE_TEXTS = frozenset(str(p) for p in PREDICATES)
_KIND_TEXTS = {str(cls): kind for cls, kind in _KINDS.items()}
_DIRECTIVE_TEXT = str(UK.Directive)


def index_rows(triples: Iterable[tuple]) -> IndexRows:
    """The index rows of one named graph's triples (rdflib terms)."""
    by_subject: dict[str, dict[str, list]] = {}
    for s, p, o in triples:
        predicate = str(p)
        if predicate in _PREDICATE_TEXTS and isinstance(s, URIRef):
            by_subject.setdefault(str(s), {}).setdefault(predicate, []).append(o)
    rows = IndexRows()
    for entity, props in by_subject.items():
        rows.keys += [(entity, str(k), 1) for k in props.get(_P["nameKey"], ())]
        types = [str(t) for t in props.get(_P["type"], ())]
        for kind in {_KIND_TEXTS[t] for t in types if t in _KIND_TEXTS}:
            rows.facts.append((entity, kind, None))
        labels = {str(o) for o in props.get(_P["prefLabel"], ()) if _is_vi(o)}
        labels |= {str(o) for o in props.get(_P["name"], ())}
        is_directive = _DIRECTIVE_TEXT in types
        texts = _directive_texts(props, is_directive)
        rows.keys += [(entity, key, 0) for key in sorted({sparql_fold(t) for t in texts})]
        if is_directive:
            labels |= _directive_labels(entity, props)
        rows.facts += [(entity, None, label) for label in sorted(labels)]
    return rows


def _is_vi(term: object) -> bool:
    lang = (getattr(term, "language", None) or "").lower()
    return lang == "vi" or lang.startswith("vi-")


def _directive_texts(props: Mapping[str, list], is_directive: bool) -> list[str]:
    """The directive texts search.rq folds: symbol, title (of a directive), type with number or congress."""
    if not (props.keys() & _DIRECTIVE_PREDICATE_TEXTS):
        return []
    types = [str(t) for t in props.get(_P["typeLabel"], ())]
    texts = [str(o) for o in props.get(_P["symbol"], ())]
    texts += [str(o) for o in props.get(_P["title"], ())] if is_directive else []
    texts += [f"{t} số {n}" for t in types for n in props.get(_P["number"], ())]
    texts += [f"{t} Đại hội {c}" for t in types for c in props.get(_P["congress"], ())]
    return texts


def _directive_labels(entity: str, props: Mapping[str, list]) -> set[str]:
    """search.rq's COALESCE(symbol, type "số" number, type "Đại hội" congress, IRI) over its OPTIONAL rows."""
    types = [str(t) for t in props.get(_P["typeLabel"], ())]
    for labels in ([str(s) for s in props.get(_P["symbol"], ())],
                   [f"{t} số {n}" for t in types for n in props.get(_P["number"], ())],
                   [f"{t} Đại hội {c}" for t in types for c in props.get(_P["congress"], ())]):
        if labels:
            return set(labels)
    return {entity}


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS graph (iri TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS name_key (id INTEGER PRIMARY KEY, graph TEXT, entity TEXT, key TEXT, is_name INTEGER);
CREATE INDEX IF NOT EXISTS name_key_graph ON name_key (graph);
CREATE TABLE IF NOT EXISTS fact (graph TEXT, entity TEXT, kind INTEGER, label TEXT);
CREATE INDEX IF NOT EXISTS fact_graph ON fact (graph);
CREATE INDEX IF NOT EXISTS fact_entity ON fact (entity);
CREATE VIRTUAL TABLE IF NOT EXISTS key_fts USING fts5 (key, tokenize = 'trigram');
"""


class SearchIndex:
    """The SQLite file of one store (":memory:" for an in-memory store)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.executescript(_SCHEMA)

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def in_step(self, graph_count: int) -> bool:
        """True when the last write finished and the index holds as many graphs as the store."""
        count = self.db.execute("SELECT COUNT(*) FROM graph").fetchone()[0]
        return self._meta("version") == VERSION and self._meta("dirty") == "0" and count == graph_count

    def mark_dirty(self) -> None:
        """Say a store write is under way (committed before the store is touched)."""
        self._set_meta("dirty", "1")

    def write(self, rows: Sequence[tuple[str, IndexRows | None]], quads: int | None = None) -> None:
        """Replace the rows of each graph (None: the graph was dropped), record the store's quad count
        when known, and clear `dirty`, in one transaction."""
        with self._transaction():
            for graph, graph_rows in rows:
                self._replace(graph, graph_rows)
            self._set_meta("version", VERSION)
            if quads is None:
                self.db.execute("DELETE FROM meta WHERE k = 'quads'")
            else:
                self._set_meta("quads", str(quads))
            self._set_meta("dirty", "0")

    def count_graphs(self, prefix: str = "") -> int:
        """How many graphs it holds whose name starts with `prefix` (a range of the primary key)."""
        if not prefix:
            return self.db.execute("SELECT COUNT(*) FROM graph").fetchone()[0]
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return self.db.execute("SELECT COUNT(*) FROM graph WHERE iri >= ? AND iri < ?", (prefix, upper)).fetchone()[0]

    def quad_count(self) -> int | None:
        """The store's quad count as of the last write, if recorded (indexes written before it was are not)."""
        value = self._meta("quads")
        return int(value) if value is not None else None

    def _replace(self, graph: str, rows: IndexRows | None) -> None:
        db = self.db
        db.execute("DELETE FROM key_fts WHERE rowid IN (SELECT id FROM name_key WHERE graph = ?)", (graph,))
        for table in ("name_key", "fact", "graph"):
            db.execute(f"DELETE FROM {table} WHERE {'iri' if table == 'graph' else 'graph'} = ?", (graph,))
        if rows is None:
            return
        db.execute("INSERT INTO graph VALUES (?)", (graph,))
        db.executemany("INSERT INTO name_key (graph, entity, key, is_name) VALUES (?, ?, ?, ?)",
                       [(graph, *key) for key in rows.keys])
        # The graph's keys were all deleted above, so its rows in name_key are exactly the new ones.
        db.execute("INSERT INTO key_fts (rowid, key) SELECT id, key FROM name_key WHERE graph = ? ORDER BY id",
                   (graph,))
        db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?)", [(graph, *fact) for fact in rows.facts])

    def clear(self) -> None:
        """Empty the index (before a rebuild); it stays marked dirty until the rebuild writes."""
        with self._transaction():
            self._set_meta("dirty", "1")
            for table in ("key_fts", "name_key", "fact", "graph"):
                self.db.execute(f"DELETE FROM {table}")

    def _transaction(self):
        return _Transaction(self.db)

    def search(self, q: str, kind: str | None = None, limit: int = 200) -> list[tuple[str, str, str | None, int]]:
        """search.rq's rows (entity, kind, label, rank) for a folded `q`, in its order."""
        kinds = [KIND_NAMES.index(kind)] if kind else [0, 1, 2]
        sql = f"""WITH hit AS (SELECT k.entity, MIN(CASE WHEN k.key = :q THEN 0
                      WHEN substr(k.key, 1, length(:q)) = :q THEN 1 ELSE 2 END) AS rank
                    FROM name_key k WHERE k.id IN ({_match(q)}) AND instr(k.key, :q) > 0 GROUP BY k.entity)
                  SELECT hit.entity, MIN(f.kind) AS kind, MIN(f.label) AS label, hit.rank FROM hit
                    JOIN fact f ON f.entity = hit.entity GROUP BY hit.entity
                  HAVING MIN(f.kind) IN ({", ".join(map(str, kinds))})
                  ORDER BY hit.rank, length(MIN(f.label)), MIN(f.label), hit.entity LIMIT :limit"""
        rows = self.db.execute(sql, {"q": q, "phrase": _phrase(q), "limit": limit}).fetchall()
        return [(entity, KIND_NAMES[k], label, rank) for entity, k, label, rank in rows]

    def name_search(self, q: str, limit: int = 20) -> list[tuple[str, str, int]]:
        """webui/queries/search.rq's rows (entity, first matching name key, starts with q) for a folded `q`."""
        sql = f"""SELECT entity, MIN(key) AS match, MAX(substr(key, 1, length(:q)) = :q) AS prefix
                  FROM name_key WHERE id IN ({_match(q)}) AND is_name = 1 AND instr(key, :q) > 0
                  GROUP BY entity ORDER BY prefix DESC, length(match), entity LIMIT :limit"""
        return self.db.execute(sql, {"q": q, "phrase": _phrase(q), "limit": limit}).fetchall()

    def close(self) -> None:
        """Release the file."""
        self.db.close()


def _match(q: str) -> str:
    """The rowids of keys containing :q: a trigram lookup from 3 characters, else a scan of the keys only."""
    if len(q) >= 3:
        return "SELECT rowid FROM key_fts WHERE key_fts MATCH :phrase"
    return "SELECT rowid FROM key_fts WHERE key LIKE '%' || :q || '%'"


def _phrase(q: str) -> str:
    """An FTS5 phrase for a folded key (only letters, digits and spaces, so quoting is safe)."""
    return '"' + q.replace('"', '""') + '"'


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


class IndexLink:
    """An embedded store's tie to its index: used only while in step, and kept in step by each write."""

    def __init__(self, store) -> None:
        self.store = store
        path = f"{store.path.rstrip('/')}.search.sqlite" if store.path else ":memory:"
        try:
            self.index: SearchIndex | None = SearchIndex(path)
        except sqlite3.Error:  # a read-only folder: search falls back to SPARQL
            self.index = None
        self.fresh = self.index is not None and self._check()
        self.checked = time.monotonic()

    def _check(self) -> bool:
        """In step now; an index created beside an empty store starts in step."""
        graphs = sum(1 for _ in self.store._db.named_graphs())
        if self.index._meta("version") is None and graphs == 0:
            self.index.write([], len(self.store._db))  # 0, or the quads of the default graph
        return self.index.in_step(graphs)

    def rows_for(self, bodies: Sequence[tuple[URIRef, str]],
                 given: Mapping[URIRef, IndexRows] | None) -> list[tuple[str, IndexRows | None]]:
        """The rows each written graph will have (None for a graph left empty); none when stale."""
        if not self.fresh:
            return []
        return [(str(g), None if not body else (given or {}).get(g) or index_rows(_parse(body)))
                for g, body in bodies]

    def before_write(self) -> None:
        """Mark the index dirty before the store changes."""
        if self.index is not None:
            self.index.mark_dirty()

    def after_write(self, rows: Sequence[tuple[str, IndexRows | None]], quads_added: int) -> None:
        """Record the written graphs and the new quad count, and clear dirty (only when the index
        was in step before). The count is carried forward; an index without one counts the store
        once (a whole scan: the first write after an upgrade)."""
        if self.fresh:
            known = self.index.quad_count()
            self.index.write(rows, known + quads_added if known is not None else len(self.store._db))

    def usable(self) -> SearchIndex | None:
        """The index when it is in step with the store (a reader beside a live ingest re-checks now and then)."""
        if self.index is None:
            return None
        if not self.fresh and time.monotonic() - self.checked > RECHECK:
            self.fresh, self.checked = self._check(), time.monotonic()
        if self.fresh and self.index._meta("dirty") != "0":  # a write under way, or one that died
            return None
        return self.index if self.fresh else None

    def rebuild(self) -> int:
        """Rebuild the index from the store's quads; the number of graphs indexed."""
        import pyoxigraph as ox

        from .store import from_ox
        db = self.store._db
        per_graph: dict[str, list] = defaultdict(list)
        patterns = [(p, None) for p in PREDICATES if p != RDF.type] + [(RDF.type, cls) for cls in _KINDS]
        for predicate, obj in patterns:
            p = ox.NamedNode(str(predicate))
            for q in db.quads_for_pattern(None, p, ox.NamedNode(str(obj)) if obj else None):
                if isinstance(q.graph_name, ox.NamedNode):
                    per_graph[q.graph_name.value].append((from_ox(q.subject), predicate, from_ox(q.object)))
        graphs = [g.value for g in db.named_graphs() if isinstance(g, ox.NamedNode)]
        self.index.clear()
        self.index.write([(g, index_rows(per_graph.get(g, []))) for g in graphs], len(db))
        self.fresh = True
        return len(graphs)


def _parse(body: str) -> list[tuple]:
    """rdflib triples of N-Triples lines."""
    import pyoxigraph as ox

    from .store import from_ox
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]


def library_rows(store, q: Literal, kind: Literal | None) -> list[dict] | None:
    """search.rq's rows from the index of an embedded store in step, else None (use SPARQL)."""
    link = getattr(store, "search_link", None)
    index = link().usable() if link else None
    if index is None:
        return None
    rows = []
    for entity, kind_name, label, rank in index.search(str(q), str(kind) if kind is not None else None):
        row = {"entity": URIRef(entity), "type": Literal(kind_name), "rank": Literal(rank)}
        if label is not None:
            row["label"] = Literal(label)
        rows.append(row)
    return rows


def main() -> None:
    """`python -m unionkg.search_index --store DIR`: rebuild the index of an embedded store."""
    import argparse

    from .store import EmbeddedStore
    parser = argparse.ArgumentParser(description="Rebuild the search index beside an embedded store.")
    parser.add_argument("--store", required=True, help="the store folder")
    args = parser.parse_args()
    with EmbeddedStore(args.store) as store:
        print(f"indexed {store.search_link().rebuild()} graphs into {store.search_link().index.path}")


if __name__ == "__main__":
    main()
