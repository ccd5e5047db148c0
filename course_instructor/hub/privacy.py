"""What a trainee on the class server must not see: the checkout `make hub` runs from (its
assignments/source holds every answer key) and other people's processes (command lines name
files, arguments and, for some tools, secrets).

- The checkout is checked, not assumed: an unprivileged process (uid nobody, with the
  trainees' group when it exists) looks for any file in it that it can read, so modes,
  ACLs and every parent folder count, as they do for a trainee's kernel. If it finds one,
  `make hub` stops and says how to make the checkout private.
- /proc is remounted with hidepid=2 ("invisible"): each account sees its own processes only;
  root still sees all. Where the system refuses (a container without CAP_SYS_ADMIN), set-up
  says so and goes on; docs/HUB.md says what to do there. `classroom.py down` puts back what
  it found.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import subprocess
import sys
from pathlib import Path


class CheckoutReadable(SystemExit):
    """The checkout can be read by a trainee: the message is for the instructor, as is."""


def readable_file(folder: Path, trainees_group: str) -> str | None:
    """A file under ``folder`` that a trainee-like process can read, or None."""
    nobody = pwd.getpwnam("nobody")
    try:
        extra = [grp.getgrnam(trainees_group).gr_gid]
    except KeyError:
        extra = []  # no trainee exists yet: only "others" could read
    found = subprocess.run(["find", str(folder), "-type", "f", "-readable", "-print", "-quit"],
                           user=nobody.pw_uid, group=nobody.pw_gid, extra_groups=extra,
                           cwd="/", capture_output=True, text=True, check=False)
    return found.stdout.strip() or None


def require_private_checkout(checkout: Path, trainees_group: str) -> None:
    found = readable_file(checkout, trainees_group)
    if found:
        raise CheckoutReadable(
            f"make hub: зогсов. Энэ хавтсыг ({checkout}) сонсогч уншиж чадна, жишээ нь "
            f"{found}; assignments/source-д бүх даалгаврын хариу бий. Эхлээд зөвхөн root "
            f"уншдаг болгоно уу:  chmod 700 {checkout}  (эсвэл /root гэх мэт хувийн хавтсанд "
            f"clone хийнэ үү), тэгээд дахин ажиллуулна.\n"
            f"make hub: stopped. Trainees could read this checkout ({checkout}), e.g. "
            f"{found}; assignments/source holds every answer key. Make it private first:  "
            f"chmod 700 {checkout}  (or clone into a private folder such as /root), then run "
            f"it again.")


def proc_hidepid() -> str:
    """/proc's hidepid option as mounted now ("0" when none)."""
    for line in Path("/proc/mounts").read_text().splitlines():
        fields = line.split()
        if len(fields) > 3 and fields[1] == "/proc" and fields[2] == "proc":
            options = dict(o.split("=", 1) if "=" in o else (o, "") for o in fields[3].split(","))
            return options.get("hidepid", "0")
    return "0"


HIDDEN = {"2", "invisible", "4", "ptraceable"}


def hide_processes(extra: dict) -> bool:
    """Remount /proc with hidepid=2; record in ``extra`` what to put back. True when hidden."""
    before = proc_hidepid()
    if before in HIDDEN:
        return True
    done = subprocess.run(["mount", "-o", "remount,hidepid=2", "/proc"], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        print(f"АНХААР: /proc-ийг hidepid=2-оор холбож чадсангүй ({done.stderr.strip()}); "
              f"сонсогчид бусдын процесс, тушаалын мөрийг харна. docs/HUB.md-г үзнэ үү. / "
              f"WARNING: could not remount /proc with hidepid=2; trainees can see everyone's "
              f"processes and command lines. See docs/HUB.md.", file=sys.stderr)
        return False
    extra["proc_hidepid_before"] = before
    return True


def restore_processes(extra: dict) -> None:
    before = extra.pop("proc_hidepid_before", None)
    if before is not None and proc_hidepid() != before:
        subprocess.run(["mount", "-o", f"remount,hidepid={before}", "/proc"], check=False)


@contextlib.contextmanager
def kept_private(checkout: Path):
    """The checkout at 0700 while a test or bench class server runs from it, then as it was
    (what docs/HUB.md asks of an instructor's checkout, undone for the developer's)."""
    mode = checkout.stat().st_mode & 0o7777
    os.chmod(checkout, 0o700)
    try:
        yield
    finally:
        os.chmod(checkout, mode)
