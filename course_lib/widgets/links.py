"""Download links built in the browser from a data: URI, kept in step with the record.

A data: URI needs no server file, so a link works the same on Binder, in Voilà and in
JupyterLab; its bytes are fixed when it is built, so every view holding one rebuilds it after
each change of the learner record (``follow_record``), before the trainee can click it.
"""

from __future__ import annotations

import base64
import html

from ..record import changes


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    payload = base64.b64encode(raw).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:{mime};base64,{payload}" '
            f'style="font-weight:bold;color:#0b5cad;text-decoration:underline">'
            f'⬇ {html.escape(label)}</a>')


def follow_record(widget, method: str, key: str) -> None:
    """Call ``widget.<method>()`` after every change of the learner record, until the widget
    is closed or a newer widget follows under the same ``key`` (record/changes.py)."""
    changes.follow(widget, method, key)
