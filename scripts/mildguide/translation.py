"""Translations that say when they are out of date (issue 16; ARCHITECTURE.md "Spanish edition").

Each Spanish page records, in its front matter, which English page it translates and which
version of it:

    translation:
      of: recovery.md
      source_hash: sha256:…            # `make translation-stamp` fills it
      source_commit: 1a2b3c…           # the English page's last commit then (for the diff)
      translated_by: "AI-assisted draft for Open MILD Guide"
      medical_translator_review: none  # or {by: "Name, credentials", date: YYYY-MM-DD}

`state()` compares the hash with the English file as it is now: current, stale (since the
English file's last change), unstamped, or missing (no Spanish file). The build shows a
stale page's notice, the JSON export and the review report carry the state, and
`python -m mildguide.translation report` (`make translation-report`) lists every page with the
English diff since the translation. Pure except for reading files and asking local git.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import functools
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import i18n

STAMP_KEYS = ("of", "source_hash", "source_commit", "translated_by", "medical_translator_review")


def content_hash(text: str) -> str:
    """The version of an English page: sha256 of its text (line endings normalised)."""
    return "sha256:" + hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def _front_matter(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except Exception:       # a bad front matter is reported by the build, with its line
        return {}
    return copy.deepcopy(_meta_of(text, str(path)))


@functools.lru_cache(maxsize=256)
def _meta_of(text: str, label: str) -> dict:
    """A page's front matter, memoised on its text (every page's notice asks at each `make
    serve` rebuild)."""
    from . import frontmatter
    try:
        return frontmatter.parse(text, label).meta
    except Exception:       # a bad front matter is reported by the build, with its line
        return {}


def _git(project: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def last_change(project: Path, path: Path) -> dt.date:
    """When the English file last changed: today when it has uncommitted changes, else its last
    commit's date, else (no git) the file's modification date."""
    rel = os.path.relpath(path, project)
    dirty = _git(project, "status", "--porcelain", "--", rel)
    if dirty is not None and dirty.strip():
        return dt.date.fromtimestamp(path.stat().st_mtime)
    date = _git(project, "log", "-1", "--format=%cs", "--", rel)
    if date and date.strip():
        return dt.date.fromisoformat(date.strip())
    return dt.date.fromtimestamp(path.stat().st_mtime)


@dataclass
class State:
    norm_src: str              # recovery.md
    es_src: str | None         # recovery.es.md, or None when missing
    state: str                 # current | stale | unstamped | missing
    since: dt.date | None = None       # stale: when the English page changed
    source_commit: str | None = None
    meta: dict | None = None

    @property
    def label(self) -> str:
        if self.state == "stale":
            return f"stale since {self.since.isoformat()}"
        if self.state == "unstamped":
            return f"not stamped (run make translation-stamp PAGES={self.es_src})"
        return self.state


def state(docs_dir: Path, norm_src: str, lang: str = "es", project: Path | None = None) -> State:
    docs_dir = Path(docs_dir)
    project = project or docs_dir.parent
    name = i18n.localized(norm_src, lang)
    path = docs_dir / name
    if not path.is_file():
        return State(norm_src, None, "missing")
    meta = _front_matter(path)
    info = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    english = docs_dir / norm_src
    recorded = info.get("source_hash")
    commit = info.get("source_commit")
    if not recorded or not english.is_file():
        return State(norm_src, name, "unstamped", meta=meta, source_commit=commit)
    if str(recorded) == content_hash(english.read_text(encoding="utf-8-sig")):
        return State(norm_src, name, "current", meta=meta, source_commit=commit)
    return State(norm_src, name, "stale", since=last_change(project, english), meta=meta,
                 source_commit=commit)


def _review_value(value):
    if isinstance(value, dict) and value.get("by"):
        return value
    return None


def page_info(docs_dir, src_uri: str | None, lang: str, content_lang: str, meta: dict,
              today: dt.date) -> dict:
    """What overrides/main.html and 404.html show for a page in `lang` (plain strings: the
    templates escape them)."""
    info = {
        "lang": lang, "html_lang": i18n.HTML_LANG.get(lang, lang), "og_locale": i18n.OG_LOCALE.get(lang, "en_US"),
        "t": {k: i18n.t(lang, k) for k in i18n.STRINGS[i18n.DEFAULT]},
        "home": i18n.prefix(lang), "fallback": False, "content_lang": content_lang,
        "notice": None, "credit": [], "draft": None,
    }
    if src_uri is None or lang == i18n.DEFAULT:
        return info
    norm, _ = i18n.split(src_uri)
    english_url = norm[:-3] + "/" if not norm.endswith("index.md") else norm[: -len("index.md")]
    if content_lang != lang:            # not translated yet: the English page, with a notice
        info["fallback"] = True
        info["notice"] = {"kind": "fallback", "title": i18n.t(lang, "fallback_title"),
                          "text": i18n.t(lang, "fallback_text"), "href": english_url,
                          "link": i18n.t(lang, "stale_link")}
        return info
    st = state(Path(docs_dir), norm, lang)
    if st.state == "stale":
        info["notice"] = {"kind": "stale", "title": i18n.t(lang, "stale_title"),
                          "text": i18n.t(lang, "stale_text", date=i18n.human_date(st.since, lang)),
                          "href": english_url, "link": i18n.t(lang, "stale_link"),
                          "since": st.since.isoformat()}
    tr = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    if tr.get("translated_by"):
        info["credit"].append(i18n.t(lang, "translated_by", by=str(tr["translated_by"]).strip()))
    review = _review_value(tr.get("medical_translator_review"))
    if review:
        info["credit"].append(i18n.t(lang, "medical_translator", by=str(review["by"]).strip(),
                                     date=str(review.get("date", ""))))
    else:       # a draft: said at the top of the page, with the credit, away from the review date
        info["draft"] = {"title": i18n.t(lang, "draft_title"), "text": i18n.t(lang, "draft_text"),
                         "short": i18n.t(lang, "draft_short"), "more": i18n.t(lang, "draft_more"),
                         "href": english_url, "link": i18n.t(lang, "stale_link")}
    return info


# --------------------------------------------------------------------------- stamp and report

def english_pages(docs_dir: Path) -> list[str]:
    """Every English page (docs-relative), sorted."""
    out = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not i18n.is_translation(rel) and not any(p.startswith(".") for p in rel.split("/")):
            out.append(rel)
    return out


_TRANSLATION_BLOCK = re.compile(r"^translation:[ \t]*\n((?:[ \t]+.*\n|[ \t]*\n)*)", re.M)


def stamp_text(text: str, english_hash: str, commit: str | None) -> str:
    """`text` (a Spanish page) with translation.source_hash / source_commit set. Edits the lines
    in place so the rest of the front matter keeps its layout and comments."""
    from . import frontmatter
    m = frontmatter.YAML_RE.match(text)
    if not m:
        raise ValueError("no front matter")
    head = m.group(1)
    block = _TRANSLATION_BLOCK.search(head)
    values = {"source_hash": english_hash, "source_commit": commit or "null"}
    if not block:
        lines = "translation:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items())
        new_head = head + lines
    else:
        body = block.group(1)
        for key, value in values.items():
            pattern = re.compile(rf"^([ \t]+){key}:.*$", re.M)
            if pattern.search(body):
                body = pattern.sub(lambda mm: f"{mm.group(1)}{key}: {value}", body, count=1)
            else:
                indent = re.match(r"[ \t]+", body).group(0) if re.match(r"[ \t]+", body) else "  "
                body = body.rstrip("\n") + f"\n{indent}{key}: {value}\n"
        new_head = head[:block.start(1)] + body + head[block.end(1):]
    return text[:m.start(1)] + new_head + text[m.end(1):]


class StampError(Exception):
    """Why `make translation-stamp` refuses (nothing is stamped)."""


USAGE = ("name the Spanish pages you translated: make translation-stamp PAGES=\"recovery.es.md faq.es.md\" "
         "(stamping every page would mark stale pages current and hide their notice)")


def check_stampable(docs_dir: Path, pages: list[str], lang: str = "es") -> list[str]:
    """The Spanish pages `pages` names (x.es.md or x.md, with or without docs/), or StampError:
    no page named, a page that does not exist, or an English page with uncommitted changes (a
    stamp must name a real English commit, or `make translation-report` cannot show the diff)."""
    docs_dir = Path(docs_dir)
    project = docs_dir.parent
    if not pages:
        raise StampError(USAGE)
    names = []
    for page in pages:
        # docs-relative, so a page in a folder keeps it (faq/topic-cost.es.md)
        name = Path(page).as_posix().removeprefix(f"{docs_dir.name}/")
        norm, _ = i18n.split(name)
        spanish = i18n.localized(norm, lang)
        if not (docs_dir / spanish).is_file():
            raise StampError(f"{docs_dir.name}/{spanish}: no such Spanish page (from '{page}')")
        english = f"{docs_dir.name}/{norm}"
        dirty = _git(project, "status", "--porcelain", "--", english)
        if dirty is None:
            raise StampError(f"{english}: cannot ask git whether the English page is committed; "
                             "a stamp records the English page's commit")
        if dirty.strip():
            raise StampError(f"{english} has uncommitted changes: commit the English page first, then "
                             f"stamp {docs_dir.name}/{spanish} (the stamp records its commit)")
        names.append(spanish)
    return names


def stamp(docs_dir: Path, pages: list[str] | None = None, lang: str = "es") -> list[str]:
    """Record the current English version in each Spanish page (or only `pages`); returns the
    pages whose stamp changed. Run after updating a translation. (`make translation-stamp`
    goes through check_stampable first.)"""
    docs_dir = Path(docs_dir)
    project = docs_dir.parent
    done = []
    for norm in english_pages(docs_dir):
        name = i18n.localized(norm, lang)
        path = docs_dir / name
        if not path.is_file() or (pages and name not in pages and norm not in pages):
            continue
        english = (docs_dir / norm).read_text(encoding="utf-8-sig")
        commit = (_git(project, "log", "-1", "--format=%H", "--", f"{docs_dir.name}/{norm}") or "").strip() or None
        old = path.read_text(encoding="utf-8")
        new = stamp_text(old, content_hash(english), commit)
        if new != old:
            path.write_text(new, encoding="utf-8")
            done.append(name)
    return done


def diff_since(project: Path, docs_dir: Path, st: State) -> str:
    """The English page's changes since the translation: git diff from the recorded commit."""
    english = f"{os.path.relpath(docs_dir, project)}/{st.norm_src}"
    if not st.source_commit or str(st.source_commit) == "None":
        return ("  (no English diff: the page records no source_commit; commit the English page, then "
                f"make translation-stamp PAGES={st.es_src} once the translation matches it)")
    out = _git(project, "diff", str(st.source_commit), "--", english)
    if out is None:
        return (f"  (no English diff: commit {st.source_commit} is not in this clone's git history; "
                "a shallow clone lacks it: git fetch --unshallow)")
    return out.rstrip() or "  (git shows no change since that commit: the change is uncommitted or only in line endings)"


