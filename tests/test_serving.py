"""course_instructor/hub/serving.py: the benches' and browser tiers' local servers, waited for
and stopped, on real child processes (Python's own http.server)."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest

from course_instructor.hub import serving
from course_instructor.hub.layout import free_port


def _http_server(tmp_path, port: int, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, **kw)


def test_a_server_is_waited_for_then_stopped(tmp_path):
    port = free_port()
    proc = _http_server(tmp_path, port)
    try:
        serving.wait_until_serving(f"http://127.0.0.1:{port}/", proc, 60, pause=0.05)
    finally:
        serving.stop(proc, 10)
    assert proc.returncode is not None


def test_a_server_that_exits_first_is_named_so():
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(serving.NotServing, match=r"exited \(code 3\)"):
        serving.wait_until_serving(f"http://127.0.0.1:{free_port()}/", proc, 60, pause=0.05)


def test_no_answer_in_time_is_named_so():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with pytest.raises(serving.NotServing, match=r"did not answer within 0\.3 s"):
            serving.wait_until_serving(f"http://127.0.0.1:{free_port()}/", proc, 0.3,
                                       pause=0.05, ask_timeout=0.1)
    finally:
        serving.stop(proc, 10)


def test_one_that_ignores_sigterm_is_killed():
    code = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print(1, flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    proc.stdout.readline()  # its handler is set
    started = time.monotonic()
    serving.stop(proc, 0.5)
    assert proc.returncode == -9 and time.monotonic() - started < 30
    proc.stdout.close()


def test_a_group_stops_with_what_its_leader_started(tmp_path):
    port = free_port()
    # a shell that starts the server as its child, as `make lab` starts JupyterLab
    proc = subprocess.Popen(["bash", "-c", f"{sys.executable} -m http.server {port} --bind "
                             "127.0.0.1 >/dev/null 2>&1; exit 0"], cwd=tmp_path,
                            start_new_session=True)
    serving.wait_until_serving(f"http://127.0.0.1:{port}/", proc, 60, pause=0.05)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children
    serving.stop(proc, 10, group=True)
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []
