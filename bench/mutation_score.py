"""`make mutate`: mutation testing of the five security and scoring targets, target by target.

    python bench/mutation_score.py --run [TARGET ...]   # mutmut run on those targets, then report
    python bench/mutation_score.py [TARGET ...]         # report the last run (mutants/*.meta)

Each target is its module(s); mutmut runs a mutant only against the tests that call the mutated
function (the fast unit tests listed in pyproject's [tool.mutmut]), so one mutant takes seconds.
Killed and timed-out mutants count as caught; survivors and mutants no test reaches count as
missed (nothing would notice them either). EQUIVALENT lists the mutants that cannot change
behaviour, each with its reason; they leave the count. Exit 1 when a target is under the aim.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import subprocess
import sys
from pathlib import Path

AIM = 90.0
MUTMUT = Path(sys.executable).with_name("mutmut")

# target -> the modules mutated for it
TARGETS = {
    "scoring": ["course_lib/content/scoring.py"],
    "record_write": ["course_lib/record/store.py"],
    "read_as_data": ["course_instructor/preprocessors/read_as_data.py"],
    "feedback_safety": ["course_instructor/preprocessors/feedback_safety.py",
                        "course_instructor/preprocessors/trainee_html.py"],
    "glossary": ["course_lib/content/glossary.py"],
}

# mutant name -> why no test can tell it from the original (keep this short and honest).
# Names hold while their function is unchanged; `make mutate` flags a name no longer produced.
_S, _R = "course_lib.content.scoring.", "course_lib.record.store."
_D, _F = "course_instructor.preprocessors.read_as_data.", "course_instructor.preprocessors."
_G = "course_lib.content.glossary."
_AUTOCOMMIT = "one statement on an autocommit connection is atomic with or without BEGIN"
_FALLBACK = "t() falls back to Mongolian for a language it does not know, so 'mn' either way"
_NO_SOURCE = "only a cell with no 'source' (invalid nbformat) reaches the default"
EQUIVALENT: dict[str, str] = {
    _S + "x__graded__mutmut_12": "no kind scores above 1, so min(2.0, s) is min(1.0, s)",
    _S + "x_check_ordering__mutmut_37": "two distinct items never share a place: < is <=",
    _R + "x_answer_json__mutmut_2": "ensure_ascii=None is falsy, as False",
    _R + "x_store_attempt__mutmut_16": _AUTOCOMMIT + " (the best-scores read after it is "
                                                     "right either way)",
    _R + "x_store_attempt__mutmut_17": _AUTOCOMMIT + " (as above)",
    _R + "x_save_plan_field__mutmut_2": _AUTOCOMMIT,
    _R + "x_save_plan_field__mutmut_3": _AUTOCOMMIT,
    _R + "x_attempts__mutmut_28": "zip strictness: the SELECT has exactly the seven keys",
    _R + "x_attempts__mutmut_31": "zip strictness: the SELECT has exactly the seven keys",
    _R + "x_attempts__mutmut_32": "zip strictness: the SELECT has exactly the seven keys",
    _R + "x_parse_time__mutmut_8": "Python 3.11+ reads 'Z' itself; the replace is for 3.10",
    _R + "x_parse_time__mutmut_9": "Python 3.11+ reads 'Z' itself; the replace is for 3.10",
    _D + "x__both__mutmut_5": _FALLBACK,
    _D + "x__both__mutmut_6": _FALLBACK,
    _D + "xǁReadAsDataǁ_not_run__mutmut_18": _NO_SOURCE,
    _D + "xǁReadAsDataǁ_not_run__mutmut_20": _NO_SOURCE,
    _D + "xǁReadAsDataǁ_not_run__mutmut_23": _NO_SOURCE,
    _F + "feedback_safety.x__both__mutmut_5": _FALLBACK,
    _F + "feedback_safety.x__both__mutmut_6": _FALLBACK,
    _G + "x_stem_spans__mutmut_28": "the gap between two words holds no letter, so no 'X'",
    _G + "x_find_forbidden__mutmut_30": "recomputing the term spans gives the same spans",
}

CAUGHT = {1, 3, 36, 24, -24, 152, 255}  # killed (pytest failed or errored) or timed out
MISSED = {0, 5, 33}  # survived, or no test reached it


def module_glob(path: str) -> str:
    """mutmut's name pattern for every mutant of one source file."""
    return path.removesuffix(".py").replace("/", ".") + ".*"


def results(path: str) -> dict[str, int | None]:
    meta = Path("mutants") / (path + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def report(names: list[str]) -> int:
    short = 0
    for name in names:
        caught = missed = equivalent = 0
        survivors = []
        for path in TARGETS[name]:
            for mutant, code in results(path).items():
                if mutant in EQUIVALENT:
                    equivalent += 1
                elif code in CAUGHT:
                    caught += 1
                elif code in MISSED or code is None:
                    missed += 1
                    survivors.append(mutant)
                else:  # suspicious, segfault, interrupted: not a kill we can trust
                    missed += 1
                    survivors.append(f"{mutant} (exit {code})")
        produced = {m for path in TARGETS[name] for m in results(path)}
        for mutant in sorted(m for m in EQUIVALENT if m not in produced
                             and any(fnmatch.fnmatch(m, module_glob(p)) for p in TARGETS[name])):
            print(f"    EQUIVALENT lists {mutant}, which this run did not produce: check it")
        total = caught + missed
        if not total:
            print(f"{name:16} no results: run `make mutate TARGET={name}`")
            short += 1
            continue
        score = 100.0 * caught / total
        verdict = "ok" if score >= AIM else f"UNDER the aim of {AIM:.0f} %"
        print(f"{name:16} {caught:4} of {total:4} killed ({score:5.1f} %, {equivalent} "
              f"equivalent left out) {verdict}")
        for mutant in survivors:
            print(f"    survived: {mutant}")
        short += score < AIM
    if short:
        print("see a survivor with `.venv/bin/mutmut show NAME`")
    return 1 if short else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help=f"one or more of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--run", action="store_true", help="run mutmut on them first")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        print(f"unknown target {', '.join(unknown)}; the targets are {', '.join(TARGETS)}")
        return 2
    names = args.targets or list(TARGETS)
    stale = [m for m in EQUIVALENT if not any(fnmatch.fnmatch(m, module_glob(p))
                                              for t in TARGETS.values() for p in t)]
    if stale:
        print(f"EQUIVALENT names a mutant of no target: {', '.join(stale)}")
        return 2
    if args.run:
        for name in names:  # one target at a time: each mutmut run re-tests its mutants afresh
            globs = [module_glob(p) for p in TARGETS[name]]
            print(f"== {name}: mutmut run {' '.join(globs)}", flush=True)
            subprocess.run([str(MUTMUT), "run", "--max-children", str(args.max_children),
                            *globs], stdout=subprocess.DEVNULL, check=False)
    return report(names)


if __name__ == "__main__":
    sys.exit(main())
