"""Pure helpers on a page's rendered content HTML, shared by the embed pages and JSON export.

All URLs here are *site-relative*: a page URL as MkDocs gives it (`recovery/`, `` for the
home page), resolved against the site root, never against a host. That keeps embeds and
exports correct when the site is hosted under a sub-path.
"""
from __future__ import annotations

import copy
import datetime as _dt
import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import yaml
from lxml import html as lxml_html

GUIDE_NAME = "Open MILD Guide"
SOURCES_HEADING = "Sources for this page"
_ROOT = "http://site.invalid/"          # a fake origin to resolve site-relative URLs against


def fragment(content_html: str):
    """Parse a page's content HTML into a <div> wrapper element (lxml)."""
    return lxml_html.fragment_fromstring(content_html or "", create_parent="div")


def as_root(content):
    """A <div> element to work on: `content` parsed when it is HTML text, else a copy of it
    (the post-build pass hands over the parsed page's content element: no second parse)."""
    if content is None or isinstance(content, str):
        return fragment(content or "")
    return copy.deepcopy(content)


def to_html(element, inner: bool = True) -> str:
    """Serialise an element (or only its children when `inner`)."""
    if not inner:
        return lxml_html.tostring(element, encoding="unicode")
    text = _escape(element.text or "")
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in element)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def strip_chrome(root) -> None:
    """Remove theme furniture from content: permalink anchors, edit buttons."""
    for el in root.xpath(".//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]"
                         " | .//a[contains(@class, 'md-content__button')]"):
        el.drop_tree()


def text_of(element) -> str:
    """Plain text of an element with whitespace collapsed ('' for a comment)."""
    if not isinstance(element.tag, str):
        return ""
    return re.sub(r"\s+", " ", element.text_content()).strip()


def is_sources_heading(el) -> bool:
    """The "Sources for this page" heading, in any language (the Spanish edition keeps its id)."""
    return el.tag in ("h2", "h3") and (el.get("id") == "sources-for-this-page"
                                       or text_of(el).startswith(SOURCES_HEADING))


def split_page_sources(root):
    """Detach the "Sources for this page" part (if the build added one) and return it.

    It is the `h2` titled "Sources for this page" (or the element that holds it) and every
    sibling after it. Returns a <div> holding what was removed, or None.
    """
    for heading in root.iter("h2", "h3"):
        if not is_sources_heading(heading):
            continue
        start = heading
        # The heading may sit inside a wrapper (e.g. <section class="page-sources">).
        while start.getparent() is not None and start.getparent() is not root and \
                start.getparent().index(start) == 0:
            start = start.getparent()
        parent = start.getparent()
        held = lxml_html.fragment_fromstring("", create_parent="div")
        siblings = list(parent)[parent.index(start):]
        for sib in siblings:
            parent.remove(sib)
            held.append(sib)
        return held
    return None


@functools.lru_cache(maxsize=64)
def load_yaml(text: str):
    """YAML (safe) with libyaml's C loader when PyYAML has it; memoised on the text (a copy
    each time), so the post-build steps that read the same front matter (the sources registry)
    parse it once, and `make serve` parses an unchanged page's front matter once."""
    return copy.deepcopy(_load_yaml(text))


