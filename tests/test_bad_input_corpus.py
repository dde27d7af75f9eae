"""The bad-input corpus: every broken file ends in a coprod error that names each problem.

``tests/corpus/bad/`` holds files damaged in the ways hand-written, exported and
transmitted files are damaged (typos, type swaps, impossible values, cut-short text, wrong
encodings) and hostile ones (alias bombs, ``1e999999999``, 100,000-digit fractions, deep
nesting, very long strings). ``expected.toml`` beside them says, for each file, how it is
loaded, which command reads it, and the exact problems (path and a fragment of the
message) it must produce.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import coprod
from coprod.cli import main
from coprod.errors import MAX_QUOTED, DocumentError
from coprod.waterfall import load_rates, load_receipts

CORPUS = Path(__file__).parent / "corpus" / "bad"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
#: No message line may be longer than this: values are quoted truncated, never in full.
MAX_LINE = 600


def _load(path: Path, how: str) -> object:
    if how == "receipts-csv":
        return load_receipts(path)
    if how == "rates-csv":
        return load_rates(path)
    return coprod.load(path, kind=how)


def test_corpus_is_large_and_every_file_is_listed() -> None:
    """At least 50 bad files, across formats and kinds, each with its expected problems."""
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)
    assert len(files) >= 50
    assert {p.rsplit(".", 1)[1] for p in files} >= {"yaml", "json", "toml", "csv"}
    loads = {e["load"] for e in EXPECTED.values()}
    assert loads >= {"co-production-agreement", "treaty", "rights-ledger", "waterfall",
                     "receipts-csv", "rates-csv"}
    assert all(e["problems"] for e in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_reports_every_problem_with_its_path(name: str) -> None:
    """Loading through the public API raises DocumentError with exactly the listed problems."""
    entry = EXPECTED[name]
    with pytest.raises(DocumentError) as info:
        _load(CORPUS / name, entry["load"])
    got = [(p.path, p.message) for p in info.value.problems]
    assert [path for path, _ in got] == [path for path, _ in entry["problems"]], got
    for (_, message), (_, fragment) in zip(got, entry["problems"], strict=True):
        assert fragment in message
        assert len(message) <= MAX_LINE, "an error message echoes too much of the document"
    # The rendered error stays short even for a 200 kB file: no document is echoed.
    assert len(str(info.value)) <= len(got) * (MAX_LINE + 40) + len(str(CORPUS / name)) + 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_command_line_prints_each_problem_and_exits_2(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command that reads the file prints one stderr line per problem and exits 2."""
    entry = EXPECTED[name]
    path = CORPUS / name
    argv = [str(path) if a == "{file}" else str((CORPUS / a).resolve()) if a.startswith("..")
            else a for a in entry["cli"]]
    code = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("coprod: error:")]
    assert code == 2, err
    assert len(lines) == len(entry["problems"]), err
    for line, (where, fragment) in zip(lines, entry["problems"], strict=True):
        assert line.endswith(f" @ {where}"), line
        assert fragment in line
        assert str(path) in line
        assert len(line) <= MAX_LINE + len(str(path)) + 40


def test_quoted_values_are_cut_short() -> None:
    """A 75,000-character title is refused with a quote of it, never the text itself."""
    with pytest.raises(DocumentError) as info:
        coprod.load(CORPUS / "agreement-long-text.yaml")
    (problem,) = info.value.problems
    assert "FoxFoxFox" in problem.message
    assert len(problem.message) < 2 * MAX_QUOTED + 100
