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
#: What a shell reports for a command killed by SIGPIPE: the output's reader went away.
EXIT_CLOSED_PIPE = 141


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
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # a usage error (2), or --help and --version (0)
        return exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE
    handler = getattr(args, "func", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        code = int(handler(args))
        sys.stdout.flush()  # inside the try: a closed pipe is found here, not at exit
        return code
    except DocumentError as exc:
        # One line per problem, each with where it is.
        print_problems(exc)
        return EXIT_UNUSABLE
    except CoprodError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # e.g. `coprod ... | head`: the reader stopped reading
        return _closed_pipe()
    except OSError as exc:  # an output file that cannot be written, a directory as input
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or type(exc).__name__}")


def _closed_pipe() -> int:
    """Exit as a command killed by SIGPIPE would (128 + 13), without a message.

    The result of the command was not all delivered, so it must not look like success to a
    script run with ``set -o pipefail``; the reader is gone, so there is nobody to tell.
    """
    return EXIT_CLOSED_PIPE
