"""Every example script runs, and the README's main job works on its shipped example.

The examples are the tutorials: a script that fails here would teach something false.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
QUICKSTART_EXAMPLE = Path("examples/data/ru-cn-animated-feature.yaml")
TIMEOUT = 120  # seconds per script


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run Python with arguments from the repository root, as a user would."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _report(result: subprocess.CompletedProcess[str]) -> str:
    """Return a failed run's exit code and output, for an assertion message."""
    return (
        f"exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )


@pytest.mark.parametrize("script", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_script_runs(script: Path) -> None:
    """The example script exits 0 and prints what a user would see."""
    result = _run(str(script.relative_to(ROOT)))

    assert result.returncode == 0, _report(result)
    assert result.stdout.strip(), f"{script.name} printed nothing\n{_report(result)}"


def test_quickstart_main_job_validates_the_shipped_example() -> None:
    """``coprod validate`` on the README's example file exits 0 (the agreement qualifies)."""
    if not (ROOT / QUICKSTART_EXAMPLE).is_file():
        pytest.skip(f"{QUICKSTART_EXAMPLE} is not written yet (the agreements work ships it)")

    result = _run("-m", "coprod", "validate", str(QUICKSTART_EXAMPLE))

    assert result.returncode == 0, _report(result)
