"""Find officials and their posts: "đồng chí X, Chủ tịch Công đoàn Y", "Chủ tịch Công đoàn Y X",
"X – Phó Chủ tịch Tổng Liên đoàn", several posts in a row, honorifics, "nguyên" and "lâm thời"."""
from __future__ import annotations

from dataclasses import dataclass

from unionkg.ontology.namespaces import fold

from ...loaders.resolve import OrgIndex, apply_reference, find_or_add_org, host_of, qualify_contained
from ..segment import Sentence, Token
from .lexicon import HONORIFICS, POST_CUES, ROLES, SURNAMES, table, word_key, word_set
from .model import UNION_KINDS, Evidence, OrgMention, Person, Post
from .orgs import _protected_tail, is_name_syllable, looks_like_person, role_org_start

_CHAIN_SEPARATORS = {",", "–", "-", ";"}


@dataclass
class _Segment:
    """One post in a chain after a name: a role, and the organisation written with it."""

    role: str | None
    role_owner: str
    org: OrgMention | None
    status: str | None
    elected: bool = False


def find_people(sentence: Sentence, mentions: list[OrgMention], index: OrgIndex,
                people: dict[str, Person], posts: list[Post]) -> None:
    """Add the persons named in one sentence and the posts the sentence gives them."""
    tokens = sentence.tokens
    org_at = {m.start: m for m in mentions}
    inside_org = {k for m in mentions for k in range(m.start, m.stop)}
    for start, stop, honorific, rule in _person_spans(tokens, org_at, inside_org):
        name = sentence.span_text(start, stop)
        key = fold(name)
        person = people.setdefault(key, Person(key=key, name=name, honorific=honorific))
        person.honorific = person.honorific or honorific
        evidence = Evidence(sentence.index, rule)
        if evidence not in person.evidence:
            person.evidence.append(evidence)
        chain = _posts_before(tokens, start, org_at) + _posts_after(tokens, stop, org_at)
        for segment, org in _resolve_chain(chain, index):
            rule = "post.elected" if segment.elected else "post.chain" if org else "post.bare"
            evidence = Evidence(sentence.index, rule)
            posts.append(Post(person=key, role=segment.role, org=org, status=segment.status, evidence=[evidence]))


def _person_spans(tokens: list[Token], org_at: dict[int, OrgMention], inside_org: set[int]):
    """(start, stop, honorific, rule) of each person name in the sentence."""
    honorifics = table(HONORIFICS)
    i = 0
    while i < len(tokens):
        honorific = honorifics.match_at(tokens, i)
        if honorific and tokens[honorific.stop - 1].text != ":":
            j = honorific.stop + (1 if honorific.stop < len(tokens) and tokens[honorific.stop].text == ":" else 0)
            size = _name_size(tokens, j, inside_org, need_surname=False)
            if size:
                yield j, j + size, honorific.phrase, "person.honorific"
                i = j + size
                continue
        size = _name_size(tokens, i, inside_org, need_surname=True)
        if size and _has_post_context(tokens, i, i + size, org_at):
            yield i, i + size, None, "person.post-context"
            i += size
            continue
        i += 1


def _name_size(tokens: list[Token], i: int, inside_org: set[int], need_surname: bool) -> int:
    """Length of a 2-4 syllable personal name at i (the longest), or 0."""
    if i >= len(tokens) or not tokens[i].text[:1].isupper():
        return 0
    if need_surname and tokens[i].key not in word_set(SURNAMES):
        return 0  # not a family name: looks_like_person would refuse every size below
    for size in (4, 3, 2):
        span = tokens[i:i + size]
        if len(span) < size or any(k in inside_org for k in range(i, i + size)):
            continue
        if need_surname and not looks_like_person(span):
            continue
        if not all(is_name_syllable(t) for t in span):
            continue
        if i + size < len(tokens) and tokens[i + size].text[:1].isupper() and tokens[i + size].text.isalpha() \
                and not table(ROLES).match_at(tokens, i + size):
            continue  # the run goes on: a longer name or an organisation, not this person
        if not _protected_tail(tokens, i, i + size) and not table(ROLES).match_at(tokens, i):
            return size
    return 0


def _has_post_context(tokens: list[Token], start: int, stop: int, org_at: dict[int, OrgMention]) -> bool:
    """A post is written just before or just after the name."""
    return bool(_posts_before(tokens, start, org_at) or _posts_after(tokens, stop, org_at))


def _skip_status(tokens: list[Token], i: int) -> int:
    """Skip "nguyên" (former) before a post."""
    return i + 1 if i < len(tokens) and word_key(tokens[i].text) == "nguyên" else i


