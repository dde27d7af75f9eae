"""Treaty rules and the treaty model built in Python: enum values as text, wrong values refused.

A catalogue file is converted and checked field by field when it is loaded. A rule or an
instrument built directly in Python used to store whatever it was given: ``scope="multi"``
or ``minimum=Share.parse("20%")`` (not a :class:`~coprod.treaties.Param`) were kept, and
validation failed later with an ``AttributeError``. These prove that every class converts an
enum's value given as text to its member, refuses every other wrong type with an
:class:`~coprod.InvalidValueError` naming the field, and that an instrument built in Python
equals (and validates like) the same instrument loaded from a document.

The values inside parameters are held to the same standard (``Param(value="20%")`` for a
share, or ``"co-producing-states"`` as text, which a rule used to read as bound states); a
country may be given as its code; counts, points, ranks and deadlines are kept in range and
ids, titles and URLs non-empty; and an instrument whose entries name a source or an
amendment it does not list is refused when it is built, each broken reference at its path,
not when it is first used to validate. The last section pins the wording of summaries.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum
import pytest
from _treaty_support import build
from hypothesis import given
from hypothesis import strategies as st

from coprod import Country, DocumentError, Share, dumps, loads, parse_date, treaties, validate
from coprod.agreements import (
    CoProductionAgreement,
    CreativeRole,
    LocationKind,
    ProductionKind,
    Provision,
    Title,
)
from coprod.errors import InvalidValueError, ProblemsError
from coprod.findings import Confidence, Severity
from coprod.serialization import json_schema
from coprod.treaties import (
    UNKNOWN,
    Amendment,
    CompetentAuthority,
    Param,
    Source,
    StateParty,
    StateStatus,
    Treaty,
    TreatyKind,
)
from coprod.treaties._model import _is_language_tag
from coprod.treaties.rules import (
    AllowedStates,
    ApplicationDeadline,
    CompanyGroup,
    CompanyMinimum,
    ConditionTrigger,
    ContributionRange,
    Derogation,
    FinancialCoProduction,
    LanguageVersions,
    LocationRule,
    ManualCheck,
    MinimumPersonnel,
    NonPartyCap,
    PersonnelNationality,
    PointsElement,
    PointsTest,
    ProportionalContribution,
    RoleRequirement,
    RuleBase,
    RuleContext,
    RuleScope,
    ScopeRule,
    ShareUnit,
)

SHARE = Param(value=Share.parse("20%"))
DAY = parse_date("2020-01-01")
BASE: dict[str, Any] = {"id": "r", "sources": ("s",), "confidence": Confidence.HIGH}
SOURCE = Source(id="s", title="A source", url="https://example.org/", confidence=Confidence.HIGH)
STATES = (StateParty(country=Country("AR")), StateParty(country=Country("EG")))
REQUIREMENT = RoleRequirement(label="author", roles=(CreativeRole.DIRECTOR,))

#: Each class with the fewest fields that build it, every enum given as its member.
VALID: dict[type, dict[str, Any]] = {
    ContributionRange: {**BASE},
    Derogation: {},
    CompanyMinimum: {**BASE, "minimum": SHARE},
    NonPartyCap: {**BASE},
    FinancialCoProduction: {**BASE, "minimum": SHARE, "maximum": SHARE},
    ProportionalContribution: {**BASE, "tolerance": SHARE},
    RoleRequirement: {"label": "author", "roles": (CreativeRole.DIRECTOR,)},
    MinimumPersonnel: {**BASE, "requirements": (REQUIREMENT,)},
    LanguageVersions: {**BASE},
    PointsElement: {"id": "director", "label": "Director", "points": 2},
    PointsTest: {**BASE, "production_kinds": (ProductionKind.FEATURE_FILM,),
                 "pass_mark": Param(value=6), "total": Param(value=9)},
    ApplicationDeadline: {**BASE, "months": Param(value=2)},
    PersonnelNationality: {**BASE, "allowed": Param(value=AllowedStates.BOUND_STATES)},
    ScopeRule: {**BASE, "kinds": Param(value=(ProductionKind.FEATURE_FILM,))},
    LocationRule: {**BASE, "kinds": (LocationKind.SHOOTING,)},
    ManualCheck: {**BASE, "condition": "checked by hand"},
    Source: {"id": "s", "title": "A source", "url": "https://example.org/",
             "confidence": Confidence.HIGH},
    Param: {"value": 1},
    StateParty: {"country": Country("AR")},
    CompetentAuthority: {"country": Country("AR"), "name": "INCAA"},
    Amendment: {"id": "protocol", "title": "A protocol"},
    Treaty: {"id": "AR-EG-2019", "title": "A treaty", "kind": TreatyKind.BILATERAL,
             "description": "For tests.", "states": STATES, "signed": Param(value=DAY),
             "in_force": Param(value=UNKNOWN), "sources": (SOURCE,)},
}


def _make(cls: type, **changes: Any) -> Any:
    return cls(**{**VALID[cls], **changes})


# --------------------------------------------------------------------------- enums as text

#: Per class: enum fields given as their values' text, and the members they stand for.
AS_TEXT: list[tuple[type, dict[str, Any], dict[str, Any]]] = [
    (ContributionRange,
     {"scope": "multilateral", "unit": "state", "confidence": "medium"},
     {"scope": RuleScope.MULTILATERAL, "unit": ShareUnit.STATE,
      "confidence": Confidence.MEDIUM}),
    (CompanyMinimum,
     {"scope": "bilateral", "companies": "non-party", "confidence": "low"},
     {"scope": RuleScope.BILATERAL, "companies": CompanyGroup.NON_PARTY,
      "confidence": Confidence.LOW}),
    (NonPartyCap, {"scope": "any", "confidence": "high"},
     {"scope": RuleScope.ANY, "confidence": Confidence.HIGH}),
    (FinancialCoProduction,
     {"required_provisions": ["receipts-sharing", "credits"], "confidence": "low"},
     {"required_provisions": (Provision.RECEIPTS_SHARING, Provision.CREDITS),
      "confidence": Confidence.LOW}),
    (ProportionalContribution, {"confidence": "medium"}, {"confidence": Confidence.MEDIUM}),
    (RoleRequirement, {"roles": ["director", "screenwriter"]},
     {"roles": (CreativeRole.DIRECTOR, CreativeRole.SCREENWRITER)}),
    (MinimumPersonnel,
     {"requirements": [RoleRequirement(label="actor", roles=("lead-role",))],
      "confidence": "low"},
     {"requirements": (RoleRequirement(label="actor", roles=(CreativeRole.LEAD_ROLE,)),),
      "confidence": Confidence.LOW}),
    (LanguageVersions, {"confidence": "medium"}, {"confidence": Confidence.MEDIUM}),
    (PointsElement, {"role": "lead-role", "locations": ("shooting", "studio")},
     {"role": CreativeRole.LEAD_ROLE,
      "locations": (LocationKind.SHOOTING, LocationKind.STUDIO)}),
    (PointsTest,
     {"production_kinds": ["animation", "feature-film"], "qualifying": "co-producing-states",
      "confidence": "low"},
     {"production_kinds": (ProductionKind.ANIMATION, ProductionKind.FEATURE_FILM),
      "qualifying": AllowedStates.CO_PRODUCING_STATES, "confidence": Confidence.LOW}),
    (ApplicationDeadline, {"severity": "warning", "confidence": "medium"},
     {"severity": Severity.WARNING, "confidence": Confidence.MEDIUM}),
    (PersonnelNationality, {"roles": ["director"], "severity": "info", "confidence": "low"},
     {"roles": (CreativeRole.DIRECTOR,), "severity": Severity.INFO,
      "confidence": Confidence.LOW}),
    (ScopeRule, {"confidence": "medium"}, {"confidence": Confidence.MEDIUM}),
    (LocationRule, {"kinds": ["vfx", "post-production"], "severity": "error",
                    "confidence": "low"},
     {"kinds": (LocationKind.VFX, LocationKind.POST_PRODUCTION), "severity": Severity.ERROR,
      "confidence": Confidence.LOW}),
    (ManualCheck, {"scope": "multilateral", "applies_to": "non-party-co-producers",
                   "confidence": "medium"},
     {"scope": RuleScope.MULTILATERAL, "applies_to": ConditionTrigger.NON_PARTY_CO_PRODUCERS,
      "confidence": Confidence.MEDIUM}),
    (Source, {"confidence": "low"}, {"confidence": Confidence.LOW}),
    (Param, {"confidence": "medium"}, {"confidence": Confidence.MEDIUM}),
    (StateParty, {"status": "signatory", "confidence": "low"},
     {"status": StateStatus.SIGNATORY, "confidence": Confidence.LOW}),
    (CompetentAuthority, {"confidence": "medium"}, {"confidence": Confidence.MEDIUM}),
    (Amendment, {"confidence": "low"}, {"confidence": Confidence.LOW}),
    (Treaty, {"kind": "multilateral"}, {"kind": TreatyKind.MULTILATERAL}),
]


@pytest.mark.parametrize(("cls", "text", "members"), AS_TEXT,
                         ids=[row[0].__name__ for row in AS_TEXT])
def test_enum_values_given_as_text_become_members(
    cls: type, text: dict[str, Any], members: dict[str, Any]
) -> None:
    """An enum's value given as text is stored as its member: the object equals the other."""
    built = _make(cls, **text)
    assert built == _make(cls, **members)
    for name, member in members.items():
        value = getattr(built, name)
        items = value if isinstance(value, tuple) else (value,)
        expected = member if isinstance(member, tuple) else (member,)
        # members are the very members; other items (a nested requirement) are equal
        assert all(a is b if isinstance(b, enum.Enum) else a == b
                   for a, b in zip(items, expected, strict=True)), name


