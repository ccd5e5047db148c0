"""tools/offline.sh really cuts the network (the notebook and browser tiers run under it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = (
    "import socket, sys\n"
    "try:\n"
    "    socket.create_connection(('pypi.org', 443), timeout=5).close()\n"
    "except OSError:\n"
    "    sys.exit(3)\n"
)


@pytest.mark.skipif(os.geteuid() != 0, reason="a network namespace needs root (CI runs as root)")
def test_outside_world_is_unreachable_but_loopback_works():
    run = subprocess.run([str(ROOT / "tools" / "offline.sh"), sys.executable, "-c", PROBE])
    assert run.returncode == 3
    loop = subprocess.run(
        [str(ROOT / "tools" / "offline.sh"), sys.executable, "-c",
         "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); "
         "c = socket.create_connection(s.getsockname()); print('ok')"],
        capture_output=True, text=True,
    )
    assert loop.stdout.strip() == "ok"

