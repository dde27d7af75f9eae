"""Sphinx directives that generate reference pages from coprod itself.

* ``coprod-cli`` renders the ``--help`` of the ``coprod`` command and of every subcommand,
  straight from the argument parser, so the page can never disagree with the program.
* ``coprod-schema KIND`` renders the JSON Schema of a document kind.
* ``coprod-kinds`` renders the table of document kinds and the classes they hold.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _walk(parser: argparse.ArgumentParser, prefix: str) -> list[tuple[str, str]]:
    """(command line, help text) for *parser* and each of its subcommands, depth first."""
    parser.prog = prefix
    parser.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=90)
    out = [(prefix, parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out.extend(_walk(sub, f"{prefix} {name}"))
    return out


class CliDirective(SphinxDirective):
    """Every command's help, each under its own section."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """One section per command, titled with the command, holding its help text."""
        from coprod.cli import build_parser

        result: list[nodes.Node] = []
        for command, text in _walk(build_parser(), "coprod"):
            section = nodes.section(ids=[nodes.make_id(f"cli-{command}")])
            section += nodes.title(text=command)
            section += nodes.literal_block(text, text)
            result.append(section)
        return result


class SchemaDirective(SphinxDirective):
    """The JSON Schema of one document kind, as a JSON block."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """A JSON literal block with the schema of the kind named in the argument."""
        from coprod.serialization import json_schema

        text = json.dumps(json_schema(self.arguments[0]), ensure_ascii=False, indent=2)
        block = nodes.literal_block(text, text)
        block["language"] = "json"
        return [block]


class KindsDirective(SphinxDirective):
    """A table of the document kinds and the classes they hold."""

    option_spec: ClassVar[dict[str, Any]] = {"class": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """A two-column table: each kind and the class it holds."""
        from coprod.serialization import kinds

        table = nodes.table()
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=1)
        group += nodes.colspec(colwidth=2)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for title in ("document", "holds"):
            row += nodes.entry("", nodes.paragraph(text=title))
        head += row
        body = nodes.tbody()
        group += body
        for name, cls in sorted(kinds().items()):
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=name)))
            row += nodes.entry("", nodes.paragraph(
                "", "", nodes.literal(text=f"{cls.__module__}.{cls.__qualname__}")))
            body += row
        return [table]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("coprod-cli", CliDirective)
    app.add_directive("coprod-schema", SchemaDirective)
    app.add_directive("coprod-kinds", KindsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
