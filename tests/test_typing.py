"""The package type-checks under mypy --strict (STYLE.md: "keep mypy --strict clean")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_package_passes_mypy_strict(tmp_path: Path) -> None:
    """mypy, configured in pyproject.toml (strict), finds no error in src/coprod."""
    pytest.importorskip("mypy", reason="mypy is part of the 'test' extra")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"), "src/coprod"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
