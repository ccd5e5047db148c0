"""A download link whose file is built in the browser from a data: URI."""

from __future__ import annotations

import base64
import html


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    # a data: URI needs no server file: the same on Binder, in Voilà and locally
    raw = data.encode("utf-8") if isinstance(data, str) else data
    payload = base64.b64encode(raw).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:{mime};base64,{payload}" '
            f'style="font-weight:bold;color:#0b5cad;text-decoration:underline">'
            f'⬇ {html.escape(label)}</a>')
