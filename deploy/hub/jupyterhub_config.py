"""JupyterHub for a class on one machine (started by `make hub` /
course_instructor/hub/classroom.py up).

Reads HUB_DIR/hub.json (course_instructor/hub/layout.py). PAM local accounts: a trainee logs in
with the
account the instructor's roster created; JupyterHub >= 5 admits nobody without an allow rule,
ours is membership of the trainees' or instructors' Unix group.
"""

import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from jupyterhub.app import JupyterHub
from jupyterhub.services.service import Service

from course_instructor.hub import trainee_server
from course_instructor.hub.layout import load

c = get_config()  # noqa: F821
lay = load(os.environ["HUB_DIR"])
venv_bin = str(lay.venv("bin"))

c.JupyterHub.ip = lay.ip
c.JupyterHub.port = lay.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(lay.extra.get("hub_api_port", 0)) or 8081
c.JupyterHub.db_url = "sqlite:///" + str(lay.path("state", "jupyterhub.sqlite"))
c.JupyterHub.cookie_secret_file = str(lay.path("state", "jupyterhub_cookie_secret"))
c.JupyterHub.pid_file = str(lay.path("state", "jupyterhub.pid"))
HERE = Path(__file__).resolve().parent  # the proxy is installed beside this file (make hub-proxy)
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(lay.path("state", "proxy.pid"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(lay.extra.get('proxy_api_port', 8001))}"

c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {lay.trainees_group, lay.instructors_group}
c.Authenticator.admin_users = set()  # nobody may open another person's server

# --- single-user servers: the key-free venv, the learner data, the welcome notebook ----------
# jupyterhub-singleuser without jsonschema's IRI checker, half of a start's CPU
# (course_instructor/hub/trainee_server.py)
c.Spawner.cmd = trainee_server.command(os.path.join(venv_bin, "python"))
# the local-process spawner, telling the hub a server is up as soon as it listens instead of at
# JupyterHub's next back-off look, up to 5 s later (course_instructor/hub/spawner.py)
c.JupyterHub.spawner_class = "course_instructor.hub.spawner.ClassSpawner"
c.Spawner.default_url = "/lab/tree/notebooks/00_welcome.ipynb"
c.Spawner.notebook_dir = "~"
# A start that is only slow must never reach the trainee as an error: with a class arriving
# together on two cores, starts queue for CPU (bench/hub_load.py: tens of seconds at the
# 95th percentile in a busy run). 300 s, as on Kubernetes (deploy/z2jh/values.yaml), is far
# above any start measured; a server that truly hangs still fails, after 5 minutes. No
# concurrent spawn limit: JupyterHub refuses the spawns over it (HTTP 429, an error page)
# instead of queueing them, and a trainee's start now costs about 1.5 CPU-s, not 3.
c.Spawner.http_timeout = 180
c.Spawner.start_timeout = 300
# the spawn page says in Mongolian what is happening (templates/spawn_pending.html extends
# the stock page)
c.JupyterHub.template_paths = [str(HERE / "templates")]
# ... from the first second: by default the hub holds the browser's spawn request for up to
# 10 s before showing that page, a blank wait in the trainee's eyes
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}
# Stopping (Ctrl-C, the idle culler, a trainee's "Stop My Server"): a server's stdin is the
# terminal `make hub` runs in unless told otherwise, and a Jupyter server with a terminal on
# stdin answers SIGINT with "Shutdown this Jupyter server (y/[n])?" and carries on, so every
# stop waited out the whole interrupt timeout (30 s by default). Without it, SIGINT stops the
# server and its kernels in a second or two; the timeouts bound a server that hangs.
c.LocalProcessSpawner.popen_kwargs = {"stdin": subprocess.DEVNULL}
c.LocalProcessSpawner.interrupt_timeout = 6
c.LocalProcessSpawner.term_timeout = 3
c.LocalProcessSpawner.kill_timeout = 2
SERVER_ENV = {
    "PATH": venv_bin + ":/usr/local/bin:/usr/bin:/bin",  # nbgrader calls alembic from PATH
    "JUPYTER_CONFIG_PATH": str(lay.path("etc", "jupyter")),  # exchange + Ulaanbaatar time
    "COURSE_DATA_DIR": str(lay.path("course", "data")),
}
# a trainee's server: first the trainee settings (course_instructor/hub/server_settings.py:
# the classroom lab settings, kernel culling, only the server extensions a trainee uses)
c.Spawner.environment = {**SERVER_ENV, "JUPYTER_CONFIG_PATH": os.pathsep.join(
    [str(lay.path("etc", "trainee")), SERVER_ENV["JUPYTER_CONFIG_PATH"]])}


