"""The CPU one trainee's server costs to start, split by what it loads (issue 25, point 1).

Each sample is a fresh JupyterLab server (the trainees' environment: this venv's packages) timed
from launch until it answers /api/status, as CPU-seconds of its process (less sensitive to
other work on the machine than wall time). Variants alternate, so machine load hits all alike:

- before: every installed server extension, as a trainee's hub server loaded them until now;
- after: what course_instructor/hub/server_settings.py gives a trainee, started as
  course_instructor/hub/trainee_server.py starts it (jsonschema's IRI grammar not built, no
  Node.js look-up of a package registry);
- the split: JupyterLab alone started that way, then that plus one thing at a time.

CPU counts the server's process and the children it waited for (JupyterLab's Node.js look-up
runs as two child processes).

Aim: after <= half of before. Exit 1 when missed. The hub's own start (OAuth, spawner) is not
in it: bench/hub_load.py measures whole starts through the hub.

    python bench/server_start.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import psutil

from course_instructor.hub import serving, trainee_server
from course_instructor.hub.layout import free_port
from course_instructor.hub.server_settings import TRAINEE_EXTENSIONS

LAB = "from jupyterlab.labapp import main; sys.exit(main())"
AS_TRAINEES = trainee_server.PREFIX  # how a trainee's server starts
EVERYTHING = "import os, sys; "  # as JupyterLab starts by itself
WITH_IRI = "import os, sys; " + trainee_server.NO_NODE_LOOKUP
WITH_NODE_LOOKUP = "import os, sys; " + trainee_server.NO_IRI
ALONE = {name: name == "jupyterlab" for name in TRAINEE_EXTENSIONS}


def start_cpu(extensions: dict | None, prefix: str) -> float:
    """CPU-seconds of one server from launch to its first answer (None: every extension)."""
    folder = tempfile.mkdtemp(prefix="bench-server-")
    try:
        config = os.path.join(folder, "config")
        os.mkdir(config)
        if extensions is not None:
            with open(os.path.join(config, "jupyter_server_config.json"), "w") as f:
                json.dump({"ServerApp": {"jpserver_extensions": extensions}}, f)
        port = free_port()
        env = {**os.environ, "JUPYTER_CONFIG_PATH": config,
               "JUPYTER_RUNTIME_DIR": os.path.join(folder, "runtime")}
        code = prefix + LAB
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "--allow-root", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
             f"--ServerApp.root_dir={folder}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # polled often: the CPU it measures stops at the first answer
            serving.wait_until_serving(f"http://127.0.0.1:{port}/api/status", proc, 180,
                                       pause=0.05, ask_timeout=5)
            used = psutil.Process(proc.pid).cpu_times()
            return used.user + used.system + used.children_user + used.children_system
        finally:
            serving.stop(proc, 30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def variants() -> dict:
    out = {
        "before: every installed extension": (None, EVERYTHING),
        "after: the trainee's (server_settings.py)": (dict(TRAINEE_EXTENSIONS), AS_TRAINEES),
        "JupyterLab alone, as trainees' start": (ALONE, AS_TRAINEES),
        "+ jsonschema's IRI grammar (rfc3987_syntax)": (ALONE, WITH_IRI),
        "+ Node.js registry look-up at import": (ALONE, WITH_NODE_LOOKUP),
    }
    for name in TRAINEE_EXTENSIONS:
        if name != "jupyterlab":
            out[f"+ {name}"] = ({**ALONE, name: True}, AS_TRAINEES)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    cpu: dict[str, list[float]] = {name: [] for name in variants()}
    for _ in range(args.rounds):
        for name, (extensions, prefix) in variants().items():
            cpu[name].append(start_cpu(extensions, prefix))
    med = {name: statistics.median(values) for name, values in cpu.items()}
    base = med["JupyterLab alone, as trainees' start"]
    print(f"CPU of one trainee server start, CPU-s (median of {args.rounds}; load average "
          f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"{os.cpu_count()} cores)")
    for name, value in med.items():
        extra = f"   ({value - base:+.2f} on JupyterLab alone)" if name.startswith("+") else ""
        print(f"  {name:<52}{value:6.2f}{extra}")
    before, after = med["before: every installed extension"], \
        med["after: the trainee's (server_settings.py)"]
    met = after <= before / 2
    print(f"after / before: {after / before:.2f} (aim <= 0.5): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