#: Every enum field: class, field, enum, and whether the field holds a list of members.
ENUM_FIELDS: list[tuple[type, str, type, bool]] = [
    (ContributionRange, "scope", RuleScope, False),
    (ContributionRange, "unit", ShareUnit, False),
    (CompanyMinimum, "scope", RuleScope, False),
    (CompanyMinimum, "companies", CompanyGroup, False),
    (NonPartyCap, "scope", RuleScope, False),
    (ManualCheck, "scope", RuleScope, False),
    (ManualCheck, "applies_to", ConditionTrigger, False),
    (ScopeRule, "confidence", Confidence, False),
    (FinancialCoProduction, "required_provisions", Provision, True),
    (RoleRequirement, "roles", CreativeRole, True),
    (PointsElement, "role", CreativeRole, False),
    (PointsElement, "locations", LocationKind, True),
    (PointsTest, "production_kinds", ProductionKind, True),
    (PointsTest, "qualifying", AllowedStates, False),
    (ApplicationDeadline, "severity", Severity, False),
    (PersonnelNationality, "roles", CreativeRole, True),
    (PersonnelNationality, "severity", Severity, False),
    (LocationRule, "kinds", LocationKind, True),
    (LocationRule, "severity", Severity, False),
    (Source, "confidence", Confidence, False),
    (Param, "confidence", Confidence, False),
    (StateParty, "status", StateStatus, False),
    (StateParty, "confidence", Confidence, False),
    (CompetentAuthority, "confidence", Confidence, False),
    (Amendment, "confidence", Confidence, False),
    (Treaty, "kind", TreatyKind, False),
]


@st.composite
def _field_and_members(draw: st.DrawFn) -> tuple[type, str, bool, list[Any]]:
    cls, name, enum_type, many = draw(st.sampled_from(ENUM_FIELDS))
    members = draw(st.lists(st.sampled_from(list(enum_type)), min_size=1,
                            max_size=4 if many else 1))
    return cls, name, many, members


@given(_field_and_members(), st.booleans())
def test_every_enum_value_as_text_converts_to_its_member(
    row: tuple[type, str, bool, list[Any]], as_tuple: bool
) -> None:
    """For every enum field, each member's value as text (in a list or a tuple) is the member."""
    cls, name, many, members = row
    texts = [m.value for m in members]
    given_value: Any = (tuple(texts) if as_tuple else texts) if many else texts[0]
    value = getattr(_make(cls, **{name: given_value}), name)
    if many:
        assert type(value) is tuple
        assert all(a is b for a, b in zip(value, members, strict=True))
    else:
        assert value is members[0]


#: Enum fields that may be left out (None).
_OPTIONAL = {(PointsElement, "role"), (Param, "confidence")}


@given(st.sampled_from(ENUM_FIELDS), st.text(max_size=20) | st.integers() | st.none())
def test_anything_but_a_member_or_its_value_is_refused(
    row: tuple[type, str, type, bool], bad: Any
) -> None:
    """Text that is no value of the enum, a number or nothing is refused, naming the field."""
    cls, name, enum_type, many = row
    values = [m.value for m in enum_type]  # type: ignore[attr-defined]
    if bad in values or (bad is None and (cls, name) in _OPTIONAL):
        return
    with pytest.raises(InvalidValueError) as info:
        _make(cls, **{name: [bad] if many else bad})
    assert info.value.field == name
    where = f"{name}[0]" if many else name
    assert str(info.value).startswith(f"{where} must be one of {values[0]!r}")


# --------------------------------------------------------------------------- wrong types

NOW = pendulum.datetime(2020, 1, 1, 12)

