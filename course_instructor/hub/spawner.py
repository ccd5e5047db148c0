"""The class server's spawner: JupyterHub's local-process spawner that says a server is up as
soon as it listens.

JupyterHub learns that a server has started by asking it over HTTP with an exponential,
jittered back-off (jupyterhub.utils.exponential_backoff: waits drawn up to 0.2, 0.4, 0.8, 1.6,
3.2, then 5 s). A start that takes 2 s alone is found up to a second or two late, and one that
takes 8 s while the class arrives up to 5 s late: time the trainee spends on the spawn page with
a server already running. Here ``start`` waits for the server itself, looking ten times a
second (a refused TCP connection costs microseconds), and returns once it listens (a Jupyter
server binds its port only when everything is loaded), so JupyterHub's first look finds it.
A server whose process has ended fails the start at once, instead of after ``http_timeout``.
"""

from __future__ import annotations

import asyncio
import time

from jupyterhub.spawner import LocalProcessSpawner
from jupyterhub.utils import can_connect

LOOK_S = 0.1


class ServerExited(RuntimeError):
    """The trainee's server process ended before it listened."""


async def until_listening(ip: str, port: int, exited, seconds: float,
                          look_s: float = LOOK_S) -> bool:
    """True once ip:port accepts a connection; False after ``seconds``; ServerExited when
    ``exited()`` gives an exit status first."""
    deadline = time.monotonic() + seconds
    while True:
        if can_connect(ip or "127.0.0.1", port):
            return True
        status = exited()
        if status is not None:
            raise ServerExited(f"the server exited with status {status} before it listened")
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(look_s)


class ClassSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose start returns when the server listens (see the module doc)."""

    async def start(self):
        ip, port = await super().start()
        # past http_timeout JupyterHub's own wait takes over and fails the start as it would
        await until_listening(ip, port, self.proc.poll, self.http_timeout)
        return ip, port
