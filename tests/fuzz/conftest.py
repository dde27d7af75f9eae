"""The atheris harness is run by hand, for hours, not collected by pytest (see its docstring)."""

collect_ignore = ["fuzz_loads.py"]
