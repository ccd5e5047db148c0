"""Every readable view of a shipped file, for the leak check: the bytes as text, and what hides
in them as base64, hex or zlib (a cell that prints an encoded copy of a source notebook must
not pass). Bounded: long runs only, a cap on how much is decoded.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

BASE64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{32,}={0,2}")
HEX_RUN = re.compile(rb"(?:[0-9a-fA-F]{2}){16,}")
MAX_DECODED = 50_000_000
DEPTH = 3  # base64 of zlib of hex ... nested this deep


ZLIB_START = re.compile(rb"\x78[\x01\x5e\x9c\xda]|\x1f\x8b")
MAX_STREAMS = 200


def _inflate(data: bytes) -> list[bytes]:
    """Every zlib or gzip stream that starts somewhere in ``data`` (a copy may sit mid-file)."""
    found = []
    for n, match in enumerate(ZLIB_START.finditer(data)):
        if n >= MAX_STREAMS:
            break
        wbits = zlib.MAX_WBITS | 16 if match.group() == b"\x1f\x8b" else zlib.MAX_WBITS
        try:
            found.append(zlib.decompressobj(wbits).decompress(data[match.start():], MAX_DECODED))
        except zlib.error:
            continue
    return found


def _decodings(data: bytes) -> list[bytes]:
    found = []
    for match in BASE64_RUN.finditer(data):
        run = match.group().replace(b"-", b"+").replace(b"_", b"/")
        try:
            found.append(base64.b64decode(run + b"=" * (-len(run) % 4)))
        except (binascii.Error, ValueError):
            pass
    for match in HEX_RUN.finditer(data):
        found.append(binascii.unhexlify(match.group()))
    return found + _inflate(data)


def views(data: bytes) -> list[str]:
    """``data`` as text plus every base64/hex/zlib payload inside it, decoded, as text."""
    out, todo, seen, total = [], [(data, 0)], set(), 0
    while todo:
        blob, depth = todo.pop()
        if blob in seen or total > MAX_DECODED:
            continue
        seen.add(blob)
        total += len(blob)
        text = blob.decode("utf-8", errors="replace")
        out.append(text)
        # JSON (notebooks) escapes quotes and newlines; look at the unescaped text too
        out.append(text.replace('\\"', '"').replace("\\n", "\n"))
        if depth < DEPTH:
            todo += [(d, depth + 1) for d in _decodings(blob) if len(d) >= 16]
    return out
