"""`make review-report`: every page with its review dates and the days left until review.

    python scripts/review_report.py [--today YYYY-MM-DD] [--docs docs]

Overdue pages are listed first and marked OVERDUE. The exit code is 0 even when pages are
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
        row = {"page": path, "reviewed": "", "next_review": "", "days_left": None, "status": "ok"}
        try:
            fm = frontmatter.parse(md.read_text(encoding="utf-8-sig"), path)
            problems = frontmatter.validate(fm, path)
        except Problem as problem:
            fm, problems = None, [problem]
        review = frontmatter.review(fm.meta, today) if fm else None
        if review:
            row.update(reviewed=review.reviewed.isoformat(), next_review=review.next_review.isoformat(),
                       days_left=review.days_left, status="OVERDUE" if review.overdue else "ok")
        date_problems = [p for p in problems if "review" in p.message or "front matter" in p.message]
        if date_problems or not review:
            row["status"] = "PROBLEM: " + "; ".join(str(p) for p in date_problems or problems)
        out.append(row)
    return sorted(out, key=lambda r: (r["days_left"] is not None, r["days_left"] or 0, r["page"]))


def render(table: list[dict], today: dt.date) -> str:
    lines = [f"Review report for {today.isoformat()} ({len(table)} pages)", ""]
    head = ("page", "reviewed", "next review", "days left", "status")
    data = [(r["page"], r["reviewed"], r["next_review"],
             "" if r["days_left"] is None else str(r["days_left"]), r["status"]) for r in table]
    widths = [max(len(x) for x in col) for col in zip(head, *data)]
    for row in [head, tuple("-" * w for w in widths), *data]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    overdue = sum(r["status"] == "OVERDUE" for r in table)
    lines += ["", f"{overdue} page(s) overdue for review."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="pretend today is this date (default: today, or $MILDGUIDE_TODAY)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    from mildguide.hooksupport import today as env_today
    today = args.today or env_today()
    table = rows(args.docs, today)
    print(render(table, today))
    return 1 if any(r["status"].startswith("PROBLEM") for r in table) else 0


if __name__ == "__main__":
    sys.exit(main())
