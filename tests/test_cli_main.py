"""The coprod command itself: version, help, exit codes and error reporting."""

from __future__ import annotations

import argparse

import pytest

from coprod import DocumentError, InvalidValueError, Problem
from coprod.cli import _main, build_parser, main
from coprod.cli._common import add_format_argument, emit_json, fail


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version and exits 0."""
    import coprod

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"coprod {coprod.__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command, coprod prints help on stderr and exits 2."""
    assert main([]) == 2
    assert "usage: coprod" in capsys.readouterr().err


def test_errors_escaping_a_handler_become_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A DocumentError prints one line per problem with its path; other CoprodErrors one line."""

    def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        p = subparsers.add_parser("boom")
        p.add_argument("what")

        def handler(args: argparse.Namespace) -> int:
            if args.what == "doc":
                raise DocumentError([Problem("$.a", "first"), Problem("$.b", "second")], "x.yaml")
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


def test_common_helpers(capsys: pytest.CaptureFixture[str]) -> None:
    """--format defaults to text; JSON output is indented UTF-8; fail() returns 2."""
    parser = argparse.ArgumentParser()
    add_format_argument(parser)
    assert parser.parse_args([]).format == "text"
    assert parser.parse_args(["--format", "json"]).format == "json"
    emit_json({"name": "Снежный барс"})
    assert capsys.readouterr().out == '{\n  "name": "Снежный барс"\n}\n'
    assert fail("nope") == 2
    assert capsys.readouterr().err == "coprod: error: nope\n"


def test_parser_lists_registered_commands() -> None:
    """Every registered command group appears in the help."""
    text = build_parser().format_help()
    assert "Exit codes" in text
