"""The authors' command, `course-author` (the Makefile's spell, navigation and lab-settings).

    course-author spell [--root DIR]   Mongolian spell check of everything a trainee reads
    course-author navigation [--check] course map, prev/next links, then the cell locks
    course-author lab-settings [--check]   JupyterLab settings per mode (lab-config/)
    course-author voila-pages [--check]    the page list of `make app` (Voilà's course template)
    course-author minutes [...]        each module's reading and doing time
    course-author style                the house style rules over every Mongolian string
    course-author translations         how much of the trainee's JupyterLab route is in Mongolian
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    task, rest = (argv[0], argv[1:]) if argv else ("", [])
    # each tool keeps its own argument parsing: the task name only picks the tool
    sys.argv = [f"course-author {task}", *rest]
    if task == "spell":
        from course_instructor.authoring import spellcheck

        return spellcheck.main(rest)
    if task == "style":
        from course_instructor.authoring import style_rules

        return style_rules.main(rest)
    if task == "translations":
        from course_instructor.authoring import translations

        return translations.main()
    if task == "minutes":
        from course_instructor.authoring import estimate_minutes

        return estimate_minutes.main(rest)
    if task == "navigation":
        from course_instructor.authoring import lock_cells, navigation, notebook_cli

        notebook_cli.run(navigation.update, "navigation")
        notebook_cli.run(lock_cells.update, "cell locks")
        return 0
    if task == "lab-settings":
        from course_instructor.authoring import lab_settings

        return lab_settings.main(rest)
    if task == "voila-pages":
        from course_instructor.authoring import voila_pages

        return voila_pages.main(rest)
    if task in ("-h", "--help"):  # asked for: the usage on stdout, and success
        print(__doc__)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
