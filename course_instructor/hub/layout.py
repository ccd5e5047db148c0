"""The class server's layout on disk: one JSON file (hub.json) says where everything is, so
the set-up, the roster tool, jupyterhub_config.py and the tests read the same answers.

    HUB_DIR/            root-owned, 0755 (trainees traverse it to reach the exchange)
      hub.json          this layout (courses, ports, accounts' prefix)
      state/            0700: the hub's database, cookie secret, logs
      exchange/         1777: nbgrader's exchange (each course folder made by its grader)
      etc/jupyter/      0755: every server's nbgrader_config.py (exchange, time zone)
      course/           0755: learner data + notebooks, as `make learner-dist` ships them
      venv/             0755: the key-free environment servers run in (course_lib from a wheel;
                        --venv-dir puts it elsewhere, e.g. a cache kept between test runs)
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Deadlines and submission times in Ulaanbaatar time. nbgrader 0.9's stock timestamps break
# with this zone ("+08" in names it splits on "+", read back as 8 seconds): the exchange
# classes in course_instructor/exchange/safe_exchange.py write "... UTC8" instead
# (tests/test_exchange_time.py).
TIMEZONE = "Asia/Ulaanbaatar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Course:
    id: str
    instructors: list[str]
    port: int = 0  # formgrader service, loopback

    def grader(self, prefix: str) -> str:
        return f"{prefix}grader-{self.id}"

    def group(self) -> str:
        return f"formgrade-{self.id}"


@dataclass
class Layout:
    hub_dir: str
    courses: list[Course]
    port: int = 8000
    ip: str = "127.0.0.1"
    prefix: str = ""  # account names' prefix (the tests use "ct-")
    pg_cluster: str = "coursehub"
    pg_port: int = 5433
    pg_socket: str = "/var/run/postgresql"
    cull_timeout: int = 3600
    venv_dir: str = ""  # the servers' environment; default HUB_DIR/venv (the tests reuse one)
    extra: dict = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return Path(self.hub_dir)

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def venv(self, *parts: str) -> Path:
        return Path(self.venv_dir or self.root / "venv").joinpath(*parts)

    @property
    def trainees_group(self) -> str:
        return f"{self.prefix}trainees"

    @property
    def instructors_group(self) -> str:
        return f"{self.prefix}instructors"

    def database(self, course: Course) -> str:
        return f"gradebook_{course.id}"

    def course_root(self, course: Course) -> Path:
        return Path("/home") / course.grader(self.prefix) / "course"

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.path("hub.json.tmp")
        tmp.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        os.replace(tmp, self.path("hub.json"))


def load(hub_dir: str | os.PathLike) -> Layout:
    raw = json.loads((Path(hub_dir) / "hub.json").read_text(encoding="utf-8"))
    raw["courses"] = [Course(**c) for c in raw["courses"]]
    return Layout(**raw)
