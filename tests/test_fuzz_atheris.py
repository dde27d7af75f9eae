"""The atheris harness runs: a short coverage-guided session in CI, hours by hand.

``tests/fuzz/fuzz_loads.py`` gives every input to every loader and fails on anything but an
object or a :class:`coprod.DocumentError` with paths (see its docstring and the contributor
guide for long runs). Here it runs for a few seconds from the example documents, so that the
harness itself cannot rot and the first few hundred mutations are checked on every change.
atheris ships wheels for CPython 3.11 on Linux x86-64 only; the ``test`` extra installs it
there, and this test is skipped elsewhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_atheris_harness_runs_briefly_without_a_crash(tmp_path: Path) -> None:
    """A ten-second libFuzzer session over every loader ends cleanly, leaving no crash."""
    pytest.importorskip("atheris", reason="atheris has wheels for CPython 3.11 on Linux x86-64")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    command = [
        sys.executable, "tests/fuzz/fuzz_loads.py", "-timeout=10", "-rss_limit_mb=2048",
        "-max_len=8192", "-max_total_time=10", f"-artifact_prefix={tmp_path}/",
        str(corpus), "examples/data",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                            check=False)
    log = result.stderr[-3000:]
    assert result.returncode == 0, log
    assert "Done " in result.stderr, log
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-"))]
    # libFuzzer kept the inputs that reached new code: the harness was really exploring.
    assert any(corpus.iterdir()), log
