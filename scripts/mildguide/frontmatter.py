"""Page front matter: parse with line numbers, validate, and describe the review state.

Pure functions; the adapter is scripts/mildguide/mdext/frontmatter.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

# The same pattern MkDocs 1.6 uses (mkdocs/utils/meta.py). MkDocs silently ignores front
# matter that does not parse (the page then has no metadata); we report it instead.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S | re.M)
MAX_DESCRIPTION = 160
MAX_REVIEW_YEARS = 3
REQUIRED = ("title", "description", "reviewed", "next_review")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml when available) that keeps dates as strings, so we can report
    bad ones with their line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_node(source: str):
    """(root node, constructed data) from one parse of `source`."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


@dataclass
class FrontMatter:
    meta: dict
    body: str                       # the Markdown after the front matter
    body_line: int                  # 1-based line in the file where `body` starts
    lines: dict = field(default_factory=dict)   # key -> 1-based line of that key
    start_line: int = 1             # line of the opening ---
    node: object = None             # the YAML node tree (for line numbers inside values)


def parse(text: str, path: str) -> FrontMatter:
    """Split `text` into front matter and body. Raises Problem on malformed front matter."""
    m = YAML_RE.match(text)
    if not m:
        if text.startswith("---"):
            raise Problem(path, 1, "front matter starts with '---' but has no closing '---' line")
        return FrontMatter({}, text, 1)
    source = m.group(1)
    try:
        node, meta = load_node(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        hint = _quote_hint(source, mark, exc)
        raise Problem(path, line, f"front matter is not valid YAML: {hint or exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise Problem(path, 1, f"front matter is not valid YAML: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise Problem(path, 2, "front matter must be 'key: value' lines")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 2
    rest = text[m.end():]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, m.end() + len(rest) - len(body)) + 1
    return FrontMatter(meta, body, body_line, lines, node=node)


def _quote_hint(source: str, mark, exc) -> str:
    """A hint when the usual cause is a `: ` inside an unquoted value (title: Risks: what to know)."""
    if mark is None or "mapping values are not allowed" not in str(exc.problem or ""):
        return ""
    lines = source.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    key, _, value = line.partition(":")
    if not value.strip():
        return ""
    return (f"the text after '{key.strip()}:' contains ': ', so put the text in quotes, "
            f"like {key.strip()}: \"{value.strip()}\"")


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _bad_date(key: str, value) -> str:
    """Why `value` is not a date: "no such date" for a well-written impossible one (2026-02-30)."""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        year, month, day = (int(x) for x in text.split("-"))
        why = f"there is no month {month}" if not 1 <= month <= 12 else \
            f"{dt.date(year, month, 1):%B} has no day {day}"
        return f"'{key}' must be a date: {text} is no such date ({why})"
    return f"'{key}' must be a date written YYYY-MM-DD, not {value!r}"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:          # 29 February
        return day.replace(year=day.year + years, day=28)


def validate(fm: FrontMatter, path: str, today: dt.date | None = None,
             require_clinical_review: bool = False) -> list[Problem]:
    """Every problem with the page's front matter (empty list when it is fine).
    `clinical_review` is checked when present, and required when `require_clinical_review`."""
    meta, problems = fm.meta, []

    def at(key: str) -> int:
        return fm.lines.get(key, fm.start_line)

    if not fm.lines and not meta:
        return [Problem(path, 1, "page has no front matter: it needs " + ", ".join(REQUIRED))]
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(path, at(key) if key in meta else fm.start_line,
                                    f"front matter is missing '{key}'"))
    for key in ("title", "description"):
        if meta.get(key) not in (None, "") and not isinstance(meta[key], str):
            problems.append(Problem(path, at(key), f"'{key}' must be text"))
    desc = meta.get("description")
    if isinstance(desc, str) and len(desc.strip()) > MAX_DESCRIPTION:
        problems.append(Problem(path, at("description"),
                                f"'description' is {len(desc.strip())} characters; the limit is {MAX_DESCRIPTION}"))
    dates = {}
    for key in ("reviewed", "next_review"):
        if meta.get(key) in (None, ""):
            continue
        dates[key] = _date(meta[key])
        if dates[key] is None:
            problems.append(Problem(path, at(key), _bad_date(key, meta[key])))
    reviewed, next_review = dates.get("reviewed"), dates.get("next_review")
    if reviewed and reviewed > (today or dt.date.today()):
        problems.append(Problem(path, at("reviewed"), f"'reviewed' date {reviewed.isoformat()} is in the future: "
                                "write the day the page was last checked"))
    if reviewed and next_review:
        if next_review <= reviewed:
            problems.append(Problem(path, at("next_review"), "'next_review' must be after 'reviewed'"))
        elif next_review > add_years(reviewed, MAX_REVIEW_YEARS):
            problems.append(Problem(path, at("next_review"),
                                    f"'next_review' is more than {MAX_REVIEW_YEARS} years after 'reviewed' "
                                    f"(latest allowed: {add_years(reviewed, MAX_REVIEW_YEARS).isoformat()})"))
    if "clinical_review" in meta:
        why = clinical_review(meta["clinical_review"], today)
        if why:
            problems.append(Problem(path, at("clinical_review"), why))
    elif require_clinical_review:
        problems.append(Problem(path, fm.start_line, "front matter is missing 'clinical_review': write "
                                "'clinical_review: none' until a clinician has reviewed the page"))
    if "citations" in meta and str(meta["citations"]).strip().lower() != "none":
        problems.append(Problem(path, at("citations"),
                                "'citations' may only be 'none' (for a page that states no facts)"))
    return problems


