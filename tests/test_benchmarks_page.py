"""The benchmarks page: written by ``benchmarks/run_all.py``, read in the docs."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_page_is_a_table_then_how_to_read_it() -> None:
    """Each printed line is a row (pipes escaped); the reading notes follow as prose."""
    run_all = _run_all()
    page = run_all.render("python benchmarks/run_all.py", "a machine",
                          [("bench_x.py", "a | b: 1.5x"), ("bench_x.py", "(ran in 3 s)")],
                          dt.date(2026, 11, 26))
    lines = page.splitlines()
    assert lines[0] == "# Benchmarks"
    assert "| `bench_x.py` | a \\| b: 1.5x |" in lines
    assert "## Reading the figures" in lines
    assert lines.index("## Reading the figures") > lines.index("| `bench_x.py` | (ran in 3 s) |")
    assert max(len(line) for line in lines if not line.startswith("|")) <= 100


def test_committed_page_has_the_reading_notes() -> None:
    """The page in the docs was written by the current script (not by a broken one)."""
    page = (ROOT / "docs" / "reference" / "benchmarks.md").read_text(encoding="utf-8")
    lines = page.splitlines()
    assert "## Reading the figures" in lines
    assert all(len(line) > 1 or line in ("", "|") for line in lines), "text cut into letters"
