"""What every trainee's Jupyter server is told, on one machine (`make hub`) and on Kubernetes
(deploy/z2jh/values.yaml, tests/test_z2jh_values.py holds the two equal).

The same as `make lab` (Makefile LAB_FLAGS), with the classroom settings folder: the
Assignments tab and none of nbgrader's instructor tools
(course_instructor/authoring/lab_settings.py), no news toast,
idle kernels stopped after 30 minutes even with their tab open (every answer is already in the
learner record; Run All brings the page back), widget views saved as a note, not dead views.
"""

from __future__ import annotations


def settings(lab_settings_dir: str) -> dict:
    """Traitlets config as {class: {trait: value}} (JSON-able: Kubernetes mounts it as a file)."""
    return {
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


def args(lab_settings_dir: str) -> list[str]:
    """The same settings as command-line flags (JupyterHub's Spawner.args)."""
    return [f"--{cls}.{trait}={value}"
            for cls, traits in settings(lab_settings_dir).items()
            for trait, value in traits.items()]
