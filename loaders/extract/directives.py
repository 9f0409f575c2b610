"""Find directives: symbols in every spelling (02-NQ/TW, 05/CT-TW, 145/2020/NĐ-CP), numbered
documents ("Nghị quyết số 02 của Bộ Chính trị", "Chương trình hành động số 02"), congress
resolutions ("Nghị quyết Đại hội XIII của Đảng"), with issuer, date and quoted title."""
from __future__ import annotations

import re
from dataclasses import dataclass

from unionkg.ontology.namespaces import fold

from ..resolve import OrgIndex, apply_reference, find_or_add_org
from ..segment import Sentence
from .lexicon import DOC_TYPES, ISSUER_CODES, mapping
from .model import Directive, Evidence, OrgMention

_CODES = "NQ|CT|CTr|KL|QĐi|QĐ|HD|TB|CV|KH|NĐ|TT|ĐL"
_SYMBOL = re.compile(
    rf"\b(?P<num>\d{{1,4}}[a-z]?)(?:/(?P<year>(?:19|20)\d\d))?\s?[-/]\s?(?P<code>{_CODES})\s?[-/]\s?"
    r"(?P<issuer>[A-ZĐ][A-Za-zĐđ]{0,7})\b")
_TYPE_WORDS = "Nghị quyết|Chỉ thị|Chương trình hành động|Chương trình|Kế hoạch|Kết luận|Quyết định|Hướng dẫn"
_NUMBERED = re.compile(rf"\b(?P<type>{_TYPE_WORDS})\s+(?:số\s+)?(?P<num>\d{{1,3}})\b(?![/-]\w)")
_CONGRESS = re.compile(r"\b[Nn]ghị quyết\s+(?:[Đđ]ại hội|ĐH)\b")
_CONGRESS_ITEM = re.compile(r"(?:^|[,;]\s*)(?P<dh>[Đđ]ại hội)\s+(?P<ord>[IVXLC]+)\b")
_ORDINAL = re.compile(r"\b(?:lần thứ|khóa|khoá|[Đđ]ại hội)\s+(?P<ord>[IVXLC]+)\b|^\s*(?P<bare>[IVXLC]+)\b")
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_TITLE_AFTER = re.compile(r"^[^“\"]{0,60}?(?:về\s+)?[“\"](?:về\s+)?(?P<title>[^”\"]{8,300})[”\"]")
_TERM_AFTER = re.compile(r"^\s*(?:khóa|khoá)\s+[IVXLC]+\b")
# A capitalised type word standing alone ("thực hiện Nghị quyết."): a back reference.
_BARE_TYPE = re.compile(r"\b(?P<type>Nghị quyết|Chỉ thị|Kết luận)\b(?!\s+(?:số\b|\d|[Đđ]ại hội|ĐH\b|[IVXLC]+\b|Trung ương|của))")
# An unquoted title: "... của Ban Bí thư về tăng cường ..." up to the end of the clause.
_TITLE_UNQUOTED = re.compile(r"^\s*,?\s*về\s+(?P<title>[^,.;:()“”\"]{8,200}?)"
                             r"(?=\s*(?:[,.;:(]|$)|\s+(?:đã|được|do|tại|nhằm|với sự|dưới sự)\s)")
# A short item of a list inside a title (", đạo đức"), and the rest of the clause after the list.
_TITLE_LIST_ITEM = re.compile(r",\s*[^\s,.;:()]+(?:\s+[^\s,.;:()]+){0,2}(?=\s*,|\s+và\s)")
_TITLE_LAST_ITEM = re.compile(r"(?:,|\s+và)\s+[^.;:()“”\"]{1,160}?(?=\s*(?:[.;:(]|$)|\s+(?:đã|được|do|tại|nhằm)\s)")
_PARTY_WORDS = re.compile(r"^\s*(?:của\s+)?Đảng\b(?!\s+(?:bộ|ủy|uỷ))")


@dataclass
class DirectiveMention:
    """Where a directive is written in a sentence (character offsets in the article)."""

    directive: str              # directive key before finalising
    begin: int
    end: int


def find_directives(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex,
                    directives: dict[str, Directive]) -> list[DirectiveMention]:
    """Directives written in one sentence, added to `directives`; returns where each stands."""
    found: list[DirectiveMention] = []
    taken: list[tuple[int, int]] = []
    for finder in (_symbols, _congress_resolutions, _numbered):
        for directive, begin, end in finder(sentence, mentions, index):
            if any(b <= begin < e or begin <= b < end for b, e in taken):
                continue
            taken.append((begin, end))
            merged = _merge(directives, directive, Evidence(sentence.index, directive.key.split(":")[0]))
            found.append(DirectiveMention(merged.key, begin, end))
    found += _back_references(sentence, directives, taken)
    return sorted(found, key=lambda m: m.begin)


