"""The coprod command itself: version, help, exit codes and error reporting."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coprod import DocumentError, InvalidValueError, Problem, load
from coprod.cli import _main, build_parser, main
from coprod.cli._common import add_format_argument, emit_json, fail

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "ru-cn-animated-feature.yaml"


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


def _coprod(*args: str, env: dict[str, str] | None = None,
            **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command in a child process (its streams are real, not captured)."""
    return subprocess.run([sys.executable, "-m", "coprod", *args], capture_output=True,
                          env={**os.environ, **(env or {})}, check=False, timeout=120, **kwargs)


def test_output_in_any_script_survives_a_narrow_locale_encoding(tmp_path: Path) -> None:
    """Redirected output is UTF-8 whatever the locale; a cp1252 locale once ended in a traceback.

    The agreement's titles are in Cyrillic and Chinese. On Windows, output redirected to a
    file is written in the locale's code page; PYTHONIOENCODING=cp1252 reproduces it here.
    """
    done = _coprod("convert", str(EXAMPLE), "--to", "json",
                   env={"PYTHONIOENCODING": "cp1252"})
    assert (done.returncode, done.stderr) == (0, b"")
    titles = [t["text"] for t in json.loads(done.stdout.decode("utf-8"))["production"]["titles"]]
    assert titles == ["The Snow Fox", "Снежная лиса", "雪狐"]


def test_a_closed_standard_output_is_exit_2_with_a_message() -> None:
    """`coprod validate FILE >&-`: no traceback, exit 2, the reason on stderr."""
    done = subprocess.run([sys.executable, "-m", "coprod", "validate", str(EXAMPLE)],
                          stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1),
                          check=False, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode() == "coprod: error: standard output is closed\n"


def test_a_misspelt_option_is_reported_by_its_command_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The subcommand's usage line (which shows its options), and the option meant."""
    assert main(["validate", str(EXAMPLE), "--frmat", "json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: coprod validate")
    assert err.endswith("coprod validate: error: unrecognized arguments: --frmat json "
                        "(did you mean --format?)\n")
    assert main(["rights", "avails", "x.yaml", "--territory=RU", "--media", "svod", "--from",
                 "2026-01-01", "--to", "2026-02-01", "--zzz"]) == 2
    err = capsys.readouterr().err
    assert "coprod rights avails: error: unrecognized arguments: --zzz\n" in err


def test_schema_list_refuses_what_it_would_ignore(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    """--list with a KIND or --output: an error, not a silently ignored option."""
    target = tmp_path / "x.json"
    assert main(["schema", "--list", "--output", str(target)]) == 2
    assert "--list lists the document kinds; it takes no --output" in capsys.readouterr().err
    assert not target.exists()
    assert main(["schema", "waterfall", "--list"]) == 2
    assert "it takes no KIND" in capsys.readouterr().err


def test_convert_in_place_says_comments_are_gone(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    """Rewriting a YAML file onto itself works, and says that its comments are not kept."""
    copy = tmp_path / "a.yaml"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["convert", str(copy), str(copy)]) == 0
    assert capsys.readouterr().err == (
        f"coprod: note: {copy} was rewritten in canonical form; any comments it held are "
        "gone\n")
    assert "#" not in copy.read_text(encoding="utf-8").split("\n", 1)[0]
    assert main(["convert", str(copy), str(tmp_path / "b.json")]) == 0
    assert capsys.readouterr().err == ""


def test_unreadable_encodings_are_named(tmp_path: Path) -> None:
    """UTF-16 is named as such; a bad byte is counted from the start of the file.

    The file was read in chunks of 8 kB, and the position of a bad byte past the first
    chunk was counted from the start of its chunk.
    """
    utf16 = tmp_path / "a.json"
    utf16.write_text('{"schema_version": 1}', encoding="utf-16")
    with pytest.raises(DocumentError, match="looks like UTF-16 or UTF-32"):
        load(utf16)
    late = tmp_path / "b.yaml"
    late.write_bytes(b"a: 1\n" * 3000 + b"b: \xff\n")
    with pytest.raises(DocumentError, match=r"invalid start byte \(byte 15,004\)"):
        load(late)
    crlf = tmp_path / "c.yaml"
    crlf.write_bytes(EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert load(crlf) == load(EXAMPLE)
