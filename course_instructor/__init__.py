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
