"""Extraction: the steps that turn one cleaned article into facts, in the order they run."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article
from ..resolve import OrgIndex, assign_org_iris, qualify_contained, resolve_orgs
from ..segment import Sentence, split_sentences
from .lexicon import RETROSPECTIVE_CUES, table
from .directives import find_directives
from .events import find_acts, find_event, find_participants, merge_participants
from .identity import finalise_identities
from .model import Act, Directive, Event, Evidence, OrgMention, Person, Post, Relation
from .orgs import find_org_mentions
from .persons import find_people, link_posts
from .relations import (contained_parents, dedupe_relations, find_bases, find_document_bases, find_hierarchy,
                        find_members)


@dataclass
class ArticleFacts:
    """Everything extracted from one article, with deterministic IRIs."""

    article: Article
    sentences: list[Sentence]
    orgs: OrgIndex
    persons: dict[str, Person] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    directives: dict[str, Directive] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def extract_article(article: Article) -> ArticleFacts:
    """Run every extraction step over one article."""
    sentences = split_sentences(article.text)
    title_sentences = sum(1 for s in sentences if s.begin < len(article.title))
    mentions = [find_org_mentions(s) for s in sentences]
    index = resolve_orgs([m for ms in mentions for m in ms], title_sentences)
    facts = ArticleFacts(article, sentences, index)
    _mark_named_orgs(facts, mentions)
    for s, ms in zip(sentences, mentions):
        facts.relations += find_hierarchy(s, ms, index) + find_members(s, ms, index)
        find_people(s, ms, index, facts.persons, facts.posts)
    facts.posts = link_posts(facts.posts, index)
    directive_mentions = [find_directives(s, ms, index, facts.directives) for s, ms in zip(sentences, mentions)]
    _find_events(facts, mentions, title_sentences)
    for s, ms, dms in zip(sentences, mentions, directive_mentions):
        facts.acts += find_acts(s, ms, dms, index)
        facts.relations += find_bases(s, dms, facts.directives) + find_document_bases(s, dms, facts.directives)
    _attach_acts_to_event(facts)
    facts.relations = dedupe_relations(facts.relations + contained_parents(index, _first_sentence(mentions)))
    assign_org_iris(index)
    finalise_identities(facts)
    return facts


def _mark_named_orgs(facts: ArticleFacts, mentions: list[list[OrgMention]]) -> None:
    """Every organisation written by name (not just a bare head) is stated by the article."""
    for ms in mentions:
        for m in ms:
            if m.entity and not m.head_only:
                qualify_contained(facts.orgs, m, None)
                facts.orgs.use(m.entity, Evidence(m.sentence, "org.name"))
                facts.orgs.orgs[m.entity].aliases.add(m.text)


def _first_sentence(mentions: list[list[OrgMention]]) -> dict[str, int]:
    """The sentence where each organisation is first written."""
    first: dict[str, int] = {}
    for ms in mentions:
        for m in ms:
            if m.entity:
                first.setdefault(m.entity, m.sentence)
    return first


def _find_events(facts: ArticleFacts, mentions: list[list[OrgMention]], title_sentences: int) -> None:
    """Events of the article (one per organiser and date) and who took part in the main one."""
    by_key: dict[tuple[str | None, str | None], Event] = {}
    for s, ms in zip(facts.sentences, mentions):
        event = find_event(s, ms, facts.orgs, facts.article.published)
        if event is None:
            continue
        undated_same = [k for k in by_key if k[0] == event.organizer and (k[1] is None or event.date is None)]
        key = undated_same[0] if undated_same else (event.organizer, event.date)
        if key in by_key:
            old = by_key[key]
            old.date = old.date or event.date
            old.location = old.location or event.location
            old.evidence.extend(event.evidence)
        else:
            by_key[key] = event
    dated = [e for e in by_key.values() if e.date]
    facts.events = dated or list(by_key.values())[:1]  # an undated event only when it is the only one
    if not facts.events:
        return
    main = facts.events[0]
    if main.organizer:
        facts.orgs.main_union = main.organizer
    named_in = _people_by_sentence(facts)
    opened = min(e.sentence for e in main.evidence)
    for s in facts.sentences[opened:]:  # who is named before the event is reported took no part in it
        merge_participants(main, find_participants(s, named_in.get(s.index, [])))


def _people_by_sentence(facts: ArticleFacts) -> dict[int, list[str]]:
    """Persons with a post, by the sentences that name them."""
    with_post = {p.person for p in facts.posts}
    by_sentence: dict[int, list[str]] = {}
    for key, person in facts.persons.items():
        if key in with_post:
            for e in person.evidence:
                by_sentence.setdefault(e.sentence, []).append(key)
    return by_sentence


def _attach_acts_to_event(facts: ArticleFacts) -> None:
    """Acts by the organiser of the article's main event (or the body whose committee organised it)
    happen at that event, on its date; goals and acts told in a look back do not. One act per
    (actor, directive, kind)."""
    main = facts.events[0] if facts.events else None
    # "Ban Thường vụ LĐLĐ tỉnh X tổ chức hội nghị": the federation's acts are done at it too
    hosts = {main.organizer, facts.orgs.orgs[main.organizer].parent_hint} if main and main.organizer else set()
    merged: dict[tuple[str, str, str], Act] = {}
    looking_back = {s.index for s in facts.sentences if table(RETROSPECTIVE_CUES).find_all(s.tokens)}
    for act in facts.acts:
        earlier = all(e.sentence in looking_back for e in act.evidence)
        if main is not None and act.actor in hosts and act.kind != "goal" and not earlier:
            act.event, act.date = "main", main.date
        key = (act.actor, act.directive, act.kind)
        if key in merged:
            merged[key].evidence.extend(e for e in act.evidence if e not in merged[key].evidence)
        else:
            merged[key] = act
    facts.acts = list(merged.values())


__all__ = ["ArticleFacts", "extract_article"]
