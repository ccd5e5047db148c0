"""Estimate each module's learner time: words to read at a stated speed plus time per activity.

The method is set out in docs/EDITORIAL.md. `--check` exits 1 when data/modules.yaml states
a time that differs from the estimate (a test runs it), so the promise cannot drift from the
content. Without `--check` it prints one row per module.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import yaml

from course_instructor.repo import REPO as ROOT

# Carver (1992) measured about 200 words a minute for the "learning" reading process of
# college readers; we assume 150 for civil servants studying unfamiliar technical prose.
WORDS_PER_MINUTE = 150
# Minutes per activity; a plan field is written once, a case prompt is discussed briefly.
ACTIVITY_MINUTES = {
    "quiz": 1.5,
    "explore": 6,
    "case": 3,
    "plan_text": 3,
    "plan_rating": 0.5,
    "plan_table": 5,
    "plan_choice": 1,
    "plan_number": 0.5,
    "plan_list": 3,
    "try_it": 5,
    "discuss": 3,
}
CALL = re.compile(r'cl\.(quiz|explore|case|plan_form)\("([^"]+)"')
COMMENT = re.compile(r"<!--.*?-->", re.S)
# The English line of a bilingual cell (one italic line without Cyrillic, as under the
# how-to-start line) is for the English track: a trainee reading Mongolian skips it.
ENGLISH_LINE = re.compile(r"^\*[^*\n\u0400-\u04ff]+\*(?:<br>)?[ \t]*$", re.M)


def _words(text: str) -> int:
    text = ENGLISH_LINE.sub("", COMMENT.sub("", text))
    return len(re.findall(r"[^\W\d_]+", text))


def _bank_texts(question: dict) -> list[str]:
    texts = [question["prompt"]["mn"]]
    for key in ("options", "left", "right", "items"):
        texts += [o["text"]["mn"] for o in question.get(key, [])
                  if isinstance(o, dict) and "text" in o]
    return texts


def _index(folder: str, key: str) -> dict[str, dict]:
    found = {}
    for path in sorted((ROOT / "data" / folder).glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get(key, []):
            found[item["id"]] = item
    return found


def estimate(notebook: Path, bank: dict, cases: dict) -> tuple[int, float, float]:
    """(words read, reading minutes, activity minutes) for one module notebook."""
    words, activity = 0, 0.0
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += _words(text)
            activity += ACTIVITY_MINUTES["try_it"] * text.count("✍️")
            activity += ACTIVITY_MINUTES["discuss"] * text.count("🗨")
            continue
        for kind, arg in CALL.findall(text):
            if kind == "quiz":  # one id, or a whole bank ("m09")
                items = [q for qid, q in bank.items() if qid == arg or qid.startswith(arg + ".")]
                words += sum(_words(t) for q in items for t in _bank_texts(q))
                activity += ACTIVITY_MINUTES["quiz"] * len(items)
            elif kind == "case":
                words += _words(cases[arg]["body"]["mn"])
                activity += ACTIVITY_MINUTES["case"]
            elif kind == "explore":
                activity += ACTIVITY_MINUTES["explore"]
            else:
                activity += _plan_minutes(arg)
    return words, words / WORDS_PER_MINUTE, activity


def _plan_minutes(module_id: str) -> float:
    path = next((ROOT / "data" / "plan").glob(f"{module_id[1:]}_*.yaml"))
    fields = yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]
    return sum(ACTIVITY_MINUTES[f"plan_{f.get('kind', 'text')}"] for f in fields)


def rounded(minutes: float) -> int:
    """Up to the next 5 minutes: a promise a trainee can keep."""
    return 5 * math.ceil(minutes / 5)


def stated_minutes() -> dict[str, int]:
    """The minutes data/modules.yaml promises, by module id."""
    course = yaml.safe_load((ROOT / "data" / "modules.yaml").read_text(encoding="utf-8"))
    return {m["id"]: m["minutes"] for m in course["modules"]}


def main(argv: list[str]) -> int:
    bank, cases = _index("questions", "questions"), _index("cases", "cases")
    stated = stated_minutes()
    wrong = 0
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        module_id = f"m{notebook.name[:2]}"
        words, reading, activity = estimate(notebook, bank, cases)
        total = rounded(reading + activity)
        if "--check" in argv and stated[module_id] != total:
            print(f"{module_id}: data/modules.yaml says {stated[module_id]} min, "
                  f"the estimate is {total}")
            wrong += 1
        elif "--check" not in argv:
            print(f"{module_id}\t{words} words\t{reading:.0f} min reading\t"
                  f"{activity:.0f} min activities\t= {total} min")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