#: class, field, a wrong value, and what the message says after the field's name.
WRONG: list[tuple[type, str, Any, str]] = [
    # the fields every rule shares (RuleBase), on one rule kind
    (ScopeRule, "id", 5, "id must be non-empty text, got 5"),
    (ScopeRule, "article", 5, "article must be text or null (left out), got 5"),
    (ScopeRule, "sources", "s", "sources must be a list, got 's'"),
    (ScopeRule, "sources", ("s", 1), "sources[1] must be text, got 1"),
    (ScopeRule, "confidence", "sure", "confidence must be one of 'high', 'medium', 'low', "
     "got 'sure'"),
    (ScopeRule, "confidence", None, "confidence must be one of 'high'"),
    (ScopeRule, "note", 5, "note must be text or null (left out), got 5"),
    (ScopeRule, "introduced_by", 5, "introduced_by must be text or null (left out), got 5"),
    (ScopeRule, "kinds", (ProductionKind.FEATURE_FILM,), "kinds must be a Param, got ("),
    (ContributionRange, "scope", "multi",
     "scope must be one of 'any', 'bilateral', 'multilateral', got 'multi'"),
    (ContributionRange, "unit", 1, "unit must be one of 'co-producer', 'state', got 1"),
    (ContributionRange, "minimum", Share.parse("20%"),
     "minimum must be a Param or null (left out), got Share.parse('20%')"),
    (ContributionRange, "maximum", "80%", "maximum must be a Param or null (left out)"),
    (ContributionRange, "derogation", SHARE, "derogation must be a Derogation or null"),
    (ContributionRange, "support_threshold", 0.2, "support_threshold must be a Param or null"),
    (Derogation, "minimum", Share.parse("10%"), "minimum must be a Param or null"),
    (Derogation, "maximum", "90%", "maximum must be a Param or null"),
    (Derogation, "requires_approval", "yes", "requires_approval must be true or false, got"),
    (Derogation, "condition", 5, "condition must be text or null (left out), got 5"),
    (CompanyMinimum, "scope", "everywhere", "scope must be one of 'any'"),
    (CompanyMinimum, "companies", "all", "companies must be one of 'party-states', "
     "'non-party', got 'all'"),
    (CompanyMinimum, "minimum", None, "minimum must be a Param, got None"),
    (NonPartyCap, "scope", 3, "scope must be one of"),
    (NonPartyCap, "maximum_total", Share.parse("30%"), "maximum_total must be a Param or null"),
    (NonPartyCap, "minimum_each", "5%", "minimum_each must be a Param or null"),
    (NonPartyCap, "at_most_each_party_state", True,
     "at_most_each_party_state must be a Param or null (left out), got True"),
    (FinancialCoProduction, "minimum", Share.parse("10%"), "minimum must be a Param, got"),
    (FinancialCoProduction, "maximum", None, "maximum must be a Param, got None"),
    (FinancialCoProduction, "requires_majority_with_creative", "yes",
     "requires_majority_with_creative must be true or false or null (left out), got 'yes'"),
    (FinancialCoProduction, "requires_approval", 1, "requires_approval must be true or false"),
    (FinancialCoProduction, "required_provisions", ["bogus"],
     "required_provisions[0] must be one of 'receipts-sharing'"),
    (FinancialCoProduction, "required_provisions", "credits",
     "required_provisions must be a list, got 'credits'"),
    (FinancialCoProduction, "conditions", [1], "conditions[0] must be text, got 1"),
    (ProportionalContribution, "tolerance", Share.parse("10%"), "tolerance must be a Param"),
    (RoleRequirement, "label", None, "label must be non-empty text, got None"),
    (RoleRequirement, "roles", ["boss"], "roles[0] must be one of 'director'"),
    (RoleRequirement, "roles", "director", "roles must be a list, got 'director'"),
    (RoleRequirement, "count", "1", "count must be a whole number, got '1'"),
    (RoleRequirement, "count", True, "count must be a whole number, got True"),
    (MinimumPersonnel, "requirements", [{"label": "author"}],
     "requirements[0] must be a RoleRequirement, got {"),
    (MinimumPersonnel, "requirements", REQUIREMENT, "requirements must be a list, got"),
    (LanguageVersions, "required", ("ru", "zh"),
     "required must be a Param or null (left out), got ('ru', 'zh')"),
    (LanguageVersions, "any_of", "no", "any_of must be true or false, got 'no'"),
    (LanguageVersions, "authority_may_require", None, "authority_may_require must be true or"),
    (PointsElement, "id", 1, "id must be non-empty text, got 1"),
    (PointsElement, "label", None, "label must be non-empty text, got None"),
    (PointsElement, "points", "3", "points must be a whole number, got '3'"),
    (PointsElement, "points", False, "points must be a whole number, got False"),
    (PointsElement, "role", "boss", "role must be one of 'director'"),
    (PointsElement, "rank", "1", "rank must be a whole number or null (left out), got '1'"),
    (PointsElement, "locations", ["beach"], "locations[0] must be one of 'shooting'"),
    (PointsTest, "production_kinds", ["film"], "production_kinds[0] must be one of"),
    (PointsTest, "production_kinds", "feature-film", "production_kinds must be a list"),
    (PointsTest, "elements", [("director", 3)], "elements[0] must be a PointsElement"),
    (PointsTest, "pass_mark", 6, "pass_mark must be a Param, got 6"),
    (PointsTest, "total", None, "total must be a Param, got None"),
    (PointsTest, "qualifying", "everyone", "qualifying must be one of 'co-producing-states', "
     "'bound-states', got 'everyone'"),
    (PointsTest, "discretion", "yes", "discretion must be true or false"),
    (ApplicationDeadline, "months", 2, "months must be a Param, got 2"),
    (ApplicationDeadline, "days", None, "days must be a whole number, got None"),
    (ApplicationDeadline, "days", 1.5, "days must be a whole number, got 1.5"),
    (ApplicationDeadline, "severity", "fatal",
     "severity must be one of 'error', 'warning', 'info', got 'fatal'"),
    (PersonnelNationality, "roles", ["boss"], "roles[0] must be one of 'director'"),
    (PersonnelNationality, "allowed", AllowedStates.BOUND_STATES,
     "allowed must be a Param, got <AllowedStates.BOUND_STATES"),
    (PersonnelNationality, "also_allowed", [1], "also_allowed[0] must be a Country, got 1"),
    (PersonnelNationality, "also_allowed", "FR", "also_allowed must be a list, got 'FR'"),
    (PersonnelNationality, "also_allowed_groups", "EU",
     "also_allowed_groups must be a list, got 'EU'"),
    (PersonnelNationality, "residents", "yes", "residents must be true or false"),
    (PersonnelNationality, "exception_with_approval", None, "exception_with_approval must be"),
    (PersonnelNationality, "severity", 2, "severity must be one of 'error'"),
    (LocationRule, "kinds", ["beach"], "kinds[0] must be one of 'shooting'"),
    (LocationRule, "kinds", "shooting", "kinds must be a list, got 'shooting'"),
    (LocationRule, "consent_required", None, "consent_required must be true or false"),
    (LocationRule, "spend_cap", Share.parse("20%"), "spend_cap must be a Param or null"),
    (LocationRule, "severity", "fatal", "severity must be one of 'error'"),
    (ManualCheck, "scope", "everywhere", "scope must be one of 'any'"),
    # the treaty model
    (Source, "id", None, "id must be non-empty text, got None"),
    (Source, "title", 5, "title must be non-empty text, got 5"),
    (Source, "url", None, "url must be non-empty text, got None"),
    (Source, "retrieved", "2024-01-01", "retrieved must be a date, got '2024-01-01'"),
    (Source, "retrieved", NOW, "retrieved must be a date, got DateTime("),
    (Source, "note", 5, "note must be text or null (left out), got 5"),
    (Param, "article", 5, "article must be text or null (left out), got 5"),
    (Param, "sources", "s", "sources must be a list, got 's'"),
    (Param, "sources", [1], "sources[0] must be text, got 1"),
    (Param, "confidence", "certain",
     "confidence must be one of 'high', 'medium', 'low' or null (left out), got 'certain'"),
    (Param, "note", 5, "note must be text or null (left out), got 5"),
    (StateParty, "status", "member",
     "status must be one of 'party', 'signatory', 'withdrawn', got 'member'"),
    (StateParty, "signed", "2020-01-01", "signed must be a date, got '2020-01-01'"),
    (StateParty, "ratified", "2020-01-01", "ratified must be a date, got '2020-01-01'"),
    (StateParty, "in_force", NOW, "in_force must be a date, got DateTime("),
    (StateParty, "left", 2020, "left must be a date, got 2020"),
    (StateParty, "continues", 1, "continues must be a Country or null (left out), got 1"),
    (StateParty, "reservations", "none", "reservations must be a list, got 'none'"),
    (StateParty, "excludes_bilateral_use", "no", "excludes_bilateral_use must be true or false"),
    (StateParty, "sources", ("s", None), "sources[1] must be text, got None"),
    (StateParty, "confidence", "sure", "confidence must be one of 'high'"),
    (StateParty, "note", 1, "note must be text or null (left out), got 1"),
    (CompetentAuthority, "name", None, "name must be non-empty text or unknown, got None"),
    (CompetentAuthority, "article", 5, "article must be text or null (left out), got 5"),
    (CompetentAuthority, "sources", (1,), "sources[0] must be text, got 1"),
    (CompetentAuthority, "confidence", "sure", "confidence must be one of 'high'"),
    (Amendment, "id", None, "id must be non-empty text, got None"),
    (Amendment, "title", 1, "title must be non-empty text, got 1"),
    (Amendment, "signed", "2020-01-01", "signed must be a date, got '2020-01-01'"),
    (Amendment, "in_force", NOW, "in_force must be a date, got DateTime("),
    (Amendment, "sources", "s", "sources must be a list, got 's'"),
    (Amendment, "confidence", "sure", "confidence must be one of 'high'"),
    (Amendment, "note", 5, "note must be text or null (left out), got 5"),
    (Treaty, "id", None, "id must be non-empty text, got None"),
    (Treaty, "title", 1, "title must be non-empty text, got 1"),
    (Treaty, "titles", ["A treaty"], "titles[0] must be a Title, got 'A treaty'"),
    (Treaty, "description", None, "description must be text, got None"),
    (Treaty, "states", [Country("RU")], "states[0] must be a StateParty, got Country(code='RU')"),
    (Treaty, "signed", DAY, "signed must be a Param, got Date(2020, 1, 1)"),
    (Treaty, "signed_year", "2017", "signed_year must be a whole number or null (left out)"),
    (Treaty, "signed_year", True, "signed_year must be a whole number or null (left out)"),
    (Treaty, "in_force", None, "in_force must be a Param, got None"),
    (Treaty, "ended", NOW, "ended must be a date, got DateTime("),
    (Treaty, "bilateral_use", True, "bilateral_use must be a Param or null (left out), got True"),
    (Treaty, "min_co_producers", 3, "min_co_producers must be a Param or null (left out)"),
    (Treaty, "supersedes", "CN-RU-2017", "supersedes must be a list, got 'CN-RU-2017'"),
    (Treaty, "competent_authorities", ["INCAA"], "competent_authorities[0] must be a "
     "CompetentAuthority, got 'INCAA'"),
    (Treaty, "amendments", [DAY], "amendments[0] must be an Amendment, got Date("),
    (Treaty, "sources", ["s"], "sources[0] must be a Source, got 's'"),
    (Treaty, "rules", ["a rule"], "rules[0] must be a Rule, got 'a rule'"),
    (Treaty, "notes", [1], "notes[0] must be text, got 1"),
]


@pytest.mark.parametrize(("cls", "name", "value", "message"), WRONG,
                         ids=[f"{c.__name__}.{n}-{type(v).__name__}" for c, n, v, _ in WRONG])
def test_a_wrong_type_is_refused_naming_the_field(
    cls: type, name: str, value: Any, message: str
) -> None:
    """A value of the wrong type is refused when the object is built, in words, at its field."""
    with pytest.raises(InvalidValueError, match="^" + re.escape(message)) as info:
        _make(cls, **{name: value})
    assert info.value.field == name


#: Every class hardened; ``Param.value`` alone holds any type (the rule's field decides it).
CLASSES = [RuleBase, *VALID]
#: Fields that refused a wrong type before (in the same words); not tried again here.
CHECKED_BEFORE = {(ManualCheck, "applies_to"), (ManualCheck, "condition"),
                  (Source, "confidence"), (StateParty, "country"),
                  (CompetentAuthority, "country"), (Treaty, "kind")}
_RULE_BASE_FIELDS = {a.name for a in attrs.fields(RuleBase)}


