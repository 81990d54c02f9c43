"""`make test-wordpress`: the WordPress plugin (integrations/wordpress/mild-guide) in a real
WordPress, Debian's package, on loopback only. Run as root; otherwise it prints the commands.

1. installs Debian's wordpress, mariadb-server and php (if missing), starts MariaDB;
2. builds the guide with site_url http://127.0.0.1:GUIDE_PORT/ and serves it with its _headers;
3. serves WordPress with PHP's built-in web server on 127.0.0.1:WP_PORT (a fresh database
   each run), installs it, activates the plugin, sets the guide's address, adds an Author;
4. saves four posts per role through the REST API (as the block editor does): the Embed page's
   script snippet, its no-script snippet, a page address on its own line, the shortcode;
5. opens each post in Chromium at 390 and 1280 px: did the part render, did the frame size
   itself to its content, does a link in it open a new tab?

It prints the table and fails when a result differs from EXPECTED (what the Embed page tells
WordPress users). Loopback only: WP_HTTP_BLOCK_EXTERNAL, and a test-only must-use plugin
allows WordPress's oEmbed fetch to the guide's port (WordPress allows 80, 443 and 8080 only).
"""
from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

GUIDE_PORT, WP_PORT = int(os.environ.get("GUIDE_PORT", 8107)), int(os.environ.get("WP_PORT", 8117))
GUIDE = f"http://127.0.0.1:{GUIDE_PORT}/"
WP = f"http://127.0.0.1:{WP_PORT}"
PACKAGES = ["wordpress", "wordpress-theme-twentytwentythree", "mariadb-server", "php-cli", "php-mysql"]
CONFIG = Path("/etc/wordpress/config-127.0.0.1.php")
CONTENT = Path("/var/lib/wordpress/wp-content")
DB, DB_USER, DB_PASS = "wp_mildguide_test", "wpmildtest", "loopback-only-test"
WIDGET, PAGE = "embed/faq/topic-cost/", "recovery/"
ADMIN, AUTHOR = ("admin", "admin-pass-loopback"), ("author1", "author-pass-loopback")
KINDS = ("script snippet", "no-script snippet", "pasted URL", "shortcode")
# (saved, rendered, resized, links open) by role and kind: what the Embed page says.
EXPECTED = {
    ("Administrator", "script snippet"): ("unchanged", True, True, True),
    ("Administrator", "no-script snippet"): ("unchanged", True, False, True),
    ("Administrator", "pasted URL"): ("unchanged", True, True, True),
    ("Administrator", "shortcode"): ("unchanged", True, True, True),
    ("Author", "script snippet"): ("stripped", False, False, False),
    ("Author", "no-script snippet"): ("stripped", False, False, False),
    ("Author", "pasted URL"): ("unchanged", True, True, True),
    ("Author", "shortcode"): ("unchanged", True, True, True),
}

COMMANDS = f"""As root:
  apt-get update && apt-get install -y --no-install-recommends {' '.join(PACKAGES)}
  make test-wordpress
(it starts MariaDB, writes {CONFIG} and a test must-use plugin, and serves WordPress
with `php -S 127.0.0.1:{WP_PORT}` while it runs)"""


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def setup_system() -> bool:
    """Packages, database, config; True when this run started MariaDB (it stops it again)."""
    missing = [p for p in PACKAGES if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode]
    if missing:
        sh("apt-get", "install", "-y", "--no-install-recommends", *missing,
           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    started = bool(subprocess.run(["mysqladmin", "ping"], capture_output=True).returncode)
    if started:
        sh("service", "mariadb", "start")
    sh("mysql", "-e", f"DROP DATABASE IF EXISTS {DB}; CREATE DATABASE {DB}; "
       f"CREATE USER IF NOT EXISTS '{DB_USER}'@'localhost' IDENTIFIED BY '{DB_PASS}'; "
       f"GRANT ALL ON {DB}.* TO '{DB_USER}'@'localhost'; FLUSH PRIVILEGES;")
    CONFIG.write_text(f"""<?php
// Written by make test-wordpress (scripts/test_wordpress.py): loopback only.
define('DB_NAME', '{DB}'); define('DB_USER', '{DB_USER}'); define('DB_PASSWORD', '{DB_PASS}');
define('DB_HOST', 'localhost');
define('WP_HOME', '{WP}'); define('WP_SITEURL', '{WP}');
define('WP_CONTENT_DIR', '{CONTENT}');
define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true); define('WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost');
""")
    (CONTENT / "mu-plugins").mkdir(parents=True, exist_ok=True)
    (CONTENT / "mu-plugins" / "mild-guide-test-port.php").write_text(
        "<?php // make test-wordpress: WordPress fetches oEmbed only from ports 80, 443, 8080; "
        f"the test guide is on {GUIDE_PORT}.\n"
        f"add_filter('http_allowed_safe_ports', function ($p) {{ $p[] = {GUIDE_PORT}; return $p; }});\n")
    plugin = CONTENT / "plugins" / "mild-guide"
    shutil.rmtree(plugin, ignore_errors=True)
    shutil.copytree(ROOT / "integrations" / "wordpress" / "mild-guide", plugin)
    return started


def build_guide(work: Path) -> Path:
    config = ROOT / "mkdocs.wordpress-test.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_url: {GUIDE}\n")
    try:
        proc = subprocess.run([sys.executable, "scripts/build.py", "--config", config.name,
                               "--site", str(work / "site")], cwd=ROOT, capture_output=True, text=True)
    finally:
        config.unlink()
    if proc.returncode:
        raise SystemExit(f"the guide did not build:\n{proc.stdout}{proc.stderr}")
    return work / "site"


