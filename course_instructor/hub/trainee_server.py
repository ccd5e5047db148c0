"""How a trainee's server starts on the class server, on one machine and on Kubernetes:
jupyterhub-singleuser, without two look-ups a trainee's server never uses.

- jsonschema's optional rfc3987_syntax checker. jupyter_server imports jupyter_events, which
  imports jsonschema, whose format module imports rfc3987_syntax when it is installed
  (jupyter_events asks for jsonschema[format-nongpl]); that compiles 38 parser grammars at
  import: about 1.3 CPU-seconds of every server start, close to half of it
  (bench/server_start.py). Only the "iri" and "iri-reference" formats need it, and no schema a
  trainee's server validates uses them. Marking the module absent makes jsonschema skip those
  two checks, as it does where the package is not installed; course_lib does the same when it
  first imports jsonschema (course_lib/content/loading.py).
- Node's yarn configuration. Importing jupyterlab.labapp asks for the app's version with
  default options, whose package registry default runs `node yarn.js config` twice when Node.js
  is on PATH (it is on the class server: the course's Lab extension is built with it): about
  0.3 CPU-seconds of every start, for a registry used only to build or install extensions,
  which a trainee's server never does. JupyterLab skips the look-up where no Node.js is found,
  so PATH names no folder while jupyterlab.labapp is first imported, and is put back before
  anything else runs.

One line of Python for `python -c`, so that the learner image (which holds course_lib, not
this package) starts the same way: deploy/z2jh/values.yaml `singleuser.cmd`, held equal by
tests/test_z2jh_values.py. bench/server_start.py starts its "after" servers with ``PREFIX``.
"""

from __future__ import annotations

NO_IRI = "sys.modules['rfc3987_syntax'] = None; "
NO_NODE_LOOKUP = ("path = os.environ.get('PATH'); os.environ['PATH'] = os.devnull; "
                  "import jupyterlab.labapp; os.environ['PATH'] = path or os.defpath; del path; ")
PREFIX = "import os, sys; " + NO_IRI + NO_NODE_LOOKUP
CODE = PREFIX + "from jupyterhub.singleuser import main; sys.exit(main())"


def command(python: str) -> list[str]:
    return [python, "-c", CODE]
