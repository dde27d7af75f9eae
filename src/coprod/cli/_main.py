"""The ``coprod`` command: a thin shell over the library."""

from __future__ import annotations

import argparse
import codecs
import difflib
import importlib
import io
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
    _remember_parsers(parser)
    return parser


def _remember_parsers(parser: argparse.ArgumentParser) -> None:
    """Let each (sub)command's parser know itself, to report a stray argument in its usage."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                sub.set_defaults(_parser=sub)
                _remember_parsers(sub)


def _unrecognised(parser: argparse.ArgumentParser, extras: list[str]) -> str:
    """The message for arguments nobody takes, with the nearest option for a typo."""
    message = f"unrecognized arguments: {' '.join(extras)}"
    options = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
    for extra in extras:
        name = extra.split("=", 1)[0]
        if name.startswith("--"):
            close = difflib.get_close_matches(name, options, n=1, cutoff=0.7)
            if close:
                message += f" (did you mean {close[0]}?)"
                break
    return message


def _prepare_streams() -> None:
    """Make sure every character coprod writes can be written.

    Agreements hold titles and names in any script. A file or a pipe gets UTF-8, the
    encoding JSON, YAML and TOML are defined in, whatever the locale says (on Windows,
    output redirected to a file would otherwise be written in a code page such as cp1252,
    and the first Cyrillic title would end the command with a traceback). A terminal keeps
    its encoding, and a character it cannot show is written as an escape.
    """
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            if codecs.lookup(stream.encoding).name == "utf-8":
                continue
            if stream.isatty():
                stream.reconfigure(errors="backslashreplace")
            else:
                stream.reconfigure(encoding="utf-8", errors="strict")
        except (LookupError, ValueError, OSError):  # a closed or exotic stream: leave it
            continue


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 fine, 1 findings, 2 unusable input)."""
    if sys.stdout is None or sys.stderr is None:
        # Started with a standard stream closed (`coprod ... >&-`): there is nowhere to
        # write the result, or the reason it failed.
        if sys.stderr is not None:
            sys.stderr.write("coprod: error: standard output is closed\n")
        return EXIT_UNUSABLE
    _prepare_streams()
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:
            # Reported by the subcommand's own parser, with its usage line (argparse would
            # report it with the top-level usage, which does not show the options).
            own: argparse.ArgumentParser = getattr(args, "_parser", parser)
            own.error(_unrecognised(own, extras))
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
