"""Find organisation names in sentences: a head word ("Công đoàn", "Học viện") and the name after it."""
from __future__ import annotations

import re

from ..segment import Sentence, Token
from .lexicon import DOC_TYPES, EVENT_TYPES, GENERIC_NAMES, NAME_STOPS, NAME_TAILS, ORG_HEADS, PROTECTED, ROLES, SURNAMES, phrase_key, phrase_set, table, word_key, word_set
from .model import OrgMention

_ROMAN = re.compile(r"^[IVXLC]+$")
_QUOTES_OPEN = {"“", "«"}
_QUOTES_CLOSE = {"”", "»"}
# Words before a head that make it a class of units, not one unit ("các công đoàn cơ sở").
_GENERIC_BEFORE = {"các", "những", "mỗi", "từng", "một số", "nhiều"}
# Lower-case words that end a department's name ("Trưởng Ban vì sự tiến bộ của phụ nữ phát biểu").
_CONNECTORS = {"và", "&", "-", "–", "các"}
# Words that after a head name a level, not a unit: "LĐLĐ tỉnh", "Công đoàn ngành" (which province?).
_CLASS_WORDS = {"tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "ngành", "cơ", "sở", "trung", "ương", "cấp", "các"}
_MAX_DEPARTMENT_WORDS = 10
# Level words that may close a name and stand for the article's province ("Công đoàn Viên chức
# tỉnh"); the number is how many syllables the word has.
_BARE_LEVELS = {"tỉnh": 1, "thành": 2}


def find_org_mentions(sentence: Sentence) -> list[OrgMention]:
    """Organisation names written in one sentence, outside quotations and post titles."""
    tokens = sentence.tokens
    roles = table(ROLES).find_all(tokens)
    # Only a post written before a name may have that name after its organisation.
    after_role = {role_org_start(tokens, r.start, r.stop) for r in roles if not _after_a_name(tokens, r.start)}
    blocked = _role_spans(tokens) | _quoted_positions(tokens)
    # "Phó Trưởng ban Quan hệ lao động ...": the department's name starts at the lower-case "ban".
    lower_ban = {r.stop - 1 for r in roles if tokens[r.stop - 1].text == "ban" and role_org_start(
        tokens, r.start, r.stop) == r.stop - 1}
    mentions: list[OrgMention] = []
    heads, lower_heads = table(ORG_HEADS, capitalised=True), table(ORG_HEADS)
    i = 0
    while i < len(tokens):
        head = heads.match_at(tokens, i) or (lower_heads.match_at(tokens, i) if i in lower_ban else None)
        if head is None or i in blocked or _is_generic(tokens, i):
            i += 1
            continue
        stop = _extend_name(tokens, head.stop, head.fields[0])
        if stop == head.stop == i + 1 and i and is_name_syllable(tokens[i - 1]):
            i += 1  # "Nguyễn Xuân Trường", "Lê Văn Hội": a head word ending a person's name
            continue
        mentions.extend(_split_name(sentence, i, stop, head.phrase, head.fields[0], head.stop, i in after_role))
        if i in after_role and head.fields[0] in ("department", "committee"):
            after_role.add(stop)  # "Trưởng Ban Tổ chức Tổng Liên đoàn Lê Thị Hà": the parent ends with the name
        i = max(stop, i + 1)
    return mentions


def _after_a_name(tokens: list[Token], i: int) -> bool:
    """"Nguyễn Thị Lan, Chủ tịch ...": the post at i follows a person's name and a separator."""
    if i < 3 or tokens[i - 1].text not in {",", "-", "–"}:
        return False
    return any(i - 1 - size >= 0 and looks_like_person(tokens[i - 1 - size:i - 1]) for size in (2, 3, 4))


def _role_spans(tokens: list[Token]) -> set[int]:
    """Token positions covered by a post title, so "Ủy viên Ban Chấp hành" is not read as a committee."""
    covered: set[int] = set()
    for m in table(ROLES).find_all(tokens):
        if m.stop - m.start > 1 or tokens[m.start].text[:1].isupper():
            covered.update(range(m.start, role_org_start(tokens, m.start, m.stop)))
    return covered


def role_org_start(tokens: list[Token], start: int, stop: int) -> int:
    """Where the organisation of a post may start: after the post, or at its last word when "Trưởng
    Ban" is followed by the department's name ("Trưởng Ban vì sự tiến bộ của phụ nữ")."""
    last = tokens[stop - 1].text
    if stop - start > 1 and last == "Ban" and not (stop < len(tokens) and tokens[stop].text == "Ban"):
        return stop - 1
    if stop - start > 1 and last == "ban" and stop < len(tokens) and tokens[stop].text[:1].isupper() \
            and not table(ORG_HEADS, capitalised=True).match_at(tokens, stop):
        return stop - 1  # "Trưởng ban Tuyên giáo": the department's own words follow
    return stop


def _quoted_positions(tokens: list[Token]) -> set[int]:
    """Positions inside “...” quotations: titles of directives and movements, not mentions."""
    inside, depth = set(), 0
    for k, t in enumerate(tokens):
        if t.text in _QUOTES_OPEN:
            depth += 1
        elif t.text in _QUOTES_CLOSE:
            depth = max(0, depth - 1)
        elif depth:
            inside.add(k)
    return inside


def _is_generic(tokens: list[Token], i: int) -> bool:
    """A head after "các", "những" ... names a class of units."""
    before = " ".join(word_key(t.text) for t in tokens[max(0, i - 2):i])
    last = word_key(tokens[i - 1].text) if i else ""
    return last in _GENERIC_BEFORE or before in _GENERIC_BEFORE


def _extend_name(tokens: list[Token], j: int, kind: str) -> int:
    """The token index where the name that starts with a head (ending at j) ends."""
    head_only_so_far = True
    last_good = j
    while j < len(tokens) and not _stops_name(tokens, j):
        nested = _head_at(tokens, j)
        if nested:
            j = last_good = nested.stop
        elif _is_name_word(tokens[j]):
            j = last_good = j + 1
        elif word_key(tokens[j].text) == "số" and j + 1 < len(tokens) and tokens[j + 1].text.isdigit():
            j = last_good = j + 2  # "Cụm thi đua số 4"
        elif _level_words(tokens, j):
            j += _level_words(tokens, j)  # "Công đoàn cơ sở Công ty X", "Công đoàn ngành Y tế tỉnh X"
        elif _name_tail(tokens, j):
            j = last_good = j + _name_tail(tokens, j)  # "Công đoàn Công an nhân dân"
        else:
            run = _lowercase_run(tokens, j, kind)
            if run == j or (head_only_so_far and word_key(tokens[j].text) == "và"):
                break
            if _continues_name(tokens, j, run):
                j = last_good = run
            elif _ends_with_bare_level(tokens, j, run):
                j = last_good = _ends_with_bare_level(tokens, j, run)  # "Công đoàn Viên chức tỉnh"
                break
            elif kind == "department" or (kind == "bloc" and not _numbered_before(tokens, j)):
                j = last_good = _trim_connectors(tokens, j, run)
                break
            elif _single_trailing_syllable(tokens, j):
                j = last_good = j + 1  # "Quốc gia", "Tuyên truyền": the second syllable of a word
                if not _level_words(tokens, j):  # "Trường Trung học cơ sở Lê Lợi" goes on
                    break
            else:
                break
        head_only_so_far = False
    return last_good


def _numbered_before(tokens: list[Token], j: int) -> bool:
    """"Khối Thi đua III", "Cụm thi đua số 4": a numbered name is complete; words after it are not its."""
    return j > 0 and (bool(_ROMAN.match(tokens[j - 1].text)) or tokens[j - 1].text.isdigit())


def _name_tail(tokens: list[Token], j: int) -> int:
    """Length of a lower-case word of a name's tail at j ("nhân dân", "một thành viên"), or 0."""
    # Only after a capitalised word of the name that is not itself a head ("Công an", not "Viện").
    if j == 0 or not _is_name_word(tokens[j - 1]) or _head_at(tokens, j - 1) or \
            (j > 1 and _head_at(tokens, j - 2) and _head_at(tokens, j - 2).stop == j):
        return 0
    for start in (j, j + 1):  # "Công an nhân dân": one syllable, then the tail word
        for size in (3, 2):
            words = tokens[j:start + size]
            tail = " ".join(word_key(t.text) for t in tokens[start:start + size])
            plain = all(t.text[:1].islower() and t.text.isalpha() for t in words)
            if len(words) == start - j + size and plain and tail in phrase_set(NAME_TAILS) \
                    and not any(_is_stop_word(tokens, k) for k in range(j, start)):
                return len(words)
    return 0


def _level_words(tokens: list[Token], j: int) -> int:
    """Length of "cơ sở" or "ngành" between a union head and a capitalised name (not "ngành Trung
    ương", a class of unions), else 0."""
    if j + 2 < len(tokens) and f"{word_key(tokens[j].text)} {word_key(tokens[j + 1].text)}" == "cơ sở" \
            and _is_name_word(tokens[j + 2]):
        return 2
    if j + 1 < len(tokens) and word_key(tokens[j].text) == "ngành" and _is_name_word(tokens[j + 1]) \
            and word_key(tokens[j + 1].text) not in ("trung", "tw") and j and _head_at(tokens, j - 2):
        return 1
    return 0


def _ends_with_bare_level(tokens: list[Token], j: int, run: int) -> int:
    """The end of "kinh tế tỉnh" in "Công đoàn Khu kinh tế tỉnh": one to three lower-case syllables
    finishing a capitalised word, then "tỉnh" or "thành phố" with no name after (the article's
    province); 0 when the run is not so."""
    for p in range(j + 1, min(run, j + 4) + 1):
        level = _BARE_LEVELS.get(word_key(tokens[p - 1].text))
        if level is None or any(_is_stop_word(tokens, k) for k in range(j, p - 1)):
            continue
        end = p + (1 if level == 2 and p < len(tokens) and word_key(tokens[p].text) == "phố" else 0)
        if level == 2 and end == p:
            continue
        if end >= len(tokens) or not _is_name_word(tokens[end]):
            return end
    return 0


def _head_at(tokens: list[Token], j: int):
    """A head phrase starting at j, if any."""
    return table(ORG_HEADS, capitalised=True).match_at(tokens, j)


def _is_name_word(token: Token) -> bool:
    """A capitalised word or a roman numeral: part of a proper name."""
    return (token.text[:1].isupper() and token.text[:1].isalpha()) or bool(_ROMAN.match(token.text))


def _is_stop_word(tokens: list[Token], k: int) -> bool:
    """A verb, preposition or class word (single or pair) that never stands inside a name."""
    stops = phrase_set(NAME_STOPS)
    key = word_key(tokens[k].text)
    pair = f"{key} {word_key(tokens[k + 1].text)}" if k + 1 < len(tokens) else ""
    return key in stops or pair in stops


def _lowercase_run(tokens: list[Token], j: int, kind: str) -> int:
    """The end of a run of lower-case words and connectors starting at j (stop words end it)."""
    limit = _MAX_DEPARTMENT_WORDS if kind == "department" or (kind == "bloc" and not _numbered_before(tokens, j)) else 5
    k = j
    while k < len(tokens) and k - j < limit and (not _is_stop_word(tokens, k) or _inner_of(tokens, k, kind)):
        t = tokens[k]
        if word_key(t.text) in _CONNECTORS or (t.text[:1].islower() and t.text.isalpha()):
            k += 1
        else:
            break
    return k


def _inner_of(tokens: list[Token], k: int, kind: str) -> bool:
    """"của" inside a department's name ("Ban vì sự tiến bộ của phụ nữ"), before a lower-case noun."""
    if kind == "bloc" and word_key(tokens[k].text) == "ngành":  # "Khối thi đua các Công đoàn ngành Trung ương"
        return True
    return kind == "department" and word_key(tokens[k].text) == "của" and k + 1 < len(tokens) \
        and tokens[k + 1].text[:1].islower() and not _is_stop_word(tokens, k + 1)


def _continues_name(tokens: list[Token], j: int, k: int) -> bool:
    """After a lower-case run, the name goes on when a capitalised word follows that opens
    no new name, post, event or directive ("Khoáng sản Việt Nam", but not "và Công đoàn ...")."""
    if k >= len(tokens) or not _is_name_word(tokens[k]) or _stops_name(tokens, k):
        return False
    if table(DOC_TYPES).match_at(tokens, k):
        return False
    dash_only = all(t.text in {"-", "–"} for t in tokens[j:k])
    # "Công đoàn cơ quan Liên hiệp Hội", "Công đoàn các Khu công nghiệp tỉnh X": a head that is part of the name
    joins_head = " ".join(word_key(t.text) for t in tokens[j:k]) in {"cơ quan", "các"}
    return dash_only or joins_head or not _head_at(tokens, k)


def _single_trailing_syllable(tokens: list[Token], j: int) -> bool:
    """One lower-case syllable (not a connector) after a capitalised one, then punctuation, the end
    of the sentence or a verb pair ("Tuyên truyền tổ chức"): the second syllable of a word."""
    if not (tokens[j].text[:1].islower() and tokens[j].text.isalpha()) or word_key(tokens[j].text) in _CONNECTORS:
        return False
    if j == 0 or not tokens[j - 1].text[:1].isupper() or tokens[j - 1].text.isupper():
        return False
    if phrase_key(f"{tokens[j - 1].text} {tokens[j].text}") in phrase_set(NAME_TAILS):
        return True  # "Trung ương", whatever follows
    nxt = j + 1
    if nxt >= len(tokens) or not tokens[nxt].text[:1].isalnum():
        return True
    pair = f"{word_key(tokens[nxt].text)} {word_key(tokens[nxt + 1].text)}" if nxt + 1 < len(tokens) else ""
    return pair in phrase_set(NAME_STOPS)


def _trim_connectors(tokens: list[Token], j: int, k: int) -> int:
    """Drop connectors left dangling at the end of a run."""
    while k > j and word_key(tokens[k - 1].text) in _CONNECTORS:
        k -= 1
    return k


def _stops_name(tokens: list[Token], j: int) -> bool:
    """A post title, an event word or a term marker ends a name."""
    t = word_key(tokens[j].text)
    if t in {"khóa", "nhiệm", "lần", "năm", "ngày", "tháng"}:
        return True
    return bool(table(ROLES).match_at(tokens, j) and tokens[j].text[:1].isupper()) or \
        bool(table(EVENT_TYPES).match_at(tokens, j) and tokens[j].text[:1].isupper())


def _split_name(sentence: Sentence, start: int, stop: int, head: str, kind: str,
                head_stop: int, after_role: bool = False) -> list[OrgMention]:
    """One or two mentions from a run: split "A - B" where B opens with a head; after a post title
    ("Chủ tịch Công đoàn Y Lê Thanh Tùng"), drop the person's name that ends the run."""
    tokens = sentence.tokens
    for d in range(head_stop, stop - 1):
        if tokens[d].text in {"-", "–"} and table(ORG_HEADS, capitalised=True).match_at(tokens, d + 1):
            right = table(ORG_HEADS, capitalised=True).match_at(tokens, d + 1)
            return (_split_name(sentence, start, d, head, kind, head_stop)
                    + _split_name(sentence, d + 1, stop, right.phrase, right.fields[0], right.stop, after_role))
    if after_role:
        stop = _strip_trailing_person(tokens, head_stop, stop)
    generic = all(word_key(t.text) in _CLASS_WORDS for t in tokens[head_stop:stop]) or \
        phrase_key(sentence.span_text(start, stop)) in phrase_set(GENERIC_NAMES)
    text = sentence.span_text(start, stop)
    return [OrgMention(sentence.index, start, stop, text[:1].upper() + text[1:], kind, head, head_only=generic)]


def _strip_trailing_person(tokens: list[Token], head_stop: int, stop: int) -> int:
    """Cut "Lê Thanh Tùng" off "Công đoàn Liên hiệp Hội Việt Nam Lê Thanh Tùng"."""
    for size in (4, 3, 2):
        cut = stop - size
        if cut < head_stop:
            continue
        if size == 4 and word_key(tokens[cut + 1].text) in word_set(SURNAMES):
            continue  # "... Kim Đồng Nguyễn Thị Lan": the name starts at the second family name
        if looks_like_person(tokens[cut:stop]) and not _protected_tail(tokens, cut, stop):
            return cut
    return stop


def _protected_tail(tokens: list[Token], cut: int, stop: int) -> bool:
    """A place or a name that belongs to the organisation ("Hồ Chí Minh", "Hà Nội")."""
    protected = phrase_set(PROTECTED)
    return any(phrase_key(" ".join(t.text for t in tokens[a:b])) in protected
               for a in range(max(0, cut - 1), stop) for b in range(a + 2, stop + 1))


def looks_like_person(tokens: list[Token]) -> bool:
    """2-4 capitalised syllables, the first a family name, none an all-caps acronym."""
    if not 2 <= len(tokens) <= 4:
        return False
    if word_key(tokens[0].text) not in word_set(SURNAMES):
        return False
    return all(is_name_syllable(t) for t in tokens)


def is_name_syllable(token: Token) -> bool:
    """A capitalised syllable of a personal name ("Thành", and one-letter ones such as "Ý")."""
    text = token.text
    return text.isalpha() and text[:1].isupper() and (len(text) == 1 or text[1:].islower())
