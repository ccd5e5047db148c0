"""The course checkout the instructor tools work on (data/, notebooks/, assignments/).

The package is installed editable from the checkout (`make`), so the checkout is the folder
above it; $COURSE_REPO points elsewhere (a copy of the course, a non-editable install).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(os.environ.get("COURSE_REPO") or Path(__file__).resolve().parents[1])
