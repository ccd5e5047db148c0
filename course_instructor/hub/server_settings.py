"""What every trainee's Jupyter server is told, on one machine (`make hub`) and on Kubernetes
(deploy/z2jh/values.yaml, tests/test_z2jh_values.py holds the two equal).

The same as `make lab` (Makefile LAB_FLAGS), with the classroom settings folder: the
Assignments tab and none of nbgrader's instructor tools
(course_instructor/authoring/lab_settings.py), no news toast,
idle kernels stopped after 30 minutes even with their tab open (every answer is already in the
learner record; Run All brings the page back), widget views saved as a note, not dead views.

A trainee's server loads only the server extensions a trainee uses (issue 25): JupyterLab (its
translation API serves the Mongolian language pack) and nbgrader's Assignments tab, whose
handlers course_lib/assignments_tab.py imports on the tab's first request rather than at start
(nbgrader's own loader, switched off here, would cost each start about half its CPU). The rest
stay installed for the instructors' formgrader services, which read no trainee setting, and
for `make lab-instructor`, but are switched off here by configuration: formgrader, the course
list and validation (instructor tools), Voilà (the page view is `make app`'s, not the hub's),
the language server (no language server is installed; it only scans for them), the classic
Notebook UI and its shim (trainees land in JupyterLab) and terminals (nothing in the course
uses one). bench/server_start.py prints what each costs at start.
"""

from __future__ import annotations

TRAINEE_EXTENSIONS = {
    "jupyterlab": True,
    "course_lib.assignments_tab": True,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.validate_assignment": False,
    "voila.server_extension": False,
    "jupyter_lsp": False,
    "notebook": False,
    "notebook_shim": False,
    "jupyter_server_terminals": False,
}


def settings(lab_settings_dir: str) -> dict:
    """Traitlets config as {class: {trait: value}}: the trainees' jupyter_server_config.json,
    first on their JUPYTER_CONFIG_PATH (a file, not flags: flags cannot carry a dict)."""
    return {
        "ServerApp": {"jpserver_extensions": dict(TRAINEE_EXTENSIONS)},
        "LabApp": {
            "app_settings_dir": lab_settings_dir,
            "news_url": None,
            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        },
        "MappingKernelManager": {
            "cull_idle_timeout": 1800,
            "cull_interval": 300,
            "cull_connected": True,
        },
        # saved notebooks keep a Mongolian note where a widget was (course_lib/saved_views.py)
        "ContentsManager": {"pre_save_hook": "course_lib.saved_views.placeholders"},
    }
