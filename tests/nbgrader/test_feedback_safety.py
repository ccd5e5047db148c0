"""The feedback preprocessor on cells built in memory (no nbgrader run needed)."""

from __future__ import annotations

import nbformat

from course_instructor.preprocessors.feedback_safety import PLOTLY, WIDGET, FeedbackSafety


def run(cell):
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb, _ = FeedbackSafety().preprocess(nb, {})
    return nb.cells[0]


def test_graded_cell_loses_hidden_tests_and_their_traceback():
    cell = nbformat.v4.new_code_cell(
        "chosen = 1\nassert chosen is not None, 'no answer'\n### BEGIN HIDDEN TESTS\n"
        "assert chosen == 3\n### END HIDDEN TESTS\nprint('after')"
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "error", ename="AssertionError", evalue="", traceback=["----> 4 assert chosen == 3"]
        )
    ]
    out = run(cell)
    assert "assert chosen == 3" not in out.source and "HIDDEN" not in out.source
    assert (
        out.source.startswith("chosen = 1\nassert chosen is not None")
        and "print('after')" in out.source
    )
    assert "chosen == 3" not in "".join(out.outputs[0].traceback)


def test_visible_check_message_survives():
    cell = nbformat.v4.new_code_cell(
        "x\n### BEGIN HIDDEN TESTS\nassert x == 2\n### END HIDDEN TESTS"
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "error", ename="AssertionError", evalue="Хариулт олдсонгүй", traceback=["assert x == 2"]
        )
    ]
    assert run(cell).outputs[0].traceback == ["AssertionError: Хариулт олдсонгүй"]


def test_cell_without_hidden_tests_keeps_its_traceback():
    cell = nbformat.v4.new_code_cell("1/0")
    cell.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="ZeroDivisionError",
            evalue="division by zero",
            traceback=["1/0", "ZeroDivisionError"],
        )
    ]
    assert run(cell).outputs[0].traceback == ["1/0", "ZeroDivisionError"]


def test_plotly_figure_becomes_a_static_note():
    figure = {
        "data": [{"type": "bar", "name": "e-Mongolia", "x": [2020, 2023], "y": [181, 1106]}],
        "layout": {"title": {"text": "Үйлчилгээний тоо"}},
    }
    cell = nbformat.v4.new_code_cell("fig.show()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={PLOTLY: figure, "text/plain": "Figure"})
    ]
    data = run(cell).outputs[0].data
    assert PLOTLY not in data
    assert "Үйлчилгээний тоо" in data["text/html"] and "e-Mongolia" in data["text/html"]
    assert "<td>2</td>" in data["text/html"]  # two points drawn


def test_widget_output_keeps_its_plain_text():
    cell = nbformat.v4.new_code_cell("cl.graded_item(...)")
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={
                WIDGET: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                "text/plain": "Сонгосон хариулт: Нэг",
            },
        )
    ]
    data = run(cell).outputs[0].data
    assert WIDGET not in data and data["text/plain"] == "Сонгосон хариулт: Нэг"


def test_unclosed_hidden_region_hides_the_rest_of_the_cell():
    out = run(nbformat.v4.new_code_cell("x = 1\n### BEGIN HIDDEN TESTS\nassert x == 2\n"))
    assert out.source.startswith("x = 1\n") and "assert x == 2" not in out.source


def test_trainee_marker_flood_is_scanned_once_per_line(monkeypatch):
    """Thousands of lines that begin like a marker, with no end (issue 22: a regex spanning
    lines backtracked over them, ~n^2.4): each line is read by one anchored match, so the work
    grows with the cell's length. Counted, not timed."""
    from course_instructor.preprocessors import feedback_safety

    lines = ["### BEGIN HIDDEN TESTS", "# BEGIN HIDDEN TEST", "#" * 50 + " END HIDDEN TEST"]
    source = "answer = ''\n" + "\n".join(lines[i % 3] for i in range(30_000)) + "\n"
    read = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def match(self, line):
            read.append(len(line))
            return self.pattern.match(line)

    monkeypatch.setattr(feedback_safety, "BEGIN", Counting(feedback_safety.BEGIN))
    monkeypatch.setattr(feedback_safety, "END", Counting(feedback_safety.END))
    stripped, found = feedback_safety.strip_hidden(source)
    assert found and stripped == "answer = ''\n" + feedback_safety.note_hidden()
    assert len(read) == source.count("\n") and sum(read) == len(source)


