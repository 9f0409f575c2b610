"""Find events ("Sáng 10.11, X tổ chức Hội nghị ..."), their date, place, organiser and
participants, and the acts on directives (quán triệt, triển khai, tổng kết ...)."""
from __future__ import annotations

import datetime as dt
import re

from unionkg.ontology.namespaces import fold

from ..resolve import OrgIndex
from ..segment import Sentence
from .directives import DirectiveMention
from .lexicon import ACTS, EVENT_TYPES, PARTICIPANT_CUES, table
from .model import UNION_KINDS, Act, Event, Evidence, OrgMention, Participation

_DAY_MONTH = re.compile(
    r"(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm)\s+(?:nay|qua)\s*\(?\s*(?:ngày\s+)?"  # "Sáng nay (10/11)"
    r"|(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+(?:(?:[Tt]hứ\s+\S+|[Cc]hủ nhật),?\s+)?(?:ngày\s+)?|[Nn]gày\s+)"
    r"(?P<d>\d{1,2})(?:\s*(?:và|đến|,|-|–)\s*\d{1,2})?[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>(?:19|20)\d\d))?\b")
# "ngày 12 tháng 3 năm 2024", "ngày 12 tháng 3"
_DAY_MONTH_WORDS = re.compile(r"\b[Nn]gày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:,|năm)\s*(?P<y>(?:19|20)\d\d))?\b")
# A date written after the event: "... tổ chức hội nghị tổng kết vào ngày 15/1/2024".
_DATE_AFTER_VERB = re.compile(r"\b(?:vào\s+(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?|ngày\s+)"
                              r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>(?:19|20)\d\d))?\b")
# Words that name a document: a date after them is the document's ("Nghị quyết 02-NQ/TW ngày 12/6/2021").
_DOCUMENT_BEFORE_DATE = re.compile(r"(?i:nghị quyết|chỉ thị|kết luận|chương trình|kế hoạch|quyết định|hướng dẫn|"
                                   r"thông tư|nghị định|luật)|\d+\s?[/-]\s?[A-ZĐ]")
