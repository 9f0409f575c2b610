"""Resolve organisation mentions of one article to entities: short forms, acronyms, typos,
bare heads ("Công đoàn", "Viện"), host institutions, and the curated reference of the top of
the hierarchy, which gives one IRI per real organisation across articles."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from unionkg.ontology.namespaces import entity_iri, fold

from .extract.lexicon import ABBREVIATIONS, GENERIC_NAMES, ORG_HEADS, mapping, phrase_key, phrase_set, table
from .extract.model import UNION_KINDS, Evidence, Org, OrgMention
from .segment import tokenize

# Words that say nothing about which unit is meant: a short form must keep some other word.
_GENERIC_WORDS = {"viet", "nam", "trung", "uong", "quoc", "gia", "tinh", "thanh", "pho"}
# Level words: right after a head they make the name of a territory's own body ("Công đoàn tỉnh X").
_LEVEL_WORDS = {"tinh", "thanh", "huyen", "quan", "thi"}
# Heads whose names are only unique inside a parent ("Khối Thi đua III", "Ban Tuyên giáo", "Đảng ủy").
_QUALIFIED_KINDS = {"bloc", "committee", "department"}
_CONTAINER_KINDS = {"party", "committee", "department"}
# Bare heads that name a unit of something else ("Đảng ủy" of which unit?), not one body.
_CONTAINER_HEADS = {"dang uy", "dang bo", "chi bo", "so", "bo", "cuc", "uy ban nhan dan", "ubnd"}


@functools.cache
def _reference_aliases() -> dict:
    """fold(label) -> reference organisation, from the curated reference graph."""
    try:
        from unionkg.ontology.reference import alias_index
    except ImportError:  # the reference module is optional while the ontology is being built
        return {}
    return alias_index()


def _words(text: str) -> list[str]:
    """Folded words of a name, "&" read as "và"."""
    return list(_folded_words(text))


@functools.lru_cache(maxsize=1 << 14)
def _folded_words(text: str) -> tuple[str, ...]:
    """Cached folded words: names are compared many times while an article is resolved."""
    return tuple(fold(text).split())


def _head_words(mention_head: str) -> int:
    """How many words the head phrase has."""
    return len(fold(mention_head).split())


def _initials(words: list[str]) -> str:
    """The initials of words, for acronyms ("tieng noi viet nam" -> "tnvn")."""
    return "".join(w[0] for w in words)


def _near(a: str, b: str) -> bool:
    """Equal, or one edit apart for words of four letters or more (typos such as "Khoc học")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def abbreviates(short: list[str], long_: list[str], head: int) -> bool:
    """Can `short` be read as `long_` with words left out, runs written as acronyms, or a typo?
    Both must share the head and at least one word that is not generic."""
    if short[:head] != long_[:head] or short == long_:
        return short == long_
    if short[head:head + 1] != long_[head:head + 1] and short[head:head + 1] and short[head] in _LEVEL_WORDS:
        return False  # "Công đoàn tỉnh X" is the province's own body, not "Công đoàn Các KCN tỉnh X"
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int, distinct: bool) -> bool:
        if i == len(short):
            return distinct
        if j == len(long_):
            return False
        key = (i, j) if not distinct else (i, -j - 1)
        if key in memo:
            return memo[key]
        word = short[i]
        ok = _near(word, long_[j]) and match(i + 1, j + 1, distinct or word not in _GENERIC_WORDS)
        if not ok and len(word) >= 2 and long_[j][0] == word[0]:
            ok = any(_initials(long_[j:k]) == word and match(i + 1, k, True) for k in range(j + 2, len(long_) + 1))
        if not ok:
            ok = match(i, j + 1, distinct)
        memo[key] = ok
        return ok

    return match(head, head, False)


