"""The gradebooks' own PostgreSQL cluster (Debian's pg_createcluster: initdb refuses root,
and CI has no systemd, so pg_ctlcluster starts it). Socket only, peer authentication: each
course's grader account is a database role of the same name and owns its gradebook, so no
password exists anywhere and a trainee's account has no role at all.

No TCP port at all: `listen_addresses = ''` goes into the cluster's conf.d (Debian's
postgresql.conf includes it). pg_createcluster's `-o listen_addresses=` looks as if it did
this, but an empty value is dropped and the cluster listened on 127.0.0.1; a cluster made that
way is put right, and restarted, the next time the class is set up."""

from __future__ import annotations

import subprocess
from pathlib import Path


def version() -> str:
    found = sorted((p.name for p in Path("/usr/lib/postgresql").iterdir()), key=int)
    return found[-1]


def exists(name: str) -> bool:
    return (Path("/etc/postgresql") / version() / name).is_dir()


SOCKET_ONLY = "# course-hub (course_instructor/hub/pgcluster.py): Unix socket only\n" \
              "listen_addresses = ''\n"


def create(name: str, port: int, socket_dir: str) -> None:
    if not exists(name):
        subprocess.run(
            ["pg_createcluster", version(), name, "-p", str(port), "-s", socket_dir,
             "--", "--auth-local=peer", "--auth-host=reject"],
            check=True, stdout=subprocess.DEVNULL)
    conf = Path("/etc/postgresql") / version() / name / "conf.d" / "course-hub.conf"
    changed = not conf.is_file() or conf.read_text() != SOCKET_ONLY
    if changed:
        conf.parent.mkdir(exist_ok=True)
        conf.write_text(SOCKET_ONLY)
    status = subprocess.run(["pg_ctlcluster", version(), name, "status"],
                            capture_output=True, check=False)
    if status.returncode != 0:
        subprocess.run(["pg_ctlcluster", version(), name, "start"], check=True)
    elif changed:  # listen_addresses is read at start only
        subprocess.run(["pg_ctlcluster", version(), name, "restart"], check=True)


def listening_tcp(port: int) -> list[str]:
    """Local addresses listening on ``port`` over TCP (from /proc/net: no tool needed)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                found.append(f"{table.rsplit('/', 1)[1]} {local}")
    return found


def sql(port: int, socket_dir: str, statement: str, db: str = "postgres") -> str:
    done = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-h", socket_dir, "-p", str(port),
         "-d", db, "-tAX", "-v", "ON_ERROR_STOP=1", "-c", statement],
        capture_output=True, text=True, check=True)
    return done.stdout.strip()


def ensure_gradebook(port: int, socket_dir: str, role: str, database: str) -> None:
    if not sql(port, socket_dir, f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
        sql(port, socket_dir, f'CREATE ROLE "{role}" LOGIN')
    if not sql(port, socket_dir, f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        sql(port, socket_dir, f'CREATE DATABASE "{database}" OWNER "{role}"')
    # nobody else connects: PUBLIC loses the default CONNECT right
    sql(port, socket_dir, f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC')


def drop(name: str) -> None:
    if exists(name):
        subprocess.run(["pg_dropcluster", "--stop", version(), name], check=True)