@contextmanager
def serve_guide(site: Path):
    from mildguide.site.headers import header_rule
    rule = header_rule((site / "_headers").read_text())

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in rule(self.path).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass            # a browser closing a context mid-response: not a result

    server = Server(("127.0.0.1", GUIDE_PORT), partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_wordpress(work: Path):
    router = work / "router.php"
    router.write_text("""<?php
// wp-content lives in /var/lib/wordpress (Debian); everything else is /usr/share/wordpress.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strpos($path, '/wp-content/') === 0) {
    $file = '/var/lib/wordpress' . $path;
    if (is_file($file) && substr($file, -4) !== '.php') {
        $types = ['css' => 'text/css', 'js' => 'text/javascript', 'svg' => 'image/svg+xml', 'png' => 'image/png',
                  'woff2' => 'font/woff2', 'json' => 'application/json'];
        header('Content-Type: ' . ($types[pathinfo($file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
        readfile($file);
        return true;
    }
}
$file = '/usr/share/wordpress' . $path;
if ($path !== '/' && is_file($file) && substr($file, -4) !== '.php') { return false; }
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) { $_SERVER['SCRIPT_NAME'] = rtrim($path, '/') . '/index.php'; require rtrim($file, '/') . '/index.php'; return true; }
if (is_file($file)) { $_SERVER['SCRIPT_NAME'] = $path; chdir(dirname($file)); require $file; return true; }
require '/usr/share/wordpress/index.php';
""")
    proc = subprocess.Popen(["php", "-S", f"127.0.0.1:{WP_PORT}", "-t", "/usr/share/wordpress", str(router)],
                            stdout=subprocess.DEVNULL, stderr=open(work / "php.log", "w"),
                            env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
                            start_new_session=True)      # its workers too are stopped at the end
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(WP + "/readme.html", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


class Session:
    """A logged-in WordPress user: cookies and the REST nonce, as the block editor has them."""

    def __init__(self, user: str, password: str):
        self.jar = http.cookiejar.CookieJar()
        self.open = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar)).open
        self.open(WP + "/wp-login.php")
        data = urllib.parse.urlencode({"log": user, "pwd": password, "wp-submit": "Log In",
                                       "redirect_to": WP + "/wp-admin/", "testcookie": "1"}).encode()
        self.open(WP + "/wp-login.php", data)
        self.nonce = self.open(WP + "/wp-admin/admin-ajax.php?action=rest-nonce").read().decode().strip()
        if not self.nonce or self.nonce == "0":
            raise SystemExit(f"could not log in as {user}")

    def rest(self, route: str, body: dict | None = None, method: str | None = None, **query):
        url = WP + "/?" + urllib.parse.urlencode({"rest_route": route, **query})
        req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                     method=method or ("POST" if body is not None else "GET"),
                                     headers={"X-WP-Nonce": self.nonce, "Content-Type": "application/json"})
        return json.loads(self.open(req).read().decode())


def install_wordpress() -> Session:
    data = urllib.parse.urlencode({"weblog_title": "Clinic test site", "user_name": ADMIN[0],
                                   "admin_password": ADMIN[1], "admin_password2": ADMIN[1], "pw_weak": "1",
                                   "admin_email": "admin@example.org", "blog_public": "0",
                                   "language": ""}).encode()
    page = ""
    for _ in range(5):               # the first requests may meet a server still starting
        try:
            page = urllib.request.urlopen(WP + "/wp-admin/install.php?step=2", data, timeout=120).read().decode()
            break
        except urllib.error.HTTPError as error:
            page = error.read().decode(errors="replace")
            time.sleep(2)
    if "Success" not in page:
        raise SystemExit("WordPress did not install:\n" + page[:2000])
    admin = Session(*ADMIN)
    admin.rest("/wp/v2/plugins/mild-guide/mild-guide", {"status": "active"})
    admin.rest("/wp/v2/settings", {"mild_guide_url": GUIDE})
    admin.rest("/wp/v2/users", {"username": AUTHOR[0], "password": AUTHOR[1], "email": "author@example.org",
                                "roles": ["author"]})
    return admin


