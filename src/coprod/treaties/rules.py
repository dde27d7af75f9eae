"""Rule kinds: the shapes of treaty provisions, each a small class behind one protocol.

A rule is data (loaded from a catalogue file) plus one method,
:meth:`~coprod.treaties.Rule.check`, that looks at an agreement in a :class:`RuleContext` (the
instrument, the date, the states it binds) and yields :class:`~coprod.findings.Finding`
objects. Every rule carries the article it comes from, its sources and its confidence, and
every finding it yields cites them.
A parameter that is :data:`~coprod.treaties.UNKNOWN` yields an info finding "not checked",
never a guess.

Third parties add rule kinds by writing a frozen attrs class that satisfies
:class:`~coprod.treaties.Rule` and registering it (entry point group ``coprod.rule_kinds``, or
:func:`coprod.treaties.register_rule_kind`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pendulum

from coprod._fields import (
    bounded_whole_number,
    countries,
    enum_member,
    enum_members,
    instance_of,
    items_of,
    non_empty_text,
)
from coprod.agreements import (
    Approval,
    ApprovalKind,
    CoProducer,
    CoProducerRole,
    CoProductionAgreement,
    CreativeRole,
    KeyPerson,
    LocationKind,
    ProductionKind,
    Provision,
)
from coprod.errors import InvalidValueError, quote
from coprod.findings import ARTICLE_UNKNOWN, Citation, Confidence, Finding, FindingCode, Severity
from coprod.geo import Country
from coprod.languages import tag_covers
from coprod.share import Share
from coprod.territories import TerritoryGroups
from coprod.treaties._model import (
    _BOOL,
    _LANGUAGE_TAG,
    _SHARE,
    Param,
    Rule,
    Treaty,
    Unknown,
    _member_value,
    _param_of,
    _param_value,
    _plain_param,
    _whole_number_value,
)

__all__ = [
    "BUILTIN_RULE_KINDS",
    "AllowedStates",
    "ApplicationDeadline",
    "CompanyGroup",
    "CompanyMinimum",
    "ConditionTrigger",
    "ContributionRange",
    "Derogation",
    "FinancialCoProduction",
    "LanguageVersions",
    "LocationRule",
    "ManualCheck",
    "MinimumPersonnel",
    "NonPartyCap",
    "PersonnelNationality",
    "PointsElement",
    "PointsTest",
    "ProportionalContribution",
    "RoleRequirement",
    "Rule",
    "RuleBase",
    "RuleContext",
    "RuleScope",
    "Scope",
    "ScopeRule",
    "ShareUnit",
    "percent",
]


def percent(value: Fraction) -> str:
    """Render an exact fraction as a percentage for a message, exactly when it can be.

    A percentage that terminates within twelve decimal places is written exactly. Any other
    is marked as rounded ("about"), with as many decimal places as it takes not to look like
    a whole percentage, so that a share a hair below a bound never reads as the bound
    itself; a fraction with a small denominator is given exactly as well.

    Example:
        >>> percent(Fraction(1, 5)), percent(Fraction(1999, 10000)), percent(Fraction(21, 5))
        ('20%', '19.99%', '420%')
        >>> percent(Fraction(1, 3)), percent(Fraction(9600001, 12000000))
        ('1/3 (about 33.33%)', 'about 80.000008%')

    """
    if 0 <= value <= 1 and _terminates(value.denominator):
        return str(Share(value))  # exact, and the common case: a share of a budget
    pct = value * 100
    if (pct * 10**12).denominator == 1:
        return f"{_decimal_text(pct, 12, 0)}%"
    places = 2
    while places < 12 and round(pct, places).denominator == 1:
        places += 2
    rounded = round(pct, places)
    if not rounded:  # a share too small for twelve places still is not nothing
        about = f"less than 0.{'0' * (places - 1)}1%" + (" below zero" if pct < 0 else "")
    else:
        about = f"about {_decimal_text(rounded, places, 2)}%"
    if value.denominator <= 1000:
        return f"{value.numerator}/{value.denominator} ({about})"
    return about


def _terminates(denominator: int) -> bool:
    """Whether 1/denominator is a decimal of at most twelve places (after scaling by 100)."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return denominator == 1 and max(twos, fives) <= 14


def _decimal_text(value: Fraction, places: int, keep: int) -> str:
    """*value* (a multiple of 10**-places) in decimals, trailing zeros cut down to *keep*."""
    whole, frac = divmod(abs(value * 10**places).numerator, 10**places)
    digits = f"{frac:0{places}d}".rstrip("0").ljust(keep, "0")
    return ("-" if value < 0 else "") + str(whole) + (f".{digits}" if digits else "")


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# Validators of the rules' fields: a value of the wrong type is refused in words, naming the
# field (see coprod._fields); catalogue files are checked by the same validators.
_text = instance_of(str)
_optional_text = instance_of(str, type(None))
_texts = items_of(str)
_bool = instance_of(bool)
_optional_bool = instance_of(bool, type(None))


def _at_least(minimum: int) -> dict[str, Any]:
    """Field metadata: the least value, for the JSON Schema of documents (``coprod schema``)."""
    return {"json_schema": {"minimum": minimum}}


# Validators of parameters: a Param whose value is UNKNOWN or of the type the rule reads
# (see coprod.treaties._model._param_of); their converters turn ``"unknown"`` into UNKNOWN
# and an enum's value given as text into its member, keeping the parameter's provenance.
_share = _param_of(_SHARE)
_optional_share = _param_of(_SHARE, optional=True)
_optional_flag = _param_of(_BOOL, optional=True)
_points = _param_of(_whole_number_value(1))
_months = _param_of(_whole_number_value(0))
_language_tags = _param_of(_LANGUAGE_TAG, optional=True, items=True, non_empty=True)


# Lossless normalisation of enum values given as text (``"multilateral"``); each enum is
# looked up when called, so these may stand before the enums they name.


def _confidence(value: Any) -> Any:
    return enum_member(Confidence, value)


def _severity(value: Any) -> Any:
    return enum_member(Severity, value)


def _rule_scope(value: Any) -> Any:
    return enum_member(RuleScope, value)


def _share_unit(value: Any) -> Any:
    return enum_member(ShareUnit, value)


def _company_group(value: Any) -> Any:
    return enum_member(CompanyGroup, value)


def _allowed_states(value: Any) -> Any:
    return enum_member(AllowedStates, value)


def _creative_role(value: Any) -> Any:
    return enum_member(CreativeRole, value)


def _creative_roles(value: Any) -> Any:
    return enum_members(CreativeRole, value)


def _location_kinds(value: Any) -> Any:
    return enum_members(LocationKind, value)


def _production_kinds(value: Any) -> Any:
    return enum_members(ProductionKind, value)


def _provisions(value: Any) -> Any:
    return enum_members(Provision, value)


def _allowed_param(value: Any) -> Any:
    return _param_value(value, _allowed_states)


def _kinds_param(value: Any) -> Any:
    return _param_value(value, _production_kinds)


def _tags_param(value: Any) -> Any:
    return _param_value(value, _tuple)


def _also_allowed(value: Any) -> Any:
    return countries(value, "also_allowed")


# ---------------------------------------------------------------------------------------------
# context


class Scope(enum.Enum):
    """Whether a co-production involves two states bound by the instrument, or more.

    .. versionadded:: 0.1.0
    """

    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"


class RuleScope(enum.Enum):
    """Which co-productions a rule applies to.

    .. versionadded:: 0.1.0
    """

    ANY = "any"
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"

    @property
    def text(self) -> str:
        """How summaries name the co-productions a rule covers."""
        return "all co-productions" if self is RuleScope.ANY else f"{self.value} co-productions"

    def covers(self, scope: Scope | None) -> bool:
        """Whether a co-production of *scope* falls under a rule of this scope."""
        return self is RuleScope.ANY or (scope is not None and scope.value == self.value)


