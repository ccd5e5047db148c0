"""A kernel as JupyterLab drives it: the Jupyter kernel websocket protocol (JSON frames on
/api/kernels/<id>/channels), with the widget models the kernel opens kept as the frontend
keeps them, so answers go back as the comm messages a browser sends.

Only what reaches a browser is used: comm_open / comm_msg state, display_data view ids.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import struct
import time
import uuid

import aiohttp

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _decode(frame) -> dict:
    """A JSON frame, or a binary one (message with buffers): its JSON part, buffers dropped."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class Request:
    """One shell request: its reply and everything on iopub it caused, until idle."""

    def __init__(self, wait_reply: bool, wait_idle: bool):
        self.reply: dict | None = {} if not wait_reply else None
        self.idle = not wait_idle
        self.done = asyncio.Event()
        self.outputs: list[dict] = []
        self.errors: list[str] = []

    def settle(self) -> None:
        if self.reply is not None and self.idle:
            self.done.set()


class KernelChannel:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, username: str):
        self.ws, self.username = ws, username
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict] = {}  # comm id -> widget state, as the frontend has it
        self.pending: dict[str, Request] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.ws:
            if frame.type not in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                break
            self._dispatch(_decode(frame.data))
        for request in self.pending.values():  # the socket closed: nobody waits forever
            request.errors.append("websocket closed")
            request.done.set()

    def _dispatch(self, msg: dict) -> None:
        kind, content = msg["header"]["msg_type"], msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif kind == "comm_msg" and content["data"].get("method") in ("update", "echo_update"):
            self.models.setdefault(content["comm_id"], {}).update(content["data"]["state"])
        request = self.pending.get(msg.get("parent_header", {}).get("msg_id", ""))
        if request is None:
            return
        if msg.get("channel") == "shell":
            request.reply = content
            if content.get("status") == "error":
                request.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
        elif kind == "status" and content.get("execution_state") == "idle":
            request.idle = True
        elif kind in ("display_data", "execute_result"):
            request.outputs.append(content.get("data", {}))
        elif kind == "error":
            request.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
        request.settle()

    async def request(self, msg_type: str, content: dict, timeout: float = 120,
                      wait_reply: bool = True, wait_idle: bool = True) -> Request:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": self.username,
                  "session": self.session, "version": "5.3",
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
        request = self.pending[msg_id] = Request(wait_reply, wait_idle)
        await self.ws.send_str(json.dumps({"header": header, "parent_header": {},
                                           "metadata": {}, "content": content,
                                           "channel": "shell", "buffers": []}))
        try:
            await asyncio.wait_for(request.done.wait(), timeout)
        finally:
            del self.pending[msg_id]
        return request

    async def kernel_info(self) -> None:
        # the frontend's first message: a reply means the kernel is ready (its idle status
        # may come before the socket sees it, so only the reply is awaited)
        await self.request("kernel_info_request", {}, timeout=60, wait_idle=False)

    async def execute(self, code: str) -> tuple[float, Request]:
        start = time.perf_counter()
        request = await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        return time.perf_counter() - start, request

    async def widget_update(self, model_id: str, **state) -> Request:
        """What the frontend sends when a person changes a control."""
        # a comm_msg has no reply: done when the kernel is idle after handling it
        return await self.request("comm_msg", {"comm_id": model_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}}, wait_reply=False)

    async def widget_click(self, model_id: str) -> Request:
        return await self.request("comm_msg", {"comm_id": model_id, "data": {
            "method": "custom", "content": {"event": "click"}}}, wait_reply=False)

    def view_of(self, request: Request) -> str | None:
        """The widget a cell displayed (its view's model id), if any."""
        for data in request.outputs:
            if WIDGET_VIEW in data:
                return data[WIDGET_VIEW]["model_id"]
        return None

    def walk(self, model_id: str):
        """The model and every model below it, depth first, as (id, state)."""
        state = self.models.get(model_id, {})
        yield model_id, state
        for child in state.get("children", []):
            yield from self.walk(child.removeprefix("IPY_MODEL_"))

    async def close(self) -> None:
        await self.ws.close()
        self.reader.cancel()
