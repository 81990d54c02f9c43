"""The sources registry (front matter `sources:` of docs/sources.md) and citations.

Registry entries: id, title, kind, used_for, caveats (required); group (required once
docs/sources/ holds group pages; without any, the Sources page itself lists every entry as
before); details, url (https), doi, verified (bool, default true). Each group has its page,
docs/sources/<group>.md, whose `<!-- source-list -->` line `render_registry` replaces with
one `### Title { #source-<id> }` section per entry of the group. The Sources page (the hub) holds one
`<!-- source-list: <group> -->` line per group, which `render_hub` replaces with the group's
titles, each a link to its entry that carries the entry's id (old `sources/#source-<id>`
addresses still land on it; issue 27: one page with 94 entries was too heavy for a phone).

Citations: `[@id]` or `[@a; @b]` in any page (never inside code). `cite` turns them into
superscript numbered Markdown links to `sources/<group>.md#source-<id>` and appends a
"Sources for this page" list. Pure functions; the adapter is scripts/mildguide/mdext/citations.py.
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import frontmatter
from ..mdtext import line_of, mask_code
from ..problems import Problem

MARKER = "<!-- source-list -->"
HUB_MARKER = re.compile(r"^[ \t]*<!--\s*source-list:\s*([^\s>]*)\s*-->[ \t]*$", re.M)
REQUIRED = ("id", "title", "kind", "used_for", "caveats")
OPTIONAL = ("details", "url", "doi", "verified", "group")     # group: required once groups have pages
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
# `[@...]` not followed by `(` or `[` (that would be an ordinary link whose text starts with @)
HEADING_LINE = re.compile(r"^[ ]{0,3}#{1,6}[ \t]", re.M)
TOKEN = re.compile(r"omgcite\d{5}x")
CITATION = re.compile(r"\[@([^\[\]]*)\](?![(\[])")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str
    used_for: str
    caveats: str
    details: str | None = None
    url: str | None = None
    doi: str | None = None
    verified: bool = True
    line: int = 0
    group: str = ""


def group_page(sources_src: str, group: str) -> str:
    """A group's page, docs-relative: `sources.md`, `care` -> `sources/care.md`."""
    return f"{sources_src.removesuffix('.md')}/{group}.md"


def source_groups(docs_dir, sources_src: str = "sources.md") -> frozenset:
    """The registry's groups: one per page docs/sources/<group>.md (English file names)."""
    folder = Path(docs_dir) / sources_src.removesuffix(".md")
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.stem for p in folder.glob("*.md") if "." not in p.stem)


def group_of(src: str, sources_src: str = "sources.md") -> str | None:
    """The group whose page `src` is (`sources/care.md` or `sources/care.es.md`), or None."""
    m = re.fullmatch(re.escape(sources_src.removesuffix(".md")) + r"/([a-z0-9-]+)(?:\.[a-z]{2})?\.md", src)
    return m.group(1) if m else None


