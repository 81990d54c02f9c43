"""When an embed needs no axe run of its own: its content is its page's markup (issue 23).

An embed file (embed/<page>/, embed/<page>/<widget>/, both languages) is its page's content,
or one part of it, inside the embed template. It is *proven equal* to its page, and axe on
the page stands for axe on its content, when all of this holds, read from the built HTML:

1. Every part of the embed that is not template furniture (the children of
   `div.omg-embed__body`, and of `section.omg-embed__sources` when it holds the page's own
   sources list) is a run of children of the page's article (so nothing on the page hides it
   from axe), equal after `norm`: same elements, classes, ids, text (whitespace collapsed)
   and every attribute (role, aria-*, alt, lang, title, tabindex, style, data-*, hidden …)
   literally, except what the build rewrites for the frame and axe never reads: a link's
   `target`, `rel` and `data-omg-note` (the sources list's note for tooltips-on-hover.js),
   a link's `title` when its `aria-label` names it (a citation's: pages
   move it to their sources list, mildguide.site.cite_tips; axe reads such a title only as a
   description, which no rule checks), and a link's `href` or an image's `src` compared as the
   address it resolves to from its own file. On the page's side the heading "¶" links are left out (the
   embed has none); headings may be raised by one fixed step (a widget's highest heading
   becomes an <h2> under the embed's <h1>).
2. The embed's context changes no result axe gives on that content: the same language around
   it; each content heading skips a level in the embed exactly when it does on the page (axe
   heading-order); every id it references (aria-labelledby, for, headers, an in-page link) is
   inside it, and no id is repeated in the embed; it holds nothing Material's script rewrites
   on a page and an embed leaves raw (tables get a scroll wrapper, code blocks a copy button
   and tabindex, tabs, footnote tooltips), and no <style>, <script> or <link>, which would act
   on the furniture too; and every component in it (inventory.components) is in a walked
   embed, so its look in the embed's stylesheets is axed in both schemes at both widths.
3. The rest of the embed (its furniture: head, title, disclaimer, print button, sources of a
   widget, footer) has the same skeleton as a walked embed's furniture: the same elements,
   classes and attribute values that change rendering or accessibility, with repeated list
   items counted once (tests/test_gallery.py walks those files in both schemes at both widths).
4. The page itself is in the every-page axe walk.

Anything else (a clinic box, a component only in the embed, a class or inline style that
differs, a table) keeps the embed in the walk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from inventory import components, parse
from mildguide import content as C
from mildguide.site.postbuild import ARTICLE, FURNITURE

BASE = "http://site.invalid/"
# new-tab links in a frame; a sources-list link's note (cite_tips: only tooltips-on-hover.js
# reads it, no stylesheet selects it). Axe reads none of them.
IGNORED = {("a", "target"), ("a", "rel"), ("a", "data-omg-note")}
RESOLVED = {("a", "href"), ("img", "src"), ("source", "src")}
IDREFS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
          "aria-details", "aria-errormessage", "aria-flowto", "for", "headers", "list", "form")
# What Material's bundle rewrites inside a page's content at load and an embed leaves raw.
MATERIAL_REWRITES = ".//table | .//pre | .//*[@data-tabs] | .//*[contains(@class, 'footnote-ref')]"
# What acts on the whole document it is in, furniture included.
DOCUMENT_WIDE = ".//style | .//script | .//link | .//meta | .//base"
HEADING = re.compile(r"h[1-6]")


def file_of(site: Path, path: str) -> Path:
    return site / (path if path.endswith(".html") else path + "index.html")


def is_embed(tree) -> bool:
    return bool(tree.xpath("//main[contains(concat(' ', @class, ' '), ' omg-embed ')]"))


def _space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "")


def norm(el, here: str, shift: int = 0, same_doc: frozenset = frozenset(), as_url: str = ""):
    """What axe can see of an element, as a comparable tuple (see the module docstring, 1).
    `here`: the file's site path (links resolve from it); `shift`: heading levels to raise;
    `same_doc`/`as_url`: an embed's in-page links (#id of its own content) count as links to
    `as_url`#id, the page they come from."""
    if not isinstance(el.tag, str):
        return ("#comment", _space(el.tail))           # not rendered; its tail is
    tag = el.tag
    if HEADING.fullmatch(tag):
        tag = f"h{int(tag[1]) - shift}"
    attrs = []
    for name, value in sorted(el.attrib.items()):
        if (el.tag, name) in IGNORED or el.tag == "a" and name == "title" and "aria-label" in el.attrib:
            continue
        if (el.tag, name) in RESOLVED:
            if value.startswith("#") and value[1:] in same_doc:
                value = "/" + as_url + value
            else:
                value = urljoin(BASE + here, value).removeprefix(BASE.rstrip("/"))
        attrs.append((name, value))
    kids = tuple(norm(k, here, shift, same_doc, as_url) for k in el)
    return (tag, tuple(attrs), _space(el.text), kids, _space(el.tail))