def _back_references(sentence: Sentence, directives: dict[str, Directive],
                     taken: list[tuple[int, int]]) -> list[DirectiveMention]:
    """"... thực hiện Nghị quyết." with no number: the one resolution (directive, conclusion) of
    that type the article named before, when there is exactly one."""
    found = []
    for m in _BARE_TYPE.finditer(sentence.text):
        begin, end = sentence.begin + m.start(), sentence.begin + m.end()
        earlier = [d for d in directives.values() if d.type_label == m.group("type") and not d.congress
                   and any(e.sentence < sentence.index for e in d.evidence)]
        if len(earlier) != 1 or any(b <= begin < e or begin <= b < end for b, e in taken):
            continue
        evidence = Evidence(sentence.index, "directive.back-reference")
        if evidence not in earlier[0].evidence:
            earlier[0].evidence.append(evidence)
        found.append(DirectiveMention(earlier[0].key, begin, end))
    return found


def _merge(directives: dict[str, Directive], new: Directive, evidence: Evidence) -> Directive:
    """Add a directive, or fill the gaps of the one already known under the same key."""
    new.key = new.key.split(":", 1)[1]
    old = directives.setdefault(new.key, new)
    if old is not new:
        for attr in ("issuer", "date", "title", "symbol"):
            if getattr(old, attr) is None and getattr(new, attr) is not None:
                setattr(old, attr, getattr(new, attr))
    if evidence not in old.evidence:
        old.evidence.append(evidence)
    return old


def _type_of_code(code: str) -> tuple[str, str]:
    """(type label, concept slug) of a symbol's type code."""
    for phrase, fields in mapping(DOC_TYPES).items():
        if fields[0] == code:
            return phrase, fields[1]
    return code, fold(code)


def _written_type(before: str, code: str) -> tuple[str, str] | None:
    """(label, concept) of the type word written before a symbol when its code is a variant of the
    symbol's: "Quy định số 144-QĐ/TW" is a regulation (QĐi), though QĐ is also a decision's code."""
    written = re.search(rf"\b({_TYPE_WORDS}|Quy định)\s+(?:số\s+)?$", before)
    if written is None:
        return None
    label, written_code, concept = _type_of_words(written.group(1))
    return (label, concept) if written_code != code and written_code.startswith(code) else None


def _type_of_words(words: str) -> tuple[str, str, str]:
    """(label, code, concept) of a type phrase ("Chương trình hành động")."""
    for phrase, fields in mapping(DOC_TYPES).items():
        if fold(phrase) == fold(words):
            return phrase, fields[0], fields[1]
    return words, words, fold(words)


def _symbols(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex):
    """"02-NQ/TW", "05/CT-TW", "145/2020/NĐ-CP", "1234/QĐ-TLĐ"."""
    for m in _SYMBOL.finditer(sentence.text):
        num, code, issuer_code = m.group("num"), m.group("code"), m.group("issuer")
        label, concept = _written_type(sentence.text[:m.start()], code) or _type_of_code(code)
        year = m.group("year")
        symbol = f"{num}/{year}/{code}-{issuer_code}" if year else f"{num}-{code}/{issuer_code}"
        begin, end = sentence.begin + m.start(), sentence.begin + m.end()
        d = Directive(key=f"directive.symbol:{fold(code)}-{num.lstrip('0') or '0'}-{year or ''}-{fold(issuer_code)}",
                      type_label=label, type_code=code, concept=concept, number=num, symbol=symbol)
        _details_after(d, sentence, end, mentions, index)
        issuer_name = mapping(ISSUER_CODES).get(issuer_code, ("",))[0]
        if issuer_name == "*":  # every union writes "KH-LĐLĐ": the one of the article issued it
            d.local_symbol = True
            d.issuer = d.issuer or _local_issuer(index, issuer_code)
        elif d.issuer is None and issuer_name and issuer_code != "TW":
            d.issuer = _issuer_by_name(index, issuer_name)
        yield d, begin, end


def _local_issuer(index: OrgIndex, issuer_code: str) -> str | None:
    """The union of the article that a generic issuer code stands for: its one provincial federation
    for "LĐLĐ", else the article's union."""
    if fold(issuer_code) == "ldld":
        federations = [k for k, o in index.orgs.items() if o.kind == "federation"]
        if len(federations) == 1:
            return index.use(federations[0])
    return index.use(index.main_union)


def _numbered(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex):
    """"Nghị quyết số 02 của Bộ Chính trị", "Chương trình hành động số 02", "(Chương trình 02)"."""
    for m in _NUMBERED.finditer(sentence.text):
        label, code, concept = _type_of_words(m.group("type"))
        num = m.group("num")
        begin, end = sentence.begin + m.start(), sentence.begin + m.end()
        d = Directive(key=f"directive.number:{fold(code)}-{num.lstrip('0') or '0'}", type_label=label,
                      type_code=code, concept=concept, number=num)
        _details_after(d, sentence, end, mentions, index)
        yield d, begin, end


def _congress_resolutions(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex):
    """"Nghị quyết Đại hội (đại biểu toàn quốc) lần thứ XIII của Đảng", "... Đại hội XII Công đoàn
    Việt Nam", and the congresses listed after one in the same clause ("..., Đại hội V Công đoàn X")."""
    text = sentence.text
    for m in _CONGRESS.finditer(text):
        clause_end = _clause_end(text, m.end())
        item = _congress_item(sentence, m.start(), m.end(), clause_end, mentions, index)
        if item:
            yield item
        for extra in _CONGRESS_ITEM.finditer(text, clause_end, _sentence_clause_end(text, clause_end)):
            item = _congress_item(sentence, extra.start("dh"), extra.end("dh"),
                                  _clause_end(text, extra.end("dh")), mentions, index)
            if item:
                yield item


