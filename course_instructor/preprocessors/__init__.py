"""nbgrader preprocessors of the course (assignments/nbgrader_config.py plugs them in)."""
