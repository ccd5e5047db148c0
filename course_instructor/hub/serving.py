"""A local server started as a child process, as the benches and test tiers start JupyterLab
and `make lab`: wait until it answers, then stop it (and, started in a session of its own,
everything it started), never leaving it behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request


class NotServing(RuntimeError):
    """The server exited before it answered, or did not answer in time (the reason says which)."""


def wait_until_serving(url: str, proc: subprocess.Popen, seconds: float,
                       pause: float = 0.5, ask_timeout: float = 3) -> None:
    """Return once ``url`` answers; NotServing once ``proc`` has exited or ``seconds`` passed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=ask_timeout):
                return
        except OSError:
            if proc.poll() is not None:
                raise NotServing(f"it exited (code {proc.returncode}) before {url} "
                                 "answered") from None
            if time.monotonic() > deadline:
                raise NotServing(f"{url} did not answer within {seconds:g} s") from None
            time.sleep(pause)


def stop(proc: subprocess.Popen, seconds: float, group: bool = False) -> None:
    """SIGTERM, then SIGKILL after ``seconds``; ``group``: to the process group it leads
    (started with start_new_session=True), so what it started stops with it."""
    def send(sig: int) -> None:
        try:
            if group:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        except ProcessLookupError:  # it has gone already
            pass

    send(signal.SIGTERM)
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        proc.wait()