def parse_registry(text: str, path: str, skipped: set | None = None,
                   groups: frozenset | set | None = None) -> tuple[dict[str, Source], list[Problem]]:
    """Read the registry from the Sources page's front matter. An entry with a problem is
    left out; its id goes into `skipped` (when given), so its citations can be skipped
    quietly instead of each being reported as an unknown id. `groups`: the groups that have a
    page (docs/sources/<group>.md); an entry in another group is a problem."""
    fm = frontmatter.parse(text, path)          # raises Problem on malformed YAML
    problems: list[Problem] = []
    if "sources" not in fm.meta or not isinstance(fm.node, yaml.MappingNode):
        return {}, [Problem(path, 1, "the front matter has no 'sources:' list (the sources registry)")]
    seq = next(v for k, v in fm.node.value if k.value == "sources")
    if not isinstance(seq, yaml.SequenceNode) or not isinstance(fm.meta["sources"], list):
        return {}, [Problem(path, seq.start_mark.line + 2, "'sources' must be a list of entries")]
    registry: dict[str, Source] = {}
    for item, data in zip(seq.value, fm.meta["sources"]):
        line = item.start_mark.line + 2
        if not isinstance(item, yaml.MappingNode) or not isinstance(data, dict):
            problems.append(Problem(path, line, "each source must be a mapping with id, title, kind, ..."))
            continue
        lines = {str(k.value): k.start_mark.line + 2 for k, _ in item.value}
        ident = str(data.get("id", "")).strip()
        label = f"source '{ident}'" if ident else "a source"
        bad = False
        for key in REQUIRED + (("group",) if groups else ()):
            if not isinstance(data.get(key), str) or not data[key].strip():
                problems.append(Problem(path, lines.get(key, line),
                                        (f"{label} is missing '{key}'" + (_group_hint(groups) if key == "group" else ""))
                                        if key not in data or data[key] in (None, "")
                                        else f"{label}: '{key}' must be text"))
                bad = True
        unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
        for key in unknown:
            problems.append(Problem(path, lines[key], f"{label} has an unknown field '{key}' "
                                    f"(allowed: {', '.join(REQUIRED + OPTIONAL)})"))
        if ident and not ID_RE.match(ident):
            problems.append(Problem(path, lines.get("id", line),
                                    f"source id '{ident}' may only use a-z, 0-9, '.', '_' and '-'"))
            bad = True
        group = data.get("group")
        if isinstance(group, str) and group.strip() and groups is not None and group.strip() not in groups:
            known = f"groups: {', '.join(sorted(groups))}" if groups else "there are no group pages"
            problems.append(Problem(path, lines.get("group", line), f"{label}: unknown group '{group.strip()}' "
                                    f"({known}; a group is a page docs/sources/<group>.md)"))
            bad = True
        url = data.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"https://[^\s/]+", url)):
            problems.append(Problem(path, lines.get("url", line), f"{label}: url must start with https:// (got {url!r})"))
            bad = True
        verified = data.get("verified", True)
        if isinstance(verified, str) and verified.lower() in ("true", "false", "yes", "no"):
            verified = verified.lower() in ("true", "yes")
        if not isinstance(verified, bool):
            problems.append(Problem(path, lines.get("verified", line), f"{label}: verified must be true or false"))
            bad = True
        if ident in registry:
            problems.append(Problem(path, lines.get("id", line),
                                    f"duplicate source id '{ident}' (first defined on line {registry[ident].line})"))
            continue
        if bad and ident:
            last = problems[-1]
            problems[-1] = Problem(last.path, last.line, f"{last.message} (until this is fixed, the pages' "
                                   f"citations of '{ident}' are skipped)")
            if skipped is not None:
                skipped.add(ident)
        if bad or not ident:
            continue
        registry[ident] = Source(
            id=ident, title=data["title"].strip(), kind=data["kind"].strip(),
            used_for=data["used_for"].strip(), caveats=data["caveats"].strip(),
            details=_opt(data.get("details")), url=_opt(url), doi=_opt(data.get("doi")),
            verified=verified, line=lines.get("id", line), group=str(group or "").strip())
    return registry, problems


@functools.lru_cache(maxsize=8)
def read_registry(text: str, label: str, groups: frozenset | None) -> tuple[dict, list, frozenset]:
    """(entries, problems, skipped ids) of parse_registry, memoised on the file's text (pure:
    an edited file is parsed again), so the Markdown extensions and the post-build pass parse
    it once per build. Malformed front matter gives no entries and its one Problem."""
    skipped: set = set()
    try:
        registry, problems = parse_registry(text, label, skipped, groups)
        return registry, problems, frozenset(skipped)
    except Problem as problem:
        return {}, [problem], frozenset()


def _group_hint(groups) -> str:
    return f": the group whose page lists it, one of {', '.join(sorted(groups))} (docs/sources/<group>.md)"


def _opt(value) -> str | None:
    return str(value).strip() if value not in (None, "") else None


