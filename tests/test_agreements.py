"""The agreement model: construction, cross-references, derived shares, round trips."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from coprod import (
    CoProductionAgreement,
    Country,
    DocumentError,
    InvalidValueError,
    Money,
    Organisation,
    dumps,
    load,
    loads,
)
from coprod.agreements import (
    AgreementReferenceError,
    Approval,
    Contribution,
    ExchangeRate,
    KeyPerson,
    Location,
    Production,
    ProductionKind,
    Title,
    _demo,
)
from coprod.money import Currency
from coprod.strategies import agreements

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "ru-cn-animated-feature.yaml"


def test_example_loads_with_exact_shares() -> None:
    """The shipped example loads; shares come from contributions at the agreed rates, exactly."""
    a = load(EXAMPLE, kind=CoProductionAgreement)
    assert a.share_of("volga-frame").value == Fraction(55, 100)
    assert a.share_of("jade-lantern").value == Fraction(45, 100)
    assert [c.code for c in a.countries] == ["RU", "CN"]
    assert a.production.delivered_languages == ("ru", "zh", "en")


def test_unknown_party_is_a_path_error() -> None:
    """A contribution for an unknown party is reported at its path when loading."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "{party: jade-lantern, amount: 38880000.00 CNY",
        "{party: jade-lanter, amount: 38880000.00 CNY")
    with pytest.raises(DocumentError) as info:
        loads(text, "yaml")
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.contributions[2].party", "unknown co-producer 'jade-lanter' (not a party)")]


def test_every_broken_reference_is_listed() -> None:
    """Several broken references are all reported, each at its own path."""
    text = (EXAMPLE.read_text(encoding="utf-8")
            .replace("{role: director, person: anna-sokolova}", "{role: director, person: nobody}")
            .replace("{party: jade-lantern, share: 45%}", "{party: nobody, share: 45%}"))
    with pytest.raises(DocumentError) as info:
        loads(text, "yaml")
    assert {p.path for p in info.value.problems} == {
        "$.key_personnel[0].person", "$.copyright[1].party"}


def test_references_checked_in_python_too() -> None:
    """Building an agreement with a broken reference in Python raises with every problem."""
    a = _demo()
    with pytest.raises(AgreementReferenceError) as info:
        attrs.evolve(a, contributions=(*a.contributions, Contribution(
            party="ghost", amount=Money.parse("1 USD"))))
    assert info.value.problems[0].path == "$.contributions[2].party"


def test_a_party_id_used_twice_is_refused_not_replaced() -> None:
    """Two parties with one id: an error at the second, never the second silently winning.

    Before the fix the duplicate check ran before any id was recorded, so it never fired and
    the party index kept the later entry (a report then named the wrong company and country).
    """
    a = _demo()
    first = a.parties[0]
    twin = Organisation(id=first.id, name="Other Co", country=Country("FR"))
    with pytest.raises(AgreementReferenceError) as info:
        attrs.evolve(a, parties=(*a.parties, twin))
    assert [(p.path, p.message) for p in info.value.problems] == [
        (f"$.parties[{len(a.parties)}].id", f"party id {first.id!r} is used twice")]


def test_two_co_producers_needed() -> None:
    """A co-production has at least two co-producers."""
    a = _demo()
    with pytest.raises(InvalidValueError, match="at least two"):
        attrs.evolve(a, co_producers=a.co_producers[:1], contributions=a.contributions[:1])


def test_exchange_rate_both_directions() -> None:
    """An agreed rate converts in either direction, exactly; no rate means no share."""
    a = _demo()
    assert a.in_budget_currency(Money.parse("45 RUB")) == Fraction(1, 2)
    reverse = attrs.evolve(a, exchange_rates=(ExchangeRate(
        base=Currency("RUB"), quote=Currency("USD"), rate=Decimal("0.01")),))
    assert reverse.in_budget_currency(Money.parse("50 RUB")) == Fraction(1, 2)
    assert a.in_budget_currency(Money.parse("1 EUR")) is None
    no_rate = attrs.evolve(a, contributions=(
        Contribution(party="volga", amount=Money.parse("60 EUR")), a.contributions[1]))
    with pytest.raises(InvalidValueError, match="no agreed rate"):
        no_rate.share_of("volga")


