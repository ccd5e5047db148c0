"""Everything a class server needs before JupyterHub starts (run as root, idempotent):
folders with their permissions, the key-free environment, the PostgreSQL cluster, each
course's grader account, course root and gradebook."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

from course_instructor import commands as instructor
from course_instructor.grading.gradebook import URL_FILE, postgres_url
from course_instructor.hub import accounts, pgcluster, privacy, server_settings
from course_instructor.hub.layout import TIMEZONE, Course, Layout, free_port
from course_instructor.repo import REPO

# what single-user servers need besides course_lib's own dependencies
SYSTEM_PYTHON = "/usr/bin/python3"
SERVER_DEPS = ("jupyterhub>=5.2,<7", "psycopg2-binary>=2.9,<3")
LANGPACK = REPO / "packages" / "jupyterlab-language-pack-mn-MN"  # JupyterLab in Mongolian
# the course's Lab extension (nbgrader's tab in Mongolian, Enter on a question), built by the
# Makefile's venv step; its wheel carries the built labextension and the Voilà template
COURSE_EXT = REPO / "packages" / "jupyterlab-course"
COURSE_EXT_BUILT = COURSE_EXT / "jupyterlab_course" / "labextension" / "package.json"


def folders(lay: Layout) -> None:
    for part, mode in (("", 0o755), ("state", 0o700), ("exchange", 0o1777),
                       ("etc/jupyter", 0o755), ("etc/trainee", 0o755), ("course", 0o755)):
        path = lay.path(part) if part else lay.root
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, 0, 0)
        os.chmod(path, mode)  # chmod, not mkdir's mode: the umask would clear the sticky bit
    (lay.path("etc/jupyter/nbgrader_config.py")).write_text(
        "c = get_config()  # noqa: F821\n" + exchange_config(lay), encoding="utf-8")
    # trainees' servers only (first on their JUPYTER_CONFIG_PATH; formgrader never reads it)
    trainee = server_settings.settings(str(lay.path("course", "lab-config", "classroom")))
    lay.path("etc/trainee/jupyter_server_config.json").write_text(
        json.dumps(trainee, indent=1) + "\n", encoding="utf-8")


def exchange_config(lay: Layout) -> str:
    """What every nbgrader on the server needs: the exchange, our exchange classes, the zone."""
    return (f"c.Exchange.root = {str(lay.path('exchange'))!r}\n"
            f"c.Exchange.timezone = {TIMEZONE!r}\n"
            f"c.NbGraderAPI.timezone = {TIMEZONE!r}  # formgrader shows and takes local time\n"
            'c.ExchangeFactory.submit = "course_instructor.exchange.Submit"\n'
            'c.ExchangeFactory.collect = "course_instructor.exchange.Collect"\n'
            'c.ExchangeFactory.release_feedback = "course_instructor.exchange.ReleaseFeedback"\n')


def learner_files(lay: Layout) -> None:
    """data/ and notebooks/ as learner-dist ships them (no answer keys: checked)."""
    out = lay.path("course")
    for folder in ("data", "notebooks"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
        shutil.copytree(REPO / folder, out / folder, ignore=instructor.DIST_IGNORE)
    # JupyterLab's per-server settings for a server with an exchange: the Assignments tab, none
    # of nbgrader's instructor tools (course_instructor/authoring/lab_settings.py, mode "classroom")
    settings = out / "lab-config" / "classroom"
    shutil.rmtree(settings, ignore_errors=True)
    shutil.copytree(REPO / "lab-config" / "classroom", settings)
    source = REPO / "assignments"
    instructor.fail_if(instructor.check_tree(out, instructor.all_secrets(source), "hub course"),
                       "hub course files leak")
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(out)], check=True)


def _library_digest() -> str:
    h = hashlib.sha256(" ".join((sys.version, *SERVER_DEPS)).encode())
    # both packages (trainees' nbgrader runs course_instructor's exchange classes from this
    # venv) and the language pack
    for path in sorted([REPO / "pyproject.toml", *(REPO / "course_lib").rglob("*"),
                        *(REPO / "course_instructor").rglob("*"),
                        LANGPACK / "pyproject.toml", *LANGPACK.rglob("*.po"),
                        *(COURSE_EXT / "jupyterlab_course").rglob("*"),
                        *(COURSE_EXT / "jupyter-config").rglob("*"), COURSE_EXT / "pyproject.toml",
                        *(REPO / "share" / "jupyter" / "voila").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(REPO)).encode() + path.read_bytes())
    return h.hexdigest()


def environment(lay: Layout) -> None:
    """A venv with course_lib installed from a built wheel, rebuilt only when it changed."""
    venv, stamp = lay.venv(), lay.venv(".course-lib-digest")
    digest = _library_digest()
    venv.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(venv.parent, 0o755)
    if stamp.is_file() and stamp.read_text() == digest:
        return
    if not COURSE_EXT_BUILT.is_file():
        raise SystemExit(f"course-hub: the course's Lab extension is not built ({COURSE_EXT}); "
                         "run `make` in the checkout first (it builds it)")
    wheels = venv.parent / f"{venv.name}-wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(REPO), str(LANGPACK), str(COURSE_EXT)], check=True)
    if not (venv / "bin" / "python").exists():
        # the system Python: every account can run it (a pyenv under /root is private)
        subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True)
    wheel = next(wheels.glob("course_lib-*.whl"))
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--force-reinstall",
                    "--no-deps", str(wheel)], check=True)
    langpack = next(wheels.glob("jupyterlab_language_pack_mn_mn-*.whl"))
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel), *SERVER_DEPS],
                   check=True)
    extension = next(wheels.glob("jupyterlab_course-*.whl"))
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--force-reinstall",
                    "--no-deps", str(langpack), str(extension)], check=True)
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(venv)], check=True)
    stamp.write_text(digest)


def course(lay: Layout, c: Course) -> None:
    grader = c.grader(lay.prefix)
    accounts.ensure_user(grader, [], f"nbgrader grader of {c.id}", login=False)
    root = lay.course_root(c)
    root.mkdir(exist_ok=True)
    for py in (REPO / "assignments").glob("*.py"):
        shutil.copy2(py, root / py.name)
    for folder in ("source", "kernels"):  # kernels/: the grading sandbox
        if (root / folder).exists():
            shutil.rmtree(root / folder)
        shutil.copytree(REPO / "assignments" / folder, root / folder,
                        ignore=shutil.ignore_patterns("answers.json", ".ipynb_checkpoints",
                                                      "__pycache__"))
    with open(root / "nbgrader_config.py", "a", encoding="utf-8") as cfg:
        cfg.write("\n# --- class server (course_instructor/hub/setup_class.py) ---\n"
                  f"c.CourseDirectory.course_id = {c.id!r}\n" + exchange_config(lay))
    url = postgres_url(lay.database(c), lay.pg_socket, lay.pg_port)
    (root / URL_FILE).write_text(url + "\n", encoding="utf-8")
    pgcluster.ensure_gradebook(lay.pg_port, lay.pg_socket, grader, lay.database(c))
    subprocess.run(["chown", "-R", f"{grader}:{grader}", str(root)], check=True)
    os.chmod(root, 0o700)
    for name in c.instructors:
        accounts.ensure_user(name, [lay.instructors_group], f"instructor of {c.id}")


def run(lay: Layout) -> None:
    for c in lay.courses:
        accounts.check_name(c.grader(lay.prefix))
        if not c.port:
            c.port = free_port()
    for internal in ("hub_api_port", "proxy_api_port"):  # loopback only, never 8081/8001 clashes
        lay.extra.setdefault(internal, free_port())
    lay.save()
    folders(lay)
    privacy.hide_processes(lay.extra)
    lay.save()  # what /proc was, for `classroom.py down`
    learner_files(lay)
    environment(lay)
    pgcluster.create(lay.pg_cluster, lay.pg_port, lay.pg_socket)
    accounts.ensure_group(lay.trainees_group)
    accounts.ensure_group(lay.instructors_group)
    for c in lay.courses:
        course(lay, c)
