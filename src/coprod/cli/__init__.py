"""The ``coprod`` command line. Every command is also available from Python.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from coprod.cli._main import EXIT_CLOSED_PIPE, build_parser
from coprod.cli._main import main as _run

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coprod`` command; returns (and, as a script, exits with) the code.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` by default.

    Returns:
        The exit code: 0 fine, 1 findings of severity error or a failed check, 2 unusable
        input or a usage error; 141 if the reader of the output went away before it was all
        written (``coprod ... | head``), as for a command killed by SIGPIPE.

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
        if code == EXIT_CLOSED_PIPE:
            # What is still buffered for the closed pipe goes nowhere, so that Python's own
            # flush at exit does not fail a second time with a traceback.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        sys.exit(code)
    return code