def test_invalid_values_refused() -> None:
    """Values that cannot exist are refused: a zero budget, a bad language tag, a bad rate."""
    with pytest.raises(InvalidValueError):
        Production(kind=ProductionKind.ANIMATION, titles=(Title("X", "en"),),
                   original_languages=("ru",), budget=Money.parse("0 USD"))
    with pytest.raises(InvalidValueError):
        Title("X", "not a tag")
    with pytest.raises(InvalidValueError):
        ExchangeRate(base=Currency("USD"), quote=Currency("RUB"), rate=Decimal("0"))
    with pytest.raises(InvalidValueError):
        KeyPerson(role=KeyPerson.__attrs_attrs__.role.type.DIRECTOR)  # type: ignore[union-attr]


def test_languages_normalised() -> None:
    """Language tags are normalised (cmn is zh; case is fixed)."""
    p = Production(kind=ProductionKind.ANIMATION, titles=(Title("X", "ZH-hans"),),
                   original_languages=("cmn", "RU"), budget=Money.parse("1 USD"))
    assert p.original_languages == ("zh", "ru")
    assert p.titles[0].language == "zh-Hans"


def test_series_length() -> None:
    """A series' total length is episodes × episode length."""
    p = Production(kind=ProductionKind.TV_SERIES, titles=(Title("X", "en"),),
                   original_languages=("ru",), budget=Money.parse("1 USD"),
                   episodes=8, episode_minutes=52)
    assert p.total_minutes == 416


def test_country_of_position() -> None:
    """A position counts for its stated country, else the holder's nationality."""
    a = load(EXAMPLE, kind=CoProductionAgreement)
    zhao = next(k for k in a.key_personnel if k.person == "zhao-lei")
    assert a.countries_of_position(zhao) == (Country("CN"),)


@settings(max_examples=40, deadline=None)
@given(agreements())
def test_round_trip_every_format(agreement: CoProductionAgreement) -> None:
    """Any agreement dumps and loads back equal, in JSON, YAML and TOML, deterministically."""
    for fmt in ("json", "yaml", "toml"):
        text = dumps(agreement, fmt)
        back = loads(text, fmt, kind=CoProductionAgreement)
        assert back == agreement
        assert dumps(back, fmt) == text


def test_look_ups_refuse_unknown_ids_and_cannot_be_changed() -> None:
    """A mistyped id is an error, not a party contributing nothing; cached views are read-only."""
    from coprod import UnknownReferenceError

    a = load(EXAMPLE, kind=CoProductionAgreement)
    for look_up in (a.share_of, a.contributed, a.fraction_of):
        with pytest.raises(UnknownReferenceError, match="no party 'volgaa'"):
            look_up("volgaa")
    with pytest.raises(TypeError):
        a.party_index["ghost"] = a.parties[0]  # type: ignore[index]
    with pytest.raises(UnknownReferenceError):
        a.party("ghost")
    person = next(p.id for p in a.parties if not hasattr(p, "country"))
    with pytest.raises(InvalidValueError, match="is a person"):
        a.country_of(person)


