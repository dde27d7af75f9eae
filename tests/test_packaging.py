"""coprod installs as a typed package with a working command and one version everywhere."""

from __future__ import annotations

import email.parser
import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import coprod

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root and capture its output."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _report(result: subprocess.CompletedProcess[str]) -> str:
    """Return a failed run's exit code and output, for an assertion message."""
    return (
        f"exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )


def test_console_script_prints_the_version() -> None:
    """The installed ``coprod`` command exists next to this Python and answers ``--version``."""
    script = Path(sys.executable).parent / ("coprod.exe" if sys.platform == "win32" else "coprod")
    assert script.is_file(), f"no coprod command at {script}: install with pip install -e '.[test]'"

    result = _run(script, "--version")

    assert result.returncode == 0, _report(result)
    assert coprod.__version__ in result.stdout, _report(result)


def test_python_dash_m_coprod_prints_the_version() -> None:
    """``python -m coprod --version`` runs the same command line as ``coprod``."""
    result = _run(sys.executable, "-m", "coprod", "--version")

    assert result.returncode == 0, _report(result)
    assert coprod.__version__ in result.stdout, _report(result)


def test_version_comes_from_the_single_source_pyproject_names() -> None:
    """There is one version, kept in the file pyproject.toml reads it from.

    ``coprod.__version__`` and the installed distribution's metadata both say that version.
    """
    source = ROOT / PYPROJECT["tool"]["hatch"]["version"]["path"]
    match = re.search(
        r"^__version__\s*=\s*[\"']([^\"']+)[\"']", source.read_text(encoding="utf-8"), re.M
    )
    assert match is not None, f"no __version__ in {source}"

    assert "version" in PYPROJECT["project"]["dynamic"]
    assert coprod.__version__ == match[1]
    assert importlib.metadata.version("coprod") == match[1]


def test_wheel_ships_py_typed_the_licence_and_the_command(tmp_path: Path) -> None:
    """A wheel built from this tree ships the typing marker, the licence and the command.

    It holds ``coprod/py.typed``, the Apache-2.0 licence file and the ``coprod`` entry point,
    under the right version.
    """
    result = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--quiet", "--wheel-dir", tmp_path, ROOT,
    )  # fmt: skip
    assert result.returncode == 0, _report(result)
    [wheel] = tmp_path.glob("coprod-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = f"coprod-{coprod.__version__}.dist-info"
        metadata = email.parser.Parser().parsestr(
            archive.read(f"{dist_info}/METADATA").decode("utf-8")
        )
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode("utf-8")

    assert "coprod/py.typed" in names
    assert "coprod/__main__.py" in names
    assert f"{dist_info}/licenses/LICENSE" in names
    assert metadata["Version"] == coprod.__version__
    assert metadata["License-Expression"] == "Apache-2.0"
    assert re.search(r"^coprod\s*=\s*coprod\.cli:main$", entry_points, re.M), entry_points
