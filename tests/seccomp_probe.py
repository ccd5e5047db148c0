"""Run a command as `nobody` under a seccomp filter like a container runtime's default profile
without CAP_SYS_ADMIN: namespace-creating unshare/clone, mount, umount2, pivot_root and setns
refused (EPERM), clone3 unavailable (ENOSYS, so libc falls back to clone). Run with Debian's
/usr/bin/python3 (python3-seccomp) as root: tests/test_z2jh_sandbox.py."""

import errno
import os
import sys

import seccomp

CLONE_NEWUSER = 0x10000000

rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
for name in ("unshare", "mount", "umount2", "pivot_root", "setns"):
    rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
rules.add_rule(seccomp.ERRNO(errno.EPERM), "clone",
               seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER))
rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
rules.load()
os.execvp(sys.argv[1], sys.argv[1:])
