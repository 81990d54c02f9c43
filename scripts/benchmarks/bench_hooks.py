"""Build cost of our page transforms and site steps against the same Markdown on plain Material.

Target (issue 13): ours / plain <= 1.25 (CPU), on the real site and on a generated 1,000-page
copy (benchmarks.bigsite.make_big_site: nav sections of <= 100 pages, navigation.prune).
Three builds of the same copy, each with `strict: false` (the plain build leaves citations
as literal text, which the link check would otherwise not see):
  * plain Material: no hooks, none of our Markdown extensions,
  * page transforms only: our Markdown extensions (mildguide.mdext.*), no post-build pass,
  * everything: mkdocs.yml as it is (transforms + the post-build pass + the clinic hook).
BENCH_PAGES: page counts, comma-separated (default "real,1000"; "real" is the guide itself).
With two or more counts, also prints the growth exponent of the full build between them.
Prints figures; never fails on the target.
"""
from __future__ import annotations

import math
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

from benchmarks.bigsite import copy_project, make_big_site, strip_extensions, strip_hooks  # noqa: E402


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
    # The builds run without strict (see the docstring), so say when the copy has problems: a
    # page the checks reject may skip work, and the figures would flatter the build.
    problems = [line for line in (proc.stdout + proc.stderr).splitlines() if line.startswith(("ERROR", "WARNING"))]
    if problems:
        print(f"     ({config}: {len(problems)} build problem(s), first: {problems[0][:150]})", flush=True)
    return elapsed, cpu


def measure(project: Path, label: str) -> float:
    md = sum(1 for _ in (project / "docs").rglob("*.md"))
    base = (project / "mkdocs.yml").read_text()
    base = re.sub(r"^strict:\s*true", "strict: false", base, flags=re.M)
    (project / "mkdocs.yml").write_text(base)
    shutil.copy2(project / "mkdocs.yml", project / "mkdocs.transforms.yml")
    strip_hooks(project / "mkdocs.transforms.yml", keep=("clinic.py",))
    shutil.copy2(project / "mkdocs.yml", project / "mkdocs.plain.yml")
    strip_hooks(project / "mkdocs.plain.yml")
    strip_extensions(project / "mkdocs.plain.yml")
    print(f"   {label}: {md} Markdown pages", flush=True)
    plain = _build(project, "mkdocs.plain.yml")
    print(f"     plain Material:        wall {plain[0]:6.1f} s   CPU {plain[1]:6.1f} s", flush=True)
    full = plain
    for name, cfg in (("page transforms only:", "mkdocs.transforms.yml"), ("everything:          ", "mkdocs.yml")):
        t = _build(project, cfg)
        full = t
        print(f"     {name}  wall {t[0]:6.1f} s   CPU {t[1]:6.1f} s   "
              f"ratio wall {t[0] / plain[0]:.2f}, CPU {t[1] / plain[1]:.2f} (target <= 1.25)", flush=True)
    return full[1]


def main() -> None:
    counts = [c.strip() for c in os.environ.get("BENCH_PAGES", "real,1000").split(",") if c.strip()]
    print("   (CPU seconds are the build process's own; wall time also counts other work on the machine)")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
        for count in counts:
            dest = Path(tmp) / f"site-{count}"
            project = copy_project(dest) if count == "real" else make_big_site(dest, pages=int(count))
            pages = sum(1 for _ in (project / "docs").rglob("*.md"))
            results.append((pages, measure(project, "real site" if count == "real" else f"{count}-page copy")))
    big = [(n, cpu) for n, cpu in results if n >= 50]
    if len(big) >= 2:
        (n1, t1), (n2, t2) = big[0], big[-1]
        print(f"   growth {n1} -> {n2} pages: CPU x{t2 / t1:.2f}, exponent "
              f"{math.log(t2 / t1) / math.log(n2 / n1):.2f} (target <= 1.1)")


if __name__ == "__main__":
    main()
