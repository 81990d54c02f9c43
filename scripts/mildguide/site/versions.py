"""When a page last changed, and a hash of what it says: `modified`, `content_hash`,
`changes.json` and the Atom feed `changes.xml`.

`modified` is the later of the page's `reviewed` date and the date of the last git commit
that touched its Markdown file. Without git (a tarball, a copy) it is the `reviewed` date
alone. Both are inputs of the build, so the same input gives the same output: nothing here
reads the clock.

`content_hash` is "sha256:" + the SHA-256 of what the page says (title, description, review
date, its content HTML with site-relative links, its sources), so it does not change with
`site_url` and a clinic can compare its copy with the guide's.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
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
    for item in changes["items"]:
        if item["type"] != "page" or not item["modified"]:
            continue
        entry = sub(feed, "entry")
        sub(entry, "id", _entry_id(item, site_link))
        sub(entry, "title", item["title"])
        sub(entry, "updated", item["modified"])
        sub(entry, "link", rel="alternate", type="text/html", href=item["url"])
        sub(entry, "link", rel="related", type="application/json", href=item["json"])
        summary = (f"Last changed {item['modified'][:10]}. Reviewed {item['reviewed'] or 'not yet'}. "
                   f"Content hash {item['content_hash']}: if it differs from the one you "
                   f"copied, check your copy again.")
        sub(entry, "summary", summary, type="text")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
