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
    text = "\n".join([
        "# Benchmarks",
        "",
        f"Written by `{command}` on {dt.date.today().isoformat()}. Figures depend on the",
        "machine and on what else it was doing; they are printed by the scripts in",
        "`benchmarks/` and never asserted in tests. Targets are those of issue 7.",
        "",
        f"**Machine:** {where}",
        "",
        "| Benchmark | Figure |",
        "| --- | --- |",
        *(f"| `{name}` | {_cell(line)} |" for name, line in rows),
        "",
    ])
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