def report(docs_dir: Path, lang: str = "es", with_diff: bool = True) -> str:
    docs_dir = Path(docs_dir)
    project = docs_dir.parent
    rows, diffs = [], []
    for norm in english_pages(docs_dir):
        st = state(docs_dir, norm, lang, project)
        rows.append(f"{i18n.localized(norm, lang):32} {st.label}")
        if with_diff and st.state == "stale":
            diffs.append(f"\n=== {st.es_src}: English changes since the translation "
                         f"(docs/{norm}) ===\n{diff_since(project, docs_dir, st)}")
    counts = {}
    for norm in english_pages(docs_dir):
        key = state(docs_dir, norm, lang, project).state
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return (f"Spanish translation report ({summary})\n" + "\n".join(rows) + "\n" + "".join(diffs)).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="every Spanish page: current, stale since <date>, missing")
    r.add_argument("--docs", default="docs")
    r.add_argument("--no-diff", action="store_true")
    s = sub.add_parser("stamp", help="record the current English version in Spanish pages")
    s.add_argument("--docs", default="docs")
    s.add_argument("pages", nargs="*", help="only these pages (recovery.es.md or recovery.md)")
    args = parser.parse_args(argv)
    if args.command == "report":
        sys.stdout.write(report(Path(args.docs), with_diff=not args.no_diff))
        return 0
    try:
        names = check_stampable(Path(args.docs), args.pages)
    except StampError as error:
        print(f"translation-stamp: {error}", file=sys.stderr)
        return 2
    changed = stamp(Path(args.docs), names)
    for name in names:
        print(f"{'stamped' if name in changed else 'already current'}: docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