def _run_key(elements, here, shift=0, same_doc=frozenset(), as_url=""):
    """A run of siblings: the text before its first element is the container's, left out;
    the last element's tail is trimmed (template whitespace)."""
    out = [norm(e, here, shift, same_doc, as_url) for e in elements]
    if out:
        *head, last = out
        out = [*head, (*last[:4], last[4].strip()) if last[0] != "#comment" else last]
    return tuple(out)


def page_content(tree):
    """The page's article as the every-page walk sees it, less the template's furniture and
    the heading "¶" links (which the embed leaves out)."""
    article = ARTICLE(tree)[0]
    for el in FURNITURE(article):
        el.drop_tree()
    C.strip_chrome(article)
    return article


def find_run(page_root, run: list, page_url: str, embed_url: str, same_doc: frozenset):
    """(the page's nodes equal to `run`, shift) or None: a run of children (elements and
    comments, whose tails are text) of the page's article."""
    first = next((e for e in run if isinstance(e.tag, str)), None)
    if first is None:
        return None
    lead = run.index(first)
    want = _run_key(run, embed_url, 0, same_doc, page_url)
    for shift in range(0, 5):
        tag = f"h{int(first.tag[1]) + shift}" if HEADING.fullmatch(first.tag) else first.tag
        for cand in page_root.iterchildren(tag):        # directly in the article: nothing hides it
            sibs = list(page_root)
            i = sibs.index(cand) - lead
            got = sibs[i:i + len(run)] if i >= 0 else []
            if len(got) == len(run) and _run_key(got, page_url, shift) == want:
                return got, shift
    return None


def headings(tree) -> list:
    return tree.xpath("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
                      " or @role='heading']")


def level(el) -> int:
    return int(el.get("aria-level") or 2) if el.get("role") == "heading" else int(el.tag[1])


def skips(tree, elements) -> list[bool]:
    """For each heading inside `elements`: does it skip a level after the heading before it in
    its whole document (what axe's heading-order judges)?"""
    inside = {h for e in elements for h in headings_of(e)}
    out, prev = [], 0
    for h in headings(tree):
        if h in inside:
            out.append(prev > 0 and level(h) > prev + 1)
        prev = level(h)
    return out


def headings_of(el) -> list:
    return [h for h in el.iter() if isinstance(h.tag, str) and (HEADING.fullmatch(h.tag) or h.get("role") == "heading")]


def lang_at(el) -> str:
    for a in [el, *el.iterancestors()]:
        if a.get("lang"):
            return a.get("lang")
    return ""


# --- the furniture's skeleton ------------------------------------------------------------------

KEEP_NAMES_ONLY = {"id", "value", "datetime", "content", "title", "aria-label", "height", "width"}


def skeleton(el, content: set):
    """An element of the furniture with what changes rendering or accessibility (the module
    docstring, 3): text and addresses only as present or not, repeated siblings once."""
    if not isinstance(el.tag, str):
        return None
    if el in content:
        return ("CONTENT",)
    attrs = []
    for name, value in sorted(el.attrib.items()):
        if name in ("href", "src"):
            value = value.rsplit("/", 1)[-1] if el.tag in ("link", "script") else value.startswith("#")
        elif name in KEEP_NAMES_ONLY:
            value = bool(value.strip())
        attrs.append((name, value))
    kids = []
    for k in el:
        s = skeleton(k, content)
        if s is not None and (not kids or kids[-1] != s):
            kids.append(s)
    return (el.tag, tuple(attrs), bool((el.text or "").strip()), tuple(kids))


# --- one embed --------------------------------------------------------------------------------

@dataclass
class Embed:
    path: str
    page: str = ""                      # the page its content comes from ('' for the home page)
    content: list = field(default_factory=list)      # the embed's content elements
    skeleton: tuple = ()
    why_not: list = field(default_factory=list)      # why it is not equal to its page


