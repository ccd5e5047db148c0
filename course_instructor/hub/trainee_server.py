"""How a trainee's server starts on the class server, on one machine and on Kubernetes:
jupyterhub-singleuser, without jsonschema's optional rfc3987_syntax checker.

jupyter_server imports jupyter_events, which imports jsonschema, whose format module imports
rfc3987_syntax when it is installed (jupyter_events asks for jsonschema[format-nongpl]); that
compiles 38 parser grammars at import: about 1.3 CPU-seconds of every server start, close to
half of it (bench/server_start.py). Only the "iri" and "iri-reference" formats need it, and no
schema a trainee's server validates uses them. Marking the module absent makes jsonschema skip
those two checks, as it does where the package is not installed; course_lib does the same
when it first imports jsonschema (course_lib/content/loading.py).

One line of Python for `python -c`, so that the learner image (which holds course_lib, not
this package) starts the same way: deploy/z2jh/values.yaml `singleuser.cmd`, held equal by
tests/test_z2jh_values.py.
"""

from __future__ import annotations

CODE = ("import sys; sys.modules['rfc3987_syntax'] = None; "
        "from jupyterhub.singleuser import main; sys.exit(main())")


def command(python: str) -> list[str]:
    return [python, "-c", CODE]