@dataclass
class OrgIndex:
    """The organisations of one article and which mention refers to which."""

    orgs: dict[str, Org] = field(default_factory=dict)
    main_union: str | None = None
    main_host: str | None = None
    used: set[str] = field(default_factory=set)

    def use(self, key: str | None, evidence: Evidence | None = None) -> str | None:
        """Mark an organisation as stated by the article (so it is exported), with evidence."""
        if key is None:
            return None
        self.used.add(key)
        if evidence and evidence not in self.orgs[key].evidence:
            self.orgs[key].evidence.append(evidence)
        return key

    def by_head(self, head: str) -> str | None:
        """The one organisation of the article whose name starts with this head ("Viện", "Học viện")."""
        found = [k for k, o in self.orgs.items() if fold(o.name).startswith(fold(head) + " ")]
        return found[0] if len(found) == 1 else None


def resolve_orgs(mentions: list[OrgMention], title_sentences: int = 1) -> OrgIndex:
    """Group the mentions of one article into organisations, and set each mention's entity."""
    index = OrgIndex()
    _complete_bare_levels(mentions, title_sentences)
    named = [m for m in mentions if not m.head_only]
    # Longest names first, written in capitals last: they become the canonical names.
    for mention in sorted(named, key=lambda m: (m.text.isupper(), -len(_words(m.text)), m.sentence, m.start)):
        _place_named(index, _retype_nested_bloc(mention))
    index.main_union = _main_union(index, mentions, title_sentences)
    index.main_host = host_of(index, index.main_union) if index.main_union else None
    for mention in mentions:
        if mention.head_only:
            mention.entity = _resolve_bare_head(index, mention)
    for org in index.orgs.values():
        apply_reference(org)
    return index


_PROVINCE_IN_NAME = re.compile(r"\b(?P<level>tỉnh|thành phố)\s+(?P<name>\w+(?:\s+\w+){0,3})$")
_BARE_LEVEL_END = re.compile(r"\s(?:tỉnh|thành phố)$")
_PLURAL_LEVEL_END = re.compile(r"\s(?:các|những)\s+(?:tỉnh|thành phố)$")
_PROVINCIAL_PARTY = {"Tỉnh ủy", "Thành ủy"}
# Heads of a province's own state bodies: "Sở Nội vụ" is the one of the article's province.
_PROVINCIAL_STATE_HEADS = {"so"}


def _complete_bare_levels(mentions: list[OrgMention], title_sentences: int) -> None:
    """"Công đoàn Viên chức tỉnh", "Tỉnh ủy": the ones of the article's province, named in full;
    with no one province to name, they are a class of units, not one."""
    level, province = _article_province(mentions, title_sentences) or ("", None)
    for m in mentions:
        if province and m.kind == "state" and not m.head_only and fold(m.head) in _PROVINCIAL_STATE_HEADS \
                and not _PROVINCE_IN_NAME.search(m.text):
            m.text = f"{m.text} {level} {province}"
            continue
        bare_party = m.kind == "party" and m.text in _PROVINCIAL_PARTY
        if not (bare_party or (not m.head_only and _BARE_LEVEL_END.search(m.text))):
            continue
        if province and not _PLURAL_LEVEL_END.search(m.text):
            m.text, m.head_only = f"{m.text} {province}", False
        elif not bare_party:
            m.head_only = True


def _article_province(mentions: list[OrgMention], title_sentences: int) -> tuple[str, str] | None:
    """(level, name) of the article's province: the first named in the title, else the only one."""
    named = [(m.sentence, (p.group("level"), p.group("name"))) for m in mentions if not m.head_only
             and (p := _PROVINCE_IN_NAME.search(m.text)) and all(w[:1].isupper() for w in p.group("name").split())]
    in_title = [place for sentence, place in named if sentence < title_sentences]
    if in_title:
        return in_title[0]
    found = {fold(place[1]): place for _, place in named}
    return next(iter(found.values())) if len(found) == 1 else None


def _retype_nested_bloc(mention: OrgMention) -> OrgMention:
    """"Công đoàn Khối thi đua III" is the bloc itself, written with "Công đoàn" before it."""
    rest = tokenize(mention.text)[_head_words(mention.head):]
    inner = table(ORG_HEADS, capitalised=True).match_at(rest, 0) if rest else None
    if mention.kind == "union" and inner and inner.fields[0] == "bloc":
        mention.kind, mention.head = "bloc", inner.phrase
        mention.text = mention.text[rest[0].begin:]
    return mention


