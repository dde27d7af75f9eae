"""Run every benchmark in this folder and write the table of figures to the docs.

Run from the repository root (``pip install -e '.[bench,fast]'`` first)::

    python benchmarks/run_all.py            # full sizes, as in issue 7
    python benchmarks/run_all.py --quick    # smaller inputs, for a first look

Each ``benchmarks/bench_*.py`` script runs in its own process, one after the other; every
line it prints (a figure, a ratio) becomes a row of the Markdown table written to
``docs/reference/benchmarks.md``, with the machine it ran on. Figures are never asserted:
they depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = ROOT / "docs" / "reference" / "benchmarks.md"
#: Smaller inputs for --quick, by script.
QUICK = {
    "bench_avails.py": ["--grants", "20000", "--queries", "100"],
    "bench_waterfall.py": ["--lines", "200000", "--repeat", "1"],
    "bench_documents.py": ["--seconds", "0.3"],
    "bench_validation.py": ["--calls", "300"],
}


#: How to read the table; the figures it speaks of are rows of the table above it.
READING = """\
## Reading the figures

Issue 7 set these targets: availability over 100,000 grants below 100 µs a query and at
least 100 times a linear scan; the waterfall at 10 million receipt lines a second or more
and at least 20 times a plain `Decimal` loop; validation of one agreement below 1 ms
(median); load + validate at least 1.5 times pydantic v2, and dump at least as fast.

- **Load + validate** builds about seventy objects from a 4 kB agreement, and each one
  validates itself in its constructor (ISO 4217 and ISO 3166 look-ups, BCP 47 tags, id
  patterns, exact amounts within their digit bounds, cross-references between parties), in
  Python; the JSON is read with every number exact and duplicate keys refused. The rows
  `coprod load, ...` split the time of the fast path: reading the text, building the
  objects, and of that the constructor calls alone, timed on their own with their arguments
  ready (countries and currencies come from caches and are not constructed). The two
  `floor` rows time the same constructor calls with attrs' validators switched off, and
  bare instances with their slots set and nothing checked at all; each is compared with
  the whole time budget of the 1.5x target (pydantic's time divided by 1.5). The first floor
  is above that budget: merely building the frozen attrs instances of one agreement, with no
  validator, no reading and no parsing, takes longer than a load may take in all. The target
  therefore cannot be met by any reading path while the objects are frozen attrs classes
  built in Python; it needs a decision on the model, not more speed in the reader. Two more
  figures point the same way. The msgspec row, a compiled decoder into its own structs with
  the same work on each value (exact amounts and shares, patterns), is itself only a little
  faster than pydantic. And msgspec cannot decode into coprod's classes at all: it refuses
  the union of two attrs classes (`Organisation | Person`), and money, shares and countries
  are written as text but are classes in the model. The row `coprod, careful path only` shows
  what the fast path saves (see *How coprod is put together*).
- **Dump**: coprod writes canonical JSON (two-space indentation, fields in declaration
  order), so the like-for-like peer is the row `pydantic v2, indented`; both ratios are
  printed. With orjson installed (`coprod[fast]`) the indented text is written in one
  compiled pass, and about three quarters of the time is spent turning the objects into
  plain data, in functions rewritten from cattrs' own (see *How coprod is put together*).
- **Formats**: the rows `format ...` load and write the same agreement as JSON, YAML and
  TOML. YAML is read by libyaml's C parser where PyYAML has it, but each value is still
  resolved in Python, and written by PyYAML's pure-Python emitter; TOML is read and written
  by pure-Python libraries (tomllib, tomli_w). See the how-to *Load, check and write
  documents at scale*.
- **Validation** times `coprod.validate` on a fresh copy of each example agreement, so
  nothing an agreement caches about itself is reused between calls.
- **Waterfall** and **availability** figures are steady-state: the ledger or the receipt
  columns are built once, and the build time is printed on its own row.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return (f"{cpu}; {os.cpu_count()} logical CPUs; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()} ({platform.python_implementation()}); "
            f"load average before the run: {load}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(command: str, where: str, rows: list[tuple[str, str]], day: dt.date) -> str:
    """The Markdown page: the table of (script, line) rows, then how to read it."""
    return "\n".join([
        "# Benchmarks",
        "",
        f"Written by `{command}` on {day.isoformat()}. Figures depend on the",
        "machine and on what else it was doing; they are printed by the scripts in",
        "`benchmarks/` and never asserted in tests. Targets are those of issue 7.",
        "",
        f"**Machine:** {where}",
        "",
        "| Benchmark | Figure |",
        "| --- | --- |",
        *(f"| `{name}` | {_cell(line)} |" for name, line in rows),
        "",
        READING,
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the Markdown file to write")
    args = parser.parse_args()
    where = machine()
    rows: list[tuple[str, str]] = []
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        argv = [sys.executable, str(script), *(QUICK.get(script.name, []) if args.quick else [])]
        print(f"running {script.name} ...", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
        took = time.perf_counter() - t0
        lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0:
            failed += 1
            last = done.stderr.strip().splitlines()[-1:] or ["no output"]
            lines.append(f"FAILED (exit {done.returncode}): {last[0]}")
        for line in lines:
            print(f"  {line}")
            rows.append((script.name, line))
        rows.append((script.name, f"(ran in {took:.0f} s)"))
    command = "python benchmarks/run_all.py" + (" --quick" if args.quick else "")
    text = render(command, where, rows, dt.date.today())
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
