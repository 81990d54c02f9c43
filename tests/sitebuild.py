"""Build helpers shared by the tests: build the real site, or a copy of it with one change.

Every build runs `mkdocs build --strict` in a subprocess, exactly as `make build` does,
so tests see the same exit code and messages a contributor sees.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bigsite import copy_project  # noqa: F401  (tests copy the project the way benchmarks do)

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class BuildResult:
    returncode: int
    output: str          # stdout + stderr
    site: Path
    project: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    return env


def build(project: Path, site: Path | None = None, config: str = "mkdocs.yml") -> BuildResult:
    """Run a strict build of `project` (a folder holding mkdocs.yml) into `site`."""
    site = site or project / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
         "--site-dir", str(site)],
        cwd=project, env=mkdocs_env(), capture_output=True, text=True,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site, project)


def make_build(project: Path, config: str = "mkdocs.yml") -> BuildResult:
    """`make build` in `project`: scripts/build.py (generator mkdocs), its output as the
    contributor sees it (one stream, in order)."""
    site = project / "site"
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--config", config,
                           "--site", str(site)], cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    return BuildResult(proc.returncode, proc.stdout, site, project)


@contextlib.contextmanager
def built_site(project: Path = ROOT):
    """For benchmarks: a strict build of `project` in a temporary folder (removed afterwards).
    Yields the site folder; a failed build stops the benchmark with the build's output."""
    with tempfile.TemporaryDirectory() as tmp:
        result = build(project, Path(tmp) / "site")
        if not result.ok:
            raise SystemExit(f"build failed:\n{result.output}")
        yield result.site


def build_once(tmp_path_factory, worker_id: str, name: str, make) -> BuildResult:
    """Run `make(folder) -> BuildResult` once per test run, however many xdist workers ask.

    The first worker to take the lock builds into a folder every worker of this run can see
    (the parent of the per-worker temp dirs) and records the result; the others wait on the
    lock and read that record. Without xdist it simply builds. A failed build is recorded
    too, so every worker reports the same failure instead of building again.
    """
    base = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        base = base.parent                   # shared by the workers of this run only
    folder = base / name
    record = base / f"{name}.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)     # released when the file closes
        if record.exists():
            data = json.loads(record.read_text())
            return BuildResult(data["returncode"], data["output"], Path(data["site"]), Path(data["project"]))
        folder.mkdir(parents=True, exist_ok=True)
        result = make(folder)
        record.write_text(json.dumps({"returncode": result.returncode, "output": result.output,
                                      "site": str(result.site), "project": str(result.project)}))
        return result
