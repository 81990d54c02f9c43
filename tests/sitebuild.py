"""Build helpers shared by the tests: build the real site, or a copy of it with one change.

Every build runs `mkdocs build --strict` in a subprocess, exactly as `make build` does,
so tests see the same exit code and messages a contributor sees.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mildguide.bigsite import copy_project  # noqa: F401  (tests copy the project the way benchmarks do)

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


@contextlib.contextmanager
def built_site(project: Path = ROOT):
    """For benchmarks: a strict build of `project` in a temporary folder (removed afterwards).
    Yields the site folder; a failed build stops the benchmark with the build's output."""
    with tempfile.TemporaryDirectory() as tmp:
        result = build(project, Path(tmp) / "site")
        if not result.ok:
            raise SystemExit(f"build failed:\n{result.output}")
        yield result.site
