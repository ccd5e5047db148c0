"""The environment files agree, and the install is the one the README promises."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser from PyPI (dev extra)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_deps() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    return {r.name.lower(): str(r.specifier) for r in reqs}


def _conda_deps() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = {}
    # conda lists every dependency it packages; a pip: section holds only what conda-forge lacks
    listed = [d for d in env["dependencies"] if isinstance(d, str)]
    for section in (d for d in env["dependencies"] if not isinstance(d, str)):
        assert set(section) == {"pip"}, f"unknown section in environment.yml: {section}"
        listed += section["pip"]
    for dep in listed:
        name, spec = re.match(r"([A-Za-z0-9_.\-]+)(.*)", dep.split("#")[0].strip()).groups()
        deps[name.lower()] = spec.strip().lstrip("=") if name == "python" else spec.strip()
    deps.pop("python", None)
    deps.pop("pip", None)
    return deps


def _normalise(spec: str) -> set[str]:
    return {s.strip() for s in spec.split(",") if s.strip()}


def test_environment_yml_and_pyproject_agree():
    pyproject, conda = _pyproject_deps(), _conda_deps()
    assert set(pyproject) == set(conda), (
        f"only in pyproject: {set(pyproject) - set(conda)}; only in environment.yml: "
        f"{set(conda) - set(pyproject)}"
    )
    for name, spec in pyproject.items():
        assert _normalise(spec) == _normalise(conda[name]), f"{name}: {spec!r} vs {conda[name]!r}"


def test_jupyterlab_and_nbgrader_are_pinned_together():
    deps = _pyproject_deps()
    # both bounded above: a new minor of either has broken the other's extension before
    assert "<4.7" in deps["jupyterlab"] and "<0.10" in deps["nbgrader"]


def test_installed_versions_satisfy_the_pins():
    from importlib.metadata import version

    for name, spec in _pyproject_deps().items():
        assert Requirement(f"{name}{spec}").specifier.contains(version(name)), name


def test_binder_files_exist_and_fail_fast():
    assert "set -e" in (ROOT / "postBuild").read_text()
    fonts = (ROOT / "apt.txt").read_text().split()
    assert any(f.startswith("fonts-") for f in fonts)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "mybinder.org" in readme and "urlpath=lab/tree/notebooks/00_welcome.ipynb" in readme


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\b", ci, re.M)


def test_course_lib_is_importable_from_the_venv():
    out = subprocess.run(
        [sys.executable, "-c", "import course_lib, sys; print(course_lib.__file__)"],
        capture_output=True, text=True, cwd="/", check=True,
    )
    assert Path(out.stdout.strip()).parent == ROOT / "course_lib"


def test_housekeeping_licence_build_and_tools():
    """MIT in the SPDX string form with its file; the setuptools that reads it; every dev tool
    pinned to a range like the rest."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == "MIT"
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    build = [Requirement(r) for r in pyproject["build-system"]["requires"]]
    assert any(r.name == "setuptools" and r.specifier.contains("77") and
               not r.specifier.contains("76") for r in build)
    for dep in pyproject["project"]["optional-dependencies"]["dev"]:
        req = Requirement(dep)
        assert any(s.operator in ("<", "<=", "==", "~=") for s in req.specifier), \
            f"{req.name} has no upper bound"


def test_learner_dist_lists_only_files_that_exist():
    from course_instructor import commands as instructor

    assert [n for n in instructor.DIST_FILES if not (ROOT / n).is_file()] == []


SCRIPTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]


def _run_script(tool: str, cwd: Path, *args: str, alone: bool = False):
    """The console script ``tool`` as pip's launcher runs it: import its target, exit with it.
    ``alone``: no site-packages (-S), so the only course_instructor is the one in ``cwd``."""
    module, function = SCRIPTS[tool].split(":")
    code = (f"import sys; sys.argv[1:] = {list(args)!r}; from {module} import {function}; "
            f"import {module.split('.')[0]} as p; print(p.__file__); sys.exit({function}())")
    return subprocess.run([sys.executable, *(["-S", "-E"] if alone else []), "-c", code],
                          capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("tool", sorted(SCRIPTS))
def test_an_instructors_script_where_only_the_learner_copy_is_says_so(tool, tmp_path):
    """learner-dist ships course_instructor/__init__.py (and exchange/) with this pyproject:
    each script there tells whose tool it is, in Mongolian and English, and exits 2."""
    (tmp_path / "course_instructor").mkdir()
    shutil.copy2(ROOT / "course_instructor" / "__init__.py", tmp_path / "course_instructor")
    done = _run_script(tool, tmp_path, alone=True)
    assert done.stdout.startswith(str(tmp_path))  # the copy, not the checkout's package
    assert done.returncode == 2, done.stderr
    assert done.stderr == (f"{tool}: энэ бол багшийн хэрэгсэл, суралцагчийн хуулбарт ороогүй.\n"
                           f"{tool}: this is the instructor's tool; it is not part of the "
                           "learner copy.\n")


@pytest.mark.parametrize("tool", sorted(SCRIPTS))
def test_an_instructors_script_in_the_checkout_runs_the_tool(tool):
    done = _run_script(tool, ROOT, "--help")
    assert done.returncode == 0, done.stderr
    assert tool in done.stdout + done.stderr  # its usage (course-author prints it on stderr)


def test_a_missing_dependency_of_a_tool_is_not_called_a_learner_copy(monkeypatch):
    import course_instructor

    def broken(name):
        raise ModuleNotFoundError("No module named 'nbgrader'", name="nbgrader")

    monkeypatch.setattr(course_instructor.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError, match="nbgrader"):
        course_instructor.instructor_main()


@pytest.mark.parametrize("status", [0, 2, None])
def test_a_tools_exit_status_reaches_the_shell(monkeypatch, status):
    """`course-hub roster import` returns 2 on a bad roster; the scripts' shared start must
    pass that on, as the console script's own sys.exit(main()) did (the hub tier caught a 0)."""
    import sys
    import types

    import course_instructor

    probe = types.ModuleType("course_instructor._exit_probe")
    probe.main = lambda: status
    monkeypatch.setitem(sys.modules, probe.__name__, probe)
    with pytest.raises(SystemExit) as ended:
        course_instructor._run("probe", probe.__name__)
    assert ended.value.code == status
