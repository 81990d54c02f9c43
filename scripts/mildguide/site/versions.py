"""When a page last changed, and a hash of what it says: `modified`, `content_hash`,
`changes.json` and the Atom feed `changes.xml`.

`modified` is the later of the page's `reviewed` date and the date of the last git commit
that touched its Markdown file. Without git (a tarball, a copy) it is the `reviewed` date
alone. Both are inputs of the build, so the same input gives the same output: nothing here
reads the clock.

`what_changed` is one line saying what the last change of a page's file touched, generated
from that commit's diff: the page's sections (its `## ` headings) whose lines changed. A widget
says whether its own section changed. changes.json and changes.xml are written from the same
list of items, widgets included.

`content_hash` is "sha256:" + the SHA-256 of what the page says (title, description, review
date, its content HTML with site-relative links, its sources), so it does not change with
`site_url` and a clinic can compare its copy with the guide's.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import subprocess
import uuid
from pathlib import Path
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
CHANGES_JSON = "changes.json"
CHANGES_FEED = "changes.xml"


def git_dates(folder: Path) -> dict[str, _dt.datetime]:
    """Path (relative to `folder`) -> UTC time of the last commit that changed it.

    One `git log` for the whole folder. Empty when git is missing, `folder` is not in a work
    tree, or git fails: the caller falls back to the review dates."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        proc = subprocess.run(
            ["git", "log", "--relative", "--no-renames", "--name-only", "--format=%x00%ct", "--", "."],
            cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    out: dict[str, _dt.datetime] = {}
    when = None
    for line in proc.stdout.splitlines():
        if line.startswith("\x00"):
            when = _dt.datetime.fromtimestamp(int(line[1:]), _dt.timezone.utc)
        elif line.strip() and when is not None:
            out.setdefault(line.strip(), when)          # newest first: keep the first seen
    return out


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_H2 = re.compile(r"^## +(.+?)(?:\s*\{[^}]*\})?\s*$")
WORDS = {
    "en": {"new": "First published.", "changed": "Changed: {parts}.", "front": "page details",
           "top": "the opening", "none": "No history in this copy (reviewed {reviewed}).",
           "own": "Changed: this part.", "with": "Unchanged itself; its page changed: {parts}.",
           "hash": "Content hash {hash}: if it differs from the one you copied, check your copy again."},
    "es": {"new": "Primera publicación.", "changed": "Cambió: {parts}.", "front": "datos de la página",
           "top": "el comienzo", "none": "Sin historial en esta copia (revisada el {reviewed}).",
           "own": "Cambió: esta parte.", "with": "Sin cambios propios; su página cambió: {parts}.",
           "hash": "Huella {hash}: si no es la que copió, revise su copia."},
}


def _git(folder: Path, *args: str) -> str | None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        proc = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def head(folder: Path) -> str | None:
    """The commit checked out (None without git): what changed_sections reads besides the file."""
    out = _git(folder, "rev-parse", "HEAD")
    return out.strip() if out else None


def changed_sections(folder: Path, rel: str) -> list[str] | None:
    """The sections of `rel` (a Markdown file under `folder`) that its last commit changed, in
    page order: "" for the front matter, "#" for the text before the first `## `, else the
    heading. [] when that commit added the file; None without git history for it."""
    return changed_sections_of(folder, [rel])[rel]


def changed_sections_of(folder: Path, rels: list[str]) -> dict[str, list[str] | None]:
    """changed_sections of each of `rels`, with one `git show` for all their last commits."""
    commits = last_commits(folder, rels)
    wanted = sorted({c for c in commits.values() if c})
    shown = wanted and _git(folder, "-c", "core.quotepath=off", "show", "--format=%x00%H", "--unified=0", "--no-renames", "--relative",
                            "--diff-merges=first-parent", *wanted, "--", *sorted(set(rels)))  # a merge: what it brought in
    diffs: dict[tuple[str, str], str] = {}
    for block in (shown or "").split("\x00")[1:]:
        commit, _, rest = block.partition("\n")
        for part in re.split(r"^(?=diff --git )", rest, flags=re.M):
            head = re.match(r"diff --git a/(.*) b/", part)
            if head:
                diffs[(commit, head.group(1))] = part
    return {rel: _sections(folder, rel, diffs.get((commits[rel], rel), "")) for rel in rels}


_HEADER = re.compile(r"\n?([0-9a-f]{40,64})(?: \(from ([0-9a-f]{40,64})\))?(?: |$)")


