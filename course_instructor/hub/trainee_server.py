"""A trainee's server on the class server: jupyterhub-singleuser, started without jsonschema's
optional rfc3987_syntax checker.

jupyter_server imports jupyter_events, which imports jsonschema, whose format module imports
rfc3987_syntax when it is installed (jupyter_events asks for jsonschema[format-nongpl]); that
compiles 38 parser grammars at import: about 1.5 CPU-seconds of every server start, close to
half of it (bench/server_start.py). Only the "iri" and "iri-reference" formats need it, and no
schema a trainee's server validates uses them. Marking the module absent makes jsonschema skip
those two checks, as it does where the package is not installed; course_lib does the same
when it first imports jsonschema (course_lib/content/loading.py).
"""

from __future__ import annotations

import sys


def main():
    sys.modules["rfc3987_syntax"] = None  # its import now raises ImportError, which is skipped
    from jupyterhub.singleuser import main as singleuser

    return singleuser()


if __name__ == "__main__":
    sys.exit(main())
