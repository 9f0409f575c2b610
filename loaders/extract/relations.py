"""Links between organisations (hierarchy, bloc membership) and between directives (based on)."""
from __future__ import annotations

import re

from unionkg.ontology.namespaces import fold

from ..resolve import OrgIndex, qualify_contained
from ..segment import Sentence
from .directives import DirectiveMention
from .model import Directive, Evidence, OrgMention, Relation

# "A thuộc B", "A trực thuộc B", "A (Công đoàn cấp trên cơ sở trực thuộc B)": only level words between.
_UNDER = re.compile(r"^\s*(?:\(\s*)?(?:là\s+)?(?:(?:một|đơn vị|[Cc]ông đoàn|cấp trên|trực tiếp|cơ sở|ngành)\s*,?\s*)*"
                    r"(?:trực thuộc|thuộc)\s*$")
_DASH = re.compile(r"^\s*[-–]\s*$")
_MEMBERS = re.compile(r"\bgồm(?:\s+có)?\s+(?:\d+\s+|các\s+)?(?:đơn vị thành viên|đơn vị|thành viên|công đoàn)[^:]*:")
# "A là Trưởng khối", "B làm Phó Trưởng khối": the bloc's leading members.
_BLOC_LEAD = re.compile(r"^\s*(?:là|làm)\s+(?:Phó\s+)?[Tt]rưởng\s+[Kk]hối\b")
# A document that carries out the next one: "... về (việc) triển khai thực hiện", "... để thực hiện".
# The type words a symbol may follow ("Chỉ thị 32-CT/TW"): they stand between two mentions.
_TYPE_TAIL = (r"(?:\s+(?i:nghị quyết|chỉ thị|kết luận|quyết định|chương trình hành động|chương trình|kế hoạch|"
              r"hướng dẫn|nghị định|thông tư|luật)(?:\s+số)?)?\s*")
_IMPLEMENTS = re.compile(r"(?:^|\s)(?:để|về|nhằm)?\s*(?:việc\s+)?(?:triển khai\s+|tổ chức\s+)?"
                         rf"(?:thực hiện|triển khai|cụ thể hóa|cụ thể hoá){_TYPE_TAIL}$")
_IMPLEMENTING_TYPES = {"CTr", "KH", "QĐ", "HD"}
# "A được cụ thể hóa bằng B": B carries A out.
_MADE_CONCRETE_BY = re.compile(r"\s*(?:đã\s+)?được\s+(?:cụ thể hóa|cụ thể hoá|thể chế hóa|triển khai)\s+"
                               rf"(?:bằng|qua|thông qua){_TYPE_TAIL}")
_PROGRAMME = re.compile(r"\b(?:Chương trình hành động|Chương trình|Kế hoạch)(?:\s+số\s+\d+)?\s+(?:để\s+)?"
                        r"(?:thực hiện|triển khai)\b")


def find_hierarchy(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex) -> list[Relation]:
    """"A thuộc B", "A trực thuộc B", "A (Công đoàn cấp trên cơ sở trực thuộc B)", "Khối Thi đua III - B"."""
    found = []
    named = [m for m in mentions if m.entity and not m.head_only]
    for a, b in zip(named, named[1:]):
        between = sentence.text[sentence.tokens[a.stop - 1].end - sentence.begin:
                                sentence.tokens[b.start].begin - sentence.begin]
        unit = index.orgs[a.entity].kind in ("bloc", "department", "committee")
        dash = unit and (_DASH.match(between) or not between.strip())  # "Ban Nữ công Công đoàn X" too
        if (_UNDER.match(between) or dash) and a.entity != b.entity:
            qualify_contained(index, a, b.entity)
            # "Khối Thi đua III - Công đoàn X" names the bloc as a unit of X; "thuộc" states the hierarchy.
            kind, rule = ("unit_of", "hierarchy.dash") if dash else ("sub_organization", "hierarchy.thuoc")
            found.append(Relation(kind, a.entity, b.entity, [Evidence(sentence.index, rule)]))
    return found


def contained_parents(index: OrgIndex, sentence_of: dict[str, int]) -> list[Relation]:
    """Committees, departments and blocs are units of the organisation their name was qualified with."""
    return [Relation("unit_of", key, org.parent_hint, [Evidence(sentence_of.get(key, 0), "hierarchy.name")])
            for key, org in index.orgs.items() if org.parent_hint and key in index.used]


