"""Sample widget content for embed tests, written into a project copy.

The real pages are being written by others; these fixtures hold every widget the guide
agrees on (FAQ topics, comparison table, decision aid, recovery timeline, questions checklist) with
citations, so the embed tests do not depend on the current state of the content.
"""
from __future__ import annotations

from pathlib import Path

FRONT = """---
title: {title}
description: {title} (test copy).
reviewed: 2026-11-23
next_review: 2027-11-23
---

"""

PAGES = {
    "faq.md": ("Frequently asked questions", """# Frequently asked questions

## Before the procedure { #topic-before }

### Will I be awake? { #faq-awake }

Most people are awake but numbed.[@src-001] See [recovery](recovery.md#recovery-timeline).

??? note "More detail about numbing"
    The sources differ about numbing and sleep.[@hayes-brief]
    Some people get medicine to relax them. This text makes the box taller when it opens.
    It keeps going for a few lines so the height change is easy to measure.

## After the procedure { #topic-after }

### When can I go home? { #faq-home }

Most people go home the same day.[@src-002]
"""),
    "compare.md": ("Compare treatments", """# Compare treatments

## Side by side { #side-by-side }

<div class="compare-table" id="treatment-comparison" markdown>

| | MILD | Open surgery |
|---|---|---|
| Hospital stay | Home the same day[@src-001] | Not stated in the sources |
| Opening | Smaller than 1 cm[@src-002] | Not stated in the sources |

</div>

Read the [glossary](glossary.md).
"""),
    "recovery.md": ("Recovery", """# Recovery

## Recovery timeline { #timeline }

<div class="recovery-timeline" id="recovery-timeline" markdown>

1. **Same day:** you go home.[@src-001]
2. **First week:** light walking.[@hayes-brief]

</div>

## When to get help { #when-to-get-help }

Call your care team if the wound leaks.[@src-002]
"""),
    "other-treatments.md": ("Other treatments", """# Other treatments

<div class="omg-decision" id="what-might-happen" markdown>

## What might happen to 100 people like me { #what-might-happen-to-100 }

```icon-array
per_100: 40
label: people felt better
source: src-001
study: "A test study of 10 people"
numerator: 4
denominator: 10
derived: true
```

</div>
"""),
    "questions.md": ("Questions to ask your doctor", """# Questions to ask your doctor

## About the procedure { #about }

- [ ] Am I a good candidate for MILD?[@src-001]
- [ ] What are the risks for me?
"""),
}

SOURCES = [
    ("src-001", "Clinic page one", "https://example.org/one"),
    ("src-002", "Clinic page two", "https://example.org/two"),
    ("hayes-brief", "Hayes evidence brief", None),
]


def machinery_citations(project: Path) -> bool:
    """Does the project render [@id] citations (helper machinery's hook)?"""
    return "citation" in (project / "mkdocs.yml").read_text() or \
        any("cite" in p.name for p in (project / "scripts" / "hooks").glob("*.py"))


def write_widget_pages(project: Path) -> None:
    docs = project / "docs"
    native = machinery_citations(project)
    titles = {sid: title for sid, title, _ in SOURCES}
    for name, (title, body) in PAGES.items():
        if not native:   # no citation hook yet: write what it would render, by hand
            import re
            body = re.sub(r"\[@([\w-]+)\]", lambda m: f'<sup>[{m.group(1)}](sources.md#source-{m.group(1)} "{titles[m.group(1)]}")</sup>', body)
        (docs / name).write_text(FRONT.format(title=title) + body)
    src = docs / "sources.md"
    text = src.read_text()
    head, _, rest = text.partition("\n---\n")
    if "sources:" not in head:
        entries = "".join(
            f"\n  - id: {sid}\n    title: {t}\n    kind: test\n    used_for: tests\n    caveats: none"
            + (f"\n    url: {u}" if u else "") for sid, t, u in SOURCES)
        head += "\nsources:" + entries
    if not native:
        rest += "".join(f"\n\n### {t} {{ #source-{sid} }}\n\nA test source.\n" for sid, t, _ in SOURCES)
    src.write_text(head + "\n---\n" + rest)
