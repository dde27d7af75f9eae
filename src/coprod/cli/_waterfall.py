"""``coprod waterfall``: statements per payee, the trace, and the new state file.

AGREEMENT is either a ``waterfall`` document (which may name its co-production agreement
in its ``agreement`` field, a file path relative to the waterfall's file), or a
``co-production-agreement`` document, in which case the waterfall is read from the file
beside it named ``<agreement stem>.waterfall.yaml`` (or ``.yml``, ``.json``, ``.toml``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coprod.cli._common import (
    add_format_argument,
    date_argument,
    emit_json,
    fail,
    print_problems,
)
from coprod.errors import CoprodError, DocumentError
from coprod.findings import Severity
from coprod.serialization._documents import format_for

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add ``coprod waterfall``."""
    p = subparsers.add_parser(
        "waterfall",
        help="distribute receipts through a revenue waterfall: statements, trace, new state",
        description=(
            "Distribute RECEIPTS through the waterfall of AGREEMENT and print a statement per "
            "payee with the trace of every payment. AGREEMENT is a waterfall document (it may "
            "name its co-production agreement in 'agreement:'), or a co-production agreement "
            "with its waterfall in '<stem>.waterfall.yaml' beside it. Exit 0 fine, 1 when the "
            "waterfall check finds errors, 2 for unusable input."
        ),
    )
    p.add_argument("agreement", metavar="AGREEMENT", help="waterfall or agreement document")
    p.add_argument(
        "receipts",
        metavar="RECEIPTS",
        help="receipts: .csv, or a receipts document (.json/.yaml/.toml)",
    )
    p.add_argument("--rates", help="exchange rates: .csv, or an exchange-rates document")
    p.add_argument(
        "--period",
        choices=("month", "quarter", "year"),
        help="one statement per calendar period (default: one statement for all receipts)",
    )
    p.add_argument(
        "--through", metavar="DATE", type=date_argument,
        help="state up to this day even if no receipt came (with --period: through the "
             "period holding it, quiet periods included)",
    )
    p.add_argument("--state", help="the state file written after the previous statement")
    p.add_argument("--new-state", help="write the state after the last statement to this file")
    p.add_argument("--chart", help="also draw recoupment progress and who got what to this PNG "
                                   "(needs coprod[plot])")
    p.add_argument("--no-trace", action="store_true", help="leave the trace out of the text output")
    add_format_argument(p)
    p.set_defaults(func=_run)


