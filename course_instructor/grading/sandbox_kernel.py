"""The kernel manager of graded runs: the course kernelspec in kernels/, IPC in a private folder.

nbgrader's Execute step starts its kernel through ``kernel_manager_class``; this one takes
the kernelspec from this folder (not from the instructor's Jupyter paths, where a same-named
spec could be planted), puts the connection file and IPC sockets in a fresh 0700 folder of
their own (TCP from outside into bwrap's network namespace cannot connect) and removes it at
shutdown. See kernels/course-sandbox/launch.py for what the kernel can see.

Its share of the cage (issue 22): as root, the private folder is a small tmpfs, so a kernel
filling it fills its own memory, not the grader's disk; each kernel holds a slot (a lock
file) whose number names its account where no cgroup can be made; at shutdown whatever the
kernel left in its cgroup is killed and the cgroup removed (launch.py's release()).
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import shutil
import subprocess
import tempfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

KERNEL_NAME = "course-sandbox"
PRIVATE_SIZE = "1m"  # the connection file and the IPC sockets need a few kB
SLOTS = 256  # kernels at once on one machine, at most (2 grading workers per core)


def take_slot() -> tuple[int, int]:
    """(slot, fd holding its lock): the lowest slot no live kernel of this machine holds."""
    folder = os.path.join(tempfile.gettempdir(), f"course-sandbox-slots-{os.geteuid()}")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    for slot in range(SLOTS):
        fd = os.open(os.path.join(folder, str(slot)), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return slot, fd
        except OSError:
            os.close(fd)
    raise RuntimeError(f"more than {SLOTS} grading kernels at once")


def launcher(kernels: str):
    """kernels/course-sandbox/launch.py as a module (it stays a file the kernelspec runs)."""
    path = os.path.join(kernels, KERNEL_NAME, "launch.py")
    spec = importlib.util.spec_from_file_location("course_sandbox_launch", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SandboxKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose kernel lives in bubblewrap and talks over IPC."""

    # the course root's kernels/ (nbgrader_config.py sets it); nbgrader runs in the course root,
    # so the working folder's kernels/ is the fallback
    kernels_dir = Unicode("").tag(config=True)

    def __init__(self, **kwargs):
        kwargs["kernel_name"] = KERNEL_NAME  # whatever the notebook or gradebook says
        super().__init__(**kwargs)
        kernels = self.kernels_dir or os.path.join(os.getcwd(), "kernels")
        self.kernel_spec_manager = KernelSpecManager(
            kernel_dirs=[kernels], ensure_native_kernel=False
        )
        self._private = None
        self._kernels = kernels
        self._slot: tuple[int, int] | None = None
        self._mounted = False
        # A graded kernel has answered and its outputs are saved when it is asked to shut
        # down; about one in five sandboxed kernels then lingers (bwrap's process chain), and
        # the default 5 s grace cost those seconds each. Half a second, then SIGTERM.
        self.shutdown_wait_time = 1.0

    async def _async_pre_start_kernel(self, **kw):
        self._private = tempfile.mkdtemp(prefix="course-kernel-")
        if os.geteuid() == 0:  # elsewhere (a pod without CAP_SYS_ADMIN) a plain folder
            self._mounted = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={PRIVATE_SIZE},mode=0700,nosuid,nodev",
                 "tmpfs", self._private], capture_output=True, check=False).returncode == 0
        self._slot = self._slot or take_slot()
        self.transport = "ipc"
        self.ip = os.path.join(self._private, "ipc")
        self.connection_file = os.path.join(self._private, "kernel.json")
        kw["env"] = dict(kw.get("env") or os.environ, COURSE_SANDBOX_SLOT=str(self._slot[0]))
        return await super()._async_pre_start_kernel(**kw)

    pre_start_kernel = _async_pre_start_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._private and not restart:
            launcher(self._kernels).release(os.path.basename(self._private))
            if self._mounted:
                subprocess.run(["umount", "--lazy", self._private], capture_output=True,
                               check=False)
                self._mounted = False
            shutil.rmtree(self._private, ignore_errors=True)
            self._private = None
        if self._slot and not restart:
            os.close(self._slot[1])  # the lock goes with it
            self._slot = None

    cleanup_resources = _async_cleanup_resources
