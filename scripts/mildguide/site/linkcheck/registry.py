"""The external URLs the project knows about (links.yml, the sources registry in
docs/sources.md, URLs in the MkDocs config), and the rules every external link follows
(https, no shortener or tracker host, no tracking parameter). Pure: reads files, no network.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .model import Problem, Registry

REGISTRY_FILE = "links.yml"
URL_VALUE = re.compile(r"^https?://\S+$", re.I)

# Hosts that shorten or track: a link to them hides where it goes or reports the reader.
BLOCKED_HOSTS = {
    "bit.ly": "URL shortener", "t.co": "URL shortener", "goo.gl": "URL shortener",
    "tinyurl.com": "URL shortener", "ow.ly": "URL shortener", "is.gd": "URL shortener",
    "buff.ly": "URL shortener", "rebrand.ly": "URL shortener", "cutt.ly": "URL shortener",
    "shorturl.at": "URL shortener", "rb.gy": "URL shortener", "tiny.cc": "URL shortener",
    "bl.ink": "URL shortener", "lnkd.in": "URL shortener", "t.ly": "URL shortener",
    "s.id": "URL shortener", "v.gd": "URL shortener", "adf.ly": "URL shortener",
    "fb.me": "URL shortener", "youtu.be": "URL shortener", "amzn.to": "URL shortener",
    "doubleclick.net": "ad tracker", "googleadservices.com": "ad tracker",
    "googlesyndication.com": "ad tracker", "google-analytics.com": "tracker",
    "googletagmanager.com": "tracker", "analytics.google.com": "tracker",
    "connect.facebook.net": "tracker (Facebook pixel)", "pixel.facebook.com": "tracker (Facebook pixel)",
    "facebook.com/tr": "tracker (Facebook pixel)", "bat.bing.com": "tracker",
    "hotjar.com": "tracker", "segment.io": "tracker", "mixpanel.com": "tracker",
    "clicks.mlsend.com": "click tracker", "list-manage.com": "click tracker",
    "hubspotlinks.com": "click tracker", "mailchi.mp": "click tracker",
    "l.facebook.com": "click tracker", "out.reddit.com": "click tracker",
    "click.linksynergy.com": "click tracker", "awin1.com": "click tracker",
}
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_hsenc|_hsmi|"
    r"igshid|twclid|ttclid|li_fat_id|mkt_tok|_ga|_gl|oly_enc_id|oly_anon_id|vero_id|s_cid)$", re.I)

def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _front_matter(text: str) -> dict:
    match = re.match(r"^---\s*\n(.*?\n)(?:---|\.\.\.)\s*(\n|$)", text, re.S)
    if not match:
        return {}
    try:
        from ...content import load_yaml
        data = load_yaml(match.group(1))
    except (yaml.YAMLError, ValueError):   # ValueError: no such date; the front matter check reports both
        return {}
    return data if isinstance(data, dict) else {}


def _walk_strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):      # MkDocs' `extra` is a Config mapping, not a dict
        for key, sub in value.items():
            yield from _walk_strings(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, sub in enumerate(value):
            yield from _walk_strings(sub, f"{path}[{index}]")


def load_registry(project_dir: Path, docs_dir: Path | None, config: dict | None = None) -> Registry:
    """Read links.yml, the sources registry in docs/sources.md and URLs in the MkDocs config."""
    reg = Registry()
    seen: dict[str, str] = {}        # url -> where it was listed first

    def add(url: str, note: str, where: str, line: int | None, prefix: bool = False) -> None:
        url = url.strip()
        if not url.lower().startswith("https://"):
            reg.problems.append(Problem(where, line, "registered external URL must use https://", url))
        if url in seen:
            reg.problems.append(Problem(where, line, f"external URL listed twice (also in {seen[url]})", url))
            return
        seen[url] = f"{where}:{line}" if line else where
        if prefix:
            reg.prefixes.append((url, note))
        else:
            reg.exact[url] = note

    links_file = project_dir / REGISTRY_FILE
    if links_file.is_file():
        text = links_file.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            reg.problems.append(Problem(REGISTRY_FILE, mark.line + 1 if mark else None,
                                        f"malformed YAML: {getattr(err, 'problem', err)}"))
            data = {}
        entries = data.get("links", []) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            reg.problems.append(Problem(REGISTRY_FILE, 1, "expected a `links:` list of {url, note}"))
            entries = []
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("url"):
                reg.problems.append(Problem(REGISTRY_FILE, None, "entry without `url`", str(entry)))
                continue
            url = str(entry["url"])
            line = _line_of(text, url)
            if not str(entry.get("note") or "").strip():
                reg.problems.append(Problem(REGISTRY_FILE, line, "entry has no `note` saying what the link is", url))
            if entry.get("match", "exact") not in ("exact", "prefix"):
                reg.problems.append(Problem(REGISTRY_FILE, line, "`match` must be exact or prefix", url))
            add(url, str(entry.get("note") or ""), REGISTRY_FILE, line, entry.get("match") == "prefix")

    if docs_dir is not None and (docs_dir / "sources.md").is_file():
        sources_path = docs_dir / "sources.md"
        text = sources_path.read_text(encoding="utf-8")
        where = _rel(sources_path, project_dir)
        for entry in _front_matter(text).get("sources") or []:
            if not isinstance(entry, dict):
                continue
            note = f"source {entry.get('id')}: {entry.get('title', '')}".strip()
            if entry.get("url"):
                add(str(entry["url"]), note, where, _line_of(text, str(entry["url"])))
            if entry.get("doi"):
                doi = str(entry["doi"]).strip()
                doi_url = doi if doi.startswith("https://") else f"https://doi.org/{doi}"
                if doi_url not in seen:
                    add(doi_url, note + " (DOI)", where, _line_of(text, doi))

    # Written by the build itself for CC BY attribution (mildguide.attribution), in every project:
    # registered here so a fork's own links.yml need not list them (listing them there is fine too).
    from ...attribution import GUIDE_URL, LICENSE_URL
    if LICENSE_URL not in seen:
        reg.exact[LICENSE_URL] = "CC BY 4.0 license of the text (attribution in the JSON export)"
    if GUIDE_URL not in seen:
        reg.prefixes.append((GUIDE_URL, "the upstream guide, credited by clinic copies (attribution)"))

    repos = []
    if config:
        # The repository: the config's own, and a clinic copy's (extra.clinic.repo_url, which
        # scripts/hooks/clinic.py makes the repo_url; its edit_uri defaults as there).
        clinic = (config.get("extra") or {}).get("clinic") or {}
        repos = [(config.get("repo_url"), config.get("edit_uri"))]
        if isinstance(clinic, dict) and clinic.get("repo_url"):
            repos.append((str(clinic["repo_url"]), clinic.get("edit_uri", "edit/main/docs/")))
    for repo_url, edit_uri in repos:
        if repo_url:
            reg.exact.setdefault(repo_url, "repository (mkdocs.yml repo_url)")
            seen.setdefault(repo_url, "mkdocs.yml")
            if edit_uri:
                base = repo_url.rstrip("/") + "/" + str(edit_uri).lstrip("/")
                reg.prefixes.append((base, "\"Edit this page\" links (mkdocs.yml repo_url + edit_uri)"))
            reg.prefixes.append((repo_url.rstrip("/") + "/issues/new?",
                                 "\"Report a problem with this page\" links (repo_url + /issues/new)"))
    if config:
        for path, value in _walk_strings(config.get("extra") or {}, "extra"):
            if URL_VALUE.match(value) and value not in seen:
                reg.exact[value] = f"mkdocs config {path}"
                seen[value] = "mkdocs config"
    return reg


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def external_problems(url: str) -> list[str]:
    """What is wrong with an external URL, ignoring the registry (pure)."""
    out = []
    parts = urlsplit(url)
    if parts.scheme.lower() == "http":
        out.append("external link must use https://")
    host = (parts.hostname or "").lower()
    for blocked, kind in BLOCKED_HOSTS.items():
        if "/" in blocked:
            b_host, b_path = blocked.split("/", 1)
            if (host == b_host or host.endswith("." + b_host)) and \
                    (parts.path.rstrip("/") == "/" + b_path or parts.path.startswith(f"/{b_path}/")):
                out.append(f"link to a {kind}")
        elif host == blocked or host.endswith("." + blocked):
            out.append(f"link to a {kind} ({blocked})")
    for pair in parts.query.split("&"):
        name = pair.split("=", 1)[0]
        if name and TRACKING_PARAMS.match(name):
            out.append(f"tracking parameter `{name}` in link")
            break
    return out