def _union_form(text: str) -> str:
    """One spelling for a grassroots union: "CĐCS X" and "Công đoàn cơ sở X" are "Công đoàn X"."""
    for prefix in ("CĐCS ", "Công đoàn cơ sở ", "Công đoàn ngành ", "CĐ "):
        if text.startswith(prefix) and len(text) > len(prefix):
            return "Công đoàn " + text[len(prefix):]
    return text


def spelled_out(name: str) -> str:
    """The name with its short forms written in full ("LĐLĐ huyện X" -> "Liên đoàn Lao động huyện X")."""
    full = mapping(ABBREVIATIONS)
    return " ".join(full[w][0] if w in full else w for w in name.split())


def _place_named(index: OrgIndex, mention: OrgMention) -> None:
    """Attach a written name to an organisation it abbreviates, or start a new one."""
    words = _words(_union_form(mention.text))
    head = _head_words(mention.head)
    for key, org in index.orgs.items():
        if org.kind == mention.kind and any(abbreviates(words, _words(n), head) for n in [org.name, *org.aliases]):
            org.aliases.add(mention.text)
            mention.entity = key
            return
    name = spelled_out(_union_form(mention.text))
    key = fold(name)
    if key in index.orgs:
        mention.entity = key
        index.orgs[key].aliases.add(mention.text)
        return
    index.orgs[key] = Org(key=key, name=name, kind=mention.kind, aliases={mention.text})
    mention.entity = key


def _main_union(index: OrgIndex, mentions: list[OrgMention], title_sentences: int) -> str | None:
    """The union the article is about: the first union of the title, else the most mentioned."""
    unions = [m for m in mentions if m.entity and index.orgs[m.entity].kind in UNION_KINDS]
    in_title = [m for m in unions if m.sentence < title_sentences and index.orgs[m.entity].kind != "confederation"]
    if in_title:
        return in_title[0].entity
    counts: dict[str, int] = {}
    for m in unions:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    return max(counts, key=lambda k: (counts[k], -len(k))) if counts else None


def host_of(index: OrgIndex, union_key: str | None) -> str | None:
    """The host institution of a union ("Công đoàn Đài TNVN" -> "Đài TNVN"), made on demand."""
    if union_key is None or index.orgs[union_key].kind != "union":
        return None
    union = index.orgs[union_key]
    if union.host:
        return union.host
    rest = tokenize(union.name)[2:]
    inner = table(ORG_HEADS, capitalised=True).match_at(rest, 0) if rest else None
    if not inner or inner.fields[0] != "institution":
        return None
    name = union.name[rest[0].begin:]
    host = find_or_add_org(index, name, "institution")
    for alias in map(_union_form, union.aliases):  # "Công đoàn Viện KHCN Mỏ" names "Viện KHCN Mỏ" too
        if fold(alias).startswith("cong doan ") and len(alias.split()) > 3 and \
                phrase_key(alias.split(" ", 2)[2]) not in phrase_set(GENERIC_NAMES):
            index.orgs[host].aliases.add(alias.split(" ", 2)[2])
    union.host = host
    return host


def find_or_add_org(index: OrgIndex, name: str, kind: str) -> str:
    """The organisation of the article with this name (or one it abbreviates), else a new one."""
    words = _words(name)
    for key, org in index.orgs.items():
        if org.kind == kind and (abbreviates(words, _words(org.name), 1) or abbreviates(_words(org.name), words, 1)):
            if len(words) > len(_words(org.name)):  # keep the full name, the short one as an alias
                org.aliases.add(org.name)
                org.name = name
            return key
    key = fold(name)
    index.orgs.setdefault(key, Org(key=key, name=name, kind=kind, aliases={name}))
    return key


