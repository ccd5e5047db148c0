"""The class server's one command (run as root; `make hub` calls `up`).

    classroom.py up [--port 8000] [--course ID --instructors a,b]...   set up, then run the hub
    classroom.py setup ...                       set up only (what `up` does before the hub)
    classroom.py roster import COURSE FILE.csv   trainees' accounts + nbgrader student list
    classroom.py roster reset-password LOGIN     a new password, printed once
    classroom.py roster remove LOGIN             delete the account and home (grades stay)
    classroom.py down                            stop nothing, delete everything: cluster,
                                                 accounts, groups, HUB_DIR (tests, demos)
HUB_DIR (default /srv/course-hub) holds the layout; see docs/HUB.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from course_instructor.hub import (
    accounts,
    pgcluster,
    privacy,
    roster,
    setup_class,
)
from course_instructor.hub.layout import Course, Layout, load
from course_instructor.repo import REPO

DEFAULT_DIR = "/srv/course-hub"
COURSE_ID = "^[a-z][a-z0-9_]{0,21}$"


def _layout(args) -> Layout:
    import re

    hub_json = Path(args.hub_dir) / "hub.json"
    if hub_json.is_file() and not args.course:
        lay = load(args.hub_dir)
    else:
        ids = args.course or ["toriin_albany_innovaci"]
        people = args.instructors or [""] * len(ids)
        if len(people) != len(ids):
            raise SystemExit("--instructors: one list per --course")
        for cid in ids:
            if not re.match(COURSE_ID, cid):
                raise SystemExit(f"--course {cid!r}: lowercase letters, digits, '_'")
        courses = [Course(cid, [p for p in ps.split(",") if p])
                   for cid, ps in zip(ids, people, strict=True)]
        lay = Layout(hub_dir=args.hub_dir, courses=courses, prefix=args.prefix,
                     pg_cluster=args.pg_cluster, pg_port=args.pg_port or 5433,
                     venv_dir=args.venv_dir)
    if args.port:
        lay.port = args.port
    if args.ip:
        lay.ip = args.ip
    return lay


def down(hub_dir: str) -> None:
    lay = load(hub_dir)
    privacy.restore_processes(lay.extra)
    pgcluster.drop(lay.pg_cluster)
    for c in lay.courses:
        for name in (c.grader(lay.prefix), *c.instructors):
            accounts.remove_user(name)
    import grp

    for group in (lay.trainees_group,):
        try:
            members = grp.getgrnam(group).gr_mem
        except KeyError:
            members = []
        for name in members:
            accounts.remove_user(name)
    for group in (lay.trainees_group, lay.instructors_group):
        accounts.remove_group(group)
    shutil.rmtree(lay.root)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--hub-dir", default=os.environ.get("HUB_DIR", DEFAULT_DIR))
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("up", "setup"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, default=0)
        s.add_argument("--ip", default="", help="address to listen on (default 127.0.0.1; "
                       "behind a TLS proxy, or 0.0.0.0 on a closed classroom network)")
        s.add_argument("--course", action="append")
        s.add_argument("--instructors", action="append", help="comma-separated logins")
        s.add_argument("--prefix", default="")
        s.add_argument("--pg-cluster", default="coursehub")
        s.add_argument("--pg-port", type=int, default=0)
        s.add_argument("--venv-dir", default="", help="the servers' venv (default HUB_DIR/venv)")
    r = sub.add_parser("roster").add_subparsers(dest="action", required=True)
    imp = r.add_parser("import")
    imp.add_argument("course")
    imp.add_argument("csv", type=Path)
    r.add_parser("reset-password").add_argument("login")
    r.add_parser("remove").add_argument("login")
    sub.add_parser("down")
    args = p.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("classroom.py runs as root: it creates accounts and a database cluster")
    try:
        if args.cmd in ("up", "setup"):
            lay = _layout(args)
            # before anything is made: a trainee must not be able to read this checkout
            privacy.require_private_checkout(REPO, lay.trainees_group)
            setup_class.run(lay)
            if args.cmd == "up":
                os.environ["HUB_DIR"] = str(lay.root)
                os.chdir(lay.path("state"))
                config = REPO / "deploy" / "hub" / "jupyterhub_config.py"
                hub = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
                os.execv(sys.executable, hub)
        elif args.cmd == "roster":
            lay = load(args.hub_dir)
            if args.action == "import":
                course = next((c for c in lay.courses if c.id == args.course), None)
                if course is None:
                    raise accounts.RosterError(f"«{args.course}» гэсэн хичээл алга / no such "
                                               f"course; known: {[c.id for c in lay.courses]}")
                out = lay.path("state", "passwords.csv")
                names = roster.import_roster(lay, course, args.csv, out)
                print(f"{len(names)} сонсогч / trainees; нууц үг / passwords: {out}")
            elif args.action == "reset-password":
                accounts.check_name(args.login)
                print(f"{args.login}: {accounts.set_password(args.login)}")
            else:
                roster.remove(lay, args.login)
                print(f"{args.login}: устгалаа / removed")
        else:
            down(args.hub_dir)
    except accounts.RosterError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
