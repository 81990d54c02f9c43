"""`make build`: a strict build with the chosen generator, then (where the generator runs no
MkDocs hooks) the post-build pass as a command.

    python scripts/build.py [--generator mkdocs|properdocs|zensical] [--config mkdocs.yml] [--site site]

Prints which generator and version it ran. Exits non-zero when the build (or the pass) fails.
The build goes into a fresh folder that replaces --site only on success (mildguide.staging): a
failed build leaves the last good site untouched and publishes nothing.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from mildguide.staging import build_then_swap  # noqa: E402
GENERATORS = {
    # name: (PyPI distribution, command, whether it runs our MkDocs hooks)
    "mkdocs": ("mkdocs", ["-m", "mkdocs", "build", "--strict"], True),
    "properdocs": ("properdocs", ["-m", "properdocs", "build", "--strict"], True),
    # Zensical runs without --strict so that the post-build pass still runs and reports broken
    # links as file:line; any issue Zensical itself reports fails the build afterwards.
    "zensical": ("zensical", ["-m", "zensical", "build", "--clean"], False),
}


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


ANSI = re.compile(r"\x1b\[[0-9;]*m")
ZENSICAL_ISSUE = re.compile(r"^(Warning|Error): (.+)\n\s*\S+\[ (.+?):(\d+):\d+ \]", re.M)


def zensical_issues(output: str, config: Path) -> list[str]:
    """`docs/page.md:LINE: what is wrong (Zensical)` for each issue box Zensical printed."""
    docs = "docs"
    text = ANSI.sub("", output)
    return [f"{docs}/{path}:{line}: {message} (Zensical)"
            for _, message, path, line in ZENSICAL_ISSUE.findall(text)]


def run(generator: str, config: Path, site: Path) -> int:
    dist, args, runs_hooks = GENERATORS[generator]
    shown = os.environ.get("MILDGUIDE_SITE_LABEL") or site      # the folder it will become
    print(f"build: {generator} {version(dist)} (Python {sys.version.split()[0]}), "
          f"config {config.name}, into {shown}", flush=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    cmd = [sys.executable, *args, "-f", str(config)]
    if runs_hooks:
        cmd += ["--site-dir", str(site)]
    problems = None
    if not runs_hooks:
        # Our Markdown extensions log file:line problems; Zensical prints Python logging but
        # does not fail on it, so they also go to this file, and a non-empty file fails the build.
        handle, name = tempfile.mkstemp(prefix="mildguide-problems-", suffix=".txt")
        os.close(handle)
        problems = Path(name)
        env["MILDGUIDE_PROBLEMS"] = str(problems)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    sys.stdout.write(proc.stdout)
    sys.stdout.flush()
    code = proc.returncode
    if not runs_hooks:
        # Zensical draws each issue as a box; say it again as file:line, like every other check.
        for message in zensical_issues(proc.stdout, config):
            print(message, file=sys.stderr)
    if code:
        return code
    issues = re.search(r"^\s*(\d+) issues? found", proc.stdout, re.M)
    generator_failed = bool(issues and int(issues.group(1)))
    found = []
    if problems is not None:
        found = problems.read_text(encoding="utf-8").splitlines()
        problems.unlink(missing_ok=True)
    if not runs_hooks:
        built = config.parent / "site"          # Zensical writes the config's site_dir (default site/)
        if built.resolve() != site.resolve():
            shutil.rmtree(site, ignore_errors=True)
            shutil.move(str(built), str(site))
        code = subprocess.run([sys.executable, "-m", "mildguide.site.postbuild", "--config", str(config),
                               "--site", str(site)], cwd=config.parent, env=env).returncode
        if found:
            print(f"build: {len(found)} problem(s) in the pages (each is listed above with its file "
                  "and line)", file=sys.stderr)
        if generator_failed:
            print(f"build: {generator} reported {issues.group(1)} issue(s) (listed above)", file=sys.stderr)
        code = code or int(bool(found or generator_failed))
    print(f"build: {generator} {version(dist)} {'ok' if code == 0 else 'FAILED'} "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    return code


def keep_last_good(generator: str, config: Path, build) -> int:
    """Zensical always writes the config's site_dir (site/), which may hold the last good site:
    move that aside while it builds, drop it on success, put it back on failure."""
    built = config.parent / "site"
    if GENERATORS[generator][2] or not built.exists():
        return build()
    backup = built.with_name(f".{built.name}-lastgood-{os.getpid()}")
    os.rename(built, backup)
    code = 1
    try:
        code = build()
    finally:
        if code == 0:
            shutil.rmtree(backup, ignore_errors=True)
        else:
            shutil.rmtree(built, ignore_errors=True)     # whatever the failed build left there
            os.rename(backup, built)
    return code


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generator", default="mkdocs", choices=sorted(GENERATORS))
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--site", default="site")
    args = parser.parse_args(argv)
    config, site = Path(args.config).resolve(), Path(args.site).resolve()
    return keep_last_good(args.generator, config,
                          lambda: build_then_swap(site, lambda staging: run(args.generator, config, staging)))


if __name__ == "__main__":
    sys.exit(main())
