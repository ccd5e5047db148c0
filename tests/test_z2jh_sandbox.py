"""Why the formgrader pod needs the settings in deploy/z2jh/formgrader.yaml (docs/DEPLOY.md,
"The grading sandbox"), shown on this machine: the grading sandbox's bubblewrap call, run
unprivileged, works as it is; under a seccomp filter like the runtime's default profile it
cannot create its namespaces; with part of /proc masked, as a container's /proc is, it cannot
mount its own /proc."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("seccomp_probe.py")
# the sandbox kernel's namespaces and mounts (assignments/kernels/course-sandbox/launch.py)
BWRAP = ["bwrap", "--unshare-all", "--cap-drop", "ALL", "--ro-bind", "/", "/",
         "--proc", "/proc", "--dev", "/dev", "true"]
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

pytestmark = pytest.mark.skipif(os.geteuid() != 0,
                                reason="runs bwrap as another account (CI runs as root)")


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_unprivileged_bwrap_works_without_the_runtime_defaults():
    done = run(*AS_NOBODY, *BWRAP)
    assert done.returncode == 0, done.stderr


def test_a_default_like_seccomp_profile_stops_it():
    done = run("/usr/bin/python3", str(PROBE), *BWRAP)
    assert done.returncode != 0
    assert "No permissions to create new namespace" in done.stderr, done.stderr


def test_a_masked_proc_stops_its_own_proc_mount():
    # a runtime masks e.g. /proc/keys with /dev/null: the kernel then refuses a fresh proc
    # mount in a user namespace (procMount: Unmasked lifts the masks)
    command = " ".join([*AS_NOBODY, *BWRAP])
    masked = run("unshare", "--mount", "--propagation", "private", "sh", "-c",
                 f"mount --bind /dev/null /proc/keys && exec {command}")
    assert masked.returncode != 0
    assert "Can't mount proc" in masked.stderr, masked.stderr
    unmasked = run("unshare", "--mount", "--propagation", "private", "sh", "-c",
                   f"exec {command}")
    assert unmasked.returncode == 0, unmasked.stderr


def test_nproc_is_per_kernel_in_unprivileged_bwrap():
    """The formgrader pod runs the sandbox without root, so no cgroup per kernel: there,
    `prlimit --nproc` must count one kernel's processes, not the account's (issue 22). In its
    own user namespace it does (Linux >= 5.14): a bomb holds all it may, another starts 10."""
    cage = [*AS_NOBODY, "bwrap", "--unshare-all", "--die-with-parent", "--cap-drop", "ALL",
            "--ro-bind", "/", "/",
            "--proc", "/proc", "--dev", "/dev", "prlimit", "--nproc=20", "--", "/usr/bin/python3",
            "-c"]
    bomb = subprocess.Popen(
        [*cage, "import os, time\nn = 0\ntry:\n    while n < 100:\n        if os.fork() == 0:\n"
                "            time.sleep(20); os._exit(0)\n        n += 1\n"
                "except OSError:\n    print(n, flush=True)\ntime.sleep(20)"],
        stdout=subprocess.PIPE, text=True)
    try:
        held = int(bomb.stdout.readline())
        other = run(*cage, "import subprocess\nps = [subprocess.Popen(['true']) for _ in range(10)]"
                           "\nprint(sum(p.wait() == 0 for p in ps))")
    finally:
        bomb.kill()
        bomb.wait()
    assert 10 <= held < 20, held
    assert other.stdout.strip() == "10", other.stderr