def contents(site: Path) -> dict[str, str]:
    """The post content per kind, as the block editor saves it, from the built Embed page."""
    from lxml import html
    tree = html.fromstring((site / "embedding/index.html").read_bytes())
    codes = {}
    for pre in tree.xpath("//pre[contains(@class, 'omg-snippet')]"):
        text = pre.text_content()
        if f'src="{GUIDE}{WIDGET}"' in text:
            codes["noscript" if "noscript" in pre.get("class") else "script"] = text
    page_url = GUIDE + PAGE
    return {
        "script snippet": f"<!-- wp:html -->\n{codes['script']}\n<!-- /wp:html -->",
        "no-script snippet": f"<!-- wp:html -->\n{codes['noscript']}\n<!-- /wp:html -->",
        "pasted URL": (f'<!-- wp:embed {{"url":"{page_url}"}} -->\n<figure class="wp-block-embed"><div '
                       f'class="wp-block-embed__wrapper">\n{page_url}\n</div></figure>\n<!-- /wp:embed -->'),
        "shortcode": f'<!-- wp:shortcode -->\n[mild_guide widget="{WIDGET[6:-1]}" lang="en" theme="light"]\n'
                     "<!-- /wp:shortcode -->",
    }


def saved_as(sent: str, raw: str) -> str:
    if raw.strip() == sent.strip():
        return "unchanged"
    return "stripped" if "<iframe" not in raw and "[mild_guide" not in raw and GUIDE not in raw else "changed"


def check_in_chromium(browser, url: str, width: int) -> tuple[bool, bool, bool]:
    """(rendered, resized, a link opens) for the post at `url`, in a window `width` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    frames = page.query_selector_all(f"iframe[src^='{GUIDE}']")
    if not frames:
        context.close()
        return False, False, False
    handle = frames[0]
    handle.scroll_into_view_if_needed()
    frame = None
    for _ in range(100):
        frame = handle.content_frame()
        if frame and frame.url.startswith(GUIDE) and frame.query_selector(".omg-embed__title"):
            break
        page.wait_for_timeout(100)
    rendered = bool(frame and frame.query_selector(".omg-embed__title"))
    resized = False
    for _ in range(60):                 # the host script sizes the frame: wait for it
        if rendered and frame.evaluate("document.documentElement.classList.contains('omg-sized-by-host')"):
            inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
            if abs(handle.bounding_box()["height"] - inner) <= 2:
                resized = True
                break
        page.wait_for_timeout(100)
    opened = False
    if rendered:
        link = frame.query_selector(".omg-embed__from a")
        link.scroll_into_view_if_needed()
        try:
            with context.expect_page(timeout=5000) as popup:
                link.click()
            opened = popup.value.url.startswith(GUIDE)
        except Exception:            # a sandboxed frame without allow-popups: nothing opens
            opened = False
    context.close()
    return rendered, resized, opened


def main() -> int:
    if os.geteuid() != 0:
        print("make test-wordpress installs packages and starts MariaDB: run it as root.\n" + COMMANDS)
        return 2
    work = Path(tempfile.mkdtemp(prefix="omg-wordpress-"))
    print("building the guide for", GUIDE, flush=True)
    site = build_guide(work)
    print("setting up WordPress (Debian package) on", WP, flush=True)
    started = setup_system()
    rows, wrong = [], []
    try:
        run_posts(site, work, rows, wrong)
    finally:
        if started:
            sh("service", "mariadb", "stop")
    return report(rows, wrong, work)


def run_posts(site, work, rows, wrong) -> None:
    from browser import chromium
    with serve_guide(site), serve_wordpress(work):
        install_wordpress()
        posts = contents(site)
        results = {}
        for role, (user, password) in (("Administrator", ADMIN), ("Author", AUTHOR)):
            session = Session(user, password)
            for kind in KINDS:
                post = session.rest("/wp/v2/posts", {"title": f"{role}: {kind}", "content": posts[kind],
                                                     "status": "publish"})
                raw = session.rest(f"/wp/v2/posts/{post['id']}", context="edit")["content"]["raw"]
                results[(role, kind)] = (saved_as(posts[kind], raw), post["link"])
        with chromium() as browser:
            for (role, kind), (saved, link) in results.items():
                checks = [check_in_chromium(browser, link, width) for width in (390, 1280)]
                got = (saved, *(all(c[i] for c in checks) for i in range(3)))
                rows.append((role, kind, *got))
                if got != EXPECTED[(role, kind)]:
                    wrong.append(f"{role} / {kind}: got {got}, expected {EXPECTED[(role, kind)]} "
                                 f"(390 px, 1280 px: {checks})")


def report(rows, wrong, work) -> int:
    yes = {True: "yes", False: "no"}
    print("\n| Role | Content | Saved | Rendered | Resized | Links open |\n|---|---|---|---|---|---|")
    for role, kind, saved, rendered, resized, opened in rows:
        print(f"| {role} | {kind} | {saved} | {yes[rendered]} | {yes[resized]} | {yes[opened]} |")
    print("\n(each at 390 and 1280 px; yes = at both widths)")
    shutil.rmtree(work, ignore_errors=True)
    if wrong:
        print("\nNOT AS EXPECTED:\n" + "\n".join(wrong))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
