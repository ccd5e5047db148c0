"""The course's prebuilt JupyterLab extension (the TypeScript is in ../src)."""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    """Where `jupyter labextension develop` finds the built extension."""
    return [{"src": "labextension", "dest": "jupyterlab-course"}]