@attrs.frozen(kw_only=True)
class RuleContext:
    """What a rule sees: the agreement, the instrument, the date and the states it binds.

    Args:
        agreement: The agreement under review.
        treaty: The instrument applied.
        on: The date the rules are taken as they stood on.
        bound: The states the instrument binds on that date (including those whose status
            is recorded as uncertain; instrument-level findings report those).

    .. versionadded:: 0.1.0

    """

    agreement: CoProductionAgreement
    treaty: Treaty
    on: pendulum.Date
    bound: frozenset[Country]

    # -- parties ------------------------------------------------------------------------

    @functools.cached_property
    def fractions(self) -> Mapping[str, Fraction | None]:
        """Every co-producer's fraction of the budget (None when it cannot be computed)."""
        return self.agreement.shares()

    def country(self, party_id: str) -> Country:
        """A co-producer's country of establishment."""
        return self.agreement.country_of(party_id)

    def is_party_producer(self, cp: CoProducer) -> bool:
        """Whether a co-producer is established in a state the instrument binds."""
        return self.country(cp.party) in self.bound

    @functools.cached_property
    def party_producers(self) -> tuple[CoProducer, ...]:
        """Co-producers established in a bound state (whatever their declared role)."""
        return tuple(cp for cp in self.agreement.co_producers if self.is_party_producer(cp))

    @functools.cached_property
    def non_party_producers(self) -> tuple[CoProducer, ...]:
        """Co-producers established outside the states the instrument binds."""
        return tuple(cp for cp in self.agreement.co_producers if not self.is_party_producer(cp))

    @functools.cached_property
    def co_producing_states(self) -> tuple[Country, ...]:
        """The bound states that co-producers are established in, in order of appearance."""
        seen: dict[Country, None] = {}
        for cp in self.party_producers:
            seen.setdefault(self.country(cp.party), None)
        return tuple(seen)

    @functools.cached_property
    def scope(self) -> Scope | None:
        """Bilateral or multilateral; None when fewer than two bound states take part.

        Under a convention, a co-production is multilateral when its co-producers are
        established in three or more of its Parties; co-producers from non-party states take
        part in addition and do not count (ETS 147 Art. 2(2)(a)-(b), CETS 220 Art. 2), so a
        co-production between two Parties with a non-party partner is a bilateral one. Under
        a bilateral agreement, a co-production with a third-country partner is a multilateral
        one (e.g. Italy–Japan Art. 9), so every country counts.
        """
        if len(self.co_producing_states) < 2:
            return None
        if self.treaty.is_convention:
            n = len(self.co_producing_states)
        else:
            n = len(self.agreement.countries)
        return Scope.MULTILATERAL if n >= 3 else Scope.BILATERAL

    def state_fraction(self, country: Country) -> Fraction | None:
        """The total fraction of the budget from co-producers of one state."""
        total = Fraction(0)
        for cp in self.party_producers:
            if self.country(cp.party) == country:
                f = self.fractions[cp.party]
                if f is None:
                    return None
                total += f
        return total

    def path_of(self, party_id: str) -> str:
        """The JSON path of a co-producer's (first) contribution, or of its entry."""
        for i, c in enumerate(self.agreement.contributions):
            if c.party == party_id:
                return f"$.contributions[{i}]"
        for i, cp in enumerate(self.agreement.co_producers):
            if cp.party == party_id:
                return f"$.co_producers[{i}]"
        return "$"  # pragma: no cover - references are checked when the agreement is built

    def name(self, party_id: str) -> str:
        """A party's display name with its country: ``Volga Animation (RU)``."""
        party = self.agreement.party(party_id)
        return f"{party.name} ({self.country(party_id).code})"

    def approved(self, kind: ApprovalKind, countries: Iterable[Country]) -> bool:
        """Whether the authorities of every one of *countries* recorded an approval of *kind*."""
        have = {a.country for a in self.agreement.approvals if a.kind is kind}
        needed = set(countries)
        return bool(needed) and needed <= have

    def how_to_record(self, kind: ApprovalKind, countries: Iterable[Country]) -> str:
        """What to add to the file once the authorities decide: the ``approvals`` entries missing.

        A sentence to end a finding with, such as " Once given, record it in 'approvals': kind
        'points-shortfall' for ES, PT." (the states of *countries* with no such entry yet).
        """
        have = {a.country for a in self.agreement.approvals if a.kind is kind}
        missing = sorted({c.code for c in countries if c not in have})
        return (f" Once given, record it in 'approvals': kind '{kind.value}' for "
                f"{', '.join(missing)}.")

    def approvals(self, kind: ApprovalKind) -> tuple[Approval, ...]:
        """The recorded approvals of one kind."""
        return tuple(a for a in self.agreement.approvals if a.kind is kind)

    def position_country(self, position: KeyPerson) -> Country:
        """The country a key position counts for.

        The contract's ``counts_for`` wins; then the country of the co-producer the position
        belongs to; then the holder's first nationality or residence that is a co-producing
        state; then the holder's first nationality.
        """
        if position.counts_for is not None:
            return position.counts_for
        if position.co_producer is not None:
            return self.country(position.co_producer)
        countries = self.agreement.countries_of_position(position)
        states = self.co_producing_states
        for c in countries:
            if c in states:
                return c
        return countries[0]

    # -- citations ----------------------------------------------------------------------

    def cite(self, rule: RuleBase, param: Param[Any] | None = None) -> Citation:
        """The citation for a rule, refined by one of its parameters."""
        article = (param.article if param is not None else None) or rule.article or ARTICLE_UNKNOWN
        sources = (param.sources if param is not None and param.sources else ()) or rule.sources
        confidence = (param.confidence if param is not None else None) or rule.confidence
        if param is not None and not param.article and rule.article:
            # The value is the parameter's, the article number the rule's: the citation is
            # as reliable as the weaker of the two (CETS 220 Art. 6: numbers read in official
            # sources, the article number not).
            confidence = max(confidence, rule.confidence, key=lambda c: c.rank)
        best = self.treaty.best_source(sources)
        url = best.url if best is not None else "source unknown"
        return Citation(
            instrument=self.treaty.id, article=article, source=url, confidence=confidence
        )

    def finding(
        self,
        rule: RuleBase,
        code: str,
        severity: Severity,
        path: str,
        message: str,
        param: Param[Any] | None = None,
    ) -> Finding:
        """A finding citing *rule* (and *param*, when the value came from it)."""
        return Finding(
            code=code,
            severity=severity,
            path=path,
            message=message,
            citation=self.cite(rule, param),
        )

    def not_checked(
        self, rule: RuleBase, code: str, what: str, param: Param[Any] | None = None,
        path: str = "$",
    ) -> Finding:
        """The info finding for a rule that cannot be checked because *what* is unknown."""
        return self.finding(
            rule, code, Severity.INFO, path,
            f"not checked: {what} under {self.treaty.id} is not known", param,
        )


# ---------------------------------------------------------------------------------------------
# protocol and base


def _code(code: str, severity: Severity, summary: str, origin: str) -> FindingCode:
    return FindingCode(code=code, severity=severity, summary=summary, origin=origin)


