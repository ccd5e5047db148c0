"""Start the grading kernel inside bubblewrap, in a cage of its own, as an unprivileged account.

argv: launch.py CONNECTION_FILE (run by jupyter_client with the grader's Python; cwd is the
notebook's folder). What the kernel sees: the system's /usr read-only, the venv, course_lib and
data/ read-only, the notebook's own folder read-only, a private folder for its connection file
and IPC sockets, an empty /tmp. Not bound: the course root (source/, other submissions, the
gradebook), the home folders, the network (--unshare-all). The environment is built here, not
inherited (--clearenv): nothing in the instructor's shell reaches a graded kernel.

What the kernel may use is its own, so one submission's fork bomb, memory hog or disk fill
costs that submission only (issue 22): as root, a cgroup per kernel (v2, or v1 as in this
repository's CI machine) caps its processes, its memory (tmpfs pages included) and its CPU
share; /tmp is a sized tmpfs; the private folder is a sized tmpfs the kernel manager mounts
(sandbox_kernel.py); `timeout` kills a kernel alive longer than any notebook needs. Where no
cgroup can be made (a Kubernetes pod, docs/DEPLOY.md), each grading worker's kernel runs as
an account of its own, course-sandbox-<slot> (the slot comes from the kernel manager), so
prlimit's per-account --nproc is per kernel.

This file stays stand-alone, with no import from the course's packages: the kernelspec runs
it by path with the grader's Python before anything of the course is imported, and
sandbox_kernel.py loads it by path to free a kernel's cgroup.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import subprocess
import sys
import time
from pathlib import Path

ACCOUNT = "course-sandbox"
SLOT_ENV = "COURSE_SANDBOX_SLOT"  # set by the kernel manager: course-sandbox-<slot>
CAGE_ENV = "COURSE_SANDBOX_CAGE"  # "accounts" forces the fallback (its tests)
# seconds: a notebook's cells time out after 10 s each (nbgrader_config.py); a kernel alive
# longer than every cell's timeout together is killed, and with it that submission's grading
WALL_CLOCK = "300"
PIDS = 128  # processes and threads of one kernel: ipykernel needs ~10
MEMORY = 1 << 30  # bytes, every process of the kernel and its /tmp together
TMP_SIZE = 64 << 20  # bytes of the sandbox's /tmp (tmpfs: counted in MEMORY as well)
CPU_QUOTA = 100_000  # µs per 100 ms period: at most one core, however many processes
# per process (prlimit): --nproc counts per account (per user namespace since Linux 5.14), so
# it caps a kernel only where each kernel has an account of its own (the fallback) or bwrap's
# own user namespace (no root, e.g. a pod); with a cgroup, PIDS is the kernel's cap
LIMITS = ["--as=4294967296", "--fsize=67108864", "--nofile=256", "--cpu=600"]
CGROUP_ROOT = Path("/sys/fs/cgroup")
CGROUP_PARENT = "course-grading"
KERNEL_ENV = {
    "PYTHONSAFEPATH": "1",  # a course_lib.py beside the notebook cannot shadow the library
    "COURSE_HEADLESS": "1",  # saved choices as text: nobody clicks a widget at autograde
    "HOME": "/tmp",
    "MPLCONFIGDIR": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}


def ensure_account(name: str = ACCOUNT) -> tuple[int, int] | None:
    """uid/gid of a sandbox account, created when missing (root only); None when not root."""
    if os.geteuid() != 0:
        return None  # an unprivileged instructor: bwrap's user namespace is the only barrier
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", name], check=False, capture_output=True)
        entry = pwd.getpwnam(name)  # a concurrent launch may have created it: fine
    return entry.pw_uid, entry.pw_gid


def cgroup_dirs(name: str) -> dict[str, Path]:
    """controller -> this kernel's cgroup folder: one folder on cgroup v2, one per v1 hierarchy."""
    if (CGROUP_ROOT / "cgroup.controllers").is_file():
        return {"v2": CGROUP_ROOT / CGROUP_PARENT / name}
    return {c: CGROUP_ROOT / c / CGROUP_PARENT / name for c in ("pids", "memory", "cpu")}


def _write(path: Path, value) -> None:
    path.write_text(f"{value}\n", encoding="ascii")


def cage(name: str) -> bool:
    """Put this process (and so the kernel it becomes) in a cgroup of its own; False when the
    system allows none (not root, a read-only /sys/fs/cgroup, controllers missing)."""
    if os.geteuid() != 0 or os.environ.get(CAGE_ENV) == "accounts":
        return False
    dirs = cgroup_dirs(name)
    try:
        for controller, folder in dirs.items():
            if controller == "v2":
                # a child's limits need the controllers enabled in the parent, and a cgroup
                # that delegates them holds no process: the kernels' parent is a fresh one
                parent = folder.parent
                parent.mkdir(exist_ok=True)
                _write(parent / "cgroup.subtree_control", "+pids +memory +cpu")
            folder.parent.mkdir(exist_ok=True)
            sweep(folder.parent)
            folder.mkdir()
            if controller in ("v2", "pids"):
                _write(folder / "pids.max", PIDS)
            if controller == "v2":
                _write(folder / "memory.max", MEMORY)
                _write(folder / "memory.swap.max", 0)
                _write(folder / "cpu.max", f"{CPU_QUOTA} 100000")
            if controller == "memory":
                _write(folder / "memory.limit_in_bytes", MEMORY)
                if (folder / "memory.memsw.limit_in_bytes").exists():
                    _write(folder / "memory.memsw.limit_in_bytes", MEMORY)
            if controller == "cpu":
                _write(folder / "cpu.cfs_period_us", 100_000)
                _write(folder / "cpu.cfs_quota_us", CPU_QUOTA)
        for folder in dirs.values():
            _write(folder / "cgroup.procs", os.getpid())
    except OSError:
        release(name)
        return False
    return True


