"""Trust made visible on each page: a "Key points" box, an honest clinical-review line and a
"Report a problem with this page" link.

- `check_key_points(markdown, path, first_line)`: exactly one `!!! key-points` box, before
  the first `##` heading (right after the page's intro).
- `review_text(meta, clinic)`: "No clinician has reviewed this page yet." unless the page's
  front matter `clinical_review` names a reviewer, or a clinic build names its reviewer
  (`extra.clinic.reviewer`): "Reviewed for <clinic> by <name>, <date>."
- `report_url(...)`: a plain prefilled new-issue link on the repository (no script), the
  clinic's `report_url` instead, or None when the clinic sets `report_url: false`.
The texts are plain strings: overrides/main.html escapes them (`| e`).
Pure functions; the adapters are scripts/mildguide/mdext/trust.py (checks) and scripts/hooks/trust.py (template context).
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlencode

from ..frontmatter import _date, clinical_review, human_date  # noqa: F401
from ..mdtext import mask_code
from ..problems import Problem

BOX = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+key-points\b")
H2 = re.compile(r"^##[ \t]")
NO_REVIEW = "No clinician has reviewed this page yet."
REPORT_LABEL = "Report a problem with this page"


def check_key_points(markdown: str, path: str, first_line: int = 1) -> list[Problem]:
    masked = mask_code(markdown).split("\n")
    boxes = [i for i, line in enumerate(masked) if BOX.match(line)]
    h2 = next((i for i, line in enumerate(masked) if H2.match(line)), None)
    if not boxes:
        at = next((i for i, line in enumerate(masked) if line.startswith("# ")), 0)
        return [Problem(path, first_line + at, 'the page has no Key points box: add '
                        '!!! key-points "Key points" with 3 to 5 bullets after the intro')]
    problems = [Problem(path, first_line + i, "the page has more than one Key points box: keep one")
                for i in boxes[1:]]
    if h2 is not None and boxes[0] > h2:
        problems.append(Problem(path, first_line + boxes[0],
                                "the Key points box must come before the first ## heading"))
    return problems


def review_text(meta: dict, clinic: dict | None, lang: str = "en") -> str:
    from .. import i18n
    reviewer = (clinic or {}).get("reviewer")
    if reviewer:
        day = i18n.human_date(dt.date.fromisoformat(reviewer['date']), lang)
        if lang == "es":
            return f"Revisado para {clinic['name']} por {reviewer['name']}, {day}."
        return f"Reviewed for {clinic['name']} by {reviewer['name']}, {day}."
    value = meta.get("clinical_review")
    if isinstance(value, dict) and clinical_review(value) is None:
        day = i18n.human_date(_date(value['date']), lang)
        if lang == "es":
            return f"Revisión clínica: {value['by'].strip()}, {day}."
        return f"Clinically reviewed by {value['by'].strip()}, {day}."
    return NO_REVIEW if lang == "en" else i18n.t(lang, "no_review")


def report_url(repo_url: str | None, page_path: str, page_title: str, page_url: str | None,
               clinic: dict | None) -> str | None:
    """Where "Report a problem with this page" points, or None for no link."""
    clinic = clinic or {}
    if "report_url" in clinic:
        return clinic["report_url"] or None
    if not repo_url or not repo_url.startswith("https://"):
        return None
    title = f"Problem on the page: {page_title}"
    body = (f"Page: {page_path}\n" + (f"Address: {page_url}\n" if page_url else "") +
            "\nWhat is wrong, and where on the page?\n\nWhat source says otherwise (if any)?\n")
    return f"{repo_url.rstrip('/')}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)
