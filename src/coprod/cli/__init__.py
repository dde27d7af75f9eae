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
    """
    code = _run(argv)
    if argv is None:
        sys.exit(code)
    return code