@attrs.frozen(kw_only=True)
class RuleBase:
    """Fields every built-in rule kind shares.

    Args:
        id: Unique within the instrument; not empty.
        article: The article, or None when the sources do not give it.
        sources: Ids of the instrument's sources.
        confidence: How reliable they are.
        note: A quote or caveat for readers.
        introduced_by: The id of the amendment that introduced the rule; the rule applies
            only once that amendment is in force.

    The ids in ``sources`` and ``introduced_by`` are checked against the instrument's own
    when the :class:`~coprod.Treaty` holding the rule is built.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = ""
    codes: ClassVar[tuple[FindingCode, ...]] = ()

    id: str = attrs.field(validator=non_empty_text)
    article: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(converter=_tuple, validator=_texts)
    confidence: Confidence = attrs.field(converter=_confidence,
                                         validator=instance_of(Confidence))
    note: str | None = attrs.field(default=None, validator=_optional_text)
    introduced_by: str | None = attrs.field(default=None, validator=_optional_text)

    def check(self, ctx: RuleContext) -> Iterable[Finding]:  # pragma: no cover - abstract
        """Yield the findings for the agreement in *ctx*."""
        raise NotImplementedError

    def summary(self) -> str:  # pragma: no cover - abstract
        """One line saying what the rule requires."""
        raise NotImplementedError

    def params(self) -> Mapping[str, Param[Any]]:
        """The rule's parameters by name.

        Every attribute holding a :class:`~coprod.treaties.Param` is one.
        """
        out: dict[str, Param[Any]] = {}
        for a in attrs.fields(type(self)):
            value = getattr(self, a.name)
            if isinstance(value, Param):
                out[a.name] = value
            elif attrs.has(type(value)):
                for b in attrs.fields(type(value)):
                    inner = getattr(value, b.name)
                    if isinstance(inner, Param):
                        out[f"{a.name}.{b.name}"] = inner
        return out


def _range(low: Param[Any] | None, high: Param[Any] | None, of: str = "") -> str:
    """The rest of a sentence on a range: " between 20% and 80% of the budget" and the like.

    A bound left out is not mentioned; one recorded as unknown is said to be not known.
    """
    main, unsure = _range_parts(low, high, of)
    return main + unsure


def _range_parts(low: Param[Any] | None, high: Param[Any] | None,
                 of: str = "") -> tuple[str, str]:
    """:func:`_range` in two: the range, and what is said of a bound not known (or "")."""
    lo = low if low is not None and low.known else None
    hi = high if high is not None and high.known else None
    if lo is not None and hi is not None:
        return f" between {_val(lo)} and {_val(hi)}{of}", ""
    if lo is not None:
        return f" at least {_val(lo)}{of}", "; the maximum not known" if high is not None else ""
    if hi is not None:
        return f" at most {_val(hi)}{of}", "; the minimum not known" if low is not None else ""
    recorded = low is not None or high is not None
    return f"{of}: " + ("limits not known" if recorded else "no limits recorded"), ""


def _val(p: Param[Any]) -> str:
    """A parameter's value as summaries print it: a share, a number, a flag, a list of kinds.

    The validators leave nothing else: a list parameter is never empty and holds enum
    members (production kinds; language tags are printed by ``LanguageVersions`` itself).
    """
    v = p.value
    if isinstance(v, Unknown):
        return "unknown"
    if isinstance(v, tuple):
        return ", ".join(x.value for x in v)
    return str(v)


# ---------------------------------------------------------------------------------------------
# contribution range


class ShareUnit(enum.Enum):
    """Whether a range applies to each co-producer or to each state's total.

    .. versionadded:: 0.1.0
    """

    CO_PRODUCER = "co-producer"
    STATE = "state"


@attrs.frozen(kw_only=True)
class Derogation:
    """A wider range allowed in exceptional cases.

    Args:
        minimum: The lowest share allowed by derogation.
        maximum: The highest share allowed by derogation.
        requires_approval: The competent authorities of every co-producing state must approve
            (an ``approvals`` entry of kind ``contribution-derogation`` for each).
        condition: A condition coprod cannot verify (reported as a warning when relied on).

    .. versionadded:: 0.1.0

    """

    minimum: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                               validator=_optional_share)
    maximum: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                               validator=_optional_share)
    requires_approval: bool = attrs.field(default=True, validator=_bool)
    condition: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class ContributionRange(RuleBase):
    """Each co-producer's (or each state's) share of the budget lies within a range.

    Shares are derived from contributions (financial and in kind) over the total budget.
    Co-producers established outside the states the instrument binds are left to
    :class:`NonPartyCap`.

    Args:
        scope: Bilateral, multilateral or any co-production.
        unit: Per co-producer or per state.
        minimum: The minimum share.
        maximum: The maximum share.
        derogation: A wider range allowed with approval or on a condition.
        support_threshold: A share within the range below which a state may reduce or bar
            access to its national support (ETS 147 Art. 6(1): 20 %); a share below it is
            reported as a warning, not an error.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "contribution-range"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("CONTRIB-BELOW-MIN", Severity.ERROR,
              "A co-producer's (or state's) share of the budget is below the minimum.", kind),
        _code("CONTRIB-ABOVE-MAX", Severity.ERROR,
              "A co-producer's (or state's) share of the budget is above the maximum.", kind),
        _code("CONTRIB-DEROGATION-APPROVED", Severity.INFO,
              "A share outside the normal range is within the derogation range and every "
              "competent authority's approval is recorded.", kind),
        _code("CONTRIB-DEROGATION-CONDITION", Severity.WARNING,
              "A share relies on a derogation whose condition coprod cannot verify.", kind),
        _code("CONTRIB-RANGE-NOT-CHECKED", Severity.INFO,
              "The minimum or maximum share under the instrument is not known.", kind),
        _code("CONTRIB-SUPPORT-AT-RISK", Severity.WARNING,
              "A share within the range is below the threshold under which a state may "
              "reduce or bar access to its national support.", kind),
    )

    scope: RuleScope = attrs.field(default=RuleScope.ANY, converter=_rule_scope,
                                   validator=instance_of(RuleScope))
    unit: ShareUnit = attrs.field(default=ShareUnit.CO_PRODUCER, converter=_share_unit,
                                  validator=instance_of(ShareUnit))
    minimum: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                               validator=_optional_share)
    maximum: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                               validator=_optional_share)
    derogation: Derogation | None = attrs.field(default=None,
                                                validator=instance_of(Derogation, type(None)))
    support_threshold: Param[Share] | None = attrs.field(
        default=None, converter=_plain_param, validator=_optional_share)

    def summary(self) -> str:
        """The allowed range of shares, with any derogation, in one line."""
        text = (f"{self.scope.text}: each {self.unit.value}'s share"
                + _range(self.minimum, self.maximum, " of the budget"))
        if self.derogation is not None:
            d = self.derogation
            if (d.minimum is not None and d.minimum.known
                    and d.maximum is not None and d.maximum.known):
                main, unsure = f" {_val(d.minimum)}–{_val(d.maximum)}", ""
            else:
                main, unsure = _range_parts(d.minimum, d.maximum)
            text += "; by derogation" + main
            text += " with every authority's approval" if d.requires_approval else ""
            text += f" ({d.condition})" if d.condition else ""
            text += unsure
        if self.support_threshold is not None:
            text += f"; national support at risk below {_val(self.support_threshold)}"
        return text

    def _units(self, ctx: RuleContext) -> Iterator[tuple[str, str, Fraction | None, str]]:
        # A bilateral agreement's rule for multilateral co-productions bounds every
        # participant, third countries included (Italy–Japan Art. 9: "10 %–70 % per
        # country"); elsewhere the bounds are those of the states the instrument binds, and
        # non-party co-producers have rules of their own.
        everyone = (self.scope is RuleScope.MULTILATERAL and ctx.scope is Scope.MULTILATERAL
                    and not ctx.treaty.is_convention)
        producers = ctx.agreement.co_producers if everyone else ctx.party_producers
        if self.unit is ShareUnit.STATE:
            sides: dict[Country, list[CoProducer]] = {}
            for cp in producers:
                sides.setdefault(ctx.country(cp.party), []).append(cp)
            for country, members in sides.items():
                value: Fraction | None = Fraction(0)
                for cp in members:
                    part = ctx.fractions[cp.party]
                    value = None if value is None or part is None else value + part
                yield (f"the {country.name} side", ctx.path_of(members[0].party), value,
                       country.code)
        else:
            for cp in producers:
                yield (ctx.name(cp.party), ctx.path_of(cp.party), ctx.fractions[cp.party],
                       ctx.country(cp.party).code)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield a ``CONTRIB-*`` finding for each share outside the range."""
        if not self.scope.covers(ctx.scope):
            return
        for bound_name, bound in (("minimum", self.minimum), ("maximum", self.maximum)):
            if bound is not None and not bound.known:
                yield ctx.not_checked(
                    self, "CONTRIB-RANGE-NOT-CHECKED",
                    f"the {bound_name} share for {self.scope.text}", bound,
                )
        for who, path, value, _cc in self._units(ctx):
            if value is None:
                continue  # a structural finding already says why the share is unknown
            yield from self._check_one(ctx, who, path, value)

    def _check_one(
        self, ctx: RuleContext, who: str, path: str, value: Fraction
    ) -> Iterator[Finding]:
        low = self.minimum.value if self.minimum is not None else None
        high = self.maximum.value if self.maximum is not None else None
        if isinstance(low, Share) and value < low.value:
            yield from self._outside(ctx, who, path, value, "below", low, self.minimum)
        elif (self.support_threshold is not None
              and isinstance(bar := self.support_threshold.value, Share) and value < bar.value):
            yield ctx.finding(
                self, "CONTRIB-SUPPORT-AT-RISK", Severity.WARNING, path,
                f"{who} contributes {percent(value)} of the budget, within the range but below "
                f"{bar}: a state may reduce or bar access to its national support for a share "
                "below that; ask its competent authority.", self.support_threshold)
        if isinstance(high, Share) and value > high.value:
            yield from self._outside(ctx, who, path, value, "above", high, self.maximum)

    def _outside(
        self, ctx: RuleContext, who: str, path: str, value: Fraction, side: str,
        bound: Share, param: Param[Share] | None,
    ) -> Iterator[Finding]:
        code = "CONTRIB-BELOW-MIN" if side == "below" else "CONTRIB-ABOVE-MAX"
        word = "minimum" if side == "below" else "maximum"
        message = (f"{who} contributes {percent(value)} of the budget, {side} the {word} of "
                   f"{bound} for {self.scope.value} co-productions" if self.scope is not
                   RuleScope.ANY else
                   f"{who} contributes {percent(value)} of the budget, {side} the {word} of "
                   f"{bound}")
        d = self.derogation
        d_param = None if d is None else (d.minimum if side == "below" else d.maximum)
        d_bound = None if d_param is None else d_param.value
        within = isinstance(d_bound, Share) and (
            value >= d_bound.value if side == "below" else value <= d_bound.value
        )
        if d is None or not within:
            if isinstance(d_bound, Share):
                message += (f" (and {'below' if side == 'below' else 'above'} the "
                            f"{word} of {d_bound} a derogation allows)")
            yield ctx.finding(self, code, Severity.ERROR, path, message + ".", param)
            return
        assert d_param is not None
        if d.requires_approval:
            states = ctx.co_producing_states
            if ctx.approved(ApprovalKind.CONTRIBUTION_DEROGATION, states):
                yield ctx.finding(
                    self, "CONTRIB-DEROGATION-APPROVED", Severity.INFO, path,
                    message + f"; within the derogation limit of {d_bound}, approved by the "
                    "competent authorities of " + ", ".join(c.code for c in states) + ".",
                    d_param,
                )
                return
            yield ctx.finding(
                self, code, Severity.ERROR, path,
                message + f". A derogation {'down' if side == 'below' else 'up'} to {d_bound} "
                "is possible only with the "
                "approval of the competent authorities of " + ", ".join(c.code for c in states)
                + "; none is recorded for every state."
                + ctx.how_to_record(ApprovalKind.CONTRIBUTION_DEROGATION, states),
                d_param,
            )
            return
        yield ctx.finding(
            self, "CONTRIB-DEROGATION-CONDITION", Severity.WARNING, path,
            message + f"; allowed {'down' if side == 'below' else 'up'} to {d_bound} only if: "
            f"{d.condition or 'see the article'}. coprod cannot verify this condition.",
            d_param,
        )


# ---------------------------------------------------------------------------------------------
# minimum per company


class CompanyGroup(enum.Enum):
    """Which companies a per-company minimum covers.

    .. versionadded:: 0.1.0
    """

    PARTY_STATES = "party-states"
    NON_PARTY = "non-party"


@attrs.frozen(kw_only=True)
class CompanyMinimum(RuleBase):
    """Where one side is several companies, each company contributes at least a minimum.

    Args:
        scope: Bilateral, multilateral or any.
        companies: Companies of the party states (applies when a state has two or more) or
            non-party companies (applies to each).
        minimum: The minimum share per company.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "company-minimum"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("COMPANY-BELOW-MIN", Severity.ERROR,
              "One of several companies of one side contributes less than the per-company "
              "minimum.", kind),
        _code("COMPANY-MIN-NOT-CHECKED", Severity.INFO,
              "The per-company minimum under the instrument is not known.", kind),
    )

    scope: RuleScope = attrs.field(default=RuleScope.ANY, converter=_rule_scope,
                                   validator=instance_of(RuleScope))
    companies: CompanyGroup = attrs.field(default=CompanyGroup.PARTY_STATES,
                                          converter=_company_group,
                                          validator=instance_of(CompanyGroup))
    minimum: Param[Share] = attrs.field(converter=_plain_param, validator=_share)

    def summary(self) -> str:
        """The per-company minimum and the companies it covers, in one line."""
        who = ("each company where one state's side is several companies"
               if self.companies is CompanyGroup.PARTY_STATES else "each non-party company")
        return f"{self.scope.text}: {who} contributes at least {_val(self.minimum)}"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``COMPANY-BELOW-MIN`` for each covered company below the minimum."""
        if not self.scope.covers(ctx.scope):
            return
        if self.companies is CompanyGroup.PARTY_STATES:
            by_state: dict[Country, list[CoProducer]] = {}
            for cp in ctx.party_producers:
                by_state.setdefault(ctx.country(cp.party), []).append(cp)
            group = [cp for cps in by_state.values() if len(cps) > 1 for cp in cps]
        else:
            group = list(ctx.non_party_producers)
        if not group:
            return
        if not self.minimum.known:
            yield ctx.not_checked(self, "COMPANY-MIN-NOT-CHECKED", "the per-company minimum",
                                  self.minimum)
            return
        low = self.minimum.get()
        for cp in group:
            value = ctx.fractions[cp.party]
            if value is not None and value < low.value:
                yield ctx.finding(
                    self, "COMPANY-BELOW-MIN", Severity.ERROR, ctx.path_of(cp.party),
                    f"{ctx.name(cp.party)} contributes {percent(value)} of the budget, below the "
                    f"minimum of {low} for each company.",
                    self.minimum,
                )


# ---------------------------------------------------------------------------------------------
# non-party co-producers


@attrs.frozen(kw_only=True)
class NonPartyCap(RuleBase):
    """Co-producers from states the instrument does not bind: a cap, a floor, a ceiling.

    Args:
        scope: Bilateral, multilateral or any.
        maximum_total: The most all non-party co-producers together may contribute.
        minimum_each: The least each non-party co-producer must contribute.
        at_most_each_party_state: Each non-party co-producer contributes no more than each
            party state's side does (e.g. "not above the Russian and Uzbek investments").

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "non-party-cap"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("NONPARTY-ABOVE-CAP", Severity.ERROR,
              "Non-party (third-country) co-producers together contribute more than the cap.",
              kind),
        _code("NONPARTY-BELOW-MIN", Severity.ERROR,
              "A non-party co-producer contributes less than the minimum for such a partner.",
              kind),
        _code("NONPARTY-ABOVE-PARTY-SHARE", Severity.ERROR,
              "A non-party co-producer contributes more than one of the party states' sides.",
              kind),
        _code("NONPARTY-NOT-CHECKED", Severity.INFO,
              "A limit on non-party co-producers under the instrument is not known.", kind),
    )

    scope: RuleScope = attrs.field(default=RuleScope.ANY, converter=_rule_scope,
                                   validator=instance_of(RuleScope))
    maximum_total: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                                     validator=_optional_share)
    minimum_each: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                                    validator=_optional_share)
    at_most_each_party_state: Param[bool] | None = attrs.field(
        default=None, converter=_plain_param, validator=_optional_flag)

    def summary(self) -> str:
        """The limits on non-party co-producers, in one line."""
        parts = []
        if self.maximum_total is not None:
            parts.append(f"together at most {_val(self.maximum_total)} of the budget")
        if self.minimum_each is not None:
            parts.append(f"each at least {_val(self.minimum_each)}")
        if self.at_most_each_party_state is not None:
            parts.append("each no more than any party state's side")
        return f"{self.scope.text}: non-party co-producers " + "; ".join(parts)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield a ``NONPARTY-*`` finding for each limit a non-party co-producer breaks."""
        if not self.scope.covers(ctx.scope):
            return
        others = ctx.non_party_producers
        if not others:
            return
        values = [ctx.fractions[cp.party] for cp in others]
        limits = (("the cap on non-party co-producers", self.maximum_total),
                  ("the minimum for each non-party co-producer", self.minimum_each),
                  ("the ceiling relative to the party states", self.at_most_each_party_state))
        for name, p in limits:
            if p is not None and not p.known:
                yield ctx.not_checked(self, "NONPARTY-NOT-CHECKED", name, p)
        if (
            self.maximum_total is not None
            and isinstance(self.maximum_total.value, Share)
            and all(v is not None for v in values)
        ):
            total = sum((v for v in values if v is not None), Fraction(0))
            cap = self.maximum_total.value
            if total > cap.value:
                who = ", ".join(ctx.name(cp.party) for cp in others)
                yield ctx.finding(
                    self, "NONPARTY-ABOVE-CAP", Severity.ERROR, ctx.path_of(others[0].party),
                    f"co-producers from states not bound by {ctx.treaty.id} ({who}) "
                    f"contribute {percent(total)} of the budget together, above the cap of "
                    f"{cap}.",
                    self.maximum_total,
                )
        for cp, value in zip(others, values, strict=True):
            if value is None:
                continue
            if self.minimum_each is not None and isinstance(self.minimum_each.value, Share):
                low = self.minimum_each.value
                if value < low.value:
                    yield ctx.finding(
                        self, "NONPARTY-BELOW-MIN", Severity.ERROR, ctx.path_of(cp.party),
                        f"{ctx.name(cp.party)}, from a state not bound by {ctx.treaty.id}, "
                        f"contributes {percent(value)} of the budget, below the minimum of "
                        f"{low} for such a co-producer.",
                        self.minimum_each,
                    )
            flag = self.at_most_each_party_state
            if flag is not None and flag.value is True:
                for state in ctx.co_producing_states:
                    side = ctx.state_fraction(state)
                    if side is not None and value > side:
                        yield ctx.finding(
                            self, "NONPARTY-ABOVE-PARTY-SHARE", Severity.ERROR,
                            ctx.path_of(cp.party),
                            f"{ctx.name(cp.party)} contributes {percent(value)} of the budget, "
                            f"more than the {state.name} side ({percent(side)}).",
                            flag,
                        )


# ---------------------------------------------------------------------------------------------
# financial-only co-producers


@attrs.frozen(kw_only=True)
class FinancialCoProduction(RuleBase):
    """Financial-only (minority) co-producers: a range and the conditions for it.

    Args:
        minimum: The least share of each financial-only co-producer.
        maximum: The most share of each financial-only co-producer.
        requires_majority_with_creative: A majority co-producer must make an effective
            technical and artistic contribution. None (the default; left out of a catalogue
            file) when the sources do not say: the condition is reported as not checked.
        requires_approval: Approval case by case by the competent authorities (an
            ``approvals`` entry of kind ``financial-co-production`` for each state); None
            (the default) when the sources do not say.
        required_provisions: Clauses the contract must contain (e.g. receipts sharing).
        conditions: Conditions coprod cannot verify, listed for the reviewer.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "financial-co-production"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("FINONLY-BELOW-MIN", Severity.ERROR,
              "A financial-only co-producer contributes less than the minimum.", kind),
        _code("FINONLY-ABOVE-MAX", Severity.ERROR,
              "A financial-only co-producer contributes more than the maximum.", kind),
        _code("FINONLY-NO-MAJORITY", Severity.ERROR,
              "There is no majority co-producer making a technical and artistic contribution.",
              kind),
        _code("FINONLY-PROVISION-MISSING", Severity.ERROR,
              "The contract lacks a clause financial co-productions require.", kind),
        _code("FINONLY-NO-APPROVAL", Severity.WARNING,
              "The case-by-case approval of a financial co-production is not recorded.", kind),
        _code("FINONLY-CONDITION", Severity.INFO,
              "A condition for financial co-productions that a reviewer must check by hand.",
              kind),
        _code("FINONLY-NOT-CHECKED", Severity.INFO,
              "The range for financial-only co-producers, or a condition on them, is not "
              "known.", kind),
    )

    minimum: Param[Share] = attrs.field(converter=_plain_param, validator=_share)
    maximum: Param[Share] = attrs.field(converter=_plain_param, validator=_share)
    requires_majority_with_creative: bool | None = attrs.field(default=None,
                                                               validator=_optional_bool)
    requires_approval: bool | None = attrs.field(default=None, validator=_optional_bool)
    required_provisions: tuple[Provision, ...] = attrs.field(
        default=(), converter=_provisions, validator=items_of(Provision))
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)

    def summary(self) -> str:
        """The range for financial-only co-producers and whether approval is needed."""
        return ("financial-only co-producers: each" + _range(self.minimum, self.maximum)
                + ("; case-by-case approval" if self.requires_approval else ""))

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``FINONLY-*`` findings on the range, majority, clauses and approval."""
        financial = [cp for cp in ctx.party_producers if cp.role is CoProducerRole.FINANCIAL_ONLY]
        if not financial:
            return
        for name, p in (("the minimum share of a financial-only co-producer", self.minimum),
                        ("the maximum share of a financial-only co-producer", self.maximum)):
            if not p.known:
                yield ctx.not_checked(self, "FINONLY-NOT-CHECKED", name, p)
        for name, flag in (("whether a majority co-producer must make an effective technical "
                            "and artistic contribution", self.requires_majority_with_creative),
                           ("whether the competent authorities approve each financial "
                            "co-production case by case", self.requires_approval)):
            if flag is None:
                yield ctx.not_checked(self, "FINONLY-NOT-CHECKED", name, path="$.co_producers")
        for cp in financial:
            value = ctx.fractions[cp.party]
            path = ctx.path_of(cp.party)
            if value is None:
                continue
            low, high = self.minimum.value, self.maximum.value
            if isinstance(low, Share) and value < low.value:
                yield ctx.finding(
                    self, "FINONLY-BELOW-MIN", Severity.ERROR, path,
                    f"{ctx.name(cp.party)} is a financial-only co-producer contributing "
                    f"{percent(value)}, below the minimum of {low}.", self.minimum)
            if isinstance(high, Share) and value > high.value:
                yield ctx.finding(
                    self, "FINONLY-ABOVE-MAX", Severity.ERROR, path,
                    f"{ctx.name(cp.party)} is a financial-only co-producer contributing "
                    f"{percent(value)}, above the maximum of {high}.", self.maximum)
        if self.requires_majority_with_creative:
            majority = [cp for cp in ctx.party_producers if cp.role is CoProducerRole.MAJORITY]
            creative = {ctx.position_country(k) for k in ctx.agreement.key_personnel}
            if not any(ctx.country(cp.party) in creative for cp in majority):
                yield ctx.finding(
                    self, "FINONLY-NO-MAJORITY", Severity.ERROR, "$.co_producers",
                    "a financial co-production needs a majority co-producer that makes an "
                    "effective technical and artistic contribution; no majority co-producer "
                    "has key personnel counting for its state.")
        for i, prov in enumerate(self.required_provisions):
            if prov not in ctx.agreement.provisions:
                yield ctx.finding(
                    self, "FINONLY-PROVISION-MISSING", Severity.ERROR, "$.provisions",
                    f"a financial co-production contract must contain a {prov.value} clause; "
                    f"none is recorded (required provision {i + 1}).")
        if self.requires_approval:
            states = [ctx.country(cp.party) for cp in ctx.party_producers]
            if not ctx.approved(ApprovalKind.FINANCIAL_CO_PRODUCTION, states):
                yield ctx.finding(
                    self, "FINONLY-NO-APPROVAL", Severity.WARNING, "$.approvals",
                    "financial co-productions are approved case by case by the competent "
                    "authorities; the approval of every co-producing state is not recorded."
                    + ctx.how_to_record(ApprovalKind.FINANCIAL_CO_PRODUCTION, states))
        for condition in self.conditions:
            yield ctx.finding(
                self, "FINONLY-CONDITION", Severity.INFO, "$",
                f"check by hand: {condition}.")


# ---------------------------------------------------------------------------------------------
# proportional creative and technical contribution


@attrs.frozen(kw_only=True)
class ProportionalContribution(RuleBase):
    """Creative and technical contribution in proportion to the financial one.

    The creative share of a state is the fraction of key positions counting for it; it is
    compared with the state's financial share. Financial-only co-producers are exempt.

    Args:
        tolerance: The largest gap allowed between the two shares (UNKNOWN when the
            instrument states none: only a side with no creative contribution at all is
            reported).

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "proportional-contribution"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("PROPORTION-OFF", Severity.WARNING,
              "A state's creative and technical share differs from its financial share by more "
              "than the tolerance.", kind),
        _code("PROPORTION-NONE", Severity.WARNING,
              "A state contributes money but no key creative or technical position and no "
              "location spend.", kind),
        _code("PROPORTION-NOT-CHECKED", Severity.INFO,
              "The tolerance for proportionality is not known.", kind),
    )

    tolerance: Param[Share] = attrs.field(converter=_plain_param, validator=_share)

    def summary(self) -> str:
        """The proportionality requirement and its tolerance, in one line."""
        return ("creative and technical contribution in proportion to the financial one "
                f"(tolerance {_val(self.tolerance)})")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``PROPORTION-*`` findings for sides out of proportion."""
        creative_states = [
            c for c in ctx.co_producing_states
            if any(ctx.country(cp.party) == c and cp.role is not CoProducerRole.FINANCIAL_ONLY
                   for cp in ctx.party_producers)
        ]
        positions = ctx.agreement.key_personnel
        counted = [ctx.position_country(k) for k in positions]
        relevant = [c for c in counted if c in creative_states]
        spent = {loc.country for loc in ctx.agreement.locations if loc.spend.amount > 0}
        if not self.tolerance.known:
            yield ctx.not_checked(
                self, "PROPORTION-NOT-CHECKED",
                "the tolerance between creative and financial shares", self.tolerance)
        for state in creative_states:
            financial = ctx.state_fraction(state)
            first = next(cp for cp in ctx.party_producers if ctx.country(cp.party) == state)
            path = ctx.path_of(first.party)
            if financial is None:
                continue
            n = sum(1 for c in relevant if c == state)
            if financial > 0 and n == 0 and state not in spent:
                yield ctx.finding(
                    self, "PROPORTION-NONE", Severity.WARNING, path,
                    f"the {state.name} side contributes {percent(financial)} of the budget but "
                    "no key creative or technical position counts for it and no location spend "
                    "is recorded there.", self.tolerance)
                continue
            if not self.tolerance.known or not relevant:
                continue
            creative = Fraction(n, len(relevant))
            tol = self.tolerance.get()
            if abs(creative - financial) > tol.value:
                yield ctx.finding(
                    self, "PROPORTION-OFF", Severity.WARNING, path,
                    f"the {state.name} side holds {percent(creative)} of the key positions "
                    f"but contributes {percent(financial)} of the budget; the tolerance is {tol}.",
                    self.tolerance)


# ---------------------------------------------------------------------------------------------
# minimum personnel per side


@attrs.frozen(kw_only=True)
class RoleRequirement:
    """At least *count* key positions of the given roles.

    Args:
        label: What the requirement calls them ("author", "lead actor"); not empty.
        roles: The roles that satisfy it.
        count: How many positions are needed: at least 1 (a requirement of no one
            requires nothing).

    .. versionadded:: 0.1.0

    """

    label: str = attrs.field(validator=non_empty_text)
    roles: tuple[CreativeRole, ...] = attrs.field(converter=_creative_roles,
                                                  validator=items_of(CreativeRole))
    count: int = attrs.field(default=1, validator=bounded_whole_number(1),
                             metadata=_at_least(1))


@attrs.frozen(kw_only=True)
class MinimumPersonnel(RuleBase):
    """Each co-producing state's contribution includes a minimum of key personnel.

    Financial-only co-producers are exempt. Exceptions need an approval of kind
    ``staffing-exception`` from every co-producing state.

    Args:
        requirements: What each side must include.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "minimum-personnel"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("PERSONNEL-MINIMUM-MISSING", Severity.ERROR,
              "A co-producing state's contribution lacks a required key position.", kind),
        _code("PERSONNEL-MINIMUM-APPROVED", Severity.INFO,
              "A required key position is missing but both authorities approved the "
              "exception.", kind),
    )

    requirements: tuple[RoleRequirement, ...] = attrs.field(
        converter=_tuple, validator=items_of(RoleRequirement))

    def summary(self) -> str:
        """The key positions each side must include, in one line."""
        need = ", ".join(f"{r.count} {r.label}" for r in self.requirements)
        return f"each co-producing state's contribution includes at least: {need}"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``PERSONNEL-MINIMUM-*`` findings for each side lacking a position."""
        states = [
            c for c in ctx.co_producing_states
            if any(ctx.country(cp.party) == c and cp.role is not CoProducerRole.FINANCIAL_ONLY
                   for cp in ctx.party_producers)
        ]
        excepted = ctx.approved(ApprovalKind.STAFFING_EXCEPTION, ctx.co_producing_states)
        for state in states:
            held = [k for k in ctx.agreement.key_personnel if ctx.position_country(k) == state]
            for req in self.requirements:
                n = sum(1 for k in held if k.role in req.roles)
                if n >= req.count:
                    continue
                message = (f"the {state.name} side's contribution includes {n} {req.label} "
                           f"position(s); at least {req.count} required")
                if excepted:
                    yield ctx.finding(self, "PERSONNEL-MINIMUM-APPROVED", Severity.INFO,
                                      "$.key_personnel", message + "; exception approved.")
                else:
                    yield ctx.finding(self, "PERSONNEL-MINIMUM-MISSING", Severity.ERROR,
                                      "$.key_personnel", message + ".")


# ---------------------------------------------------------------------------------------------
# language versions


@attrs.frozen(kw_only=True)
class LanguageVersions(RuleBase):
    """The work is made in required language versions.

    Args:
        required: BCP 47 language tags (``ru``, ``zh-Hans``; a list is kept as a tuple);
            every one must be among the original or planned versions (``any_of`` makes one
            of them enough).
        any_of: One of the languages suffices.
        authority_may_require: The instrument only lets an authority demand a version in
            one of its languages (ETS 147 Art. 14): reported for information.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "language-versions"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("LANG-VERSION-MISSING", Severity.ERROR,
              "A language version the instrument requires is not planned.", kind),
        _code("LANG-MAY-BE-REQUIRED", Severity.INFO,
              "A competent authority may demand a final version in one of its languages.", kind),
        _code("LANG-NOT-CHECKED", Severity.INFO,
              "The language requirements under the instrument are not known.", kind),
    )

    required: Param[tuple[str, ...]] | None = attrs.field(
        default=None, converter=_tags_param, validator=_language_tags)
    any_of: bool = attrs.field(default=False, validator=_bool)
    authority_may_require: bool = attrs.field(default=False, validator=_bool)

    def summary(self) -> str:
        """The required language versions, in one line."""
        if self.authority_may_require:
            return "a competent authority may demand a final version in one of its languages"
        joiner = " or " if self.any_of else " and "
        langs = (joiner.join(self.required.get()) if self.required is not None
                 and self.required.known else "unknown")
        return f"final versions in {langs}"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``LANG-*`` findings for required versions that are not planned."""
        if self.authority_may_require:
            yield ctx.finding(
                self, "LANG-MAY-BE-REQUIRED", Severity.INFO, "$.production.language_versions",
                "the competent authority of each co-producing state may demand a final version "
                "in one of its languages: " + ", ".join(c.code for c in ctx.co_producing_states)
                + ".")
        if self.required is None:
            return
        if not self.required.known:
            yield ctx.not_checked(self, "LANG-NOT-CHECKED",
                                  "the list of required language versions", self.required,
                                  "$.production.language_versions")
            return
        planned = ctx.agreement.production.delivered_languages
        wanted = self.required.get()
        have = [w for w in wanted if any(tag_covers(w, p) for p in planned)]
        missing = [w for w in wanted if w not in have]
        if self.any_of and have:
            return
        if self.any_of or missing:
            names = [_language_name(w) for w in (wanted if self.any_of else missing)]
            what = " or ".join(names) if self.any_of else " and ".join(names)
            yield ctx.finding(
                self, "LANG-VERSION-MISSING", Severity.ERROR, "$.production.language_versions",
                f"no {what} version is planned; {ctx.treaty.id} requires "
                + (" or ".join(_language_name(w) for w in wanted) if self.any_of
                   else " and ".join(_language_name(w) for w in wanted))
                + " versions. Planned: " + (", ".join(planned) or "none") + ".",
                self.required)


def _language_name(tag: str) -> str:
    import langcodes

    return f"{langcodes.Language.get(tag).display_name()} ({tag})"


# ---------------------------------------------------------------------------------------------
# points test


class AllowedStates(enum.Enum):
    """Which states' nationals (or locations) a rule accepts.

    * ``co-producing-states``: the states the co-producers are established in;
    * ``bound-states``: every state the instrument binds on the date.

    .. versionadded:: 0.1.0
    """

    CO_PRODUCING_STATES = "co-producing-states"
    BOUND_STATES = "bound-states"


#: How summaries name the states a rule accepts.
_STATES_TEXT: dict[Any, str] = {
    AllowedStates.CO_PRODUCING_STATES: "co-producing states",
    AllowedStates.BOUND_STATES: "bound states",
}


@attrs.frozen(kw_only=True)
class PointsElement:
    """One line of a points table.

    Args:
        id: A short id (``director``); not empty.
        label: The element as the instrument names it; not empty.
        points: The points it is worth: 0 or more (a table gives no negative points).
        role: The key position it scores, if it is a person.
        rank: For ranked performing roles, the rank: 1 or more (1 = first role).
        locations: The location kinds it scores, if it is a place.

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=non_empty_text)
    label: str = attrs.field(validator=non_empty_text)
    points: int = attrs.field(validator=bounded_whole_number(0), metadata=_at_least(0))
    role: CreativeRole | None = attrs.field(default=None, converter=_creative_role,
                                            validator=instance_of(CreativeRole, type(None)))
    rank: int | None = attrs.field(default=None, validator=bounded_whole_number(1, optional=True),
                                   metadata=_at_least(1))
    locations: tuple[LocationKind, ...] = attrs.field(
        default=(), converter=_location_kinds, validator=items_of(LocationKind))


