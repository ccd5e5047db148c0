"""The kernel manager of graded runs: the course kernelspec in kernels/, IPC in a private folder.

nbgrader's Execute step starts its kernel through ``kernel_manager_class``; this one takes
the kernelspec from this folder (not from the instructor's Jupyter paths, where a same-named
spec could be planted), puts the connection file and IPC sockets in a fresh 0700 folder of
their own (TCP from outside into bwrap's network namespace cannot connect) and removes it at
shutdown. See kernels/course-sandbox/launch.py for what the kernel can see.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

KERNEL_NAME = "course-sandbox"


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
        # A graded kernel has answered and its outputs are saved when it is asked to shut
        # down; about one in five sandboxed kernels then lingers (bwrap's process chain), and
        # the default 5 s grace cost those seconds each. Half a second, then SIGTERM.
        self.shutdown_wait_time = 1.0

    async def _async_pre_start_kernel(self, **kw):
        self._private = tempfile.mkdtemp(prefix="course-kernel-")
        self.transport = "ipc"
        self.ip = os.path.join(self._private, "ipc")
        self.connection_file = os.path.join(self._private, "kernel.json")
        return await super()._async_pre_start_kernel(**kw)

    pre_start_kernel = _async_pre_start_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._private and not restart:
            shutil.rmtree(self._private, ignore_errors=True)
            self._private = None

    cleanup_resources = _async_cleanup_resources
