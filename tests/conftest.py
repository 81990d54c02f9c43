from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sitebuild import ROOT, BuildResult, build, build_once, copy_project  # noqa: E402


@pytest.fixture(scope="session")
def real_build(tmp_path_factory, worker_id) -> BuildResult:
    """One strict build of the real project per test run (shared by the xdist workers);
    fails loudly if it breaks."""
    result = build_once(tmp_path_factory, worker_id, "real-site", lambda dest: build(ROOT, dest / "site"))
    assert result.ok, f"the real site does not build:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site_dir(real_build) -> Path:
    return real_build.site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the real project that a test may break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def unmodified_copy(tmp_path_factory, worker_id) -> BuildResult:
    """A fresh copy of the project, built as `make build` does (scripts/build.py: test_generators
    reads it as the MkDocs build) and link-checked as `make linkcheck` does, once per test run
    (returncode 0 only if both pass; output holds both)."""
    from linkcheck_helpers import run_checker
    from sitebuild import make_build

    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        built = make_build(project)
        code, output = run_checker(project, built.site) if built.site.is_dir() else (1, "(no site was written)")
        return BuildResult(1 if code or not built.ok else 0, built.output + "\n" + output, built.site, project)

    return build_once(tmp_path_factory, worker_id, "unmodified-copy", make)


@pytest.fixture(scope="session")
def page_mistakes(tmp_path_factory, worker_id):
    """One copy with several independent page-local mistakes, built once per test run
    (tests/pagemistakes.py); a test checks its own with `pagemistakes.assert_caught`."""
    from pagemistakes import shared_build
    return shared_build(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def clinic_variant_site(tmp_path_factory, worker_id) -> Path:
    """The example clinic with the settings of clinicbuild.VARIANTS, built once per test run."""
    from clinicbuild import clinic_variant_build
    return clinic_variant_build(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def browser():
    from browser import chromium
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site_url(site_dir):
    """The real build served on a free localhost port."""
    from browser import serve
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def gallery_sites(tmp_path_factory, worker_id) -> tuple[Path, Path]:
    """(neutral, clinic) builds of a project copy with the component gallery (tests/gallery.py)."""
    from gallery import gallery_builds
    neutral, clinic = gallery_builds(tmp_path_factory, worker_id)
    return neutral.site, clinic.site


@pytest.fixture(scope="session")
def site_url_at_path(site_dir, tmp_path_factory):
    """The real build served at its site_url path (/guide/): the URL of its home."""
    from browser import at_site_url_path
    with at_site_url_path(site_dir, tmp_path_factory.mktemp("real-host")) as url:
        yield url


@pytest.fixture(scope="session")
def widget_site(tmp_path_factory, worker_id) -> Path:
    """A strict build of the widget fixture site (tests/embedfixture.py): every kind of
    embeddable widget with known citations, kept apart from the real docs/."""
    from embedfixture import write_widget_site

    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        write_widget_site(project)
        return build(project, project / "site")

    result = build_once(tmp_path_factory, worker_id, "widget-site", make)
    assert result.ok, f"the widget fixture site does not build:\n{result.output}"
    return result.site


# --- the exhaustive walks (`make test-exhaustive`, CI nightly and on release tags) ---------------
# `make test` checks each thing once: the component gallery (tests/gallery.py) in both schemes at
# both widths, every real page and embed once, and a proof test that the gallery covers every
# component the build uses (tests/test_gallery.py). The every-page, every-width, every-scheme
# walks that proved the same before stay, marked `exhaustive`; --exhaustive runs them too.

def pytest_addoption(parser):
    parser.addoption("--exhaustive", action="store_true",
                     help="also run the every-page, every-width, every-scheme browser walks")


def pytest_configure(config):
    config.addinivalue_line("markers", "exhaustive: an every-page walk that `make test-exhaustive` runs")
    config.addinivalue_line("markers", "heavy: a long browser walk, started first (see below)")


def pytest_collection_modifyitems(config, items):
    """Without --exhaustive, leave the exhaustive walks out (deselected, not skipped: they are
    not a check this run claims to have made; the summary line says how to run them)."""
    items[:] = heavy_first(items)
    if config.getoption("--exhaustive"):
        return
    left_out = [item for item in items if item.get_closest_marker("exhaustive")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("exhaustive")]


def heavy_first(items: list) -> list:
    """The long walks first, taking their files in turn (every-page, gallery, every-page, …),
    then everything else in its usual order. pytest-xdist hands tests out in this order, one to
    each worker in turn: the two workers share the long walks from the start, instead of one
    finishing a long walk alone at the end, and each starts on a different shared build."""
    by_file: dict[str, list] = {}
    for item in items:
        if item.get_closest_marker("heavy"):
            by_file.setdefault(item.nodeid.split("::")[0], []).append(item)
    queues = list(by_file.values())
    heavy = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    return heavy + [item for item in items if not item.get_closest_marker("heavy")]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not config.getoption("--exhaustive"):    # under xdist the workers collect: no count here
        terminalreporter.write_line("The every-page browser walks (marked exhaustive) were left out: "
                                    "`make test-exhaustive` runs them too.")
    _reading_grades(terminalreporter)


def _reading_grades(terminalreporter):
    """After a run that included tests/test_content.py, print every page's reading grade
    (the test workers' own output is hidden under pytest-xdist)."""
    ran = [r for reports in terminalreporter.stats.values() for r in reports
           if getattr(r, "nodeid", "").startswith("tests/test_content.py")
           or "test_content.py::" in getattr(r, "nodeid", "")]
    if not ran:
        return
    from mildguide.reports import readability
    docs = ROOT / "docs"
    terminalreporter.write_sep("-", "reading grade per page (Flesch-Kincaid, textstat)")
    terminalreporter.write_line(readability.table(readability.score_docs(docs), docs))


# --- machinery fixture site (tests/fixtures/minisite), shared by the test_machinery_* files ---

@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, worker_id):
    """The fixture site built once per test run (a module may override it, e.g. with another date)."""
    from machinery import build_on, fixture_copy
    result = build_once(tmp_path_factory, worker_id, "fixture-site",
                        lambda dest: build_on(fixture_copy(dest / "project")))
    assert result.ok, result.output
    return result.site


@pytest.fixture(scope="session")
def fixture_page_mistakes(tmp_path_factory, worker_id):
    """machinery.PAGE_MISTAKES in one copy of the fixture site, each in a copy of its page
    (`page-a-unknown-id.md` …), built once per test run instead of one build each."""
    from machinery import PAGE_MISTAKES, page_copies_build
    return page_copies_build(tmp_path_factory, worker_id, "fixture-page-mistakes", PAGE_MISTAKES)


@pytest.fixture
def broken(tmp_path):
    """A fresh copy of the fixture site that a test may break on purpose."""
    from machinery import fixture_copy
    return fixture_copy(tmp_path / "project")
