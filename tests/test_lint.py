"""The code passes ruff (STYLE.md's lint rules, configured in pyproject.toml) with no finding.

Proves that `ruff check src tests benchmarks docs/_ext examples`, run from the repository root
with the pinned ruff of the 'test' extra, exits 0: no long line, no unsorted import, no missing
docstring, no composite assertion slips in unnoticed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("src", "tests", "benchmarks", "docs/_ext", "examples")


def test_ruff_check_is_clean() -> None:
    """Ruff finds nothing to report in the package, its tests, benchmarks, docs and examples."""
    # ruff ships a binary, not an importable API: only skip when the package is not installed.
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is part of the 'test' extra")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *CHECKED],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