def _tried(cls: type) -> set[str]:
    """The fields of *cls* the wrong-type table tries (a rule's shared ones on ScopeRule)."""
    tried = {n for c, n, _, _ in WRONG if c is cls} | {n for c, n in CHECKED_BEFORE if c is cls}
    if issubclass(cls, RuleBase):
        tried |= {n for c, n, _, _ in WRONG if c is ScopeRule and n in _RULE_BASE_FIELDS}
    return tried


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
def test_every_field_is_checked(cls: type) -> None:
    """Every field has a validator, and the wrong-type table tries each one."""
    fields = {a.name: a for a in attrs.fields(cls) if not (cls is Param and a.name == "value")}
    assert sorted(n for n, a in fields.items() if a.validator is None) == []
    assert set(fields) - _tried(cls) == set()


# --------------------------------------------------------------------------- parameters' values


def _is_share(value: Any) -> bool:
    return isinstance(value, Share)


def _is_flag(value: Any) -> bool:
    return isinstance(value, bool)


def _is_date(value: Any) -> bool:
    return isinstance(value, pendulum.Date) and not isinstance(value, datetime.datetime)


def _at_least(minimum: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= minimum


#: A language tag a rule can require: valid BCP 47, not the wildcard.
_is_tag = _is_language_tag


def _all(item: Callable[[Any], bool], *, non_empty: bool = False) -> Callable[[Any], bool]:
    return lambda v: type(v) is tuple and all(item(x) for x in v) and (bool(v) or not non_empty)


#: Every field holding a parameter: class, field, what its value must be (besides UNKNOWN),
#: and a value that is one. The rules read nothing else (``check()`` compares a Share's
#: value, tests ``is AllowedStates.CO_PRODUCING_STATES``, subtracts months from a date).
PARAMS: list[tuple[type, str, Callable[[Any], bool], Any]] = [
    (ContributionRange, "minimum", _is_share, Share.parse("20%")),
    (ContributionRange, "maximum", _is_share, Share.parse("80%")),
    (ContributionRange, "support_threshold", _is_share, Share.parse("25%")),
    (Derogation, "minimum", _is_share, Share.parse("10%")),
    (Derogation, "maximum", _is_share, Share.parse("90%")),
    (CompanyMinimum, "minimum", _is_share, Share.parse("30%")),
    (NonPartyCap, "maximum_total", _is_share, Share.parse("30%")),
    (NonPartyCap, "minimum_each", _is_share, Share.parse("5%")),
    (NonPartyCap, "at_most_each_party_state", _is_flag, True),
    (FinancialCoProduction, "minimum", _is_share, Share.parse("10%")),
    (FinancialCoProduction, "maximum", _is_share, Share.parse("25%")),
    (ProportionalContribution, "tolerance", _is_share, Share.parse("10%")),
    (LanguageVersions, "required", _all(_is_tag, non_empty=True), ("ru", "zh-Hans")),
    (PointsTest, "pass_mark", _at_least(1), 6),
    (PointsTest, "total", _at_least(1), 9),
    (ApplicationDeadline, "months", _at_least(0), 2),
    (PersonnelNationality, "allowed", lambda v: isinstance(v, AllowedStates),
     AllowedStates.CO_PRODUCING_STATES),
    (ScopeRule, "kinds", _all(lambda v: isinstance(v, ProductionKind), non_empty=True),
     (ProductionKind.ANIMATION,)),
    (LocationRule, "spend_cap", _is_share, Share.parse("10%")),
    (Treaty, "signed", _is_date, DAY),
    (Treaty, "in_force", _is_date, DAY),
    (Treaty, "bilateral_use", _is_flag, False),
    (Treaty, "min_co_producers", _at_least(2), 3),
]
_PARAM_IDS = [f"{c.__name__}.{n}" for c, n, _, _ in PARAMS]
#: What else a class needs for one field to be tried alone against its own bounds: the pass
#: mark is at most the total, and a year of signature is the year of a known date.
_ALONE: dict[type, dict[str, Any]] = {
    PointsTest: {"pass_mark": Param(value=UNKNOWN), "total": Param(value=UNKNOWN)},
    Treaty: {"signed": Param(value=UNKNOWN)},
}


def _with_param(cls: type, name: str, param: Any) -> Any:
    return _make(cls, **{**_ALONE.get(cls, {}), name: param})


def test_every_parameter_field_is_in_the_table() -> None:
    """No field holding a Param escapes the tests of its value."""
    holding = {(cls, a.name) for cls in CLASSES for a in attrs.fields(cls)
               if "Param[" in str(a.type)}
    assert holding == {(c, n) for c, n, _, _ in PARAMS}


@pytest.mark.parametrize(("cls", "name", "holds", "good"), PARAMS, ids=_PARAM_IDS)
def test_a_parameter_keeps_a_right_value_and_unknown(
    cls: type, name: str, holds: Callable[[Any], bool], good: Any
) -> None:
    """A value of the right type is kept as it is; UNKNOWN, or ``"unknown"`` as text, is UNKNOWN."""
    assert holds(good)
    param = Param(value=good, article="Art. 1", sources=("s",), confidence=Confidence.LOW,
                  note="a note")
    assert getattr(_with_param(cls, name, param), name) is param
    for unknown in (UNKNOWN, "unknown"):
        kept = getattr(_with_param(cls, name, attrs.evolve(param, value=unknown)), name)
        assert kept == attrs.evolve(param, value=UNKNOWN)


#: Values of the wrong kind in a parameter, and what the message says (it names the field).
WRONG_VALUES: list[tuple[type, str, Any, str]] = [
    (ContributionRange, "minimum", "20%", "minimum.value must be a Share or unknown, got '20%'"),
    (ContributionRange, "maximum", 0.8, "maximum.value must be a Share or unknown, got 0.8"),
    (Derogation, "minimum", 10, "minimum.value must be a Share or unknown, got 10"),
    (CompanyMinimum, "minimum", None, "minimum.value must be a Share or unknown, got None"),
    (NonPartyCap, "at_most_each_party_state", "yes",
     "at_most_each_party_state.value must be true or false or unknown, got 'yes'"),
    (NonPartyCap, "at_most_each_party_state", 1,
     "at_most_each_party_state.value must be true or false or unknown, got 1"),
    (ProportionalContribution, "tolerance", Share.parse("10%").value,
     "tolerance.value must be a Share or unknown, got Fraction(1, 10)"),
    (LanguageVersions, "required", "fr", "required.value must be a list or unknown, got 'fr'"),
    (LanguageVersions, "required", ("fr", 1),
     "required.value[1] must be a language tag such as 'ru' or 'zh-Hans', got 1"),
    (LanguageVersions, "required", ("french",),
     "required.value[0] must be a language tag such as 'ru' or 'zh-Hans', got 'french'"),
    (LanguageVersions, "required", ("*",),
     "required.value[0] must be a language tag such as 'ru' or 'zh-Hans', got '*'"),
    (PointsTest, "pass_mark", "16", "pass_mark.value must be a whole number or unknown, got '16'"),
    (PointsTest, "total", True, "total.value must be a whole number or unknown, got True"),
    (ApplicationDeadline, "months", 1.5, "months.value must be a whole number or unknown"),
    (PersonnelNationality, "allowed", "bound",
     "allowed.value must be one of 'co-producing-states', 'bound-states' or unknown, "
     "got 'bound'"),
    (PersonnelNationality, "allowed", Severity.ERROR,
     "allowed.value must be one of 'co-producing-states', 'bound-states' or unknown, got <"),
    (ScopeRule, "kinds", 1, "kinds.value must be a list or unknown, got 1"),
    (ScopeRule, "kinds", "feature-film",
     "kinds.value must be a list or unknown, got 'feature-film'"),
    (ScopeRule, "kinds", ("feature-film", "film"),
     "kinds.value[1] must be one of 'feature-film', 'animation', 'documentary', 'tv-series', "
     "'tv-film', 'tv-show', got 'film'"),
    (LocationRule, "spend_cap", "10%", "spend_cap.value must be a Share or unknown"),
    (Treaty, "signed", "2019-03-01", "signed.value must be a date or unknown, got '2019-03-01'"),
    (Treaty, "in_force", NOW, "in_force.value must be a date or unknown, got DateTime("),
    (Treaty, "bilateral_use", "true", "bilateral_use.value must be true or false or unknown"),
    (Treaty, "min_co_producers", "3", "min_co_producers.value must be a whole number or unknown"),
]


@pytest.mark.parametrize(("cls", "name", "value", "message"), WRONG_VALUES,
                         ids=[f"{c.__name__}.{n}-{v!r}" for c, n, v, _ in WRONG_VALUES])
def test_a_wrong_value_in_a_parameter_is_refused_naming_the_field(
    cls: type, name: str, value: Any, message: str
) -> None:
    """The value is refused when the object is built, at the field and its value's place."""
    with pytest.raises(InvalidValueError, match="^" + re.escape(message)) as info:
        _with_param(cls, name, Param(value=value))
    assert info.value.field == name
    assert str(info.value.within).startswith("value")


_ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 30), st.floats(allow_nan=False), st.text(max_size=8),
    st.sampled_from([UNKNOWN, "unknown", Share.parse("20%"), DAY, NOW, datetime.date(2020, 1, 1),
                     *AllowedStates, *ProductionKind, *[k.value for k in ProductionKind],
                     "co-producing-states", "bound-states", "ru", "zh-Hans", "*", Severity.INFO]),
    st.lists(st.sampled_from(["ru", "es", "animation", ProductionKind.DOCUMENTARY, "film", 1,
                              "*", None]), max_size=3).flatmap(
        lambda items: st.sampled_from([items, tuple(items)])),
)


