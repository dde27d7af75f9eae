"""``coprod rights``: conflicts, checks, availability, EMA Avails export, remake checks."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import attrs

from coprod.cli._common import add_format_argument, date_argument, emit_json, fail
from coprod.findings import Finding, Report, Severity
from coprod.serialization import load

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
#: How many conflicts `coprod rights conflicts` shows unless told otherwise.
DEFAULT_CONFLICTS_SHOWN = 200


def register(subparsers: Any) -> None:
    """Add ``coprod rights`` and its subcommands."""
    parser = subparsers.add_parser(
        "rights", help="shared rights and remakes: conflicts, availability, avails export",
        description="Work with a rights ledger (document: rights-ledger) or a remake licence.",
    )
    sub = parser.add_subparsers(dest="rights_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda _args: _usage(parser))

    p = sub.add_parser("conflicts", help="list colliding grants, each with the overlapping slice")
    p.add_argument("file", help="a rights-ledger document (.yaml, .json, .toml)")
    p.add_argument("--limit", type=_count, metavar="N",
                   help="show at most N conflicts, then how many more there are (default: "
                        f"{DEFAULT_CONFLICTS_SHOWN} in text, every one in JSON; 0: every one)")
    add_format_argument(p)
    p.set_defaults(func=_conflicts)

    p = sub.add_parser(
        "check", help="every finding: conflicts, excess, gaps, holdbacks, unresolved terms"
    )
    p.add_argument("file", help="a rights-ledger document")
    p.add_argument("--as-of", metavar="DATE", type=date_argument,
                   help="the date of the report (default: today)")
    add_format_argument(p)
    p.set_defaults(func=_check)

    p = sub.add_parser(
        "avails", help="which rights are free in territory x media x language x period"
    )
    p.add_argument("file", help="a rights-ledger document")
    p.add_argument(
        "--territory", required=True,
        help="countries, regions or groups: 'RU, BY', 'EU'; for everywhere but some, write "
             "the exclusions after '=': --territory=-CN or --territory='-CN, -HK' (a value "
             "beginning with '-' would otherwise be read as an option)",
    )
    p.add_argument("--media", required=True, help="media, comma-separated: 'svod, all-tv'")
    p.add_argument(
        "--language", default="any", help="languages: 'ru', 'ru (dubbed), zh' (default: any)"
    )
    p.add_argument("--from", dest="start", metavar="DATE", type=date_argument, required=True,
                   help="first day wanted (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", type=date_argument, required=True,
                   help="last day wanted (YYYY-MM-DD)")
    p.add_argument("--match", choices=("cover", "overlap", "starts-within"), default="cover",
                   help="how free windows must meet the period (default: %(default)s)")
    p.add_argument("--exclusive-only", action="store_true",
                   help="the rights are wanted exclusively: non-exclusive grants block too")
    p.add_argument("--without", metavar="GRANT", action="append", default=[],
                   help="leave this grant out, to ask what was free before it (repeatable)")
    add_format_argument(p)
    p.set_defaults(func=_avails)

    p = sub.add_parser("export-avails", help="EMA Avails-style rows (CSV) for the digital media")
    p.add_argument("file", help="a rights-ledger document")
    p.add_argument("--content-id", default="",
                   help="the work's EIDR content id for ContentID "
                        "(10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C, checked)")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--spreadsheet-safe", action="store_true",
                   help="CSV for people: prefix with an apostrophe every cell that begins with "
                        "=, +, -, @, a tab or a carriage return, so that Excel or LibreOffice "
                        "shows it as text instead of running it as a formula (CSV injection); "
                        "off by default, as it changes the data programs read")
    add_format_argument(p, choices=("csv", "json"))
    p.set_defaults(func=_export)

    p = sub.add_parser("remake", help="check a remake licence, and a plan against it")
    p.add_argument("file", help="a remake-licence document")
    p.add_argument("--plan", help="a remake-plan document")
    p.add_argument("--as-of", metavar="DATE", type=date_argument,
                   help="the date to judge deadlines on (default: today)")
    add_format_argument(p)
    p.set_defaults(func=_remake)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_UNUSABLE


def _ledger(path: str) -> Any:
    from coprod.rights import RightsLedger

    return load(path, kind=RightsLedger)


def _finding_json(f: Finding) -> dict[str, Any]:
    from coprod.reporting import finding_to_json

    return finding_to_json(f)


def _print_findings(report: Report, files: dict[str | None, str] | None = None) -> None:
    """Findings in text; *files* names the file of each document a path may point into."""
    if not report.findings:
        print("no findings")
        return
    for f in report.findings:
        where = f.where
        if files is not None and f.document in files:
            where = f"{files[f.document]} {f.path}"
        print(f"{f.severity.value:<7} {f.code} @ {where}")
        print(f"        {f.message}")
        if f.citation is not None:
            print(f"        clause: {f.citation.article}")
    c = report.counts()
    print(f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info(s)")


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def _conflicts(args: argparse.Namespace) -> int:
    ledger = _ledger(args.file)
    conflicts = ledger.conflicts()
    limit = args.limit if args.limit is not None else (
        0 if args.format == "json" else DEFAULT_CONFLICTS_SHOWN)
    shown = conflicts[:limit] if limit else conflicts
    if args.format == "json":
        emit_json({
            "file": args.file,
            "total": len(conflicts),
            "conflicts": [
                {"first": c.first, "second": c.second, "reason": c.reason.value,
                 "code": c.reason.code, "slices": [s.to_dict() for s in c.slices]}
                for c in shown
            ],
        })
    else:
        if not conflicts:
            print(f"{args.file}: no conflicts among {len(ledger.grants)} grants")
        for c in shown:
            print(f"{c.reason.code}: {c.first} x {c.second} ({c.reason.value})")
            for s in c.slices:
                print(f"    {s}")
        if len(shown) < len(conflicts):
            print(f"... and {len(conflicts) - len(shown)} more conflicts "
                  f"({len(conflicts)} in all; --limit 0 shows every one)")
    blocking = [c for c in conflicts if c.reason.value != "same-grantee"]
    return EXIT_FINDINGS if blocking else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    ledger = _ledger(args.file)
    report = ledger.check(as_of=args.as_of)
    if args.format == "json":
        emit_json({"file": args.file, "valid": report.valid, "as_of": report.as_of.isoformat(),
                   "findings": [_finding_json(f) for f in report.findings]})
    else:
        _print_findings(report)
    return EXIT_OK if report.valid else EXIT_FINDINGS


def _avails(args: argparse.Namespace) -> int:
    from coprod.errors import CoprodError
    from coprod.languages import LanguageScope
    from coprod.media import Media
    from coprod.rights import AvailabilityQuery, MatchType
    from coprod.terms import Term
    from coprod.territories import Territories

    ledger = _ledger(args.file)
    start, end = args.start, args.end
    if end < start:
        return fail(f"--to ({end}) is before --from ({start})")
    if args.without:
        ids = {g.id for g in ledger.grants}
        unknown = sorted(set(args.without) - ids)
        if unknown:
            return fail(f"--without: no grant {', '.join(map(repr, unknown))} in {args.file}")
        ledger = attrs.evolve(
            ledger, grants=tuple(g for g in ledger.grants if g.id not in set(args.without)))
    # Each option is read here, so that a bad value is reported with the option's name.
    try:
        clause = Territories.parse(args.territory)
        clause.check(ledger.groups)
    except CoprodError as exc:
        return fail(f"--territory: {exc}")
    try:
        media = [Media.parse(m) for m in args.media.split(",") if m.strip()]
    except CoprodError as exc:
        return fail(f"--media: {exc}")
    if not media:
        return fail(f"--media: name at least one medium, such as 'svod', got {args.media!r}")
    try:
        languages = LanguageScope.parse(args.language)
    except CoprodError as exc:
        return fail(f"--language: {exc}")
    # A group whose members change within the period (the EU on 2020-02-01) means different
    # countries on different days: each part of the period is asked with its own countries.
    parts = clause.segments(Term(start, end), ledger.groups)
    match = MatchType(args.match)
    results = [
        ledger.availability(AvailabilityQuery(
            territories=countries, media=media, languages=languages, period=term,
            match=match, exclusive_only=args.exclusive_only,
        ))
        for term, countries in parts
    ]
    available = all(r.available for r in results)
    unresolved = sorted({g for r in results for g in r.unresolved})
    if args.format == "json":
        emit_json({
            "file": args.file,
            "available": available,
            "match": match.value,
            "exclusive_only": args.exclusive_only,
            "parts": [
                {"start": r.query.period.start.isoformat(),
                 "end": r.query.period.end.isoformat() if r.query.period.end else None,
                 "territories": sorted(r.query.territories.codes),
                 "available": r.available}
                for r in results
            ],
            "rows": [
                {"territories": sorted(row.territories.codes),
                 "media": [m.value for m in row.media],
                 "languages": str(row.languages), "matches": row.matches,
                 "free": [{"start": t.start.isoformat(),
                           "end": t.end.isoformat() if t.end else None}
                          for t in row.free]}
                for r in results for row in r.rows
            ],
            "blockers": [{"source": b.source, "reason": b.reason, "slice": b.slice.to_dict()}
                         for r in results for b in r.blockers],
            "unresolved": unresolved,
        })
    else:
        exclusive = ", exclusive" if args.exclusive_only else ""
        if len(results) > 1:
            print(f"{clause} changes its countries within {Term(start, end)}: each part is "
                  "answered with the countries of its days")
        for r in results:
            verdict = "AVAILABLE" if r.available else "NOT AVAILABLE"
            print(f"{verdict} ({match.value}{exclusive}) {r.query.period}")
            for row in r.rows:
                print(f"  {row}")
            if r.blockers:
                print("blocked by:")
                for b in r.blockers:
                    print(f"  {b}")
        if unresolved:
            print(f"not counted (term not resolved): {', '.join(unresolved)}")
    return EXIT_OK if available else EXIT_FINDINGS


def _export(args: argparse.Namespace) -> int:
    from coprod.avails import _formula_cells, export_avails
    from coprod.eidr import validate_eidr
    from coprod.errors import CoprodError

    if args.spreadsheet_safe and args.format != "csv":
        return fail("--spreadsheet-safe applies to CSV output only, not --format json")
    if args.content_id:
        try:
            validate_eidr(args.content_id)
        except CoprodError as exc:
            return fail(f"--content-id: {exc}")
    ledger = _ledger(args.file)
    export = export_avails(ledger, content_id=args.content_id)
    if args.format == "json":
        import json

        text = json.dumps({"rows": list(export.rows),
                           "skipped": [{"grant": g, "reason": r} for g, r in export.skipped]},
                          ensure_ascii=False, indent=2) + "\n"
    else:
        text = export.to_csv(spreadsheet_safe=args.spreadsheet_safe)
        formulas = 0 if args.spreadsheet_safe else _formula_cells(export)
        if formulas:
            sys.stderr.write(
                f"coprod: warning: {formulas} cell(s) begin with =, +, -, @, a tab or a carriage "
                "return, which a spreadsheet program reads as a formula; written as they are "
                "(--spreadsheet-safe prefixes them with an apostrophe)\n")
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    for grant, reason in export.skipped:
        sys.stderr.write(f"coprod: warning: grant {grant} not exported: {reason}\n")
    return EXIT_OK


def _remake(args: argparse.Namespace) -> int:
    from coprod.remakes import RemakeLicense, RemakePlan, check_remake

    licence = load(args.file, kind=RemakeLicense)
    plan = load(args.plan, kind=RemakePlan) if args.plan else None
    if plan is not None and plan.licence != licence.id:
        return fail(f"{args.plan}: the plan rests on licence {plan.licence!r}, but {args.file} "
                    f"is licence {licence.id!r} @ $.licence")
    report = check_remake(licence, plan, as_of=args.as_of)
    if args.format == "json":
        # Each finding says which file its path points into: the licence (FILE) or the plan.
        emit_json({"file": args.file, "plan": args.plan, "valid": report.valid,
                   "as_of": report.as_of.isoformat(),
                   "findings": [{**_finding_json(f), "file": args.plan if f.document == "plan"
                                 else args.file} for f in report.findings]})
    else:
        # With a plan, every path is in one of two files: each is named.
        _print_findings(report, {None: args.file, "plan": args.plan} if args.plan else None)
    return (
        EXIT_OK if not any(f.severity is Severity.ERROR for f in report.findings) else EXIT_FINDINGS
    )
