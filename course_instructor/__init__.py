"""The instructor's side of the course: never imported by a trainee's notebook.

Layers, top to bottom (import-linter's `instructor-layers` contract holds them, `make lint`;
exchange, preprocessors and authoring are independent siblings):

    hub             `course-hub`: accounts, roster, PostgreSQL, the class server's set-up
                    (it releases each course with the commands' leak checks)
    commands        `course-instructor`: release, autograde, feedback, grades, report,
                    learner-dist, dashboard (the Makefile's instructor targets)
    dashboard       the class dashboard from the gradebook
    grading         the grading batch and its workers, the sandboxed kernel, answer keys,
                    the gradebook's address, leak decoding
    exchange        nbgrader's exchange made safe (Submit, Collect; what collect may copy)
    preprocessors   nbgrader plug-ins: read-as-data, feedback safety, trainee HTML, late policy
    authoring       `course-author`: spell check, navigation, cell locks, lab settings, minutes
    repo            where the course checkout is

course_lib (the trainee's package) sits below all of them and never imports this one.
"""

import importlib
import sys

# The learner copy (course-instructor learner-dist) ships this file and exchange/ only, with
# the same pyproject: its console scripts land here, and say so instead of a traceback.
NOT_IN_LEARNER_COPY = ("{tool}: энэ бол багшийн хэрэгсэл, суралцагчийн хуулбарт ороогүй.\n"
                       "{tool}: this is the instructor's tool; it is not part of the learner copy.")


def _run(tool: str, module: str) -> None:
    try:
        main = importlib.import_module(module).main
    except ModuleNotFoundError as exc:
        # only this package's own module missing; a missing dependency is the traceback it is
        if not (exc.name and module.startswith(exc.name) and exc.name.startswith(__name__)):
            raise
        print(NOT_IN_LEARNER_COPY.format(tool=tool), file=sys.stderr)
        raise SystemExit(2) from None
    # the tool's exit status, as the console script's own wrapper would give it (sys.exit(main()))
    raise SystemExit(main())


def instructor_main() -> None:
    """The console script ``course-instructor``."""
    _run("course-instructor", "course_instructor.commands")


def hub_main() -> None:
    """The console script ``course-hub``."""
    _run("course-hub", "course_instructor.hub.classroom")


def author_main() -> None:
    """The console script ``course-author``."""
    _run("course-author", "course_instructor.authoring.tasks")
