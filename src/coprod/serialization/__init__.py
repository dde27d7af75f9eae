"""Reading and writing coprod documents in JSON, YAML and TOML.

One cattrs converter, built by :func:`make_converter`, defines the format of every coprod
value; model classes carry no serialization code. Every document is a mapping that starts
with ``schema_version`` and ``document`` (the kind of document)::

    schema_version: 1
    document: money
    value: 1250000.50 RUB

Loading reports every structural problem at once, each with its JSON path; unknown keys
are errors. Numbers are read exactly (never as floats), YAML is read with a safe loader
that treats only ``true``/``false`` as booleans (so ``NO`` stays Norway), and dumping is
deterministic.

.. versionadded:: 0.1.0
"""

from coprod.serialization._converter import make_converter, tagged_union
from coprod.serialization._documents import (
    DOCUMENT_KEY,
    SCHEMA_VERSION,
    dump,
    dumps,
    format_for,
    kinds,
    load,
    loads,
    structure,
    unstructure,
    upgrade_document,
)
from coprod.serialization._migrations import Migration, register_migration, unregister_migration
from coprod.serialization._schema import json_schema

__all__ = [
    "DOCUMENT_KEY",
    "SCHEMA_VERSION",
    "Migration",
    "dump",
    "dumps",
    "format_for",
    "json_schema",
    "kinds",
    "load",
    "loads",
    "make_converter",
    "register_migration",
    "structure",
    "tagged_union",
    "unregister_migration",
    "unstructure",
    "upgrade_document",
]
