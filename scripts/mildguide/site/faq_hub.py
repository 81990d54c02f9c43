"""The FAQ hub (docs/faq.md) lists every question of the one-topic FAQ pages (docs/faq/topic-*.md).

Each item of the hub's lists is a link to the answer that carries the question's id
(`- [Will I be awake?](faq/topic-about-mild.md#faq-awake){ #faq-awake }`), so an old address
such as faq/#faq-awake still reaches the answer. MkDocs' anchor check (strict) fails a link to a
question that is gone; this finds the other mistake: a question added to a topic page but not
to the hub. Pure: the post-build step (mildguide.site.postbuild.faq_hub) reports.
"""
from __future__ import annotations

import posixpath
import re

# A one-topic FAQ page's docs-relative path without `.md` (its slug): faq/topic-cost.
TOPIC_PAGE = re.compile(r"faq/(topic-[a-z0-9-]+)")


def topic_of(src: str):
    """The match of a one-topic FAQ page's source (`faq/topic-cost.md`), or None."""
    return TOPIC_PAGE.fullmatch(src.removesuffix(".md")) if src.endswith(".md") else None


def link_target(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative page URL, anchor) a hub's link leads to (also mildguide.site.source_hub)."""
    page, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(page_url, page)) + "/", anchor


def listed(hub, hub_url: str) -> set[tuple[str, str]]:
    """(site-relative page URL, question id) of every link in the hub's content that carries a
    question id."""
    out = set()
    for a in hub.xpath('.//a[starts-with(@id, "faq-")]'):
        url, anchor = link_target(hub_url, a.get("href") or "")
        if anchor == a.get("id"):
            out.add((url, anchor))
    return out


def questions(topic) -> list[tuple[str, str]]:
    """(id, question text) of each question (`h2` with a `faq-` id) in a topic page's content."""
    return [(h.get("id"), " ".join(h.text_content().replace("¶", "").split()))
            for h in topic.xpath('.//h2[starts-with(@id, "faq-")]')]


def unlisted(hub, hub_url: str, topics: list[tuple[str, str, object]], hub_md: str,
             hub_label: str) -> list[str]:
    """Messages (`docs/faq.md:LINE: …`) for each topic question the hub does not list.
    `hub` and each topic's element: the page's own content (postbuild.Page.content());
    `topics`: (page URL, docs-relative source, content) of each topic page."""
    have = listed(hub, hub_url)
    lines = hub_md.split("\n")
    out = []
    for url, src, content in topics:
        topic = topic_of(src)
        at = next((i + 1 for i, line in enumerate(lines)
                   if topic and re.match(r"##\s.*\{\s*#" + topic.group(1) + r"\s*\}", line)), 1)
        for ident, text in questions(content):
            if (url, ident) not in have:
                out.append(f"{hub_label}:{at}: the question '{text}' of {src} is not listed on the FAQ "
                           f"page: add '- [{text}]({src}#{ident}){{ #{ident} }}' under its topic")
    return out