def _clause_end(text: str, start: int) -> int:
    """Where the clause that names one congress ends: the next ";" or "," that opens a new item."""
    for m in re.finditer(rf"[;,.(]|\svà\s+(?i:{_TYPE_WORDS})\b", text[start:]):
        if m.group().strip() in {",", "("} and re.match(r"\s*(?:nhiệm kỳ|khóa|khoá|lần thứ)", text[start + m.end():]):
            continue
        return start + m.start()
    return len(text)


def _sentence_clause_end(text: str, start: int) -> int:
    """The end of the enumeration that follows a congress resolution (up to ";" or the end)."""
    semi = text.find(";", start + 1)
    return semi if semi != -1 else len(text)


def _congress_item(sentence: Sentence, begin: int, after_head: int, clause_end: int,
                   mentions: list[OrgMention], index: OrgIndex):
    """One congress resolution from the words between "Đại hội" and the end of its clause."""
    words = sentence.text[after_head:clause_end]
    ordinal = next((o.group("ord") or o.group("bare") for o in _ORDINAL.finditer(words)), None)
    if ordinal is None:
        return None
    issuer = _congress_body(sentence, after_head, clause_end, mentions, index)
    if issuer is None:
        return None
    d = Directive(key=f"directive.congress:nq-dai-hoi-{ordinal.lower()}-@{issuer}", type_label="Nghị quyết",
                  type_code="NQ", concept="nghi-quyet", congress=ordinal, issuer=issuer)
    return d, sentence.begin + begin, sentence.begin + clause_end


def _congress_body(sentence: Sentence, start: int, end: int, mentions: list[OrgMention],
                   index: OrgIndex) -> str | None:
    """The body that held the congress: an organisation named in the clause, or the Party."""
    inside = [m for m in mentions if start <= sentence.tokens[m.start].begin - sentence.begin < end and m.entity]
    words = sentence.text[start:end]
    party_branch = re.search(r"\bĐảng\b(?!\s*(?:bộ|ủy|uỷ|Cộng))[^,;]*?\bcủa\s+(?P<unit>\S+(?:\s+\S+){0,6})", words)
    named = [m for m in inside if fold(m.head) != "dang"]
    if party_branch and named:  # "Đại hội Đảng khóa XX ... của Viện": the Party organisation of the unit
        return index.use(find_or_add_org(index, f"Đảng bộ {index.orgs[named[-1].entity].name}", "party"))
    if named:
        return index.use(named[0].entity)
    if re.search(r"\bĐảng\b", words):
        return index.use(_issuer_by_name(index, "Đảng Cộng sản Việt Nam"))
    return None


def _details_after(d: Directive, sentence: Sentence, end: int, mentions: list[OrgMention],
                   index: OrgIndex) -> None:
    """Date ("ngày 12/6/2021"), issuer ("của Bộ Chính trị") and title (quoted, or "về ..." to the end
    of the clause) written after a directive."""
    rest = sentence.text[end - sentence.begin:]
    date = _DATE_AFTER.match(rest)
    offset = 0
    if date:
        d.date = f"{date.group('y')}-{int(date.group('m')):02d}-{int(date.group('d')):02d}"
        offset = date.end()
    issuer = re.match(r"^\s*,?\s*(?:của|do)\s+", rest[offset:])
    if issuer:
        at = end + offset + issuer.end()
        org = next((m for m in mentions if sentence.tokens[m.start].begin == at and m.entity), None)
        if org:
            d.issuer = index.use(org.entity)
            offset = sentence.tokens[org.stop - 1].end - end
            term = _TERM_AFTER.match(rest[offset:])  # "của Bộ Chính trị khóa XII về ..."
            offset += term.end() if term else 0
    title = _TITLE_AFTER.match(rest[offset:])
    if title:
        d.title = title.group("title").strip()
    elif d.title is None and (plain := _TITLE_UNQUOTED.match(rest[offset:])):
        end = _past_title_list(rest, offset + plain.end("title"))
        words = rest[offset + plain.start("title"):end].strip()
        d.title = words[:1].upper() + words[1:]


def _past_title_list(rest: str, end: int) -> int:
    """Where a title with a comma list ends: "tư tưởng, đạo đức, phong cách Hồ Chí Minh" goes on
    past short items followed by a comma or "và", to the end of the clause."""
    listed = False
    while item := _TITLE_LIST_ITEM.match(rest, end):
        end, listed = item.end(), True
    if listed and (last := _TITLE_LAST_ITEM.match(rest, end)):
        end = last.end()
    return end


def _issuer_by_name(index: OrgIndex, name: str) -> str:
    """An organisation of the index by canonical name, added when the article does not name it."""
    key = find_or_add_org(index, name, "party")
    apply_reference(index.orgs[key])
    return key
