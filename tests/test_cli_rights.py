"""The command line of issue 4: ``coprod rights conflicts|check|avails|export-avails|remake``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coprod.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
LEDGER = str(DATA / "northern-silk-rights.yaml")
LICENCE = str(DATA / "autumn-waltz-remake-licence.yaml")
PLAN = str(DATA / "autumn-waltz-remake-plan.yaml")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_conflicts_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The conflict is printed with its slice; JSON gives reason, code and slice; exit code 1."""
    code, out, _ = _run(capsys, "rights", "conflicts", LEDGER)
    assert code == 1
    assert "RIGHTS-CONFLICT-EXCLUSIVE: svod-ru-sever x vod-cis-steppe" in out
    assert "RU / svod" in out
    code, out, _ = _run(capsys, "rights", "conflicts", LEDGER, "--format", "json")
    assert code == 1
    (c,) = json.loads(out)["conflicts"]
    assert c["reason"] == "exclusive-exclusive"
    assert c["code"] == "RIGHTS-CONFLICT-EXCLUSIVE"
    assert c["slices"] == [
        {
            "territories": {"include": ["RU"]},
            "media": ["svod"],
            "languages": "ru, zh (subtitled)",
            "start": "2026-01-01",
            "end": "2027-12-31",
        }
    ]


def test_no_conflicts_exit_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A ledger without conflicts exits 0."""
    doc = tmp_path / "clean.yaml"
    doc.write_text(
        "schema_version: 1\ndocument: rights-ledger\nid: clean\ngrants:\n"
        "  - {id: a, grantor: x, grantee: y, territories: [RU], media: [svod],"
        " term: 2025-01-01..2025-12-31, exclusive: true}\n", encoding="utf-8")
    code, out, _ = _run(capsys, "rights", "conflicts", str(doc))
    assert code == 0
    assert "no conflicts among 1 grants" in out


def test_check_lists_every_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """``rights check`` prints every finding with its clause, and JSON in the validate shape."""
    code, out, _ = _run(capsys, "rights", "check", LEDGER, "--as-of", "2025-12-01")
    assert code == 1
    assert "RIGHTS-EXCEEDS-GRANTOR" in out
    assert "clause: Steppe Play licence" in out
    code, out, _ = _run(
        capsys, "rights", "check", LEDGER, "--as-of", "2025-12-01", "--format", "json"
    )
    result = json.loads(out)
    assert result["valid"] is False
    assert result["as_of"] == "2025-12-01"
    for f in result["findings"]:
        assert set(f) == {"code", "severity", "path", "message", "citation"}


@pytest.mark.parametrize(("match", "start", "end", "expected"), [
    ("cover", "2026-01-01", "2027-12-31", 1),
    ("overlap", "2028-06-01", "2028-12-31", 0),
    ("starts-within", "2028-06-01", "2028-12-31", 0),
    ("starts-within", "2029-01-01", "2029-12-31", 1),
])
def test_avails_match_types(capsys: pytest.CaptureFixture[str], match: str, start: str, end: str,
                            expected: int) -> None:
    """Availability exits 0 when available, 1 when not, for each match type."""
    code, out, _ = _run(capsys, "rights", "avails", LEDGER, "--territory", "RU", "--media", "svod",
                        "--language", "ru", "--from", start, "--to", end, "--match", match)
    assert code == expected, out


def test_avails_json_and_exclusive_only(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON lists rows, blockers and unresolved grants.

    --exclusive-only counts non-exclusive grants.
    """
    args = ["rights", "avails", LEDGER, "--territory", "RU", "--media", "free-tv",
            "--from", "2026-10-01", "--to", "2026-12-31", "--format", "json"]
    code, out, _ = _run(capsys, *args)
    assert code == 0
    assert json.loads(out)["available"] is True
    code, out, _ = _run(capsys, *args, "--exclusive-only")
    result = json.loads(out)
    assert code == 1
    assert result["exclusive_only"] is True
    assert [b["source"] for b in result["blockers"]] == ["tv-ru-nord"]
    code, out, _ = _run(capsys, "rights", "avails", LEDGER, "--territory", "cis", "--media", "svod",
                        "--from", "2026-01-01", "--to", "2026-01-31")
    assert code == 1
    assert "KZ" in out


