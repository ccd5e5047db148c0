"""The instructor's class dashboard (``make dashboard``): one offline page from the gradebook.

Instructor tooling, never shipped to learners (``make learner-dist`` copies notebooks,
course_lib/ and data/ only). source.py reads the gradebook and the objectives, stats.py
computes every number (no plotly), spec.py turns them into plain plotly JSON, page.py writes
the HTML pages and the per-trainee CSV, build.py ties them together.
"""
