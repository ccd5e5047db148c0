"""A real JupyterLab server and a real headless Chromium for the browser tier.

The server runs on a free localhost port over a temporary copy of the notebooks (Lab autosaves
what it runs: the repository's notebooks must stay clean), with its own settings, workspace
and learner record. No `playwright install`: Debian's /usr/bin/chromium is launched directly.
"""

from __future__ import annotations

import shutil

import pytest
from chromium import launched
from labserver import ROOT, open_page, serve_lab, stop_kernels


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    with serve_lab(root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with launched() as chromium:
        yield chromium


@pytest.fixture
def page(browser, lab_url):
    with open_page(browser, lab_url) as pg:
        yield pg
    _shut_down_kernels(lab_url)


def _shut_down_kernels(lab_url: str) -> None:
    # Each test opens its own notebook; idle kernels left behind would crowd two cores.
    stop_kernels(lab_url)


# --- the README's own routes: one server per command for the whole tier --------------------
@pytest.fixture(scope="session")
def readme_root(tmp_path_factory):
    from readme_servers import repo_copy

    return repo_copy(tmp_path_factory.mktemp("readme") / "repo")


@pytest.fixture(scope="session")
def make_lab(readme_root):
    """`make lab` as the README gives it: (base URL, URLs it printed, its log)."""
    from readme_servers import LAB_ARGS, make_server

    with make_server(readme_root, "lab", "/api/status", LAB_ARGS) as server:
        yield server


@pytest.fixture(scope="session")
def make_lab_instructor(readme_root):
    from readme_servers import LAB_ARGS, make_server

    with make_server(readme_root, "lab-instructor", "/api/status", LAB_ARGS) as server:
        yield server


@pytest.fixture(scope="session")
def make_app(readme_root):
    from readme_servers import make_server

    with make_server(readme_root, "app", "/") as server:
        yield server
