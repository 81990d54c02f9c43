"""Save-to-reload time of `make serve` (issue 27: a contributor sees a saved change within 2 s
on an idle machine).

Starts scripts/serve.py on a copy of the project (bigsite.copy_project) at a free port, waits
for the first build, then makes each edit below SERVE_RUNS times (default 3) and times from the
save until the served page shows it (polled every 50 ms): a page edit (docs/recovery.md), a
data-file edit (warning-signs.yml, a Spanish sign's wording: every page showing that card) and
a glossary edit (docs/glossary.md, whose terms every page links). Prints the median and range,
and the median CPU time the server used from the save to the reload (on Linux), which depends
less on what else the machine runs.
"""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlsplit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
TARGET = 2.0
RUNS = max(1, int(os.environ.get("SERVE_RUNS", "3")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, marker: str, timeout: float = 300) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in fetch(url):
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"serve: {url} did not show {marker!r} within {timeout:.0f} s")


def cpu_seconds(pid: int) -> float | None:
    """The process's CPU time so far (user + system, Linux's /proc; None elsewhere): less
    affected by other processes than the wall clock."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def edits(project: Path):
    """(name, file, url path, edit(text, marker) -> text) for each kind of change."""
    def page(text, marker):
        return text.rstrip("\n") + f"\n\n{marker}\n"

    def sign(text, marker):
        return re.sub(r'(text_es: "[^"]*)"', lambda m: f'{m.group(1)} {marker}"', text, count=1)

    def glossary(text, marker):
        # the first definition ends with the marker (its term's tooltip on other pages too)
        return re.sub(r"^(### .+\n(?:\n\*Also called:\*.*\n)?\n.+?)$", lambda m: f"{m.group(1)} {marker}",
                      text, count=1, flags=re.M)

    return [("page edit (docs/recovery.md)", project / "docs" / "recovery.md", "recovery/", page),
            ("data file (warning-signs.yml)", project / "warning-signs.yml", None, sign),
            ("glossary (docs/glossary.md)", project / "docs" / "glossary.md", "glossary/", glossary)]


def main() -> None:
    from bigsite import copy_project
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        import yaml
        site_url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
        base = f"http://127.0.0.1:{port}{urlsplit(site_url).path}"      # serve mounts at site_url's path
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(project / "scripts"), os.environ.get("PYTHONPATH")])))
        log = open(Path(tmp) / "serve.log", "w")
        proc = subprocess.Popen([sys.executable, str(project / "scripts" / "serve.py"), "--config",
                                 str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            started = time.perf_counter()
            wait_for(base + "recovery/", "</html>")
            print(f"   first build served after {time.perf_counter() - started:.1f} s")
            print(f"   save-to-reload, median of {RUNS} (range), the server's CPU; target <= {TARGET:.0f} s on an idle machine")
            for name, file, path, edit in edits(project):
                times, cpus = [], []
                for i in range(RUNS):
                    marker = f"BENCHMARK{i}X{int(time.time() * 1000) % 100000}"
                    text = file.read_text(encoding="utf-8")
                    new = edit(text, marker)
                    assert new != text, f"{name}: the edit changed nothing"
                    url = base + (path or "es/candidates/")
                    time.sleep(1.0)          # let the watcher settle after the previous build
                    before = cpu_seconds(proc.pid)
                    saved = time.perf_counter()
                    file.write_text(new, encoding="utf-8")
                    times.append(wait_for(url, marker) - saved)
                    after = cpu_seconds(proc.pid)
                    if before is not None and after is not None:
                        cpus.append(after - before)
                times.sort()
                cpu = f"  CPU {statistics.median(cpus):.2f} s" if cpus else ""
                print(f"   {name:<32} {statistics.median(times):5.1f} s  ({times[0]:.1f}-{times[-1]:.1f}){cpu}"
                      + ("" if statistics.median(times) <= TARGET else "  OVER 2 s"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()
