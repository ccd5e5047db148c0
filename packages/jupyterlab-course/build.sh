#!/usr/bin/env bash
# Build the extension (`npm run build`; the Makefile's venv step runs it with the venv's bin/
# first on PATH): compile the TypeScript, then bundle it against the JupyterLab installed in
# that Python, read from its own core package.json. That keeps the build offline (no core
# metadata fetched) and shares exactly the versions this Lab provides. @jupyterlab/builder
# (webpack) rather than @jupyter/builder (rspack): rspack needs Node >= 20.19, and Debian 12,
# the class server's system, has Node 18.
set -euo pipefail
cd "$(dirname "$0")"
npx tsc
core="$(python -c 'import jupyterlab, pathlib; print(pathlib.Path(jupyterlab.__file__).parent / "staging" / "package.json")')"
jupyter-builder build --core-package-file "$core" .
