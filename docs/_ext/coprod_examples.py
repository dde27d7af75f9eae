"""Sphinx extension: run the example scripts and commands at build time, show what they print.

A tutorial page shows an example's source with ``literalinclude`` and its real output with::

    ```{example-output} 30_waterfall_ru_cn_three_currencies.py
    :args: --chart {artefacts}/snow-fox-chart.png
    :image: snow-fox-chart.png
    :alt: Recoupment progress and who got what
    ```

The script (a file in ``examples/``) runs with the Python running Sphinx, from the repository
root, exactly as a reader would run it. Its standard output becomes a literal block; with
``:image:``, a file the script wrote into ``{artefacts}`` (a directory under ``docs/_build``,
which git and Sphinx's source discovery both ignore) is shown below it. A script that exits
with a non-zero code, prints nothing, or does not write the promised image stops the build,
whatever the warning settings: a tutorial whose script fails would teach something false.

A how-to shows a ``coprod`` command and what it prints with::

    ```{command-output} coprod validate examples/data/ru-cn-animated-feature.yaml
    :exit-code: 0
    ```

The command runs as ``python -m coprod ...`` from the repository root; the block shows the
command after a ``$`` prompt, then its standard output and standard error, as a terminal
would. The build stops if the exit code differs from ``:exit-code:`` (0 unless given).

Speed: each (script, arguments) pair runs at most once per build. When Sphinx is about to
read pages, every run those pages ask for is started at once in a small thread pool, so the
scripts run on the spare core while Sphinx parses; the directive only waits for its result.
Builders that render nothing a reader sees (``doctest``, ``linkcheck``, ``gettext``) do not
run the scripts at all (the test suite runs every example on its own, in
``tests/test_examples.py``), and show a placeholder instead.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
EXAMPLES = ROOT / "examples"
ARTEFACTS = DOCS / "_build" / "example-output"
TIMEOUT = 300  # seconds per script; each takes a few seconds
NOT_RUN_BY = frozenset({"doctest", "linkcheck", "gettext", "dummy"})
# The directive as written in a MyST page, with its options (for starting runs early).
_DIRECTIVE = re.compile(r"^[`:]{3,}\{example-output\}\s+(\S+)\s*\n((?:\s*:[\w-]+:.*\n)*)", re.M)
_COMMAND = re.compile(r"^[`:]{3,}\{command-output\}\s+coprod\s+(.+?)\s*$", re.M)
_ARGS = re.compile(r"^\s*:args:\s*(.*)$", re.M)

COPROD = "-m coprod"  # the "script" of a command-output run
Run = tuple[str, tuple[str, ...]]


class _Runner:
    """Runs each (script, arguments) pair once per build, in the background."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1))
        self.runs: dict[Run, Future[subprocess.CompletedProcess[str]]] = {}

    def start(self, script: str, args: tuple[str, ...]) -> Future[subprocess.CompletedProcess[str]]:
        key = (script, args)
        if key not in self.runs:
            self.runs[key] = self.pool.submit(_execute, script, args)
        return self.runs[key]


