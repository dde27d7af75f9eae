"""Sphinx extension: generate the treaty catalogue and finding-code pages at build time.

The catalogue index ends with a table of everything unknown across the catalogue.

The pages are written into ``docs/reference/_generated/`` (ignored by git) from the registry
itself — :func:`coprod.treaties.all` and :func:`coprod.validation.finding_codes` — so they can
never disagree with the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from coprod import Share, treaties
from coprod.findings import ARTICLE_UNKNOWN
from coprod.treaties import Param, Treaty, Unknown
from coprod.treaties.rules import PointsTest
from coprod.validation import finding_codes

OUT = Path(__file__).resolve().parents[1] / "reference" / "_generated"


def _cell(value: object) -> str:
    text = str(value).replace("|", "\\|").replace("\n", " ").strip()
    return text or "—"


def _value(v: Any) -> str:
    if isinstance(v, Unknown):
        return "**unknown**"
    if isinstance(v, tuple):
        return ", ".join(_value(x) for x in v) or "none"
    if isinstance(v, Share):
        return str(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "value") and not isinstance(v, str):
        return str(v.value)
    return str(v)


def _param_row(t: Treaty, name: str, p: Param[Any], rule: Any = None) -> str:
    article = p.article or (rule.article if rule is not None else None) or ARTICLE_UNKNOWN
    confidence = p.confidence or (rule.confidence if rule is not None else None)
    sources = p.sources or (rule.sources if rule is not None else ())
    return (f"| {_cell(name)} | {_cell(_value(p.value))} | {_cell(article)} | "
            f"{_cell(', '.join(sources))} | {_cell(confidence.value if confidence else '—')} | "
            f"{_cell(p.note or '')} |")


def instrument_page(t: Treaty) -> str:
    """The Markdown page of one instrument."""
    out = [f"# {t.id}: {t.title}", ""]
    for title in t.titles:
        out.append(f"*{title.text}* ({title.language})")
        out.append("")
    out += [t.description.strip(), ""]
    out += ["## Dates and status", "",
            "| Fact | Value | Article | Sources | Confidence | Note |",
            "|---|---|---|---|---|---|",
            _param_row(t, "Signed", t.signed), _param_row(t, "In force", t.in_force)]
    if t.signed_year and t.signature is None:
        out.append(f"| Year of signature | {t.signed_year} | — | — | — | exact day unknown |")
    if t.bilateral_use is not None:
        out.append(_param_row(t, "Serves as bilateral framework", t.bilateral_use))
    if t.min_co_producers is not None:
        out.append(_param_row(t, "Co-producers needed (multilateral)", t.min_co_producers))
    out.append("")
    out.append(f"Kind: {t.kind.value}." + (f" Replaces, between its Parties: "
                                          f"{', '.join(t.supersedes)}." if t.supersedes else ""))
    out.append("")
    if t.amendments:
        out += ["## Amendments", ""]
        for a in t.amendments:
            start = a.in_force or a.signed
            out.append(f"- **{a.id}**: {a.title}; applies from "
                       f"{start.isoformat() if start else 'unknown'}"
                       + (f". {a.note}" if a.note else ""))
        out.append("")
    out += [f"## States ({len(t.states)})", "",
            "| State | Status | Signed | Ratified | In force | Sources | Confidence | Note |",
            "|---|---|---|---|---|---|---|---|"]
    for s in t.states:
        name = f"{s.country.code} {s.country.name}" + (
            f" (continues {s.continues.code})" if s.continues else "")
        out.append(
            f"| {_cell(name)} | {s.status.value} | {_cell(s.signed or '—')} | "
            f"{_cell(s.ratified or '—')} | "
            f"{_cell(s.in_force or ('unknown' if t.is_convention else '—'))} | "
            f"{_cell(', '.join(s.sources))} | {s.confidence.value} | {_cell(s.note or '')} |"
        )
    out.append("")
    if t.competent_authorities:
        out += ["## Competent authorities", "", "| State | Authority | Article | Confidence |",
                "|---|---|---|---|"]
        for ca in t.competent_authorities:
            out.append(f"| {ca.country.code} | {_cell(_value(ca.name))} | "
                       f"{_cell(ca.article or ARTICLE_UNKNOWN)} | {ca.confidence.value} |")
        out.append("")
    out += [f"## Rules ({len(t.rules)})", ""]
    for r in t.rules:
        out += [f"### `{r.id}` ({r.kind})", "", _cell(r.summary()) + ".", "",
                f"Article: {r.article or ARTICLE_UNKNOWN}. Sources: {', '.join(r.sources)}. "
                f"Confidence: {r.confidence.value}."
                + (f" Introduced by {r.introduced_by}." if r.introduced_by else ""), ""]
        note = getattr(r, "note", None)
        if note:
            out += [f"> {_cell(note)}", ""]
        params = r.params()
        if params:
            out += ["| Parameter | Value | Article | Sources | Confidence | Note |",
                    "|---|---|---|---|---|---|"]
            out += [_param_row(t, name, p, r) for name, p in params.items()]
            out.append("")
        if isinstance(r, PointsTest) and r.elements:
            out += ["| Element | Points | Scores when |", "|---|---|---|"]
            for e in r.elements:
                what = (f"{e.role.value}" + (f" (rank {e.rank})" if e.rank else "")
                        if e.role else ", ".join(k.value for k in e.locations) + " location(s)")
                out.append(f"| {_cell(e.label)} | {e.points} | {_cell(what)} |")
            out.append("")
    out += ["## Sources", ""]
    for s in t.sources:
        retrieved = f", retrieved {s.retrieved.isoformat()}" if s.retrieved else ""
        out.append(f"- `{s.id}`: {s.title} ({s.confidence.value} confidence{retrieved}). "
                   f"<{s.url}>" + (f" {s.note}" if s.note else ""))
    out.append("")
    if t.notes:
        out += ["## Notes", ""] + [f"- {n}" for n in t.notes] + [""]
    return "\n".join(out)


def catalogue_index(items: tuple[Treaty, ...]) -> str:
    """The index page of the catalogue."""
    out = ["# Treaty catalogue", "",
           "Generated from the catalogue files at build time: one page per instrument, every "
           "value with its article, sources and confidence; what no source gives is marked "
           "**unknown**.", "",
           "| Id | Kind | Signed | In force | Title |", "|---|---|---|---|---|"]
    for t in items:
        out.append(f"| {{doc}}`{t.id} <{t.id}>` | {t.kind.value} | {_value(t.signed.value)} | "
                   f"{_value(t.in_force.value)} | {_cell(t.title)} |")
    out += ["", *unknowns_section(items)]
    out += ["", "```{toctree}", ":hidden:", ""] + [t.id for t in items] + ["```", ""]
    return "\n".join(out)


def _unknowns(t: Treaty) -> list[tuple[str, str]]:
    """(what is unknown, note) for one instrument: every value no source read gives."""
    rows: list[tuple[str, str]] = []
    if isinstance(t.signed.value, Unknown):
        label = (f"day of signature (the year, {t.signed_year}, is known)" if t.signed_year
                 else "date of signature")
        rows.append((label, t.signed.note or ""))
    if isinstance(t.in_force.value, Unknown):
        rows.append(("date of entry into force", t.in_force.note or ""))
    if t.is_convention:
        undated = [s.country.code for s in t.states if s.in_force is None]
        if undated:
            what = f"date from which it binds {len(undated)} of its {len(t.states)} states"
            rows.append((what, ", ".join(undated)))
    missing = [ca.country.code for ca in t.competent_authorities if isinstance(ca.name, Unknown)]
    if missing:
        rows.append(("competent authority", ", ".join(missing)))
    for r in t.rules:
        for name, p in r.params().items():
            if isinstance(p.value, Unknown):
                note = p.note or getattr(r, "note", "") or ""
                rows.append((f"`{r.id}` ({r.kind}): {name}", note))
    return rows


def unknowns_section(items: tuple[Treaty, ...]) -> list[str]:
    """The table of everything unknown across the catalogue, instrument by instrument."""
    out = ["## What is unknown", "",
           "Every value no source read for the catalogue gives, across all instruments. coprod "
           "never guesses one: a rule with an unknown parameter yields a note \"not checked\" "
           "(a `...-NOT-CHECKED` code), and an unknown date yields a warning "
           "(`INSTRUMENT-IN-FORCE-UNKNOWN`, `INSTRUMENT-STATE-UNCERTAIN`). Articles are not "
           "listed here: most are unknown, and each instrument's page shows them value by "
           "value. To fill a gap, see {doc}`../../howto/add-an-instrument`.", "",
           "| Instrument | Unknown | Note |", "|---|---|---|"]
    for t in items:
        for what, note in _unknowns(t):
            out.append(f"| {{doc}}`{t.id} <{t.id}>` | {_cell(what)} | {_cell(note)} |")
    return out


def findings_page() -> str:
    """The page listing every finding code."""
    out = ["# Finding codes", "",
           "Every code {func}`coprod.validate` can emit, generated from the rule-kind registry "
           "at build time. Codes are stable: programs may rely on them. The severity shown is "
           "the usual one; some rules let an instrument set it (an application deadline may be "
           "a warning under one instrument and an error under another).", "",
           "| Code | Severity | Emitted by | Meaning |", "|---|---|---|---|"]
    for c in sorted(finding_codes(), key=lambda c: c.code):
        out.append(f"| `{c.code}` | {c.severity.value} | {_cell(c.origin)} | {_cell(c.summary)} |")
    out.append("")
    return "\n".join(out)


def _write(path: Path, text: str) -> None:
    # Rewrite only on change, so incremental builds do not re-read every page.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(_app: Sphinx | None = None) -> None:
    """Write the generated pages."""
    OUT.mkdir(parents=True, exist_ok=True)
    items = treaties.all()
    wanted = {f"{t.id}.md" for t in items} | {"catalogue.md", "finding-codes.md"}
    for stale in OUT.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for t in items:
        _write(OUT / f"{t.id}.md", instrument_page(t))
    _write(OUT / "catalogue.md", catalogue_index(items))
    _write(OUT / "finding-codes.md", findings_page())


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generator."""
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
