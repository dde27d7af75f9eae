"""``coprod treaties list | show ID | applicable CC CC... --on DATE``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

import pendulum

from coprod import treaties
from coprod.cli._common import add_format_argument, date_argument, emit_json
from coprod.findings import ARTICLE_UNKNOWN
from coprod.geo import Country
from coprod.reporting import citation_to_json
from coprod.serialization import unstructure
from coprod.treaties import Applicability, Param, Treaty, Unknown


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``treaties`` command group."""
    parser = subparsers.add_parser(
        "treaties", help="the treaty catalogue: list, show, and which instrument applies",
        description="Browse the catalogue of co-production instruments and their sources.",
    )
    sub = parser.add_subparsers(dest="treaties_command", metavar="SUBCOMMAND", required=True)
    p = sub.add_parser("list", help="list every instrument in the catalogue")
    add_format_argument(p)
    p.set_defaults(func=run_list)
    p = sub.add_parser("show", help="show one instrument: dates, states, rules and sources")
    p.add_argument("id", metavar="ID", help="instrument id, e.g. CN-RU-2017 or ru-cn-2017")
    add_format_argument(p)
    p.set_defaults(func=run_show)
    p = sub.add_parser(
        "applicable", help="which instrument governs a co-production between states on a date",
        description=("Name the instrument(s) that govern a co-production between the given "
                     "states (ISO 3166-1 alpha-2 codes) on a date, with the reason."),
    )
    p.add_argument("countries", nargs="+", metavar="CC", help="two or more country codes")
    p.add_argument("--on", metavar="DATE", type=date_argument,
                   help="the date (default: today)")
    add_format_argument(p)
    p.set_defaults(func=run_applicable)


def _date(p: Param[Any]) -> str:
    v = p.value
    return "unknown" if isinstance(v, Unknown) else v.isoformat()


def _signed(t: Treaty) -> str:
    """The date of signature, or its year alone ("in 2001") when that is all that is known."""
    if isinstance(t.signed.value, Unknown) and t.signed_year is not None:
        return f"in {t.signed_year}"
    return _date(t.signed)


def run_list(args: argparse.Namespace) -> int:
    """List the catalogue."""
    items = treaties.all()
    if args.format == "json":
        emit_json([{
            "id": t.id, "title": t.title, "kind": t.kind.value,
            "signed": _date(t.signed), "signed_year": t.signed_year,
            "in_force": _date(t.in_force),
            "states": sorted(s.country.code for s in t.states), "rules": len(t.rules),
        } for t in items])
        return 0
    sys.stdout.write(f"{'ID':<14} {'KIND':<13} {'SIGNED':<11} {'IN FORCE':<11} TITLE\n")
    for t in items:
        title = t.title if len(t.title) <= 70 else t.title[:69] + "…"
        sys.stdout.write(f"{t.id:<14} {t.kind.value:<13} {_signed(t):<11} "
                         f"{_date(t.in_force):<11} {title}\n")
    return 0


