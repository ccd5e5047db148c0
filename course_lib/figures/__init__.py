"""Figure builders: numbers and labels in, a plain plotly figure spec out (one idea per file)."""
