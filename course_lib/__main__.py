"""python -m course_lib: validate | progress export/import | plan export."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
