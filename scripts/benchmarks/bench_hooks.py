"""Build time of a generated 1,000-page copy of the guide, with the hooks on and off.

Target (issue 3): hooks on / hooks off <= 1.25. Three builds of the same 1,000-page copy
(mildguide.bigsite.make_big_site), each with `strict: false` so the hooks-off build is not
stopped by what only the hooks provide (with hooks off citations stay literal text):
  * all hooks (mkdocs.yml as it is),
  * machinery hooks only (front matter, citations, glossary, FAQ, compare, care),
  * no hooks.
Set BENCH_PAGES to change the page count. Prints figures; never fails on the target.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from mildguide.bigsite import make_big_site, strip_hooks  # noqa: E402

MACHINERY = ("frontmatter.py", "citations.py", "glossary.py", "faq.py", "compare.py", "care.py")


def _build(project: Path, config: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build process) of one build."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MILDGUIDE_TODAY="2026-12-01")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    site = project / f"site-{config}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config),
                           "--site-dir", str(site)], cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise SystemExit(f"the {config} build failed:\n{tail}")
    shutil.rmtree(site, ignore_errors=True)
    return elapsed, cpu


def main() -> None:
    pages = int(os.environ.get("BENCH_PAGES", "1000"))
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
        project = make_big_site(Path(tmp) / "big", pages=pages)
        md = sum(1 for _ in (project / "docs").rglob("*.md"))
        base = (project / "mkdocs.yml").read_text()
        base = re.sub(r"^strict:\s*true", "strict: false", base, flags=re.M)
        (project / "mkdocs.yml").write_text(base)
        shutil.copy2(project / "mkdocs.yml", project / "mkdocs.machinery.yml")
        strip_hooks(project / "mkdocs.machinery.yml", keep=MACHINERY)
        shutil.copy2(project / "mkdocs.yml", project / "mkdocs.nohooks.yml")
        strip_hooks(project / "mkdocs.nohooks.yml")
        print(f"   {md} Markdown pages in the generated copy", flush=True)
        print("   (CPU seconds are the build process's own; wall time also counts other work on the machine)")
        off = _build(project, "mkdocs.nohooks.yml")
        print(f"   hooks off:            wall {off[0]:6.1f} s   CPU {off[1]:6.1f} s", flush=True)
        for label, cfg in (("machinery hooks only:", "mkdocs.machinery.yml"), ("all hooks:           ", "mkdocs.yml")):
            t = _build(project, cfg)
            print(f"   {label} wall {t[0]:6.1f} s   CPU {t[1]:6.1f} s   "
                  f"ratio wall {t[0] / off[0]:.2f}, CPU {t[1] / off[1]:.2f} (target <= 1.25)", flush=True)

if __name__ == "__main__":
    main()
