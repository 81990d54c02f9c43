"""Security headers for static hosts that read a `_headers` file (Netlify, Cloudflare Pages).

`build_headers()` turns a built site into a `_headers` text: one Content-Security-Policy that
allows no other host and lists the sha256 hashes of the theme's inline scripts (never
'unsafe-inline' for scripts), `frame-ancestors *` on the embed folders (`embed/`, `es/embed/`)
only and 'self' elsewhere, nosniff, a Referrer-Policy, and `Access-Control-Allow-Origin: *`
on the JSON (api/, oembed/, changes.json). `header_rule()` reads such a file back (for tests and servers).

Hosts disagree on what happens when two rules set the same header for one path (Cloudflare
joins the values with a comma, which would enforce BOTH policies; Netlify keeps the last), so
every path gets its Content-Security-Policy from exactly one rule: one rule per top-level
entry of the site, and the common headers from `<base>*`, which no other rule repeats.

Rule paths start at the path of `site_url` (`/patient-education/mild/…` for a site served
there), because the host matches them against the request path, not against the site folder.
"""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import re
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """CSP hash sources ('sha256-…') of every executable inline <script> in the given HTML."""
    found: set[str] = set()
    for text in pages:
        for attrs, body in _SCRIPT.findall(text):
            if re.search(r"\bsrc\s*=", attrs, re.I):
                continue
            kind = _TYPE.search(attrs)
            if (kind.group(1).lower() if kind else "") not in EXECUTABLE_TYPES:
                continue      # JSON data blocks (Material's __config, JSON-LD) never run
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def inline_script_hashes_of_trees(trees: Iterable) -> list[str]:
    """The same as inline_script_hashes, from already parsed pages (lxml trees)."""
    found: set[str] = set()
    for tree in trees:
        for script in tree.iter("script"):
            if script.get("src") is not None:
                continue
            if (script.get("type") or "").strip().lower() not in EXECUTABLE_TYPES:
                continue
            digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def content_security_policy(script_hashes: Iterable[str], frame_ancestors: str) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def base_path(site_url: str | None) -> str:
    """The URL path the site is served under, from `site_url`: `/`, `/patient-education/mild/`."""
    path = urlsplit(site_url or "").path or "/"
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    if any(ch in path for ch in "*!:\n\r\t #?"):
        # `*` and `:` have a meaning in _headers rules (splat, placeholder): never let one in
        raise ValueError(f"site_url path {path!r} cannot be written as a _headers rule")
    return path


def _entries(folder: Path, prefix: str, embed_dir: str) -> list[tuple[str, bool]]:
    """(rule path, is an embed folder) for each entry of `folder`. A folder that holds its own
    `embed/` (a language edition: `es/`) is split the same way, so `es/embed/*` gets its own
    rule rather than inheriting `es/*` (two matching CSPs: the stricter one wins on Netlify)."""
    out: list[tuple[str, bool]] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_dir() and (entry / embed_dir).is_dir() and entry.name != embed_dir:
            out.append((f"{prefix}{entry.name}/", False))           # the folder's own index page
            out += _entries(entry, f"{prefix}{entry.name}/", embed_dir)
        elif entry.is_dir():
            out.append((f"{prefix}{entry.name}/*", entry.name == embed_dir))
        elif entry.suffix == ".html":
            out.append((f"{prefix}{entry.name}", False))
    return out


CORS_DIRS = ("api", "oembed")     # JSON a clinic's page may read from the browser
CORS = ("Access-Control-Allow-Origin", "*")


def build_headers(site: Path, embed_dir: str = "embed", hashes: list[str] | None = None,
                  site_url: str | None = None) -> str:
    """The `_headers` text for the built site in `site` (`hashes`: the inline-script hashes,
    when the caller has them from its own parse of the pages), its rules under the path of
    `site_url`. Embed folders of every language may be framed by any site; the JSON folders
    (api/, oembed/ of every language) and changes.json may be read from any origin (CORS)."""
    site = Path(site)
    base = base_path(site_url)
    if hashes is None:
        hashes = inline_script_hashes(p.read_text(encoding="utf-8", errors="replace")
                                      for p in sorted(site.rglob("*.html")))
    page_csp = content_security_policy(hashes, "'self'")
    embed_csp = content_security_policy(hashes, "*")
    lines = ["# Security headers (Netlify / Cloudflare Pages). Written by the post-build pass (mildguide/site/postbuild.py)",
             "# after each build: do not edit. integrations/nginx.conf and integrations/apache.htaccess",
             f"# give the same rules for those servers. Paths are under {base}, the path of site_url.",
             f"{base}*"]
    lines += [f"  {k}: {v}" for k, v in COMMON.items()]
    rules = [(base, False)] + _entries(site, base, embed_dir)
    for pattern, is_embed in rules:
        lines += ["", pattern, f"  Content-Security-Policy: {embed_csp if is_embed else page_csp}"]
        if pattern.endswith("/*") and pattern[:-2].rsplit("/", 1)[-1] in CORS_DIRS:
            lines.append(f"  {CORS[0]}: {CORS[1]}")
    if (site / "changes.json").is_file():
        lines += ["", f"{base}changes.json", f"  {CORS[0]}: {CORS[1]}"]
    return "\n".join(lines) + "\n"


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """`_headers` text -> [(path pattern, [(name, value), …]), …] in file order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            rules.append((raw.strip(), []))
        else:
            name, _, value = raw.strip().partition(":")
            if not rules or not _:
                raise ValueError(f"_headers: header line outside a rule: {raw!r}")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    if "*" not in pattern:
        return path == pattern
    return fnmatch.fnmatchcase(path, pattern)    # '*' matches across '/' as on both hosts


def written_base(text: str) -> str:
    """The path a `_headers` text was written for: its first rule, `<base>*` (build_headers)."""
    rules = parse_headers(text)
    first = rules[0][0] if rules else "/*"
    return first[:-1] if first.endswith("/*") else "/"


def header_rule(text: str, prefix: str = "/", base: str | None = None) -> Callable[[str], dict[str, str]]:
    """A `path -> headers` function that applies `_headers` like Cloudflare Pages does (every
    matching rule applies; a header set by several rules gets their values comma-joined).
    `prefix` is where a test server mounts the site (e.g. '/guides/mild/'); a request under it
    is matched as the same path under `base`, the path the rules were written for (default:
    read from the file), so a test may serve a build anywhere.
    """
    rules = parse_headers(text)
    base = written_base(text) if base is None else base

    def rule(request_path: str) -> dict[str, str]:
        path = request_path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(prefix):
            return {}
        path = base + path[len(prefix):]
        out: dict[str, str] = {}
        for pattern, headers in rules:
            if _matches(pattern, path):
                for name, value in headers:
                    out[name] = f"{out[name]}, {value}" if name in out else value
        return out

    return rule
