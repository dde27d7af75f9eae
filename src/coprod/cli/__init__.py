"""The ``coprod`` command line. Every command is also available from Python.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from coprod.cli._main import build_parser
from coprod.cli._main import main as _run

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coprod`` command; returns (and, as a script, exits with) the code.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` by default.

    Returns:
        The exit code: 0 fine, 1 findings of severity error or a failed check, 2 unusable
        input or a usage error.

    Example:
        >>> main(["treaties", "applicable", "RU", "CN", "--on", "2024-06-01", "--format", "json"])
        {
          "countries": [
            "RU",
            "CN"
          ],
          "on": "2024-06-01",
          "instrument": "CN-RU-2017",
        ...
        0
    """
    code = _run(argv)
    if argv is None:
        sys.exit(code)
    return code
