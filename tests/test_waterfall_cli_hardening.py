"""``coprod waterfall`` reports every problem, at its file and place, and writes all or nothing.

Found by an audit: the command hid why no statement could be made behind the check's
findings (and exited 1, not 2), named neither the file nor the line of a receipt it could
not use, and wrote a chart before finding that the state file could not be written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod import dumps
from coprod.cli import main
from coprod.waterfall import ReceiptLedger, load_receipts

DATA = Path(__file__).parent.parent / "examples" / "data"
WF = str(DATA / "ru-cn-animated-feature.waterfall.yaml")
RECEIPTS = str(DATA / "snow-fox-receipts.csv")
RATES = str(DATA / "snow-fox-rates.csv")


def line_of(text: str) -> int:
    """The line of the receipts file holding *text* (line 1 is the header)."""
    lines = Path(RECEIPTS).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def residual_of_90_percent(tmp_path: Path) -> str:
    """The example waterfall with residual shares of 90 % (a check error) and no agreement."""
    text = Path(WF).read_text(encoding="utf-8").replace(
        '      - {type: residual, id: net-profits, clause: "12.4"}',
        "      - {type: residual, id: net-profits, "
        "participations: [{payee: volga-frame, share: 90%}]}",
    ).replace("agreement: ru-cn-animated-feature.yaml\n", "")
    wf = tmp_path / "w.yaml"
    wf.write_text(text, encoding="utf-8")
    return str(wf)


def test_findings_do_not_hide_why_the_input_is_unusable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Error findings and receipts that cannot be converted: both are reported, exit 2."""
    wf = residual_of_90_percent(tmp_path)
    assert main(["waterfall", wf, RECEIPTS]) == 2
    out, err = capsys.readouterr()
    assert "WF-SHARES-TOTAL" in out
    assert "no rate table was given to convert it to USD" in err
    assert main(["waterfall", wf, RECEIPTS, "--format", "json"]) == 2
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert "WF-SHARES-TOTAL" in [f["code"] for f in data["findings"]]
    assert data["statements"] == []
    assert "no rate table" in err


def test_a_receipt_that_cannot_be_converted_is_named_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --rates, the first foreign receipt for a pool is named at its line."""
    assert main(["waterfall", WF, RECEIPTS]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"coprod: error: {RECEIPTS}: a receipt in RUB (ES-0804) goes to pool 'row', but no rate "
        f"table was given to convert it to USD @ line {line_of('ES-0804')}\n")
    # in a receipts document, at its path
    doc = tmp_path / "receipts.yaml"
    doc.write_text(dumps(ReceiptLedger(receipts=load_receipts(RECEIPTS)), "yaml"),
                   encoding="utf-8")
    assert main(["waterfall", WF, str(doc)]) == 2
    err = capsys.readouterr().err
    index = line_of("ES-0804") - 2
    assert err.startswith(f"coprod: error: {doc}: a receipt in RUB (ES-0804)")
    assert err.rstrip().endswith(f"@ $.receipts[{index}]")


def test_a_receipt_after_through_is_named_by_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--through before the last receipt: the receipt beyond it is named at its line."""
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--through", "2026-08-01"]) == 2
    err = capsys.readouterr().err
    late = line_of("2026-12-15")  # the last receipt, after 2026-08-01
    assert err == (
        f"coprod: error: {RECEIPTS}: receipts dated 2026-12-15 fall outside the period "
        f"2026-07-06..2026-08-01 @ line {late}\n")
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--period", "quarter",
                 "--through", "2026-09-30"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coprod: error: {RECEIPTS}: a receipt dated 2026-10-")
    assert "falls after the last period to state (2026-Q3, through 2026-09-30)" in err


def test_receipts_already_accounted_for_name_the_receipt_and_the_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --state, a receipt on or before its as_of is named at its line, with the state."""
    state = tmp_path / "state.json"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--new-state", str(state)]) == 0
    capsys.readouterr()
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--state", str(state)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"coprod: error: {RECEIPTS}: the statement period starts 2026-07-06, on or before the "
        f"last day already accounted for (2026-12-15 in {state}) @ line 2\n")
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--state", str(state),
                 "--period", "quarter"]) == 2
    assert capsys.readouterr().err == (
        f"coprod: error: {RECEIPTS}: a receipt dated 2026-07-06 falls on or before the last "
        f"day already accounted for (2026-12-15 in {state}) @ line 2\n")
    quiet = tmp_path / "none.csv"
    quiet.write_text("date,amount\n", encoding="utf-8")
    assert main(["waterfall", WF, str(quiet), "--state", str(state),
                 "--through", "2026-12-01"]) == 2
    assert capsys.readouterr().err == (
        f"coprod: error: {state}: --through 2026-12-01 is on or before the last day already "
        "accounted for (2026-12-15) @ $.as_of\n")


def test_a_state_of_another_waterfall_is_named_at_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A state written for another waterfall points at its ``waterfall`` field."""
    state = tmp_path / "state.json"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--new-state", str(state)]) == 0
    capsys.readouterr()
    other = tmp_path / "other.json"
    other.write_text(state.read_text(encoding="utf-8").replace('"snow-fox"', '"other-film"'),
                     encoding="utf-8")
    later = tmp_path / "later.csv"
    later.write_text("date,amount,territory\n2027-01-15,1000.00 USD,FR\n", encoding="utf-8")
    assert main(["waterfall", WF, str(later), "--state", str(other)]) == 2
    assert capsys.readouterr().err == (
        f"coprod: error: {other}: the state belongs to waterfall 'other-film' in USD, not to "
        "'snow-fox' in USD @ $.waterfall\n")


def test_every_output_is_checked_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A state file in a missing directory leaves no chart behind, and the other way round."""
    chart = tmp_path / "c2.png"
    missing = tmp_path / "nonexistent" / "dir" / "s.yaml"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--chart", str(chart),
                 "--new-state", str(missing)]) == 2
    assert not chart.exists()
    assert capsys.readouterr().err == (
        f"coprod: error: --new-state: {missing}: cannot write it: the directory "
        f"{missing.parent} does not exist\n")
    state = tmp_path / "s.yaml"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--chart",
                 str(tmp_path / "nowhere" / "c.png"), "--new-state", str(state)]) == 2
    assert not state.exists()
    assert "--chart: " in capsys.readouterr().err
    (tmp_path / "dir.yaml").mkdir()
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--chart", str(chart),
                 "--new-state", str(tmp_path / "dir.yaml")]) == 2
    assert not chart.exists()
    assert "it is a directory" in capsys.readouterr().err
