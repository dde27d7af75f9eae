"""Sphinx configuration for the coprod documentation.

The suite builds these docs with ``-W -n`` (warnings are errors, nitpicky), once as HTML and
once with the doctest builder (``tests/test_docs.py``). Nothing here reaches the network.
"""

from __future__ import annotations

import importlib
import re
import sys
import typing
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

import coprod

# Local extensions (docs/_ext).
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

# -- Project -----------------------------------------------------------------------------------

project = "coprod"
author = "The coprod engineers"
copyright = "the coprod engineers"
release = coprod.__version__
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "coprod_catalogue",  # docs/_ext: treaty catalogue and finding-code pages, generated at build
    "coprod_cli",  # docs/_ext: command-line help, document kinds and JSON Schema, generated at build
    "coprod_examples",  # docs/_ext: runs the example scripts and shows their output in tutorials
]
# intersphinx is deliberately absent: it fetches inventories over the network, and nothing
# in this project may (the docs build runs in the test suite on machines without one).

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"

nitpicky = True
# Without intersphinx, Sphinx cannot resolve references to objects documented in other
# projects' docs. Autodoc creates such references from type annotations (``Decimal``,
# ``Fraction``, ``pendulum.Date``, ``cattrs.Converter``, ``collections.abc.Sequence`` ...).
# Each module listed here is third-party or standard library; it and its names are ignored, and
# only they: a broken reference to one of coprod's own names still fails the build.
_EXTERNAL_MODULES = (
    "argparse",
    "attr",
    "attrs",
    "cattr",
    "cattrs",
    "collections",
    "collections.abc",
    "datetime",
    "decimal",
    "enum",
    "fractions",
    "hypothesis",
    "io",
    "numbers",
    "os",
    "pathlib",
    "pendulum",
    "pycountry",
    "re",
    "types",
    "typing",
    "typing_extensions",
    "yaml",
)
nitpick_ignore_regex = [(r"py:.*", rf"{re.escape(module)}(\..+)?") for module in _EXTERNAL_MODULES]
# Where an annotation names a type imported only under ``if TYPE_CHECKING:`` (to break an import
# cycle), autodoc cannot evaluate it and keeps the names as written, unqualified. These are the
# standard library's, so they are ignored too.
nitpick_ignore = [("py:class", "Decimal"), ("py:class", "Fraction")]
# coprod.strategies annotates its return values with Hypothesis's strategies module imported as
# ``st`` (``st.SearchStrategy[Money]``); where autodoc keeps such an annotation as written, the
# alias names Hypothesis's class, which is external like the modules above.
nitpick_ignore_regex.append((r"py:.*", r"st\..+"))

# -- MyST --------------------------------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",  # ::: fences for admonitions, so their content stays Markdown
    "deflist",  # definition lists read well for parameters and vocabulary
]
myst_heading_anchors = 3  # README/CHANGELOG style links to headings inside a page

# -- autodoc and napoleon ----------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- doctest -----------------------------------------------------------------------------------

# Docstring doctests run under pytest (--doctest-modules), in their module's namespace; the
# doctest builder runs only the ```{doctest} blocks written in these pages, so nothing runs twice.
doctest_test_doctest_blocks = ""
doctest_global_setup = "import coprod"

# -- HTML --------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"coprod {release}"
html_static_path: list[str] = []


# -- Local tweaks ------------------------------------------------------------------------------


def _type_variables_are_not_links(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.TextElement | None:
    """Show a type variable in a signature (``T`` in ``loads(..., kind: type[T]) -> T``) as text.

    A type variable is a placeholder, not an object with a page to link to; any other
    reference that does not resolve is left to fail the nitpicky build.
    """
    module_name, _, name = str(node.get("reftarget", "")).rpartition(".")
    if node.get("refdomain") != "py" or not module_name.startswith("coprod"):
        return None
    try:
        target = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError):
        return None
    return contnode if isinstance(target, typing.TypeVar) else None


def setup(app: Sphinx) -> None:
    """Register the local tweaks above."""
    app.connect("missing-reference", _type_variables_are_not_links)
