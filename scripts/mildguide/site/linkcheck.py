"""Post-build link checker: every file the build wrote, no network.

Checks, over every HTML page (content pages, 404.html, embed pages …), sitemap.xml and JSON
file in the built site:

* every internal ``href``/``src``/``srcset`` (and ``poster``, social ``<meta>`` URLs, JSON-LD
  URLs) resolves to a built file, and every ``#fragment`` to an element ``id`` (or ``<a name>``)
  in the target;
* ``<loc>`` in sitemap.xml and URLs in JSON files that start with ``site_url`` resolve the same way
  (``location`` entries of the search index too);
* every Markdown page is in the nav or listed in ``not_in_nav``, and reachable by links from the
  home page (no orphans);
* external links use https, point to no tracking or URL-shortener host, carry no tracking
  parameters, and are listed once in the links registry (``links.yml`` + the sources registry in
  ``docs/sources.md`` + URLs written in the MkDocs config);
* page content holds no ``<script>`` (other than JSON data), no ``on…=`` attribute and no
  ``javascript:`` URL.

Each problem is reported as ``docs/page.md:LINE: what is wrong → target`` when the link sits in
page content (the line is found by searching the Markdown for the link target), else as the
built file's path. Pure: no logging, no network; `check_site` returns the problems.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..staging import SITE_LABEL

import yaml
from lxml import etree

REGISTRY_FILE = "links.yml"

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

# JSON keys whose value names a vocabulary, not a link a reader follows.
JSON_IDENTIFIER_KEYS = {"@context", "$schema"}
URL_VALUE = re.compile(r"^https?://\S+$", re.I)
OK_SCHEMES = {"mailto", "tel", "data", "sms"}
URL_ATTRS_XPATH = etree.XPath("//@href | //@src | //@poster", smart_strings=False)
URL_ATTRS_XPATH_REL = etree.XPath(".//@href | .//@src | .//@poster", smart_strings=False)
SRCSET_XPATH = etree.XPath("//@srcset", smart_strings=False)
SRCSET_XPATH_REL = etree.XPath(".//@srcset", smart_strings=False)
HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
ID_XPATH = etree.XPath("//@id | //a/@name", smart_strings=False)
ARTICLE_XPATH = etree.XPath("//article[1]")
META_URL_XPATH = etree.XPath(
    "//meta[@content and (starts-with(@property, 'og:') or starts-with(@name, 'twitter:'))]")
JSONLD_XPATH = etree.XPath("//script[@type='application/ld+json']")
UNSAFE_IN_CONTENT = etree.XPath(".//script[not(@type='application/ld+json' or @type='application/json')]"
                                " | .//@*[starts-with(name(), 'on')]")


@dataclass(frozen=True, order=True)
class Problem:
    file: str                 # project-relative: docs/x.md, links.yml, or the built file
    line: int | None
    message: str
    target: str = ""
    key: str = field(default="", compare=False, repr=False)   # resolved target, to spot repeats

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" → {self.target}" if self.target else "")


@dataclass
class Registry:
    """External URLs the project knows about, each with a note of what it is."""
    exact: dict[str, str] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def note_for(self, url: str) -> str | None:
        key = url.split("#", 1)[0]
        if key in self.exact:
            return self.exact[key]
        for prefix, note in self.prefixes:
            if key.startswith(prefix):
                return note
        return None


@dataclass
class SiteInfo:
    """What the checker needs to know about a build."""
    site_dir: Path
    project_dir: Path
    site_url: str = ""
    docs_dir: Path | None = None
    pages: dict[str, str] = field(default_factory=dict)      # dest_uri -> src_uri (Markdown pages)
    nav_pages: set[str] | None = None                          # src_uris in nav (None: auto nav)
    not_in_nav: set[str] = field(default_factory=set)          # src_uris matched by not_in_nav
    registry: Registry = field(default_factory=Registry)
    check_reachability: bool = True

    def rel(self, path: Path) -> str:
        label = os.environ.get(SITE_LABEL)    # a staged build is named as the site it will become
        if label:
            try:
                return f"{label}/{path.resolve().relative_to(self.site_dir.resolve()).as_posix()}"
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def src_label(self, src_uri: str) -> str:
        assert self.docs_dir is not None
        return self.rel(self.docs_dir / src_uri)


# --------------------------------------------------------------------------- registry

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
        from ..content import load_yaml
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
    from ..attribution import GUIDE_URL, LICENSE_URL
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


def _srcset_urls(values) -> list[str]:
    out = []
    for value in values:
        for candidate in value.split(","):
            token = candidate.strip().split(" ", 1)[0]
            if token:
                out.append(token)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- external rules

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


# --------------------------------------------------------------------------- the checker

def _scan_page(path: str):
    """Parse one HTML file (pure; runs in worker processes on big sites)."""
    try:
        tree = etree.parse(path, etree.HTMLParser(encoding="utf-8"))
    except (etree.XMLSyntaxError, OSError):
        return None
    return _scan_tree(tree)


def _scan_tree(tree):
    """What the checker needs from one parsed page (the post-build pass hands its parse over)."""
    if tree is None or tree.getroot() is None:
        return None
    ids = ID_XPATH(tree)
    all_urls = URL_ATTRS_XPATH(tree) + _srcset_urls(SRCSET_XPATH(tree))
    content_urls: list[str] = []
    unsafe: list[tuple[str, str]] = []
    articles = ARTICLE_XPATH(tree)
    if articles:
        article = articles[0]
        content_urls = URL_ATTRS_XPATH_REL(article) + _srcset_urls(SRCSET_XPATH_REL(article))
        for el in UNSAFE_IN_CONTENT(article):
            if isinstance(el, str):       # an on… attribute
                unsafe.append((f"inline event handler `{el.attrname}=` in page content", el.attrname + "="))
            else:
                unsafe.append(("<script> in page content", "<script"))
    extra = [v for v in (m.get("content", "") for m in META_URL_XPATH(tree)) if URL_VALUE.match(v)]
    json_data, bad_json = [], False
    for script in JSONLD_XPATH(tree):
        try:
            json_data.append(json.loads(script.text or "null"))
        except ValueError:
            bad_json = True
    return ids, content_urls, all_urls, extra, json_data, unsafe, bad_json


PARALLEL_FROM = 200          # pages; below this, worker start-up costs more than it saves


class _Checker:
    def __init__(self, info: SiteInfo, trees: dict | None = None):
        self.info = info
        self.trees = trees or {}       # site-relative file -> parsed tree, parsed by the caller
        self.site = info.site_dir
        self.site_url = info.site_url or ""
        self.base_path = urlsplit(self.site_url).path if self.site_url else "/"
        if not self.base_path.endswith("/"):
            self.base_path += "/"
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for dirpath, dirnames, filenames in os.walk(self.site):
            rel = os.path.relpath(dirpath, self.site).replace(os.sep, "/")
            rel = "" if rel == "." else rel
            for d in dirnames:
                self.dirs.add(f"{rel}/{d}" if rel else d)
            for f in filenames:
                self.files.add(f"{rel}/{f}" if rel else f)
        self.ids: dict[str, set[str]] = {}
        self.problems: list[Problem] = []
        self.externals: dict[str, str] = {}      # url -> first place seen (for the online check)
        self.edges: dict[str, set[str]] = {}     # html file -> html files it links to
        self._md_cache: dict[str, list[str]] = {}
        self._target_memo: dict[str, str | None] = {}
        self._good: dict[tuple[str, str, bool], str] = {}
        self._theme_seen_changed = False
        self._key = ""
        self._theme_seen: dict[tuple[str, str], list[str]] = {}

    # -- resolution ---------------------------------------------------------
    def classify(self, url: str, base_dir: str):
        """-> (kind, path, fragment). kind: internal | external | skip | bad."""
        url = url.strip()
        if not url:
            return "skip", "", None
        if self.site_url and url.startswith(self.site_url):
            rest = url[len(self.site_url):]
            path, _, frag = rest.partition("#")
            path = path.split("?", 1)[0]
            return "internal", posixpath.normpath(unquote(path)) if path else "", frag if "#" in rest else None
        if url.startswith("#"):
            return "internal", None, url[1:]
        if not HAS_SCHEME.match(url) and url[0] != "/" and "?" not in url and "%" not in url:
            # fast path: plain relative path (most links: the nav repeats on every page)
            path, hashmark, frag = url.partition("#")
            joined = posixpath.normpath(posixpath.join(base_dir, path)) if path else None
            if joined is None:
                return "internal", None, frag if hashmark else None
            if joined == ".":
                joined = ""
            if joined.startswith(".."):
                return "bad", "link points outside the site", None
            if joined and (path.endswith("/") or path in (".", "..") or path.endswith("/.")
                           or path.endswith("/..")):
                joined += "/"
            return "internal", joined, frag if hashmark else None
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            return "external", url, None
        if scheme == "data" and not url[5:].lstrip().lower().startswith("image/"):
            return "bad", "`data:` URL that is not an image", None
        if scheme in OK_SCHEMES:
            return "skip", url, None
        if scheme:
            return "bad", f"`{scheme}:` URL", None
        if url.startswith("//"):
            return "bad", "protocol-relative URL (write https://)", None
        path = unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base_path) and path + "/" != self.base_path:
                return "bad", f"root-relative link outside the site's base path {self.base_path}", None
            joined = path[len(self.base_path):]
        else:
            joined = posixpath.join(base_dir, path) if path else None
        if joined is None:
            return "internal", None, parts.fragment if "#" in url else None
        trailing = joined.endswith("/") or path in ("", ".") or path.endswith("/.")
        joined = posixpath.normpath(joined) if joined else "."
        if joined == ".":
            joined = ""
        if joined.startswith(".."):
            return "bad", "link points outside the site", None
        if trailing and joined:
            joined += "/"
        return "internal", joined, parts.fragment if "#" in url else None

    def target_file(self, path: str) -> str | None:
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        if path in self.dirs and f"{path}/index.html" in self.files:
            return f"{path}/index.html"
        return None

    def ids_of(self, file: str) -> set[str] | None:
        if file in self.ids:
            return self.ids[file]
        if not file.endswith((".html", ".htm")):
            return None
        tree = self._parse(file)
        self.ids[file] = set(ID_XPATH(tree)) if tree is not None else set()
        return self.ids[file]

    def _parse(self, file: str):
        if file in self.trees:
            return self.trees[file]
        try:
            return etree.parse(str(self.site / file), etree.HTMLParser(encoding="utf-8"))
        except (etree.XMLSyntaxError, OSError):
            return None

    # -- reporting ----------------------------------------------------------
    def report(self, built: str, in_content: bool, message: str, target: str, raw: str | None = None) -> None:
        src = self.info.pages.get(built)
        key = self._key
        if in_content and src and self.info.docs_dir is not None:
            line = self.find_line(src, raw or target)
            self.problems.append(Problem(self.info.src_label(src), line, message, target, key))
            return
        label = self.info.rel(self.site / built)
        if not in_content and built.endswith(".html"):
            # Theme/template links repeat on every page: report once, say how many pages.
            seen = self._theme_seen.setdefault((message, target), [])
            seen.append(label)
            self._theme_seen_changed = True
            if len(seen) > 1:
                return
        self.problems.append(Problem(label, None, message, target, key))

    def find_line(self, src: str, raw: str) -> int | None:
        lines = self._md_cache.get(src)
        if lines is None:
            try:
                lines = (self.info.docs_dir / src).read_text(encoding="utf-8").splitlines()
            except OSError:
                lines = []
            self._md_cache[src] = lines
        candidates = [raw]
        path, _, frag = raw.partition("#")
        if path:
            stripped = path.rstrip("/")
            tail = stripped.rsplit("/", 1)[-1] if stripped not in ("", ".", "..") else ""
            if tail:
                stem = tail[:-5] if tail.endswith(".html") else tail
                if frag:
                    candidates += [f"{stem}.md#{frag}", f"{stem}/#{frag}"]
                candidates += [f"{stem}.md", tail]
        if frag:
            candidates.append("#" + frag)
        candidates += [c for c in (path.rstrip("/").rsplit("/", 1)[-1],) if c]
        for cand in candidates:
            if not cand or cand in (".", ".."):
                continue
            for number, line in enumerate(lines, 1):
                if cand in line:
                    return number
        return None

    # -- one URL --------------------------------------------------------------
    def check_url(self, url: str, built: str, base_dir: str, in_content: bool, html_edge: bool = True) -> None:
        # Memo of links already found good: "../../x/" from a/b/ is "x/" from the root, so the
        # nav, which repeats on every page, is resolved once per depth, not once per page.
        rbase, rurl = base_dir, url
        while rurl.startswith("../") and rbase:
            rbase = rbase.rpartition("/")[0]
            rurl = rurl[3:]
        memo_key = (rbase, rurl, html_edge)
        if not rurl.startswith("#"):
            hit = self._good.get(memo_key)
            if hit is not None:
                if hit and html_edge:
                    self.edges.setdefault(built, set()).add(hit)
                return
        before = len(self.problems)
        self._check_url(url, built, base_dir, in_content, html_edge)
        if len(self.problems) == before and not rurl.startswith("#") and not self._theme_seen_changed:
            kind, path, _ = self.classify(url, base_dir) if html_edge else ("", None, None)
            target = self.target_file(path) if kind == "internal" and path is not None else None
            self._good[memo_key] = target if target and target.endswith(".html") else ""
        self._theme_seen_changed = False

    def _check_url(self, url: str, built: str, base_dir: str, in_content: bool, html_edge: bool = True) -> None:
        kind, path, frag = self.classify(url, base_dir)
        self._key = (url if kind != "internal" else
                     f"{built if path is None else path}#{frag or ''}")
        if kind == "skip":
            return
        if kind == "bad":
            if path.startswith("`javascript:"):
                self.report(built, in_content, "javascript: URL (scripts are not allowed)", url)
            else:
                self.report(built, in_content, f"unsupported link: {path}", url)
            return
        if kind == "external":
            for what in external_problems(url):
                self.report(built, in_content, what, url)
            if self.info.registry.note_for(url) is None:
                self.report(built, in_content,
                            f"external URL is not in the links registry ({REGISTRY_FILE} or docs/sources.md)", url)
            self.externals.setdefault(url, built)
            return
        target = built if path is None else self._target_memo.get(path, False)
        if target is False:
            target = self._target_memo[path] = self.target_file(path)
        if target is None:
            self.report(built, in_content, "link target does not exist in the built site", url)
            return
        if html_edge and target.endswith(".html"):
            self.edges.setdefault(built, set()).add(target)
        if frag and not frag.startswith(":~:") and frag != "top":
            ids = self.ids_of(target)
            if ids is not None and unquote(frag) not in ids:
                where = "this page" if target == built else self.info.pages.get(target, target)
                self.report(built, in_content, f"anchor #{unquote(frag)} does not exist in {where}", url)

    # -- file kinds ---------------------------------------------------------
    def scan_html(self, file: str, scanned=None):
        """Pass 1: record one page's ids; return what pass 2 needs to check."""
        if scanned is None:
            scanned = _scan_page(str(self.site / file))
        if not scanned:
            self.problems.append(Problem(self.info.rel(self.site / file), None, "cannot parse HTML"))
            self.ids[file] = set()
            return None
        ids, content_urls, all_urls, extra, json_data, unsafe, bad_json = scanned
        self.ids[file] = set(ids)
        for message, target in unsafe:
            self.report(file, True, message, target)
        if bad_json:
            self.problems.append(Problem(self.info.rel(self.site / file), None, "invalid JSON-LD"))
        return content_urls, all_urls, extra, json_data

    def check_html(self, file: str, scanned) -> None:
        """Pass 2: check the links of one page (every page's ids are known by now)."""
        if scanned is None:
            return
        content_urls, all_urls, extra, json_data = scanned
        base_dir = posixpath.dirname(file)
        content = set(content_urls)
        for url in dict.fromkeys(content_urls):
            self.check_url(url, file, base_dir, True)
        for url in dict.fromkeys(all_urls):
            if url not in content:
                self.check_url(url, file, base_dir, False)
        for url in extra:
            self.check_url(url, file, base_dir, False, html_edge=False)
        for data in json_data:
            self._check_json_value(data, file, base_dir)

    def check_sitemap(self, file: str) -> None:
        try:
            root = etree.parse(str(self.site / file)).getroot()
        except etree.XMLSyntaxError as err:
            self.problems.append(Problem(self.info.rel(self.site / file), None, f"invalid XML: {err}"))
            return
        for loc in root.iter("{*}loc"):
            url = (loc.text or "").strip()
            if self.site_url and not url.startswith(self.site_url):
                self.problems.append(Problem(self.info.rel(self.site / file), None,
                                             "sitemap URL is not under site_url", url))
                continue
            self.check_url(url, file, "", False, html_edge=False)

    def check_json(self, file: str) -> None:
        try:
            data = json.loads((self.site / file).read_text(encoding="utf-8"))
        except ValueError as err:
            self.problems.append(Problem(self.info.rel(self.site / file), None, f"invalid JSON: {err}"))
            return
        if file.endswith("search/search_index.json") and isinstance(data, dict):
            seen = set()
            for doc in data.get("docs", []):
                loc = doc.get("location") if isinstance(doc, dict) else None
                if isinstance(loc, str) and loc not in seen:
                    seen.add(loc)
                    self.check_url(loc or "./", file, "", False, html_edge=False)
            return
        self._check_json_value(data, file, "")

    def _check_json_value(self, data, file: str, base_dir: str) -> None:
        stack = [(None, data)]
        while stack:
            key, value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.items())
            elif isinstance(value, list):
                stack.extend((key, v) for v in value)
            elif isinstance(value, str) and key not in JSON_IDENTIFIER_KEYS and URL_VALUE.match(value):
                self.check_url(value, file, base_dir, False, html_edge=False)

    # -- site-level ---------------------------------------------------------
    def check_pages(self) -> None:
        info = self.info
        if info.docs_dir is None:
            return
        from .. import i18n
        for dest, src in sorted(info.pages.items(), key=lambda kv: kv[1]):
            # a translation (`page.es.md`) is in the nav where its English page is
            src_of_nav = i18n.split(src)[0]
            if info.nav_pages is not None and src_of_nav not in info.nav_pages and src_of_nav not in info.not_in_nav:
                self.problems.append(Problem(info.src_label(src), None,
                                             "page is not in the nav and not listed in mkdocs.yml not_in_nav",
                                             src))
        if not info.check_reachability:
            return
        start = "index.html"
        if start not in self.files:
            return
        reached = {start}
        queue = deque([start])
        # Walk only through pages made from Markdown: a generated page (an embed of every
        # page, say) linking to a page does not make it reachable for a reader of the guide.
        while queue:
            for nxt in self.edges.get(queue.popleft(), ()):
                if nxt not in reached and nxt in info.pages:
                    reached.add(nxt)
                    queue.append(nxt)
        for dest, src in sorted(info.pages.items(), key=lambda kv: kv[1]):
            if dest in self.files and dest not in reached:
                self.problems.append(Problem(info.src_label(src), None,
                                             "orphan page: no chain of links from the home page through "
                                             "the guide's pages leads to it",
                                             dest))

    def run(self) -> list[Problem]:
        pages = sorted(f for f in self.files if f.endswith((".html", ".htm")))
        workers = min(os.cpu_count() or 1, 8)
        if self.trees:
            scanned = {file: self.scan_html(file, _scan_tree(self.trees[file]) if file in self.trees else None)
                       for file in pages}
        elif len(pages) >= PARALLEL_FROM and workers > 1:
            from concurrent.futures import ProcessPoolExecutor
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(_scan_page, [str(self.site / f) for f in pages], chunksize=16)
                scanned = {file: self.scan_html(file, result if result is not None else False)
                           for file, result in zip(pages, results)}
        else:
            scanned = {file: self.scan_html(file) for file in pages}
        for file in pages:
            self.check_html(file, scanned.pop(file))
        for file in sorted(self.files):
            if file.endswith("sitemap.xml"):
                self.check_sitemap(file)
            elif file.endswith(".json"):
                self.check_json(file)
        self.check_pages()
        # A generated page (an embed) that repeats a page's broken link adds nothing: the
        # message on the Markdown page says where to fix it.
        md_labels = {self.info.src_label(src) for src in self.info.pages.values()} if self.info.docs_dir else set()
        in_markdown = {(p.message, p.key) for p in self.problems if p.key and p.file in md_labels}
        self.problems = [p for p in self.problems
                         if p.file in md_labels or not p.key or (p.message, p.key) not in in_markdown]
        for (message, target), labels in self._theme_seen.items():
            if len(labels) > 1:
                for i, p in enumerate(self.problems):
                    if p.message == message and p.target == target and p.file == labels[0] and p.line is None:
                        self.problems[i] = Problem(p.file, None,
                                                   f"{message} (outside page content; also on "
                                                   f"{len(labels) - 1} other built file(s))", target, p.key)
                        break
        return self.info.registry.problems + self.problems


