"""Pure plotly figure builders: numbers and labels in, ``go.Figure`` out (one idea per file)."""
