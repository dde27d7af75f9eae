"""Load + validate and dump of an agreement document: coprod against pydantic v2 and msgspec.

Run from the repository root (``pip install -e '.[bench]'`` first)::

    python benchmarks/bench_documents.py [--seconds 1.0]

The document is ``examples/data/ru-cn-animated-feature.yaml`` written as JSON (about 4 kB,
nested: titles, parties of two kinds, contributions, personnel, locations, dates, shares).
The same document is modelled in pydantic v2 and in msgspec with the same work on each
value: amounts parsed into an exact Decimal and a currency code, shares into an exact
Fraction, dates into dates, country codes and ids checked against a pattern, enums closed,
unknown keys refused, the party union told apart by ``type``. coprod does more on top
(ISO 4217 and ISO 3166 look-ups, BCP 47 tags, cross-references between parties, every
problem reported with its path); the ratios are of the whole load each library performs.

coprod writes canonical JSON (two-space indentation, fields in declaration order); pydantic
and msgspec write compact JSON by default, so the dump is also timed for pydantic writing
indented JSON, the same shape of text as coprod's, and both ratios are printed. coprod's
dump uses msgspec's encoder when it is installed (the ``fast`` extra), which writes the
same bytes as the standard library's.

Every variant runs in the same process, with the garbage collector on (the default) and
off. Figures are printed, never asserted: they depend on the machine.
"""

# No `from __future__ import annotations`: the models below are built inside functions and
# pydantic and msgspec read their annotations at run time.
import argparse
import datetime as dt
import gc
import re
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

import coprod

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "examples" / "data" / "ru-cn-animated-feature.yaml"
_MONEY = re.compile(r"^([+-]?\d+(?:\.\d+)?) ([A-Z]{3})$")
_SHARE = re.compile(r"^(\d+(?:\.\d+)?)%$|^(\d+)/(\d+)$")
ID = r"^[a-z0-9][a-z0-9._-]*$"
CC = r"^[A-Z]{2}$"


def parse_money(text: str) -> tuple[Decimal, str]:
    m = _MONEY.match(text)
    if m is None:
        raise ValueError(f"not an amount of money: {text!r}")
    return Decimal(m[1]), m[2]


def parse_share(text: str) -> Fraction:
    m = _SHARE.match(text)
    if m is None:
        raise ValueError(f"not a share: {text!r}")
    value = Fraction(Decimal(m[1])) / 100 if m[1] else Fraction(int(m[2]), int(m[3]))
    if not 0 <= value <= 1:
        raise ValueError("share must be between 0% and 100%")
    return value


# -- pydantic v2 -----------------------------------------------------------------------------


