"""Check the built site's links (`make linkcheck`, `make linkcheck-external`).

    python scripts/linkcheck.py [--build] [--config mkdocs.yml] [--site site]
                                [--report reports/linkcheck.txt] [--external]

--build     run `mkdocs build --strict` first (into a fresh folder that replaces --site only on
            success); its post-build pass checks every link, so the report uses what that check
            found instead of checking the site again
--external  also request every external URL (network; cached in .cache/linkcheck-external.json)

Prints one line per problem (`docs/page.md:LINE: what is wrong → target`), writes them to
--report, emits GitHub `::error file=…,line=…::` annotations when GITHUB_ACTIONS is set, and
exits 1 when there is any problem (2 when the external check cannot reach the network).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from mildguide.site.linkcheck import check_site_collect, site_info_from_config  # noqa: E402
from mildguide.staging import build_then_swap  # noqa: E402

BUILD_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
LOCATED = re.compile(r"^(?P<file>[\w./-]+\.(?:md|ya?ml|html|json|xml)):(?P<line>\d+)?:?\s")


def run_build(config: Path, site: Path, report: Path | None = None) -> tuple[int, list[str]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if report is not None:            # the build's post-build pass writes what its link check found
        env["MILDGUIDE_POSTBUILD_REPORT"] = str(report)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "--site-dir", str(site)], cwd=config.parent, env=env,
                          capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    sys.stderr.write(output)
    messages = []
    for line in output.splitlines():
        match = BUILD_LINE.match(line)
        if match and "strict mode" not in match.group(2):
            messages.append(match.group(2).strip())
    return proc.returncode, messages


def annotation(message: str) -> str:
    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text
    match = LOCATED.match(message)
    if match:
        props = f"file={esc(match['file'], True)}" + (f",line={match['line']}" if match["line"] else "")
        return f"::error {props}::{esc(message)}"
    return f"::error::{esc(message)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--site", default=None, help="built site folder (default: the config's site_dir)")
    parser.add_argument("--build", action="store_true", help="run a strict build first")
    parser.add_argument("--report", default=None, help="also write the problems to this file")
    parser.add_argument("--external", action="store_true", help="request every external URL (network)")
    parser.add_argument("--cache", default=".cache/linkcheck-external.json")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--retries", type=int, default=2)
    args = parser.parse_args(argv)

    config_path = Path(args.config).resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    messages: list[str] = []
    build_failed = False
    site = Path(args.site).resolve() if args.site else None
    pass_report = None
    if args.build:
        site = site or config_path.parent / "site"
        pass_report = ROOT / ".cache" / "postbuild-report.json"
        pass_report.unlink(missing_ok=True)
        found: list[str] = []

        def build_into(staging: Path) -> int:      # published as `site` only when it succeeds
            returncode, build_messages = run_build(config_path, staging, pass_report)
            found.extend(build_messages)
            return returncode

        build_failed = build_then_swap(site, build_into) != 0
        messages = found
        if build_failed and not messages:
            messages.append(f"{config_path.name}: the build failed (see the output above)")

    if pass_report is not None and pass_report.is_file():
        # No second look at the config or the site: the build's own check is the answer.
        from mildguide.site.linkcheck import SiteInfo, load_registry
        from mildguide.settings import Settings
        settings = Settings.from_file(config_path, site)
        info = SiteInfo(site_dir=settings.site_dir, project_dir=settings.project_dir,
                        site_url=settings.site_url, docs_dir=settings.docs_dir)
        if args.external:
            info.registry = load_registry(settings.project_dir, settings.docs_dir, settings.raw)
    else:
        from mkdocs.config import load_config
        import logging
        logging.getLogger("mkdocs").setLevel(logging.ERROR)    # config loading chatter
        config = load_config(config_file=str(config_path), **({"site_dir": str(site)} if site else {}))
        info = site_info_from_config(config)
    started = time.perf_counter()
    offline = False
    if not (info.site_dir / "index.html").is_file() and not (info.site_dir / "404.html").is_file():
        messages.append(f"{info.rel(info.site_dir)}: no built site here; run `make build` first")
        externals: dict[str, str] = {}
    elif pass_report is not None and pass_report.is_file():
        # The build's post-build pass has just checked every link: use what it found.
        found = json.loads(pass_report.read_text(encoding="utf-8"))
        externals = found["externals"]
        for problem in found["problems"]:
            if problem not in messages:
                messages.append(problem)
    else:
        problems, externals = check_site_collect(info)
        for problem in problems:
            if str(problem) not in messages:
                messages.append(str(problem))
    elapsed = time.perf_counter() - started

    if args.external:
        from mildguide.site.external_links import check_all
        # every external URL the site links to, plus every registered one (a source may be
        # listed but not linked yet); fragments do not change what the server answers
        urls = sorted({u.split("#", 1)[0] for u in set(externals) | set(info.registry.exact)})
        cache = (ROOT / args.cache) if not Path(args.cache).is_absolute() else Path(args.cache)
        print(f"checking {len(urls)} external URLs online (timeout {args.timeout:g} s, "
              f"{args.retries} retries, cache {cache.relative_to(ROOT) if cache.is_relative_to(ROOT) else cache})")
        results, cached = check_all(urls, cache, timeout=args.timeout, retries=args.retries)
        bad = [r for r in results if not r.ok]
        if results and all(r.offline for r in bad) and len(bad) == len(results) - cached and bad:
            offline = True
            messages.append(f"no network: could not reach any of {len(bad)} external hosts "
                            f"({bad[0].status}); external links were NOT checked")
        else:
            first_seen = {u.split("#", 1)[0]: f for u, f in reversed(list(externals.items()))}
            for r in bad:
                where = first_seen.get(r.url, "links registry")
                messages.append(f"{info.rel(info.site_dir / where) if where != 'links registry' else where}: "
                                f"external link failed ({r.status}) → {r.url}")
            print(f"external: {len(results) - len(bad)} ok ({cached} from cache), {len(bad)} failed")

    for message in messages:
        print(message)
    if args.report:
        report = Path(args.report)
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("".join(m + "\n" for m in messages) or "no problems\n", encoding="utf-8")
    if os.environ.get("GITHUB_ACTIONS"):
        for message in messages:
            print(annotation(message))
    status = "FAILED" if messages or build_failed else "ok"
    print(f"linkcheck {status}: {len(messages)} problem(s); checked {info.rel(info.site_dir)} in {elapsed:.2f} s",
          file=sys.stderr)
    if offline:
        return 2
    return 1 if messages or build_failed else 0


if __name__ == "__main__":
    sys.exit(main())