_MONTH_YEAR = re.compile(r"\btháng\s+(?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)\b")
# "tổ chức Hội nghị", "khai mạc Đại hội", or "X (đã) họp quán triệt" (not "tại cuộc họp").
_ORGANISE = re.compile(r"\b(?:đã\s+)?(?:tổ chức(?:\s+thành công)?|tiến hành|khai mạc|diễn ra)\s+|(?<!cuộc )(?<!buổi )(?<!tại )\b(?:đã\s+)?(?=họp\s+[a-zà-ỹđ])")
# Before an event named first in its sentence, only a date or time lead may stand ("Ngày 12.10, ").
_PASSIVE_LEAD = re.compile(r"(?:[^,;]{0,40},\s*)?")
# "... (đã) được <organiser> tổ chức" / "... do <organiser> tổ chức", within one clause.
_PASSIVE_ORGANISE = re.compile(r"\b(?:đã\s+)?(?:được|do)\s+(?P<by>[^.;]{3,160}?)\s+(?P<verb>tổ chức|khai mạc|chủ trì)\b")
_PLACE = re.compile(r"\btại\s+(?P<place>.+?)\s*,?\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ROLE_RANK = {"chair": 3, "speaker": 2, "attendee": 1}


def find_event(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex,
               published: dt.date | None) -> Event | None:
    """The event a sentence reports being held: date, organiser, type, place."""
    return _active_event(sentence, mentions, index, published) or _passive_event(sentence, mentions, index, published)


def _active_event(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex,
                  published: dt.date | None) -> Event | None:
    """"Sáng 10.11, X tổ chức Hội nghị ...": the organiser before the verb, the event after it."""
    text = sentence.text
    organise = _ORGANISE.search(text)
    if organise is None:
        return None
    type_match = table(EVENT_TYPES).match_at(_tokens_from(sentence, organise.end()), 0)
    if type_match is None:
        return None
    organiser = _subject_before(sentence, mentions, sentence.begin + organise.start())
    if organiser is None:
        return None
    date = _event_date(text, organise.start(), published)
    label = _label(sentence, organise.end())
    organiser_at = next(sentence.tokens[m.start].begin - sentence.begin for m in mentions if m.entity == organiser)
    # "tại X," between the date and the organiser, else "... tại X." closing the sentence
    place = _PLACE.search(text[:organiser_at]) or _PLACE.search(text[organise.end():])
    evidence = Evidence(sentence.index, "event.organise")
    return Event(key="", event_type=type_match.fields[0], label=label, organizer=index.use(organiser, evidence),
                 date=date, location=place.group("place").strip(" .") if place else None, evidence=[evidence])


def _passive_event(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex,
                   published: dt.date | None) -> Event | None:
    """"Ngày 12.10, Hội nghị ... (đã) được X tổ chức tại ..." or "... do X tổ chức": the event
    opens the clause, the organiser follows "được"/"do"."""
    text = sentence.text
    found = table(EVENT_TYPES).find_all(sentence.tokens)
    if not found:
        return None
    type_match = found[0]
    type_at = sentence.tokens[type_match.start].begin - sentence.begin
    if not _PASSIVE_LEAD.fullmatch(text[:type_at]):
        return None
    passive = _PASSIVE_ORGANISE.search(text, type_at)
    if passive is None:
        return None
    organiser = _first_org_within(sentence, mentions, passive.start("by"), passive.start("verb"))
    if organiser is None:
        return None
    place = _PLACE.search(text[passive.end():]) or _PLACE.search(text[:passive.start()])
    evidence = Evidence(sentence.index, "event.organise-passive")
    return Event(key="", event_type=type_match.fields[0], label=_label(sentence, type_at),
                 organizer=index.use(organiser, evidence), date=_event_date(text, type_at, published),
                 location=place.group("place").strip(" .") if place else None, evidence=[evidence])


def _first_org_within(sentence: Sentence, mentions: list[OrgMention], begin: int, end: int) -> str | None:
    """The first named organisation written between two character offsets of the sentence."""
    for m in mentions:
        at = sentence.tokens[m.start].begin - sentence.begin
        if m.entity is not None and begin <= at < end:
            return m.entity
    return None


def _tokens_from(sentence: Sentence, char: int):
    """The tokens of the sentence that start at or after a character offset within it."""
    return [t for t in sentence.tokens if t.begin - sentence.begin >= char]


def _label(sentence: Sentence, char: int) -> str:
    """A short label: the event words as written, up to the end of the clause (12 words at most)."""
    rest = re.split(r"[,;.(]| dưới sự| với sự| nhằm| (?:đã )?được | do ", sentence.text[char:])[0]
    words = rest.split()[:12]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _subject_before(sentence: Sentence, mentions: list[OrgMention], char: int,
                    skip: list[DirectiveMention] = ()) -> str | None:
    """The organisation acting in a clause: the nearest named organisation before the verb that is
    not a possessive, an object ("của X", "với X") or part of a directive's name; "Khối Thi đua III -
    Công đoàn X" acts as the bloc."""
    candidates = []
    for m in mentions:
        begin = sentence.tokens[m.start].begin
        if begin >= char or m.entity is None or any(d.begin <= begin < d.end for d in skip):
            continue
        before = sentence.text[max(0, begin - sentence.begin - 6):begin - sentence.begin]
        if re.search(r"(?:của|với|cho|từ|thuộc)\s*$", before) or m.kind in ("state",):
            continue
        if candidates and re.fullmatch(r"\s*[-–]\s*", sentence.text[
                sentence.tokens[candidates[-1].stop - 1].end - sentence.begin:begin - sentence.begin]):
            continue  # the unit after the dash is the parent of the one before it
        candidates.append(m)
    return candidates[-1].entity if candidates else None


def _event_date(text: str, verb_at: int, published: dt.date | None) -> str | None:
    """ISO date of "Sáng 10.11", "ngày 15/01/2021", "Chiều 29/3"; the year from the text, else the
    publication date (an event reported before it happened is rare), else the years the sentence
    plans for; unknown when nothing says."""
    # a date after the verb is a directive's, not the event's, unless "vào" introduces it
    m = _DAY_MONTH.search(text, 0, verb_at) or _DAY_MONTH_WORDS.search(text, 0, verb_at)
    if m is None and (after := _DATE_AFTER_VERB.search(text, verb_at)):
        m = None if _DOCUMENT_BEFORE_DATE.search(text, verb_at, after.start()) else after
    if m is None:
        month = _MONTH_YEAR.search(text, 0, verb_at)
        return f"{month.group('y')}-{int(month.group('m')):02d}" if month else None
    day, month = int(m.group("d")), int(m.group("m"))
    year = int(m.group("y")) if m.group("y") else _year_for(day, month, text, published)
    if year is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(day: int, month: int, text: str, published: dt.date | None) -> int | None:
    """The year of a day and month written without one."""
    if published is not None:
        return published.year if (month, day) <= (published.month, published.day) else published.year - 1
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None  # "tổng kết 2023, triển khai năm 2024" is held in 2024


def find_participants(sentence: Sentence, people_in_sentence: list[str]) -> list[Participation]:
    """How the persons named in a sentence take part in the event: chair, speaker or attendee."""
    cues = table(PARTICIPANT_CUES).find_all(sentence.tokens)
    if not cues:
        return []
    role = max((c.fields[0] for c in cues), key=lambda r: _ROLE_RANK[r])
    return [Participation(person=p, role=role, evidence=[Evidence(sentence.index, f"participant.{role}")])
            for p in people_in_sentence]


def merge_participants(event: Event, new: list[Participation]) -> None:
    """Add participants; a person keeps the strongest role (chair > speaker > attendee)."""
    by_person = {p.person: p for p in event.participants}
    for p in new:
        old = by_person.get(p.person)
        if old is None:
            event.participants.append(p)
            by_person[p.person] = p
        else:
            if _ROLE_RANK[p.role] > _ROLE_RANK[old.role]:
                old.role = p.role
            old.evidence.extend(e for e in p.evidence if e not in old.evidence)


def find_acts(sentence: Sentence, mentions: list[OrgMention], directive_mentions: list[DirectiveMention],
              index: OrgIndex) -> list[Act]:
    """Acts on the directives of a sentence: an act verb before a directive, by the clause's subject
    (else the union the article is about)."""
    acts: list[Act] = []
    verbs = table(ACTS).find_all(sentence.tokens)
    for dm in directive_mentions:
        before = [v for v in verbs if sentence.tokens[v.stop - 1].end <= dm.begin]
        if not before:
            continue
        verb = before[-1]
        # "sơ kết 3 năm thực hiện", "xây dựng kế hoạch thực hiện": a review or a plan of the carrying out
        if verb.fields[0] == "carry-out" and len(before) > 1 and before[-2].fields[0] in ("review", "plan") \
                and verb.start - before[-2].stop <= 4:
            verb = before[-2]
        verb_at = sentence.tokens[verb.start].begin
        actor = _subject_before(sentence, mentions, verb_at, directive_mentions) or \
            _subject_after_fronted_clause(sentence, mentions, verb_at, dm, index)
        if actor is None or index.orgs[actor].kind not in UNION_KINDS:
            actor = index.main_union
        if actor is None:
            continue
        evidence = Evidence(sentence.index, f"act.{fold(verb.phrase).replace(' ', '-')}")
        for each in [actor, *_coordinated_before(sentence, mentions, actor, verb_at, index)]:
            acts.append(Act(actor=index.use(each, evidence), directive=dm.directive, kind=verb.fields[0],
                            evidence=[evidence]))
    return acts


def _subject_after_fronted_clause(sentence: Sentence, mentions: list[OrgMention], verb_at: int,
                                  dm: DirectiveMention, index: OrgIndex) -> str | None:
    """"Thực hiện Kế hoạch số 45 của LĐLĐ tỉnh X, Công đoàn Y đã ...": a clause opening the sentence
    acts through the subject after its comma."""
    if sentence.text[:verb_at - sentence.begin].strip(" -–"):
        return None
    comma = sentence.text.find(",", dm.end - sentence.begin)
    if comma < 0:
        return None
    after = [m for m in mentions if m.entity and sentence.tokens[m.start].begin - sentence.begin > comma]
    first = after[0] if after else None
    return first.entity if first and index.orgs[first.entity].kind in UNION_KINDS else None
# Between two subjects of one verb: "A và B", "A, B", with an aside such as "(Bắc Giang)" after A.
_COORDINATION = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|và|cùng)\s*")


def _coordinated_before(sentence: Sentence, mentions: list[OrgMention], actor: str, char: int,
                        index: OrgIndex) -> list[str]:
    """The unions written before the actor and joined to it ("A và B báo cáo ..."): subjects too."""
    before = [m for m in mentions if m.entity and sentence.tokens[m.start].begin < char]
    at = max((k for k, m in enumerate(before) if m.entity == actor), default=None)
    found: list[str] = []
    while at:
        prev, cur = before[at - 1], before[at]
        gap = sentence.text[sentence.tokens[prev.stop - 1].end - sentence.begin:
                            sentence.tokens[cur.start].begin - sentence.begin]
        if not _COORDINATION.fullmatch(gap) or index.orgs[prev.entity].kind not in UNION_KINDS:
            break
        found.append(prev.entity)
        at -= 1
    return found
