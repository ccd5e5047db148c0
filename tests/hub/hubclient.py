"""A person at the hub, through its REST API and login form (requests, loopback only)."""

from __future__ import annotations

import time

import requests


class HubUser:
    def __init__(self, base: str, name: str, password: str):
        self.base, self.name = base.rstrip("/"), name
        self.s = requests.Session()
        self.s.get(f"{self.base}/hub/login", timeout=30)
        r = self.s.post(f"{self.base}/hub/login", allow_redirects=False, timeout=60,
                        data={"username": name, "password": password,
                              "_xsrf": self.xsrf})
        self.login_status = r.status_code  # 302 when the hub let them in

    @property
    def xsrf(self) -> str:
        # each single-user server sets its own _xsrf under /user/<name>/: the hub's is at /hub/
        return next((c.value for c in self.s.cookies if c.name == "_xsrf"
                     and c.path.startswith("/hub")), "")

    @property
    def logged_in(self) -> bool:
        return self.login_status == 302

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": self.xsrf, "Referer": self.base}
        return self.s.request(method, f"{self.base}/hub/api{path}", headers=headers,
                              timeout=60, **kw)

    def start_server(self, wait: float = 120) -> dict:
        r = self.api("POST", f"/users/{self.name}/server")
        assert r.status_code in (201, 202, 400), (r.status_code, r.text)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{self.name}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return server
            time.sleep(0.5)
        raise AssertionError(f"{self.name}: server not ready after {wait}s")

    def get(self, path: str, **kw) -> requests.Response:
        return self.s.get(f"{self.base}{path}", timeout=60, **kw)
