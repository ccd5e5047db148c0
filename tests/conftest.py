"""Shared test set-up: every test gets its own learner record; widgets are closed after; a
copy of data/ for tests that change content."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

# The one place tests extend the path: bench/ shares its synthetic class (dashboard_fixture.py)
# with the dashboard tests; tests/nbgrader's submission builders serve the browser and hub tiers
_TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(_TESTS.parent / "bench"), str(_TESTS / "nbgrader")]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A temp copy of the real data/ that the loaders and the catalogue read
    ($COURSE_DATA_DIR), with their caches cleared before and after."""
    from course_lib import i18n
    from course_lib.content import bank, plan_data

    caches = (i18n.catalogue, bank._load_file, plan_data.plan_parts)
    root = tmp_path / "data"
    shutil.copytree(_TESTS.parent / "data", root)
    monkeypatch.setenv("COURSE_DATA_DIR", str(root))
    for cache in caches:
        cache.cache_clear()
    yield root
    for cache in caches:
        cache.cache_clear()


@pytest.fixture(autouse=True)
def _own_learner_record(tmp_path, monkeypatch):
    # No test may touch a real trainee's ~/.course_innovation record.
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "progress.db"))


@pytest.fixture
def record_in_new_folder(tmp_path, monkeypatch):
    """The learner record's path in a folder that does not exist yet (the record makes it),
    with Mongolian on."""
    from course_lib.i18n import set_language

    path = tmp_path / "new" / "progress.db"
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(path))
    set_language("mn")
    return path


@pytest.fixture
def mongolian_record():
    """A ready, empty learner record (the per-test one above) and Mongolian, restored after."""
    import course_lib as cl
    from course_lib.record import store as record

    cl.set_language("mn")
    record.ensure_record()
    yield
    cl.set_language("mn")


@pytest.fixture(autouse=True, scope="session")
def _close_widgets():
    yield
    # Closing while the interpreter still runs avoids ipywidgets' noisy __del__ at exit.
    try:
        from ipywidgets import Widget
    except ImportError:
        return
    Widget.close_all()