def test_avails_across_a_change_of_group_members(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The EU over 2019-2021 is asked with Great Britain only until 2020-01-31.

    GB is licensed exclusively from 2020-06-01, after it left the EU: the EU is free on every
    day, with the countries the EU had on that day. Resolving the group on ``--from`` only
    counted the British grant against the EU and answered "not available".
    """
    ledger = tmp_path / "brexit.yaml"
    ledger.write_text(
        "schema_version: 1\ndocument: rights-ledger\nid: w\ngrants:\n"
        "  - {id: gb-svod, grantor: v, grantee: t, territories: [GB], media: [svod],\n"
        "     term: {start: 2020-06-01, end: 2021-12-31}, exclusive: true}\n",
        encoding="utf-8")
    args = ["rights", "avails", str(ledger), "--territory", "EU", "--media", "svod",
            "--from", "2019-06-01", "--to", "2021-12-31"]
    code, out, _ = _run(capsys, *args, "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert result["available"] is True
    assert [(p["start"], p["end"], "GB" in p["territories"]) for p in result["parts"]] == [
        ("2019-06-01", "2020-01-31", True), ("2020-02-01", "2021-12-31", False)]
    code, out, _ = _run(capsys, *args, "--territory", "EU, GB")  # the last --territory wins
    assert code == 1
    assert "blocked by:" in out
    assert "gb-svod" in out
    code, out, _ = _run(capsys, *args)
    assert code == 0
    assert "each part is answered with the countries of its days" in out


def test_avails_without_a_grant(capsys: pytest.CaptureFixture[str]) -> None:
    """``--without`` asks what was free before a grant; an unknown grant id is unusable."""
    args = ["rights", "avails", LEDGER, "--territory", "KZ", "--media", "svod", "--language",
            "ru", "--from", "2026-01-01", "--to", "2027-12-31"]
    code, out, _ = _run(capsys, *args)
    assert code == 1
    assert "vod-cis-steppe" in out
    code, out, _ = _run(capsys, *args, "--without", "vod-cis-steppe")
    assert code == 0
    assert out.startswith("AVAILABLE (cover)")
    code, _, err = _run(capsys, *args, "--without", "vod-cis-steppe", "--without", "nope")
    assert code == 2
    assert "--without: no grant 'nope'" in err


def test_avails_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """Reversed dates, unknown media and unknown territories exit 2 with a message."""
    code, _, err = _run(capsys, "rights", "avails", LEDGER, "--territory", "RU", "--media", "svod",
                        "--from", "2026-01-01", "--to", "2025-01-01")
    assert code == 2
    assert "before" in err
    code, _, err = _run(
        capsys,
        "rights",
        "avails",
        LEDGER,
        "--territory",
        "RU",
        "--media",
        "telepathy",
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    )
    assert code == 2
    assert "unknown medium" in err
    code, _, err = _run(
        capsys,
        "rights",
        "avails",
        LEDGER,
        "--territory",
        "Narnia",
        "--media",
        "svod",
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    )
    assert code == 2
    assert "Narnia" in err


def test_export_avails_csv_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Digital grants export one row per country and EMA LicenseType; JSON too; to a file."""
    code, out, _ = _run(capsys, "rights", "export-avails", LEDGER)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    sever = [r for r in rows if r["Licensee"] == "sever-stream"]
    # Russian in every version, Chinese subtitled only: one row per localisation type, so
    # that Chinese is never offered dubbed.
    assert [(r["Territory"], r["LicenseType"], r["Exclusive"], r["LocalizationType"],
             r["AllowedLanguages"], r["AvailID"]) for r in sever] == [
        ("RU", "SVOD", "Yes", "", "ru", "svod-ru-sever:RU:svod:any"),
        ("RU", "SVOD", "Yes", "sub", "zh", "svod-ru-sever:RU:svod:sub"),
    ]
    avod = [
        r
        for r in rows
        if r["LicenseRightsDescription"] == "AVOD" and r["Licensee"] == "jade-stream"
    ]
    assert {r["Territory"] for r in avod} == {"CN", "HK", "MO", "TW"}
    assert not any(r["Licensee"] == "channel-nord" for r in rows)  # free TV is not digital
    target = tmp_path / "avails.json"
    code, _, _ = _run(
        capsys, "rights", "export-avails", LEDGER, "--format", "json", "-o", str(target)
    )
    assert code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["rows"]) == len(rows)


