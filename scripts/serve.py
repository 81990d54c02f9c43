"""`make serve`: MkDocs' live-reload server that never hangs on a broken page.

    python scripts/serve.py [--config mkdocs.yml] [--dev-addr 127.0.0.1:8000]

MkDocs 1.6 `serve` builds into the folder it serves: when a rebuild fails, every request waits
until the page is fixed, and when the first build fails the server stops. Here each build goes
into a fresh folder that replaces the served one only when the build succeeds. After a failed
build the last good site stays on screen with a red banner that lists each problem with its
file and line; when no build has succeeded yet, every page is an error page with that list.
The banner goes away with the next good build (the browser reloads itself).

Hand-written on MkDocs' own LiveReloadServer because MkDocs has no option for this; it uses
one private method of that server (`_inject_js_into_html`), pinned by the lock and by
tests/test_serve.py.
"""
from __future__ import annotations

import argparse
import gc
import html
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from mildguide import configyaml, pagecache

log = logging.getLogger("mkdocs.serve")
BUILD_DELAY = 0.03       # s without another change before a rebuild starts (MkDocs: 0.1)
MEMORY = Path("/dev/shm")  # builds go to memory when this holds MEMORY_ROOM bytes free
MEMORY_ROOM = 512 * 2**20  # a few builds of the site (~15 MB each) with a wide margin
IDLE_GC_DELAY = 0.3      # s after a build: the reloaded page has been served, the next save is unlikely yet


class ProblemLog(logging.Handler):
    """Collects the warnings and errors of one build, to show them in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message and message not in self.messages:
            self.messages.append(message)


def problem_list(problems: list[str]) -> str:
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (f"<p><strong>The last build failed.</strong> Fix these problems and save: the page "
            f"reloads by itself.</p><ul>{items}</ul>")


BANNER_STYLE = ("position:sticky;top:0;z-index:1000;margin:0;padding:.8rem 1rem;background:#fff;"
                "color:#000;border:4px solid #b00020;font:16px/1.5 sans-serif;max-height:50vh;"
                "overflow:auto")


class GuideServer(LiveReloadServer):
    """Serves the last good build; shows the newest build's problems on every HTML page."""

    problems: list[str] = []

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        banner = (f'<div id="mildguide-build-failed" role="alert" style="{BANNER_STYLE}">'
                  f'{problem_list(self.problems)}<p>You are seeing the last good build.</p></div>')
        start = content.find(b"<body")
        end = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:end] + banner.encode("utf-8") + content[end:]


def error_page(problems: list[str]) -> bytes:
    """What every request gets while no build has succeeded yet (it reloads every 3 s)."""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"refresh\" content=\"3\"><title>Build failed</title></head>"
            f"<body><div role=\"alert\" style=\"{BANNER_STYLE}\">{problem_list(problems)}"
            "<p>No build has succeeded yet, so there is no page to show.</p></div></body></html>"
            ).encode("utf-8")


def swap_in(staging: Path, served: Path) -> threading.Thread | None:
    """Replace the served folder with a finished build (two renames on one file system). The
    old build (~350 files) is deleted in the background: the browser reloads without waiting
    for it (0.05-0.7 s, with the disk busy). Returns that thread."""
    if not served.exists():
        os.rename(staging, served)
        return None
    old = Path(tempfile.mkdtemp(prefix="old-", dir=served.parent))    # a name of its own
    os.rename(served, old / served.name)
    os.rename(staging, served)
    remove = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True)
    remove.start()
    return remove


def work_folder(memory: Path = MEMORY, room: int = MEMORY_ROOM) -> Path:
    """A new folder for the builds: in memory (`memory`, Linux's tmpfs) when it has `room`
    bytes free, else in the system's temporary folder. Each rebuild writes the whole site
    (~350 files, some rewritten by the post-build pass): on a disk that cost 0.2-0.3 CPU-s a
    rebuild in file-system work, and more in waits while the disk was busy."""
    try:
        if memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free >= room:
            return Path(tempfile.mkdtemp(prefix="mildguide-serve-", dir=memory))
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="mildguide-serve-"))


