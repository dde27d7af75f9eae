"""Helpers shared by the command-line commands (not public API)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

FORMAT_CHOICES = ("text", "json")


def add_format_argument(
    parser: argparse.ArgumentParser, choices: tuple[str, ...] = FORMAT_CHOICES
) -> None:
    """Add ``--format`` (text for people, the default; json for programs)."""
    parser.add_argument(
        "--format", choices=choices, default="text",
        help="output format: %(choices)s (default: %(default)s)",
    )


def emit_json(obj: Any) -> None:
    """Print *obj* as stable, indented JSON on standard output."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str) -> int:
    """Print *message* on standard error and return exit code 2 (unusable input)."""
    sys.stderr.write(f"coprod: error: {message}\n")
    return 2
