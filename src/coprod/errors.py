"""The exceptions coprod raises.

Every exception derives from :class:`CoprodError`, and each also derives from the
built-in exception that fits it, so callers may catch either:

* :class:`InvalidValueError` (a :class:`ValueError`): a value that cannot exist,
  such as an unknown currency or a share of 120 %.
* :class:`DocumentError` (a :class:`ValueError`): a document that could not be loaded;
  it lists *every* problem found, each with the JSON path where it was found.
* :class:`UnknownReferenceError` (a :class:`LookupError`): an id that names nothing,
  such as an unknown treaty or party.

Legal problems found by validation are never raised: they are reported as findings.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

__all__ = [
    "CoprodError",
    "CurrencyMismatchError",
    "DocumentError",
    "InvalidValueError",
    "MissingDependencyError",
    "Problem",
    "ProblemsError",
    "SchemaVersionError",
    "UnknownReferenceError",
    "UnknownTreatyError",
]

#: Quoted values in messages are cut to this many characters, so an error never
#: echoes a whole document (or a secret inside one).
MAX_QUOTED = 80


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """Return ``repr(value)``, truncated to *limit* characters with an ellipsis.

    Example:
        >>> quote("x" * 100, limit=10)
        "'xxxxxxxx…"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CoprodError(Exception):
    """Root of every exception raised by coprod.

    .. versionadded:: 0.1.0
    """


class InvalidValueError(CoprodError, ValueError):
    """A value that cannot exist: an unknown currency, a share above 100 %, an end before a start.

    Args:
        message: What is wrong, naming the offending value and what was expected.
        field: The field of the object being built that holds the bad value, if one does;
            loaders use it to point at the exact path.
        within: Where inside the value being read the problem lies, as a relative path
            (``"duration"``, ``"[2]"``, ``"start.lag"``), for readers that take a whole
            structure at once; loaders append it to the value's path.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, message: str, *, field: str | None = None, within: str | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.within = within


class CurrencyMismatchError(InvalidValueError):
    """Arithmetic or comparison between amounts in different currencies.

    Example:
        >>> from coprod import Money
        >>> Money.parse("1 RUB") + Money.parse("1 CNY")
        Traceback (most recent call last):
        ...
        coprod.errors.CurrencyMismatchError: cannot add 1 RUB and 1 CNY: currencies differ
        (RUB, CNY); convert one first

    .. versionadded:: 0.1.0
    """


def shown(value: object, limit: int = MAX_QUOTED) -> str:
    """Show a value read from a document as the document would write it, cut to *limit*.

    Messages about documents speak the document's language: ``true`` and ``null`` rather than
    Python's ``True`` and ``None``, a number or a date as written rather than its Python
    ``repr``; text is quoted (see :func:`quote`).

    Example:
        >>> import datetime, decimal
        >>> [shown(v) for v in (True, None, decimal.Decimal("12.50"), datetime.date(2024, 1, 1))]
        ['true', 'null', '12.50', 'the date 2024-01-01']
        >>> shown(["a", "b"]), shown({"a": 1}), shown(b"xyz"), shown("x" * 100, limit=10)
        ('a list of 2 items', 'a mapping of 1 key', 'binary data (3 bytes)', "'xxxxxxxx…")

    .. versionadded:: 0.1.0
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 3 * limit:  # too long to write out (and to convert cheaply)
            return f"a whole number of about {int(value.bit_length() * 0.30103)} digits"
        text = str(value)
    elif isinstance(value, datetime.date):  # YAML and TOML read an unquoted date as one
        return f"the date {value.isoformat()}"
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, bytes | bytearray):
        return f"binary data ({len(value)} bytes)"
    elif isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    elif isinstance(value, dict):
        return f"a mapping of {len(value)} key{'s' if len(value) != 1 else ''}"
    else:
        return quote(value, limit)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: A key written plainly in a path (``$.budget``); any other key is quoted (``$['a b']``).
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}\Z")
#: Keys quoted in a path are cut to this many characters.
MAX_QUOTED_KEY = 40


def member(path: str, key: object) -> str:
    r"""*path* extended by the member *key*, safe to print whatever the key holds.

    A plain name is written after a dot; any other key (spaces, control characters, a
    60,000-character typo) is quoted and escaped in brackets, truncated, so that a path
    never spans lines, drives a terminal, or echoes a whole document.

    Example:
        >>> member("$", "budget")
        '$.budget'
        >>> print(member("$.a", "x\ny"))
        $.a['x\ny']
        >>> print(member("$", "k" * 100))
        $['kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…]

    .. versionadded:: 0.1.0
    """
    if isinstance(key, str) and _PLAIN_KEY.match(key):
        return f"{path}.{key}"
    return f"{path}[{quote(key, limit=MAX_QUOTED_KEY)}]"


@attrs.frozen
class Problem:
    """One problem found in a document: where it is and what is wrong.

    Attributes:
        path: A JSON path into the document, such as ``$.parties[1].share``.
        message: What is wrong, in the words of the domain.

    .. versionadded:: 0.1.0
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class ProblemsError(InvalidValueError):
    """A value that found several problems in itself, each at its path inside it.

    The base of :class:`~coprod.agreements.AgreementReferenceError` and
    :class:`~coprod.rights.LedgerReferenceError`; a loader reports each problem at the
    value's own path followed by the problem's (``$.grants[1].grantee``).

    Attributes:
        problems: The problems, each with a path relative to the value (``$`` is the value).

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class DocumentError(CoprodError, ValueError):
    """A document could not be loaded. Lists every problem at once, each with its path.

    Attributes:
        problems: The problems, in document order.
        source: Where the document came from (a file name), if known.

    Example:
        >>> err = DocumentError([Problem("$.budget", "unknown currency 'XYZ'")])
        >>> print(err)
        1 problem in the document:
          unknown currency 'XYZ' @ $.budget

    .. versionadded:: 0.1.0
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.problems)
        where = f" in {self.source}" if self.source else " in the document"
        head = f"{n} problem{'s' if n != 1 else ''}{where}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems, self.source))


class SchemaVersionError(DocumentError):
    """A document's ``schema_version`` is missing or not one this coprod can read.

    .. versionadded:: 0.1.0
    """


class UnknownReferenceError(CoprodError, LookupError):
    """An id that resolves to nothing: an unknown party, treaty, currency code in a look-up.

    .. versionadded:: 0.1.0
    """

    def __str__(self) -> str:
        # LookupError/KeyError would quote the message; keep it plain.
        return str(self.args[0]) if self.args else ""


class UnknownTreatyError(UnknownReferenceError):
    """No instrument in the catalogue has this id.

    .. versionadded:: 0.1.0
    """


class MissingDependencyError(CoprodError, ImportError):
    """A feature needs an optional dependency that is not installed.

    The message names the extra that installs it (``pip install 'coprod[plot]'``).

    .. versionadded:: 0.1.0
    """
