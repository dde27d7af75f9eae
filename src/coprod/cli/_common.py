"""Helpers shared by the command-line commands (not public API)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pendulum

from coprod.errors import CoprodError, DocumentError
from coprod.terms import parse_date

FORMAT_CHOICES = ("text", "json")


def date_argument(text: str) -> pendulum.Date:
    """An ``argparse`` type for dates: a bad one is a usage error naming its option."""
    try:
        return parse_date(text)
    except CoprodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_format_argument(
    parser: argparse.ArgumentParser, choices: tuple[str, ...] = FORMAT_CHOICES
) -> None:
    """Add ``--format``: the first choice is the default (text for people; json for programs)."""
    parser.add_argument(
        "--format", choices=choices, default=choices[0],
        help="output format: %(choices)s (default: %(default)s)",
    )


def emit_json(obj: Any) -> None:
    """Print *obj* as stable, indented JSON on standard output."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str) -> int:
    """Print *message* on standard error and return exit code 2 (unusable input)."""
    sys.stderr.write(f"coprod: error: {message}\n")
    return 2


#: At most this many problems of one document are printed; a summary line tells the rest.
MAX_PRINTED_PROBLEMS = 200


def print_problems(exc: DocumentError, source: str | None = None) -> None:
    """Print one ``coprod: error:`` line per problem of *exc* on standard error.

    *source* (default: the error's own) names the file. Beyond
    :data:`MAX_PRINTED_PROBLEMS`, one line says how many more there are.
    """
    name = source or exc.source
    where = f"{name}: " if name else ""
    for problem in exc.problems[:MAX_PRINTED_PROBLEMS]:
        sys.stderr.write(f"coprod: error: {where}{problem}\n")
    rest = len(exc.problems) - MAX_PRINTED_PROBLEMS
    if rest > 0:
        sys.stderr.write(f"coprod: error: {where}... and {rest} more problems\n")
