"""The class server's spawner reports a server up as soon as it listens
(course_instructor/hub/spawner.py), on real sockets and a real process."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import pytest
from jupyterhub.spawner import LocalProcessSpawner

from course_instructor.hub import spawner


def run(coro):
    return asyncio.run(coro)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_returns_at_its_first_look_after_the_port_listens():
    port = closed_port()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    state = {"listening": False, "looks_before": 0, "looks_after": 0}

    def exited():  # asked after each look that found nothing
        state["looks_after" if state["listening"] else "looks_before"] += 1
        return None

    async def open_later():
        await asyncio.sleep(5 * spawner.LOOK_S)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        state["listening"] = True

    async def both():
        task = asyncio.create_task(open_later())
        found = await spawner.until_listening("127.0.0.1", port, exited, 30)
        await task
        return found

    try:
        assert run(both()) is True
    finally:
        listener.close()
    assert state["looks_before"] >= 2  # it did look, and wait, while nothing listened
    assert state["looks_after"] == 0  # the first look after the port opened found it


def test_an_empty_port_is_not_up_and_the_wait_ends():
    assert run(spawner.until_listening("127.0.0.1", closed_port(), lambda: None, 0.3)) is False


def test_a_server_that_exits_fails_the_start_at_once():
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    proc.wait()
    with pytest.raises(spawner.ServerExited, match="status 3"):
        run(spawner.until_listening("127.0.0.1", closed_port(), proc.poll, 60))


def test_the_class_server_uses_it_and_it_keeps_the_local_spawners_settings():
    assert issubclass(spawner.ClassSpawner, LocalProcessSpawner)
    config = open("deploy/hub/jupyterhub_config.py", encoding="utf-8").read()
    assert 'c.JupyterHub.spawner_class = "course_instructor.hub.spawner.ClassSpawner"' in config
