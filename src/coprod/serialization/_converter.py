"""The one cattrs converter that defines coprod's document format."""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import importlib
import operator
import types
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence, list_structure_factory
from cattrs.errors import AttributeValidationNote, ClassValidationError, IterableValidationError
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn

from coprod._exact import check_decimal
from coprod.errors import CoprodError, InvalidValueError, quote, shown
from coprod.geo import Country
from coprod.money import Currency, Money, _to_currency
from coprod.parties import Organisation, Person
from coprod.serialization import _fast_unstructure as fast_unstructure
from coprod.serialization._fast import ATTRS_MARK, SCALAR_MARK, SEQUENCE_MARK, UNION_MARK
from coprod.share import Share
from coprod.terms import parse_date

#: Modules (relative to this package) whose ``configure(converter)`` adds the hooks of one
#: domain. Each domain adds one line here.
_DOMAIN_HOOKS: list[str] = [
    "_agreements",
    "_rights",
    "_waterfall",
]


def _no_float(value: object, what: str) -> None:
    if isinstance(value, float):
        raise InvalidValueError(
            f"{what} must be exact; got the floating-point number {value!r}. "
            "Write it as text (\"0.2\") or load the document with coprod.loads, which reads "
            "numbers exactly"
        )


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected text, got {shown(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"expected a whole number, got {shown(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(f"expected true or false, got {shown(value)}")
    return value


# The fast path checks these types inline (``type(value) is str``), with the same verdict.
for _hook, _scalar in ((_structure_str, str), (_structure_int, int), (_structure_bool, bool)):
    setattr(_hook, SCALAR_MARK, _scalar)


def _structure_decimal(value: object, _: type) -> Decimal:
    _no_float(value, "a decimal number")
    if isinstance(value, bool):
        raise InvalidValueError(f"expected a decimal number, got {shown(value)}")
    if isinstance(value, (int, Decimal)):
        return check_decimal(Decimal(value), "number")
    if isinstance(value, str) and len(value) <= 64:
        try:
            return check_decimal(Decimal(value.strip()), "number")
        except InvalidOperation:
            pass
    raise InvalidValueError(f"expected a decimal number such as '12.50', got {shown(value)}")


def _structure_fraction(value: object, _: type) -> Fraction:
    _no_float(value, "a fraction")
    if isinstance(value, bool):
        raise InvalidValueError(f"expected a fraction such as '1/3', got {shown(value)}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(check_decimal(value, "number"))
    if isinstance(value, str) and len(value) <= 64:
        text = value.strip()
        try:
            if "/" in text:
                num, den = (int(p) for p in text.split("/"))
                if den == 0:
                    raise InvalidValueError(f"fraction {quote(value)} divides by zero")
                return Fraction(num, den)
            return Fraction(check_decimal(Decimal(text), "number"))
        except (ValueError, InvalidOperation) as exc:
            if isinstance(exc, CoprodError):
                raise
    raise InvalidValueError(f"expected a fraction such as '1/3', got {shown(value)}")


def _structure_share(value: object, _: type) -> Share:
    _no_float(value, "a share")
    if isinstance(value, bool):
        raise InvalidValueError(f"expected a share such as '20%', got {shown(value)}")
    if isinstance(value, str):
        return Share.parse(value)
    if isinstance(value, (int, Decimal)):
        return Share.of(value)
    raise InvalidValueError(f"expected a share such as '20%', '0.2' or '1/3', got {shown(value)}")


def _structure_money(value: object, _: type) -> Money:
    if not isinstance(value, str):
        raise InvalidValueError(
            f"expected an amount with its currency such as '1 250 000.50 RUB', got {shown(value)}"
        )
    return Money.parse(value)


def _structure_currency(value: object, _: type) -> Currency:
    return _to_currency(_structure_str(value, str))


#: Countries already built, by the text they were read from (bounded; see money._CURRENCIES).
_COUNTRIES: dict[str, Country] = {}


def _structure_country(value: object, _: type) -> Country:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected an ISO 3166-1 alpha-2 country code, got {shown(value)}")
    country = _COUNTRIES.get(value)
    if country is None:
        country = Country(value)
        if len(_COUNTRIES) < 1024:
            _COUNTRIES[value] = country
    return country


def _structure_date(value: object, _: type) -> pendulum.Date:
    if not isinstance(value, (str, _dt.date)):
        raise InvalidValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    return parse_date(value)


def _enum_factory(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = [m.value for m in cls]

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            expected = ", ".join(repr(v) for v in values)
            raise InvalidValueError(f"expected one of {expected}; got {shown(value)}") from None

    setattr(structure, SCALAR_MARK, cls)  # a mapping or a list is no member (fast path)
    return structure


def _sequence_factory(tp: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    origin = get_origin(tp) or tp
    args = get_args(tp)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        inner = converter._structure_tuple  # heterogeneous tuples: cattrs' own hook
        base: Callable[[Any, Any], Any] = inner
    elif origin is tuple:
        base = homogenous_tuple_structure_factory(tp, converter)
    else:
        base = list_structure_factory(tp, converter)

    def structure(value: object, _tp: Any) -> Any:
        # A string is iterable, but a list of titles is never a bare string.
        if not isinstance(value, (list, tuple)):
            raise InvalidValueError(f"expected a list, got {shown(value)}")
        return base(value, _tp)

    if origin is not tuple or (len(args) == 2 and args[1] is Ellipsis):
        setattr(structure, SEQUENCE_MARK, (origin, args[0]))
    return structure


def _sequence_unstructure_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """Write a homogeneous tuple or list as a list (cattrs' own hook, minus a generator)."""
    handler = converter.get_unstructure_hook(get_args(tp)[0], cache_result=False)
    if handler == identity:
        return list

    def unstructure(value: Any) -> list[Any]:
        return [handler(v) for v in value]

    setattr(unstructure, fast_unstructure.SEQUENCE_MARK, get_args(tp)[0])
    return unstructure


def _optional_unstructure_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """``X | None``: None stays None; X as X is written (inlined when X is written as is)."""
    (inner,) = (a for a in get_args(tp) if a is not type(None))
    handler = converter.get_unstructure_hook(inner, cache_result=False)
    if handler == identity:
        return identity  # cattrs then reads the attribute inline, with no call at all

    def unstructure(value: Any) -> Any:
        return None if value is None else handler(value)

    setattr(unstructure, fast_unstructure.OPTIONAL_MARK, inner)
    return unstructure


def _is_optional(tp: Any) -> bool:
    origin = get_origin(tp)
    args = get_args(tp)
    return (origin is Union or origin is types.UnionType) and len(args) == 2 and (
        type(None) in args)


def _is_homogeneous_sequence(tp: Any) -> bool:
    origin = get_origin(tp)
    args = get_args(tp)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin is list and len(args) == 1


def _attrs_factory(cls: type, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    generated: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
    )

    def structure(value: object, tp: type) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValueError(f"expected a mapping (key: value pairs), got {shown(value)}")
        try:
            return generated(value, tp)
        except ClassValidationError as exc:
            full = _with_field_validators(exc, cls, value, converter)
            extra = _converter_problems(cls, value, converter, *full.exceptions)
            if extra:
                full = ClassValidationError(full.message, [*full.exceptions, *extra], cls)
            raise full from None
        except IterableValidationError:
            raise
        except (ValueError, TypeError) as exc:
            # Raised by the class itself (a converter or validator), after every field
            # structured: report it at the object's path (refined to the field it names, if
            # any), with what the other fields' converters refuse, so that every problem is
            # reported at once.
            errors = [exc, *_converter_problems(cls, value, converter, exc)]
            raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls) from None

    setattr(structure, ATTRS_MARK, cls)
    return structure


def _converter_problems(
    cls: type, value: Mapping[str, Any], converter: cattrs.Converter, *known: BaseException
) -> list[InvalidValueError]:
    """What each field's own converter refuses, besides the errors already *known*.

    attrs stops at the first converter that fails; the others are run here, one by one, on
    the values as structured. Only refusals that name their field (and so have an exact path)
    are kept, each once.
    """
    seen = {str(e) for e in known}
    out: list[InvalidValueError] = []
    for a in attrs.fields(cls):
        if a.converter is None or not callable(a.converter) or a.name not in value:
            continue
        try:
            field_value = converter.structure(value[a.name], a.type)
        except Exception:  # reported by cattrs already
            continue
        try:
            a.converter(field_value)
        except InvalidValueError as err:
            if err.field is not None and str(err) not in seen:
                seen.add(str(err))
                out.append(err)
        except Exception:  # reported by the class once the rest is fixed
            continue
    return out


def _with_field_validators(
    exc: ClassValidationError, cls: type, value: Mapping[str, Any], converter: cattrs.Converter
) -> ClassValidationError:
    """Add the failures of field validators to a class whose structuring already failed.

    attrs runs validators in ``__init__``, which is never reached when another field fails
    to structure; so that a document's every problem is reported at once, each field that
    did structure is checked here by its own validator (validators that need the whole
    object are skipped: they run once the other problems are fixed).
    """
    failed = {note.name for _, note in exc.group_exceptions()[0]}
    order = {a.name: i for i, a in enumerate(attrs.fields(cls))}
    extra: list[Exception] = []
    for a in attrs.fields(cls):
        if a.name in failed or a.name not in value or a.validator is None:
            continue
        try:
            field_value = converter.structure(value[a.name], a.type)
            if a.converter is not None and callable(a.converter):
                field_value = a.converter(field_value)
        except Exception:  # already reported, or reported once fixed
            continue
        try:
            a.validator(None, a, field_value)
        except (ValueError, TypeError) as err:
            err.__notes__ = [
                AttributeValidationNote(
                    f"Structuring class {cls.__qualname__} @ attribute {a.name}", a.name, a.type
                )
            ]
            extra.append(err)
        except Exception:  # a validator that needs the whole object
            continue
    if not extra:
        return exc
    # An error raised by __init__ carries no note; when a field validator re-raises the same
    # message, keep the one that knows its field (its path is exact), never both.
    kept = list(exc.exceptions)
    for found in list(extra):
        for i, original in enumerate(kept):
            if not getattr(original, "__notes__", None) and str(original) == str(found):
                kept[i] = found
                extra.remove(found)
                break

    def position(e: BaseException) -> int:
        notes = [n for n in getattr(e, "__notes__", []) if isinstance(n, AttributeValidationNote)]
        return order.get(notes[0].name, len(order)) if notes else len(order)

    return ClassValidationError(exc.message, sorted([*kept, *extra], key=position), cls)


#: Unions registered with :func:`tagged_union`: union -> (tag key, tag -> class).
TAGGED_UNIONS: dict[Any, tuple[str, dict[str, type]]] = {}


def tagged_union(
    converter: cattrs.Converter,
    union: Any,
    tags: Mapping[str, type],
    *,
    tag_key: str = "type",
    what: str = "item",
) -> None:
    """Register hooks for a union of attrs classes told apart by a ``type`` key.

    Each member unstructures with its tag first, and structures from a mapping whose
    *tag_key* names the member. Unknown or missing tags are reported with the choices.
    """
    by_class = {cls: tag for tag, cls in tags.items()}
    choices = ", ".join(repr(t) for t in tags)

    hooks: dict[type, Callable[[Any], Any]] = {}

    def unstructure(value: Any) -> dict[str, Any]:
        cls = type(value)
        hook = hooks.get(cls)
        if hook is None:  # looked up at first use, once per member
            hook = hooks[cls] = converter.get_unstructure_hook(cls)
        return {tag_key: by_class[cls], **hook(value)}

    setattr(unstructure, fast_unstructure.UNION_MARK, (tag_key, by_class))

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValueError(
                f"expected a mapping with a {tag_key!r} key, got {shown(value)}"
            )
        tag = value.get(tag_key)
        if tag is None:
            raise InvalidValueError(f"{what} needs a {tag_key!r} key: one of {choices}")
        if tag not in tags:
            raise InvalidValueError(
                f"unknown {what} {tag_key} {quote(tag)}: expected one of {choices}"
            )
        rest = {k: v for k, v in value.items() if k != tag_key}
        return converter.structure(rest, tags[tag])

    setattr(structure, UNION_MARK, (tag_key, dict(tags)))
    converter.register_unstructure_hook(union, unstructure)
    converter.register_structure_hook(union, structure)
    # Remembered so that the JSON Schema export can describe the union.
    TAGGED_UNIONS[union] = (tag_key, dict(tags))


def _is_tuple_or_list(tp: Any) -> bool:
    return bool(is_sequence(tp)) and (get_origin(tp) or tp) in {tuple, list}


def make_converter() -> cattrs.Converter:
    """Build a new converter that reads and writes coprod documents.

    It rejects unknown keys, reports every failure with its path (detailed validation),
    omits fields left at their default (so TOML, which has no null, round-trips), reads
    numbers exactly, and knows every coprod value type.

    Returns:
        A fresh :class:`cattrs.Converter`; the global cattrs converter is never touched.

    Example:
        >>> from coprod import Money
        >>> conv = make_converter()
        >>> conv.unstructure(Money.parse("1 250 000.50 RUB"))
        '1250000.50 RUB'
        >>> conv.structure("20%", Share)
        Share.parse('20%')

    .. versionadded:: 0.1.0
    """
    conv = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list, frozenset: list, set: list},
    )
    for hook, scalar in (
        (_structure_decimal, Decimal), (_structure_fraction, Fraction), (_structure_share, Share),
        (_structure_money, Money), (_structure_currency, Currency),
        (_structure_country, Country), (_structure_date, pendulum.Date),
    ):
        setattr(hook, SCALAR_MARK, scalar)  # each refuses mappings and lists (fast path)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(
        Fraction,
        lambda f: str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}",
    )
    conv.register_structure_hook(Money, _structure_money)
    conv.register_unstructure_hook(Money, Money.canonical)
    conv.register_structure_hook(Currency, _structure_currency)
    conv.register_unstructure_hook(Currency, _CODE)
    conv.register_structure_hook(Share, _structure_share)
    conv.register_unstructure_hook(Share, str)
    conv.register_structure_hook(Country, _structure_country)
    conv.register_unstructure_hook(Country, _CODE)
    conv.register_structure_hook(pendulum.Date, _structure_date)
    conv.register_unstructure_hook(pendulum.Date, _dt.date.isoformat)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_factory
    )
    conv.register_structure_hook_factory(
        _is_tuple_or_list,
        lambda t: _sequence_factory(t, conv),
    )
    conv.register_unstructure_hook_factory(
        _is_homogeneous_sequence, lambda t: _sequence_unstructure_factory(t, conv)
    )
    conv.register_unstructure_hook_factory(
        _is_optional, lambda t: _optional_unstructure_factory(t, conv)
    )
    # An enum is written as its value; read in C, not through Enum.value's descriptor.
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda _: _ENUM_VALUE,
    )
    # attrs classes are written by cattrs' generated function, marked with its class so that
    # the fast writer can find and rewrite it (see _fast_unstructure).
    conv.register_unstructure_hook_factory(
        attrs.has, lambda t: _marked_attrs_unstructure(conv, t)
    )
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t) and t not in _ATOMS,
        lambda t: _attrs_factory(t, conv),
    )
    tagged_union(conv, Organisation | Person, {"organisation": Organisation, "person": Person},
                 what="party")
    for name in _DOMAIN_HOOKS:
        importlib.import_module(f"coprod.serialization.{name}").configure(conv)
    return conv


_CODE = operator.attrgetter("code")
_ENUM_VALUE = operator.attrgetter("_value_")
fast_unstructure.ATTRIBUTE_HOOKS.update({_CODE: "code", _ENUM_VALUE: "_value_"})


def _marked_attrs_unstructure(conv: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    hook: Callable[[Any], Any] = conv.gen_unstructure_attrs_fromdict(cls)
    setattr(hook, fast_unstructure.CLASS_MARK, cls)
    return hook


#: Value types written as one scalar, not as a mapping of their fields.
_ATOMS = frozenset({Money, Currency, Share, Country})


@functools.cache
def default_converter() -> cattrs.Converter:
    """The converter behind :func:`coprod.loads` and friends (built once)."""
    return make_converter()