def sweep(parent: Path) -> None:
    """Remove the empty cgroups of kernels gone (a grader killed before freeing them)."""
    for old in parent.iterdir():
        if old.is_dir():
            try:
                old.rmdir()  # refused while a process is in it: that kernel still runs
            except OSError:
                pass


def release(name: str) -> None:
    """Kill what is left in a kernel's cgroup and remove it (sandbox_kernel.py, at shutdown)."""
    for folder in cgroup_dirs(name).values():
        for _ in range(50):
            try:
                pids = (folder / "cgroup.procs").read_text().split()
            except OSError:
                break  # never made, or gone
            for pid in pids:
                try:
                    os.kill(int(pid), 9)
                except (OSError, ValueError):
                    pass
            try:
                folder.rmdir()
                break
            except OSError:
                time.sleep(0.02)  # the killed are still leaving


def data_dir(package: Path) -> str | None:
    """The course data: $COURSE_DATA_DIR (an installed wheel, e.g. on the class server), else
    data/ beside the package (the repository's editable install)."""
    env = os.environ.get("COURSE_DATA_DIR", "")
    found = Path(env) if env else package.parent / "data"
    return os.path.realpath(found) if found.is_dir() else None


def code_paths() -> list[str]:
    """What the kernel must import and read: Python itself, the venv, course_lib and data/."""
    # found, not imported: importing the library here would cost every kernel start its time
    package = Path(importlib.util.find_spec("course_lib").origin).resolve().parent
    paths = {os.path.realpath(sys.base_prefix), sys.prefix, str(package)}
    data = data_dir(package)
    if data:
        paths.add(data)
    # /usr is bound anyway; a path inside another bound path needs no bind of its own
    paths = {p for p in paths if p != "/usr" and not p.startswith("/usr/")}
    return sorted(p for p in paths if not any(p.startswith(q + os.sep) for q in paths))


def command(connection_file: str, cwd: str, ids: tuple[int, int] | None,
            caged: bool = True) -> list[str]:
    private = str(Path(connection_file).resolve().parent)
    env = dict(KERNEL_ENV, PATH=f"{sys.prefix}/bin:/usr/bin:/bin")
    if os.environ.get("COURSE_DATA_DIR"):
        import course_lib

        data = data_dir(Path(course_lib.__file__).resolve().parent)
        if data:
            env["COURSE_DATA_DIR"] = data
    # As root, bwrap sets up the mounts (it must read e.g. pyenv's Python under /root, which
    # the sandbox account cannot walk into) in new ipc/pid/net/uts/cgroup namespaces; inside,
    # setpriv then becomes the sandbox account with an empty bounding set and no_new_privs, so
    # the kernel holds no capability (no remount, no setuid). Without root, bwrap's user
    # namespace does both: --unshare-all --cap-drop ALL.
    spaces = (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
               "--unshare-cgroup-try"] if ids else ["--unshare-all", "--cap-drop", "ALL"])
    bwrap = ["bwrap", *spaces, "--die-with-parent",
             "--new-session", "--clearenv",
             "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
             "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
             "--symlink", "usr/sbin", "/sbin",
             "--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", str(TMP_SIZE), "--tmpfs", "/tmp"]
    binds = [("--ro-bind", p) for p in code_paths()] + [("--ro-bind", cwd), ("--bind", private)]
    made: set[str] = {"/", "/tmp"}
    for flag, path in binds:
        # bwrap makes missing parents 0700 as root: the sandbox account could not walk them
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                bwrap += ["--perms", "0755", "--dir", str(parent)]
        bwrap += [flag, path, path]
    bwrap += ["--chdir", cwd]
    for key, value in env.items():
        bwrap += ["--setenv", key, value]
    kernel = [os.path.join(sys.prefix, "bin", "python"), "-m", "ipykernel_launcher",
              "-f", connection_file, "--IPKernelApp.parent_handle=0",
              "--HistoryManager.enabled=False"]  # no history database to set up per kernel
    user = []
    if ids:
        user = ["setpriv", f"--reuid={ids[0]}", f"--regid={ids[1]}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    nproc = [] if caged else [f"--nproc={PIDS}"]
    return ["timeout", "--signal=KILL", WALL_CLOCK, *bwrap, "--", *user,
            "prlimit", *LIMITS, *nproc, "--", *kernel]


def main() -> None:
    connection_file = sys.argv[1]
    private = Path(connection_file).parent
    caged = cage(private.name)  # named for the private folder: the manager frees it by name
    slot = os.environ.get(SLOT_ENV, "")
    # without a cgroup, --nproc caps a kernel only if no other kernel shares its account
    ids = ensure_account(ACCOUNT if caged or not slot.isdigit() else f"{ACCOUNT}-{slot}")
    if ids:  # the private folder and the connection file are the kernel's only writable place
        for path in (private, Path(connection_file)):
            os.chown(path, *ids)
    os.execvp("timeout", command(connection_file, os.getcwd(), ids, caged))


if __name__ == "__main__":
    main()
