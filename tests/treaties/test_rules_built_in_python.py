"""Treaty rules and the treaty model built in Python: enum values as text, wrong types refused.

A catalogue file is converted and checked field by field when it is loaded. A rule or an
instrument built directly in Python used to store whatever it was given: ``scope="multi"``
or ``minimum=Share.parse("20%")`` (not a :class:`~coprod.treaties.Param`) were kept, and
validation failed later with an ``AttributeError``. These prove that every class converts an
enum's value given as text to its member, refuses every other wrong type with an
:class:`~coprod.InvalidValueError` naming the field, and that an instrument built in Python
equals (and validates like) the same instrument loaded from a document.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest
from _treaty_support import build
from hypothesis import given
from hypothesis import strategies as st

from coprod import Country, Share, dumps, loads, parse_date, treaties, validate
from coprod.agreements import (
    CoProductionAgreement,
    CreativeRole,
    LocationKind,
    ProductionKind,
    Provision,
    Title,
)
from coprod.errors import InvalidValueError
from coprod.findings import Confidence, Severity
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
    (ScopeRule, "id", 5, "id must be text, got 5"),
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
    (RoleRequirement, "label", None, "label must be text, got None"),
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
    (PointsElement, "id", 1, "id must be text, got 1"),
    (PointsElement, "label", None, "label must be text, got None"),
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
    (PersonnelNationality, "also_allowed", ["FR"], "also_allowed[0] must be a Country, got 'FR'"),
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
    (Source, "id", None, "id must be text, got None"),
    (Source, "title", 5, "title must be text, got 5"),
    (Source, "url", None, "url must be text, got None"),
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
    (StateParty, "continues", "SU", "continues must be a Country or null (left out), got 'SU'"),
    (StateParty, "reservations", "none", "reservations must be a list, got 'none'"),
    (StateParty, "excludes_bilateral_use", "no", "excludes_bilateral_use must be true or false"),
    (StateParty, "sources", ("s", None), "sources[1] must be text, got None"),
    (StateParty, "confidence", "sure", "confidence must be one of 'high'"),
    (StateParty, "note", 1, "note must be text or null (left out), got 1"),
    (CompetentAuthority, "name", None, "name must be text or one of 'unknown', got None"),
    (CompetentAuthority, "article", 5, "article must be text or null (left out), got 5"),
    (CompetentAuthority, "sources", (1,), "sources[0] must be text, got 1"),
    (CompetentAuthority, "confidence", "sure", "confidence must be one of 'high'"),
    (Amendment, "id", None, "id must be text, got None"),
    (Amendment, "title", 1, "title must be text, got 1"),
    (Amendment, "signed", "2020-01-01", "signed must be a date, got '2020-01-01'"),
    (Amendment, "in_force", NOW, "in_force must be a date, got DateTime("),
    (Amendment, "sources", "s", "sources must be a list, got 's'"),
    (Amendment, "confidence", "sure", "confidence must be one of 'high'"),
    (Amendment, "note", 5, "note must be text or null (left out), got 5"),
    (Treaty, "id", None, "id must be text, got None"),
    (Treaty, "title", 1, "title must be text, got 1"),
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
    """The instrument of DOCUMENT, built in Python with every enum value given as text."""
    text = ["text"]
    return Treaty(
        id="AR-EG-2019", title="Test agreement between two states, for tests only",
        titles=[Title(text="Acuerdo de prueba", language="es")],
        kind="bilateral", description="For tests only.",
        signed=Param(value=parse_date("2019-03-01"), sources=text, confidence="high"),
        in_force=Param(value=parse_date("2019-09-01"), article="Art. 20", sources=text,
                       confidence="medium"),
        states=[StateParty(country=Country("AR"), sources=text, confidence="high",
                           signed=datetime.date(2019, 3, 1)),
                StateParty(country=Country("EG"), status="party", sources=["text", "blog"],
                           confidence="medium")],
        competent_authorities=[
            CompetentAuthority(country=Country("AR"), name="INCAA", article="Art. 2",
                               sources=text, confidence="medium"),
            CompetentAuthority(country=Country("EG"), name=UNKNOWN, sources=["blog"],
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
                             required=Param(value=("es", "ar")), any_of=True),
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
                # a parameter's value is kept as given: the member, not its text
                allowed=Param(value=AllowedStates.CO_PRODUCING_STATES),
                also_allowed=[Country("UY")], also_allowed_groups=["EU"], residents=False,
                exception_with_approval=True, severity="warning"),
            ScopeRule(id="scope", sources=text, confidence="high",
                      kinds=Param(value=(ProductionKind.FEATURE_FILM, ProductionKind.ANIMATION,
                                         ProductionKind.DOCUMENTARY))),
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
