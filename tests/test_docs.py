"""The documentation builds strictly, runs its examples, and covers the public API.

Sphinx runs in subprocesses, exactly as a contributor would run it, once per test session: the
HTML build and the doctest build start together (they do not share state) so that two cores
finish them in the time of one.
"""

from __future__ import annotations

import importlib
import itertools
import re
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SPHINX_TIMEOUT = 600  # seconds; a build takes well under a minute
TODO = re.compile(r"\bTODO\b")


class Build(NamedTuple):
    """The outcome of one sphinx-build run."""

    returncode: int
    output: str
    outdir: Path

    def report(self) -> str:
        """Return the build's own output, for an assertion message."""
        return f"sphinx-build exited {self.returncode}:\n{self.output}"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Build the docs with the html and the doctest builders, with -W -n, concurrently."""
    base = tmp_path_factory.mktemp("docs")
    running = {}
    try:
        for builder in ("html", "doctest"):
            outdir = base / builder
            command = [
                sys.executable, "-m", "sphinx",
                "-W", "-n", "--keep-going", "-T", "-q",
                "-b", builder,
                "-d", str(base / f"doctrees-{builder}"),
                str(DOCS), str(outdir),
            ]  # fmt: skip
            process = subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            running[builder] = (process, outdir)
        results = {}
        for builder, (process, outdir) in running.items():
            output, _ = process.communicate(timeout=SPHINX_TIMEOUT)
            results[builder] = Build(process.returncode, output, outdir)
        return results
    finally:
        for process, _ in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def _inventory(path: Path) -> dict[str, str]:
    """Read a Sphinx ``objects.inv`` (version 2) into ``{name: "domain:role"}``.

    The format is four comment lines, then zlib-compressed lines of
    ``name domain:role priority uri display-name``.
    """
    header_and_body = path.read_bytes().split(b"\n", 4)
    assert header_and_body[0] == b"# Sphinx inventory version 2", header_and_body[0]
    entries = {}
    for line in zlib.decompress(header_and_body[4]).decode().splitlines():
        match = re.match(r"(.+?)\s+(\S+:\S+)\s+-?\d+\s+\S*\s+.*", line)
        if match:
            entries[match[1]] = match[2]
    return entries


def _resolve(dotted: str) -> object | None:
    """Return the object a dotted name such as ``coprod.money.Money.round`` names, or None."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        return obj
    return None


def _is_plain_value(obj: object) -> bool:
    """Tell whether obj is a value (a string, a number ...) that identity cannot pin to a name."""
    return isinstance(obj, str | bytes | int | float | tuple | frozenset) or obj is None


def test_html_build_passes_with_warnings_as_errors(builds: dict[str, Build]) -> None:
    """``sphinx-build -W -n -b html`` succeeds: no warning, no unresolved reference."""
    build = builds["html"]

    assert build.returncode == 0, build.report()


def test_doctest_builder_runs_the_docs_examples(builds: dict[str, Build]) -> None:
    """``sphinx-build -W -n -b doctest`` succeeds, and it did run examples (not zero of them)."""
    build = builds["doctest"]

    assert build.returncode == 0, build.report()
    summary = (build.outdir / "output.txt").read_text(encoding="utf-8")
    tests_run = re.search(r"^\s*(\d+) tests?$", summary, re.MULTILINE)
    assert tests_run is not None, summary
    assert int(tests_run[1]) > 0, summary
    assert re.search(r"^\s*0 failures in tests$", summary, re.MULTILINE), summary


# Subpackages whose ``__all__`` is public API too (coprod.treaties.get, coprod.waterfall.check ...).
SUBPACKAGES = (
    "coprod.treaties",
    "coprod.serialization",
    "coprod.waterfall",
    "coprod.strategies",
    "coprod.cli",
)


def _undocumented(module_name: str, build: Build) -> list[str]:
    """The names in a module's ``__all__`` that the built docs do not document.

    A name counts as documented under its public name (``coprod.Money``) or under any other
    documented name of the same object (``coprod.money.Money``).
    """
    inventory_path = build.outdir / "objects.inv"
    assert inventory_path.is_file(), build.report()
    documented = {
        name for name, role in _inventory(inventory_path).items() if role.startswith("py:")
    }
    documented_objects = [
        obj
        for name in documented
        if name.startswith("coprod.")
        for obj in [_resolve(name)]
        if obj is not None and not _is_plain_value(obj)
    ]
    module = importlib.import_module(module_name)
    return [
        f"{module_name}.{name}"
        for name in module.__all__
        if f"{module_name}.{name}" not in documented
        and not any(getattr(module, name) is obj for obj in documented_objects)
    ]


def test_every_public_name_is_documented(builds: dict[str, Build]) -> None:
    """Each name in ``coprod.__all__`` is a documented object in the built docs."""
    missing = _undocumented("coprod", builds["html"])

    assert missing == [], f"names in coprod.__all__ missing from the docs: {missing}"


