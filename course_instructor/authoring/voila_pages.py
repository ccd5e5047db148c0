"""Write the course's page list for `make app` (Voilà's `course` template) from the course map.

The template (share/jupyter/voila/templates/course/, found through `JUPYTER_PATH`) draws the
page list and every module page in Mongolian with a `<main>` landmark; which modules there
are, in which order, under which titles, is data (data/modules.yaml, data/locale/core.yaml).
Jinja cannot read YAML, so this writes that data once as a Jinja file beside the template,
`course_pages.j2`; `--check` exits 1 when it is out of date (a test runs it).
"""

from __future__ import annotations

import json
import sys

from course_instructor.repo import REPO as ROOT
from course_lib.content.course_map import modules
from course_lib.i18n import t

TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "course"
OUT = TEMPLATE / "course_pages.j2"
LANG = "mn"


def _literal(value) -> str:
    # a JSON string or list of objects is also a Jinja literal (same quoting and escapes)
    return json.dumps(value, ensure_ascii=False, indent=1)


def text() -> str:
    pages = [{"file": m.notebook, "number": m.number, "title": m.title(LANG),
              "desc": m.desc(LANG), "time": t("app.minutes", lang=LANG, minutes=m.minutes)}
             for m in modules()]
    lines = [
        "{#- Written by `course-author voila-pages` from data/modules.yaml and data/locale;",
        "    edit those, then run `make voila-pages`. -#}",
        f"{{%- set lang = {_literal(LANG)} -%}}",
        f"{{%- set course_title = {_literal(t('app.course_title', lang=LANG))} -%}}",
        f"{{%- set pages_title = {_literal(t('app.pages_title', lang=LANG))} -%}}",
        f"{{%- set pages_intro = {_literal(t('app.pages_intro', lang=LANG))} -%}}",
        f"{{%- set other_pages = {_literal(t('app.other_pages', lang=LANG))} -%}}",
        f"{{%- set course_pages = {_literal(pages)} -%}}",
    ]
    return "\n".join(lines) + "\n"


def update(check: bool = False) -> list[str]:
    new = text()
    if OUT.exists() and OUT.read_text(encoding="utf-8") == new:
        return []
    if not check:
        OUT.write_text(new, encoding="utf-8")
    return [str(OUT.relative_to(ROOT))]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = update(check=check)
    if check and names:
        print("out of date (run `make voila-pages`):", ", ".join(names))
        return 1
    print("voila pages:", ", ".join(names) if names else "up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