def test_remake_check(capsys: pytest.CaptureFixture[str]) -> None:
    """``rights remake`` reports the plan's territory beyond the licence and exits 1."""
    code, out, _ = _run(
        capsys, "rights", "remake", LICENCE, "--plan", PLAN, "--as-of", "2026-01-15"
    )
    assert code == 1
    assert "REMAKE-TERRITORY-NOT-COVERED" in out
    assert "MY, SG" in out
    code, out, _ = _run(
        capsys, "rights", "remake", LICENCE, "--as-of", "2026-01-15", "--format", "json"
    )
    result = json.loads(out)
    assert code == 0
    assert result["valid"] is True
    assert result["plan"] is None


def test_wrong_documents_and_missing_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Usage errors exit 2.

    A document of another kind, a broken file, a plan for another licence or no subcommand.
    """
    code, _, err = _run(capsys, "rights", "conflicts", LICENCE)
    assert code == 2
    assert "rights-ledger" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ndocument: rights-ledger\nid: x\ngrants:\n"
                   "  - {id: a, grantor: x, grantee: y, territories: [RU], media: [svod],"
                   " term: 2025-01-01..2024-01-01, exclusive: true}\n", encoding="utf-8")
    code, _, err = _run(capsys, "rights", "check", str(bad))
    assert code == 2
    assert "$.grants[0].term" in err
    other = tmp_path / "plan.yaml"
    other.write_text(Path(PLAN).read_text(encoding="utf-8").replace(
        "licence: autumn-waltz-remake", "licence: other-licence"), encoding="utf-8")
    code, _, err = _run(capsys, "rights", "remake", LICENCE, "--plan", str(other))
    assert code == 2
    assert "other-licence" in err
    code, _, _ = _run(capsys, "rights")
    assert code == 2


def test_conflicts_are_shown_up_to_a_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Text shows 200 conflicts then says how many more; --limit sets it; JSON gives the total."""
    grants = "".join(
        f"  - {{id: g{i:02d}, grantor: volga, grantee: b{i:02d}, territories: [RU], media: [svod],"
        f" term: {{start: 2026-01-01, end: 2026-12-31}}, exclusive: true}}\n" for i in range(25))
    ledger = tmp_path / "crowded.yaml"
    ledger.write_text("schema_version: 1\ndocument: rights-ledger\nid: crowded\ngrants:\n" + grants,
                      encoding="utf-8")
    code, out, _ = _run(capsys, "rights", "conflicts", str(ledger))  # 25 * 24 / 2 = 300 pairs
    assert code == 1
    assert out.count("RIGHTS-CONFLICT-EXCLUSIVE:") == 200
    assert out.rstrip().endswith(
        "... and 100 more conflicts (300 in all; --limit 0 shows every one)")
    _, out, _ = _run(capsys, "rights", "conflicts", str(ledger), "--limit", "0")
    assert out.count("RIGHTS-CONFLICT-EXCLUSIVE:") == 300
    _, out, _ = _run(capsys, "rights", "conflicts", str(ledger), "--format", "json")
    assert (json.loads(out)["total"], len(json.loads(out)["conflicts"])) == (300, 300)
    _, out, _ = _run(capsys, "rights", "conflicts", str(ledger), "--format", "json",
                     "--limit", "5")
    assert (json.loads(out)["total"], len(json.loads(out)["conflicts"])) == (300, 5)
    code, _, err = _run(capsys, "rights", "conflicts", str(ledger), "--limit", "-1")
    assert code == 2
    assert "expected a whole number" in err


def test_dates_on_the_command_line_are_checked_by_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bad --from, --to, --as-of or --on is a usage error (2) naming the option."""
    for argv, option in (
        (["rights", "avails", LEDGER, "--territory", "RU", "--media", "svod",
          "--from", "2026-02-30", "--to", "2026-12-31"], "--from"),
        (["rights", "check", LEDGER, "--as-of", "someday"], "--as-of"),
        (["treaties", "applicable", "RU", "CN", "--on", "2024-13-01"], "--on"),
    ):
        code, out, err = _run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert f"argument {option}: " in err, err
