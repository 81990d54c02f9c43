"""Run the link checker the way `make linkcheck` does, on any project folder."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild import BuildResult, build, mkdocs_env


@dataclass
class CheckResult:
    build: BuildResult
    returncode: int          # the checker's exit code
    output: str              # the checker's output

    @property
    def failed(self) -> bool:
        return not self.build.ok or self.returncode != 0

    @property
    def all_output(self) -> str:
        return self.build.output + "\n" + self.output


def run_checker(project: Path, site: Path, config: str = "mkdocs.yml") -> tuple[int, str]:
    """The project's own scripts/linkcheck.py on an already built site."""
    proc = subprocess.run(
        [sys.executable, str(project / "scripts" / "linkcheck.py"), "--config", str(project / config),
         "--site", str(site)],
        cwd=project, env=mkdocs_env(), capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def build_and_check(project: Path, config: str = "mkdocs.yml") -> CheckResult:
    result = build(project, config=config)
    if not result.site.is_dir():
        return CheckResult(result, 1, "(no site was written)")
    code, output = run_checker(project, result.site, config)
    return CheckResult(result, code, output)
