"""What the extractors find in one article, before it becomes RDF."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact, and the rule that read it."""

    sentence: int               # index of the sentence in the article
    rule: str


@dataclass
class OrgMention:
    """An organisation's name as written in one sentence."""

    sentence: int
    start: int                  # token index of the first word
    stop: int                   # token index after the last word
    text: str                   # the name as written
    kind: str                   # the head's kind: union, institution, party, committee ...
    head: str                   # the head phrase as in the table ("Công đoàn")
    head_only: bool = False     # just the head ("Công đoàn", "Viện"): refers to a unit named elsewhere
    entity: str | None = None   # the entity key, set by resolution


# Kinds of organisation that belong to the union hierarchy and can act on directives.
UNION_KINDS = frozenset({"union", "bloc", "federation", "confederation"})


@dataclass
class Org:
    """One organisation of the article: canonical name, names as written, kind, IRI."""

    key: str                    # the folded canonical name (plus parent for non-unique names)
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    iri: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    parent_hint: str | None = None  # key of the unit a generic name ("Khối Thi đua III") belongs to
    host: str | None = None     # key of the host institution of a union


@dataclass
class Person:
    """One person named in the article."""

    key: str                    # folded name
    name: str
    honorific: str | None = None
    iri: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Post:
    """A person holds a post in an organisation, as the article shows."""

    person: str                 # person key
    role: str                   # as written, normalised spacing ("Phó Chủ tịch thường trực")
    org: str | None             # org key, None when the article does not say
    status: str | None = None   # "former" (nguyên) or "acting" (lâm thời)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Directive:
    """A directive (resolution, programme, plan ...) mentioned in the article."""

    key: str                    # deterministic key: "nq-02-tw", "ctr-02-<issuer>", "nq-dai-hoi-xiii-<issuer>"
    type_label: str             # "Nghị quyết"
    type_code: str              # "NQ"
    concept: str                # "nghi-quyet"
    number: str | None = None
    symbol: str | None = None   # normalised "02-NQ/TW"
    issuer: str | None = None   # org key
    date: str | None = None     # ISO date, year-month or year
    title: str | None = None
    congress: str | None = None # roman ordinal of a congress resolution
    local_symbol: bool = False  # the symbol's issuer part is generic ("45/KH-LĐLĐ"): the issuer qualifies the IRI
    evidence: list[Evidence] = field(default_factory=list)
    iri: str = ""


@dataclass
class Relation:
    """A binary link between two entities of the article (org-org or directive-directive)."""

    kind: str                   # "sub_organization", "membership", "based_on", "union_of"
    subject: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Participation:
    """A person takes part in an event."""

    person: str
    role: str                   # chair | speaker | attendee
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Event:
    """A meeting, conference, congress or ceremony."""

    key: str
    event_type: str             # conference | meeting | congress | ceremony | training | other
    label: str
    organizer: str | None       # org key
    date: str | None            # ISO date or year-month
    location: str | None = None
    participants: list[Participation] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    iri: str = ""


@dataclass
class Act:
    """An organisation acts on a directive: disseminates, carries out, reviews or plans it."""

    actor: str                  # org key
    directive: str              # directive key
    kind: str                   # disseminate | carry-out | review | plan
    date: str | None = None
    event: str | None = None    # event key
    evidence: list[Evidence] = field(default_factory=list)