def _load_inputs(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    from coprod.agreements import CoProductionAgreement
    from coprod.serialization import load
    from coprod.waterfall import Waterfall

    path = Path(args.agreement)
    doc = load(path)
    agreement = None
    if isinstance(doc, CoProductionAgreement):
        agreement = doc
        stem = path.name[: -len(path.suffix)] if path.suffix else path.name
        candidates = [
            path.with_name(f"{stem}.waterfall{s}") for s in (".yaml", ".yml", ".json", ".toml")
        ]
        found = [c for c in candidates if c.exists()]
        if not found:
            raise _Usage(f"{path} is a co-production agreement; its waterfall is expected in "
                         f"{candidates[0].name} (or .yml/.json/.toml) beside it")
        waterfall = load(found[0], kind=Waterfall)
        path = found[0]  # the file the waterfall was read from, for messages
    elif isinstance(doc, Waterfall):
        waterfall = doc
        if waterfall.agreement:
            ref = path.parent / waterfall.agreement
            if not ref.is_file():
                raise _Usage(f"{path}: the co-production agreement it names is not at {ref} "
                             "@ $.agreement")
            agreement = load(ref, kind=CoProductionAgreement)
    else:
        raise _Usage(
            f"{path} holds a {type(doc).__name__}, not a waterfall or a co-production agreement"
        )
    return waterfall, agreement, path


class _Usage(Exception):
    pass


def _check_outputs(args: argparse.Namespace) -> str | None:
    """Why an output cannot be written (its suffix, its directory), or None if all can be.

    Every output is checked before anything is computed or written, so that a bad chart
    name, or a state file in a directory that does not exist, leaves no file behind.
    """
    outputs: list[tuple[str, str]] = []
    if args.new_state:
        try:
            format_for(args.new_state)
        except DocumentError as exc:
            return f"--new-state: {exc.problems[0].message}"
        outputs.append(("--new-state", args.new_state))
    if args.chart:
        from coprod.waterfall.plot import chart_format

        try:
            chart_format(args.chart)
        except CoprodError as exc:
            return f"--chart: {exc}"
        outputs.append(("--chart", args.chart))
    for option, name in outputs:
        target = Path(name)
        folder = target.parent
        if not folder.is_dir():
            what = "is not a directory" if folder.exists() else "does not exist"
            return f"{option}: {name}: cannot write it: the directory {folder} {what}"
        if target.is_dir():
            return f"{option}: {name}: cannot write it: it is a directory"
    return None


def _run(args: argparse.Namespace) -> int:
    from coprod.serialization import dump, load
    from coprod.waterfall import WaterfallState, check, distribute, statements
    from coprod.waterfall._io import load_rates, load_receipts_placed
    from coprod.waterfall._render import render_many, to_data

    try:
        waterfall, agreement, waterfall_path = _load_inputs(args)
    except _Usage as exc:
        return fail(str(exc))
    unwritable = _check_outputs(args)
    if unwritable is not None:
        return fail(unwritable)
    receipts, places = load_receipts_placed(args.receipts)
    rates = load_rates(args.rates) if args.rates else None
    state = load(args.state, kind=WaterfallState) if args.state else None
    report = check(waterfall, agreement)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    try:
        if args.period:
            dists = statements(waterfall, receipts, frequency=args.period, state=state,
                               rates=rates, agreement=agreement, through=args.through)
        elif args.through is not None:
            dists = _through(waterfall, receipts, state, rates, agreement, args.through)
        else:
            dists = (distribute(waterfall, receipts, state, rates=rates, agreement=agreement),)
    except CoprodError as exc:
        # Every problem is reported: the check's findings (which may explain it), and why no
        # statement could be made, at its file and place. The input is unusable: exit 2.
        if report.findings:
            _print_findings(waterfall.id, report.findings, args.format)
        if isinstance(exc, DocumentError):
            print_problems(exc)
        else:
            fail(_located(exc, args, waterfall_path, receipts, places))
        return EXIT_UNUSABLE
    if args.chart and dists:
        from coprod.waterfall.plot import plot_distribution

        plot_distribution(dists, waterfall, args.chart)
    if args.new_state and dists:
        dump(dists[-1].state, args.new_state)
    if args.format == "json":
        emit_json({
            "waterfall": waterfall.id,
            "findings": [_finding_data(f) for f in report.findings],
            "statements": [to_data(d) for d in dists],
        })
    else:
        sys.stdout.write(render_many(dists, trace=not args.no_trace) + "\n")
        if report.findings:
            sys.stdout.write("\n")
            _print_findings(waterfall.id, report.findings, "text")
    unbalanced = [what for d in dists for what, left, right in d.balance() if left != right]
    if unbalanced:  # money created or lost: never a success, whatever else the run says
        sys.stderr.write(f"coprod: error: a statement does not balance ({unbalanced[0]})\n")
        return EXIT_FINDINGS
    return EXIT_FINDINGS if errors else EXIT_OK


def _located(exc: CoprodError, args: argparse.Namespace, waterfall_path: Path,
             receipts: Sequence[Any], places: Sequence[str]) -> str:
    """The message of an error met while computing, with the file and the place it is about.

    ``FILE: message @ place``: the receipt's line (or path) in the receipts file when a
    receipt is at fault, the path in the state file when the state is, else the waterfall.
    """
    from coprod.waterfall._engine import InputError

    if not isinstance(exc, InputError):  # the waterfall cannot be computed as written
        return f"{waterfall_path}: {exc}"
    message = exc.naming(args.state)
    place: str | None = None
    if exc.receipt is not None:
        place = next((p for r, p in zip(receipts, places, strict=True) if r is exc.receipt),
                     None)
    elif exc.day is not None:
        place = next((p for r, p in zip(receipts, places, strict=True) if r.date == exc.day),
                     None)
    if place is not None:
        return f"{args.receipts}: {message} @ {place}"
    if exc.state_path is not None and args.state:
        return f"{args.state}: {exc.naming(None)} @ {exc.state_path}"
    return f"{args.receipts}: {message}"


def _through(waterfall: Any, receipts: Any, state: Any, rates: Any, agreement: Any,
             through: Any) -> tuple[Any, ...]:
    """One statement from the day after the state (or the first receipt) to *through*."""
    from coprod.waterfall import Period, distribute
    from coprod.waterfall._engine import STATE_FILE, InputError

    receipts = list(receipts)
    if state is not None and state.as_of is not None:
        if through <= state.as_of:
            raise InputError(
                f"--through {through.isoformat()} is on or before the last day already "
                f"accounted for ({state.as_of.isoformat()}{STATE_FILE})", state_path="$.as_of")
        start = state.as_of.add(days=1)
    elif receipts:
        start = min(r.date for r in receipts)
    else:
        return ()  # no state and no receipt: nothing to state
    if through < start:
        raise InputError(
            f"--through {through.isoformat()} is before the first receipt "
            f"({start.isoformat()})", day=start)
    period = Period(start=start, end=through)
    return (distribute(waterfall, receipts, state, rates=rates, agreement=agreement,
                       period=period),)


def _finding_data(f: Any) -> dict[str, Any]:
    from coprod.reporting import finding_to_json

    return finding_to_json(f)


def _print_findings(waterfall_id: str, findings: Any, fmt: str) -> None:
    if fmt == "json":  # the documented shape, with no statement: none could be made
        emit_json({"waterfall": waterfall_id, "findings": [_finding_data(f) for f in findings],
                   "statements": []})
        return
    sys.stdout.write("Findings\n")
    for f in findings:
        cite = f" [{f.citation}]" if f.citation else ""
        sys.stdout.write(f"  {f.severity.value:7} {f.code} @ {f.path}: {f.message}{cite}\n")