@attrs.frozen(kw_only=True)
class PointsTest(RuleBase):
    """A points table: elements from qualifying states score; the total must reach a pass mark.

    A person element scores when every holder of the position counts for a qualifying state;
    a place element scores when every location of its kinds is in a qualifying state (a
    conservative reading: coprod never overstates a score). Vacant elements score nothing.

    Args:
        production_kinds: The production kinds the table applies to.
        elements: The table (empty when the sources do not give it).
        pass_mark: The points needed: at least 1 (a pass mark of 0 tests nothing), and no
            more than ``total`` when both are known.
        total: The points available: at least 1.
        qualifying: Which states' elements score.
        discretion: The authorities may accept fewer points after consulting each other
            (an approval of kind ``points-shortfall`` from every co-producing state).

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "points-test"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("POINTS-BELOW-PASS", Severity.ERROR,
              "The work scores fewer points than the pass mark.", kind),
        _code("POINTS-SHORTFALL-APPROVED", Severity.WARNING,
              "The work scores fewer points than the pass mark, but every authority's "
              "acceptance is recorded.", kind),
        _code("POINTS-SCORE", Severity.INFO,
              "The score, element by element.", kind),
        _code("POINTS-NOT-CHECKED", Severity.INFO,
              "The points table or pass mark for this kind of work is not known.", kind),
    )

    production_kinds: tuple[ProductionKind, ...] = attrs.field(
        converter=_production_kinds, validator=items_of(ProductionKind))
    elements: tuple[PointsElement, ...] = attrs.field(default=(), converter=_tuple,
                                                      validator=items_of(PointsElement))
    pass_mark: Param[int] = attrs.field(converter=_plain_param, validator=_points)
    total: Param[int] = attrs.field(converter=_plain_param, validator=_points)
    qualifying: AllowedStates = attrs.field(default=AllowedStates.BOUND_STATES,
                                            converter=_allowed_states,
                                            validator=instance_of(AllowedStates))
    discretion: bool = attrs.field(default=False, validator=_bool)

    def __attrs_post_init__(self) -> None:
        mark, total = self.pass_mark.value, self.total.value
        if isinstance(mark, int) and isinstance(total, int) and mark > total:
            raise InvalidValueError(
                f"pass_mark.value must be at most total ({total}), got {mark}",
                field="pass_mark", within="value")

    def summary(self) -> str:
        """The production kinds, pass mark and size of the table, in one line."""
        kinds = ", ".join(k.value for k in self.production_kinds)
        return (f"points test for {kinds}: at least {_val(self.pass_mark)} of {_val(self.total)} "
                f"points ({len(self.elements)} elements)")

    def score(self, ctx: RuleContext) -> tuple[int, list[tuple[PointsElement, bool, str]]]:
        """The score and, per element, whether it scored and why."""
        states = (ctx.bound if self.qualifying is AllowedStates.BOUND_STATES
                  else frozenset(ctx.co_producing_states))
        rows: list[tuple[PointsElement, bool, str]] = []
        by_role: dict[CreativeRole, list[KeyPerson]] = {}  # in the agreement's order
        for k in ctx.agreement.key_personnel:
            by_role.setdefault(k.role, []).append(k)
        for e in self.elements:
            if e.role is not None:
                holders = [k for k in by_role.get(e.role, ())
                           if e.rank is None or k.rank == e.rank]
                if not holders:
                    rows.append((e, False, "vacant"))
                    continue
                where = [ctx.position_country(k) for k in holders]
                ok = all(c in states for c in where)
                rows.append((e, ok, "/".join(c.code for c in where)))
            else:
                places = [loc for loc in ctx.agreement.locations if loc.kind in e.locations]
                if not places:
                    rows.append((e, False, "none recorded"))
                    continue
                ok = all(loc.country in states for loc in places)
                rows.append((e, ok, "/".join(sorted({loc.country.code for loc in places}))))
        return sum(e.points for e, ok, _ in rows if ok), rows

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield the score (``POINTS-SCORE``) and any shortfall below the pass mark."""
        kind = ctx.agreement.production.kind
        if kind not in self.production_kinds:
            return
        if not self.elements or not self.pass_mark.known:
            what = ("the points table" if not self.elements else "the pass mark")
            yield ctx.not_checked(self, "POINTS-NOT-CHECKED", f"{what} for {kind.value}",
                                  self.pass_mark, "$.key_personnel")
            return
        points, rows = self.score(ctx)
        mark = self.pass_mark.get()
        total = self.total.value
        detail = "; ".join(f"{e.label} {e.points if ok else 0}/{e.points} ({why})"
                           for e, ok, why in rows)
        yield ctx.finding(
            self, "POINTS-SCORE", Severity.INFO, "$.key_personnel",
            f"{points} of {total} points (pass mark {mark}): {detail}.", self.pass_mark)
        if points >= mark:
            return
        message = f"the work scores {points} points, below the pass mark of {mark} of {total}"
        if self.discretion and ctx.approved(ApprovalKind.POINTS_SHORTFALL,
                                             ctx.co_producing_states):
            yield ctx.finding(self, "POINTS-SHORTFALL-APPROVED", Severity.WARNING,
                              "$.key_personnel",
                              message + "; the competent authorities' acceptance of fewer "
                              "points is recorded.", self.pass_mark)
            return
        extra = (" The competent authorities may, after consulting each other, accept fewer "
                 "points; no such acceptance is recorded."
                 + ctx.how_to_record(ApprovalKind.POINTS_SHORTFALL, ctx.co_producing_states)
                 if self.discretion else "")
        yield ctx.finding(self, "POINTS-BELOW-PASS", Severity.ERROR, "$.key_personnel",
                          message + "." + extra, self.pass_mark)