def _built_or_refused(cls: type, name: str, param: Any) -> tuple[Any, InvalidValueError | None]:
    try:
        return _with_param(cls, name, param), None
    except InvalidValueError as exc:
        return None, exc


@given(st.sampled_from(PARAMS), _ANY_VALUE)
def test_a_parameter_never_holds_a_value_its_rule_cannot_read(
    row: tuple[type, str, Callable[[Any], bool], Any], value: Any
) -> None:
    """Whatever a parameter is given, it holds UNKNOWN or a right value, or it is refused.

    A right value is kept as it is; a refusal names the field and the value's place.
    """
    cls, name, holds, _ = row
    built, refused = _built_or_refused(cls, name, Param(value=value, article="Art. 2", note="n"))
    if refused is not None:
        assert refused.field == name
        assert str(refused).startswith(f"{name}.value")
        assert not holds(value)
        return
    param = getattr(built, name)
    assert (param.article, param.note) == ("Art. 2", "n")  # provenance kept
    assert param.value is UNKNOWN or holds(param.value)
    if holds(value):
        assert param.value is value


@given(st.sampled_from(list(AllowedStates)), st.sampled_from([None, "Art. 11"]),
       st.sampled_from([(), ("s",)]), st.sampled_from([None, *Confidence]),
       st.sampled_from([None, "a note"]))
def test_allowed_states_given_as_text_is_the_member(
    member: AllowedStates, article: str | None, sources: tuple[str, ...],
    confidence: Confidence | None, note: str | None,
) -> None:
    """``"co-producing-states"`` is the member (a rule used to read it as bound states)."""
    given_as = {"article": article, "sources": sources, "confidence": confidence, "note": note}
    as_text = _make(PersonnelNationality, allowed=Param(value=member.value, **given_as))
    assert as_text == _make(PersonnelNationality, allowed=Param(value=member, **given_as))
    assert as_text.allowed.value is member


@given(st.lists(st.sampled_from(list(ProductionKind)), min_size=1, max_size=4), st.booleans())
def test_production_kinds_given_as_text_are_the_members(
    kinds: list[ProductionKind], as_tuple: bool
) -> None:
    """A scope's kinds as text, in a list or a tuple, are a tuple of the members."""
    texts = [k.value for k in kinds]
    rule = _make(ScopeRule, kinds=Param(value=tuple(texts) if as_tuple else texts,
                                        article="Art. 1"))
    assert rule == _make(ScopeRule, kinds=Param(value=tuple(kinds), article="Art. 1"))
    assert type(rule.kinds.value) is tuple
    assert all(a is b for a, b in zip(rule.kinds.value, kinds, strict=True))


def test_a_rule_reads_allowed_states_given_as_text_as_the_member() -> None:
    """The check itself: co-producing states given as text accept no other bound state.

    Kept as text, ``"co-producing-states"`` was not ``AllowedStates.CO_PRODUCING_STATES``,
    and the rule accepted the nationals of every bound state.
    """
    agreement = build([("AR", "60%", "majority"), ("EG", "40%", "minority")],
                      personnel=[("director", "UY", None)])
    ctx = RuleContext(agreement=agreement, treaty=_make(Treaty), on=parse_date("2025-01-10"),
                      bound=frozenset({Country("AR"), Country("EG"), Country("UY")}))
    for text, codes in (("co-producing-states", ["PERSONNEL-NATIONALITY"]), ("bound-states", [])):
        rule = _make(PersonnelNationality, allowed=Param(value=text))
        assert [f.code for f in rule.check(ctx)] == codes, text


# --------------------------------------------------------------------------- countries as codes

#: Every country field of the treaty model and its rules; whether it holds a list.
COUNTRY_FIELDS: list[tuple[type, str, bool]] = [
    (StateParty, "country", False),
    (StateParty, "continues", False),
    (CompetentAuthority, "country", False),
    (PersonnelNationality, "also_allowed", True),
]
_CODES = sorted(Country.codes())


@given(st.sampled_from(COUNTRY_FIELDS), st.lists(st.sampled_from(_CODES), min_size=1,
                                                 max_size=3), st.booleans())
def test_a_country_given_as_its_code_is_the_country(
    row: tuple[type, str, bool], codes: list[str], lower: bool
) -> None:
    """``"RU"`` (or ``"ru"``) is ``Country("RU")``, as in an agreement's locations."""
    cls, name, many = row
    texts = [c.lower() if lower else c for c in codes]
    given_value: Any = texts if many else texts[0]
    expected: Any = tuple(Country(c) for c in codes) if many else Country(codes[0])
    assert getattr(_make(cls, **{name: given_value}), name) == expected
    assert _make(cls, **{name: given_value}) == _make(cls, **{name: expected})


@given(st.sampled_from(COUNTRY_FIELDS),
       st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3).filter(
           lambda c: c not in Country.codes()))
def test_an_unknown_country_code_is_refused_naming_the_field(
    row: tuple[type, str, bool], code: str
) -> None:
    """Country refuses the code in its own words; the error names the field (and the item)."""
    cls, name, many = row
    with pytest.raises(InvalidValueError) as info:
        _make(cls, **{name: ["FR", code] if many else code})
    where = f"{name}[1]" if many else name
    assert str(info.value).startswith(f"{where}: unknown country {code!r}")
    assert info.value.field == name
    assert info.value.within == ("[1]" if many else None)


# --------------------------------------------------------------------------- references


def _rule_at(treaty: Treaty, i: int, **changes: Any) -> tuple[Any, ...]:
    """The treaty's rules with rule *i* changed."""
    rules = list(treaty.rules)
    rules[i] = attrs.evolve(rules[i], **changes)
    return tuple(rules)


_SOURCES = "(the treaty's sources are text, blog)"

#: A change to the instrument of DOCUMENT (built in Python), and every problem it makes.
BROKEN: list[tuple[str, Callable[[Treaty], dict[str, Any]], list[tuple[str, str]]]] = [
    ("rule-source", lambda t: {"rules": _rule_at(t, 3, sources=("blog", "olffi"))},
     [("$.rules[3].sources[1]", f"unknown source 'olffi' {_SOURCES}")]),
    ("introduced-by", lambda t: {"rules": _rule_at(t, 6, introduced_by="protocol-2021")},
     [("$.rules[6].introduced_by",
       "unknown amendment 'protocol-2021' (the treaty's amendments are protocol-2020)")]),
    ("no-amendments", lambda t: {"amendments": ()},
     [("$.rules[6].introduced_by",
       "unknown amendment 'protocol-2020' (the treaty lists no amendments)")]),
    ("rule-parameter", lambda t: {"rules": _rule_at(
        t, 1, minimum=Param(value=Share.parse("10%"), sources=("x",)))},
     [("$.rules[1].minimum.sources[0]", f"unknown source 'x' {_SOURCES}")]),
    ("derogation-parameter", lambda t: {"rules": _rule_at(t, 0, derogation=Derogation(
        maximum=Param(value=Share.parse("90%"), sources=("text", "y"))))},
     [("$.rules[0].derogation.maximum.sources[1]", f"unknown source 'y' {_SOURCES}")]),
    ("treaty-parameter", lambda t: {"in_force": attrs.evolve(t.in_force, sources=("z",))},
     [("$.in_force.sources[0]", f"unknown source 'z' {_SOURCES}")]),
    ("state", lambda t: {"states": (t.states[0], attrs.evolve(t.states[1],
                                                              sources=("text", "b")))},
     [("$.states[1].sources[1]", f"unknown source 'b' {_SOURCES}")]),
    ("authority", lambda t: {"competent_authorities": (
        attrs.evolve(t.competent_authorities[0], sources=("c",)),)},
     [("$.competent_authorities[0].sources[0]", f"unknown source 'c' {_SOURCES}")]),
    ("amendment", lambda t: {"amendments": (attrs.evolve(t.amendments[0], sources=("d",)),)},
     [("$.amendments[0].sources[0]", f"unknown source 'd' {_SOURCES}")]),
    ("source-taken-out", lambda t: {"sources": t.sources[:1]},
     [(path, "unknown source 'blog' (the treaty's sources are text)") for path in (
         "$.states[1].sources[1]", "$.competent_authorities[1].sources[0]",
         "$.rules[3].sources[0]")]),
]


