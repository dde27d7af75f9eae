"""The registry: plugins add instruments and rule kinds; ids are canonical."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from _treaty_support import check

from coprod import CoprodError, InvalidValueError, dumps, loads, treaties
from coprod.findings import Finding, FindingCode, Severity
from coprod.treaties import Param, Treaty, register_rule_kind
from coprod.treaties._registry import _add, _as_treaties
from coprod.treaties.rules import RuleBase, RuleContext
from coprod.validation import finding_codes


@attrs.frozen(kw_only=True)
class MinimumRunningTime(RuleBase):
    """A feature must run at least a number of minutes (the custom-rule-kind how-to)."""

    kind: ClassVar[str] = "test-minimum-running-time"
    codes: ClassVar[tuple[FindingCode, ...]] = (
        FindingCode(code="RUNTIME-TOO-SHORT", severity=Severity.ERROR,
                    summary="Shorter than the minimum.", origin="test-minimum-running-time"),
    )

    minutes: Param[int]

    def summary(self) -> str:
        """The minimum running time, in one line."""
        return f"at least {self.minutes.value} minutes"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield a finding if the work is shorter than the minimum."""
        runtime = ctx.agreement.production.total_minutes
        if runtime is not None and runtime < self.minutes.get():
            yield ctx.finding(self, "RUNTIME-TOO-SHORT", Severity.ERROR,
                              "$.production.running_time_minutes",
                              f"{runtime} minutes; at least {self.minutes.get()}", self.minutes)


TEXT = """
schema_version: 1
document: treaty
id: XA-XB-2020
title: Test agreement between two invented states
kind: bilateral
description: For tests only.
signed: {value: 2020-01-01, sources: [s], confidence: high}
in_force: {value: 2020-06-01, sources: [s], confidence: high}
states:
  - {country: BR, sources: [s]}
  - {country: KE, sources: [s]}
sources:
  - {id: s, title: A source, url: "https://example.org/", confidence: high}
rules:
  - kind: test-minimum-running-time
    id: feature-length
    article: Art. 1
    sources: [s]
    confidence: high
    minutes: {value: 100}
"""


@pytest.fixture
def custom() -> Iterator[Treaty]:
    register_rule_kind(MinimumRunningTime)
    treaty = loads(TEXT.replace("XA-XB-2020", "BR-KE-2020"), "yaml", kind=Treaty)
    treaties.register_instrument(treaty)
    yield treaty
    treaties.unregister_instrument("BR-KE-2020")


def test_custom_rule_kind_and_instrument(custom: Treaty) -> None:
    """A registered rule kind loads from a file, runs, cites its article, and is documented."""
    assert treaties.get("ke-br-2020") is custom
    assert treaties.applicable(["BR", "KE"], on="2021-01-01")[0].instrument == "BR-KE-2020"
    report = check([("BR", "50%", "majority"), ("KE", "50%", "minority")])
    [finding] = report.with_code("RUNTIME-TOO-SHORT")
    assert finding.citation is not None
    assert finding.citation.article == "Art. 1"
    assert "RUNTIME-TOO-SHORT" in {c.code for c in finding_codes()}
    assert loads(dumps(custom, "yaml"), "yaml") == custom


def test_unknown_rule_kind_is_a_path_error() -> None:
    """A rule of an unknown kind is reported at its path, listing the known kinds."""
    with pytest.raises(CoprodError, match=r"unknown rule kind 'no-such-kind'.*@ \$\.rules\[0\]"):
        loads(TEXT.replace("test-minimum-running-time", "no-such-kind"), "yaml", kind=Treaty)


def test_builtin_kind_names_are_reserved() -> None:
    """A plugin cannot take a built-in rule kind's name."""
    fake = type("Fake", (), {"kind": "contribution-range"})
    with pytest.raises(InvalidValueError):
        register_rule_kind(fake)
    with pytest.raises(InvalidValueError):
        register_rule_kind(type("NoKind", (), {}))


def test_ids_must_be_canonical(custom: Treaty) -> None:
    """Ids are canonical: registering 'KE-BR-2020' is refused; duplicates are refused."""
    with pytest.raises(InvalidValueError, match="BR-KE-2020"):
        treaties.register_instrument(attrs.evolve(custom, id="KE-BR-2020"))
    store: dict[str, Treaty] = {}
    _add(store, custom, "here")
    with pytest.raises(CoprodError, match="twice"):
        _add(store, custom, "there")
    with pytest.raises(InvalidValueError):
        treaties.canonical_id("")


def test_entry_point_values(custom: Treaty, tmp_path: Path) -> None:
    """An entry point may load to a treaty, a path, a callable or a list of them."""
    path = tmp_path / "BR-KE-2020.yaml"
    path.write_text(dumps(custom, "yaml"), encoding="utf-8")
    found: list[Any] = list(_as_treaties([custom, str(path), lambda: path]))
    assert found == [custom, custom, custom]
    with pytest.raises(CoprodError):
        list(_as_treaties(42))
