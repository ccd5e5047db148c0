"""Start the grading kernel inside bubblewrap, as the unprivileged `course-sandbox` account.

argv: launch.py CONNECTION_FILE (run by jupyter_client with the grader's Python; cwd is the
notebook's folder). What the kernel sees: the system's /usr read-only, the venv, course_lib and
data/ read-only, the notebook's own folder read-only, a private folder for its connection file
and IPC sockets, an empty /tmp. Not bound: the course root (source/, other submissions, the
gradebook), the home folders, the network (--unshare-all). The environment is built here, not
inherited (--clearenv): nothing in the instructor's shell reaches a graded kernel.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import subprocess
import sys
from pathlib import Path

ACCOUNT = "course-sandbox"
WALL_CLOCK = "900"  # seconds; a kernel alive longer than a whole notebook's timeouts is killed
LIMITS = ["--nproc=256", "--as=4294967296", "--fsize=67108864", "--nofile=256", "--cpu=600"]
KERNEL_ENV = {
    "PYTHONSAFEPATH": "1",  # a course_lib.py beside the notebook cannot shadow the library
    "COURSE_HEADLESS": "1",  # saved choices as text: nobody clicks a widget at autograde
    "HOME": "/tmp",
    "MPLCONFIGDIR": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}


def ensure_account() -> tuple[int, int] | None:
    """uid/gid of the sandbox account, created when missing (root only); None when not root."""
    if os.geteuid() != 0:
        return None  # an unprivileged instructor: bwrap's user namespace is the only barrier
    try:
        entry = pwd.getpwnam(ACCOUNT)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", ACCOUNT], check=False, capture_output=True)
        entry = pwd.getpwnam(ACCOUNT)  # a concurrent launch may have created it: fine
    return entry.pw_uid, entry.pw_gid


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


def command(connection_file: str, cwd: str, ids: tuple[int, int] | None) -> list[str]:
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
             "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"]
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
    return ["timeout", "--signal=KILL", WALL_CLOCK, *bwrap, "--", *user,
            "prlimit", *LIMITS, "--", *kernel]


def main() -> None:
    connection_file = sys.argv[1]
    ids = ensure_account()
    if ids:  # the private folder and the connection file are the kernel's only writable place
        private = Path(connection_file).parent
        for path in (private, Path(connection_file)):
            os.chown(path, *ids)
    os.execvp("timeout", command(connection_file, os.getcwd(), ids))


if __name__ == "__main__":
    main()
