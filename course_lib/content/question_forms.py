"""Scenario share of each module's self-checks, from the banks' ``form`` field (issue 24, point 5).

``validate`` prints one line per module («m05: 11 of 21 self-checks are scenarios (52%)») and
fails a module under half scenarios, but only once every self-check of modules 01–09 says its
form: while the content branches are still adding the field, a bank without it is reported, not
failed. Module 00 (the practice quiz on using a notebook) and likert self-ratings carry no form.
"""

from __future__ import annotations

from .loading import Problem

# The switch: True makes a missing form an error and always enforces the share. Set it once
# every bank carries the field (after the content branches are merged).
FORM_REQUIRED = False
MIN_SCENARIO_SHARE = 0.5
EXEMPT_MODULES = {"m00"}


def _items(bank: dict) -> list[dict]:
    return [q for q in bank["questions"] if q["kind"] != "likert"]


def form_report(banks: dict[str, dict]) -> tuple[list[str], list[Problem]]:
    """(lines for the report, problems) over schema-valid banks keyed by display name."""
    counted = {name: _items(bank) for name, bank in sorted(banks.items())
               if bank["module"] not in EXEMPT_MODULES}
    missing = {name: [q["id"] for q in items if "form" not in q]
               for name, items in counted.items()}
    enforce = FORM_REQUIRED or not any(missing.values())
    lines, problems = [], []
    for name, items in counted.items():
        module = banks[name]["module"]
        scenarios = sum(q.get("form") == "scenario" for q in items)
        share = scenarios / len(items) if items else 1.0
        line = (f"{module}: {scenarios} of {len(items)} self-checks are scenarios "
                f"({share:.0%})")
        if missing[name]:
            line += f"; {len(missing[name])} without a form"
            if FORM_REQUIRED:
                problems += [Problem(name, "say 'form: scenario' or 'form: recall'",
                                     f"question {qid}", "form") for qid in missing[name]]
        lines.append(line)
        if enforce and share < MIN_SCENARIO_SHARE:
            problems.append(Problem(name, f"{scenarios} of {len(items)} self-checks are "
                                          f"scenarios ({share:.0%}); at least "
                                          f"{MIN_SCENARIO_SHARE:.0%} must put the trainee in a "
                                          "workplace situation", field="form"))
    if not enforce:
        lines.append("scenario share not enforced yet: some self-checks carry no form")
    return lines, problems
