"""EIDR content ids: the registry identifiers of films, series, seasons and episodes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re

from coprod.errors import InvalidValueError, quote

__all__ = ["validate_eidr"]

_EIDR_RE = re.compile(
    r"^10\.5240/([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-Z])$"
)


def validate_eidr(text: str) -> str:
    """Check an EIDR content id (``10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C``) and normalise it.

    The check character is ISO 7064 Mod 37,36 over the 20 hexadecimal digits, as computed by
    ``stdnum.iso7064.mod_37_36``. Party ids (``10.5237/...``) are not content ids.

    Raises:
        InvalidValueError: If the id is malformed or its check character is wrong.

    Example:
        >>> validate_eidr("10.5240/7ec7-228a-510a-053e-cbb8-j")
        '10.5240/7EC7-228A-510A-053E-CBB8-J'
        >>> validate_eidr("10.5240/7EC7-228A-510A-053E-CBB8-K")
        Traceback (most recent call last):
        ...
        coprod.errors.InvalidValueError: EIDR id '10.5240/7EC7-228A-510A-053E-CBB8-K' has the wrong
        check character (expected 'J')

    .. versionadded:: 0.1.0

    """
    from stdnum.iso7064 import mod_37_36

    if not isinstance(text, str):
        raise InvalidValueError(f"expected an EIDR content id, got {quote(text)}")
    normal = text.strip().upper()
    if normal.startswith("10.5237/"):
        raise InvalidValueError(f"{quote(text)} is an EIDR party id, not a content id")
    m = _EIDR_RE.match(normal)
    if m is None:
        raise InvalidValueError(
            f"not an EIDR content id: {quote(text)} (expected 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C)"
        )
    body = "".join(m.groups()[:5])
    expected = mod_37_36.calc_check_digit(body)
    if expected != m.group(6):
        raise InvalidValueError(
            f"EIDR id {quote(normal)} has the wrong check character (expected {expected!r})"
        )
    return normal


