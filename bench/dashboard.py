"""How long `make dashboard` takes on a 200-trainee x 9-assignment class, against
`nbgrader export` of the same gradebook in the same run (aim: <= 2x).

Both run as an instructor runs them: a fresh process each (imports and nbgrader's start-up
paid), on one SQLite gradebook built through nbgrader's API with the class pattern of
bench/dashboard_fixture.py. Run: python bench/dashboard.py [--trainees N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
import dashboard_fixture as fx  # noqa: E402

BIN = Path(sys.executable).parent


def best_of(cmd: list[str], cwd: Path, repeat: int) -> float:
    env = dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = fx.build(root / "gradebook.db", args.trainees)
        # a course root whose config names this gradebook, read by both commands
        (root / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\n"
            f"c.CourseDirectory.db_url = {url!r}\n", encoding="utf-8")
        export = best_of([str(BIN / "nbgrader"), "export", "--to", str(root / "grades.csv")],
                         root, args.repeat)
        dashboard = best_of([str(Path(sys.executable).parent / "course-instructor"), "dashboard",
                             "--root", str(root)], root, args.repeat)
    print(f"{args.trainees} trainees x 9 assignments, best of {args.repeat}:")
    print(f"  nbgrader export     {export:6.2f} s")
    print(f"  make dashboard      {dashboard:6.2f} s")
    print(f"  ratio               {dashboard / export:6.2f}  (aim <= 2)")


if __name__ == "__main__":
    main()