def _posts_before(tokens: list[Token], start: int, org_at: dict[int, OrgMention]) -> list[_Segment]:
    """"Chủ tịch Công đoàn Y Lê Thanh Tùng", "Phó Chủ tịch Ngọ Duy Hiểu": a post right before a name;
    also "Chủ tịch Công đoàn Y, chị Lê Thị Hà", a post, a comma, then a name with its form of address."""
    addressed = _address_before(tokens, start)
    if addressed is not None:
        return _posts_before(tokens, addressed - 1, org_at) if tokens[addressed - 1].text == "," else []
    for role_start in range(max(0, start - 20), start):  # a department and its parent can be long
        role = table(ROLES).match_at(tokens, role_start)
        if role is None:
            continue
        org = org_at.get(role_org_start(tokens, role.start, role.stop))
        parent = org_at.get(org.stop) if org and org.kind in ("department", "committee") else None
        if role.stop == start or (org and org.stop == start) or (parent and parent.stop == start):
            status = "former" if role_start and word_key(tokens[role_start - 1].text) == "nguyên" else None
            post = _Segment(_role_text(tokens, role.start, role.stop), role.fields[0], org, status)
            # "Trưởng Ban Tổ chức Tổng Liên đoàn Lê Thị Hà": the department, then its parent
            return [post, _Segment(None, "any", parent, None)] if parent and parent.stop == start else [post]
    return []


def _address_before(tokens: list[Token], start: int) -> int | None:
    """Where a form of address ("chị", "đồng chí") written just before a name starts, when it does."""
    for k in range(max(0, start - 3), start):
        found = table(HONORIFICS).match_at(tokens, k)
        if found and found.stop == start and k > 1:
            return k
    return None


def _posts_after(tokens: list[Token], stop: int, org_at: dict[int, OrgMention]) -> list[_Segment]:
    """", Phó Tổng Giám đốc, Chủ tịch Công đoàn Đài TNVN": the chain of posts after a name."""
    elected = _elected_post(tokens, stop, org_at)
    if elected:
        return elected
    segments: list[_Segment] = []
    i = stop
    while i < len(tokens) and tokens[i].text in _CHAIN_SEPARATORS:
        j = _skip_status(tokens, i + 1)
        role = table(ROLES).match_at(tokens, j)
        if role:
            acting_first = _acting(tokens, role.stop) is not None  # "Chủ tịch lâm thời Công đoàn X"
            org_start = role.stop + 2 if acting_first else role_org_start(tokens, role.start, role.stop)
            org = org_at.get(org_start)
            end = org.stop if org else role.stop + (2 if acting_first else 0)
            if _name_at(tokens, end):
                break  # "; Phó Chủ tịch Tổng Liên đoàn Ngọ Duy Hiểu": the next person's post
            status = "former" if j > i + 1 else ("acting" if acting_first else _acting(tokens, end))
            segments.append(_Segment(_role_text(tokens, role.start, role.stop), role.fields[0], org, status))
            i = end + (2 if status == "acting" and not acting_first else 0)
            if org and org.kind in ("department", "committee") and i in org_at:
                segments.append(_Segment(None, "any", org_at[i], None))  # "Ban Tổ chức LĐLĐ tỉnh": its parent
                i = org_at[i].stop
        elif j in org_at and segments:
            segments.append(_Segment(None, "any", org_at[j], None))  # the parent of the unit before
            i = org_at[j].stop
        else:
            break
    return segments


def _elected_post(tokens: list[Token], stop: int, org_at: dict[int, OrgMention]) -> list[_Segment]:
    """"X (và Y) được bầu giữ chức Chủ tịch Công đoàn Z": the post an election or appointment gives."""
    cue = table(POST_CUES).match_at(tokens, _skip_coordinated_names(tokens, stop))
    role = table(ROLES).match_at(tokens, cue.stop) if cue else None
    if role is None:
        return []
    org = org_at.get(role_org_start(tokens, role.start, role.stop))
    return [_Segment(_role_text(tokens, role.start, role.stop), role.fields[0], org, None, elected=True)]


def _skip_coordinated_names(tokens: list[Token], i: int) -> int:
    """Past ", Y" and "và Y" after a name: "Các đồng chí X và Y được bầu làm ..." elects both."""
    while i + 2 < len(tokens) and tokens[i].text in (",", "và"):
        j = i + 1
        while j < len(tokens) and j - i <= 4 and tokens[j].text[:1].isupper() and is_name_syllable(tokens[j]):
            j += 1
        if j - i < 3:  # a name has two syllables at least
            return i
        i = j
    return i


