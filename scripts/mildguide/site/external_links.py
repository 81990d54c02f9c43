"""Online check of external URLs (only `make linkcheck-external`; never in `make test`).

Each URL gets a HEAD request (GET when the server refuses HEAD), a timeout, retries with
back-off, and its result is cached in a JSON file so a re-run within `max_age` days only asks
about URLs that failed or are new.
"""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

USER_AGENT = "OpenMILDGuide-linkcheck/1.0 (+https://github.com/open-mild-guide/guide)"


@dataclass
class Result:
    url: str
    ok: bool
    status: str          # "200", "404", "timeout", "no network: …"
    checked_at: float
    offline: bool = False


def _request(url: str, method: str, timeout: float) -> int:
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT,
                                                              "Accept": "text/html,*/*;q=0.8"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status


def check_url(url: str, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0) -> Result:
    last = "unknown"
    offline = False
    for attempt in range(retries + 1):
        try:
            try:
                status = _request(url, "HEAD", timeout)
            except urllib.error.HTTPError as err:
                if err.code in (403, 405, 501):      # some servers refuse HEAD
                    status = _request(url, "GET", timeout)
                else:
                    raise
            return Result(url, 200 <= status < 400, str(status), time.time())
        except urllib.error.HTTPError as err:
            last = str(err.code)
            if err.code in (404, 410):
                return Result(url, False, last, time.time())
        except urllib.error.URLError as err:
            reason = err.reason
            offline = isinstance(reason, (socket.gaierror, ConnectionRefusedError, OSError)) and not isinstance(
                reason, socket.timeout)
            last = f"no connection: {reason}"
        except (socket.timeout, TimeoutError):
            last = "timeout"
        except (OSError, ValueError) as err:
            last = f"error: {err}"
        if attempt < retries:
            time.sleep(backoff * (2 ** attempt))
    return Result(url, False, last, time.time(), offline=offline)


def check_all(urls: list[str], cache_file: Path, max_age_days: float = 7.0, timeout: float = 10.0,
              retries: int = 2, workers: int = 8) -> tuple[list[Result], int]:
    """Check `urls`, reusing cached successes younger than max_age_days. -> (results, cached count)."""
    cache: dict[str, dict] = {}
    if cache_file.is_file():
        try:
            cache = json.loads(cache_file.read_text())
        except ValueError:
            cache = {}
    now = time.time()
    fresh, todo = [], []
    for url in urls:
        hit = cache.get(url)
        if hit and hit.get("ok") and now - hit.get("checked_at", 0) < max_age_days * 86400:
            fresh.append(Result(url, True, hit.get("status", "cached"), hit["checked_at"]))
        else:
            todo.append(url)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        checked = list(pool.map(lambda u: check_url(u, timeout, retries), todo))
    for r in checked:
        if not r.offline:
            cache[r.url] = {"ok": r.ok, "status": r.status, "checked_at": r.checked_at}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(cache, indent=1, sort_keys=True))
    tmp.replace(cache_file)
    return fresh + checked, len(fresh)