def _both(key):
    from course_lib.i18n import t

    return f"{t(key, 'mn')} / {t(key, 'en')}"


def test_the_hidden_test_note_and_the_failed_note_are_bilingual():
    cell = nbformat.v4.new_code_cell(
        "x\n### BEGIN HIDDEN TESTS\nassert x == 2\n### END HIDDEN TESTS")
    cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="",
                                           traceback=["assert x == 2"])]
    out = run(cell)
    assert out.source == f"x\n# ({_both('graded.feedback_hidden')})\n"
    assert out.outputs[0].traceback == [f"AssertionError: {_both('graded.feedback_failed')}"]


def test_a_cell_without_markers_is_returned_whole_and_said_to_have_none():
    from course_instructor.preprocessors.feedback_safety import strip_hidden

    assert strip_hidden("a\n# BEGIN comment\n") == ("a\n# BEGIN comment\n", False)


def test_the_plot_stand_in_names_every_trace_and_escapes_what_it_quotes():
    from course_instructor.preprocessors.feedback_safety import plot_fallback

    figure = {"data": [{"y": [1, 2, 3]},
                       {"type": "barpolar", "name": "<b>x</b>", "r": [1, 2], "theta": [0, 1, 2, 3]},
                       {"type": "pie", "values": [5, 6, 7, 8], "x": None}],
              "layout": {"title": "<script>t</script>"}}
    row = "<tr><td>{}</td><td>{}</td><td>{}</td></tr>"
    assert plot_fallback(figure) == (
        "<div class='plot-fallback'><p><b>&lt;script&gt;t&lt;/script&gt;</b></p>"
        f"<p><i>{_both('graded.feedback_plot')}</i></p>"
        "<table><tr><th>trace</th><th>name</th><th>points</th></tr>"
        + row.format("scatter", "", 3) + row.format("barpolar", "&lt;b&gt;x&lt;/b&gt;", 2)
        + row.format("pie", "", 4) + "</table></div>")
    assert plot_fallback({}) == ("<div class='plot-fallback'><p><b></b></p>"
                                 f"<p><i>{_both('graded.feedback_plot')}</i></p></div>")
    assert "<b>T</b>" in plot_fallback({"layout": {"title": {"text": "T"}}, "data": None})
    assert "<b></b>" in plot_fallback({"layout": {"title": {"font": {}}}})


def test_markdown_cells_and_every_later_output_are_cleaned_too():
    md = nbformat.v4.new_markdown_cell("<img src=x onerror=alert(1)>")
    assert "onerror" not in run(md).source
    cell = nbformat.v4.new_code_cell("fig.show()")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="before"),
                    nbformat.v4.new_output("display_data", data={PLOTLY: {"data": []}})]
    assert PLOTLY not in run(cell).outputs[1].data


def test_the_notes_stay_bilingual_when_the_grader_works_in_english():
    from course_lib.i18n import set_language

    set_language("en")
    try:
        out = run(nbformat.v4.new_code_cell("x\n### BEGIN HIDDEN TESTS\nassert x\n"))
    finally:
        set_language("mn")
    assert out.source == f"x\n# ({_both('graded.feedback_hidden')})\n"


def test_the_plot_stand_in_counts_the_longest_of_x_y_r_and_values():
    from course_instructor.preprocessors.feedback_safety import plot_fallback

    assert "<td>5</td>" in plot_fallback({"data": [{"x": [1, 2, 3, 4, 5], "y": [1]}]})
