"""Print the mutation score of the last `make mutate` (mutants/mutmut-cicd-stats.json).

Killed and timed-out mutants count as caught; mutants no test reaches ("no tests") count as
survivors, since nothing would notice them either. Exit 1 under the aim (90 %).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

AIM = 90.0


def main() -> int:
    stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    caught = stats["killed"] + stats["timeout"]
    missed = stats["survived"] + stats["no_tests"] + stats["suspicious"]
    score = 100.0 * caught / max(caught + missed, 1)
    print(f"mutation score: {caught} of {caught + missed} mutants killed ({score:.0f} %, aim >= "
          f"{AIM:.0f} %); {stats['survived']} survived, {stats['no_tests']} reached by no test "
          f"(mutmut results, mutmut show NAME)")
    return 0 if score >= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
