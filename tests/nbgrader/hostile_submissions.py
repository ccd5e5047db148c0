"""Hostile submissions (issue 12): each tries to score, read keys, harm others or stop grading.

Each factory returns (notebook, answers) like nbgrader_submissions; answers may also be a
callable that builds the folder's extra files itself (links, pipes, folders, planted modules).
Every attacker here answers every item wrongly or not at all: any point above the honest wrong
control ("untouched", 0) is a break-in.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell


def _untouched(root: Path, aid: str):
    return nbformat.read(root / "release" / aid / f"{aid}.ipynb", as_version=4)


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _short(aid: str) -> str:
    return aid.split("_")[0]


def _after_setup(nb, source: str):
    """A cell the trainee added right after the setup cell (imports course_lib)."""
    nb.cells.insert(2, new_code_cell(source))
    return nb


ALWAYS_RIGHT = """
import course_lib as cl
class Anything:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
cl.graded_answer = lambda *a, **k: Anything()
cl.graded_text = lambda *a, **k: True
"""


def replaces_graded_answer(root, aid):
    """An added cell replaces cl.graded_answer / cl.graded_text by always-right fakes."""
    return _after_setup(_untouched(root, aid), ALWAYS_RIGHT), None


def fakes_in_answer_cell(root, aid):
    """The same fakes typed into a short-answer cell, with a literal answer after them."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-t1-answer").source = ALWAYS_RIGHT + 'answer = "x"\n'
    return nb, None


def assert_deleting_transformer(root, aid):
    """A two-line IPython input transformer that deletes every assert from later cells."""
    code = ("get_ipython().input_transformers_post.append(\n"
            "    lambda lines: [l for l in lines if 'assert' not in l])\n")
    return _after_setup(_untouched(root, aid), code), None


def shadow_module(root, aid):
    """A course_lib.py beside an untouched notebook, answering every item 'right'."""
    def plant(folder: Path):
        fake = ALWAYS_RIGHT.replace("import course_lib as cl", "").replace("cl.", "")
        fake += "t = lambda *a, **k: ''\ngraded_item = lambda *a, **k: None\n"
        (folder / "course_lib.py").write_text(fake, encoding="utf-8")
    return _untouched(root, aid), plant


def wipes_other_submission(root, aid):
    """An added cell deletes another trainee's answers.json and the gradebook."""
    code = ("import os, glob\n"
            "for p in glob.glob('/**/submitted/*/*/answers.json', recursive=True)"
            " + glob.glob('/**/gradebook.db', recursive=True):\n"
            "    os.remove(p)\n"
            "os.system('rm -rf ../../../gradebook.db ../../../submitted/solution')\n")
    return _after_setup(_untouched(root, aid), code), None


def dumps_sources(root, aid):
    """A short-answer cell prints every source notebook, base64-encoded (a key-stealing dump)."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-t1-answer").source = (
        "import base64, glob\n"
        "for p in glob.glob('../../../source/*/*.ipynb'):\n"
        "    print(base64.b64encode(open(p, 'rb').read()).decode())\n"
        'answer = ""\n')
    return nb, None


def live_script(root, aid):
    """HTML output and a reflection with live script, aimed at the instructor's browser."""
    nb = _untouched(root, aid)
    nb.cells.insert(3, new_markdown_cell('<img src=x onerror="alert(1)"> [x](javascript:alert(2))'))
    reflection = _cell(nb, f"{_short(aid)}-r1-answer")
    reflection.source = "<script>alert(3)</script><img src=x onerror=alert(4)>"
    code = "from IPython.display import HTML\nHTML('<script>alert(5)</script>')"
    return _after_setup(nb, code), None


def pasted_graded_cell(root, aid):
    """A copy of a graded test cell pasted below it (what JupyterLab copy/paste produces)."""
    nb = _untouched(root, aid)
    cell = _cell(nb, f"{_short(aid)}-q1-test")
    nb.cells.insert(nb.cells.index(cell) + 1, nbformat.from_dict(dict(cell)))
    return nb, None


def _answers_as(make):
    def plant(folder: Path):
        make(folder / "answers.json")
    return plant


def symlink_to_passwd(root, aid):
    """answers.json is a symlink to /etc/passwd (it would be copied into feedback)."""
    return _untouched(root, aid), _answers_as(lambda p: p.symlink_to("/etc/passwd"))


def symlink_to_source(root, aid):
    """answers.json is a symlink to the source notebook, keys and all."""
    target = root / "source" / aid / f"{aid}.ipynb"
    return _untouched(root, aid), _answers_as(lambda p: p.symlink_to(target))


def answers_is_a_folder(root, aid):
    """answers.json is a directory."""
    return _untouched(root, aid), _answers_as(lambda p: p.mkdir())


def answers_is_a_fifo(root, aid):
    """answers.json is a named pipe: reading it would hang the grader."""
    return _untouched(root, aid), _answers_as(lambda p: os.mkfifo(p))


def deeply_nested_answers(root, aid):
    """answers.json nested 100,000 levels deep (json.loads raises RecursionError)."""
    return _untouched(root, aid), "[" * 100_000 + "]" * 100_000


def oversized_notebook(root, aid):
    """A notebook padded past the size limit."""
    nb = _untouched(root, aid)
    nb.cells.append(new_markdown_cell("x" * 6_000_000))
    return nb, None


