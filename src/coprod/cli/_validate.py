"""``coprod validate FILE... [--as-of DATE] [--treaty ID] [--format text|json|markdown]``."""

from __future__ import annotations

import argparse
import sys

from coprod import treaties
from coprod.agreements import CoProductionAgreement
from coprod.cli._common import (
    add_format_argument,
    date_argument,
    emit_json,
    fail,
    print_problems,
)
from coprod.errors import CoprodError, DocumentError
from coprod.reporting import render_markdown, render_text, report_to_json
from coprod.serialization import load
from coprod.validation import validate

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` command."""
    parser = subparsers.add_parser(
        "validate",
        help="check co-production agreements against the treaty that governs them",
        description=(
            "Check each agreement file against the instrument that governs it (or --treaty), "
            "as the law stood on --as-of (default: the application date, else the signature "
            "date). Every finding has a code, a severity, a path into the file, a message and "
            "a citation. Exit code 0 if every file qualifies, 1 if any has an error finding, "
            "2 if a file cannot be read."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="agreement documents (.yaml, .yml, .json or .toml)")
    parser.add_argument("--as-of", metavar="DATE", type=date_argument,
                        help="take the law as it stood on DATE")
    parser.add_argument("--treaty", metavar="ID",
                        help="apply this instrument (e.g. CN-RU-2017) instead of finding it")
    add_format_argument(parser, ("text", "json", "markdown"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; print the reports; return the exit code."""
    as_of = args.as_of
    try:
        if args.treaty is not None:
            treaties.get(args.treaty)
    except CoprodError as exc:
        return fail(f"--treaty: {exc}")
    exit_code = EXIT_OK
    results = []
    printed = False
    for path in args.files:
        try:
            agreement = load(path, kind=CoProductionAgreement)
        except DocumentError as exc:
            print_problems(exc, path)
            exit_code = EXIT_UNUSABLE
            continue
        try:
            report = validate(agreement, as_of=as_of, treaty=args.treaty)
        except CoprodError as exc:  # the instrument the file invokes is not in the catalogue
            sys.stderr.write(f"coprod: error: {path}: {exc} @ $.treaty\n")
            exit_code = EXIT_UNUSABLE
            continue
        if not report.valid and exit_code == EXIT_OK:
            exit_code = EXIT_FINDINGS
        title = agreement.production.title
        if args.format == "json":
            results.append(report_to_json(report, path))
        else:
            render = render_markdown if args.format == "markdown" else render_text
            sys.stdout.write(("\n" if printed else "") + render(report, path, title))
            printed = True
    if args.format == "json":
        emit_json(results)
    return exit_code