def _provenance(t: Treaty, p: Param[Any]) -> str:
    src = t.best_source(p.sources)
    bits = [p.article or ARTICLE_UNKNOWN]
    if p.confidence is not None:
        bits.append(f"{p.confidence.value} confidence")
    if src is not None:
        bits.append(src.url)
    return "; ".join(bits)


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def show_text(t: Treaty) -> str:
    """An instrument as text: what a reader needs, with a source for every value."""
    out = [f"{t.id} — {t.title}", ""]
    for title in t.titles:
        out.append(f"  ({title.language}) {title.text}")
    out += [_wrap(t.description, "  "), ""]
    out.append(f"  Kind:      {t.kind.value}")
    out.append(f"  Signed:    {_signed(t)}  [{_provenance(t, t.signed)}]")
    if t.signature is None and t.signed_year:
        out.append(f"             (year {t.signed_year}; exact day unknown)")
    out.append(f"  In force:  {_date(t.in_force)}  [{_provenance(t, t.in_force)}]")
    if t.ended:
        out.append(f"  Ended:     {t.ended.isoformat()}")
    for p, label in ((t.signed, "signed"), (t.in_force, "in force")):
        if p.note:
            out.append(_wrap(f"note ({label}): {p.note.strip()}", "             "))
    if t.bilateral_use is not None:
        out.append(f"  Bilateral framework: {t.bilateral_use.value}  "
                   f"[{_provenance(t, t.bilateral_use)}]")
    if t.supersedes:
        out.append(f"  Replaces between its Parties: {', '.join(t.supersedes)}")
    for a in t.amendments:
        when = a.in_force or a.signed
        since = when.isoformat() if when else "unknown"
        out.append(f"  Amendment {a.id}: {a.title} (from {since})")
    out += ["", f"  States ({len(t.states)}):"]
    for s in t.states:
        dates = ", ".join(f"{k} {v.isoformat()}" for k, v in
                          (("signed", s.signed), ("ratified", s.ratified),
                           ("in force", s.in_force), ("left", s.left)) if v is not None)
        line = f"    {s.country.code} {s.country.name} — {s.status.value}"
        line += f" ({dates})" if dates else (" (dates unknown)" if t.is_convention else "")
        if s.continues is not None:
            line += f"; continues {s.continues.code}"
        out.append(line)
        if s.note:
            out.append(_wrap(f"note: {s.note}", "        "))
    if t.competent_authorities:
        out += ["", "  Competent authorities:"]
        for ca in t.competent_authorities:
            out.append(f"    {ca.country.code}: {ca.name} ({ca.article or ARTICLE_UNKNOWN}; "
                       f"{ca.confidence.value} confidence)")
    out += ["", f"  Rules ({len(t.rules)}):"]
    for r in t.rules:
        src = t.best_source(r.sources)
        out.append(f"    [{r.kind}] {r.id}: {r.summary()}")
        out.append(f"        {r.article or ARTICLE_UNKNOWN}; {r.confidence.value} confidence; "
                   f"{src.url if src else 'no source'}")
        note = getattr(r, "note", None)
        if note:
            out.append(_wrap(f"note: {note.strip()}", "        "))
    out += ["", "  Sources:"]
    for source in t.sources:
        out.append(f"    {source.id}: {source.title} ({source.confidence.value})")
        out.append(f"        {source.url}")
    if t.notes:
        out += ["", "  Notes:"]
        out += [_wrap(f"- {n}", "    ") for n in t.notes]
    return "\n".join(out) + "\n"


def run_show(args: argparse.Namespace) -> int:
    """Show one instrument."""
    t = treaties.get(args.id)
    if args.format == "json":
        emit_json(unstructure(t))
    else:
        sys.stdout.write(show_text(t))
    return 0


def applicability_to_json(a: Applicability) -> dict[str, Any]:
    """One answer of ``treaties applicable`` as JSON."""
    c = a.citation
    return {
        "instrument": a.instrument,
        "basis": a.basis.value,
        "reason": a.reason,
        "certain": a.certain,
        "caveats": list(a.caveats),
        "countries": [x.code for x in a.countries],
        "non_party": [x.code for x in a.non_party],
        "citation": citation_to_json(c),
    }


def run_applicable(args: argparse.Namespace) -> int:
    """Say which instrument governs."""
    countries = list(dict.fromkeys(Country(c) for c in args.countries))  # RU and ru: one
    # Without --on, today: the date used is the one reported, in words and in JSON.
    on = args.on or pendulum.today().date()
    answers = treaties.applicable(countries, on=on)
    day = on.isoformat() + ("" if args.on else " (today)")
    if args.format == "json":
        emit_json({
            "countries": [c.code for c in countries],
            "on": on.isoformat(),
            "instrument": answers[0].instrument,
            "answers": [applicability_to_json(a) for a in answers],
        })
        return 0
    sys.stdout.write(f"Co-production between {', '.join(c.code for c in countries)} on {day}:\n")
    for i, a in enumerate(answers):
        label = "Governs" if i == 0 else "Alternative"
        basis = "" if a.instrument is None else f" ({a.basis.value})"
        sys.stdout.write(f"\n  {label}: {a.instrument or 'none'}{basis}\n")
        sys.stdout.write(_wrap(a.reason) + "\n")
        if a.citation is not None:
            sys.stdout.write(_wrap(f"Authority: {a.citation.instrument}, {a.citation.article} — "
                                   f"{a.citation.source}") + "\n")
        for caveat in a.caveats:
            sys.stdout.write(_wrap(f"Caveat: {caveat}") + "\n")
    return 0