ENTRY_LABELS = {
    "en": {"kind": "What it is", "used_for": "Used for", "caveats": "Caveats", "details": "Details",
           "link": "Link", "cite": "Cite it as", "unverified": "<strong>Not verified:</strong> this "
           "source was not checked against a published reference."},
    "es": {"kind": "Qué es", "used_for": "Se usa para", "caveats": "Advertencias", "details": "Detalles",
           "link": "Enlace", "cite": "Cítela así", "unverified": "<strong>No verificada:</strong> esta "
           "fuente no se comparó con una referencia publicada."},
}
TRANSLATED_FIELDS = ("kind", "used_for", "caveats")


def render_entry(src: Source, lang: str = "en", translation: dict | None = None) -> str:
    """One source's section. In Spanish, `translation` holds its Spanish kind / used_for /
    caveats (`source_translations:` of docs/sources.es.md); a field without one is shown in
    English, marked lang="en". The title stays in its own language."""
    words = ENTRY_LABELS.get(lang, ENTRY_LABELS["en"])
    translation = translation or {}

    def field(key: str) -> str:
        value = getattr(src, key)
        if lang == "en":
            return value
        if translation.get(key):
            return translation[key]
        return f'<span lang="en">{html.escape(value, quote=False)}</span>'

    mark = "" if lang == "en" else " lang=en"        # the title stays English: say so
    lines = [f"### {src.title} {{ #source-{src.id}{mark} }}", ""]
    if not src.verified:
        lines += [f'<p class="omg-unverified">{words["unverified"]}</p>', ""]
    lines += [f"- **{words['kind']}:** {field('kind')}",
              f"- **{words['used_for']}:** {field('used_for')}",
              f"- **{words['caveats']}:** {field('caveats')}"]
    if src.details:
        details = src.details if lang == "en" else f'<span lang="en">{html.escape(src.details, quote=False)}</span>'
        lines.append(f"- **{words['details']}:** {details}")
    if src.url:
        lines.append(f"- **{words['link']}:** <{src.url}>")
    if src.doi:
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", src.doi, flags=re.I)
        lines.append(f"- **DOI:** [{doi}](https://doi.org/{doi})")
    lines.append(f"- **{words['cite']}:** `[@{src.id}]`")
    return "\n".join(lines) + "\n"


