#!/usr/bin/env bash
# Run a command with no network but loopback: the notebooks and JupyterLab must work offline
# (no CDN for plotly.js, no hub downloads). As root, a fresh network namespace with only `lo`
# proves it; elsewhere the command runs as is, and we say that the network was not cut.
set -euo pipefail
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null \
   && unshare -n true 2>/dev/null; then
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
fi
echo "offline.sh: not root (or no unshare): running with the network as it is" >&2
exec "$@"
