"""Formgrader (in `make lab`) and nbgrader started from the repository root use the course
root in assignments/, whose nbgrader_config.py holds the whole configuration."""

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
load_subconfig("assignments/nbgrader_config.py")  # noqa: F821
