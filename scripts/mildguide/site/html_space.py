"""Built pages without the templates' indentation (issue 27: first load, 0.7-1.3 KB gzip a page).

Material's templates indent every line; a browser collapses that whitespace anyway. Between
tags and at the edges of text, a run of whitespace holding a line break becomes one line
break, which renders the same. Left exactly as they are: the inside of every tag (attribute
values), and everything inside elements whose whitespace counts or is code: pre, textarea,
code, kbd, script, style.
"""
from __future__ import annotations

import re

# A tag, a comment or a doctype; quoted attribute values may hold `>`.
_TOKEN = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
_KEEP = ("pre", "textarea", "code", "kbd", "script", "style")
_RAW = ("script", "style", "textarea")
_OPEN = re.compile(r"<(%s)\b" % "|".join(_KEEP), re.I)
# the first letters _OPEN can match, ignoring case (re.I also folds the Kelvin sign and long s)
_FIRST = {c for name in _KEEP for c in (name[0], name[0].upper())} | {"\u212a", "\u017f"}
_EDGE = re.compile(r"^[ \t\r\n]*\n[ \t\r\n]*|[ \t\r\n]*\n[ \t\r\n]*$")


_ENDS = {name: re.compile(r"</%s\s*>" % name, re.I) for name in _KEEP}


def _end(name: str):
    """The end tag of a kept element (a name re.I folded, `ſcript`, gets its own pattern)."""
    found = _ENDS.get(name)
    return found if found is not None else re.compile(r"</%s\s*>" % name, re.I)


def collapse(html: str) -> str:
    """`html` with each whitespace run that holds a line break, between tags or at a text's
    edge, cut to one line break. A tag it cannot pair leaves the rest of the page as it is."""
    out, pos, keep = [], 0, []          # keep: the open elements whose inside stays as is
    append = out.append
    while True:
        if keep and keep[-1] in _RAW:   # a script's or style's text: up to its end tag, as is
            end = _end(keep.pop()).search(html, pos)
            if end is None:
                append(html[pos:])
                return "".join(out)
            append(html[pos:end.end()])
            pos = end.end()
            continue
        # the tags up to the next script, style or textarea, in one scan (finditer, not one
        # search per tag: the loop was the whole cost)
        raw = False
        for m in _TOKEN.finditer(html, pos):
            if m.start() != pos:
                text = html[pos:m.start()]
                # fast path (the same result): _EDGE needs a line break
                append(text if keep or "\n" not in text else _EDGE.sub("\n", text))
            tag = m.group(0)
            append(tag)
            pos = m.end()
            # fast path: _OPEN needs one of _FIRST
            opened = _OPEN.match(tag) if tag[1:2] in _FIRST else None
            if opened and not tag.endswith("/>"):
                keep.append(opened.group(1).lower())
                if keep[-1] in _RAW:
                    raw = True
                    break
            elif keep and _end(keep[-1]).match(tag):
                keep.pop()
        if not raw:
            break
    text = html[pos:]
    append(text if keep else _EDGE.sub("\n", text))
    return "".join(out)
