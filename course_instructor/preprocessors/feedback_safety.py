"""Feedback preprocessor: what a trainee may see of an autograded notebook.

nbgrader's feedback shows autograded notebooks as they are, hidden tests included
(nbgrader #917), and a failing hidden assert prints its own line in the traceback.
The HTML exporter also cannot draw plotly's mime output or a widget without its
saved state. This preprocessor fixes all three before the HTML is written; the
autograded notebooks themselves are left untouched.

Hidden tests are found by a line scanner: one pass, each line matched on its own, so the
time grows with the cell's length whatever a trainee typed (a regex spanning lines
backtracked over thousands of marker-like lines, issue 22).
"""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from course_instructor.preprocessors.trainee_html import clean_cell
from course_lib.i18n import t

# nbgrader's markers: a comment line, e.g. "### BEGIN HIDDEN TESTS"; matched one line at a time
BEGIN = re.compile(r"[ \t]*#+[ \t]*BEGIN HIDDEN TESTS")
END = re.compile(r"[ \t]*#+[ \t]*END HIDDEN TESTS")
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"



def _both(key: str) -> str:
    return f"{t(key, 'mn')} / {t(key, 'en')}"


# the notes are built when used (not at import), so a test sees what the function writes
def note_hidden() -> str:
    return f"# ({_both('graded.feedback_hidden')})\n"


def strip_hidden(source: str) -> tuple[str, bool]:
    """The source without hidden-test regions, and whether there were any.

    A region runs from a BEGIN line to the next END line, both included; a BEGIN without an
    END hides the rest of the cell (showing too little is the safe side).
    """
    kept: list[str] = []
    hiding = found = False
    for line in source.splitlines(keepends=True):
        if hiding:
            hiding = not END.match(line)
        elif BEGIN.match(line):
            hiding = found = True
            kept.append(note_hidden())
        else:
            kept.append(line)
    return "".join(kept), found


def plot_fallback(figure: dict) -> str:
    """A static HTML stand-in for a plotly figure: a note and what each trace holds."""
    rows = []
    for trace in figure.get("data") or []:
        kind = trace.get("type", "scatter")
        name = trace.get("name") or ""
        points = max(len(trace.get(k) or []) for k in ("x", "y", "r", "values"))
        rows.append(f"<tr><td>{html.escape(str(kind))}</td><td>{html.escape(str(name))}</td>"
                    f"<td>{points}</td></tr>")
    title = (figure.get("layout", {}).get("title") or {})
    title = title.get("text", "") if isinstance(title, dict) else str(title)
    table = ("<table><tr><th>trace</th><th>name</th><th>points</th></tr>" + "".join(rows)
             + "</table>") if rows else ""
    return (f"<div class='plot-fallback'><p><b>{html.escape(title)}</b></p>"
            f"<p><i>{html.escape(_both('graded.feedback_plot'))}</i></p>{table}</div>")


class FeedbackSafety(Preprocessor):
    """Drop hidden tests and their tracebacks; plotly and widget outputs become static text."""

    # nbconvert registers a preprocessor only when it is enabled; stock ones default to off
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            clean_cell(cell)
            return cell, resources
        cell.source, had_hidden = strip_hidden(cell.source)
        # autograde cleared the trainee's outputs and ran the cell: these are the kernel's own,
        # so a code cell has "outputs" and an error has its "ename"
        for output in cell.outputs:
            if output.get("output_type") == "error" and had_hidden:
                # the traceback quotes the failing line, which may be a hidden one holding the key.
                # Visible checks carry a message (evalue); hidden asserts never do.
                message = output.get("evalue") or _both("graded.feedback_failed")
                output["traceback"] = [f"{output['ename']}: {message}"]
            data = output.get("data")
            if not data:
                continue
            if PLOTLY in data:
                data["text/html"] = plot_fallback(data.pop(PLOTLY))
            if WIDGET in data:
                data.pop(WIDGET)  # the widget's text/plain states the saved choice
        clean_cell(cell)
        return cell, resources
