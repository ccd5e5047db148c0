"""dist/learner: what learners get carries no solutions, hidden tests or keys to graded items,
and what Binder would build from it (its own environment files) runs every notebook in it."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import nbgrader_submissions as subs
import pytest
import yaml
from nbgrader_submissions import REPO, instructor

pytestmark = pytest.mark.nbgrader


@pytest.fixture(scope="module")
def dist(course, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "learner"
    done = instructor(course, "learner-dist", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def visible_text(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
    return text


def test_tree_has_what_learners_need(dist, assignments):
    for aid in assignments:
        assert (dist / "assignments" / aid / f"{aid}.ipynb").is_file()
    assert (dist / "course_lib" / "grading" / "items.py").is_file()
    assert (dist / "data" / "locale" / "graded.yaml").is_file()
    assert (dist / "pyproject.toml").is_file()
    # a class server's trainee settings, as make hub gives them (deploy/z2jh/values.yaml)
    assert (dist / "lab-config" / "classroom" / "page_config.json").is_file()
    if (REPO / "data" / "questions").is_dir():  # self-check banks exist for learning: they ship
        assert any((dist / "data" / "questions").iterdir())
    for absent in ("tests", "tools", "bench", "source", "assignments/source"):
        assert not (dist / absent).exists(), absent
    # the exchange a trainee's own server submits through, and nothing else of the instructor's
    assert (dist / "course_instructor" / "exchange" / "safe_exchange.py").is_file()
    assert sorted(p.name for p in (dist / "course_instructor").iterdir()) == ["__init__.py",
                                                                             "exchange"]


def test_the_instructors_scripts_in_the_learner_copy_say_whose_they_are(dist):
    """pip gives a learner install dist's console scripts; each runs its target in the copy's
    course_instructor (no site-packages: that copy is the only one) and says it is the
    instructor's tool, exit 2, never a traceback naming a module the copy does not ship."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser from PyPI (dev extra)
        import tomli as tomllib

    scripts = tomllib.loads((dist / "pyproject.toml").read_text())["project"]["scripts"]
    assert set(scripts) == {"course-instructor", "course-hub", "course-author"}
    for tool, target in scripts.items():
        module, function = target.split(":")
        code = f"import sys; from {module} import {function}; sys.exit({function}())"
        done = subprocess.run([sys.executable, "-S", "-E", "-c", code], cwd=dist,
                              capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert f"{tool}: энэ бол багшийн хэрэгсэл" in done.stderr
        assert "not part of the learner copy" in done.stderr and "Traceback" not in done.stderr


def test_tree_carries_no_solution_hidden_test_or_key(course, dist):
    secrets = set()
    for nb in subs.keys.source_notebooks(course):
        secrets |= subs.keys.secret_lines(nb)
    assert secrets
    files = [p for p in dist.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name == "answers.json" or p.suffix == ".db"]
    leaks = {}
    for path in files:
        try:
            text = visible_text(path)
        except (UnicodeDecodeError, ValueError):
            continue
        found = subs.keys.find_leaks(text, secrets)
        if found:
            leaks[str(path.relative_to(dist))] = found
    assert leaks == {}


# --- for learners: no instructor's run, a learners' README, the language pack (issue 23.5) ---

HOME_FOLDER = re.compile(r"/home/[^/\s\"']+/|/Users/[^/\s\"']+/|/root/|[A-Za-z]:\\{1,2}Users")


def run_and_paths(tree: Path, own: list[Path]) -> list[str]:
    """Executed outputs and absolute paths of this machine anywhere under ``tree`` (written
    here, not taken from course_instructor: the test must not share the code it checks)."""
    found = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        rel = path.relative_to(tree)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # compiled catalogues (.mo)
        if path.suffix == ".ipynb":
            nb = json.loads(text)
            found += [f"{rel}: widget state" for _ in [1] if "widgets" in nb["metadata"]]
            found += [f"{rel}: cell {n} ran" for n, c in enumerate(nb["cells"])
                      if c.get("outputs") or c.get("execution_count") is not None]
        plain = text.replace("\\\\", "\\").replace("\\/", "/")
        found += [f"{rel}: {p}" for p in map(str, own)
                  if len(Path(p).parts) > 2 and (p in text or p in plain)]  # /root: below
        found += [f"{rel}: {m.group(0)}" for m in HOME_FOLDER.finditer(text)]
    return found


def test_no_executed_output_and_no_absolute_path(course, dist):
    assert run_and_paths(dist, [REPO, course, Path.home()]) == []


def test_an_instructors_run_does_not_reach_the_learners(course, tmp_path):
    """The instructor ran a released notebook and saved it: outputs, a widget view and the
    line naming their own record. learner-dist ships it clean."""
    root = tmp_path / "assignments"
    # the course as released: the shared course also holds the hostile suite's hand-ins (a pipe)
    shutil.copytree(course, root, ignore=shutil.ignore_patterns(
        "submitted", "autograded", "feedback", "staged", "collected", "quarantine"))
    released = sorted((root / "release").glob("*/*.ipynb"))[0]
    nb = json.loads(released.read_text(encoding="utf-8"))
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    record = str(Path.home() / ".course_innovation" / "progress.db")
    code["execution_count"] = 3
    code["outputs"] = [
        {"output_type": "display_data", "metadata": {},
         "data": {"text/markdown": f"Бэлэн боллоо: `{record}`",
                  "application/vnd.jupyter.widget-view+json": {"model_id": "0f", "version_major": 2,
                                                               "version_minor": 0}}}]
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    released.write_text(json.dumps(nb), encoding="utf-8")
    assert run_and_paths(root / "release", [Path.home()])  # the scan sees the run
    out = tmp_path / "learner"
    done = instructor(root, "learner-dist", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert run_and_paths(out, [REPO, root, Path.home()]) == []
    shipped = json.loads((out / "assignments" / released.parent.name / released.name)
                         .read_text(encoding="utf-8"))
    kept = next(c for c in shipped["cells"] if c["cell_type"] == "code")
    assert kept["source"] == code["source"] and kept["metadata"] == code["metadata"]


def test_readme_is_the_learners_in_mongolian(dist):
    readme = (dist / "README.md").read_text(encoding="utf-8")
    assert readme == (REPO / "docs" / "LEARNERS.md").read_text(encoding="utf-8")
    assert "Binder" in readme and "pip install" in readme and "voila notebooks/" in readme
    assert "00_welcome.ipynb" in readme and "суралцагч" in readme.casefold()
    for developer in ("make ", "sudo", "apt-get", "course-instructor", "assignments/source",
                      "formgrader"):
        assert developer not in readme, developer
    for folder in ("notebooks/", "assignments/", "packages/jupyterlab-language-pack-mn-MN"):
        assert folder in readme and (dist / folder).exists(), folder


def test_the_language_pack_ships_where_postbuild_installs_it(dist):
    pack = dist / "packages" / "jupyterlab-language-pack-mn-MN"
    assert (pack / "pyproject.toml").is_file()
    assert list(pack.glob("*/locale/mn_MN/LC_MESSAGES/*.po"))
    post_build = (dist / "postBuild").read_text(encoding="utf-8")
    paths = re.findall(r"\./packages/[\w.-]+", post_build)
    assert paths and all((dist / p).is_dir() for p in paths)


def test_the_course_extension_and_voila_template_ship_built(dist):
    """Binder installs the course's Lab extension without Node (built by `make`), and its wheel
    puts the course's Voilà template and the config naming it in place (issue 23.d)."""
    ext = dist / "packages" / "jupyterlab-course"
    built = json.loads((ext / "jupyterlab_course" / "labextension" / "package.json")
                       .read_text(encoding="utf-8"))
    assert built["name"] == "jupyterlab-course"
    assert (ext / "jupyterlab_course" / "labextension" / built["jupyterlab"]["_build"]["load"]
            ).is_file()
    assert not (ext / "node_modules").exists() and not (ext / "lib").exists()
    template = dist / "share" / "jupyter" / "voila" / "templates" / "course"
    for name in ("conf.json", "index.html.j2", "tree.html", "page.html", "course_pages.j2"):
        assert (template / name).is_file(), name
    for name in ("voila.json", "server-voila.json"):
        config = json.loads((ext / "jupyter-config" / name).read_text(encoding="utf-8"))
        assert config["VoilaConfiguration"]["template"] == "course", name
    assert "./packages/jupyterlab-course" in (dist / "postBuild").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=120) as reply:
                return reply.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.mark.parametrize("how", ["voila notebooks/", "voila/render in a Jupyter server"])
def test_voila_from_dist_shows_the_course_template(dist, learner_venv, tmp_path, how):
    """Voilà as the learners' README starts it (`voila notebooks/` in the folder) and as Binder's
    `?urlpath=voila/render/...` reaches it: both draw the course's pages (page language, <main>)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COURSE_", "JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path), COURSE_PROGRESS_DB=str(tmp_path / "progress.db"),
               PATH=f"{learner_venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
    common = [f"--port={port}", "--no-browser", "--ip=127.0.0.1"]
    if how == "voila notebooks/":
        command = [str(learner_venv / "bin" / "voila"), "notebooks/", *common]
        base, page = f"http://127.0.0.1:{port}", "voila/render/00_welcome.ipynb"
    else:
        command = [str(learner_venv / "bin" / "jupyter"), "server", *common,
                   "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root"]
        base, page = f"http://127.0.0.1:{port}", "voila/render/notebooks/00_welcome.ipynb"
    server = subprocess.Popen(command, cwd=dist, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        html = _page(f"{base}/{page}")
        assert re.search(r'<html[^>]*\blang="mn"', html), html[:500]
        assert "<main>" in html and "</main>" in html
        if how == "voila notebooks/":  # the page list: the course's, in Mongolian
            listing = _page(f"{base}/")
            assert re.search(r'<html[^>]*\blang="mn"', listing), listing[:500]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_refuses_a_non_empty_folder_it_did_not_make(course, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    done = instructor(course, "learner-dist", "--out", str(out))
    assert done.returncode == 1 and "nothing deleted" in done.stderr
    assert (out / "thesis.docx").read_text() == "years of work"


@pytest.mark.parametrize("inside", ["release", "repo data", "release itself"])
def test_refuses_an_out_folder_inside_what_it_copies(course, inside):
    """Issue 22: --out inside a copied folder recursed 497 levels and ended in a traceback."""
    out = {"release": course / "release" / "a01_definition" / "dist",
           "repo data": REPO / "data" / "dist-learner",
           "release itself": course / "release"}[inside]
    existed = out.exists()
    done = instructor(course, "learner-dist", "--out", str(out))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "which it copies" in done.stderr
    assert out.exists() == existed


def test_replaces_its_own_earlier_copy(dist, course):
    (dist / "stale.txt").write_text("old")
    done = instructor(course, "learner-dist", "--out", str(dist))
    assert done.returncode == 0, done.stderr
    assert not (dist / "stale.txt").exists()


def test_binder_finds_the_environment_of_dist_learner(dist):
    """repo2docker (what Binder runs) reads dist/learner's own environment files; no Docker."""
    r2d = Path(sys.executable).parent / "jupyter-repo2docker"
    done = subprocess.run([str(r2d), "--no-build", "--debug", str(dist)], capture_output=True,
                          text=True, timeout=300)
    dockerfile = done.stdout + done.stderr
    assert "environment.yml" in dockerfile and "./postBuild" in dockerfile, dockerfile[-2000:]
    apt = [line.strip() for line in (dist / "apt.txt").read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    assert apt and all(package in dockerfile for package in apt)


def pip_requirements(environment_yml: Path) -> list[str]:
    """environment.yml's dependencies as pip requirements (python and pip themselves are conda's;
    our conda lines use pip's >=,< syntax, which tests/test_packaging.py keeps in step)."""
    found = []
    for dep in yaml.safe_load(environment_yml.read_text(encoding="utf-8"))["dependencies"]:
        if isinstance(dep, dict):
            found += dep.get("pip", [])
        elif dep.split("=")[0].split(">")[0].split("<")[0].strip() not in ("python", "pip"):
            found.append(dep.split("#")[0].strip())
    return found


# Run inside the fresh venv: every notebook of dist/learner with its own kernel. The course
# notebooks must run without error; a released assignment's only errors are the checks of
# items left unanswered (an AssertionError in an autograder test cell): that is the notebook
# working as handed out.
RUN_ALL = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient
    problems = []
    for path in sorted(Path(sys.argv[1]).glob("**/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.output_type != "error":
                    continue
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
                if path.parts[-3] == "assignments" and out.ename == "AssertionError" \\
                        and grade_id.endswith("-test"):
                    continue
                problems.append(f"{path.name} {grade_id}: {out.ename}: {out.evalue}")
    print(json.dumps(problems))
""")


@pytest.fixture(scope="module")
def learner_venv(dist, tmp_path_factory) -> Path:
    """A fresh venv built only from dist/learner's files, as Binder's recipe does: the
    environment.yml dependencies from PyPI (pip's cache and the configured index), then
    postBuild run in the folder with that venv first on PATH."""
    venv = tmp_path_factory.mktemp("learner-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-compile",
                           *pip_requirements(dist / "environment.yml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    env = dict(os.environ, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
               VIRTUAL_ENV=str(venv))
    done = subprocess.run(["bash", "postBuild"], cwd=dist, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return venv


def test_a_venv_from_the_environment_files_runs_every_notebook(dist, learner_venv, tmp_path):
    python = learner_venv / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import course_lib; print(course_lib.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(dist)  # postBuild installed dist's copy
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COURSE_", "JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path), COURSE_PROGRESS_DB=str(tmp_path / "progress.db"),
               PATH=f"{learner_venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
    notebooks = sorted(dist.glob("**/*.ipynb"))
    assert any(p.parent.name == "notebooks" for p in notebooks)
    assert any(p.parts[-3] == "assignments" for p in notebooks)
    done = subprocess.run([str(python), "-c", RUN_ALL, str(dist)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