# ---------------------------------------------------------------------------------------------
# application deadline


@attrs.frozen(kw_only=True)
class ApplicationDeadline(RuleBase):
    """The application reaches the authorities a given time before principal photography.

    Args:
        months: Whole months before the start of principal photography: 0 or more (0: by
            the day it starts).
        days: Further days before it: 0 or more.
        severity: How serious a late application is (the instrument decides).

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "application-deadline"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("APPLICATION-LATE", Severity.ERROR,
              "The application was (or will be) filed later than the instrument's deadline "
              "before principal photography.", kind),
        _code("APPLICATION-DATE-MISSING", Severity.WARNING,
              "The application or principal-photography date is missing, so the deadline "
              "cannot be checked.", kind),
        _code("APPLICATION-NOT-CHECKED", Severity.INFO,
              "The application deadline under the instrument is not known.", kind),
    )

    months: Param[int] = attrs.field(converter=_plain_param, validator=_months)
    days: int = attrs.field(default=0, validator=bounded_whole_number(0),
                            metadata=_at_least(0))
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_severity,
                                     validator=instance_of(Severity))

    def summary(self) -> str:
        """How long before principal photography to apply, in one line."""
        if not self.months.known:
            return "apply before principal photography; how long before is not known"
        parts = [f"{n} {unit}{'' if n == 1 else 's'}"
                 for n, unit in ((self.months.value, "month"), (self.days, "day")) if n]
        if not parts:
            return "apply no later than the start of principal photography"
        return f"apply at least {' and '.join(parts)} before principal photography"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``APPLICATION-*`` findings for a late or undated application."""
        if not self.months.known:
            yield ctx.not_checked(self, "APPLICATION-NOT-CHECKED", "the application deadline",
                                  self.months, "$.dates.application")
            return
        dates = ctx.agreement.dates
        if dates.application is None or dates.principal_photography is None:
            missing = "application" if dates.application is None else "principal_photography"
            yield ctx.finding(
                self, "APPLICATION-DATE-MISSING", Severity.WARNING, f"$.dates.{missing}",
                f"the {missing.replace('_', ' ')} date is missing; the deadline of "
                f"{self.months.get()} months before principal photography cannot be checked.",
                self.months)
            return
        try:
            deadline = dates.principal_photography.subtract(
                months=self.months.get(), days=self.days)
        except (OverflowError, ValueError):  # before 0001-01-01: no application is in time
            yield ctx.finding(
                self, "APPLICATION-LATE", self.severity, "$.dates.application",
                f"the application ({dates.application.isoformat()}) is later than "
                f"{self.months.get()} months before principal photography "
                f"({dates.principal_photography.isoformat()}), a day before the first day a "
                "date can be.", self.months)
            return
        if dates.application > deadline:
            yield ctx.finding(
                self, "APPLICATION-LATE", self.severity, "$.dates.application",
                f"the application ({dates.application.isoformat()}) is later than "
                f"{deadline.isoformat()}, {self.months.get()} months before principal "
                f"photography ({dates.principal_photography.isoformat()}).", self.months)