def _name_at(tokens: list[Token], i: int) -> bool:
    """A personal name starts at i."""
    return any(looks_like_person(tokens[i:i + size]) for size in (4, 3, 2) if i + size <= len(tokens))


def _acting(tokens: list[Token], i: int) -> str | None:
    """"lâm thời" after a post: acting."""
    if i + 1 < len(tokens) and f"{word_key(tokens[i].text)} {word_key(tokens[i + 1].text)}" == "lâm thời":
        return "acting"
    return None


def _role_text(tokens: list[Token], start: int, stop: int) -> str:
    """The post as written, spacing normalised."""
    return " ".join(t.text for t in tokens[start:stop])[:1].upper() + " ".join(t.text for t in tokens[start:stop])[1:]


def _resolve_chain(chain: list[_Segment], index: OrgIndex) -> list[tuple[_Segment, str | None]]:
    """The organisation of each post of a chain. A post written without one takes the next
    organisation of the chain ("Ủy viên Ban Thường vụ, Trưởng ban Ban X, Công đoàn Y" -> Y); an
    institution post takes the institution behind it ("Phó Tổng Giám đốc, Chủ tịch Công đoàn Đài
    TNVN" -> Đài TNVN); a unit followed by a bare organisation is a unit of that organisation."""
    orgs: list[str | None] = [
        qualify_contained(index, seg.org, None) if seg.org else None for seg in chain]
    for k, seg in enumerate(chain):
        if seg.role is None and seg.org is not None and k and chain[k - 1].org is not None:
            orgs[k - 1] = qualify_contained(index, chain[k - 1].org, orgs[k])
    resolved = []
    for k, seg in enumerate(chain):
        if seg.role is None:
            continue
        org = orgs[k]
        if org is None:
            org = _next_org(chain, orgs, k, index)
        if seg.role_owner.startswith("self:"):
            org = _own_body(index, seg.role_owner)
        elif seg.role_owner in ("institution", "party"):
            org = _institution_of(index, org) if org else index.main_host
        resolved.append((seg, org))
    return resolved


def _own_body(index: OrgIndex, owner: str) -> str:
    """The body a post names in itself ("self:state:Quốc hội"), from the reference where listed."""
    _, kind, name = owner.split(":", 2)
    key = find_or_add_org(index, name, kind)
    apply_reference(index.orgs[key])
    return key


def _next_org(chain: list[_Segment], orgs: list[str | None], k: int, index: OrgIndex) -> str | None:
    """The first organisation written after position k in the chain that can own a post: a union or
    institution, or the parent written after a unit ("..., Công đoàn Viên chức Việt Nam")."""
    for m in range(k + 1, len(chain)):
        org = orgs[m]
        if org is None:
            continue
        if chain[m].role is None or index.orgs[org].kind in UNION_KINDS | {"institution", "state"}:
            return org
    return None


def _institution_of(index: OrgIndex, org: str | None) -> str | None:
    """The institution behind an organisation: itself, or the host of a union."""
    if org is None:
        return None
    kind = index.orgs[org].kind
    if kind in ("institution", "state", "mass"):
        return org
    if kind == "union":
        return host_of(index, org)
    return None


def link_posts(posts: list[Post], index: OrgIndex) -> list[Post]:
    """Give a post written without an organisation ("Phó Chủ tịch Ngọ Duy Hiểu") the organisation of
    the same person's same role elsewhere in the article; drop it when none is known."""
    resolved: list[Post] = []
    for post in posts:
        if post.org is None and post.evidence[0].rule == "post.elected":
            post.org = index.main_union  # elected without a name: by the congress of the article's union
        if post.org is None:
            same_role = sorted(p.org for p in posts if p.person == post.person and p.org
                               and fold(p.role) == fold(post.role))
            post.org = same_role[0] if same_role else None
        if post.org is not None:
            index.use(post.org, post.evidence[0])
            resolved.append(post)
    return _dedupe_posts(resolved)


def _dedupe_posts(posts: list[Post]) -> list[Post]:
    """One post per (person, role, organisation), evidence merged."""
    merged: dict[tuple[str, str, str | None], Post] = {}
    for post in posts:
        key = (post.person, fold(post.role), post.org)
        if key in merged:
            merged[key].evidence.extend(e for e in post.evidence if e not in merged[key].evidence)
            merged[key].status = merged[key].status or post.status
        else:
            merged[key] = post
    return list(merged.values())
