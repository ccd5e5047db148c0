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


def _class(tmp_path, reflection: str, page_text: str):
    """One trainee's submission (a reflection) and their feedback page showing ``page_text``."""
    import json

    submitted = tmp_path / "submitted" / "quoter" / "a01"
    submitted.mkdir(parents=True)
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": reflection}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (submitted / "a01.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    page = tmp_path / "feedback" / "quoter" / "a01" / "a01.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<html><body><p>{page_text}</p></body></html>", encoding="utf-8")
    own = instructor.own_leaks(tmp_path / "submitted", {GUESSED, SECRET},
                               instructor.keys.HIDDEN_MARKERS)
    return instructor.check_tree(tmp_path / "feedback", {GUESSED, SECRET}, "feedback",
                                 feedback=True, own=own)


GUESSED = "assert chosen == 2"


def test_a_trainee_quoting_a_marker_and_a_guessed_key_does_not_fail_the_class(tmp_path):
    """Issue 22: a reflection quoting `### BEGIN HIDDEN TESTS` and `assert chosen == 2` made
    `make feedback` exit 1 for everyone. Their own words shown back to them leak nothing."""
    words = f"### BEGIN HIDDEN TESTS\n{GUESSED}\n### END HIDDEN TESTS"
    assert _class(tmp_path, words, words.replace("\n", "<br>")) == []


def test_markdown_escapes_in_the_quote_are_read_as_the_page_shows_them(tmp_path):
    shown = "BEGIN HIDDEN TESTS assert chosen == 2"
    assert _class(tmp_path, r"BEGIN HIDDEN TESTS assert chosen \=\= 2", shown) == []


def test_a_hidden_line_the_trainee_did_not_type_is_still_a_leak(tmp_path):
    found = _class(tmp_path, f"BEGIN HIDDEN TESTS {GUESSED}",
                   f"BEGIN HIDDEN TESTS {GUESSED}<br>{SECRET}")
    assert len(found) == 1 and SECRET in found[0], found
