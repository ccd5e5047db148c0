"""CPU and memory of a trainee's own processes (their server and kernels), read from /proc
through psutil: the accounts are real, so a uid is exactly one trainee."""

from __future__ import annotations

import contextlib
import pwd

import psutil


def _processes(user: str) -> list[psutil.Process]:
    uid = pwd.getpwnam(user).pw_uid
    found = []
    for proc in psutil.process_iter(["uids"]):
        if proc.info["uids"] and proc.info["uids"].real == uid:
            found.append(proc)
    return found


def cpu_seconds(user: str) -> float:
    """User + system CPU of the account's processes, children that ended included."""
    total = 0.0
    for proc in _processes(user):
        with contextlib.suppress(psutil.NoSuchProcess):
            t = proc.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    return total


def memory_mb(user: str) -> tuple[float, float]:
    """(PSS, RSS) of the account's processes in MiB. PSS splits shared pages among the
    processes mapping them, so twenty trainees' figures add up to what the machine holds;
    RSS counts them whole, as a container's memory limit does when it alone touched them."""
    pss = rss = 0
    for proc in _processes(user):
        with contextlib.suppress(psutil.NoSuchProcess):
            info = proc.memory_full_info()
            pss, rss = pss + info.pss, rss + info.rss
    return pss / 2**20, rss / 2**20


def hub_usage(pid: int, trainees: set[str]) -> tuple[float, float]:
    """(CPU seconds, PSS MiB) of the hub and what it runs that is not a trainee's: the proxy,
    the idle culler, each course's formgrader service."""
    cpu, pss = 0.0, 0
    with contextlib.suppress(psutil.NoSuchProcess):
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                if proc.username() in trainees:
                    continue
                t = proc.cpu_times()
                cpu += t.user + t.system
                pss += proc.memory_full_info().pss
    return cpu, pss / 2**20