def pydantic_model() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator
    from pydantic.functional_validators import BeforeValidator

    MoneyText = Annotated[tuple[Decimal, str], BeforeValidator(parse_money),
                      PlainSerializer(lambda v: f"{v[0]} {v[1]}", return_type=str)]
    ShareText = Annotated[Fraction, BeforeValidator(parse_share),
                      PlainSerializer(lambda v: f"{v.numerator}/{v.denominator}", return_type=str)]
    Ident = Annotated[str, Field(pattern=ID)]
    CountryCode = Annotated[str, Field(pattern=CC)]

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Title(Strict):
        text: str
        language: str

    class Production(Strict):
        kind: Literal["feature", "animation", "documentary", "tv-series", "tv-show"]
        titles: tuple[Title, ...]
        original_languages: tuple[str, ...]
        budget: MoneyText
        language_versions: tuple[str, ...] = ()
        running_time_minutes: int | None = None

    class Organisation(Strict):
        type: Literal["organisation"]
        id: Ident
        name: str
        country: CountryCode
        kind: Literal["producer", "broadcaster", "streaming-service", "distributor",
                      "sales-agent", "public-body", "ministry"] = "producer"

    class Person(Strict):
        type: Literal["person"]
        id: Ident
        name: str
        nationalities: tuple[CountryCode, ...]
        residences: tuple[CountryCode, ...] = ()

    class CoProducer(Strict):
        party: Ident
        role: Literal["majority", "minority", "financial", "third-country"]

    class Contribution(Strict):
        party: Ident
        amount: MoneyText
        kind: Literal["cash", "in-kind"] = "cash"
        description: str | None = None

    class Dates(Strict):
        signed: dt.date
        application: dt.date | None = None
        principal_photography: dt.date | None = None
        delivery: dt.date | None = None

    class Personnel(Strict):
        role: str
        person: Ident
        rank: int | None = None
        counts_for: CountryCode | None = None

    class Location(Strict):
        kind: str
        country: CountryCode
        spend: MoneyText
        place: str | None = None

    class Copyright(Strict):
        party: Ident
        share: ShareText

    class Rate(Strict):
        base: str
        quote: str
        rate: Decimal
        date: dt.date | None = None
        source: str | None = None

    class Agreement(Strict):
        schema_version: Literal[1]
        document: Literal["co-production-agreement"]
        id: Ident
        production: Production
        parties: tuple[Annotated[Organisation | Person, Field(discriminator="type")], ...]
        co_producers: tuple[CoProducer, ...]
        contributions: tuple[Contribution, ...]
        dates: Dates
        key_personnel: tuple[Personnel, ...] = ()
        locations: tuple[Location, ...] = ()
        copyright: tuple[Copyright, ...] = ()
        exchange_rates: tuple[Rate, ...] = ()
        provisions: tuple[str, ...] = ()
        treaty: str | None = None

        @field_validator("co_producers")
        @classmethod
        def _two(cls, v: tuple[CoProducer, ...]) -> tuple[CoProducer, ...]:
            if len(v) < 2:
                raise ValueError("a co-production needs two co-producers")
            return v

    return Agreement


# -- msgspec ---------------------------------------------------------------------------------


def msgspec_model() -> tuple[Any, Callable[..., Any], Callable[..., Any]]:
    import msgspec
    from msgspec import Meta, Struct

    class Money:
        __slots__ = ("amount", "currency")

        def __init__(self, amount: Decimal, currency: str) -> None:
            self.amount, self.currency = amount, currency

    class Share:
        __slots__ = ("value",)

        def __init__(self, value: Fraction) -> None:
            self.value = value

    Ident = Annotated[str, Meta(pattern=ID)]
    CountryCode = Annotated[str, Meta(pattern=CC)]

    def dec_hook(tp: type, obj: Any) -> Any:
        if tp is Money:
            return Money(*parse_money(obj))
        if tp is Share:
            return Share(parse_share(obj))
        raise NotImplementedError(tp)

    def enc_hook(obj: Any) -> Any:
        if isinstance(obj, Money):
            return f"{obj.amount} {obj.currency}"
        if isinstance(obj, Share):
            return f"{obj.value.numerator}/{obj.value.denominator}"
        raise NotImplementedError(type(obj))

    opts = {"forbid_unknown_fields": True, "frozen": True, "omit_defaults": True}

    class Title(Struct, **opts):
        text: str
        language: str

    class Production(Struct, **opts):
        kind: Literal["feature", "animation", "documentary", "tv-series", "tv-show"]
        titles: tuple[Title, ...]
        original_languages: tuple[str, ...]
        budget: Money
        language_versions: tuple[str, ...] = ()
        running_time_minutes: int | None = None

    class Organisation(Struct, tag_field="type", tag="organisation", **opts):
        id: Ident
        name: str
        country: CountryCode
        kind: Literal["producer", "broadcaster", "streaming-service", "distributor",
                      "sales-agent", "public-body", "ministry"] = "producer"

    class Person(Struct, tag_field="type", tag="person", **opts):
        id: Ident
        name: str
        nationalities: tuple[CountryCode, ...]
        residences: tuple[CountryCode, ...] = ()

    class CoProducer(Struct, **opts):
        party: Ident
        role: Literal["majority", "minority", "financial", "third-country"]

    class Contribution(Struct, **opts):
        party: Ident
        amount: Money
        kind: Literal["cash", "in-kind"] = "cash"
        description: str | None = None

    class Dates(Struct, **opts):
        signed: dt.date
        application: dt.date | None = None
        principal_photography: dt.date | None = None
        delivery: dt.date | None = None

    class Personnel(Struct, **opts):
        role: str
        person: Ident
        rank: int | None = None
        counts_for: CountryCode | None = None

    class Location(Struct, **opts):
        kind: str
        country: CountryCode
        spend: Money
        place: str | None = None

    class Copyright(Struct, **opts):
        party: Ident
        share: Share

    class Rate(Struct, **opts):
        base: str
        quote: str
        rate: Decimal
        date: dt.date | None = None
        source: str | None = None

    class Agreement(Struct, **opts):
        schema_version: Literal[1]
        document: Literal["co-production-agreement"]
        id: Ident
        production: Production
        parties: tuple[Organisation | Person, ...]
        co_producers: tuple[CoProducer, ...]
        contributions: tuple[Contribution, ...]
        dates: Dates
        key_personnel: tuple[Personnel, ...] = ()
        locations: tuple[Location, ...] = ()
        copyright: tuple[Copyright, ...] = ()
        exchange_rates: tuple[Rate, ...] = ()
        provisions: tuple[str, ...] = ()
        treaty: str | None = None

    decoder = msgspec.json.Decoder(Agreement, dec_hook=dec_hook)
    encoder = msgspec.json.Encoder(enc_hook=enc_hook, decimal_format="string")
    return Agreement, decoder.decode, encoder.encode