@pytest.mark.parametrize(("change", "problems"), [row[1:] for row in BROKEN],
                         ids=[row[0] for row in BROKEN])
def test_a_reference_to_nothing_is_refused_when_the_treaty_is_built(
    change: Callable[[Treaty], dict[str, Any]], problems: list[tuple[str, str]]
) -> None:
    """Every id naming no source or amendment of the instrument, each at its path, at once."""
    treaty = _in_python()
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(treaty, **change(treaty))
    assert isinstance(info.value, ProblemsError)
    assert [(p.path, p.message) for p in info.value.problems] == problems
    assert str(info.value) == "; ".join(f"{m} @ {p}" for p, m in problems)


#: The same in a document: a change to DOCUMENT's text, and the problems loading reports.
BROKEN_DOCUMENTS: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = [
    ("references",
     [("sources: [blog]\n    confidence: low", "sources: [olffi]\n    confidence: low"),
      ("introduced_by: protocol-2020", "introduced_by: protocol-2021"),
      ("minimum: {value: 10%, article: Art. 9}",
       "minimum: {value: 10%, article: Art. 9, sources: [nope]}")],
     [("$.rules[1].minimum.sources[0]", f"unknown source 'nope' {_SOURCES}"),
      ("$.rules[3].sources[0]", f"unknown source 'olffi' {_SOURCES}"),
      ("$.rules[6].introduced_by",
       "unknown amendment 'protocol-2021' (the treaty's amendments are protocol-2020)")]),
    ("values",
     [("months: {value: 2}", "months: {value: -2}"), ("count: 1}", "count: 0}"),
      ("also_allowed: [UY]", "also_allowed: [XX]"),
      ("kind: bilateral\n", "kind: bilateral\nmin_co_producers: {value: 1}\n")],
     [("$.min_co_producers.value", "min_co_producers.value must be at least 2, got 1"),
      ("$.rules[6].requirements[0].count", "count must be at least 1, got 0"),
      ("$.rules[9].months.value", "months.value must be at least 0, got -2"),
      ("$.rules[10].also_allowed[0]", "unknown country 'XX': expected an ISO 3166-1 alpha-2 "
       "code such as 'RU', 'CN' or 'FR' (historic codes such as 'SU' are accepted)")]),
    ("pass-mark", [("pass_mark: {value: 6}", "pass_mark: {value: 8}")],
     [("$.rules[8].pass_mark.value", "pass_mark.value must be at most total (7), got 8")]),
    ("signed-year", [("kind: bilateral\n", "kind: bilateral\nsigned_year: 2018\n")],
     [("$.signed_year", "signed_year must be the year of signed (2019-03-01), got 2018")]),
]


@pytest.mark.parametrize(("edits", "problems"), [row[1:] for row in BROKEN_DOCUMENTS],
                         ids=[row[0] for row in BROKEN_DOCUMENTS])
def test_a_broken_treaty_document_is_reported_with_paths(
    edits: list[tuple[str, str]], problems: list[tuple[str, str]]
) -> None:
    """A document refused by these checks is a DocumentError listing problems at their paths."""
    text = DOCUMENT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    with pytest.raises(DocumentError) as info:
        loads(text, "yaml", kind=Treaty)
    assert sorted((p.path, p.message) for p in info.value.problems) == sorted(problems)


# --------------------------------------------------------------------------- ranges and text

#: Whole numbers with a least value: class, field (``.value`` for a parameter's), the least
#: value, and the most (None: no bound).
RANGES: list[tuple[type, str, int, int | None]] = [
    (RoleRequirement, "count", 1, None),  # a requirement of no one requires nothing
    (PointsElement, "points", 0, None),  # a table gives no negative points
    (PointsElement, "rank", 1, None),  # 1 is the first role
    (ApplicationDeadline, "days", 0, None),  # a deadline before the start, never after it
    (ApplicationDeadline, "months.value", 0, None),
    (PointsTest, "pass_mark.value", 1, None),  # a pass mark of 0 tests nothing
    (PointsTest, "total.value", 1, None),
    (Treaty, "min_co_producers.value", 2, None),  # a co-production has two co-producers or more
    (Treaty, "signed_year", datetime.MINYEAR, datetime.MAXYEAR),  # the years a date can have
]


@given(st.sampled_from(RANGES), st.integers(-10, 20) | st.integers(9990, 10010))
def test_a_whole_number_out_of_range_is_refused(
    row: tuple[type, str, int, int | None], number: int
) -> None:
    """Accepted from the least value (to the most) included; anything else refused in words."""
    cls, where, low, high = row
    name = where.removesuffix(".value")
    value: Any = Param(value=number) if where.endswith(".value") else number
    if low <= number and (high is None or number <= high):
        assert _with_param(cls, name, value) is not None
        return
    bounds = f"at least {low}" if high is None else f"between {low} and {high}"
    with pytest.raises(InvalidValueError,
                       match="^" + re.escape(f"{where} must be {bounds}, got {number}")) as info:
        _with_param(cls, name, value)
    assert info.value.field == name


def test_the_pass_mark_is_at_most_the_total() -> None:
    """A pass mark above the points available can never be met; equal to them, it can."""
    assert _make(PointsTest, pass_mark=Param(value=9), total=Param(value=9))
    assert _make(PointsTest, pass_mark=Param(value=UNKNOWN), total=Param(value=1))
    with pytest.raises(InvalidValueError,
                       match=r"^pass_mark\.value must be at most total \(9\), got 10$") as info:
        _make(PointsTest, pass_mark=Param(value=10), total=Param(value=9))
    assert (info.value.field, info.value.within) == ("pass_mark", "value")


def test_the_year_of_signature_agrees_with_the_date() -> None:
    """Given with the date of signature, the year is the date's."""
    assert _make(Treaty, signed_year=2020).signed_year == 2020
    assert _make(Treaty, signed=Param(value=UNKNOWN), signed_year=2019).earliest == parse_date(
        "2019-01-01")
    with pytest.raises(InvalidValueError, match=r"^signed_year must be the year of signed "
                       r"\(2020-01-01\), got 2019$") as info:
        _make(Treaty, signed_year=2019)
    assert info.value.field == "signed_year"


#: Text that names or points to something: an id, a title, a label, a URL, a name.
NON_EMPTY: list[tuple[type, str]] = [
    (ScopeRule, "id"), (RoleRequirement, "label"), (PointsElement, "id"),
    (PointsElement, "label"), (Source, "id"), (Source, "title"), (Source, "url"),
    (CompetentAuthority, "name"), (Amendment, "id"), (Amendment, "title"), (Treaty, "id"),
    (Treaty, "title"),
]


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
@pytest.mark.parametrize(("cls", "name"), NON_EMPTY,
                         ids=[f"{c.__name__}.{n}" for c, n in NON_EMPTY])
def test_an_empty_id_title_or_url_is_refused(cls: type, name: str, blank: str) -> None:
    """Empty text (or only spaces) names nothing: refused at the field."""
    with pytest.raises(InvalidValueError, match=f"^{name} must be non-empty text") as info:
        _make(cls, **{name: blank})
    assert info.value.field == name


# --------------------------------------------------------------------------- end to end

