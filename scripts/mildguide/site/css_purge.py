"""Material's stylesheets cut to the rules this site can use (issue 27: first load).

Material ships one stylesheet for every feature it has (code highlighting, tabs, blog,
versions, annotations, 20 colour palettes …); the guide uses a few. A style rule is dropped
only when it cannot match: one of its selector's classes, ids or exact attribute values
(`[data-md-color-primary=teal]`) appears in no built HTML file (class, id and attribute
values, inline scripts) and in no string of the site's JavaScript (Material's bundle builds
the search results, tooltips and dialogs from string literals; a literal ending in `-` or `_`,
as in `"md-tooltip2--" + side`, keeps every class it starts). A script word of a component
the script only builds when the component is on a page (content tabs, annotations, the
version selector …: `GATED`) counts only when a page has it. A selector list keeps the
selectors that can match. At-rules other than @media/@supports (keyframes, font faces) are
kept whole. Only ever deletes: a kept rule is byte for byte Material's.

One rule goes although it can match (`DROPPED`): Material's `[data-md-color-switching] *`,
which switches transitions off while the colours change. Its script sets and removes that
attribute on <body> at every page load, and a selector that depends on it makes each of the
two changes restyle every rendered element of the page (issue 27: 20-35 % of the elements
styled per phone load). Without it a reader who switches light/dark sees the link colours
fade for 0.125 s.

The input is Material's minified CSS; `blocks` is a brace scanner that respects strings
(a `}` inside `content:"}"` or a data URL does not end a block).
"""
from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"[\w-]+")
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`([^`]*)`')
# possessive (`++`, `*+`): a name is followed by space or `=`, never by a name character, so
# giving characters back never finds a match; without it each word of text is retried
_ATTR_VALUE = re.compile(r'\s[\w:.-]++\s*+=\s*+(?:"([^"]*)"|\'([^\']*)\')')
_TAG = re.compile(r"<([a-zA-Z][\w-]*)")
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
# Functional pseudo-classes: their arguments are not required to match, so they never
# decide that a selector is unused.
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\((?:[^()]|\([^()]*\))*\)")
_CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[[^\]]*\]")
# `[name=value]` only: `^=`, `*=` … and a case flag (`[type=a i]`) never decide.
_EXACT_ATTR = re.compile(r"\[\s*[\w-]+\s*=\s*[\"']?([^\]\"'\s]+)[\"']?\s*\]")
_SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/\s*")
DROPPED = ("[data-md-color-switching]",)     # selectors that start so go (module docstring)

# Words of Material's scripts that name the parts of a component the script builds only when
# the component is on the page: such a word counts only when a built HTML file holds the
# component's trigger. Without this, the bundle's string literals kept the styles of content
# tabs, code annotations, the version selector, the repository facts, page status and tags
# on every page, which the guide has none of (about 2 KB gzip of every first load, issue 27).
# (prefix, a text every match holds, the trigger): the plain `in` test saves the regex's scan
# of a page that cannot match (most of them).
GATED = (
    ("tabbed-", "tabbed-set", re.compile(r'class="[^"]*\btabbed-set\b')),          # content tabs
    ("md-annotation", "annotate", re.compile(r'content\.code\.annotate|class="[^"]*\bannotate\b')),
    ("md-version", '"version":', re.compile(r'"version":\s*\{')),  # __config: a version provider set
    ("md-source", 'data-md-component="source"', re.compile(r'data-md-component="source"')),  # repo_url set
    ("md-status", "md-status", re.compile(r'\bmd-status\b')),
    ("md-tag", "md-tag", re.compile(r'\bmd-tag\b')),
)
# Admonition types: made only by Markdown, never by a script (the bundle holds "success" or
# "bug" for other reasons), so they count only when a page has one.
HTML_ONLY = frozenset({"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint",
                       "important", "success", "check", "done", "question", "help", "faq",
                       "warning", "caution", "attention", "failure", "fail", "missing", "danger",
                       "error", "bug", "example", "quote", "cite"})


def triggered(html: str) -> set[str]:
    """The GATED components an HTML text holds (their word prefixes)."""
    return {prefix for prefix, needle, trigger in GATED if needle in html and trigger.search(html)}


def gate_js_words(js: set[str], present: set[str]) -> set[str]:
    """`js` without HTML_ONLY and the words of GATED components not `present` on any page."""
    closed = tuple(prefix for prefix, _, _ in GATED if prefix not in present)
    return {w for w in js if w not in HTML_ONLY and not (closed and w.startswith(closed))}


def html_words(text: str) -> set[str]:
    """Words an HTML file can give a selector: tag names, every attribute value's words,
    and the words of its inline scripts."""
    words = set(_TAG.findall(text))
    # One findall over all values joined by spaces (no word holds a space): the same words
    # as one findall per value, without a Python step per attribute. Of each value's two
    # groups one is the value and the other is empty.
    words.update(_WORD.findall(" ".join(a + " " + b for a, b in _ATTR_VALUE.findall(text))))
    words.update(_WORD.findall(" ".join(_SCRIPT.findall(text))))
    return words


def js_words(text: str) -> set[str]:
    """The words inside a script's string literals (minified names outside them are not classes)."""
    words = set()
    for parts in _LITERAL.findall(text):
        words.update(_WORD.findall(" ".join(parts)))
    return words


def blocks(text: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; a statement at-rule (`@charset …;`) has body None."""
    out, i, n = [], 0, len(text)
    while i < n:
        j, depth, body_start = i, 0, None
        while j < n:
            c = text[j]
            if c in "\"'":
                end = text.find(c, j + 1)
                while end > 0 and text[end - 1] == "\\":
                    end = text.find(c, end + 1)
                j = n if end < 0 else end + 1
                continue
            if c == "{":
                if depth == 0:
                    body_start = j
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            elif c == ";" and depth == 0:
                break
            j += 1
        if body_start is None:
            if text[i:j + 1].strip():
                out.append((text[i:j + 1], None))
        else:
            out.append((text[i:body_start], text[body_start + 1:j]))
        i = j + 1
    return out


def _split_top(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside strings and brackets (selector lists, rule bodies)."""
    out, depth, start, k, n = [], 0, 0, 0, len(text)
    while k < n:
        c = text[k]
        if c in "\"'":
            end = text.find(c, k + 1)
            k = n if end < 0 else end + 1
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            out.append(text[start:k])
            start = k + 1
        k += 1
    out.append(text[start:])
    return out


def split_selectors(prelude: str) -> list[str]:
    return _split_top(prelude, ",")


class Used:
    """What the site's HTML and scripts name: exact words and prefixes (`md-tooltip2--`)."""

    def __init__(self, words: set[str]):
        self.words = words
        self.prefixes = tuple(w for w in words if len(w) > 3 and w.endswith(("-", "_")))

    def __contains__(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    def can_match(self, selector: str) -> bool:
        s = _FUNCTIONAL.sub("", selector)
        names = _CLASS_OR_ID.findall(_ATTR.sub(" ", s))
        exact = [m.group(1) for m in map(_EXACT_ATTR.fullmatch, _ATTR.findall(s)) if m]
        return all(n in self for n in names) and all(v in self for v in exact)


def purge(css: str, used: Used) -> str:
    """`css` without the style rules (and emptied @media/@supports blocks) that cannot match."""
    out = []
    for prelude, body in blocks(_SOURCE_MAP.sub("", css)):
        if body is None:
            out.append(prelude)
            continue
        head = prelude.strip()
        if head.startswith(("@media", "@supports", "@layer", "@container")):
            inner = purge(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            keep = [s for s in split_selectors(prelude)
                    if used.can_match(s) and not s.strip().startswith(DROPPED)]
            if keep:
                out.append(",".join(keep) + "{" + body + "}")
    return "".join(out)


def declarations(body: str) -> list[str]:
    """A rule body's declarations, split at `;` outside strings and brackets."""
    return [d for d in _split_top(body, ";") if d.strip()]


_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"\s*(--[\w-]+)\s*:")


def drop_unused_properties(css: str, read: set[str]) -> str:
    """`css` without the custom properties (`--md-admonition-icon--tip: url(…)`) that nothing
    reads: no `var()` in `read`'s CSS words and no script or page names them."""
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.strip().startswith("@") and "{" in body:
            inner = drop_unused_properties(body, read)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        else:
            kept = [d for d in declarations(body)
                    if not (m := _PROPERTY.match(d)) or m.group(1) in read]
            if kept or prelude.strip().startswith("@"):
                out.append(prelude + "{" + ";".join(kept) + "}")
    return "".join(out)


def read_properties(css_texts, used: Used) -> set[str]:
    """Custom properties something reads: a `var()` in any stylesheet, or a name the pages
    and scripts hold (Material's bundle reads and sets some from JavaScript)."""
    read = {w for w in used.words if w.startswith("--")}
    for text in css_texts:
        read.update(_VAR.findall(text))
    return read


def hashed_name(name: str, css: str) -> str:
    """`main.57a0d79d.min.css` -> `main.<hash of css>.min.css`: a new name for new content,
    so no browser keeps Material's full file (or an older cut) under it."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{8}\.min\.css$", f".{digest}.min.css", name)


THEME_SHEETS = ("main", "palette")      # Material's own, under assets/stylesheets/


def cut_theme_css(site_dir, html_texts, js_files, css_files) -> dict[str, str]:
    """Cut Material's stylesheets in `site_dir` to what the site can use; each is written
    under a new hashed name and the old file (and its source map, which no longer fits) is
    removed. Returns {old site-relative path: new one} for the pages' <link> tags."""
    from pathlib import Path
    folder = Path(site_dir) / "assets" / "stylesheets"
    sheets = [f for name in THEME_SHEETS for f in sorted(folder.glob(f"{name}.*.min.css"))]
    if not sheets:
        return {}
    words, present = set(), set()
    for text in html_texts:
        words |= html_words(text)
        present |= triggered(text)
    scripts = set()
    for f in js_files:
        scripts |= js_words(Path(f).read_text(encoding="utf-8", errors="replace"))
    used = Used(words | gate_js_words(scripts, present))
    texts = {f: purge(f.read_text(encoding="utf-8"), used) for f in sheets}
    others = [Path(f).read_text(encoding="utf-8") for f in css_files if Path(f) not in texts]
    for _ in range(2):      # a property read only by a dropped property goes in the second round
        read = read_properties(list(texts.values()) + others, used)
        texts = {f: drop_unused_properties(t, read) for f, t in texts.items()}
    renamed = {}
    for f, text in texts.items():
        new = f.with_name(hashed_name(f.name, text))
        f.unlink()
        Path(f"{f}.map").unlink(missing_ok=True)
        new.write_text(text, encoding="utf-8")
        renamed[f"assets/stylesheets/{f.name}"] = f"assets/stylesheets/{new.name}"
    return renamed