def parse_translations(text: str, path: str, registry: dict[str, Source],
                       broken: frozenset | set = frozenset()) -> tuple[dict, list[Problem]]:
    """`source_translations:` of a translated Sources page (docs/sources.es.md): id -> {kind,
    used_for, caveats} in that language. Problems: an id not in the registry, an unknown field,
    a value that is not text. An id in `broken` (its registry entry has a problem, reported
    there) is left out quietly: it is in the registry, only broken."""
    fm = frontmatter.parse(text, path)
    if "source_translations" not in fm.meta or not isinstance(fm.node, yaml.MappingNode):
        return {}, []
    node = next(v for k, v in fm.node.value if k.value == "source_translations")
    data = fm.meta["source_translations"]
    if data is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return {}, [Problem(path, node.start_mark.line + 2, "'source_translations' must map each source id "
                            "to its translated kind, used_for and caveats")]
    out, problems = {}, []
    for key_node, value_node in node.value:
        ident, line = str(key_node.value), key_node.start_mark.line + 2
        value = data.get(ident)
        if ident in broken:
            continue
        if ident not in registry:
            problems.append(Problem(path, line, f"source_translations: '{ident}' is not a source id in the "
                                    "registry (docs/sources.md)"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(path, line, f"source_translations: '{ident}' must be a mapping with "
                                    f"{', '.join(TRANSLATED_FIELDS)}"))
            continue
        lines = {str(k.value): k.start_mark.line + 2 for k, _ in value_node.value} \
            if isinstance(value_node, yaml.MappingNode) else {}
        entry = {}
        for k, v in value.items():
            if k not in TRANSLATED_FIELDS:
                problems.append(Problem(path, lines.get(k, line), f"source_translations: '{ident}' has an "
                                        f"unknown field '{k}' (fields: {', '.join(TRANSLATED_FIELDS)})"))
            elif not isinstance(v, str) or not v.strip():
                problems.append(Problem(path, lines.get(k, line), f"source_translations: '{ident}': '{k}' "
                                        "must be text"))
            else:
                entry[k] = v.strip()
        out[ident] = entry
    return out, problems


def render_registry(body: str, registry: dict[str, Source], path: str, body_line: int = 1,
                    lang: str = "en", translations: dict | None = None, group: str | None = None) -> str:
    """Replace the `<!-- source-list -->` line of a group's page body with the group's entries
    (every entry when `group` is None)."""
    found = [m.start() for m in re.finditer(re.escape(MARKER), body)]
    if not found:
        raise Problem(path, body_line, f"the Sources page must contain the line {MARKER} "
                      "(where the list of sources is shown)")
    if len(found) > 1:
        raise Problem(path, body_line + line_of(body, found[1]) - 1, f"{MARKER} appears more than once")
    entries = [s for s in registry.values() if group is None or s.group == group]
    if not entries:
        raise Problem(path, body_line + line_of(body, found[0]) - 1, f"no source in the registry "
                      f"(docs/sources.md) has 'group: {group}': give this page's sources that group, "
                      "or remove the page")
    listing = "\n".join(render_entry(s, lang, (translations or {}).get(s.id)) for s in entries)
    listing = f'<div class="omg-source-list" markdown>\n\n{listing}\n</div>'
    return body.replace(MARKER, "\n" + listing + "\n", 1)


def _link_text(text: str) -> str:
    return re.sub(r"([\\\[\]*_`<])", r"\\\1", text)


def render_hub(body: str, registry: dict[str, Source], path: str, page_src: str, sources_src: str,
               groups, body_line: int = 1, lang: str = "en") -> tuple[str, list[Problem]]:
    """Replace each `<!-- source-list: <group> -->` line of the hub with the group's titles,
    each a link to its entry on the group's page that carries the entry's id (`source-<id>`),
    so an old link to `sources/#source-<id>` lands next to the way on. Problems: a group with
    no such line (its sources would be on no list here), an unknown group, a group listed twice."""
    problems, seen = [], set()
    mark = "" if lang == "en" else " lang=en"        # the titles stay English: say so

    def listing(m):
        group, line = m.group(1), body_line + line_of(body, m.start()) - 1
        if group not in groups:
            problems.append(Problem(path, line, f"'{m.group(0).strip()}' names no group with a page "
                                    f"(groups: {', '.join(sorted(groups))})"))
            return ""
        if group in seen:
            problems.append(Problem(path, line, f"the list of group '{group}' appears more than once"))
            return ""
        seen.add(group)
        target = posixpath.relpath(group_page(sources_src, group), posixpath.dirname(page_src) or ".")
        items = [f"- [{_link_text(s.title)}]({target}#source-{s.id}){{ #source-{s.id}{mark} }}"
                 for s in registry.values() if s.group == group]
        return '<div class="omg-source-list" markdown>\n\n' + "\n".join(items) + "\n\n</div>"
    out = HUB_MARKER.sub(listing, body)
    if MARKER in body:
        problems.append(Problem(path, body_line + line_of(body, body.index(MARKER)) - 1,
                                f"{MARKER} belongs on a group's page (docs/sources/<group>.md): here, list "
                                "each group with <!-- source-list: <group> -->"))
    for group in sorted(set(groups) - seen):
        if any(s.group == group for s in registry.values()):
            problems.append(Problem(path, body_line, f"the sources of group '{group}' are listed nowhere "
                                    f"on this page: add the line <!-- source-list: {group} --> under "
                                    "its heading"))
    return out, problems


def without_entries(toc_tokens: list[dict]) -> list[dict]:
    """A Python-Markdown TOC (md.toc_tokens) without the registry's entry headings (`source-…`)."""
    return [{**t, "children": without_entries(t.get("children", []))}
            for t in toc_tokens if not str(t.get("id", "")).startswith("source-")]


class _LazyLine:
    """A line number computed only if a problem needs it (keeps `cite` linear)."""

    def __init__(self, text: str, offset: int, first: int):
        self.text, self.offset, self.first = text, offset, first

    def __int__(self) -> int:
        return self.first + line_of(self.text, self.offset) - 1


@dataclass
class Cited:
    markdown: str
    order: list[str]            # cited ids, in order of first citation
    problems: list[Problem]
    html: dict = None           # placeholder word -> superscript HTML (see `cite`, `fill`)
    skipped: int = 0            # citations of broken registry entries, left out


def _title_attr(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "&quot;")


def sources_link(page_src: str, sources_src: str, ident: str) -> str:
    """Relative Markdown link target from one page (src path) to a source's anchor on the page
    `sources_src` (docs-relative)."""
    if page_src == sources_src:
        return f"#source-{ident}"
    rel = posixpath.relpath(sources_src, posixpath.dirname(page_src) or ".")
    return f"{rel}#source-{ident}"


def entry_page(src: Source, sources_src: str) -> str:
    """The page that shows a source's entry: its group's page (the hub for an entry without)."""
    return group_page(sources_src, src.group) if src.group else sources_src


def cite(body: str, registry: dict[str, Source], path: str, page_src: str,
         sources_src: str = "sources.md", body_line: int = 1, html_href=None, lang: str = "en",
         skip: frozenset | set = frozenset(), notes: dict | None = None) -> Cited:
    """Render every citation in `body` and append the page's sources list.

    Without `html_href`, each citation becomes Markdown links (`[1](sources.md#source-id "Title")`).
    With `html_href(id) -> URL`, a citation outside headings becomes a plain placeholder word
    instead, and `Cited.html` maps it to the finished superscript HTML for `fill` to put in the
    rendered page: Markdown then has nothing to parse there (much faster on big sites). The
    page's sources list stays Markdown links either way, so MkDocs still validates every
    source anchor the page points to. `notes` (id -> text) adds to each tooltip what the source
    is, in the page's language (a Spanish page: its `kind` from source_translations).
    """
    masked = mask_code(body)
    html_parts: dict[str, str] = {}
    heading_lines = {m.start() for m in HEADING_LINE.finditer(masked)} if html_href else set()
    order: list[str] = []
    titled: set[str] = set()
    problems: list[Problem] = []
    pieces: list[str] = []
    last = 0
    skipped = 0
    for m in CITATION.finditer(masked):
        line = _LazyLine(body, m.start(), body_line)
        ids = []
        for part in ("@" + m.group(1)).split(";"):
            one = re.fullmatch(r"@([A-Za-z0-9][\w.:-]*)", part.strip())
            if not one:
                problems.append(Problem(path, int(line), f"malformed citation '{body[m.start():m.end()]}': "
                                        "write [@id] or [@id1; @id2]"))
                ids = []
                break
            ids.append(one.group(1))
        if not ids:
            continue
        links = []
        for ident in ids:
            src = registry.get(ident)
            if src is None and ident in skip:     # a broken registry entry: reported once, there
                skipped += 1
                continue
            if src is None:
                problems.append(Problem(path, int(line), f"unknown source id '{ident}' in {body[m.start():m.end()]} "
                                        "(known ids are listed in docs/sources.md)"))
                continue
            if ident not in order:
                order.append(ident)
            n = order.index(ident) + 1
            line_start = masked.rfind("\n", 0, m.start()) + 1
            if html_href and line_start not in heading_lines:
                label = LABELS.get(lang, LABELS["en"])["source"]
                # The source title (Material's tooltip) goes on the first citation of each
                # source only, like glossary terms: every tooltip costs the reader's phone
                # script time on load (the FAQ cites ~100 times).
                note = f" — {notes[ident]}" if notes and notes.get(ident) else ""
                tip = "" if ident in titled else f' title="{html.escape(src.title + note)}"'
                titled.add(ident)
                link = (f'<a href="{html.escape(html_href(ident))}" aria-label="{label} {n}"{tip}>'
                        f'{n}</a>')
            else:
                link = f'[{n}]({sources_link(page_src, entry_page(src, sources_src), ident)} "{_title_attr(src.title)}")'
            if (n, link) not in links:
                links.append((n, link))
        if not links:
            continue
        pieces.append(body[last:m.start()])
        sup = ('<sup class="omg-cite">' + '<span class="omg-cite-sep">, </span>'.join(l for _, l in sorted(links))
               + "</sup>")
        if sup.startswith('<sup class="omg-cite"><a '):
            token = f"omgcite{len(html_parts):05d}x"
            html_parts[token] = sup
            sup = token
        # A marker split over lines keeps its line breaks, each with the indent that followed it:
        # later line numbers stay right, and the text after the marker stays in its list item or box.
        pieces.append(sup + "".join(re.findall(r"\n[ \t]*", body[m.start():m.end()])))
        last = m.end()
    pieces.append(body[last:])
    problems += citation_typos(body, masked, registry, skip, path, body_line)
    out = "".join(pieces)
    if order:
        out = out.rstrip("\n") + "\n\n" + page_sources(order, registry, page_src, sources_src, lang)
    return Cited(out, order, problems, html_parts, skipped)


# A `[@` that no citation starts at (its `]` is missing), and `[id]` or `[id1; id2]` naming
# registry ids without their `@`: the build would publish the raw brackets to readers.
OPEN = re.compile(r"\[@(?=[A-Za-z0-9 ])")
BARE = re.compile(r"(?<![\w!\]])\[([a-z0-9][a-z0-9._-]*(?:\s*[;,]\s*[a-z0-9][a-z0-9._-]*)*)\](?![(\[:])")


def citation_typos(body: str, masked: str, registry: dict, skip, path: str, body_line: int = 1) -> list[Problem]:
    problems = []
    starts = {m.start() for m in CITATION.finditer(masked)} | {
        m.start() for m in re.finditer(r"\[@[^\[\]]*\][(\[]", masked)}     # `[@x](url)`: a link
    for m in OPEN.finditer(masked):
        if m.start() not in starts:
            words = re.match(r"\[@[^\s\[\]]*", body[m.start():]).group(0)
            problems.append(Problem(path, body_line + line_of(body, m.start()) - 1,
                                    f"citation '{words}' has no closing ]: write {words}] "
                                    "(readers would see the raw text)"))
    for m in BARE.finditer(masked):
        ids = re.split(r"\s*[;,]\s*", m.group(1))
        if all(i in registry or i in skip for i in ids):
            fixed = "[" + "; ".join("@" + i for i in ids) + "]"
            what = "a source id" if len(ids) == 1 else "source ids"
            problems.append(Problem(path, body_line + line_of(body, m.start()) - 1,
                                    f"'{m.group(0)}' is {what} without its @: write {fixed} "
                                    "(readers would see the raw text)"))
    return problems


# The page's sources list in each language (the heading id stays the same in both).
LABELS = {
    "en": {"source": "Source", "heading": "Sources for this page", "unverified": "not verified"},
    "es": {"source": "Fuente", "heading": "Fuentes de esta página", "unverified": "no verificada"},
}


def page_sources(order: list[str], registry: dict[str, Source], page_src: str, sources_src: str,
                 lang: str = "en") -> str:
    words = LABELS.get(lang, LABELS["en"])
    items = []
    for n, ident in enumerate(order, 1):
        src = registry[ident]
        flag = f" *({words['unverified']})*" if not src.verified else ""
        mark = "" if lang == "en" else "{ lang=en }"    # the title stays English: say so
        items.append(f"{n}. [{src.title}]({sources_link(page_src, entry_page(src, sources_src), ident)}){mark}{flag}")
    return ('<div class="omg-page-sources" markdown>\n\n'
            f"## {words['heading']} {{ #sources-for-this-page }}\n\n"
            + "\n".join(items) + "\n\n</div>\n")



def fill(content: str, parts: dict[str, str]) -> str:
    """Put the superscript HTML from `cite(..., html_href=...)` in place of its placeholders."""
    if not parts:
        return content
    return TOKEN.sub(lambda m: parts.get(m.group(0), m.group(0)), content)