DOCUMENT = """
schema_version: 1
document: treaty
id: AR-EG-2019
title: Test agreement between two states, for tests only
titles:
  - {text: Acuerdo de prueba, language: es}
kind: bilateral
description: For tests only.
signed: {value: 2019-03-01, sources: [text], confidence: high}
in_force: {value: 2019-09-01, article: Art. 20, sources: [text], confidence: medium}
states:
  - {country: AR, sources: [text], confidence: high, signed: 2019-03-01}
  - {country: EG, status: party, sources: [text, blog], confidence: medium}
competent_authorities:
  - {country: AR, name: INCAA, article: Art. 2, sources: [text], confidence: medium}
  - {country: EG, name: unknown, sources: [blog], confidence: low}
amendments:
  - {id: protocol-2020, title: A protocol, signed: 2020-01-01, in_force: 2020-06-01,
     sources: [text], confidence: low, note: Amends Art. 6.}
sources:
  - {id: text, title: The text, url: "https://example.org/text", confidence: high,
     retrieved: 2024-01-01}
  - {id: blog, title: A blog, url: "https://example.org/blog", confidence: low,
     note: Secondary.}
rules:
  - kind: contribution-range
    id: shares
    article: Art. 5
    sources: [text]
    confidence: high
    scope: bilateral
    unit: state
    minimum: {value: 20%}
    maximum: {value: 80%}
    derogation: {minimum: {value: 10%, confidence: medium}, condition: a film of quality}
    support_threshold: {value: 25%}
  - kind: contribution-range
    id: multilateral-shares
    sources: [text]
    confidence: medium
    scope: multilateral
    minimum: {value: 10%, article: Art. 9}
  - kind: company-minimum
    id: companies
    sources: [text]
    confidence: medium
    companies: non-party
    minimum: {value: 30%}
  - kind: non-party-cap
    id: third-country
    sources: [blog]
    confidence: low
    scope: multilateral
    maximum_total: {value: 20%}
    at_most_each_party_state: {value: true}
  - kind: financial-co-production
    id: financial
    sources: [text]
    confidence: high
    minimum: {value: 20%}
    maximum: {value: 25%}
    requires_majority_with_creative: true
    requires_approval: true
    required_provisions: [receipts-sharing, credits]
    conditions: [the financial co-producer shares the receipts]
  - kind: proportional-contribution
    id: proportion
    sources: [text]
    confidence: medium
    tolerance: {value: 10%}
  - kind: minimum-personnel
    id: staff
    sources: [text]
    confidence: medium
    introduced_by: protocol-2020
    requirements:
      - {label: author, roles: [director, screenwriter], count: 1}
      - {label: lead actor, roles: [lead-role, supporting-role]}
  - kind: language-versions
    id: languages
    sources: [text]
    confidence: high
    required: {value: [es, ar]}
    any_of: true
  - kind: points-test
    id: points
    sources: [text]
    confidence: high
    production_kinds: [feature-film, animation]
    elements:
      - {id: director, label: Director, points: 3, role: director}
      - {id: lead, label: First role, points: 2, role: lead-role, rank: 1}
      - {id: shooting, label: Shooting, points: 2, locations: [shooting, studio]}
    pass_mark: {value: 6}
    total: {value: 7}
    qualifying: co-producing-states
    discretion: true
  - kind: application-deadline
    id: deadline
    sources: [text]
    confidence: high
    months: {value: 2}
    days: 10
    severity: warning
  - kind: personnel-nationality
    id: nationality
    sources: [text]
    confidence: high
    roles: [director, lead-role]
    allowed: {value: co-producing-states}
    also_allowed: [UY]
    also_allowed_groups: [EU]
    residents: false
    exception_with_approval: true
    severity: warning
  - kind: scope
    id: scope
    sources: [text]
    confidence: high
    kinds: {value: [feature-film, animation, documentary]}
  - kind: locations
    id: locations
    sources: [text]
    confidence: high
    kinds: [shooting, studio]
    spend_cap: {value: 10%}
    severity: error
  - kind: manual-check
    id: third-country-agreements
    sources: [text]
    confidence: medium
    scope: multilateral
    applies_to: non-party-co-producers
    condition: each third country has a co-production agreement with Argentina or Egypt
notes: [A note for readers.]
"""


def _in_python() -> Treaty:
    """The instrument of DOCUMENT, built in Python with every enum value given as text.

    Parameters' enum values too, lists as lists, and countries as their codes.
    """
    text = ["text"]
    return Treaty(
        id="AR-EG-2019", title="Test agreement between two states, for tests only",
        titles=[Title(text="Acuerdo de prueba", language="es")],
        kind="bilateral", description="For tests only.",
        signed=Param(value=parse_date("2019-03-01"), sources=text, confidence="high"),
        in_force=Param(value=parse_date("2019-09-01"), article="Art. 20", sources=text,
                       confidence="medium"),
        # countries given as their codes
        states=[StateParty(country="AR", sources=text, confidence="high",
                           signed=datetime.date(2019, 3, 1)),
                StateParty(country="eg", status="party", sources=["text", "blog"],
                           confidence="medium")],
        competent_authorities=[
            CompetentAuthority(country="AR", name="INCAA", article="Art. 2",
                               sources=text, confidence="medium"),
            CompetentAuthority(country=Country("EG"), name="unknown", sources=["blog"],
                               confidence="low")],
        amendments=[Amendment(id="protocol-2020", title="A protocol",
                              signed=datetime.date(2020, 1, 1), in_force=parse_date("2020-06-01"),
                              sources=text, confidence="low", note="Amends Art. 6.")],
        sources=[Source(id="text", title="The text", url="https://example.org/text",
                        confidence="high", retrieved=datetime.date(2024, 1, 1)),
                 Source(id="blog", title="A blog", url="https://example.org/blog",
                        confidence="low", note="Secondary.")],
        rules=[
            ContributionRange(
                id="shares", article="Art. 5", sources=text, confidence="high",
                scope="bilateral", unit="state", minimum=Param(value=Share.parse("20%")),
                maximum=Param(value=Share.parse("80%")),
                derogation=Derogation(minimum=Param(value=Share.parse("10%"),
                                                    confidence="medium"),
                                      condition="a film of quality"),
                support_threshold=Param(value=Share.parse("25%"))),
            ContributionRange(id="multilateral-shares", sources=text, confidence="medium",
                              scope="multilateral",
                              minimum=Param(value=Share.parse("10%"), article="Art. 9")),
            CompanyMinimum(id="companies", sources=text, confidence="medium",
                           companies="non-party", minimum=Param(value=Share.parse("30%"))),
            NonPartyCap(id="third-country", sources=["blog"], confidence="low",
                        scope="multilateral", maximum_total=Param(value=Share.parse("20%")),
                        at_most_each_party_state=Param(value=True)),
            FinancialCoProduction(
                id="financial", sources=text, confidence="high",
                minimum=Param(value=Share.parse("20%")), maximum=Param(value=Share.parse("25%")),
                requires_majority_with_creative=True, requires_approval=True,
                required_provisions=["receipts-sharing", "credits"],
                conditions=["the financial co-producer shares the receipts"]),
            ProportionalContribution(id="proportion", sources=text, confidence="medium",
                                     tolerance=Param(value=Share.parse("10%"))),
            MinimumPersonnel(
                id="staff", sources=text, confidence="medium", introduced_by="protocol-2020",
                requirements=[
                    RoleRequirement(label="author", roles=["director", "screenwriter"], count=1),
                    RoleRequirement(label="lead actor", roles=("lead-role", "supporting-role"))]),
            LanguageVersions(id="languages", sources=text, confidence="high",
                             required=Param(value=["es", "ar"]), any_of=True),
            PointsTest(
                id="points", sources=text, confidence="high",
                production_kinds=["feature-film", "animation"],
                elements=[
                    PointsElement(id="director", label="Director", points=3, role="director"),
                    PointsElement(id="lead", label="First role", points=2, role="lead-role",
                                  rank=1),
                    PointsElement(id="shooting", label="Shooting", points=2,
                                  locations=["shooting", "studio"])],
                pass_mark=Param(value=6), total=Param(value=7),
                qualifying="co-producing-states", discretion=True),
            ApplicationDeadline(id="deadline", sources=text, confidence="high",
                                months=Param(value=2), days=10, severity="warning"),
            PersonnelNationality(
                id="nationality", sources=text, confidence="high",
                roles=["director", "lead-role"],
                # a parameter's enum value given as text becomes its member
                allowed=Param(value="co-producing-states"),
                also_allowed=["UY"], also_allowed_groups=["EU"], residents=False,
                exception_with_approval=True, severity="warning"),
            ScopeRule(id="scope", sources=text, confidence="high",
                      kinds=Param(value=["feature-film", "animation", "documentary"])),
            LocationRule(id="locations", sources=text, confidence="high",
                         kinds=["shooting", "studio"], spend_cap=Param(value=Share.parse("10%")),
                         severity="error"),
            ManualCheck(id="third-country-agreements", sources=text, confidence="medium",
                        scope="multilateral", applies_to="non-party-co-producers",
                        condition="each third country has a co-production agreement with "
                                  "Argentina or Egypt"),
        ],
        notes=["A note for readers."],
    )


def _agreements() -> list[CoProductionAgreement]:
    """Agreements that between them reach every rule of the instrument, on both sides."""
    return [
        build([("AR", "85%", "majority"), ("EG", "15%", "minority")],
              personnel=[("director", "AR", None), ("lead-role", "US", 1),
                         ("supporting-role", "FR", None)],
              locations=[("shooting", "US", "2000000.00 USD")],
              signed="2024-01-10", application="2024-03-01", photography="2024-04-01"),
        build([("AR", "55%", "majority"), ("EG", "15%", "financial-only"),
               ("BR", "30%", "third-country")],
              kind="animation", languages=("es",),
              personnel=[("director", "AR", None), ("screenwriter", "BR", None),
                         ("lead-role", "AR", 1)],
              approvals=[("personnel-exception", "AR")]),
        build([("AR", "78%", "majority"), ("EG", "22%", "minority")], kind="tv-series",
              languages=("ar",), locations=[("studio", "EG", "100.00 USD")]),
    ]


