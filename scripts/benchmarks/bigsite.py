"""Generate a big copy of the guide for benchmarks: `make_big_site(dest, pages=1000)`.

Copies the project (docs, overrides, includes, scripts, schemas, config files) into `dest`
and clones the real content pages (every page except the home, glossary, sources and
embedding pages) until the site holds `pages` Markdown pages. Clones sit next to the
originals (docs/<page>-copy-0001.md) so their relative links and anchors still resolve;
they are listed in nav sections of at most 100 pages (each with its own listing page, all
linked from docs/copies.md, linked from the home page), so no clone is an orphan; the copy
turns on Material's `navigation.prune` (`prune=False` to compare). Returns `dest`.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("docs", "overrides", "includes", "scripts", "schemas", "links.yml", "warning-signs.yml",
         "terminology.yml")
SINGLETONS = {"index.md", "glossary.md", "sources.md", "embedding.md", "faq.md", "copies.md"}
SECTION = 100          # pages per nav section, as a real guide would group them


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy what a build of the project needs (PARTS and every mkdocs*.yml, clinic configs
    included) into `dest` and return it. Tests use it too (tests/sitebuild.py)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    for cfg in root.glob("mkdocs*.yml"):
        shutil.copy2(cfg, dest / cfg.name)
    return dest


def make_big_site(dest: Path, pages: int = 1000, root: Path = ROOT, prune: bool = True) -> Path:
    dest = Path(dest)
    copy_project(dest, root)
    docs = dest / "docs"
    existing = sorted(p for p in docs.rglob("*.md"))
    # English pages only: a Spanish page (*.es.md) is not cloned as an English one.
    sources = [p for p in existing if p.parent == docs and p.name not in SINGLETONS
               and not p.name.endswith(".es.md")]
    if not sources:
        raise ValueError(f"no content pages to clone in {docs}")
    clones: list[tuple[str, str]] = []
    needed = max(0, pages - len(existing) - 1)          # -1: copies.md itself
    needed -= -(-needed // (SECTION + 1))                # each section's own listing page
    for i in range(needed):
        src = sources[i % len(sources)]
        name = f"{src.stem}-copy-{i + 1:04d}.md"
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^title:\s*(.+)$", lambda m: f"title: {_with_suffix(m.group(1), i + 1)}", text,
                      count=1, flags=re.M)
        (docs / name).write_text(text, encoding="utf-8")
        clones.append((f"Copy {i + 1}: {src.stem}", name))
    # A realistic nav: sections of at most SECTION pages, each with a page listing its own
    # pages (so no clone is an orphan), and `navigation.prune` so each page carries only the
    # open section's links instead of every link of the site.
    sections = [clones[i:i + SECTION] for i in range(0, len(clones), SECTION)]
    nav = "  - Copies:\n      - All copies: copies.md\n"
    listing = ""
    for n, part in enumerate(sections, 1):
        first, last = n * SECTION - SECTION + 1, n * SECTION - SECTION + len(part)
        name = f"copies-{n:02d}.md"
        label = f"Copies {first} to {last}"
        (docs / name).write_text(
            f"---\ntitle: {label}\ndescription: Generated copies for benchmarks.\n"
            "reviewed: 2026-11-23\nnext_review: 2027-11-23\nclinical_review: none\nembed: false\ncitations: none\n---\n\n"
            f"# {label}\n\n" + "".join(f"- [{lab}]({nm})\n" for lab, nm in part), encoding="utf-8")
        listing += f"- [{label}]({name})\n"
        nav += f"  - \"{label}\":\n      - \"{label}\": {name}\n" + "".join(
            f"      - \"{lab}\": {nm}\n" for lab, nm in part)
    (docs / "copies.md").write_text(
        "---\ntitle: Copies\ndescription: Generated copies of the guide's pages for benchmarks.\n"
        "reviewed: 2026-11-23\nnext_review: 2027-11-23\nclinical_review: none\nembed: false\ncitations: none\n---\n\n# Copies\n\n" + listing,
        encoding="utf-8")
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").rstrip("\n") + "\n\n[All copies](copies.md)\n",
                     encoding="utf-8")
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    m = re.search(r"^nav:\n(?:[ \t]+.*\n|\n)*", text, re.M)
    if not m:
        raise ValueError("mkdocs.yml has no nav")
    text = text[:m.end()].rstrip("\n") + "\n" + nav + "\n" + text[m.end():]
    if prune and "navigation.prune" not in text:
        text = re.sub(r"^(  features:\n)", r"\1    - navigation.prune\n", text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    return dest


def _with_suffix(title: str, n: int) -> str:
    title = title.strip()
    quoted = title[:1] in "\"'" and title[-1:] == title[:1]
    inner = title[1:-1] if quoted else title
    return '"' + inner.replace('"', '\\"') + f' (copy {n})"'


def strip_hooks(config: Path, keep: tuple[str, ...] = ()) -> None:
    """Remove every hook from `config` except those whose path contains one of `keep`."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    out, inside = [], False
    for line in lines:
        if re.match(r"^hooks:", line):
            inside = True
            out.append("hooks:\n")
            continue
        if inside:
            if re.match(r"^\s+-\s", line):
                if any(k in line for k in keep):
                    out.append(line)
                continue
            if line.strip() == "" or line.startswith("#"):
                continue
            inside = False
        out.append(line)
    text = "".join(out).replace("hooks:\n", "hooks: []\n", 1) if not keep else "".join(out)
    config.write_text(text, encoding="utf-8")


def strip_extensions(config: Path, prefix: str = "mildguide.mdext.") -> None:
    """Remove our Markdown extensions (`- mildguide.mdext.…` and their option lines) from
    `markdown_extensions:` in `config`: what is left is the same Markdown on plain Material."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    out, skipping, indent = [], False, 0
    for line in lines:
        m = re.match(r"^(\s*)-\s+(\S+?):?\s*$", line)
        if m and m.group(2).startswith(prefix):
            skipping, indent = True, len(m.group(1))
            continue
        if skipping and line.strip() and len(line) - len(line.lstrip()) > indent and \
                not line.lstrip().startswith("- "):
            continue
        skipping = False
        out.append(line)
    config.write_text("".join(out), encoding="utf-8")
