"""``coprod waterfall``, the receipt and rate loaders, documents and the chart."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

from coprod import Country, DocumentError, InvalidValueError, Money, dumps, load, loads
from coprod.cli import main
from coprod.waterfall import (
    RateTable,
    Receipt,
    ReceiptLedger,
    Waterfall,
    WaterfallState,
    distribute,
    load_rates,
    load_receipts,
    read_rates_csv,
    read_receipts_csv,
)

DATA = Path(__file__).parent.parent / "examples" / "data"
WF = str(DATA / "ru-cn-animated-feature.waterfall.yaml")
RECEIPTS = str(DATA / "snow-fox-receipts.csv")
RATES = str(DATA / "snow-fox-rates.csv")


def test_cli_text_two_quarters_and_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Quarterly statements in text, exit 0, and a state file that continues them."""
    state = tmp_path / "state.json"
    code = main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--period", "quarter",
                 "--new-state", str(state)])
    out = capsys.readouterr().out
    assert code == 0
    assert "statement 2026-Q3" in out
    assert "statement 2026-Q4" in out
    assert "Northern Bridge Sales Ltd (northern-bridge)" in out
    assert "DOES NOT BALANCE" not in out
    saved = load(state, kind=WaterfallState)
    assert saved.as_of.isoformat() == "2026-12-31"
    assert saved.statements == 2
    # a later receipt continues from the state
    later = tmp_path / "q1.csv"
    later.write_text("date,amount,territory\n2027-01-15,1000.00 USD,FR\n", encoding="utf-8")
    assert main(["waterfall", WF, str(later), "--state", str(state), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    payees = {p["payee"]: p for p in data["statements"][0]["payees"]}
    # the sales agent takes 15 % of the new 1 000.00
    assert payees["northern-bridge"]["this_period"] == "150.00 USD"
    assert all(row["balanced"] for row in data["statements"][0]["balance"])


def test_cli_through_states_quiet_periods(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--through`` states quiet quarters, and refuses a day already accounted for."""
    state = tmp_path / "state.json"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--period", "quarter",
                 "--new-state", str(state)]) == 0
    capsys.readouterr()
    quiet = tmp_path / "none.csv"
    quiet.write_text("date,amount,territory\n", encoding="utf-8")
    code = main(["waterfall", WF, str(quiet), "--state", str(state), "--period", "quarter",
                 "--through", "2027-05-01", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [s["period"]["label"] for s in data["statements"]] == ["2027-Q1", "2027-Q2"]
    assert data["statements"][-1]["state"]["as_of"] == "2027-06-30"
    code = main(["waterfall", WF, str(quiet), "--state", str(state), "--through", "2027-03-31"])
    out = capsys.readouterr().out
    assert code == 0
    assert "statement 2027-Q1" in out
    code = main(["waterfall", WF, str(quiet), "--state", str(state), "--through", "2026-12-31"])
    assert code == 2
    assert "--through 2026-12-31 is on or before the last day already accounted for" in (
        capsys.readouterr().err)
    code = main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--through", "2026-08-01"])
    assert code == 2
    assert "fall outside the period 2026-07-06..2026-08-01" in capsys.readouterr().err


def test_cli_reads_the_agreement_and_finds_its_waterfall(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Given the agreement, the command reads the waterfall beside it."""
    code = main(["waterfall", str(DATA / "ru-cn-animated-feature.yaml"), RECEIPTS, "--rates", RATES,
                 "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["waterfall"] == "snow-fox"
    assert len(data["statements"]) == 1
    trace = data["statements"][0]["trace"]
    assert all(line["tier"] and line["pool"] for line in trace)


def test_cli_unusable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad receipts: one message per problem on stderr and exit code 2."""
    bad = tmp_path / "bad.csv"
    bad.write_text("date,amount\n2026-13-01,12.345 USD\n2026-07-01,ten\n", encoding="utf-8")
    assert main(["waterfall", WF, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2, date" in err
    assert "line 2, amount" in err
    assert "line 3, amount" in err
    assert main(["waterfall", str(DATA / "ru-cn-animated-feature-15-percent.yaml"), RECEIPTS]) == 2
    assert "waterfall is expected" in capsys.readouterr().err


def test_cli_error_findings_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A waterfall whose check finds errors exits 1 (here residual shares of 90 %)."""
    text = (
        Path(WF)
        .read_text(encoding="utf-8")
        .replace(
            '      - {type: residual, id: net-profits, clause: "12.4"}',
            "      - {type: residual, id: net-profits, "
            "participations: [{payee: volga-frame, share: 90%}]}",
        )
    )
    wf = tmp_path / "w.yaml"
    wf.write_text(text.replace("agreement: ru-cn-animated-feature.yaml\n", ""), encoding="utf-8")
    assert main(["waterfall", str(wf), RECEIPTS, "--rates", RATES]) == 1
    assert "WF-SHARES-TOTAL" in capsys.readouterr().out


def test_outputs_are_checked_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A chart name with no chart format is a usage error, and no state file is left behind."""
    state = tmp_path / "state.json"
    for chart in ("chart.txt", "chart"):
        assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--chart",
                     str(tmp_path / chart), "--new-state", str(state)]) == 2
        assert "--chart: a chart is written as .png, .svg, .pdf" in capsys.readouterr().err
        assert not state.exists()
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES,
                 "--new-state", str(tmp_path / "state.txt")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


def test_a_missing_agreement_file_is_unusable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A waterfall naming an agreement that is not there exits 2, not as if it named none."""
    moved = tmp_path / "w.yaml"
    moved.write_text(Path(WF).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["waterfall", str(moved), RECEIPTS, "--rates", RATES]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.rstrip().endswith(
        f"the co-production agreement it names is not at "
        f"{tmp_path / 'ru-cn-animated-feature.yaml'} @ $.agreement")


def test_chart_format_follows_the_suffix() -> None:
    """png, svg and pdf, in any case; anything else is refused in words."""
    from coprod.waterfall.plot import chart_format

    assert [chart_format(n) for n in ("a.png", "b.SVG", Path("c.pdf"))] == ["png", "svg", "pdf"]
    with pytest.raises(InvalidValueError, match=r"cannot tell the format of 'a\.jpeg'"):
        chart_format("a.jpeg")


def test_chart_renders_to_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The chart (coprod[plot]) renders recoupment progress and payees to a PNG file."""
    pytest.importorskip("matplotlib")
    png = tmp_path / "chart.png"
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES, "--period", "quarter",
                 "--chart", str(png), "--no-trace"]) == 0
    capsys.readouterr()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_documents_round_trip_in_every_format() -> None:
    """Waterfall, state, receipts and rate table load back equal, in JSON, YAML and TOML."""
    wf = load(WF)
    receipts = load_receipts(RECEIPTS)
    rates = load_rates(RATES)
    state = distribute(
        wf, receipts, rates=rates, agreement=load(DATA / "ru-cn-animated-feature.yaml")
    ).state
    for obj, cls in ((wf, Waterfall), (state, WaterfallState),
                     (ReceiptLedger(receipts=receipts), ReceiptLedger), (rates, RateTable)):
        for fmt in ("json", "yaml", "toml"):
            assert loads(dumps(obj, fmt), fmt, kind=cls) == obj


def test_json_receipts_and_rates(tmp_path: Path) -> None:
    """Receipts and rates load from documents and from bare JSON lists, with paths on errors."""
    rs = load_receipts(RECEIPTS)
    doc = tmp_path / "r.json"
    doc.write_text(dumps(ReceiptLedger(receipts=rs)), encoding="utf-8")
    assert load_receipts(doc) == rs
    bare = tmp_path / "bare.json"
    bare.write_text('[{"amount": "1.00 USD", "date": "2025-01-01"}, {"amount": 1, "date": "x"}]',
                    encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_receipts(bare)
    paths = {p.path for p in info.value.problems}
    assert "$.receipts[1].amount" in paths
    assert "$.receipts[1].date" in paths
    rates_doc = tmp_path / "rates.yaml"
    rates_doc.write_text(dumps(load_rates(RATES), "yaml"), encoding="utf-8")
    assert load_rates(rates_doc) == load_rates(RATES)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", "line 1"),
        ("date,amount,colour\n", "line 1"),
        ("amount\n1.00 USD\n", "line 1"),
        ("date,amount\n2025-01-01\n", "line 2"),
        ("date,amount,currency\n2025-01-01,1.00,XYZ\n", "line 2, amount"),
        ("date,amount,territory,basis\n2025-01-01,1.00 USD,FR,both\n", "line 2, basis"),
    ],
)
def test_receipts_csv_problems(text: str, where: str) -> None:
    """Each broken receipts CSV names the line and column at fault."""
    with pytest.raises(DocumentError) as info:
        read_receipts_csv(text)
    assert any(p.path == where for p in info.value.problems), info.value


def test_rates_csv_problems() -> None:
    """Rates: every problem, each with its line and column."""
    with pytest.raises(DocumentError) as info:
        read_rates_csv("date,base,quote,rate\n2025-01-01,RUB,USD,-1\nx,RUB,USD,1\n,RUB,RUB,2\n,AAA,USD,abc\n")
    paths = [p.path for p in info.value.problems]
    assert "line 2" in paths
    assert "line 3, date" in paths
    assert "line 4" in paths
    assert "line 5, base" in paths
    assert "line 5, rate" in paths
    assert read_rates_csv("base,quote,rate\nRUB,USD,0.011\n").rates[0].date is None


def test_rates_that_contradict_each_other_are_refused(tmp_path: Path) -> None:
    """Two rates for the same conversion on the same day are refused, by line or by index.

    Which one applied would otherwise depend on their order.
    """
    text = ("date,base,quote,rate\n2026-07-01,RUB,USD,0.02\n2026-07-01,USD,CNY,7\n"
            "2026-07-01,RUB,USD,0.02\n2026-07-01,RUB,USD,0.01\n2026-08-01,RUB,USD,0.01\n")
    with pytest.raises(DocumentError) as info:
        read_rates_csv(text, "r.csv")
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("line 5, rate", "RUB to USD (2026-07-01) at 0.01 contradicts line 2, at 0.02: keep one")]
    doc = tmp_path / "rates.yaml"
    doc.write_text("schema_version: 1\ndocument: exchange-rates\nrates:\n"
                   "  - {base: RUB, quote: USD, rate: '0.02'}\n"
                   "  - {base: RUB, quote: USD, rate: '0.01'}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_rates(doc)
    [problem] = info.value.problems
    assert problem.path == "$.rates"
    assert problem.message.startswith("rates[1] contradicts rates[0]: RUB to USD (undated)")


def test_a_state_is_never_paid_out_again_under_new_names(tmp_path: Path) -> None:
    """After a tier is renamed, the state's payments under the old name are refused in words.

    Forgotten, they would be paid a second time under the new name.
    """
    receipts = load_receipts(RECEIPTS)
    rates = load_rates(RATES)
    waterfall = load(WF, kind=Waterfall)
    deal = load(DATA / "ru-cn-animated-feature.yaml")
    first = distribute(waterfall, receipts, rates=rates, agreement=deal)
    assert any(p.tier == "equity" and p.amount.amount > 0 for p in first.state.paid)
    renamed = loads(dumps(waterfall, "yaml").replace("id: equity\n", "id: equity-recoupment\n"),
                    "yaml", kind=Waterfall)
    later = [Receipt(amount=Money.parse("1000.00 USD"), date=pendulum.Date(2027, 1, 15),
                     territory=Country("FR"))]
    with pytest.raises(InvalidValueError, match=r"already paid to .* under tier 'equity', "
                                                r"position .*, which this waterfall no longer "
                                                r"has.*would pay it again"):
        distribute(renamed, later, first.state, rates=rates, agreement=deal)
    assert distribute(waterfall, later, first.state, rates=rates,
                      agreement=deal).state.statements == 2


def test_a_state_is_checked_when_it_is_read() -> None:
    """Foreign currencies, fractions of a minor unit and negative payments are refused.

    Each at its path.
    """
    state = distribute(load(WF, kind=Waterfall), load_receipts(RECEIPTS),
                       rates=load_rates(RATES),
                       agreement=load(DATA / "ru-cn-animated-feature.yaml")).state
    text = dumps(state, "yaml")
    paid = next(p for p in state.paid if p.amount.amount > 0)
    amount = f"amount: {paid.amount}"
    assert amount in text
    for changed, path, message in (
        (str(paid.amount).replace("USD", "EUR"), "$.paid", "is in EUR, but the state is in USD"),
        (str(paid.amount).replace(" USD", "1 USD"), "$.paid", "not a whole number of minor"),
        ("-" + str(paid.amount), "$.paid", "is negative"),
    ):
        with pytest.raises(DocumentError) as info:
            loads(text.replace(amount, f"amount: {changed}", 1), "yaml", kind=WaterfallState)
        [problem] = info.value.problems
        assert problem.path.startswith(path)
        assert problem.path.endswith("].amount")
        assert message in problem.message


def test_a_statement_that_does_not_balance_is_never_a_success(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should money ever be created or lost, the command says so and exits 1."""
    from coprod.waterfall import Distribution

    def off_by_a_cent(self: Distribution) -> list[tuple[str, Money, Money]]:
        return [("pooled receipts in USD", Money.parse("1.00 USD"), Money.parse("1.01 USD"))]

    monkeypatch.setattr(Distribution, "balance", off_by_a_cent)
    assert main(["waterfall", WF, RECEIPTS, "--rates", RATES]) == 1
    assert "a statement does not balance (pooled receipts in USD)" in capsys.readouterr().err
