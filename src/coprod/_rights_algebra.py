"""Exact algebra on rights slices (territory x media x language x time). Not public API.

A slice is a *box*: a product of a set of countries, a set of single media, a set of
language atoms and an interval of days. Differences of boxes are unions of boxes, computed
exactly by splitting one dimension at a time.

Language tags stand for every more specific tag, so sets of languages are not plain sets of
tags. Within one analysis, :class:`LanguageAtoms` cuts the languages into *atoms*, one per
tag named anywhere in the analysis (and one for ``*``) and version: the atom ``(zh, dubbed)``
is "Chinese, dubbed, other than the more specific Chinese tags named elsewhere". Every scope
in the analysis is then exactly a set of atoms.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pendulum

from coprod.languages import (
    ANY_LANGUAGE,
    LanguageRight,
    LanguageScope,
    LanguageVersion,
    tag_covers,
)
from coprod.media import Media
from coprod.terms import Term

#: Day numbers: ordinal of the date; an open end is this far-future day.
OPEN = pendulum.Date(9999, 12, 31).toordinal()
#: The first day of all time, for rights held without a start (copyright).
DAWN = pendulum.Date(1, 1, 1).toordinal()

Atom = tuple[str, LanguageVersion]


def day(ordinal: int) -> pendulum.Date:
    """The date of a day number."""
    d = pendulum.Date.fromordinal(ordinal)
    return pendulum.Date(d.year, d.month, d.day)


def term_days(term: Term) -> tuple[int, int]:
    """A term as (first, last) day numbers."""
    return term.start.toordinal(), OPEN if term.end is None else term.end.toordinal()


@functools.lru_cache(maxsize=65536)
def days_term(first: int, last: int) -> Term:
    """(first, last) day numbers as a term."""
    return Term(day(first), None if last >= OPEN else day(last))


class LanguageAtoms:
    """Cuts languages into atoms for one analysis."""

    def __init__(self, scopes: Iterable[LanguageScope]) -> None:
        tags: set[str] = {ANY_LANGUAGE}
        for scope in scopes:
            for right in scope.rights:
                tags.add(right.tag)
                tags.update(right.excluding)
        self.tags = frozenset(tags)

    def knows(self, scope: LanguageScope) -> bool:
        """Whether every tag *scope* names is one of this analysis' tags."""
        return all(r.tag in self.tags and r.excluding <= self.tags for r in scope.rights)

    def atoms(self, scope: LanguageScope) -> frozenset[Atom]:
        """The atoms making up *scope* (which must only name tags known here)."""
        return _atoms(self.tags, scope)

    def scope(self, atoms: frozenset[Atom]) -> LanguageScope:
        """The scope made of *atoms*, written with the fewest rights."""
        return _scope(self.tags, atoms)


@functools.lru_cache(maxsize=8192)
def _atoms(tags: frozenset[str], scope: LanguageScope) -> frozenset[Atom]:
    out: set[Atom] = set()
    for right in scope.rights:
        for tag in tags:
            if right.tag != ANY_LANGUAGE and (
                tag == ANY_LANGUAGE or not tag_covers(right.tag, tag)
            ):
                continue
            if any(tag_covers(x, tag) for x in right.excluding):
                continue
            for v in right.versions:
                out.add((tag, v))
    return frozenset(out)


@functools.lru_cache(maxsize=8192)
def _scope(tags: frozenset[str], atoms: frozenset[Atom]) -> LanguageScope:
    by_tag: dict[str, set[LanguageVersion]] = {}
    for tag, v in atoms:
        by_tag.setdefault(tag, set()).add(v)
    rights = []
    for tag, versions in by_tag.items():
        below = [u for u in tags if u != tag and (tag == ANY_LANGUAGE or tag_covers(tag, u))]
        missing = [u for u in below if not all((u, v) in atoms for v in versions)]
        # keep only the widest exclusions
        minimal = frozenset(
            u for u in missing if not any(w != u and tag_covers(w, u) for w in missing)
        )
        rights.append(LanguageRight(tag, frozenset(versions), minimal))
    return LanguageScope(frozenset(rights))