def decompose(site: Path, path: str) -> Embed:
    """Split an embed file into its content (found in its page) and its furniture."""
    tree = parse(file_of(site, path))
    out = Embed(path)
    link = tree.xpath("//p[contains(@class, 'omg-embed__from')]//a/@href")
    out.page = urlsplit(urljoin(BASE + path, link[0]) if link else "").path.removeprefix("/")
    page_file = file_of(site, out.page)
    if not link or not page_file.is_file():
        out.why_not.append(f"its page {out.page or '/'} is not a built file")
        return out
    page_tree = parse(page_file)
    page_root = page_content(page_tree)
    body = tree.xpath("//div[contains(@class, 'omg-embed__body')]")
    sources = tree.xpath("//section[contains(@class, 'omg-embed__sources')]")
    runs = [list(body[0])] if body else []
    runs += [list(s) for s in sources]
    ids = frozenset(i for r in runs for e in r for i in e.xpath("descendant-or-self::*/@id"))
    matched = []
    for i, (box, run) in enumerate(zip(body + sources, runs)):
        if (box.text or "").strip():
            out.why_not.append(f"text directly in {box.get('class')}")
        found = find_run(page_root, run, out.page, path, ids)
        if found is None:
            if i == 0:
                out.why_not.append("its body is not a run of its page's article")
            continue                                   # a widget's own sources list: furniture
        page_els, _ = found
        matched += run
        if skips(tree, run) != skips(page_tree, page_els):
            out.why_not.append("a heading skips a level in one file and not the other")
        if lang_at(run[0].getparent()) != lang_at(page_els[0].getparent()):
            out.why_not.append("the language around the content differs")
    out.content = matched
    out.skeleton = skeleton(tree.getroottree().getroot(), set(matched))
    return out


def context_problems(embed: Embed, tree_ids: list[str], walked_components: set[str]) -> list[str]:
    """The checks of the module docstring, 2, on the embed's content."""
    out = []
    inside = {i for e in embed.content for i in e.xpath("descendant-or-self::*/@id")}
    for e in embed.content:
        for el in e.iter():
            if not isinstance(el.tag, str):
                continue
            for name in IDREFS:
                missing = [r for r in (el.get(name) or "").split() if r not in inside]
                if missing:
                    out.append(f"{name}={' '.join(missing)} points outside the content")
            if el.tag == "a" and (el.get("href") or "").startswith("#") and el.get("href")[1:] not in inside:
                out.append(f"href={el.get('href')} points outside the content")
        if e.xpath("self::table | self::pre") or e.xpath(MATERIAL_REWRITES):
            out.append("it holds a table or code box, which Material's script rewrites on the page only")
        if e.xpath("self::style | self::script | self::link | self::meta | self::base") or e.xpath(DOCUMENT_WIDE):
            out.append("it holds a <style>, <script> or <link>, which acts on the whole document")
        unwalked = components(e) - walked_components
        if unwalked:
            out.append(f"{', '.join(sorted(unwalked))} in no walked embed")
    repeated = {i for i in tree_ids if tree_ids.count(i) > 1}
    if repeated:
        out.append(f"repeated ids {sorted(repeated)}")
    return sorted(set(out))


@dataclass
class Walked:
    """What the gallery's walked embeds hold: their furniture skeletons and their components."""
    skeletons: set
    components: set


def walked_facts(walked_embeds: list[tuple[Path, str]]) -> Walked:
    """`walked_embeds`: (site, path) of the embed files the gallery walks."""
    return Walked({decompose(s, p).skeleton for s, p in walked_embeds},
                  set().union(*(components(parse(file_of(s, p))) for s, p in walked_embeds)))


def proven_equal(site: Path, paths: list[str], axed_pages: set[str], walked: Walked
                 ) -> tuple[dict[str, str], dict[str, list[str]]]:
    """({embed path: the page it is proven equal to}, {embed path: why not}) for the embed
    files among `paths`. `axed_pages`: the files the every-page walk axes."""
    equal, not_equal = {}, {}
    for path in paths:
        tree = parse(file_of(site, path))
        if not is_embed(tree):
            continue
        e = decompose(site, path)
        why = list(e.why_not)
        if not why:
            why += context_problems(e, tree.xpath("//@id"), walked.components)
            if e.skeleton not in walked.skeletons:
                why.append("its furniture is like no walked embed's")
            if e.page not in axed_pages:
                why.append(f"its page {e.page or '/'} is not in the every-page walk")
        if why:
            not_equal[path] = why
        else:
            equal[path] = e.page
    return equal, not_equal


def walked_embed_files(files: list[tuple[str, Path, str]]) -> list[tuple[Path, str]]:
    """(site, path) of the embeds among the gallery walk's files (test_gallery.walked)."""
    return [(site, p) for _, site, p in files if is_embed(parse(file_of(site, p)))]
