"""Which instrument governs a co-production between given states on a given date.

The precedence coprod implements, each step with the provision it rests on:

1. **Three or more states bound by one closed multilateral agreement** (the German–Austrian–
   Swiss agreement of 2011 for DE, AT and CH together): that agreement.
2. **Three or more states, conventions.** A convention governs multilateral co-productions
   even where bilateral agreements exist (ETS 147 Art. 2(3)). The revised convention
   (CETS 220) replaces the 1992 one between its Parties, but between a CETS 220 Party and a
   state party only to the 1992 Convention the 1992 Convention keeps applying (CNC Romania);
   Eurimages applies the revised percentages only when every country involved has ratified
   CETS 220 (Eurimages Co-production Support Regulations art. 2.3.2; otherwise the 1992
   percentages, art. 2.3.1). So: CETS 220 when at least three states are bound by it and no
   state in the co-production is bound only by the 1992 Convention; otherwise ETS 147 when at
   least three states are bound by it. States bound by neither take part as non-party
   co-producers (ETS 147 Art. 2(2)(b); CETS 220 Art. 2: together at most 30 %).
3. **Two states with a bilateral agreement**: the bilateral agreement keeps applying to
   bilateral co-productions (ETS 147 Art. 2(3)).
4. **Two states without one**: a convention both are bound by serves as the bilateral
   framework (ETS 147 Art. 2(4), unless a state made the Art. 20 reservation; CETS 220 Art. 2),
   CETS 220 when both are bound by it, else ETS 147.
5. **Three or more states and no convention**: a bilateral agreement between two of them,
   with the others as third-country co-producers, where that agreement admits them.
6. Otherwise **none**.

Where a date or status is not recorded (an entry into force no source gives, a convention
state whose own date is unknown), the result says so in ``caveats`` and ``certain`` is false;
coprod never treats an unknown as a yes without saying so.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs
import pendulum

from coprod.errors import InvalidValueError
from coprod.findings import ARTICLE_UNKNOWN, Citation, Confidence
from coprod.geo import Country
from coprod.terms import parse_date
from coprod.treaties._model import Bound, Treaty, TreatyKind
from coprod.treaties._registry import all as all_instruments

__all__ = ["Applicability", "Basis", "applicable"]

_ETS = "ETS-147"
_CETS = "CETS-220"

_ETS_TEXT = ("https://github.com/statengeneraal/laws-markdown/blob/master/verdrag/european/"
             "convention/on/cinematographic/co-production/BWBV0001179/README.md")
_CNC_RO = "https://cnc.gov.ro/?p=57378"
_EURIMAGES = "https://www.coe.int/en/web/eurimages/revised-convention"
_FDFA = "https://fdfa.be/en/council-of-europe-convention-on-cinematographic-co-production-revised"


class Basis(enum.Enum):
    """Why an instrument governs.

    .. versionadded:: 0.1.0
    """

    BILATERAL_TREATY = "bilateral-treaty"
    MULTILATERAL_AGREEMENT = "multilateral-agreement"
    CONVENTION_MULTILATERAL = "convention-multilateral"
    CONVENTION_AS_BILATERAL_FRAMEWORK = "convention-as-bilateral-framework"
    BILATERAL_TREATY_WITH_THIRD_COUNTRY = "bilateral-treaty-with-third-country"
    NONE = "none"


@attrs.frozen(kw_only=True)
class Applicability:
    """One answer of :func:`applicable`: an instrument (or none) and why.

    Args:
        instrument: The instrument id, or None.
        basis: Why it governs.
        reason: The reason in words, naming the provision.
        citation: The provision behind the precedence step, if there is one.
        countries: The states it binds among those asked about.
        non_party: The states that take part as non-party (third-country) co-producers.
        certain: False when the answer rests on a date or status no source gives.
        caveats: What is not known, in words.

    .. versionadded:: 0.1.0

    """

    instrument: str | None
    basis: Basis
    reason: str
    citation: Citation | None = None
    countries: tuple[Country, ...] = ()
    non_party: tuple[Country, ...] = ()
    certain: bool = True
    caveats: tuple[str, ...] = ()


def _cite(instrument: str, article: str, source: str) -> Citation:
    return Citation(instrument=instrument, article=article, source=source,
                    confidence=Confidence.HIGH)


def _bound(t: Treaty, states: Iterable[Country], on: pendulum.Date) -> dict[Country, Bound]:
    return {c: t.bound_on(c, on) for c in states}


def _caveats(t: Treaty, status: dict[Country, Bound], on: pendulum.Date) -> list[str]:
    out: list[str] = []
    if t.is_convention:
        for c, b in status.items():
            entry = t.state(c)
            if b is Bound.UNKNOWN:
                out.append(f"the date from which {t.id} binds {c.code} is not recorded")
            if entry is not None and entry.note and b is not Bound.NO:
                out.append(f"{c.code}: {entry.note}")
    else:
        if t.in_force_on(on) is Bound.UNKNOWN:
            signed = t.signature
            when = f"signed {signed.isoformat()}; " if signed else ""
            out.append(f"{t.id}: {when}its entry into force is not established by the sources")
        for c in status:
            entry = t.state(c)
            if entry is not None and entry.note:
                out.append(f"{c.code}: {entry.note}")
    return out


def _as_members(t: Treaty, states: Iterable[Country]) -> frozenset[Country]:
    """*states* as the instrument lists them: a predecessor (SU) as its continuing state."""
    found = states if isinstance(states, frozenset) else frozenset(states)
    if t.predecessors.isdisjoint(found):  # nearly always: a treaty continued by no one
        return found
    return frozenset(t.member(c) for c in found)


def _names(countries: Iterable[Country]) -> str:
    return ", ".join(c.code for c in countries)


def applicable(
    countries: Iterable[Country | str], on: pendulum.Date | str | None = None
) -> tuple[Applicability, ...]:
    """The instrument(s) that govern a co-production between *countries* on a date.

    The first answer is the one that governs; later ones are alternatives (for example a
    bilateral agreement with a third-country partner). When nothing governs, the only answer
    has ``basis`` :attr:`Basis.NONE` and says why. The precedence is documented in
    :mod:`coprod.treaties` (ETS 147 Art. 2(3)–(4); CETS 220 and its relation to the 1992
    Convention; Eurimages regulations art. 2.3.1/2.3.2).

    Args:
        countries: The states the co-producers are established in.
        on: The date (default: today).

    Example:
        >>> [a.instrument for a in applicable(["RU", "CN"], on="2024-06-01")]
        ['CN-RU-2017']
        >>> applicable(["IT", "ES", "PT"], on="2024-06-01")[0].instrument
        'CETS-220'
        >>> applicable(["BR", "KE"], on="2024-06-01")[0].basis
        <Basis.NONE: 'none'>

    .. versionadded:: 0.1.0

    """
    states = tuple(dict.fromkeys(c if isinstance(c, Country) else Country(c) for c in countries))
    day = pendulum.today().date() if on is None else parse_date(on) if isinstance(on, str) else on
    if len(states) < 2:
        raise InvalidValueError("a co-production needs the countries of at least two co-producers")
    catalogue = all_instruments()
    answers: list[Applicability] = []
    if len(states) >= 3:
        answers += _multilateral_agreements(catalogue, states, day)
        answers += _conventions_multilateral(catalogue, states, day)
        if not answers:
            answers += _bilateral_with_third(catalogue, states, day)
    else:
        answers += _bilateral(catalogue, states, day)
        answers += _multilateral_agreements(catalogue, states, day)
        by_id = {t.id: t for t in catalogue}
        unsure = [a.instrument for a in answers if a.instrument is not None
                  and by_id[a.instrument].in_force_on(day) is Bound.UNKNOWN]
        if not answers or len(unsure) == len(answers):
            # With no agreement between them, or only agreements whose entry into force the
            # sources do not establish, a convention binding both may be the framework
            # (ETS 147 Art. 2(3)-(4)): then it is an alternative, on that condition.
            answers += _conventions_bilateral(catalogue, states, day, unless=tuple(unsure))
    if not answers:
        elsewhere = _not_in_force(catalogue, states, day)
        between = ("no agreement between them in force on that day ("
                   + "; ".join(elsewhere) + ")") if elsewhere else (
                   "no bilateral agreement between them")
        answers.append(Applicability(
            instrument=None, basis=Basis.NONE, countries=(),
            reason=(f"no instrument in coprod's catalogue ({len(catalogue)} instruments) binds "
                    f"{_names(states)} on {day.isoformat()}: {between}, and no convention "
                    "binding enough of them. An agreement outside the catalogue may exist."),
        ))
    return tuple(answers)


def _not_in_force(catalogue: Iterable[Treaty], states: tuple[Country, ...],
                  day: pendulum.Date) -> list[str]:
    """Agreements between some of *states* that are known not to apply on *day*, and why.

    A team asking about a date before an agreement's entry into force (or after its end)
    should learn that it exists, not only that nothing applies.
    """
    out = []
    for t in catalogue:
        if t.is_convention or not t.countries <= _as_members(t, states):
            continue
        if t.in_force_on(day) is not Bound.NO:
            continue
        signed = (t.signature.isoformat() if t.signature is not None
                  else f"in {t.signed_year}" if t.signed_year else None)
        start = t.entry_into_force
        if t.ended is not None and day >= t.ended:
            out.append(f"{t.id} ceased to apply on {t.ended.isoformat()}")
        elif t.earliest is not None and day < t.earliest:
            out.append(f"{t.id} was signed {'on ' if t.signature else ''}{signed}, after that "
                       "day")
        elif start is not None:
            out.append(f"{t.id}, signed {'on ' if t.signature else ''}{signed}, is in force "
                       f"from {start.isoformat()}")
    return out


def _bilateral(catalogue: Iterable[Treaty], states: tuple[Country, ...],
               day: pendulum.Date) -> list[Applicability]:
    catalogue = list(catalogue)
    ets = _convention(catalogue, _ETS)
    # Only between Parties to the 1992 Convention could it compete with a bilateral
    # agreement; there, bilateral agreements keep applying to bilateral co-productions.
    under_ets = ets is not None and all(ets.bound_on(c, day) is not Bound.NO for c in states)
    found = []
    # Codes compare without hashing a Country each time; an agreement continued from a
    # predecessor state (SU) is compared as its members.
    given = frozenset(states)
    codes = frozenset(c.code for c in states)
    pairs = [t for t in catalogue
             if t.kind is TreatyKind.BILATERAL
             and (t.country_codes == codes if t.predecessors.isdisjoint(given)
                  else _as_members(t, given) == t.countries)]
    for t in pairs:
        status = _bound(t, states, day)
        if any(b is Bound.NO for b in status.values()):
            continue
        caveats = _caveats(t, status, day)
        # A newer agreement between the same states that replaces this one (Canada–China
        # 2016 replaces 1987): once it is in force this one no longer governs; while its
        # entry into force is not known, this one may or may not.
        newer = [n for n in pairs if t.id in n.supersedes and n.in_force_on(day) is not Bound.NO]
        if any(n.in_force_on(day) is Bound.YES for n in newer):
            continue
        caveats += [f"{t.id} is replaced by {n.id} once that agreement is in force, and its "
                    "entry into force is not established by the sources" for n in newer]
        reason = f"{t.id} ({t.title}) is the bilateral agreement between {_names(states)}"
        if under_ets:
            reason += ("; between Parties to the 1992 Convention, bilateral agreements keep "
                       "applying to bilateral co-productions (ETS 147 Art. 2(3))")
            citation = _cite(_ETS, "Art. 2(3)", _ETS_TEXT)
        else:
            best = min(t.sources, key=lambda s: s.confidence.rank)
            citation = Citation(instrument=t.id, article=ARTICLE_UNKNOWN, source=best.url,
                                confidence=best.confidence)
        found.append(Applicability(
            instrument=t.id, basis=Basis.BILATERAL_TREATY, countries=states,
            reason=reason + ".", citation=citation,
            certain=not caveats, caveats=tuple(caveats),
        ))
    # The one known to be in force first, then the latest signed (a newer agreement between
    # the same states replaces the older one once in force).
    signed = {t.id: (t.earliest or pendulum.Date(1, 1, 1)) for t in pairs}
    found.sort(key=lambda a: (not a.certain, -signed[a.instrument or ""].toordinal(),
                              a.instrument or ""))
    return found


def _multilateral_agreements(catalogue: Iterable[Treaty], states: tuple[Country, ...],
                             day: pendulum.Date) -> list[Applicability]:
    found = []
    for t in catalogue:
        if t.kind is not TreatyKind.MULTILATERAL or t.is_convention:
            continue
        if not _as_members(t, states) <= t.countries:
            continue
        status = _bound(t, states, day)
        if any(b is Bound.NO for b in status.values()):
            continue
        caveats = _caveats(t, status, day)
        exact = _as_members(t, states) == t.countries
        if not exact:
            caveats.append(f"whether {t.id} governs a co-production between only "
                           f"{_names(states)} of its states is not established by the sources")
        found.append(Applicability(
            instrument=t.id, basis=Basis.MULTILATERAL_AGREEMENT, countries=states,
            reason=f"{t.id} ({t.title}) binds {_names(states)}.",
            certain=not caveats, caveats=tuple(caveats),
        ))
    return found


def _convention(catalogue: Iterable[Treaty], instrument_id: str) -> Treaty | None:
    for t in catalogue:
        if t.id == instrument_id:
            return t
    return None


def _conventions_multilateral(catalogue: Iterable[Treaty], states: tuple[Country, ...],
                              day: pendulum.Date) -> list[Applicability]:
    catalogue = list(catalogue)
    cets = _convention(catalogue, _CETS)
    ets = _convention(catalogue, _ETS)
    c_status = _bound(cets, states, day) if cets else {}
    e_status = _bound(ets, states, day) if ets else {}
    in_cets = [c for c in states if c_status.get(c, Bound.NO) is not Bound.NO]
    in_ets = [c for c in states if e_status.get(c, Bound.NO) is not Bound.NO]
    only_1992 = [c for c in in_ets if c not in in_cets]
    out = []
    if cets is not None and len(in_cets) >= 3 and not only_1992:
        status = {c: c_status[c] for c in in_cets}
        caveats = _caveats(cets, status, day)
        non_party = tuple(c for c in states if c not in in_cets)
        out.append(Applicability(
            instrument=cets.id, basis=Basis.CONVENTION_MULTILATERAL, countries=tuple(in_cets),
            non_party=non_party,
            reason=(f"{_names(in_cets)} are bound by {cets.id}, which governs multilateral "
                    "co-productions between its Parties (Art. 2) and replaces the 1992 "
                    "Convention between them; no state in the co-production is bound only by "
                    "the 1992 Convention, which would keep applying to it (CNC Romania)"
                    + (f"; {_names(non_party)} take part as non-party co-producers. Eurimages "
                       "applies the revised percentages only where every country in the "
                       "co-production has ratified CETS 220, and the 1992 ones otherwise "
                       "(Eurimages regulations art. 2.3.1-2.3.2)"
                       if non_party else "") + "."),
            citation=_cite(cets.id, "Art. 2", _FDFA),
            certain=not caveats, caveats=tuple(caveats),
        ))
    elif ets is not None and len(in_ets) >= 3:
        status = {c: e_status[c] for c in in_ets}
        caveats = _caveats(ets, status, day)
        non_party = tuple(c for c in states if c not in in_ets)
        why = ""
        if only_1992 and in_cets:
            one = len(only_1992) == 1
            why = (f" {_names(only_1992)} {'is' if one else 'are'} bound only by the 1992 "
                   f"Convention, which keeps applying between {'it' if one else 'them'} and "
                   "CETS 220 Parties (CNC Romania; Eurimages regulations art. 2.3.1).")
        out.append(Applicability(
            instrument=ets.id, basis=Basis.CONVENTION_MULTILATERAL, countries=tuple(in_ets),
            non_party=non_party,
            reason=(f"{_names(in_ets)} are bound by {ets.id}, which governs multilateral "
                    "co-productions and overrides bilateral agreements for them "
                    "(ETS 147 Art. 2(3))." + why
                    + (f" {_names(non_party)} take part as non-party co-producers "
                       "(Art. 2(2)(b))." if non_party else "")),
            citation=_cite(ets.id, "Art. 2(3)", _ETS_TEXT if not why else _CNC_RO),
            certain=not caveats, caveats=tuple(caveats),
        ))
    return out


def _conventions_bilateral(catalogue: Iterable[Treaty], states: tuple[Country, ...],
                           day: pendulum.Date, unless: tuple[str, ...] = ()
                           ) -> list[Applicability]:
    catalogue = list(catalogue)
    for conv_id, article, source in ((_CETS, "Art. 2", _FDFA),
                                     (_ETS, "Art. 2(4)", _ETS_TEXT)):
        t = _convention(catalogue, conv_id)
        if t is None or t.bilateral_use is None or t.bilateral_use.value is not True:
            continue
        status = _bound(t, states, day)
        if any(b is Bound.NO for b in status.values()):
            continue
        excluded = [c for c in states if (e := t.state(c)) is not None and e.excludes_bilateral_use]
        if excluded:
            continue
        if conv_id == _ETS:
            cets = _convention(catalogue, _CETS)
            if cets is not None and all(cets.bound_on(c, day) is not Bound.NO for c in states):
                continue  # pragma: no cover - CETS 220 would have been found first
        caveats = _caveats(t, status, day)
        if unless:
            agreements = " and ".join(unless)
            reason = (f"if {agreements} {'is' if len(unless) == 1 else 'are'} not in force, "
                      f"{_names(states)} have no bilateral agreement in force and are both "
                      f"bound by {t.id}, which then serves as the bilateral framework "
                      f"({article}).")
            caveats.append(f"applies only if {agreements} {'is' if len(unless) == 1 else 'are'} "
                           "not in force, which the sources do not establish")
        else:
            reason = (f"{_names(states)} have no bilateral agreement in the catalogue and are "
                      f"both bound by {t.id}, which then serves as the bilateral framework "
                      f"({article}).")
        return [Applicability(
            instrument=t.id, basis=Basis.CONVENTION_AS_BILATERAL_FRAMEWORK, countries=states,
            reason=reason,
            citation=_cite(t.id, article, source),
            certain=not caveats, caveats=tuple(caveats),
        )]
    return []


def _admits_third_states(rule: object) -> bool:
    """Whether *rule* shows its instrument admits co-producers from third states.

    Rules for multilateral co-productions do (Italy–Japan Art. 9), and so do a cap on
    non-party co-producers with at least one known limit and a condition on them to check
    by hand (France–USSR 1967: a third country with an agreement with one of the two).
    """
    if getattr(getattr(rule, "scope", None), "value", None) == "multilateral":
        return True
    if (getattr(rule, "kind", None) == "manual-check"
            and getattr(getattr(rule, "applies_to", None), "value", None)
            == "non-party-co-producers"):
        return True  # a condition on such co-producers: they are admitted on it
    if getattr(rule, "kind", None) != "non-party-cap":
        return False
    limits = (getattr(rule, name, None)
              for name in ("maximum_total", "minimum_each", "at_most_each_party_state"))
    return any(p is not None and p.known for p in limits)


def _bilateral_with_third(catalogue: Iterable[Treaty], states: tuple[Country, ...],
                          day: pendulum.Date) -> list[Applicability]:
    found: list[tuple[Treaty, bool, list[str]]] = []
    for t in catalogue:
        if t.kind is not TreatyKind.BILATERAL or not t.countries <= _as_members(t, states):
            continue
        # It must say something of co-producers from other states: a cap on them, or rules
        # for multilateral co-productions (Italy–Japan Art. 9). A cap whose every limit is
        # unknown records only that the sources are silent (UK–China 2014): whether the
        # agreement admits such partners at all is then unknown, and the answer says so.
        admits = any(_admits_third_states(r) for r in t.rules)
        if not admits and not any(r.kind == "non-party-cap" for r in t.rules):
            continue
        status = _bound(t, tuple(c for c in states if t.member(c) in t.countries), day)
        if any(b is Bound.NO for b in status.values()):
            continue
        found.append((t, admits, _caveats(t, status, day)))
    # Of several agreements between some of the states, one known to admit third-country
    # co-producers comes first (one whose sources are silent on them may not admit them at
    # all), then one known to be in force on the day (no caveat on its dates), then by id;
    # and none is "the only" one.
    found.sort(key=lambda f: (not f[1], bool(f[2]), f[0].id))
    alone = len(found) == 1
    out = []
    for t, admits, caveats in found:
        pair = tuple(c for c in states if t.member(c) in t.countries)
        others = tuple(c for c in states if t.member(c) not in t.countries)
        if admits:
            reason = (f"no convention binds enough of {_names(states)}; {t.id} between "
                      f"{_names(pair)} admits co-producers from third states, so "
                      f"{_names(others)} may take part as third-country co-producers within "
                      "its limits.")
        else:
            reason = (f"no convention binds enough of {_names(states)}; {t.id} between "
                      f"{_names(pair)} {'is the only instrument that ' if alone else ''}could "
                      f"govern, if it admits co-producers from third states such as "
                      f"{_names(others)}.")
            caveats = [*caveats, f"the sources read do not say whether {t.id} admits "
                                 "co-producers from third states, nor on what terms; confirm "
                                 "with the competent authorities"]
        out.append(Applicability(
            instrument=t.id, basis=Basis.BILATERAL_TREATY_WITH_THIRD_COUNTRY, countries=pair,
            non_party=others, reason=reason, certain=not caveats, caveats=tuple(caveats),
        ))
    return out
