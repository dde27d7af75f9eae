"""``coprod schema`` and ``coprod convert``: the document format itself."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coprod.cli._common import add_format_argument, emit_json, fail
from coprod.serialization import (
    SCHEMA_VERSION,
    dumps,
    format_for,
    json_schema,
    kinds,
    structure,
    upgrade_document,
)
from coprod.serialization._documents import DOCUMENT_KEY
from coprod.serialization._formats import FORMATS, parse, read_text

DEFAULT_KIND = "co-production-agreement"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` and ``convert`` commands."""
    schema = subparsers.add_parser(
        "schema",
        help="print the JSON Schema (2020-12) of a document kind",
        description=(
            "Print the JSON Schema (draft 2020-12) that documents of KIND follow "
            f"(default: {DEFAULT_KIND}). With --list, list the document kinds instead."
        ),
    )
    schema.add_argument("kind", nargs="?", default=None, metavar="KIND")
    schema.add_argument("--list", action="store_true", help="list the document kinds")
    schema.add_argument("--output", metavar="FILE", help="write the schema to FILE")
    add_format_argument(schema)
    schema.set_defaults(func=run_schema)

    convert = subparsers.add_parser(
        "convert",
        help="convert a document between JSON, YAML and TOML, upgrading its schema version",
        description=(
            "Read a coprod document, upgrade it to the current schema version, check that it "
            "loads, and write it in canonical form: to OUTPUT (format from its suffix) or, "
            "without OUTPUT, to standard output in --to format. Comments and the layout of "
            "the input are not kept (OUTPUT may be INPUT itself, which is then rewritten)."
        ),
    )
    convert.add_argument("input", metavar="INPUT")
    convert.add_argument("output", nargs="?", metavar="OUTPUT")
    convert.add_argument("--to", choices=FORMATS,
                         help="format written to standard output (with OUTPUT, must agree "
                              "with its suffix)")
    convert.add_argument("--to-version", type=int, default=SCHEMA_VERSION, metavar="N",
                         help=f"schema version to write (this coprod writes {SCHEMA_VERSION})")
    add_format_argument(convert)
    convert.set_defaults(func=run_convert)


def run_schema(args: argparse.Namespace) -> int:
    """Print the schema of one kind, or the list of kinds."""
    if args.list:
        if args.kind is not None or args.output is not None:
            given = "KIND" if args.kind is not None else "--output"
            return fail(f"--list lists the document kinds; it takes no {given}")
        names = sorted(kinds())
        if args.format == "json":
            emit_json(names)
        else:
            sys.stdout.write("".join(f"{n}\n" for n in names))
        return 0
    schema = json_schema(args.kind or DEFAULT_KIND)
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    """Upgrade, check and rewrite one document."""
    if args.to_version != SCHEMA_VERSION:
        return fail(
            f"cannot write schema version {args.to_version}: this coprod writes version "
            f"{SCHEMA_VERSION} only (documents are upgraded, never downgraded)"
        )
    if args.output is None and args.to is None:
        return fail("name an OUTPUT file, or choose the format to print with --to")
    if args.output is not None and args.to is not None and format_for(args.output) != args.to:
        return fail(f"--to {args.to} contradicts OUTPUT {args.output}, which names "
                    f"{format_for(args.output)}: the format of a file follows its suffix")
    source = str(args.input)
    fmt_in = format_for(args.input)
    text = read_text(args.input)  # bounded: never reads more than the size limit
    data, applied = upgrade_document(parse(text, fmt_in, source), source=source)
    kind = data[DOCUMENT_KEY]
    body = {k: v for k, v in data.items() if k not in ("schema_version", DOCUMENT_KEY)}
    cls = kinds()[kind]
    obj: object = (
        structure(body["value"], cls, source=source, path="$.value")
        if set(body) == {"value"}
        else structure(body, cls, source=source)
    )
    fmt_out = format_for(args.output) if args.output else args.to
    out = dumps(obj, fmt_out)
    if args.output is None:
        sys.stdout.write(out)
        return 0
    in_place = Path(args.output).resolve() == Path(args.input).resolve()
    Path(args.output).write_text(out, encoding="utf-8")
    summary = {
        "input": source,
        "output": str(args.output),
        "document": kind,
        "from_version": parse(text, fmt_in, source)["schema_version"],
        "to_version": SCHEMA_VERSION,
        "migrations": [m.description for m in applied],
    }
    if args.format == "json":
        emit_json(summary)
    else:
        steps = "; ".join(summary["migrations"]) or "none needed"
        sys.stdout.write(
            f"{source} ({kind}, schema version {summary['from_version']}) -> {args.output} "
            f"(schema version {SCHEMA_VERSION}); migrations: {steps}\n"
        )
    if in_place and fmt_in != "json":
        sys.stderr.write(f"coprod: note: {source} was rewritten in canonical form; any "
                         "comments it held are gone\n")
    return 0
