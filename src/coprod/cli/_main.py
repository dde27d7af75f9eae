"""The ``coprod`` command: a thin shell over the library."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from coprod._version import __version__
from coprod.cli._common import fail, print_problems
from coprod.errors import CoprodError, DocumentError

#: Command-group modules (relative to :mod:`coprod.cli`), each with ``register(subparsers)``.
#: Each domain adds one line here.
_COMMANDS: list[str] = [
    "_rights",
    "_validate",
    "_treaties",
    "_waterfall",
    "_documents",
]

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coprod`` command, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="coprod",
        description=(
            "Check international film and TV co-production agreements against the treaties "
            "that govern them, and work with their rights and revenue splits."
        ),
        epilog="Exit codes: 0 fine; 1 findings of severity error or a failed check; "
               "2 unusable input or usage error.",
    )
    parser.add_argument("--version", action="version", version=f"coprod {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        importlib.import_module(f"coprod.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 findings, 2 unusable input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        return int(handler(args))
    except DocumentError as exc:
        # One line per problem, each with where it is.
        print_problems(exc)
        return EXIT_UNUSABLE
    except CoprodError as exc:
        return fail(str(exc))
    except OSError as exc:  # an output file that cannot be written, a directory as input
        if isinstance(exc, BrokenPipeError):  # pragma: no cover - e.g. `coprod ... | head`
            return EXIT_OK
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or type(exc).__name__}")
    except BrokenPipeError:  # pragma: no cover - e.g. `coprod ... | head`
        return EXIT_OK