def _resolve_bare_head(index: OrgIndex, mention: OrgMention) -> str | None:
    """"Công đoàn" is the article's union; "Viện" its host; "Đảng ủy" the host's Party committee."""
    if mention.kind == "union":
        return index.main_union
    if mention.kind == "institution":
        return index.by_head(mention.head) or (index.main_host if index.main_host and fold(
            index.orgs[index.main_host].name).startswith(fold(mention.head) + " ") else None)
    if mention.kind in ("confederation", "party", "state") and fold(mention.head) not in _CONTAINER_HEADS:
        return find_or_add_org(index, mention.text, mention.kind)  # "Bộ Chính trị", "Tổng Liên đoàn", "Đảng"
    if mention.kind in ("bloc", "federation"):  # "Khối", "LĐLĐ tỉnh": the one of the article, if only one
        same = [k for k, o in index.orgs.items() if o.kind == mention.kind]
        return same[0] if len(same) == 1 else None
    return None


def qualify_contained(index: OrgIndex, mention: OrgMention, parent: str | None) -> str | None:
    """Name a committee, department, Party body or bloc with its parent ("Đảng ủy Viện" -> "Đảng ủy
    Viện Khoa học Công nghệ Mỏ"), so its IRI is unique; the parent comes from the name or the caller."""
    org = index.orgs.get(mention.entity or "")
    if org is None or org.kind not in _CONTAINER_KINDS | {"bloc"} or org.parent_hint:
        return mention.entity
    head = _head_words(mention.head)
    rest_words = org.name.split()[head:] if org.kind != "bloc" else []
    if rest_words:
        inner = _lookup_rest(index, " ".join(rest_words))
        if inner:
            org.parent_hint = inner
            org.name = f"{' '.join(org.name.split()[:head])} {index.orgs[inner].name}"
            return mention.entity
    if parent:
        org.parent_hint = parent
        sep = " - " if org.kind == "bloc" else " "
        org.name = f"{org.name}{sep}{index.orgs[parent].name}"
    return mention.entity


def _lookup_rest(index: OrgIndex, rest: str) -> str | None:
    """The organisation named by the words after a container head ("Viện", "Công đoàn Học viện")."""
    words = _words(rest)
    if words in (["cong", "doan"],):
        return index.main_union
    for key, org in index.orgs.items():
        if key == fold(rest) or any(abbreviates(words, _words(n), 1) for n in [org.name]):
            return key
    if len(words) == 1 and table(ORG_HEADS, capitalised=True).match_at(tokenize(rest), 0):
        return index.by_head(rest) or index.main_host  # "Đảng ủy Viện": the article's institute
    return None


def _provincial_union_name(name: str) -> str:
    """"Công đoàn tỉnh X" is written for the provincial federation ("Liên đoàn Lao động tỉnh X")."""
    key = fold(name)
    for level in ("tinh ", "thanh pho "):
        if key.startswith("cong doan " + level):
            return "Liên đoàn Lao động " + name.split(" ", 2)[2]
    return name


def apply_reference(org: Org) -> None:
    """Use the curated reference's IRI and name when any name of the organisation is listed there."""
    aliases = _reference_aliases()
    for name in [org.name, *sorted(org.aliases)]:
        ref = aliases.get(fold(name)) or aliases.get(fold(_provincial_union_name(name)))
        if ref is not None:
            org.aliases.add(org.name)
            org.name, org.iri = ref.name, ref.iri
            return
    org.iri = ""  # set by assign_org_iris once parents are known


def assign_org_iris(index: OrgIndex) -> None:
    """Deterministic IRIs: the reference IRI, else the folded name, qualified by the parent's IRI."""
    for org in index.orgs.values():
        if org.iri:
            continue
        parent = index.orgs.get(org.parent_hint or "")
        if org.kind in _QUALIFIED_KINDS and parent is not None and fold(parent.name) not in fold(org.name):
            org.iri = str(entity_iri("org", org.name, parent.name))
        else:
            org.iri = str(entity_iri("org", org.name))