def env_override(root, aid):
    """An added cell points the answers file at a planted one through the environment."""
    code = ("import os, json\n"
            "open('/tmp/a.json', 'w').write(json.dumps({}))\n"
            "os.environ['COURSE_ANSWERS_FILE'] = '/tmp/a.json'\n")
    return _after_setup(_untouched(root, aid), code), None


def fork_bomb(root, aid):
    """A short-answer cell forks without end."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-t1-answer").source = "import os\nwhile True:\n    os.fork()\n"
    return nb, None


def network_call(root, aid):
    """An added cell sends the folder's content to a server."""
    code = "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/', timeout=2)\n"
    return _after_setup(_untouched(root, aid), code), None


def truncated_notebook(root, aid):
    """The notebook cut off halfway (a broken upload): nbgrader itself cannot read it. Its
    grading worker fails, it is graded again alone, fails again and is named; never fatal."""
    text = nbformat.writes(_untouched(root, aid))

    def plant(folder: Path):
        (folder / f"{aid}.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    return _untouched(root, aid), plant


def marker_flood(root, aid):
    """A short answer that is not a plain string: 4,000 lines that begin like a hidden-test
    marker, none closed (issue 22: the feedback regex backtracked, ~n^2.4; 126 kB took 9 s)."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-t1-answer").source = "BEGIN HIDDEN TESTS x\n" * 4000 + "answer = 1\n"
    return nb, None


QUOTED = "### BEGIN HIDDEN TESTS\nassert chosen == 2\n### END HIDDEN TESTS"
# what a trainee's own page may show back to them of the markers and keys: what they typed
OWN_WORDS = {"x_quotes_key": {"BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "assert chosen == 2"}}


def quotes_a_marker_and_a_guess(root, aid):
    """A reflection quoting a hidden-test marker and a guessable key line (issue 22: the leak
    check matched the trainee's own words and `make feedback` failed for the class)."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-r1-answer").source = f"Миний таамаг:\n\n```\n{QUOTED}\n```\n"
    return nb, None


PIXEL = "http://127.0.0.1:9/pixel.png?seen=1"


def remote_image(root, aid):
    """Images from the trainee's server in a reflection, an added cell and an HTML output:
    they would load when the instructor opens formgrader or the feedback page (issue 22)."""
    nb = _untouched(root, aid)
    _cell(nb, f"{_short(aid)}-r1-answer").source = (
        f"![plan]({PIXEL}) <img src=\"{PIXEL}\" srcset=\"{PIXEL} 2x\"> [миний]({PIXEL})")
    nb.cells.insert(3, new_markdown_cell(f'<img src="//127.0.0.1:9/p.png"> ![x]({PIXEL})'))
    return nb, None


HOSTILE = {
    "x_marker_flood": marker_flood,
    "x_quotes_key": quotes_a_marker_and_a_guess,
    "x_remote_image": remote_image,
    "x_replace_graded": replaces_graded_answer,
    "x_fakes_in_answer": fakes_in_answer_cell,
    "x_no_asserts": assert_deleting_transformer,
    "x_shadow_module": shadow_module,
    "x_wipe_others": wipes_other_submission,
    "x_dump_sources": dumps_sources,
    "x_live_script": live_script,
    "x_pasted_cell": pasted_graded_cell,
    "x_link_passwd": symlink_to_passwd,
    "x_link_source": symlink_to_source,
    "x_answers_dir": answers_is_a_folder,
    "x_answers_fifo": answers_is_a_fifo,
    "x_deep_nesting": deeply_nested_answers,
    "x_oversized": oversized_notebook,
    "x_env_override": env_override,
    "x_fork_bomb": fork_bomb,
    "x_network": network_call,
    "x_truncated": truncated_notebook,
}
# refused before grading: reported by name, never graded, no feedback
REFUSED = {"x_link_passwd", "x_link_source", "x_answers_dir", "x_answers_fifo", "x_oversized"}
# handed to nbgrader, which cannot grade them: reported by name with its reason, no feedback
UNGRADABLE = {"x_truncated"}


# --- The cage (issue 22): run with the first barrier (read as data) taken away ------------
# tests/nbgrader/test_cage.py grades these in a course copy whose config runs trainee code
# as written, so that the cage alone must keep one submission from costing the others.

def _runs(source: str):
    def factory(root, aid):
        nb = _untouched(root, aid)
        _cell(nb, f"{_short(aid)}-t1-answer").source = source + '\nanswer = "x"\n'
        return nb, None
    return factory


CAGED = {
    # holds every process it may until its kernel is killed (issue 22: 245 processes)
    "x_fork_hold": _runs("import os, time\nwhile True:\n    try:\n        if os.fork() == 0:\n"
                         "            time.sleep(600); os._exit(0)\n    except OSError:\n"
                         "        time.sleep(0.01)"),
    # four processes of 1.2 GB: each under the per-process cap (issue 22: 4.2 GB held)
    "x_memory_hog": _runs("import os, time\nfor _ in range(3):\n    if os.fork() == 0:\n"
                          "        break\nheld = [b'x' * (50 << 20) for _ in range(24)]\n"
                          "time.sleep(600)"),
    # /tmp and the private folder filled in files under the per-file cap (1.5 GB, 1 GB)
    "x_disk_fill": _runs("import os, sys\nprivate = os.path.dirname(sys.argv[sys.argv.index('-f')"
                         " + 1])\nfor folder in ('/tmp', private):\n    try:\n"
                         "        for n in range(256):\n"
                         "            with open(os.path.join(folder, f'f{n}'), 'wb') as f:\n"
                         "                f.write(b'x' * (8 << 20))\n    except OSError:\n"
                         "        pass"),
}
