"""One simulated trainee: log in at the hub, start a server, open module 01 in JupyterLab,
run its cells through a kernel and answer its questions through the widgets' comm messages.
HTTP and websocket only, as a browser would (cookies, OAuth redirects, XSRF)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from . import answers
from .kernel import KernelChannel

MODULE = "notebooks/01_definition.ipynb"
QUIZ_CELL = re.compile(r'^cl\.quiz\("([a-z0-9_.]+)"\)$')


@dataclass
class Journey:
    name: str
    arrived: float = 0.0  # seconds after the wave started
    start_s: float | None = None  # POST server -> the hub says ready
    start_cpu_s: float | None = None  # CPU the trainee's processes used to get there
    module_s: float | None = None  # every cell of module 01, kernel start excluded
    cells_s: list[float] = field(default_factory=list)
    answers_s: list[float] = field(default_factory=list)  # control changes + Check -> verdict
    correct: int = 0
    questions: int = 0
    pss_mb: float | None = None  # the trainee's processes once module 01 has run
    rss_mb: float | None = None
    work_cpu_s: float | None = None  # their CPU from server ready to module 01 answered
    failure: str | None = None
    stage: str = "login"


class Trainee:
    def __init__(self, base: str, name: str, password: str, questions: dict, on_ready,
                 on_done):
        self.base, self.name, self.password = base.rstrip("/"), name, password
        self.questions = questions  # id -> bank question, the trainee's "study"
        self.on_ready, self.on_done = on_ready, on_done  # measurements taken by the driver
        self.journey = Journey(name)
        self.http: aiohttp.ClientSession | None = None
        self.channel: KernelChannel | None = None

    def _xsrf(self, path: str) -> str:
        cookies = self.http.cookie_jar.filter_cookies(URL(self.base + path))
        return cookies["_xsrf"].value if "_xsrf" in cookies else ""

    async def _call(self, method: str, path: str, expect=(200,), xsrf_path="/hub/", **kw):
        headers = {"X-XSRFToken": self._xsrf(xsrf_path), "Referer": self.base + path}
        async with self.http.request(method, self.base + path, headers=headers, **kw) as r:
            body = await r.text()
            if r.status not in expect:
                raise RuntimeError(f"{method} {path}: HTTP {r.status} {body[:200]}")
            return r, body

    async def run(self) -> Journey:
        j = self.journey
        # aiohttp keeps no cookies for a bare IP unless told to (the hub is on 127.0.0.1)
        jar = aiohttp.CookieJar(unsafe=True)
        timeout = aiohttp.ClientTimeout(total=180)
        async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as self.http:
            try:
                await self._login()
                j.stage = "server start"
                await self._start_server()
                j.stage = "open module 01"
                cells = await self._open_module()
                j.stage = "run module 01"
                await self._run_module(cells)
                j.stage = "done"
                await self.on_done(self)
            except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError, LookupError,
                    StopIteration, KeyError) as err:
                j.failure = f"{j.stage}: {err.__class__.__name__}: {str(err)[:300]}"
            finally:
                if self.channel is not None:
                    await self.channel.close()
        return j

    async def _login(self) -> None:
        await self._call("GET", "/hub/login")
        await self._call("POST", "/hub/login", expect=(302,), allow_redirects=False,
                         data={"username": self.name, "password": self.password,
                               "_xsrf": self._xsrf("/hub/")})
        # the hub's xsrf token is bound to the login: a page view after it sets the new one
        await self._call("GET", "/hub/home")

    async def _start_server(self) -> None:
        start = time.perf_counter()
        await self._call("POST", f"/hub/api/users/{self.name}/server", expect=(201, 202),
                         json={})  # a body-less POST goes as octet-stream, which the hub refuses
        while True:  # what /hub/spawn-pending polls for in a browser
            _, body = await self._call("GET", f"/hub/api/users/{self.name}")
            if json.loads(body).get("servers", {}).get("", {}).get("ready"):
                break
            if time.perf_counter() - start > 150:
                raise RuntimeError("server not ready after 150 s")
            await asyncio.sleep(0.25)
        self.journey.start_s = time.perf_counter() - start
        self.on_ready(self)

    async def _open_module(self) -> list[str]:
        user = f"/user/{self.name}"
        # the Lab page itself: the hub's OAuth redirects end with the server's own cookie
        r, _ = await self._call("GET", f"{user}/lab/tree/{MODULE}")
        if not r.url.path.startswith(f"{user}/lab"):
            raise RuntimeError(f"landed on {r.url.path}, not JupyterLab")
        _, body = await self._call("GET", f"{user}/api/contents/{MODULE}?content=1",
                                   xsrf_path=f"{user}/")
        nb = json.loads(body)["content"]
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        _, body = await self._call("POST", f"{user}/api/sessions", expect=(201,),
                                   xsrf_path=f"{user}/", json={
                                       "path": MODULE, "name": MODULE.rsplit("/", 1)[1],
                                       "type": "notebook", "kernel": {"name": "python3"}})
        session = json.loads(body)
        ws_url = (self.base.replace("http", "ws", 1) + f"{user}/api/kernels/"
                  f"{session['kernel']['id']}/channels?session_id={session['id']}")
        ws = await self.http.ws_connect(ws_url, max_msg_size=0)
        self.channel = KernelChannel(ws, self.name)
        await self.channel.kernel_info()
        return cells

    async def _run_module(self, cells: list[str]) -> None:
        j, channel = self.journey, self.channel
        module_start = time.perf_counter()
        answering = 0.0
        for code in cells:
            seconds, request = await channel.execute(code)
            j.cells_s.append(seconds)
            if request.errors:
                raise RuntimeError(f"cell {code!r}: {request.errors}")
            quiz = QUIZ_CELL.match(code.strip())
            if not quiz:
                continue
            box = channel.view_of(request)
            if box is None:
                raise RuntimeError(f"cell {code!r} showed no widget")
            j.questions += 1
            start = time.perf_counter()
            if await answers.answer(channel, box, self.questions[quiz.group(1)]):
                j.correct += 1
            spent = time.perf_counter() - start
            j.answers_s.append(spent)
            answering += spent
        j.module_s = time.perf_counter() - module_start - answering
        if j.correct != j.questions:
            raise RuntimeError(f"{j.correct} of {j.questions} answers marked correct")

    async def stop_server(self) -> None:
        """Log in and stop this trainee's server, waiting until the hub has stopped it."""
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar,
                                         timeout=aiohttp.ClientTimeout(total=120)) as self.http:
            await self._login()
            await self._call("DELETE", f"/hub/api/users/{self.name}/server", expect=(202, 204))
            for _ in range(240):
                _, body = await self._call("GET", f"/hub/api/users/{self.name}")
                if not json.loads(body).get("servers"):
                    return
                await asyncio.sleep(0.25)
            raise RuntimeError(f"{self.name}: server still running after 60 s")
