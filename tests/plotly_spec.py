"""Hold the library's plain figure specs to plotly's own validators.

The kernel never imports plotly (course_lib/figures/_spec.py); the tests do, so a property
plotly.js would ignore (a typo, a wrong nesting) fails here instead of vanishing from a chart.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
from _plotly_utils.utils import PlotlyJSONEncoder

from course_lib.figures._spec import Figure


def _pruned(value):
    # plotly drops empty objects (an unset title); compare without them
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def validated(spec: Figure) -> go.Figure:
    """plotly's Figure for ``spec``; raises if plotly rejects or silently changes any part."""
    assert isinstance(spec, Figure), type(spec)
    fig = go.Figure(spec.to_json())  # ValueError on any property plotly does not know
    made = json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))
    made["layout"].pop("template", None)
    assert _pruned(made) == _pruned(spec.to_json())
    return fig
