"""The command line of issue 3: ``coprod validate`` and ``coprod treaties``."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

from coprod.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
MAIN = str(DATA / "ru-cn-animated-feature.yaml")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "exit_code", "codes"), [
    ("ru-cn-animated-feature.yaml", 0, []),
    ("ru-cn-animated-feature-15-percent.yaml", 1, ["CONTRIB-BELOW-MIN"]),
    ("ru-cn-animated-feature-third-country.yaml", 1, ["NONPARTY-ABOVE-CAP"]),
    ("ru-cn-animated-feature-no-chinese.yaml", 1, ["LANG-VERSION-MISSING"]),
    ("eu-three-country-cets220.yaml", 0, []),
])
def test_each_shipped_example(capsys: pytest.CaptureFixture[str], name: str, exit_code: int,
                              codes: list[str]) -> None:
    """Each example gives its expected verdict, error codes and exit code, as JSON and text."""
    code, out, _ = _run(capsys, "validate", str(DATA / name), "--format", "json")
    assert code == exit_code
    [result] = json.loads(out)
    assert set(result) == {"file", "valid", "instrument", "as_of", "not_checked", "findings"}
    assert result["valid"] is (exit_code == 0)
    assert [f["code"] for f in result["findings"] if f["severity"] == "error"] == codes
    assert result["not_checked"] == [
        f["code"] for f in result["findings"] if f["code"].endswith("-NOT-CHECKED")]
    for f in result["findings"]:
        assert set(f) == {"code", "severity", "path", "message", "citation"}
        assert f["path"].startswith("$")
        if f["citation"] is not None:
            assert set(f["citation"]) == {"instrument", "article", "source", "confidence"}
            assert f["citation"]["confidence"] in {"high", "medium", "low"}
            assert f["citation"]["article"] != "article unknown"  # null, for programs
    code, out, _ = _run(capsys, "validate", str(DATA / name))
    assert code == exit_code
    verdict = out.splitlines()[2]
    assert ("QUALIFIES" if exit_code == 0 else "DOES NOT QUALIFY") in verdict
    # A reader who stops at the verdict learns that some rules were not checked.
    if exit_code == 0 and result["not_checked"]:
        assert (f"on the rules checked — {len(result['not_checked'])} rule(s) could not be "
                "checked") in verdict


def test_text_groups_by_severity_with_article_and_source(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Text output: verdict, then errors, warnings and notes, each with authority and source."""
    _, out, _ = _run(capsys, "validate", str(DATA / "ru-cn-animated-feature-15-percent.yaml"))
    errors_at = out.index("Errors")
    warnings_at = out.index("Warnings")
    assert errors_at < out.index("[CONTRIB-BELOW-MIN]") < warnings_at < out.index("For the record")
    assert "Authority: CN-RU-2017, article unknown —" in out
    assert "https://voprosy-prava.blogspot.com/2017/07/" in out


