"""Issue 26 §1: the nginx and Apache examples (integrations/) give every file of a built site
the same headers as the build's own `_headers`: embeds of both languages framable, other pages
not, CORS on the JSON. Each example is parsed and applied the way its server applies it.

The examples are written for the example clinic's site_url path, /guides/mild/; their CSP
carries a placeholder where the build's hashes go.
"""
from __future__ import annotations

import re
import shlex

import pytest

from clinicbuild import clinic_build
from mildguide.site.headers import header_rule, parse_headers
from sitebuild import ROOT

EXAMPLES = ROOT / "integrations"
PLACEHOLDER = "SHA256-HASHES-FROM-_headers"
BASE = "/guides/mild/"
CHECKED = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Access-Control-Allow-Origin")


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


# --- nginx: prefix locations (longest wins), then regex locations in file order (first wins) ----

def nginx_rules(text: str):
    text = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("location ~") else line
                     for line in text.splitlines())
    variables = {name: value for name, value in re.findall(r'^\s*set\s+\$(\w+)\s+"([^"]*)";', text, re.M)}
    locations = []
    for modifier, pattern, body in re.findall(r"location\s+(~\s+)?(\S+)\s*\{(.*?)\n\}", text, re.S):
        headers = []
        for statement in body.split(";\n"):
            words = shlex.split(statement.strip().rstrip(";")) if statement.strip() else []
            if words and words[0] == "add_header":
                value = re.sub(r"\$(\w+)", lambda m: variables[m.group(1)], words[2])
                headers.append((words[1], value))
        locations.append((bool(modifier), pattern, dict(headers)))
    return locations


def nginx_headers(locations, path: str) -> dict[str, str]:
    prefixes = [loc for loc in locations if not loc[0] and path.startswith(loc[1])]
    for regex, pattern, headers in locations:
        if regex and re.search(pattern, path):
            return headers
    return max(prefixes, key=lambda loc: len(loc[1]))[2] if prefixes else {}


# --- Apache: every `Header always set` whose expr holds, in file order (a later set replaces) ---

def apache_headers(text: str, path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("Header "):
            continue
        words = shlex.split(line)
        assert words[1:3] == ["always", "set"], line
        name, value, *condition = words[3:]
        if condition:
            match = re.fullmatch(r"expr=%\{REQUEST_URI\} (=~|!~) m#(.*)#", condition[0])
            assert match, condition
            if bool(re.search(match.group(2), path)) != (match.group(1) == "=~"):
                continue
        out[name] = value
    return out


def served_paths(site) -> list[str]:
    """Every URL path of the built site under BASE: files, and folders (index.html)."""
    out = []
    for f in sorted(site.rglob("*")):
        if f.is_file() and not f.name.startswith("_"):
            rel = f.relative_to(site).as_posix()
            out.append(BASE + rel)
            if f.name == "index.html":
                out.append(BASE + rel[: -len("index.html")])
    return out


def expected(site):
    text = (site / "_headers").read_text()
    hashes = re.search(r"script-src 'self' ([^;]*);", text).group(1)
    return header_rule(text, base="/"), hashes


@pytest.mark.parametrize("server", ["nginx", "apache"])
def test_example_matches_the_build_headers_on_every_file(server, clinic_site):
    assert parse_headers((clinic_site / "_headers").read_text())[0][0] == BASE + "*"
    rule, hashes = expected(clinic_site)
    if server == "nginx":
        locations = nginx_rules((EXAMPLES / "nginx.conf").read_text())
        headers_of = lambda path: nginx_headers(locations, path)          # noqa: E731
    else:
        text = (EXAMPLES / "apache.htaccess").read_text()
        headers_of = lambda path: apache_headers(text, path)              # noqa: E731
    paths = served_paths(clinic_site)
    assert any(p.startswith(BASE + "es/embed/") for p in paths) and len(paths) > 300
    wrong = []
    for path in paths:
        want = {k: v for k, v in rule(path).items() if k in CHECKED}
        got = {k: v.replace(PLACEHOLDER, hashes) for k, v in headers_of(path).items() if k in CHECKED}
        if "Content-Security-Policy" not in want:       # assets the build gives no CSP: any is fine
            got.pop("Content-Security-Policy", None)
        if got != want:
            wrong.append((path, sorted(set(got.items()) ^ set(want.items()))))
    assert not wrong, f"{len(wrong)} paths differ, first: {wrong[:3]}"


def test_examples_cover_spanish_embeds_and_cors_at_the_sub_path():
    locations = nginx_rules((EXAMPLES / "nginx.conf").read_text())
    apache = (EXAMPLES / "apache.htaccess").read_text()
    for path, ancestors, cors in [(BASE + "es/embed/faq/topic-cost/", "*", None),
                                  (BASE + "embed/recovery/", "*", None),
                                  (BASE + "es/faq/", "'self'", None),
                                  (BASE + "es/api/index.json", "'self'", "*"),
                                  (BASE + "oembed/faq.json", "'self'", "*")]:
        for headers in (nginx_headers(locations, path), apache_headers(apache, path)):
            assert headers["Content-Security-Policy"].endswith(f"frame-ancestors {ancestors}"), path
            assert headers.get("Access-Control-Allow-Origin") == cors, path
