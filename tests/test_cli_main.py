"""The coprod command itself: version, help, exit codes and error reporting."""

from __future__ import annotations

import argparse

import pytest

from coprod import DocumentError, InvalidValueError, Problem
from coprod.cli import _main, build_parser, main
from coprod.cli._common import add_format_argument, emit_json, fail


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version and returns 0 (main never raises SystemExit)."""
    import coprod

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"coprod {coprod.__version__}"


def test_usage_errors_are_returned_not_raised(capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors come back as 2 from main(), with argparse's message; --help as 0."""
    assert main(["validate"]) == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err
    assert main(["validate", "--format", "yaml", "x.yaml"]) == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err
    assert main(["validate", "--help"]) == 0
    assert "usage: coprod validate" in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command, coprod prints help on stderr and exits 2."""
    assert main([]) == 2
    assert "usage: coprod" in capsys.readouterr().err


def test_errors_escaping_a_handler_become_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A DocumentError prints one line per problem with its path; other errors one line."""

    def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        p = subparsers.add_parser("boom")
        p.add_argument("what")

        def handler(args: argparse.Namespace) -> int:
            if args.what == "doc":
                raise DocumentError([Problem("$.a", "first"), Problem("$.b", "second")], "x.yaml")
            if args.what == "pipe":
                raise BrokenPipeError(32, "Broken pipe")
            if args.what == "disk":
                raise PermissionError(13, "Permission denied", "out.json")
            raise InvalidValueError("bad value")

        p.set_defaults(func=handler)

    import sys
    import types

    module = types.ModuleType("coprod.cli._boom")
    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "coprod.cli._boom", module)
    monkeypatch.setattr(_main, "_COMMANDS", [*_main._COMMANDS, "_boom"])
    assert main(["boom", "doc"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["coprod: error: x.yaml: first @ $.a", "coprod: error: x.yaml: second @ $.b"]
    assert main(["boom", "value"]) == 2
    assert capsys.readouterr().err == "coprod: error: bad value\n"
    assert main(["boom", "disk"]) == 2
    assert capsys.readouterr().err == "coprod: error: out.json: Permission denied\n"
    # The reader of the output went away (`coprod ... | head`): not a success, and no
    # message (the reader is gone), as a command killed by SIGPIPE.
    assert main(["boom", "pipe"]) == 141
    assert capsys.readouterr().err == ""


def test_common_helpers(capsys: pytest.CaptureFixture[str]) -> None:
    """--format defaults to text; JSON output is indented UTF-8; fail() returns 2."""
    parser = argparse.ArgumentParser()
    add_format_argument(parser)
    assert parser.parse_args([]).format == "text"
    assert parser.parse_args(["--format", "json"]).format == "json"
    narrow = argparse.ArgumentParser()
    add_format_argument(narrow, choices=("csv", "json"))
    assert narrow.parse_args([]).format == "csv"
    assert "(default: csv)" in narrow.format_help()
    emit_json({"name": "Снежный барс"})
    assert capsys.readouterr().out == '{\n  "name": "Снежный барс"\n}\n'
    assert fail("nope") == 2
    assert capsys.readouterr().err == "coprod: error: nope\n"


def test_parser_lists_registered_commands() -> None:
    """Every registered command group appears in the help."""
    text = build_parser().format_help()
    assert "Exit codes" in text
