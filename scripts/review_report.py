"""`make review-report`: every page with its review dates and the days left until review.

    python scripts/review_report.py [--today YYYY-MM-DD] [--docs docs] [--config mkdocs.yml]

The "clinical review" column says who reviewed each page clinically (front matter
`clinical_review`: "none" until a clinician has); with --config, a clinic build's reviewer
(`extra.clinic.reviewer`) is named at the top. Overdue pages are listed first and marked OVERDUE. The exit code is 0 even when pages are
overdue (the build still succeeds and readers see a notice); pages with missing or invalid
dates are listed as PROBLEM and make the exit code 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mildguide import frontmatter  # noqa: E402
from mildguide.problems import Problem  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def rows(docs: Path, today: dt.date) -> list[dict]:
    out = []
    for md in sorted(docs.rglob("*.md")):
        path = md.relative_to(docs.parent).as_posix()
        row = {"page": path, "reviewed": "", "next_review": "", "days_left": None, "status": "ok",
               "clinical": "MISSING"}
        try:
            fm = frontmatter.parse(md.read_text(encoding="utf-8-sig"), path)
            problems = frontmatter.validate(fm, path)
        except Problem as problem:
            fm, problems = None, [problem]
        review = frontmatter.review(fm.meta, today) if fm else None
        if fm and "clinical_review" in fm.meta:
            row["clinical"] = clinical_label(fm.meta["clinical_review"])
        if review:
            row.update(reviewed=review.reviewed.isoformat(), next_review=review.next_review.isoformat(),
                       days_left=review.days_left, status="OVERDUE" if review.overdue else "ok")
        date_problems = [p for p in problems if "review" in p.message or "front matter" in p.message]
        if date_problems or not review:
            row["status"] = "PROBLEM: " + "; ".join(str(p) for p in date_problems or problems)
        if md.name.endswith(".es.md"):      # Spanish edition: is the translation up to date?
            from mildguide import i18n, translation
            norm = i18n.split(md.relative_to(docs).as_posix())[0]
            row["status"] += f"; translation {translation.state(docs, norm).label}"
        out.append(row)
    return sorted(out, key=lambda r: (r["days_left"] is not None, r["days_left"] or 0, r["page"]))


def clinical_label(value) -> str:
    if isinstance(value, dict) and frontmatter.clinical_review(value) is None:
        return f"{value['by']}, {value['date']}"
    if isinstance(value, str) and value.strip().lower() == "none":
        return "none"
    return "INVALID"


def clinic_reviewer(config: Path | None) -> str | None:
    """'Reviewed for <clinic> by <name>, <date>' from a clinic config, or None."""
    if not config or not config.is_file():
        return None
    import yaml
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    clinic = (data.get("extra") or {}).get("clinic") or {}
    reviewer = clinic.get("reviewer") if isinstance(clinic, dict) else None
    if isinstance(reviewer, dict) and reviewer.get("name"):
        return f"Reviewed for {clinic.get('name', '?')} by {reviewer['name']}, {reviewer.get('date', '?')}"
    return None


def render(table: list[dict], today: dt.date, clinic_line: str | None = None) -> str:
    lines = [f"Review report for {today.isoformat()} ({len(table)} pages)", ""]
    if clinic_line:
        lines[1:1] = [f"Clinic build: {clinic_line} (shown on every page instead of the column below)"]
    head = ("page", "reviewed", "next review", "days left", "clinical review", "status")
    data = [(r["page"], r["reviewed"], r["next_review"],
             "" if r["days_left"] is None else str(r["days_left"]), r["clinical"], r["status"])
            for r in table]
    widths = [max(len(x) for x in col) for col in zip(head, *data)]
    for row in [head, tuple("-" * w for w in widths), *data]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    overdue = sum(r["status"] == "OVERDUE" for r in table)
    unreviewed = sum(r["clinical"] == "none" for r in table)
    lines += ["", f"{overdue} page(s) overdue for review.",
              f"{unreviewed} of {len(table)} page(s) have no clinical review yet."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="pretend today is this date (default: today, or $MILDGUIDE_TODAY)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--config", type=Path, default=None,
                        help="a clinic config: name its reviewer (extra.clinic.reviewer)")
    args = parser.parse_args(argv)
    from mildguide.hooksupport import today as env_today
    today = args.today or env_today()
    table = rows(args.docs, today)
    print(render(table, today, clinic_reviewer(args.config)))
    bad = any(r["status"].startswith("PROBLEM") or r["clinical"] == "INVALID" for r in table)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