def give_notebooks(spawner):
    """First start: the trainee gets their own copy of the modules (later ones keep theirs)."""
    import pwd

    user = pwd.getpwnam(spawner.user.name)
    target = Path(user.pw_dir) / "notebooks"
    if not target.exists():
        shutil.copytree(lay.path("course", "notebooks"), target)
        for path in [target, *target.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)


c.Spawner.pre_spawn_hook = give_notebooks

# --- idle culler: stop servers idle an hour, so memory follows who is actually working ------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={lay.cull_timeout}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "services": ["idle-culler"],
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
}]

# --- formgrader: one hub service per course, run as its grader account (nbgrader's hub set-up).
# JupyterHub >= 2 needs scopes nbgrader's docs leave out (nbgrader #1594): the instructors'
# group gets access to its own course's service only, so each instructor sees only their own.
c.JupyterHub.load_groups = {}
# The hub stops if a managed service does not answer in time (jupyterhub#5138); a formgrader
# starting on a machine busy with a class can take longer than the default 30 s.
SERVICE_WAIT = {"timeout": 120} if "timeout" in Service.class_traits() else {}
for course in lay.courses:
    grader = course.grader(lay.prefix)
    c.JupyterHub.load_groups[course.group()] = {"users": list(course.instructors)}
    c.JupyterHub.services.append({
        "name": course.id,
        "url": f"http://127.0.0.1:{course.port}",
        "command": [os.path.join(venv_bin, "jupyterhub-singleuser"),
                    "--ServerApp.default_url=/formgrader"],
        "user": grader,
        "cwd": str(lay.course_root(course)),
        "environment": {**SERVER_ENV, "COURSE_HEADLESS": "1", "JUPYTERHUB_USER": grader},
        "oauth_no_confirm": True,
        **SERVICE_WAIT,
    })
    c.JupyterHub.load_roles.append({
        "name": f"formgrade-{course.id}",
        "groups": [course.group()],
        "scopes": [f"access:services!service={course.id}", "list:services",
                   f"read:services!service={course.id}"],
    })


# --- one shutdown, however many signals, within 15 s ---------------------------------------
# `make hub` runs the hub under make, and make passes a SIGTERM it receives on to its child:
# stopping the class (systemctl stop, kill of the process group) delivers two SIGTERMs, and
# JupyterHub starts its clean-up once per signal; the second stops the same servers again and
# ends in a KeyError traceback in the instructor's log. The first signal's clean-up is enough.
# A signal's clean-up also leaves the periodic checks running (only JupyterHub.stop() stops
# them): the services' health check then meets a stopped service and logs a traceback.
# JupyterHub stops managed services one after another with SIGINT and 30 s timeouts, and a
# formgrader (jupyterhub-singleuser on the terminal's stdin) ignores SIGINT: Ctrl-C took about
# 70 s with two courses and said nothing. Here the services get SIGTERM (a Jupyter server's
# clean stop) and every server and service stops at once; the instructor is told what is
# being waited for, and JupyterHub's own clean-up then finds them stopped.
def _stop_everything_at_once(self) -> list:
    services = [s for s in self._service_map.values() if s.managed and s.spawner]
    servers = [(user, name) for user in self.users.values()
               for name, spawner in list(user.spawners.items()) if spawner.active]
    names = ", ".join(s.name for s in services)
    self.log.warning(
        "Зогсоож байна: сонсогчдын %d сервер, үйлчилгээ (%s), дараа нь proxy; 15 секундээс "
        "илүүгүй хүлээнэ. Сонсогчдын ажил гэрийн хавтсанд нь хадгалагдсан. / Stopping: %d "
        "trainees' servers, the services (%s), then the proxy; at most 15 s. Everyone's work "
        "stays in their home folder.", len(servers), names, len(servers), names)
    stops = []
    for service in services:
        spawner = service.spawner
        spawner.term_timeout, spawner.kill_timeout = 5, 2
        spawner.stop_polling()
        stops.append(spawner.stop(now=True))
    stops += [user.stop(name) for user, name in servers]
    return stops


def _shutdown_once(shutdown):
    async def once(self, sig=None):
        if getattr(self, "_course_shutting_down", False):
            self.log.info("Already shutting down (signal %s)", getattr(sig, "name", sig))
            return
        self._course_shutting_down = True
        started = time.monotonic()
        for periodic in self._periodic_callbacks.values():
            periodic.stop()
        for failed in await asyncio.gather(*_stop_everything_at_once(self),
                                           return_exceptions=True):
            if isinstance(failed, Exception):
                self.log.error("Could not stop: %s", failed)
        await shutdown(self, sig)
        print(f"Зогслоо / stopped ({time.monotonic() - started:.1f} s)", flush=True)

    return once


if not getattr(JupyterHub.shutdown_cancel_tasks, "_course_once", False):
    JupyterHub.shutdown_cancel_tasks = _shutdown_once(JupyterHub.shutdown_cancel_tasks)
    JupyterHub.shutdown_cancel_tasks._course_once = True
