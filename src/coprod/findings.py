"""Findings: what validation found, each with a code, a severity, a path and a citation.

Legal validation never raises on a legal problem. It returns a :class:`Report` that holds
*every* :class:`Finding`, in a stable order, so a legal team can read them all at once and a
program can act on their stable codes.

Example:
    >>> from coprod import parse_date
    >>> citation = Citation(instrument="CN-RU-2017", article=ARTICLE_UNKNOWN,
    ...                     source="https://voprosy-prava.blogspot.com/2017/07/"
    ...                            "sotrudnichestvo-s-kitaem-v-kinoproizvodstve.html",
    ...                     confidence=Confidence.MEDIUM)
    >>> f = Finding(code="CONTRIB-BELOW-MIN", severity=Severity.ERROR,
    ...             path="$.contributions[1]", message="15% is below the 20% minimum",
    ...             citation=citation)
    >>> report = Report(findings=(f,), instrument="CN-RU-2017", as_of=parse_date("2024-06-01"))
    >>> report.valid, [e.code for e in report.errors]
    (False, ['CONTRIB-BELOW-MIN'])

.. versionadded:: 0.1.0

"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from coprod._fields import instance_of
from coprod.errors import InvalidValueError, quote

__all__ = [
    "ARTICLE_UNKNOWN",
    "NOT_CHECKED_SUFFIX",
    "NO_RULE_SUFFIX",
    "Citation",
    "Confidence",
    "Finding",
    "FindingCode",
    "Report",
    "Severity",
]

#: What a citation says when the article number of a provision is not known.
ARTICLE_UNKNOWN = "article unknown"

#: The end of the code of every finding that says a rule could not be checked
#: (``PERSONNEL-NOT-CHECKED``); :attr:`coprod.Report.not_checked` collects them.
NOT_CHECKED_SUFFIX = "-NOT-CHECKED"
#: The code suffix of a finding that says the catalogue records no rule on something the
#: agreement holds (``NONPARTY-NO-RULE``): also a rule not checked.
NO_RULE_SUFFIX = "-NO-RULE"

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")


class Severity(enum.Enum):
    """How serious a finding is.

    * ``error``: the agreement does not qualify as it stands (exit code 1 on the command line);
    * ``warning``: qualification is at risk or needs a decision of an authority;
    * ``info``: for the record, including every rule coprod could not check.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos (the order reports use)."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Confidence(enum.Enum):
    """How far a source can be trusted.

    * ``high``: the treaty or regulation text itself, or an official body's page;
    * ``medium``: a specific secondary source, or several consistent ones;
    * ``low``: one weak source, conflicting sources, or an inference.

    .. versionadded:: 0.1.0
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for high, 1 for medium, 2 for low."""
        return {"high": 0, "medium": 1, "low": 2}[self.value]


def _check_code(_i: object, _a: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise InvalidValueError(
            f"finding codes are upper-case words joined by '-', got {quote(value)}"
        )


@attrs.frozen(kw_only=True)
class Citation:
    """Where a finding comes from: instrument, article, source and how reliable it is.

    Args:
        instrument: The instrument id (``CN-RU-2017``).
        article: The article (``Art. 6(1)``), or :data:`~coprod.findings.ARTICLE_UNKNOWN`.
        source: The URL of the best source for the provision.
        confidence: How far the citation can be relied on: the confidence recorded for the
            provision, and never more than that of the article number it names (a value
            read in an official source, under an article number taken from a summary, is
            cited with the summary's confidence).

    .. versionadded:: 0.1.0

    """

    instrument: str
    article: str = ARTICLE_UNKNOWN
    source: str
    confidence: Confidence = attrs.field(validator=instance_of(Confidence))

    def __str__(self) -> str:
        return (f"{self.instrument}, {self.article} "
                f"({self.confidence.value} confidence: {self.source})")


@attrs.frozen(kw_only=True)
class Finding:
    """One thing validation found.

    Args:
        code: A stable code (``CONTRIB-BELOW-MIN``); the list is in the docs.
        severity: Error, warning or info.
        path: A JSON path into the agreement document (``$.contributions[1]``), or ``$``.
        message: What was found, in words a lawyer reads.
        citation: The provision behind the finding; None for structural findings that rest on
            the document alone.
        document: Which document *path* points into, when a check reads more than one (a
            remake plan checked against its licence: ``"plan"``); None for the document
            checked.

    .. versionadded:: 0.1.0

    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(validator=instance_of(Severity))
    path: str = "$"
    message: str
    citation: Citation | None = None
    document: str | None = None

    @property
    def where(self) -> str:
        """The path, preceded by the document it points into when that is not the one checked.

        Example:
            >>> Finding(code="REMAKE-KIND-NOT-COVERED", severity=Severity.ERROR, path="$.kind",
            ...         message="...", document="plan").where
            'plan $.kind'

        """
        return self.path if self.document is None else f"{self.document} {self.path}"

    def __str__(self) -> str:
        return f"{self.severity.value} {self.code} @ {self.where}: {self.message}"


@attrs.frozen(kw_only=True)
class FindingCode:
    """The documentation of one finding code.

    Args:
        code: The code.
        severity: The severity findings with this code usually have.
        summary: What the code means, in one sentence.
        origin: The rule kind (or ``structure``, ``instrument``) that emits it.

    .. versionadded:: 0.1.0

    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity
    summary: str
    origin: str


def _sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    # Stable order: by severity, keeping the order in which rules produced them.
    return tuple(sorted(findings, key=lambda f: f.severity.rank))


@attrs.frozen(kw_only=True)
class Report:
    """Every finding of one validation, with the instrument and date it was checked against.

    Args:
        findings: All findings, errors first, then warnings, then infos.
        instrument: The id of the instrument applied, or None if none governs.
        as_of: The date the rules were taken as they stood on.
        agreement: The id of the agreement validated.
        basis: Why this instrument governs, in words (from :func:`coprod.treaties.applicable`
            or "invoked by the agreement").

    .. versionadded:: 0.1.0

    """

    findings: tuple[Finding, ...] = attrs.field(converter=_sorted_findings)
    instrument: str | None = None
    as_of: pendulum.Date
    agreement: str | None = None
    basis: str | None = None

    @property
    def valid(self) -> bool:
        """True when there is no error finding (warnings and infos do not disqualify)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return self.with_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warning findings."""
        return self.with_severity(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The info findings (including every "not checked")."""
        return self.with_severity(Severity.INFO)

    def with_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity."""
        return tuple(f for f in self.findings if f.severity is severity)

    def with_code(self, code: str) -> tuple[Finding, ...]:
        """The findings with one code."""
        return tuple(f for f in self.findings if f.code == code)

    @property
    def not_checked(self) -> tuple[Finding, ...]:
        """The rules that could not be checked, because no source gives what they need.

        These are the findings whose code ends in ``-NOT-CHECKED`` (the convention of every
        rule kind, built in or registered) or ``-NO-RULE`` (the catalogue records no rule on
        something the agreement holds, such as a non-party co-producer). They are notes, not
        failures: an agreement with no error qualifies on the rules that were checked, and
        these say which were not.
        """
        return tuple(f for f in self.findings
                     if f.code.endswith((NOT_CHECKED_SUFFIX, NO_RULE_SUFFIX)))

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all findings, in report order."""
        return tuple(f.code for f in self.findings)

    def counts(self) -> Mapping[str, int]:
        """How many findings of each severity: ``{"error": 1, "warning": 0, "info": 3}``."""
        return {s.value: len(self.with_severity(s)) for s in Severity}