def careful_loads(text: str) -> Any:
    """coprod.loads with the compiled fast path turned off (the converter does everything)."""
    from coprod.serialization import _documents

    _documents._fast_enabled = False
    try:
        return coprod.loads(text)
    finally:
        _documents._fast_enabled = True


# -- timing ----------------------------------------------------------------------------------


def per_call(fn: Callable[[], object], seconds: float) -> float:
    """Median seconds per call over batches filling about *seconds*."""
    fn()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        fn()
        n += 1
    batch = max(1, n)
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(samples) < 5:
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - t0) / batch)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    args = parser.parse_args()

    agreement = coprod.load(DOC)
    text = coprod.dumps(agreement, "json")
    Agreement = pydantic_model()
    p_obj = Agreement.model_validate_json(text)
    _, m_decode, m_encode = msgspec_model()
    m_obj = m_decode(text.encode())
    assert coprod.loads(text) == agreement

    variants = {
        ("load + validate", "coprod (attrs + cattrs)"): lambda: coprod.loads(text),
        ("load + validate", "coprod, careful path only"): lambda: careful_loads(text),
        ("load + validate", "pydantic v2"): lambda: Agreement.model_validate_json(text),
        ("load + validate", "msgspec"): lambda: m_decode(text.encode()),
        ("dump", "coprod (attrs + cattrs)"): lambda: coprod.dumps(agreement, "json"),
        ("dump", "pydantic v2"): lambda: p_obj.model_dump_json(exclude_defaults=True),
        ("dump", "pydantic v2, indented"): lambda: p_obj.model_dump_json(
            exclude_defaults=True, indent=2),
        ("dump", "msgspec"): lambda: m_encode(m_obj),
    }
    print(f"agreement document: {DOC.name} as JSON, {len(text.encode()):,} bytes")
    for gc_on in (True, False):
        gc.enable() if gc_on else gc.disable()
        times = {key: per_call(fn, args.seconds) for key, fn in variants.items()}
        gc.enable()
        if gc_on:
            pydantic_load = times[("load + validate", "pydantic v2")]
        label = "GC on" if gc_on else "GC off"
        for op in ("load + validate", "dump"):
            base = times[(op, "pydantic v2")]
            libs = [lib for (o, lib) in variants if o == op]
            for lib in libs:
                t = times[(op, lib)]
                also = ""
                if op == "dump" and lib != "pydantic v2, indented":
                    # coprod writes indented canonical JSON; pydantic's default is compact.
                    also = f", {times[(op, 'pydantic v2, indented')] / t:.2f}x indented"
                print(f"{op} ({label}): {lib}: {t * 1e6:,.1f} µs per document; "
                      f"{base / t:.2f}x pydantic v2{also}")
    breakdown(text, agreement, args.seconds, pydantic_load)
    formats(agreement, args.seconds)