def test_markdown_memo(capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown output is a review memo with a verdict table and numbered findings."""
    code, out, _ = _run(capsys, "validate", MAIN, "--format", "markdown")
    assert code == 0
    assert out.startswith("# Co-production review: The Snow Fox")
    assert "| Verdict | **QUALIFIES under CN-RU-2017" in out


def test_several_files_and_unusable_input(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """Several files give one JSON object each; an unreadable file gives exit 2 and its paths."""
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "ru-cn-animated-feature.yaml").read_text(encoding="utf-8")
                   .replace("party: jade-lantern, amount", "party: nobody, amount"),
                   encoding="utf-8")
    code, out, err = _run(capsys, "validate", MAIN, str(bad), "--format", "json")
    assert code == 2
    assert [r["valid"] for r in json.loads(out)] == [True]
    assert "$.contributions[2].party" in err


def test_as_of_and_treaty_options(capsys: pytest.CaptureFixture[str]) -> None:
    """--as-of moves the date; --treaty forces an instrument."""
    code, out, _ = _run(capsys, "validate", MAIN, "--as-of", "2017-01-01", "--format", "json")
    [result] = json.loads(out)
    assert code == 1
    assert result["as_of"] == "2017-01-01"
    assert "INSTRUMENT-NOT-IN-FORCE" in [f["code"] for f in result["findings"]]
    code, out, _ = _run(capsys, "validate", MAIN, "--treaty", "ETS-147", "--format", "json")
    assert code == 1
    assert json.loads(out)[0]["instrument"] == "ETS-147"
    code, _, err = _run(capsys, "validate", MAIN, "--treaty", "XX-YY-1")
    assert code == 2
    assert "no instrument" in err


def test_treaties_applicable_json(capsys: pytest.CaptureFixture[str]) -> None:
    """RU CN names CN-RU-2017; three CETS 220 states name CETS-220; BR KE says none, and why."""
    code, out, _ = _run(capsys, "treaties", "applicable", "RU", "CN", "--on", "2024-06-01",
                        "--format", "json")
    assert code == 0
    assert json.loads(out)["instrument"] == "CN-RU-2017"
    _, out, _ = _run(capsys, "treaties", "applicable", "IT", "ES", "PT", "--on", "2024-06-01",
                     "--format", "json")
    assert json.loads(out)["answers"][0]["instrument"] == "CETS-220"
    _, out, _ = _run(capsys, "treaties", "applicable", "BR", "KE", "--on", "2024-06-01",
                     "--format", "json")
    [none] = json.loads(out)["answers"]
    assert none["instrument"] is None
    assert none["basis"] == "none"
    assert none["reason"]
    code, out, _ = _run(capsys, "treaties", "applicable", "RU", "CN", "FR", "--on", "2024-06-01")
    assert code == 0
    assert "bilateral-treaty-with-third-country" in out
    # A state named twice (in any case) is one state, in the answer as in the question.
    _, out, _ = _run(capsys, "treaties", "applicable", "RU", "CN", "ru", "--on", "2024-06-01",
                     "--format", "json")
    assert json.loads(out)["countries"] == ["RU", "CN"]


def test_treaties_applicable_reports_the_date_it_used(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --on the answer is for today, and says which day that was, in JSON too."""
    today = pendulum.today().date().isoformat()
    _, out, _ = _run(capsys, "treaties", "applicable", "RU", "CN", "--format", "json")
    assert json.loads(out)["on"] == today
    _, out, _ = _run(capsys, "treaties", "applicable", "BR", "KE")
    assert out.startswith(f"Co-production between BR, KE on {today} (today):")
    assert "Governs: none\n" in out


def test_treaties_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    """`treaties list` names every instrument; `show` prints one with its sources.

    The JSON form of `show` is the catalogue document itself.
    """
    code, out, _ = _run(capsys, "treaties", "list", "--format", "json")
    assert code == 0
    assert "CN-RU-2017" in [t["id"] for t in json.loads(out)]
    by_id = {t["id"]: t for t in json.loads(out)}
    assert (by_id["AU-DE-2001"]["signed"], by_id["AU-DE-2001"]["signed_year"]) == (
        "unknown", 2001)
    assert (by_id["CN-RU-2017"]["signed"], by_id["CN-RU-2017"]["signed_year"]) == (
        "2017-07-04", None)
    _, out, _ = _run(capsys, "treaties", "list")
    assert out.splitlines()[0].startswith("ID")
    # Where only the year of signature is known, the list says so rather than "unknown".
    assert "\nAU-DE-2001     bilateral     in 2001     unknown " in out
    _, out, _ = _run(capsys, "treaties", "show", "AU-DE-2001")
    assert "  Signed:    in 2001  [" in out
    code, out, _ = _run(capsys, "treaties", "show", "ru-cn-2017")
    assert code == 0
    assert "voprosy-prava" in out
    assert "In force:  unknown" in out
    _, out, _ = _run(capsys, "treaties", "show", "ETS-147", "--format", "json")
    doc = json.loads(out)
    assert doc["id"] == "ETS-147"
    assert doc["rules"][0]["kind"] == "contribution-range"
    code, _, err = _run(capsys, "treaties", "show", "XX-YY-1999")
    assert code == 2
    assert "no instrument" in err


def test_validate_names_the_option_or_key_that_is_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A bad --as-of or --treaty names the option; an unknown instrument in a file, $.treaty."""
    code, out, err = _run(capsys, "validate", MAIN, "--as-of", "2024-13-01")
    assert (code, out) == (2, "")
    assert "argument --as-of: not a valid date: '2024-13-01'" in err
    code, out, err = _run(capsys, "validate", MAIN, "--treaty", "XX-2000")
    assert (code, out) == (2, "")
    assert err.startswith("coprod: error: --treaty: no instrument 'XX-2000'")
    text = Path(MAIN).read_text(encoding="utf-8")
    assert "treaty: CN-RU-2017" in text
    invoked = tmp_path / "unknown-treaty.yaml"
    invoked.write_text(text.replace("treaty: CN-RU-2017", "treaty: KE-XA-2099"), encoding="utf-8")
    code, out, err = _run(capsys, "validate", str(invoked))
    assert (code, out) == (2, "")
    assert err.startswith(f"coprod: error: {invoked}: no instrument 'KE-XA-2099'")
    assert err.rstrip().endswith("@ $.treaty")


def test_a_report_after_an_unreadable_file_starts_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Reports are separated by a blank line, but nothing precedes the first one printed."""
    code, out, err = _run(capsys, "validate", str(tmp_path / "missing.yaml"), MAIN)
    assert code == 2
    assert "cannot read the file" in err
    assert out.startswith(f"{MAIN} — The Snow Fox\n")


def test_markdown_escapes_what_the_document_says(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Names from the document cannot add markup, table cells or HTML to the memo."""
    text = Path(MAIN).read_text(encoding="utf-8").replace(
        "Jade Lantern Pictures Co. Ltd", "Jade <script>alert(1)</script> | *Lantern*")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, "validate", str(hostile), "--format", "markdown")
    assert code == 0
    assert "<script>" not in out
    assert r"Jade \<script\>alert(1)\</script\> \| \*Lantern\*" in out
