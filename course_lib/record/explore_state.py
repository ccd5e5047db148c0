"""Where an exploration's controls were left (sliders, a name typed in), kept across restarts.

Not part of the plan or of progress: it only lets ``cl.explore("wave")`` reopen as the trainee
left it, so it is not exported and does not notify the record's views. No widgets here.
"""

from __future__ import annotations

import json

from . import changes
from . import store as record


def load_state(name: str) -> dict:
    """Control name -> value as last saved for exploration ``name``; {} when there is none or
    the record cannot be read (the exploration then opens at its defaults)."""
    try:
        with record.connect() as conn:
            row = conn.execute("SELECT value FROM explore_state WHERE name = ?",
                               (name,)).fetchone()
        value = json.loads(row[0]) if row else {}
    except (record.RecordError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def save_state(name: str, values: dict) -> bool:
    """Store the controls of exploration ``name``; False when the record cannot be written."""
    try:
        with changes.writing():
            with record.connect(write=True) as conn:
                conn.execute(
                    "INSERT INTO explore_state (name, value, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET value = excluded.value, "
                    "updated_at = excluded.updated_at",
                    (name, record.answer_json(values), record.now_iso()))
            changes.quiet()
    except record.RecordError:
        return False
    return True
