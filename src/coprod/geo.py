"""Countries: ISO 3166-1 alpha-2 codes, current and historic.

Codes are checked against the ISO 3166 data shipped by ``pycountry``, which includes the
codes withdrawn from ISO 3166-1 and kept in ISO 3166-3 (``SU`` for the Soviet Union, ``YU``
for Yugoslavia, ``DD`` for the German Democratic Republic, ``CS`` for Czechoslovakia), which
remakes of older films need for their source works.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import attrs
import pendulum
import pycountry

from coprod.errors import InvalidValueError, quote

__all__ = ["Country"]


class _Entry(NamedTuple):
    name: str
    withdrawn: pendulum.Date | None


#: User-assigned codes (ISO 3166-1 reserves XA–XZ for users) in established use by public
#: bodies for film co-production: the European Commission and the Council of Europe
#: (Eurimages) use XK for Kosovo.
_USER_ASSIGNED = {"XK": "Kosovo"}


def _withdrawal(text: str) -> pendulum.Date:
    # ISO 3166-3 gives a day for most withdrawals, only a year for the oldest (e.g. "1977");
    # a bare year is read as the last day of that year, when the code was certainly gone.
    if len(text) == 4:
        return pendulum.Date(int(text), 12, 31)
    return pendulum.Date.fromisoformat(text)


@functools.cache
def _table() -> dict[str, _Entry]:
    table: dict[str, _Entry] = {}
    # Historic first, so that a code withdrawn and later reassigned resolves to its
    # current meaning.
    for c in pycountry.historic_countries:
        code = getattr(c, "alpha_2", None)
        if code is None:  # pragma: no cover - every entry has one today
            continue
        withdrawn = getattr(c, "withdrawal_date", None)
        when = _withdrawal(withdrawn) if withdrawn else None
        previous = table.get(code)
        # A code withdrawn twice (CS: Czechoslovakia, then Serbia and Montenegro) keeps
        # the earliest meaning, the one film archives use.
        if previous is None or (when is not None and previous.withdrawn is not None
                                and when < previous.withdrawn):
            table[code] = _Entry(str(c.name), when)
    for c in pycountry.countries:
        table[c.alpha_2] = _Entry(str(getattr(c, "common_name", None) or c.name), None)
    for code, name in _USER_ASSIGNED.items():
        table[code] = _Entry(name, None)
    return table


def _normalise(code: Any) -> Any:
    return code.strip().upper() if isinstance(code, str) else code


def _check(_instance: object, _attribute: object, code: Any) -> None:
    if not isinstance(code, str) or code not in _table():
        raise InvalidValueError(
            f"unknown country {quote(code)}: expected an ISO 3166-1 alpha-2 code such as "
            "'RU', 'CN' or 'FR' (historic codes such as 'SU' are accepted)"
        )


@attrs.frozen(order=True)
class Country:
    """A country by its ISO 3166-1 alpha-2 code, current or historic.

    Args:
        code: Two letters; case and surrounding spaces are normalised.

    Raises:
        InvalidValueError: If the code is not in ISO 3166-1 or ISO 3166-3.

    Example:
        >>> Country("ru") == Country("RU")
        True
        >>> Country("CN").name
        'China'
        >>> su = Country("SU")
        >>> su.is_historic, su.withdrawn
        (True, Date(1992, 8, 30))

    .. versionadded:: 0.1.0
    """

    code: str = attrs.field(converter=_normalise, validator=_check)

    @property
    def name(self) -> str:
        """The English short name (the common name where ISO gives one)."""
        return _table()[self.code].name

    @property
    def is_historic(self) -> bool:
        """Whether the code was withdrawn from ISO 3166-1 (kept in ISO 3166-3)."""
        return self.withdrawn is not None

    @property
    def withdrawn(self) -> pendulum.Date | None:
        """When ISO withdrew the code, or None for a current code."""
        return _table()[self.code].withdrawn

    @staticmethod
    def codes() -> frozenset[str]:
        """Every code this library accepts.

        Example:
            >>> {"RU", "CN", "SU"} <= Country.codes()
            True
        """
        return frozenset(_table())

    def __str__(self) -> str:
        return self.code
