"""Resolve a URL found in the built site: is it internal (to which built file, which
#fragment), external, harmless (mailto: …) or not allowed; and which ids a built page has.
Works on the site as built: folders, `index.html` and the site_url's base path.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .collect import ID_XPATH, site_files

OK_SCHEMES = {"mailto", "tel", "data", "sms"}
HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Resolver:
    def __init__(self, site_dir: Path, site_url: str = "", trees: dict | None = None):
        self.site = site_dir
        self.trees = trees or {}       # site-relative file -> parsed tree, parsed by the caller
        self.site_url = site_url or ""
        self.base_path = urlsplit(self.site_url).path if self.site_url else "/"
        if not self.base_path.endswith("/"):
            self.base_path += "/"
        self.files, self.dirs = site_files(self.site)
        self.ids: dict[str, set[str]] = {}       # built HTML file -> its ids (pass 1 fills it)
        self._target_memo: dict[str, str | None] = {}

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
        """The built file a resolved internal path serves (a folder serves its index.html)."""
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        if path in self.dirs and f"{path}/index.html" in self.files:
            return f"{path}/index.html"
        return None

    def target(self, path: str) -> str | None:
        """target_file, memoised (the same targets recur on every page)."""
        found = self._target_memo.get(path, False)
        if found is False:
            found = self._target_memo[path] = self.target_file(path)
        return found

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
