"""The leak checks see a key however a cell encoded it (course_instructor/grading/leak_decode.py):
the whole-tree check of what learners get (release, learner-dist), and the feedback check, which
reads only instructor-derived cells (course_instructor/grading/feedback_leaks.py) so a
trainee's own words never withhold a page; on the real route it withholds exactly the page that
leaks and names it."""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell
from nbgrader.api import Gradebook

from course_instructor import commands as instructor
from course_instructor.grading import feedback_leaks

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
    found = instructor.check_tree(tmp_path, {SECRET}, "release")
    assert found and SECRET in found[0], how


def test_binary_file_is_read_too(tmp_path):
    (tmp_path / "blob.bin").write_bytes(b"\xff\xfe\x00" + SECRET.encode() + b"\x00\x99")
    assert instructor.check_tree(tmp_path, {SECRET}, "release")


def test_clean_page_passes(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + base64.b64encode(b"nothing here" * 10).decode())
    assert instructor.check_tree(tmp_path, {SECRET}, "release") == []


GUESSED = "assert chosen == 2"
QUOTE = f"### BEGIN HIDDEN TESTS\n{GUESSED}\n### END HIDDEN TESTS"
KEY_CELL = f"chosen = 1\n{QUOTE}"  # a grade cell as the source notebook holds it


def _cell(make, grade_id, source, **more):
    cell = make(source, **more)
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id}
    return cell


def _page(*cells):
    return new_notebook(cells=list(cells))


LOCKED = {"a01-q1-test", "a01-intro"}


# an output is JSON text: raw zlib bytes cannot travel in it unchanged, every text encoding can
@pytest.mark.parametrize("how", sorted(set(WRAPS) - {"zlib_raw_bytes"}))
def test_a_key_in_an_instructor_cell_is_found_in_any_encoding(how):
    payload = WRAPS[how](("x" * 40 + "\n" + SECRET + "\n").encode() * 3).decode("latin-1")
    output = new_output("stream", name="stdout", text=payload)
    nb = _page(_cell(new_code_cell, "a01-q1-test", "chosen = 1", outputs=[output]))
    assert feedback_leaks.leaks(nb, LOCKED, {SECRET}) == [f"cell 1 (a01-q1-test): {SECRET!r}"]


def test_a_hidden_line_in_a_traceback_or_the_source_of_a_locked_cell_is_found():
    error = new_output("error", ename="AssertionError", evalue="",
                       traceback=[f"----> 3 {GUESSED}"])
    nb = _page(_cell(new_markdown_cell, "a01-intro", "Танилцуулга"),
               _cell(new_code_cell, "a01-q1-test", "chosen = 1", outputs=[error]),
               _cell(new_markdown_cell, "a01-intro", "### END HIDDEN TESTS"))
    assert feedback_leaks.leaks(nb, LOCKED, {GUESSED}) == [
        f"cell 2 (a01-q1-test): {GUESSED!r}", "cell 3 (a01-intro): 'END HIDDEN TESTS'"]


def test_a_trainee_quoting_a_marker_and_a_guessed_key_is_not_read():
    """Issue 22: a reflection quoting `### BEGIN HIDDEN TESTS` and `assert chosen == 2` made
    `make feedback` exit 1 for everyone. Only instructor-derived cells are read: the trainee's
    reflection, short answer and added cells are not, whatever their metadata claims."""
    nb = _page(
        _cell(new_markdown_cell, "a01-r1-answer", f"Миний таамаг:\n```\n{QUOTE}\n```"),
        _cell(new_code_cell, "a01-t1-answer", f"# {QUOTE}\nanswer = ''"),
        _cell(new_raw_cell, None, QUOTE),  # an added cell (ReadAsData made it raw)
        _cell(new_markdown_cell, "made-up-id", QUOTE, metadata={"nbgrader": {"locked": True}}),
        _cell(new_code_cell, "a01-q1-test", "chosen = 1\n# (hidden)"))
    assert feedback_leaks.leaks(nb, LOCKED, {GUESSED}) == []