def check_site(info: SiteInfo, trees: dict | None = None) -> list[Problem]:
    """Check the built site described by `info`; return the problems found (empty = pass).
    `trees`: site-relative HTML file -> its parsed tree, when the caller has parsed them."""
    return _Checker(info, trees).run()


def check_site_collect(info: SiteInfo, trees: dict | None = None) -> tuple[list[Problem], dict[str, str]]:
    """Like check_site, and also return every external URL seen -> built file it was seen in."""
    checker = _Checker(info, trees)
    return checker.run(), checker.externals


# --------------------------------------------------------------------------- from MkDocs config

def nav_sources(nav) -> set[str]:
    out: set[str] = set()
    if isinstance(nav, str):
        if not urlsplit(nav).scheme and nav.endswith(".md"):
            out.add(posixpath.normpath(nav.lstrip("/")))
    elif isinstance(nav, dict):
        for value in nav.values():
            out |= nav_sources(value)
    elif isinstance(nav, list):
        for item in nav:
            out |= nav_sources(item)
    return out


def site_info_from_config(config, files=None) -> SiteInfo:
    """Build a SiteInfo from a loaded MkDocsConfig (hook or CLI). `files`: mkdocs Files, optional."""
    from mkdocs.structure.files import get_files

    project_dir = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    docs_dir = Path(config.docs_dir)
    if files is None:
        files = get_files(config)
    pages, not_in_nav = {}, set()
    for f in files:
        if f.is_documentation_page() and f.inclusion.is_included():
            pages[f.dest_uri] = f.src_uri
            if f.inclusion.is_not_in_nav():
                not_in_nav.add(f.src_uri)
    nav = config.nav
    return SiteInfo(
        site_dir=Path(config.site_dir),
        project_dir=project_dir,
        site_url=config.site_url or "",
        docs_dir=docs_dir,
        pages=pages,
        nav_pages=nav_sources(nav) if nav else None,
        not_in_nav=not_in_nav,
        registry=load_registry(project_dir, docs_dir, dict(config)),
    )
