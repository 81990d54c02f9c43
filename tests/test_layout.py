"""The layout of scripts/mildguide shows the pipeline, and the imports keep to it (issue 24).

Layers, lowest first: the core (top-level modules: settings, clinic, i18n, problems …);
`page/` (page transforms and checks); `site/` (post-build steps) and `reports/` (side by
side: neither imports the other); the adapters that plug the rest into a generator:
`mdext/` (Python-Markdown extensions) and scripts/hooks/ (MkDocs hooks). A module may import
its own group or a lower layer, never a higher one, and no modules import each other in a
circle (deferred imports inside functions count: they are dependencies too).

The imports are read with ast, not by importing. The checks are functions of a module map
(module -> modules it imports), so the tests below also feed them a broken map, and a copy
of the package with an upward import written into it, to show they fail.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from sitebuild import ROOT

SCRIPTS = ROOT / "scripts"
LAYERS = {"core": 0, "page": 1, "site": 2, "reports": 2, "mdext": 3, "hooks": 3}


def module_name(path: Path, scripts: Path) -> str:
    parts = list(path.relative_to(scripts).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_map(scripts: Path = SCRIPTS) -> dict[str, set[str]]:
    """Every module of mildguide and scripts/hooks -> the modules of those it imports."""
    files = {module_name(p, scripts): p for p in sorted((scripts / "mildguide").rglob("*.py"))}
    files |= {module_name(p, scripts): p for p in sorted((scripts / "hooks").glob("*.py"))}
    return {name: imports_of(name, path, set(files)) for name, path in files.items()}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import mod` imports the module pkg.mod; `from mod import name`, mod
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        out.update(t for t in targets if t in known and t != name)
    return out


def layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "hooks":
        return "hooks"
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "core"          # mildguide itself and its top-level modules (a subpackage's own core)


def upward_imports(modules: dict[str, set[str]]) -> list[str]:
    """`a imports b` for each import of a higher layer, or of a sibling group at the same layer."""
    bad = []
    for module, imported in sorted(modules.items()):
        mine = layer(module)
        for target in sorted(imported):
            theirs = layer(target)
            if theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                bad.append(f"{module} ({mine}) imports {target} ({theirs})")
    return bad


def cycles(modules: dict[str, set[str]]) -> list[list[str]]:
    """Each set of modules that import each other in a circle (Tarjan's strongly connected
    components of more than one module, or a module that imports itself)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(start):
        work = [(start, iter(sorted(modules.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(modules.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in modules.get(node, ()):
                    found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


# -- the real tree ----------------------------------------------------------------------------

def test_the_map_reads_the_real_imports():
    """The map is not empty by accident: it holds what the code imports."""
    modules = module_map()
    assert "mildguide.site.linkcheck.check" in modules["mildguide.site.linkcheck"]
    assert "mildguide.page.sources" in modules["mildguide.mdext.base"]        # `from ..page import sources`
    assert "mildguide.mdext.priorities" in modules["mildguide.mdext.care"]    # `from . import priorities`
    assert "mildguide.site.postbuild" in modules["hooks.postbuild"]
    assert {layer(m) for m in modules} == set(LAYERS)


def test_no_module_imports_a_higher_layer():
    assert upward_imports(module_map()) == []


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(module_map()) == []


# -- the checks fail on a broken layout -------------------------------------------------------

def test_checks_fail_on_a_broken_map():
    modules = {
        "mildguide.i18n": set(),
        "mildguide.page.care": {"mildguide.i18n", "mildguide.site.embed"},          # page -> site: up
        "mildguide.site.embed": {"mildguide.page.care", "mildguide.reports.prose"},  # site -> reports: sibling
        "mildguide.reports.prose": {"mildguide.reports.readability"},
        "mildguide.reports.readability": {"mildguide.reports.prose"},              # a circle
        "mildguide.mdext.care": {"mildguide.page.care", "hooks.trust"},             # adapters: a sibling
        "hooks.trust": set(),
    }
    assert upward_imports(modules) == [
        "mildguide.mdext.care (mdext) imports hooks.trust (hooks)",
        "mildguide.page.care (page) imports mildguide.site.embed (site)",
        "mildguide.site.embed (site) imports mildguide.reports.prose (reports)",
    ]
    assert cycles(modules) == [["mildguide.reports.prose", "mildguide.reports.readability"],
                               ["mildguide.page.care", "mildguide.site.embed"]]


def test_checks_fail_on_a_copy_of_the_package_with_an_upward_import(tmp_path):
    """A mutation of real code: the core's i18n importing a post-build step (an upward import
    that also closes a circle, since the step imports i18n)."""
    scripts = tmp_path / "scripts"
    shutil.copytree(SCRIPTS / "mildguide", scripts / "mildguide",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copytree(SCRIPTS / "hooks", scripts / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    assert upward_imports(module_map(scripts)) == [] and cycles(module_map(scripts)) == []
    i18n = scripts / "mildguide" / "i18n.py"
    i18n.write_text(i18n.read_text(encoding="utf-8") + "\n\ndef later():\n    from .site import postbuild\n",
                    encoding="utf-8")
    modules = module_map(scripts)
    assert upward_imports(modules) == ["mildguide.i18n (core) imports mildguide.site.postbuild (site)"]
    assert any({"mildguide.i18n", "mildguide.site.postbuild"} <= set(group) for group in cycles(modules))
