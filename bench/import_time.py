"""How much `import course_lib` costs next to `import ipywidgets` (which every quiz needs).

Each sample is a fresh interpreter that times one import from the inside (interpreter start-up
excluded); the two imports alternate so that machine load hits both alike. Prints the medians
and their ratio; the course aims at a ratio <= 1.3, and `import course_lib` must not load
plotly (figures are built as plain JSON; the kernel never imports it).

    python bench/import_time.py [--runs 15] [--max-ratio 1.3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHILD = ("import sys, time; t = time.perf_counter(); import {module}; "
         "print(time.perf_counter() - t, 'plotly' in sys.modules)")


def sample(module: str) -> tuple[float, bool]:
    """Seconds one fresh interpreter spends importing ``module``; whether plotly came along."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(module=module)], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), out[1] == "True"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--max-ratio", type=float, default=1.3)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {"course_lib": [], "ipywidgets": []}
    plotly_loaded = False
    for _ in range(args.runs):
        for module in times:
            seconds, plotly = sample(module)
            times[module].append(seconds)
            plotly_loaded |= plotly and module == "course_lib"
    ours, base = (statistics.median(times[m]) for m in ("course_lib", "ipywidgets"))
    ratio = ours / base
    print(f"import course_lib: {ours * 1000:7.1f} ms (median of {args.runs})")
    print(f"import ipywidgets: {base * 1000:7.1f} ms (median of {args.runs})")
    print(f"ratio: {ratio:.2f} (aim <= {args.max_ratio})")
    print(f"plotly imported by course_lib: {plotly_loaded}")
    return 0 if ratio <= args.max_ratio and not plotly_loaded else 1


if __name__ == "__main__":
    sys.exit(main())