@pytest.fixture
def registered() -> Iterator[Treaty]:
    """The instrument built in Python, registered for the test and taken out after it."""
    treaty = treaties.register_instrument(_in_python())
    yield treaty
    treaties.unregister_instrument(treaty.id)


def test_an_instrument_built_in_python_equals_the_document(registered: Treaty) -> None:
    """Built with enum values as text, it equals the loaded document and is written the same."""
    loaded = loads(DOCUMENT, "yaml", kind=Treaty)
    assert registered == loaded
    assert dumps(registered, "yaml") == dumps(loaded, "yaml")
    assert loads(dumps(registered, "yaml"), "yaml", kind=Treaty) == registered


def test_an_instrument_built_in_python_validates_like_the_document(registered: Treaty) -> None:
    """Passed to validate() or registered and invoked by id, it gives the document's findings."""
    loaded = loads(DOCUMENT, "yaml", kind=Treaty)
    agreements = _agreements()
    codes: set[str] = set()
    by_id = []
    for agreement in agreements:
        expected = validate(agreement, treaty=loaded).findings
        assert validate(agreement, treaty=registered).findings == expected
        by_id.append(validate(attrs.evolve(agreement, treaty="AR-EG-2019")).findings)
        codes |= {f.code for f in expected}
    treaties.register_instrument(loaded)  # the fixture takes it out again
    assert [validate(attrs.evolve(a, treaty="AR-EG-2019")).findings
            for a in agreements] == by_id
    # The agreements reach the rules: findings of most kinds, not only "not checked" notes.
    assert {"CONTRIB-SUPPORT-AT-RISK", "NONPARTY-ABOVE-CAP", "FINONLY-BELOW-MIN",
            "FINONLY-PROVISION-MISSING", "POINTS-SCORE", "APPLICATION-LATE",
            "PERSONNEL-NATIONALITY", "SCOPE-KIND-NOT-COVERED", "LOCATION-NON-PARTY",
            "CONDITION-NOT-CHECKED"} <= codes


# --------------------------------------------------------------------------- summaries

#: A rule and its summary, word for word (tests/treaties/test_rule_findings.py pins more).
SUMMARIES: list[tuple[Any, str]] = [
    (_make(ManualCheck, applies_to="non-party-co-producers"),
     "all co-productions (with non-party co-producers): checked by hand (checked by hand)"),
    (_make(ManualCheck, applies_to="financial-only-co-producers"),
     "all co-productions (with financial-only co-producers): checked by hand (checked by hand)"),
    (_make(PersonnelNationality, allowed=Param(value="co-producing-states")),
     "key personnel: nationals of the co-producing states (residents count)"),
    (_make(PersonnelNationality, allowed=Param(value="bound-states"), residents=False),
     "key personnel: nationals of the bound states"),
    (_make(ContributionRange, minimum=Param(value=UNKNOWN), maximum=Param(value=UNKNOWN)),
     "all co-productions: each co-producer's share of the budget: limits not known"),
    (_make(ContributionRange, unit="state", minimum=Param(value=UNKNOWN),
           maximum=Param(value=UNKNOWN), support_threshold=SHARE),
     "all co-productions: each state's share of the budget: limits not known; national "
     "support at risk below 20%"),
    # a limit left out is not mentioned; one recorded as unknown is said to be not known
    (_make(ContributionRange, minimum=SHARE, maximum=Param(value=UNKNOWN)),
     "all co-productions: each co-producer's share at least 20% of the budget; the maximum "
     "not known"),
    (_make(ContributionRange, minimum=Param(value=UNKNOWN), maximum=SHARE),
     "all co-productions: each co-producer's share at most 20% of the budget; the minimum "
     "not known"),
    (_make(ContributionRange, minimum=SHARE, maximum=SHARE),
     "all co-productions: each co-producer's share between 20% and 20% of the budget"),
    (_make(ContributionRange, minimum=SHARE),
     "all co-productions: each co-producer's share at least 20% of the budget"),
    (_make(ContributionRange),
     "all co-productions: each co-producer's share of the budget: no limits recorded"),
    # one bound recorded as unknown and the other left out: still "not known"
    (_make(ContributionRange, minimum=Param(value=UNKNOWN)),
     "all co-productions: each co-producer's share of the budget: limits not known"),
    (_make(ContributionRange, minimum=SHARE,
           derogation=Derogation(minimum=Param(value=Share.parse("10%")),
                                 maximum=Param(value=UNKNOWN))),
     "all co-productions: each co-producer's share at least 20% of the budget; by derogation "
     "at least 10% with every authority's approval; the maximum not known"),
    (_make(FinancialCoProduction, minimum=Param(value=UNKNOWN), maximum=Param(value=UNKNOWN)),
     "financial-only co-producers: each: limits not known"),
    (_make(PersonnelNationality, allowed=Param(value=UNKNOWN)),
     "key personnel: whose nationals are accepted is not known"),
]


@pytest.mark.parametrize(("rule", "summary"), SUMMARIES, ids=[s for _, s in SUMMARIES])
def test_summaries_read_as_english(rule: Any, summary: str) -> None:
    """Words, not enum values: "non-party co-producers", "co-producing states"."""
    assert rule.summary() == summary


# -- an instrument's own consistency, checked when it is built -----------------------------


@pytest.mark.parametrize(("change", "problem"), [
    # Findings cite the best of the sources (validate() used to fail on min() of nothing).
    ({"sources": [], "rules": [], "signed": Param(value=UNKNOWN),
      "in_force": Param(value=UNKNOWN), "states": [StateParty(country="AR")],
      "competent_authorities": [], "amendments": []},
     "an instrument lists at least one source: every fact in it rests on one, and findings "
     "cite it @ $.sources"),
    # Look-ups by id take the first: a second source, amendment or rule of the same id
    # would be silently ignored.
    ({"sources": [Source(id="text", title="T", url="https://example.org/a", confidence="high"),
                  Source(id="text", title="T2", url="https://example.org/b",
                         confidence="low"),
                  Source(id="blog", title="B", url="https://example.org/c",
                         confidence="low")]},
     "'text' is already the id of $.sources[0] @ $.sources[1].id"),
    # An authority for a state the instrument does not bind approves nothing under it.
    ({"competent_authorities": [CompetentAuthority(country="BR", name="ANCINE",
                                                   sources=["text"], confidence="high")]},
     "BR is not among the instrument's states (AR, EG) @ $.competent_authorities[0].country"),
])
def test_an_instrument_must_hold_together(change: dict[str, Any], problem: str) -> None:
    """No sources, ids listed twice, authorities for states not listed: refused when built."""
    with pytest.raises(ProblemsError) as refused:
        attrs.evolve(_in_python(), **change)
    assert [str(p) for p in refused.value.problems] == [problem]


def test_rule_ids_listed_twice_are_refused() -> None:
    """Two rules with one id: ``Treaty.rule(id)`` would only ever find the first."""
    treaty = _in_python()
    with pytest.raises(ProblemsError) as refused:
        attrs.evolve(treaty, rules=[*treaty.rules, treaty.rules[0]])
    assert [p.path for p in refused.value.problems] == [f"$.rules[{len(treaty.rules)}].id"]


def test_production_kinds_of_every_instrument_come_from_its_scope_rule() -> None:
    """``Treaty.production_kinds`` read a ``Param`` as a list and raised ``TypeError``."""
    for treaty in treaties.all():
        scopes = [r for r in treaty.rules if r.kind == "scope"]
        kinds = treaty.production_kinds
        if not scopes or not scopes[0].kinds.known:
            assert kinds is None, treaty.id
        else:
            assert kinds == tuple(scopes[0].kinds.value), treaty.id
    assert treaties.get("CN-IN-2014").production_kinds == (
        ProductionKind.FEATURE_FILM, ProductionKind.ANIMATION, ProductionKind.DOCUMENTARY)


def test_the_schema_carries_the_bounds_of_counts_points_ranks_and_days() -> None:
    """``coprod schema treaty`` refuses what the classes refuse: no count of 0, no rank 0.

    The bounds are attrs metadata that the schema generator reads.
    """
    defs = json_schema("treaty")["$defs"]
    assert defs["RoleRequirement"]["properties"]["count"] == {"type": "integer", "minimum": 1}
    assert defs["PointsElement"]["properties"]["points"] == {"type": "integer", "minimum": 0}
    assert defs["PointsElement"]["properties"]["rank"] == {
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}
    deadline = [d for d in json_schema("treaty")["properties"]["rules"]["items"]["oneOf"]
                if d["properties"]["kind"].get("const") == "application-deadline"]
    assert [d["properties"]["days"] for d in deadline] == [{"type": "integer", "minimum": 0}]