def test_the_gradebook_gives_the_secrets_and_the_locked_cells(tmp_path):
    """Both come from the gradebook's own source cells, as generate_assignment stored them."""
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.add_assignment("a01")
        gb.add_notebook("a01", "a01")
        gb.add_source_cell("a01-q1-test", "a01", "a01", cell_type="code", locked=True,
                           source=KEY_CELL, checksum="x")
        gb.add_source_cell("a01-r1-answer", "a01", "a01", cell_type="markdown", locked=False,
                           source="Хариултаа энд бичнэ үү.", checksum="y")
        gb.add_assignment("a02")
        gb.add_notebook("a02", "a02")
        gb.add_source_cell("a02-q1-test", "a02", "a02", cell_type="code", locked=True,
                           source="x = 1\n### BEGIN HIDDEN TESTS\nassert chosen == [1, 3]\n"
                                  "ok\n### END HIDDEN TESTS", checksum="z")
        assert feedback_leaks.course_secrets(gb) == {GUESSED, "assert chosen == [1, 3]"}
        assert feedback_leaks.locked_ids(gb, "a01", "a01") == {"a01-q1-test"}
        assert feedback_leaks.locked_ids(gb, "nope", "a01") == set()


# An instructor-side slip on the real route: a feedback step, after the stripping, that puts a
# hidden line back into one trainee's graded cell. It stands in for any such bug still unknown.
LEAKY = "z_leaky"
PUTS_BACK = '''
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class PutsBackAKey(Preprocessor):
    enabled = Bool(True)  # nbconvert registers a plain preprocessor switched off

    def preprocess(self, nb, resources):
        if resources["nbgrader"]["student"] == "z_leaky":
            cell = next(c for c in nb.cells if c.cell_type == "code"
                        and c.metadata.get("nbgrader", {}).get("grade"))
            cell.outputs.append({"output_type": "stream", "name": "stdout", "text": KEY})
        return nb, resources


steps = c.GenerateFeedback.preprocessors
at = steps.index(FeedbackLeakCheck)
c.GenerateFeedback.preprocessors = [*steps[:at], PutsBackAKey, *steps[at:]]
'''


@pytest.fixture(scope="module")
def withheld(tmp_path_factory):
    import hostile_submissions as hostile
    import nbgrader_submissions as subs
    from nbgrader_submissions import HOSTILE_ASSIGNMENT as AID

    root = subs.course_copy(tmp_path_factory.mktemp("leaky") / "assignments")
    key = sorted(subs.keys.secret_lines(root / "source" / AID / f"{AID}.ipynb",
                                        solutions=False))[0]
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nKEY = {key!r}\n" + PUTS_BACK)
    assert subs.instructor(root, "release").returncode == 0
    for student in ("y_honest", LEAKY):
        subs.hand_in(root, student, AID, *subs.solution(root, AID))
    subs.hand_in(root, "x_quotes_key", AID, *hostile.quotes_a_marker_and_a_guess(root, AID))
    assert subs.instructor(root, "autograde").returncode == 0
    return {"root": root, "aid": AID, "key": key, "done": subs.instructor(root, "feedback")}


def test_a_page_that_would_leak_is_withheld_and_named_and_the_rest_are_written(withheld):
    done, root, aid = withheld["done"], withheld["root"], withheld["aid"]
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    named = [line for line in done.stderr.splitlines() if line.startswith("  trainee ")]
    assert len(named) == 1 and named[0].startswith(f"  trainee {LEAKY}, assignment {aid}:"), named
    assert "hidden-test text in cell" in named[0] and repr(withheld["key"]) in named[0]
    assert not (root / "feedback" / LEAKY / aid).exists()
    for student in ("x_quotes_key", "y_honest"):  # the quoting trainee's own words: no problem
        assert (root / "feedback" / student / aid / f"{aid}.html").is_file(), student


def test_feedback_for_one_pair_names_the_withheld_page_too(withheld):
    """The regrade path (`accept`, one trainee's feedback again) goes through the same check."""
    root, aid = withheld["root"], withheld["aid"]
    from course_instructor import commands

    with pytest.raises(SystemExit):
        commands.feedback(root, only={(LEAKY, aid)})
    assert not (root / "feedback" / LEAKY / aid).exists()
    commands.feedback(root, only={("y_honest", aid)})
    assert (root / "feedback" / "y_honest" / aid / f"{aid}.html").is_file()