def find_members(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex) -> list[Relation]:
    """"X gồm có 9 đơn vị thành viên: A, B, C": A, B and C are members of X."""
    m = _MEMBERS.search(sentence.text)
    if m is None:
        return _bloc_leads(sentence, mentions, index)
    colon = sentence.begin + m.end()
    groups = [x.entity for x in mentions if x.entity and sentence.tokens[x.start].begin < sentence.begin + m.start()]
    if not groups and re.search(r"\b(?:[Kk]hối|[Cc]ụm)\s*$", sentence.text[:m.start()]):
        groups = _only_bloc(index)  # "Khối gồm các đơn vị: ...": the bloc of the article
    members = [x for x in mentions if x.entity and sentence.tokens[x.start].begin >= colon]
    if not groups or not members:
        return []
    group = groups[0]
    evidence = [Evidence(sentence.index, "membership.list")]
    return [Relation("membership", x.entity, group, list(evidence)) for x in members if x.entity != group]


def _bloc_leads(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex) -> list[Relation]:
    """"Công đoàn Y tế Việt Nam là Trưởng khối": a member of the article's one bloc."""
    blocs = _only_bloc(index)
    if not blocs:
        return []
    found = []
    for x in mentions:
        after = sentence.text[sentence.tokens[x.stop - 1].end - sentence.begin:]
        if x.entity and x.entity != blocs[0] and _BLOC_LEAD.match(after):
            found.append(Relation("membership", x.entity, blocs[0], [Evidence(sentence.index, "membership.lead")]))
    return found


def _only_bloc(index: OrgIndex) -> list[str]:
    """The article's bloc, as a one-item list, when it names exactly one."""
    blocs = [k for k, o in index.orgs.items() if o.kind == "bloc"]
    return blocs if len(blocs) == 1 else []


def find_bases(sentence: Sentence, directive_mentions: list[DirectiveMention],
               directives: dict[str, Directive]) -> list[Relation]:
    """"Chương trình hành động thực hiện A và B (Chương trình 02)": the programme is based on A and B."""
    found = []
    for m in _PROGRAMME.finditer(sentence.text):
        start, verb_end = sentence.begin + m.start(), sentence.begin + m.end()
        clause_end = sentence.begin + (sentence.text.find(";", m.end()) % (len(sentence.text) + 1))
        own = [d for d in directive_mentions if d.begin == start]
        later = [d for d in directive_mentions if verb_end <= d.begin < clause_end]
        programme = own[0].directive if own else _named_programme(later, directives)
        if programme is None:
            continue
        for basis in later:
            if basis.directive != programme and directives[basis.directive].type_code not in ("CTr", "KH"):
                found.append(Relation("based_on", programme, basis.directive, [Evidence(sentence.index, "basis.programme")]))
    return found


def find_document_bases(sentence: Sentence, directive_mentions: list[DirectiveMention],
                        directives: dict[str, Directive]) -> list[Relation]:
    """"Kế hoạch số 123/KH-TLĐ ngày ... về triển khai thực hiện Chỉ thị 32-CT/TW (và ...)": the plan,
    programme, decision or guide is based on the directives it carries out; "A được cụ thể hóa bằng
    B": B is based on A."""
    found = []
    ms = directive_mentions
    for k in range(len(ms) - 1):
        between = sentence.text[ms[k].end - sentence.begin:ms[k + 1].begin - sentence.begin]
        if _IMPLEMENTS.search(between) and directives[ms[k].directive].type_code in _IMPLEMENTING_TYPES:
            child, bases = ms[k].directive, [ms[k + 1].directive, *_joined_after(sentence, ms, k + 1)]
        elif _MADE_CONCRETE_BY.fullmatch(between):
            child, bases = ms[k + 1].directive, [ms[k].directive]
        else:
            continue
        found += [Relation("based_on", child, b, [Evidence(sentence.index, "basis.document")]) for b in bases
                  if b != child]
    return found


def _joined_after(sentence: Sentence, ms: list[DirectiveMention], k: int) -> list[str]:
    """The directives listed after ms[k] with "," or "và"."""
    joined = []
    while k + 1 < len(ms) and re.fullmatch(rf"\s*(?:,|và|,\s*và){_TYPE_TAIL}", sentence.text[
            ms[k].end - sentence.begin:ms[k + 1].begin - sentence.begin]):
        joined.append(ms[k + 1].directive)
        k += 1
    return joined


def _named_programme(later: list[DirectiveMention], directives: dict[str, Directive]) -> str | None:
    """The numbered programme written after its bases, as in "... (Chương trình 02)"."""
    for d in later:
        if directives[d.directive].type_code in ("CTr", "KH") and directives[d.directive].number:
            return d.directive
    return None


def dedupe_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (kind, subject, object), evidence merged."""
    merged: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        key = (r.kind, r.subject, r.object)
        if key in merged:
            merged[key].evidence.extend(e for e in r.evidence if e not in merged[key].evidence)
        else:
            merged[key] = r
    return [r for r in merged.values() if fold(r.subject) != fold(r.object)]