def last_commits(folder: Path, rels: list[str]) -> dict[str, str]:
    """rel -> the commit `git log -1 -- rel` names ("" for none), from two git processes for
    all of them (one per file cost 5 ms of CPU each, most of it starting git).

    git's default history simplification, as it applies to one path: from HEAD, a commit whose
    file is the same as in one of its parents (the first such, in parent order) is passed over
    for that parent; the first commit that differs from every parent is the answer (a root
    commit: when it has the file). `git log -m --raw` lists each commit's changed paths against
    each of its parents (a merge's parent that differs in no path under `folder` gets no list)."""
    graph = _git(folder, "rev-list", "--parents", "HEAD")
    log = graph is not None and _git(folder, "-c", "core.quotepath=off", "log", "-m", "--root", "--raw", "-z",
                                     "--no-renames", "--no-abbrev", "--relative", "--no-decorate", "--no-color",
                                     "--pretty=oneline")
    if not log:
        return {rel: "" for rel in rels}
    parents = {}
    for line in graph.splitlines():
        commit, *ps = line.split()
        parents[commit] = ps
    changed: dict[tuple[str, str | None], set[str]] = {}
    paths: set[str] = set()
    tokens = log.split("\x00")
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.lstrip("\n").startswith(":"):     # `:mode mode blob blob status`, then the path
            paths.add(tokens[k + 1] if k + 1 < len(tokens) else "")
            k += 2
            continue
        m = _HEADER.match(token)
        if m:                                       # `<commit> [(from <parent>)] <subject>`
            commit = m.group(1)
            paths = changed.setdefault((commit, m.group(2) or next(iter(parents.get(commit) or ()), None)), set())
        k += 1
    head = graph.split(maxsplit=1)[0]
    out = {}
    for rel in rels:
        commit = head
        while commit in parents:
            ps = parents[commit]
            if not ps:
                commit = commit if rel in changed.get((commit, None), ()) else ""
                break
            same = next((p for p in ps if rel not in changed.get((commit, p), ())), None)
            if same is None:
                break
            commit = same
        out[rel] = commit if commit in parents else ""
    return out


def _sections(folder: Path, rel: str, diff: str) -> list[str] | None:
    if not diff:
        return None
    if "\nnew file mode" in diff or diff.startswith("new file mode") or "--- /dev/null" in diff:
        return []
    path = folder / rel
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    front_end = 0
    if lines[:1] == ["---"]:
        front_end = next((i + 1 for i, t in enumerate(lines[1:], 1) if t.strip() == "---"), 0)
    headings = [(i + 1, m.group(1)) for i, t in enumerate(lines) if (m := _H2.match(t))]
    found: list[str] = []
    for start, count in _HUNK.findall(diff):
        first, n = int(start), int(count) if count else 1
        for line in range(first, first + max(n, 1)):
            if line <= front_end:
                name = ""
            else:
                name = next((h for at, h in reversed(headings) if at <= line), "#")
            if name not in found:
                found.append(name)
    return found


def what_changed(sections: list[str] | None, lang: str, reviewed: str | None,
                 widget_title: str | None = None) -> str:
    """One line for changes.json and changes.xml: what the last change touched."""
    words = WORDS.get(lang, WORDS["en"])
    if sections is None:
        return words["none"].format(reviewed=reviewed or "-")
    if not sections:
        return words["new"]
    names = [words["front"] if s == "" else words["top"] if s == "#" else s for s in sections]
    if widget_title is not None:
        return words["own"] if widget_title in sections else words["with"].format(parts="; ".join(names))
    return words["changed"].format(parts="; ".join(names))


def rfc3339(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def modified(reviewed: str | None, git_time: _dt.datetime | None) -> str | None:
    """The later of the review date (midnight UTC) and the last commit time, RFC 3339."""
    times = []
    if reviewed:
        try:
            times.append(_dt.datetime.combine(_dt.date.fromisoformat(reviewed), _dt.time(),
                                              _dt.timezone.utc))
        except ValueError:
            pass
    if git_time is not None:
        times.append(git_time)
    return rfc3339(max(times)) if times else None


def content_hash(*parts) -> str:
    """"sha256:<hex>" of the parts (strings, lists, dicts), serialised canonically."""
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- changes.json / Atom

def changes_record(*, site_name: str, site_url: str, items: list[dict], feed_url: str) -> dict:
    """changes.json: every page and widget with its `modified` and `content_hash`, most
    recently changed first (ties by type and id, so the same input gives the same file)."""
    items = sorted(items, key=lambda i: (i["type"], i["id"]))
    items.sort(key=lambda i: i["modified"] or "", reverse=True)
    return {
        "schema_version": 1,
        "site_name": site_name,
        "site_url": site_url or None,
        "updated": max((i["modified"] for i in items if i["modified"]), default=None),
        "feed": feed_url,
        "items": items,
    }


def _entry_id(item: dict, site_link: str) -> str:
    """A stable id per page *version* of this site: a feed reader shows a changed page as a
    new entry, and a clinic's copy never shares an entry id with the guide."""
    seed = f"open-mild-guide:{site_link}:{item['id']}:{item['content_hash']}"
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


def atom_feed(changes: dict, *, title: str, self_url: str, site_link: str, author: str) -> str:
    """An Atom 1.0 feed (RFC 4287) with one entry per page: its current version."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"open-mild-guide:changes:{site_link}")))
    sub(feed, "title", title)
    sub(feed, "updated", changes["updated"] or "1970-01-01T00:00:00Z")
    sub(sub(feed, "author"), "name", author)
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=site_link)
    for item in changes["items"]:           # the same items as changes.json, widgets included
        entry = sub(feed, "entry")
        sub(entry, "id", _entry_id(item, site_link))
        sub(entry, "title", item["title"])
        sub(entry, "updated", item["modified"] or "1970-01-01T00:00:00Z")
        sub(entry, "link", rel="alternate", type="text/html", href=item["url"] or item["embed_url"])
        if item["json"]:
            sub(entry, "link", rel="related", type="application/json", href=item["json"])
        words = WORDS.get(item["lang"], WORDS["en"])
        summary = f"{item['what_changed']} " + words["hash"].format(hash=item["content_hash"])
        sub(entry, "summary", summary, type="text", **{"{http://www.w3.org/XML/1998/namespace}lang": item["lang"]})
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