@functools.lru_cache(maxsize=256)
def _load_yaml(text: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


@functools.lru_cache(maxsize=1 << 16)
def site_path(page_url: str, href: str) -> tuple[str, str, str] | None:
    """Resolve `href` found on the page at `page_url`; return (path, query, fragment) site-relative.

    Returns None for a URL that leaves the site (another scheme or host). Cached: the embed
    and export hooks resolve each link of a page several times (citations, numbers, titles,
    rewriting), and urljoin is the slow part.
    """
    absolute = urljoin(_ROOT + page_url, href)
    if not absolute.startswith(_ROOT):
        return None
    parts = urlsplit(absolute)
    return parts.path.lstrip("/"), parts.query, parts.fragment


@functools.lru_cache(maxsize=1 << 16)
def relative_url(target: str, from_dir: str) -> str:
    """Relative URL from the directory URL `from_dir` (e.g. `embed/faq/`) to site path `target`."""
    from_dir = "/" + from_dir.rstrip("/") + "/" if from_dir.strip("/") else "/"
    rel = posixpath.relpath("/" + target, from_dir)
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def with_parts(path: str, query: str, frag: str) -> str:
    return urlunsplit(("", "", path, query, frag))


# The Sources hub or a group's page of the registry: sources/, sources/care/, es/sources/care/
SOURCES_PATH = re.compile(r"(?:^|/)sources(?:/[a-z0-9-]+)?(?:/|\.html)?$")


def citation_ids(root, page_url: str) -> list[str]:
    """Source ids cited in `root`, in first-cited order (links to sources/<group>/#source-<id>)."""
    seen: list[str] = []
    for a in root.iter("a"):
        href = a.get("href")
        if not href:
            continue
        resolved = site_path(page_url, href)
        if not resolved:
            continue
        path, _, frag = resolved
        if frag.startswith("source-") and SOURCES_PATH.search(path) and frag[7:] not in seen:
            seen.append(frag[7:])
    return seen


def citation_numbers(root, page_url: str) -> dict[str, int]:
    """Source id -> the number its citation marks show (the page's numbering), where numeric."""
    out: dict[str, int] = {}
    for a in root.iter("a"):
        resolved = a.get("href") and site_path(page_url, a.get("href"))
        label = (a.text_content() or "").strip()
        if resolved and resolved[2].startswith("source-") and label.isdigit():
            out.setdefault(resolved[2][7:], int(label))
    return out


@dataclass
class Source:
    id: str
    title: str
    url: str | None = None
    kind: str | None = None       # the registry's `kind` (what sort of source it is, in words)
    details: str | None = None    # the registry's `details` (publisher, file name, date)
    group: str | None = None      # the registry's `group`: its entry is on sources/<group>/

    @classmethod
    def of_entry(cls, ident: str, title: str, url=None, doi=None, kind=None, details=None, group=None) -> "Source":
        """A registry entry as the embeds and the export cite it: its address is its `url`, else
        its DOI's; its text fields on one line (None when empty)."""
        return cls(ident, title, url or (f"https://doi.org/{doi}" if doi else None),
                   _text(kind), _text(details), _text(group))

    def entry_path(self) -> str:
        """Site path of the page that shows its entry (before `#source-<id>`)."""
        return f"sources/{self.group}/" if self.group else "sources/"


def load_sources(docs_dir: str | Path) -> dict[str, Source]:
    """The sources registry from the front matter of docs/sources.md (empty if absent)."""
    path = Path(docs_dir) / "sources.md"
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?\n)---\s*\n", text, re.S)
    if not match:
        return {}
    meta = load_yaml(match.group(1)) or {}
    out: dict[str, Source] = {}
    for entry in meta.get("sources") or []:
        if isinstance(entry, dict) and entry.get("id"):
            out[str(entry["id"])] = Source.of_entry(str(entry["id"]), str(entry.get("title") or entry["id"]),
                                                    entry.get("url"), entry.get("doi"), entry.get("kind"),
                                                    entry.get("details"), entry.get("group"))
    return out


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value not in (None, "") else None


def sources_for(ids: list[str], registry: dict[str, Source], root=None, page_url: str = "") -> list[Source]:
    """Source records for `ids`; falls back to a citation link's title when the registry lacks one."""
    titles: dict[str, str] = {}
    if root is not None:
        for a in root.iter("a"):
            resolved = a.get("href") and site_path(page_url, a.get("href"))
            if resolved and resolved[2].startswith("source-") and a.get("title"):
                titles.setdefault(resolved[2][7:], a.get("title"))
    return [registry.get(i) or Source(i, titles.get(i, i)) for i in ids]


def iso_date(value) -> str | None:
    """Front-matter date (a date object or a YYYY-MM-DD string) as YYYY-MM-DD."""
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def long_date(value) -> str | None:
    """A front-matter date for readers: 'November 23, 2026'."""
    iso = iso_date(value)
    if not iso:
        return None
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def content_pages(files, nav_pages=None):
    """Rendered pages that get embeds and exports, in file order.

    Every Markdown page in the nav (`nav_pages`, when given) except those whose front matter
    says `embed: false`. Pages left out of the nav get none, so embeds never link them in.
    """
    in_nav = None if nav_pages is None else {p.file.src_uri for p in nav_pages}
    for f in files.documentation_pages():
        page = f.page
        if page is None or page.content is None or page.meta.get("embed") is False:
            continue
        if in_nav is not None and f.src_uri not in in_nav:
            continue
        yield page


def page_title(page) -> str:
    """The page's own title (front matter), not its shorter navigation label."""
    return str(page.meta.get("title") or page.title or page_slug(page.file.src_uri))


def page_slug(src_uri: str) -> str:
    """`faq.md` -> `faq`; `guides/x.md` -> `guides/x`; `index.md` -> `index`."""
    return src_uri[:-3] if src_uri.endswith(".md") else src_uri


class ContentPageTracker:
    """Keeps the build's files and nav for a hook that later walks the content pages.

    A hook module binds the tracker's methods as its own `on_files` / `on_nav` events,
    so the embed and export hooks share this bookkeeping instead of each keeping globals.
    """

    def __init__(self):
        self.files = None
        self.nav = None

    def on_files(self, files, config):
        self.files = files
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    @property
    def ready(self) -> bool:
        return self.files is not None

    def pages(self):
        """The content pages (in the nav, not `embed: false`)."""
        return content_pages(self.files, self.nav.pages if self.nav is not None else None)