def test_built_in_code_wrong_types_are_refused_in_words_and_values_are_read() -> None:
    """Constructors hold what loading holds: a value of the wrong type never gets in.

    An application building agreements from database rows passed enum values as text: the
    agreement was built, then reported a recorded clause as missing (a false legal error),
    and failed to save with an AttributeError. Enum values and codes are now read as their
    members (lossless); anything else is an InvalidValueError naming the field.
    """
    import pendulum

    from coprod import validate
    from coprod.agreements import AgreementDates, CoProducer, Provision

    a = load(EXAMPLE, kind=CoProductionAgreement)
    read = attrs.evolve(a, provisions=["receipts-sharing", "credits"])  # type: ignore[list-item]
    assert read.provisions == (Provision.RECEIPTS_SHARING, Provision.CREDITS)
    assert loads(dumps(read, "json"), "json") == read
    assert CoProducer(party="x", role="majority").role.value == "majority"  # type: ignore[arg-type]
    refusals = [
        (lambda: attrs.evolve(a, provisions=("receipts sharing",)), r"provisions\[0\] must be one"),
        (lambda: AgreementDates(signed=None), "signed is required"),  # type: ignore[arg-type]
        (lambda: attrs.evolve(a, treaty=2017), "treaty must be text"),
        (lambda: attrs.evolve(a, id="Bad Id"), r"^invalid id 'Bad Id': use lower-case"),
        (lambda: attrs.evolve(a, parties=(attrs.evolve(a.parties[0], id="Bad Id"),)),
         r"^invalid party id 'Bad Id'"),
        (lambda: attrs.evolve(a, locations=("x",)), r"locations\[0\] must be a Location"),
        (lambda: attrs.evolve(a, approvals=("x",)), r"approvals\[0\] must be an Approval"),
        (lambda: attrs.evolve(a, exchange_rates=("x",)), r"exchange_rates\[0\] must be an"),
        (lambda: attrs.evolve(a, parties=("volga",)),
         r"parties\[0\] must be an Organisation or a Person"),
        (lambda: ExchangeRate(base="USD", quote="RUB", rate=90.5), "rate must be a Decimal"),
        (lambda: Money(Decimal(1), 840), "currency"),  # type: ignore[arg-type]
        (lambda: Production(kind="opera", titles=(), original_languages=("ru",),
                            budget=Money.parse("1 USD")), "kind must be one of 'feature-film'"),
        (lambda: validate("x"), "checks a CoProductionAgreement"),  # type: ignore[arg-type]
        (lambda: Contribution(party="x", amount=Money.parse("1 USD"), description=5),  # type: ignore[arg-type]
         r"description must be text or null \(left out\), got 5"),
        (lambda: Approval(kind="points-shortfall", country="RU", authority=["CNC"]),  # type: ignore[arg-type]
         "authority must be text or null"),
        (lambda: Approval(kind="points-shortfall", country="RU", reference=7),  # type: ignore[arg-type]
         "reference must be text or null"),
        (lambda: Location(kind="shooting", country="RU", spend=Money.parse("1 USD"), place=1.5),  # type: ignore[arg-type]
         "place must be text or null"),
        (lambda: ExchangeRate(base="USD", quote="RUB", rate="90", source=False),  # type: ignore[arg-type]
         "source must be text or null"),
        (lambda: validate(a, as_of=pendulum.datetime(2024, 3, 1)), "without a time of day"),
    ]
    for build, message in refusals:
        with pytest.raises(InvalidValueError, match=message):
            build()
    assert ExchangeRate(base="USD", quote="RUB", rate="90.5").rate == Decimal("90.5")
    assert Money(Decimal(1), "USD") == Money.parse("1 USD")  # type: ignore[arg-type]


@given(agreements())
@settings(max_examples=40, deadline=None)
def test_broken_references_are_reported_with_every_other_problem(
    agreement: CoProductionAgreement,
) -> None:
    """A broken reference is reported at once, beside a problem that stops the build.

    References were checked only once the agreement was built, so an unknown party came to
    light one round trip after every other problem was fixed.
    """
    import json

    from coprod.agreements import _references_in_data

    data = json.loads(dumps(agreement, "json"))
    assert _references_in_data(data) == []
    data["contributions"][0]["party"] = "no-such-party"
    data["production"]["budget"] = "-1.00 " + agreement.production.budget.currency.code
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(data), "json")
    paths = [p.path for p in caught.value.problems]
    assert "$.production.budget" in paths
    assert "$.contributions[0].party" in paths
