"""Run the coprod command line as ``python -m coprod``.

It is the same program as the ``coprod`` command: :func:`coprod.cli.main` parses the
arguments and returns the exit code.
"""

from coprod.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
