"""Issue 14 §4: `make serve` (scripts/serve.py) never hangs on a broken page. With no good
build yet it answers with an error page naming the file and line; after a good build, a
broken page leaves the last good site on screen with a banner listing the problem."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from machinery import fixture_copy
from sitebuild import mkdocs_env

BROKEN = "\nA claim.[@no-such-source]\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """One request; a server that hangs fails the test through the timeout."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class Log:
    """The server's output, read as it comes (waits are for lines, never for a fixed time)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()

    def _read(self, proc) -> None:
        for line in proc.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern: str, count: int = 1, timeout: float = 240) -> None:
        def seen() -> bool:
            return sum(bool(re.search(pattern, line)) for line in self.lines) >= count
        with self.changed:
            assert self.changed.wait_for(seen, timeout), f"no {pattern!r} in:\n{''.join(self.lines)}"


def test_serve_shows_problems_and_keeps_last_good_build(tmp_path):
    project = fixture_copy(tmp_path / "project")
    page = project / "docs" / "page-a.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + BROKEN, encoding="utf-8")
    line = (good + BROKEN).splitlines().index("A claim.[@no-such-source]") + 1
    port = free_port()
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--config", "mkdocs.yml",
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=mkdocs_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = Log(proc)
    url = f"http://127.0.0.1:{port}/fixture/page-a/"
    try:
        # 1. No good build yet: an error page naming the file and line, not a hang or an exit.
        log.wait_for(r"Serving on")
        status, body = fetch(url)
        assert f"docs/page-a.md:{line}: unknown source id" in body, body
        assert "No build has succeeded yet" in body
        assert proc.poll() is None

        # 2. Fixed: the page itself.
        page.write_text(good, encoding="utf-8")
        log.wait_for(r"Reloading browsers")
        status, body = fetch(url)
        assert status == 200 and "<h1" in body and "mildguide-build-failed" not in body

        # 3. Broken again: the last good page, with a banner naming the file and line.
        page.write_text(good + BROKEN, encoding="utf-8")
        log.wait_for(r"Build failed with 1 problem", count=2)
        log.wait_for(r"Reloading browsers", count=2)
        status, body = fetch(url)
        assert status == 200
        assert 'id="mildguide-build-failed"' in body
        assert f"docs/page-a.md:{line}: unknown source id" in body
        assert "You are seeing the last good build" in body
        assert re.search(r"<h1[^>]*>Page A", body)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    # SIGTERM ends it like Ctrl-C: its build folder (in memory when there is room) is deleted
    workdir = next(re.search(r"Builds go to (\S+)", line).group(1) for line in log.lines if "Builds go to" in line)
    assert not Path(workdir).exists(), workdir


def test_builds_go_to_memory_when_it_has_room(tmp_path):
    """scripts/serve.py's build folder: in the tmpfs folder when it has the room asked for,
    else (too little room, no such folder) in the system's temporary folder."""
    import tempfile
    import serve
    memory = tmp_path / "shm"
    memory.mkdir()
    inside = serve.work_folder(memory, room=1)
    assert inside.parent == memory and inside.is_dir()
    for where, room in ((memory, 2**62), (tmp_path / "none", 1)):
        elsewhere = serve.work_folder(where, room)
        try:
            assert elsewhere.parent == Path(tempfile.gettempdir()), elsewhere
        finally:
            elsewhere.rmdir()


def test_swap_in_serves_the_new_build_at_once_and_deletes_the_old_one_after(tmp_path):
    """The served folder holds the new build as soon as swap_in returns; the old build is
    deleted in the background (the reload does not wait for it) and nothing else is left."""
    import serve
    served, staging = tmp_path / "site", tmp_path / "building-1"
    assert serve.swap_in(_folder(staging, "first"), served) is None      # the first build
    assert (served / "index.html").read_text() == "first" and not staging.exists()
    for n in range(2, 4):
        remove = serve.swap_in(_folder(tmp_path / f"building-{n}", f"build {n}"), served)
        assert (served / "index.html").read_text() == f"build {n}"
        remove.join(timeout=60)
        assert not remove.is_alive()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _folder(path, text):
    (path / "sub").mkdir(parents=True)
    (path / "index.html").write_text(text)
    (path / "sub" / "page.html").write_text(text)
    return path