class Box(NamedTuple):
    """A product slice; day numbers inclusive (a named tuple: built in every query, so cheap)."""

    codes: frozenset[str]
    media: frozenset[Media]
    langs: frozenset[Atom]
    first: int
    last: int

    @property
    def is_empty(self) -> bool:
        return not self.codes or not self.media or not self.langs or self.last < self.first

    def intersection(self, other: Box) -> Box | None:
        first, last = max(self.first, other.first), min(self.last, other.last)
        if last < first:
            return None
        codes = self.codes & other.codes
        if not codes:
            return None
        media = self.media & other.media
        if not media:
            return None
        langs = self.langs & other.langs
        if not langs:
            return None
        return Box(codes, media, langs, first, last)

    def overlaps(self, other: Box) -> bool:
        return self.intersection(other) is not None

    def difference(self, other: Box) -> list[Box]:
        both = self.intersection(other)
        if both is None:
            return [self]
        out: list[Box] = []
        rest = self.codes - other.codes
        if rest:
            out.append(Box(rest, self.media, self.langs, self.first, self.last))
        rest_m = self.media - other.media
        if rest_m:
            out.append(Box(both.codes, rest_m, self.langs, self.first, self.last))
        rest_l = self.langs - other.langs
        if rest_l:
            out.append(Box(both.codes, both.media, rest_l, self.first, self.last))
        if self.first < both.first:
            out.append(Box(both.codes, both.media, both.langs, self.first, both.first - 1))
        if both.last < self.last:
            out.append(Box(both.codes, both.media, both.langs, both.last + 1, self.last))
        return out


def subtract(boxes: Sequence[Box], cutters: Iterable[Box]) -> list[Box]:
    """What remains of *boxes* after removing every cutter."""
    remaining = list(boxes)
    for cutter in cutters:
        if not remaining:
            break
        nxt: list[Box] = []
        for b in remaining:
            nxt.extend(b.difference(cutter))
        remaining = nxt
    return remaining


def _merge_axis(items: list[Box], axis: str) -> tuple[list[Box], bool]:
    """Union the set *axis* of boxes equal in every other field; say if any merged."""
    others = [f for f in Box._fields if f != axis]
    groups: dict[tuple[object, ...], list[Box]] = {}
    for b in items:
        groups.setdefault(tuple(getattr(b, f) for f in others), []).append(b)
    if all(len(g) == 1 for g in groups.values()):
        return items, False
    merged: dict[str, Any] = {}
    out = []
    for g in groups.values():
        merged[axis] = frozenset().union(*(getattr(b, axis) for b in g))
        out.append(g[0]._replace(**merged))
    return out, True


def merge(boxes: Iterable[Box]) -> list[Box]:
    """Merge boxes that differ in one dimension only (territories, then media, then time)."""
    items = list(boxes)
    if len(items) < 2:
        return items
    changed = True
    while changed and len(items) > 1:
        changed = False
        # territories, then media, then languages: union the boxes equal in every other field
        merged_once = False
        for axis in ("codes", "media", "langs"):
            items, merged_once = _merge_axis(items, axis)
            if merged_once:
                break
        if merged_once:
            changed = True
            continue
        # adjacent time intervals
        groups: dict[tuple[object, ...], list[Box]] = {}
        for b in items:
            groups.setdefault(("d", b.codes, b.media, b.langs), []).append(b)
        merged: list[Box] = []
        for g in groups.values():
            g.sort(key=lambda b: b.first)
            cur = g[0]
            for b in g[1:]:
                if b.first <= cur.last + 1:
                    cur = Box(cur.codes, cur.media, cur.langs, cur.first, max(cur.last, b.last))
                    changed = True
                else:
                    merged.append(cur)
                    cur = b
            merged.append(cur)
        items = merged
    return sorted(items, key=lambda b: (b.first, sorted(b.codes), sorted(b.media)))
