#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium (browser tests, never `playwright install`),
# hunspell with the Mongolian dictionary (make spell) and Cyrillic-capable fonts (screenshots).
# As root they are installed; otherwise we say exactly what is missing and how to get it.
set -euo pipefail
need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)  # the grading kernel's sandbox
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v hunspell >/dev/null 2>&1 || need+=(hunspell)
[ -f /usr/share/hunspell/mn_MN.dic ] || need+=(hunspell-mn)
# Noto covers Mongolian Cyrillic (Ө, Ү) in screenshots and Binder alike (apt.txt lists it too)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# module 02 quotes the deck's Japanese title of Hokusai's print: without a Japanese font its
# characters are empty boxes in Chromium (tests/browser/test_readable_accessible.py)
[ -d /usr/share/fonts/opentype/ipafont-gothic ] || need+=(fonts-ipafont-gothic)
# the class server (make hub, make test-hub): PostgreSQL clusters, Node for the proxy, a venv
command -v pg_createcluster >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
/usr/bin/python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
/usr/bin/python3 -c 'import seccomp' >/dev/null 2>&1 || need+=(python3-seccomp)  # tests/test_z2jh_sandbox.py
if [ ${#need[@]} -eq 0 ]; then
  echo "sysdeps: chromium, hunspell-mn, fonts (Noto, Japanese), bubblewrap, postgresql, npm, python3-venv and python3-seccomp are present"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "sysdeps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "sysdeps: missing system packages: ${need[*]}" >&2
  echo "sysdeps: install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
