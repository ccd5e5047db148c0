"""The trainees' Assignments tab, whose handlers load on first use (course_lib/assignments_tab.py).

Two real Jupyter servers side by side on one course folder and one exchange: one with the
trainees' settings (the lazy stand-ins), one with nbgrader's own extension. Every route answers
the same, a fetch writes the same files, and the trainees' server imports nbgrader only when
the tab first asks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from course_instructor.hub import serving
from course_instructor.hub.layout import free_port
from course_instructor.hub.server_settings import TRAINEE_EXTENSIONS
from course_lib import assignments_tab

pytestmark = pytest.mark.nbgrader

TOKEN = "tab-test-token"
COURSE = "course101"
LAB = "import sys; from jupyterlab.labapp import main; sys.exit(main())"


def test_the_stand_ins_cover_nbgraders_own_routes():
    from nbgrader.server_extensions.assignment_list import handlers

    assert [(pattern, cls.__name__) for pattern, cls in handlers.default_handlers] == \
        list(assignments_tab.ROUTES)


def test_trainees_load_the_tab_on_first_use_not_nbgraders_loader():
    assert TRAINEE_EXTENSIONS["course_lib.assignments_tab"] is True
    assert TRAINEE_EXTENSIONS["nbgrader.server_extensions.assignment_list"] is False


class Server:
    def __init__(self, root: Path, extensions: dict, log: Path):
        config = root.parent / f"config-{log.stem}"
        config.mkdir()
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"jpserver_extensions": extensions}}))
        self.port = free_port()
        self.log = log
        env = {**os.environ, "JUPYTER_CONFIG_PATH": str(config),
               "JUPYTER_RUNTIME_DIR": str(root.parent / f"runtime-{log.stem}")}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LAB, "--allow-root", "--no-browser", f"--port={self.port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
             f"--ServerApp.root_dir={root}", "--ServerApp.log_level=INFO"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
        try:
            serving.wait_until_serving(f"http://127.0.0.1:{self.port}/api", self.proc, 120,
                                       pause=0.1)
        except serving.NotServing:
            serving.stop(self.proc, 10)  # a server that never answered is not left running
            raise

    def ask(self, path: str, method: str = "GET") -> tuple[int, dict]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         headers={"Authorization": f"token {TOKEN}"},
                                         data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, {}

    def logged(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    base = tmp_path_factory.mktemp("tab")
    exchange = base / "exchange"
    released = exchange / COURSE / "outbound" / "ps1"
    released.mkdir(parents=True)
    nbformat.write(new_notebook(cells=[new_markdown_cell("Даалгавар")]),
                   released / "problem.ipynb")
    made = {}
    try:  # stopped even when the second one fails to start
        for name, extensions in (
                ("lazy", {**TRAINEE_EXTENSIONS}),
                ("nbgrader", {**TRAINEE_EXTENSIONS, "course_lib.assignments_tab": False,
                              "nbgrader.server_extensions.assignment_list": True})):
            root = base / name / "home"
            root.mkdir(parents=True)
            (root / "nbgrader_config.py").write_text(
                f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n"
                f"c.CourseDirectory.course_id = {COURSE!r}\n")
            made[name] = (root, Server(root, extensions, base / name / f"{name}.log"))
        yield made
    finally:
        for _, server in made.values():
            serving.stop(server.proc, 10)
        shutil.rmtree(base, ignore_errors=True)


def test_nbgrader_is_not_loaded_until_the_tab_asks(servers):
    _, lazy = servers["lazy"]
    _, eager = servers["nbgrader"]
    # a page load's own requests, none of them the tab's
    assert lazy.ask("/api/status")[0] == 200
    assert lazy.ask("/lab/api/translations/mn")[0] == 200
    assert assignments_tab.FIRST_USE not in lazy.logged()
    assert "assignment_list nbgrader serverextension" not in lazy.logged()
    assert "assignment_list nbgrader serverextension" in eager.logged()


@pytest.mark.parametrize("path", [
    "/nbgrader_version?version=" + __import__("nbgrader").__version__,
    "/nbgrader_version?version=0.0.1",
    f"/assignments?course_id={COURSE}",
    "/assignments?course_id=no_such_course",
    "/courses",
])
def test_every_route_answers_as_nbgraders_own(servers, path):
    _, lazy = servers["lazy"]
    _, eager = servers["nbgrader"]
    status, answer = lazy.ask(path)
    assert status == 200
    expected = eager.ask(path)
    # the same answer but for where each server's own folders are
    lazy_root, eager_root = str(servers["lazy"][0]), str(servers["nbgrader"][0])
    assert json.loads(json.dumps(answer).replace(lazy_root, "ROOT")) == \
        json.loads(json.dumps(expected[1]).replace(eager_root, "ROOT"))
    assert expected[0] == 200
    assert lazy.logged().count(assignments_tab.FIRST_USE) == 1


def test_a_fetch_through_the_stand_in_writes_the_trainees_copy(servers):
    root, lazy = servers["lazy"]
    status, answer = lazy.ask(f"/assignments/fetch?course_id={COURSE}&assignment_id=ps1",
                              method="POST")
    assert (status, answer.get("success")) == (200, True), answer
    assert (root / "ps1" / "problem.ipynb").is_file()
    listed = lazy.ask(f"/assignments?course_id={COURSE}")[1]
    assert [a["status"] for a in listed["value"] if a["assignment_id"] == "ps1"] == ["fetched"]
