"""Link checker speed: the real site, and a generated 1,000-page copy (target: real site < 2 s).

Prints the time `check_site` takes on an already built site (the build is not timed here).
The 1,000-page copy comes from benchmarks.bigsite.make_big_site.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))


def _build(project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    # the hook would run the checker inside the build too; time it separately instead
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "--site-dir", str(site)], cwd=project, env=env, capture_output=True, text=True)
    if not site.joinpath("index.html").is_file():
        raise SystemExit(f"build of {project} failed:\n{proc.stdout}{proc.stderr}")


def _check(project: Path, site: Path) -> tuple[float, int, int]:
    import logging
    from mkdocs.config import load_config
    from mildguide.site.linkcheck import check_site, site_info_from_config
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    info = site_info_from_config(config)
    problems = check_site(info)
    elapsed = time.perf_counter() - started
    html_files = sum(1 for _ in site.rglob("*.html"))
    return elapsed, len(problems), html_files


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-linkcheck-") as tmp:
        tmp = Path(tmp)
        site = tmp / "real-site"
        _build(ROOT, site)
        for _ in range(2):    # warm file cache; report the second run
            elapsed, problems, files = _check(ROOT, site)
        print(f"real site: {files} HTML files checked in {elapsed:.2f} s ({problems} problems; target < 2 s)")

        from benchmarks.bigsite import make_big_site
        project = make_big_site(tmp / "big", pages=1000)
        big_site = tmp / "big-site"
        started = time.perf_counter()
        _build(project, big_site)
        build_time = time.perf_counter() - started
        elapsed, problems, files = _check(project, big_site)
        print(f"1,000-page copy (benchmarks.bigsite): {files} HTML files checked in {elapsed:.2f} s "
              f"({problems} problems; build took {build_time:.0f} s, not counted)")


if __name__ == "__main__":
    main()
