"""How much of the trainee's route through JupyterLab the Mongolian pack translates:
``make translations`` (``course-author translations``).

The route is data (packages/jupyterlab-language-pack-mn-MN/route.yaml: message ids by domain
and place); the translations are the pack's .po files. Prints the share of the route
translated, each missing message with its place, and what no pack can translate. Exit 0 when
the whole route is translated, 1 otherwise.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from course_instructor.repo import REPO as ROOT  # noqa: E402

PACK = ROOT / "packages" / "jupyterlab-language-pack-mn-MN"
MESSAGES = PACK / "jupyterlab_language_pack_mn_MN" / "locale" / "mn_MN" / "LC_MESSAGES"


@dataclass(frozen=True)
class Message:
    domain: str
    place: str
    msgid: str
    context: str | None = None


def route(pack: Path = PACK) -> list[Message]:
    data = yaml.safe_load((pack / "route.yaml").read_text(encoding="utf-8"))
    return [Message(domain, place, e["msgid"], e.get("context"))
            for domain, places in data["route"].items()
            for place, entries in places.items() for e in entries]


def not_translatable(pack: Path = PACK) -> list[dict]:
    data = yaml.safe_load((pack / "route.yaml").read_text(encoding="utf-8"))
    return data.get("not_translatable", [])


def translations(messages: Path = MESSAGES) -> dict[tuple[str, str | None, str], str]:
    """(domain, context, msgid) -> msgstr for every translated entry of the pack's .po files."""
    found = {}
    for path in sorted(messages.glob("*.po")):
        for entry in polib.pofile(str(path)).translated_entries():
            text = entry.msgstr or (entry.msgstr_plural or {}).get(0, "")
            found[(path.stem, entry.msgctxt, entry.msgid)] = text
    return found


def coverage(pack: Path = PACK) -> tuple[int, int, list[Message]]:
    """(translated, total, missing messages) over the route."""
    done = translations(pack / MESSAGES.relative_to(PACK))
    messages = route(pack)
    missing = [m for m in messages if (m.domain, m.context, m.msgid) not in done]
    return len(messages) - len(missing), len(messages), missing


def main() -> int:
    translated, total, missing = coverage()
    print(f"JupyterLab in Mongolian: {translated} of {total} messages on the trainee's route "
          f"translated ({100 * translated / total:.1f}%)")
    for m in missing:
        where = f"{m.domain}, {m.place}" + (f", context {m.context}" if m.context else "")
        print(f"  missing ({where}): {m.msgid!r}")
    blocked = not_translatable()
    if blocked:
        print(f"{len(blocked)} string(s) on the route no language pack can translate "
              "(route.yaml, not_translatable):")
        for item in blocked:
            print(f"  {item['text']!r}: {item['why']}")
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
