r"""Coverage-guided fuzzing of every loader with atheris (libFuzzer), for long runs.

Each input is read as text and given to every loader: ``coprod.loads`` in JSON, YAML and
TOML, and the receipts and rates CSV readers. The contract is the one of
``tests/test_fuzz.py``: an object, or a :class:`coprod.DocumentError` whose problems each
have a path and a short message. Any other exception is a crash that libFuzzer saves as
``crash-<hash>``; an input that takes longer than ``-timeout`` seconds is saved as
``timeout-<hash>`` (a hang).

Run it from the repository root (``pip install atheris`` first)::

    mkdir -p .fuzz-corpus
    python tests/fuzz/fuzz_loads.py -timeout=10 -rss_limit_mb=2048 -max_total_time=14400 \\
        .fuzz-corpus examples/data tests/corpus/bad tests/fixtures/schema-v1

libFuzzer writes the inputs that reach new code into the first directory and reads the
others as seeds. Replay one crash with ``python tests/fuzz/fuzz_loads.py crash-<hash>``.
pytest does not collect this file (``tests/fuzz/conftest.py``).
"""

from __future__ import annotations

import sys

import atheris

# Only coprod and its YAML parser are instrumented: instrumenting numpy, pendulum and the
# rest takes minutes at start-up and guides nothing the loaders do.
with atheris.instrument_imports(include=["coprod", "yaml"]):
    import coprod
    from coprod.errors import DocumentError
    from coprod.waterfall._io import read_rates_csv, read_receipts_csv

MAX_MESSAGE = 600


def _check(call: object, text: str, line_paths: bool = False) -> None:
    try:
        call(text)  # type: ignore[operator]
    except DocumentError as exc:
        if not exc.problems:
            raise AssertionError("a DocumentError without problems") from exc
        for p in exc.problems:
            ok = p.path.startswith("$") or (line_paths and p.path.startswith("line "))
            if not ok or not p.message or len(p.message) > MAX_MESSAGE:
                raise AssertionError(f"bad problem: {p.path!r} {p.message[:200]!r}") from exc


def test_one_input(data: bytes) -> None:
    """Give one input to every loader."""
    text = data.decode("utf-8", errors="replace")
    for fmt in ("json", "yaml", "toml"):
        _check(lambda t, fmt=fmt: coprod.loads(t, fmt), text)
    _check(read_receipts_csv, text, line_paths=True)
    _check(read_rates_csv, text, line_paths=True)


def main() -> None:
    """Run libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