# ---------------------------------------------------------------------------------------------
# nationality of personnel


def _known_groups(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not tuple:
        raise InvalidValueError(f"{attribute.name} must be a list, got {quote(value)}",
                                field=attribute.name)
    groups = TerritoryGroups.default()
    for i, name in enumerate(value):
        if type(name) is not str or groups.get(name) is None:
            known = ", ".join(sorted(g.id for g in groups.groups.values()))
            raise InvalidValueError(
                f"{attribute.name}[{i}] must name a territory group ({known}), got {quote(name)}",
                field=attribute.name, within=f"[{i}]")


@attrs.frozen(kw_only=True)
class PersonnelNationality(RuleBase):
    """Key personnel are nationals (or residents) of accepted states.

    Args:
        roles: The positions covered (empty: every key position).
        allowed: Which states' nationals are accepted (UNKNOWN when not known); the value
            may be given as its text (``"co-producing-states"``).
        also_allowed: Further states whose nationals are accepted (e.g. the EEA states
            outside the EU); countries, or their codes as text.
        also_allowed_groups: Territory groups whose members' nationals are accepted, taken
            as they stood on the date of review (``EU``: the United Kingdom until 31 January
            2020, Croatia from 1 July 2013); see :class:`coprod.territories.TerritoryGroups`.
        residents: Residents of an accepted state count as nationals.
        exception_with_approval: Others are allowed with an approval of kind
            ``personnel-exception`` from every co-producing state.
        severity: How serious a breach is.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "personnel-nationality"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("PERSONNEL-NATIONALITY", Severity.ERROR,
              "A key position is held by a person who is not a national (or resident) of an "
              "accepted state.", kind),
        _code("PERSONNEL-EXCEPTION-APPROVED", Severity.INFO,
              "A key position held by a non-national is covered by a recorded approval.", kind),
        _code("PERSONNEL-NOT-CHECKED", Severity.INFO,
              "The nationality rules for personnel under the instrument are not known.", kind),
    )

    roles: tuple[CreativeRole, ...] = attrs.field(default=(), converter=_creative_roles,
                                                  validator=items_of(CreativeRole))
    allowed: Param[AllowedStates] = attrs.field(
        converter=_allowed_param, validator=_param_of(_member_value(AllowedStates)))
    also_allowed: tuple[Country, ...] = attrs.field(default=(), converter=_also_allowed,
                                                    validator=items_of(Country))
    also_allowed_groups: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple, validator=_known_groups)
    residents: bool = attrs.field(default=True, validator=_bool)
    exception_with_approval: bool = attrs.field(default=False, validator=_bool)
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_severity,
                                     validator=instance_of(Severity))

    def summary(self) -> str:
        """Whose nationals may hold the covered positions, in one line."""
        who = ", ".join(r.value for r in self.roles) or "key personnel"
        others = [*self.also_allowed_groups, *(c.code for c in self.also_allowed)]
        also = " or of " + ", ".join(others) if others else ""
        res = " (residents count)" if self.residents else ""
        if not self.allowed.known:
            return f"{who}: whose nationals are accepted is not known"
        states = _STATES_TEXT[self.allowed.value]
        return f"{who}: nationals of the {states}{also}{res}"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``PERSONNEL-*`` findings for holders of no accepted state."""
        if not self.allowed.known:
            yield ctx.not_checked(self, "PERSONNEL-NOT-CHECKED",
                                  "the nationality rule for key personnel", self.allowed,
                                  "$.key_personnel")
            return
        accepted = set(ctx.co_producing_states
                       if self.allowed.get() is AllowedStates.CO_PRODUCING_STATES
                       else ctx.bound) | set(self.also_allowed)
        groups = TerritoryGroups.default()
        for group in self.also_allowed_groups:
            accepted |= {Country(code) for code in groups.resolve(group, on=ctx.on).codes}
        approved = self.exception_with_approval and ctx.approved(
            ApprovalKind.PERSONNEL_EXCEPTION, ctx.co_producing_states)
        for i, k in enumerate(ctx.agreement.key_personnel):
            if self.roles and k.role not in self.roles:
                continue
            if k.person is None:
                continue  # only a country is recorded: nothing to test against
            countries = set(ctx.agreement.nationalities_of_position(k))
            if self.residents:
                countries |= set(ctx.agreement.residences_of_position(k))
            if countries & accepted:
                continue
            person = ctx.agreement.party(k.person)
            message = (f"{person.name} ({k.role.value}) is a national of "
                       + ", ".join(c.code for c in ctx.agreement.nationalities_of_position(k))
                       + ", not of an accepted state ("
                       + ", ".join(sorted(c.code for c in accepted)) + ")")
            if approved:
                yield ctx.finding(self, "PERSONNEL-EXCEPTION-APPROVED", Severity.INFO,
                                  f"$.key_personnel[{i}]", message + "; exception approved.",
                                  self.allowed)
            else:
                extra = ("; an exception needs the approval of every competent authority"
                         if self.exception_with_approval else "")
                yield ctx.finding(self, "PERSONNEL-NATIONALITY", self.severity,
                                  f"$.key_personnel[{i}]", message + extra + ".", self.allowed)


# ---------------------------------------------------------------------------------------------
# scope


@attrs.frozen(kw_only=True)
class ScopeRule(RuleBase):
    """The kinds of production the instrument covers.

    Args:
        kinds: The production kinds covered (UNKNOWN when not known); their values may be
            given as text (``["feature-film"]``).

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "scope"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("SCOPE-KIND-NOT-COVERED", Severity.ERROR,
              "The instrument does not cover this kind of production.", kind),
        _code("SCOPE-NOT-CHECKED", Severity.INFO,
              "The kinds of production the instrument covers are not known.", kind),
    )

    kinds: Param[tuple[ProductionKind, ...]] = attrs.field(
        converter=_kinds_param,
        validator=_param_of(_member_value(ProductionKind), items=True, non_empty=True))

    def summary(self) -> str:
        """The production kinds the instrument covers, in one line."""
        return f"covers: {_val(self.kinds)}"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``SCOPE-KIND-NOT-COVERED`` if the production's kind is not covered."""
        if not self.kinds.known:
            yield ctx.not_checked(self, "SCOPE-NOT-CHECKED", "the list of production kinds covered",
                                  self.kinds, "$.production.kind")
            return
        kind = ctx.agreement.production.kind
        covered = self.kinds.get()
        if kind not in covered:
            yield ctx.finding(
                self, "SCOPE-KIND-NOT-COVERED", Severity.ERROR, "$.production.kind",
                f"{ctx.treaty.id} covers " + ", ".join(k.value for k in covered)
                + f"; this production is a {kind.value}.", self.kinds)


# ---------------------------------------------------------------------------------------------
# locations


@attrs.frozen(kw_only=True)
class LocationRule(RuleBase):
    """Work done outside the co-producing states: consent, and a cap on spend.

    Args:
        kinds: The location kinds covered.
        consent_required: Work in a non-co-producing state needs the authorities' consent
            (an approval of kind ``non-party-location`` from every co-producing state).
        spend_cap: The most that may be spent outside the co-producing states on these
            kinds of work, as a share of the budget.
        severity: How serious unapproved work abroad is.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "locations"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("LOCATION-NON-PARTY", Severity.WARNING,
              "Work is done outside the co-producing states without recorded consent.", kind),
        _code("LOCATION-NON-PARTY-APPROVED", Severity.INFO,
              "Work outside the co-producing states is covered by recorded consent.", kind),
        _code("LOCATION-SPEND-ABOVE-CAP", Severity.ERROR,
              "Spend outside the co-producing states exceeds the cap.", kind),
    )

    kinds: tuple[LocationKind, ...] = attrs.field(converter=_location_kinds,
                                                  validator=items_of(LocationKind))
    consent_required: bool = attrs.field(default=True, validator=_bool)
    spend_cap: Param[Share] | None = attrs.field(default=None, converter=_plain_param,
                                                 validator=_optional_share)
    severity: Severity = attrs.field(default=Severity.WARNING, converter=_severity,
                                     validator=instance_of(Severity))

    def summary(self) -> str:
        """The limits on work outside the co-producing states, in one line."""
        kinds = ", ".join(k.value for k in self.kinds)
        text = f"{kinds} outside the co-producing states"
        if self.consent_required:
            text += " only with the authorities' consent"
        if self.spend_cap is not None:
            text += f"; at most {_val(self.spend_cap)} of the budget"
        return text

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``LOCATION-*`` findings for work and spend outside those states."""
        states = set(ctx.co_producing_states)
        abroad = [(i, loc) for i, loc in enumerate(ctx.agreement.locations)
                  if loc.kind in self.kinds and loc.country not in states]
        if not abroad:
            return
        if self.consent_required:
            ok = ctx.approved(ApprovalKind.NON_PARTY_LOCATION, ctx.co_producing_states)
            for i, loc in abroad:
                message = (f"{loc.kind.value} work in {loc.country.name}, outside the "
                           "co-producing states")
                if ok:
                    yield ctx.finding(self, "LOCATION-NON-PARTY-APPROVED", Severity.INFO,
                                      f"$.locations[{i}]", message + "; consent recorded.")
                else:
                    yield ctx.finding(self, "LOCATION-NON-PARTY", self.severity,
                                      f"$.locations[{i}]",
                                      message + ", needs the competent authorities' consent; "
                                      "none is recorded." + ctx.how_to_record(
                                          ApprovalKind.NON_PARTY_LOCATION,
                                          ctx.co_producing_states))
        if self.spend_cap is not None and isinstance(self.spend_cap.value, Share):
            amounts = [ctx.agreement.in_budget_currency(loc.spend) for _, loc in abroad]
            if any(a is None for a in amounts):
                return
            spent = sum((a for a in amounts if a is not None), Fraction(0))
            share = spent / Fraction(ctx.agreement.production.budget.amount)
            cap = self.spend_cap.value
            if share > cap.value:
                yield ctx.finding(
                    self, "LOCATION-SPEND-ABOVE-CAP", Severity.ERROR,
                    f"$.locations[{abroad[0][0]}]",
                    f"{percent(share)} of the budget is spent outside the co-producing states "
                    f"on {', '.join(k.value for k in self.kinds)}, above the cap of {cap}.",
                    self.spend_cap)


# ---------------------------------------------------------------------------------------------
# conditions checked by hand


class ConditionTrigger(enum.Enum):
    """When a condition checked by hand matters.

    .. versionadded:: 0.1.0
    """

    ALWAYS = "always"
    NON_PARTY_CO_PRODUCERS = "non-party-co-producers"
    FINANCIAL_ONLY_CO_PRODUCERS = "financial-only-co-producers"


def _condition_trigger(value: Any) -> Any:
    return enum_member(ConditionTrigger, value)


#: How summaries name the co-producers a condition concerns.
_TRIGGER_TEXT = {
    ConditionTrigger.NON_PARTY_CO_PRODUCERS: "non-party co-producers",
    ConditionTrigger.FINANCIAL_ONLY_CO_PRODUCERS: "financial-only co-producers",
}


@attrs.frozen(kw_only=True)
class ManualCheck(RuleBase):
    """A condition of the instrument that no agreement file can show: for a person to check.

    Some conditions depend on facts outside the agreement (Italy–Japan Art. 9(1)–(2): each
    third country has a co-production agreement with Italy or Japan, whose conditions its
    co-producers meet). Recording them as rules puts them in every report they concern, as
    a note that counts among the rules not checked, instead of leaving them in a treaty's
    notes that nobody reads at filing time.

    Args:
        scope: Bilateral, multilateral or any co-production.
        applies_to: Always, or only when non-party (third-country) or financial-only
            co-producers take part.
        condition: The condition, in words, as a reader should check it.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str] = "manual-check"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        _code("CONDITION-NOT-CHECKED", Severity.INFO,
              "A condition of the instrument that the agreement cannot show (it depends on "
              "facts outside it): to be checked by hand.", kind),
    )

    scope: RuleScope = attrs.field(default=RuleScope.ANY, converter=_rule_scope,
                                   validator=instance_of(RuleScope))
    applies_to: ConditionTrigger = attrs.field(default=ConditionTrigger.ALWAYS,
                                               converter=_condition_trigger,
                                               validator=instance_of(ConditionTrigger))
    condition: str = attrs.field(validator=non_empty_text)

    def summary(self) -> str:
        """The condition, and when it matters, in one line."""
        when = ("" if self.applies_to is ConditionTrigger.ALWAYS
                else f" (with {_TRIGGER_TEXT[self.applies_to]})")
        return f"{self.scope.text}{when}: {self.condition} (checked by hand)"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield ``CONDITION-NOT-CHECKED`` where the condition concerns the co-production."""
        if not self.scope.covers(ctx.scope):
            return
        if (self.applies_to is ConditionTrigger.NON_PARTY_CO_PRODUCERS
                and not ctx.non_party_producers):
            return
        if (self.applies_to is ConditionTrigger.FINANCIAL_ONLY_CO_PRODUCERS
                and not any(cp.role is CoProducerRole.FINANCIAL_ONLY
                            for cp in ctx.agreement.co_producers)):
            return
        path = "$" if self.applies_to is ConditionTrigger.ALWAYS else "$.co_producers"
        yield ctx.finding(
            self, "CONDITION-NOT-CHECKED", Severity.INFO, path,
            f"not checked: {self.condition} (the agreement cannot show it; confirm it with "
            "the competent authorities)")


#: The rule kinds coprod ships, by name.
BUILTIN_RULE_KINDS: tuple[type[RuleBase], ...] = (
    ContributionRange,
    CompanyMinimum,
    NonPartyCap,
    FinancialCoProduction,
    ProportionalContribution,
    MinimumPersonnel,
    LanguageVersions,
    PointsTest,
    ApplicationDeadline,
    PersonnelNationality,
    ScopeRule,
    LocationRule,
    ManualCheck,
)