def formats(agreement: object, seconds: float) -> None:
    """The same agreement loaded and written in each format coprod reads."""
    json_load = json_dump = 0.0
    for fmt in ("json", "yaml", "toml"):
        text = coprod.dumps(agreement, fmt)
        assert coprod.loads(text, fmt) == agreement
        load = per_call(lambda text=text, fmt=fmt: coprod.loads(text, fmt), seconds)
        dump = per_call(lambda fmt=fmt: coprod.dumps(agreement, fmt), seconds)
        if fmt == "json":
            json_load, json_dump = load, dump
        print(f"format {fmt}: {len(text.encode()):,} bytes; load + validate {load * 1e6:,.0f} µs "
              f"({load / json_load:.1f}x JSON's time), dump {dump * 1e6:,.0f} µs "
              f"({dump / json_dump:.1f}x JSON's time)")


def breakdown(text: str, agreement: object, seconds: float, pydantic_load: float) -> None:
    """Where coprod's load time goes: parsing, building, and the constructors alone."""
    import attrs

    from coprod.serialization._converter import default_converter
    from coprod.serialization._documents import _fast_loads
    from coprod.serialization._fast import compiled
    from coprod.serialization._formats import parse_json_strict

    data = parse_json_strict(text)
    body = {k: v for k, v in data.items() if k not in ("schema_version", "document")}
    build = compiled(default_converter(), type(agreement))
    assert build is not None
    assert build(body) == agreement

    # Every constructor call a load makes, with the arguments it gets (the finished children):
    # timing these calls alone gives the cost of attrs' __init__ and the validators, with no
    # reading at all. Countries and currencies are left out: their hooks hand out cached
    # instances, so a load does not construct them.
    plan: list[tuple[type, dict[str, Any]]] = []
    cached = (coprod.Country, coprod.Currency)

    def collect(obj: Any) -> None:
        if type(obj) is tuple:
            for item in obj:
                collect(item)
        elif attrs.has(type(obj)) and not isinstance(obj, cached):
            kwargs = {a.alias or a.name: getattr(obj, a.name)
                      for a in attrs.fields(type(obj)) if a.init}
            for value in kwargs.values():
                collect(value)
            plan.append((type(obj), kwargs))

    collect(agreement)
    assert plan[-1][0](**plan[-1][1]) == agreement

    def construct() -> None:
        for cls, kwargs in plan:
            cls(**kwargs)

    # The same calls with attrs' validators switched off (converters and post-init checks
    # still run), and the bare minimum: a new instance with its slots set, nothing checked.
    # Both are floors no reader can go under while the objects are frozen attrs instances.
    def construct_unchecked() -> None:
        with attrs.validators.disabled():
            for cls, kwargs in plan:
                cls(**kwargs)

    setter = object.__setattr__

    def construct_bare() -> None:
        for cls, kwargs in plan:
            obj = object.__new__(cls)
            for name, value in kwargs.items():
                setter(obj, name, value)

    total = per_call(lambda: _fast_loads(text, "json", None, None), seconds)
    parts = {
        "parse (exact numbers, duplicate keys refused)": per_call(
            lambda: parse_json_strict(text), seconds),
        "build the objects from parsed data (fast path)": per_call(lambda: build(body), seconds),
        f"of which the {len(plan)} constructor calls alone (attrs __init__ and validators)":
            per_call(construct, seconds),
    }
    floors = {
        "the same calls with attrs validators off": per_call(construct_unchecked, seconds),
        "bare instances, slots set, nothing checked": per_call(construct_bare, seconds),
    }
    print(f"coprod load, fast path: {total * 1e6:,.1f} µs per document")
    for what, t in parts.items():
        print(f"coprod load, {what}: {t * 1e6:,.1f} µs ({t / total:.0%} of the load)")
    alone = list(parts.values())[-1]
    print(f"coprod load, the constructor calls alone against pydantic v2's whole load: "
          f"{alone / pydantic_load:.2f}x its time")
    # The load + validate target is 1.5x pydantic v2, a budget of pydantic's time / 1.5.
    budget = pydantic_load / 1.5
    for what, t in floors.items():
        print(f"coprod load, floor: {what}: {t * 1e6:,.1f} µs, "
              f"{t / budget:.2f}x the whole budget of a 1.5x target ({budget * 1e6:,.1f} µs)")


if __name__ == "__main__":
    main()