def _execute(script: str, args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Run an example script, or the ``coprod`` command when *script* is ``-m coprod``."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    arguments = [a.replace("{artefacts}", str(ARTEFACTS)) for a in args]
    program = ["-m", "coprod"] if script == COPROD else [str(Path("examples") / script)]
    return subprocess.run(
        [sys.executable, *program, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "MPLBACKEND": "Agg"},
    )


def _runs_scripts(app: Sphinx) -> bool:
    return app.builder.name not in NOT_RUN_BY


def _runner(app: Sphinx) -> _Runner:
    runner: _Runner | None = getattr(app, "_coprod_example_runner", None)
    if runner is None:
        runner = _Runner()
        app._coprod_example_runner = runner  # type: ignore[attr-defined]
    return runner


def _start_early(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Start every run the pages about to be read ask for, before Sphinx parses them."""
    if not _runs_scripts(app):
        return
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".md" or not path.is_file():
            continue
        for match in _DIRECTIVE.finditer(path.read_text(encoding="utf-8")):
            options = _ARGS.search(match[2])
            _runner(app).start(match[1], tuple(shlex.split(options[1]) if options else ()))
        for match in _COMMAND.finditer(path.read_text(encoding="utf-8")):
            _runner(app).start(COPROD, tuple(shlex.split(match[1])))


class ExampleOutput(SphinxDirective):
    """What an example script prints (and, optionally, an image it draws)."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "args": directives.unchanged,
        "image": directives.unchanged,
        "alt": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Wait for the script's run and return its output (and image) as nodes."""
        script = self.arguments[0]
        path = EXAMPLES / script
        if not path.is_file():
            raise ExtensionError(f"example-output: no such example script: {path}")
        args = tuple(shlex.split(self.options.get("args", "")))
        # Re-read the page when the script or its data change.
        self.env.note_dependency(str(path))
        for data in sorted((EXAMPLES / "data").glob("*")):
            self.env.note_dependency(str(data))
        if not _runs_scripts(self.env.app):
            text = f"(the output of examples/{script} is shown in the HTML build)"
            return [nodes.literal_block(text, text)]

        result = _runner(self.env.app).start(script, args).result()
        command = shlex.join(["python", f"examples/{script}", *args])
        if result.returncode != 0 or not result.stdout.strip():
            raise ExtensionError(
                f"example-output: `{command}` exited {result.returncode}"
                f"{' and printed nothing' if not result.stdout.strip() else ''} "
                f"({self.env.docname}:{self.lineno})\n--- stdout\n{result.stdout}"
                f"--- stderr\n{result.stderr}"
            )
        output = result.stdout.rstrip("\n")
        block = nodes.literal_block(output, output)
        block["language"] = "text"
        out: list[nodes.Node] = [block]
        if "image" in self.options:
            image = ARTEFACTS / self.options["image"]
            if not image.is_file():
                raise ExtensionError(f"example-output: `{command}` did not write {image}")
            uri = "/" + image.relative_to(DOCS).as_posix()  # "/..." is relative to docs/
            out.append(nodes.image(uri=uri, alt=self.options.get("alt", self.options["image"])))
        return out


class CommandOutput(SphinxDirective):
    """A ``coprod`` command and what it prints, as in a terminal."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"exit-code": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        """Wait for the command's run and return the command and its output as one block."""
        words = shlex.split(self.arguments[0])
        if words[:1] != ["coprod"]:
            raise ExtensionError(f"command-output: the command must start with coprod: {words}")
        for data in sorted((EXAMPLES / "data").glob("*")):
            self.env.note_dependency(str(data))
        command = "$ " + shlex.join(words)
        if not _runs_scripts(self.env.app):
            text = f"{command}\n(the output is shown in the HTML build)"
            return [nodes.literal_block(text, text)]

        result = _runner(self.env.app).start(COPROD, tuple(words[1:])).result()
        expected = self.options.get("exit-code", 0)
        if result.returncode != expected:
            raise ExtensionError(
                f"command-output: `{shlex.join(words)}` exited {result.returncode}, not "
                f"{expected} ({self.env.docname}:{self.lineno})\n--- stdout\n{result.stdout}"
                f"--- stderr\n{result.stderr}"
            )
        text = "\n".join(
            part.rstrip("\n") for part in (command, result.stdout, result.stderr) if part.strip()
        )
        block = nodes.literal_block(text, text)
        block["language"] = "console"
        return [block]


def _shutdown(app: Sphinx, _exception: Exception | None) -> None:
    runner: _Runner | None = getattr(app, "_coprod_example_runner", None)
    if runner is not None:
        runner.pool.shutdown(wait=True, cancel_futures=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the early start of the runs."""
    app.add_directive("example-output", ExampleOutput)
    app.add_directive("command-output", CommandOutput)
    app.connect("env-before-read-docs", _start_early)
    app.connect("build-finished", _shutdown)
    return {"parallel_read_safe": False, "parallel_write_safe": True}