def _stop(signum, frame) -> None:
    """SIGTERM (a test or `kill` ending the server) ends it like Ctrl-C: the build folder is
    deleted (it lives in memory)."""
    raise KeyboardInterrupt


def serve(config_file: str, dev_addr: str | None) -> int:
    os.environ["MILDGUIDE_PREVIEW"] = "1"      # the post-build pass skips byte-only steps (postbuild.PREVIEW)
    workdir = work_folder()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    log.info(f"Builds go to {workdir}")
    try:
        return _serve_from(workdir, config_file, dev_addr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _serve_from(workdir: Path, config_file: str, dev_addr: str | None) -> int:
    served = workdir / "site"
    served.mkdir()
    problems = ProblemLog()
    logging.getLogger("mkdocs").addHandler(problems)

    def get_config(site_dir: Path):
        yaml_problem = configyaml.problem(config_file)   # plain words, before MkDocs' parser words
        if yaml_problem:
            log.error(yaml_problem)
            raise SystemExit(yaml_problem)
        overrides = {"dev_addr": dev_addr} if dev_addr else {}
        return load_config(config_file=config_file, site_dir=str(site_dir), **overrides)

    config = get_config(served)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    # MkDocs looks for saved files every 0.5 s (0.25 s of a preview's wait on average); one
    # look at the watched folders costs ~2 ms, so every 0.1 s is under 2% of a core.
    server = GuideServer(builder=lambda: None, host=host, port=port, root=str(served),
                         mount_path=mount_path, polling_interval=0.1)
    # After the first change MkDocs waits until no change came for `build_delay` (0.1 s). Its
    # watcher compares the folders once per poll and reports all the changes of one poll
    # together, within milliseconds, so 0.03 s still gathers them: a save shows 0.07 s sooner.
    server.build_delay = BUILD_DELAY

    def builder(config=None) -> None:
        """One build into a fresh folder; swapped in only when it succeeds. Never raises, so
        the server never waits for a build that will not come."""
        log.info("Building documentation...")
        problems.messages.clear()
        staging = Path(tempfile.mkdtemp(prefix="building-", dir=workdir))
        try:
            build_config = get_config(staging)
            build_config.site_url = serve_url
            build(build_config, serve_url=serve_url)
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
            shutil.rmtree(staging, ignore_errors=True)
            if not problems.messages:
                problems.messages.append(str(error) or type(error).__name__)
            server.problems = list(problems.messages)
            state = "the last good build" if any(served.iterdir()) else "an error page"
            log.error(f"Build failed with {len(server.problems)} problem(s), listed above. "
                      f"Serving {state} until they are fixed.")
            return
        swap_in(staging, served)
        server.problems = []

    server.builder = builder
    cache = pagecache.install()      # a rebuild converts only the pages whose inputs changed

    # Python's cycle collector, left on, runs dozens of times in a rebuild and walks the cache's
    # long-lived objects each time (0.1-0.2 s of a rebuild); off during builds, it runs once
    # (0.1-0.3 s) shortly after each, while the browser reloads: the only garbage is that build's.
    gc.disable()

    def counted(config=None) -> None:
        cache.new_build()
        builder(config)
        log.info(f"Markdown: {cache.misses} page(s) converted, {cache.hits} unchanged page(s) reused")
        collect = threading.Timer(IDLE_GC_DELAY, gc.collect)
        collect.daemon = True
        collect.start()

    server.builder = counted

    def error_handler(code: int) -> bytes | None:
        if server.problems and not any(served.iterdir()):
            return error_page(server.problems)
        page = served / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_handler
    try:
        server.builder()
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config", default="mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default=None, help="IP:PORT (default: the config's dev_addr)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.INFO)
    return serve(args.config, args.dev_addr)


if __name__ == "__main__":
    sys.exit(main())
