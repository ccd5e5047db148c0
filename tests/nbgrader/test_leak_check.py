"""The feedback leak check sees a key however a cell encoded it
(course_instructor/grading/leak_decode.py)."""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib

import pytest

from course_instructor import commands as instructor

SECRET = "assert chosen == [1, 3]  # the key of item 2"
WRAPS = {
    "plain": lambda b: b,
    "base64": base64.b64encode,
    "urlsafe_base64": base64.urlsafe_b64encode,
    "hex": binascii.hexlify,
    "zlib_raw_bytes": zlib.compress,
    "gzip_then_base64": lambda b: base64.b64encode(gzip.compress(b)),
    "zlib_then_hex": lambda b: binascii.hexlify(zlib.compress(b)),
    "base64_of_base64": lambda b: base64.b64encode(base64.b64encode(b)),
}


@pytest.mark.parametrize("how", sorted(WRAPS))
def test_encoded_key_in_any_shipped_file_is_found(tmp_path, how):
    payload = ("x" * 40 + "\n" + SECRET + "\n").encode() * 3
    page = tmp_path / "student" / "a01" / "a01.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<html><body><pre>" + WRAPS[how](payload) + b"</pre></body></html>")
    found = instructor.check_tree(tmp_path, {SECRET}, "feedback", feedback=True)
    assert found and SECRET in found[0], how


def test_binary_file_is_read_too(tmp_path):
    (tmp_path / "blob.bin").write_bytes(b"\xff\xfe\x00" + SECRET.encode() + b"\x00\x99")
    assert instructor.check_tree(tmp_path, {SECRET}, "feedback", feedback=True)


def test_clean_page_passes(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + base64.b64encode(b"nothing here" * 10).decode())
    assert instructor.check_tree(tmp_path, {SECRET}, "feedback", feedback=True) == []