@pytest.mark.parametrize("module_name", SUBPACKAGES)
def test_every_public_name_of_a_subpackage_is_documented(
    builds: dict[str, Build], module_name: str
) -> None:
    """Each name in a public subpackage's ``__all__`` is a documented object in the built docs."""
    module = importlib.import_module(module_name)
    if not hasattr(module, "__all__"):
        pytest.skip(f"{module_name} has no __all__")

    missing = _undocumented(module_name, builds["html"])

    assert missing == [], f"names in {module_name}.__all__ missing from the docs: {missing}"


def test_no_page_has_a_todo_marker(builds: dict[str, Build]) -> None:
    """No docs source page and no rendered page (docstrings and includes too) says TODO."""
    sources = [
        path
        for path in DOCS.rglob("*")
        if path.suffix in {".md", ".rst"} and "_build" not in path.parts
    ]
    rendered = [
        path
        for path in builds["html"].outdir.rglob("*.html")
        if not {"_modules", "_static", "_sources"} & set(path.parts)
    ]
    assert sources, "no docs sources found"
    assert rendered, builds["html"].report()

    offenders = [
        str(path)
        for path in sources + rendered
        if TODO.search(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    ]

    assert offenders == []


def _quickstart(markdown: str) -> list[str]:
    """Return the commands in the fenced code blocks of a page's "Quickstart" section."""
    lines = markdown.splitlines()
    start = next(
        index for index, line in enumerate(lines) if re.match(r"#+\s+Quickstart\s*$", line)
    )
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    commands: list[str] = []
    in_fence = False
    for line in lines[start + 1 :]:
        if not in_fence and (heading := re.match(r"(#+)\s", line)) and len(heading[1]) <= level:
            break
        if line.startswith("```"):
            in_fence = not in_fence
        elif in_fence and line.strip() and not line.lstrip().startswith("#"):
            commands.append(line.strip())
    return commands


def _ci_commands(script: str) -> list[str]:
    """Return the commands .ci/run executes, without comments and shell setup (set, cd)."""
    return [
        line.strip()
        for line in script.splitlines()
        if line.strip()
        and not line.lstrip().startswith("#")
        and not re.match(r"(set|cd)\s", line.strip())
    ]


def test_quickstart_is_two_commands_shared_by_readme_docs_and_ci() -> None:
    """The quickstart is two commands, the same in the README, the docs and .ci/run.

    The README's quickstart has exactly two commands; docs/index.md repeats them verbatim, and
    .ci/run runs the second one and nothing else.
    """
    readme = _quickstart((ROOT / "README.md").read_text(encoding="utf-8"))
    docs_index = _quickstart((DOCS / "index.md").read_text(encoding="utf-8"))
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci = _ci_commands(ci_script)

    assert len(readme) == 2, readme
    assert docs_index == readme
    assert ci == [readme[1]]
    assert re.search(r"^set -euo pipefail$", ci_script, re.MULTILINE), "a failure must stop CI"


def test_readme_links_the_tutorials() -> None:
    """The README points newcomers to the tutorials, and the linked page exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "(docs/tutorials/index.md)" in readme
    assert (DOCS / "tutorials" / "index.md").is_file()


def _normalised(name: str) -> str:
    """Return a distribution name in its PEP 503 normal form (``PyYAML`` -> ``pyyaml``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_and_extra_is_explained() -> None:
    """Each runtime dependency and each extra has an entry saying why it is there.

    The entries are the definition-list terms of docs/explanation/dependencies.md; the
    dependencies and extras are those pyproject.toml declares.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    page = (DOCS / "explanation" / "dependencies.md").read_text(encoding="utf-8").splitlines()
    terms = {
        _normalised(term.strip().strip("`"))
        for term, following in itertools.pairwise(page)
        if term.strip() and following.startswith(": ")
    }
    dependencies = [
        re.match(r"[A-Za-z0-9._-]+", requirement)[0]  # type: ignore[index]
        for requirement in project["dependencies"]
    ]
    extras = [f"coprod[{extra}]" for extra in project.get("optional-dependencies", {})]

    unexplained = [name for name in dependencies + extras if _normalised(name) not in terms]

    assert unexplained == [], f"add an entry to docs/explanation/dependencies.md: {unexplained}"


def test_changelog_follows_keep_a_changelog_with_a_treaties_section() -> None:
    """CHANGELOG.md has an Unreleased section first, and a Treaties section for the catalogue."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(.+?)\]", changelog, re.MULTILINE)

    assert "keepachangelog.com/en/1.1.0" in changelog
    assert releases[:1] == ["Unreleased"]
    assert re.search(r"^### Treaties$", changelog, re.MULTILINE)
