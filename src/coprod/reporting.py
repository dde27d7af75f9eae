"""Render validation reports for people (text, Markdown) and programs (JSON).

* :func:`report_to_json` gives the object the command line prints for one file
  (``{"file", "valid", "instrument", "as_of", "not_checked", "findings": [...]}``), a stable
  contract;
* :func:`render_text` gives what a legal team reads in a terminal: the verdict, the
  instrument and why it governs, then the findings grouped by severity, each with its path,
  article and source;
* :func:`render_markdown` gives the same as a review memo.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from coprod.findings import ARTICLE_UNKNOWN, Citation, Finding, Report, Severity

__all__ = [
    "citation_to_json", "finding_to_json", "render_markdown", "render_text", "report_to_json",
    "verdict",
]

_HEADINGS = {
    Severity.ERROR: "Errors — the agreement does not qualify until these are resolved",
    Severity.WARNING: "Warnings — qualification at risk, or a decision of an authority needed",
    Severity.INFO: "For the record — including every rule that could not be checked",
}


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract has it.

    Example:
        >>> from coprod.findings import Finding, Severity
        >>> finding_to_json(Finding(code="STRUCT-CONTRIB-TOTAL", severity=Severity.ERROR,
        ...                         path="$.contributions", message="short"))["citation"] is None
        True

    .. versionadded:: 0.1.0

    """
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
        "citation": citation_to_json(finding.citation),
    }


def citation_to_json(citation: Citation | None) -> dict[str, Any] | None:
    """A citation as the JSON contract has it; ``article`` is null when no source gives it.

    Example:
        >>> from coprod.findings import Citation, Confidence
        >>> citation_to_json(Citation(instrument="CN-RU-2017", source="https://example.org",
        ...                           confidence=Confidence.LOW))["article"] is None
        True

    .. versionadded:: 0.1.0

    """
    if citation is None:
        return None
    return {
        "instrument": citation.instrument,
        "article": None if citation.article == ARTICLE_UNKNOWN else citation.article,
        "source": citation.source,
        "confidence": citation.confidence.value,
    }


def report_to_json(report: Report, file: str | None = None) -> dict[str, Any]:
    """A report as the JSON object ``coprod validate --format json`` prints for one file.

    .. versionadded:: 0.1.0
    """
    return {
        "file": file,
        "valid": report.valid,
        "instrument": report.instrument,
        "as_of": report.as_of.isoformat(),
        "not_checked": [f.code for f in report.not_checked],
        "findings": [finding_to_json(f) for f in report.findings],
    }


def verdict(report: Report) -> str:
    """The verdict in one line: qualifies or not, and how many findings of each kind.

    An agreement with no error qualifies; when some rules could not be checked, the verdict
    says it qualifies on the rules checked and how many were not, so that a reader who stops
    at the first line does not take an unknown for a pass.

    .. versionadded:: 0.1.0
    """
    n = report.counts()
    tail = (f"{n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s)")
    if report.instrument is None:
        return f"DOES NOT QUALIFY — no instrument governs this co-production ({tail})"
    if report.valid:
        unknown = len(report.not_checked)
        if unknown:
            return (f"QUALIFIES under {report.instrument} on the rules checked — {unknown} "
                    f"rule(s) could not be checked, see the notes ({tail})")
        return f"QUALIFIES under {report.instrument} — no error findings ({tail})"
    return f"DOES NOT QUALIFY under {report.instrument} ({tail})"


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=96, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def _citation_line(f: Finding) -> str | None:
    c = f.citation
    if c is None:
        return None
    return (f"Authority: {c.instrument}, {c.article} — {c.source} "
            f"({c.confidence.value} confidence)")


def render_text(report: Report, file: str | None = None, title: str | None = None) -> str:
    """The report as a legal team reads it: verdict, instrument, findings by severity.

    Args:
        report: The report.
        file: The file it came from, shown in the heading.
        title: The production's title, shown in the heading.

    .. versionadded:: 0.1.0

    """
    lines = []
    head = " — ".join(x for x in (file, title) if x) or (report.agreement or "agreement")
    lines.append(head)
    lines.append("=" * min(len(head), 96))
    lines.append(f"Verdict:    {verdict(report)}")
    lines.append(f"Instrument: {report.instrument or 'none'}, as it stood on "
                 f"{report.as_of.isoformat()}")
    if report.basis:
        lines.append(textwrap.fill(report.basis, width=96, initial_indent="Basis:      ",
                                   subsequent_indent=" " * 12, break_long_words=False,
                                   break_on_hyphens=False))
    for severity in Severity:
        group = report.with_severity(severity)
        lines.append("")
        lines.append(f"{_HEADINGS[severity]} ({len(group)})")
        if not group:
            lines.append("  none")
        for f in group:
            lines.append(f"  [{f.code}] at {f.path}")
            lines.append(_wrap(f.message, "      "))
            cite = _citation_line(f)
            if cite:
                lines.append(_wrap(cite, "      "))
    return "\n".join(lines) + "\n"


#: Characters with a meaning in Markdown (or in the HTML it becomes), escaped in text that
#: comes from a document: a title, a party's name, a message quoting a value.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """*text* as literal Markdown: special characters escaped, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    """*text* as inline code, whatever backticks it holds."""
    fence = "`" * (max((len(m) for m in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def render_markdown(report: Report, file: str | None = None, title: str | None = None) -> str:
    r"""The report as a Markdown review memo.

    Text that comes from the document (a title, names and values quoted in messages) is
    escaped, so that it reads as written and cannot add markup, links or HTML to the memo.

    Example:
        >>> from coprod.agreements import _demo
        >>> from coprod.validation import validate
        >>> memo = render_markdown(validate(_demo()), title="<b>Snow | Fox</b>")
        >>> print(memo.splitlines()[0])
        # Co-production review: \<b\>Snow \| Fox\</b\>

    .. versionadded:: 0.1.0
    """
    out = [f"# Co-production review: {_md(title or report.agreement or file or 'agreement')}",
           ""]
    out += ["| | |", "|---|---|"]
    if file:
        out.append(f"| File | {_code(file)} |")
    if report.agreement:
        out.append(f"| Agreement | {_code(report.agreement)} |")
    out.append(f"| Instrument | {_md(report.instrument or 'none')} |")
    out.append(f"| Law as it stood on | {report.as_of.isoformat()} |")
    out.append(f"| Verdict | **{_md(verdict(report))}** |")
    out.append("")
    if report.basis:
        out += ["## Why this instrument", "", _md(report.basis), ""]
    for severity in Severity:
        group = report.with_severity(severity)
        out += [f"## {_HEADINGS[severity]}", ""]
        if not group:
            out += ["None.", ""]
            continue
        for i, f in enumerate(group, 1):
            item = f"{i}. **{_md(f.code)}** ({_code(f.where)}): {_md(f.message)}"
            c = f.citation
            if c is not None:
                item += (f" — *{_md(c.instrument)}, {_md(c.article)}*, "
                         f"[source](<{c.source.replace('>', '%3E')}>), "
                         f"{c.confidence.value} confidence.")
            out.append(item)
        out.append("")
    return "\n".join(out)