def clinical_review(value, today: dt.date | None = None) -> str | None:
    """Why the front matter `clinical_review` value is wrong, or None when it is fine."""
    today = today or dt.date.today()
    if isinstance(value, str) and value.strip().lower() == "none":
        return None
    if not isinstance(value, dict):
        return ("'clinical_review' must be 'none' (no clinician has reviewed the page) or "
                "{by: \"Name, credentials\", date: YYYY-MM-DD}")
    unknown = sorted(set(value) - {"by", "date"})
    if unknown:
        return f"'clinical_review' has an unknown field '{unknown[0]}' (fields: by, date)"
    if not isinstance(value.get("by"), str) or not value["by"].strip():
        return "'clinical_review' needs 'by': the reviewing clinician's name"
    day = _date(value.get("date"))
    if day is None:
        return "'clinical_review' needs 'date' written YYYY-MM-DD"
    if day > today:
        return f"'clinical_review' date {day.isoformat()} is in the future"
    return None


@dataclass(frozen=True)
class Review:
    reviewed: dt.date
    next_review: dt.date
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.next_review - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def review(meta: dict, today: dt.date) -> Review | None:
    reviewed, next_review = _date(meta.get("reviewed")), _date(meta.get("next_review"))
    if reviewed and next_review:
        return Review(reviewed, next_review, today)
    return None


def human_date(day: dt.date, lang: str = "en") -> str:
    from .i18n import human_date as localized
    return localized(day, lang)


def _time(day: dt.date, lang: str = "en") -> str:
    return f'<time datetime="{day.isoformat()}">{human_date(day, lang)}</time>'


def review_line_html(r: Review, lang: str = "en") -> str:
    from .i18n import t
    return (f'<p class="omg-review">{t(lang, "last_reviewed")} {_time(r.reviewed, lang)} · '
            f'{t(lang, "next_review")} {_time(r.next_review, lang)}</p>')


def due_notice_html(r: Review, lang: str = "en") -> str:
    from .i18n import t
    return ('<div class="admonition warning omg-due" role="note">'
            f'<p class="admonition-title">{t(lang, "due_title")}</p>'
            f'<p>{t(lang, "due_text", date=_time(r.next_review, lang))}</p></div>')


def add_review_html(content: str, r: Review, lang: str = "en") -> str:
    """Append the review line; when overdue, put a notice right after the page's <h1>."""
    out = content + "\n" + review_line_html(r, lang)
    if r.overdue:
        m = re.search(r"</h1>", out)
        at = m.end() if m else 0
        out = out[:at] + "\n" + due_notice_html(r, lang) + out[at:]
    return out


def json_script(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element: no '<', '>' or '&'."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def medical_webpage(meta: dict, url: str | None, site_name: str, language: str = "en-US") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.get("title"),
        "description": meta.get("description"),
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
    if url:
        data["url"] = url
    reviewed = _date(meta.get("reviewed"))
    if reviewed:
        data["lastReviewed"] = reviewed.isoformat()
    return {k: v for k, v in data.items() if v is not None}
